// SPDX-License-Identifier: GPL-2.0

//! The USB driver a module registers: its trait, the probe and
//! disconnect trampolines, and the registration.

use super::device::Interface;
use super::id::DeviceId;
use crate::wireless::bindings;
use core::marker::PhantomData;
use core::ptr;
use kernel::error::to_result;
use kernel::prelude::*;
use kernel::str::CStr;
use kernel::types::Opaque;

/// A USB driver: what it binds to and what it does on probe and disconnect.
pub trait Driver: 'static {
    /// What the driver keeps while it is bound to an interface; handed
    /// back to `disconnect`.
    type Data: Send + Sync;

    /// The devices the driver binds to (a [`usb_device_table!`] table).
    const ID_TABLE: &'static [DeviceId];

    /// Binds to `intf`; `info` is the matching ID entry's value.
    fn probe(intf: &Interface, info: usize) -> Result<KBox<Self::Data>>;

    /// The interface goes away (unbound, or the device was unplugged): the
    /// driver drops its data, and may then reset the device.
    fn disconnect(_intf: &Interface, data: KBox<Self::Data>) {
        drop(data);
    }
}

struct Adapter<T: Driver>(PhantomData<T>);

impl<T: Driver> Adapter<T> {
    /// # Safety
    ///
    /// Only the USB core calls this, for a driver registered by
    /// [`Registration`], with a valid interface and the matching ID entry.
    unsafe extern "C" fn probe_callback(
        intf: *mut bindings::usb_interface,
        id: *const bindings::usb_device_id,
    ) -> kernel::ffi::c_int {
        // SAFETY: the USB core passes a valid interface and ID entry for the
        // duration of the call.
        let (iface, info) = unsafe { (Interface::from_raw(intf), (*id).driver_info as usize) };
        match T::probe(iface, info) {
            Ok(data) => {
                // SAFETY: the interface is valid; the pointer is taken back
                // exactly once, in `disconnect_callback`.
                unsafe { bindings::rwlan_usb_set_intfdata(intf, KBox::into_raw(data).cast()) };
                0
            }
            Err(e) => e.to_errno(),
        }
    }

    /// # Safety
    ///
    /// Only the USB core calls this, for an interface `probe_callback`
    /// bound successfully.
    unsafe extern "C" fn disconnect_callback(intf: *mut bindings::usb_interface) {
        // SAFETY: the interface is valid; its data is the box `probe`
        // stored, taken back and cleared here once.
        let (iface, data) = unsafe {
            let data = bindings::rwlan_usb_get_intfdata(intf).cast::<T::Data>();
            bindings::rwlan_usb_set_intfdata(intf, ptr::null_mut());
            (Interface::from_raw(intf), data)
        };
        if data.is_null() {
            return;
        }
        // SAFETY: `data` came from `KBox::into_raw` in `probe_callback`.
        let data = unsafe { KBox::from_raw(data) };
        T::disconnect(iface, data);
    }
}

/// A registered USB driver; dropping it unregisters it (disconnecting every
/// interface it is bound to).
///
/// # Invariants
///
/// `drv` is pinned on the heap and registered from `register` until
/// `drop`; its ID table and name are `'static`.
pub struct Registration<T: Driver> {
    drv: Pin<KBox<Opaque<bindings::usb_driver>>>,
    _driver: PhantomData<T>,
}

// SAFETY: a registered driver may be unregistered from any thread.
unsafe impl<T: Driver> Send for Registration<T> {}
// SAFETY: `&Registration` gives no access to anything.
unsafe impl<T: Driver> Sync for Registration<T> {}

impl<T: Driver> Registration<T> {
    /// Registers driver `name` for the devices in `T::ID_TABLE`.
    pub fn register(name: &'static CStr) -> Result<Self> {
        if !matches!(T::ID_TABLE.last(), Some(id) if id.0.match_flags == 0) {
            pr_err!("USB ID table of {} does not end with DeviceId::END\n", name);
            return Err(EINVAL);
        }
        let drv = KBox::pin(Opaque::<bindings::usb_driver>::uninit(), GFP_KERNEL)?;
        // SAFETY: the driver is pinned on the heap until `drop` unregisters
        // it; a zeroed driver with a name, ID table, probe and disconnect is
        // what `usb_register` accepts. The table is `'static`.
        unsafe {
            let raw = drv.get();
            ptr::write_bytes(raw, 0, 1);
            (*raw).name = name.as_char_ptr();
            (*raw).id_table = T::ID_TABLE.as_ptr().cast();
            (*raw).probe = Some(Adapter::<T>::probe_callback);
            (*raw).disconnect = Some(Adapter::<T>::disconnect_callback);
            // As the C drivers of USB Wi-Fi dongles: link power management
            // initiated by the hub costs latency on every frame.
            (*raw).set_disable_hub_initiated_lpm(1);
            to_result(bindings::rwlan_usb_register(raw))
                .inspect_err(|e| pr_err!("usb_register({}) failed: {:?}\n", name, e))?;
        }
        Ok(Self {
            drv,
            _driver: PhantomData,
        })
    }
}

impl<T: Driver> Drop for Registration<T> {
    fn drop(&mut self) {
        // SAFETY: registered in `register`; this disconnects every bound
        // interface before it returns.
        unsafe { bindings::usb_deregister(self.drv.get()) }
    }
}
