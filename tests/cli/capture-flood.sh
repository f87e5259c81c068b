# Capture under a flood of injected frames: rwlan capture and tcpdump -w on
# the same monitor interface, the same flood each; logs frames/s of both and
# fails if rwlan keeps less than half of what tcpdump keeps.
# drivers: rwlan_hwsim mac80211_hwsim
. tests/lib/lib.sh
frames=${RWLAN_FLOOD_FRAMES:-3000}

flood_radios
flood_rwlan "$frames" rwlan
rw_n=$FLOOD_KEPT rw_secs=$FLOOD_SECS
flood_tcpdump "$frames" tcpdump
td_n=$FLOOD_KEPT td_secs=$FLOOD_SECS
log "flood of $frames frames: rwlan kept $rw_n data frames (flood $rw_secs s, $(jq .dropped "$RWLAN_OUT/rwlan.json") dropped by kernel)," \
  "tcpdump kept $td_n frames (flood $td_secs s)"
# Frames kept per second of flood: the injector is the limit while both keep everything.
log "kept frames/s of flood: rwlan $(python3 -S -c "print(round($rw_n / $rw_secs))"), tcpdump $(python3 -S -c "print(round($td_n / $td_secs))")"
[ "$rw_n" -gt 0 ] || fail "rwlan captured nothing"
python3 -S -c "import sys; sys.exit(0 if $rw_n * 2 >= $td_n else 1)" || fail "rwlan kept $rw_n frames, tcpdump $td_n"
