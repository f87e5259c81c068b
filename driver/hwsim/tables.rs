// SPDX-License-Identifier: GPL-2.0

//! What the simulated radios support, as in mac80211_hwsim: channels, rates,
//! HT, VHT, HE and EHT capabilities, interface types and ciphers. One fact,
//! one place.

use crate::wireless::channel::Band;
use crate::wireless::hwconfig::{
    cipher, BandSpec, EhtCap, HeCap, HtCap, IfaceLimit, IftypeCaps, Rate, VhtCap,
};
use crate::wireless::vif::IfType;
use kernel::prelude::*;

/// 2.4 GHz channels 1-14.
const FREQS_2GHZ: [u16; 14] = [
    2412, 2417, 2422, 2427, 2432, 2437, 2442, 2447, 2452, 2457, 2462, 2467, 2472, 2484,
];

/// 5 GHz channels 36-64, 100-140, 149-165, 169 and the 5.9 GHz ITS
/// channels 171-185.
const FREQS_5GHZ: [u16; 40] = [
    5180, 5200, 5220, 5240, // 36-48
    5260, 5280, 5300, 5320, // 52-64
    5500, 5520, 5540, 5560, 5580, 5600, 5620, 5640, 5660, 5680, 5700, // 100-140
    5745, 5765, 5785, 5805, 5825, 5845, // 149-169
    5855, 5860, 5865, 5870, // 171-174
    5875, 5880, 5885, 5890, 5895, 5900, 5905, // 175-181
    5910, 5915, 5920, 5925, // 182-185
];

/// 6 GHz channels 1-233, every fourth (the 20 MHz channels).
const FREQS_6GHZ: [u16; 59] = {
    let mut freqs = [0; 59];
    let mut i = 0;
    while i < freqs.len() {
        freqs[i] = 5955 + 20 * i as u16;
        i += 1;
    }
    freqs
};

/// Channels of all bands: the most survey records a radio keeps.
pub(crate) const CHANNEL_COUNT: usize = FREQS_2GHZ.len() + FREQS_5GHZ.len() + FREQS_6GHZ.len();

/// The noise floor survey records report, in dBm (mac80211_hwsim's).
pub(crate) const NOISE_DBM: i8 = -92;

const fn rate(bitrate: u16, short_preamble: bool) -> Rate {
    Rate {
        bitrate,
        short_preamble,
    }
}

/// CCK then OFDM rates (100 kbit/s units); 5 GHz uses the OFDM ones only.
const RATES: [Rate; 12] = [
    rate(10, false),
    rate(20, true),
    rate(55, true),
    rate(110, true),
    rate(60, false),
    rate(90, false),
    rate(120, false),
    rate(180, false),
    rate(240, false),
    rate(360, false),
    rate(480, false),
    rate(540, false),
];

/// Index of the first OFDM rate in [`RATES`].
const FIRST_OFDM: usize = 4;

/// HT20/40 with short GI, two spatial streams (MCS 0-15).
const HT: HtCap = HtCap {
    cap: HtCap::SUP_WIDTH_20_40 | HtCap::GRN_FLD | HtCap::SGI_20 | HtCap::SGI_40 | HtCap::DSSSCCK40,
    ampdu_factor: 0x3,
    ampdu_density: 0x6,
    rx_mask: [0xff, 0xff, 0, 0, 0, 0, 0, 0, 0, 0],
};

/// VHT on 5 GHz: 80, 160 and 80+80 MHz, MCS 0-9 on eight streams.
const VHT: VhtCap = VhtCap {
    cap: VhtCap::MAX_MPDU_LENGTH_11454
        | VhtCap::SUPP_CHAN_WIDTH_160_80PLUS80MHZ
        | VhtCap::RXLDPC
        | VhtCap::SHORT_GI_80
        | VhtCap::SHORT_GI_160
        | VhtCap::TXSTBC
        | VhtCap::RXSTBC_4
        | VhtCap::MAX_A_MPDU_LENGTH_EXPONENT_MASK,
    mcs_map: VhtCap::MCS_0_9_ALL_STREAMS,
};

/// The interface types that share HE and EHT capabilities.
const CLIENTS: u16 = IfType::mask(&[IfType::Station, IfType::P2pClient]);
const APS: u16 = IfType::mask(&[IfType::Ap, IfType::P2pGo]);
const MESH: u16 = IfType::mask(&[IfType::MeshPoint]);

/// HE MAC capabilities of stations and APs: +HTC-HE, 16 us trigger frame
/// padding, multi-TID aggregation (8), BSR, MU cascading, ACK-enabled
/// aggregation, OM control, the largest A-MPDU exponent extension, A-MSDU
/// in A-MPDU.
const HE_MAC: [u8; 6] = [0x01, 0x78, 0xc8, 0x1a, 0x40, 0x00];
/// Mesh points: without trigger frame padding, BSR and MU cascading.
const HE_MAC_MESH: [u8; 6] = [0x01, 0x70, 0x80, 0x1a, 0x40, 0x00];

/// HE PHY capabilities: the channel widths (byte 0: 40 MHz in 2.4 GHz;
/// 40/80, 160 and 80+80 MHz in 5 and 6 GHz), preamble puncturing, class A,
/// LDPC, midamble; stations and APs add NDP with 4x LTF, STBC below 80 MHz
/// and UL MU-MIMO. DCM, beamforming, RUs and PPE thresholds: none.
const fn he_phy(widths: u8, full: bool) -> [u8; 11] {
    [
        widths,
        0xbf,
        if full { 0xce } else { 0 },
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
    ]
}

/// HE-MCS 0-11 on one stream... eight: `0xfffa` is MCS 0-11 on streams 1
/// and 2, none on the others.
const HE_MCS_2: u16 = 0xfffa;
const HE_MCS_NONE: u16 = 0xffff;

const fn he(mac: [u8; 6], phy: [u8; 11], wide: u16) -> HeCap {
    HeCap {
        mac,
        phy,
        mcs_80: HE_MCS_2,
        mcs_160: wide,
        mcs_80p80: wide,
    }
}

/// HE 6 GHz capabilities: minimum MPDU start spacing 16 us, the largest
/// A-MPDU and MPDU lengths, SM power save disabled, RX antenna pattern and
/// TX antenna pattern consistency.
const HE_6GHZ_CAPA: u16 = 0x3eff;

/// EHT MAC capabilities: EPCS priority access, OM control, triggered TXOP
/// sharing mode 1.
const EHT_MAC: [u8; 2] = [0x07, 0x00];

/// Eight streams at every EHT-MCS, in the first `sets` bytes of the set.
const fn eht_mcs_nss(sets: usize) -> [u8; 9] {
    let mut b = [0; 9];
    let mut i = 0;
    while i < sets {
        b[i] = 0x88;
        i += 1;
    }
    b
}

/// EHT on 2.4 GHz: a 20 MHz-only device (four sets).
const EHT_2GHZ: EhtCap = EhtCap {
    mac: EHT_MAC,
    phy: [0x7c, 0x00, 0x00, 0xfe, 0xff, 0xff, 0x7f, 0x01, 0x00],
    mcs_nss: eht_mcs_nss(4),
};
/// EHT on 5 GHz: 80 and 160 MHz.
const EHT_5GHZ: EhtCap = EhtCap {
    mac: EHT_MAC,
    phy: [0xfc, 0x1f, 0x3f, 0xfe, 0xff, 0xff, 0x7f, 0x37, 0x00],
    mcs_nss: eht_mcs_nss(6),
};
/// EHT on 6 GHz: 80, 160 and 320 MHz.
const EHT_6GHZ: EhtCap = EhtCap {
    mac: EHT_MAC,
    phy: [0xfe, 0xff, 0xff, 0xfe, 0xff, 0xff, 0xff, 0x7f, 0x00],
    mcs_nss: eht_mcs_nss(9),
};

/// A band's HE/EHT capabilities as mac80211_hwsim gives them: stations and
/// APs alike with HE and EHT, mesh points with HE only.
const fn iftype_caps(widths: u8, wide: u16, he_6ghz: Option<u16>, eht: EhtCap) -> [IftypeCaps; 3] {
    let full = he(HE_MAC, he_phy(widths, true), wide);
    [
        IftypeCaps {
            types: CLIENTS,
            he: full,
            he_6ghz,
            eht: Some(eht),
        },
        IftypeCaps {
            types: APS,
            he: full,
            he_6ghz,
            eht: Some(eht),
        },
        IftypeCaps {
            types: MESH,
            he: he(HE_MAC_MESH, he_phy(widths, false), wide),
            he_6ghz,
            eht: None,
        },
    ]
}

const CAPS_2GHZ: [IftypeCaps; 3] = iftype_caps(0x02, HE_MCS_NONE, None, EHT_2GHZ);
const CAPS_5GHZ: [IftypeCaps; 3] = iftype_caps(0x1c, HE_MCS_2, None, EHT_5GHZ);
const CAPS_6GHZ: [IftypeCaps; 3] = iftype_caps(0x1c, HE_MCS_2, Some(HE_6GHZ_CAPA), EHT_6GHZ);

/// The three bands; 6 GHz has neither HT nor VHT.
pub(crate) static BANDS: [BandSpec; 3] = [
    BandSpec {
        band: Band::Ghz2,
        freqs: &FREQS_2GHZ,
        rates: &RATES,
        ht: Some(HT),
        vht: None,
        iftype_caps: &CAPS_2GHZ,
    },
    BandSpec {
        band: Band::Ghz5,
        freqs: &FREQS_5GHZ,
        rates: RATES.split_at(FIRST_OFDM).1,
        ht: Some(HT),
        vht: Some(VHT),
        iftype_caps: &CAPS_5GHZ,
    },
    BandSpec {
        band: Band::Ghz6,
        freqs: &FREQS_6GHZ,
        rates: RATES.split_at(FIRST_OFDM).1,
        ht: None,
        vht: None,
        iftype_caps: &CAPS_6GHZ,
    },
];

/// Ciphers; mac80211 implements them all in software.
pub(crate) static CIPHERS: [u32; 11] = [
    cipher::WEP40,
    cipher::WEP104,
    cipher::TKIP,
    cipher::CCMP,
    cipher::CCMP_256,
    cipher::GCMP,
    cipher::GCMP_256,
    cipher::AES_CMAC,
    cipher::BIP_CMAC_256,
    cipher::BIP_GMAC_128,
    cipher::BIP_GMAC_256,
];

/// Interface types every radio supports.
pub(crate) const IFTYPES: [IfType; 7] = [
    IfType::Station,
    IfType::Ap,
    IfType::P2pClient,
    IfType::P2pGo,
    IfType::Adhoc,
    IfType::MeshPoint,
    IfType::Ocb,
];

/// [`IFTYPES`] plus the P2P device.
pub(crate) const IFTYPES_P2P: [IfType; 8] = [
    IfType::Station,
    IfType::Ap,
    IfType::P2pClient,
    IfType::P2pGo,
    IfType::Adhoc,
    IfType::MeshPoint,
    IfType::Ocb,
    IfType::P2pDevice,
];

/// Interface types of which a radio allows any number at once.
pub(crate) const MULTI_IFTYPES: [IfType; 5] = [
    IfType::Station,
    IfType::P2pClient,
    IfType::Ap,
    IfType::P2pGo,
    IfType::MeshPoint,
];

/// The interface limits of a radio supporting `iftypes` (a mask): one
/// IBSS, up to 2048 of the BSS types, one P2P device; each only if
/// supported, as cfg80211 wants.
pub(crate) fn iface_limits(iftypes: u16) -> KVec<IfaceLimit> {
    let mut limits = KVec::new();
    let candidates = [
        (1, IfType::mask(&[IfType::Adhoc])),
        (2048, IfType::mask(&MULTI_IFTYPES)),
        (1, IfType::mask(&[IfType::P2pDevice])),
    ];
    for (max, types) in candidates {
        let types = types & iftypes;
        // Fails only when out of memory, and then the radio has no
        // combinations: it still works, one interface at a time.
        if types != 0 && limits.push(IfaceLimit { max, types }, GFP_KERNEL).is_err() {
            break;
        }
    }
    limits
}

/// Interface types a radio may be created with (`HWSIM_IFTYPE_SUPPORT_MASK`).
pub(crate) fn iftype_support_mask() -> u32 {
    IfType::mask(&IFTYPES).into()
}

/// Signal strength at the receiver before TX power is added, in dBm.
pub(crate) const DEFAULT_RX_RSSI: i32 = -50;
