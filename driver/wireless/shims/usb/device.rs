// SPDX-License-Identifier: GPL-2.0

//! USB devices and interfaces, and vendor control requests.

use crate::wireless::bindings;
use crate::wireless::shims::device;
use core::ptr::NonNull;
use kernel::error::to_result;
use kernel::prelude::*;
use kernel::types::Opaque;

/// A USB device (`struct usb_device`), kept alive by a reference count.
///
/// # Invariants
///
/// `ptr` is a device this value holds a reference to (`usb_get_dev`),
/// dropped once, in `drop`.
pub struct Device {
    ptr: NonNull<bindings::usb_device>,
}

// SAFETY: the USB core's functions on a device may be called from any
// thread; each serialises what it needs.
unsafe impl Send for Device {}
// SAFETY: as above.
unsafe impl Sync for Device {}

/// Vendor-specific, device-recipient control request, device to host.
const VENDOR_IN: u8 = (bindings::USB_DIR_IN | bindings::USB_TYPE_VENDOR) as u8;
/// Vendor-specific, device-recipient control request, host to device.
const VENDOR_OUT: u8 = (bindings::USB_DIR_OUT | bindings::USB_TYPE_VENDOR) as u8;

impl Device {
    pub(super) fn as_raw(&self) -> *mut bindings::usb_device {
        self.ptr.as_ptr()
    }

    /// The product ID from the device descriptor.
    pub fn product_id(&self) -> u16 {
        // SAFETY: the device is valid (we hold a reference); its descriptor
        // is read once at enumeration and fixed after.
        unsafe { bindings::rwlan_usb_product_id(self.as_raw()) }
    }

    /// A vendor control request reading `buf.len()` bytes from the device
    /// on endpoint 0; a short answer is an error. Sleeps.
    pub fn vendor_read(
        &self,
        request: u8,
        value: u16,
        index: u16,
        buf: &mut [u8],
        timeout_ms: u16,
    ) -> Result {
        let len = u16::try_from(buf.len()).map_err(|_| EINVAL)?;
        // SAFETY: the device is valid; `buf` is writable for `len` bytes and
        // `usb_control_msg_recv` bounces it through a DMA-able copy.
        to_result(unsafe {
            bindings::usb_control_msg_recv(
                self.as_raw(),
                0,
                request,
                VENDOR_IN,
                value,
                index,
                buf.as_mut_ptr().cast(),
                len,
                timeout_ms.into(),
                kernel::bindings::GFP_KERNEL,
            )
        })
    }

    /// A vendor control request writing `data` to the device on endpoint 0.
    /// Sleeps.
    pub fn vendor_write(
        &self,
        request: u8,
        value: u16,
        index: u16,
        data: &[u8],
        timeout_ms: u16,
    ) -> Result {
        let len = u16::try_from(data.len()).map_err(|_| EINVAL)?;
        // SAFETY: the device is valid; `data` is readable for `len` bytes and
        // `usb_control_msg_send` copies it before the transfer.
        to_result(unsafe {
            bindings::usb_control_msg_send(
                self.as_raw(),
                0,
                request,
                VENDOR_OUT,
                value,
                index,
                data.as_ptr().cast(),
                len,
                timeout_ms.into(),
                kernel::bindings::GFP_KERNEL,
            )
        })
    }
}

impl Clone for Device {
    fn clone(&self) -> Self {
        // SAFETY: the device is valid; the new reference is dropped by the
        // clone's `Drop`.
        unsafe { bindings::usb_get_dev(self.as_raw()) };
        Self { ptr: self.ptr }
    }
}

impl Drop for Device {
    fn drop(&mut self) {
        // SAFETY: we hold one reference, taken in `clone` or
        // `Interface::device`.
        unsafe { bindings::usb_put_dev(self.as_raw()) }
    }
}

/// A USB interface a driver is bound to (`struct usb_interface`), seen
/// during `probe` and `disconnect`.
///
/// # Invariants
///
/// A `&Interface` exists only during the `probe` or `disconnect` call the
/// USB core made with it, when the interface and its device are alive.
#[repr(transparent)]
pub struct Interface(Opaque<bindings::usb_interface>);

impl Interface {
    /// # Safety
    ///
    /// `ptr` must point to a valid interface for `'a`.
    pub(super) unsafe fn from_raw<'a>(ptr: *mut bindings::usb_interface) -> &'a Self {
        // SAFETY: transparent wrapper; validity is the caller's promise.
        unsafe { &*ptr.cast() }
    }

    pub(super) fn as_raw(&self) -> *mut bindings::usb_interface {
        self.0.get()
    }

    /// The device the interface belongs to, with a reference of its own.
    pub fn device(&self) -> Device {
        // SAFETY: the interface is valid and so is its parent device; the
        // reference taken here is released by `Device`'s `Drop`.
        let udev =
            unsafe { bindings::usb_get_dev(bindings::rwlan_interface_to_usbdev(self.as_raw())) };
        Device {
            // SAFETY: an interface always has a parent device.
            ptr: unsafe { NonNull::new_unchecked(udev) },
        }
    }

    /// Resets the device the interface belongs to (`usb_reset_device`): a
    /// port reset that returns it to its power-on state, the interfaces
    /// staying bound. A device already unplugged answers with an error.
    /// Sleeps.
    pub fn reset_device(&self) -> Result {
        // SAFETY: the interface and its device are valid (type invariant).
        // A `&Interface` exists only in probe and disconnect, which the USB
        // core calls with the device locked, as `usb_reset_device` requires.
        to_result(unsafe {
            bindings::usb_reset_device(bindings::rwlan_interface_to_usbdev(self.as_raw()))
        })
    }

    /// The interface's device, as a parent for other devices.
    pub fn as_device(&self) -> &device::Device {
        // SAFETY: the interface is valid; only a field address is taken.
        let dev = unsafe { bindings::rwlan_usb_interface_dev(self.as_raw()) };
        // SAFETY: the device is part of the interface, valid as long as it.
        unsafe { device::Device::from_raw(dev) }
    }
}
