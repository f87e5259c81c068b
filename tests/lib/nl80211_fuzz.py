#!/usr/bin/env python3
"""Random nl80211 requests against the radios of the loaded driver.

  nl80211_fuzz.py COUNT SEED [--netns-victim NAME] [--log PATH] [--timeout S]

Resolves the nl80211 family, lists the wiphys and interfaces of this network
namespace (GET_WIPHY, GET_INTERFACE dumps), then sends COUNT requests drawn
from: NEW_INTERFACE / DEL_INTERFACE (fz0..fz7: station, AP, monitor, IBSS,
mesh point, P2P), SET_INTERFACE, TRIGGER_SCAN, ABORT_SCAN, CONNECT,
DISCONNECT, SET_WIPHY (channel, TX power, RTS/fragmentation threshold,
retries, coverage class), SET_CHANNEL, JOIN_IBSS / LEAVE_IBSS, START_AP /
STOP_AP, JOIN_MESH / LEAVE_MESH, GET_STATION / GET_SCAN / GET_SURVEY dumps,
GET_REG, GET_WIPHY / GET_INTERFACE, commands by random number, and
interfaces up and down (rtnetlink, never malformed: it only moves the radios
into states the nl80211 requests need). About half of the nl80211 requests
are malformed: an attribute of the wrong size or type, a truncated
attribute, a lying nla_len or nlmsg_len, unknown, misplaced or missing
attributes, huge payloads, a random command number, flags, or a random
ifindex / wiphy / wdev. The same SEED against the same radios sends the same
requests.

The kernel's answers are counted, not judged (errors are the point). A
socket error (ENOBUFS, EMSGSIZE) or an answer that does not come within the
timeout (5 s; 0.25 s when the request asks for none) is counted too, and
nothing in an answer is trusted. It keeps at most 8 interfaces of its own;
at the end it deletes them, puts back the wiphy settings it may have
changed (retries, thresholds, coverage class; TX power automatic), and
prints one line:
  sent N, acked A, errors {EINVAL: x, ...}, unanswered U (E expected), ...
Exit status 0; 1 when there is no nl80211 family or NAME could not be
deleted. With no wiphy in the namespace it says so and fuzzes anyway.

Random command numbers never include SET_REG, REQ_SET_REG, RELOAD_REGDB and
SET_WIPHY_NETNS, nor random attributes WIPHY_NAME, PID and NETNS_FD: they
change what lies beyond the radios under test (the system's regulatory
domain, a wiphy's namespace or name).

--netns-victim NAME  `ip netns del NAME` after half of the requests (the
                     namespace holds a radio); the requests go on, and
                     the radio a deleted namespace returns becomes a target.
--log PATH           one line per request before it is sent ("> INDEX
                     MONOTONIC-TIME OP [MUTATIONS] LEN HEX", HEX cut at 256
                     bytes) and one with its outcome ("< INDEX OUTCOME");
                     default $RWLAN_OUT/nl80211-fuzz.log when RWLAN_OUT is
                     set. Every 5000 requests the file moves to PATH.1, so
                     the last 5000-10000 requests are kept. The time is
                     CLOCK_MONOTONIC, which is close to dmesg's clock;
                     "nl80211_fuzz:" lines in the kernel log (start, the
                     victim's deletion, end) mark the run as well.
"""
import argparse
import errno
import os
import random
import socket
import struct
import subprocess
import sys
import time

from nl80211_mutations import Mutations
from nl80211_requests import RequestBuilders
from nl80211_wire import *  # noqa: F401,F403 (numbers and encoders)


class Fuzzer(RequestBuilders, Mutations):
    def __init__(self, count, seed, victim, log_path, timeout):
        self.count, self.victim, self.timeout = count, victim, timeout
        self.rnd = random.Random(seed)
        self.seed = seed
        self.nl = Nl(NETLINK_GENERIC)
        self.rt = Nl(NETLINK_ROUTE)
        self.family = self.resolve()
        self.log = Log(log_path)
        self.wiphys = {}       # idx -> {"name": str, attr: saved payload}
        self.ifaces = []       # {"ifindex", "name", "wiphy", "wdev", "iftype", "mac"}
        self.created = set()   # wdev ids of interfaces this run made
        self.sent = self.acked = self.unanswered = self.unanswered_expected = 0
        self.failed_refreshes = 0
        self.initial_wdevs = None
        self.seen_own = set()  # wdev ids of its interfaces seen in a listing
        self.errors = {}
        self.sockerr = {}
        self.per_op = {}
        self.refresh()
        self.initial_wiphys = set(self.wiphys)
        self.initial_wdevs = {i["wdev"] for i in self.ifaces if i["wdev"] is not None}
        self.saved = {idx: {a: w[a] for a in SAVED if a in w} for idx, w in self.wiphys.items()}

    # --- the kernel's view -------------------------------------------------

    def resolve(self):
        family = resolve_family(self.nl, "nl80211")
        if isinstance(family, str):
            sys.exit("nl80211_fuzz: no nl80211 generic netlink family (%s): is cfg80211 loaded?" % family)
        return family

    def dump(self, cmd, payload):
        """The attribute dicts a well-formed dump returns (None if it fails)."""
        seq = self.nl.next_seq()
        msg = genl_msg(self.family, cmd, payload, NLM_F_REQUEST | NLM_F_ACK | NLM_F_DUMP, seq)
        out, msgs, _ = self.nl.exchange(msg, seq, max(self.timeout, 10))
        if out != 0:
            return None
        return [parse_attrs(body[4:]) for _, body in msgs if len(body) >= 4]

    def refresh(self):
        """Lists the wiphys and interfaces again (keeps the old lists when a
        dump fails)."""
        wdumps = self.dump(C_GET_WIPHY, attr(A_SPLIT_WIPHY_DUMP, b""))
        idumps = self.dump(C_GET_INTERFACE, b"")
        if wdumps is None or idumps is None:
            self.failed_refreshes += 1
            return
        wiphys = {}
        for a in wdumps:
            idx = num(a.get(A_WIPHY, b""))
            if idx is None:
                continue
            w = wiphys.setdefault(idx, {})
            if A_WIPHY_NAME in a:
                w["name"] = text(a[A_WIPHY_NAME])
            for k in SAVED:
                if k in a:
                    w[k] = a[k]
        ifaces = []
        for a in idumps:
            ifaces.append({"ifindex": num(a.get(A_IFINDEX, b"")), "name": text(a.get(A_IFNAME, b"")),
                           "wiphy": num(a.get(A_WIPHY, b"")), "wdev": num(a.get(A_WDEV, b"")),
                           "iftype": num(a.get(A_IFTYPE, b"")), "mac": a.get(A_MAC, b"")})
        self.wiphys, self.ifaces = wiphys, ifaces
        if self.initial_wdevs is not None:
            self.seen_own.update(i["wdev"] for i in self.own() if i["wdev"] is not None)

    def builders(self):
        b = [
            (10, self.b_new_interface), (6, self.b_del_interface), (8, self.b_set_interface),
            (8, self.b_trigger_scan), (3, self.b_abort_scan), (6, self.b_connect), (4, self.b_disconnect),
            (10, self.b_set_wiphy), (4, self.b_dump_of("GET_STATION", C_GET_STATION)),
            (4, self.b_dump_of("GET_SCAN", C_GET_SCAN)), (3, self.b_dump_of("GET_SURVEY", C_GET_SURVEY)),
            (5, self.b_set_channel), (4, self.b_join_ibss),
            (3, self.b_leave("LEAVE_IBSS", C_LEAVE_IBSS, [T_ADHOC])),
            (3, self.b_start_ap), (2, self.b_leave("STOP_AP", C_STOP_AP, [T_AP, T_P2P_GO])),
            (3, self.b_join_mesh), (2, self.b_leave("LEAVE_MESH", C_LEAVE_MESH, [T_MESH])),
            (3, self.b_get_reg), (3, self.b_get_info), (6, self.b_random_cmd),
        ]
        return [w for w, _ in b], [f for _, f in b]

    def tally(self, op, outcome):
        per = self.per_op.setdefault(op, {})
        key = outcome_name(outcome)
        per[key] = per.get(key, 0) + 1

    def count_outcome(self, outcome, expected):
        if outcome == "timeout":
            self.unanswered += 1
            self.unanswered_expected += 0 if expected else 1
        elif isinstance(outcome, str):
            k = outcome.split(":", 1)[-1]
            self.sockerr[k] = self.sockerr.get(k, 0) + 1
        elif outcome == 0:
            self.acked += 1
        else:
            k = outcome_name(outcome)
            self.errors[k] = self.errors.get(k, 0) + 1

    def link(self, i):
        """An interface up or down (rtnetlink, well-formed)."""
        ifc = self.pick([x for x in self.ifaces if x["ifindex"] is not None])
        if ifc is None:
            return False
        up = self.rnd.random() < 0.65
        seq = self.rt.next_seq()
        body = struct.pack("=BxHIII", socket.AF_UNSPEC, 0, ifc["ifindex"] & 0xFFFFFFFF,
                           IFF_UP if up else 0, IFF_UP)
        msg = struct.pack("=IHHII", 16 + len(body), RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK, seq, 0) + body
        op = "LINK_UP" if up else "LINK_DOWN"
        self.log.request(i, op, "%s(%s)" % (ifc["name"], ifc["ifindex"]), msg)
        out, _, txt = self.rt.exchange(msg, seq, self.timeout)
        self.log.outcome(i, out, txt)
        self.count_outcome(out, True)
        self.tally(op, out)

    def one(self, i, weights, builders):
        if self.rnd.random() < 0.08 and self.link(i) is not False:
            return
        req = self.rnd.choices(builders, weights)[0]()
        if req.cmd == C_NEW_INTERFACE and len(self.own()) >= MAX_OWN:
            req = self.b_del_interface()
        if self.rnd.random() < 0.5:
            self.mutate(req)
        if req.cmd == C_NEW_INTERFACE and len(self.own()) >= MAX_OWN:
            return self.one(i, weights, builders)   # a mutation made it one
        seq = self.nl.next_seq()
        msg = req.encode(self.family, seq)
        if req.nlmsg_len == "short":
            msg = struct.pack("=I", self.rnd.randrange(16, len(msg)) if len(msg) > 16 else 8) + msg[4:]
        elif req.nlmsg_len == "long":
            msg = struct.pack("=I", len(msg) + self.rnd.randrange(1, 200)) + msg[4:]
        ln, flags = struct.unpack("=IH", msg[:4] + msg[6:8])
        expected = 16 <= ln <= len(msg) and bool(flags & NLM_F_ACK)
        self.log.request(i, req.op, ",".join(req.mutations), msg)
        out, msgs, txt = self.nl.exchange(msg, seq, self.timeout if expected else 0.25)
        self.log.outcome(i, out, txt)
        self.count_outcome(out, expected)
        self.tally(req.op, out)
        if req.cmd == C_NEW_INTERFACE or (msg[16:17] == bytes([C_NEW_INTERFACE])):
            for _, body in msgs:
                wdev = num(parse_attrs(body[4:]).get(A_WDEV, b""))
                if wdev is not None:
                    self.created.add(wdev)
            if out == 0 or isinstance(out, str):
                self.refresh()
        elif req.cmd in (C_DEL_INTERFACE, C_SET_INTERFACE) and out == 0:
            self.refresh()

    def kmsg(self, line):
        try:
            with open("/dev/kmsg", "w") as f:
                f.write("nl80211_fuzz: %s\n" % line)
        except OSError:
            pass

    def delete_victim(self, i):
        self.kmsg("request %d: deleting netns %s" % (i, self.victim))
        self.log.note("deleting netns %s before request %d" % (self.victim, i))
        try:
            p = subprocess.run(["ip", "netns", "del", self.victim], capture_output=True, text=True)
            err = p.stderr.strip() if p.returncode else None
        except OSError as e:
            err = str(e)
        if err is not None:
            print("nl80211_fuzz: ip netns del %s failed: %s" % (self.victim, err), file=sys.stderr)
            return False
        time.sleep(1)   # the namespace goes in a workqueue; its radio comes back
        self.refresh()
        return True

    def run(self):
        if not self.wiphys:
            print("nl80211_fuzz: no wiphy in this network namespace; fuzzing nl80211 without radios",
                  file=sys.stderr)
        self.kmsg("start: %d requests, seed %d, wiphys %s" % (self.count, self.seed, sorted(self.wiphys)))
        self.log.note("seed %d, wiphys %r, interfaces %r" % (self.seed, self.wiphys,
                      [(x["name"], x["ifindex"], x["wiphy"], x["iftype"]) for x in self.ifaces]))
        weights, builders = self.builders()
        victim_ok = True
        t0 = time.monotonic()
        for i in range(self.count):
            if self.victim and i == self.count // 2:
                victim_ok = self.delete_victim(i)
            if i % 50 == 49:
                self.refresh()
            self.one(i, weights, builders)
            self.sent += 1
        left = self.cleanup()
        secs = time.monotonic() - t0
        summary = ("sent %d, acked %d, errors %s, unanswered %d (%d expected), socket errors %s, "
                   "stray answers %d, interfaces made %d, left %d, %.1f s"
                   % (self.sent, self.acked, counts(self.errors), self.unanswered, self.unanswered_expected,
                      counts(self.sockerr), self.nl.stray, len(self.created | self.seen_own), left, secs))
        if self.failed_refreshes:
            self.log.note("%d listings failed" % self.failed_refreshes)
        for op in sorted(self.per_op):
            self.log.note("%-14s %s" % (op, counts(self.per_op[op])))
        self.log.note(summary)
        self.kmsg("end: sent %d" % self.sent)
        self.log.close()
        print(summary)
        return 0 if victim_ok else 1

    def cleanup(self):
        """Deletes its interfaces, puts the wiphy settings back; returns how
        many of its interfaces are left."""
        for _ in range(3):
            self.refresh()
            own = self.own()
            if not own:
                break
            for ifc in own:
                seq = self.nl.next_seq()
                by = (A_WDEV, u64(ifc["wdev"])) if ifc["wdev"] is not None else (A_IFINDEX, u32(ifc["ifindex"] or 0))
                msg = genl_msg(self.family, C_DEL_INTERFACE, attr(*by), NLM_F_REQUEST | NLM_F_ACK, seq)
                out, _, txt = self.nl.exchange(msg, seq, max(self.timeout, 10))
                self.log.note("cleanup: delete %s -> %s %s" % (ifc["name"] or ifc["wdev"], out, txt))
        self.refresh()
        # One setting a request: a driver without set_coverage_class refuses
        # that one (-EOPNOTSUPP), and so it never changed.
        for idx, saved in self.saved.items():
            if idx not in self.wiphys:
                continue
            for a, p in [(A_TX_POWER_SETTING, u32(0))] + sorted(saved.items()):
                seq = self.nl.next_seq()
                msg = genl_msg(self.family, C_SET_WIPHY, attr(A_WIPHY, u32(idx)) + attr(a, p),
                               NLM_F_REQUEST | NLM_F_ACK, seq)
                out, _, txt = self.nl.exchange(msg, seq, max(self.timeout, 10))
                self.log.note("cleanup: wiphy %d attribute %d back to %s -> %s %s" % (idx, a, p.hex(), out, txt))
                if out != 0 and out != -errno.EOPNOTSUPP:
                    print("nl80211_fuzz: could not restore attribute %d of wiphy %d: %s %s"
                          % (a, idx, outcome_name(out), txt), file=sys.stderr)
        return len(self.own())


class Log:
    """The requests as they go out (see the module's doc)."""
    ROTATE = 5000

    def __init__(self, path):
        self.path, self.f, self.n = path, None, 0
        if path:
            self.f = open(path, "w", buffering=1)

    def request(self, i, op, how, msg):
        if not self.f:
            return
        self.n += 1
        if self.n % self.ROTATE == 0:
            self.f.close()
            os.replace(self.path, self.path + ".1")
            self.f = open(self.path, "w", buffering=1)
        self.f.write("> %d %.6f %s [%s] %d %s%s\n" % (i, time.monotonic(), op, how, len(msg),
                                                     msg[:256].hex(), "..." if len(msg) > 256 else ""))

    def outcome(self, i, out, txt):
        if self.f:
            self.f.write("< %d %s%s\n" % (i, outcome_name(out), " %r" % txt if txt else ""))

    def note(self, line):
        if self.f:
            self.f.write("# %s\n" % line)

    def close(self):
        if self.f:
            self.f.close()


def main():
    ap = argparse.ArgumentParser(description="random nl80211 requests against the loaded radios")
    ap.add_argument("count", type=int)
    ap.add_argument("seed", type=int)
    ap.add_argument("--netns-victim", metavar="NAME")
    ap.add_argument("--log", metavar="PATH")
    ap.add_argument("--timeout", type=float, default=5.0)
    a = ap.parse_args()
    log = a.log
    if log is None and os.environ.get("RWLAN_OUT"):
        log = os.path.join(os.environ["RWLAN_OUT"], "nl80211-fuzz.log")
    sys.exit(Fuzzer(a.count, a.seed, a.netns_victim, log, a.timeout).run())


if __name__ == "__main__":
    main()
