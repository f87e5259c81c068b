// SPDX-License-Identifier: GPL-2.0

//! One vendor control read, submitted from any context, answered in
//! interrupt context.

use super::anchor::{submit, Anchor};
use super::device::Device;
use crate::wireless::bindings;
use core::ptr::NonNull;
use kernel::prelude::*;

/// Receives the answer to a [`VendorReader`] request, in interrupt context.
pub trait VendorReadHandler: Send + Sync + 'static {
    /// What a submission hands to its completion.
    type Context: Send;

    /// The request submitted with `ctx` finished: the bytes read (all that
    /// were asked for), or why not.
    fn read_done(&self, ctx: Self::Context, result: Result<&[u8]>);
}

/// Most bytes a [`VendorReader`] reads.
const VENDOR_READ_MAX: usize = 8;

/// What a [`VendorReader`]'s URB and completion use.
///
/// # Invariants
///
/// `urb` is allocated and filled with `setup` and `buf`, which live as
/// long as it; it is on `anchor` while in flight, and the reader's `drop`
/// kills it before any of them is freed. `ctx` is touched only by whoever
/// set `busy`.
struct ReaderInner<H: VendorReadHandler> {
    urb: NonNull<bindings::urb>,
    /// The setup packet and the data buffer, both DMA-able.
    #[expect(dead_code, reason = "the URB points to it; Rust only keeps it")]
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
pub struct VendorReader<H: VendorReadHandler> {
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
    pub fn new(
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
    pub fn handler(&self) -> &H {
        &self.inner.handler
    }

    /// Submits the request, whose completion gets `ctx`. Callable in atomic
    /// context. Fails with `EBUSY` while a request is in flight, or with
    /// the USB core's error; either way `ctx` comes back.
    pub fn submit(&self, ctx: H::Context) -> Result<(), (Error, H::Context)> {
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
        let ret = unsafe {
            submit(
                inner.urb.as_ptr(),
                &inner.anchor,
                kernel::bindings::GFP_ATOMIC,
            )
        };
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
    pub fn kill(&self) {
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
