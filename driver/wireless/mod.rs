// SPDX-License-Identifier: GPL-2.0

//! rwlan's safe layer over mac80211, cfg80211 and friends.
//!
//! Every `unsafe` block and every use of the raw bindings in rwlan lives under
//! this module; the drivers built on it are safe Rust. Each module crate pulls
//! it in with `#[path = "../wireless/mod.rs"] mod wireless;`, so not every
//! crate uses every item.
#![allow(dead_code, unused_imports, unused_macros)]

mod bindings;
pub(crate) mod capture;
pub(crate) mod chanctx;
pub(crate) mod channel;
pub(crate) mod debugfs;
pub(crate) mod delay;
pub(crate) mod device;
pub(crate) mod errno;
pub(crate) mod frame;
pub(crate) mod genetlink;
pub(crate) mod hwconfig;
pub(crate) mod mac80211;
pub(crate) mod net;
pub(crate) mod param;
pub(crate) mod skb;
pub(crate) mod sync;
pub(crate) mod time;
pub(crate) mod usb;
pub(crate) mod vif;
