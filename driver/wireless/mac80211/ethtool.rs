// SPDX-License-Identifier: GPL-2.0

//! The driver's counters in `ethtool -S`, after mac80211's own
//! (`ieee80211_ops::get_et_sset_count`, `get_et_strings`, `get_et_stats`).

use super::adapter::Adapter;
use super::ops::Ops;
use crate::wireless::bindings;

/// Bytes of one counter name in the string set, with its NUL.
const NAME_LEN: usize = bindings::ETH_GSTRING_LEN as usize;

/// Whether `sset` asks for the statistics (the only set drivers add to).
fn is_stats(sset: u32) -> bool {
    sset == bindings::ethtool_stringset_ETH_SS_STATS
}

impl<T: Ops> Adapter<T> {
    /// # Safety
    ///
    /// Only mac80211 calls this, through the ops table of a hardware
    /// registered for `T`.
    pub(super) unsafe extern "C" fn get_et_sset_count_callback(
        _hw: *mut bindings::ieee80211_hw,
        _vif: *mut bindings::ieee80211_vif,
        sset: kernel::ffi::c_int,
    ) -> kernel::ffi::c_int {
        match u32::try_from(sset) {
            Ok(s) if is_stats(s) => T::ETHTOOL_STATS.len() as kernel::ffi::c_int,
            _ => 0,
        }
    }

    /// # Safety
    ///
    /// As for `get_et_sset_count_callback`; for the statistics `data` is
    /// writable for as many `ETH_GSTRING_LEN`-byte names as that returned.
    pub(super) unsafe extern "C" fn get_et_strings_callback(
        _hw: *mut bindings::ieee80211_hw,
        _vif: *mut bindings::ieee80211_vif,
        sset: u32,
        data: *mut u8,
    ) {
        if !is_stats(sset) || data.is_null() {
            return;
        }
        let names = T::ETHTOOL_STATS;
        // SAFETY: mac80211 sized the buffer from the count we gave for
        // this set: one name slot a counter.
        let out = unsafe { core::slice::from_raw_parts_mut(data, names.len() * NAME_LEN) };
        for (slot, name) in out.chunks_exact_mut(NAME_LEN).zip(names) {
            // Cut to the slot, keeping its last byte for the NUL.
            let n = name.len().min(NAME_LEN - 1);
            slot[..n].copy_from_slice(&name.as_bytes()[..n]);
            slot[n..].fill(0);
        }
    }

    /// # Safety
    ///
    /// As for `get_et_sset_count_callback`; `data` is writable for as many
    /// counters as that returned for the statistics.
    pub(super) unsafe extern "C" fn get_et_stats_callback(
        hw: *mut bindings::ieee80211_hw,
        _vif: *mut bindings::ieee80211_vif,
        _stats: *mut bindings::ethtool_stats,
        data: *mut u64,
    ) {
        if data.is_null() {
            return;
        }
        // SAFETY: as in `add_interface_callback`.
        let rhw = unsafe { Self::hw(hw) };
        // SAFETY: mac80211 sized the buffer from our count: one u64 a
        // counter.
        let values = unsafe { core::slice::from_raw_parts_mut(data, T::ETHTOOL_STATS.len()) };
        values.fill(0);
        T::ethtool_stats(rhw, values);
    }
}
