# 802.11ax on each band, in the German domain (whose 6 GHz rule allows an
# AP): hostapd runs an HE AP on 2.4 GHz channel 1, on 5 GHz channel 36 at
# 80 MHz and, with SAE as 6 GHz requires, on 6 GHz channel 5; a station
# joins each. Every pair negotiates HE (the AP lists its station with
# [HE], the station says Wi-Fi 6), the station sits on the AP's frequency
# and width, and they ping. The capabilities themselves are compared with
# mac80211_hwsim's in hwsim/capabilities.
# drivers: rwlan_hwsim mac80211_hwsim
. tests/lib/lib.sh

hwsim_load 6
use_regdb
reg_country DE
netns_new sta

# he_pair N SUBNET FREQ WIDTH AP_CONF STA_CONF: hostapd with AP_CONF on
# radio N, a station on radio N+1 in netns "sta" with STA_CONF (its
# network block's body; scans only FREQ); checks HE, frequency, width
# (iw's words, such as "80 MHz") and a ping.
he_pair() {
  local ap sta ssid=rwlan-he$1
  ap=$(hwsim_iface "$1"); sta=$(hwsim_iface $(($1 + 1)))
  move_radio "$sta" sta
  start_hostapd "$ap" "ssid=$ssid
country_code=DE
ieee80211ax=1
$5"
  ip addr add "$2.1/24" dev "$ap"
  # On a loaded debug guest SAE's first authentication attempt can time
  # out (seen in CI), and with the retry the association needs more than
  # the usual minute.
  WPA_ASSOC_WAIT=150 start_wpa_supplicant sta "$sta" "sae_pwe=1
network={
  ssid=\"$ssid\"
  scan_freq=$3
  $6
}"
  ip -n sta addr add "$2.2/24" dev "$sta"
  in_sta wpa_cli -p "$RWLAN_TMP/wpa" -i "$sta" status > "$RWLAN_OUT/status-$3.txt"
  contains -x 'wifi_generation=6' "$RWLAN_OUT/status-$3.txt" \
    || { cat "$RWLAN_OUT/status-$3.txt"; fail "$3 MHz: the station did not associate with HE"; }
  hostapd_cli -p "$RWLAN_TMP/hostapd" -i "$ap" all_sta > "$RWLAN_OUT/stations-$3.txt"
  grep '^flags=' "$RWLAN_OUT/stations-$3.txt" | contains -F '[HE]' \
    || { cat "$RWLAN_OUT/stations-$3.txt"; fail "$3 MHz: the AP did not admit the station with HE"; }
  in_sta "$RWLAN_BIN/rwlan" dev "$sta" info > "$RWLAN_OUT/info-$3.txt"
  contains -F "($3 MHz), width: $4" "$RWLAN_OUT/info-$3.txt" \
    || { cat "$RWLAN_OUT/info-$3.txt"; fail "$3 MHz: the station is not at $3 MHz, $4"; }
  in_sta ping -c 3 -i 0.2 -W 5 "$2.1" > "$RWLAN_OUT/ping-$3.txt" \
    || { cat "$RWLAN_OUT/ping-$3.txt"; fail "$3 MHz: no ping over the HE link"; }
  log "$3 MHz, $4: $(grep '^flags=' "$RWLAN_OUT/stations-$3.txt")"
}

he_pair 0 10.68.0 2412 '20 MHz' "hw_mode=g
channel=1
ieee80211n=1" "key_mgmt=NONE"
he_pair 2 10.68.2 5180 '80 MHz' "hw_mode=a
channel=36
ieee80211n=1
ht_capab=[HT40+]
ieee80211ac=1
vht_oper_chwidth=1
vht_oper_centr_freq_seg0_idx=42
he_oper_chwidth=1
he_oper_centr_freq_seg0_idx=42" "key_mgmt=NONE"
he_pair 4 10.68.4 5975 '20 MHz' "hw_mode=a
op_class=131
channel=5
wpa=2
wpa_key_mgmt=SAE
rsn_pairwise=CCMP
ieee80211w=2
sae_pwe=1
sae_password=rwlan-he-6ghz" "key_mgmt=SAE
  ieee80211w=2
  sae_password=\"rwlan-he-6ghz\""
