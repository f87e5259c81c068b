//! The TX descriptor the host puts in front of every frame on bulk OUT:
//! 12 bytes on the RTL8187L,
//!
//! ```text
//! 0  flags  u32: 0-11 frame length, 15 no-encrypt, 16 short preamble,
//!                17 more fragments, 18 CTS-to-self, 19-22 RTS rate,
//!                23 RTS/CTS, 24-27 rate index, 28 last seg., 29 first seg.
//! 4  rts_duration u16
//! 6  len u16 (unused by the RTL8187L)
//! 8  retry u32: bits 8-15 retry limit
//! ```
//!
//! and 32 bytes on the RTL8187B (the C driver's `struct rtl8187b_tx_hdr`,
//! packed, little-endian), with the same flags word:
//!
//! ```text
//! 0  flags u32        4  rts_duration u16   6  len u16
//! 8  reserved u32     12 reserved u16       14 tx_duration u16 (air time, µs)
//! 16 reserved u32     20 retry u32: bits 8-15 retry limit
//! 24 reserved 8 bytes
//! ```

use crate::rate;

pub const DESCRIPTOR_LEN: usize = 12;
pub const DESCRIPTOR_LEN_B: usize = 32;
const B_TX_DURATION: usize = 14;
const B_RETRY: usize = 20;

/// Which descriptor a board's host writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// RTL8187L: 12 bytes.
    L,
    /// RTL8187B: 32 bytes.
    B,
}

impl Format {
    pub fn descriptor_len(self) -> usize {
        match self {
            Format::L => DESCRIPTOR_LEN,
            Format::B => DESCRIPTOR_LEN_B,
        }
    }

    fn retry_offset(self) -> usize {
        match self {
            Format::L => 8,
            Format::B => B_RETRY,
        }
    }
}

const LEN_MASK: u32 = 0x0FFF;
const FLAG_NO_ENC: u32 = 1 << 15;
const FLAG_SHORT_PREAMBLE: u32 = 1 << 16;
const FLAG_MOREFRAG: u32 = 1 << 17;
const FLAG_CTS: u32 = 1 << 18;
const FLAG_RTS: u32 = 1 << 23;

/// Why a bulk OUT transfer was dropped.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TxError {
    #[error("transfer of {0} bytes is shorter than the TX descriptor")]
    Truncated(usize),
    #[error("descriptor length {declared} exceeds the {available} frame bytes in the transfer")]
    LengthBeyondTransfer { declared: usize, available: usize },
    #[error("descriptor names rate index {0}, the RTL8187L has 0-11")]
    UnknownRate(u8),
    #[error("frame of {0} bytes is shorter than an 802.11 header")]
    RuntFrame(usize),
}

/// How the frame is protected before it is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protection {
    None,
    RtsCts,
    CtsToSelf,
}

/// A parsed TX descriptor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TxDescriptor {
    pub length: usize,
    pub rate_index: u8,
    pub no_encrypt: bool,
    pub short_preamble: bool,
    pub more_fragments: bool,
    pub protection: Protection,
    pub rts_rate_index: u8,
    pub rts_duration: u16,
    pub retry_limit: u8,
    /// RTL8187B only: the frame's air time in µs as the host computed it.
    pub tx_duration: u16,
}

impl TxDescriptor {
    /// Bitrate in 500 kbit/s units.
    pub fn rate_500k(&self) -> u8 {
        rate::index_to_500k(self.rate_index).unwrap_or(2)
    }

    /// Encodes the descriptor as an RTL8187L host does (used by tests and fault injection).
    pub fn encode(&self) -> [u8; DESCRIPTOR_LEN] {
        let mut out = [0u8; DESCRIPTOR_LEN];
        out.copy_from_slice(&self.encode_as(Format::L));
        out
    }

    /// Encodes the descriptor as an RTL8187B host does.
    pub fn encode_b(&self) -> [u8; DESCRIPTOR_LEN_B] {
        let mut out = [0u8; DESCRIPTOR_LEN_B];
        out.copy_from_slice(&self.encode_as(Format::B));
        out
    }

    fn encode_as(&self, format: Format) -> Vec<u8> {
        let mut flags = (self.length as u32 & LEN_MASK) | u32::from(self.rate_index & 0xF) << 24;
        if self.no_encrypt {
            flags |= FLAG_NO_ENC;
        }
        if self.short_preamble {
            flags |= FLAG_SHORT_PREAMBLE;
        }
        if self.more_fragments {
            flags |= FLAG_MOREFRAG;
        }
        match self.protection {
            Protection::None => {}
            Protection::RtsCts => flags |= FLAG_RTS,
            Protection::CtsToSelf => flags |= FLAG_RTS | FLAG_CTS,
        }
        if self.protection != Protection::None {
            flags |= u32::from(self.rts_rate_index & 0xF) << 19;
        }
        let mut out = vec![0u8; format.descriptor_len()];
        out[0..4].copy_from_slice(&flags.to_le_bytes());
        out[4..6].copy_from_slice(&self.rts_duration.to_le_bytes());
        let retry = format.retry_offset();
        out[retry..retry + 4].copy_from_slice(&(u32::from(self.retry_limit) << 8).to_le_bytes());
        if format == Format::B {
            out[B_TX_DURATION..B_TX_DURATION + 2].copy_from_slice(&self.tx_duration.to_le_bytes());
        }
        out
    }
}

/// Splits an RTL8187L bulk OUT transfer into its descriptor and frame.
pub fn parse(transfer: &[u8]) -> Result<(TxDescriptor, &[u8]), TxError> {
    parse_as(Format::L, transfer)
}

/// Splits a bulk OUT transfer in `format` into its descriptor and frame.
pub fn parse_as(format: Format, transfer: &[u8]) -> Result<(TxDescriptor, &[u8]), TxError> {
    if transfer.len() < format.descriptor_len() {
        return Err(TxError::Truncated(transfer.len()));
    }
    let (head, rest) = transfer.split_at(format.descriptor_len());
    let word = |at: usize| u32::from_le_bytes([head[at], head[at + 1], head[at + 2], head[at + 3]]);
    let flags = word(0);
    let length = (flags & LEN_MASK) as usize;
    if length > rest.len() {
        return Err(TxError::LengthBeyondTransfer {
            declared: length,
            available: rest.len(),
        });
    }
    let rate_index = ((flags >> 24) & 0xF) as u8;
    if rate::index_to_500k(rate_index).is_none() {
        return Err(TxError::UnknownRate(rate_index));
    }
    if length < crate::frame::Header::MIN_LEN {
        return Err(TxError::RuntFrame(length));
    }
    let protection = match (flags & FLAG_RTS != 0, flags & FLAG_CTS != 0) {
        (false, _) => Protection::None,
        (true, false) => Protection::RtsCts,
        (true, true) => Protection::CtsToSelf,
    };
    let retry = word(format.retry_offset());
    let tx_duration = match format {
        Format::L => 0,
        Format::B => u16::from_le_bytes([head[B_TX_DURATION], head[B_TX_DURATION + 1]]),
    };
    let desc = TxDescriptor {
        length,
        rate_index,
        no_encrypt: flags & FLAG_NO_ENC != 0,
        short_preamble: flags & FLAG_SHORT_PREAMBLE != 0,
        more_fragments: flags & FLAG_MOREFRAG != 0,
        protection,
        rts_rate_index: ((flags >> 19) & 0xF) as u8,
        rts_duration: u16::from_le_bytes([head[4], head[5]]),
        retry_limit: ((retry >> 8) & 0xFF) as u8,
        tx_duration,
    };
    Ok((desc, &rest[..length]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn desc(length: usize, rate_index: u8) -> TxDescriptor {
        TxDescriptor {
            length,
            rate_index,
            no_encrypt: true,
            short_preamble: false,
            more_fragments: false,
            protection: Protection::None,
            rts_rate_index: 0,
            rts_duration: 0,
            retry_limit: 6,
            tx_duration: 0,
        }
    }

    #[test]
    fn parses_what_the_host_driver_builds() {
        // rtl8187_tx: flags = len | NO_ENC | rate << 24; retry = (count - 1) << 8.
        let frame = [0x08u8; 40];
        let mut transfer = Vec::new();
        let flags: u32 = 40 | 1 << 15 | 11 << 24;
        transfer.extend_from_slice(&flags.to_le_bytes());
        transfer.extend_from_slice(&[0, 0, 0, 0]);
        transfer.extend_from_slice(&(6u32 << 8).to_le_bytes());
        transfer.extend_from_slice(&frame);
        let (d, f) = parse(&transfer).expect("parse");
        assert_eq!(d, desc(40, 11));
        assert_eq!(d.rate_500k(), 108);
        assert_eq!(f, &frame[..]);
    }

    #[test]
    fn round_trips_protection_flags() {
        for protection in [Protection::None, Protection::RtsCts, Protection::CtsToSelf] {
            let d = TxDescriptor {
                protection,
                rts_rate_index: 3,
                rts_duration: 314,
                ..desc(24, 4)
            };
            let mut transfer = d.encode().to_vec();
            transfer.extend_from_slice(&[0u8; 24]);
            let (parsed, _) = parse(&transfer).expect("parse");
            let expect_rts_rate = if protection == Protection::None { 0 } else { 3 };
            assert_eq!(
                parsed,
                TxDescriptor {
                    rts_rate_index: expect_rts_rate,
                    ..d
                }
            );
        }
    }

    #[test]
    fn trailing_padding_is_not_part_of_the_frame() {
        let mut transfer = desc(24, 0).encode().to_vec();
        transfer.extend_from_slice(&[1u8; 30]);
        let (_, f) = parse(&transfer).expect("parse");
        assert_eq!(f.len(), 24);
    }

    #[test]
    fn parses_what_an_rtl8187b_host_builds() {
        // struct rtl8187b_tx_hdr, packed: flags at 0, rts_duration at 4,
        // len at 6, tx_duration at 14, retry at 20, 32 bytes in all.
        // rtl8187_tx fills flags, rts_duration, tx_duration and retry.
        let frame = [0x08u8; 60];
        let mut transfer = vec![0u8; 32];
        let flags: u32 = 60 | 1 << 15 | 1 << 23 | 3 << 19 | 7 << 24;
        transfer[0..4].copy_from_slice(&flags.to_le_bytes());
        transfer[4..6].copy_from_slice(&258u16.to_le_bytes());
        transfer[14..16].copy_from_slice(&44u16.to_le_bytes());
        transfer[20..24].copy_from_slice(&(6u32 << 8).to_le_bytes());
        transfer.extend_from_slice(&frame);
        let (d, f) = parse_as(Format::B, &transfer).expect("parse");
        assert_eq!(
            d,
            TxDescriptor {
                protection: Protection::RtsCts,
                rts_rate_index: 3,
                rts_duration: 258,
                tx_duration: 44,
                ..desc(60, 7)
            }
        );
        assert_eq!(d.rate_500k(), 36);
        assert_eq!(f, &frame[..]);
        // The same descriptor read as an RTL8187L's would take the
        // reserved word at 8 for the retry limit.
        assert_eq!(parse(&transfer).expect("parse").0.retry_limit, 0);
        assert_eq!(&d.encode_b()[..], &transfer[..32]);
    }

    #[test]
    fn a_b_transfer_needs_the_whole_32_byte_descriptor() {
        assert_eq!(parse_as(Format::B, &[0; 31]), Err(TxError::Truncated(31)));
        let mut t = desc(24, 0).encode_b().to_vec();
        t.extend_from_slice(&[0; 10]);
        assert_eq!(
            parse_as(Format::B, &t),
            Err(TxError::LengthBeyondTransfer {
                declared: 24,
                available: 10
            })
        );
    }

    #[test]
    fn rejects_malformed_transfers() {
        assert_eq!(parse(&[0; 5]), Err(TxError::Truncated(5)));
        let mut t = desc(100, 0).encode().to_vec();
        t.extend_from_slice(&[0; 20]);
        assert_eq!(
            parse(&t),
            Err(TxError::LengthBeyondTransfer {
                declared: 100,
                available: 20
            })
        );
        let mut t = desc(20, 12).encode().to_vec();
        t.extend_from_slice(&[0; 20]);
        assert_eq!(parse(&t), Err(TxError::UnknownRate(12)));
        let mut t = desc(4, 0).encode().to_vec();
        t.extend_from_slice(&[0; 4]);
        assert_eq!(parse(&t), Err(TxError::RuntFrame(4)));
    }
}
