// SPDX-License-Identifier: GPL-2.0

//! Testmode commands (`NL80211_CMD_TESTMODE`): a driver's private test
//! interface, its payload netlink attributes the driver defines (what
//! `iw phy X hwsim getps` sends). cfg80211 has them only with
//! `CONFIG_NL80211_TESTMODE`; without it [`Ops::testmode`] is never called.

use super::adapter::Adapter;
use super::nlcmd::{Nl80211Message, Payload, Sent};
use super::ops::Ops;
use crate::wireless::bindings;
use crate::wireless::vif::Vif;
use kernel::prelude::*;

/// A testmode request, for the call that handles it.
///
/// # Invariants
///
/// `wiphy` is the request's, valid for `'a`, during which cfg80211 is
/// inside its testmode command; `data` is its payload.
pub struct TestmodeRequest<'a> {
    wiphy: *mut bindings::wiphy,
    data: &'a [u8],
}

impl<'a> TestmodeRequest<'a> {
    /// The request's payload (`NL80211_ATTR_TESTDATA`), unchecked.
    pub fn data(&self) -> Payload<'a> {
        Payload(self.data)
    }

    /// A reply to the requester with about `approxlen` bytes of attributes.
    pub fn reply(&self, approxlen: usize) -> Result<Nl80211Message<'a>> {
        let len = i32::try_from(approxlen).map_err(|_| EINVAL)?;
        // SAFETY: `wiphy` is the request's, and cfg80211 is inside its
        // testmode command (which a reply needs) for `'a`, the lifetime
        // the message gets; a testmode reply is sent as a vendor one is.
        unsafe {
            let skb = bindings::rwlan_testmode_reply_alloc(self.wiphy, len);
            Nl80211Message::new(skb, Sent::AsReply)
        }
    }
}

impl<T: Ops> Adapter<T> {
    /// # Safety
    ///
    /// Only mac80211 calls this, through the ops table of a hardware
    /// registered for `T`, with the request's interface (or null) and
    /// `len` bytes of payload at `data`, inside cfg80211's testmode command.
    #[cfg_attr(not(CONFIG_NL80211_TESTMODE), allow(dead_code))]
    pub(super) unsafe extern "C" fn testmode_cmd_callback(
        hw: *mut bindings::ieee80211_hw,
        vif: *mut bindings::ieee80211_vif,
        data: *mut kernel::ffi::c_void,
        len: kernel::ffi::c_int,
    ) -> kernel::ffi::c_int {
        // SAFETY: our hw, registered; `vif` is null or valid for the call.
        let (rhw, vif) = unsafe { (Self::hw(hw), (!vif.is_null()).then(|| Vif::from_raw(vif))) };
        let data = match usize::try_from(len) {
            // SAFETY: mac80211 hands `len` readable bytes for the call.
            Ok(n) if n > 0 && !data.is_null() => unsafe {
                core::slice::from_raw_parts(data.cast::<u8>(), n)
            },
            _ => &[],
        };
        // INVARIANT: the hw's wiphy, inside the testmode command.
        // SAFETY: the hw and its wiphy are valid for the call.
        let wiphy = unsafe { (*hw).wiphy };
        let req = TestmodeRequest { wiphy, data };
        match T::testmode(rhw, vif, &req) {
            Ok(()) => 0,
            Err(e) => e.to_errno(),
        }
    }
}
