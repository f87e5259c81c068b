// SPDX-License-Identifier: GPL-2.0

//! References to a hardware from code outside mac80211's callbacks.

use super::hw::Hw;
use super::ops::Ops;
use crate::wireless::bindings;
use crate::wireless::shims::sync::with_rcu_read_lock;
use core::marker::PhantomData;
use core::sync::atomic::{AtomicBool, AtomicPtr, Ordering};
use kernel::sync::Arc;

/// Liveness of a hardware, for [`HwRef`].
///
/// # Invariants
///
/// `hw` is null or a registered hardware of the `T` the [`HwRef`]s are
/// for. It is cleared before the hardware is unregistered, and if
/// `referenced` is set by then an RCU grace period passes in between. All
/// four accesses that decide this are `SeqCst`: if `Registration::drop`
/// reads `referenced` as false, a `HwRef` made later reads `hw` as null.
pub(super) struct Liveness {
    pub(super) hw: AtomicPtr<bindings::ieee80211_hw>,
    /// A `HwRef` was made (if not, there is no reader to wait for).
    pub(super) referenced: AtomicBool,
}

/// A reference to a hardware for code running outside mac80211's callbacks
/// (URB completions): usable while the hardware is registered, a no-op
/// after, whatever outlives what.
pub struct HwRef<T: Ops> {
    pub(super) live: Arc<Liveness>,
    pub(super) _data: PhantomData<T>,
}

impl<T: Ops> Clone for HwRef<T> {
    fn clone(&self) -> Self {
        Self {
            live: self.live.clone(),
            _data: PhantomData,
        }
    }
}

impl<T: Ops> HwRef<T> {
    /// Calls `f` with the hardware if it is still registered; `f` runs in
    /// an RCU read section, so it must not sleep. Any context.
    pub fn with<R>(&self, f: impl FnOnce(&Hw<T>) -> R) -> Option<R> {
        with_rcu_read_lock(|| {
            let hw = self.live.hw.load(Ordering::SeqCst);
            if hw.is_null() {
                return None;
            }
            // SAFETY: a non-null pointer read in the read section stays a
            // registered hw of `T` until the section ends: `Registration`
            // clears it and waits for a grace period before unregistering.
            Some(f(unsafe { Hw::from_raw(hw) }))
        })
    }
}
