// SPDX-License-Identifier: GPL-2.0

//! Driver ID tables: entries and the macro that exports them as module
//! aliases.

use crate::wireless::bindings;

/// One entry of a driver's ID table (`struct usb_device_id`).
#[repr(transparent)]
pub struct DeviceId(pub(super) bindings::usb_device_id);

impl DeviceId {
    /// Matches the device `vendor:product`; `info` is handed to `probe`.
    pub const fn new(vendor: u16, product: u16, info: usize) -> Self {
        // SAFETY: all-zero is a valid `usb_device_id` (matches nothing).
        let mut id: bindings::usb_device_id = unsafe { core::mem::zeroed() };
        id.match_flags =
            (bindings::USB_DEVICE_ID_MATCH_VENDOR | bindings::USB_DEVICE_ID_MATCH_PRODUCT) as u16;
        id.idVendor = vendor;
        id.idProduct = product;
        id.driver_info = info as _;
        Self(id)
    }

    /// The all-zero entry that ends a table.
    pub const END: Self = {
        // SAFETY: as in `new`.
        Self(unsafe { core::mem::zeroed() })
    };
}

/// Declares a driver's USB ID table as `$name`, under the symbol modpost
/// turns into `usb:vVVVVpPPPP*` module aliases (what `MODULE_DEVICE_TABLE`
/// does in C), so that udev loads the module for these devices. The table
/// ends with [`DeviceId::END`], added here.
macro_rules! usb_device_table {
    ($name:ident, $symbol:literal, [$(($vendor:expr, $product:expr, $info:expr)),* $(,)?]) => {
        #[used]
        #[export_name = $symbol]
        static $name: [$crate::wireless::shims::usb::DeviceId;
            [$(($vendor, $product)),*].len() + 1] = [
            $($crate::wireless::shims::usb::DeviceId::new($vendor, $product, $info),)*
            $crate::wireless::shims::usb::DeviceId::END,
        ];
    };
}
pub(crate) use usb_device_table;
