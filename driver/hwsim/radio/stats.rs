// SPDX-License-Identifier: GPL-2.0

//! A radio's counters, as mac80211_hwsim keeps them for `ethtool -S`:
//! frames and bytes it sent to a medium and received from one, frames a
//! medium in user space had no room for, and frames it could not hand over.

use core::sync::atomic::{AtomicU64, Ordering};

/// mac80211_hwsim's names: the four counters, then the two drop counts,
/// then the power-save mode and the group mask (see [`Counters::fill`]).
pub(crate) const NAMES: [&str; 8] = [
    "tx_pkts_nic",
    "tx_bytes_nic",
    "rx_pkts_nic",
    "rx_bytes_nic",
    "d_tx_dropped",
    "d_tx_failed",
    "d_ps_mode",
    "d_group",
];

/// Counters updated from the data path (any context), read for ethtool.
pub(crate) struct Counters {
    tx_pkts: AtomicU64,
    tx_bytes: AtomicU64,
    rx_pkts: AtomicU64,
    rx_bytes: AtomicU64,
    tx_dropped: AtomicU64,
    tx_failed: AtomicU64,
}

impl Counters {
    pub(crate) const fn new() -> Self {
        Self {
            tx_pkts: AtomicU64::new(0),
            tx_bytes: AtomicU64::new(0),
            rx_pkts: AtomicU64::new(0),
            rx_bytes: AtomicU64::new(0),
            tx_dropped: AtomicU64::new(0),
            tx_failed: AtomicU64::new(0),
        }
    }

    /// A frame of `len` bytes went to a medium.
    pub(crate) fn sent(&self, len: usize) {
        self.tx_pkts.fetch_add(1, Ordering::Relaxed);
        self.tx_bytes.fetch_add(len as u64, Ordering::Relaxed);
    }

    /// A frame of `len` bytes went up to mac80211.
    pub(crate) fn received(&self, len: usize) {
        self.rx_pkts.fetch_add(1, Ordering::Relaxed);
        self.rx_bytes.fetch_add(len as u64, Ordering::Relaxed);
    }

    /// A frame waiting for a medium in user space was dropped for room.
    pub(crate) fn dropped(&self) {
        self.tx_dropped.fetch_add(1, Ordering::Relaxed);
    }

    /// A frame could not be handed to a medium in user space.
    pub(crate) fn failed(&self) {
        self.tx_failed.fetch_add(1, Ordering::Relaxed);
    }

    /// The values of [`NAMES`], with the radio's power-save mode and group.
    pub(crate) fn fill(&self, values: &mut [u64], ps_mode: u64, group: u64) {
        let all = [
            self.tx_pkts.load(Ordering::Relaxed),
            self.tx_bytes.load(Ordering::Relaxed),
            self.rx_pkts.load(Ordering::Relaxed),
            self.rx_bytes.load(Ordering::Relaxed),
            self.tx_dropped.load(Ordering::Relaxed),
            self.tx_failed.load(Ordering::Relaxed),
            ps_mode,
            group,
        ];
        for (v, x) in values.iter_mut().zip(all) {
            *v = x;
        }
    }
}
