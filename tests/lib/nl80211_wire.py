"""nl80211 over a raw generic netlink socket, for the fuzzer: numbers,
attribute encoders, message parsing and a request that can be malformed.
See nl80211_fuzz.py."""
import errno
import os
import socket
import struct
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


def resolve_family(nl, name):
    """The id of generic netlink family name, or the outcome (an int or
    str, see Nl.exchange) of a lookup that found none."""
    seq = nl.next_seq()
    msg = genl_msg(GENL_ID_CTRL, CTRL_CMD_GETFAMILY, attr(CTRL_ATTR_FAMILY_NAME, name.encode() + b"\0"),
                   NLM_F_REQUEST | NLM_F_ACK, seq)
    out, msgs, _ = nl.exchange(msg, seq, 5)
    for _, body in msgs:
        fid = parse_attrs(body[4:]).get(CTRL_ATTR_FAMILY_ID, b"")
        if len(fid) >= 2:
            return struct.unpack("=H", fid[:2])[0]
    return outcome_name(out) if out != 0 else "no family id"


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
