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
//! [`Registration::new_chanctx`], its channel-context emulation and software
//! scan. Each hardware gets one high-resolution timer (soft-interrupt mode)
//! whose expiry calls [`Ops::timer_expired`], which is what beaconing needs,
//! and one delayed work item on mac80211's workqueue whose run calls
//! [`Ops::work`] (process context), which is what hardware scans and
//! remain-on-channel need.

use super::bindings;
use super::chanctx::{channel_of, ChanctxConf, ChanctxSwitch, ScanRequest, SwitchMode};
use super::channel::{Band, Channel};
use super::device::ClassDevice;
use super::hwconfig::{HwConfig, HwStorage};
use super::net::Net;
use super::skb::SkBuff;
use super::sync::with_rcu_read_lock;
use super::usb;
use super::vif::{MacAddr, Vif};
use core::marker::PhantomData;
use core::ptr::{self, NonNull};
use core::sync::atomic::{AtomicBool, AtomicPtr, Ordering};
use kernel::error::to_result;
use kernel::prelude::*;
use kernel::str::CStr;
use kernel::sync::Arc;
use kernel::types::Opaque;

/// What changed in a `config` call (`IEEE80211_CONF_CHANGE_*`).
#[derive(Clone, Copy, Debug)]
pub(crate) struct ConfChanged(u32);

impl ConfChanged {
    /// The channel changed.
    pub(crate) fn channel(self) -> bool {
        self.0 & bindings::ieee80211_conf_changed_IEEE80211_CONF_CHANGE_CHANNEL != 0
    }

    /// The idle state changed.
    pub(crate) fn idle(self) -> bool {
        self.0 & bindings::ieee80211_conf_changed_IEEE80211_CONF_CHANGE_IDLE != 0
    }
}

/// What changed in a BSS (`BSS_CHANGED_*`).
#[derive(Clone, Copy, Debug)]
pub(crate) struct BssChanged(u64);

impl BssChanged {
    /// Beaconing was enabled or disabled, or its interval changed.
    pub(crate) fn beacon_enabled(self) -> bool {
        self.0 & bindings::ieee80211_bss_change_BSS_CHANGED_BEACON_ENABLED as u64 != 0
    }

    /// The association state changed.
    pub(crate) fn assoc(self) -> bool {
        self.0 & bindings::ieee80211_bss_change_BSS_CHANGED_ASSOC as u64 != 0
    }

    /// The BSSID changed.
    pub(crate) fn bssid(self) -> bool {
        self.0 & bindings::ieee80211_bss_change_BSS_CHANGED_BSSID as u64 != 0
    }

    /// The slot time or the preamble length changed (ERP).
    pub(crate) fn erp_timing(self) -> bool {
        self.0
            & (bindings::ieee80211_bss_change_BSS_CHANGED_ERP_SLOT
                | bindings::ieee80211_bss_change_BSS_CHANGED_ERP_PREAMBLE) as u64
            != 0
    }
}

/// The receive filter flags a driver can honour (`FIF_*`).
#[derive(Clone, Copy, Debug)]
pub(crate) struct FilterFlags(pub(crate) u32);

impl FilterFlags {
    /// Pass all multicast frames.
    pub(crate) const ALLMULTI: u32 = bindings::ieee80211_filter_flags_FIF_ALLMULTI;
    /// Pass multicast action frames.
    pub(crate) const MCAST_ACTION: u32 = bindings::ieee80211_filter_flags_FIF_MCAST_ACTION;
    /// Pass frames with a bad FCS.
    pub(crate) const FCSFAIL: u32 = bindings::ieee80211_filter_flags_FIF_FCSFAIL;
    /// Pass control frames.
    pub(crate) const CONTROL: u32 = bindings::ieee80211_filter_flags_FIF_CONTROL;
    /// Pass frames of other BSSs.
    pub(crate) const OTHER_BSS: u32 = bindings::ieee80211_filter_flags_FIF_OTHER_BSS;
}

/// The radio's configuration as mac80211 last set it (`hw->conf`).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Conf {
    /// The operating channel, if any.
    pub(crate) channel: Option<Channel>,
    /// Whether the radio is idle (no interface needs it).
    pub(crate) idle: bool,
    /// Whether power save is on.
    pub(crate) ps: bool,
}

/// A block-ack (A-MPDU) session action.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum AmpduAction {
    /// Start a TX session.
    TxStart,
    /// Stop a TX session (any flavour).
    TxStop,
    /// A TX session is operational.
    TxOperational,
    /// Start an RX session.
    RxStart,
    /// Stop an RX session.
    RxStop,
    /// Something this layer does not know.
    Other,
}

/// How a driver answers an [`AmpduAction`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum AmpduReply {
    /// Done.
    Done,
    /// TX session may start at once, without waiting for a callback.
    TxStartImmediate,
    /// Not supported (`-EOPNOTSUPP`).
    NotSupported,
}

/// A block-ack request: the action, peer and traffic identifier.
#[derive(Clone, Copy, Debug)]
pub(crate) struct AmpduParams {
    /// What to do.
    pub(crate) action: AmpduAction,
    /// The peer station's address.
    pub(crate) peer: MacAddr,
    /// The traffic identifier.
    pub(crate) tid: u16,
}

/// Number of rates in a frame's retry chain (`IEEE80211_TX_MAX_RATES`).
pub(crate) const TX_MAX_RATES: usize = 4;

/// One rate of a frame's retry chain (`struct ieee80211_tx_rate`).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct TxRate {
    /// Index into the band's bitrates or MCS index; -1 ends the chain.
    pub(crate) idx: i8,
    /// Attempts at this rate.
    pub(crate) count: u8,
    /// `IEEE80211_TX_RC_*` flags.
    pub(crate) flags: u16,
}

/// The parts of a frame's TX information a medium needs, read before the
/// frame is transmitted.
#[derive(Clone, Copy, Debug)]
pub(crate) struct TxInfo {
    /// The sender does not expect an acknowledgement.
    pub(crate) no_ack: bool,
    /// The sender wants to hear how the transmission went.
    pub(crate) req_tx_status: bool,
    /// The retry chain.
    pub(crate) rates: [TxRate; TX_MAX_RATES],
    /// First rate's index into the band's bitrates or the MCS index.
    pub(crate) rate_idx: i8,
    /// First rate is an HT MCS.
    pub(crate) ht: bool,
    /// First rate uses a 40 MHz channel.
    pub(crate) wide40: bool,
    /// First rate uses the short guard interval.
    pub(crate) short_gi: bool,
    /// The sending interface's TX power in dBm, when the frame has one.
    pub(crate) vif_txpower: Option<i32>,
    /// The frame goes out on a remain-on-channel channel, not on its
    /// interface's (`IEEE80211_TX_CTL_TX_OFFCHAN`).
    pub(crate) offchannel: bool,
}

/// How a transmission went, as an external medium reports it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct TxReport {
    /// The rates tried and their attempts (`count` 0 or `idx` -1 ends it).
    pub(crate) rates: [TxRate; TX_MAX_RATES],
    /// Signal of the acknowledgement in dBm.
    pub(crate) ack_signal: i32,
    /// The frame was acknowledged.
    pub(crate) acked: bool,
    /// The frame went out without asking for an acknowledgement.
    pub(crate) noack_transmitted: bool,
}

/// What a receiver tells mac80211 about a frame (`ieee80211_rx_status`).
#[derive(Clone, Copy, Debug)]
pub(crate) struct RxStatus {
    /// Channel the frame arrived on.
    pub(crate) channel: Channel,
    /// Signal strength in dBm.
    pub(crate) signal: i8,
    /// Rate index (legacy) or MCS index (HT).
    pub(crate) rate_idx: u8,
    /// The rate is an HT MCS.
    pub(crate) ht: bool,
    /// 40 MHz bandwidth.
    pub(crate) wide40: bool,
    /// Short guard interval.
    pub(crate) short_gi: bool,
    /// TSF (in us) of the receiver when the first symbol arrived, if
    /// known.
    pub(crate) mactime: Option<u64>,
    /// Boot time in ns of reception, for beacons and probe responses.
    pub(crate) boottime_ns: Option<u64>,
}

/// Callbacks of a mac80211 driver (`struct ieee80211_ops`).
///
/// The type implementing it is the driver's per-radio state: the hardware
/// keeps an `Arc` of it, which [`Hw::data`] returns.
#[vtable]
pub(crate) trait Ops: Send + Sync + Sized + 'static {
    /// Transmits a frame; called in atomic context with bottom halves off.
    fn tx(hw: &Hw<Self>, skb: SkBuff);

    /// The first interface comes up.
    fn start(hw: &Hw<Self>) -> Result;

    /// The last interface went down; no frame may reach mac80211 after.
    fn stop(hw: &Hw<Self>);

    /// An interface is added.
    fn add_interface(hw: &Hw<Self>, vif: &Vif) -> Result;

    /// An interface is removed.
    fn remove_interface(hw: &Hw<Self>, vif: &Vif);

    /// The radio configuration (`hw.conf()`) changed.
    fn config(hw: &Hw<Self>, changed: ConfChanged) -> Result;

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

/// What a channel-context (multi-channel) hardware offers beyond
/// [`HwConfig`]; see [`Registration::new_chanctx`].
#[derive(Clone, Copy, Debug)]
pub(crate) struct ChanctxSupport {
    /// SSIDs a hardware scan can probe for.
    pub(crate) max_scan_ssids: u8,
    /// Bytes of information elements a scan's probe requests can carry.
    pub(crate) max_scan_ie_len: u16,
    /// Longest remain-on-channel period in ms.
    pub(crate) max_remain_on_channel_ms: u16,
}

impl RxStatus {
    /// The status of a legacy (non-HT) frame that arrived on `channel` at
    /// TSF `mactime` (us).
    pub(crate) fn legacy(channel: Channel, signal: i8, rate_idx: u8, mactime: u64) -> Self {
        Self {
            channel,
            signal,
            rate_idx,
            ht: false,
            wide40: false,
            short_gi: false,
            mactime: Some(mactime),
            boottime_ns: None,
        }
    }
}

/// Contention parameters of a TX queue (`struct ieee80211_tx_queue_params`).
#[derive(Clone, Copy, Debug)]
pub(crate) struct TxQueueParams {
    /// Arbitration interframe space, in slots.
    pub(crate) aifs: u8,
    /// Minimum contention window (2^n - 1 slots).
    pub(crate) cw_min: u16,
    /// Maximum contention window (2^n - 1 slots).
    pub(crate) cw_max: u16,
    /// TX opportunity limit in units of 32 us.
    pub(crate) txop: u16,
}

/// What a received frame's status says beyond [`RxStatus`].
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct RxFlags {
    /// The frame failed its FCS check (passed up for monitors only).
    pub(crate) fcs_failed: bool,
    /// It was sent with a short PLCP preamble.
    pub(crate) short_preamble: bool,
}

/// How a frame wants to be protected and retried by hardware that does
/// both itself.
#[derive(Clone, Copy, Debug)]
pub(crate) struct TxControl {
    /// Attempts at the first rate, at least 1.
    pub(crate) tries: u8,
    /// RTS/CTS or CTS-to-self protection, if any.
    pub(crate) protection: Option<Protection>,
    /// The driver assigns the sequence number.
    pub(crate) assign_seq: bool,
    /// First fragment of an MSDU (a new sequence number starts).
    pub(crate) first_fragment: bool,
}

/// RTS/CTS protection of a frame.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Protection {
    /// CTS-to-self rather than an RTS/CTS exchange.
    pub(crate) cts_to_self: bool,
    /// Index of the rate for the RTS or CTS frame.
    pub(crate) rate_idx: i8,
    /// Duration field of the RTS or CTS frame, in us.
    pub(crate) duration: u16,
}

/// Liveness of a hardware, for [`HwRef`]: the pointer is cleared before the
/// hardware is unregistered, and an RCU grace period passes before that.
struct Liveness {
    hw: AtomicPtr<bindings::ieee80211_hw>,
    /// A `HwRef` was made (if not, there is no reader to wait for).
    referenced: AtomicBool,
}

/// A reference to a hardware for code running outside mac80211's callbacks
/// (URB completions): usable while the hardware is registered, a no-op
/// after, whatever outlives what.
pub(crate) struct HwRef<T: Ops> {
    live: Arc<Liveness>,
    _data: PhantomData<T>,
}

impl<T: Ops> Clone for HwRef<T> {
    fn clone(&self) -> Self {
        Self {
            live: self.live.clone(),
            _data: PhantomData,
        }
    }
}

impl<T: Ops> HwRef<T> {
    /// Calls `f` with the hardware if it is still registered; `f` runs in
    /// an RCU read section, so it must not sleep. Any context.
    pub(crate) fn with<R>(&self, f: impl FnOnce(&Hw<T>) -> R) -> Option<R> {
        with_rcu_read_lock(|| {
            let hw = self.live.hw.load(Ordering::Acquire);
            if hw.is_null() {
                return None;
            }
            // SAFETY: a non-null pointer read in the read section stays a
            // registered hw of `T` until the section ends: `Registration`
            // clears it and waits for a grace period before unregistering.
            Some(f(unsafe { Hw::from_raw(hw) }))
        })
    }
}

/// What the layer keeps in the hardware's private area.
///
/// `timer` comes first so the timer callback finds the whole from it.
#[repr(C)]
struct HwPriv<T> {
    timer: Opaque<bindings::hrtimer>,
    work: Opaque<bindings::delayed_work>,
    hw: *mut bindings::ieee80211_hw,
    data: Arc<T>,
    live: Arc<Liveness>,
}

/// An `ieee80211_hw` of a driver whose callbacks are `T`.
#[repr(transparent)]
pub(crate) struct Hw<T: Ops>(Opaque<bindings::ieee80211_hw>, PhantomData<T>);

// SAFETY: the mac80211 functions `Hw` offers may be called from any thread
// (each documents its context), and the driver data is `Send + Sync`.
unsafe impl<T: Ops> Sync for Hw<T> {}
// SAFETY: as above.
unsafe impl<T: Ops> Send for Hw<T> {}

impl<T: Ops> Hw<T> {
    /// # Safety
    ///
    /// `ptr` must be a hardware allocated by [`Registration::new`] for `T`
    /// (so its private area holds an initialised `HwPriv<T>`), valid for `'a`.
    unsafe fn from_raw<'a>(ptr: *mut bindings::ieee80211_hw) -> &'a Self {
        // SAFETY: transparent wrapper; validity is the caller's promise.
        unsafe { &*ptr.cast() }
    }

    fn as_raw(&self) -> *mut bindings::ieee80211_hw {
        self.0.get()
    }

    fn private(&self) -> &HwPriv<T> {
        // SAFETY: by the type invariant of `Hw<T>` (see `from_raw`), `priv_`
        // points to an initialised `HwPriv<T>` that lives as long as the hw.
        unsafe { &*(*self.as_raw()).priv_.cast::<HwPriv<T>>() }
    }

    /// The driver's state for this radio.
    pub(crate) fn data(&self) -> &Arc<T> {
        &self.private().data
    }

    /// Whether `self` and `other` are the same radio.
    pub(crate) fn is(&self, other: &Hw<T>) -> bool {
        ptr::eq(self, other)
    }

    /// The wiphy's name (`phyN`).
    pub(crate) fn wiphy_name(&self) -> &CStr {
        // SAFETY: the wiphy lives as long as the hw; its name is a
        // NUL-terminated string that changes only under RTNL on rename,
        // which keeps the old buffer valid for the device's lifetime.
        unsafe { CStr::from_char_ptr(bindings::rwlan_wiphy_name((*self.as_raw()).wiphy)) }
    }

    /// Whether the wiphy is in `net` now.
    pub(crate) fn in_net(&self, net: &Net) -> bool {
        // SAFETY: the wiphy lives as long as the hw; its namespace pointer
        // is read once (it changes only under RTNL) and only compared.
        let now = unsafe { bindings::rwlan_wiphy_net((*self.as_raw()).wiphy) };
        core::ptr::eq(now, net.as_raw())
    }

    /// Whether the wiphy supports P2P device interfaces.
    pub(crate) fn supports_p2p_device(&self) -> bool {
        // SAFETY: `interface_modes` is fixed after registration.
        let modes = unsafe { (*(*self.as_raw()).wiphy).interface_modes };
        modes & (1 << bindings::nl80211_iftype_NL80211_IFTYPE_P2P_DEVICE) != 0
    }

    /// The configuration mac80211 last set; read it from `config`, where
    /// mac80211 holds the wiphy lock that keeps it stable.
    pub(crate) fn conf(&self) -> Conf {
        let hw = self.as_raw();
        // SAFETY: `hw` is valid; `conf` is plain data and `chandef.chan`,
        // when set, points into the band tables that live as long as the hw.
        unsafe {
            let conf = &(*hw).conf;
            let chan = conf.chandef.chan;
            let channel = if chan.is_null() {
                None
            } else {
                Band::from_raw((*chan).band).map(|band| Channel {
                    freq: (*chan).center_freq,
                    band,
                })
            };
            Conf {
                channel,
                idle: conf.flags & bindings::ieee80211_conf_flags_IEEE80211_CONF_IDLE != 0,
                ps: conf.flags & bindings::ieee80211_conf_flags_IEEE80211_CONF_PS != 0,
            }
        }
    }

    /// Calls `f` for each active interface, in atomic context under RCU.
    pub(crate) fn for_each_active_vif<F: FnMut(&Vif)>(&self, mut f: F) {
        /// # Safety
        ///
        /// Only `ieee80211_iterate_active_interfaces_atomic` calls this, with
        /// the `F` it was given as data.
        unsafe extern "C" fn call<F: FnMut(&Vif)>(
            data: *mut kernel::ffi::c_void,
            _mac: *mut u8,
            vif: *mut bindings::ieee80211_vif,
        ) {
            // SAFETY: `data` is the `F` passed below, alive for the whole
            // iteration; `vif` is valid during the call (RCU).
            unsafe { (*data.cast::<F>())(Vif::from_raw(vif)) }
        }
        // SAFETY: the hw is valid; the iterator and its data outlive the
        // call, which returns only when the iteration is over.
        unsafe {
            bindings::ieee80211_iterate_active_interfaces_atomic(
                self.as_raw(),
                bindings::ieee80211_interface_iteration_flags_IEEE80211_IFACE_ITER_NORMAL,
                Some(call::<F>),
                (&raw mut f).cast(),
            )
        }
    }

    /// Hands a received frame to mac80211; callable from any context.
    pub(crate) fn rx(&self, skb: SkBuff, status: &RxStatus) {
        self.rx_flagged(skb, status, RxFlags::default())
    }

    /// Hands a received frame with extra status flags to mac80211; any
    /// context.
    pub(crate) fn rx_flagged(&self, skb: SkBuff, status: &RxStatus, flags: RxFlags) {
        let raw = skb.into_raw();
        // SAFETY: `raw` is a valid buffer we own; its control block becomes
        // the RX status, which we fill from zero as mac80211 expects.
        unsafe {
            let st = bindings::rwlan_skb_rx_status(raw);
            ptr::write_bytes(st, 0, 1);
            let st = &mut *st;
            if let Some(mactime) = status.mactime {
                st.flag = bindings::mac80211_rx_flags_RX_FLAG_MACTIME_START;
                st.mactime = mactime;
            }
            if let Some(ns) = status.boottime_ns {
                st.__bindgen_anon_1.boottime_ns = ns;
            }
            st.set_freq(status.channel.freq as u16);
            st.band = status.channel.band.raw() as u8;
            st.signal = status.signal;
            st.rate_idx = status.rate_idx;
            if status.ht {
                st.set_encoding(bindings::mac80211_rx_encoding_RX_ENC_HT as u8);
            }
            st.set_bw(if status.wide40 {
                bindings::rate_info_bw_RATE_INFO_BW_40 as u8
            } else {
                bindings::rate_info_bw_RATE_INFO_BW_20 as u8
            });
            if status.short_gi {
                st.enc_flags |= bindings::mac80211_rx_encoding_flags_RX_ENC_FLAG_SHORT_GI as u8;
            }
            if flags.short_preamble {
                st.enc_flags |= bindings::mac80211_rx_encoding_flags_RX_ENC_FLAG_SHORTPRE as u8;
            }
            if flags.fcs_failed {
                st.flag |= bindings::mac80211_rx_flags_RX_FLAG_FAILED_FCS_CRC;
            }
            bindings::ieee80211_rx_irqsafe(self.as_raw(), raw);
        }
    }

    /// Reads what a medium needs from a frame's TX information.
    pub(crate) fn tx_info(&self, skb: &SkBuff) -> TxInfo {
        // SAFETY: a frame handed to `tx` (or a beacon from mac80211) carries
        // its TX information in the control block; `vif`, when set, is
        // valid while the frame is being transmitted.
        unsafe {
            let info = &*bindings::rwlan_skb_tx_info(skb.as_raw());
            let control = &info.__bindgen_anon_1.control;
            let chain = &control.__bindgen_anon_1.__bindgen_anon_1.rates;
            let rate = &chain[0];
            let flags = u32::from(rate.flags());
            let vif = control.vif;
            let mut rates = [TxRate::default(); TX_MAX_RATES];
            for (r, c) in rates.iter_mut().zip(chain.iter()) {
                *r = TxRate {
                    idx: c.idx,
                    count: c.count() as u8,
                    flags: c.flags() as u16,
                };
            }
            TxInfo {
                no_ack: info.flags & bindings::mac80211_tx_info_flags_IEEE80211_TX_CTL_NO_ACK != 0,
                req_tx_status: info.flags
                    & bindings::mac80211_tx_info_flags_IEEE80211_TX_CTL_REQ_TX_STATUS
                    != 0,
                rates,
                rate_idx: rate.idx,
                ht: flags & bindings::mac80211_rate_control_flags_IEEE80211_TX_RC_MCS != 0,
                wide40: flags & bindings::mac80211_rate_control_flags_IEEE80211_TX_RC_40_MHZ_WIDTH
                    != 0,
                short_gi: flags & bindings::mac80211_rate_control_flags_IEEE80211_TX_RC_SHORT_GI
                    != 0,
                vif_txpower: if vif.is_null() {
                    None
                } else {
                    Some(Vif::from_raw(vif).txpower())
                },
                offchannel: info.flags
                    & bindings::mac80211_tx_info_flags_IEEE80211_TX_CTL_TX_OFFCHAN
                    != 0,
            }
        }
    }

    /// The channel of the channel context of the interface sending a frame
    /// handed to `tx`, if it has one (channel-context hardware).
    pub(crate) fn tx_vif_channel(&self, skb: &SkBuff) -> Option<Channel> {
        // SAFETY: as in `tx_info`.
        unsafe {
            let info = &*bindings::rwlan_skb_tx_info(skb.as_raw());
            let vif = info.__bindgen_anon_1.control.vif;
            if vif.is_null() {
                None
            } else {
                Vif::from_raw(vif).chanctx_channel()
            }
        }
    }

    /// Reports a transmitted frame: sent once at its first rate, and
    /// acknowledged when `acked` (unless it asked for no ACK).
    pub(crate) fn tx_status(&self, skb: SkBuff, acked: bool) {
        self.tx_status_tries(skb, 1, acked);
    }

    /// Reports a transmitted frame sent `tries` times (1 to 31) at its
    /// first rate, acknowledged when `acked` (unless it asked for no ACK).
    pub(crate) fn tx_status_tries(&self, skb: SkBuff, tries: u8, acked: bool) {
        let raw = skb.into_raw();
        // SAFETY: `raw` is a valid TX frame we own; its control block holds
        // the TX information, which becomes the status here.
        unsafe {
            let info = bindings::rwlan_skb_tx_info(raw);
            bindings::rwlan_tx_info_clear_status(info);
            let info = &mut *info;
            let rates = &mut info.__bindgen_anon_1.status.rates;
            rates[0].set_count(tries.clamp(1, 31).into());
            rates[1].idx = -1;
            if acked && info.flags & bindings::mac80211_tx_info_flags_IEEE80211_TX_CTL_NO_ACK == 0 {
                info.flags |= bindings::mac80211_tx_info_flags_IEEE80211_TX_STAT_ACK;
            }
            bindings::ieee80211_tx_status_irqsafe(self.as_raw(), raw);
        }
    }

    /// Reports a transmitted frame as an external medium saw it go.
    pub(crate) fn tx_status_report(&self, skb: SkBuff, report: &TxReport) {
        let raw = skb.into_raw();
        // SAFETY: as in `tx_status`.
        unsafe {
            let info = bindings::rwlan_skb_tx_info(raw);
            bindings::rwlan_tx_info_clear_status(info);
            let info = &mut *info;
            let status = &mut info.__bindgen_anon_1.status;
            for (d, r) in status.rates.iter_mut().zip(report.rates.iter()) {
                d.idx = r.idx;
                d.set_count(r.count.min(31).into());
            }
            status.ack_signal = report.ack_signal;
            if report.acked {
                info.flags |= bindings::mac80211_tx_info_flags_IEEE80211_TX_STAT_ACK;
            }
            if report.noack_transmitted {
                info.flags |= bindings::mac80211_tx_info_flags_IEEE80211_TX_STAT_NOACK_TRANSMITTED;
            }
            bindings::ieee80211_tx_status_irqsafe(self.as_raw(), raw);
        }
    }

    /// The radio's channel at `freq` MHz, if it has one there.
    pub(crate) fn channel_at(&self, freq: u32) -> Option<Channel> {
        // SAFETY: the wiphy and its band tables live as long as the hw; the
        // lookup only reads them.
        unsafe {
            let chan = bindings::ieee80211_get_channel_khz((*self.as_raw()).wiphy, freq * 1000);
            if chan.is_null() {
                return None;
            }
            Band::from_raw((*chan).band).map(|band| Channel {
                freq: (*chan).center_freq,
                band,
            })
        }
    }

    /// Drops a frame handed to `tx` without transmitting it.
    pub(crate) fn drop_tx(&self, skb: SkBuff) {
        // SAFETY: the hw is valid and the frame is a TX frame we own.
        unsafe { bindings::ieee80211_free_txskb(self.as_raw(), skb.into_raw()) }
    }

    /// The current beacon of an AP, IBSS or mesh interface; atomic context.
    pub(crate) fn beacon(&self, vif: &Vif) -> Option<SkBuff> {
        // SAFETY: hw and vif are valid; the returned buffer is ours.
        unsafe {
            SkBuff::from_raw(bindings::ieee80211_beacon_get_tim(
                self.as_raw(),
                vif.as_raw(),
                ptr::null_mut(),
                ptr::null_mut(),
                0,
            ))
        }
    }

    /// The next group-addressed frame buffered for after the beacon.
    pub(crate) fn buffered_broadcast(&self, vif: &Vif) -> Option<SkBuff> {
        // SAFETY: hw and vif are valid; the returned buffer is ours.
        unsafe {
            SkBuff::from_raw(bindings::ieee80211_get_buffered_bc(
                self.as_raw(),
                vif.as_raw(),
            ))
        }
    }

    /// Bitrate in 100 kbit/s of rate `idx` of `band`, if the band has it.
    pub(crate) fn bitrate(&self, band: Band, idx: i8) -> Option<u16> {
        let idx = usize::try_from(idx).ok()?;
        // SAFETY: the wiphy and its band tables live as long as the hw and
        // are not changed after registration.
        unsafe {
            let sband = (*(*self.as_raw()).wiphy).bands[band.raw() as usize];
            if sband.is_null() || idx >= (*sband).n_bitrates as usize {
                return None;
            }
            Some((*(*sband).bitrates.add(idx)).bitrate)
        }
    }

    /// The wiphy's debugfs directory (null when debugfs is off).
    pub(super) fn debugfs_dir(&self) -> *mut bindings::dentry {
        // SAFETY: the wiphy lives as long as the hw.
        unsafe { (*(*self.as_raw()).wiphy).debugfsdir }
    }

    /// A reference for code outside the callbacks (see [`HwRef`]).
    pub(crate) fn handle(&self) -> HwRef<T> {
        self.private().live.referenced.store(true, Ordering::Relaxed);
        HwRef {
            live: self.private().live.clone(),
            _data: PhantomData,
        }
    }

    /// How a frame handed to `tx` wants to be retried and protected.
    pub(crate) fn tx_control(&self, skb: &SkBuff) -> TxControl {
        let raw = skb.as_raw();
        // SAFETY: a frame handed to `tx` carries its TX information in the
        // control block; `vif`, when set, is valid during `tx`, and the
        // duration helpers only read the hw, vif and information.
        unsafe {
            let info = bindings::rwlan_skb_tx_info(raw);
            let i = &*info;
            let control = &i.__bindgen_anon_1.control;
            let rate = &control.__bindgen_anon_1.__bindgen_anon_1.rates[0];
            let rc = u32::from(rate.flags());
            let rts = rc & bindings::mac80211_rate_control_flags_IEEE80211_TX_RC_USE_RTS_CTS != 0;
            let cts = rc & bindings::mac80211_rate_control_flags_IEEE80211_TX_RC_USE_CTS_PROTECT != 0;
            let len = (*raw).len as usize;
            let protection = if rts || cts {
                let duration = if rts {
                    bindings::ieee80211_rts_duration(self.as_raw(), control.vif, len, info)
                } else {
                    bindings::ieee80211_ctstoself_duration(self.as_raw(), control.vif, len, info)
                };
                Some(Protection {
                    cts_to_self: !rts,
                    rate_idx: control.__bindgen_anon_1.__bindgen_anon_1.rts_cts_rate_idx,
                    duration: u16::from_le(duration),
                })
            } else {
                None
            };
            TxControl {
                tries: (rate.count() as u8).max(1),
                protection,
                assign_seq: i.flags & bindings::mac80211_tx_info_flags_IEEE80211_TX_CTL_ASSIGN_SEQ
                    != 0,
                first_fragment: i.flags
                    & bindings::mac80211_tx_info_flags_IEEE80211_TX_CTL_FIRST_FRAGMENT
                    != 0,
            }
        }
    }

    /// Tells cfg80211 whether the hardware kill switch blocks the radio.
    pub(crate) fn rfkill_set_blocked(&self, blocked: bool) {
        // SAFETY: the wiphy lives as long as the hw; the state change is
        // queued as work, so any context is fine.
        unsafe {
            bindings::wiphy_rfkill_set_hw_state_reason(
                (*self.as_raw()).wiphy,
                blocked,
                bindings::rfkill_hard_block_reasons_RFKILL_HARD_BLOCK_SIGNAL,
            )
        }
    }

    /// Has cfg80211 call [`Ops::rfkill_poll`] periodically, until
    /// [`Hw::rfkill_stop_polling`].
    pub(crate) fn rfkill_start_polling(&self) {
        // SAFETY: the wiphy is registered (only registered hardware is
        // handed out), so it has its rfkill.
        unsafe { bindings::wiphy_rfkill_start_polling((*self.as_raw()).wiphy) }
    }

    /// Stops [`Ops::rfkill_poll`] calls and waits for a running one. Sleeps.
    pub(crate) fn rfkill_stop_polling(&self) {
        // SAFETY: as in `rfkill_start_polling`.
        unsafe { bindings::rwlan_wiphy_rfkill_stop_polling((*self.as_raw()).wiphy) }
    }

    fn timer(&self) -> *mut bindings::hrtimer {
        self.private().timer.get()
    }

    /// (Re)starts the hardware's timer to expire in `ns`.
    pub(crate) fn timer_start(&self, ns: u64) {
        // SAFETY: the timer was initialised by `Registration::new` and lives
        // as long as the hw.
        unsafe { bindings::rwlan_hrtimer_start_rel_soft(self.timer(), ns) }
    }

    /// Whether the timer is queued.
    pub(crate) fn timer_queued(&self) -> bool {
        // SAFETY: as in `timer_start`.
        unsafe { bindings::rwlan_hrtimer_is_queued(self.timer()) }
    }

    /// Stops the timer and waits for a running expiry to finish. Must not
    /// be called from the timer's own expiry.
    pub(crate) fn timer_cancel(&self) {
        // SAFETY: as in `timer_start`.
        unsafe { bindings::hrtimer_cancel(self.timer()) };
    }

    fn work_item(&self) -> *mut bindings::delayed_work {
        self.private().work.get()
    }

    /// Has [`Ops::work`] run in `delay_ms` on mac80211's workqueue (unless
    /// it is queued already); any context.
    pub(crate) fn queue_work(&self, delay_ms: u32) {
        // SAFETY: the work was initialised by `AllocatedHw::new` and is
        // cancelled before the hw is freed; queueing is allowed from any
        // context.
        unsafe {
            bindings::ieee80211_queue_delayed_work(
                self.as_raw(),
                self.work_item(),
                bindings::rwlan_msecs_to_jiffies(delay_ms),
            )
        }
    }

    /// Cancels the delayed work and waits for a running [`Ops::work`] to
    /// finish. Sleeps; must not be called from [`Ops::work`] itself.
    pub(crate) fn cancel_work(&self) {
        // SAFETY: as in `queue_work`.
        unsafe { bindings::cancel_delayed_work_sync(self.work_item()) };
    }

    /// Ends the hardware scan [`Ops::hw_scan`] started; any context.
    pub(crate) fn scan_completed(&self, aborted: bool) {
        let mut info = bindings::cfg80211_scan_info {
            aborted,
            ..Default::default()
        };
        // SAFETY: the hw is valid; mac80211 copies the information and
        // finishes the scan in its own work.
        unsafe { bindings::ieee80211_scan_completed(self.as_raw(), &mut info) }
    }

    /// Tells mac80211 the radio is on the remain-on-channel channel.
    pub(crate) fn ready_on_channel(&self) {
        // SAFETY: the hw is valid; the notification is queued as work.
        unsafe { bindings::ieee80211_ready_on_channel(self.as_raw()) }
    }

    /// Tells mac80211 the remain-on-channel period is over.
    pub(crate) fn remain_on_channel_expired(&self) {
        // SAFETY: as in `ready_on_channel`.
        unsafe { bindings::ieee80211_remain_on_channel_expired(self.as_raw()) }
    }

    /// A probe request from `src` to `bssid` for `ssid` carrying `ies`, as
    /// a hardware scan sends it: lowest rate, one attempt, no ACK wanted
    /// for a group address.
    pub(crate) fn probe_request(
        &self,
        src: &MacAddr,
        bssid: &MacAddr,
        ssid: &[u8],
        ies: &[u8],
    ) -> Option<SkBuff> {
        // SAFETY: the hw is valid; the addresses and SSID are read during
        // the call; the returned buffer (if any) is ours, with `ies.len()`
        // bytes of tailroom, which `skb_put` then uses.
        let mut skb = unsafe {
            let raw = bindings::ieee80211_probereq_get(
                self.as_raw(),
                src.as_ptr(),
                ssid.as_ptr(),
                ssid.len(),
                ies.len(),
            );
            if raw.is_null() {
                return None;
            }
            if !ies.is_empty() {
                let tail = bindings::skb_put(raw, ies.len() as u32);
                ptr::copy_nonoverlapping(ies.as_ptr(), tail.cast::<u8>(), ies.len());
            }
            SkBuff::from_raw(raw)?
        };
        // addr1 (DA) and addr3 (BSSID) of the management header.
        let data = skb.data_mut();
        if let Some(da) = data.get_mut(4..10) {
            da.copy_from_slice(bssid);
        }
        if let Some(b) = data.get_mut(16..22) {
            b.copy_from_slice(bssid);
        }
        // SAFETY: the buffer is ours; its control block becomes its TX
        // information, which a driver-made frame fills itself.
        unsafe {
            let info = &mut *bindings::rwlan_skb_tx_info(skb.as_raw());
            ptr::write_bytes(info as *mut bindings::ieee80211_tx_info, 0, 1);
            let control = &mut info.__bindgen_anon_1.control;
            let rates = &mut control.__bindgen_anon_1.__bindgen_anon_1.rates;
            rates[0].idx = 0;
            rates[0].set_count(1);
            rates[1].idx = -1;
            if bssid[0] & 1 != 0 {
                info.flags |= bindings::mac80211_tx_info_flags_IEEE80211_TX_CTL_NO_ACK;
            }
        }
        Some(skb)
    }
}

struct Adapter<T: Ops>(PhantomData<T>);

impl<T: Ops> Adapter<T> {
    /// # Safety
    ///
    /// `hw` must be a hardware registered through [`Registration::new`] for
    /// `T`; mac80211 only calls the ops of such hardware.
    unsafe fn hw<'a>(hw: *mut bindings::ieee80211_hw) -> &'a Hw<T> {
        // SAFETY: the caller's promise is `Hw::from_raw`'s requirement.
        unsafe { Hw::from_raw(hw) }
    }

    /// # Safety
    ///
    /// Only mac80211 calls this, through the ops table of a hardware
    /// registered for `T`, with the arguments `struct ieee80211_ops` documents.
    unsafe extern "C" fn tx_callback(
        hw: *mut bindings::ieee80211_hw,
        _control: *mut bindings::ieee80211_tx_control,
        skb: *mut bindings::sk_buff,
    ) {
        // SAFETY: mac80211 calls `tx` of our hw with a frame whose ownership
        // passes to the driver.
        let (hw, skb) = unsafe { (Self::hw(hw), SkBuff::from_raw(skb)) };
        if let Some(skb) = skb {
            T::tx(hw, skb);
        }
    }

    /// # Safety
    ///
    /// Only mac80211 calls this, through the ops table of a hardware
    /// registered for `T`, with the arguments `struct ieee80211_ops` documents.
    unsafe extern "C" fn start_callback(hw: *mut bindings::ieee80211_hw) -> kernel::ffi::c_int {
        // SAFETY: mac80211 calls ops of our hw only, under the wiphy lock.
        let hw = unsafe { Self::hw(hw) };
        match T::start(hw) {
            Ok(()) => 0,
            Err(e) => e.to_errno(),
        }
    }

    /// # Safety
    ///
    /// Only mac80211 calls this, through the ops table of a hardware
    /// registered for `T`, with the arguments `struct ieee80211_ops` documents.
    unsafe extern "C" fn stop_callback(hw: *mut bindings::ieee80211_hw, _suspend: bool) {
        // SAFETY: as in `start_callback`.
        T::stop(unsafe { Self::hw(hw) })
    }

    /// # Safety
    ///
    /// Only mac80211 calls this, through the ops table of a hardware
    /// registered for `T`, with the arguments `struct ieee80211_ops` documents.
    unsafe extern "C" fn add_interface_callback(
        hw: *mut bindings::ieee80211_hw,
        vif: *mut bindings::ieee80211_vif,
    ) -> kernel::ffi::c_int {
        // SAFETY: our hw; `vif` is valid for the call (wiphy lock held).
        let (hw, vif) = unsafe { (Self::hw(hw), Vif::from_raw(vif)) };
        match T::add_interface(hw, vif) {
            Ok(()) => 0,
            Err(e) => e.to_errno(),
        }
    }

    /// # Safety
    ///
    /// Only mac80211 calls this, through the ops table of a hardware
    /// registered for `T`, with the arguments `struct ieee80211_ops` documents.
    unsafe extern "C" fn change_interface_callback(
        hw: *mut bindings::ieee80211_hw,
        vif: *mut bindings::ieee80211_vif,
        _new_type: bindings::nl80211_iftype,
        _p2p: bool,
    ) -> kernel::ffi::c_int {
        // SAFETY: as in `add_interface_callback`.
        let (hw, vif) = unsafe { (Self::hw(hw), Vif::from_raw(vif)) };
        match T::change_interface(hw, vif) {
            Ok(()) => 0,
            Err(e) => e.to_errno(),
        }
    }

    /// # Safety
    ///
    /// Only mac80211 calls this, through the ops table of a hardware
    /// registered for `T`, with the arguments `struct ieee80211_ops` documents.
    unsafe extern "C" fn remove_interface_callback(
        hw: *mut bindings::ieee80211_hw,
        vif: *mut bindings::ieee80211_vif,
    ) {
        // SAFETY: as in `add_interface_callback`.
        let (hw, vif) = unsafe { (Self::hw(hw), Vif::from_raw(vif)) };
        T::remove_interface(hw, vif)
    }

    /// # Safety
    ///
    /// Only mac80211 calls this, through the ops table of a hardware
    /// registered for `T`, with the arguments `struct ieee80211_ops` documents.
    unsafe extern "C" fn config_callback(
        hw: *mut bindings::ieee80211_hw,
        changed: u32,
    ) -> kernel::ffi::c_int {
        // SAFETY: our hw, called under the wiphy lock.
        let hw = unsafe { Self::hw(hw) };
        match T::config(hw, ConfChanged(changed)) {
            Ok(()) => 0,
            Err(e) => e.to_errno(),
        }
    }

    /// # Safety
    ///
    /// Only mac80211 calls this, through the ops table of a hardware
    /// registered for `T`, with the arguments `struct ieee80211_ops` documents.
    unsafe extern "C" fn configure_filter_callback(
        hw: *mut bindings::ieee80211_hw,
        changed: kernel::ffi::c_uint,
        total: *mut kernel::ffi::c_uint,
        _multicast: u64,
    ) {
        // SAFETY: our hw; `total` points to mac80211's flags for the call.
        unsafe { *total = T::configure_filter(Self::hw(hw), changed, *total) }
    }

    /// # Safety
    ///
    /// Only mac80211 calls this, through the ops table of a hardware
    /// registered for `T`, with the arguments `struct ieee80211_ops` documents.
    unsafe extern "C" fn vif_cfg_changed_callback(
        hw: *mut bindings::ieee80211_hw,
        vif: *mut bindings::ieee80211_vif,
        changed: u64,
    ) {
        if T::HAS_VIF_CFG_CHANGED {
            // SAFETY: as in `add_interface_callback`.
            let (hw, vif) = unsafe { (Self::hw(hw), Vif::from_raw(vif)) };
            T::vif_cfg_changed(hw, vif, BssChanged(changed))
        }
    }

    /// # Safety
    ///
    /// Only mac80211 calls this, through the ops table of a hardware
    /// registered for `T`, with the arguments `struct ieee80211_ops` documents.
    unsafe extern "C" fn link_info_changed_callback(
        hw: *mut bindings::ieee80211_hw,
        vif: *mut bindings::ieee80211_vif,
        _info: *mut bindings::ieee80211_bss_conf,
        changed: u64,
    ) {
        if T::HAS_LINK_INFO_CHANGED {
            // SAFETY: as in `add_interface_callback`. Without MLO the link
            // configuration is the vif's own `bss_conf`, which `Vif` reads.
            let (hw, vif) = unsafe { (Self::hw(hw), Vif::from_raw(vif)) };
            T::link_info_changed(hw, vif, BssChanged(changed))
        }
    }

    /// # Safety
    ///
    /// Only mac80211 calls this, through the ops table of a hardware
    /// registered for `T`, with the arguments `struct ieee80211_ops` documents.
    unsafe extern "C" fn sw_scan_start_callback(
        hw: *mut bindings::ieee80211_hw,
        vif: *mut bindings::ieee80211_vif,
        addr: *const u8,
    ) {
        // SAFETY: as in `add_interface_callback`; `addr` points to a MAC
        // address for the duration of the call.
        let (hw, vif, addr) =
            unsafe { (Self::hw(hw), Vif::from_raw(vif), &*addr.cast::<MacAddr>()) };
        T::sw_scan_start(hw, vif, addr)
    }

    /// # Safety
    ///
    /// Only mac80211 calls this, through the ops table of a hardware
    /// registered for `T`, with the arguments `struct ieee80211_ops` documents.
    unsafe extern "C" fn sw_scan_complete_callback(
        hw: *mut bindings::ieee80211_hw,
        vif: *mut bindings::ieee80211_vif,
    ) {
        // SAFETY: as in `add_interface_callback`.
        let (hw, vif) = unsafe { (Self::hw(hw), Vif::from_raw(vif)) };
        T::sw_scan_complete(hw, vif)
    }

    /// # Safety
    ///
    /// Only mac80211 calls this, through the ops table of a hardware
    /// registered for `T`, with the arguments `struct ieee80211_ops` documents.
    unsafe extern "C" fn get_tsf_callback(
        hw: *mut bindings::ieee80211_hw,
        vif: *mut bindings::ieee80211_vif,
    ) -> u64 {
        // SAFETY: as in `add_interface_callback`.
        let (hw, vif) = unsafe { (Self::hw(hw), Vif::from_raw(vif)) };
        T::get_tsf(hw, vif)
    }

    /// # Safety
    ///
    /// Only mac80211 calls this, through the ops table of a hardware
    /// registered for `T`, with the arguments `struct ieee80211_ops` documents.
    unsafe extern "C" fn set_tsf_callback(
        hw: *mut bindings::ieee80211_hw,
        vif: *mut bindings::ieee80211_vif,
        tsf: u64,
    ) {
        // SAFETY: as in `add_interface_callback`.
        let (hw, vif) = unsafe { (Self::hw(hw), Vif::from_raw(vif)) };
        T::set_tsf(hw, vif, tsf)
    }

    /// # Safety
    ///
    /// Only mac80211 calls this, through the ops table of a hardware
    /// registered for `T`, with the arguments `struct ieee80211_ops` documents.
    unsafe extern "C" fn ampdu_action_callback(
        hw: *mut bindings::ieee80211_hw,
        vif: *mut bindings::ieee80211_vif,
        params: *mut bindings::ieee80211_ampdu_params,
    ) -> kernel::ffi::c_int {
        // SAFETY: as in `add_interface_callback`; `params` and its station
        // are valid for the call.
        let (hw, vif, params) = unsafe {
            let p = &*params;
            let action = match p.action {
                bindings::ieee80211_ampdu_mlme_action_IEEE80211_AMPDU_TX_START => {
                    AmpduAction::TxStart
                }
                bindings::ieee80211_ampdu_mlme_action_IEEE80211_AMPDU_TX_STOP_CONT
                | bindings::ieee80211_ampdu_mlme_action_IEEE80211_AMPDU_TX_STOP_FLUSH
                | bindings::ieee80211_ampdu_mlme_action_IEEE80211_AMPDU_TX_STOP_FLUSH_CONT => {
                    AmpduAction::TxStop
                }
                bindings::ieee80211_ampdu_mlme_action_IEEE80211_AMPDU_TX_OPERATIONAL => {
                    AmpduAction::TxOperational
                }
                bindings::ieee80211_ampdu_mlme_action_IEEE80211_AMPDU_RX_START => {
                    AmpduAction::RxStart
                }
                bindings::ieee80211_ampdu_mlme_action_IEEE80211_AMPDU_RX_STOP => {
                    AmpduAction::RxStop
                }
                _ => AmpduAction::Other,
            };
            (
                Self::hw(hw),
                Vif::from_raw(vif),
                AmpduParams {
                    action,
                    peer: (*p.sta).addr,
                    tid: p.tid,
                },
            )
        };
        match T::ampdu_action(hw, vif, params) {
            Ok(AmpduReply::Done) => 0,
            Ok(AmpduReply::TxStartImmediate) => bindings::IEEE80211_AMPDU_TX_START_IMMEDIATE as i32,
            Ok(AmpduReply::NotSupported) => -(bindings::EOPNOTSUPP as i32),
            Err(e) => e.to_errno(),
        }
    }

    /// # Safety
    ///
    /// Only mac80211 calls this, through the ops table of a hardware
    /// registered for `T`, with the arguments `struct ieee80211_ops` documents.
    unsafe extern "C" fn tx_last_beacon_callback(
        hw: *mut bindings::ieee80211_hw,
    ) -> kernel::ffi::c_int {
        // SAFETY: our hw.
        T::tx_last_beacon(unsafe { Self::hw(hw) }) as kernel::ffi::c_int
    }

    /// # Safety
    ///
    /// Only mac80211 calls this, through the ops table of a hardware
    /// registered for `T`, with the arguments `struct ieee80211_ops` documents.
    unsafe extern "C" fn prepare_multicast_callback(
        hw: *mut bindings::ieee80211_hw,
        mc_list: *mut bindings::netdev_hw_addr_list,
    ) -> u64 {
        // SAFETY: our hw; mac80211 holds the list's lock for the call.
        let (hw, count) = unsafe { (Self::hw(hw), (*mc_list).count) };
        T::prepare_multicast(hw, count as usize);
        0
    }

    /// # Safety
    ///
    /// Only mac80211 calls this, through the ops table of a hardware
    /// registered for `T`, with the arguments `struct ieee80211_ops` documents.
    unsafe extern "C" fn conf_tx_callback(
        hw: *mut bindings::ieee80211_hw,
        _vif: *mut bindings::ieee80211_vif,
        _link_id: kernel::ffi::c_uint,
        queue: u16,
        params: *const bindings::ieee80211_tx_queue_params,
    ) -> kernel::ffi::c_int {
        // SAFETY: our hw; `params` is valid for the call.
        let (hw, p) = unsafe { (Self::hw(hw), &*params) };
        let params = TxQueueParams {
            aifs: p.aifs,
            cw_min: p.cw_min,
            cw_max: p.cw_max,
            txop: p.txop,
        };
        match T::conf_tx(hw, queue, &params) {
            Ok(()) => 0,
            Err(e) => e.to_errno(),
        }
    }

    /// # Safety
    ///
    /// Only mac80211 calls this, through the ops table of a hardware
    /// registered for `T`, with the arguments `struct ieee80211_ops` documents.
    unsafe extern "C" fn rfkill_poll_callback(hw: *mut bindings::ieee80211_hw) {
        // SAFETY: our hw, polled from cfg80211's work under the wiphy lock.
        T::rfkill_poll(unsafe { Self::hw(hw) })
    }

    /// # Safety
    ///
    /// Only the hrtimer core calls this, for the timer at the start of a
    /// `HwPriv<T>`.
    unsafe extern "C" fn timer_callback(
        timer: *mut bindings::hrtimer,
    ) -> bindings::hrtimer_restart {
        // SAFETY: the only timer with this callback is the first field of a
        // `HwPriv<T>` (see `Registration::new`), which lives as long as its
        // hw; the hw cancels the timer before it is freed.
        let hw = unsafe { Self::hw((*timer.cast::<HwPriv<T>>()).hw) };
        if !T::HAS_TIMER_EXPIRED {
            return bindings::hrtimer_restart_HRTIMER_NORESTART;
        }
        match T::timer_expired(hw) {
            Some(ns) => {
                // SAFETY: `timer` is valid and expiring, so forwarding it
                // from its own callback is allowed.
                unsafe { bindings::rwlan_hrtimer_forward_now(timer, ns) };
                bindings::hrtimer_restart_HRTIMER_RESTART
            }
            None => bindings::hrtimer_restart_HRTIMER_NORESTART,
        }
    }

    /// # Safety
    ///
    /// Only the workqueue calls this, for the work inside a `HwPriv<T>`.
    unsafe extern "C" fn work_callback(work: *mut bindings::work_struct) {
        // SAFETY: the only work with this callback is the `work` field of a
        // `HwPriv<T>` (see `AllocatedHw::new`); a delayed work starts with
        // its work item, so stepping back by the field's offset gives the
        // `HwPriv<T>`, which lives until the work is cancelled in
        // `AllocatedHw::drop`.
        let hw = unsafe {
            let p = work
                .cast::<u8>()
                .sub(core::mem::offset_of!(HwPriv<T>, work))
                .cast::<HwPriv<T>>();
            Self::hw((*p).hw)
        };
        if T::HAS_WORK {
            T::work(hw);
        }
    }

    /// # Safety
    ///
    /// Only mac80211 calls this, through the ops table of a hardware
    /// registered for `T`, with the arguments `struct ieee80211_ops` documents.
    unsafe extern "C" fn hw_scan_callback(
        hw: *mut bindings::ieee80211_hw,
        vif: *mut bindings::ieee80211_vif,
        req: *mut bindings::ieee80211_scan_request,
    ) -> kernel::ffi::c_int {
        // SAFETY: as in `add_interface_callback`; `req` is valid for the
        // call (and until the scan completes, but it is copied here).
        let (hw, vif, req) = unsafe {
            let vif = Vif::from_raw(vif);
            (Self::hw(hw), vif, ScanRequest::copy_from(req, vif))
        };
        let res = req.and_then(|req| T::hw_scan(hw, vif, req));
        match res {
            Ok(()) => 0,
            Err(e) => e.to_errno(),
        }
    }

    /// # Safety
    ///
    /// Only mac80211 calls this, through the ops table of a hardware
    /// registered for `T`, with the arguments `struct ieee80211_ops` documents.
    unsafe extern "C" fn cancel_hw_scan_callback(
        hw: *mut bindings::ieee80211_hw,
        vif: *mut bindings::ieee80211_vif,
    ) {
        // SAFETY: as in `add_interface_callback`.
        let (hw, vif) = unsafe { (Self::hw(hw), Vif::from_raw(vif)) };
        T::cancel_hw_scan(hw, vif)
    }

    /// # Safety
    ///
    /// Only mac80211 calls this, through the ops table of a hardware
    /// registered for `T`, with the arguments `struct ieee80211_ops` documents.
    unsafe extern "C" fn remain_on_channel_callback(
        hw: *mut bindings::ieee80211_hw,
        vif: *mut bindings::ieee80211_vif,
        chan: *mut bindings::ieee80211_channel,
        duration: kernel::ffi::c_int,
        _type: bindings::ieee80211_roc_type,
    ) -> kernel::ffi::c_int {
        // SAFETY: as in `add_interface_callback`; `chan` is one of the
        // wiphy's channels.
        let (hw, vif, channel) = unsafe { (Self::hw(hw), Vif::from_raw(vif), channel_of(chan)) };
        let Some(channel) = channel else {
            pr_err!("remain_on_channel: channel outside the known bands\n");
            return EINVAL.to_errno();
        };
        let duration = u32::try_from(duration).unwrap_or(0);
        match T::remain_on_channel(hw, vif, channel, duration) {
            Ok(()) => 0,
            Err(e) => e.to_errno(),
        }
    }

    /// # Safety
    ///
    /// Only mac80211 calls this, through the ops table of a hardware
    /// registered for `T`, with the arguments `struct ieee80211_ops` documents.
    unsafe extern "C" fn cancel_remain_on_channel_callback(
        hw: *mut bindings::ieee80211_hw,
        vif: *mut bindings::ieee80211_vif,
    ) -> kernel::ffi::c_int {
        // SAFETY: as in `add_interface_callback`.
        let (hw, vif) = unsafe { (Self::hw(hw), Vif::from_raw(vif)) };
        match T::cancel_remain_on_channel(hw, vif) {
            Ok(()) => 0,
            Err(e) => e.to_errno(),
        }
    }

    /// # Safety
    ///
    /// Only mac80211 calls this, through the ops table of a hardware
    /// registered for `T`, with the arguments `struct ieee80211_ops` documents.
    unsafe extern "C" fn add_chanctx_callback(
        hw: *mut bindings::ieee80211_hw,
        ctx: *mut bindings::ieee80211_chanctx_conf,
    ) -> kernel::ffi::c_int {
        // SAFETY: our hw; `ctx` is valid for the call (wiphy lock held).
        let (hw, ctx) = unsafe { (Self::hw(hw), ChanctxConf::from_raw(ctx)) };
        match T::add_chanctx(hw, ctx) {
            Ok(()) => 0,
            Err(e) => e.to_errno(),
        }
    }

    /// # Safety
    ///
    /// Only mac80211 calls this, through the ops table of a hardware
    /// registered for `T`, with the arguments `struct ieee80211_ops` documents.
    unsafe extern "C" fn remove_chanctx_callback(
        hw: *mut bindings::ieee80211_hw,
        ctx: *mut bindings::ieee80211_chanctx_conf,
    ) {
        // SAFETY: as in `add_chanctx_callback`.
        let (hw, ctx) = unsafe { (Self::hw(hw), ChanctxConf::from_raw(ctx)) };
        T::remove_chanctx(hw, ctx)
    }

    /// # Safety
    ///
    /// Only mac80211 calls this, through the ops table of a hardware
    /// registered for `T`, with the arguments `struct ieee80211_ops` documents.
    unsafe extern "C" fn change_chanctx_callback(
        hw: *mut bindings::ieee80211_hw,
        ctx: *mut bindings::ieee80211_chanctx_conf,
        changed: u32,
    ) {
        // SAFETY: as in `add_chanctx_callback`.
        let (hw, ctx) = unsafe { (Self::hw(hw), ChanctxConf::from_raw(ctx)) };
        T::change_chanctx(hw, ctx, changed)
    }

    /// # Safety
    ///
    /// Only mac80211 calls this, through the ops table of a hardware
    /// registered for `T`, with the arguments `struct ieee80211_ops` documents.
    unsafe extern "C" fn assign_vif_chanctx_callback(
        hw: *mut bindings::ieee80211_hw,
        vif: *mut bindings::ieee80211_vif,
        _link_conf: *mut bindings::ieee80211_bss_conf,
        ctx: *mut bindings::ieee80211_chanctx_conf,
    ) -> kernel::ffi::c_int {
        // SAFETY: as in `add_chanctx_callback`; the vif too. Without MLO
        // the link is the vif's own `bss_conf`.
        let (hw, vif, ctx) =
            unsafe { (Self::hw(hw), Vif::from_raw(vif), ChanctxConf::from_raw(ctx)) };
        match T::assign_vif_chanctx(hw, vif, ctx) {
            Ok(()) => 0,
            Err(e) => e.to_errno(),
        }
    }

    /// # Safety
    ///
    /// Only mac80211 calls this, through the ops table of a hardware
    /// registered for `T`, with the arguments `struct ieee80211_ops` documents.
    unsafe extern "C" fn unassign_vif_chanctx_callback(
        hw: *mut bindings::ieee80211_hw,
        vif: *mut bindings::ieee80211_vif,
        _link_conf: *mut bindings::ieee80211_bss_conf,
        ctx: *mut bindings::ieee80211_chanctx_conf,
    ) {
        // SAFETY: as in `assign_vif_chanctx_callback`.
        let (hw, vif, ctx) =
            unsafe { (Self::hw(hw), Vif::from_raw(vif), ChanctxConf::from_raw(ctx)) };
        T::unassign_vif_chanctx(hw, vif, ctx)
    }

    /// # Safety
    ///
    /// Only mac80211 calls this, through the ops table of a hardware
    /// registered for `T`, with the arguments `struct ieee80211_ops` documents.
    unsafe extern "C" fn switch_vif_chanctx_callback(
        hw: *mut bindings::ieee80211_hw,
        vifs: *mut bindings::ieee80211_vif_chanctx_switch,
        n_vifs: kernel::ffi::c_int,
        mode: bindings::ieee80211_chanctx_switch_mode,
    ) -> kernel::ffi::c_int {
        let Some(mode) = SwitchMode::from_raw(mode) else {
            pr_err!("switch_vif_chanctx: unknown mode {}\n", mode);
            return EINVAL.to_errno();
        };
        let n = usize::try_from(n_vifs).unwrap_or(0);
        // SAFETY: our hw; mac80211 passes `n_vifs` switches whose
        // interfaces and contexts are valid for the call.
        let (hw, switches) = unsafe { (Self::hw(hw), ChanctxSwitch::slice(vifs, n)) };
        if switches.is_empty() {
            return EINVAL.to_errno();
        }
        match T::switch_vif_chanctx(hw, switches, mode) {
            Ok(()) => 0,
            Err(e) => e.to_errno(),
        }
    }

    /// Whether `T` implements what real channel contexts need.
    const CHANCTX_CAPABLE: bool = T::HAS_ADD_CHANCTX
        && T::HAS_REMOVE_CHANCTX
        && T::HAS_CHANGE_CHANCTX
        && T::HAS_ASSIGN_VIF_CHANCTX
        && T::HAS_UNASSIGN_VIF_CHANCTX
        && T::HAS_SWITCH_VIF_CHANCTX;

    /// The table of a channel-context hardware: [`Self::OPS`] with the
    /// driver's own channel contexts, hardware scan and remain-on-channel
    /// instead of mac80211's emulation and software scan.
    const OPS_CHANCTX: bindings::ieee80211_ops = {
        let mut ops = Self::OPS;
        if Self::CHANCTX_CAPABLE {
            ops.add_chanctx = Some(Self::add_chanctx_callback);
            ops.remove_chanctx = Some(Self::remove_chanctx_callback);
            ops.change_chanctx = Some(Self::change_chanctx_callback);
            ops.assign_vif_chanctx = Some(Self::assign_vif_chanctx_callback);
            ops.unassign_vif_chanctx = Some(Self::unassign_vif_chanctx_callback);
            ops.switch_vif_chanctx = Some(Self::switch_vif_chanctx_callback);
        }
        if T::HAS_HW_SCAN && T::HAS_CANCEL_HW_SCAN {
            ops.hw_scan = Some(Self::hw_scan_callback);
            ops.cancel_hw_scan = Some(Self::cancel_hw_scan_callback);
        }
        if T::HAS_REMAIN_ON_CHANNEL && T::HAS_CANCEL_REMAIN_ON_CHANNEL {
            ops.remain_on_channel = Some(Self::remain_on_channel_callback);
            ops.cancel_remain_on_channel = Some(Self::cancel_remain_on_channel_callback);
        }
        ops
    };

    const OPS_CHANCTX_REF: &'static bindings::ieee80211_ops = &Self::OPS_CHANCTX;

    const OPS: bindings::ieee80211_ops = {
        // SAFETY: an all-zero `ieee80211_ops` is valid: every member is an
        // optional function pointer.
        let mut ops: bindings::ieee80211_ops = unsafe { core::mem::zeroed() };
        ops.tx = Some(Self::tx_callback);
        ops.start = Some(Self::start_callback);
        ops.stop = Some(Self::stop_callback);
        ops.add_interface = Some(Self::add_interface_callback);
        ops.remove_interface = Some(Self::remove_interface_callback);
        ops.config = Some(Self::config_callback);
        ops.configure_filter = Some(Self::configure_filter_callback);
        ops.wake_tx_queue = Some(bindings::ieee80211_handle_wake_tx_queue);
        // mac80211 requires both or neither; both are harmless.
        ops.vif_cfg_changed = Some(Self::vif_cfg_changed_callback);
        ops.link_info_changed = Some(Self::link_info_changed_callback);
        // No real channel contexts: mac80211 emulates them on `config`.
        ops.add_chanctx = Some(bindings::ieee80211_emulate_add_chanctx);
        ops.remove_chanctx = Some(bindings::ieee80211_emulate_remove_chanctx);
        ops.change_chanctx = Some(bindings::ieee80211_emulate_change_chanctx);
        ops.switch_vif_chanctx = Some(bindings::ieee80211_emulate_switch_vif_chanctx);
        if T::HAS_CHANGE_INTERFACE {
            ops.change_interface = Some(Self::change_interface_callback);
        }
        if T::HAS_SW_SCAN_START {
            ops.sw_scan_start = Some(Self::sw_scan_start_callback);
        }
        if T::HAS_SW_SCAN_COMPLETE {
            ops.sw_scan_complete = Some(Self::sw_scan_complete_callback);
        }
        if T::HAS_GET_TSF {
            ops.get_tsf = Some(Self::get_tsf_callback);
        }
        if T::HAS_SET_TSF {
            ops.set_tsf = Some(Self::set_tsf_callback);
        }
        if T::HAS_AMPDU_ACTION {
            ops.ampdu_action = Some(Self::ampdu_action_callback);
        }
        if T::HAS_TX_LAST_BEACON {
            ops.tx_last_beacon = Some(Self::tx_last_beacon_callback);
        }
        if T::HAS_PREPARE_MULTICAST {
            ops.prepare_multicast = Some(Self::prepare_multicast_callback);
        }
        if T::HAS_CONF_TX {
            ops.conf_tx = Some(Self::conf_tx_callback);
        }
        if T::HAS_RFKILL_POLL {
            ops.rfkill_poll = Some(Self::rfkill_poll_callback);
        }
        ops
    };

    const OPS_REF: &'static bindings::ieee80211_ops = &Self::OPS;
}

/// An allocated hardware whose private area holds an initialised
/// `HwPriv<T>`; freeing it drops that and frees the hw.
struct AllocatedHw<T: Ops> {
    ptr: NonNull<bindings::ieee80211_hw>,
    _data: PhantomData<T>,
}

impl<T: Ops> AllocatedHw<T> {
    fn new(data: Arc<T>, name: Option<&CStr>, chanctx: bool) -> Result<Self> {
        if chanctx && !Adapter::<T>::CHANCTX_CAPABLE {
            pr_err!("channel contexts asked for, but the driver has no chanctx ops\n");
            return Err(EINVAL);
        }
        let ops = if chanctx {
            Adapter::<T>::OPS_CHANCTX_REF
        } else {
            Adapter::<T>::OPS_REF
        };
        let live = Arc::new(
            Liveness {
                hw: AtomicPtr::new(ptr::null_mut()),
                referenced: AtomicBool::new(false),
            },
            GFP_KERNEL,
        )?;
        let name = name.map_or(ptr::null(), |n| n.as_char_ptr());
        // SAFETY: the ops table is `'static` and has every op mac80211
        // requires; the name is copied, and null asks for `phy%d`.
        let hw = unsafe {
            bindings::ieee80211_alloc_hw_nm(core::mem::size_of::<HwPriv<T>>(), ops, name)
        };
        let Some(ptr) = NonNull::new(hw) else {
            pr_err!("ieee80211_alloc_hw failed (out of memory or bad ops)\n");
            return Err(ENOMEM);
        };
        // SAFETY: `priv_` points to at least `size_of::<HwPriv<T>>()` zeroed
        // bytes aligned to 32 (NETDEV_ALIGN), enough for `HwPriv<T>`, which
        // is never moved afterwards; the timer is initialised in place.
        unsafe {
            let p = (*hw).priv_.cast::<HwPriv<T>>();
            p.write(HwPriv {
                timer: Opaque::uninit(),
                work: Opaque::uninit(),
                hw,
                data,
                live,
            });
            bindings::rwlan_hrtimer_init_soft((*p).timer.get(), Some(Adapter::<T>::timer_callback));
            bindings::rwlan_init_delayed_work((*p).work.get(), Some(Adapter::<T>::work_callback));
        }
        Ok(Self {
            ptr,
            _data: PhantomData,
        })
    }

    fn hw(&self) -> &Hw<T> {
        // SAFETY: `ptr` was allocated for `T` and its private area
        // initialised in `new`; it lives as long as `self`.
        unsafe { Hw::from_raw(self.ptr.as_ptr()) }
    }
}

impl<T: Ops> Drop for AllocatedHw<T> {
    fn drop(&mut self) {
        let hw = self.ptr.as_ptr();
        // SAFETY: the hw is not (or no longer) registered, so mac80211 calls
        // none of its ops; after the timer and the work are cancelled
        // nothing uses the private area, which is dropped once before the
        // hw is freed.
        unsafe {
            let p = (*hw).priv_.cast::<HwPriv<T>>();
            bindings::hrtimer_cancel((*p).timer.get());
            bindings::cancel_delayed_work_sync((*p).work.get());
            ptr::drop_in_place(p);
            bindings::ieee80211_free_hw(hw);
        }
    }
}

/// A registered mac80211 hardware; dropping it unregisters and frees it.
pub(crate) struct Registration<T: Ops> {
    // Field order is drop order: the hw goes before the tables it points to
    // and before the device it hangs under.
    hw: AllocatedHw<T>,
    _storage: KBox<HwStorage>,
    _parent: Option<ClassDevice>,
}

// SAFETY: the hw may be used and unregistered from any thread.
unsafe impl<T: Ops> Send for Registration<T> {}
// SAFETY: `&Registration` only gives `&Hw`, which is `Sync`.
unsafe impl<T: Ops> Sync for Registration<T> {}

impl<T: Ops> Registration<T> {
    /// Allocates a hardware for `data`, describes it by `config`, puts it
    /// under `parent` in sysfs and registers it with mac80211.
    pub(crate) fn new(
        data: Arc<T>,
        parent: Option<ClassDevice>,
        config: &HwConfig<'_>,
    ) -> Result<Self> {
        let dev = parent.as_ref().map_or(ptr::null_mut(), |p| p.as_raw());
        Self::register(data, dev, parent, config, 0, None)
    }

    /// [`Registration::new`] for a hardware with channel contexts of its
    /// own: `T`'s chanctx ops, hardware scan and remain-on-channel are
    /// used, with the limits of `chanctx`. `-EINVAL` if `T` lacks the
    /// chanctx ops.
    pub(crate) fn new_chanctx(
        data: Arc<T>,
        parent: Option<ClassDevice>,
        config: &HwConfig<'_>,
        chanctx: &ChanctxSupport,
    ) -> Result<Self> {
        let dev = parent.as_ref().map_or(ptr::null_mut(), |p| p.as_raw());
        Self::register(data, dev, parent, config, 0, Some(chanctx))
    }

    /// Allocates a hardware for `data` on USB interface `intf`, describes
    /// it by `config`, with `tx_headroom` bytes before every frame handed
    /// to `tx` (for the hardware's descriptor), and registers it.
    ///
    /// The registration must be dropped before the interface goes (in
    /// `disconnect` at the latest), as driver data of the interface is.
    pub(crate) fn under_usb(
        data: Arc<T>,
        intf: &usb::Interface,
        config: &HwConfig<'_>,
        tx_headroom: u32,
    ) -> Result<Self> {
        Self::register(data, intf.dev_raw(), None, config, tx_headroom, None)
    }

    fn register(
        data: Arc<T>,
        dev: *mut bindings::device,
        parent: Option<ClassDevice>,
        config: &HwConfig<'_>,
        tx_headroom: u32,
        chanctx: Option<&ChanctxSupport>,
    ) -> Result<Self> {
        let hw = AllocatedHw::<T>::new(data, config.name, chanctx.is_some())?;
        let mut storage = HwStorage::new(config)?;
        let raw = hw.ptr.as_ptr();
        // SAFETY: the hw is allocated and not yet registered, so we are its
        // only user; every table it is pointed at lives in `storage` (or is
        // `'static`) and is dropped only after the hw is freed.
        unsafe {
            storage.apply(raw, config);
            if !dev.is_null() {
                bindings::rwlan_hw_set_dev(raw, dev);
            }
            (*raw).extra_tx_headroom = tx_headroom;
            if let Some(c) = chanctx {
                let wiphy = (*raw).wiphy;
                (*wiphy).max_scan_ssids = c.max_scan_ssids;
                (*wiphy).max_scan_ie_len = c.max_scan_ie_len;
                (*wiphy).max_remain_on_channel_duration = c.max_remain_on_channel_ms;
            }
            to_result(bindings::ieee80211_register_hw(raw)).inspect_err(|e| {
                pr_err!("ieee80211_register_hw failed: {:?}\n", e);
            })?;
        }
        hw.hw().private().live.hw.store(raw, Ordering::Release);
        Ok(Self {
            hw,
            _storage: storage,
            _parent: parent,
        })
    }

    /// The registered hardware.
    pub(crate) fn hw(&self) -> &Hw<T> {
        self.hw.hw()
    }
}

impl<T: Ops> Drop for Registration<T> {
    fn drop(&mut self) {
        // `HwRef`s stop reaching the hw; once the grace period is over none
        // is using it any more.
        let live = &self.hw().private().live;
        live.hw.store(ptr::null_mut(), Ordering::Release);
        if live.referenced.load(Ordering::Relaxed) {
            // SAFETY: waiting for RCU readers is allowed in process context,
            // where registrations are dropped.
            unsafe { bindings::synchronize_rcu() };
        }
        // SAFETY: the hw was registered in `new`; unregistering stops it
        // (calling `stop`) and waits for its callbacks to finish.
        unsafe { bindings::ieee80211_unregister_hw(self.hw.ptr.as_ptr()) }
    }
}
