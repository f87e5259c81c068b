// SPDX-License-Identifier: GPL-2.0

//! USB drivers: a [`Driver`] trait with an ID table exported as module
//! aliases, probe and disconnect that own the driver's data, vendor control
//! requests, and bulk transfers whose completions call into safe Rust.
//!
//! The shape is that of `kernel::net::phy`: a trait, a private adapter of
//! `extern "C"` trampolines that fills `struct usb_driver`, and wrappers over
//! the C structures.
//!
//! URBs belong to an [`Anchor`]. Dropping a [`BulkInRing`] or killing a
//! [`BulkOut`]'s anchor waits until no transfer of theirs is in flight and
//! no completion runs, so the buffers and handlers a completion uses always
//! outlive it, whether the device stays or is pulled mid-transfer. A
//! [`BulkInRing`] recovers from a halted endpoint and from protocol errors
//! with a work item of its own, which its `Drop` disables first.
//!
//! One file per concern: ID tables (`id.rs`), devices, interfaces and
//! control requests (`device.rs`), the driver registration (`driver.rs`),
//! anchors (`anchor.rs`), the bulk IN ring (`bulk_in.rs`), bulk OUT
//! transfers (`bulk_out.rs`) and the asynchronous vendor read
//! (`vendor_read.rs`).

mod anchor;
mod bulk_in;
mod bulk_out;
mod device;
mod driver;
mod id;
mod vendor_read;

pub use anchor::Anchor;
pub use bulk_in::{BulkInHandler, BulkInRing};
pub use bulk_out::{BulkOut, TxDone};
pub use device::{Device, Interface};
pub use driver::{Driver, Registration};
pub(crate) use id::usb_device_table;
pub use id::DeviceId;
pub use vendor_read::{VendorReadHandler, VendorReader};
