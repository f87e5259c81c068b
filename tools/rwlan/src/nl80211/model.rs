//! Typed views of nl80211 replies and events. Each decoder takes the
//! attribute bytes of one genetlink message; absent attributes become `None`
//! (drivers differ in what they report), malformed ones an [`AttrError`].

use serde::Serialize;

use super::attr::{AttrError, Attrs, GenlMessage};
use super::caps::{self, IfaceCombination};
use super::{
    Attr, BandAttr, BandIftypeAttr, BitrateAttr, BssAttr, BssStatus, ChanWidth, Cmd, FreqAttr,
    IfType, RateInfo, StaInfo,
};
use crate::ie::IeSummary;
use crate::ieee80211;

/// A MAC address; prints and serializes as `02:00:00:00:01:00`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Mac(pub [u8; 6]);

impl std::fmt::Display for Mac {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let [a, b, c, d, e, g] = self.0;
        write!(f, "{a:02x}:{b:02x}:{c:02x}:{d:02x}:{e:02x}:{g:02x}")
    }
}

impl Serialize for Mac {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl std::str::FromStr for Mac {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut out = [0u8; 6];
        let mut parts = s.split(':');
        for byte in out.iter_mut() {
            let part = parts
                .next()
                .ok_or_else(|| format!("'{s}' is not a MAC address"))?;
            *byte =
                u8::from_str_radix(part, 16).map_err(|_| format!("'{s}' is not a MAC address"))?;
        }
        match parts.next() {
            None => Ok(Mac(out)),
            Some(_) => Err(format!("'{s}' is not a MAC address")),
        }
    }
}

/// Channel number for a centre frequency, as iw computes it.
pub fn freq_to_channel(freq: u32) -> u32 {
    match freq {
        2484 => 14,
        f if f < 2484 => f.saturating_sub(2407) / 5,
        5935 => 2,
        f if f > 5950 && f <= 7115 => (f - 5950) / 5,
        f if (4910..=4980).contains(&f) => (f - 4000) / 5,
        f if f < 5950 => f.saturating_sub(5000) / 5,
        f if (58320..=70200).contains(&f) => (f - 56160) / 2160,
        _ => 0,
    }
}

/// Channel frequency for a channel number: 1-14 on 2.4 GHz, else 5 GHz.
pub fn channel_to_freq(channel: u32) -> Option<u32> {
    match channel {
        14 => Some(2484),
        1..=13 => Some(2407 + channel * 5),
        32..=177 => Some(5000 + channel * 5),
        _ => None,
    }
}

fn nested_list<'a>(
    attrs: &Attrs<'a>,
    kind: impl super::NlNumber,
) -> Result<Vec<Attrs<'a>>, AttrError> {
    match attrs.get(kind) {
        None => Ok(Vec::new()),
        Some(a) => a.nested()?.iter().map(|n| n.nested()).collect(),
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Wiphy {
    pub index: u32,
    pub name: String,
    pub bands: Vec<BandInfo>,
    pub iftypes: Vec<IfType>,
    pub ciphers: Vec<String>,
    pub max_scan_ssids: Option<u8>,
    pub max_scan_ie_len: Option<u16>,
    pub retry_short: Option<u8>,
    pub retry_long: Option<u8>,
    pub rts_threshold: Option<u32>,
    pub frag_threshold: Option<u32>,
    pub commands: Vec<String>,
    /// Types that can always be added, whatever the combinations say.
    pub software_iftypes: Vec<IfType>,
    pub combinations: Vec<IfaceCombination>,
    pub ext_features: Vec<String>,
    pub max_remain_on_channel_ms: Option<u32>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct BandInfo {
    pub band: u16,
    pub ht_capa: Option<u16>,
    pub ht_ampdu_factor: Option<u8>,
    pub ht_ampdu_density: Option<u8>,
    pub vht_capa: Option<u32>,
    pub vht_mcs: Option<VhtMcs>,
    /// HE and EHT capabilities, one entry a group of interface types.
    pub iftype_data: Vec<IftypeData>,
    pub bitrates: Vec<Bitrate>,
    pub channels: Vec<Channel>,
}

/// One group of interface types' HE and EHT capabilities in a band
/// (NL80211_BAND_ATTR_IFTYPE_DATA): the capability fields as the kernel
/// gives them, each empty when absent. `--json` shows them in hex.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct IftypeData {
    pub iftypes: Vec<IfType>,
    #[serde(serialize_with = "hex")]
    pub he_mac: Vec<u8>,
    #[serde(serialize_with = "hex")]
    pub he_phy: Vec<u8>,
    #[serde(serialize_with = "hex")]
    pub he_mcs_set: Vec<u8>,
    #[serde(serialize_with = "hex")]
    pub he_ppe: Vec<u8>,
    pub he_6ghz_capa: Option<u16>,
    #[serde(serialize_with = "hex")]
    pub eht_mac: Vec<u8>,
    #[serde(serialize_with = "hex")]
    pub eht_phy: Vec<u8>,
    #[serde(serialize_with = "hex")]
    pub eht_mcs_set: Vec<u8>,
    #[serde(serialize_with = "hex")]
    pub eht_ppe: Vec<u8>,
}

fn hex<S: serde::Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(&format_args!(
        "{}",
        bytes.iter().map(|b| format!("{b:02x}")).collect::<String>()
    ))
}

impl IftypeData {
    /// One entry of the list; `None` without its interface types, which
    /// iw does not print either.
    fn parse(a: &Attrs<'_>) -> Result<Option<Self>, AttrError> {
        let Some(types) = a.nested(BandIftypeAttr::Iftypes)? else {
            return Ok(None);
        };
        let bytes = |k: BandIftypeAttr| a.bytes(k).map(<[u8]>::to_vec).unwrap_or_default();
        Ok(Some(IftypeData {
            iftypes: caps::iftypes(&types),
            he_mac: bytes(BandIftypeAttr::HeCapMac),
            he_phy: bytes(BandIftypeAttr::HeCapPhy),
            he_mcs_set: bytes(BandIftypeAttr::HeCapMcsSet),
            he_ppe: bytes(BandIftypeAttr::HeCapPpe),
            he_6ghz_capa: a.u16(BandIftypeAttr::He6ghzCapa)?,
            eht_mac: bytes(BandIftypeAttr::EhtCapMac),
            eht_phy: bytes(BandIftypeAttr::EhtCapPhy),
            eht_mcs_set: bytes(BandIftypeAttr::EhtCapMcsSet),
            eht_ppe: bytes(BandIftypeAttr::EhtCapPpe),
        }))
    }
}

/// The VHT MCS set (IEEE 802.11 9.4.2.157.3): per spatial stream, two bits
/// from the first stream up (0: MCS 0-7, 1: 0-8, 2: 0-9, 3: none), and the
/// highest long-GI data rates in Mbit/s; and whether the extended NSS
/// bandwidth support field is used.
#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
pub struct VhtMcs {
    pub rx_map: u16,
    pub rx_highest: u16,
    pub tx_map: u16,
    pub tx_highest: u16,
    pub ext_nss_bw: bool,
}

impl VhtMcs {
    /// The 8 bytes of NL80211_BAND_ATTR_VHT_MCS_SET; `None` if shorter.
    pub fn parse(b: &[u8]) -> Option<Self> {
        let word = |i: usize| Some(u16::from_le_bytes([*b.get(i)?, *b.get(i + 1)?]));
        Some(Self {
            rx_map: word(0)?,
            rx_highest: word(2)? & 0x1fff,
            tx_map: word(4)?,
            tx_highest: word(6)? & 0x1fff,
            ext_nss_bw: word(6)? & (1 << 13) != 0,
        })
    }
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Bitrate {
    pub mbps: f32,
    pub short_preamble: bool,
}

#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Channel {
    pub freq: u32,
    pub channel: u32,
    pub max_tx_power_dbm: Option<f32>,
    pub disabled: bool,
    pub no_ir: bool,
    /// The old name of no-IR that nl80211 still sends beside it.
    pub no_ibss: bool,
    pub radar: bool,
    /// Widths the channel may not be used at.
    pub no_20mhz: bool,
    pub no_ht40_minus: bool,
    pub no_ht40_plus: bool,
    pub no_80mhz: bool,
    pub no_160mhz: bool,
    /// DFS: state (nl80211_dfs_state), for how long (ms), CAC time (ms).
    pub dfs_state: Option<u32>,
    pub dfs_time_ms: Option<u32>,
    pub dfs_cac_ms: Option<u32>,
}

impl Wiphy {
    /// Folds one message of a split wiphy dump into `self`. The kernel
    /// spreads bands, channels and capabilities over several messages that
    /// all carry the wiphy index.
    fn merge(&mut self, a: &Attrs<'_>) -> Result<(), AttrError> {
        if let Some(name) = a.string(Attr::WiphyName)? {
            self.name = name;
        }
        if let Some(v) = a.u8(Attr::MaxNumScanSsids)? {
            self.max_scan_ssids = Some(v);
        }
        if let Some(v) = a.u16(Attr::MaxScanIeLen)? {
            self.max_scan_ie_len = Some(v);
        }
        if let Some(v) = a.u8(Attr::WiphyRetryShort)? {
            self.retry_short = Some(v);
        }
        if let Some(v) = a.u8(Attr::WiphyRetryLong)? {
            self.retry_long = Some(v);
        }
        if let Some(v) = a.u32(Attr::WiphyRtsThreshold)? {
            self.rts_threshold = Some(v);
        }
        if let Some(v) = a.u32(Attr::WiphyFragThreshold)? {
            self.frag_threshold = Some(v);
        }
        if let Some(modes) = a.nested(Attr::SupportedIftypes)? {
            self.iftypes = caps::iftypes(&modes);
        }
        if let Some(modes) = a.nested(Attr::SoftwareIftypes)? {
            self.software_iftypes = caps::iftypes(&modes);
        }
        if let Some(list) = a.nested(Attr::InterfaceCombinations)? {
            self.combinations = caps::combinations(&list)?;
        }
        if let Some(bitmap) = a.bytes(Attr::ExtFeatures) {
            self.ext_features = caps::ext_features(bitmap);
        }
        if let Some(ms) = a.u32(Attr::MaxRemainOnChannelDuration)? {
            self.max_remain_on_channel_ms = Some(ms);
        }
        if let Some(raw) = a.bytes(Attr::CipherSuites) {
            self.ciphers = raw
                .chunks_exact(4)
                .map(|c| ieee80211::cipher_name(u32::from_ne_bytes([c[0], c[1], c[2], c[3]])))
                .collect();
        }
        if let Some(cmds) = a.get(Attr::SupportedCommands) {
            for c in cmds.nested()?.iter() {
                let cmd = c.u32()?;
                let name = u8::try_from(cmd)
                    .ok()
                    .and_then(Cmd::from_raw)
                    .map_or_else(|| format!("cmd {cmd}"), |c| c.name().to_owned());
                self.commands.push(name);
            }
        }
        if let Some(bands) = a.nested(Attr::WiphyBands)? {
            for b in bands.iter() {
                let info = match self.bands.iter_mut().find(|x| x.band == b.kind) {
                    Some(info) => info,
                    None => {
                        self.bands.push(BandInfo {
                            band: b.kind,
                            ..BandInfo::default()
                        });
                        let last = self.bands.len() - 1;
                        &mut self.bands[last]
                    }
                };
                info.merge(&b.nested()?)?;
            }
        }
        Ok(())
    }
}

impl BandInfo {
    fn merge(&mut self, a: &Attrs<'_>) -> Result<(), AttrError> {
        if let Some(v) = a.u16(BandAttr::HtCapa)? {
            self.ht_capa = Some(v);
        }
        if let Some(v) = a.u8(BandAttr::HtAmpduFactor)? {
            self.ht_ampdu_factor = Some(v);
        }
        if let Some(v) = a.u8(BandAttr::HtAmpduDensity)? {
            self.ht_ampdu_density = Some(v);
        }
        if let Some(v) = a.u32(BandAttr::VhtCapa)? {
            self.vht_capa = Some(v);
        }
        if let Some(v) = a.bytes(BandAttr::VhtMcsSet).and_then(VhtMcs::parse) {
            self.vht_mcs = Some(v);
        }
        for d in nested_list(a, BandAttr::IftypeData)? {
            self.iftype_data.extend(IftypeData::parse(&d)?);
        }
        for f in nested_list(a, BandAttr::Freqs)? {
            let Some(freq) = f.u32(FreqAttr::Freq)? else {
                continue;
            };
            self.channels.push(Channel {
                freq,
                channel: freq_to_channel(freq),
                max_tx_power_dbm: f.u32(FreqAttr::MaxTxPower)?.map(|mbm| mbm as f32 / 100.0),
                disabled: f.has(FreqAttr::Disabled),
                no_ir: f.has(FreqAttr::NoIr),
                // __NL80211_FREQUENCY_ATTR_NO_IBSS, not in the uapi enum.
                no_ibss: f.has(4u16),
                radar: f.has(FreqAttr::Radar),
                no_20mhz: f.has(FreqAttr::No20mhz),
                no_ht40_minus: f.has(FreqAttr::NoHt40Minus),
                no_ht40_plus: f.has(FreqAttr::NoHt40Plus),
                no_80mhz: f.has(FreqAttr::No80mhz),
                no_160mhz: f.has(FreqAttr::No160mhz),
                dfs_state: f.u32(FreqAttr::DfsState)?,
                dfs_time_ms: f.u32(FreqAttr::DfsTime)?,
                dfs_cac_ms: f.u32(FreqAttr::DfsCacTime)?,
            });
        }
        for r in nested_list(a, BandAttr::Rates)? {
            if let Some(rate) = r.u32(BitrateAttr::Rate)? {
                self.bitrates.push(Bitrate {
                    mbps: rate as f32 / 10.0,
                    short_preamble: r.has(BitrateAttr::N2ghzShortpreamble),
                });
            }
        }
        Ok(())
    }
}

/// Merges the messages of a split `GET_WIPHY` dump into one entry per wiphy.
pub fn merge_wiphy_dump(messages: &[Vec<u8>]) -> Result<Vec<Wiphy>, AttrError> {
    let mut out: Vec<Wiphy> = Vec::new();
    for m in messages {
        let msg = GenlMessage::parse(m)?;
        let a = Attrs::parse(msg.attrs)?;
        let Some(index) = a.u32(Attr::Wiphy)? else {
            continue;
        };
        let pos = match out.iter().position(|w| w.index == index) {
            Some(p) => p,
            None => {
                out.push(Wiphy {
                    index,
                    ..Wiphy::default()
                });
                out.len() - 1
            }
        };
        out[pos].merge(&a)?;
    }
    Ok(out)
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Interface {
    pub ifindex: u32,
    pub name: String,
    pub wiphy: u32,
    pub wdev: u64,
    pub addr: Mac,
    pub iftype: Option<IfType>,
    pub ssid: Option<String>,
    pub freq: Option<u32>,
    pub channel: Option<u32>,
    pub width: Option<ChanWidth>,
    pub center_freq1: Option<u32>,
    pub center_freq2: Option<u32>,
    pub txpower_dbm: Option<f32>,
}

impl Interface {
    pub fn decode(attrs: &[u8]) -> Result<Self, AttrError> {
        let a = Attrs::parse(attrs)?;
        let freq = a.u32(Attr::WiphyFreq)?;
        Ok(Interface {
            ifindex: a.u32(Attr::Ifindex)?.unwrap_or_default(),
            name: a.string(Attr::Ifname)?.unwrap_or_default(),
            wiphy: a.u32(Attr::Wiphy)?.unwrap_or_default(),
            wdev: a.u64(Attr::Wdev)?.unwrap_or_default(),
            addr: Mac(a.mac(Attr::Mac)?.unwrap_or_default()),
            iftype: a.u32(Attr::Iftype)?.and_then(IfType::from_raw),
            ssid: a.bytes(Attr::Ssid).map(crate::ie::ssid_text),
            freq,
            channel: freq.map(freq_to_channel),
            width: a.u32(Attr::ChannelWidth)?.and_then(ChanWidth::from_raw),
            center_freq1: a.u32(Attr::CenterFreq1)?,
            center_freq2: a.u32(Attr::CenterFreq2)?,
            txpower_dbm: a
                .u32(Attr::WiphyTxPowerLevel)?
                .map(|mbm| mbm as i32 as f32 / 100.0),
        })
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Bss {
    pub bssid: Mac,
    pub ifindex: Option<u32>,
    pub freq: u32,
    pub channel: u32,
    pub tsf: Option<u64>,
    pub beacon_interval: Option<u16>,
    pub capability: Option<u16>,
    pub signal_dbm: Option<f32>,
    pub seen_ms_ago: Option<u32>,
    pub status: Option<BssStatus>,
    #[serde(flatten)]
    pub ies: IeSummary,
}

impl Bss {
    /// Decodes one `NEW_SCAN_RESULTS` dump message; `None` if it carries no BSS.
    pub fn decode(attrs: &[u8]) -> Result<Option<Self>, AttrError> {
        let top = Attrs::parse(attrs)?;
        let Some(b) = top.nested(Attr::Bss)? else {
            return Ok(None);
        };
        let freq = b.u32(BssAttr::Frequency)?.unwrap_or_default();
        let ies = b
            .bytes(BssAttr::InformationElements)
            .or_else(|| b.bytes(BssAttr::BeaconIes))
            .unwrap_or_default();
        Ok(Some(Bss {
            bssid: Mac(b.mac(BssAttr::Bssid)?.unwrap_or_default()),
            ifindex: top.u32(Attr::Ifindex)?,
            freq,
            channel: freq_to_channel(freq),
            tsf: b.u64(BssAttr::Tsf)?,
            beacon_interval: b.u16(BssAttr::BeaconInterval)?,
            capability: b.u16(BssAttr::Capability)?,
            signal_dbm: b.i32(BssAttr::SignalMbm)?.map(|mbm| mbm as f32 / 100.0),
            seen_ms_ago: b.u32(BssAttr::SeenMsAgo)?,
            status: b.u32(BssAttr::Status)?.and_then(BssStatus::from_raw),
            ies: IeSummary::parse(ies),
        }))
    }
}

/// A TX or RX rate as reported in station info.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Rate {
    pub mbps: Option<f32>,
    pub mcs: Option<u8>,
    pub vht_mcs: Option<u8>,
    pub vht_nss: Option<u8>,
    pub width_mhz: u16,
    pub short_gi: bool,
}

impl Rate {
    fn decode(a: &Attrs<'_>) -> Result<Self, AttrError> {
        let rate100k = match a.u32(RateInfo::Bitrate32)? {
            Some(v) => Some(v),
            None => a.u16(RateInfo::Bitrate)?.map(u32::from),
        };
        let width_mhz = if a.has(RateInfo::N40MhzWidth) {
            40
        } else if a.has(RateInfo::N80MhzWidth) {
            80
        } else if a.has(RateInfo::N160MhzWidth) || a.has(RateInfo::N80p80MhzWidth) {
            160
        } else {
            20
        };
        Ok(Rate {
            mbps: rate100k.map(|r| r as f32 / 10.0),
            mcs: a.u8(RateInfo::Mcs)?,
            vht_mcs: a.u8(RateInfo::VhtMcs)?,
            vht_nss: a.u8(RateInfo::VhtNss)?,
            width_mhz,
            short_gi: a.has(RateInfo::ShortGi),
        })
    }
}

impl std::fmt::Display for Rate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.mbps {
            Some(m) => write!(f, "{m:.1} MBit/s")?,
            None => write!(f, "unknown")?,
        }
        if let Some(mcs) = self.mcs {
            write!(f, " MCS {mcs}")?;
        }
        if let (Some(mcs), Some(nss)) = (self.vht_mcs, self.vht_nss) {
            write!(f, " VHT-MCS {mcs} VHT-NSS {nss}")?;
        }
        if self.width_mhz != 20 {
            write!(f, " {}MHz", self.width_mhz)?;
        }
        if self.short_gi {
            write!(f, " short GI")?;
        }
        Ok(())
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Station {
    pub mac: Mac,
    pub ifindex: Option<u32>,
    pub inactive_ms: Option<u32>,
    pub rx_bytes: Option<u64>,
    pub rx_packets: Option<u32>,
    pub tx_bytes: Option<u64>,
    pub tx_packets: Option<u32>,
    pub tx_retries: Option<u32>,
    pub tx_failed: Option<u32>,
    /// Times the station lost its AP's beacons (station mode).
    pub beacon_loss: Option<u32>,
    /// Beacons received from its AP (station mode).
    pub beacon_rx: Option<u64>,
    pub rx_drop_misc: Option<u64>,
    pub signal_dbm: Option<i8>,
    pub signal_avg_dbm: Option<i8>,
    pub tx_bitrate: Option<Rate>,
    pub rx_bitrate: Option<Rate>,
    pub connected_s: Option<u32>,
    pub authorized: Option<bool>,
    pub authenticated: Option<bool>,
    pub associated: Option<bool>,
    pub wmm: Option<bool>,
    pub mfp: Option<bool>,
    /// Mesh peering: local and peer link IDs and the peer link state
    /// (iw's name: LISTEN, OPN_SNT, ..., ESTAB, HOLDING, BLOCKED).
    pub mesh_llid: Option<u16>,
    pub mesh_plid: Option<u16>,
    pub mesh_plink: Option<&'static str>,
}

/// iw's names of `enum nl80211_plink_state`.
fn plink_name(state: u8) -> &'static str {
    match state {
        0 => "LISTEN",
        1 => "OPN_SNT",
        2 => "OPN_RCVD",
        3 => "CNF_RCVD",
        4 => "ESTAB",
        5 => "HOLDING",
        6 => "BLOCKED",
        _ => "UNKNOWN",
    }
}

impl Station {
    pub fn decode(attrs: &[u8]) -> Result<Self, AttrError> {
        let top = Attrs::parse(attrs)?;
        let mut st = Station {
            mac: Mac(top.mac(Attr::Mac)?.unwrap_or_default()),
            ifindex: top.u32(Attr::Ifindex)?,
            ..Station::default()
        };
        let Some(s) = top.nested(Attr::StaInfo)? else {
            return Ok(st);
        };
        st.inactive_ms = s.u32(StaInfo::InactiveTime)?;
        st.rx_bytes = match s.u64(StaInfo::RxBytes64)? {
            Some(v) => Some(v),
            None => s.u32(StaInfo::RxBytes)?.map(u64::from),
        };
        st.tx_bytes = match s.u64(StaInfo::TxBytes64)? {
            Some(v) => Some(v),
            None => s.u32(StaInfo::TxBytes)?.map(u64::from),
        };
        st.rx_packets = s.u32(StaInfo::RxPackets)?;
        st.tx_packets = s.u32(StaInfo::TxPackets)?;
        st.tx_retries = s.u32(StaInfo::TxRetries)?;
        st.tx_failed = s.u32(StaInfo::TxFailed)?;
        st.beacon_loss = s.u32(StaInfo::BeaconLoss)?;
        st.beacon_rx = s.u64(StaInfo::BeaconRx)?;
        st.rx_drop_misc = s.u64(StaInfo::RxDropMisc)?;
        st.signal_dbm = s.u8(StaInfo::Signal)?.map(|v| v as i8);
        st.signal_avg_dbm = s.u8(StaInfo::SignalAvg)?.map(|v| v as i8);
        st.tx_bitrate = s
            .nested(StaInfo::TxBitrate)?
            .map(|r| Rate::decode(&r))
            .transpose()?;
        st.rx_bitrate = s
            .nested(StaInfo::RxBitrate)?
            .map(|r| Rate::decode(&r))
            .transpose()?;
        st.connected_s = s.u32(StaInfo::ConnectedTime)?;
        st.mesh_llid = s.u16(StaInfo::Llid)?;
        st.mesh_plid = s.u16(StaInfo::Plid)?;
        st.mesh_plink = s.u8(StaInfo::PlinkState)?.map(plink_name);
        if let Some(raw) = s.get(StaInfo::StaFlags) {
            // struct nl80211_sta_flag_update { u32 mask; u32 set; }
            let b = raw.payload;
            let word = |i: usize| {
                b.get(i..i + 4)
                    .and_then(|w| <[u8; 4]>::try_from(w).ok())
                    .map(u32::from_ne_bytes)
            };
            if let (Some(mask), Some(set)) = (word(0), word(4)) {
                let flag = |bit: u32| (mask & (1 << bit) != 0).then_some(set & (1 << bit) != 0);
                st.authorized = flag(1);
                st.wmm = flag(3);
                st.mfp = flag(4);
                st.authenticated = flag(5);
                st.associated = flag(7);
            }
        }
        Ok(st)
    }
}

/// An nl80211 multicast event (or any message), with the attributes that
/// the event renderer and `connect` look at.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Event {
    pub cmd: String,
    #[serde(skip)]
    pub cmd_raw: u8,
    pub wiphy: Option<u32>,
    pub ifindex: Option<u32>,
    pub ifname: Option<String>,
    pub mac: Option<Mac>,
    pub status_code: Option<u16>,
    pub reason_code: Option<u16>,
    pub by_ap: bool,
    pub timed_out: bool,
    pub freqs: Vec<u32>,
    pub freq: Option<u32>,
    pub reg_alpha2: Option<String>,
    /// The management frame of an auth, assoc, deauth or disassoc event.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "hex_opt")]
    pub frame: Option<Vec<u8>>,
    /// A vendor event's OUI, subcommand and data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vendor_id: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vendor_subcmd: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "hex_opt")]
    pub vendor_data: Option<Vec<u8>>,
}

fn hex_opt<S: serde::Serializer>(bytes: &Option<Vec<u8>>, s: S) -> Result<S::Ok, S::Error> {
    hex(bytes.as_deref().unwrap_or_default(), s)
}

impl Event {
    pub fn decode(msg: &GenlMessage<'_>) -> Result<Self, AttrError> {
        let a = Attrs::parse(msg.attrs)?;
        let freqs = match a.nested(Attr::ScanFrequencies)? {
            Some(list) => list.iter().map(|f| f.u32()).collect::<Result<_, _>>()?,
            None => Vec::new(),
        };
        Ok(Event {
            cmd: Cmd::from_raw(msg.cmd)
                .map_or_else(|| format!("cmd {}", msg.cmd), |c| c.name().to_owned()),
            cmd_raw: msg.cmd,
            wiphy: a.u32(Attr::Wiphy)?,
            ifindex: a.u32(Attr::Ifindex)?,
            ifname: a.string(Attr::Ifname)?,
            mac: a.mac(Attr::Mac)?.map(Mac),
            status_code: a.u16(Attr::StatusCode)?,
            reason_code: a.u16(Attr::ReasonCode)?,
            by_ap: a.has(Attr::DisconnectedByAp),
            timed_out: a.has(Attr::TimedOut),
            freqs,
            freq: a.u32(Attr::WiphyFreq)?,
            reg_alpha2: a.string(Attr::RegAlpha2)?,
            frame: a.bytes(Attr::Frame).map(<[u8]>::to_vec),
            vendor_id: a.u32(Attr::VendorId)?,
            vendor_subcmd: a.u32(Attr::VendorSubcmd)?,
            vendor_data: a.bytes(Attr::VendorData).map(<[u8]>::to_vec),
        })
    }

    pub fn is(&self, cmd: Cmd) -> bool {
        self.cmd_raw == cmd.raw()
    }
}

/// Runs every decoder over one genetlink payload; used by the fuzz tests to
/// reach all parsing paths with one input.
pub fn decode_any(payload: &[u8]) -> Result<(), AttrError> {
    let msg = GenlMessage::parse(payload)?;
    let _ = Event::decode(&msg);
    let _ = Interface::decode(msg.attrs);
    let _ = Bss::decode(msg.attrs);
    let _ = Station::decode(msg.attrs);
    let _ = merge_wiphy_dump(&[payload.to_vec()]);
    Ok(())
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, rng_seed: proptest::test_runner::RngSeed::Fixed(0x0072_776c_616e), ..ProptestConfig::default() })]
        #[test]
        fn arbitrary_payloads_never_panic(buf in proptest::collection::vec(any::<u8>(), 0..512)) {
            let _ = super::decode_any(&buf);
        }
    }
}
