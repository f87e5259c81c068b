# Multi-channel radios (channels=2): the interface combination allows two
# channels; hardware scan finds an AP; a station connects and pings;
# remain-on-channel (rwlan offchannel) works on another channel; and one radio
# runs an AP on channel 1 while its second interface is a station of an AP
# on channel 6. GET_RADIO and NEW_RADIO report and honour CHANNELS.
#
# drivers: rwlan_hwsim mac80211_hwsim
. tests/lib/lib.sh

hwsim_load 3 channels=2
rw=$RWLAN_BIN/rwlan
mc=$(hwsim_iface 0); ap6=$(hwsim_iface 1); sta1=$(hwsim_iface 2)
mcphy=$(phy_of "$mc")

for i in 0 1 2; do
  "$rw" phy "$(phy_of "$(hwsim_iface $i)")" > "$RWLAN_OUT/phy$i.txt"
  grep -q "#channels <= 2" "$RWLAN_OUT/phy$i.txt" \
    || { grep -A8 "valid interface combinations" "$RWLAN_OUT/phy$i.txt"; fail "radio $i: no '#channels <= 2' combination"; }
done
# What a multi-channel radio announces, compared between the drivers by the
# fixed lines below.
grep -E "max # scan SSIDs|max scan IEs length|#channels" "$RWLAN_OUT/phy0.txt" | sed 's/^[[:space:]]*//' \
  | tee "$RWLAN_OUT/caps.txt"
grep -q "max # scan SSIDs: 255" "$RWLAN_OUT/caps.txt" || fail "max scan SSIDs is not 255"
# 2304 bytes less what mac80211 adds to every probe request itself, which
# depends on the PHY (2109 with mac80211_hwsim's VHT/HE/EHT, 2257 without).
grep -Eq "max scan IEs length: 2[0-9]{3} bytes" "$RWLAN_OUT/caps.txt" || fail "max scan IEs length is not 2304 less mac80211's IEs"
grep -q "remain_on_channel" "$RWLAN_OUT/phy0.txt" || fail "no remain_on_channel command"

# GET_RADIO reports two channels and channel contexts; NEW_RADIO without
# CHANNELS takes the module's default, with CHANNELS=3 makes three.
"$rw" hwsim list | tee "$RWLAN_OUT/radios.txt"
grep -q "^radio 0 .* channels=2 chanctx" "$RWLAN_OUT/radios.txt" || fail "GET_RADIO does not report channels=2 with chanctx"
"$rw" hwsim new --name mc3 --no-vif --channels 3 | contains " mc3 channels=3 chanctx" || fail "NEW_RADIO channels=3 not reported"
"$rw" phy mc3 | contains "#channels <= 3" || fail "mc3: no '#channels <= 3' combination"
"$rw" hwsim del --name mc3 || fail "DEL_RADIO of mc3 failed"
"$rw" hwsim new --name mc1 --no-vif --channels 1 | contains -Ex "radio [0-9]+ mc1 channels=1" || fail "NEW_RADIO channels=1 not a single-channel radio"
"$rw" hwsim del --name mc1 || fail "DEL_RADIO of mc1 failed"
# A medium in user space cannot serve multi-channel radios.
out=$(python3 -S "$RWLAN_ROOT/tests/lib/hwsim_nl.py" register 2>&1) && fail "REGISTER accepted with multi-channel radios"
echo "$out" | contains "^error 95" || fail "REGISTER: expected EOPNOTSUPP, got: $out"

# AP on channel 6 on radio 1, in its own namespace.
netns_new ap6
move_radio "$ap6" ap6
start_hostapd "$ap6" "ssid=rwlan-mc6
hw_mode=g
channel=6" ap6
ip -n ap6 addr add 10.57.0.1/24 dev "$ap6"

# Hardware scan from the multi-channel radio's station finds it.
ip link set "$mc" up
scan() { "$rw" dev "$mc" scan > "$RWLAN_OUT/scan.txt" 2>&1 && grep -q "SSID: rwlan-mc6" "$RWLAN_OUT/scan.txt"; }
wait_until 60 scan || { cat "$RWLAN_OUT/scan.txt"; fail "scan did not find rwlan-mc6"; }
grep -B12 "SSID: rwlan-mc6" "$RWLAN_OUT/scan.txt" | contains "freq: 2437" || fail "rwlan-mc6 not reported on 2437 MHz"
log "hardware scan found rwlan-mc6 on 2437 MHz"

# The station connects and pings (from the initial namespace, named for
# start_wpa_supplicant).
ip netns attach init 1
on_exit "ip netns del init"
start_wpa_supplicant init "$mc" 'network={
  ssid="rwlan-mc6"
  key_mgmt=NONE
}'
ip addr add 10.57.0.2/24 dev "$mc"
"$rw" dev "$mc" link | contains "freq: 2437" || fail "station not on 2437 MHz"
ping -c 3 -W 5 10.57.0.1 || fail "station cannot ping the channel-6 AP"

# Remain on channel 11 for 200 ms while associated on channel 6; the
# station keeps its AP.
"$RWLAN_BIN/rwlan" dev "$mc" offchannel 2462 200 || fail "offchannel 2462 200 failed"
nap 1
log "remain-on-channel on 2462 MHz done"
ping -c 2 -W 5 10.57.0.1 || fail "station lost the AP after remain-on-channel"

# A second interface of the same radio runs an AP on channel 1: two
# channels in use at once.
"$rw" dev add mcap --phy "$mcphy" --type __ap
on_exit "$rw dev del mcap"
ip link set dev mcap address 02:00:00:00:0f:01
start_hostapd mcap "ssid=rwlan-mc1
hw_mode=g
channel=1"
ip addr add 10.58.0.1/24 dev mcap
"$rw" dev > "$RWLAN_OUT/dev.txt"
grep -A12 "Interface mcap" "$RWLAN_OUT/dev.txt" | contains "channel 1 (2412 MHz)" || { cat "$RWLAN_OUT/dev.txt"; fail "mcap not on channel 1"; }
grep -A12 "Interface $mc\$" "$RWLAN_OUT/dev.txt" | contains "channel 6 (2437 MHz)" || { cat "$RWLAN_OUT/dev.txt"; fail "$mc not on channel 6"; }

netns_new sta1
move_radio "$sta1" sta1
start_wpa_supplicant sta1 "$sta1" 'network={
  ssid="rwlan-mc1"
  key_mgmt=NONE
}'
ip -n sta1 addr add 10.58.0.2/24 dev "$sta1"
ip netns exec sta1 "$rw" dev "$sta1" link | contains "freq: 2412" || fail "second station not on 2412 MHz"
ip netns exec sta1 ping -c 3 -W 5 10.58.0.1 || fail "station cannot ping the channel-1 AP"
ping -c 3 -W 5 10.57.0.1 || fail "channel-6 station lost its AP while the channel-1 AP runs"
log "one radio: AP on 2412 MHz and station on 2437 MHz at once"
