// SPDX-License-Identifier: GPL-2.0

//! The global monitor (`hwsimN` net device): every transmitted frame and
//! every ACK, behind the radiotap header mac80211_hwsim writes.

use crate::wireless::vif::MacAddr;

/// Radiotap header version.
const PKTHDR_RADIOTAP_VERSION: u8 = 0;
/// Radiotap fields: TSFT (0), FLAGS (1), RATE (2), CHANNEL (3).
const PRESENT_TSFT: u32 = 1 << 0;
const PRESENT_FLAGS: u32 = 1 << 1;
const PRESENT_RATE: u32 = 1 << 2;
const PRESENT_CHANNEL: u32 = 1 << 3;
/// Channel flags.
const CHAN_CCK: u16 = 0x0020;
const CHAN_OFDM: u16 = 0x0040;
const CHAN_2GHZ: u16 = 0x0080;

/// Length of the header in front of transmitted frames.
pub(crate) const TX_HDR_LEN: usize = 22;
/// Length of the header in front of ACKs.
pub(crate) const ACK_HDR_LEN: usize = 14;

fn fixed(len: usize, present: u32) -> [u8; 8] {
    let mut h = [0u8; 8];
    h[0] = PKTHDR_RADIOTAP_VERSION;
    h[2..4].copy_from_slice(&(len as u16).to_le_bytes());
    h[4..8].copy_from_slice(&present.to_le_bytes());
    h
}

/// The header of a transmitted frame: the sender's TSF, its rate (in 100
/// kbit/s, 0 if unknown) and channel. Like mac80211_hwsim, the channel
/// flags always say 2 GHz, with OFDM or CCK by rate.
pub(crate) fn tx_header(tsf: u64, bitrate: u16, freq: u32) -> [u8; TX_HDR_LEN] {
    let mut h = [0u8; TX_HDR_LEN];
    h[..8].copy_from_slice(&fixed(
        TX_HDR_LEN,
        PRESENT_FLAGS | PRESENT_RATE | PRESENT_TSFT | PRESENT_CHANNEL,
    ));
    h[8..16].copy_from_slice(&tsf.to_le_bytes());
    h[16] = 0;
    h[17] = (bitrate / 5) as u8;
    h[18..20].copy_from_slice(&(freq as u16).to_le_bytes());
    let cck = matches!(bitrate, 10 | 20 | 55 | 110);
    let flags = CHAN_2GHZ | if cck { CHAN_CCK } else { CHAN_OFDM };
    h[20..22].copy_from_slice(&flags.to_le_bytes());
    h
}

/// The header of an ACK on `freq`.
pub(crate) fn ack_header(freq: u32) -> [u8; ACK_HDR_LEN] {
    let mut h = [0u8; ACK_HDR_LEN];
    h[..8].copy_from_slice(&fixed(ACK_HDR_LEN, PRESENT_FLAGS | PRESENT_CHANNEL));
    h[10..12].copy_from_slice(&(freq as u16).to_le_bytes());
    h[12..14].copy_from_slice(&CHAN_2GHZ.to_le_bytes());
    h
}

/// An ACK frame to `addr`.
pub(crate) fn ack_frame(addr: &MacAddr) -> [u8; 10] {
    let mut f = [0u8; 10];
    // Frame control: control frame, ACK subtype.
    f[0] = 0xd4;
    f[4..10].copy_from_slice(addr);
    f
}
