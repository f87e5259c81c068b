// SPDX-License-Identifier: GPL-2.0

//! USB drivers: a [`Driver`] trait with an ID table exported as module
//! aliases, probe and disconnect that own the driver's data, vendor control
//! requests, and bulk transfers whose completions call into safe Rust.
//!
//! The shape is that of `kernel::net::phy`: a trait, a private adapter of
//! `extern "C"` trampolines that fills `struct usb_driver`, and wrappers over
//! the C structures.
//!
//! URBs belong to an [`Anchor`]. Dropping a [`BulkInRing`] or killing a
//! [`BulkOut`]'s anchor waits until no transfer of theirs is in flight and
//! no completion runs, so the buffers and handlers a completion uses always
//! outlive it, whether the device stays or is pulled mid-transfer. A
//! [`BulkInRing`] recovers from a halted endpoint and from protocol errors
//! with a work item of its own, which its `Drop` disables first.

use super::bindings;
use super::skb::{OwnedSkb, SkBuff};
use core::marker::PhantomData;
use core::ptr::{self, NonNull};
use core::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, AtomicU8, Ordering};
use kernel::error::to_result;
use kernel::prelude::*;
use kernel::str::CStr;
use kernel::types::Opaque;

/// One entry of a driver's ID table (`struct usb_device_id`).
#[repr(transparent)]
pub(crate) struct DeviceId(bindings::usb_device_id);

impl DeviceId {
    /// Matches the device `vendor:product`; `info` is handed to `probe`.
    pub(crate) const fn new(vendor: u16, product: u16, info: usize) -> Self {
        // SAFETY: all-zero is a valid `usb_device_id` (matches nothing).
        let mut id: bindings::usb_device_id = unsafe { core::mem::zeroed() };
        id.match_flags = (bindings::USB_DEVICE_ID_MATCH_VENDOR
            | bindings::USB_DEVICE_ID_MATCH_PRODUCT) as u16;
        id.idVendor = vendor;
        id.idProduct = product;
        id.driver_info = info as _;
        Self(id)
    }

    /// The all-zero entry that ends a table.
    pub(crate) const END: Self = {
        // SAFETY: as in `new`.
        Self(unsafe { core::mem::zeroed() })
    };
}

/// Declares a driver's USB ID table as `$name`, under the symbol modpost
/// turns into `usb:vVVVVpPPPP*` module aliases (what `MODULE_DEVICE_TABLE`
/// does in C), so that udev loads the module for these devices. The table
/// ends with [`DeviceId::END`], added here.
macro_rules! usb_device_table {
    ($name:ident, $symbol:literal, [$(($vendor:expr, $product:expr, $info:expr)),* $(,)?]) => {
        #[used]
        #[export_name = $symbol]
        static $name: [$crate::wireless::usb::DeviceId;
            [$(($vendor, $product)),*].len() + 1] = [
            $($crate::wireless::usb::DeviceId::new($vendor, $product, $info),)*
            $crate::wireless::usb::DeviceId::END,
        ];
    };
}
pub(crate) use usb_device_table;

/// A USB device (`struct usb_device`), kept alive by a reference count.
pub(crate) struct Device {
    ptr: NonNull<bindings::usb_device>,
}

// SAFETY: the USB core's functions on a device may be called from any
// thread; each serialises what it needs.
unsafe impl Send for Device {}
// SAFETY: as above.
unsafe impl Sync for Device {}

/// Vendor-specific, device-recipient control request, device to host.
const VENDOR_IN: u8 = (bindings::USB_DIR_IN | bindings::USB_TYPE_VENDOR) as u8;
/// Vendor-specific, device-recipient control request, host to device.
const VENDOR_OUT: u8 = (bindings::USB_DIR_OUT | bindings::USB_TYPE_VENDOR) as u8;

impl Device {
    fn as_raw(&self) -> *mut bindings::usb_device {
        self.ptr.as_ptr()
    }

    /// The product ID from the device descriptor.
    pub(crate) fn product_id(&self) -> u16 {
        // SAFETY: the device is valid (we hold a reference); its descriptor
        // is read once at enumeration and fixed after.
        unsafe { bindings::rwlan_usb_product_id(self.as_raw()) }
    }

    /// A vendor control request reading `buf.len()` bytes from the device
    /// on endpoint 0; a short answer is an error. Sleeps.
    pub(crate) fn vendor_read(
        &self,
        request: u8,
        value: u16,
        index: u16,
        buf: &mut [u8],
        timeout_ms: u16,
    ) -> Result {
        let len = u16::try_from(buf.len()).map_err(|_| EINVAL)?;
        // SAFETY: the device is valid; `buf` is writable for `len` bytes and
        // `usb_control_msg_recv` bounces it through a DMA-able copy.
        to_result(unsafe {
            bindings::usb_control_msg_recv(
                self.as_raw(),
                0,
                request,
                VENDOR_IN,
                value,
                index,
                buf.as_mut_ptr().cast(),
                len,
                timeout_ms.into(),
                kernel::bindings::GFP_KERNEL,
            )
        })
    }

    /// A vendor control request writing `data` to the device on endpoint 0.
    /// Sleeps.
    pub(crate) fn vendor_write(
        &self,
        request: u8,
        value: u16,
        index: u16,
        data: &[u8],
        timeout_ms: u16,
    ) -> Result {
        let len = u16::try_from(data.len()).map_err(|_| EINVAL)?;
        // SAFETY: the device is valid; `data` is readable for `len` bytes and
        // `usb_control_msg_send` copies it before the transfer.
        to_result(unsafe {
            bindings::usb_control_msg_send(
                self.as_raw(),
                0,
                request,
                VENDOR_OUT,
                value,
                index,
                data.as_ptr().cast(),
                len,
                timeout_ms.into(),
                kernel::bindings::GFP_KERNEL,
            )
        })
    }
}

impl Clone for Device {
    fn clone(&self) -> Self {
        // SAFETY: the device is valid; the new reference is dropped by the
        // clone's `Drop`.
        unsafe { bindings::usb_get_dev(self.as_raw()) };
        Self { ptr: self.ptr }
    }
}

impl Drop for Device {
    fn drop(&mut self) {
        // SAFETY: we hold one reference, taken in `clone` or
        // `Interface::device`.
        unsafe { bindings::usb_put_dev(self.as_raw()) }
    }
}

/// A USB interface a driver is bound to (`struct usb_interface`), seen
/// during `probe` and `disconnect`.
#[repr(transparent)]
pub(crate) struct Interface(Opaque<bindings::usb_interface>);

impl Interface {
    /// # Safety
    ///
    /// `ptr` must point to a valid interface for `'a`.
    unsafe fn from_raw<'a>(ptr: *mut bindings::usb_interface) -> &'a Self {
        // SAFETY: transparent wrapper; validity is the caller's promise.
        unsafe { &*ptr.cast() }
    }

    fn as_raw(&self) -> *mut bindings::usb_interface {
        self.0.get()
    }

    /// The device the interface belongs to, with a reference of its own.
    pub(crate) fn device(&self) -> Device {
        // SAFETY: the interface is valid and so is its parent device; the
        // reference taken here is released by `Device`'s `Drop`.
        let udev = unsafe { bindings::usb_get_dev(bindings::rwlan_interface_to_usbdev(self.as_raw())) };
        Device {
            // SAFETY: an interface always has a parent device.
            ptr: unsafe { NonNull::new_unchecked(udev) },
        }
    }

    /// The interface's `struct device`, as a parent for other devices.
    pub(super) fn dev_raw(&self) -> *mut bindings::device {
        // SAFETY: the interface is valid; only a field address is taken.
        unsafe { bindings::rwlan_usb_interface_dev(self.as_raw()) }
    }
}

/// A USB driver: what it binds to and what it does on probe and disconnect.
pub(crate) trait Driver: 'static {
    /// What the driver keeps while it is bound to an interface; dropped
    /// after `disconnect`.
    type Data: Send + Sync;

    /// The devices the driver binds to (a [`usb_device_table!`] table).
    const ID_TABLE: &'static [DeviceId];

    /// Binds to `intf`; `info` is the matching ID entry's value.
    fn probe(intf: &Interface, info: usize) -> Result<KBox<Self::Data>>;

    /// The interface goes away (unbound, or the device was unplugged).
    fn disconnect(_intf: &Interface, _data: &Self::Data) {}
}

struct Adapter<T: Driver>(PhantomData<T>);

impl<T: Driver> Adapter<T> {
    /// # Safety
    ///
    /// Only the USB core calls this, for a driver registered by
    /// [`Registration`], with a valid interface and the matching ID entry.
    unsafe extern "C" fn probe_callback(
        intf: *mut bindings::usb_interface,
        id: *const bindings::usb_device_id,
    ) -> kernel::ffi::c_int {
        // SAFETY: the USB core passes a valid interface and ID entry for the
        // duration of the call.
        let (iface, info) = unsafe { (Interface::from_raw(intf), (*id).driver_info as usize) };
        match T::probe(iface, info) {
            Ok(data) => {
                // SAFETY: the interface is valid; the pointer is taken back
                // exactly once, in `disconnect_callback`.
                unsafe { bindings::rwlan_usb_set_intfdata(intf, KBox::into_raw(data).cast()) };
                0
            }
            Err(e) => e.to_errno(),
        }
    }

    /// # Safety
    ///
    /// Only the USB core calls this, for an interface `probe_callback`
    /// bound successfully.
    unsafe extern "C" fn disconnect_callback(intf: *mut bindings::usb_interface) {
        // SAFETY: the interface is valid; its data is the box `probe`
        // stored, taken back and cleared here once.
        let (iface, data) = unsafe {
            let data = bindings::rwlan_usb_get_intfdata(intf).cast::<T::Data>();
            bindings::rwlan_usb_set_intfdata(intf, ptr::null_mut());
            (Interface::from_raw(intf), data)
        };
        if data.is_null() {
            return;
        }
        // SAFETY: `data` came from `KBox::into_raw` in `probe_callback`.
        let data = unsafe { KBox::from_raw(data) };
        T::disconnect(iface, &data);
        drop(data);
    }
}

/// A registered USB driver; dropping it unregisters it (disconnecting every
/// interface it is bound to).
pub(crate) struct Registration<T: Driver> {
    drv: Pin<KBox<Opaque<bindings::usb_driver>>>,
    _driver: PhantomData<T>,
}

// SAFETY: a registered driver may be unregistered from any thread.
unsafe impl<T: Driver> Send for Registration<T> {}
// SAFETY: `&Registration` gives no access to anything.
unsafe impl<T: Driver> Sync for Registration<T> {}

impl<T: Driver> Registration<T> {
    /// Registers driver `name` for the devices in `T::ID_TABLE`.
    pub(crate) fn register(name: &'static CStr) -> Result<Self> {
        if !matches!(T::ID_TABLE.last(), Some(id) if id.0.match_flags == 0) {
            pr_err!("USB ID table of {} does not end with DeviceId::END\n", name);
            return Err(EINVAL);
        }
        let drv = KBox::pin(Opaque::<bindings::usb_driver>::uninit(), GFP_KERNEL)?;
        // SAFETY: the driver is pinned on the heap until `drop` unregisters
        // it; a zeroed driver with a name, ID table, probe and disconnect is
        // what `usb_register` accepts. The table is `'static`.
        unsafe {
            let raw = drv.get();
            ptr::write_bytes(raw, 0, 1);
            (*raw).name = name.as_char_ptr();
            (*raw).id_table = T::ID_TABLE.as_ptr().cast();
            (*raw).probe = Some(Adapter::<T>::probe_callback);
            (*raw).disconnect = Some(Adapter::<T>::disconnect_callback);
            // As the C drivers of USB Wi-Fi dongles: link power management
            // initiated by the hub costs latency on every frame.
            (*raw).set_disable_hub_initiated_lpm(1);
            to_result(bindings::rwlan_usb_register(raw))
                .inspect_err(|e| pr_err!("usb_register({}) failed: {:?}\n", name, e))?;
        }
        Ok(Self {
            drv,
            _driver: PhantomData,
        })
    }
}

impl<T: Driver> Drop for Registration<T> {
    fn drop(&mut self) {
        // SAFETY: registered in `register`; this disconnects every bound
        // interface before it returns.
        unsafe { bindings::usb_deregister(self.drv.get()) }
    }
}

/// A set of URBs that can all be killed at once (`struct usb_anchor`).
pub(crate) struct Anchor {
    inner: Pin<KBox<Opaque<bindings::usb_anchor>>>,
}

// SAFETY: anchors are protected by their own spinlock.
unsafe impl Send for Anchor {}
// SAFETY: as above.
unsafe impl Sync for Anchor {}

impl Anchor {
    /// An empty anchor.
    pub(crate) fn new() -> Result<Self> {
        let inner = KBox::pin(Opaque::<bindings::usb_anchor>::uninit(), GFP_KERNEL)?;
        // SAFETY: the anchor is pinned on the heap; initialising it in place
        // is what `init_usb_anchor` is for.
        unsafe { bindings::rwlan_init_usb_anchor(inner.get()) };
        Ok(Self { inner })
    }

    fn as_raw(&self) -> *mut bindings::usb_anchor {
        self.inner.get()
    }

    /// Cancels every URB on the anchor and waits until their completions
    /// have run, including URBs a completion resubmits meanwhile. Sleeps.
    pub(crate) fn kill_all(&self) {
        // SAFETY: the anchor is initialised and lives as long as `self`.
        unsafe { bindings::usb_kill_anchored_urbs(self.as_raw()) }
    }
}

impl Drop for Anchor {
    fn drop(&mut self) {
        // No URB may outlive the anchor it is on.
        self.kill_all();
    }
}

/// Whether a completion status means the transfer was cancelled or the
/// device is gone, so that resubmitting is pointless.
fn is_shutdown(status: i32) -> bool {
    matches!(
        -status as u32,
        bindings::ENOENT | bindings::ECONNRESET | bindings::ESHUTDOWN | bindings::ENODEV
    )
}

/// Whether a failed transfer met a protocol error (bad CRC or bit
/// stuffing, no answer in time). A glitch on the bus causes one; a device
/// being pulled causes them until the hub notices it is gone.
fn is_protocol_error(status: i32) -> bool {
    matches!(
        -status as u32,
        kernel::bindings::EPROTO | kernel::bindings::EILSEQ | kernel::bindings::ETIME
    )
}

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
pub(crate) trait BulkInHandler: Send + Sync + 'static {
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
        let now = super::time::boottime_ns();
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
        let ret = unsafe { submit(slot.urb.as_ptr(), &self.anchor, kernel::bindings::GFP_KERNEL) };
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
        let ret = unsafe { bindings::rwlan_usb_clear_bulk_in_halt(self.dev.as_raw(), self.endpoint) };
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
pub(crate) struct BulkInRing<H: BulkInHandler> {
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
    pub(crate) fn start(
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
        unsafe { bindings::rwlan_init_delayed_work(shared.recovery.get(), Some(recover_work::<H>)) };
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
                submit(slot.urb.as_ptr(), &ring.shared.anchor, kernel::bindings::GFP_KERNEL)
            };
            if ret != 0 {
                pr_err!("submitting a bulk IN transfer failed: {}\n", ret);
                return Err(Error::from_errno(ret));
            }
        }
        Ok(ring)
    }

    /// The handler the ring calls.
    pub(crate) fn handler(&self) -> &H {
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

/// Anchors and submits `urb`, unanchoring it again if submission fails.
///
/// # Safety
///
/// `urb` must be filled, and whatever its completion uses must outlive it.
unsafe fn submit(urb: *mut bindings::urb, anchor: &Anchor, gfp: bindings::gfp_t) -> i32 {
    // SAFETY: the caller's promise; the anchor is initialised.
    unsafe {
        bindings::usb_anchor_urb(urb, anchor.as_raw());
        let ret = bindings::usb_submit_urb(urb, gfp);
        if ret != 0 {
            bindings::usb_unanchor_urb(urb);
        }
        ret
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
        ring.handler.received(&slot.buf[..actual.min(slot.buf.len())]);
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

/// What happens when a bulk OUT transfer of a `B` is over, in interrupt
/// context.
pub(crate) trait TxDone<B: OwnedSkb = SkBuff>: Send + 'static {
    /// The transfer of `buf` finished: `Ok` if the device took all of it.
    fn done(self, buf: B, status: Result);
}

/// One bulk OUT transfer in flight: its frame and what to do after.
struct TxSlot<B: OwnedSkb, D: TxDone<B>> {
    buf: B,
    done: D,
}

/// Bulk OUT transfers of socket buffers, one URB each; `kill_all` (or
/// dropping it) cancels those in flight.
pub(crate) struct BulkOut {
    dev: Device,
    anchor: Anchor,
}

impl BulkOut {
    /// Transfers to bulk OUT endpoints of `dev`.
    pub(crate) fn new(dev: &Device) -> Result<Self> {
        Ok(Self {
            dev: dev.clone(),
            anchor: Anchor::new()?,
        })
    }

    /// Sends `buf` (ending the transfer with a zero-length packet if its
    /// length is a multiple of the packet size) to `endpoint`; `done` gets
    /// it back when the transfer is over. Callable in atomic context. On
    /// error the buffer is returned undelivered.
    pub(crate) fn send<B: OwnedSkb, D: TxDone<B>>(
        &self,
        endpoint: u8,
        buf: B,
        done: D,
    ) -> Result<(), B> {
        let Ok(len) = i32::try_from(buf.skb().len()) else {
            return Err(buf);
        };
        // SAFETY: allocating an URB without isochronous packets, atomically.
        let urb = unsafe { bindings::usb_alloc_urb(0, kernel::bindings::GFP_ATOMIC) };
        if urb.is_null() {
            return Err(buf);
        }
        let slot = match KBox::<TxSlot<B, D>>::new_uninit(GFP_ATOMIC) {
            Ok(slot) => KBox::into_raw(slot.write(TxSlot { buf, done })),
            Err(_) => {
                // SAFETY: the URB was never submitted.
                unsafe { bindings::usb_free_urb(urb) };
                return Err(buf);
            }
        };
        // SAFETY: the slot is leaked until the completion takes it back (or
        // until submission fails, below); the frame's data stays put while
        // the slot owns it; the URB is ours.
        let ret = unsafe {
            bindings::rwlan_usb_fill_bulk_urb(
                urb,
                self.dev.as_raw(),
                endpoint,
                false,
                (*(*slot).buf.skb().as_raw()).data.cast(),
                len,
                Some(tx_complete::<B, D>),
                slot.cast(),
            );
            (*urb).transfer_flags |= bindings::URB_ZERO_PACKET;
            let ret = submit(urb, &self.anchor, kernel::bindings::GFP_ATOMIC);
            // The core and the anchor hold the URB while it is in flight.
            bindings::usb_free_urb(urb);
            ret
        };
        if ret != 0 {
            // SAFETY: submission failed, so the completion will not run and
            // the slot is still ours.
            let slot = unsafe { KBox::from_raw(slot) };
            return Err(KBox::into_inner(slot).buf);
        }
        Ok(())
    }

    /// Cancels every transfer in flight and waits for their completions.
    /// Sleeps.
    pub(crate) fn kill_all(&self) {
        self.anchor.kill_all();
    }
}

/// Completion of a [`BulkOut`] transfer.
///
/// # Safety
///
/// Only the USB core calls this, for an URB filled by `BulkOut::send`.
unsafe extern "C" fn tx_complete<B: OwnedSkb, D: TxDone<B>>(urb: *mut bindings::urb) {
    // SAFETY: the context is the slot `send` leaked for this URB; it is
    // taken back once, here.
    let (slot, status) = unsafe {
        (
            KBox::from_raw((*urb).context.cast::<TxSlot<B, D>>()),
            (*urb).status,
        )
    };
    let TxSlot { buf, done } = KBox::into_inner(slot);
    done.done(buf, if status == 0 { Ok(()) } else { Err(Error::from_errno(status)) });
}

/// Receives the answer to a [`VendorReader`] request, in interrupt context.
pub(crate) trait VendorReadHandler: Send + Sync + 'static {
    /// What a submission hands to its completion.
    type Context: Send;

    /// The request submitted with `ctx` finished: the bytes read (all that
    /// were asked for), or why not.
    fn read_done(&self, ctx: Self::Context, result: Result<&[u8]>);
}

/// Most bytes a [`VendorReader`] reads.
const VENDOR_READ_MAX: usize = 8;

/// What a [`VendorReader`]'s URB and completion use.
struct ReaderInner<H: VendorReadHandler> {
    urb: NonNull<bindings::urb>,
    /// The setup packet and the data buffer, both DMA-able.
    setup: KBox<bindings::usb_ctrlrequest>,
    buf: KVec<u8>,
    /// A request is in flight; whoever sets it owns `ctx`.
    busy: core::sync::atomic::AtomicBool,
    ctx: core::cell::UnsafeCell<Option<H::Context>>,
    handler: H,
    anchor: Anchor,
}

/// One vendor control read (the same request each time) that may be
/// submitted from any context, one at a time; its answer goes to a
/// [`VendorReadHandler`]. Dropping it (or `kill`) cancels the request in
/// flight and waits for its completion.
pub(crate) struct VendorReader<H: VendorReadHandler> {
    inner: Pin<KBox<ReaderInner<H>>>,
}

// SAFETY: the URB is driven by the USB core; `ctx` is only touched by the
// owner of `busy` (see `submit` and `read_complete`); the handler is
// `Send + Sync`.
unsafe impl<H: VendorReadHandler> Send for VendorReader<H> {}
// SAFETY: as above.
unsafe impl<H: VendorReadHandler> Sync for VendorReader<H> {}

impl<H: VendorReadHandler> VendorReader<H> {
    /// Prepares request `request` (`value`, `index`) reading `len` bytes
    /// from `dev`. Sleeps.
    pub(crate) fn new(
        dev: &Device,
        request: u8,
        value: u16,
        index: u16,
        len: usize,
        handler: H,
    ) -> Result<Self> {
        if len == 0 || len > VENDOR_READ_MAX {
            return Err(EINVAL);
        }
        // SAFETY: all-zero is a valid setup packet; it is filled below.
        let setup = unsafe { core::mem::zeroed::<bindings::usb_ctrlrequest>() };
        let mut setup = KBox::new(setup, GFP_KERNEL)?;
        let mut buf = KVec::from_elem(0u8, len, GFP_KERNEL)?;
        // Heap allocations: they stay put when their owners move below.
        let setup_ptr: *mut bindings::usb_ctrlrequest = &mut *setup;
        let buf_ptr = buf.as_mut_ptr();
        let anchor = Anchor::new()?;
        // SAFETY: allocating an URB without isochronous packets.
        let urb = unsafe { bindings::usb_alloc_urb(0, kernel::bindings::GFP_KERNEL) };
        let urb = NonNull::new(urb).ok_or(ENOMEM)?;
        let inner = KBox::pin(
            ReaderInner {
                urb,
                setup,
                buf,
                busy: core::sync::atomic::AtomicBool::new(false),
                ctx: core::cell::UnsafeCell::new(None),
                handler,
                anchor,
            },
            GFP_KERNEL,
        )
        .inspect_err(|_| {
            // SAFETY: the URB was allocated above and never submitted.
            unsafe { bindings::usb_free_urb(urb.as_ptr()) }
        })?;
        let reader = Self { inner };
        let context: *const ReaderInner<H> = &*reader.inner;
        // SAFETY: the setup packet and buffer belong to the pinned inner
        // part, which outlives the URB's transfers (`Drop` kills them
        // first) and is only read through `context`; the URB is ours and
        // not yet submitted.
        unsafe {
            bindings::rwlan_usb_fill_vendor_read_urb(
                urb.as_ptr(),
                dev.as_raw(),
                setup_ptr,
                request,
                value,
                index,
                buf_ptr.cast(),
                len as u16,
                Some(read_complete::<H>),
                context.cast_mut().cast(),
            );
        }
        Ok(reader)
    }

    /// The handler answers go to.
    pub(crate) fn handler(&self) -> &H {
        &self.inner.handler
    }

    /// Submits the request, whose completion gets `ctx`. Callable in atomic
    /// context. Fails with `EBUSY` while a request is in flight, or with
    /// the USB core's error; either way `ctx` comes back.
    pub(crate) fn submit(&self, ctx: H::Context) -> Result<(), (Error, H::Context)> {
        use core::sync::atomic::Ordering;
        let inner = &*self.inner;
        if inner.busy.swap(true, Ordering::Acquire) {
            return Err((EBUSY, ctx));
        }
        // SAFETY: setting `busy` made us the only user of `ctx` until the
        // completion (or the failure below) clears it.
        unsafe { *inner.ctx.get() = Some(ctx) };
        // SAFETY: the URB is filled and what its completion uses lives in
        // `inner`, which outlives it.
        let ret =
            unsafe { submit(inner.urb.as_ptr(), &inner.anchor, kernel::bindings::GFP_ATOMIC) };
        if ret != 0 {
            // SAFETY: submission failed, so no completion runs; we still own
            // `ctx`.
            let ctx = unsafe { (*inner.ctx.get()).take() };
            inner.busy.store(false, Ordering::Release);
            return match ctx {
                Some(ctx) => Err((Error::from_errno(ret), ctx)),
                // Unreachable: stored above.
                None => Ok(()),
            };
        }
        Ok(())
    }

    /// Cancels the request in flight, if any, and waits for its completion.
    /// Sleeps.
    pub(crate) fn kill(&self) {
        self.inner.anchor.kill_all();
    }
}

impl<H: VendorReadHandler> Drop for VendorReader<H> {
    fn drop(&mut self) {
        self.inner.anchor.kill_all();
        // SAFETY: the URB is ours and idle; this drops our reference.
        unsafe { bindings::usb_free_urb(self.inner.urb.as_ptr()) };
    }
}

/// Completion of a [`VendorReader`] request.
///
/// # Safety
///
/// Only the USB core calls this, for the URB of a `VendorReader`.
unsafe extern "C" fn read_complete<H: VendorReadHandler>(urb: *mut bindings::urb) {
    use core::sync::atomic::Ordering;
    // SAFETY: the context is the reader's pinned inner part, which outlives
    // every transfer of its URB.
    let (inner, status, actual) = unsafe {
        (
            &*(*urb).context.cast::<ReaderInner<H>>(),
            (*urb).status,
            (*urb).actual_length as usize,
        )
    };
    let mut copy = [0u8; VENDOR_READ_MAX];
    let len = inner.buf.len();
    copy[..len].copy_from_slice(&inner.buf);
    // SAFETY: the submitter set `busy` and stored `ctx` before submitting;
    // until `busy` is cleared below nobody else touches it.
    let ctx = unsafe { (*inner.ctx.get()).take() };
    inner.busy.store(false, Ordering::Release);
    let result = if status != 0 {
        Err(Error::from_errno(status))
    } else if actual < len {
        Err(EIO)
    } else {
        Ok(&copy[..len])
    };
    if let Some(ctx) = ctx {
        inner.handler.read_done(ctx, result);
    }
}
