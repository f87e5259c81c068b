# The bands a radio advertises, against C mac80211_hwsim's in the same
# kernel: iw's text of the 2.4, 5 and 6 GHz bands (iw's Bands 1, 2 and 4),
# line for line: channels with their flags and power, bitrates, HT, VHT,
# and the HE and EHT capabilities of each group of interface types. (C
# also has a 900 MHz S1G band, iw's Band 5, which rwlan_hwsim lacks.)
# drivers: rwlan_hwsim
. tests/lib/lib.sh

# bands PHY: iw's lines of those three bands.
bands() {
  iw phy "$1" info | awk '/^\tBand [0-9]+:/ { keep = ($2 != "5:"); if (keep) print; next }
    /^\t[^\t]/ { keep = 0 } keep'
}

hwsim_load 1
bands "$(phy_of "$(hwsim_iface 0)")" > "$RWLAN_OUT/rwlan_hwsim.txt"
hwsim_unload
wait_until 10 test "$(hwsim_count)" -eq 0 || fail "$RWLAN_RADIO's radios outlived it"

modprobe mac80211_hwsim radios=1 || fail "cannot load mac80211_hwsim"
on_exit "rmmod mac80211_hwsim"
wait_until 10 test "$(hwsim_count)" -ge 1 || fail "mac80211_hwsim made no radio"
bands "$(phy_of "$(hwsim_iface 0)")" > "$RWLAN_OUT/mac80211_hwsim.txt"

for want in 'Band 1:' 'Band 2:' 'Band 4:' 'HE Iftypes: managed' 'EHT Iftypes: managed' \
  'HE Iftypes: mesh point' '* 7115 MHz'; do
  contains -F "$want" "$RWLAN_OUT/mac80211_hwsim.txt" || fail "mac80211_hwsim's bands lack '$want'"
done
diff -u "$RWLAN_OUT/mac80211_hwsim.txt" "$RWLAN_OUT/rwlan_hwsim.txt" > "$RWLAN_OUT/bands.diff" \
  || { cat "$RWLAN_OUT/bands.diff"; fail "rwlan_hwsim's bands differ from mac80211_hwsim's"; }
log "$(grep -c . "$RWLAN_OUT/rwlan_hwsim.txt") lines of band capabilities as mac80211_hwsim's"
