//! The HE and EHT capabilities of a band in `rwlan phy`, in iw's text:
//! every group of interface types gets an HE block, then an EHT block
//! (iw prints the EHT one, zeros and all, even for types without EHT).
//!
//! iw reads the capability fields as little-endian words, and its quirks
//! are part of the text people compare: the HE MAC field prints as three
//! 16-bit words, the PHY field's bits are counted from a byte before it,
//! only eight of the nine EHT PHY bytes print, the EHT MCS/NSS set prints
//! as 13 bytes whenever it is present (its per-width sets read from byte 4
//! on), and the HE MCS sets stop (with the PPE thresholds) where a full
//! 12-byte set would hold 80+80 MHz.

use std::fmt::Write;

use super::iftype_label;
use crate::nl80211::model::IftypeData;

/// One line of a capability list: a flag or a multi-bit field of a
/// little-endian word of the capability field.
enum Cap {
    /// Printed when bit `bit` of word `word` is set.
    Bit(usize, u32, &'static str),
    /// `(word >> shift) & mask`, printed as "label: value" when not zero.
    Field(usize, u32, u32, &'static str),
}

use Cap::{Bit, Field};

/// HE MAC capabilities (16-bit words), in iw's words and order.
const HE_MAC: &[Cap] = &[
    Bit(0, 0, "+HTC HE Supported"),
    Bit(0, 1, "TWT Requester"),
    Bit(0, 2, "TWT Responder"),
    Field(0, 3, 0x3, "Dynamic BA Fragementation Level"),
    Field(0, 5, 0x7, "Maximum number of MSDUS Fragments"),
    Field(0, 8, 0x3, "Minimum Payload size of 128 bytes"),
    Field(0, 10, 0x3, "Trigger Frame MAC Padding Duration"),
    Field(0, 12, 0x7, "Multi-TID Aggregation Support"),
    Bit(1, 1, "All Ack"),
    Bit(1, 2, "TRS"),
    Bit(1, 3, "BSR"),
    Bit(1, 4, "Broadcast TWT"),
    Bit(1, 5, "32-bit BA Bitmap"),
    Bit(1, 6, "MU Cascading"),
    Bit(1, 7, "Ack-Enabled Aggregation"),
    Bit(1, 9, "OM Control"),
    Bit(1, 10, "OFDMA RA"),
    Field(1, 11, 0x3, "Maximum A-MPDU Length Exponent"),
    Bit(1, 13, "A-MSDU Fragmentation"),
    Bit(1, 14, "Flexible TWT Scheduling"),
    Bit(1, 15, "RX Control Frame to MultiBSS"),
    Bit(2, 0, "BSRP BQRP A-MPDU Aggregation"),
    Bit(2, 1, "QTP"),
    Bit(2, 2, "BQR"),
    Bit(2, 3, "SRP Responder Role"),
    Bit(2, 4, "NDP Feedback Report"),
    Bit(2, 5, "OPS"),
    Bit(2, 6, "A-MSDU in A-MPDU"),
    Field(2, 7, 7, "Multi-TID Aggregation TX"),
    Bit(2, 10, "HE Subchannel Selective Transmission"),
    Bit(2, 11, "UL 2x996-Tone RU"),
    Bit(2, 12, "OM Control UL MU Data Disable RX"),
];

/// HE PHY capabilities (16-bit words of the field shifted by one byte).
const HE_PHY: &[Cap] = &[
    Bit(0, 9, "HE40/2.4GHz"),
    Bit(0, 10, "HE40/HE80/5GHz"),
    Bit(0, 11, "HE160/5GHz"),
    Bit(0, 12, "HE160/HE80+80/5GHz"),
    Bit(0, 13, "242 tone RUs/2.4GHz"),
    Bit(0, 14, "242 tone RUs/5GHz"),
    Field(1, 0, 0xf, "Punctured Preamble RX"),
    Field(1, 4, 0x1, "Device Class"),
    Bit(1, 5, "LDPC Coding in Payload"),
    Bit(1, 6, "HE SU PPDU with 1x HE-LTF and 0.8us GI"),
    Field(1, 7, 0x3, "Midamble Rx Max NSTS"),
    Bit(1, 9, "NDP with 4x HE-LTF and 3.2us GI"),
    Bit(1, 10, "STBC Tx <= 80MHz"),
    Bit(1, 11, "STBC Rx <= 80MHz"),
    Bit(1, 12, "Doppler Tx"),
    Bit(1, 13, "Doppler Rx"),
    Bit(1, 14, "Full Bandwidth UL MU-MIMO"),
    Bit(1, 15, "Partial Bandwidth UL MU-MIMO"),
    Field(2, 0, 0x3, "DCM Max Constellation"),
    Field(2, 2, 0x1, "DCM Max NSS Tx"),
    Field(2, 3, 0x3, "DCM Max Constellation Rx"),
    Field(2, 5, 0x1, "DCM Max NSS Rx"),
    Bit(2, 6, "Rx HE MU PPDU from Non-AP STA"),
    Bit(2, 7, "SU Beamformer"),
    Bit(2, 8, "SU Beamformee"),
    Bit(2, 9, "MU Beamformer"),
    Field(2, 10, 0x7, "Beamformee STS <= 80Mhz"),
    Field(2, 13, 0x7, "Beamformee STS > 80Mhz"),
    Field(3, 0, 0x7, "Sounding Dimensions <= 80Mhz"),
    Field(3, 3, 0x7, "Sounding Dimensions > 80Mhz"),
    Bit(3, 6, "Ng = 16 SU Feedback"),
    Bit(3, 7, "Ng = 16 MU Feedback"),
    Bit(3, 8, "Codebook Size SU Feedback"),
    Bit(3, 9, "Codebook Size MU Feedback"),
    Bit(3, 10, "Triggered SU Beamforming Feedback"),
    Bit(3, 11, "Triggered MU Beamforming Feedback"),
    Bit(3, 12, "Triggered CQI Feedback"),
    Bit(3, 13, "Partial Bandwidth Extended Range"),
    Bit(3, 14, "Partial Bandwidth DL MU-MIMO"),
    Bit(3, 15, "PPE Threshold Present"),
    Bit(4, 0, "SRP-based SR"),
    Bit(4, 1, "Power Boost Factor ar"),
    Bit(4, 2, "HE SU PPDU & HE PPDU 4x HE-LTF 0.8us GI"),
    Field(4, 3, 0x7, "Max NC"),
    Bit(4, 6, "STBC Tx > 80MHz"),
    Bit(4, 7, "STBC Rx > 80MHz"),
    Bit(4, 8, "HE ER SU PPDU 4x HE-LTF 0.8us GI"),
    Bit(4, 9, "20MHz in 40MHz HE PPDU 2.4GHz"),
    Bit(4, 10, "20MHz in 160/80+80MHz HE PPDU"),
    Bit(4, 11, "80MHz in 160/80+80MHz HE PPDU"),
    Bit(4, 12, "HE ER SU PPDU 1x HE-LTF 0.8us GI"),
    Bit(4, 13, "Midamble Rx 2x & 1x HE-LTF"),
    Field(4, 14, 0x3, "DCM Max BW"),
    Bit(5, 0, "Longer Than 16HE SIG-B OFDM Symbols"),
    Bit(5, 1, "Non-Triggered CQI Feedback"),
    Bit(5, 2, "TX 1024-QAM"),
    Bit(5, 3, "RX 1024-QAM"),
    Bit(5, 4, "RX Full BW SU Using HE MU PPDU with Compression SIGB"),
    Bit(
        5,
        5,
        "RX Full BW SU Using HE MU PPDU with Non-Compression SIGB",
    ),
];

/// EHT MAC capabilities (bytes).
const EHT_MAC: &[Cap] = &[
    Bit(0, 0, "NSEP priority access Supported"),
    Bit(0, 1, "EHT OM Control Supported"),
    Bit(0, 2, "Triggered TXOP Sharing Supported"),
    Bit(0, 3, "ARR Supported"),
];

/// EHT PHY capabilities (32-bit words).
const EHT_PHY: &[Cap] = &[
    Bit(0, 1, "320MHz in 6GHz Supported"),
    Bit(0, 2, "242-tone RU in BW wider than 20MHz Supported"),
    Bit(0, 3, "NDP With  EHT-LTF And 3.2 µs GI"),
    Bit(0, 4, "Partial Bandwidth UL MU-MIMO"),
    Bit(0, 5, "SU Beamformer"),
    Bit(0, 6, "SU Beamformee"),
    Field(0, 7, 0x7, "Beamformee SS (80MHz)"),
    Field(0, 10, 0x7, "Beamformee SS (160MHz)"),
    Field(0, 13, 0x7, "Beamformee SS (320MHz)"),
    Field(0, 16, 0x7, "Number Of Sounding Dimensions (80MHz)"),
    Field(0, 19, 0x7, "Number Of Sounding Dimensions (160MHz)"),
    Field(0, 22, 0x7, "Number Of Sounding Dimensions (320MHz)"),
    Bit(0, 25, "Ng = 16 SU Feedback"),
    Bit(0, 26, "Ng = 16 MU Feedback"),
    Bit(0, 27, "Codebook size (4, 2) SU Feedback"),
    Bit(0, 28, "Codebook size (7, 5) MU Feedback"),
    Bit(0, 29, "Triggered SU Beamforming Feedback"),
    Bit(0, 30, "Triggered MU Beamforming Partial BW Feedback"),
    Bit(0, 31, "Triggered CQI Feedback"),
    Bit(1, 0, "Partial Bandwidth DL MU-MIMO"),
    Bit(1, 1, "PSR-Based SR Support"),
    Bit(1, 2, "Power Boost Factor Support"),
    Bit(1, 3, "EHT MU PPDU With 4 EHT-LTF And 0.8 µs GI"),
    Field(1, 4, 0xf, "Max Nc"),
    Bit(1, 8, "Non-Triggered CQI Feedback"),
    Bit(1, 9, "Tx 1024-QAM And 4096-QAM < 242-tone RU"),
    Bit(1, 10, "Rx 1024-QAM And 4096-QAM < 242-tone RU"),
    Bit(1, 11, "PPE Thresholds Present"),
    Field(1, 12, 0x3, "Common Nominal Packet Padding"),
    Field(1, 14, 0x1f, "Maximum Number Of Supported EHT-LTFs"),
    Field(1, 19, 0xf, "Support of MCS 15"),
    Bit(1, 23, "Support Of EHT DUP In 6 GHz"),
    Bit(1, 24, "Support For 20MHz Rx NDP With Wider Bandwidth"),
    Bit(1, 25, "Non-OFDMA UL MU-MIMO (80MHz)"),
    Bit(1, 26, "Non-OFDMA UL MU-MIMO (160MHz)"),
    Bit(1, 27, "Non-OFDMA UL MU-MIMO (320MHz)"),
    Bit(1, 28, "MU Beamformer (80MHz)"),
    Bit(1, 29, "MU Beamformer (160MHz)"),
    Bit(1, 30, "MU Beamformer (320MHz)"),
];

/// The 6 GHz band's nl80211 number.
const BAND_6GHZ: u16 = 3;

/// The HE PHY field's width bits (byte 0): 40 MHz in 2.4 GHz; 40/80,
/// 160 and 80+80 MHz in 5 and 6 GHz.
const HE_40_80: u8 = 1 << 2;
const HE_160: u8 = 1 << 3;
const HE_80P80: u8 = 1 << 4;

/// `N` little-endian words of `width` bytes from `bytes` (zero-padded,
/// extra bytes dropped), as iw copies a field into a fixed array.
fn words<const N: usize>(bytes: &[u8], width: usize) -> [u32; N] {
    let mut out = [0; N];
    for (i, w) in out.iter_mut().enumerate() {
        for b in 0..width {
            let byte = bytes.get(i * width + b).copied().unwrap_or(0);
            *w |= u32::from(byte) << (8 * b);
        }
    }
    out
}

/// The HE PHY field as iw holds it: one zero byte, then up to 11 bytes.
fn he_phy_padded(phy: &[u8]) -> Vec<u8> {
    let mut p = vec![0];
    p.extend(phy.iter().take(11));
    p
}

fn render_caps(s: &mut String, words: &[u32], caps: &[Cap]) {
    for cap in caps {
        match *cap {
            Bit(w, bit, text) => {
                if words.get(w).is_some_and(|v| v & (1 << bit) != 0) {
                    let _ = writeln!(s, "\t\t\t\t{text}");
                }
            }
            Field(w, shift, mask, text) => {
                let v = words.get(w).map_or(0, |v| (v >> shift) & mask);
                if v != 0 {
                    let _ = writeln!(s, "\t\t\t\t{text}: {v}");
                }
            }
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Thresholds as iw lists them: the non-zero bytes.
fn thresholds(bytes: &[u8]) -> String {
    bytes
        .iter()
        .filter(|&&b| b != 0)
        .map(|b| format!("0x{b:02x} "))
        .collect()
}

/// The HE and EHT blocks of one group of interface types in band `band`.
pub(super) fn render_iftype_data(s: &mut String, band: u16, d: &IftypeData) {
    let types: Vec<&str> = d.iftypes.iter().map(|t| iftype_label(*t)).collect();
    let types = types.join(", ");
    let _ = writeln!(s, "\t\tHE Iftypes: {types}");
    render_he(s, d);
    let _ = writeln!(s, "\t\tEHT Iftypes: {types}");
    render_eht(s, band, d);
}

fn render_he(s: &mut String, d: &IftypeData) {
    let mac: [u32; 3] = words(&d.he_mac, 2);
    let _ = writeln!(
        s,
        "\t\t\tHE MAC Capabilities (0x{:04x}{:04x}{:04x}):",
        mac[0], mac[1], mac[2]
    );
    render_caps(s, &mac, HE_MAC);
    let padded = he_phy_padded(&d.he_phy);
    let phy: [u32; 6] = words(&padded, 2);
    let mut shown = padded[1..].to_vec();
    shown.resize(11, 0);
    let _ = writeln!(s, "\t\t\tHE PHY Capabilities: (0x{}):", hex(&shown));
    render_caps(s, &phy, HE_PHY);

    let width_bits = d.he_phy.first().copied().unwrap_or(0);
    let mcs_len = d.he_mcs_set.len().min(12);
    let mcs: [u32; 6] = words(&d.he_mcs_set[..mcs_len], 2);
    let widths = [
        (HE_40_80 | 1 << 1, "<= 80"),
        (HE_160, "160"),
        (HE_80P80, "80+80"),
    ];
    for (i, (bits, label)) in widths.into_iter().enumerate() {
        if width_bits & bits == 0 {
            continue;
        }
        // iw stops here when a full set would hold this width.
        if (i * 2 + 2) * 2 >= mcs_len {
            return;
        }
        for (j, dir) in ["RX", "TX"].into_iter().enumerate() {
            let _ = writeln!(s, "\t\t\tHE {dir} MCS and NSS set {label} MHz");
            let map = mcs[i * 2 + j];
            for k in 0..8 {
                match (map >> (k * 2)) & 3 {
                    3 => {
                        let _ = writeln!(s, "\t\t\t\t{} streams: not supported", k + 1);
                    }
                    m => {
                        let _ = writeln!(s, "\t\t\t\t{} streams: MCS 0-{}", k + 1, 7 + m * 2);
                    }
                }
            }
        }
    }
    let ppe_present = phy[3] & (1 << 15) != 0;
    if !d.he_ppe.is_empty() && ppe_present {
        let ppe = &d.he_ppe[..d.he_ppe.len().min(25)];
        let _ = writeln!(s, "\t\t\tPPE Threshold {}", thresholds(ppe));
    }
}

fn render_eht(s: &mut String, band: u16, d: &IftypeData) {
    let mut mac = d.eht_mac.clone();
    mac.resize(2, 0);
    let _ = writeln!(s, "\t\t\tEHT MAC Capabilities (0x{}):", hex(&mac[..2]));
    let mac_words: [u32; 1] = words(&mac, 1);
    render_caps(s, &mac_words, EHT_MAC);
    let mut phy_bytes = d.eht_phy.iter().take(8).copied().collect::<Vec<u8>>();
    phy_bytes.resize(8, 0);
    let phy: [u32; 2] = words(&phy_bytes, 4);
    let _ = writeln!(s, "\t\t\tEHT PHY Capabilities: (0x{}):", hex(&phy_bytes));
    render_caps(s, &phy, EHT_PHY);

    // iw prints the whole 13-byte set whenever the kernel sent one, and
    // reads it as the 20 MHz-only form (4 bytes) followed by the 80, 160
    // and 320 MHz sets (3 bytes each), whichever form the kernel sent.
    let mut mcs = d.eht_mcs_set.iter().take(13).copied().collect::<Vec<u8>>();
    let shown = if d.eht_mcs_set.is_empty() { 0 } else { 13 };
    mcs.resize(13, 0);
    let _ = writeln!(s, "\t\t\tEHT MCS/NSS: (0x{}):", hex(&mcs[..shown]));
    let labels = ["0-7", "8-9", "10-11", "12-13"];
    let line = |s: &mut String, bw: &str, label: &str, v: u8| {
        let _ = writeln!(
            s,
            "\t\t\tEHT {bw}, max NSS for MCS {label}: Rx={}, Tx={}",
            v & 0xf,
            v >> 4
        );
    };
    let width_bits = d.he_phy.first().copied().unwrap_or(0);
    if width_bits & (HE_40_80 | HE_160 | HE_80P80) == 0 {
        for (label, v) in labels.iter().zip(&mcs) {
            line(s, "bw=20 MHz", label, *v);
        }
    } else {
        let sets = [
            (width_bits & HE_40_80 != 0, "bw <= 80 MHz"),
            (width_bits & HE_160 != 0, "bw=160 MHz"),
            (band == BAND_6GHZ && phy[0] & (1 << 1) != 0, "bw=320 MHz"),
        ];
        for (n, (shown, bw)) in sets.into_iter().enumerate() {
            if shown {
                let at = 4 + n * 3;
                for (label, v) in labels[1..].iter().zip(&mcs[at..at + 3]) {
                    line(s, bw, label, *v);
                }
            }
        }
    }
    let ppe_present = phy[1] & (1 << 11) != 0;
    if !d.eht_ppe.is_empty() && ppe_present {
        let ppe = &d.eht_ppe[..d.eht_ppe.len().min(31)];
        let _ = writeln!(s, "\t\t\tEHT PPE Thresholds {}", thresholds(ppe));
    }
}
