// SPDX-License-Identifier: GPL-2.0

//! Clocks (`kernel::time`), and waiting in [`delay`]
//! (`kernel::time::delay`).

pub mod delay;

use crate::wireless::bindings;

/// Wall-clock time in microseconds (what an 802.11 TSF counts).
pub fn real_us() -> u64 {
    // SAFETY: reading the clock is allowed in any context.
    unsafe { bindings::rwlan_ktime_get_real_us() }
}

/// Time since boot in nanoseconds, suspend included.
pub fn boottime_ns() -> u64 {
    // SAFETY: reading the clock is allowed in any context.
    unsafe { bindings::rwlan_ktime_get_boottime_ns() }
}
