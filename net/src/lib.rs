//! What the `rwlan` CLI and the emulated dongle both say to the kernel:
//! generic netlink over neli with nl80211's numbers and a bounds-checked
//! attribute codec, interfaces by name, and packet sockets with their
//! memory-mapped capture ring.
//!
//! Every call into the C library that Rust cannot check lives here, each
//! `unsafe` block with the reason it is sound, behind functions that are
//! safe to call: the crates using this one have no `unsafe`.

pub mod attr;
pub mod genl;
pub mod iface;
pub mod nl80211;
pub mod packet;
pub mod poll;
pub mod ring;

/// For [`nl_enum!`]'s `Serialize` impls in other crates.
#[doc(hidden)]
pub use serde;
