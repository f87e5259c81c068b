// SPDX-License-Identifier: GPL-2.0

//! What a driver tells mac80211 about its hardware before registration:
//! addresses, bands with channels and rates, HT, VHT, HE and EHT
//! capabilities, interface types and combinations, ciphers and feature flags.

use super::bindings;
use super::channel::Band;
use super::regulatory::Regulatory;
use super::shims::net::NetRef;
use super::vif::{IfType, MacAddr};
use kernel::prelude::*;
use kernel::str::CStr;

/// A legacy bitrate.
#[derive(Clone, Copy, Debug)]
pub struct Rate {
    /// Bitrate in units of 100 kbit/s.
    pub bitrate: u16,
    /// Short preamble allowed (2.4 GHz CCK rates).
    pub short_preamble: bool,
}

/// HT (802.11n) capabilities of a band.
#[derive(Clone, Copy, Debug)]
pub struct HtCap {
    /// `IEEE80211_HT_CAP_*` bits.
    pub cap: u16,
    /// Maximum A-MPDU length exponent.
    pub ampdu_factor: u8,
    /// Minimum MPDU start spacing.
    pub ampdu_density: u8,
    /// Supported RX MCS bit mask.
    pub rx_mask: [u8; 10],
}

impl HtCap {
    /// Supports 20 and 40 MHz channels.
    pub const SUP_WIDTH_20_40: u16 = bindings::IEEE80211_HT_CAP_SUP_WIDTH_20_40 as u16;
    /// Greenfield.
    pub const GRN_FLD: u16 = bindings::IEEE80211_HT_CAP_GRN_FLD as u16;
    /// Short guard interval at 20 MHz.
    pub const SGI_20: u16 = bindings::IEEE80211_HT_CAP_SGI_20 as u16;
    /// Short guard interval at 40 MHz.
    pub const SGI_40: u16 = bindings::IEEE80211_HT_CAP_SGI_40 as u16;
    /// DSSS/CCK in 40 MHz.
    pub const DSSSCCK40: u16 = bindings::IEEE80211_HT_CAP_DSSSCCK40 as u16;
}

/// VHT (802.11ac) capabilities of a band.
#[derive(Clone, Copy, Debug)]
pub struct VhtCap {
    /// `IEEE80211_VHT_CAP_*` bits.
    pub cap: u32,
    /// The MCS each spatial stream supports, two bits a stream from the
    /// first, for receiving and sending alike.
    pub mcs_map: u16,
}

impl VhtCap {
    /// A-MSDUs of up to 11,454 bytes.
    pub const MAX_MPDU_LENGTH_11454: u32 = bindings::IEEE80211_VHT_CAP_MAX_MPDU_LENGTH_11454;
    /// 160 MHz and 80+80 MHz channels.
    pub const SUPP_CHAN_WIDTH_160_80PLUS80MHZ: u32 =
        bindings::IEEE80211_VHT_CAP_SUPP_CHAN_WIDTH_160_80PLUS80MHZ;
    /// LDPC coding when receiving.
    pub const RXLDPC: u32 = bindings::IEEE80211_VHT_CAP_RXLDPC;
    /// Short guard interval at 80 MHz.
    pub const SHORT_GI_80: u32 = bindings::IEEE80211_VHT_CAP_SHORT_GI_80;
    /// Short guard interval at 160 MHz.
    pub const SHORT_GI_160: u32 = bindings::IEEE80211_VHT_CAP_SHORT_GI_160;
    /// STBC when sending.
    pub const TXSTBC: u32 = bindings::IEEE80211_VHT_CAP_TXSTBC;
    /// STBC with up to four streams when receiving.
    pub const RXSTBC_4: u32 = bindings::IEEE80211_VHT_CAP_RXSTBC_4;
    /// The largest A-MPDU length exponent.
    pub const MAX_A_MPDU_LENGTH_EXPONENT_MASK: u32 =
        bindings::IEEE80211_VHT_CAP_MAX_A_MPDU_LENGTH_EXPONENT_MASK;
    /// MCS 0-9 on every one of the eight streams.
    pub const MCS_0_9_ALL_STREAMS: u16 = {
        let m = bindings::ieee80211_vht_mcs_support_IEEE80211_VHT_MCS_SUPPORT_0_9 as u16;
        m | m << 2 | m << 4 | m << 6 | m << 8 | m << 10 | m << 12 | m << 14
    };
}

/// HE (802.11ax) capabilities, as the HE Capabilities element carries them.
#[derive(Clone, Copy, Debug)]
pub struct HeCap {
    /// HE MAC Capabilities Information.
    pub mac: [u8; 6],
    /// HE PHY Capabilities Information.
    pub phy: [u8; 11],
    /// The MCS each spatial stream supports, two bits a stream, for
    /// receiving and sending alike: up to 80 MHz, at 160 MHz, at 80+80 MHz.
    pub mcs_80: u16,
    /// See `mcs_80`.
    pub mcs_160: u16,
    /// See `mcs_80`.
    pub mcs_80p80: u16,
}

/// EHT (802.11be) capabilities, as the EHT Capabilities element carries them.
#[derive(Clone, Copy, Debug)]
pub struct EhtCap {
    /// EHT MAC Capabilities Information.
    pub mac: [u8; 2],
    /// EHT PHY Capabilities Information.
    pub phy: [u8; 9],
    /// Supported EHT-MCS and NSS set: the 20 MHz-only form (four bytes) or
    /// the per-width form (80, 160, 320 MHz; three bytes each). mac80211
    /// reports as much of it as the capabilities above say is present.
    pub mcs_nss: [u8; 9],
}

/// What some interface types can do in a band beyond HT and VHT.
#[derive(Clone, Copy, Debug)]
pub struct IftypeCaps {
    /// The interface types (a mask, see [`IfType::mask`]).
    pub types: u16,
    /// HE capabilities.
    pub he: HeCap,
    /// HE 6 GHz Band Capabilities (6 GHz only).
    pub he_6ghz: Option<u16>,
    /// EHT capabilities (they need HE).
    pub eht: Option<EhtCap>,
}

/// One band a radio supports.
#[derive(Clone, Copy, Debug)]
pub struct BandSpec {
    /// Which band.
    pub band: Band,
    /// Channel centre frequencies in MHz.
    pub freqs: &'static [u16],
    /// Legacy rates, lowest first.
    pub rates: &'static [Rate],
    /// HT capabilities, if any.
    pub ht: Option<HtCap>,
    /// VHT capabilities, if any.
    pub vht: Option<VhtCap>,
    /// HE and EHT capabilities by interface type; a type in none of them
    /// has neither.
    pub iftype_caps: &'static [IftypeCaps],
}

/// At most `max` interfaces of the given types at once.
#[derive(Clone, Copy, Debug)]
pub struct IfaceLimit {
    /// The limit.
    pub max: u16,
    /// The interface types it counts (a mask, see [`IfType::mask`]).
    pub types: u16,
}

/// mac80211 hardware flags (`enum ieee80211_hw_flags`).
#[derive(Clone, Copy, Debug)]
pub enum HwFlag {
    /// Signal is reported in dBm.
    SignalDbm,
    /// Power save is supported.
    SupportsPs,
    /// Management frame protection.
    MfpCapable,
    /// TX status reports whether a frame was acknowledged.
    ReportsTxAckStatus,
    /// A-MPDU sessions are supported.
    AmpduAggregation,
    /// Fast-xmit path allowed.
    SupportFastXmit,
    /// Channel switch as station with channel contexts.
    ChanctxStaCsa,
    /// HT rates with CCK in 2.4 GHz.
    SupportsHtCckRates,
    /// A monitor vif is wanted when a monitor interface exists.
    WantMonitorVif,
    /// TDLS with wider bandwidth.
    TdlsWiderBw,
    /// mac80211 buffers broadcast frames for power save.
    HostBroadcastPsBuffering,
    /// mac80211 sends nullfunc frames for power save.
    PsNullfuncStack,
    /// No automatic interface on registration.
    NoAutoVif,
    /// Received frames end with their FCS.
    RxIncludesFcs,
}

impl HwFlag {
    fn raw(self) -> bindings::ieee80211_hw_flags {
        match self {
            HwFlag::SignalDbm => bindings::ieee80211_hw_flags_IEEE80211_HW_SIGNAL_DBM,
            HwFlag::SupportsPs => bindings::ieee80211_hw_flags_IEEE80211_HW_SUPPORTS_PS,
            HwFlag::MfpCapable => bindings::ieee80211_hw_flags_IEEE80211_HW_MFP_CAPABLE,
            HwFlag::ReportsTxAckStatus => {
                bindings::ieee80211_hw_flags_IEEE80211_HW_REPORTS_TX_ACK_STATUS
            }
            HwFlag::AmpduAggregation => bindings::ieee80211_hw_flags_IEEE80211_HW_AMPDU_AGGREGATION,
            HwFlag::SupportFastXmit => bindings::ieee80211_hw_flags_IEEE80211_HW_SUPPORT_FAST_XMIT,
            HwFlag::ChanctxStaCsa => bindings::ieee80211_hw_flags_IEEE80211_HW_CHANCTX_STA_CSA,
            HwFlag::SupportsHtCckRates => {
                bindings::ieee80211_hw_flags_IEEE80211_HW_SUPPORTS_HT_CCK_RATES
            }
            HwFlag::WantMonitorVif => bindings::ieee80211_hw_flags_IEEE80211_HW_WANT_MONITOR_VIF,
            HwFlag::TdlsWiderBw => bindings::ieee80211_hw_flags_IEEE80211_HW_TDLS_WIDER_BW,
            HwFlag::HostBroadcastPsBuffering => {
                bindings::ieee80211_hw_flags_IEEE80211_HW_HOST_BROADCAST_PS_BUFFERING
            }
            HwFlag::PsNullfuncStack => bindings::ieee80211_hw_flags_IEEE80211_HW_PS_NULLFUNC_STACK,
            HwFlag::NoAutoVif => bindings::ieee80211_hw_flags_IEEE80211_HW_NO_AUTO_VIF,
            HwFlag::RxIncludesFcs => bindings::ieee80211_hw_flags_IEEE80211_HW_RX_INCLUDES_FCS,
        }
    }
}

/// wiphy capability flags (`enum wiphy_flags`).
#[derive(Clone, Copy, Debug)]
pub enum WiphyFlag {
    /// TDLS.
    SupportsTdls,
    /// Remain-on-channel.
    HasRemainOnChannel,
    /// U-APSD on AP interfaces.
    ApUapsd,
    /// 5 and 10 MHz channels.
    Supports5And10Mhz,
    /// Channel switches of AP, IBSS and mesh interfaces. A driver that
    /// sends beacons itself calls [`Hw::beacon_sent`] after each, which ends
    /// the switch when its countdown is over.
    ///
    /// [`Hw::beacon_sent`]: super::mac80211::Hw::beacon_sent
    HasChannelSwitch,
}

impl WiphyFlag {
    fn raw(self) -> u32 {
        match self {
            WiphyFlag::SupportsTdls => bindings::wiphy_flags_WIPHY_FLAG_SUPPORTS_TDLS,
            WiphyFlag::HasRemainOnChannel => bindings::wiphy_flags_WIPHY_FLAG_HAS_REMAIN_ON_CHANNEL,
            WiphyFlag::ApUapsd => bindings::wiphy_flags_WIPHY_FLAG_AP_UAPSD,
            WiphyFlag::Supports5And10Mhz => bindings::wiphy_flags_WIPHY_FLAG_SUPPORTS_5_10_MHZ,
            WiphyFlag::HasChannelSwitch => bindings::wiphy_flags_WIPHY_FLAG_HAS_CHANNEL_SWITCH,
        }
    }
}

/// nl80211 feature flags (`enum nl80211_feature_flags`).
#[derive(Clone, Copy, Debug)]
pub enum Feature {
    /// Active monitor.
    ActiveMonitor,
    /// AP may change its channel width.
    ApModeChanWidthChange,
    /// Static SM power save.
    StaticSmps,
    /// Dynamic SM power save.
    DynamicSmps,
    /// Random MAC address while scanning.
    ScanRandomMacAddr,
}

impl Feature {
    fn raw(self) -> u32 {
        match self {
            Feature::ActiveMonitor => {
                bindings::nl80211_feature_flags_NL80211_FEATURE_ACTIVE_MONITOR
            }
            Feature::ApModeChanWidthChange => {
                bindings::nl80211_feature_flags_NL80211_FEATURE_AP_MODE_CHAN_WIDTH_CHANGE
            }
            Feature::StaticSmps => bindings::nl80211_feature_flags_NL80211_FEATURE_STATIC_SMPS,
            Feature::DynamicSmps => bindings::nl80211_feature_flags_NL80211_FEATURE_DYNAMIC_SMPS,
            Feature::ScanRandomMacAddr => {
                bindings::nl80211_feature_flags_NL80211_FEATURE_SCAN_RANDOM_MAC_ADDR
            }
        }
    }
}

/// Extended nl80211 features (`enum nl80211_ext_feature_index`).
#[derive(Clone, Copy, Debug)]
pub enum ExtFeature {
    /// VHT in IBSS.
    VhtIbss,
    /// Beacon protection.
    BeaconProtection,
    /// Multicast frame registrations.
    MulticastRegistrations,
    /// Legacy beacon rate selection.
    BeaconRateLegacy,
    /// Minimal probe request content while scanning.
    ScanMinPreqContent,
    /// CQM RSSI thresholds list.
    CqmRssiList,
    /// DFS while other interfaces operate.
    DfsConcurrent,
}

impl ExtFeature {
    fn raw(self) -> bindings::nl80211_ext_feature_index {
        match self {
            ExtFeature::VhtIbss => bindings::nl80211_ext_feature_index_NL80211_EXT_FEATURE_VHT_IBSS,
            ExtFeature::BeaconProtection => {
                bindings::nl80211_ext_feature_index_NL80211_EXT_FEATURE_BEACON_PROTECTION
            }
            ExtFeature::MulticastRegistrations => {
                bindings::nl80211_ext_feature_index_NL80211_EXT_FEATURE_MULTICAST_REGISTRATIONS
            }
            ExtFeature::BeaconRateLegacy => {
                bindings::nl80211_ext_feature_index_NL80211_EXT_FEATURE_BEACON_RATE_LEGACY
            }
            ExtFeature::ScanMinPreqContent => {
                bindings::nl80211_ext_feature_index_NL80211_EXT_FEATURE_SCAN_MIN_PREQ_CONTENT
            }
            ExtFeature::CqmRssiList => {
                bindings::nl80211_ext_feature_index_NL80211_EXT_FEATURE_CQM_RSSI_LIST
            }
            ExtFeature::DfsConcurrent => {
                bindings::nl80211_ext_feature_index_NL80211_EXT_FEATURE_DFS_CONCURRENT
            }
        }
    }
}

/// Cipher suite selectors (IEEE 802.11 OUI 00-0F-AC).
pub mod cipher {
    /// WEP-40.
    pub const WEP40: u32 = 0x000f_ac01;
    /// TKIP.
    pub const TKIP: u32 = 0x000f_ac02;
    /// CCMP-128.
    pub const CCMP: u32 = 0x000f_ac04;
    /// WEP-104.
    pub const WEP104: u32 = 0x000f_ac05;
    /// BIP-CMAC-128.
    pub const AES_CMAC: u32 = 0x000f_ac06;
    /// GCMP-128.
    pub const GCMP: u32 = 0x000f_ac08;
    /// GCMP-256.
    pub const GCMP_256: u32 = 0x000f_ac09;
    /// CCMP-256.
    pub const CCMP_256: u32 = 0x000f_ac0a;
    /// BIP-GMAC-128.
    pub const BIP_GMAC_128: u32 = 0x000f_ac0b;
    /// BIP-GMAC-256.
    pub const BIP_GMAC_256: u32 = 0x000f_ac0c;
    /// BIP-CMAC-256.
    pub const BIP_CMAC_256: u32 = 0x000f_ac0d;
}

/// Everything a driver says about its hardware before registration.
pub struct HwConfig<'a> {
    /// Addresses the radio owns; the first is its permanent address.
    pub addresses: &'a [MacAddr],
    /// Supported bands.
    pub bands: &'a [BandSpec],
    /// Supported interface types.
    pub iftypes: &'a [IfType],
    /// One interface combination made of these limits (none when empty).
    pub iface_limits: &'a [IfaceLimit],
    /// Different channels the combination may use at once.
    pub num_different_channels: u32,
    /// The combination may detect radar (DFS) at 5, 10, 20 (with and
    /// without HT), 40, 80 and 160 MHz; only on one channel
    /// (`num_different_channels` 1), as cfg80211 requires.
    pub radar_detect: bool,
    /// Supported ciphers (software crypto: any mac80211 implements).
    pub ciphers: &'a [u32],
    /// How the wiphy takes regulatory domains.
    pub regulatory: Regulatory<'a>,
    /// mac80211 hardware flags.
    pub hw_flags: &'a [HwFlag],
    /// wiphy flags.
    pub wiphy_flags: &'a [WiphyFlag],
    /// nl80211 features.
    pub features: &'a [Feature],
    /// Extended nl80211 features.
    pub ext_features: &'a [ExtFeature],
    /// Number of TX queues.
    pub queues: u16,
    /// The wiphy's name; `phy%d` when `None`.
    pub name: Option<&'a CStr>,
    /// The network namespace the wiphy starts in; the initial one when
    /// `None`. Counted, so that the namespace cannot exit before the wiphy
    /// is registered: cfg80211 moves registered wiphys out of a namespace
    /// that exits, and only those.
    pub net: Option<&'a NetRef>,
    /// Rates per frame in the rate table.
    pub max_rates: u8,
    /// Tries per rate.
    pub max_rate_tries: u8,
}

/// The most bands a [`HwConfig`] may list: one of each [`Band`].
const MAX_BANDS: usize = 3;

/// The C form of one [`IftypeCaps`].
fn iftype_data(caps: &IftypeCaps) -> bindings::ieee80211_sband_iftype_data {
    // SAFETY: all-zero is a valid value of this C structure (no
    // capabilities, no vendor elements).
    let mut d: bindings::ieee80211_sband_iftype_data = unsafe { core::mem::zeroed() };
    d.types_mask = caps.types;
    let he = &mut d.he_cap;
    he.has_he = true;
    he.he_cap_elem.mac_cap_info = caps.he.mac;
    he.he_cap_elem.phy_cap_info = caps.he.phy;
    let mcs = &mut he.he_mcs_nss_supp;
    (mcs.rx_mcs_80, mcs.tx_mcs_80) = (caps.he.mcs_80.to_le(), caps.he.mcs_80.to_le());
    (mcs.rx_mcs_160, mcs.tx_mcs_160) = (caps.he.mcs_160.to_le(), caps.he.mcs_160.to_le());
    (mcs.rx_mcs_80p80, mcs.tx_mcs_80p80) = (caps.he.mcs_80p80.to_le(), caps.he.mcs_80p80.to_le());
    if let Some(capa) = caps.he_6ghz {
        d.he_6ghz_capa.capa = capa.to_le();
    }
    if let Some(eht) = caps.eht {
        d.eht_cap.has_eht = true;
        d.eht_cap.eht_cap_elem.mac_cap_info = eht.mac;
        d.eht_cap.eht_cap_elem.phy_cap_info = eht.phy;
        let sets = &mut d.eht_cap.eht_mcs_nss_supp;
        // SAFETY: the union's members are byte arrays of at most nine
        // bytes in all (`bw`: three three-byte sets); writing it as bytes
        // leaves every member a valid value.
        let bytes = unsafe {
            core::slice::from_raw_parts_mut(
                core::ptr::from_mut(sets).cast::<u8>(),
                core::mem::size_of_val(sets),
            )
        };
        for (dst, src) in bytes.iter_mut().zip(eht.mcs_nss) {
            *dst = src;
        }
    }
    d
}

/// The C tables a registered hardware points into. They live in one heap
/// block that outlives the hardware (see `Registration`).
///
/// # Invariants
///
/// The tables are never resized or moved after `apply` points the hardware
/// at them; the registration frees them only after the hardware.
pub struct HwStorage {
    channels: [KVec<bindings::ieee80211_channel>; MAX_BANDS],
    rates: [KVec<bindings::ieee80211_rate>; MAX_BANDS],
    iftype_data: [KVec<bindings::ieee80211_sband_iftype_data>; MAX_BANDS],
    bands: [bindings::ieee80211_supported_band; MAX_BANDS],
    addresses: KVec<bindings::mac_address>,
    ciphers: KVec<u32>,
    limits: KVec<bindings::ieee80211_iface_limit>,
    combination: bindings::ieee80211_iface_combination,
}

// SAFETY: the storage is plain data that mac80211 reads (and cfg80211 writes
// during registration, under its own locks); it holds no thread-bound state.
unsafe impl Send for HwStorage {}
// SAFETY: as above.
unsafe impl Sync for HwStorage {}

impl HwStorage {
    pub(super) fn new(config: &HwConfig<'_>) -> Result<KBox<Self>> {
        // SAFETY: all-zero is a valid value of these C structures (null
        // pointers, zero counts).
        let zeroed_band = || unsafe { core::mem::zeroed::<bindings::ieee80211_supported_band>() };
        let mut s = KBox::new(
            HwStorage {
                channels: [KVec::new(), KVec::new(), KVec::new()],
                rates: [KVec::new(), KVec::new(), KVec::new()],
                iftype_data: [KVec::new(), KVec::new(), KVec::new()],
                bands: [zeroed_band(), zeroed_band(), zeroed_band()],
                addresses: KVec::new(),
                ciphers: KVec::new(),
                limits: KVec::new(),
                // SAFETY: as above.
                combination: unsafe { core::mem::zeroed() },
            },
            GFP_KERNEL,
        )?;
        if config.bands.len() > MAX_BANDS {
            pr_err!("a radio has at most {MAX_BANDS} bands\n");
            return Err(EINVAL);
        }
        for (i, spec) in config.bands.iter().enumerate() {
            if config.bands[..i].iter().any(|b| b.band == spec.band) {
                pr_err!("band {:?} listed twice\n", spec.band);
                return Err(EINVAL);
            }
            for caps in spec.iftype_caps {
                s.iftype_data[i].push(iftype_data(caps), GFP_KERNEL)?;
            }
            for &freq in spec.freqs {
                // SAFETY: all-zero is a valid channel; we fill in the rest.
                let mut ch: bindings::ieee80211_channel = unsafe { core::mem::zeroed() };
                ch.band = spec.band.raw();
                ch.center_freq = freq.into();
                ch.hw_value = freq;
                s.channels[i].push(ch, GFP_KERNEL)?;
            }
            for rate in spec.rates {
                // SAFETY: all-zero is a valid rate.
                let mut r: bindings::ieee80211_rate = unsafe { core::mem::zeroed() };
                r.bitrate = rate.bitrate;
                if rate.short_preamble {
                    r.flags = bindings::ieee80211_rate_flags_IEEE80211_RATE_SHORT_PREAMBLE;
                }
                s.rates[i].push(r, GFP_KERNEL)?;
            }
        }
        s.ciphers.extend_from_slice(config.ciphers, GFP_KERNEL)?;
        for addr in config.addresses {
            s.addresses
                .push(bindings::mac_address { addr: *addr }, GFP_KERNEL)?;
        }
        for limit in config.iface_limits {
            s.limits.push(
                bindings::ieee80211_iface_limit {
                    max: limit.max,
                    types: limit.types,
                },
                GFP_KERNEL,
            )?;
        }
        // The vectors are complete: their buffers no longer move, so the
        // bands and the combination may point into them.
        let st: &mut HwStorage = &mut s;
        for (i, spec) in config.bands.iter().enumerate() {
            let band = &mut st.bands[i];
            band.band = spec.band.raw();
            band.channels = st.channels[i].as_mut_ptr();
            band.n_channels = st.channels[i].len() as i32;
            band.bitrates = st.rates[i].as_mut_ptr();
            band.n_bitrates = st.rates[i].len() as i32;
            if let Some(ht) = spec.ht {
                band.ht_cap.ht_supported = true;
                band.ht_cap.cap = ht.cap;
                band.ht_cap.ampdu_factor = ht.ampdu_factor;
                band.ht_cap.ampdu_density = ht.ampdu_density;
                band.ht_cap.mcs.rx_mask = ht.rx_mask;
                band.ht_cap.mcs.tx_params = bindings::IEEE80211_HT_MCS_TX_DEFINED as u8;
            }
            if let Some(vht) = spec.vht {
                band.vht_cap.vht_supported = true;
                band.vht_cap.cap = vht.cap;
                band.vht_cap.vht_mcs.rx_mcs_map = vht.mcs_map.to_le();
                band.vht_cap.vht_mcs.tx_mcs_map = vht.mcs_map.to_le();
            }
            if !st.iftype_data[i].is_empty() {
                band.iftype_data = st.iftype_data[i].as_ptr();
                band.n_iftype_data = st.iftype_data[i].len() as u16;
            }
        }
        if !st.limits.is_empty() {
            let max: u32 = config.iface_limits.iter().map(|l| u32::from(l.max)).sum();
            st.combination.limits = st.limits.as_ptr();
            st.combination.n_limits = st.limits.len() as u8;
            st.combination.max_interfaces = max.min(u16::MAX.into()) as u16;
            st.combination.num_different_channels = config.num_different_channels;
            if config.radar_detect {
                // cfg80211 would refuse the wiphy with a warning.
                if config.num_different_channels > 1 {
                    pr_err!("radar detection needs a single-channel combination\n");
                    return Err(EINVAL);
                }
                st.combination.radar_detect_widths = [
                    bindings::nl80211_chan_width_NL80211_CHAN_WIDTH_20_NOHT,
                    bindings::nl80211_chan_width_NL80211_CHAN_WIDTH_20,
                    bindings::nl80211_chan_width_NL80211_CHAN_WIDTH_40,
                    bindings::nl80211_chan_width_NL80211_CHAN_WIDTH_80,
                    bindings::nl80211_chan_width_NL80211_CHAN_WIDTH_160,
                    bindings::nl80211_chan_width_NL80211_CHAN_WIDTH_5,
                    bindings::nl80211_chan_width_NL80211_CHAN_WIDTH_10,
                ]
                .iter()
                .fold(0, |bits, w| bits | 1 << w);
            }
        }
        Ok(s)
    }

    /// Points the hardware at the tables and sets its flags.
    ///
    /// # Safety
    ///
    /// `hw` must be allocated and not registered, and `self` must outlive
    /// it (it is read until `ieee80211_free_hw`).
    pub(super) unsafe fn apply(&mut self, hw: *mut bindings::ieee80211_hw, config: &HwConfig<'_>) {
        // SAFETY: the caller guarantees exclusive access to an unregistered
        // hw and that every pointer stored here outlives it.
        unsafe {
            let wiphy = (*hw).wiphy;
            // `new` checked there are at most MAX_BANDS bands.
            for (i, spec) in config.bands.iter().enumerate().take(MAX_BANDS) {
                (*wiphy).bands[spec.band.raw() as usize] = &mut self.bands[i];
            }
            (*wiphy).addresses = self.addresses.as_mut_ptr();
            (*wiphy).n_addresses = self.addresses.len() as u16;
            (*wiphy).interface_modes = IfType::mask(config.iftypes);
            // More than one interface at once is a combination; a single
            // one is not advertised as such (cfg80211's convention).
            if self.combination.max_interfaces > 1 {
                (*wiphy).iface_combinations = &self.combination;
                (*wiphy).n_iface_combinations = 1;
            }
            (*wiphy).cipher_suites = self.ciphers.as_ptr();
            (*wiphy).n_cipher_suites = self.ciphers.len() as i32;
            // The reference in `config` lasts until the wiphy is registered,
            // and so on cfg80211's list before the namespace can exit.
            if let Some(net) = config.net {
                bindings::rwlan_wiphy_net_set(wiphy, net.as_raw());
            }
            (*wiphy).flags &= !bindings::wiphy_flags_WIPHY_FLAG_PS_ON_BY_DEFAULT;
            for f in config.wiphy_flags {
                (*wiphy).flags |= f.raw();
            }
            for f in config.features {
                (*wiphy).features |= f.raw();
            }
            for f in config.ext_features {
                bindings::rwlan_wiphy_ext_feature_set(wiphy, f.raw());
            }
            for f in config.hw_flags {
                bindings::rwlan_hw_set_flag(hw, f.raw());
            }
            (*hw).queues = config.queues;
            (*hw).max_rates = config.max_rates;
            (*hw).max_rate_tries = config.max_rate_tries;
        }
    }
}
