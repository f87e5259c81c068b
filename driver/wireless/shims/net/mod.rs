// SPDX-License-Identifier: GPL-2.0

//! Network namespaces: borrowed ([`Net`]), counted ([`NetRef`]) or known by
//! identity only ([`NetId`]), and a driver's part in their exit
//! ([`ExitRegistration`]).
//!
//! A namespace is freed once its last counted reference is gone and its
//! exit methods have run; its address may then be given to a new one. What
//! outlives a call keeps a [`NetId`] to tell namespaces apart, or a
//! [`NetRef`] to send to one later. A `NetRef` keeps its namespace from
//! exiting, so it is for as long as something else keeps the namespace
//! alive anyway (a socket in it, for instance): a radio that kept one would
//! keep its namespace forever.

#[cfg(rwlan_genetlink)]
pub mod genetlink;
pub mod policy;
pub mod skb;

use crate::wireless::bindings;
use core::ops::Deref;
use core::ptr::NonNull;
use kernel::error::to_result;
use kernel::prelude::*;
use kernel::sync::Arc;
use kernel::types::Opaque;

/// A network namespace, borrowed.
///
/// # Invariants
///
/// The namespace's memory stays allocated for as long as the borrow. The
/// namespace may be exiting (its count is zero); then [`Net::get`] fails.
#[repr(transparent)]
pub struct Net(Opaque<bindings::net>);

// SAFETY: through `&Net` the namespace is only read (its cookie, written
// before the namespace is published) or handed to C functions that take
// namespaces from any thread.
unsafe impl Sync for Net {}

impl Net {
    /// # Safety
    ///
    /// `ptr` points to a namespace whose memory stays allocated for `'a`.
    pub(in crate::wireless) unsafe fn from_raw<'a>(ptr: *mut bindings::net) -> &'a Net {
        // SAFETY: `Net` is a transparent wrapper of `struct net`; the
        // caller guarantees the lifetime.
        unsafe { &*ptr.cast::<Net>() }
    }

    pub(in crate::wireless) fn as_raw(&self) -> *mut bindings::net {
        self.0.get()
    }

    /// The initial namespace, which never exits.
    pub fn init() -> &'static Net {
        // SAFETY: `init_net` is a static that lives forever.
        unsafe { Self::from_raw(bindings::rwlan_init_net()) }
    }

    /// The namespace's identity.
    pub fn id(&self) -> NetId {
        // SAFETY: the memory is allocated (type invariant); the cookie is
        // written once, before the namespace can be seen.
        NetId(unsafe { bindings::rwlan_net_cookie(self.as_raw()) })
    }

    /// A counted reference, unless the namespace is exiting.
    pub fn get(&self) -> Option<NetRef> {
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
pub struct NetRef(NonNull<bindings::net>);

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
pub struct NetId(u64);

/// What a driver does when a network namespace exits.
pub trait NetExit: Send + Sync + 'static {
    /// `net` is going away. Dropping the [`ExitRegistration`] calls this
    /// too, for every namespace there is then, the initial one included.
    ///
    /// Process context (the namespace cleanup worker): may sleep and take
    /// RTNL. It runs before cfg80211 moves the wiphys still in `net` back
    /// to the initial namespace. It must not drop the registration, which
    /// waits for it.
    fn exit(&self, net: &Net);
}

/// A module's namespace exit handler; unregistered on drop. A module has
/// one at a time: registering a second fails with `EBUSY`.
///
/// The handler is a pernet device operation, so it runs before those of
/// the subsystems the module depends on (cfg80211 among them), which
/// registered theirs first.
///
/// # Invariants
///
/// While this value exists, the module's pernet exit operation is
/// registered with [`ExitRegistration::exit_callback`] as its handler and
/// the `T` in `data` as its context.
pub struct ExitRegistration<T: NetExit> {
    #[expect(dead_code, reason = "read through the context pointer only")]
    data: Arc<T>,
}

impl<T: NetExit> ExitRegistration<T> {
    /// Calls `data`'s [`NetExit::exit`] whenever a namespace exits.
    pub fn register(data: Arc<T>) -> Result<Self> {
        let ctx: *const T = &*data;
        // SAFETY: `exit_callback` finds a `T` behind the context, which
        // `data` keeps alive until `drop` has unregistered the operation
        // (which waits for running exit methods).
        to_result(unsafe {
            bindings::rwlan_pernet_device_register(Some(Self::exit_callback), ctx.cast_mut().cast())
        })?;
        // INVARIANT: registered above with `data`'s `T` as the context.
        Ok(Self { data })
    }

    /// # Safety
    ///
    /// Only the pernet core calls this (through the helper), with the
    /// context given at registration and a namespace whose memory stays
    /// allocated for the call.
    unsafe extern "C" fn exit_callback(data: *mut kernel::ffi::c_void, net: *mut bindings::net) {
        // SAFETY: the context is the `T` of a live registration (type
        // invariant); unregistering waits for this call.
        let data = unsafe { &*data.cast_const().cast::<T>() };
        // SAFETY: a namespace is freed only after its exit methods ran, and
        // the ones the unregistration calls this for are alive.
        data.exit(unsafe { Net::from_raw(net) });
    }
}

impl<T: NetExit> Drop for ExitRegistration<T> {
    fn drop(&mut self) {
        // SAFETY: the operation is registered (type invariant); this is
        // the only unregistration, and it waits for running exit methods.
        unsafe { bindings::rwlan_pernet_device_unregister() }
    }
}
