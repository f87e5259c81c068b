#!/usr/bin/env python3
"""A medium in user space for MAC80211_HWSIM radios, like wmediumd.

  hwsim_medium.py --stats FILE RADIO_ADDR...

Registers as the medium (HWSIM_CMD_REGISTER), then for every frame the
kernel hands over (HWSIM_CMD_FRAME from ADDR_TRANSMITTER) delivers a copy to
every other listed radio (HWSIM_CMD_FRAME to ADDR_RECEIVER) and reports the
transmission (HWSIM_CMD_TX_INFO_FRAME): acknowledged when addr1 is a
receiver's interface address (its radio address without the 0x40 bit).
RADIO_ADDR is a radio's second wiphy address, which the kernel names it by.

SIGUSR1 toggles a blocked medium: frames are counted but neither delivered
nor acknowledged. Counters go to FILE, one "NAME [KEY] VALUE" a line (for
awk: the guest is too slow to start Python for every look), after every
change of state and twice a second while frames flow:
  frames RADIO N / data RADIO N   frames (data frames) RADIO sent
  delivered N / acked N           copies delivered, frames acknowledged
  blocked_frames N / blocked 0|1  frames swallowed while blocked
  error CMD:ERRNO N               refused FRAME/TX_INFO_FRAME messages
  mac_add RADIO>ADDR N / mac_del RADIO>ADDR N
                                  ADD_MAC_ADDR / DEL_MAC_ADDR received: RADIO
                                  takes (no longer takes) frames for ADDR
Prints "registered" once it is the medium; exits 1 with "error ERRNO" if
REGISTER fails.
"""
import argparse
import os
import signal
import socket
import struct
import sys
import time

# The checkout is read-only in the guest: no bytecode cache next to it.
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hwsim_nl as h  # noqa: E402

A_ADDR_RECEIVER, A_ADDR_TRANSMITTER, A_FRAME, A_FLAGS = 1, 2, 3, 4
A_RX_RATE, A_SIGNAL, A_TX_INFO, A_COOKIE, A_FREQ = 5, 6, 7, 8, 19
TX_CTL_NO_ACK, TX_STAT_ACK = 1 << 1, 1 << 2
SIGNAL = -50
SO_RCVBUFFORCE = 33


def mac(b):
    return ":".join("%02x" % x for x in b)


class Medium:
    def __init__(self, radios, stats_path):
        self.radios = radios
        self.stats_path = stats_path
        self.blocked = False
        self.stats = dict(frames={}, data={}, error={}, mac_add={}, mac_del={}, delivered=0,
                          acked=0, blocked_frames=0, tx_info=0)
        self.nl = h.Nl()
        self.nl.s.setsockopt(socket.SOL_SOCKET, SO_RCVBUFFORCE, 8 << 20)
        self.fam = self.nl.family_id()
        self.written = 0.0
        # The command of each sequence number, to tell refusals apart.
        self.sent = {}

    def write_stats(self):
        lines = ["blocked %d" % self.blocked]
        for k, v in self.stats.items():
            if isinstance(v, dict):
                lines += ["%s %s %d" % (k, key, n) for key, n in v.items()]
            else:
                lines.append("%s %d" % (k, v))
        tmp = self.stats_path + ".tmp"
        with open(tmp, "w") as f:
            f.write("\n".join(lines) + "\n")
        os.replace(tmp, self.stats_path)
        self.written = time.monotonic()

    def toggle(self, *_):
        self.blocked = not self.blocked
        self.write_stats()

    def send(self, cmd, payload):
        # No ACK asked: the kernel answers only when it refuses.
        seq = self.nl.send(self.fam, h.NLM_F_REQUEST, h.CMD[cmd], payload)
        self.sent[seq] = cmd
        self.sent.pop(seq - 4096, None)

    def frame(self, a):
        tx = a[A_ADDR_TRANSMITTER][:6]
        frame = a[A_FRAME]
        flags = struct.unpack("=I", a[A_FLAGS][:4])[0]
        freq = a.get(A_FREQ)
        tx_info = bytearray(a[A_TX_INFO][:8])
        key = mac(tx)
        self.stats["frames"][key] = self.stats["frames"].get(key, 0) + 1
        if len(frame) >= 2 and (frame[0] >> 2) & 3 == 2:
            self.stats["data"][key] = self.stats["data"].get(key, 0) + 1
        addr1 = frame[4:10]
        acked = False
        if self.blocked:
            self.stats["blocked_frames"] += 1
        else:
            rate = max(struct.unpack("=b", tx_info[:1])[0], 0)
            for r in self.radios:
                if r == tx:
                    continue
                p = h.attr(A_ADDR_RECEIVER, r) + h.attr(A_FRAME, frame)
                p += h.attr(A_RX_RATE, struct.pack("=I", rate))
                p += h.attr(A_SIGNAL, struct.pack("=i", SIGNAL))
                if freq is not None:
                    p += h.attr(A_FREQ, freq[:4])
                self.send("FRAME", p)
                self.stats["delivered"] += 1
                if addr1 == bytes([r[0] & ~0x40]) + r[1:] and not flags & TX_CTL_NO_ACK:
                    acked = True
        if acked:
            self.stats["acked"] += 1
        # Sent once at the first rate.
        status = bytearray(8)
        status[0], status[1] = tx_info[0], 1
        for i in range(1, 4):
            status[2 * i] = 0xFF
        p = h.attr(A_ADDR_TRANSMITTER, tx)
        p += h.attr(A_FLAGS, struct.pack("=I", flags | (TX_STAT_ACK if acked else 0)))
        p += h.attr(A_COOKIE, a[A_COOKIE][:8])
        p += h.attr(A_SIGNAL, struct.pack("=i", SIGNAL))
        p += h.attr(A_TX_INFO, bytes(status))
        self.send("TX_INFO_FRAME", p)
        self.stats["tx_info"] += 1

    def mac_addr(self, add, a):
        key = "%s>%s" % (mac(a.get(A_ADDR_TRANSMITTER, b"")[:6]), mac(a.get(A_ADDR_RECEIVER, b"")[:6]))
        counts = self.stats["mac_add" if add else "mac_del"]
        counts[key] = counts.get(key, 0) + 1
        self.write_stats()

    def run(self):
        err, _, text = self.nl.request("REGISTER", b"")
        if err:
            print("error %d %s" % (-err, text), flush=True)
            sys.exit(1)
        self.write_stats()
        print("registered", flush=True)
        self.nl.s.settimeout(0.5)
        while True:
            try:
                data = self.nl.s.recv(1 << 17)
            except socket.timeout:
                data = b""
            except OSError as e:
                # ENOBUFS: the kernel dropped messages for us; go on.
                key = "recv%d" % e.errno
                self.stats["error"][key] = self.stats["error"].get(key, 0) + 1
                data = b""
            while len(data) >= 16:
                ln, mtype, _, seq, _ = struct.unpack("=IHHII", data[:16])
                body = data[16:ln]
                data = data[(ln + 3) & ~3:]
                if mtype == h.NLMSG_ERROR:
                    e = "%s:%d" % (self.sent.get(seq, "?"), -struct.unpack("=i", body[:4])[0])
                    self.stats["error"][e] = self.stats["error"].get(e, 0) + 1
                elif mtype == self.fam and body[:1] == bytes([h.CMD["FRAME"]]):
                    self.frame(h.parse_attrs(body[4:]))
                elif mtype == self.fam and body[:1] in (bytes([h.CMD["ADD_MAC_ADDR"]]),
                                                        bytes([h.CMD["DEL_MAC_ADDR"]])):
                    self.mac_addr(body[0] == h.CMD["ADD_MAC_ADDR"], h.parse_attrs(body[4:]))
            if time.monotonic() - self.written > 0.5:
                self.write_stats()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--stats", required=True)
    ap.add_argument("radios", nargs="+")
    a = ap.parse_args()
    radios = [bytes(int(x, 16) for x in r.split(":")) for r in a.radios]
    m = Medium(radios, a.stats)
    signal.signal(signal.SIGUSR1, m.toggle)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    m.run()


if __name__ == "__main__":
    main()
