// SPDX-License-Identifier: GPL-2.0

//! rwlan's safe layer over mac80211, cfg80211 and friends.
//!
//! Every `unsafe` block and every use of the raw bindings in rwlan lives under
//! this module; the drivers built on it are safe Rust. Each module crate pulls
//! it in with `#[path = "../wireless/mod.rs"] pub mod wireless;`: the layer
//! is the crate's public API, so an item one crate leaves unused is not dead
//! code, while anything the layer itself leaves unused still warns. The
//! optional parts (`capture`, `shims::led`, `shims::net::genetlink`,
//! `shims::usb`) are compiled only into the modules whose Kbuild line asks
//! for them.

mod bindings;
#[cfg(rwlan_capture)]
pub mod capture;
pub mod chanctx;
pub mod channel;
pub mod frame;
pub mod hwconfig;
pub mod mac80211;
pub mod regulatory;
pub mod shims;
pub mod vif;
