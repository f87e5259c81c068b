//! Decoders against nl80211 messages captured from a 6.12 kernel with
//! C mac80211_hwsim (VM scenarios run with RWLAN_DUMP_NL; see
//! tests/cli/*.sh). Each file is one genetlink payload.

use std::path::{Path, PathBuf};

use rwlan::cmd::event::describe;
use rwlan::nl80211::attr::GenlMessage;
use rwlan::nl80211::model::{decode_any, merge_wiphy_dump, Bss, Event, Interface, Mac, Station};
use rwlan::nl80211::{BssStatus, ChanWidth, Cmd, IfType};

fn fixture_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// The payloads of one capture, in the order the kernel sent them.
fn messages(name: &str) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(fixture_dir(name))
        .expect("fixture directory")
        .map(|e| e.expect("directory entry").path())
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let name = p.file_name().expect("file").to_string_lossy().into_owned();
            (name, std::fs::read(&p).expect("readable fixture"))
        })
        .collect()
}

#[test]
fn split_wiphy_dump_of_two_hwsim_radios() {
    let payloads: Vec<Vec<u8>> = messages("phy").into_iter().map(|(_, m)| m).collect();
    assert!(payloads.len() > 100, "split dump has many messages");
    let wiphys = merge_wiphy_dump(&payloads).expect("kernel messages decode");
    let mut names: Vec<&str> = wiphys.iter().map(|w| w.name.as_str()).collect();
    names.sort_unstable();
    assert_eq!(names, ["phy0", "phy1"]);
    for w in &wiphys {
        assert_eq!(w.max_scan_ssids, Some(4));
        assert_eq!(w.retry_short, Some(7));
        assert!(w.ciphers.iter().any(|c| c.starts_with("CCMP-128")));
        for t in [
            IfType::Station,
            IfType::Ap,
            IfType::Monitor,
            IfType::MeshPoint,
        ] {
            assert!(w.iftypes.contains(&t), "{} supports {t}", w.name);
        }
        assert!(w.commands.iter().any(|c| c == "authenticate"));
        let band = w.bands.iter().find(|b| b.band == 0).expect("2.4 GHz band");
        let freqs: Vec<u32> = band.channels.iter().map(|c| c.freq).collect();
        assert_eq!(freqs.first(), Some(&2412));
        assert_eq!(freqs.len(), 14);
        assert_eq!(band.channels[5].channel, 6);
        assert_eq!(band.channels[0].max_tx_power_dbm, Some(20.0));
        assert_eq!(band.bitrates.len(), 12);
        assert!(band.bitrates[1].short_preamble);
        assert_eq!(band.ht_capa, Some(0x107e));
        let band5 = w.bands.iter().find(|b| b.band == 1).expect("5 GHz band");
        // MCS 0-9 on all eight streams, both ways, as mac80211_hwsim has it.
        let mcs = band5.vht_mcs.expect("5 GHz VHT MCS set");
        assert_eq!((mcs.rx_map, mcs.tx_map), (0xaaaa, 0xaaaa));
        // Bands are merged, not duplicated, across split messages.
        let mut ids: Vec<u16> = w.bands.iter().map(|b| b.band).collect();
        ids.dedup();
        assert_eq!(ids.len(), w.bands.len());
    }
}

/// The HE and EHT blocks of C mac80211_hwsim's bands as iw 5.19 prints
/// them (`cli/phy-dev` compares them with iw's word for word in the VM).
#[test]
fn he_and_eht_capabilities_in_iw_words() {
    let payloads: Vec<Vec<u8>> = messages("phy").into_iter().map(|(_, m)| m).collect();
    let wiphys = merge_wiphy_dump(&payloads).expect("kernel messages decode");
    let w = wiphys.iter().find(|w| w.name == "phy0").expect("phy0");
    let text = rwlan::cmd::phy::render(w);
    let count = |needle: &str| text.matches(needle).count();
    // Three groups (stations, APs, mesh points) on each of three bands.
    assert_eq!(count("\t\tHE Iftypes: "), 9);
    assert_eq!(count("\t\tEHT Iftypes: "), 9);
    assert_eq!(count("\t\tHE Iftypes: managed, P2P-client\n"), 3);
    // iw prints the MAC field 01 78 c8 1a 40 00 as three 16-bit words.
    assert!(text.contains("\t\t\tHE MAC Capabilities (0x78011ac80040):\n"));
    assert!(text.contains("\t\t\t\tMaximum A-MPDU Length Exponent: 3\n"));
    // 2.4 GHz EHT is 20 MHz only; the fourth set byte is absent.
    assert!(text.contains("\t\t\tEHT bw=20 MHz, max NSS for MCS 12-13: Rx=0, Tx=0\n"));
    // iw lists 160 MHz sets but stops before 80+80 MHz.
    assert!(text.contains("\t\t\tHE RX MCS and NSS set 160 MHz\n"));
    assert_eq!(count("MCS and NSS set 80+80 MHz"), 0);
    // 320 MHz only on 6 GHz (iw's Band 4).
    let band4 = text.find("\tBand 4:").expect("6 GHz band");
    let first_320 = text.find("EHT bw=320 MHz").expect("320 MHz sets");
    assert!(first_320 > band4);
}

/// `phy PHY channels` in iw's text, from the same dump.
#[test]
fn channels_in_iw_words() {
    let payloads: Vec<Vec<u8>> = messages("phy").into_iter().map(|(_, m)| m).collect();
    let wiphys = merge_wiphy_dump(&payloads).expect("kernel messages decode");
    let w = wiphys.iter().find(|w| w.name == "phy0").expect("phy0");
    let text = rwlan::cmd::phy_channels::render(w);
    assert!(text.starts_with("Band 1:\n\t* 2412 MHz [1] \n\t  Maximum TX power: 20.0 dBm\n"));
    // Channel 1 has no channel below it for HT40-.
    assert!(
        text.contains("[1] \n\t  Maximum TX power: 20.0 dBm\n\t  Channel widths: 20MHz HT40+\n")
    );
    // 5 GHz DFS channels carry radar detection, their state and CAC time.
    let ch52 = text.find("\t* 5260 MHz [52] \n").expect("channel 52");
    let block: String = text[ch52..]
        .lines()
        .skip(1)
        .take_while(|l| l.starts_with("\t  "))
        .collect();
    assert!(block.contains("Radar detection"), "{block}");
    assert!(block.contains("DFS state: usable (for "), "{block}");
    assert!(block.contains("DFS CAC time: 60000 ms"), "{block}");
    assert_eq!(text.matches("Band ").count(), w.bands.len());
}

#[test]
fn interface_dump() {
    let mut seen = Vec::new();
    for (file, m) in messages("dev") {
        let msg = GenlMessage::parse(&m).expect("genl header");
        assert_eq!(msg.cmd, Cmd::NewInterface.raw(), "{file}");
        let i = Interface::decode(msg.attrs).expect("decodes");
        assert_eq!(i.iftype, Some(IfType::Station));
        assert_eq!(i.addr.0[0], 0x02, "hwsim addresses are local");
        assert_eq!(i.txpower_dbm.map(|p| p >= 0.0), Some(true));
        seen.push(i.name);
    }
    seen.sort();
    assert_eq!(seen, ["wlan0", "wlan1"]);
}

const AP: Mac = Mac([0x02, 0, 0, 0, 0, 0]);
const STA: Mac = Mac([0x02, 0, 0, 0, 0x01, 0]);

fn bss_entries(name: &str) -> Vec<Bss> {
    messages(name)
        .iter()
        .filter_map(|(_, m)| {
            Bss::decode(GenlMessage::parse(m).expect("genl").attrs).expect("decodes")
        })
        .collect()
}

#[test]
fn scan_results_of_hostapd_open_ap() {
    let list = bss_entries("scan");
    assert_eq!(list.len(), 1);
    let b = &list[0];
    assert_eq!(b.bssid, AP);
    assert_eq!(b.freq, 2437);
    assert_eq!(b.channel, 6);
    assert_eq!(b.beacon_interval, Some(100));
    assert_eq!(b.capability, Some(0x0401));
    assert_eq!(b.signal_dbm, Some(-30.0));
    assert_eq!(b.status, None);
    assert_eq!(b.ies.ssid.as_deref(), Some("rwlan-open"));
    assert_eq!(b.ies.ds_channel, Some(6));
    assert_eq!(b.ies.rates.len(), 12);
    assert_eq!(b.ies.truncated_at, None);
    assert_eq!(b.ies.security_summary(false), "open");
}

#[test]
fn link_sees_the_associated_bss() {
    let list = bss_entries("link");
    let b = list.first().expect("one BSS");
    assert_eq!(b.bssid, AP);
    assert_eq!(b.status, Some(BssStatus::Associated));
    let iface = messages("link")
        .iter()
        .map(|(_, m)| GenlMessage::parse(m).expect("genl"))
        .find(|m| m.cmd == Cmd::NewInterface.raw())
        .map(|m| Interface::decode(m.attrs).expect("decodes"))
        .expect("interface reply");
    assert_eq!(iface.ssid.as_deref(), Some("rwlan-open"));
    assert_eq!(iface.freq, Some(2437));
    assert_eq!(iface.width, Some(ChanWidth::N20Noht));
}

#[test]
fn station_on_the_ap() {
    let (_, m) = messages("station").into_iter().next().expect("one station");
    let st = Station::decode(GenlMessage::parse(&m).expect("genl").attrs).expect("decodes");
    assert_eq!(st.mac, STA);
    assert_eq!(st.associated, Some(true));
    assert_eq!(st.authorized, Some(true));
    assert!(st.connected_s.is_some());
    assert!(st.tx_packets.is_some());
}

#[test]
fn scan_connect_disconnect_events() {
    let lines: Vec<String> = messages("event")
        .iter()
        .map(|(_, m)| {
            let mut ev = Event::decode(&GenlMessage::parse(m).expect("genl")).expect("decodes");
            ev.ifname = ev.ifindex.map(|_| "wlan1".to_owned());
            describe(&ev, false)
        })
        .collect();
    let phy = lines[0]
        .split_once("(phy #")
        .and_then(|(_, r)| r.split_once(')'))
        .map(|(n, _)| n.to_owned())
        .expect("phy number");
    let expect = |text: &str| {
        let want = text.replace("PHY", &phy);
        assert!(lines.contains(&want), "no '{want}' in {lines:#?}");
    };
    expect("wlan1 (phy #PHY): scan started");
    expect("wlan1 (phy #PHY): scan finished: 2437");
    // As iw prints them: the frame's addresses, then its status or reason.
    expect("wlan1 (phy #PHY): auth 02:00:00:00:00:00 -> 02:00:00:00:01:00 status: 0: Successful");
    expect("wlan1 (phy #PHY): assoc 02:00:00:00:00:00 -> 02:00:00:00:01:00 status: 0: Successful");
    expect(
        "wlan1 (phy #PHY): deauth 02:00:00:00:01:00 -> 02:00:00:00:00:00 reason 3: \
         Deauthenticated because sending station is leaving",
    );
    expect("wlan1 (phy #PHY): connected to 02:00:00:00:00:00");
    expect("wlan1: new station 02:00:00:00:00:00");
    expect(
        "wlan1 (phy #PHY): disconnected (local request) reason: 3: \
         Deauthenticated because sending station is leaving",
    );
    expect("phy #PHY: del wiphy");
    // With -f, the frame's bytes follow, as iw's -f prints them.
    let (_, auth) = messages("event")
        .into_iter()
        .find(|(f, _)| f.ends_with("-authenticate.bin"))
        .expect("an auth event");
    let mut ev = Event::decode(&GenlMessage::parse(&auth).expect("genl")).expect("decodes");
    ev.ifname = Some("wlan1".to_owned());
    let frame = ev.frame.clone().expect("the auth frame");
    let with_frame = describe(&ev, true);
    let bytes: String = frame.iter().map(|b| format!(" {b:02x}")).collect();
    assert!(
        with_frame.ends_with(&format!("status: 0: Successful [frame:{bytes}]")),
        "{with_frame}"
    );
}

/// Every prefix and every single-byte corruption of every captured message
/// goes through every decoder: a deterministic fuzz seeded with real data.
#[test]
fn corrupted_kernel_messages_never_panic() {
    let dirs: Vec<String> = std::fs::read_dir(fixture_dir(""))
        .expect("fixtures")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    let mut runs = 0u64;
    for dir in dirs {
        for (_, m) in messages(&dir) {
            for len in 0..m.len() {
                let _ = decode_any(&m[..len]);
                runs += 1;
            }
            let mut buf = m.clone();
            for i in 0..buf.len() {
                for v in [0x00, 0xff, buf[i] ^ 0x80] {
                    let old = buf[i];
                    buf[i] = v;
                    let _ = decode_any(&buf);
                    buf[i] = old;
                    runs += 1;
                }
            }
        }
    }
    // Some 200,000 inputs from the 420 captured messages.
    assert!(runs > 190_000, "{runs} inputs");
    let _ = Event::default();
}
