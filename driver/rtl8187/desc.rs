// SPDX-License-Identifier: GPL-2.0

//! What travels with a frame over the bulk endpoints: the 12-byte TX
//! descriptor in front of a frame to send, and the 16-byte trailer behind
//! a received frame (after its FCS).

/// Bytes of the TX descriptor.
pub(crate) const TX_DESC_LEN: usize = 12;
/// Bytes of the RX trailer.
pub(crate) const RX_TRAILER_LEN: usize = 16;
/// Hardware rates: 1, 2, 5.5, 11 (CCK), 6 to 54 Mbit/s (OFDM), indexed
/// as mac80211's rate table of the band.
pub(crate) const RATES: usize = 12;

// TX descriptor flags (first word).
const TX_NO_ENC: u32 = 1 << 15;
const TX_MOREFRAG: u32 = 1 << 17;
const TX_CTS: u32 = 1 << 18;
const TX_RTS: u32 = 1 << 23;
const TX_RTS_RATE_SHIFT: u32 = 19;
const TX_RATE_SHIFT: u32 = 24;

// RX trailer flags (first word).
const RX_CRC32_ERR: u32 = 1 << 13;
const RX_SPLCP: u32 = 1 << 25;

/// How a frame is to be sent.
pub(crate) struct TxDesc {
    /// Frame length in bytes (without the descriptor).
    pub(crate) len: usize,
    /// Rate index (0-11).
    pub(crate) rate: u8,
    /// More fragments of the MSDU follow.
    pub(crate) more_frag: bool,
    /// RTS/CTS (or, with `cts_to_self`, CTS-to-self) protection: rate
    /// index and duration of the protection frame.
    pub(crate) protection: Option<(bool, u8, u16)>,
    /// Attempts in all (the hardware retries `tries - 1` times).
    pub(crate) tries: u8,
}

impl TxDesc {
    pub(crate) fn to_bytes(&self) -> [u8; TX_DESC_LEN] {
        let mut flags = (self.len as u32 & 0xfff) | TX_NO_ENC;
        flags |= u32::from(self.rate.min(RATES as u8 - 1)) << TX_RATE_SHIFT;
        if self.more_frag {
            flags |= TX_MOREFRAG;
        }
        let mut rts_duration = 0;
        // The hardware does RTS/CTS with only RTS set, CTS-to-self with
        // both; either uses the RTS rate and duration.
        if let Some((cts_to_self, rate, duration)) = self.protection {
            flags |= TX_RTS | (u32::from(rate.min(RATES as u8 - 1)) << TX_RTS_RATE_SHIFT);
            if cts_to_self {
                flags |= TX_CTS;
            }
            rts_duration = duration;
        }
        let retry = u32::from(self.tries.max(1) - 1) << 8;
        let mut b = [0u8; TX_DESC_LEN];
        b[0..4].copy_from_slice(&flags.to_le_bytes());
        b[4..6].copy_from_slice(&rts_duration.to_le_bytes());
        // Bytes 6-7 (length) stay 0 on the RTL8187L.
        b[8..12].copy_from_slice(&retry.to_le_bytes());
        b
    }
}

/// What the trailer says about a received frame.
pub(crate) struct RxInfo {
    /// Length of the frame including its FCS.
    pub(crate) len: usize,
    /// Rate index (0-11).
    pub(crate) rate: u8,
    /// Signal in dBm, from the AGC value.
    pub(crate) signal: i8,
    /// TSF at the first symbol, in us.
    pub(crate) mactime: u64,
    pub(crate) fcs_failed: bool,
    pub(crate) short_preamble: bool,
    /// The antenna that received it (bit 7 of the signal byte).
    pub(crate) antenna: u8,
}

impl RxInfo {
    /// Parses a received transfer: frame, FCS, trailer. `None` for a
    /// transfer the hardware cannot have sent (too short, a length beyond
    /// the data, a rate it does not have).
    pub(crate) fn parse(transfer: &[u8]) -> Option<RxInfo> {
        let body = transfer.len().checked_sub(RX_TRAILER_LEN)?;
        let t = &transfer[body..];
        let flags = u32::from_le_bytes([t[0], t[1], t[2], t[3]]);
        let agc = t[6];
        let mut mactime = [0u8; 8];
        mactime.copy_from_slice(&t[8..16]);
        let len = (flags & 0xfff) as usize;
        let rate = ((flags >> 20) & 0xf) as u8;
        // A frame holds at least a 10-byte header (ACK/CTS) and the FCS.
        if len > body || len < 14 || usize::from(rate) >= RATES {
            return None;
        }
        // The AGC is inversely proportional to the signal; the scaling
        // makes it match what other drivers report.
        let signal = -4 - ((27 * i32::from(agc)) >> 6);
        Some(RxInfo {
            len,
            rate,
            signal: signal as i8,
            mactime: u64::from_le_bytes(mactime),
            fcs_failed: flags & RX_CRC32_ERR != 0,
            short_preamble: flags & RX_SPLCP != 0,
            antenna: t[5] >> 7,
        })
    }
}
