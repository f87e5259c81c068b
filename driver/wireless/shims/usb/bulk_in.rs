// SPDX-License-Identifier: GPL-2.0

//! A ring of bulk IN transfers that resubmit themselves, and recover
//! from a halted endpoint and from protocol errors.

use super::anchor::{is_protocol_error, is_shutdown, submit, Anchor};
use super::device::Device;
use crate::wireless::bindings;
use core::ptr::NonNull;
use core::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, AtomicU8, Ordering};
use kernel::prelude::*;
use kernel::types::Opaque;

/// Protocol errors in a row after which a ring's URB is no longer retried.
const RX_RETRY_LIMIT: u8 = 4;
/// How long an URB that met a protocol error waits before it is resubmitted,
/// so that a vanishing device does not keep the ring spinning.
const RX_RETRY_DELAY_MS: u32 = 20;
/// Halts cleared in a row, with no transfer completing in between, after
/// which a ring stops clearing them.
const RX_HALT_LIMIT: u32 = 5;
/// Least time between two lines a ring logs, in ns.
const RX_REPORT_INTERVAL_NS: u64 = 1_000_000_000;

/// Receives completed bulk IN transfers, in interrupt context.
pub trait BulkInHandler: Send + Sync + 'static {
    /// A transfer completed with `data`.
    fn received(&self, data: &[u8]);

    /// A transfer failed with `errno` (not counting cancellation). The ring
    /// resubmits it: at once; after a short delay if it met a protocol error
    /// (up to a few times in a row); once the halt is cleared if the
    /// endpoint halted. It does not if the device is going.
    fn failed(&self, _errno: i32) {}
}

/// An [`RxSlot`]'s URB is submitted, or its completion is running.
const SLOT_BUSY: u8 = 0;
/// An [`RxSlot`]'s URB met a protocol error and waits, idle, for the
/// recovery work to resubmit it.
const SLOT_RETRY: u8 = 1;
/// An [`RxSlot`]'s URB is idle until a halt of the endpoint is cleared or
/// the ring is started again.
const SLOT_PARKED: u8 = 2;

/// One URB of a [`BulkInRing`] and the buffer it fills.
///
/// # Invariants
///
/// - `urb` was allocated by `BulkInRing::start`, and the ring's `Drop`
///   frees it once it is idle; it is filled with `buf` and has this slot,
///   pinned, as its context.
/// - `ring` points to the [`RingShared`] whose `slots` hold this slot.
/// - The URB is always submitted on the ring's anchor.
/// - While `state` is [`SLOT_RETRY`] or [`SLOT_PARKED`] the URB is idle and
///   only the ring's recovery work submits it.
struct RxSlot<H: BulkInHandler> {
    urb: NonNull<bindings::urb>,
    buf: KVec<u8>,
    ring: *const RingShared<H>,
    /// [`SLOT_BUSY`], [`SLOT_RETRY`] or [`SLOT_PARKED`].
    state: AtomicU8,
    /// Protocol errors in a row.
    errors: AtomicU8,
}

/// What the URBs of a ring and its recovery work share.
///
/// # Invariants
///
/// - `recovery` is initialised, with [`recover_work::<H>`] as its function,
///   from `BulkInRing::start` on; it is disabled (not queued, not running,
///   queueing it does nothing) before the slots' URBs are freed.
/// - `slots` does not change after the first URB is submitted.
/// - Every URB of `slots` is idle, or submitted on `anchor`.
struct RingShared<H: BulkInHandler> {
    handler: H,
    anchor: Anchor,
    dev: Device,
    endpoint: u8,
    slots: KVec<Pin<KBox<RxSlot<H>>>>,
    /// A transfer failed with EPIPE: the recovery work clears the halt.
    halted: AtomicBool,
    /// A transfer completed since the last halt was cleared.
    progress: AtomicBool,
    /// Halts cleared in a row with no transfer completing in between.
    halts_in_a_row: AtomicU32,
    /// Halts cleared since the ring started.
    recoveries: AtomicU32,
    /// When the ring last logged a line (boot time, ns; 0: never).
    last_report_ns: AtomicU64,
    /// Clears halts and resubmits idle URBs, in process context.
    recovery: Opaque<bindings::delayed_work>,
}

impl<H: BulkInHandler> RingShared<H> {
    /// Queues the recovery work to run in `delay_ms` ms, unless it is
    /// already queued. Callable in atomic context.
    fn schedule_recovery(&self, delay_ms: u32) {
        // SAFETY: the work is initialised and outlives `self` (type
        // invariant); queueing is allowed in any context, and does nothing
        // once the work is disabled.
        unsafe { bindings::rwlan_schedule_delayed_work(self.recovery.get(), delay_ms) };
    }

    /// Whether a line may be logged now: one a second at most, so that a
    /// device failing over and over does not flood the log.
    fn may_report(&self) -> bool {
        let now = crate::wireless::shims::time::boottime_ns();
        let last = self.last_report_ns.load(Ordering::Relaxed);
        if last != 0 && now.wrapping_sub(last) < RX_REPORT_INTERVAL_NS {
            return false;
        }
        self.last_report_ns
            .compare_exchange(last, now.max(1), Ordering::Relaxed, Ordering::Relaxed)
            .is_ok()
    }

    /// Submits the idle URB of `slot` from the recovery work; it is parked
    /// if that fails. Returns whether it was submitted.
    ///
    /// # Safety
    ///
    /// The URB must be idle, and only the caller may submit it meanwhile.
    unsafe fn resubmit(&self, slot: &RxSlot<H>) -> bool {
        slot.state.store(SLOT_BUSY, Ordering::Relaxed);
        // SAFETY: the URB is filled for its slot, which outlives it (type
        // invariants of `RxSlot`); it is idle and ours to submit (the
        // caller's promise).
        let ret = unsafe {
            submit(
                slot.urb.as_ptr(),
                &self.anchor,
                kernel::bindings::GFP_KERNEL,
            )
        };
        if ret != 0 {
            slot.state.store(SLOT_PARKED, Ordering::Relaxed);
        }
        ret == 0
    }

    /// The recovery work: clears a halt and resubmits every URB, or
    /// resubmits the URBs waiting after a protocol error. Sleeps.
    fn recover(&self) {
        if !self.halted.load(Ordering::Acquire) {
            for slot in self.slots.iter() {
                if slot
                    .state
                    .compare_exchange(SLOT_RETRY, SLOT_BUSY, Ordering::Acquire, Ordering::Relaxed)
                    .is_ok()
                {
                    // SAFETY: a slot waiting for a retry has an idle URB
                    // that only this work submits (type invariant of
                    // `RxSlot`); the work does not run twice at once.
                    unsafe { self.resubmit(slot) };
                }
            }
            return;
        }
        // The host controller may still hold URBs for the halted endpoint:
        // they are unlinked first, as `usb_clear_halt` asks. Afterwards no
        // URB of the ring is in flight and no completion runs, so none can
        // report a halt until the URBs are resubmitted below.
        self.anchor.kill_all();
        self.halted.store(false, Ordering::Relaxed);
        for slot in self.slots.iter() {
            slot.state.store(SLOT_PARKED, Ordering::Relaxed);
        }
        let in_a_row = if self.progress.swap(false, Ordering::Relaxed) {
            1
        } else {
            self.halts_in_a_row.load(Ordering::Relaxed) + 1
        };
        self.halts_in_a_row.store(in_a_row, Ordering::Relaxed);
        if in_a_row > RX_HALT_LIMIT {
            if self.may_report() {
                pr_warn!(
                    "bulk IN endpoint {} halted {} times in a row with no transfer between: left halted until restart\n",
                    self.endpoint,
                    in_a_row
                );
            }
            return;
        }
        // SAFETY: the device is valid (we hold a reference); the pipe is
        // the ring's own endpoint, whose URBs are all idle.
        let ret =
            unsafe { bindings::rwlan_usb_clear_bulk_in_halt(self.dev.as_raw(), self.endpoint) };
        if ret != 0 {
            if is_shutdown(ret) {
                return;
            }
            if self.may_report() {
                pr_warn!(
                    "bulk IN endpoint {} halted; clearing it failed: {}\n",
                    self.endpoint,
                    ret
                );
            }
            // Tried again shortly, counting towards the limit above.
            self.halted.store(true, Ordering::Release);
            self.schedule_recovery(RX_RETRY_DELAY_MS);
            return;
        }
        let recoveries = self.recoveries.fetch_add(1, Ordering::Relaxed) + 1;
        let mut resubmitted = 0;
        for slot in self.slots.iter() {
            slot.errors.store(0, Ordering::Relaxed);
            // SAFETY: every URB is idle (killed above) and only this work
            // submits it until it is resubmitted.
            if unsafe { self.resubmit(slot) } {
                resubmitted += 1;
            }
        }
        if self.may_report() {
            pr_info!(
                "bulk IN endpoint {} halted: cleared, {} transfers resubmitted ({} recoveries)\n",
                self.endpoint,
                resubmitted,
                recoveries
            );
        }
    }
}

/// A ring of bulk IN URBs on one endpoint, each resubmitted as soon as its
/// data has been handed to the handler; dropping the ring kills them all.
///
/// A transfer that fails is resubmitted too: at once, or after a short
/// delay if it met a protocol error (a few times in a row at most, so that
/// a device being pulled does not keep the ring spinning), or, if the
/// endpoint halted, once a work item has cleared the halt (which sleeps).
///
/// # Invariants
///
/// - `shared` is pinned, and outlives every run of its recovery work and
///   every URB transfer and completion of the ring: `Drop` disables the
///   work, then kills the URBs, then frees them.
pub struct BulkInRing<H: BulkInHandler> {
    shared: Pin<KBox<RingShared<H>>>,
}

// SAFETY: the ring's URBs are driven by the USB core and its handler is
// `Send + Sync`; the raw pointers in the slots point into the ring itself;
// the rest of what the completions and the work share is atomic.
unsafe impl<H: BulkInHandler> Send for BulkInRing<H> {}
// SAFETY: `&BulkInRing` gives access to the handler only.
unsafe impl<H: BulkInHandler> Sync for BulkInRing<H> {}

impl<H: BulkInHandler> BulkInRing<H> {
    /// Submits `count` transfers of up to `size` bytes on bulk IN endpoint
    /// `endpoint` of `dev`. Sleeps.
    pub fn start(
        dev: &Device,
        endpoint: u8,
        count: usize,
        size: usize,
        handler: H,
    ) -> Result<Self> {
        let len = i32::try_from(size).map_err(|_| EINVAL)?;
        let shared = KBox::pin(
            RingShared {
                handler,
                anchor: Anchor::new()?,
                dev: dev.clone(),
                endpoint,
                slots: KVec::with_capacity(count, GFP_KERNEL)?,
                halted: AtomicBool::new(false),
                progress: AtomicBool::new(false),
                halts_in_a_row: AtomicU32::new(0),
                recoveries: AtomicU32::new(0),
                last_report_ns: AtomicU64::new(0),
                recovery: Opaque::uninit(),
            },
            GFP_KERNEL,
        )?;
        // SAFETY: the work is pinned on the heap with its ring; it is
        // initialised in place before anything can queue it, and the ring's
        // `Drop` disables it before the ring goes.
        unsafe {
            bindings::rwlan_init_delayed_work(shared.recovery.get(), Some(recover_work::<H>))
        };
        let mut ring = Self { shared };
        let ring_ptr: *const RingShared<H> = &*ring.shared;
        for _ in 0..count {
            // SAFETY: allocating an URB without isochronous packets.
            let urb = unsafe { bindings::usb_alloc_urb(0, kernel::bindings::GFP_KERNEL) };
            let urb = NonNull::new(urb).ok_or(ENOMEM)?;
            let buf = KVec::from_elem(0u8, size, GFP_KERNEL).inspect_err(|_| {
                // SAFETY: the URB was allocated above and never submitted.
                unsafe { bindings::usb_free_urb(urb.as_ptr()) }
            })?;
            let mut slot = KBox::pin(
                RxSlot {
                    urb,
                    buf,
                    ring: ring_ptr,
                    state: AtomicU8::new(SLOT_BUSY),
                    errors: AtomicU8::new(0),
                },
                GFP_KERNEL,
            )
            .inspect_err(|_| {
                // SAFETY: as above.
                unsafe { bindings::usb_free_urb(urb.as_ptr()) }
            })?;
            // SAFETY: the slot is pinned and freed only after its URB is
            // killed (see `Drop`); the buffer is `size` bytes long and does
            // not move; the URB is ours and not yet submitted.
            unsafe {
                let s = Pin::get_unchecked_mut(slot.as_mut());
                bindings::rwlan_usb_fill_bulk_urb(
                    urb.as_ptr(),
                    dev.as_raw(),
                    endpoint,
                    true,
                    s.buf.as_mut_ptr().cast(),
                    len,
                    Some(rx_complete::<H>),
                    (s as *mut RxSlot<H>).cast(),
                );
            }
            // SAFETY: nothing is submitted yet, so no completion or work
            // refers to the ring; pushing moves neither the ring nor a slot
            // (each has its own allocation). `Drop` frees the URB from here
            // on.
            let shared = unsafe { Pin::get_unchecked_mut(ring.shared.as_mut()) };
            if let Err(e) = shared.slots.push(slot, GFP_KERNEL) {
                // SAFETY: the URB was never submitted and is not in `slots`.
                unsafe { bindings::usb_free_urb(urb.as_ptr()) };
                return Err(e.into());
            }
        }
        for slot in ring.shared.slots.iter() {
            // SAFETY: the URB is filled and its slot and ring outlive it.
            let ret = unsafe {
                submit(
                    slot.urb.as_ptr(),
                    &ring.shared.anchor,
                    kernel::bindings::GFP_KERNEL,
                )
            };
            if ret != 0 {
                pr_err!("submitting a bulk IN transfer failed: {}\n", ret);
                return Err(Error::from_errno(ret));
            }
        }
        Ok(ring)
    }

    /// The handler the ring calls.
    pub fn handler(&self) -> &H {
        &self.shared.handler
    }
}

impl<H: BulkInHandler> Drop for BulkInRing<H> {
    fn drop(&mut self) {
        // The work submits URBs and completions queue the work, so the work
        // goes first: after this it is not queued, not running, and
        // completions that try to queue it do nothing.
        // SAFETY: the work was initialised in `start` (type invariant of
        // `RingShared`).
        unsafe { bindings::disable_delayed_work_sync(self.shared.recovery.get()) };
        // Then no URB of the ring is in flight or completing, and
        // resubmissions from completions that raced with it have failed.
        self.shared.anchor.kill_all();
        for slot in self.shared.slots.iter() {
            // SAFETY: the URB is ours and idle; this drops our reference.
            unsafe { bindings::usb_free_urb(slot.urb.as_ptr()) };
        }
    }
}

/// Completion of a [`BulkInRing`] transfer.
///
/// # Safety
///
/// Only the USB core calls this, for an URB filled by `BulkInRing::start`.
unsafe extern "C" fn rx_complete<H: BulkInHandler>(urb: *mut bindings::urb) {
    // SAFETY: the context is the URB's slot, and the slot's ring outlives
    // every URB on its anchor (the ring kills them before it goes).
    let (slot, status, actual) = unsafe {
        let slot = &*(*urb).context.cast::<RxSlot<H>>();
        (slot, (*urb).status, (*urb).actual_length as usize)
    };
    // SAFETY: as above.
    let ring = unsafe { &*slot.ring };
    if is_shutdown(status) {
        return;
    }
    if status == 0 {
        slot.errors.store(0, Ordering::Relaxed);
        ring.progress.store(true, Ordering::Relaxed);
        // The buffer is not in use by the device until we resubmit.
        ring.handler
            .received(&slot.buf[..actual.min(slot.buf.len())]);
    } else {
        ring.handler.failed(status);
        if -status as u32 == kernel::bindings::EPIPE {
            // A halted endpoint fails every transfer until the host clears
            // the halt, which sleeps: the work does it, then resubmits.
            slot.state.store(SLOT_PARKED, Ordering::Relaxed);
            ring.halted.store(true, Ordering::Release);
            ring.schedule_recovery(0);
            return;
        }
        if is_protocol_error(status) {
            let errors = slot.errors.load(Ordering::Relaxed).saturating_add(1);
            slot.errors.store(errors, Ordering::Relaxed);
            if errors > RX_RETRY_LIMIT {
                slot.state.store(SLOT_PARKED, Ordering::Relaxed);
                if ring.may_report() {
                    pr_warn!(
                        "bulk IN transfer on endpoint {} failed {} times in a row ({}): parked until restart\n",
                        ring.endpoint,
                        errors,
                        status
                    );
                }
                return;
            }
            // The work resubmits it: at once would spin while a device
            // that is going away keeps failing until the hub notices.
            slot.state.store(SLOT_RETRY, Ordering::Release);
            ring.schedule_recovery(RX_RETRY_DELAY_MS);
            return;
        }
    }
    // SAFETY: the URB is still filled for its slot, which outlives it.
    let ret = unsafe { submit(urb, &ring.anchor, kernel::bindings::GFP_ATOMIC) };
    if ret != 0 {
        slot.state.store(SLOT_PARKED, Ordering::Relaxed);
        if !is_shutdown(ret) && ret != -(bindings::EPERM as i32) {
            pr_warn!("resubmitting a bulk IN transfer failed: {}\n", ret);
        }
    }
}

/// The recovery work of a [`BulkInRing`].
///
/// # Safety
///
/// Only the workqueue calls this, for the `recovery` work of a
/// `RingShared<H>` (initialised in `BulkInRing::start`).
unsafe extern "C" fn recover_work<H: BulkInHandler>(work: *mut bindings::work_struct) {
    // SAFETY: the only work with this function is the `recovery` field of a
    // `RingShared<H>`; a delayed work starts with its work item, so stepping
    // back by the field's offset gives the ring, which lives until the work
    // is disabled in `BulkInRing::drop`, which waits for this run.
    let ring = unsafe {
        &*work
            .cast::<u8>()
            .sub(core::mem::offset_of!(RingShared<H>, recovery))
            .cast::<RingShared<H>>()
    };
    ring.recover();
}
