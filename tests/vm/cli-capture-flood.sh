# Capture under a flood of injected frames: rwlan capture and tcpdump -w on
# the same monitor interface, the same flood each; logs frames/s of both and
# fails if rwlan keeps less than half of what tcpdump keeps.
. tests/vm/lib.sh
rw=$RWLAN_BIN/rwlan
frames=${RWLAN_FLOOD_FRAMES:-3000}

hwsim_load 2
tx=$(hwsim_iface 0); rx=$(hwsim_iface 1)
for ifc in "$tx" "$rx"; do
  "$rw" dev "$ifc" set type monitor || fail "set type monitor on $ifc"
  ip link set "$ifc" up
  "$rw" dev "$ifc" set channel 1 || fail "set channel on $ifc"
done

# flood: injects $frames radiotap+data frames on $tx as fast as the socket
# takes them; prints the seconds it took.
cat > "$RWLAN_TMP/flood.py" <<'PY'
import socket, struct, sys, time
ifname, count = sys.argv[1], int(sys.argv[2])
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind((ifname, 0))
radiotap = struct.pack("<BBHI", 0, 0, 8, 0)
src = bytes.fromhex("020000000099")
frame = radiotap + struct.pack("<HH6s6s6sH", 0x0008, 0, b"\xff" * 6, src, src, 0) + b"x" * 200
t0 = time.monotonic()
sent = 0
while sent < count:
    try:
        s.send(frame)
        sent += 1
    except OSError:
        time.sleep(0.001)
print(round(time.monotonic() - t0, 3))
PY

# run_flood CAPTURE_CMD...: starts the capture, floods, stops it with SIGINT.
run_flood() {
  "$@" &
  local pid=$!
  sleep 2
  secs=$(python3 "$RWLAN_TMP/flood.py" "$tx" "$frames")
  sleep 2
  kill -INT $pid
  wait $pid || true
}

run_flood "$rw" --json dev "$rx" capture -w "$RWLAN_OUT/rwlan.pcap" --filter data > "$RWLAN_OUT/rwlan.json"
rw_secs=$secs
rw_n=$(jq .data "$RWLAN_OUT/rwlan.json") || fail "rwlan capture printed no counts"
run_flood tcpdump -i "$rx" -w "$RWLAN_OUT/tcpdump.pcap" 2> "$RWLAN_OUT/tcpdump.err"
td_secs=$secs
td_n=$(sed -nE 's/^([0-9]+) packets? captured.*/\1/p' "$RWLAN_OUT/tcpdump.err")
[ -n "$td_n" ] || { cat "$RWLAN_OUT/tcpdump.err"; fail "tcpdump printed no counts"; }
log "flood of $frames frames: rwlan kept $rw_n data frames (flood $rw_secs s, $(jq .dropped "$RWLAN_OUT/rwlan.json") dropped by kernel)," \
  "tcpdump kept $td_n frames (flood $td_secs s)"
# Frames kept per second of flood: the injector is the limit while both keep everything.
log "kept frames/s of flood: rwlan $(python3 -c "print(round($rw_n / $rw_secs))"), tcpdump $(python3 -c "print(round($td_n / $td_secs))")"
[ "$rw_n" -gt 0 ] || fail "rwlan captured nothing"
python3 -c "import sys; sys.exit(0 if $rw_n * 2 >= $td_n else 1)" || fail "rwlan kept $rw_n frames, tcpdump $td_n"
