// SPDX-License-Identifier: GPL-2.0

//! Driver-model objects a virtual device needs to look real in sysfs: a
//! device class, a (platform) driver to bind to, and devices of the class.

use super::bindings;
use core::ptr::NonNull;
use kernel::error::{from_err_ptr, to_result};
use kernel::prelude::*;
use kernel::str::CStr;
use kernel::types::Opaque;

/// A device class (`/sys/class/NAME`); destroyed on drop.
pub(crate) struct Class {
    ptr: NonNull<bindings::class>,
}

// SAFETY: a class may be used and destroyed from any thread.
unsafe impl Send for Class {}
// SAFETY: `&Class` only allows creating devices, which the driver core
// serialises.
unsafe impl Sync for Class {}

impl Class {
    /// Creates the class `name`.
    pub(crate) fn new(name: &'static CStr) -> Result<Self> {
        // SAFETY: `name` is a NUL-terminated string that outlives the class.
        let ptr = from_err_ptr(unsafe { bindings::class_create(name.as_char_ptr()) })
            .inspect_err(|e| pr_err!("class_create({}) failed: {:?}\n", name, e))?;
        NonNull::new(ptr).map(|ptr| Self { ptr }).ok_or(ENOMEM)
    }
}

impl Drop for Class {
    fn drop(&mut self) {
        // SAFETY: created in `new`; devices of the class hold references, so
        // it is freed only once they are gone.
        unsafe { bindings::class_destroy(self.ptr.as_ptr()) }
    }
}

/// A driver on the platform bus that devices can be bound to by hand, so
/// that tools reading `device/driver` (ethtool, udev) find a name.
pub(crate) struct PlatformDriver {
    drv: Pin<KBox<Opaque<bindings::platform_driver>>>,
}

// SAFETY: registered drivers may be used from any thread.
unsafe impl Send for PlatformDriver {}
// SAFETY: `&PlatformDriver` gives only its address to bind devices with.
unsafe impl Sync for PlatformDriver {}

impl PlatformDriver {
    /// Registers a driver named `name`.
    pub(crate) fn register(name: &'static CStr) -> Result<Self> {
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
        Ok(Self { drv })
    }

    fn driver(&self) -> *mut bindings::device_driver {
        // SAFETY: `drv` is valid; we take the address of a field only.
        unsafe { &raw mut (*self.drv.get()).driver }
    }
}

impl Drop for PlatformDriver {
    fn drop(&mut self) {
        // SAFETY: registered in `register`; devices bound to it were
        // released before (they borrow nothing from us but the driver core
        // unbinds any that remain).
        unsafe { bindings::platform_driver_unregister(self.drv.get()) }
    }
}

/// A device of a [`Class`], bound to a [`PlatformDriver`];
/// unregistered on drop.
pub(crate) struct ClassDevice {
    ptr: NonNull<bindings::device>,
}

// SAFETY: devices may be used and unregistered from any thread.
unsafe impl Send for ClassDevice {}
// SAFETY: `&ClassDevice` only gives its address as a parent.
unsafe impl Sync for ClassDevice {}

impl ClassDevice {
    /// Creates the device `name` in `class`, bound to `driver`.
    ///
    /// The class and driver must outlive the device.
    pub(crate) fn new(class: &Class, driver: &PlatformDriver, name: &CStr) -> Result<Self> {
        // SAFETY: `class` is a live class and `name` a C string, copied by
        // the driver core.
        let ptr = from_err_ptr(unsafe {
            bindings::rwlan_device_create(
                class.ptr.as_ptr(),
                core::ptr::null_mut(),
                name.as_char_ptr(),
            )
        })
        .inspect_err(|e| pr_err!("device_create({}) failed: {:?}\n", name, e))?;
        let Some(ptr) = NonNull::new(ptr) else {
            return Err(ENOMEM);
        };
        let dev = Self { ptr };
        // SAFETY: `dev` was just created and `driver` is registered.
        to_result(unsafe { bindings::rwlan_device_bind(ptr.as_ptr(), driver.driver()) })
            .inspect_err(|e| pr_err!("binding {} to its driver failed: {:?}\n", name, e))?;
        Ok(dev)
    }

    pub(super) fn as_raw(&self) -> *mut bindings::device {
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
