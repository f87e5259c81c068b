// SPDX-License-Identifier: GPL-2.0

//! Driver-model objects: any bus's device, borrowed ([`Device`]), and what
//! a virtual device needs to look real in sysfs: a device class, a
//! (platform) driver to bind to, and devices of the class.

use crate::wireless::bindings;
use core::ptr::NonNull;
use kernel::error::{from_err_ptr, to_result};
use kernel::prelude::*;
use kernel::str::CStr;
use kernel::sync::Arc;
use kernel::types::Opaque;

/// A device of any bus (`struct device`), borrowed from whatever owns it:
/// a USB interface's, for instance.
///
/// # Invariants
///
/// The wrapped `struct device` is valid for as long as a `&Device` is.
#[repr(transparent)]
pub struct Device(Opaque<bindings::device>);

impl Device {
    /// # Safety
    ///
    /// `ptr` must point to a `struct device` that stays valid for `'a`.
    #[cfg_attr(not(rwlan_usb), expect(dead_code, reason = "bus parts borrow devices"))]
    pub(in crate::wireless) unsafe fn from_raw<'a>(ptr: *mut bindings::device) -> &'a Device {
        // SAFETY: `Device` is a transparent wrapper of `struct device`, and
        // the caller keeps the device valid for `'a`.
        unsafe { &*ptr.cast::<Device>() }
    }

    pub(in crate::wireless) fn as_raw(&self) -> *mut bindings::device {
        self.0.get()
    }
}

/// A device class (`/sys/class/NAME`), destroyed when the last handle to it
/// (this or a [`ClassDevice`] of it) is dropped.
///
/// # Invariants
///
/// `ptr` is a class made by `class_create`, destroyed only by the drop of
/// the last `Arc` holding this value: every device of the class holds one,
/// so `class_destroy` runs after `device_unregister` of each.
struct ClassInner {
    ptr: NonNull<bindings::class>,
}

// SAFETY: a class may be used and destroyed from any thread.
unsafe impl Send for ClassInner {}
// SAFETY: `&ClassInner` only allows creating devices, which the driver core
// serialises.
unsafe impl Sync for ClassInner {}

impl Drop for ClassInner {
    fn drop(&mut self) {
        // SAFETY: created by `class_create`; by the invariant no device of
        // the class is left.
        unsafe { bindings::class_destroy(self.ptr.as_ptr()) }
    }
}

/// A handle to a device class (`/sys/class/NAME`).
#[derive(Clone)]
pub struct Class {
    inner: Arc<ClassInner>,
}

impl Class {
    /// Creates the class `name`.
    pub fn new(name: &'static CStr) -> Result<Self> {
        // SAFETY: `name` is a NUL-terminated string that outlives the class.
        let ptr = from_err_ptr(unsafe { bindings::class_create(name.as_char_ptr()) })
            .inspect_err(|e| pr_err!("class_create({}) failed: {:?}\n", name, e))?;
        let ptr = NonNull::new(ptr).ok_or(ENOMEM)?;
        // INVARIANT: just created; devices made later hold clones.
        let inner = ClassInner { ptr };
        Ok(Self {
            inner: Arc::new(inner, GFP_KERNEL)?,
        })
    }
}

/// A driver on the platform bus that devices can be bound to by hand, so
/// that tools reading `device/driver` (ethtool, udev) find a name.
///
/// # Invariants
///
/// `drv` is registered from `register` until the drop of the last `Arc`
/// holding this value; devices bound to it hold one, so they are unbound
/// and unregistered before it is unregistered.
struct PlatformDriverInner {
    drv: Pin<KBox<Opaque<bindings::platform_driver>>>,
}

// SAFETY: registered drivers may be used from any thread.
unsafe impl Send for PlatformDriverInner {}
// SAFETY: `&PlatformDriverInner` gives only its address to bind devices with.
unsafe impl Sync for PlatformDriverInner {}

/// A handle to a registered [`PlatformDriverInner`].
#[derive(Clone)]
pub struct PlatformDriver {
    inner: Arc<PlatformDriverInner>,
}

impl PlatformDriver {
    /// Registers a driver named `name`.
    pub fn register(name: &'static CStr) -> Result<Self> {
        let drv = KBox::pin(Opaque::<bindings::platform_driver>::uninit(), GFP_KERNEL)?;
        // SAFETY: the driver is heap-allocated and pinned, so its address is
        // stable until `drop` unregisters it; an all-zero driver with a name
        // is what `platform_driver_register` accepts (no probe: devices are
        // bound by hand).
        unsafe {
            let raw = drv.get();
            core::ptr::write_bytes(raw, 0, 1);
            (*raw).driver.name = name.as_char_ptr();
            to_result(bindings::rwlan_platform_driver_register(raw))
                .inspect_err(|e| pr_err!("platform_driver_register({}) failed: {:?}\n", name, e))?;
        }
        // INVARIANT: registered above; unregistered in `drop`.
        Ok(Self {
            inner: Arc::new(PlatformDriverInner { drv }, GFP_KERNEL)?,
        })
    }

    fn driver(&self) -> *mut bindings::device_driver {
        // SAFETY: `drv` is valid; we take the address of a field only.
        unsafe { &raw mut (*self.inner.drv.get()).driver }
    }
}

impl Drop for PlatformDriverInner {
    fn drop(&mut self) {
        // SAFETY: registered in `PlatformDriver::register`; by the invariant
        // no device is bound to it any more.
        unsafe { bindings::platform_driver_unregister(self.drv.get()) }
    }
}

/// A device of a [`Class`], bound to a [`PlatformDriver`];
/// unregistered on drop.
///
/// # Invariants
///
/// `ptr` is a device made by `device_create` in `class`, unregistered only
/// in `drop`; `class` and `driver` are dropped after that (field drop
/// order), so neither goes while the device exists.
pub struct ClassDevice {
    ptr: NonNull<bindings::device>,
    _class: Class,
    _driver: PlatformDriver,
}

// SAFETY: devices may be used and unregistered from any thread.
unsafe impl Send for ClassDevice {}
// SAFETY: `&ClassDevice` only gives its address as a parent.
unsafe impl Sync for ClassDevice {}

impl ClassDevice {
    /// Creates the device `name` in `class`, bound to `driver`; both are
    /// kept until the device is gone.
    pub fn new(class: &Class, driver: &PlatformDriver, name: &CStr) -> Result<Self> {
        // SAFETY: `class` is a live class and `name` a C string, copied by
        // the driver core.
        let ptr = from_err_ptr(unsafe {
            bindings::rwlan_device_create(
                class.inner.ptr.as_ptr(),
                core::ptr::null_mut(),
                name.as_char_ptr(),
            )
        })
        .inspect_err(|e| pr_err!("device_create({}) failed: {:?}\n", name, e))?;
        let Some(ptr) = NonNull::new(ptr) else {
            return Err(ENOMEM);
        };
        let dev = Self {
            ptr,
            _class: class.clone(),
            _driver: driver.clone(),
        };
        // SAFETY: `dev` was just created and `driver` is registered.
        to_result(unsafe { bindings::rwlan_device_bind(ptr.as_ptr(), driver.driver()) })
            .inspect_err(|e| pr_err!("binding {} to its driver failed: {:?}\n", name, e))?;
        Ok(dev)
    }

    pub(in crate::wireless) fn as_raw(&self) -> *mut bindings::device {
        self.ptr.as_ptr()
    }
}

impl Drop for ClassDevice {
    fn drop(&mut self) {
        // SAFETY: the device was created in `new`; releasing an unbound
        // device is a no-op, so this is right on every path.
        unsafe {
            bindings::device_release_driver(self.ptr.as_ptr());
            bindings::device_unregister(self.ptr.as_ptr());
        }
    }
}
