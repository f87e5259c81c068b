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

NETLINK_ROUTE, NETLINK_GENERIC = 0, 16
SOL_NETLINK, NETLINK_EXT_ACK = 270, 11
NLM_F_REQUEST, NLM_F_MULTI, NLM_F_ACK, NLM_F_DUMP = 0x1, 0x2, 0x4, 0x300
NLM_F_CAPPED, NLM_F_ACK_TLVS = 0x100, 0x200
NLMSG_ERROR, NLMSG_DONE = 2, 3
NLMSGERR_ATTR_MSG = 1
GENL_ID_CTRL, CTRL_CMD_GETFAMILY = 0x10, 3
CTRL_ATTR_FAMILY_ID, CTRL_ATTR_FAMILY_NAME = 1, 2
NLA_F_NESTED, NLA_F_NET_BYTEORDER = 0x8000, 0x4000
RTM_NEWLINK, IFF_UP = 16, 0x1

# enum nl80211_commands (6.12)
C_GET_WIPHY, C_SET_WIPHY = 1, 2
C_GET_INTERFACE, C_SET_INTERFACE, C_NEW_INTERFACE, C_DEL_INTERFACE = 5, 6, 7, 8
C_START_AP, C_STOP_AP, C_GET_STATION = 15, 16, 17
C_SET_REG, C_REQ_SET_REG, C_GET_REG = 26, 27, 31
C_GET_SCAN, C_TRIGGER_SCAN = 32, 33
C_JOIN_IBSS, C_LEAVE_IBSS, C_CONNECT, C_DISCONNECT = 43, 44, 46, 48
C_SET_WIPHY_NETNS, C_GET_SURVEY, C_SET_CHANNEL = 49, 50, 65
C_JOIN_MESH, C_LEAVE_MESH, C_ABORT_SCAN, C_RELOAD_REGDB = 68, 69, 114, 126
C_MAX = 155
C_AVOID = {C_SET_REG, C_REQ_SET_REG, C_SET_WIPHY_NETNS, C_RELOAD_REGDB}

# enum nl80211_attrs (6.12)
A_WIPHY, A_WIPHY_NAME, A_IFINDEX, A_IFNAME, A_IFTYPE, A_MAC = 1, 2, 3, 4, 5, 6
A_BEACON_INTERVAL, A_DTIM_PERIOD, A_BEACON_HEAD, A_BEACON_TAIL = 12, 13, 14, 15
A_MESH_ID = 24
A_WIPHY_FREQ, A_CHANNEL_TYPE, A_IE = 38, 39, 42
A_SCAN_FREQUENCIES, A_SCAN_SSIDS = 44, 45
A_SSID, A_AUTH_TYPE, A_REASON_CODE = 52, 53, 54
A_FREQ_FIXED, A_RETRY_SHORT, A_RETRY_LONG = 60, 61, 62
A_FRAG_THRESHOLD, A_RTS_THRESHOLD = 63, 64
A_PRIVACY, A_PID, A_4ADDR, A_COVERAGE_CLASS = 70, 82, 83, 89
A_TX_POWER_SETTING, A_TX_POWER_LEVEL = 97, 98
A_HIDDEN_SSID, A_WDEV, A_SCAN_FLAGS = 126, 153, 158
A_CHANNEL_WIDTH, A_CENTER_FREQ1, A_SPLIT_WIPHY_DUMP = 159, 160, 174
A_SOCKET_OWNER, A_NETNS_FD, A_FREQ_OFFSET = 204, 219, 290
A_MAX = 333
A_AVOID = {A_WIPHY_NAME, A_PID, A_NETNS_FD}
# The wiphy settings SET_WIPHY may change and the end puts back.
SAVED = (A_RETRY_SHORT, A_RETRY_LONG, A_FRAG_THRESHOLD, A_RTS_THRESHOLD, A_COVERAGE_CLASS)

# enum nl80211_iftype
T_ADHOC, T_STATION, T_AP, T_AP_VLAN, T_WDS, T_MONITOR, T_MESH = 1, 2, 3, 4, 5, 6, 7
T_P2P_CLIENT, T_P2P_GO, T_P2P_DEVICE, T_OCB, T_NAN = 8, 9, 10, 11, 12
IFTYPES = [T_STATION, T_AP, T_MONITOR, T_ADHOC, T_MESH, T_P2P_CLIENT, T_P2P_GO, T_P2P_DEVICE]
BOGUS_IFTYPES = [0, T_AP_VLAN, T_WDS, T_OCB, T_NAN, 13, 255, 0xFFFFFFFF]

FREQS = [2412 + 5 * k for k in range(13)] + [2484, 5180, 5200, 5220, 5240, 5260, 5300, 5320,
                                             5500, 5520, 5745, 5765, 5785, 5805, 5825, 5865]
BOGUS_FREQS = [0, 1, 902, 2400, 2407, 2413, 2499, 4900, 5000, 5955, 6115, 58320,
               0x7FFFFFFF, 0xFFFFFFFF]
MAX_OWN = 8


def attr(t, payload):
    hdr = struct.pack("=HH", (4 + len(payload)) & 0xFFFF, t & 0xFFFF)
    return hdr + payload + b"\0" * ((4 - len(payload) % 4) % 4)


def u8(v):
    return struct.pack("=B", v & 0xFF)


def u16(v):
    return struct.pack("=H", v & 0xFFFF)


def u32(v):
    return struct.pack("=I", v & 0xFFFFFFFF)


def u64(v):
    return struct.pack("=Q", v & 0xFFFFFFFFFFFFFFFF)


def num(data):
    """An unsigned number from 1, 2, 4 or 8 bytes, None otherwise."""
    fmt = {1: "=B", 2: "=H", 4: "=I", 8: "=Q"}.get(len(data))
    return struct.unpack(fmt, data)[0] if fmt else None


def text(data):
    return data.split(b"\0", 1)[0].decode("utf-8", "replace")


def parse_attrs(data):
    """type -> payload; stops at the first attribute that does not fit."""
    out = {}
    while len(data) >= 4:
        ln, t = struct.unpack("=HH", data[:4])
        if ln < 4 or ln > len(data):
            break
        out[t & 0x3FFF] = data[4:ln]
        data = data[(ln + 3) & ~3:]
    return out


def parse_msgs(data):
    """(type, flags, seq, body) of each netlink message in a datagram."""
    out = []
    while len(data) >= 16:
        ln, mtype, flags, seq, _ = struct.unpack("=IHHII", data[:16])
        if ln < 16 or ln > len(data):
            break
        out.append((mtype, flags, seq, data[16:ln]))
        data = data[(ln + 3) & ~3:]
    return out


def ename(e):
    return "EOPNOTSUPP" if e == errno.EOPNOTSUPP else errno.errorcode.get(e, "E%d" % e)


def outcome_name(out):
    """"ok", the errno's name, or the socket trouble (see Nl.exchange)."""
    if isinstance(out, str):
        return out
    return "ok" if out == 0 else ename(-out) if out < 0 else "+%d" % out


def counts(d):
    return "{" + ", ".join("%s: %d" % kv for kv in sorted(d.items(), key=lambda kv: -kv[1])) + "}"


class Nl:
    """A netlink socket: requests out, answers in, nothing in them trusted."""

    def __init__(self, proto):
        self.s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, proto)
        for opt, val in ((socket.SOL_SOCKET, socket.SO_RCVBUF), (socket.SOL_SOCKET, socket.SO_SNDBUF)):
            try:
                self.s.setsockopt(opt, val, 1 << 20)
            except OSError:
                pass
        try:
            self.s.setsockopt(SOL_NETLINK, NETLINK_EXT_ACK, 1)
        except OSError:
            pass
        self.s.bind((0, 0))
        self.seq = 1
        self.stray = 0

    def next_seq(self):
        self.seq = (self.seq + 1) & 0xFFFFFFFF or 1
        return self.seq

    def exchange(self, msg, seq, timeout):
        """Sends msg, reads the answers to seq up to the last one.

        Returns (outcome, messages, extack text); outcome is 0 (acked, or a
        dump's end), the kernel's negative errno, "timeout", or
        "send:ENAME" / "recv:ENAME" for a socket error. messages are the
        (type, body) of the answers before the last."""
        try:
            self.s.send(msg)
        except OSError as e:
            return "send:" + ename(e.errno or 0), [], ""
        deadline = time.monotonic() + timeout
        msgs = []
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return "timeout", msgs, ""
            self.s.settimeout(left)
            try:
                data = self.s.recv(1 << 18)
            except socket.timeout:
                return "timeout", msgs, ""
            except OSError as e:
                return "recv:" + ename(e.errno or 0), msgs, ""
            for mtype, flags, mseq, body in parse_msgs(data):
                if mseq != seq:
                    self.stray += 1
                    continue
                if mtype == NLMSG_ERROR:
                    if len(body) < 4:
                        return "recv:short", msgs, ""
                    err = struct.unpack("=i", body[:4])[0]
                    return err, msgs, self.extack(err, flags, body)
                if mtype == NLMSG_DONE:
                    err = struct.unpack("=i", body[:4])[0] if len(body) >= 4 else 0
                    return err, msgs, ""
                msgs.append((mtype, body))

    @staticmethod
    def extack(err, flags, body):
        if not flags & NLM_F_ACK_TLVS or len(body) < 20:
            return ""
        # The request's header is echoed, and its payload unless capped.
        olen = struct.unpack("=I", body[4:8])[0]
        skip = 4 + (16 if err == 0 or flags & NLM_F_CAPPED else max(olen, 16))
        skip = (skip + 3) & ~3
        return text(parse_attrs(body[skip:]).get(NLMSGERR_ATTR_MSG, b""))


def genl_msg(family, cmd, payload, flags, seq, version=1, reserved=0):
    body = struct.pack("=BBH", cmd & 0xFF, version & 0xFF, reserved & 0xFFFF) + payload
    return struct.pack("=IHHII", 16 + len(body), family, flags, seq, 0) + body


class Request:
    """An nl80211 request before it is encoded: attributes as
    [type, payload, nla_len or None], with the index of the attribute naming
    its target (IFINDEX, WDEV or WIPHY), if any."""

    def __init__(self, op, cmd, attrs, target=None, dump=False):
        self.op, self.cmd, self.dump = op, cmd, dump
        self.attrs = [[t, p, None] for t, p in attrs]
        self.target = target
        self.flags = NLM_F_REQUEST | NLM_F_ACK | (NLM_F_DUMP if dump else 0)
        self.version, self.reserved = 1, 0
        self.cut = None          # bytes cut off the end (truncated attribute)
        self.garbage = b""       # bytes after the attributes
        self.nlmsg_len = None    # a lying nlmsg_len
        self.genl_cut = None     # a message ending inside the genl header
        self.mutations = []
        self.new_name = None     # NEW_INTERFACE: the name it asks for

    def encode(self, family, seq):
        payload = b"".join(struct.pack("=HH", (ln if ln is not None else 4 + len(p)) & 0xFFFF, t & 0xFFFF)
                           + p + b"\0" * ((4 - len(p) % 4) % 4) for t, p, ln in self.attrs)
        if self.cut:
            payload = payload[:max(0, len(payload) - self.cut)]
        payload += self.garbage
        msg = genl_msg(family, self.cmd, payload, self.flags, seq, self.version, self.reserved)
        if self.genl_cut is not None:
            msg = msg[:16 + self.genl_cut]
            msg = struct.pack("=I", len(msg)) + msg[4:]
        if isinstance(self.nlmsg_len, int):
            msg = struct.pack("=I", self.nlmsg_len) + msg[4:]
        return msg


class Fuzzer:
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
        seq = self.nl.next_seq()
        msg = genl_msg(GENL_ID_CTRL, CTRL_CMD_GETFAMILY, attr(CTRL_ATTR_FAMILY_NAME, b"nl80211\0"),
                       NLM_F_REQUEST | NLM_F_ACK, seq)
        out, msgs, _ = self.nl.exchange(msg, seq, 5)
        for _, body in msgs:
            fid = parse_attrs(body[4:]).get(CTRL_ATTR_FAMILY_ID, b"")
            if len(fid) >= 2:
                return struct.unpack("=H", fid[:2])[0]
        sys.exit("nl80211_fuzz: no nl80211 generic netlink family (%s): is cfg80211 loaded?"
                 % outcome_name(out))

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

    def own(self):
        """The interfaces this run made: named fz*, answered to a
        NEW_INTERFACE, or new on a wiphy that was here at the start."""
        return [i for i in self.ifaces
                if i["name"].startswith("fz") or i["wdev"] in self.created
                or (i["wdev"] not in self.initial_wdevs and i["wiphy"] in self.initial_wiphys)]

    # --- random parts ------------------------------------------------------

    def pick(self, seq):
        return self.rnd.choice(seq) if seq else None

    def iface(self, types=None, own_first=0.0):
        """A known interface, preferring types (and its own ones)."""
        pool = self.ifaces
        if own_first and self.rnd.random() < own_first and self.own():
            pool = self.own()
        if types and self.rnd.random() < 0.7:
            pool = [i for i in pool if i["iftype"] in types] or pool
        return self.pick(pool)

    def target(self, ifc):
        """The attribute naming ifc: IFINDEX, or WDEV (always for a device
        without a netdev), or a random ifindex when there is none."""
        if ifc is None:
            return (A_IFINDEX, u32(self.rnd.choice([0, 1, 2, 3, 64, self.rnd.getrandbits(32)])))
        if ifc["ifindex"] is None or (ifc["wdev"] is not None and self.rnd.random() < 0.1):
            return (A_WDEV, u64(ifc["wdev"] or 0))
        return (A_IFINDEX, u32(ifc["ifindex"]))

    def wiphy_idx(self):
        idx = self.pick(sorted(self.wiphys))
        return idx if idx is not None else self.rnd.randrange(0, 8)

    def freq(self, bogus=0.1):
        return self.pick(BOGUS_FREQS) if self.rnd.random() < bogus else self.pick(FREQS)

    def ssid(self):
        r = self.rnd.random()
        if r < 0.6:
            return ("fz-%06x" % self.rnd.getrandbits(24)).encode()
        if r < 0.8:
            return self.rnd.randbytes(self.rnd.randrange(1, 33))
        return self.pick([b"", b"rwlan-nlfz", b"\0" * 32, b"x" * 32])

    def mac(self):
        r = self.rnd.random()
        if r < 0.7:   # locally administered unicast
            return bytes([(self.rnd.getrandbits(8) & 0xFC) | 0x02]) + self.rnd.randbytes(5)
        return self.pick([b"\xff" * 6, b"\0" * 6, b"\x01\0\x5e\0\0\1", self.rnd.randbytes(6)])

    def ies(self):
        n = self.rnd.choice([0, 2, 7, 40, 255])
        out = b""
        while len(out) < n:
            ln = self.rnd.randrange(0, 20)
            out += bytes([self.rnd.getrandbits(8), ln]) + self.rnd.randbytes(ln)
        return out

    def chan_attrs(self):
        f = self.freq()
        out = [(A_WIPHY_FREQ, u32(f))]
        r = self.rnd.random()
        if r < 0.4:
            out.append((A_CHANNEL_TYPE, u32(self.pick([0, 1, 2, 3, 0, 1, 4, 0xFFFFFFFF]))))
        elif r < 0.7:
            out.append((A_CHANNEL_WIDTH, u32(self.pick([0, 1, 2, 3, 4, 5, 6, 7, 8, 13, 14, 99]))))
            out.append((A_CENTER_FREQ1, u32(self.pick([f, f + 10, f - 10, f + 30, 0, self.freq(0.5)]))))
        if self.rnd.random() < 0.05:
            out.append((A_FREQ_OFFSET, u32(self.pick([0, 500, 999, 1000, 0xFFFFFFFF]))))
        return out

    def beacon_head(self, ssid, freq):
        chan = (freq - 2407) // 5 if 2412 <= freq <= 2472 else 36
        head = (b"\x80\x00\x00\x00" + b"\xff" * 6 + self.mac() * 2 + b"\x00\x00"
                + b"\0" * 8 + u16(100) + u16(self.pick([0x0001, 0x0011, 0x0401])))
        head += bytes([0, len(ssid)]) + ssid
        head += b"\x01\x08\x82\x84\x8b\x96\x0c\x12\x18\x24"
        head += bytes([3, 1, chan & 0xFF])
        return head

    # --- the requests (one builder per kind) --------------------------------

    def b_new_interface(self):
        used = {i["name"] for i in self.ifaces}
        name = self.pick(["fz%d" % k for k in range(MAX_OWN) if "fz%d" % k not in used]) \
            or "fz%d" % self.rnd.randrange(MAX_OWN)
        itype = self.pick(IFTYPES) if self.rnd.random() < 0.9 else self.pick(BOGUS_IFTYPES)
        attrs = [(A_WIPHY, u32(self.wiphy_idx())), (A_IFNAME, name.encode() + b"\0"), (A_IFTYPE, u32(itype))]
        if self.rnd.random() < 0.3:
            attrs.append((A_MAC, self.mac()))
        if self.rnd.random() < 0.1:
            attrs.append((A_4ADDR, u8(self.rnd.randrange(3))))
        if itype == T_MESH and self.rnd.random() < 0.5:
            attrs.append((A_MESH_ID, self.ssid()))
        if self.rnd.random() < 0.1:
            attrs.append((A_SOCKET_OWNER, b""))
        r = Request("NEW_INTERFACE", C_NEW_INTERFACE, attrs, target=0)
        r.new_name = name
        return r

    def b_del_interface(self):
        own = self.own()
        ifc = self.pick(own) if own and self.rnd.random() < 0.85 else self.iface()
        return Request("DEL_INTERFACE", C_DEL_INTERFACE, [self.target(ifc)], target=0)

    def b_set_interface(self):
        itype = self.pick(IFTYPES) if self.rnd.random() < 0.85 else self.pick(BOGUS_IFTYPES)
        attrs = [self.target(self.iface(own_first=0.5)), (A_IFTYPE, u32(itype))]
        if itype == T_MESH and self.rnd.random() < 0.3:
            attrs.append((A_MESH_ID, self.ssid()))
        if self.rnd.random() < 0.1:
            attrs.append((A_4ADDR, u8(self.rnd.randrange(3))))
        return Request("SET_INTERFACE", C_SET_INTERFACE, attrs, target=0)

    def b_trigger_scan(self):
        attrs = [self.target(self.iface([T_STATION, T_P2P_DEVICE, T_P2P_CLIENT, T_AP, T_ADHOC]))]
        if self.rnd.random() < 0.6:
            n = self.rnd.choice([0, 1, 1, 2, 4, 20])
            ssids = b"".join(attr(k + 1, self.ssid()) for k in range(n))
            attrs.append((A_SCAN_SSIDS, ssids))
        if self.rnd.random() < 0.5:
            n = self.rnd.choice([1, 1, 2, 3, 14])
            attrs.append((A_SCAN_FREQUENCIES, b"".join(attr(k, u32(self.freq(0.3))) for k in range(n))))
        if self.rnd.random() < 0.3:
            attrs.append((A_IE, self.ies()))
        if self.rnd.random() < 0.15:
            attrs.append((A_SCAN_FLAGS, u32(self.pick([1, 2, 4, 8, 0x100, 0xFFFFFFFF]))))
        return Request("TRIGGER_SCAN", C_TRIGGER_SCAN, attrs, target=0)

    def b_abort_scan(self):
        return Request("ABORT_SCAN", C_ABORT_SCAN, [self.target(self.iface())], target=0)

    def b_connect(self):
        attrs = [self.target(self.iface([T_STATION, T_P2P_CLIENT], own_first=0.3)), (A_SSID, self.ssid())]
        if self.rnd.random() < 0.4:
            attrs.append((A_WIPHY_FREQ, u32(self.freq())))
        if self.rnd.random() < 0.3:
            attrs.append((A_MAC, self.mac()))
        if self.rnd.random() < 0.3:
            attrs.append((A_AUTH_TYPE, u32(self.pick([0, 0, 1, 4, 8, 9, 0xFFFFFFFF]))))
        if self.rnd.random() < 0.2:
            attrs.append((A_IE, self.ies()))
        if self.rnd.random() < 0.1:
            attrs.append((A_PRIVACY, b""))
        if self.rnd.random() < 0.1:
            attrs.append((A_SOCKET_OWNER, b""))
        return Request("CONNECT", C_CONNECT, attrs, target=0)

    def b_disconnect(self):
        attrs = [self.target(self.iface([T_STATION, T_P2P_CLIENT]))]
        if self.rnd.random() < 0.7:
            attrs.append((A_REASON_CODE, u16(self.pick([1, 3, 3, 0, 0xFFFF]))))
        return Request("DISCONNECT", C_DISCONNECT, attrs, target=0)

    def b_set_wiphy(self):
        if self.rnd.random() < 0.3:
            attrs = [self.target(self.iface(own_first=0.3))]
        else:
            attrs = [(A_WIPHY, u32(self.wiphy_idx()))]
        what = self.rnd.random()
        if what < 0.35:
            attrs += self.chan_attrs()
        if what >= 0.3 or self.rnd.random() < 0.2:
            for _ in range(self.rnd.randrange(1, 4)):
                k = self.rnd.randrange(6)
                if k == 0:
                    attrs.append((A_TX_POWER_SETTING, u32(self.pick([0, 1, 2, 2, 3, 0xFFFFFFFF]))))
                    if self.rnd.random() < 0.8:
                        attrs.append((A_TX_POWER_LEVEL, u32(self.pick([0, 100, 1000, 2000, -500, 30000, 0x7FFFFFFF]))))
                elif k == 1:
                    attrs.append((A_RTS_THRESHOLD, u32(self.pick([0xFFFFFFFF, 0, 1, 256, 2347, 65535, 0x10000]))))
                elif k == 2:
                    attrs.append((A_FRAG_THRESHOLD, u32(self.pick([0xFFFFFFFF, 0, 255, 256, 257, 1500, 2346, 8000]))))
                elif k == 3:
                    attrs.append((A_RETRY_SHORT, u8(self.pick([0, 1, 7, 31, 255]))))
                elif k == 4:
                    attrs.append((A_RETRY_LONG, u8(self.pick([0, 1, 4, 31, 255]))))
                else:
                    attrs.append((A_COVERAGE_CLASS, u8(self.pick([0, 1, 31, 255]))))
        return Request("SET_WIPHY", C_SET_WIPHY, attrs, target=0)

    def b_set_channel(self):
        attrs = [self.target(self.iface([T_MONITOR], own_first=0.3))] + self.chan_attrs()
        return Request("SET_CHANNEL", C_SET_CHANNEL, attrs, target=0)

    def b_dump_of(self, op, cmd, types=None):
        def build():
            if self.rnd.random() < 0.85:
                return Request(op, cmd, [self.target(self.iface(types))], target=0, dump=True)
            if cmd == C_GET_STATION:    # one station, by address
                return Request(op, cmd, [self.target(self.iface(types)), (A_MAC, self.mac())], target=0)
            return Request(op, cmd, [], dump=True)
        return build

    def b_join_ibss(self):
        f = self.freq()
        attrs = [self.target(self.iface([T_ADHOC], own_first=0.3)), (A_SSID, self.ssid()), (A_WIPHY_FREQ, u32(f))]
        if self.rnd.random() < 0.3:
            attrs.append((A_CHANNEL_TYPE, u32(self.pick([0, 1, 2, 3, 5]))))
        if self.rnd.random() < 0.3:
            attrs.append((A_MAC, self.mac()))
        if self.rnd.random() < 0.3:
            attrs.append((A_BEACON_INTERVAL, u32(self.pick([100, 1, 0, 10000, 0xFFFFFFFF]))))
        if self.rnd.random() < 0.2:
            attrs.append((A_FREQ_FIXED, b""))
        if self.rnd.random() < 0.1:
            attrs.append((A_PRIVACY, b""))
        if self.rnd.random() < 0.1:
            attrs.append((A_SOCKET_OWNER, b""))
        return Request("JOIN_IBSS", C_JOIN_IBSS, attrs, target=0)

    def b_start_ap(self):
        f, ssid = self.freq(0.05), self.ssid()
        attrs = [self.target(self.iface([T_AP, T_P2P_GO], own_first=0.3)),
                 (A_BEACON_HEAD, self.beacon_head(ssid, f)),
                 (A_BEACON_INTERVAL, u32(self.pick([100, 100, 1, 15, 10000]))),
                 (A_DTIM_PERIOD, u32(self.pick([1, 2, 0, 256]))),
                 (A_SSID, ssid), (A_WIPHY_FREQ, u32(f))]
        if self.rnd.random() < 0.5:
            attrs.append((A_BEACON_TAIL, self.ies()))
        if self.rnd.random() < 0.3:
            attrs.append((A_HIDDEN_SSID, u32(self.pick([0, 1, 2, 3]))))
        if self.rnd.random() < 0.3:
            attrs.append((A_AUTH_TYPE, u32(self.pick([0, 1, 8]))))
        if self.rnd.random() < 0.1:
            attrs.append((A_SOCKET_OWNER, b""))
        return Request("START_AP", C_START_AP, attrs, target=0)

    def b_join_mesh(self):
        attrs = [self.target(self.iface([T_MESH], own_first=0.3)), (A_MESH_ID, self.ssid())]
        if self.rnd.random() < 0.7:
            attrs += self.chan_attrs()
        if self.rnd.random() < 0.2:
            attrs.append((A_BEACON_INTERVAL, u32(self.pick([100, 1, 10000]))))
        return Request("JOIN_MESH", C_JOIN_MESH, attrs, target=0)

    def b_leave(self, op, cmd, types):
        return lambda: Request(op, cmd, [self.target(self.iface(types))], target=0)

    def b_get_reg(self):
        if self.rnd.random() < 0.5:
            return Request("GET_REG", C_GET_REG, [])
        if self.rnd.random() < 0.2:
            return Request("GET_REG", C_GET_REG, [], dump=True)
        return Request("GET_REG", C_GET_REG, [(A_WIPHY, u32(self.wiphy_idx()))], target=0)

    def b_get_info(self):
        if self.rnd.random() < 0.5:
            if self.rnd.random() < 0.5:
                return Request("GET_WIPHY", C_GET_WIPHY, [(A_SPLIT_WIPHY_DUMP, b"")], dump=True)
            return Request("GET_WIPHY", C_GET_WIPHY, [(A_WIPHY, u32(self.wiphy_idx()))], target=0)
        if self.rnd.random() < 0.5:
            return Request("GET_INTERFACE", C_GET_INTERFACE, [], dump=True)
        return Request("GET_INTERFACE", C_GET_INTERFACE, [self.target(self.iface())], target=0)

    def b_random_cmd(self):
        cmd = self.random_cmd()
        attrs = []
        r = self.rnd.random()
        if r < 0.4:
            attrs.append(self.target(self.iface()))
        elif r < 0.6:
            attrs.append((A_WIPHY, u32(self.wiphy_idx())))
        for _ in range(self.rnd.randrange(0, 5)):
            ln = self.pick([0, 1, 2, 4, 6, 8, 16, 33, 64, 300])
            attrs.append((self.random_attr_type(), self.rnd.randbytes(ln)))
        return Request("CMD_%d" % cmd, cmd, attrs, target=0 if r < 0.6 else None,
                       dump=self.rnd.random() < 0.2)

    def random_cmd(self):
        while True:
            cmd = self.pick(list(range(0, C_MAX + 6)) + [200, 255])
            if cmd not in C_AVOID:
                return cmd

    def random_attr_type(self):
        while True:
            t = self.pick([self.rnd.randrange(0, A_MAX + 1), self.rnd.randrange(A_MAX + 1, A_MAX + 64),
                           0x3FFF, 0x8000 | self.rnd.randrange(1, A_MAX + 1)])
            if t & 0x3FFF not in A_AVOID:
                return t

    # --- malformations -------------------------------------------------------

    def mutate(self, req):
        kinds = ["size", "type", "index", "missing", "unknown", "huge", "nlaflags", "truncated",
                 "nla_len", "nlmsg_len", "genl", "nlflags", "cmd", "garbage", "nested"]
        for _ in range(1 if self.rnd.random() < 0.8 else 2):
            kind = self.pick(kinds)
            if getattr(self, "m_" + kind)(req) is not False:
                req.mutations.append(kind)

    def some_attr(self, req):
        return self.pick(req.attrs)

    def m_size(self, req):
        a = self.some_attr(req)
        if a is None:
            return False
        a[1] = self.rnd.randbytes(self.pick([0, 1, 2, 3, 5, 7, 9, 33, 257,
                                             max(0, len(a[1]) - 1), len(a[1]) + 1]))

    def m_type(self, req):
        a = self.some_attr(req)
        if a is None:
            return False
        a[0] = self.random_attr_type()

    def m_index(self, req):
        if req.target is None or req.target >= len(req.attrs):
            return False
        a = req.attrs[req.target]
        if a[0] == A_WDEV:
            a[1] = u64(self.pick([0, 0xFFFFFFFFFFFFFFFF, self.rnd.getrandbits(64),
                                  (self.rnd.randrange(16) << 32) | self.rnd.randrange(16)]))
        else:   # an ifindex or a wiphy index
            a[1] = u32(self.pick([0, 1, 2, 3, 4, 5, 6, 7, 8, 15, 64, 0x7FFFFFFF, 0xFFFFFFFF,
                                  self.rnd.getrandbits(32)]))

    def m_missing(self, req):
        if not req.attrs:
            return False
        del req.attrs[self.rnd.randrange(len(req.attrs))]
        req.target = None   # indexes moved

    def m_unknown(self, req):
        for _ in range(self.rnd.randrange(1, 4)):
            req.attrs.append([self.random_attr_type(), self.rnd.randbytes(self.pick([0, 1, 4, 8, 20])), None])

    def m_huge(self, req):
        n = self.pick([1000, 4096, 16384, 32768, 65531])
        t = self.pick([A_IE, A_SSID, A_BEACON_TAIL, A_MESH_ID, self.random_attr_type()])
        req.attrs.append([t, self.rnd.randbytes(n), None])

    def m_nlaflags(self, req):
        a = self.some_attr(req)
        if a is None:
            return False
        a[0] ^= self.pick([NLA_F_NESTED, NLA_F_NET_BYTEORDER, NLA_F_NESTED | NLA_F_NET_BYTEORDER])

    def m_truncated(self, req):
        if not req.attrs:
            return False
        last = req.attrs[-1]
        req.cut = self.rnd.randrange(1, 4 + len(last[1]) + 1)

    def m_nla_len(self, req):
        a = self.some_attr(req)
        if a is None:
            return False
        real = 4 + len(a[1])
        a[2] = self.pick([0, 1, 3, 4, max(0, real - 1), real + 1, real + 4, real + 100, 0xFFFF])

    def m_nlmsg_len(self, req):
        req.nlmsg_len = self.pick([0, 8, 15, 16, 19, 20, 24, "short", "long", "long", 0xFFFFFFFF])

    def m_genl(self, req):
        if self.rnd.random() < 0.5:
            req.genl_cut = self.rnd.randrange(0, 4)
        else:
            req.version = self.pick([0, 2, 255])
            req.reserved = self.pick([1, 0xFFFF])

    def m_nlflags(self, req):
        req.flags = self.pick([NLM_F_REQUEST, NLM_F_ACK, NLM_F_REQUEST | NLM_F_ACK | NLM_F_DUMP,
                               NLM_F_REQUEST | NLM_F_ACK | 0x100, NLM_F_REQUEST | NLM_F_ACK | NLM_F_MULTI,
                               NLM_F_REQUEST | NLM_F_ACK | 0x8000, self.rnd.getrandbits(16) | NLM_F_ACK])

    def m_cmd(self, req):
        req.cmd = self.random_cmd()

    def m_garbage(self, req):
        req.garbage = self.rnd.randbytes(self.rnd.randrange(1, 40))

    def m_nested(self, req):
        # An attribute wrapped in a nest where a flat one belongs, or a nest
        # of random attributes where a flat one belongs.
        a = self.some_attr(req)
        if a is None:
            return False
        if self.rnd.random() < 0.5:
            a[1] = attr(a[0] & 0x3FFF, a[1])
        else:
            a[1] = b"".join(attr(self.rnd.randrange(0, 8), self.rnd.randbytes(self.rnd.randrange(0, 9)))
                            for _ in range(self.rnd.randrange(0, 5)))
        a[0] |= NLA_F_NESTED if self.rnd.random() < 0.5 else 0

    # --- running -------------------------------------------------------------

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
