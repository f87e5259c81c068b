// SPDX-License-Identifier: GPL-2.0

//! The hardware's timer and delayed work, and the gate that keeps them
//! from outliving a started hardware.

use super::hw::Hw;
use super::ops::Ops;
use crate::wireless::bindings;

impl<T: Ops> Hw<T> {
    pub(super) fn timer(&self) -> *mut bindings::hrtimer {
        self.private().timer.get()
    }

    pub(super) fn gate(&self) -> *mut bindings::rwlan_gate {
        self.private().gate.get()
    }

    /// (Re)starts the hardware's timer to expire in `ns`; false (and
    /// nothing done) unless the hardware is started.
    pub fn timer_start(&self, ns: u64) -> bool {
        // SAFETY: the timer and gate were initialised by `AllocatedHw::new`
        // and live as long as the hw; the gate arms the timer only while
        // the hardware is started (`HwPriv`'s invariant).
        unsafe { bindings::rwlan_gate_timer_start(self.gate(), self.timer(), ns) }
    }

    /// Whether the timer is queued.
    pub fn timer_queued(&self) -> bool {
        // SAFETY: as in `timer_start`.
        unsafe { bindings::rwlan_hrtimer_is_queued(self.timer()) }
    }

    /// Stops the timer and waits for a running expiry to finish. Must not
    /// be called from the timer's own expiry.
    pub fn timer_cancel(&self) {
        // SAFETY: as in `timer_start`.
        unsafe { bindings::hrtimer_cancel(self.timer()) };
    }

    pub(super) fn work_item(&self) -> *mut bindings::delayed_work {
        self.private().work.get()
    }

    /// Has [`Ops::work`] run in `delay_ms` on mac80211's workqueue (unless
    /// it is queued already); any context. False (and nothing done) unless
    /// the hardware is started.
    pub fn queue_work(&self, delay_ms: u32) -> bool {
        // SAFETY: the work and gate were initialised by `AllocatedHw::new`;
        // the gate queues only while the hardware is started, when
        // mac80211's workqueue exists, and the stop callback cancels the
        // work before unregistration can destroy the queue (`HwPriv`'s
        // invariant). Queueing is allowed from any context.
        unsafe {
            bindings::rwlan_gate_queue_work(self.gate(), self.as_raw(), self.work_item(), delay_ms)
        }
    }

    /// Closes the gate, then stops the timer and cancels the work, waiting
    /// for a running expiry or work to finish. Sleeps.
    pub(super) fn stop_deferred(&self) {
        // SAFETY: all three were initialised by `AllocatedHw::new`; once
        // the gate is closed nothing re-arms them, and a timer a running
        // expiry restarts is cancelled by `hrtimer_cancel`'s loop.
        unsafe {
            bindings::rwlan_gate_set(self.gate(), false);
            bindings::hrtimer_cancel(self.timer());
            bindings::cancel_delayed_work_sync(self.work_item());
        }
    }

    /// Cancels the delayed work and waits for a running [`Ops::work`] to
    /// finish. Sleeps; must not be called from [`Ops::work`] itself.
    pub fn cancel_work(&self) {
        // SAFETY: as in `queue_work`.
        unsafe { bindings::cancel_delayed_work_sync(self.work_item()) };
    }
}
