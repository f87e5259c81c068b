"""The well-formed requests the nl80211 fuzzer draws from (see
nl80211_fuzz.py), as a mixin over its state: interfaces, wiphys, saved
settings."""

from nl80211_wire import *  # noqa: F401,F403 (numbers and encoders)


class RequestBuilders:
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
