// SPDX-License-Identifier: GPL-2.0

//! Generic kernel abstractions that 6.12's `kernel` crate lacks.
//!
//! Nothing here knows about 802.11. Each module is named after the upstream
//! `rust/kernel` module it stands in for (or, where upstream has none yet,
//! after the C header it wraps), so that it can go once the oldest kernel
//! rwlan builds against has the real one:
//!
//! | here | stands in for |
//! | --- | --- |
//! | `debugfs` | `kernel::debugfs` |
//! | `device` | classes and class devices of `kernel::device` |
//! | `error` | the `kernel::error::code` constants 6.12 lacks |
//! | `led` | LED class devices (`linux/leds.h`) |
//! | `module_param` | `kernel::module_param` |
//! | `net` | network namespaces (`net/net_namespace.h`) |
//! | `net::genetlink` | generic netlink families (`net/genetlink.h`) |
//! | `net::skb` | socket buffers (`linux/skbuff.h`) |
//! | `sync` | bottom-half and RCU sections of `kernel::sync` |
//! | `time`, `time::delay` | `kernel::time`, `kernel::time::delay` |
//! | `usb` | `kernel::usb` |
//!
//! The wireless layer builds on these; they never use it. `led`,
//! `net::genetlink` and `usb` are parts only the modules that ask for them compile (see
//! driver/Kbuild).

pub mod debugfs;
pub mod device;
pub mod error;
#[cfg(rwlan_led)]
pub mod led;
pub mod module_param;
pub mod net;
pub mod sync;
pub mod time;
#[cfg(rwlan_usb)]
pub mod usb;
