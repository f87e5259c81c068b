// SPDX-License-Identifier: GPL-2.0

//! Attribute policies: how the core validates a netlink request's
//! attributes before a driver sees them (generic netlink families, vendor
//! commands).

use crate::wireless::bindings;
use kernel::prelude::*;

/// How the core validates one attribute before a command sees it.
#[derive(Clone, Copy, Debug)]
pub enum AttrPolicy {
    /// Not used (or unchecked).
    Unspec,
    /// 32-bit unsigned.
    U32,
    /// 64-bit unsigned.
    U64,
    /// Flag (no payload).
    Flag,
    /// String of at most `n` bytes (0: any).
    String(u16),
    /// Binary of at most `n` bytes (0: any).
    Binary(u16),
    /// Binary of exactly `n` bytes.
    ExactLen(u16),
}

/// The C policy table for `policies`, indexed by attribute number.
pub(in crate::wireless) fn table(policies: &[AttrPolicy]) -> Result<KVec<bindings::nla_policy>> {
    let mut table = KVec::with_capacity(policies.len(), GFP_KERNEL)?;
    for p in policies {
        // SAFETY: all-zero is a valid (unspecified) policy; the helper
        // fills it in.
        let mut raw: bindings::nla_policy = unsafe { core::mem::zeroed() };
        let (ty, len, exact) = match *p {
            AttrPolicy::Unspec => (bindings::NLA_UNSPEC, 0, false),
            AttrPolicy::U32 => (bindings::NLA_U32, 0, false),
            AttrPolicy::U64 => (bindings::NLA_U64, 0, false),
            AttrPolicy::Flag => (bindings::NLA_FLAG, 0, false),
            AttrPolicy::String(n) => (bindings::NLA_STRING, n, false),
            AttrPolicy::Binary(n) => (bindings::NLA_BINARY, n, false),
            AttrPolicy::ExactLen(n) => (bindings::NLA_BINARY, n, true),
        };
        // SAFETY: `raw` is a valid policy to write.
        unsafe { bindings::rwlan_nla_policy_set(&mut raw, ty as u8, len, exact) };
        table.push(raw, GFP_KERNEL)?;
    }
    Ok(table)
}
