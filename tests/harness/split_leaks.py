#!/usr/bin/env python3
"""Hands each object of a kmemleak report to the scenario that allocated it.

  split_leaks.py RESULTS WINDOWS < REPORT

WINDOWS has one line "JIFFIES NAME" per scenario, in the order they ran,
JIFFIES being the kernel's tick count when NAME started. Each report block
("unreferenced object ...", with "jiffies N" saying when it was allocated)
is appended to RESULTS/NAME/kmemleak for the last NAME that started at or
before N; objects older than the first window go to the first name.
"""
import re
import sys
from pathlib import Path


def owner(windows, at):
    who = windows[0][1]
    for start, name in windows:
        if start <= at:
            who = name
    return who


def blocks(report):
    block = []
    for line in report:
        if line.startswith("unreferenced object") and block:
            yield block
            block = []
        block.append(line)
    if block:
        yield block


def main():
    results, windows_file = Path(sys.argv[1]), sys.argv[2]
    windows = []
    for line in open(windows_file):
        start, name = line.split(maxsplit=1)
        windows.append((int(start), name.strip()))
    if not windows:
        sys.exit("split_leaks: no scenario windows")
    for block in blocks(sys.stdin):
        found = re.search(r"jiffies (\d+)", "".join(block[:3]))
        # Without an allocation time, the first window (boot) owns it.
        name = owner(windows, int(found.group(1))) if found else windows[0][1]
        with open(results / name / "kmemleak", "a") as out:
            out.writelines(block)


if __name__ == "__main__":
    main()
