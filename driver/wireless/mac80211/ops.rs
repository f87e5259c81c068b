// SPDX-License-Identifier: GPL-2.0

//! The callbacks a mac80211 driver implements.

use super::ampdu::{AmpduParams, AmpduReply};
use super::conf::{BssChanged, Conf, ConfChanged, TxQueueParams};
use super::hw::Hw;
use super::survey::Survey;
use super::testmode::TestmodeRequest;
use super::tx::{TxFrame, TxSender};
use super::vendor::{VendorCommand, VendorId, VendorRequest};
use super::vif_debugfs::VifFiles;
use crate::wireless::chanctx::{ChanctxConf, ChanctxSwitch, ScanRequest, SwitchMode};
use crate::wireless::channel::Channel;
use crate::wireless::vif::{MacAddr, Vif};
use kernel::prelude::*;

/// Callbacks of a mac80211 driver (`struct ieee80211_ops`).
///
/// The type implementing it is the driver's per-radio state: the hardware
/// keeps an `Arc` of it, which [`Hw::data`] returns.
#[vtable]
pub trait Ops: Send + Sync + Sized + 'static {
    /// Transmits a frame; called in atomic context with bottom halves off.
    fn tx(hw: &Hw<Self>, frame: TxFrame, sender: &TxSender);

    /// The first interface comes up.
    fn start(hw: &Hw<Self>) -> Result;

    /// The last interface went down; no frame may reach mac80211 after.
    fn stop(hw: &Hw<Self>);

    /// An interface is added.
    fn add_interface(hw: &Hw<Self>, vif: &Vif) -> Result;

    /// An interface is removed.
    fn remove_interface(hw: &Hw<Self>, vif: &Vif);

    /// The radio configuration changed to `conf`. mac80211 changes it only
    /// under the wiphy lock it holds here, so this is the one place it is
    /// handed out: a driver that needs it elsewhere keeps a copy.
    fn config(hw: &Hw<Self>, conf: &Conf, changed: ConfChanged) -> Result;

    /// Asks which of `total` receive filter flags the radio honours.
    fn configure_filter(hw: &Hw<Self>, changed: u32, total: u32) -> u32;

    /// An interface's type changes while it is up.
    fn change_interface(_hw: &Hw<Self>, _vif: &Vif) -> Result {
        kernel::build_error(kernel::error::VTABLE_DEFAULT_ERROR)
    }

    /// An interface's configuration (association, ...) changed.
    fn vif_cfg_changed(_hw: &Hw<Self>, _vif: &Vif, _changed: BssChanged) {
        kernel::build_error(kernel::error::VTABLE_DEFAULT_ERROR)
    }

    /// An interface's BSS (link) configuration changed.
    fn link_info_changed(_hw: &Hw<Self>, _vif: &Vif, _changed: BssChanged) {
        kernel::build_error(kernel::error::VTABLE_DEFAULT_ERROR)
    }

    /// A software scan starts; frames to `addr` are for us until it ends.
    fn sw_scan_start(_hw: &Hw<Self>, _vif: &Vif, _addr: &MacAddr) {
        kernel::build_error(kernel::error::VTABLE_DEFAULT_ERROR)
    }

    /// A software scan ended.
    fn sw_scan_complete(_hw: &Hw<Self>, _vif: &Vif) {
        kernel::build_error(kernel::error::VTABLE_DEFAULT_ERROR)
    }

    /// The radio's TSF in us.
    fn get_tsf(_hw: &Hw<Self>, _vif: &Vif) -> u64 {
        kernel::build_error(kernel::error::VTABLE_DEFAULT_ERROR)
    }

    /// Sets the radio's TSF.
    fn set_tsf(_hw: &Hw<Self>, _vif: &Vif, _tsf: u64) {
        kernel::build_error(kernel::error::VTABLE_DEFAULT_ERROR)
    }

    /// A block-ack session changes.
    fn ampdu_action(_hw: &Hw<Self>, _vif: &Vif, _params: AmpduParams) -> Result<AmpduReply> {
        kernel::build_error(kernel::error::VTABLE_DEFAULT_ERROR)
    }

    /// Whether the last beacon was ours (IBSS probe-response duty).
    fn tx_last_beacon(_hw: &Hw<Self>) -> bool {
        kernel::build_error(kernel::error::VTABLE_DEFAULT_ERROR)
    }

    /// The hardware's timer expired (soft-interrupt context). Returns the
    /// time in ns until it should expire again, or `None` to stop it.
    fn timer_expired(_hw: &Hw<Self>) -> Option<u64> {
        kernel::build_error(kernel::error::VTABLE_DEFAULT_ERROR)
    }

    /// The interface multicast lists hold `count` addresses in all
    /// (atomic context); `configure_filter` follows.
    fn prepare_multicast(_hw: &Hw<Self>, _count: usize) {
        kernel::build_error(kernel::error::VTABLE_DEFAULT_ERROR)
    }

    /// Contention parameters for TX queue `queue` (0 is the highest
    /// priority, voice).
    fn conf_tx(_hw: &Hw<Self>, _queue: u16, _params: &TxQueueParams) -> Result {
        kernel::build_error(kernel::error::VTABLE_DEFAULT_ERROR)
    }

    /// Polls the radio's hardware kill switch (see [`Hw::rfkill_start_polling`]).
    fn rfkill_poll(_hw: &Hw<Self>) {
        kernel::build_error(kernel::error::VTABLE_DEFAULT_ERROR)
    }

    /// The hardware's delayed work ran (process context, may sleep; see
    /// [`Hw::queue_work`]).
    fn work(_hw: &Hw<Self>) {
        kernel::build_error(kernel::error::VTABLE_DEFAULT_ERROR)
    }

    /// Names of the driver's counters in `ethtool -S`, shown after
    /// mac80211's; a name is cut to 31 bytes.
    const ETHTOOL_STATS: &'static [&'static str] = &[];

    /// The driver's counters, one a name of [`Self::ETHTOOL_STATS`] in its
    /// order (`values` has exactly as many, zeroed).
    fn ethtool_stats(_hw: &Hw<Self>, _values: &mut [u64]) {
        kernel::build_error(kernel::error::VTABLE_DEFAULT_ERROR)
    }

    /// Adds the driver's files to the debugfs directory of `vif`
    /// (`netdev:NAME` in the wiphy's). Called when the interface is added,
    /// and again whenever mac80211 remakes that directory; mac80211 removes
    /// the files before [`Self::remove_interface`]. (mac80211 calls this
    /// per link; the layer's interfaces have one.)
    fn link_add_debugfs(_hw: &Hw<Self>, _vif: &Vif, _files: &mut VifFiles<'_>) {
        kernel::build_error(kernel::error::VTABLE_DEFAULT_ERROR)
    }

    /// Vendor commands the driver answers ([`Self::vendor_command`]), at
    /// most [`MAX_VENDOR_COMMANDS`](super::vendor::MAX_VENDOR_COMMANDS).
    const VENDOR_COMMANDS: &'static [VendorCommand] = &[];

    /// Vendor events the driver may send
    /// ([`VendorRequest::event`](super::VendorRequest::event)'s index).
    const VENDOR_EVENTS: &'static [VendorId] = &[];

    /// Answers request `req` to vendor command `index` of
    /// [`Self::VENDOR_COMMANDS`] (process context, wiphy lock held).
    fn vendor_command(_hw: &Hw<Self>, _index: usize, _req: &VendorRequest<'_>) -> Result {
        kernel::build_error(kernel::error::VTABLE_DEFAULT_ERROR)
    }

    /// Answers a testmode request (`NL80211_CMD_TESTMODE`; only with
    /// `CONFIG_NL80211_TESTMODE`), naming interface `vif` or none (process
    /// context, wiphy lock held).
    fn testmode(_hw: &Hw<Self>, _vif: Option<&Vif>, _req: &TestmodeRequest<'_>) -> Result {
        kernel::build_error(kernel::error::VTABLE_DEFAULT_ERROR)
    }

    /// Survey record `idx`, counting from 0: what the radio measured on
    /// one channel. `ENOENT` ends the dump.
    fn get_survey(_hw: &Hw<Self>, _idx: usize) -> Result<Survey> {
        kernel::build_error(kernel::error::VTABLE_DEFAULT_ERROR)
    }

    /// Starts a hardware scan (channel-context hardware only); the driver
    /// ends it with [`Hw::scan_completed`].
    fn hw_scan(_hw: &Hw<Self>, _vif: &Vif, _req: ScanRequest) -> Result {
        kernel::build_error(kernel::error::VTABLE_DEFAULT_ERROR)
    }

    /// Aborts the running hardware scan; it must have ended (with
    /// [`Hw::scan_completed`]) when this returns.
    fn cancel_hw_scan(_hw: &Hw<Self>, _vif: &Vif) {
        kernel::build_error(kernel::error::VTABLE_DEFAULT_ERROR)
    }

    /// Goes to `channel` for `duration_ms` (channel-context hardware only):
    /// [`Hw::ready_on_channel`] once there, then
    /// [`Hw::remain_on_channel_expired`].
    fn remain_on_channel(
        _hw: &Hw<Self>,
        _vif: &Vif,
        _channel: Channel,
        _duration_ms: u32,
    ) -> Result {
        kernel::build_error(kernel::error::VTABLE_DEFAULT_ERROR)
    }

    /// Ends a remain-on-channel period early.
    fn cancel_remain_on_channel(_hw: &Hw<Self>, _vif: &Vif) -> Result {
        kernel::build_error(kernel::error::VTABLE_DEFAULT_ERROR)
    }

    /// A channel context is created.
    fn add_chanctx(_hw: &Hw<Self>, _ctx: &ChanctxConf) -> Result {
        kernel::build_error(kernel::error::VTABLE_DEFAULT_ERROR)
    }

    /// A channel context goes away.
    fn remove_chanctx(_hw: &Hw<Self>, _ctx: &ChanctxConf) {
        kernel::build_error(kernel::error::VTABLE_DEFAULT_ERROR)
    }

    /// A channel context's definition changed (`IEEE80211_CHANCTX_CHANGE_*`).
    fn change_chanctx(_hw: &Hw<Self>, _ctx: &ChanctxConf, _changed: u32) {
        kernel::build_error(kernel::error::VTABLE_DEFAULT_ERROR)
    }

    /// An interface now uses a channel context.
    fn assign_vif_chanctx(_hw: &Hw<Self>, _vif: &Vif, _ctx: &ChanctxConf) -> Result {
        kernel::build_error(kernel::error::VTABLE_DEFAULT_ERROR)
    }

    /// An interface stops using a channel context.
    fn unassign_vif_chanctx(_hw: &Hw<Self>, _vif: &Vif, _ctx: &ChanctxConf) {
        kernel::build_error(kernel::error::VTABLE_DEFAULT_ERROR)
    }

    /// Interfaces move between channel contexts (channel switch).
    fn switch_vif_chanctx(
        _hw: &Hw<Self>,
        _switches: &[ChanctxSwitch],
        _mode: SwitchMode,
    ) -> Result {
        kernel::build_error(kernel::error::VTABLE_DEFAULT_ERROR)
    }
}
