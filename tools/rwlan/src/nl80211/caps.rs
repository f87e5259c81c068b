//! Wiphy capabilities beyond bands and modes: interface combinations,
//! software interface types, extended features and the longest
//! remain-on-channel time, as the split wiphy dump reports them.

use serde::Serialize;

use super::attr::{AttrError, Attrs};
use super::{ChanWidth, ExtFeature, IfType, IfaceCombAttr, IfaceLimitAttr};

/// At most `max` interfaces of these types at once.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct IfaceLimit {
    pub max: u32,
    pub types: Vec<IfType>,
}

/// One valid interface combination.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct IfaceCombination {
    pub limits: Vec<IfaceLimit>,
    pub max_interfaces: u32,
    pub channels: u32,
    /// APs and stations must use the same beacon interval.
    pub sta_ap_bi_match: bool,
    /// Channel widths on which the combination can detect radar.
    pub radar_detect_widths: Vec<ChanWidth>,
}

/// Interface types given as a nest of flags named by type.
pub fn iftypes(nest: &Attrs<'_>) -> Vec<IfType> {
    nest.iter()
        .filter_map(|m| IfType::from_raw(u32::from(m.kind)))
        .collect()
}

/// `NL80211_ATTR_INTERFACE_COMBINATIONS`: a list of combinations.
pub fn combinations(list: &Attrs<'_>) -> Result<Vec<IfaceCombination>, AttrError> {
    let mut out = Vec::new();
    for entry in list.iter() {
        let c = entry.nested()?;
        let mut combination = IfaceCombination {
            max_interfaces: c.u32(IfaceCombAttr::Maxnum)?.unwrap_or_default(),
            channels: c.u32(IfaceCombAttr::NumChannels)?.unwrap_or_default(),
            sta_ap_bi_match: c.has(IfaceCombAttr::StaApBiMatch),
            ..IfaceCombination::default()
        };
        if let Some(limits) = c.nested(IfaceCombAttr::Limits)? {
            for l in limits.iter() {
                let l = l.nested()?;
                combination.limits.push(IfaceLimit {
                    max: l.u32(IfaceLimitAttr::Max)?.unwrap_or_default(),
                    types: l
                        .nested(IfaceLimitAttr::Types)?
                        .map(|t| iftypes(&t))
                        .unwrap_or_default(),
                });
            }
        }
        let widths = c.u32(IfaceCombAttr::RadarDetectWidths)?.unwrap_or_default();
        combination.radar_detect_widths = (0..32)
            .filter(|bit| widths & (1 << bit) != 0)
            .filter_map(ChanWidth::from_raw)
            .collect();
        out.push(combination);
    }
    Ok(out)
}

/// `NL80211_ATTR_EXT_FEATURES`: a bitmap indexed by
/// `enum nl80211_ext_feature_index`; upper-case names as the kernel spells
/// them, `bit N` for bits newer than the table.
pub fn ext_features(bitmap: &[u8]) -> Vec<String> {
    let mut out = Vec::new();
    for (byte, bits) in bitmap.iter().enumerate() {
        for bit in 0..8 {
            if bits & (1 << bit) == 0 {
                continue;
            }
            let index = byte * 8 + bit;
            let name = u32::try_from(index)
                .ok()
                .and_then(ExtFeature::from_raw)
                .map_or_else(|| format!("bit {index}"), |f| f.name().to_uppercase());
            out.push(name);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ext_feature_bitmap() {
        // VHT_IBSS (0), RRM (1), TXQS (28; DATA_ACK_SIGNAL_SUPPORT is an alias), bit 200.
        let mut bitmap = vec![0u8; 26];
        bitmap[0] = 0b11;
        bitmap[3] = 1 << 4;
        bitmap[25] = 1;
        assert_eq!(
            ext_features(&bitmap),
            ["VHT_IBSS", "RRM", "TXQS", "bit 200"].map(String::from)
        );
    }

    #[test]
    fn one_combination() {
        // One combination: #{ managed } <= 2, total <= 2, #channels <= 1,
        // STA/AP BI match, radar on 20 MHz (no HT) and 20 MHz.
        fn nla(kind: u16, payload: &[u8]) -> Vec<u8> {
            let len = 4 + payload.len();
            let mut v = (len as u16).to_ne_bytes().to_vec();
            v.extend(kind.to_ne_bytes());
            v.extend(payload);
            v.resize(len.div_ceil(4) * 4, 0);
            v
        }
        let types = nla(2, &nla(IfType::Station.raw() as u16, &[]));
        let limit = nla(1, &[nla(1, &2u32.to_ne_bytes()), types].concat());
        let comb = [
            nla(1, &limit),
            nla(2, &2u32.to_ne_bytes()),
            nla(3, &[]),
            nla(4, &1u32.to_ne_bytes()),
            nla(5, &0b11u32.to_ne_bytes()),
        ]
        .concat();
        let list = nla(1, &comb);
        let parsed = Attrs::parse(&list).and_then(|a| combinations(&a));
        let want = IfaceCombination {
            limits: vec![IfaceLimit {
                max: 2,
                types: vec![IfType::Station],
            }],
            max_interfaces: 2,
            channels: 1,
            sta_ap_bi_match: true,
            radar_detect_widths: vec![ChanWidth::N20Noht, ChanWidth::N20],
        };
        assert_eq!(parsed.ok(), Some(vec![want]));
    }
}
