//! `rwlan dev IF set bitrates ...`: the rates an interface may send at,
//! in iw's syntax: `[legacy-<2.4|5> MBPS...] [ht-mcs-<2.4|5> MCS...]
//! [vht-mcs-<2.4|5> NSS:MCS[,MCS...]|NSS:MCSx-MCSy...] [sgi-2.4|lgi-2.4]
//! [sgi-5|lgi-5]`. No arguments clears the mask.

use crate::nl80211::attr::AttrWriter;
use crate::nl80211::{Attr, TxRateAttr};

/// The highest VHT MCS index and the most spatial streams.
const VHT_MCS_MAX: u8 = 9;
const VHT_NSS_MAX: usize = 8;

/// Guard interval forcing (`NL80211_TXRATE_FORCE_SGI`, `_LGI`).
const FORCE_SGI: u8 = 1;
const FORCE_LGI: u8 = 2;

/// The mask of one band.
#[derive(Debug, Default, PartialEq, Eq)]
struct BandMask {
    /// Legacy rates in 500 kbit/s units.
    legacy: Option<Vec<u8>>,
    ht: Option<Vec<u8>>,
    /// A bit a VHT MCS, per stream count.
    vht: Option<[u16; VHT_NSS_MAX]>,
    gi: Option<u8>,
}

impl BandMask {
    fn is_set(&self) -> bool {
        self.legacy.is_some() || self.ht.is_some() || self.vht.is_some() || self.gi.is_some()
    }
}

/// The masks of the 2.4 and 5 GHz bands, in that order.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Bitrates([BandMask; 2]);

/// What the numbers after a keyword are.
#[derive(Clone, Copy)]
enum Kind {
    Legacy,
    Ht,
    Vht,
}

/// `NSS:MCS[,MCS...]` or `NSS:MCSx-MCSy`: the stream count and a bit a MCS.
fn vht_chunk(s: &str) -> Result<(usize, u16), String> {
    let bad = || format!("'{s}' is not NSS:MCS[,MCS...] or NSS:MCSx-MCSy (NSS 1-8, MCS 0-9)");
    let (nss, mcs) = s.split_once(':').ok_or_else(bad)?;
    let nss: usize = nss.parse().map_err(|_| bad())?;
    if !(1..=VHT_NSS_MAX).contains(&nss) {
        return Err(bad());
    }
    let index = |t: &str| match t.parse::<u8>() {
        Ok(m) if m <= VHT_MCS_MAX => Ok(m),
        _ => Err(bad()),
    };
    let mut bits = 0u16;
    if let Some((lo, hi)) = mcs.split_once('-') {
        let (lo, hi) = (index(lo)?, index(hi)?);
        if lo > hi {
            return Err(bad());
        }
        for m in lo..=hi {
            bits |= 1 << m;
        }
    } else {
        for t in mcs.split(',') {
            bits |= 1 << index(t)?;
        }
    }
    Ok((nss, bits))
}

impl Bitrates {
    /// Parses iw's arguments.
    pub fn parse(args: &[String]) -> Result<Self, String> {
        let mut masks = Bitrates::default();
        let mut state: Option<(usize, Kind)> = None;
        for a in args {
            let (band, kind) = match a.as_str() {
                "legacy-2.4" => (0, Some(Kind::Legacy)),
                "legacy-5" => (1, Some(Kind::Legacy)),
                "ht-mcs-2.4" => (0, Some(Kind::Ht)),
                "ht-mcs-5" => (1, Some(Kind::Ht)),
                "vht-mcs-2.4" => (0, Some(Kind::Vht)),
                "vht-mcs-5" => (1, Some(Kind::Vht)),
                "sgi-2.4" | "lgi-2.4" | "sgi-5" | "lgi-5" => {
                    let band = usize::from(a.ends_with('5'));
                    let gi = if a.starts_with('s') {
                        FORCE_SGI
                    } else {
                        FORCE_LGI
                    };
                    let m = &mut masks.0[band];
                    if m.gi.is_some_and(|g| g != gi) {
                        return Err(format!("both sgi and lgi for one band ({a})"));
                    }
                    m.gi = Some(gi);
                    state = None;
                    continue;
                }
                value => {
                    let Some((band, kind)) = state else {
                        return Err(format!("'{value}' follows no rate keyword"));
                    };
                    let m = &mut masks.0[band];
                    match kind {
                        Kind::Legacy => {
                            let mbps: f64 = value
                                .parse()
                                .map_err(|_| format!("'{value}' is not a rate in Mbit/s"))?;
                            if !(1.0..=255.0).contains(&mbps) {
                                return Err(format!("legacy rate {value} Mbit/s is out of range"));
                            }
                            m.legacy
                                .get_or_insert_with(Vec::new)
                                .push((mbps * 2.0) as u8);
                        }
                        Kind::Ht => {
                            let mcs: u8 = value
                                .parse()
                                .map_err(|_| format!("'{value}' is not an HT MCS index"))?;
                            m.ht.get_or_insert_with(Vec::new).push(mcs);
                        }
                        Kind::Vht => {
                            let (nss, bits) = vht_chunk(value)?;
                            m.vht.get_or_insert([0; VHT_NSS_MAX])[nss - 1] |= bits;
                        }
                    }
                    continue;
                }
            };
            let m = &mut masks.0[band];
            let (fresh, kind) = match kind {
                Some(Kind::Legacy) => (m.legacy.replace(Vec::new()).is_none(), Kind::Legacy),
                Some(Kind::Ht) => (m.ht.replace(Vec::new()).is_none(), Kind::Ht),
                Some(Kind::Vht) => (m.vht.replace([0; VHT_NSS_MAX]).is_none(), Kind::Vht),
                None => continue,
            };
            if !fresh {
                return Err(format!("'{a}' given twice"));
            }
            state = Some((band, kind));
        }
        Ok(masks)
    }

    /// Writes NL80211_ATTR_TX_RATES: a nest a band that has a setting.
    pub fn put(&self, w: &mut AttrWriter) {
        w.nest(Attr::TxRates, |w| {
            for (band, m) in self.0.iter().enumerate() {
                if !m.is_set() {
                    continue;
                }
                w.nest(band as u16, |w| {
                    if let Some(l) = &m.legacy {
                        w.bytes(TxRateAttr::Legacy, l);
                    }
                    if let Some(h) = &m.ht {
                        w.bytes(TxRateAttr::Ht, h);
                    }
                    if let Some(v) = &m.vht {
                        let bytes: Vec<u8> = v.iter().flat_map(|m| m.to_ne_bytes()).collect();
                        w.bytes(TxRateAttr::Vht, &bytes);
                    }
                    if let Some(gi) = m.gi {
                        w.bytes(TxRateAttr::Gi, &[gi]);
                    }
                });
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_owned).collect()
    }

    #[test]
    fn iw_syntax() {
        let b = Bitrates::parse(&args("vht-mcs-5 1:9")).expect("vht");
        assert_eq!(b.0[1].vht, Some([1 << 9, 0, 0, 0, 0, 0, 0, 0]));
        assert!(!b.0[0].is_set());
        let b = Bitrates::parse(&args(
            "legacy-2.4 1 5.5 54 ht-mcs-2.4 0 7 sgi-2.4 vht-mcs-5 2:0-2 1:3,5",
        ))
        .expect("mixed");
        assert_eq!(b.0[0].legacy.as_deref(), Some(&[2u8, 11, 108][..]));
        assert_eq!(b.0[0].ht.as_deref(), Some(&[0u8, 7][..]));
        assert_eq!(b.0[0].gi, Some(FORCE_SGI));
        assert_eq!(b.0[1].vht, Some([1 << 3 | 1 << 5, 0b111, 0, 0, 0, 0, 0, 0]));
        assert_eq!(Bitrates::parse(&[]).expect("none"), Bitrates::default());
        for bad in [
            "1 2",
            "vht-mcs-5 0:9",
            "vht-mcs-5 1:10",
            "vht-mcs-5 1:5-2",
            "legacy-5 6 legacy-5 9",
            "sgi-5 lgi-5",
            "legacy-2.4 0.5",
            "ht-mcs-5 x",
        ] {
            assert!(Bitrates::parse(&args(bad)).is_err(), "{bad} accepted");
        }
    }

    #[test]
    fn attributes() {
        let mut w = AttrWriter::new(1, 0);
        Bitrates::parse(&args("vht-mcs-5 1:9"))
            .expect("vht")
            .put(&mut w);
        let buf = w.finish().expect("small");
        // TX_RATES { band 1 { VHT: 16 bytes } }: 4 + 4 + 4 + 16.
        assert_eq!(buf.len(), 4 + 28);
    }
}
