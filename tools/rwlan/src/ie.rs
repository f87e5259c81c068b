//! Information element parser for beacons and probe responses. Elements come
//! from the air through the kernel unchecked, so every field is read with
//! bounds checks; a truncated element ends the walk and is reported.

use serde::Serialize;

use crate::ieee80211::{suite_akm, suite_cipher};

pub const EID_SSID: u8 = 0;
pub const EID_SUPP_RATES: u8 = 1;
pub const EID_DS_PARAMS: u8 = 3;
pub const EID_COUNTRY: u8 = 7;
pub const EID_HT_CAPA: u8 = 45;
pub const EID_RSN: u8 = 48;
pub const EID_EXT_SUPP_RATES: u8 = 50;
pub const EID_HT_OPERATION: u8 = 61;
pub const EID_VHT_CAPA: u8 = 191;
pub const EID_VENDOR: u8 = 221;

const OUI_MICROSOFT: [u8; 3] = [0x00, 0x50, 0xf2];

/// One element: id and body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Element<'a> {
    pub id: u8,
    pub data: &'a [u8],
}

/// Iterates over elements; a truncated element yields `Err(offset)` once.
#[derive(Debug, Clone)]
pub struct Elements<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Elements<'a> {
    pub fn new(buf: &'a [u8]) -> Self {
        Elements { buf, pos: 0 }
    }
}

impl<'a> Iterator for Elements<'a> {
    type Item = Result<Element<'a>, usize>;
    fn next(&mut self) -> Option<Self::Item> {
        let rest = self.buf.get(self.pos..)?;
        if rest.is_empty() {
            return None;
        }
        let at = self.pos;
        self.pos = self.buf.len();
        let (&id, rest) = rest.split_first()?;
        let Some((&len, rest)) = rest.split_first() else {
            return Some(Err(at));
        };
        let Some(data) = rest.get(..usize::from(len)) else {
            return Some(Err(at));
        };
        self.pos = at + 2 + usize::from(len);
        Some(Ok(Element { id, data }))
    }
}

/// A supported rate; `basic` marks the BSS basic rate set.
#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
pub struct SupportedRate {
    pub mbps: f32,
    pub basic: bool,
}

/// RSN (or WPA vendor) element contents.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Security {
    pub version: u16,
    pub group_cipher: Option<String>,
    pub pairwise_ciphers: Vec<String>,
    pub akm_suites: Vec<String>,
    pub capabilities: Option<u16>,
}

/// HT capabilities element, the fields iw prints.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq)]
pub struct HtCapabilities {
    pub capabilities: u16,
    pub ampdu_params: u8,
}

/// What rwlan shows of a BSS's elements.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct IeSummary {
    pub ssid: Option<String>,
    pub rates: Vec<SupportedRate>,
    pub ds_channel: Option<u8>,
    pub country: Option<String>,
    pub rsn: Option<Security>,
    pub wpa: Option<Security>,
    pub ht: Option<HtCapabilities>,
    pub ht_primary_channel: Option<u8>,
    pub vht_capabilities: Option<u32>,
    pub wmm: bool,
    /// Offset of the first truncated element, if the buffer was cut short.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub truncated_at: Option<usize>,
}

/// SSID bytes as text: printable ASCII kept, anything else `\xNN` escaped
/// (iw does the same), so a hostile SSID cannot corrupt a terminal.
pub fn ssid_text(raw: &[u8]) -> String {
    let mut s = String::with_capacity(raw.len());
    for &b in raw {
        if (0x20..0x7f).contains(&b) && b != b'\\' {
            s.push(char::from(b));
        } else {
            s.push_str(&format!("\\x{b:02x}"));
        }
    }
    s
}

impl IeSummary {
    pub fn parse(buf: &[u8]) -> Self {
        let mut out = IeSummary::default();
        for e in Elements::new(buf) {
            let e = match e {
                Ok(e) => e,
                Err(at) => {
                    out.truncated_at = Some(at);
                    break;
                }
            };
            match e.id {
                EID_SSID => out.ssid = Some(ssid_text(e.data)),
                EID_SUPP_RATES | EID_EXT_SUPP_RATES => {
                    out.rates.extend(e.data.iter().map(|&r| SupportedRate {
                        mbps: f32::from(r & 0x7f) / 2.0,
                        basic: r & 0x80 != 0,
                    }))
                }
                EID_DS_PARAMS => out.ds_channel = e.data.first().copied(),
                EID_COUNTRY => {
                    out.country = e.data.get(..2).map(|cc| {
                        cc.iter()
                            .map(|&b| char::from(b))
                            .filter(char::is_ascii_alphanumeric)
                            .collect()
                    })
                }
                EID_HT_CAPA => {
                    out.ht = read_u16(e.data, 0).map(|capabilities| HtCapabilities {
                        capabilities,
                        ampdu_params: e.data.get(2).copied().unwrap_or_default(),
                    })
                }
                EID_HT_OPERATION => out.ht_primary_channel = e.data.first().copied(),
                EID_VHT_CAPA => out.vht_capabilities = read_u32(e.data, 0),
                EID_RSN => out.rsn = parse_security(e.data, [0x00, 0x0f, 0xac]),
                EID_VENDOR => match (e.data.get(..3), e.data.get(3)) {
                    (Some(oui), Some(1)) if oui == OUI_MICROSOFT => {
                        out.wpa = e
                            .data
                            .get(4..)
                            .and_then(|d| parse_security(d, OUI_MICROSOFT))
                    }
                    (Some(oui), Some(2)) if oui == OUI_MICROSOFT => out.wmm = true,
                    _ => {}
                },
                _ => {}
            }
        }
        out
    }

    /// One-line security summary: "WPA2 (PSK, CCMP)", "WPA (...)" or "open".
    pub fn security_summary(&self, privacy: bool) -> String {
        let describe = |label: &str, s: &Security| {
            format!(
                "{label} ({}; {})",
                s.akm_suites.join(" "),
                s.pairwise_ciphers.join(" ")
            )
        };
        match (&self.rsn, &self.wpa) {
            (Some(r), Some(w)) => format!("{} {}", describe("WPA2", r), describe("WPA", w)),
            (Some(r), None) => describe("WPA2", r),
            (None, Some(w)) => describe("WPA", w),
            (None, None) if privacy => "WEP".to_owned(),
            (None, None) => "open".to_owned(),
        }
    }
}

fn read_u16(d: &[u8], at: usize) -> Option<u16> {
    let b = d.get(at..at.checked_add(2)?)?;
    Some(u16::from_le_bytes([b[0], b[1]]))
}

fn read_u32(d: &[u8], at: usize) -> Option<u32> {
    let b = d.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

/// Parses the common RSN/WPA body: version, group suite, pairwise list, AKM
/// list, capabilities. Fields are optional from the end (IEEE 802.11 9.4.2.24).
fn parse_security(d: &[u8], default_oui: [u8; 3]) -> Option<Security> {
    let suite = |at: usize| -> Option<([u8; 3], u8)> {
        let s = d.get(at..at.checked_add(4)?)?;
        Some(([s[0], s[1], s[2]], s[3]))
    };
    let mut sec = Security {
        version: read_u16(d, 0)?,
        ..Security::default()
    };
    let mut at = 2;
    let Some((oui, kind)) = suite(at) else {
        // Only a version: defaults are CCMP and 802.1X for RSN.
        return Some(sec);
    };
    sec.group_cipher = Some(suite_cipher(oui, kind));
    at += 4;
    let list = |at: &mut usize, name: fn([u8; 3], u8) -> String| -> Option<Vec<String>> {
        let count = read_u16(d, *at)?;
        *at += 2;
        let mut v = Vec::new();
        for _ in 0..count {
            let (oui, kind) = suite(*at)?;
            v.push(name(oui, kind));
            *at += 4;
        }
        Some(v)
    };
    match list(&mut at, suite_cipher) {
        Some(p) => sec.pairwise_ciphers = p,
        None => {
            sec.pairwise_ciphers = vec![suite_cipher(default_oui, 4)];
            return Some(sec);
        }
    }
    match list(&mut at, suite_akm) {
        Some(a) => sec.akm_suites = a,
        None => return Some(sec),
    }
    sec.capabilities = read_u16(d, at);
    Some(sec)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Beacon body of a hostapd WPA2-PSK BSS "rwlan-test" on channel 6.
    const WPA2_IES: &[u8] = &[
        0x00, 0x0a, b'r', b'w', b'l', b'a', b'n', b'-', b't', b'e', b's', b't', //
        0x01, 0x08, 0x82, 0x84, 0x8b, 0x96, 0x0c, 0x12, 0x18, 0x24, //
        0x03, 0x01, 0x06, //
        0x30, 0x14, 0x01, 0x00, 0x00, 0x0f, 0xac, 0x04, 0x01, 0x00, 0x00, 0x0f, 0xac, 0x04, 0x01,
        0x00, 0x00, 0x0f, 0xac, 0x02, 0x00, 0x00, //
        0x32, 0x04, 0x30, 0x48, 0x60, 0x6c, //
        0xdd, 0x18, 0x00, 0x50, 0xf2, 0x02, 0x01, 0x01, 0x00, 0x00, 0x03, 0xa4, 0x00, 0x00, 0x27,
        0xa4, 0x00, 0x00, 0x42, 0x43, 0x5e, 0x00, 0x62, 0x32, 0x2f, 0x00,
    ];

    #[test]
    fn wpa2_beacon() {
        let s = IeSummary::parse(WPA2_IES);
        assert_eq!(s.ssid.as_deref(), Some("rwlan-test"));
        assert_eq!(s.ds_channel, Some(6));
        assert_eq!(s.rates.len(), 12);
        assert_eq!(
            s.rates[0],
            SupportedRate {
                mbps: 1.0,
                basic: true
            }
        );
        assert_eq!(s.rates[11].mbps, 54.0);
        assert!(s.wmm);
        assert_eq!(s.truncated_at, None);
        let rsn = s.rsn.as_ref().expect("RSN element");
        assert_eq!(rsn.group_cipher.as_deref(), Some("CCMP"));
        assert_eq!(rsn.pairwise_ciphers, vec!["CCMP"]);
        assert_eq!(rsn.akm_suites, vec!["PSK"]);
        assert_eq!(s.security_summary(true), "WPA2 (PSK; CCMP)");
    }

    #[test]
    fn truncated_and_hostile_elements() {
        let s = IeSummary::parse(&[0x00, 0x05, b'a', b'b']);
        assert_eq!(s.ssid, None);
        assert_eq!(s.truncated_at, Some(0));
        let s = IeSummary::parse(&[0x00, 0x02, 0x1b, b'\\', 0x30]);
        assert_eq!(s.ssid.as_deref(), Some("\\x1b\\x5c"));
        assert_eq!(s.truncated_at, Some(4));
        // RSN with a pairwise count far beyond the element.
        let s = IeSummary::parse(&[0x30, 0x08, 1, 0, 0, 0x0f, 0xac, 4, 0xff, 0xff]);
        let rsn = s.rsn.expect("version and group parse");
        assert_eq!(rsn.group_cipher.as_deref(), Some("CCMP"));
        assert_eq!(rsn.pairwise_ciphers, vec!["CCMP"]);
    }

    /// WPA2_IES plus every other element the parser reads: country, HT
    /// capabilities and operation, VHT capabilities, a WPA (Microsoft OUI 1)
    /// element.
    fn full_beacon() -> Vec<u8> {
        let mut b = WPA2_IES.to_vec();
        b.extend_from_slice(&[0x07, 0x06, b'D', b'E', 0x20, 0x01, 0x0d, 0x14]);
        b.extend_from_slice(&[0x2d, 0x1a, 0x7e, 0x10, 0x1b]);
        b.extend_from_slice(&[0xff; 4]);
        b.extend_from_slice(&[0; 19]);
        b.extend_from_slice(&[0x3d, 0x16, 0x06]);
        b.extend_from_slice(&[0; 21]);
        b.extend_from_slice(&[
            0xbf, 0x0c, 0xb1, 0x79, 0x83, 0x33, 0xaa, 0xff, 0, 0, 0xaa, 0xff, 0, 0,
        ]);
        b.extend_from_slice(&[
            0xdd, 0x16, 0x00, 0x50, 0xf2, 0x01, 0x01, 0x00, 0x00, 0x50, 0xf2, 0x02, 0x01, 0x00,
            0x00, 0x50, 0xf2, 0x02, 0x01, 0x00, 0x00, 0x50, 0xf2, 0x02,
        ]);
        b
    }

    #[test]
    fn full_beacon_parses_every_element() {
        let s = IeSummary::parse(&full_beacon());
        assert_eq!(s.truncated_at, None);
        assert_eq!(s.country.as_deref(), Some("DE"));
        assert_eq!(s.ht.map(|h| h.capabilities), Some(0x107e));
        assert_eq!(s.ht_primary_channel, Some(6));
        assert_eq!(s.vht_capabilities, Some(0x3383_79b1));
        assert!(s.wmm);
        let wpa = s.wpa.as_ref().expect("WPA element");
        assert_eq!(wpa.group_cipher.as_deref(), Some("TKIP"));
        assert_eq!(s.security_summary(true), "WPA2 (PSK; CCMP) WPA (PSK; TKIP)");
    }

    /// Deterministic fuzz of the IE parser for `cargo test`: every prefix of
    /// a beacon carrying every element the parser reads, and every value of
    /// every byte of it (about 45,000 inputs). A changed length byte moves
    /// every later element boundary, so this reaches truncated and
    /// overlapping elements of each kind.
    #[test]
    fn every_byte_value_at_every_position_never_panics() {
        let full = full_beacon();
        let mut runs = 0usize;
        let mut truncated = 0usize;
        for len in 0..=full.len() {
            let s = IeSummary::parse(&full[..len]);
            let _ = s.security_summary(true);
            runs += 1;
        }
        let mut buf = full.clone();
        for i in 0..buf.len() {
            for v in 0..=255u8 {
                buf[i] = v;
                let s = IeSummary::parse(&buf);
                let _ = s.security_summary(s.rsn.is_none());
                truncated += usize::from(s.truncated_at.is_some());
                runs += 1;
            }
            buf[i] = full[i];
        }
        assert!(runs > 40_000, "{runs} inputs");
        // Length bytes made too large must have been reported as truncation.
        assert!(truncated > 1_000, "{truncated} truncated of {runs}");
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 3000, rng_seed: proptest::test_runner::RngSeed::Fixed(0x0072_776c_616e), ..ProptestConfig::default() })]
        #[test]
        fn arbitrary_elements_never_panic(buf in proptest::collection::vec(any::<u8>(), 0..400)) {
            let s = IeSummary::parse(&buf);
            let _ = s.security_summary(true);
        }

        /// Elements of the kinds the parser reads, with random bodies: random
        /// bytes alone rarely form an RSN or vendor element.
        #[test]
        fn known_elements_with_random_bodies_never_panic(
            elems in proptest::collection::vec((
                proptest::sample::select(vec![
                    EID_SSID, EID_SUPP_RATES, EID_DS_PARAMS, EID_COUNTRY, EID_HT_CAPA, EID_RSN,
                    EID_EXT_SUPP_RATES, EID_HT_OPERATION, EID_VHT_CAPA, EID_VENDOR,
                ]),
                0u8..3,
                proptest::collection::vec(any::<u8>(), 0..40),
            ), 0..8)) {
            let mut buf = Vec::new();
            for (id, vendor_kind, body) in &elems {
                let mut data = Vec::new();
                if *id == EID_VENDOR {
                    data.extend_from_slice(&OUI_MICROSOFT);
                    data.push(*vendor_kind);
                } else if *id == EID_RSN && *vendor_kind > 0 {
                    // A plausible start (version 1, CCMP group) so the suite lists are reached.
                    data.extend_from_slice(&[0x01, 0x00, 0x00, 0x0f, 0xac, 0x04]);
                }
                data.extend_from_slice(body);
                data.truncate(255);
                buf.push(*id);
                buf.push(data.len() as u8);
                buf.extend_from_slice(&data);
            }
            let s = IeSummary::parse(&buf);
            prop_assert_eq!(s.truncated_at, None);
            let _ = s.security_summary(true);
        }

        #[test]
        fn well_formed_elements_walk_completely(
            elems in proptest::collection::vec((any::<u8>(), proptest::collection::vec(any::<u8>(), 0..255)), 0..12)) {
            let mut buf = Vec::new();
            for (id, data) in &elems {
                buf.push(*id);
                buf.push(data.len() as u8);
                buf.extend_from_slice(data);
            }
            let got: Vec<_> = Elements::new(&buf).collect::<Result<Vec<_>, _>>().expect("well formed");
            prop_assert_eq!(got.len(), elems.len());
        }
    }
}
