// SPDX-License-Identifier: GPL-2.0

//! Anchors: the URBs in flight of one user, killed together.

use crate::wireless::bindings;
use kernel::prelude::*;
use kernel::types::Opaque;

/// A set of URBs that can all be killed at once (`struct usb_anchor`).
///
/// # Invariants
///
/// `inner` is initialised and pinned on the heap; `drop` kills every URB
/// still on it (waiting for their completions) before it is freed.
pub struct Anchor {
    inner: Pin<KBox<Opaque<bindings::usb_anchor>>>,
}

// SAFETY: anchors are protected by their own spinlock.
unsafe impl Send for Anchor {}
// SAFETY: as above.
unsafe impl Sync for Anchor {}

impl Anchor {
    /// An empty anchor.
    pub fn new() -> Result<Self> {
        let inner = KBox::pin(Opaque::<bindings::usb_anchor>::uninit(), GFP_KERNEL)?;
        // SAFETY: the anchor is pinned on the heap; initialising it in place
        // is what `init_usb_anchor` is for.
        unsafe { bindings::rwlan_init_usb_anchor(inner.get()) };
        Ok(Self { inner })
    }

    pub(super) fn as_raw(&self) -> *mut bindings::usb_anchor {
        self.inner.get()
    }

    /// Cancels every URB on the anchor and waits until their completions
    /// have run, including URBs a completion resubmits meanwhile. Sleeps.
    pub fn kill_all(&self) {
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
pub(super) fn is_shutdown(status: i32) -> bool {
    matches!(
        -status as u32,
        bindings::ENOENT | bindings::ECONNRESET | bindings::ESHUTDOWN | bindings::ENODEV
    )
}

/// Whether a failed transfer met a protocol error (bad CRC or bit
/// stuffing, no answer in time). A glitch on the bus causes one; a device
/// being pulled causes them until the hub notices it is gone.
pub(super) fn is_protocol_error(status: i32) -> bool {
    matches!(
        -status as u32,
        kernel::bindings::EPROTO | kernel::bindings::EILSEQ | kernel::bindings::ETIME
    )
}

/// Anchors and submits `urb`, unanchoring it again if submission fails.
///
/// # Safety
///
/// `urb` must be filled, and whatever its completion uses must outlive it.
pub(super) unsafe fn submit(urb: *mut bindings::urb, anchor: &Anchor, gfp: bindings::gfp_t) -> i32 {
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
