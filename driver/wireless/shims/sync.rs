// SPDX-License-Identifier: GPL-2.0

//! Running code with bottom halves disabled, or in an RCU read section.
//!
//! A lock also taken from soft-interrupt context (a mac80211 `tx` callback,
//! a soft hrtimer) must be taken in process context with bottom halves off,
//! or a soft interrupt on the same CPU could deadlock on it.

use crate::wireless::bindings;

/// Runs `f` with bottom halves (soft interrupts) disabled on this CPU.
pub fn with_bh_disabled<R>(f: impl FnOnce() -> R) -> R {
    struct Enable;
    impl Drop for Enable {
        fn drop(&mut self) {
            // SAFETY: paired with the `local_bh_disable` below.
            unsafe { bindings::rwlan_local_bh_enable() }
        }
    }
    // SAFETY: always allowed in process context; re-enabled by `Enable`.
    unsafe { bindings::rwlan_local_bh_disable() };
    let _enable = Enable;
    f()
}

/// Runs `f` in an RCU read section; `f` must not sleep. Any context.
pub fn with_rcu_read_lock<R>(f: impl FnOnce() -> R) -> R {
    struct ReadSection;
    impl Drop for ReadSection {
        fn drop(&mut self) {
            // SAFETY: paired with the lock below.
            unsafe { bindings::rwlan_rcu_read_unlock() }
        }
    }
    // SAFETY: RCU read sections may be entered from any context.
    unsafe { bindings::rwlan_rcu_read_lock() };
    let _section = ReadSection;
    f()
}
