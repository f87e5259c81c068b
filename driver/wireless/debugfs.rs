// SPDX-License-Identifier: GPL-2.0

//! debugfs directories with files that each hold one number, read and
//! written through accessor functions (what `DEFINE_DEBUGFS_ATTRIBUTE`
//! gives C drivers).

use super::bindings;
use super::mac80211::{Hw, Ops};
use core::ptr::NonNull;
use kernel::error::from_err_ptr;
use kernel::prelude::*;
use kernel::str::CStr;
use kernel::sync::Arc;
use kernel::types::Opaque;

/// How a file shows its number.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Format {
    /// Decimal, unsigned.
    Unsigned,
    /// Decimal, signed.
    Signed,
    /// Hexadecimal.
    Hex,
}

impl Format {
    fn as_cstr(self) -> &'static CStr {
        match self {
            Format::Unsigned => kernel::c_str!("%llu\n"),
            Format::Signed => kernel::c_str!("%lld\n"),
            Format::Hex => kernel::c_str!("%llx\n"),
        }
    }
}

/// One file's accessors. The C side sees `raw`, whose `target` points back
/// at this structure.
#[repr(C)]
struct Attr<T> {
    raw: Opaque<bindings::rwlan_debugfs_attr>,
    target: Arc<T>,
    get: fn(&T) -> u64,
    set: fn(&T, u64) -> Result,
}

impl<T> Attr<T> {
    /// # Safety
    ///
    /// Only the debugfs attribute helpers call this, with the `Attr<T>`
    /// the file was created with.
    unsafe extern "C" fn get_callback(this: *mut kernel::ffi::c_void, val: *mut u64) -> i32 {
        // SAFETY: `this` is the `Attr<T>` the file was created with; the
        // directory removes the file (waiting for readers) before freeing it.
        let this = unsafe { &*this.cast::<Attr<T>>() };
        // SAFETY: `val` points to the caller's result.
        unsafe { *val = (this.get)(&this.target) };
        0
    }

    /// # Safety
    ///
    /// Only the debugfs attribute helpers call this, with the `Attr<T>`
    /// the file was created with.
    unsafe extern "C" fn set_callback(this: *mut kernel::ffi::c_void, val: u64) -> i32 {
        // SAFETY: as in `get_callback`.
        let this = unsafe { &*this.cast::<Attr<T>>() };
        match (this.set)(&this.target, val) {
            Ok(()) => 0,
            Err(e) => e.to_errno(),
        }
    }
}

/// A debugfs directory of number files about one `T`; removed (with its
/// files, waiting for readers and writers) on drop.
pub(crate) struct Dir<T> {
    dentry: NonNull<bindings::dentry>,
    attrs: KVec<Pin<KBox<Attr<T>>>>,
}

// SAFETY: debugfs entries may be created and removed from any thread; the
// targets are `Send + Sync`.
unsafe impl<T: Send + Sync> Send for Dir<T> {}
// SAFETY: `&Dir` allows nothing.
unsafe impl<T: Send + Sync> Sync for Dir<T> {}

impl<T: Send + Sync> Dir<T> {
    /// Creates directory `name` in the wiphy's debugfs directory
    /// (`/sys/kernel/debug/ieee80211/phyN/NAME`). It must be dropped before
    /// the hardware is unregistered, which removes the wiphy's directory.
    pub(crate) fn under_wiphy<O: Ops>(hw: &Hw<O>, name: &CStr) -> Result<Self> {
        let parent = hw.debugfs_dir();
        // SAFETY: `parent` is the wiphy's directory (or null for the debugfs
        // root), valid while the hw is registered; `name` is copied.
        let dentry =
            from_err_ptr(unsafe { bindings::debugfs_create_dir(name.as_char_ptr(), parent) })
                .inspect_err(|e| pr_err!("debugfs_create_dir({}) failed: {:?}\n", name, e))?;
        Ok(Self {
            dentry: NonNull::new(dentry).ok_or(ENOMEM)?,
            attrs: KVec::new(),
        })
    }

    /// Adds file `name` showing `get(target)` in `format`; writes call
    /// `set(target, value)`.
    pub(crate) fn add(
        &mut self,
        name: &'static CStr,
        format: Format,
        target: Arc<T>,
        get: fn(&T) -> u64,
        set: fn(&T, u64) -> Result,
    ) -> Result {
        let attr = KBox::pin(
            Attr {
                raw: Opaque::uninit(),
                target,
                get,
                set,
            },
            GFP_KERNEL,
        )?;
        let raw = attr.raw.get();
        let this: *const Attr<T> = &*attr;
        // SAFETY: `attr` is pinned on the heap and kept in `self.attrs`
        // until after the directory (and so the file) is removed in `drop`;
        // the callbacks match the C signature.
        unsafe {
            raw.write(bindings::rwlan_debugfs_attr {
                target: this.cast_mut().cast(),
                get: Some(Attr::<T>::get_callback),
                set: Some(Attr::<T>::set_callback),
                fmt: format.as_cstr().as_char_ptr(),
            });
        }
        self.attrs.push(attr, GFP_KERNEL)?;
        // SAFETY: the directory is live; `raw` outlives the file as above.
        from_err_ptr(unsafe {
            bindings::rwlan_debugfs_create_attr(
                name.as_char_ptr(),
                0o666,
                self.dentry.as_ptr(),
                raw,
            )
        })
        .inspect_err(|e| pr_err!("debugfs file {} failed: {:?}\n", name, e))?;
        Ok(())
    }
}

impl<T> Drop for Dir<T> {
    fn drop(&mut self) {
        // SAFETY: the directory was created in `under_wiphy` and the wiphy
        // (its parent) is still registered; removal waits until no reader
        // or writer is inside a callback, so `attrs` may be freed after.
        unsafe { bindings::debugfs_remove(self.dentry.as_ptr()) }
    }
}
