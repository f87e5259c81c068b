//! rwlan's library: typed views of nl80211 replies, the IE parser and the
//! commands. The `rwlan` binary is a thin clap front end over [`cmd`]; the
//! fuzz targets link the parsers from here. Sockets, the attribute codec and
//! every `unsafe` call are in the `rwlan-net` crate.
#![forbid(unsafe_code)]

pub mod cmd;
pub mod error;
pub mod hwsim;
pub mod ie;
pub mod ieee80211;
pub mod nl80211;
pub mod output;
