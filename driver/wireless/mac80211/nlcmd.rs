// SPDX-License-Identifier: GPL-2.0

//! What vendor and testmode commands share: their payload is netlink
//! attributes, and they answer with messages cfg80211 allocates (a reply
//! to the requester, or an event to the vendor group), which the driver
//! fills with attributes before sending.

use crate::wireless::bindings;
use core::marker::PhantomData;
use core::ptr::NonNull;
use kernel::error::to_result;
use kernel::prelude::*;

/// A command's payload: netlink attributes the driver defines, read
/// without trusting them (a testmode payload is not checked at all).
#[derive(Clone, Copy, Debug)]
pub struct Payload<'a>(pub(super) &'a [u8]);

impl<'a> Payload<'a> {
    /// The raw bytes.
    pub fn bytes(&self) -> &'a [u8] {
        self.0
    }

    /// The payload of attribute `id` (the last, if repeated); `None` if
    /// absent or the attributes are malformed.
    pub fn attr(&self, id: u16) -> Option<&'a [u8]> {
        let mut found = None;
        let mut rest = self.0;
        while rest.len() >= 4 {
            let len = usize::from(u16::from_ne_bytes([rest[0], rest[1]]));
            let ty = u16::from_ne_bytes([rest[2], rest[3]]) & 0x3fff;
            let payload = rest.get(4..len)?;
            if ty == id {
                found = Some(payload);
            }
            rest = rest.get(len.next_multiple_of(4)..).unwrap_or(&[]);
        }
        found
    }

    /// A u32 attribute; `None` if absent or shorter than 4 bytes.
    pub fn u32(&self, id: u16) -> Option<u32> {
        Some(u32::from_ne_bytes(
            self.attr(id)?.get(..4)?.try_into().ok()?,
        ))
    }
}

/// A reply (to a vendor or testmode command) or a vendor event being
/// filled; freed unless sent.
///
/// # Invariants
///
/// `skb` is a message from cfg80211's reply or event allocators that this
/// value owns, with its data attribute open; the wiphy it names is valid,
/// and a reply's command is being handled, for `'a`.
pub struct Nl80211Message<'a> {
    skb: NonNull<bindings::sk_buff>,
    sent: Sent,
    _request: PhantomData<&'a ()>,
}

/// How a message goes out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Sent {
    /// To the requester of the command being handled.
    AsReply,
    /// To nl80211's vendor group.
    AsEvent,
}

impl Nl80211Message<'_> {
    /// # Safety
    ///
    /// `skb` is null (allocation failed) or a message as the type
    /// invariant says, given to the result, sent as `sent` says.
    pub(super) unsafe fn new(skb: *mut bindings::sk_buff, sent: Sent) -> Result<Self> {
        // INVARIANT: the caller's promise.
        Ok(Self {
            skb: NonNull::new(skb).ok_or(ENOMEM)?,
            sent,
            _request: PhantomData,
        })
    }

    /// Adds attribute `id` with payload `data`.
    pub fn put(&mut self, id: u16, data: &[u8]) -> Result {
        let len = i32::try_from(data.len()).map_err(|_| E2BIG)?;
        // SAFETY: `skb` is our message; `data` is readable.
        to_result(unsafe {
            bindings::nla_put(self.skb.as_ptr(), id.into(), len, data.as_ptr().cast())
        })
    }

    /// Adds a u32 attribute.
    pub fn put_u32(&mut self, id: u16, v: u32) -> Result {
        self.put(id, &v.to_ne_bytes())
    }

    /// Sends the message: a reply to the requester, an event to the group.
    pub fn send(self) -> Result {
        let skb = self.skb.as_ptr();
        let sent = self.sent;
        core::mem::forget(self);
        if sent == Sent::AsReply {
            // SAFETY: a reply we own, inside its request's command
            // (invariant: `'a`); the call consumes it.
            to_result(unsafe { bindings::rwlan_vendor_reply_send(skb) })
        } else {
            // SAFETY: an event we own for a live wiphy; the call consumes it.
            unsafe { bindings::rwlan_vendor_event_send(skb) };
            Ok(())
        }
    }
}

impl Drop for Nl80211Message<'_> {
    fn drop(&mut self) {
        // SAFETY: the message is ours and was not sent.
        unsafe { bindings::rwlan_skb_free_any(self.skb.as_ptr()) }
    }
}
