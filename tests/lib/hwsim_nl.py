#!/usr/bin/env python3
"""A small MAC80211_HWSIM generic netlink client for the VM scenarios.

  hwsim_nl.py dump                      one line per radio: id name [p2p]
  hwsim_nl.py get ID [--verbose]        the radio's line (verbose: with
                                        channels=N and chanctx)
  hwsim_nl.py new [--name N] [--perm-addr MAC] [--p2p] [--no-vif]
                  [--channels N] [--iftypes MASK] [--ciphers HEX,HEX]
                  [--raw-attr TYPE:HEX]  prints the new id
                  [--destroy-on-close]   ... and keeps the socket open until
                                         stdin closes
  hwsim_nl.py del (--id N | --name N)
  hwsim_nl.py register                  REGISTER as the medium, then exit
  hwsim_nl.py send CMD [--raw-attr TYPE:HEX]  any command, acknowledged
  hwsim_nl.py fuzz COUNT SEED           random and malformed requests

Errors print "error <errno> <extack message>" and exit 1.
"""
import argparse
import errno
import os
import random
import socket
import struct
import sys

NETLINK_GENERIC = 16
NETLINK_EXT_ACK = 11
SOL_NETLINK = 270
NLM_F_REQUEST, NLM_F_ACK, NLM_F_DUMP = 0x1, 0x4, 0x300
NLMSG_ERROR, NLMSG_DONE = 2, 3
NLM_F_ACK_TLVS = 0x200
NLMSGERR_ATTR_MSG = 1
GENL_ID_CTRL, CTRL_CMD_GETFAMILY = 0x10, 3
CTRL_ATTR_FAMILY_ID, CTRL_ATTR_FAMILY_NAME = 1, 2

# enum hwsim_commands / enum hwsim_attrs (6.12)
CMD = dict(REGISTER=1, FRAME=2, TX_INFO_FRAME=3, NEW_RADIO=4, DEL_RADIO=5, GET_RADIO=6,
           ADD_MAC_ADDR=7, DEL_MAC_ADDR=8)
A_CHANNELS, A_RADIO_ID, A_SUPPORT_P2P_DEVICE = 9, 10, 14
A_USE_CHANCTX = 15
A_DESTROY_RADIO_ON_CLOSE = 16
A_RADIO_NAME, A_NO_VIF, A_PERM_ADDR = 17, 18, 22
A_IFTYPE_SUPPORT, A_CIPHER_SUPPORT = 23, 24
ATTR_MAX = 29


def attr(t, payload):
    hdr = struct.pack("=HH", 4 + len(payload), t)
    return hdr + payload + b"\0" * ((4 - len(payload) % 4) % 4)


def parse_attrs(data):
    out = {}
    while len(data) >= 4:
        ln, t = struct.unpack("=HH", data[:4])
        if ln < 4:
            break
        out[t & 0x3FFF] = data[4:ln]
        data = data[(ln + 3) & ~3:]
    return out


class Nl:
    def __init__(self):
        self.s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_GENERIC)
        self.s.setsockopt(SOL_NETLINK, NETLINK_EXT_ACK, 1)
        self.s.bind((0, 0))
        self.seq = 1
        self.family = None

    def send(self, mtype, flags, cmd, payload, version=1):
        self.seq += 1
        body = struct.pack("=BBH", cmd, version, 0) + payload
        msg = struct.pack("=IHHII", 16 + len(body), mtype, flags, self.seq, 0) + body
        self.s.send(msg)
        return self.seq

    def raw(self, data):
        self.s.send(data)

    def recv_all(self, seq):
        """Messages for `seq` until ACK/error or DONE: (errno, [attrs], msg)."""
        msgs = []
        while True:
            data = self.s.recv(1 << 17)
            while len(data) >= 16:
                ln, mtype, flags, mseq, _ = struct.unpack("=IHHII", data[:16])
                body = data[16:ln]
                data = data[(ln + 3) & ~3:]
                if mseq != seq:
                    continue
                if mtype == NLMSG_ERROR:
                    err = struct.unpack("=i", body[:4])[0]
                    text = ""
                    if flags & NLM_F_ACK_TLVS:
                        # the original header (16) is echoed, plus payload
                        # unless it was a success (capped ack)
                        olen = struct.unpack("=I", body[4:8])[0]
                        skip = 4 + (16 if err == 0 or flags & 0x100 else olen)
                        tl = parse_attrs(body[skip:])
                        text = tl.get(NLMSGERR_ATTR_MSG, b"").rstrip(b"\0").decode()
                    return err, msgs, text
                if mtype == NLMSG_DONE:
                    return 0, msgs, ""
                msgs.append(parse_attrs(body[4:]))

    def family_id(self):
        if self.family is None:
            seq = self.send(GENL_ID_CTRL, NLM_F_REQUEST | NLM_F_ACK, CTRL_CMD_GETFAMILY,
                            attr(CTRL_ATTR_FAMILY_NAME, b"MAC80211_HWSIM\0"))
            err, msgs, text = self.recv_all(seq)
            if err or not msgs:
                sys.exit("error %d no MAC80211_HWSIM family %s" % (err, text))
            self.family = struct.unpack("=H", msgs[0][CTRL_ATTR_FAMILY_ID][:2])[0]
        return self.family

    def request(self, cmd, payload, dump=False):
        flags = NLM_F_REQUEST | NLM_F_ACK | (NLM_F_DUMP if dump else 0)
        return self.recv_all(self.send(self.family_id(), flags, CMD[cmd], payload))


def raw_attrs(specs):
    """Attributes from TYPE:HEX strings."""
    out = b""
    for r in specs:
        t, h = r.split(":")
        out += attr(int(t), bytes.fromhex(h))
    return out


def radio_line(a):
    rid = struct.unpack("=I", a[A_RADIO_ID][:4])[0]
    name = a.get(A_RADIO_NAME, b"").rstrip(b"\0").decode()
    return "%d %s%s" % (rid, name, " p2p" if A_SUPPORT_P2P_DEVICE in a else "")


def radio_line_verbose(a):
    rid = struct.unpack("=I", a[A_RADIO_ID][:4])[0]
    name = a.get(A_RADIO_NAME, b"").rstrip(b"\0").decode()
    chans = struct.unpack("=I", a[A_CHANNELS][:4])[0] if A_CHANNELS in a else 0
    return "%d %s channels=%d%s%s" % (rid, name, chans, " chanctx" if A_USE_CHANCTX in a else "",
                                     " p2p" if A_SUPPORT_P2P_DEVICE in a else "")


def fail(err, text):
    print("error %d %s" % (-err, text))
    sys.exit(1)


def fuzz(nl, count, seed):
    rnd = random.Random(seed)
    fam = nl.family_id()
    created = answered = 0
    for i in range(count):
        kind = rnd.random()
        cmd = rnd.choice([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 200, 255])
        attrs = b""
        for _ in range(rnd.randrange(0, 6)):
            t = rnd.choice(list(range(0, ATTR_MAX + 4)) + [0x8000 | 17, 0x4000 | 10, 300])
            ln = rnd.choice([0, 1, 2, 3, 4, 5, 6, 7, 8, 12, 16, 64, 300, 2400])
            attrs += attr(t, rnd.randbytes(ln))
        if cmd == CMD["NEW_RADIO"] and rnd.random() > 0.03:
            # Creating a radio is slow; let only a few requests through and
            # make the rest fail validation (a 2-byte CHANNELS).
            attrs += attr(A_CHANNELS, b"\1\0")
        body = struct.pack("=BBH", cmd, rnd.choice([0, 1, 2, 255]), rnd.choice([0, 0, 1, 0xFFFF])) + attrs
        flags = NLM_F_REQUEST | NLM_F_ACK | (NLM_F_DUMP if rnd.random() < 0.2 else 0)
        nl.seq += 1
        ln = 16 + len(body)
        if kind < 0.1:
            ln = rnd.randrange(0, ln + 64)          # lying length
        elif kind < 0.15:
            body = body[: rnd.randrange(0, len(body) + 1)]   # truncated
            ln = 16 + len(body)
        elif kind < 0.17:
            body += os.urandom(rnd.choice([4096, 32768, 60000]))  # huge
            ln = 16 + len(body)
        msg = struct.pack("=IHHII", ln, fam, flags, nl.seq, 0) + body
        try:
            nl.raw(msg)
        except OSError:
            continue
        # Drain whatever came back (ACKs, errors, dump parts).
        try:
            while True:
                data = nl.s.recv(1 << 17, socket.MSG_DONTWAIT)
                if not data:
                    break
                answered += 1
                # A NEW_RADIO that succeeded answers with its id: delete it.
                if cmd == 4 and len(data) >= 20:
                    mtype = struct.unpack("=H", data[4:6])[0]
                    err = struct.unpack("=i", data[16:20])[0]
                    if mtype == NLMSG_ERROR and err > 0:
                        created += 1
                        nl.request("DEL_RADIO", attr(A_RADIO_ID, struct.pack("=I", err)))
        except BlockingIOError:
            pass
        except OSError as e:
            if e.errno not in (errno.ENOBUFS, errno.EAGAIN):
                raise
    print("sent %d messages, %d answers, %d radios created and deleted" % (count, answered, created))


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="op", required=True)
    sub.add_parser("dump")
    g = sub.add_parser("get")
    g.add_argument("id", type=int)
    g.add_argument("--verbose", action="store_true")
    n = sub.add_parser("new")
    n.add_argument("--name")
    n.add_argument("--perm-addr")
    n.add_argument("--p2p", action="store_true")
    n.add_argument("--no-vif", action="store_true")
    n.add_argument("--channels", type=int)
    n.add_argument("--iftypes", type=lambda v: int(v, 0))
    n.add_argument("--ciphers")
    n.add_argument("--raw-attr", action="append", default=[])
    n.add_argument("--destroy-on-close", action="store_true")
    sub.add_parser("register")
    c = sub.add_parser("send")
    c.add_argument("cmd", choices=sorted(CMD))
    c.add_argument("--raw-attr", action="append", default=[])
    d = sub.add_parser("del")
    d.add_argument("--id", type=int)
    d.add_argument("--name")
    f = sub.add_parser("fuzz")
    f.add_argument("count", type=int)
    f.add_argument("seed", type=int)
    a = ap.parse_args()
    nl = Nl()
    if a.op == "dump":
        err, msgs, text = nl.request("GET_RADIO", b"", dump=True)
        if err:
            fail(err, text)
        for m in msgs:
            print(radio_line(m))
    elif a.op == "get":
        err, msgs, text = nl.request("GET_RADIO", attr(A_RADIO_ID, struct.pack("=I", a.id)))
        if err or not msgs:
            fail(err, text)
        print(radio_line_verbose(msgs[0]) if a.verbose else radio_line(msgs[0]))
    elif a.op == "new":
        p = b""
        if a.name:
            p += attr(A_RADIO_NAME, a.name.encode())
        if a.perm_addr:
            p += attr(A_PERM_ADDR, bytes(int(x, 16) for x in a.perm_addr.split(":")))
        if a.p2p:
            p += attr(A_SUPPORT_P2P_DEVICE, b"")
        if a.no_vif:
            p += attr(A_NO_VIF, b"")
        if a.channels is not None:
            p += attr(A_CHANNELS, struct.pack("=I", a.channels))
        if a.iftypes is not None:
            p += attr(A_IFTYPE_SUPPORT, struct.pack("=I", a.iftypes))
        if a.ciphers:
            p += attr(A_CIPHER_SUPPORT, b"".join(struct.pack("=I", int(c, 16)) for c in a.ciphers.split(",")))
        if a.destroy_on_close:
            p += attr(A_DESTROY_RADIO_ON_CLOSE, b"")
        p += raw_attrs(a.raw_attr)
        err, _, text = nl.request("NEW_RADIO", p)
        if err < 0:
            fail(err, text)
        print(err, flush=True)
        if a.destroy_on_close:
            sys.stdin.read()
    elif a.op == "register":
        err, _, text = nl.request("REGISTER", b"")
        if err:
            fail(err, text)
    elif a.op == "send":
        err, _, text = nl.request(a.cmd, raw_attrs(a.raw_attr))
        if err:
            fail(err, text)
    elif a.op == "del":
        if a.id is not None:
            p = attr(A_RADIO_ID, struct.pack("=I", a.id))
        elif a.name:
            p = attr(A_RADIO_NAME, a.name.encode())
        else:
            p = b""
        err, _, text = nl.request("DEL_RADIO", p)
        if err:
            fail(err, text)
    elif a.op == "fuzz":
        fuzz(nl, a.count, a.seed)


if __name__ == "__main__":
    main()
