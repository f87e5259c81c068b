// SPDX-License-Identifier: GPL-2.0

//! One simulated radio: its state and the mac80211 callbacks.

use crate::listeners::{mac_to_u64, PROMISCUOUS};
use crate::pending::Pending;
use crate::ps;
use crate::regulatory::RadioReg;
use crate::tables;
use crate::wireless::chanctx::{ChanctxConf, ChanctxSwitch, ScanRequest, SwitchMode};
use crate::wireless::channel::{Band, Channel};
use crate::wireless::frame::Header;
use crate::wireless::mac80211::{
    AmpduAction, AmpduParams, AmpduReply, BssChanged, Conf, ConfChanged, FilterFlags, Hw, Ops,
    RxStatus, Survey, TestmodeRequest, TxFrame, TxInfo, TxSender, VendorCommand, VendorId,
    VendorRequest, VifFiles,
};
use crate::wireless::shims::net::skb::SkBuff;
use crate::wireless::shims::net::NetId;
use crate::wireless::shims::sync::with_bh_disabled;
use crate::wireless::shims::time;
use crate::wireless::vif::{MacAddr, Vif};
use core::sync::atomic::{AtomicBool, AtomicI32, AtomicI64, AtomicU32, AtomicU64, Ordering};
use kernel::prelude::*;
use kernel::sync::{Arc, Mutex, SpinLock};
use kernel::{new_mutex, new_spinlock};
use offchannel::Offchannel;
use survey::SurveyLog;

/// Whether mac80211 hears how a frame went.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Status {
    /// It does (frames from `tx`).
    Report,
    /// It does not (beacons, what follows them, probes), unless a medium
    /// in user space reports it.
    Discard,
}

/// The medium as a radio sees it: where its frames go. A trait because
/// the medium, which knows every radio, sits above this module.
pub(crate) trait Air: Send + Sync {
    /// Sends `skb`, which `sender` transmits on `channel` with `txpower`
    /// (dBm, if known), to whoever hears it.
    fn send(
        &self,
        sender: &Hw<Radio>,
        skb: TxFrame,
        channel: Channel,
        info: &TxInfo,
        txpower: Option<i32>,
        status: Status,
    );

    /// Sends, from process context, the frames `make` builds for the
    /// active interfaces of `radio` as if it transmitted them; their
    /// status goes nowhere.
    fn send_from(&self, radio: &Radio, make: &mut dyn FnMut(&Vif) -> Option<TxFrame>);

    /// `radio` takes (`on`) or no longer takes unicast frames sent to
    /// `addr` (an interface's or a scan's address); called for each claim
    /// and its release.
    fn listen(&self, radio: &Radio, addr: &MacAddr, on: bool);

    /// Radio `idx` has the receive filter `flags` (`FIF_*`).
    fn set_filter(&self, idx: u32, flags: u32);
}

/// Power-save modes of the `ps` debugfs file, as in mac80211_hwsim.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PsMode {
    /// Receive everything.
    Disabled = 0,
    /// Receive nothing.
    Enabled = 1,
    /// Receive everything (polling is not simulated).
    AutoPoll = 2,
    /// Receive nothing (polling is not simulated).
    ManualPoll = 3,
}

mod beacon_skip;
mod offchannel;
mod stats;
mod survey;
mod testmode;
mod vendor;

/// Header length before a beacon's or probe response's timestamp.
const MGMT_HDR_LEN: usize = 24;

/// The state of one radio, shared by its mac80211 callbacks, its beacon
/// timer and the medium.
pub(crate) struct Radio {
    /// Index N of `hwsimN`, the radio's netlink id.
    pub(crate) idx: u32,
    /// Concurrent channels (1 unless it uses channel contexts).
    pub(crate) channels: u32,
    /// The radio has channel contexts of its own, hardware scan and
    /// remain-on-channel (mac80211_hwsim's `use_chanctx`).
    pub(crate) chanctx: bool,
    /// The permanent address.
    pub(crate) perm_addr: MacAddr,
    /// The address a medium in user space knows the radio by (the
    /// wiphy's second address).
    pub(crate) medium_addr: MacAddr,
    medium: Arc<dyn Air>,
    /// The namespace the radio was made in (mac80211_hwsim's netgroup):
    /// its medium carries the radio's frames, and its exit deletes the
    /// radio if the radio is still there.
    pub(crate) home_net: NetId,
    /// Regulatory settings it was made with.
    pub(crate) reg: RadioReg,
    /// Cookie of the last frame handed to a medium in user space.
    last_cookie: AtomicU64,
    /// Frames a medium in user space has not reported on yet. The lock
    /// also keeps the frames it delivers from reaching mac80211 after
    /// `stop`.
    relayed: Pin<KBox<SpinLock<Pending>>>,
    started: AtomicBool,
    idle: AtomicBool,
    /// Frequency in MHz (low 16 bits) and band (bit 16: 5 GHz); 0 if none.
    channel: AtomicU32,
    /// The channel a hardware scan or remain-on-channel period visits now
    /// (mac80211_hwsim's `tmp_chan`), encoded as `channel`.
    tmp_channel: AtomicU32,
    /// Hardware scan and remain-on-channel state.
    offchannel: Pin<KBox<Mutex<Offchannel>>>,
    /// Time on each channel of the last scan.
    survey: Pin<KBox<Mutex<SurveyLog>>>,
    /// Scan address (low 48 bits) with bit 63 set while a scan runs.
    scan: AtomicU64,
    /// Difference of this radio's TSF to the real clock, in us.
    tsf_offset: AtomicI64,
    /// Correction of the next beacon interval after a TSF change, in us.
    bcn_delta: AtomicI64,
    /// When the last beacon went out (real clock, us).
    abs_bcn_ts: AtomicU64,
    /// Beacon interval in us; 0 when nothing beacons.
    beacon_int_us: AtomicU64,
    /// Groups (bit mask) whose radios hear each other.
    pub(crate) group: AtomicU64,
    /// Signal of frames we receive, before the sender's TX power, in dBm.
    pub(crate) rx_rssi: AtomicI32,
    /// A [`PsMode`].
    pub(crate) ps: AtomicU32,
    /// Frames and bytes through the medium, for `ethtool -S`.
    pub(crate) counters: stats::Counters,
    /// Beacons each interface is to leave out (`skip_beacons`).
    beacon_skips: beacon_skip::BeaconSkips,
}

impl Radio {
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn new(
        idx: u32,
        channels: u32,
        chanctx: bool,
        perm_addr: MacAddr,
        medium_addr: MacAddr,
        home_net: NetId,
        reg: RadioReg,
        medium: Arc<dyn Air>,
    ) -> Result<Self> {
        let relayed = KBox::pin_init(
            new_spinlock!(Pending::new()?, "rwlan_hwsim_relayed"),
            GFP_KERNEL,
        )?;
        let offchannel = KBox::pin_init(
            new_mutex!(Offchannel::Idle, "rwlan_hwsim_offchannel"),
            GFP_KERNEL,
        )?;
        let survey = KBox::pin_init(
            new_mutex!(SurveyLog::new(), "rwlan_hwsim_survey"),
            GFP_KERNEL,
        )?;
        Ok(Self {
            idx,
            channels,
            chanctx,
            perm_addr,
            medium_addr,
            medium,
            home_net,
            reg,
            last_cookie: AtomicU64::new(0),
            relayed,
            started: AtomicBool::new(false),
            idle: AtomicBool::new(true),
            channel: AtomicU32::new(0),
            tmp_channel: AtomicU32::new(0),
            offchannel,
            survey,
            scan: AtomicU64::new(0),
            tsf_offset: AtomicI64::new(0),
            bcn_delta: AtomicI64::new(0),
            abs_bcn_ts: AtomicU64::new(0),
            beacon_int_us: AtomicU64::new(0),
            group: AtomicU64::new(1),
            rx_rssi: AtomicI32::new(tables::DEFAULT_RX_RSSI),
            ps: AtomicU32::new(PsMode::Disabled as u32),
            counters: stats::Counters::new(),
            beacon_skips: beacon_skip::BeaconSkips::new()?,
        })
    }

    /// A new cookie for a frame handed to a medium in user space.
    pub(crate) fn next_cookie(&self) -> u64 {
        self.last_cookie.fetch_add(1, Ordering::Relaxed) + 1
    }

    /// Keeps a frame handed to a medium in user space until its status
    /// comes; gives it back if the radio stopped or there is no room.
    /// Called with bottom halves off (TX, beacon timer).
    pub(crate) fn queue_relayed(
        &self,
        hw: &Hw<Radio>,
        cookie: u64,
        skb: TxFrame,
    ) -> Option<TxFrame> {
        let mut pending = self.relayed.lock();
        if !self.started() {
            return Some(skb);
        }
        pending.insert(cookie, skb, &mut |old| {
            self.counters.dropped();
            hw.drop_tx(old)
        })
    }

    /// Takes back the frame handed to the medium under `cookie`.
    pub(crate) fn take_relayed(&self, cookie: u64) -> Option<TxFrame> {
        with_bh_disabled(|| self.relayed.lock().take(cookie))
    }

    /// Hands mac80211 a frame a medium in user space delivered, unless the
    /// radio is stopped or idle.
    pub(crate) fn rx_relayed(&self, hw: &Hw<Radio>, skb: SkBuff, status: &RxStatus) -> Result {
        with_bh_disabled(|| {
            let _stop = self.relayed.lock();
            if !self.receiving() {
                return Err(EINVAL);
            }
            self.counters.received(skb.len());
            hw.rx(skb, status);
            Ok(())
        })
    }

    /// The permanent address of radio `idx`: 02:00:00:II:II:00.
    pub(crate) fn perm_addr(idx: u32) -> MacAddr {
        [0x02, 0, 0, (idx >> 8) as u8, idx as u8, 0]
    }

    pub(crate) fn started(&self) -> bool {
        self.started.load(Ordering::Acquire)
    }

    pub(crate) fn idle(&self) -> bool {
        self.idle.load(Ordering::Relaxed)
    }

    /// The channel mac80211 tuned the radio to (single-channel radios).
    pub(crate) fn channel(&self) -> Option<Channel> {
        decode_channel(self.channel.load(Ordering::Relaxed))
    }

    fn set_channel(&self, channel: Option<Channel>) {
        self.channel
            .store(encode_channel(channel), Ordering::Relaxed);
    }

    /// The channel a hardware scan or remain-on-channel period visits now.
    pub(crate) fn tmp_channel(&self) -> Option<Channel> {
        decode_channel(self.tmp_channel.load(Ordering::Relaxed))
    }

    fn set_tmp_channel(&self, channel: Option<Channel>) {
        self.tmp_channel
            .store(encode_channel(channel), Ordering::Relaxed);
    }

    /// Whether the radio takes frames at all: started and not idle, or
    /// visiting a channel for a scan or remain-on-channel.
    pub(crate) fn receiving(&self) -> bool {
        self.started() && (!self.idle() || self.tmp_channel().is_some())
    }

    /// Whether the radio listens on `freq`: its tuned channel, the channel
    /// a scan or remain-on-channel visits, or (multi-channel radios) the
    /// channel context of one of its active interfaces.
    pub(crate) fn hears(hw: &Hw<Radio>, freq: u32) -> bool {
        let r = hw.data();
        if r.channel().map(|c| c.freq) == Some(freq)
            || r.tmp_channel().map(|c| c.freq) == Some(freq)
        {
            return true;
        }
        if !r.chanctx {
            return false;
        }
        let mut found = false;
        hw.for_each_active_vif(|vif| {
            found |= vif.chanctx_channel().map(|c| c.freq) == Some(freq);
        });
        found
    }

    /// The channel a received frame is taken on when the medium does not
    /// say (a multi-channel radio: the one it visits off-channel).
    pub(crate) fn default_rx_channel(&self) -> Option<Channel> {
        if self.chanctx {
            self.tmp_channel()
        } else {
            self.channel()
        }
    }

    /// The channel `vif` operates on: its channel context's on a
    /// multi-channel radio, else the radio's.
    pub(crate) fn vif_channel(&self, vif: &Vif) -> Option<Channel> {
        if self.chanctx {
            vif.chanctx_channel()
        } else {
            self.channel()
        }
    }

    /// The channel a frame handed to `tx` goes out on, as mac80211_hwsim
    /// picks it: the radio's; on a multi-channel radio the off-channel one
    /// for remain-on-channel frames, else the sender's channel context.
    fn tx_channel(&self, sender: &TxSender, info: &TxInfo) -> Option<Channel> {
        if !self.chanctx {
            return self.channel();
        }
        if info.offchannel {
            return self.tmp_channel();
        }
        sender.chanctx_channel.or_else(|| self.tmp_channel())
    }

    /// Whether power save lets this radio hear anything.
    pub(crate) fn ps_allows_rx(&self) -> bool {
        let ps = self.ps.load(Ordering::Relaxed);
        ps == PsMode::Disabled as u32 || ps == PsMode::AutoPoll as u32
    }

    pub(crate) fn ps_enabled(&self) -> bool {
        self.ps.load(Ordering::Relaxed) != PsMode::Disabled as u32
    }

    pub(crate) fn tsf_offset(&self) -> i64 {
        self.tsf_offset.load(Ordering::Relaxed)
    }

    pub(crate) fn last_beacon_us(&self) -> u64 {
        self.abs_bcn_ts.load(Ordering::Relaxed)
    }

    /// Sets the power-save mode (the `ps` debugfs file) and tells the APs
    /// of associated stations (null frames). Manual polling is allowed
    /// only from `Enabled` and sends a PS-Poll, as in mac80211_hwsim.
    pub(crate) fn set_ps(&self, val: u64) -> Result {
        let mode = match val {
            0 => PsMode::Disabled,
            1 => PsMode::Enabled,
            2 => PsMode::AutoPoll,
            3 => PsMode::ManualPoll,
            _ => return Err(EINVAL),
        };
        if mode == PsMode::ManualPoll {
            if self.ps.load(Ordering::Relaxed) != PsMode::Enabled as u32 {
                return Err(EINVAL);
            }
            self.medium.send_from(self, &mut ps::ps_poll);
            return Ok(());
        }
        let old = self.ps.swap(mode as u32, Ordering::Relaxed);
        let disabled = PsMode::Disabled as u32;
        if old == disabled && mode != PsMode::Disabled {
            self.medium
                .send_from(self, &mut |vif| ps::nullfunc(vif, true));
        } else if old != disabled && mode == PsMode::Disabled {
            self.medium
                .send_from(self, &mut |vif| ps::nullfunc(vif, false));
        }
        Ok(())
    }

    /// Sets the receive signal (the `rx_rssi` debugfs file): -100..-1 dBm.
    pub(crate) fn set_rx_rssi(&self, val: u64) -> Result {
        let rssi = val as i32;
        if !(-100..0).contains(&rssi) {
            return Err(EINVAL);
        }
        self.rx_rssi.store(rssi, Ordering::Relaxed);
        Ok(())
    }

    pub(crate) fn tsf(&self) -> u64 {
        time::real_us().wrapping_add_signed(self.tsf_offset())
    }

    /// Whether a frame to `addr` is for this radio: an active interface's
    /// address or, during a scan, the scan address.
    pub(crate) fn owns_addr(hw: &Hw<Radio>, addr: &MacAddr) -> bool {
        let scan = hw.data().scan.load(Ordering::Relaxed);
        if scan & (1 << 63) != 0 && mac_from_u64(scan) == *addr {
            return true;
        }
        let mut found = false;
        hw.for_each_active_vif(|vif| found |= vif.addr() == *addr);
        found
    }

    /// Sets the address a scan takes probe responses on (`None`: no scan
    /// runs), replacing one already set only if `replace`.
    fn set_scan_addr(&self, addr: Option<&MacAddr>, replace: bool) {
        let new = addr.map_or(0, |a| mac_to_u64(a) | (1 << 63));
        let old = if replace {
            self.scan.swap(new, Ordering::Relaxed)
        } else {
            match self
                .scan
                .compare_exchange(0, new, Ordering::Relaxed, Ordering::Relaxed)
            {
                Ok(old) => old,
                Err(_) => return,
            }
        };
        if old != 0 {
            self.medium.listen(self, &mac_from_u64(old), false);
        }
        if let Some(addr) = addr {
            self.medium.listen(self, addr, true);
        }
    }

    /// Starts the beacon timer at the next TBTT unless it runs already.
    fn start_beacon_timer(hw: &Hw<Radio>) {
        let r = hw.data();
        let bcn_int = r.beacon_int_us.load(Ordering::Relaxed);
        if bcn_int == 0 || hw.timer_queued() {
            return;
        }
        let until_tbtt = bcn_int - r.tsf() % bcn_int;
        hw.timer_start(until_tbtt * 1000);
    }

    /// Sends the beacon of `vif`, then what was buffered for after it.
    fn send_beacon(hw: &Hw<Radio>, vif: &Vif) {
        let r = hw.data();
        if !vif.iftype().beacons() {
            return;
        }
        let Some(channel) = r.vif_channel(vif) else {
            return;
        };
        let Some(skb) = hw.beacon(vif) else {
            return;
        };
        // Left out as in mac80211_hwsim: what was buffered still goes.
        let skipped = r.beacon_skips.take(vif);
        let txpower = Some(vif.txpower());
        if !skipped {
            Self::send_beacon_frame(hw, skb, channel, txpower);
        }
        while let Some(bc) = hw.buffered_broadcast(vif) {
            let info = bc.info();
            r.medium
                .send(hw, bc, channel, &info, txpower, Status::Discard);
        }
        hw.beacon_sent(vif);
    }

    /// Stamps a beacon with the TSF and sends it.
    fn send_beacon_frame(hw: &Hw<Radio>, mut skb: TxFrame, channel: Channel, txpower: Option<i32>) {
        let r = hw.data();
        let info = skb.info();
        let bitrate = u64::from(hw.bitrate(channel.band, info.rate_idx).unwrap_or(100)).max(1);
        let now = time::real_us();
        r.abs_bcn_ts.store(now, Ordering::Relaxed);
        // The timestamp is the TSF when the field itself goes on the air:
        // after the 24-byte header at the beacon's rate.
        let ts = now
            .wrapping_add_signed(r.tsf_offset())
            .wrapping_add(MGMT_HDR_LEN as u64 * 8 * 10 / bitrate);
        if let Some(field) = skb.data_mut().get_mut(MGMT_HDR_LEN..MGMT_HDR_LEN + 8) {
            field.copy_from_slice(&ts.to_le_bytes());
        }
        // Beacons and what follows them report no status.
        r.medium
            .send(hw, skb, channel, &info, txpower, Status::Discard);
    }
}

/// A channel in an atomic: frequency in MHz (low 16 bits) and the band's
/// nl80211 number (above); 0 for none (no channel is at 0 MHz).
fn encode_channel(channel: Option<Channel>) -> u32 {
    match channel {
        None => 0,
        Some(c) => (c.freq & 0xffff) | c.band.number() << 16,
    }
}

fn decode_channel(v: u32) -> Option<Channel> {
    if v == 0 {
        return None;
    }
    Some(Channel {
        freq: v & 0xffff,
        band: Band::from_number(v >> 16)?,
    })
}

fn mac_from_u64(v: u64) -> MacAddr {
    let b = v.to_be_bytes();
    [b[2], b[3], b[4], b[5], b[6], b[7]]
}

#[vtable]
impl Ops for Radio {
    fn tx(hw: &Hw<Self>, mut skb: TxFrame, sender: &TxSender) {
        let r = hw.data();
        // mac80211 never sends shorter frames; addr1 must be there.
        let Some(fc) = Header::new(skb.data()).map(|h| h.frame_control()) else {
            hw.drop_tx(skb);
            return;
        };
        let info = skb.info();
        let channel = match r.tx_channel(sender, &info) {
            Some(c) if !r.idle() || r.tmp_channel().is_some() => c,
            _ => {
                hw.drop_tx(skb);
                return;
            }
        };
        if fc.is_probe_resp() {
            if let Some(field) = skb.data_mut().get_mut(MGMT_HDR_LEN..MGMT_HDR_LEN + 8) {
                let bitrate =
                    u64::from(hw.bitrate(channel.band, info.rate_idx).unwrap_or(100)).max(1);
                let ts = r.tsf().wrapping_add(MGMT_HDR_LEN as u64 * 8 * 10 / bitrate);
                field.copy_from_slice(&ts.to_le_bytes());
            }
        }
        r.medium
            .send(hw, skb, channel, &info, sender.txpower, Status::Report);
    }

    fn start(hw: &Hw<Self>) -> Result {
        hw.data().started.store(true, Ordering::Release);
        Ok(())
    }

    fn stop(hw: &Hw<Self>) {
        let r = hw.data();
        with_bh_disabled(|| {
            let mut pending = r.relayed.lock();
            r.started.store(false, Ordering::Release);
            pending.drain(|skb| hw.drop_tx(skb));
        });
        hw.timer_cancel();
        // mac80211 ended any scan or remain-on-channel period before the
        // last interface went down; nothing may stay queued on its
        // workqueue, which unregistration destroys.
        hw.cancel_work();
        *r.offchannel.lock() = Offchannel::Idle;
        r.set_tmp_channel(None);
    }

    fn add_interface(hw: &Hw<Self>, vif: &Vif) -> Result {
        let r = hw.data();
        r.medium.listen(r, &vif.addr(), true);
        Ok(())
    }

    fn change_interface(_hw: &Hw<Self>, _vif: &Vif) -> Result {
        Ok(())
    }

    fn remove_interface(hw: &Hw<Self>, vif: &Vif) {
        let r = hw.data();
        r.medium.listen(r, &vif.addr(), false);
        r.beacon_skips.forget(vif);
    }

    fn link_add_debugfs(hw: &Hw<Self>, vif: &Vif, files: &mut VifFiles<'_>) {
        if let Err(e) = hw.data().beacon_skips.add_file(vif, files) {
            pr_warn!("{}: no skip_beacons file: {:?}\n", hw.wiphy_name(), e);
        }
    }

    fn config(hw: &Hw<Self>, conf: &Conf, _changed: ConfChanged) -> Result {
        let r = hw.data();
        r.idle.store(conf.idle, Ordering::Relaxed);
        r.set_channel(conf.channel);
        r.survey.lock().tuned(conf.channel);
        if !r.started() || r.beacon_int_us.load(Ordering::Relaxed) == 0 {
            hw.timer_cancel();
        } else {
            Self::start_beacon_timer(hw);
        }
        Ok(())
    }

    fn configure_filter(hw: &Hw<Self>, _changed: u32, total: u32) -> u32 {
        let supported = total & (FilterFlags::ALLMULTI | FilterFlags::MCAST_ACTION | PROMISCUOUS);
        let r = hw.data();
        r.medium.set_filter(r.idx, supported);
        supported
    }

    fn vif_cfg_changed(_hw: &Hw<Self>, _vif: &Vif, _changed: BssChanged) {}

    fn link_info_changed(hw: &Hw<Self>, vif: &Vif, changed: BssChanged) {
        if !changed.beacon_enabled() {
            return;
        }
        let r = hw.data();
        if vif.beacon_enabled() {
            if r.started() && !hw.timer_queued() {
                let bcn_int = u64::from(vif.beacon_interval_tu()) * 1024;
                r.beacon_int_us.store(bcn_int, Ordering::Relaxed);
                Self::start_beacon_timer(hw);
            }
        } else {
            let mut beaconing = 0;
            hw.for_each_active_vif(|v| beaconing += v.beacon_enabled() as u32);
            if beaconing == 0 {
                hw.timer_cancel();
                r.beacon_int_us.store(0, Ordering::Relaxed);
            }
        }
    }

    fn sw_scan_start(hw: &Hw<Self>, _vif: &Vif, addr: &MacAddr) {
        // A second scan while one runs keeps the first one's address.
        hw.data().set_scan_addr(Some(addr), false);
        hw.data().survey.lock().sw_scan_start();
    }

    fn sw_scan_complete(hw: &Hw<Self>, _vif: &Vif) {
        hw.data().set_scan_addr(None, true);
        hw.data().survey.lock().sw_scan_complete();
    }

    fn get_tsf(hw: &Hw<Self>, _vif: &Vif) -> u64 {
        hw.data().tsf()
    }

    fn set_tsf(hw: &Hw<Self>, vif: &Vif, tsf: u64) {
        let r = hw.data();
        if !vif.beacon_enabled() && vif.iftype().beacons() {
            return;
        }
        let now = r.tsf();
        let bcn_int = r.beacon_int_us.load(Ordering::Relaxed).max(1);
        // Adjust after beaconing with the new timestamp at the old TBTT.
        let delta = tsf.abs_diff(now);
        let rem = (delta % bcn_int) as i64;
        if tsf > now {
            r.tsf_offset.fetch_add(delta as i64, Ordering::Relaxed);
            r.bcn_delta.store(rem, Ordering::Relaxed);
        } else {
            r.tsf_offset.fetch_sub(delta as i64, Ordering::Relaxed);
            r.bcn_delta.store(-rem, Ordering::Relaxed);
        }
    }

    fn ampdu_action(_hw: &Hw<Self>, vif: &Vif, params: AmpduParams) -> Result<AmpduReply> {
        match params.action {
            AmpduAction::TxStart => Ok(AmpduReply::TxStartImmediate),
            AmpduAction::TxStop => {
                vif.stop_tx_ba_done(&params.peer, params.tid);
                Ok(AmpduReply::Done)
            }
            AmpduAction::TxOperational | AmpduAction::RxStart | AmpduAction::RxStop => {
                Ok(AmpduReply::Done)
            }
            AmpduAction::Other => Ok(AmpduReply::NotSupported),
        }
    }

    fn tx_last_beacon(_hw: &Hw<Self>) -> bool {
        true
    }

    fn timer_expired(hw: &Hw<Self>) -> Option<u64> {
        let r = hw.data();
        if !r.started() {
            return None;
        }
        hw.for_each_active_vif(|vif| Self::send_beacon(hw, vif));
        let bcn_int = r.beacon_int_us.load(Ordering::Relaxed) as i64;
        if bcn_int == 0 {
            return None;
        }
        // Beacon at the new TBTT after a TSF change, then every interval.
        let next = bcn_int - r.bcn_delta.swap(0, Ordering::Relaxed);
        Some(next.max(1000) as u64 * 1000)
    }

    fn work(hw: &Hw<Self>) {
        offchannel::step(hw);
    }

    fn get_survey(hw: &Hw<Self>, idx: usize) -> Result<Survey> {
        hw.data().survey.lock().get(idx)
    }

    const ETHTOOL_STATS: &'static [&'static str] = &stats::NAMES;

    const VENDOR_COMMANDS: &'static [VendorCommand] = &vendor::COMMANDS;

    const VENDOR_EVENTS: &'static [VendorId] = &vendor::EVENTS;

    fn testmode(hw: &Hw<Self>, _vif: Option<&Vif>, req: &TestmodeRequest<'_>) -> Result {
        testmode::command(hw, req)
    }

    fn vendor_command(hw: &Hw<Self>, index: usize, req: &VendorRequest<'_>) -> Result {
        match index {
            0 => vendor::test_command(req),
            _ => {
                pr_warn!("{}: no vendor command {index}\n", hw.wiphy_name());
                Err(EINVAL)
            }
        }
    }

    fn ethtool_stats(hw: &Hw<Self>, values: &mut [u64]) {
        let r = hw.data();
        let ps = u64::from(r.ps.load(Ordering::Relaxed));
        r.counters.fill(values, ps, r.group.load(Ordering::Relaxed));
    }

    fn hw_scan(hw: &Hw<Self>, _vif: &Vif, req: ScanRequest) -> Result {
        offchannel::start_scan(hw, req)
    }

    fn cancel_hw_scan(hw: &Hw<Self>, _vif: &Vif) {
        offchannel::cancel_scan(hw)
    }

    fn remain_on_channel(hw: &Hw<Self>, _vif: &Vif, channel: Channel, duration_ms: u32) -> Result {
        offchannel::start_roc(hw, channel, duration_ms)
    }

    fn cancel_remain_on_channel(hw: &Hw<Self>, _vif: &Vif) -> Result {
        offchannel::cancel_roc(hw)
    }

    // Channel contexts need no more than mac80211 keeps: the medium reads
    // each interface's context when it sends or delivers.
    fn add_chanctx(_hw: &Hw<Self>, _ctx: &ChanctxConf) -> Result {
        Ok(())
    }

    fn remove_chanctx(_hw: &Hw<Self>, _ctx: &ChanctxConf) {}

    fn change_chanctx(_hw: &Hw<Self>, _ctx: &ChanctxConf, _changed: u32) {}

    fn assign_vif_chanctx(_hw: &Hw<Self>, _vif: &Vif, _ctx: &ChanctxConf) -> Result {
        Ok(())
    }

    fn unassign_vif_chanctx(_hw: &Hw<Self>, _vif: &Vif, _ctx: &ChanctxConf) {}

    fn switch_vif_chanctx(
        _hw: &Hw<Self>,
        _switches: &[ChanctxSwitch],
        _mode: SwitchMode,
    ) -> Result {
        Ok(())
    }
}
