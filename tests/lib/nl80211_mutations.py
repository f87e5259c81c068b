"""How the nl80211 fuzzer malforms a request (see nl80211_fuzz.py), as a
mixin over its random generator."""

from nl80211_wire import *  # noqa: F401,F403 (numbers and encoders)


class Mutations:
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
