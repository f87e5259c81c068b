//! rwlan's library: the nl80211 codec, the IE parser and the commands. The
//! `rwlan` binary is a thin clap front end over [`cmd`]; the fuzz targets
//! link the parsers from here. All `unsafe` code is in [`sys`].
#![deny(unsafe_code)]

pub mod cmd;
pub mod error;
pub mod hwsim;
pub mod ie;
pub mod ieee80211;
pub mod netlink;
pub mod nl80211;
pub mod output;
pub mod sys;
