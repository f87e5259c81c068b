// SPDX-License-Identifier: GPL-2.0

//! LED class devices (`/sys/class/leds/NAME`) whose brightness a driver
//! sets, after `linux/leds.h`.
//!
//! The layer registers only the *blocking* brightness callback. Triggers
//! change an LED's brightness from any context (mac80211's TX and RX
//! triggers from the data path, blink timers from soft interrupts); with
//! no atomic callback, the LED core hands every such change to its own
//! work item and calls [`LedHandler::brightness_set`] in process context,
//! where a USB driver can wait for its control requests. Deferring is thus
//! the LED core's, and so is the guarantee that ends it:
//! `led_classdev_unregister` detaches the trigger, stops blinking, sets
//! the LED off and waits for that work before it returns, and sysfs writes
//! are drained with the device. After [`Led`]'s drop nothing calls the
//! handler, which the `Led` owns until then.

use super::device::Device;
use crate::wireless::bindings;
use core::marker::PhantomPinned;
use kernel::error::to_result;
use kernel::fmt;
use kernel::prelude::*;
use kernel::str::{CStr, CString};
use kernel::sync::Arc;
use kernel::types::Opaque;

/// What an LED does when its brightness is set.
pub trait LedHandler: Send + Sync + 'static {
    /// Sets the LED to `brightness` (0 is off, 255 full). Called in process
    /// context (it may sleep), one call at a time per LED; also once from
    /// [`Led`]'s drop, which turns the LED off.
    fn brightness_set(&self, brightness: u8);
}

/// The class device and what it points to, in one pinned allocation.
///
/// # Invariants
///
/// `cdev` comes first, so the callback finds the whole from it. While the
/// class device is registered its `name` and `default_trigger` point into
/// `name` and `trigger`, and its callback reaches `handler`; all three are
/// dropped only after `led_classdev_unregister` has returned. The callback
/// calls a clone of `handler`, so a handler that drops its own `Led` (which
/// it can reach only through a reference cycle) is not freed under it.
#[repr(C)]
struct LedInner<H: LedHandler> {
    cdev: Opaque<bindings::led_classdev>,
    name: CString,
    trigger: Option<CString>,
    handler: Arc<H>,
    _pin: PhantomPinned,
}

/// A registered LED class device; dropping it turns the LED off (through
/// the handler) and unregisters it.
///
/// The LED keeps copies of its names and owns its handler, so it depends on
/// nothing else: a default trigger that goes first (mac80211's, when the
/// hardware is unregistered) is detached from it, and its parent device is
/// kept by the class device's reference. Drop it where the parent's
/// driver lets go of the device (a USB driver's `disconnect`), so that it
/// leaves sysfs before its parent does.
///
/// # Invariants
///
/// `inner.cdev` is registered from `register` until `drop`.
pub struct Led<H: LedHandler> {
    inner: Pin<KBox<LedInner<H>>>,
}

// SAFETY: an LED may be used and unregistered from any thread, and its
// handler is `Send + Sync`.
unsafe impl<H: LedHandler> Send for Led<H> {}
// SAFETY: `&Led` only reads the names and lends the `Sync` handler.
unsafe impl<H: LedHandler> Sync for Led<H> {}

impl<H: LedHandler> Led<H> {
    /// Registers the LED `name` under `parent`, following the trigger
    /// `default_trigger` (if any), with `handler` setting its brightness.
    /// Fails with `EOPNOTSUPP` in a kernel without LED class support.
    pub fn register(
        parent: &Device,
        name: &CStr,
        default_trigger: Option<&CStr>,
        handler: H,
    ) -> Result<Self> {
        let name = CString::try_from_fmt(fmt!("{}", name))?;
        let trigger = match default_trigger {
            Some(t) => Some(CString::try_from_fmt(fmt!("{}", t))?),
            None => None,
        };
        let handler = Arc::new(handler, GFP_KERNEL)?;
        let inner = KBox::pin(
            LedInner {
                // SAFETY: an all-zero `led_classdev` is the unregistered
                // state `led_classdev_register` expects.
                cdev: unsafe { core::mem::zeroed() },
                name,
                trigger,
                handler,
                _pin: PhantomPinned,
            },
            GFP_KERNEL,
        )?;
        let trigger_ptr = inner
            .trigger
            .as_ref()
            .map_or(core::ptr::null(), |t| t.as_char_ptr());
        // SAFETY: `cdev` is zeroed and pinned in `inner`, which outlives
        // the registration (`Led`'s drop unregisters first); the names it
        // is pointed at live in `inner` too. `parent` is a live device, which
        // the class device takes a reference to.
        to_result(unsafe {
            bindings::rwlan_led_register(
                parent.as_raw(),
                inner.cdev.get(),
                inner.name.as_char_ptr(),
                trigger_ptr,
                Some(brightness_set_callback::<H>),
            )
        })
        .inspect_err(|e| pr_err!("cannot register LED {}: {:?}\n", &*inner.name, e))?;
        Ok(Self { inner })
    }

    /// The LED's name (`/sys/class/leds/NAME`).
    pub fn name(&self) -> &CStr {
        &self.inner.name
    }

    /// The LED's handler.
    pub fn handler(&self) -> &H {
        &self.inner.handler
    }
}

impl<H: LedHandler> Drop for Led<H> {
    fn drop(&mut self) {
        // SAFETY: registered in `register` (the invariant); unregistering
        // calls the handler once more (off) and waits for every pending
        // call, all before `inner` is freed.
        unsafe { bindings::rwlan_led_unregister(self.inner.cdev.get()) }
    }
}

/// The class device's `brightness_set_blocking`.
///
/// # Safety
///
/// Only the LED core calls this, for a class device registered by
/// [`Led::register`] with `H`, while it is registered.
unsafe extern "C" fn brightness_set_callback<H: LedHandler>(
    cdev: *mut bindings::led_classdev,
    brightness: bindings::led_brightness,
) -> kernel::ffi::c_int {
    // SAFETY: `cdev` is the first field of a `#[repr(C)]` `LedInner<H>`
    // (its invariant), which lives until the class device is unregistered;
    // the LED core calls this only for a registered class device, and
    // unregistering waits for its work, from which it calls this. The
    // clone keeps the handler for the call whatever the handler drops.
    let handler = unsafe { (*cdev.cast::<LedInner<H>>()).handler.clone() };
    handler.brightness_set(brightness.min(u32::from(u8::MAX)) as u8);
    0
}
