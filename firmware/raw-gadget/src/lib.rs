//! Linux Raw Gadget (`/dev/raw-gadget`, `CONFIG_USB_RAW_GADGET`) behind a
//! safe API: a USB device whose every control request and transfer is
//! handled in userspace.
//!
//! Unlike FunctionFS, Raw Gadget lets the device choose its endpoint
//! numbers: an endpoint descriptor passed to [`RawGadget::ep_enable`] keeps
//! its number whenever the device controller has a configurable endpoint
//! of the right type and direction (dummy_hcd's `ep-aout`, `ep-bin`, ...).
//! In exchange, userspace answers everything on endpoint 0 the controller
//! does not answer itself: descriptors, SET_CONFIGURATION, SET_INTERFACE.
//!
//! Every transfer blocks until it completes. A signal ends the wait (the
//! request is cancelled and the call fails with `EINTR`): [`wake`] sends
//! one to a chosen thread, so that a program can stop threads blocked on
//! endpoints that the host never serves.
//!
//! This crate holds all of the emulator's `unsafe` code.

mod gadget;
mod uapi;
pub mod wake;

pub use gadget::{ControlRequest, EndpointHandle, EndpointInfo, Event, RawGadget, Speed};
pub use uapi::{EP_ADDR_ANY, MAX_NAME};
