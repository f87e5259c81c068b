# The MAC80211_HWSIM generic netlink family: GET_RADIO (dump and single),
# NEW_RADIO (name, perm addr, no-vif, p2p device, channels, iftypes,
# ciphers, destroy on close) and DEL_RADIO by id and name, with the errors
# and extack messages of mac80211_hwsim, and -EPERM for unprivileged users.
#
# drivers: rwlan_hwsim mac80211_hwsim
. tests/lib/lib.sh
nl() { python3 -S tests/lib/hwsim_nl.py "$@"; }
# expect_error ERRNO MESSAGE_PART CMD...: the command fails with that errno
# (and, when given, that extack message).
expect_error() {
  local want=$1 msg=$2 out; shift 2
  if out=$("$@" 2>&1); then fail "$* succeeded: $out"; fi
  echo "$out" | contains "^error $want" || fail "$*: expected error $want, got: $out"
  [ -z "$msg" ] || echo "$out" | contains "$msg" || fail "$*: expected message '$msg', got: $out"
  log "$* -> $out"
}

hwsim_load 2
nl dump > "$RWLAN_OUT/dump0.txt"; cat "$RWLAN_OUT/dump0.txt"
[ "$(wc -l < "$RWLAN_OUT/dump0.txt")" -eq 2 ] || fail "dump lists $(wc -l < "$RWLAN_OUT/dump0.txt") radios, expected 2"
phy0=$(phy_of "$(hwsim_iface 0)")
nl get 0 | contains "^0 $phy0" || fail "GET_RADIO 0 is not $phy0: $(nl get 0)"
expect_error 19 "" nl get 77

id=$(nl new)
log "NEW_RADIO -> $id"
wait_until 10 test -d "/sys/class/mac80211_hwsim/hwsim$id/net" || fail "no hwsim$id device with a net/ directory"
[ "$(nl dump | wc -l)" -eq 3 ] || fail "dump does not list the new radio"
nl get "$id" | contains "^$id phy" || fail "GET_RADIO $id failed"

named=$(nl new --name rwlantest --perm-addr 02:11:22:33:44:00 --no-vif)
"$RWLAN_BIN/rwlan" phy rwlantest > /dev/null || fail "no wiphy named rwlantest"
[ "$(cat /sys/class/ieee80211/rwlantest/macaddress)" = 02:11:22:33:44:00 ] || fail "perm addr not applied"
ls "/sys/class/mac80211_hwsim/hwsim$named/net" 2>/dev/null | contains . && fail "no-vif radio has an interface"
# rwlan_hwsim refuses a second radio with the same perm addr, as
# mac80211_hwsim means to ("perm addr already present"); 6.12's C driver
# inserts into its address table without a key check and accepts it.
if [ "$RWLAN_RADIO" = mac80211_hwsim ]; then
  dup=$(nl new --perm-addr 02:11:22:33:44:00 --no-vif) || fail "C driver refused a duplicate perm addr"
  nl del --id "$dup" || fail "DEL_RADIO of the duplicate failed"
else
  expect_error 17 "perm addr already present" nl new --perm-addr 02:11:22:33:44:00
fi
expect_error 22 "MAC is no valid source addr" nl new --perm-addr 01:00:00:00:00:01
expect_error 22 "at least one channel" nl new --channels 0
expect_error 22 "iftypes" nl new --iftypes 0xffffffff
expect_error 22 "unsupported ciphers" nl new --ciphers 000fac04,12345678
expect_error 22 "cipher list length" nl new --raw-attr 24:000fac
expect_error 22 "" nl del
expect_error 19 "" nl del --id 4242
expect_error 1 "" setpriv --reuid=65534 --regid=65534 --clear-groups python3 -S tests/lib/hwsim_nl.py new
expect_error 1 "" setpriv --reuid=65534 --regid=65534 --clear-groups python3 -S tests/lib/hwsim_nl.py del --id 0
# Anyone may list radios.
setpriv --reuid=65534 --regid=65534 --clear-groups python3 -S tests/lib/hwsim_nl.py dump > /dev/null \
  || fail "unprivileged GET_RADIO dump failed"

nl new --ciphers 000fac04,000fac02 --iftypes 0x4 > "$RWLAN_OUT/limited.txt" || fail "limited radio refused"
limited=$(cat "$RWLAN_OUT/limited.txt")
lphy=$(nl get "$limited" | awk '{print $2}')
"$RWLAN_BIN/rwlan" phy "$lphy" > "$RWLAN_OUT/limited-phy.txt"
grep -q "TKIP" "$RWLAN_OUT/limited-phy.txt" || fail "limited radio lacks TKIP"
grep -q "GCMP" "$RWLAN_OUT/limited-phy.txt" && fail "limited radio lists GCMP"

# Deleting a radio in use (an AP beaconing on it) tears it down cleanly.
busy_if=$(ls "/sys/class/mac80211_hwsim/hwsim$id/net" | head -n1)
start_hostapd "$busy_if" "ssid=rwlan-busy
hw_mode=g
channel=1"
nl del --id "$id" || fail "DEL_RADIO of a radio in use failed"
[ ! -e "/sys/class/net/$busy_if" ] || fail "$busy_if survived DEL_RADIO"

# A radio made with DESTROY_RADIO_ON_CLOSE lives as long as its socket.
mkfifo "$RWLAN_TMP/hold"
nl new --destroy-on-close < "$RWLAN_TMP/hold" > "$RWLAN_OUT/doc.txt" &
holder=$!
exec 3> "$RWLAN_TMP/hold"
wait_until 60 test -s "$RWLAN_OUT/doc.txt" || fail "no destroy-on-close radio"
doc=$(cat "$RWLAN_OUT/doc.txt")
wait_until 10 test -d "/sys/class/mac80211_hwsim/hwsim$doc/net" || fail "destroy-on-close radio hwsim$doc not there"
nl get "$doc" > /dev/null || fail "GET_RADIO of the destroy-on-close radio failed"
exec 3>&-
wait "$holder" || fail "the destroy-on-close holder failed"
wait_until 30 test ! -e "/sys/class/mac80211_hwsim/hwsim$doc" || fail "hwsim$doc survived its socket"
expect_error 19 "" nl get "$doc"

nl del --name rwlantest || fail "DEL_RADIO by name failed"
nl del --id "$limited" || fail "DEL_RADIO of the limited radio failed"
[ ! -e "/sys/class/mac80211_hwsim/hwsim$id" ] || fail "hwsim$id still there after DEL_RADIO"
[ "$(nl dump | wc -l)" -eq 2 ] || fail "dump after deletions: $(nl dump)"
expect_error 19 "" nl del --id "$id"
log "NEW/DEL/GET_RADIO behave"
