// SPDX-License-Identifier: GPL-2.0

//! Waiting: sleeping for milliseconds, busy-waiting for microseconds.

use crate::wireless::bindings;

/// Sleeps for at least `ms` milliseconds (process context only).
pub fn msleep(ms: u32) {
    // SAFETY: sleeping is allowed in the process context callers are in
    // (might_sleep checks it in debug kernels).
    unsafe { bindings::msleep(ms) }
}

/// Busy-waits for `us` microseconds (any context; keep it short).
pub fn udelay(us: u32) {
    // SAFETY: busy-waiting is allowed in any context.
    unsafe { bindings::rwlan_udelay(us as kernel::ffi::c_ulong) }
}
