// SPDX-License-Identifier: GPL-2.0

//! Vendor commands and events (`NL80211_CMD_VENDOR`): what a driver
//! answers to a vendor's OUI and subcommand, with the request's attributes
//! validated against the command's policy, a reply to the requester and
//! events to nl80211's vendor group.
//!
//! cfg80211 calls a command's `doit` without saying which command it was,
//! so each table slot has its own trampoline (up to
//! [`MAX_VENDOR_COMMANDS`]). Replies and events carry cfg80211's pointer to
//! the wiphy they are for, so they exist only for the request's call.

use super::adapter::Adapter;
use super::nlcmd::{Nl80211Message, Payload, Sent};
use super::ops::Ops;
use crate::wireless::bindings;
use crate::wireless::shims::net::policy::{self, AttrPolicy};
use kernel::prelude::*;

/// Vendor commands a driver may declare.
pub const MAX_VENDOR_COMMANDS: usize = 4;

/// A vendor's command or event: its OUI (24 bits) and subcommand.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VendorId {
    /// The vendor's OUI.
    pub oui: u32,
    /// The vendor's command number.
    pub subcmd: u32,
}

/// What a request must name for the command to run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VendorNeeds {
    /// The wiphy is enough.
    Wiphy,
    /// An interface or wireless device of it.
    Wdev,
    /// A network interface of it.
    Netdev,
    /// A network interface of it that is up.
    RunningNetdev,
}

/// One vendor command a driver answers ([`Ops::vendor_command`]).
#[derive(Clone, Copy, Debug)]
pub struct VendorCommand {
    /// Its OUI and subcommand.
    pub id: VendorId,
    /// What a request must name.
    pub needs: VendorNeeds,
    /// The policy of the request's attributes, indexed by attribute number
    /// (index 0 unused); empty: the data is raw bytes, not checked.
    pub policy: &'static [AttrPolicy],
}

/// The C tables a wiphy's vendor commands and events point into.
///
/// # Invariants
///
/// Each `commands[i].policy` points into `policies[i]` (or is cfg80211's
/// raw-data marker); none of the vectors changes after `new`, so the
/// pointers a wiphy is given stay valid while `self` lives.
pub(super) struct VendorTables {
    policies: KVec<KVec<bindings::nla_policy>>,
    commands: KVec<bindings::wiphy_vendor_command>,
    events: KVec<bindings::nl80211_vendor_cmd_info>,
}

// SAFETY: plain data that cfg80211 only reads once the wiphy is registered.
unsafe impl Send for VendorTables {}
// SAFETY: as above.
unsafe impl Sync for VendorTables {}

fn info(id: &VendorId) -> bindings::nl80211_vendor_cmd_info {
    bindings::nl80211_vendor_cmd_info {
        vendor_id: id.oui,
        subcmd: id.subcmd,
    }
}

impl VendorTables {
    /// The tables for `T`'s vendor commands and events; `None` if it has
    /// neither.
    pub(super) fn new<T: Ops>() -> Result<Option<KBox<Self>>> {
        let (cmds, events) = (T::VENDOR_COMMANDS, T::VENDOR_EVENTS);
        if cmds.is_empty() && events.is_empty() {
            return Ok(None);
        }
        if cmds.len() > MAX_VENDOR_COMMANDS || (!cmds.is_empty() && !T::HAS_VENDOR_COMMAND) {
            pr_err!(
                "{} vendor commands: at most {MAX_VENDOR_COMMANDS}, and vendor_command answers them\n",
                cmds.len()
            );
            return Err(EINVAL);
        }
        let mut t = KBox::new(
            Self {
                policies: KVec::with_capacity(cmds.len(), GFP_KERNEL)?,
                commands: KVec::with_capacity(cmds.len(), GFP_KERNEL)?,
                events: KVec::with_capacity(events.len(), GFP_KERNEL)?,
            },
            GFP_KERNEL,
        )?;
        for c in cmds {
            t.policies.push(policy::table(c.policy)?, GFP_KERNEL)?;
        }
        for (i, c) in cmds.iter().enumerate() {
            let p = &t.policies[i];
            let (policy, maxattr) = if p.is_empty() {
                // SAFETY: returns a constant marker.
                (unsafe { bindings::rwlan_vendor_raw_data() }, 0)
            } else {
                (p.as_ptr(), (p.len() - 1) as u32)
            };
            let need = |f| f as u32;
            let flags = match c.needs {
                VendorNeeds::Wiphy => 0,
                VendorNeeds::Wdev => {
                    need(bindings::wiphy_vendor_command_flags_WIPHY_VENDOR_CMD_NEED_WDEV)
                }
                VendorNeeds::Netdev => need(
                    bindings::wiphy_vendor_command_flags_WIPHY_VENDOR_CMD_NEED_WDEV
                        | bindings::wiphy_vendor_command_flags_WIPHY_VENDOR_CMD_NEED_NETDEV,
                ),
                VendorNeeds::RunningNetdev => need(
                    bindings::wiphy_vendor_command_flags_WIPHY_VENDOR_CMD_NEED_WDEV
                        | bindings::wiphy_vendor_command_flags_WIPHY_VENDOR_CMD_NEED_NETDEV
                        | bindings::wiphy_vendor_command_flags_WIPHY_VENDOR_CMD_NEED_RUNNING,
                ),
            };
            t.commands.push(
                bindings::wiphy_vendor_command {
                    info: info(&c.id),
                    flags,
                    doit: Some(Adapter::<T>::VENDOR_DOITS[i]),
                    dumpit: None,
                    policy,
                    maxattr,
                },
                GFP_KERNEL,
            )?;
        }
        for e in events {
            t.events.push(info(e), GFP_KERNEL)?;
        }
        Ok(Some(t))
    }

    /// Points `wiphy` at the tables.
    ///
    /// # Safety
    ///
    /// `wiphy` is not yet registered, and `self` outlives it.
    pub(super) unsafe fn apply(&self, wiphy: *mut bindings::wiphy) {
        // SAFETY: the caller's promise; the tables do not move (invariant).
        unsafe {
            (*wiphy).vendor_commands = self.commands.as_ptr();
            (*wiphy).n_vendor_commands = self.commands.len() as i32;
            (*wiphy).vendor_events = self.events.as_ptr();
            (*wiphy).n_vendor_events = self.events.len() as i32;
        }
    }
}

/// A vendor command's request, for the call that handles it.
///
/// # Invariants
///
/// `wiphy` is the request's, and `wdev` null or the wireless device it
/// names, both valid for `'a`; `data` is its payload, validated against the
/// command's policy unless raw.
pub struct VendorRequest<'a> {
    wiphy: *mut bindings::wiphy,
    wdev: *mut bindings::wireless_dev,
    data: &'a [u8],
    n_events: usize,
}

impl<'a> VendorRequest<'a> {
    /// The request's payload (`NL80211_ATTR_VENDOR_DATA`), checked
    /// against the command's policy unless raw.
    pub fn data(&self) -> Payload<'a> {
        Payload(self.data)
    }

    /// Whether the request named an interface.
    pub fn has_wdev(&self) -> bool {
        !self.wdev.is_null()
    }

    /// A reply to the requester with about `approxlen` bytes of attributes.
    pub fn reply(&self, approxlen: usize) -> Result<Nl80211Message<'a>> {
        let len = i32::try_from(approxlen).map_err(|_| EINVAL)?;
        // SAFETY: `wiphy` is the request's, and cfg80211 is inside its
        // vendor command (which a reply needs) for `'a`, the lifetime the
        // message gets.
        unsafe {
            let skb = bindings::rwlan_vendor_reply_alloc(self.wiphy, len);
            Nl80211Message::new(skb, Sent::AsReply)
        }
    }

    /// Vendor event `index` (in [`Ops::VENDOR_EVENTS`]) from the request's
    /// interface (if it named one) to nl80211's vendor group, with about
    /// `approxlen` bytes of attributes.
    pub fn event(&self, index: usize, approxlen: usize) -> Result<Nl80211Message<'a>> {
        if index >= self.n_events {
            pr_err!("vendor event {index} not declared\n");
            return Err(EINVAL);
        }
        let len = i32::try_from(approxlen).map_err(|_| EINVAL)?;
        // SAFETY: `wiphy` and `wdev` are valid for `'a` (invariant), the
        // lifetime the message gets; the index is one of the wiphy's events.
        unsafe {
            let skb = bindings::rwlan_vendor_event_alloc(self.wiphy, self.wdev, len, index as i32);
            Nl80211Message::new(skb, Sent::AsEvent)
        }
    }
}

impl<T: Ops> Adapter<T> {
    /// One trampoline a command slot.
    pub(super) const VENDOR_DOITS: [VendorDoit; MAX_VENDOR_COMMANDS] = [
        Self::vendor_doit_callback::<0>,
        Self::vendor_doit_callback::<1>,
        Self::vendor_doit_callback::<2>,
        Self::vendor_doit_callback::<3>,
    ];

    /// # Safety
    ///
    /// Only cfg80211 calls this, as the `doit` of vendor command `I` of a
    /// wiphy of a hardware registered for `T`, with the request's wireless
    /// device (or null) and payload.
    unsafe extern "C" fn vendor_doit_callback<const I: usize>(
        wiphy: *mut bindings::wiphy,
        wdev: *mut bindings::wireless_dev,
        data: *const kernel::ffi::c_void,
        data_len: kernel::ffi::c_int,
    ) -> kernel::ffi::c_int {
        // SAFETY: the wiphy is a registered hardware's, of `T`.
        let hw = unsafe { Self::hw(bindings::wiphy_to_ieee80211_hw(wiphy)) };
        let data = match usize::try_from(data_len) {
            // SAFETY: cfg80211 hands `data_len` readable bytes for the call.
            Ok(n) if n > 0 && !data.is_null() => unsafe {
                core::slice::from_raw_parts(data.cast::<u8>(), n)
            },
            _ => &[],
        };
        // INVARIANT: pointers and payload are the request's, for the call.
        let req = VendorRequest {
            wiphy,
            wdev,
            data,
            n_events: T::VENDOR_EVENTS.len(),
        };
        match T::vendor_command(hw, I, &req) {
            Ok(()) => 0,
            Err(e) => e.to_errno(),
        }
    }
}

/// A vendor command's `doit`.
pub(super) type VendorDoit = unsafe extern "C" fn(
    *mut bindings::wiphy,
    *mut bindings::wireless_dev,
    *const kernel::ffi::c_void,
    kernel::ffi::c_int,
) -> kernel::ffi::c_int;
