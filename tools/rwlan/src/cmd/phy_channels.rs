//! `rwlan phy PHY channels`: each band's channels in iw's `phy PHY
//! channels` text: power, no-IR, radar, the widths allowed and the DFS
//! state with its age and CAC time.

use std::fmt::Write;

use crate::nl80211::model::{BandInfo, Wiphy};

/// iw's names of `enum nl80211_dfs_state`.
fn dfs_state_name(state: u32) -> &'static str {
    match state {
        0 => "usable",
        1 => "unavailable",
        2 => "available",
        _ => "unknown",
    }
}

/// The channel number iw prints for `freq` (MHz): its own arithmetic,
/// which gives sub-GHz (S1G) channels negative numbers.
fn iw_channel_number(freq: u32) -> i64 {
    let f = i64::from(freq);
    // Integer division truncating toward zero, as in C.
    match f {
        2484 => 14,
        5935 => 2,
        _ if f < 2484 => (f - 2407) / 5,
        4910..=4980 => (f - 4000) / 5,
        _ if f < 5950 => (f - 5000) / 5,
        _ if f <= 45000 => (f - 5950) / 5,
        58320..=70200 => (f - 56160) / 2160,
        _ => 0,
    }
}

/// The widths a band offers at all: HT40, VHT80, VHT160.
fn band_widths(b: &BandInfo) -> (bool, bool, bool) {
    let ht40 = b.ht_capa.is_some_and(|c| c & (1 << 1) != 0);
    let vht80 = b.vht_capa.is_some();
    let vht160 = b.vht_capa.is_some_and(|c| matches!((c >> 2) & 3, 1 | 2));
    (ht40, vht80, vht160)
}

pub fn render(w: &Wiphy) -> String {
    let mut s = String::new();
    for b in &w.bands {
        let _ = writeln!(s, "Band {}:", b.band + 1);
        let (ht40, vht80, vht160) = band_widths(b);
        for c in &b.channels {
            // iw leaves a space after the channel number.
            let _ = write!(s, "\t* {} MHz [{}] ", c.freq, iw_channel_number(c.freq));
            if c.disabled {
                let _ = writeln!(s, "(disabled)");
                continue;
            }
            let _ = writeln!(s);
            if let Some(p) = c.max_tx_power_dbm {
                let _ = writeln!(s, "\t  Maximum TX power: {p:.1} dBm");
            }
            if c.no_ir && c.no_ibss {
                let _ = writeln!(s, "\t  No IR");
            } else if c.no_ir {
                let _ = writeln!(s, "\t  Passive scan");
            } else if c.no_ibss {
                let _ = writeln!(s, "\t  No IBSS");
            }
            if c.radar {
                let _ = writeln!(s, "\t  Radar detection");
            }
            let _ = write!(s, "\t  Channel widths:");
            let widths = [
                (!c.no_20mhz, " 20MHz"),
                (ht40 && !c.no_ht40_minus, " HT40-"),
                (ht40 && !c.no_ht40_plus, " HT40+"),
                (vht80 && !c.no_80mhz, " VHT80"),
                (vht160 && !c.no_160mhz, " VHT160"),
            ];
            for (on, text) in widths {
                if on {
                    s.push_str(text);
                }
            }
            let _ = writeln!(s);
            if let Some(state) = c.dfs_state {
                let _ = write!(s, "\t  DFS state: {}", dfs_state_name(state));
                if let Some(ms) = c.dfs_time_ms {
                    let _ = write!(s, " (for {} sec)", ms / 1000);
                }
                let _ = writeln!(s);
                if let Some(cac) = c.dfs_cac_ms {
                    let _ = writeln!(s, "\t  DFS CAC time: {cac} ms");
                }
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::iw_channel_number;

    #[test]
    fn channel_numbers_as_iw_computes_them() {
        assert_eq!(iw_channel_number(2412), 1);
        assert_eq!(iw_channel_number(2484), 14);
        assert_eq!(iw_channel_number(5180), 36);
        assert_eq!(iw_channel_number(5955), 1);
        assert_eq!(iw_channel_number(7115), 233);
        // S1G: iw's 2.4 GHz arithmetic, truncated toward zero.
        assert_eq!(iw_channel_number(902), -301);
        assert_eq!(iw_channel_number(903), -300);
        assert_eq!(iw_channel_number(908), -299);
    }
}
