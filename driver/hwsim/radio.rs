// SPDX-License-Identifier: GPL-2.0

//! One simulated radio: its state and the mac80211 callbacks.

use crate::medium::Medium;
use crate::ps;
use crate::relay::Pending;
use crate::tables;
use crate::wireless::channel::{Band, Channel};
use crate::wireless::frame::FrameControl;
use crate::wireless::genetlink::NetRef;
use crate::wireless::mac80211::{
    AmpduAction, AmpduParams, AmpduReply, BssChanged, ConfChanged, FilterFlags, Hw, Ops, RxStatus,
};
use crate::wireless::skb::SkBuff;
use crate::wireless::sync::with_bh_disabled;
use crate::wireless::time;
use crate::wireless::vif::{MacAddr, Vif};
use core::sync::atomic::{AtomicBool, AtomicI32, AtomicI64, AtomicU32, AtomicU64, Ordering};
use kernel::new_spinlock;
use kernel::prelude::*;
use kernel::sync::{Arc, SpinLock};

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

/// Header length before a beacon's or probe response's timestamp.
const MGMT_HDR_LEN: usize = 24;

/// The state of one radio, shared by its mac80211 callbacks, its beacon
/// timer and the medium.
pub(crate) struct Radio {
    /// Index N of `hwsimN`, the radio's netlink id.
    pub(crate) idx: u32,
    /// The permanent address.
    pub(crate) perm_addr: MacAddr,
    /// The address a medium in user space knows the radio by (the
    /// wiphy's second address).
    pub(crate) medium_addr: MacAddr,
    medium: Arc<Medium>,
    /// The namespace the radio was made in, whose medium carries its
    /// frames.
    pub(crate) home_net: NetRef,
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
    rx_filter: AtomicU32,
}

impl Radio {
    pub(crate) fn new(
        idx: u32,
        perm_addr: MacAddr,
        medium_addr: MacAddr,
        home_net: NetRef,
        medium: Arc<Medium>,
    ) -> Result<Self> {
        let relayed = KBox::pin_init(
            new_spinlock!(Pending::new()?, "rwlan_hwsim_relayed"),
            GFP_KERNEL,
        )?;
        Ok(Self {
            idx,
            perm_addr,
            medium_addr,
            medium,
            home_net,
            last_cookie: AtomicU64::new(0),
            relayed,
            started: AtomicBool::new(false),
            idle: AtomicBool::new(true),
            channel: AtomicU32::new(0),
            scan: AtomicU64::new(0),
            tsf_offset: AtomicI64::new(0),
            bcn_delta: AtomicI64::new(0),
            abs_bcn_ts: AtomicU64::new(0),
            beacon_int_us: AtomicU64::new(0),
            group: AtomicU64::new(1),
            rx_rssi: AtomicI32::new(tables::DEFAULT_RX_RSSI),
            ps: AtomicU32::new(PsMode::Disabled as u32),
            rx_filter: AtomicU32::new(0),
        })
    }

    /// A new cookie for a frame handed to a medium in user space.
    pub(crate) fn next_cookie(&self) -> u64 {
        self.last_cookie.fetch_add(1, Ordering::Relaxed) + 1
    }

    /// Keeps a frame handed to a medium in user space until its status
    /// comes; gives it back if the radio stopped or there is no room.
    /// Called with bottom halves off (TX, beacon timer).
    pub(crate) fn queue_relayed(&self, hw: &Hw<Radio>, cookie: u64, skb: SkBuff) -> Option<SkBuff> {
        let mut pending = self.relayed.lock();
        if !self.started() {
            return Some(skb);
        }
        pending.insert(cookie, skb, &mut |old| hw.drop_tx(old))
    }

    /// Takes back the frame handed to the medium under `cookie`.
    pub(crate) fn take_relayed(&self, cookie: u64) -> Option<SkBuff> {
        with_bh_disabled(|| self.relayed.lock().take(cookie))
    }

    /// Hands mac80211 a frame a medium in user space delivered, unless the
    /// radio is stopped or idle.
    pub(crate) fn rx_relayed(&self, hw: &Hw<Radio>, skb: SkBuff, status: &RxStatus) -> Result {
        with_bh_disabled(|| {
            let _stop = self.relayed.lock();
            if !self.started() || self.idle() {
                return Err(EINVAL);
            }
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

    pub(crate) fn channel(&self) -> Option<Channel> {
        let v = self.channel.load(Ordering::Relaxed);
        if v == 0 {
            return None;
        }
        let band = if v & (1 << 16) != 0 {
            Band::Ghz5
        } else {
            Band::Ghz2
        };
        Some(Channel {
            freq: v & 0xffff,
            band,
        })
    }

    fn set_channel(&self, channel: Option<Channel>) {
        let v = match channel {
            None => 0,
            Some(c) => (c.freq & 0xffff) | if c.band == Band::Ghz5 { 1 << 16 } else { 0 },
        };
        self.channel.store(v, Ordering::Relaxed);
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
            self.medium.send_from(self, ps::ps_poll);
            return Ok(());
        }
        let old = self.ps.swap(mode as u32, Ordering::Relaxed);
        let disabled = PsMode::Disabled as u32;
        if old == disabled && mode != PsMode::Disabled {
            self.medium.send_from(self, |vif| ps::nullfunc(vif, true));
        } else if old != disabled && mode == PsMode::Disabled {
            self.medium.send_from(self, |vif| ps::nullfunc(vif, false));
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
        let Some(channel) = r.channel() else {
            return;
        };
        let Some(mut skb) = hw.beacon(vif) else {
            return;
        };
        let info = hw.tx_info(&skb);
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
        drop(r.medium.send(hw, skb, channel, &info));
        while let Some(bc) = hw.buffered_broadcast(vif) {
            let info = hw.tx_info(&bc);
            drop(r.medium.send(hw, bc, channel, &info));
        }
    }
}

fn mac_to_u64(addr: &MacAddr) -> u64 {
    addr.iter().fold(0, |v, b| (v << 8) | u64::from(*b))
}

fn mac_from_u64(v: u64) -> MacAddr {
    let b = v.to_be_bytes();
    [b[2], b[3], b[4], b[5], b[6], b[7]]
}

#[vtable]
impl Ops for Radio {
    fn tx(hw: &Hw<Self>, mut skb: SkBuff) {
        let r = hw.data();
        // mac80211 never sends shorter frames; addr1 must be there.
        if skb.len() < 10 {
            hw.drop_tx(skb);
            return;
        }
        let channel = match r.channel() {
            Some(c) if !r.idle() => c,
            _ => {
                hw.drop_tx(skb);
                return;
            }
        };
        let info = hw.tx_info(&skb);
        let data = skb.data();
        let fc = FrameControl::from_le_bytes([data[0], data[1]]);
        if fc.is_probe_resp() && data.len() >= MGMT_HDR_LEN + 8 {
            let bitrate = u64::from(hw.bitrate(channel.band, info.rate_idx).unwrap_or(100)).max(1);
            let ts = r.tsf().wrapping_add(MGMT_HDR_LEN as u64 * 8 * 10 / bitrate);
            skb.data_mut()[MGMT_HDR_LEN..MGMT_HDR_LEN + 8].copy_from_slice(&ts.to_le_bytes());
        }
        if let Some((skb, acked)) = r.medium.send(hw, skb, channel, &info) {
            hw.tx_status(skb, acked);
        }
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
    }

    fn add_interface(_hw: &Hw<Self>, _vif: &Vif) -> Result {
        Ok(())
    }

    fn change_interface(_hw: &Hw<Self>, _vif: &Vif) -> Result {
        Ok(())
    }

    fn remove_interface(_hw: &Hw<Self>, _vif: &Vif) {}

    fn config(hw: &Hw<Self>, _changed: ConfChanged) -> Result {
        let r = hw.data();
        let conf = hw.conf();
        r.idle.store(conf.idle, Ordering::Relaxed);
        r.set_channel(conf.channel);
        if !r.started() || r.beacon_int_us.load(Ordering::Relaxed) == 0 {
            hw.timer_cancel();
        } else {
            Self::start_beacon_timer(hw);
        }
        Ok(())
    }

    fn configure_filter(hw: &Hw<Self>, _changed: u32, total: u32) -> u32 {
        let supported = total & (FilterFlags::ALLMULTI | FilterFlags::MCAST_ACTION);
        hw.data().rx_filter.store(supported, Ordering::Relaxed);
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
        let r = hw.data();
        let v = mac_to_u64(addr) | (1 << 63);
        // A second scan while one runs keeps the first one's address.
        let _ = r
            .scan
            .compare_exchange(0, v, Ordering::Relaxed, Ordering::Relaxed);
    }

    fn sw_scan_complete(hw: &Hw<Self>, _vif: &Vif) {
        hw.data().scan.store(0, Ordering::Relaxed);
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
}
