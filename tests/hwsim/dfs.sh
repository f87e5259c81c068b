# DFS: a single-channel radio's interface combination allows radar
# detection, as mac80211_hwsim's; hostapd on a radar channel (52, 5260 MHz,
# US domain) waits out the channel availability check (60 s) and starts
# the BSS; a write to the radio's debugfs file dfs_simulate_radar reports
# radar, hostapd sees it on 5260 MHz and leaves for another channel, and
# cfg80211 marks 5260 MHz unavailable. A radio with channel contexts has no
# such file.
# drivers: rwlan_hwsim mac80211_hwsim
# time limit: 300 s
. tests/lib/lib.sh

hwsim_load 1
ap=$(hwsim_iface 0) phy=$(phy_of "$(hwsim_iface 0)")
"$RWLAN_BIN/rwlan" phy "$phy" > "$RWLAN_OUT/phy.txt"
contains -F 'radar detect widths: { 20 MHz (no HT), 20 MHz, 40 MHz, 80 MHz, 160 MHz, 5 MHz, 10 MHz }' "$RWLAN_OUT/phy.txt" \
  || fail "the interface combination lists no radar detect widths"
use_regdb
reg_country US
t0=$EPOCHSECONDS
HOSTAPD_WAIT=120 start_hostapd "$ap" "ssid=rwlan-dfs
country_code=US
ieee80211d=1
ieee80211h=1
hw_mode=a
channel=52"
log "BSS up on 5260 MHz after a channel availability check of $(( EPOCHSECONDS - t0 )) s"
hostapd_log=$RWLAN_OUT/hostapd-$ap.log
contains -E 'DFS-CAC-COMPLETED success=1 freq=5260' "$hostapd_log" || fail "no completed CAC on 5260 MHz"

echo 1 > "/sys/kernel/debug/ieee80211/$phy/hwsim/dfs_simulate_radar" || fail "cannot write dfs_simulate_radar"
wait_until 20 contains -E 'DFS-RADAR-DETECTED freq=5260' "$hostapd_log" || fail "hostapd did not hear of the radar"
wait_until 20 contains -E 'DFS-NEW-CHANNEL freq=' "$hostapd_log" || fail "hostapd did not choose a new channel"
log "$(grep -o 'DFS-NEW-CHANNEL freq=[0-9]* chan=[0-9]*' "$hostapd_log" | head -n 1)"
unavailable() { "$RWLAN_BIN/rwlan" phy "$phy" channels | awk '/\* 5260 MHz/ { c = 1; next } c && /\* / { exit } c && /DFS state: unavailable/ { f = 1 } END { exit !f }'; }
wait_until 10 unavailable || fail "5260 MHz is not marked unavailable after the radar"

# Radios with channel contexts do not detect radar: no file, as in C.
"$RWLAN_BIN/rwlan" hwsim new --chanctx --name dfs-cc > /dev/null || fail "cannot make a radio with channel contexts"
[ ! -e /sys/kernel/debug/ieee80211/dfs-cc/hwsim/dfs_simulate_radar ] || fail "a channel-context radio has dfs_simulate_radar"
[ -e /sys/kernel/debug/ieee80211/dfs-cc/hwsim/ps ] || fail "the channel-context radio has no hwsim debugfs directory"
