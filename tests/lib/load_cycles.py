"""Load/unload cycles of a radio driver, all in one process: in the debug
guest every insmod, rwlan, ip or python3 run costs about half a second,
which made a cycle of them 11 s.

  load_cycles.py MODULE.ko CYCLES [PARAMS [THREAD]]

Each cycle loads MODULE.ko with radios=2 and PARAMS (finit_module), waits for both
radios' interfaces, makes both monitors (nl80211 SET_INTERFACE), brings them
up (rtnetlink), puts them on channel 1 (SET_CHANNEL), injects 50 frames on
the first that the second must receive, unloads the module with both
interfaces up (delete_module, as rmmod does) and checks that no radio is
left. With THREAD "thread" (or "no-thread") a kernel thread whose name
starts with "napi/" must (or must not) run while the module is loaded. The
first failure ends it with the cycle and the reason; the module is then
left loaded for the caller's cleanup. Progress every 100 cycles."""
import glob
import os
import platform
import struct
import sys
import time

from inject_flood import flood
from nl80211_wire import (A_IFINDEX, A_IFTYPE, A_WIPHY_FREQ, C_SET_CHANNEL, C_SET_INTERFACE,
                          IFF_UP, NETLINK_GENERIC, NETLINK_ROUTE, NLM_F_ACK, NLM_F_REQUEST,
                          RTM_NEWLINK, T_MONITOR, Nl, attr, genl_msg, outcome_name,
                          resolve_family, u32)

# finit_module and delete_module have no libc wrapper Python can reach.
SYSCALLS = {"x86_64": (313, 176), "aarch64": (273, 106)}
MODULE_INIT_COMPRESSED_FILE = 4
CLASS = "/sys/class/mac80211_hwsim"
FRAMES = 50


class Failed(Exception):
    pass


def libc_syscall():
    import ctypes
    libc = ctypes.CDLL(None, use_errno=True)
    return libc.syscall, ctypes


def radios():
    """The interface of each radio in the class, by radio number."""
    found = {}
    for d in glob.glob(CLASS + "/hwsim*"):
        ifaces = sorted(os.listdir(d + "/net")) if os.path.isdir(d + "/net") else []
        found[int(d.rsplit("hwsim", 1)[1])] = ifaces[0] if ifaces else None
    return found


def rx_packets(ifname):
    with open("/sys/class/net/%s/statistics/rx_packets" % ifname) as f:
        return int(f.read())


def ifindex(ifname):
    with open("/sys/class/net/%s/ifindex" % ifname) as f:
        return int(f.read())


def napi_threads():
    names = []
    for comm in glob.glob("/proc/[0-9]*/comm"):
        try:
            with open(comm) as f:
                name = f.read().strip()
        except OSError:
            continue
        if name.startswith("napi/"):
            names.append(name)
    return names


class Cycler:
    def __init__(self, path, params="", thread=None):
        nr = SYSCALLS.get(platform.machine())
        if nr is None:
            sys.exit("load_cycles: no syscall numbers for %s" % platform.machine())
        self.finit_nr, self.delete_nr = nr
        self.syscall, self.ctypes = libc_syscall()
        self.path = path
        self.params = ("radios=2 " + params).strip().encode()
        self.thread = thread
        self.name = os.path.basename(path).split(".ko")[0].encode()
        self.flags = 0 if path.endswith(".ko") else MODULE_INIT_COMPRESSED_FILE
        self.gen, self.rt = Nl(NETLINK_GENERIC), Nl(NETLINK_ROUTE)
        self.family = self.resolve()

    def resolve(self):
        family = resolve_family(self.gen, "nl80211")
        if isinstance(family, str):
            sys.exit("load_cycles: no nl80211 family (%s): is cfg80211 loaded?" % family)
        return family

    def call(self, nr, *args):
        self.ctypes.set_errno(0)
        if self.syscall(nr, *args) != 0:
            return self.ctypes.get_errno()
        return 0

    def load(self):
        fd = os.open(self.path, os.O_RDONLY | os.O_CLOEXEC)
        try:
            err = self.call(self.finit_nr, fd, self.params, self.flags)
        finally:
            os.close(fd)
        if err:
            raise Failed("loading %s: %s" % (self.path, os.strerror(err)))

    def unload(self):
        err = self.call(self.delete_nr, self.name, os.O_NONBLOCK)
        if err:
            raise Failed("unloading %s: %s" % (self.name.decode(), os.strerror(err)))

    def nl80211(self, what, cmd, payload):
        seq = self.gen.next_seq()
        out, _, txt = self.gen.exchange(genl_msg(self.family, cmd, payload, NLM_F_REQUEST | NLM_F_ACK, seq),
                                        seq, 10)
        if out != 0:
            raise Failed("%s: %s %s" % (what, outcome_name(out), txt))

    def link_up(self, ifname, index):
        seq = self.rt.next_seq()
        body = struct.pack("=BxHIII", 0, 0, index, IFF_UP, IFF_UP)
        msg = struct.pack("=IHHII", 16 + len(body), RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK, seq, 0) + body
        out, _, txt = self.rt.exchange(msg, seq, 10)
        if out != 0:
            raise Failed("%s up: %s %s" % (ifname, outcome_name(out), txt))

    def wait(self, what, cond, secs):
        deadline = time.monotonic() + secs
        while not cond():
            if time.monotonic() > deadline:
                raise Failed("%s within %d s" % (what, secs))
            time.sleep(0.05)

    def cycle(self):
        self.load()
        self.wait("2 radios with interfaces", lambda: len([i for i in radios().values() if i]) >= 2, 10)
        if self.thread is not None and bool(napi_threads()) != (self.thread == "thread"):
            raise Failed("with %s, NAPI threads %s" % (self.params.decode(), napi_threads() or "none"))
        tx, rx = radios()[0], radios()[1]
        for ifname in (tx, rx):
            index = ifindex(ifname)
            self.nl80211(ifname + " monitor", C_SET_INTERFACE, attr(A_IFINDEX, u32(index))
                         + attr(A_IFTYPE, u32(T_MONITOR)))
            self.link_up(ifname, index)
            self.nl80211(ifname + " channel 1", C_SET_CHANNEL, attr(A_IFINDEX, u32(index))
                         + attr(A_WIPHY_FREQ, u32(2412)))
        before = rx_packets(rx)
        flood(tx, FRAMES)
        try:
            self.wait("%s receiving %d frames" % (rx, FRAMES), lambda: rx_packets(rx) >= before + FRAMES, 10)
        except Failed as e:
            raise Failed("%s (got %d)" % (e, rx_packets(rx) - before))
        self.unload()
        left = radios()
        if left:
            raise Failed("radios left after unload: %s" % sorted(left))


def main():
    if not 3 <= len(sys.argv) <= 5 or sys.argv[4:] not in ([], ["thread"], ["no-thread"]):
        sys.exit(__doc__)
    params = sys.argv[3] if len(sys.argv) > 3 else ""
    thread = sys.argv[4] if len(sys.argv) > 4 else None
    cycler, cycles = Cycler(sys.argv[1], params, thread), int(sys.argv[2])
    t0 = time.monotonic()
    for i in range(1, cycles + 1):
        try:
            cycler.cycle()
        except (Failed, OSError) as e:
            sys.exit("load_cycles: cycle %d: %s" % (i, e))
        if i % 100 == 0:
            print("%d cycles in %.0f s" % (i, time.monotonic() - t0), flush=True)
    print("%d load/unload cycles of %s with traffic in %.1f s"
          % (cycles, cycler.name.decode(), time.monotonic() - t0), flush=True)


if __name__ == "__main__":
    main()
