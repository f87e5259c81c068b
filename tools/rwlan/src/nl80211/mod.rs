//! nl80211 on the wire: the kernel's numbers and the attribute TLV codec
//! (from `rwlan-net`, shared with the dongle emulator) and typed views of
//! replies and events (`model`).
//!
//! Commands only assemble requests with [`attr::AttrWriter`] and render the
//! structs of [`model`]; no nl80211 number appears outside this module.

pub mod caps;
pub mod model;

pub use rwlan_net::attr;
pub use rwlan_net::nl80211::*;

/// Multicast groups of the nl80211 family that rwlan listens to.
pub const MCAST_GROUPS: [&str; 5] = ["config", "scan", "regulatory", "mlme", "vendor"];
