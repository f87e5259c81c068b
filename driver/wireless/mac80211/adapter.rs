// SPDX-License-Identifier: GPL-2.0

//! The `extern "C"` trampolines that fill `struct ieee80211_ops` for a
//! driver's [`Ops`].

use super::ampdu::{AmpduAction, AmpduParams, AmpduReply};
use super::conf::{BssChanged, ConfChanged, TxQueueParams};
use super::hw::{Hw, HwPriv};
use super::ops::Ops;
use super::tx::{Protection, TxFrame, TxSender};
use crate::wireless::bindings;
use crate::wireless::chanctx::{ChanctxConf, ChanctxSwitch, ScanRequest, SwitchMode};
use crate::wireless::channel::channel_of;
use crate::wireless::shims::net::skb::SkBuff;
use crate::wireless::vif::{MacAddr, Vif};
use core::marker::PhantomData;
use kernel::prelude::*;

pub(super) struct Adapter<T: Ops>(PhantomData<T>);

impl<T: Ops> Adapter<T> {
    /// # Safety
    ///
    /// `hw` must be a hardware registered through [`Registration::builder`] for
    /// `T`; mac80211 only calls the ops of such hardware.
    pub(super) unsafe fn hw<'a>(hw: *mut bindings::ieee80211_hw) -> &'a Hw<T> {
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
        let hw = unsafe { Self::hw(hw) };
        // SAFETY: as above; the control block is the frame's TX information.
        let sender = unsafe { Self::tx_sender(hw, skb) };
        // SAFETY: as above.
        let Some(skb) = (unsafe { SkBuff::from_raw(skb) }) else {
            return;
        };
        // SAFETY: a frame mac80211 hands to `tx` carries its TX information.
        let frame = unsafe { TxFrame::from_skb(skb) };
        T::tx(hw, frame, &sender);
    }

    /// What the TX information of `skb`, handed to `tx`, says about its
    /// sending interface, read while mac80211 keeps that interface alive.
    ///
    /// # Safety
    ///
    /// `skb` is a frame mac80211 is handing to `tx` of `hw`, now.
    unsafe fn tx_sender(hw: &Hw<T>, skb: *mut bindings::sk_buff) -> TxSender {
        // SAFETY: the caller's promise: the control block is the TX
        // information, whose `control.vif`, when set, is valid during `tx`;
        // the duration helpers only read the hw, vif and information.
        unsafe {
            let info = bindings::rwlan_skb_tx_info(skb);
            let control = &(*info).__bindgen_anon_1.control;
            let vif = control.vif;
            let vif_ref = if vif.is_null() {
                None
            } else {
                Some(Vif::from_raw(vif))
            };
            let rate = &control.__bindgen_anon_1.__bindgen_anon_1.rates[0];
            let rc = u32::from(rate.flags());
            let rts = rc & bindings::mac80211_rate_control_flags_IEEE80211_TX_RC_USE_RTS_CTS != 0;
            let cts =
                rc & bindings::mac80211_rate_control_flags_IEEE80211_TX_RC_USE_CTS_PROTECT != 0;
            let protection = if rts || cts {
                let len = (*skb).len as usize;
                let duration = if rts {
                    bindings::ieee80211_rts_duration(hw.as_raw(), vif, len, info)
                } else {
                    bindings::ieee80211_ctstoself_duration(hw.as_raw(), vif, len, info)
                };
                Some(Protection {
                    cts_to_self: !rts,
                    rate_idx: control.__bindgen_anon_1.__bindgen_anon_1.rts_cts_rate_idx,
                    duration: u16::from_le(duration),
                })
            } else {
                None
            };
            TxSender {
                txpower: vif_ref.map(|v| v.txpower()),
                chanctx_channel: vif_ref.and_then(|v| v.chanctx_channel()),
                protection,
            }
        }
    }

    /// # Safety
    ///
    /// Only mac80211 calls this, through the ops table of a hardware
    /// registered for `T`, with the arguments `struct ieee80211_ops` documents.
    unsafe extern "C" fn start_callback(hw: *mut bindings::ieee80211_hw) -> kernel::ffi::c_int {
        // SAFETY: mac80211 calls ops of our hw only, under the wiphy lock.
        let hw = unsafe { Self::hw(hw) };
        // SAFETY: the gate was initialised with the hw; the hardware is
        // being started, so mac80211's workqueue exists until `stop`.
        unsafe { bindings::rwlan_gate_set(hw.gate(), true) };
        hw.set_rx_open(true);
        match T::start(hw) {
            Ok(()) => 0,
            Err(e) => {
                hw.set_rx_open(false);
                hw.stop_deferred();
                e.to_errno()
            }
        }
    }

    /// # Safety
    ///
    /// Only mac80211 calls this, through the ops table of a hardware
    /// registered for `T`, with the arguments `struct ieee80211_ops` documents.
    unsafe extern "C" fn stop_callback(hw: *mut bindings::ieee80211_hw, _suspend: bool) {
        // SAFETY: as in `start_callback`.
        let hw = unsafe { Self::hw(hw) };
        T::stop(hw);
        // mac80211 takes no frame once stopped: drop what still waits.
        hw.set_rx_open(false);
        // Whatever the driver left armed ends here, while mac80211's
        // workqueue still exists.
        hw.stop_deferred();
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
        T::remove_interface(hw, vif);
        Self::forget_vif_files(hw, vif);
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
        // SAFETY: mac80211 holds the wiphy lock, under which alone it
        // writes `hw->conf`.
        let conf = unsafe { hw.conf_locked() };
        match T::config(hw, &conf, ConfChanged(changed)) {
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
    pub(super) unsafe extern "C" fn timer_callback(
        timer: *mut bindings::hrtimer,
    ) -> bindings::hrtimer_restart {
        // SAFETY: the only timer with this callback is the first field of a
        // `HwPriv<T>` (see `AllocatedHw::new`), which lives as long as its
        // hw; the hw cancels the timer before it is freed.
        let hw = unsafe { Self::hw((*timer.cast::<HwPriv<T>>()).hw) };
        if !T::HAS_TIMER_EXPIRED {
            return bindings::hrtimer_restart_HRTIMER_NORESTART;
        }
        match T::timer_expired(hw) {
            // SAFETY: the gate lives as long as the hw. A close racing with
            // this check is followed by `hrtimer_cancel`, which also
            // cancels a restarted timer.
            Some(ns) if unsafe { bindings::rwlan_gate_is_open(hw.gate()) } => {
                // SAFETY: `timer` is valid and expiring, so forwarding it
                // from its own callback is allowed.
                unsafe { bindings::rwlan_hrtimer_forward_now(timer, ns) };
                bindings::hrtimer_restart_HRTIMER_RESTART
            }
            _ => bindings::hrtimer_restart_HRTIMER_NORESTART,
        }
    }

    /// # Safety
    ///
    /// Only the workqueue calls this, for the work inside a `HwPriv<T>`.
    pub(super) unsafe extern "C" fn work_callback(work: *mut bindings::work_struct) {
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
    pub(super) const CHANCTX_CAPABLE: bool = T::HAS_ADD_CHANCTX
        && T::HAS_REMOVE_CHANCTX
        && T::HAS_CHANGE_CHANCTX
        && T::HAS_ASSIGN_VIF_CHANCTX
        && T::HAS_UNASSIGN_VIF_CHANCTX
        && T::HAS_SWITCH_VIF_CHANCTX;

    /// The table of a channel-context hardware: [`Self::OPS`] with the
    /// driver's own channel contexts, hardware scan and remain-on-channel
    /// instead of mac80211's emulation and software scan.
    pub(super) const OPS_CHANCTX: bindings::ieee80211_ops = {
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

    pub(super) const OPS_CHANCTX_REF: &'static bindings::ieee80211_ops = &Self::OPS_CHANCTX;

    pub(super) const OPS: bindings::ieee80211_ops = {
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
        if T::HAS_GET_SURVEY {
            ops.get_survey = Some(Self::get_survey_callback);
        }
        if T::HAS_ETHTOOL_STATS {
            ops.get_et_sset_count = Some(Self::get_et_sset_count_callback);
            ops.get_et_strings = Some(Self::get_et_strings_callback);
            ops.get_et_stats = Some(Self::get_et_stats_callback);
        }
        #[cfg(CONFIG_NL80211_TESTMODE)]
        if T::HAS_TESTMODE {
            ops.testmode_cmd = Some(Self::testmode_cmd_callback);
        }
        if T::HAS_LINK_ADD_DEBUGFS {
            ops.link_add_debugfs = Some(Self::link_add_debugfs_callback);
        }
        if T::HAS_RFKILL_POLL {
            ops.rfkill_poll = Some(Self::rfkill_poll_callback);
        }
        ops
    };

    pub(super) const OPS_REF: &'static bindings::ieee80211_ops = &Self::OPS;
}
