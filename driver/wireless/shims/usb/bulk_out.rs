// SPDX-License-Identifier: GPL-2.0

//! Bulk OUT transfers of socket buffers, one URB each.

use super::anchor::{submit, Anchor};
use super::device::Device;
use crate::wireless::bindings;
use crate::wireless::shims::net::skb::{OwnedSkb, SkBuff};
use kernel::prelude::*;

/// What happens when a bulk OUT transfer of a `B` is over, in interrupt
/// context.
pub trait TxDone<B: OwnedSkb = SkBuff>: Send + 'static {
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
pub struct BulkOut {
    dev: Device,
    anchor: Anchor,
}

impl BulkOut {
    /// Transfers to bulk OUT endpoints of `dev`.
    pub fn new(dev: &Device) -> Result<Self> {
        Ok(Self {
            dev: dev.clone(),
            anchor: Anchor::new()?,
        })
    }

    /// Sends `buf` (ending the transfer with a zero-length packet if its
    /// length is a multiple of the packet size) to `endpoint`; `done` gets
    /// it back when the transfer is over. Callable in atomic context. On
    /// error the buffer is returned undelivered.
    pub fn send<B: OwnedSkb, D: TxDone<B>>(&self, endpoint: u8, buf: B, done: D) -> Result<(), B> {
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
    pub fn kill_all(&self) {
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
    done.done(
        buf,
        if status == 0 {
            Ok(())
        } else {
            Err(Error::from_errno(status))
        },
    );
}
