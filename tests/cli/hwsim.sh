# rwlan hwsim over the MAC80211_HWSIM family: without a radio driver it
# says which module is missing; `list` names the radios sysfs has; `new`
# creates a named multi-channel P2P radio that nl80211 then shows, `del`
# removes it by name, and `watch` saw both; a destroy-on-close radio goes
# when rwlan exits; bad ids, addresses and users are refused with the
# documented exit codes.
# drivers: rwlan_hwsim mac80211_hwsim
. tests/lib/lib.sh
rw=$RWLAN_BIN/rwlan

expect 6 'no MAC80211_HWSIM generic netlink family \(is a virtual radio driver' "$rw" hwsim list

hwsim_load 2
listed=$("$rw" hwsim list) || fail "rwlan hwsim list failed"
echo "$listed"
[ "$(grep -c '^radio ' <<< "$listed")" = 2 ] || fail "hwsim list shows $(grep -c '^radio ' <<< "$listed") radios, not 2"
for n in 0 1; do
  phy=$(ls "/sys/class/mac80211_hwsim/hwsim$n/ieee80211")
  grep -Eq "^radio $n $phy( |\$)" <<< "$listed" || fail "hwsim list lacks 'radio $n $phy'"
done

"$rw" hwsim watch -c 2 --duration 120 > "$RWLAN_TMP/watch" &
watch_pid=$!
on_exit "kill $watch_pid"
nap 1
made=$("$rw" hwsim new --name rwtest --channels 2 --p2p-device) || fail "rwlan hwsim new failed"
log "new: $made"
id=$(awk '/^radio / { print $2 }' <<< "$made")
grep -Eq "^radio $id rwtest channels=2 .*p2p-device" <<< "$made" || fail "new printed '$made'"
iw phy rwtest info | contains 'P2P-device' || fail "nl80211 shows no P2P-device mode on rwtest"
[ "$("$rw" --json hwsim list | jq ".[] | select(.id == $id) | .channels")" = 2 ] \
  || fail "--json list: radio $id has not 2 channels"
"$rw" hwsim del --name rwtest || fail "rwlan hwsim del --name rwtest failed"
wait_until 10 eval '! "$rw" phy rwtest > /dev/null 2>&1' || fail "rwtest still there after del"
wait "$watch_pid" || fail "hwsim watch did not see 2 events"
cat "$RWLAN_TMP/watch"
grep -q "^new: radio $id rwtest" "$RWLAN_TMP/watch" || fail "watch missed the new radio"
grep -q "^del: radio $id rwtest" "$RWLAN_TMP/watch" || fail "watch missed the deleted radio"
log "new, del and watch agree on radio $id"

# A destroy-on-close radio lives while rwlan holds its socket open.
(sleep 4) | "$rw" hwsim new --name rwclose --destroy-on-close > /dev/null &
close_pid=$!
wait_until 10 "$rw" phy rwclose > /dev/null || fail "the destroy-on-close radio did not appear"
wait "$close_pid" || fail "rwlan hwsim new --destroy-on-close failed"
wait_until 10 eval '! "$rw" phy rwclose > /dev/null 2>&1' || fail "the destroy-on-close radio outlived rwlan"
log "destroy-on-close: the radio went with rwlan"

expect 3 'cannot delete the radio: no such device' "$rw" hwsim del 4242
expect 2 'name the radio' "$rw" hwsim del
expect 2 "'de' is not a country" "$rw" hwsim new --reg-alpha2 de
expect 1 'cannot create the radio: the kernel rejected the arguments \(kernel says: .+\)' "$rw" hwsim new --perm-addr 01:00:00:00:00:01
expect 4 'permission denied' setpriv --reuid=65534 --regid=65534 --clear-groups "$rw" hwsim new
[ "$("$rw" hwsim list | grep -c '^radio ')" = 2 ] || fail "refused requests changed the radios"
