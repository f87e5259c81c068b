// SPDX-License-Identifier: GPL-2.0

//! Which radios take a unicast frame: an index from receiver addresses to
//! radios, and the radios whose receive filter passes frames for others.
//!
//! Real hardware drops a unicast frame for another address before it costs
//! anything; the built-in medium does the same with this index, so a busy
//! pair does not slow down as idle radios join the channel.

use crate::wireless::frame::FrameControl;
use crate::wireless::mac80211::FilterFlags;
use crate::wireless::vif::MacAddr;
use kernel::alloc::AllocError;
use kernel::prelude::*;

/// Receive filter flags that pass unicast frames for other addresses.
pub(crate) const PROMISCUOUS: u32 =
    FilterFlags::OTHER_BSS | FilterFlags::CONTROL | FilterFlags::BCN_PRBRESP_PROMISC;

/// The addresses radios take frames for, and the radios that take more.
///
/// # Invariants
/// `by_addr` holds (address, radio index) pairs; an address a radio
/// claimed twice (an interface's and a scan's) is in it twice. `promisc`
/// holds (radio index, flags) pairs, each radio at most once, with a
/// non-zero subset of [`PROMISCUOUS`]. While `complete` is false an update
/// was lost to a failed allocation and neither may be trusted.
pub(crate) struct Listeners {
    by_addr: Sorted<(u64, u32)>,
    promisc: Sorted<(u32, u32)>,
    complete: bool,
}

impl Listeners {
    pub(crate) fn new() -> Self {
        Self {
            by_addr: Sorted::new(),
            promisc: Sorted::new(),
            complete: true,
        }
    }

    /// Whether the index holds every claim; if not, the medium offers every
    /// frame to every radio, as mac80211_hwsim does.
    pub(crate) fn complete(&self) -> bool {
        self.complete
    }

    /// Radio `idx` takes frames sent to `addr` (an interface came up, a
    /// scan started). Called without sleeping.
    pub(crate) fn claim(&mut self, idx: u32, addr: &MacAddr) {
        if self.by_addr.insert((mac_to_u64(addr), idx)).is_err() {
            self.lose("address");
        }
    }

    /// Radio `idx` gives up one claim on `addr`.
    pub(crate) fn release(&mut self, idx: u32, addr: &MacAddr) {
        let entry = (mac_to_u64(addr), idx);
        if let Ok(pos) = self.by_addr.items().binary_search(&entry) {
            self.by_addr.remove_at(pos);
        }
    }

    /// Radio `idx` is gone: every claim of it goes.
    pub(crate) fn forget(&mut self, idx: u32) {
        self.by_addr.retain(|e| e.1 != idx);
        self.promisc.retain(|e| e.0 != idx);
    }

    /// Radio `idx` now has the receive filter `flags` (`FIF_*`).
    pub(crate) fn set_filter(&mut self, idx: u32, flags: u32) {
        self.promisc.retain(|e| e.0 != idx);
        let flags = flags & PROMISCUOUS;
        if flags != 0 && self.promisc.insert((idx, flags)).is_err() {
            self.lose("filter");
        }
    }

    fn lose(&mut self, what: &str) {
        if self.complete {
            pr_warn!(
                "out of memory for a receiver {} entry; every radio now hears every frame\n",
                what
            );
        }
        self.complete = false;
    }

    /// The radios that claimed `addr`, each once.
    pub(crate) fn owners(&self, addr: &MacAddr) -> impl Iterator<Item = u32> + '_ {
        let key = mac_to_u64(addr);
        let items = self.by_addr.items();
        let start = items.partition_point(|e| e.0 < key);
        let mut last = None;
        items[start..]
            .iter()
            .take_while(move |e| e.0 == key)
            .filter_map(move |e| (last.replace(e.1) != Some(e.1)).then_some(e.1))
    }

    /// The radios that take a unicast frame with frame control `fc` sent to
    /// another address, by their receive filter.
    pub(crate) fn others(&self, fc: FrameControl) -> impl Iterator<Item = u32> + '_ {
        let wanted = FilterFlags::OTHER_BSS
            | if fc.is_ctl() {
                FilterFlags::CONTROL
            } else if fc.is_probe_resp() || fc.is_beacon() {
                FilterFlags::BCN_PRBRESP_PROMISC
            } else {
                0
            };
        self.promisc
            .items()
            .iter()
            .filter(move |e| e.1 & wanted != 0)
            .map(|e| e.0)
    }
}

/// Values kept in order in a vector that never shrinks: removing one
/// frees its slot for the next insertion, which then needs no allocation.
///
/// # Invariants
/// `len <= slots.len()` and `slots[..len]` is sorted; what lies after
/// `len` is stale.
struct Sorted<T> {
    slots: KVec<T>,
    len: usize,
}

impl<T: Ord + Copy> Sorted<T> {
    fn new() -> Self {
        Self {
            slots: KVec::new(),
            len: 0,
        }
    }

    fn items(&self) -> &[T] {
        &self.slots[..self.len]
    }

    /// Inserts `v` in order, allocating without sleeping if no slot is free.
    fn insert(&mut self, v: T) -> Result<(), AllocError> {
        match self.slots.get_mut(self.len) {
            Some(slot) => *slot = v,
            None => self.slots.push(v, GFP_ATOMIC)?,
        }
        let pos = self.slots[..self.len].partition_point(|e| *e < v);
        self.len += 1;
        self.slots[pos..self.len].rotate_right(1);
        Ok(())
    }

    fn remove_at(&mut self, pos: usize) {
        if pos < self.len {
            self.slots[pos..self.len].rotate_left(1);
            self.len -= 1;
        }
    }

    fn retain(&mut self, keep: impl Fn(&T) -> bool) {
        let mut i = 0;
        while i < self.len {
            if keep(&self.slots[i]) {
                i += 1;
            } else {
                self.remove_at(i);
            }
        }
    }
}

/// An address as a number whose order is the bytes' order.
pub(crate) fn mac_to_u64(addr: &MacAddr) -> u64 {
    addr.iter().fold(0, |v, b| (v << 8) | u64::from(*b))
}

/// Whether `addr` is a group (broadcast or multicast) address.
pub(crate) fn is_group(addr: &MacAddr) -> bool {
    addr[0] & 1 != 0
}
