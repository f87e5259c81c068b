// SPDX-License-Identifier: GPL-2.0

//! debugfs directories with files that each hold one number, read and
//! written through accessor functions (what `DEFINE_DEBUGFS_ATTRIBUTE`
//! gives C drivers).

use crate::wireless::bindings;
use core::marker::PhantomPinned;
use core::ptr::NonNull;
use kernel::error::from_err_ptr;
use kernel::prelude::*;
use kernel::str::CStr;
use kernel::sync::Arc;
use kernel::types::Opaque;

/// How a file shows its number.
#[derive(Clone, Copy, Debug)]
pub enum Format {
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

/// A file holding one number: its name, how it shows the number, and the
/// accessors that read and write it on `target`.
pub struct NumberFile<T> {
    /// The file's name.
    pub name: &'static CStr,
    /// How the number is shown.
    pub format: Format,
    /// What the accessors are called on.
    pub target: Arc<T>,
    /// Reads the number.
    pub get: fn(&T) -> u64,
    /// Writes it (an error refuses the write).
    pub set: fn(&T, u64) -> Result,
}

/// One file's accessors. The C side sees `raw`, whose `target` points back
/// at this structure.
///
/// # Invariants
///
/// `raw.target` points at `self`, which stays at one address (it is only
/// ever inside an `Arc`) until after the file using `raw` is removed.
#[repr(C)]
struct Attr<T> {
    raw: Opaque<bindings::rwlan_debugfs_attr>,
    target: Arc<T>,
    get: fn(&T) -> u64,
    set: fn(&T, u64) -> Result,
}

// SAFETY: `raw` only points back at the attribute; the target and the
// accessors are what decides, and they are `Send + Sync`.
unsafe impl<T: Send + Sync> Send for Attr<T> {}
// SAFETY: as above.
unsafe impl<T: Send + Sync> Sync for Attr<T> {}

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

/// A debugfs directory of number files in a wiphy's directory
/// (`/sys/kernel/debug/ieee80211/phyN/NAME`), made and owned by the
/// hardware's [`Registration`](crate::wireless::mac80211::Registration), which
/// removes it before unregistering the hardware. Drivers see it only
/// pinned, so they can neither keep it nor swap it with another's.
///
/// # Invariants
///
/// `dentry` is a directory under the wiphy's, which exists until the
/// `Dir` is dropped; every file in it uses an attribute in `attrs`.
pub struct Dir {
    dentry: NonNull<bindings::dentry>,
    attrs: KVec<Arc<dyn Send + Sync>>,
    _pin: PhantomPinned,
}

// SAFETY: debugfs entries may be created and removed from any thread; the
// attributes are `Send + Sync`.
unsafe impl Send for Dir {}
// SAFETY: `&Dir` allows nothing.
unsafe impl Sync for Dir {}

impl Dir {
    /// Creates directory `name` in `parent`.
    ///
    /// # Safety
    ///
    /// `parent` must be a debugfs directory (or null, the debugfs root)
    /// that exists until the result is dropped.
    pub(in crate::wireless) unsafe fn new(
        parent: *mut bindings::dentry,
        name: &CStr,
    ) -> Result<Self> {
        // SAFETY: `parent` is valid as the caller promises; `name` is copied.
        let dentry =
            from_err_ptr(unsafe { bindings::debugfs_create_dir(name.as_char_ptr(), parent) })
                .inspect_err(|e| pr_err!("debugfs_create_dir({}) failed: {:?}\n", name, e))?;
        // INVARIANT: the caller drops the directory before its parent goes.
        Ok(Self {
            dentry: NonNull::new(dentry).ok_or(ENOMEM)?,
            attrs: KVec::new(),
            _pin: PhantomPinned,
        })
    }

    /// Adds file `name` showing `get(target)` in `format`; writes call
    /// `set(target, value)`.
    pub fn add<T: Send + Sync + 'static>(
        self: Pin<&mut Self>,
        name: &'static CStr,
        format: Format,
        target: Arc<T>,
        get: fn(&T) -> u64,
        set: fn(&T, u64) -> Result,
    ) -> Result {
        // SAFETY: only `attrs` is changed, and nothing moves out of `self`.
        let this = unsafe { self.get_unchecked_mut() };
        // Room first: once the file exists, its attribute must be kept.
        this.attrs.reserve(1, GFP_KERNEL)?;
        let file = NumberFile {
            name,
            format,
            target,
            get,
            set,
        };
        // SAFETY: the directory is live (invariant), and the file's
        // attribute goes into `attrs`, kept until after `drop` removes the
        // directory with the file.
        let attr = unsafe { create_file(this.dentry.as_ptr(), 0o666, file)? };
        // INVARIANT: cannot fail, the room is reserved.
        this.attrs.push(attr, GFP_KERNEL)?;
        Ok(())
    }
}

/// Creates `file` with permissions `mode` in `parent`. Returns what the
/// file uses.
///
/// # Safety
///
/// `parent` must be a live debugfs directory, and the caller must keep
/// the result until after the file is removed (with its directory).
pub(in crate::wireless) unsafe fn create_file<T: Send + Sync + 'static>(
    parent: *mut bindings::dentry,
    mode: u16,
    file: NumberFile<T>,
) -> Result<Arc<dyn Send + Sync>> {
    let NumberFile {
        name,
        format,
        target,
        get,
        set,
    } = file;
    let attr = Arc::new(
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
    // SAFETY: the attribute is in an `Arc`, so it does not move; the
    // callbacks match the C signature.
    unsafe {
        raw.write(bindings::rwlan_debugfs_attr {
            target: this.cast_mut().cast(),
            get: Some(Attr::<T>::get_callback),
            set: Some(Attr::<T>::set_callback),
            fmt: format.as_cstr().as_char_ptr(),
        });
    }
    // SAFETY: `parent` is live and `raw` outlives the file, as the caller
    // promises.
    from_err_ptr(unsafe {
        bindings::rwlan_debugfs_create_attr(name.as_char_ptr(), mode, parent, raw)
    })
    .inspect_err(|e| pr_err!("debugfs file {} failed: {:?}\n", name, e))?;
    // INVARIANT: the caller keeps the `Arc` until the file is removed.
    Ok(attr)
}

impl Drop for Dir {
    fn drop(&mut self) {
        // SAFETY: by the invariant the directory and its parent exist;
        // removal waits until no reader or writer is inside a callback, so
        // `attrs` may be freed after.
        unsafe { bindings::debugfs_remove(self.dentry.as_ptr()) }
    }
}
