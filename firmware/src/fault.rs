//! Deliberate misbehaviour for robustness tests of host drivers (`--fault`).
//!
//! Every `every`-th received frame is hit by the next enabled fault in turn:
//! corrupted transfers (length beyond the data, truncated trailer, garbage,
//! bad FCS), a pause of the IN endpoint (the host sees NAKs), or a halt
//! (STALL) of the IN endpoint, which lasts until the host clears it.

use std::time::Duration;

use crate::rx;

/// One kind of fault.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FaultKind {
    /// Corrupted RX transfers.
    Corrupt,
    /// Stop answering on bulk IN for a while (NAK).
    Nak,
    /// Halt bulk IN (STALL) until the host clears the halt.
    Stall,
}

/// What to do with the next RX transfer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Deliver(Vec<u8>),
    Pause(Duration),
    Stall,
}

/// Ways a transfer gets corrupted, in turn.
const CORRUPTIONS: usize = 4;

#[derive(Debug)]
pub struct FaultPlan {
    kinds: Vec<FaultKind>,
    every: u64,
    seen: u64,
    next_kind: usize,
    next_corruption: usize,
    garbage_seed: u32,
    hits: u64,
    /// Length of the board's RX trailer, which the corruptions aim at.
    trailer_len: usize,
}

impl FaultPlan {
    pub fn new(kinds: Vec<FaultKind>, every: u64) -> Self {
        Self {
            kinds,
            every: every.max(1),
            seen: 0,
            next_kind: 0,
            next_corruption: 0,
            garbage_seed: 0x8187_1234,
            hits: 0,
            trailer_len: rx::TRAILER_LEN,
        }
    }

    /// The same plan for a board whose RX trailer is `len` bytes.
    pub fn with_trailer_len(self, len: usize) -> Self {
        Self {
            trailer_len: len,
            ..self
        }
    }

    pub fn enabled(&self) -> bool {
        !self.kinds.is_empty()
    }

    /// Transfers hit by a fault so far.
    pub fn hits(&self) -> u64 {
        self.hits
    }

    /// Decides the fate of a built RX transfer.
    pub fn apply(&mut self, transfer: Vec<u8>) -> Action {
        self.seen += 1;
        if self.kinds.is_empty() || !self.seen.is_multiple_of(self.every) {
            return Action::Deliver(transfer);
        }
        let kind = self.kinds[self.next_kind % self.kinds.len()];
        self.next_kind += 1;
        self.hits += 1;
        match kind {
            FaultKind::Corrupt => Action::Deliver(self.corrupt(transfer)),
            FaultKind::Nak => Action::Pause(Duration::from_millis(300)),
            FaultKind::Stall => Action::Stall,
        }
    }

    fn corrupt(&mut self, mut t: Vec<u8>) -> Vec<u8> {
        let which = self.next_corruption % CORRUPTIONS;
        self.next_corruption += 1;
        match which {
            // Trailer length field far beyond the transfer.
            0 => {
                if let Some(at) = t.len().checked_sub(self.trailer_len) {
                    if let Some(b) = t.get_mut(at..at + 2) {
                        b.copy_from_slice(&0x0FFFu16.to_le_bytes());
                    }
                }
                t
            }
            // Trailer cut short: fewer bytes than a trailer.
            1 => {
                t.truncate(self.trailer_len / 2);
                t
            }
            // Garbage of a random length.
            2 => {
                let len = 1 + (self.next_random() as usize % 64);
                (0..len).map(|_| self.next_random() as u8).collect()
            }
            // A frame whose FCS is wrong and flagged as such.
            _ => {
                if let Some(b) = t.first_mut() {
                    *b ^= 0xFF;
                }
                rx::set_crc_error(&mut t, self.trailer_len);
                t
            }
        }
    }

    /// xorshift32: reproducible garbage without a dependency.
    fn next_random(&mut self) -> u32 {
        let mut x = self.garbage_seed;
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        self.garbage_seed = x;
        x
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn transfer() -> Vec<u8> {
        let frame = [0x80u8; 40];
        rx::build(
            &frame,
            0,
            &rx::RxInfo {
                rate_index: 0,
                signal_dbm: -40,
                mac_time: 0,
                short_preamble: false,
                antenna: 0,
            },
        )
    }

    #[test]
    fn disabled_plan_delivers_everything() {
        let mut p = FaultPlan::new(vec![], 1);
        assert!(!p.enabled());
        for _ in 0..10 {
            assert_eq!(p.apply(transfer()), Action::Deliver(transfer()));
        }
    }

    #[test]
    fn every_nth_transfer_is_hit_in_turn() {
        let mut p = FaultPlan::new(
            vec![FaultKind::Corrupt, FaultKind::Nak, FaultKind::Stall],
            2,
        );
        assert_eq!(p.apply(transfer()), Action::Deliver(transfer()));
        assert!(matches!(p.apply(transfer()), Action::Deliver(t) if t != transfer()));
        assert_eq!(p.apply(transfer()), Action::Deliver(transfer()));
        assert!(matches!(p.apply(transfer()), Action::Pause(_)));
        p.apply(transfer());
        assert_eq!(p.apply(transfer()), Action::Stall);
    }

    #[test]
    fn corruptions_break_the_transfer_each_way() {
        let mut p = FaultPlan::new(vec![FaultKind::Corrupt], 1);
        let good = transfer();
        let Action::Deliver(bad_len) = p.apply(good.clone()) else {
            panic!("deliver")
        };
        let tr = &bad_len[bad_len.len() - rx::TRAILER_LEN..];
        assert_eq!(u16::from_le_bytes([tr[0], tr[1]]) & 0xFFF, 0xFFF);
        let Action::Deliver(short) = p.apply(good.clone()) else {
            panic!("deliver")
        };
        assert!(short.len() < rx::TRAILER_LEN);
        let Action::Deliver(garbage) = p.apply(good.clone()) else {
            panic!("deliver")
        };
        assert!(!garbage.is_empty() && garbage.len() <= 64);
        let Action::Deliver(bad_fcs) = p.apply(good.clone()) else {
            panic!("deliver")
        };
        assert_eq!(bad_fcs.len(), good.len());
        assert_ne!(
            crate::fcs::crc32(&bad_fcs[..bad_fcs.len() - rx::TRAILER_LEN]),
            0x2144_DF1C
        );
    }
}
