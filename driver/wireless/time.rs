// SPDX-License-Identifier: GPL-2.0

//! Clocks.

use super::bindings;

/// Wall-clock time in microseconds (what an 802.11 TSF counts).
pub(crate) fn real_us() -> u64 {
    // SAFETY: reading the clock is allowed in any context.
    unsafe { bindings::rwlan_ktime_get_real_us() }
}

/// Time since boot in nanoseconds, suspend included.
pub(crate) fn boottime_ns() -> u64 {
    // SAFETY: reading the clock is allowed in any context.
    unsafe { bindings::rwlan_ktime_get_boottime_ns() }
}
