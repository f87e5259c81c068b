//! `rwlan phy [PHY]`: the split wiphy dump, rendered like `iw phy`.

use std::fmt::Write;

use super::phy_set::{PhyCommand, PhyReg, PhySet};
use super::{iftype_label, width_label, wiphy_index, Ctx};
use crate::error::Error;
use crate::nl80211::caps::IfaceCombination;
use crate::nl80211::model::{merge_wiphy_dump, BandInfo, VhtMcs, Wiphy};
use crate::nl80211::{Attr, Cmd};
use rwlan_net::genl::Nl80211;

pub fn run(ctx: &Ctx, phy: Option<&str>, command: Option<PhyCommand>) -> Result<(), Error> {
    if command.is_some() && phy.is_none() {
        return Err(Error::Usage(
            "usage: rwlan phy PHY set|reg|channels|hwsim ...".into(),
        ));
    }
    let filter = phy.map(wiphy_index).transpose()?;
    if let (Some(PhyCommand::Reg { what: PhyReg::Get }), Some(index)) = (&command, filter) {
        return super::reg::get_wiphy(ctx, index);
    }
    let command = match (command, phy, filter) {
        (Some(PhyCommand::Hwsim { what }), Some(name), Some(index)) => {
            return super::phy_testmode::run(ctx, name, index, what);
        }
        (command, _, _) => command,
    };
    let channels = matches!(command, Some(PhyCommand::Channels));
    let mut nl = Nl80211::connect()?;
    if let Some(PhyCommand::Set { what }) = command {
        let (Some(name), Some(index)) = (phy, filter) else {
            return Err(Error::Usage("usage: rwlan phy PHY set ...".into()));
        };
        let moved = matches!(what, PhySet::Netns { .. });
        super::phy_set::set(&mut nl, index, what)?;
        // Like iw, say nothing; with --json, the wiphy as it is now (gone
        // from this namespace after a move, so then just its name).
        if !ctx.json {
            return Ok(());
        }
        if moved {
            let gone = serde_json::json!({ "name": name, "index": index, "moved": true });
            return crate::output::emit_result(true, &gone);
        }
    }
    let messages = nl.dump(Cmd::GetWiphy, |w| {
        w.flag(Attr::SplitWiphyDump);
        if let Some(i) = filter {
            w.u32(Attr::Wiphy, i);
        }
    })?;
    let mut wiphys = merge_wiphy_dump(&messages)?;
    if let Some(i) = filter {
        wiphys.retain(|w| w.index == i);
        if wiphys.is_empty() {
            return Err(Error::NoPhy(phy.unwrap_or_default().to_owned()));
        }
    }
    if channels {
        // The JSON form is the wiphy's, whose bands hold the same facts.
        return crate::output::emit(ctx.json, &wiphys, |list| {
            list.iter().map(super::phy_channels::render).collect()
        });
    }
    crate::output::emit(ctx.json, &wiphys, |list| list.iter().map(render).collect())
}

fn band_label(band: u16) -> u16 {
    // iw numbers bands from 1.
    band.saturating_add(1)
}

/// One wiphy in `iw phy` layout.
pub fn render(w: &Wiphy) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "Wiphy {}", w.name);
    let _ = writeln!(s, "\twiphy index: {}", w.index);
    if let Some(n) = w.max_scan_ssids {
        let _ = writeln!(s, "\tmax # scan SSIDs: {n}");
    }
    if let Some(n) = w.max_scan_ie_len {
        let _ = writeln!(s, "\tmax scan IEs length: {n} bytes");
    }
    // iw's order; (u32)-1 means "never" (off), which iw leaves out.
    if let Some(n) = w.frag_threshold.filter(|n| *n != u32::MAX) {
        let _ = writeln!(s, "\tFragmentation threshold: {n}");
    }
    if let Some(n) = w.rts_threshold.filter(|n| *n != u32::MAX) {
        let _ = writeln!(s, "\tRTS threshold: {n}");
    }
    if w.retry_short.is_some() || w.retry_long.is_some() {
        let (short, long) = (w.retry_short.unwrap_or(0), w.retry_long.unwrap_or(0));
        if short == long {
            let _ = writeln!(s, "\tRetry short long limit: {short}");
        } else {
            let _ = writeln!(
                s,
                "\tRetry short limit: {short}\n\tRetry long limit: {long}"
            );
        }
    }
    if !w.ciphers.is_empty() {
        let _ = writeln!(s, "\tSupported Ciphers:");
        for c in &w.ciphers {
            let _ = writeln!(s, "\t\t* {c}");
        }
    }
    for b in &w.bands {
        render_band(&mut s, b);
    }
    if !w.iftypes.is_empty() {
        let _ = writeln!(s, "\tSupported interface modes:");
        for t in &w.iftypes {
            let _ = writeln!(s, "\t\t * {}", iftype_label(*t));
        }
    }
    if !w.software_iftypes.is_empty() {
        let _ = writeln!(s, "\tsoftware interface modes (can always be added):");
        for t in &w.software_iftypes {
            let _ = writeln!(s, "\t\t * {}", iftype_label(*t));
        }
    }
    render_combinations(&mut s, &w.combinations);
    if let Some(ms) = w.max_remain_on_channel_ms {
        let _ = writeln!(s, "\tMaximum remain-on-channel duration: {ms} ms");
    }
    if !w.commands.is_empty() {
        let _ = writeln!(s, "\tSupported commands:");
        for c in &w.commands {
            let _ = writeln!(s, "\t\t * {c}");
        }
    }
    if !w.ext_features.is_empty() {
        let _ = writeln!(s, "\tSupported extended features:");
        for f in &w.ext_features {
            let _ = writeln!(s, "\t\t* [ {f} ]");
        }
    }
    s
}

/// iw's layout: the limits on one line, then the totals and radar widths.
fn render_combinations(s: &mut String, combinations: &[IfaceCombination]) {
    if combinations.is_empty() {
        let _ = writeln!(s, "\tinterface combinations are not supported");
        return;
    }
    let _ = writeln!(s, "\tvalid interface combinations:");
    for c in combinations {
        let limits: Vec<String> = c
            .limits
            .iter()
            .map(|l| {
                let types: Vec<&str> = l.types.iter().map(|t| iftype_label(*t)).collect();
                format!("#{{ {} }} <= {}", types.join(", "), l.max)
            })
            .collect();
        let _ = write!(
            s,
            "\t\t * {},\n\t\t   total <= {}, #channels <= {}{}",
            limits.join(", "),
            c.max_interfaces,
            c.channels,
            if c.sta_ap_bi_match {
                ", STA/AP BI must match"
            } else {
                ""
            }
        );
        if !c.radar_detect_widths.is_empty() {
            let widths: Vec<&str> = c
                .radar_detect_widths
                .iter()
                .map(|w| width_label(*w))
                .collect();
            // iw ends this line twice, leaving a blank line.
            let _ = writeln!(s, ", radar detect widths: {{ {} }}", widths.join(", "));
        }
        let _ = writeln!(s);
    }
}

fn render_band(s: &mut String, b: &BandInfo) {
    let _ = writeln!(s, "\tBand {}:", band_label(b.band));
    if let Some(cap) = b.ht_capa {
        let _ = writeln!(s, "\t\tCapabilities: 0x{cap:02x}");
        for (bit, text) in HT_CAPA_BITS {
            if cap & (1 << bit) != 0 {
                let _ = writeln!(s, "\t\t\t{text}");
            }
        }
    }
    if let Some(f) = b.ht_ampdu_factor {
        let len = (1u32 << (13 + u32::from(f.min(3)))) - 1;
        let _ = writeln!(
            s,
            "\t\tMaximum RX AMPDU length {len} bytes (exponent: 0x{f:03x})"
        );
    }
    if let Some(vht) = b.vht_capa {
        render_vht(s, vht, b.vht_mcs);
    }
    for d in &b.iftype_data {
        super::phy_he::render_iftype_data(s, b.band, d);
    }
    if !b.bitrates.is_empty() {
        let _ = writeln!(s, "\t\tBitrates (non-HT):");
        for r in &b.bitrates {
            let sp = if r.short_preamble {
                " (short preamble supported)"
            } else {
                ""
            };
            let _ = writeln!(s, "\t\t\t* {:.1} Mbps{sp}", r.mbps);
        }
    }
    if !b.channels.is_empty() {
        let _ = writeln!(s, "\t\tFrequencies:");
        for c in &b.channels {
            let mut flags = Vec::new();
            if c.disabled {
                flags.push("disabled".to_owned());
            } else {
                if let Some(p) = c.max_tx_power_dbm {
                    flags.push(format!("{p:.1} dBm"));
                }
                if c.no_ir {
                    flags.push("no IR".to_owned());
                }
                if c.radar {
                    flags.push("radar detection".to_owned());
                }
            }
            let _ = writeln!(
                s,
                "\t\t\t* {} MHz [{}] ({})",
                c.freq,
                c.channel,
                flags.join(", ")
            );
        }
    }
}

/// VHT capabilities and MCS set, as iw prints them.
fn render_vht(s: &mut String, capa: u32, mcs: Option<VhtMcs>) {
    let _ = writeln!(s, "\t\tVHT Capabilities (0x{capa:08x}):");
    let mpdu = ["3895", "7991", "11454", "(reserved)"][(capa & 3) as usize];
    let _ = writeln!(s, "\t\t\tMax MPDU length: {mpdu}");
    let widths = [
        "neither 160 nor 80+80",
        "160 MHz",
        "160 MHz, 80+80 MHz",
        "(reserved)",
    ][((capa >> 2) & 3) as usize];
    let _ = writeln!(s, "\t\t\tSupported Channel Width: {widths}");
    for (bit, text) in VHT_CAPA_BITS {
        if capa & (1 << bit) != 0 {
            let _ = writeln!(s, "\t\t\t{text}");
        }
    }
    let Some(mcs) = mcs else {
        return;
    };
    for (dir, map, highest) in [
        ("RX", mcs.rx_map, mcs.rx_highest),
        ("TX", mcs.tx_map, mcs.tx_highest),
    ] {
        let _ = writeln!(s, "\t\tVHT {dir} MCS set:");
        for stream in 0..8 {
            let set = ["MCS 0-7", "MCS 0-8", "MCS 0-9", "not supported"]
                [usize::from((map >> (2 * stream)) & 3)];
            let _ = writeln!(s, "\t\t\t{} streams: {set}", stream + 1);
        }
        let _ = writeln!(s, "\t\tVHT {dir} highest supported: {highest} Mbps");
    }
    let ext = if mcs.ext_nss_bw { "" } else { "not " };
    let _ = writeln!(s, "\t\tVHT extended NSS: {ext}supported");
}

/// VHT capability bits iw names (IEEE 802.11 9.4.2.157.2).
const VHT_CAPA_BITS: [(u32, &str); 12] = [
    (4, "RX LDPC"),
    (5, "short GI (80 MHz)"),
    (6, "short GI (160/80+80 MHz)"),
    (7, "TX STBC"),
    (11, "SU Beamformer"),
    (12, "SU Beamformee"),
    (19, "MU Beamformer"),
    (20, "MU Beamformee"),
    (21, "VHT TXOP PS"),
    (22, "+HTC-VHT"),
    (28, "RX antenna pattern consistency"),
    (29, "TX antenna pattern consistency"),
];

/// HT capability bits iw names (IEEE 802.11 9.4.2.55.2).
const HT_CAPA_BITS: [(u16, &str); 8] = [
    (0, "RX LDPC"),
    (1, "HT20/HT40"),
    (4, "RX Greenfield"),
    (5, "RX HT20 SGI"),
    (6, "RX HT40 SGI"),
    (7, "TX STBC"),
    (11, "Max AMSDU length: 7935 bytes"),
    (12, "DSSS/CCK HT40"),
];
