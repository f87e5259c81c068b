// SPDX-License-Identifier: GPL-2.0

//! A receive-only network device that shows captured 802.11 frames to
//! packet sockets (tcpdump, wireshark), each behind a capture header such
//! as radiotap. Feeding it costs one check while the device is down.

use super::bindings;
use super::shims::net::skb::SkBuff;
use core::ptr::NonNull;
use kernel::error::from_err_ptr;
use kernel::prelude::*;
use kernel::str::CStr;

/// The device; unregistered and freed on drop.
///
/// # Invariants
///
/// `dev` is a net device made by `rwlan_capture_netdev_create` and
/// registered until `drop` destroys it; nothing else frees it.
pub struct CaptureDevice {
    dev: NonNull<bindings::net_device>,
}

// SAFETY: net devices are used from any context; feeding one only queues
// buffers to the network stack.
unsafe impl Send for CaptureDevice {}
// SAFETY: as above.
unsafe impl Sync for CaptureDevice {}

impl CaptureDevice {
    /// Registers a device named by `name_fmt` (with a `%d` for the first
    /// free number, e.g. `hwsim%d`).
    pub fn new(name_fmt: &'static CStr) -> Result<Self> {
        // SAFETY: `name_fmt` is a valid C string; the call takes the RTNL
        // lock itself, which we do not hold.
        let dev =
            from_err_ptr(unsafe { bindings::rwlan_capture_netdev_create(name_fmt.as_char_ptr()) })
                .inspect_err(|e| pr_err!("capture device {} failed: {:?}\n", name_fmt, e))?;
        Ok(Self {
            dev: NonNull::new(dev).ok_or(ENOMEM)?,
        })
    }

    /// Whether the device is up (someone may be listening).
    pub fn is_up(&self) -> bool {
        // SAFETY: the device is registered until `drop`.
        unsafe { bindings::rwlan_netif_running(self.dev.as_ptr()) }
    }

    /// Shows a copy of `frame` behind `header`; any context.
    pub fn capture(&self, header: &[u8], frame: &SkBuff) {
        // SAFETY: the device is registered; the frame is valid and only
        // copied; `header` is readable for its length.
        unsafe {
            bindings::rwlan_capture_netdev_rx(
                self.dev.as_ptr(),
                frame.as_raw(),
                header.as_ptr().cast(),
                header.len() as u32,
            )
        }
    }

    /// Shows `header` followed by `frame` (bytes); any context.
    pub fn capture_bytes(&self, header: &[u8], frame: &[u8]) {
        // SAFETY: the device is registered; both slices are readable.
        unsafe {
            bindings::rwlan_capture_netdev_rx_bytes(
                self.dev.as_ptr(),
                header.as_ptr().cast(),
                header.len() as u32,
                frame.as_ptr().cast(),
                frame.len() as u32,
            )
        }
    }
}

impl Drop for CaptureDevice {
    fn drop(&mut self) {
        // SAFETY: registered in `new`; unregistering waits for users and
        // frees the device.
        unsafe { bindings::rwlan_capture_netdev_destroy(self.dev.as_ptr()) }
    }
}
