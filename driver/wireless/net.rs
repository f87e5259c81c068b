// SPDX-License-Identifier: GPL-2.0

//! Network namespaces: borrowed ([`Net`]), counted ([`NetRef`]) or known by
//! identity only ([`NetId`]).
//!
//! A namespace is freed once its last counted reference is gone and its
//! exit methods have run; its address may then be given to a new one. What
//! outlives a call keeps a [`NetId`] to tell namespaces apart, or a
//! [`NetRef`] to send to one later. A `NetRef` keeps its namespace from
//! exiting, so it is for as long as something else keeps the namespace
//! alive anyway (a socket in it, for instance): a radio that kept one would
//! keep its namespace forever.

use super::bindings;
use core::ops::Deref;
use core::ptr::NonNull;
use kernel::prelude::*;
use kernel::types::Opaque;

/// A network namespace, borrowed.
///
/// # Invariants
///
/// The namespace's memory stays allocated for as long as the borrow. The
/// namespace may be exiting (its count is zero); then [`Net::get`] fails.
#[repr(transparent)]
pub(crate) struct Net(Opaque<bindings::net>);

// SAFETY: through `&Net` the namespace is only read (its cookie, written
// before the namespace is published) or handed to C functions that take
// namespaces from any thread.
unsafe impl Sync for Net {}

impl Net {
    /// # Safety
    ///
    /// `ptr` points to a namespace whose memory stays allocated for `'a`.
    pub(super) unsafe fn from_raw<'a>(ptr: *mut bindings::net) -> &'a Net {
        // SAFETY: `Net` is a transparent wrapper of `struct net`; the
        // caller guarantees the lifetime.
        unsafe { &*ptr.cast::<Net>() }
    }

    pub(super) fn as_raw(&self) -> *mut bindings::net {
        self.0.get()
    }

    /// The initial namespace, which never exits.
    pub(crate) fn init() -> &'static Net {
        // SAFETY: `init_net` is a static that lives forever.
        unsafe { Self::from_raw(bindings::rwlan_init_net()) }
    }

    /// The namespace's identity.
    pub(crate) fn id(&self) -> NetId {
        // SAFETY: the memory is allocated (type invariant); the cookie is
        // written once, before the namespace can be seen.
        NetId(unsafe { bindings::rwlan_net_cookie(self.as_raw()) })
    }

    /// A counted reference, unless the namespace is exiting.
    pub(crate) fn get(&self) -> Option<NetRef> {
        // SAFETY: the memory is allocated (type invariant);
        // `maybe_get_net` takes a reference only while the count is not
        // zero, and returns null otherwise.
        let net = NonNull::new(unsafe { bindings::rwlan_maybe_get_net(self.as_raw()) })?;
        // INVARIANT: the reference was taken just now, for this value.
        Some(NetRef(net))
    }
}

/// A counted reference to a network namespace: the namespace does not
/// exit while it exists.
///
/// # Invariants
///
/// `self.0` points to a namespace on which this value owns one reference.
pub(crate) struct NetRef(NonNull<bindings::net>);

// SAFETY: namespace references are taken and dropped from any thread and
// any context (`put_net` leaves the cleanup to a workqueue).
unsafe impl Send for NetRef {}
// SAFETY: `&NetRef` only gives `&Net`, which is `Sync`.
unsafe impl Sync for NetRef {}

impl Deref for NetRef {
    type Target = Net;

    fn deref(&self) -> &Net {
        // SAFETY: the reference this value owns keeps the namespace, and so
        // its memory, for as long as `self`.
        unsafe { Net::from_raw(self.0.as_ptr()) }
    }
}

impl Clone for NetRef {
    fn clone(&self) -> Self {
        // SAFETY: the reference `self` owns keeps the count above zero,
        // where `get_net` may raise it.
        unsafe { bindings::rwlan_get_net(self.0.as_ptr()) };
        // INVARIANT: the reference was taken just now, for the clone.
        Self(self.0)
    }
}

impl Drop for NetRef {
    fn drop(&mut self) {
        // SAFETY: drops the one reference this value owns (type invariant).
        unsafe { bindings::rwlan_put_net(self.0.as_ptr()) }
    }
}

/// A namespace's identity (its cookie). No two namespaces share one while
/// the system runs, so it can be kept, and compared, after the namespace is
/// gone; it gives no access to the namespace.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct NetId(u64);
