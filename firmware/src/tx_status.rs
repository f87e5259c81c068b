//! The RTL8187B's TX status: one 8-byte record on bulk IN 9 for each frame
//! the chip has finished with (a "TX close"), which the host matches to the
//! frame it sent by sequence number. The RTL8187L has no such records (its
//! host reads TALLY_CNT instead).
//!
//! A record is a little-endian u64; bits 30-31 give its kind:
//!
//! ```text
//! kind 1, TX close:   0-7 retries of the frame, 8-14 RTS retries,
//!                     15 TOK (acknowledged, or no acknowledgement due),
//!                     16-27 sequence control's low 12 bits,
//!                     28 last segment, 29 first segment, 30-31 = 01,
//!                     32-47 reserved, 48-63 MAC time used
//! kind 0, beacon:     0-9 last beacon's contention window, 30-31 = 00,
//!                     32-63 last beacon's TSF
//! ```
//!
//! The host (the C driver's `rtl8187b_status_cb`) takes a kind-1 record's
//! retries as the frame's tries minus one, TOK as its acknowledgement, and
//! compares bits 16-27 with the low 12 bits of the 802.11 sequence control
//! field (fragment number in 0-3, the sequence number's low 8 bits in 4-11)
//! of the frames it is waiting for; it ignores kind-0 records and records
//! that match nothing.

pub const RECORD_LEN: usize = 8;

const KIND_TX_CLOSE: u64 = 1;
const TOK: u64 = 1 << 15;
const LAST_SEGMENT: u64 = 1 << 28;
const FIRST_SEGMENT: u64 = 1 << 29;

/// A TX close record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TxClose {
    /// Retries of the frame itself (the host counts tries as this + 1).
    pub retries: u8,
    /// Retries of its RTS (7 bits).
    pub rts_retries: u8,
    /// Acknowledged, or a frame that wanted no acknowledgement.
    pub ok: bool,
    /// The frame's sequence control field; the record keeps its low 12 bits.
    pub seq_ctrl: u16,
    /// Air time the MAC spent on it, in µs.
    pub mac_time_used: u16,
}

impl TxClose {
    /// The record as it travels on bulk IN.
    pub fn encode(&self) -> [u8; RECORD_LEN] {
        let mut v = u64::from(self.retries)
            | u64::from(self.rts_retries & 0x7F) << 8
            | u64::from(self.seq_ctrl & 0x0FFF) << 16
            | LAST_SEGMENT
            | FIRST_SEGMENT
            | KIND_TX_CLOSE << 30
            | u64::from(self.mac_time_used) << 48;
        if self.ok {
            v |= TOK;
        }
        v.to_le_bytes()
    }

    /// Reads a record back; `None` for a beacon record or a wrong length.
    pub fn decode(record: &[u8]) -> Option<Self> {
        let bytes: [u8; RECORD_LEN] = record.try_into().ok()?;
        let v = u64::from_le_bytes(bytes);
        if (v >> 30) & 3 != KIND_TX_CLOSE {
            return None;
        }
        Some(Self {
            retries: (v & 0xFF) as u8,
            rts_retries: ((v >> 8) & 0x7F) as u8,
            ok: v & TOK != 0,
            seq_ctrl: ((v >> 16) & 0x0FFF) as u16,
            mac_time_used: (v >> 48) as u16,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the C driver's status callback does with a record: kind from
    /// bits 30-31, retries from 0-7, TOK from 15, sequence from 16-27.
    fn host_view(record: [u8; 8]) -> (u64, u8, bool, u16) {
        let v = u64::from_le_bytes(record);
        (
            (v >> 30) & 3,
            (v & 0xFF) as u8,
            v & (1 << 15) != 0,
            ((v >> 16) & 0xFFF) as u16,
        )
    }

    #[test]
    fn an_acknowledged_frame_reads_as_the_host_expects() {
        // Sequence number 0x123, fragment 0: seq_ctrl 0x1230; the host
        // compares seq_ctrl & 0xFFF = 0x230.
        let r = TxClose {
            retries: 0,
            rts_retries: 0,
            ok: true,
            seq_ctrl: 0x1230,
            mac_time_used: 300,
        }
        .encode();
        assert_eq!(host_view(r), (1, 0, true, 0x230));
        let v = u64::from_le_bytes(r);
        assert_eq!(v, 0x012C_0000_7230_8000);
    }

    #[test]
    fn a_lost_frame_carries_its_retries_and_no_tok() {
        let close = TxClose {
            retries: 6,
            rts_retries: 2,
            ok: false,
            seq_ctrl: 0xFFF1,
            mac_time_used: 0,
        };
        let r = close.encode();
        assert_eq!(host_view(r), (1, 6, false, 0xFF1));
        assert_eq!(r[1], 2);
        assert_eq!(
            TxClose::decode(&r),
            Some(TxClose {
                seq_ctrl: 0xFF1,
                ..close
            })
        );
    }

    #[test]
    fn beacon_records_and_bad_lengths_are_not_tx_closes() {
        let beacon = (0x1234_5678u64 << 32 | 15).to_le_bytes();
        assert_eq!(TxClose::decode(&beacon), None);
        assert_eq!(TxClose::decode(&[0; 7]), None);
    }
}
