# What rwlan's scan options put on the air, seen from a monitor on another
# radio: --ies adds the elements to the probe requests, --randomise=ADDR/MASK
# sends them from an address with MASK's bits taken from ADDR (not the
# interface's); a plain scan probes from the interface's own address with
# neither. Malformed elements and options that cannot go together are
# refused before anything is sent.
# drivers: rwlan_hwsim mac80211_hwsim
. tests/lib/lib.sh
rw=$RWLAN_BIN/rwlan

hwsim_load 2
sta=$(hwsim_iface 0); mon=$(hwsim_iface 1)
"$rw" dev "$mon" set type monitor || fail "set type monitor on $mon"
ip link set "$mon" up
"$rw" dev "$mon" set channel 1 || fail "set channel on $mon"
ip link set "$sta" up
own=$(cat "/sys/class/net/$sta/address")

pcap=$RWLAN_OUT/probes.pcap
"$rw" dev "$mon" capture -w "$pcap" --filter mgmt --duration 120 > /dev/null &
cap=$!
on_exit "kill $cap"
nap 1
"$rw" dev "$sta" scan --freq 2412 --ies dd0500112233ff --randomise=02:00:00:aa:00:00/ff:ff:ff:ff:00:00 > /dev/null \
  || fail "scan with --ies and --randomise failed"
"$rw" dev "$sta" scan --freq 2412 > /dev/null || fail "plain scan failed"
nap 1
kill -INT "$cap"; wait "$cap" || true

# One line a probe request: source address, and whether it carries the
# vendor element (radiotap header skipped by its own length).
python3 -S - "$pcap" > "$RWLAN_OUT/probes.txt" <<'EOF'
import struct, sys
data = open(sys.argv[1], "rb").read()
off = 24
while off + 16 <= len(data):
    incl = struct.unpack_from("<I", data, off + 8)[0]
    pkt = data[off + 16:off + 16 + incl]
    off += 16 + incl
    rt = struct.unpack_from("<H", pkt, 2)[0]
    frame = pkt[rt:]
    if len(frame) >= 24 and frame[0] == 0x40:
        sa = ":".join("%02x" % b for b in frame[10:16])
        print(sa, "ie" if bytes.fromhex("dd0500112233ff") in frame[24:] else "-")
EOF
cat "$RWLAN_OUT/probes.txt"
grep -Eq "^02:00:00:aa:[0-9a-f]{2}:[0-9a-f]{2} ie$" "$RWLAN_OUT/probes.txt" \
  || fail "no probe request from 02:00:00:aa:xx:xx with the vendor element"
grep -q "^$own ie$" "$RWLAN_OUT/probes.txt" && fail "the randomised scan probed from $own"
grep -q "^$own -$" "$RWLAN_OUT/probes.txt" || fail "the plain scan sent no probe request from $own"
log "probe requests: $(grep -c ' ie$' "$RWLAN_OUT/probes.txt") randomised with the element, $(grep -c "^$own -$" "$RWLAN_OUT/probes.txt") plain"

expect 2 "an element's length runs past the end" "$rw" dev "$sta" scan --ies dd0500
expect 2 "is not hex bytes" "$rw" dev "$sta" scan --ies xyz
expect 2 "cannot be used with" "$rw" dev "$sta" scan --passive --ies dd00
expect 2 "is not ADDR/MASK" "$rw" dev "$sta" scan --randomise=02:00:00:00:00:00
