"""Injects COUNT radiotap + 802.11 data frames (broadcast, 200-byte body) on
monitor interface IFNAME, as fast as the socket takes them or, with RATE,
at RATE frames per second; prints the seconds it took. Used by the
capture-under-flood scenario and benchmark, and to keep traffic on the
emulated dongle, whose receive path on a TCG guest carries tens of frames
per second: a faster flood only burns the CPU the path needs. load_cycles.py
imports flood()."""
import socket
import struct
import sys
import time


def flood(ifname, count, rate=0.0):
    """Sends count frames on ifname; returns the seconds it took."""
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    try:
        s.bind((ifname, 0))
        radiotap = struct.pack("<BBHI", 0, 0, 8, 0)
        src = bytes.fromhex("020000000099")
        frame = radiotap + struct.pack("<HH6s6s6sH", 0x0008, 0, b"\xff" * 6, src, src, 0) + b"x" * 200
        t0 = time.monotonic()
        sent = 0
        while sent < count:
            if rate > 0:
                # Catch up with the schedule, then sleep until the next frame is due.
                due = t0 + sent / rate
                now = time.monotonic()
                if due > now:
                    time.sleep(due - now)
            try:
                s.send(frame)
                sent += 1
            except OSError:
                # The queue is full: let the radio drain it.
                time.sleep(0.001)
        return time.monotonic() - t0
    finally:
        s.close()


if __name__ == "__main__":
    secs = flood(sys.argv[1], int(sys.argv[2]), float(sys.argv[3]) if len(sys.argv) > 3 else 0.0)
    print(round(secs, 3))
