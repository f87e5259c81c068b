//! The 12-byte TX descriptor the host puts in front of every frame on bulk OUT.
//!
//! ```text
//! 0  flags  u32: 0-11 frame length, 15 no-encrypt, 16 short preamble,
//!                17 more fragments, 18 CTS-to-self, 19-22 RTS rate,
//!                23 RTS/CTS, 24-27 rate index, 28 last seg., 29 first seg.
//! 4  rts_duration u16
//! 6  len u16 (unused by the RTL8187L)
//! 8  retry u32: bits 8-15 retry limit
//! ```

use crate::rate;

pub const DESCRIPTOR_LEN: usize = 12;

const LEN_MASK: u32 = 0x0FFF;
const FLAG_NO_ENC: u32 = 1 << 15;
const FLAG_SHORT_PREAMBLE: u32 = 1 << 16;
const FLAG_MOREFRAG: u32 = 1 << 17;
const FLAG_CTS: u32 = 1 << 18;
const FLAG_RTS: u32 = 1 << 23;

/// Why a bulk OUT transfer was dropped.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TxError {
    #[error("transfer of {0} bytes is shorter than the 12-byte TX descriptor")]
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
}

impl TxDescriptor {
    /// Bitrate in 500 kbit/s units.
    pub fn rate_500k(&self) -> u8 {
        rate::index_to_500k(self.rate_index).unwrap_or(2)
    }

    /// Encodes the descriptor as the host driver does (used by tests and fault injection).
    pub fn encode(&self) -> [u8; DESCRIPTOR_LEN] {
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
        let mut out = [0u8; DESCRIPTOR_LEN];
        out[0..4].copy_from_slice(&flags.to_le_bytes());
        out[4..6].copy_from_slice(&self.rts_duration.to_le_bytes());
        out[8..12].copy_from_slice(&(u32::from(self.retry_limit) << 8).to_le_bytes());
        out
    }
}

/// Splits a bulk OUT transfer into its descriptor and frame.
pub fn parse(transfer: &[u8]) -> Result<(TxDescriptor, &[u8]), TxError> {
    let (head, rest) = transfer
        .split_first_chunk::<DESCRIPTOR_LEN>()
        .ok_or(TxError::Truncated(transfer.len()))?;
    let flags = u32::from_le_bytes([head[0], head[1], head[2], head[3]]);
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
    let retry = u32::from_le_bytes([head[8], head[9], head[10], head[11]]);
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
