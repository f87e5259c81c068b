// SPDX-License-Identifier: GPL-2.0

//! The frames a radio handed to a medium in user space and keeps until
//! the medium reports how their transmission went (TX_INFO_FRAME).

use crate::wireless::mac80211::TxFrame;
use kernel::prelude::*;

/// Frames a radio keeps waiting for their status; when the queue is full
/// the oldest are dropped down to [`PENDING_KEEP`] (mac80211_hwsim's
/// `MAX_QUEUE` and `WARN_QUEUE`).
const PENDING_MAX: usize = 200;
const PENDING_KEEP: u64 = 100;

/// A radio's frames waiting for their status, by cookie.
pub(crate) struct Pending {
    slots: KVec<Option<(u64, TxFrame)>>,
}

impl Pending {
    pub(crate) fn new() -> Result<Self> {
        let mut slots = KVec::with_capacity(PENDING_MAX, GFP_KERNEL)?;
        for _ in 0..PENDING_MAX {
            slots.push(None, GFP_KERNEL)?;
        }
        Ok(Self { slots })
    }

    /// Queues `skb` under `cookie` (cookies only grow). When the queue is
    /// full, the frames older than the newest [`PENDING_KEEP`] come back
    /// in `dropped` and the frame is queued; `skb` comes back if there is
    /// still no room.
    pub(crate) fn insert(
        &mut self,
        cookie: u64,
        skb: TxFrame,
        dropped: &mut impl FnMut(TxFrame),
    ) -> Option<TxFrame> {
        if !self.slots.iter().any(|s| s.is_none()) {
            let oldest_kept = cookie.saturating_sub(PENDING_KEEP);
            for slot in self.slots.iter_mut() {
                if matches!(slot, Some((c, _)) if *c < oldest_kept) {
                    if let Some((_, old)) = slot.take() {
                        dropped(old);
                    }
                }
            }
        }
        match self.slots.iter_mut().find(|s| s.is_none()) {
            Some(slot) => {
                *slot = Some((cookie, skb));
                None
            }
            None => Some(skb),
        }
    }

    /// Takes the frame queued under `cookie`.
    pub(crate) fn take(&mut self, cookie: u64) -> Option<TxFrame> {
        let slot = self
            .slots
            .iter_mut()
            .find(|s| matches!(s, Some((c, _)) if *c == cookie))?;
        slot.take().map(|(_, skb)| skb)
    }

    /// Takes every queued frame, handing each to `f`.
    pub(crate) fn drain(&mut self, mut f: impl FnMut(TxFrame)) {
        for slot in self.slots.iter_mut() {
            if let Some((_, skb)) = slot.take() {
                f(skb);
            }
        }
    }
}
