# Vendor commands, as mac80211_hwsim answers them: its test command
# (Qualcomm's OUI 0x001374, subcommand 1) takes attribute 8, a u32 N,
# replies with N+2 and sends vendor event 0 carrying N+1 (both wrap at
# 2^32). Requests without N, with an N of the wrong size, with data that
# is not attributes, or to another subcommand are refused, and so is data
# not marked as nested attributes (nl80211 requires that of a command with
# an attribute policy).
# drivers: rwlan_hwsim mac80211_hwsim
. tests/lib/lib.sh
rw=$RWLAN_BIN/rwlan

hwsim_load 1
dev=$(hwsim_iface 0)
"$rw" event -f > "$RWLAN_OUT/events.txt" 2>&1 &
ev_pid=$!; on_exit "kill $ev_pid"
nap 1

# send_test N-AS-4-HEX-BYTES EXPECTED-REPLY-BYTES
send_test() {
  local out
  out=$("$rw" dev "$dev" vendor send --nested 0x001374 1 08 00 08 00 "$@" 2>&1) || fail "vendor command with $* failed: $out"
  echo "$out"
}
[ "$(send_test 05 00 00 00)" = "vendor response: 08 00 08 00 07 00 00 00" ] \
  || fail "reply to 5 is not 7: $(send_test 05 00 00 00)"
[ "$(send_test ff ff ff ff)" = "vendor response: 08 00 08 00 01 00 00 00" ] \
  || fail "reply to 2^32-1 does not wrap to 1"
"$rw" --json dev "$dev" vendor send --nested 0x001374 1 0800080029000000 > "$RWLAN_OUT/reply.json" || fail "--json vendor send failed"
python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
assert r["oui"] == 0x1374 and r["subcmd"] == 1, r
assert r["data"] == "08 00 08 00 2b 00 00 00", r
' "$RWLAN_OUT/reply.json" || fail "--json reply to 41 is not 43: $(cat "$RWLAN_OUT/reply.json")"
wait_until 10 grep -q "vendor event 001374:1 \[data:08 00 08 00 2a 00 00 00\]" "$RWLAN_OUT/events.txt" \
  || fail "no vendor event carrying 42: $(cat "$RWLAN_OUT/events.txt")"
grep -q "vendor event 001374:1 \[data:08 00 08 00 06 00 00 00\]" "$RWLAN_OUT/events.txt" \
  || fail "no vendor event carrying 6: $(cat "$RWLAN_OUT/events.txt")"
grep -q "vendor event 001374:1 \[data:08 00 08 00 00 00 00 00\]" "$RWLAN_OUT/events.txt" \
  || fail "no vendor event carrying 0 (2^32-1 + 1)"
log "vendor command 0x001374/1: 5 -> 7, 41 -> 43, 2^32-1 -> 1; events carry N+1"

# refused REASON ARGS...: the command fails and says why.
refused() {
  local why=$1 out; shift
  if out=$("$rw" dev "$dev" vendor send --nested "$@" 2>&1); then fail "vendor send $* ($why) succeeded: $out"; fi
  echo "$out" | grep -q "$why" || fail "vendor send $*: expected '$why', got: $out"
}
refused "rejected the arguments" 0x001374 1
refused "rejected the arguments" 0x001374 1 08 00 07 00 05 00 00 00
refused "rejected the arguments" 0x001374 1 06 00 08 00 05 00 00 00
refused "rejected the arguments" 0x001374 1 ff ff ff
refused "does not support" 0x001374 2 08 00 08 00 05 00 00 00
refused "does not support" 0x001375 1 08 00 08 00 05 00 00 00
out=$("$rw" dev "$dev" vendor send 0x001374 1 0800080005000000 2>&1) && fail "data not marked nested accepted: $out"
echo "$out" | grep -q "expected nested data" || fail "data not marked nested: $out"
"$rw" dev "$dev" vendor send --nested 0x001374 1 0800080005000000 > /dev/null || fail "the radio stopped answering after refused requests"
log "requests without N, with other attributes, a short N, non-attributes, another command or unnested data are refused"
