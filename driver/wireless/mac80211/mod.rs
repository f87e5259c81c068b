// SPDX-License-Identifier: GPL-2.0

//! mac80211 drivers: the [`Ops`] a SoftMAC driver implements, the [`Hw`] it
//! is handed, and the [`Registration`] that owns an `ieee80211_hw` from
//! allocation to unregistration.
//!
//! The shape is that of `kernel::net::phy`: a `#[vtable]` trait, a private
//! adapter of `extern "C"` trampolines that fills `struct ieee80211_ops`, and
//! transparent wrappers over the C structures.
//!
//! Drivers built on this layer use mac80211's software TX queues
//! (`ieee80211_handle_wake_tx_queue`) and, unless registered with
//! [`Builder::chanctx`], its channel-context emulation and software
//! scan. Each hardware gets one high-resolution timer (soft-interrupt mode)
//! whose expiry calls [`Ops::timer_expired`], which is what beaconing needs,
//! and one delayed work item on mac80211's workqueue whose run calls
//! [`Ops::work`] (process context), which is what hardware scans and
//! remain-on-channel need.
//!
//! One file per concern: [`Ops`] (`ops.rs`) and its trampolines
//! (`adapter.rs`), the [`Hw`] (`hw.rs`) with its timer and work
//! (`deferred.rs`), received (`rx.rs`, through mac80211's tasklet or a
//! shared NAPI context, `rx_napi.rs`) and transmitted (`tx.rs`) frames and
//! their rates (`rate.rs`), hardware scan and remain-on-channel
//! (`offchannel.rs`), survey records (`survey.rs`), the names of its LED
//! triggers (`led.rs`), vendor (`vendor.rs`) and testmode
//! (`testmode.rs`) commands with their replies and events (`nlcmd.rs`), files in interfaces' debugfs directories
//! (`vif_debugfs.rs`), references from outside
//! the callbacks (`hwref.rs`), and the [`Registration`] (`registration.rs`).

mod adapter;
mod ampdu;
mod conf;
mod deferred;
mod ethtool;
mod hw;
mod hwref;
mod led;
mod nlcmd;
mod offchannel;
mod ops;
mod rate;
mod registration;
mod rx;
mod rx_napi;
mod survey;
mod testmode;
mod tx;
mod vendor;
mod vif_debugfs;

pub use ampdu::{AmpduAction, AmpduParams, AmpduReply};
pub use conf::{BssChanged, ChanctxSupport, Conf, ConfChanged, FilterFlags, TxQueueParams};
pub use hw::Hw;
pub use hwref::HwRef;
pub use led::LedTrigger;
pub use nlcmd::{Nl80211Message, Payload};
pub use ops::Ops;
pub use rate::{Bandwidth, Encoding};
pub use registration::{Builder, Parent, Registration};
pub use rx::{RxFlags, RxStatus};
pub use rx_napi::RxNapi;
pub use survey::Survey;
pub use testmode::TestmodeRequest;
pub use tx::{Protection, TxControl, TxFrame, TxInfo, TxRate, TxReport, TxSender, TX_MAX_RATES};
pub use vendor::{VendorCommand, VendorId, VendorNeeds, VendorRequest, MAX_VENDOR_COMMANDS};
pub use vif_debugfs::VifFiles;
