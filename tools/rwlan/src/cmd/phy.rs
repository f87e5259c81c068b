//! `rwlan phy [PHY]`: the split wiphy dump, rendered like `iw phy`.

use std::fmt::Write;

use super::{iftype_label, wiphy_index, Ctx};
use crate::error::Error;
use crate::netlink::Nl80211;
use crate::nl80211::model::{merge_wiphy_dump, BandInfo, Wiphy};
use crate::nl80211::{Attr, Cmd};

pub fn run(ctx: &Ctx, phy: Option<&str>) -> Result<(), Error> {
    let filter = phy.map(wiphy_index).transpose()?;
    let mut nl = Nl80211::connect()?;
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
    // (u32)-1 means "never", which iw prints as "off".
    let threshold = |v: u32| match v {
        u32::MAX => "off".to_owned(),
        n => n.to_string(),
    };
    if let Some(n) = w.rts_threshold {
        let _ = writeln!(s, "\tRTS threshold: {}", threshold(n));
    }
    if let Some(n) = w.frag_threshold {
        let _ = writeln!(s, "\tFragmentation threshold: {}", threshold(n));
    }
    if let (Some(short), Some(long)) = (w.retry_short, w.retry_long) {
        let _ = writeln!(
            s,
            "\tRetry short limit: {short}\n\tRetry long limit: {long}"
        );
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
    if !w.commands.is_empty() {
        let _ = writeln!(s, "\tSupported commands:");
        for c in &w.commands {
            let _ = writeln!(s, "\t\t * {c}");
        }
    }
    s
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
        let _ = writeln!(s, "\t\tVHT Capabilities (0x{vht:08x})");
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
