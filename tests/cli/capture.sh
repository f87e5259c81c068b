# Capture beacons of a hostapd AP into pcap: --create with --duration, and an
# existing monitor interface stopped with SIGINT, -c through the ring and through
# the recv() fallback. tshark must decode them (on the host: capture.host).
# drivers: rwlan_hwsim mac80211_hwsim
. tests/lib/lib.sh
rw=$RWLAN_BIN/rwlan

hwsim_load 2
ap=$(hwsim_iface 0); mon=$(hwsim_iface 1)
start_hostapd "$ap" "ssid=rwlan-cap
hw_mode=g
channel=1"

# A temporary monitor on the second radio's phy (it idles on channel 1).
"$rw" dev "$mon" capture --create -w "$RWLAN_OUT/create.pcap" --duration 5 > "$RWLAN_OUT/create.txt" \
  || fail "capture --create failed"
cat "$RWLAN_OUT/create.txt"
[ -z "$(ls /sys/class/net | grep rwmon)" ] || fail "temporary monitor interface left behind"

# pcap_frames FILE: number of records in a classic pcap file; fails on a bad header.
pcap_frames() {
  python3 -S - "$1" <<'PY'
import struct, sys
d = open(sys.argv[1], "rb").read()
magic, = struct.unpack("<I", d[:4])
e = "<" if magic == 0xa1b2c3d4 else ">"
assert struct.unpack(e + "I", d[:4])[0] == 0xa1b2c3d4, "bad magic"
assert struct.unpack(e + "I", d[20:24])[0] == 127, "not radiotap"
off, n = 24, 0
while off + 16 <= len(d):
    incl, = struct.unpack(e + "I", d[off + 8:off + 12])
    off += 16 + incl
    n += 1
assert off == len(d), "truncated record"
print(n)
PY
}

# The interface itself as monitor, filtered to management frames, stopped by SIGINT.
ip link set "$mon" down
"$rw" dev "$mon" set type monitor || fail "set type monitor failed"
ip link set "$mon" up
"$rw" dev "$mon" set channel 1 || fail "set channel failed"
"$rw" --json dev "$mon" capture -w "$RWLAN_OUT/sigint.pcap" --filter mgmt > "$RWLAN_OUT/sigint.json" &
pid=$!
nap 3
kill -INT $pid
wait $pid || fail "capture exited non-zero after SIGINT"
jq -e '.frames > 0 and .frames == .mgmt and .method == "mmap-ring"' "$RWLAN_OUT/sigint.json" > /dev/null \
  || { cat "$RWLAN_OUT/sigint.json"; fail "bad counts after SIGINT (or no ring)"; }
[ "$(pcap_frames "$RWLAN_OUT/sigint.pcap")" = "$(jq .frames "$RWLAN_OUT/sigint.json")" ] \
  || fail "SIGINT capture file does not hold the frames counted"
grep -q rwlan-cap "$RWLAN_OUT/sigint.pcap" || fail "SIGINT capture has no beacon of rwlan-cap"
"$rw" dev "$mon" capture -w "$RWLAN_OUT/count.pcap" -c 3 > /dev/null || fail "capture -c failed"
[ "$(pcap_frames "$RWLAN_OUT/count.pcap")" = 3 ] || fail "-c 3 did not write 3 frames"
# The recv() path the capture falls back to when it cannot map a ring.
RWLAN_CAPTURE_RECV=1 "$rw" --json dev "$mon" capture -w "$RWLAN_OUT/recv.pcap" -c 3 > "$RWLAN_OUT/recv.json" \
  || fail "capture -c with recv() failed"
jq -e '.frames == 3 and .method == "recv"' "$RWLAN_OUT/recv.json" > /dev/null || fail "bad counts with recv()"
[ "$(pcap_frames "$RWLAN_OUT/recv.pcap")" = 3 ] || fail "-c 3 with recv() did not write 3 frames"
log "monitor capture with SIGINT and -c work, through the ring and through recv()"
