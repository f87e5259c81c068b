// SPDX-License-Identifier: GPL-2.0

//! What becomes of a sent frame. The RTL8187L reports no per-frame result,
//! only a running retry count; the RTL8187B sends a status record per frame
//! that wanted an ACK on its status endpoint.

use crate::chip::Rtl8187;
use crate::desc::StatusB;
use crate::regs;
use crate::wireless::frame::Header;
use crate::wireless::mac80211::{Hw, HwRef, TxFrame};
use crate::wireless::shims::net::skb::SkbQueue;
use crate::wireless::shims::usb::{BulkInHandler, VendorReadHandler};
use core::sync::atomic::{AtomicU16, Ordering};
use kernel::prelude::*;

/// TX status as the RTL8187L gives it: the device reports no per-frame
/// ACK, only a running count of retries (TALLY_CNT). Frames the device
/// took wait in `sent`; each read of the counter shares the retries since
/// the last read among them, and a frame retried beyond the limit counts
/// as not acknowledged (as the C driver has it).
pub(crate) struct TallyStatus {
    pub(crate) sent: SkbQueue<TxFrame>,
    pub(crate) last_tally: AtomicU16,
}

impl TallyStatus {
    pub(crate) fn new() -> Result<Self> {
        Ok(Self {
            sent: SkbQueue::new()?,
            last_tally: AtomicU16::new(0),
        })
    }

    /// Reports every waiting frame, with the counter's new value if read.
    pub(crate) fn report(&self, hw: &Hw<Rtl8187>, tally: Option<u16>) {
        let waiting = self.sent.len().max(1);
        let retries = tally.map_or(0, |now| {
            let last = self.last_tally.swap(now, Ordering::Relaxed);
            // A counter that went back was reset (by a restart).
            usize::from(now.saturating_sub(last))
        });
        let tries = (retries / waiting + 1).min(usize::from(u8::MAX)) as u8;
        while let Some(skb) = self.sent.pop() {
            hw.tx_status_tries(skb, tries, tries <= regs::RETRY_COUNT);
        }
    }
}

impl VendorReadHandler for TallyStatus {
    type Context = HwRef<Rtl8187>;

    fn read_done(&self, hw: HwRef<Rtl8187>, result: Result<&[u8]>) {
        let tally = match result {
            Ok(b) if b.len() >= 2 => Some(u16::from_le_bytes([b[0], b[1]])),
            _ => None,
        };
        // With the hardware gone the frames are freed with the queue.
        hw.with(|hw| self.report(hw, tally));
    }
}

/// How many sent frames wait for their record at most; beyond that the
/// oldest is reported unacknowledged (records do get lost).
const WAITING_B: usize = 5;

/// TX status as the RTL8187B gives it: a record per frame on the status
/// endpoint, naming the frame by the low 12 bits of its sequence control.
/// Sent frames wait in `waiting`, oldest first; its lock is taken with
/// interrupts off, so URB completions and `stop` may all use it.
pub(crate) struct RecordStatus {
    waiting: SkbQueue<TxFrame>,
}

impl RecordStatus {
    pub(crate) fn new() -> Result<Self> {
        Ok(Self {
            waiting: SkbQueue::new()?,
        })
    }

    /// Queues `frame` for its record; returns the frame that had waited
    /// longest if the queue was full.
    pub(crate) fn wait(&self, frame: TxFrame) -> Option<TxFrame> {
        self.waiting.push(frame);
        if self.waiting.len() > WAITING_B {
            self.waiting.pop()
        } else {
            None
        }
    }

    /// Takes the newest waiting frame whose sequence control matches `seq`.
    fn take(&self, seq: u16) -> Option<TxFrame> {
        self.waiting.take_newest(|frame| {
            Header::new(frame)
                .and_then(|h| h.seq_ctrl())
                .is_some_and(|s| s & 0xfff == seq)
        })
    }

    /// Takes the oldest waiting frame (to drop them all at stop).
    pub(crate) fn take_oldest(&self) -> Option<TxFrame> {
        self.waiting.pop()
    }
}

/// The status endpoint's receiver: matches each record to its frame.
pub(crate) struct StatusPath {
    pub(crate) hw: HwRef<Rtl8187>,
}

impl BulkInHandler for StatusPath {
    fn received(&self, data: &[u8]) {
        let Some(record) = StatusB::parse(data) else {
            return;
        };
        self.hw.with(|hw| {
            let Some(status) = hw.data().record_status() else {
                return;
            };
            if let Some(frame) = status.take(record.seq) {
                hw.tx_status_tries(frame, record.retries.saturating_add(1), record.acked);
            }
        });
    }
}
