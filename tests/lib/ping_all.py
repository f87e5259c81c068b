"""Pings every ADDRESS (IPv4) from one process: an ICMP echo request to
each, again every 2 s to those that have not answered, until all have or
TIMEOUT seconds passed. Prints the addresses that never answered and exits
1 if there are any. A ping process per address costs about a second each
of the debug guest's CPU; this costs one.
    ping_all.py TIMEOUT ADDRESS..."""
import os
import select
import socket
import struct
import sys
import time

ECHO_REQUEST, ECHO_REPLY = 8, 0
RESEND_S = 2.0


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    total = (total >> 16) + (total & 0xFFFF)
    total += total >> 16
    return ~total & 0xFFFF


def echo_request(ident, seq):
    body = b"rwlan-ping-all"
    header = struct.pack("!BBHHH", ECHO_REQUEST, 0, 0, ident, seq)
    csum = checksum(header + body)
    return struct.pack("!BBHHH", ECHO_REQUEST, 0, csum, ident, seq) + body


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: ping_all.py TIMEOUT ADDRESS...")
    timeout = float(sys.argv[1])
    waiting = {socket.inet_aton(a): a for a in sys.argv[2:]}
    ident = os.getpid() & 0xFFFF
    sock = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
    deadline = time.monotonic() + timeout
    next_send = 0.0
    while waiting:
        now = time.monotonic()
        if now >= deadline:
            break
        if now >= next_send:
            for seq, address in enumerate(waiting.values()):
                try:
                    sock.sendto(echo_request(ident, seq), (address, 0))
                except OSError:
                    pass  # no neighbour yet: the next round tries again
            next_send = now + RESEND_S
        ready, _, _ = select.select([sock], [], [], min(next_send, deadline) - now)
        if not ready:
            continue
        packet, _ = sock.recvfrom(2048)
        ihl = (packet[0] & 0x0F) * 4
        if len(packet) < ihl + 8:
            continue
        kind, _, _, reply_ident, _ = struct.unpack("!BBHHH", packet[ihl:ihl + 8])
        if kind == ECHO_REPLY and reply_ident == ident:
            waiting.pop(packet[12:16], None)
    for address in waiting.values():
        print("no answer from %s" % address)
    sys.exit(1 if waiting else 0)


main()
