// SPDX-License-Identifier: GPL-2.0

//! What travels with a frame over the bulk endpoints: the TX descriptor in
//! front of a frame to send (12 bytes on the RTL8187L, 32 on the
//! RTL8187B), the trailer behind a received frame after its FCS (16 or 20
//! bytes), and the RTL8187B's 8-byte TX status records.

/// Bytes of the RTL8187L's TX descriptor.
pub(crate) const TX_DESC_LEN: usize = 12;
/// Bytes of the RTL8187B's TX descriptor.
pub(crate) const TX_DESC_LEN_B: usize = 32;
/// Bytes of the RTL8187L's RX trailer.
pub(crate) const RX_TRAILER_LEN: usize = 16;
/// Bytes of the RTL8187B's RX trailer.
pub(crate) const RX_TRAILER_LEN_B: usize = 20;
/// Bytes of an RTL8187B TX status record.
pub(crate) const STATUS_LEN_B: usize = 8;
/// The rates in 100 kbit/s, by hardware index.
const BITRATES: [u32; RATES] = [10, 20, 55, 110, 60, 90, 120, 180, 240, 360, 480, 540];
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
    /// The flags word and the protection frame's duration.
    fn flags(&self) -> (u32, u16) {
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
        (flags, rts_duration)
    }

    /// The retry word: retries after the first attempt, at bit 8.
    fn retry(&self) -> u32 {
        u32::from(self.tries.max(1) - 1) << 8
    }

    pub(crate) fn to_bytes(&self) -> [u8; TX_DESC_LEN] {
        let (flags, rts_duration) = self.flags();
        let mut b = [0u8; TX_DESC_LEN];
        b[0..4].copy_from_slice(&flags.to_le_bytes());
        b[4..6].copy_from_slice(&rts_duration.to_le_bytes());
        // Bytes 6-7 (length) stay 0 on the RTL8187L.
        b[8..12].copy_from_slice(&self.retry().to_le_bytes());
        b
    }

    /// The RTL8187B's descriptor; it also carries the frame's airtime.
    pub(crate) fn to_bytes_b(&self, short_preamble: bool) -> [u8; TX_DESC_LEN_B] {
        let (flags, rts_duration) = self.flags();
        let mut b = [0u8; TX_DESC_LEN_B];
        b[0..4].copy_from_slice(&flags.to_le_bytes());
        b[4..6].copy_from_slice(&rts_duration.to_le_bytes());
        b[14..16].copy_from_slice(&self.airtime_us(short_preamble).to_le_bytes());
        b[20..24].copy_from_slice(&self.retry().to_le_bytes());
        b
    }

    /// The frame's airtime with SIFS, in us, as mac80211 computes it for
    /// this rate table (which marks no rate ERP, so the 802.11b formula
    /// applies to every rate): preamble and PLCP header, then the frame
    /// and its FCS.
    fn airtime_us(&self, short_preamble: bool) -> u16 {
        let rate = BITRATES[usize::from(self.rate).min(RATES - 1)];
        let plcp = if short_preamble { 72 + 24 } else { 144 + 48 };
        let bits = 8 * (self.len as u32 + 4) * 10;
        (10 + plcp + bits.div_ceil(rate)).min(u32::from(u16::MAX)) as u16
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
    /// The antenna that received it (bit 7 of the signal byte; of the RSSI
    /// byte on the RTL8187B).
    pub(crate) antenna: u8,
}

impl RxInfo {
    /// Parses a received transfer: frame, FCS, trailer (`b`: the RTL8187B's).
    /// `None` for a transfer the hardware cannot have sent (too short, a
    /// length beyond the data, a rate it does not have).
    pub(crate) fn parse(transfer: &[u8], b: bool) -> Option<RxInfo> {
        let trailer = if b { RX_TRAILER_LEN_B } else { RX_TRAILER_LEN };
        let body = transfer.len().checked_sub(trailer)?;
        let t = &transfer[body..];
        let flags = u32::from_le_bytes([t[0], t[1], t[2], t[3]]);
        let mut mactime = [0u8; 8];
        // The AGC is inversely proportional to the signal; the scalings
        // make it match what other drivers report.
        let (signal, antenna) = if b {
            mactime.copy_from_slice(&t[4..12]);
            (14 - i32::from(t[14] / 2), t[13] >> 7)
        } else {
            mactime.copy_from_slice(&t[8..16]);
            (-4 - ((27 * i32::from(t[6])) >> 6), t[5] >> 7)
        };
        let len = (flags & 0xfff) as usize;
        let rate = ((flags >> 20) & 0xf) as u8;
        // A frame holds at least a 10-byte header (ACK/CTS) and the FCS.
        if len > body || len < 14 || usize::from(rate) >= RATES {
            return None;
        }
        Some(RxInfo {
            len,
            rate,
            signal: signal as i8,
            mactime: u64::from_le_bytes(mactime),
            fcs_failed: flags & RX_CRC32_ERR != 0,
            short_preamble: flags & RX_SPLCP != 0,
            antenna,
        })
    }
}

/// An RTL8187B TX status record about one frame that wanted an ACK.
pub(crate) struct StatusB {
    /// The low 12 bits of the frame's sequence control field (the
    /// hardware reports the whole field in a 12-bit slot).
    pub(crate) seq: u16,
    pub(crate) acked: bool,
    /// Retries after the first attempt.
    pub(crate) retries: u8,
}

impl StatusB {
    /// Parses a record; `None` for another kind (a beacon's) or a short
    /// transfer.
    pub(crate) fn parse(record: &[u8]) -> Option<StatusB> {
        let bytes: [u8; STATUS_LEN_B] = record.get(..STATUS_LEN_B)?.try_into().ok()?;
        let v = u64::from_le_bytes(bytes);
        // Bits 30-31: 1 = a frame's descriptor closed.
        if (v >> 30) & 3 != 1 {
            return None;
        }
        Some(StatusB {
            seq: ((v >> 16) & 0xfff) as u16,
            acked: v & (1 << 15) != 0,
            retries: (v & 0xff) as u8,
        })
    }
}
