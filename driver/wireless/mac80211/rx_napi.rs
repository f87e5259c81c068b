// SPDX-License-Identifier: GPL-2.0

//! A NAPI context several hardwares receive through (`ieee80211_rx_napi`),
//! so the network stack merges their frames (GRO) and takes them in
//! batches; threaded, receiving runs beside the senders instead of after
//! each of them.

use crate::wireless::bindings;
use core::ptr::NonNull;
use kernel::prelude::*;
use kernel::str::CStr;
use kernel::sync::Arc;

/// A NAPI context with its (unregistered) dummy net device, shared by the
/// hardwares registered with [`Builder::rx_napi`](super::Builder::rx_napi).
///
/// # Invariants
///
/// `ptr` came from `rwlan_rx_napi_new` and is freed once, in `drop`. Each
/// hardware's port holds an `Arc` of the context until the port is freed,
/// so no port outlives it.
pub struct RxNapi {
    ptr: NonNull<bindings::rwlan_rx_napi>,
}

// SAFETY: the context is used through its C helpers only, which lock what
// they share; any thread may free it once no port is left.
unsafe impl Send for RxNapi {}
// SAFETY: as above.
unsafe impl Sync for RxNapi {}

impl RxNapi {
    /// A context whose poll runs in a kernel thread `napi/NAME-ID` when
    /// `threaded` (else in softirq context, after the sender).
    pub fn new(name: &CStr, threaded: bool) -> Result<Arc<Self>> {
        // SAFETY: `name` is NUL-terminated and copied.
        let raw = unsafe { bindings::rwlan_rx_napi_new(name.as_char_ptr(), threaded) };
        let ptr = NonNull::new(raw).ok_or_else(|| {
            pr_err!("no memory for a NAPI context\n");
            ENOMEM
        })?;
        // On failure the value is dropped, which frees the context.
        Ok(Arc::new(Self { ptr }, GFP_KERNEL)?)
    }

    pub(super) fn as_raw(&self) -> *mut bindings::rwlan_rx_napi {
        self.ptr.as_ptr()
    }
}

impl Drop for RxNapi {
    fn drop(&mut self) {
        // SAFETY: by the invariant no port is left and nobody else frees it.
        unsafe { bindings::rwlan_rx_napi_free(self.ptr.as_ptr()) };
    }
}
