// SPDX-License-Identifier: GPL-2.0

//! The simulated air: which radios hear a frame, with what signal, and
//! whether the sender gets an acknowledgement.

use crate::listeners::{is_group, Listeners};
use crate::media::Relays;
use crate::monitor;
use crate::radio::{Air, Radio, Status};
use crate::regulatory::RadioReg;
use crate::wireless::capture::CaptureDevice;
use crate::wireless::channel::Channel;
use crate::wireless::frame::{FrameControl, Header, HeaderMut};
use crate::wireless::mac80211::{
    Hw, Registration, RxStatus, TxFrame, TxInfo, TxRate, TxReport, TX_MAX_RATES,
};
use crate::wireless::shims::net::genetlink::Message;
use crate::wireless::shims::net::skb::SkBuff;
use crate::wireless::shims::net::{Net, NetId, NetRef};
use crate::wireless::shims::sync::with_bh_disabled;
use crate::wireless::shims::time;
use crate::wireless::vif::{MacAddr, Vif};
use core::sync::atomic::{AtomicBool, Ordering};
use kernel::new_spinlock;
use kernel::prelude::*;
use kernel::str::CString;
use kernel::sync::{Arc, SpinLock};

/// The way frames reach a medium in user space: the netlink family. It is
/// a trait because the family (`relay`) sits above this module.
pub(crate) trait Uplink: Send + Sync {
    /// The FRAME message that hands `skb`, which `from` transmits on
    /// `channel`, to the medium under `cookie`; built without sleeping.
    fn frame_message(
        &self,
        from: &Radio,
        skb: &TxFrame,
        channel: Channel,
        info: &TxInfo,
        cookie: u64,
    ) -> Result<Message>;

    /// The ADD_MAC_ADDR (`add`) or DEL_MAC_ADDR message telling the medium
    /// that the radio at `radio_addr` takes or no longer takes frames for
    /// `addr`; built without sleeping.
    fn mac_addr_message(&self, radio_addr: &MacAddr, addr: &MacAddr, add: bool) -> Result<Message>;

    /// Sends `msg` to the socket `portid` in `net` without sleeping.
    fn unicast(&self, msg: Message, net: &Net, portid: u32) -> Result;
}

/// The media in user space and the way to them.
struct UserMedia {
    /// Set while the netlink family is registered.
    uplink: Option<Arc<dyn Uplink>>,
    relays: Relays,
}

/// A frame a medium in user space delivers (FRAME to the kernel).
pub(crate) struct Delivery {
    /// The receiver's medium address.
    pub(crate) to: MacAddr,
    /// The frame, at least a three-address header long.
    pub(crate) skb: SkBuff,
    pub(crate) rate: u32,
    pub(crate) signal: u32,
    pub(crate) freq: Option<u32>,
}

/// How a frame handed to a medium in user space went (TX_INFO_FRAME).
pub(crate) struct Outcome {
    /// The sender's medium address.
    pub(crate) from: MacAddr,
    pub(crate) cookie: u64,
    pub(crate) rates: [TxRate; TX_MAX_RATES],
    pub(crate) signal: u32,
    /// Sent without asking for an ACK.
    pub(crate) no_ack: bool,
    /// The medium says it was acknowledged.
    pub(crate) ack: bool,
}

/// A registered radio.
pub(crate) struct RadioEntry {
    reg: Registration<Radio>,
    /// The netlink port whose socket's closing destroys the radio.
    owner: Option<u32>,
}

impl RadioEntry {
    pub(crate) fn new(reg: Registration<Radio>, owner: Option<u32>) -> Self {
        Self { reg, owner }
    }

    pub(crate) fn hw(&self) -> &Hw<Radio> {
        self.reg.hw()
    }
}

/// What netlink reports about a radio.
pub(crate) struct RadioInfo {
    pub(crate) idx: u32,
    pub(crate) name: CString,
    pub(crate) p2p_device: bool,
    pub(crate) channels: u32,
    pub(crate) chanctx: bool,
    pub(crate) reg: RadioReg,
}

impl RadioInfo {
    pub(crate) fn of(hw: &Hw<Radio>) -> Result<Self> {
        Ok(Self {
            idx: hw.data().idx,
            name: CString::try_from_fmt(kernel::fmt!("{}", hw.wiphy_name()))?,
            p2p_device: hw.supports_p2p_device(),
            channels: hw.data().channels,
            chanctx: hw.data().chanctx,
            reg: hw.data().reg,
        })
    }
}

/// All radios of the module, and the delivery of frames between them.
///
/// The radio list is taken from soft-interrupt context (TX, beacons); in
/// process context it is taken with bottom halves disabled.
///
/// # Invariants
/// `radios` is sorted by radio index. `listeners` is only taken alone or
/// inside `radios`.
#[pin_data]
pub(crate) struct Medium {
    #[pin]
    radios: SpinLock<KVec<Arc<RadioEntry>>>,
    /// Who takes which unicast frames, by radio index.
    #[pin]
    listeners: SpinLock<Listeners>,
    /// Media in user space that took over from this one.
    #[pin]
    user: SpinLock<UserMedia>,
    /// Whether `user` has a registered medium, read without the lock.
    relaying: AtomicBool,
    /// Sees every frame while it is up.
    monitor: CaptureDevice,
}

impl Medium {
    pub(crate) fn new(monitor: CaptureDevice) -> Result<Arc<Self>> {
        Arc::pin_init(
            pin_init!(Self {
                radios <- new_spinlock!(KVec::new(), "rwlan_hwsim_radios"),
                listeners <- new_spinlock!(Listeners::new(), "rwlan_hwsim_listeners"),
                user <- new_spinlock!(
                    UserMedia {
                        uplink: None,
                        relays: Relays::new(),
                    },
                    "rwlan_hwsim_relays"
                ),
                relaying: AtomicBool::new(false),
                monitor,
            }),
            GFP_KERNEL,
        )
    }

    /// Adds a registered radio.
    pub(crate) fn add(&self, radio: Arc<RadioEntry>) -> Result {
        let idx = radio.hw().data().idx;
        with_bh_disabled(|| {
            let mut radios = self.radios.lock();
            let pos = radios.partition_point(|r| r.hw().data().idx < idx);
            radios.push(radio, GFP_ATOMIC)?;
            radios[pos..].rotate_right(1);
            Ok(())
        })
    }

    /// Takes out the first radio `pred` selects; dropping the result
    /// unregisters it.
    pub(crate) fn remove(&self, pred: impl Fn(&RadioEntry) -> bool) -> Option<Arc<RadioEntry>> {
        let (found, old) = with_bh_disabled(|| {
            let mut radios = self.radios.lock();
            let pos = radios.iter().position(|r| pred(r))?;
            let mut kept = KVec::with_capacity(radios.len(), GFP_ATOMIC).ok()?;
            for (i, r) in radios.iter().enumerate() {
                if i != pos {
                    kept.push(r.clone(), GFP_ATOMIC).ok()?;
                }
            }
            let found = radios[pos].clone();
            let old = core::mem::replace(&mut *radios, kept);
            Some((found, old))
        })?;
        // The old list only drops references the new one or `found` holds.
        drop(old);
        let idx = found.hw().data().idx;
        with_bh_disabled(|| self.listeners.lock().forget(idx));
        Some(found)
    }

    /// The first radio `pred` selects.
    pub(crate) fn find(&self, pred: impl Fn(&RadioEntry) -> bool) -> Option<Arc<RadioEntry>> {
        with_bh_disabled(|| self.radios.lock().iter().find(|r| pred(r)).cloned())
    }

    /// References to every radio, for reading outside the lock.
    pub(crate) fn entries(&self) -> Result<KVec<Arc<RadioEntry>>> {
        with_bh_disabled(|| {
            let radios = self.radios.lock();
            let mut out = KVec::with_capacity(radios.len(), GFP_ATOMIC)?;
            for r in radios.iter() {
                out.push(r.clone(), GFP_ATOMIC)?;
            }
            Ok(out)
        })
    }

    /// What netlink reports about each radio in `net`.
    pub(crate) fn snapshot(&self, net: &Net) -> Result<KVec<RadioInfo>> {
        let entries = self.entries()?;
        let mut out = KVec::with_capacity(entries.len(), GFP_KERNEL)?;
        for e in entries.iter().filter(|e| e.hw().in_net(net)) {
            out.push(RadioInfo::of(e.hw())?, GFP_KERNEL)?;
        }
        Ok(out)
    }

    /// Removes every radio and unregisters them.
    pub(crate) fn remove_all(&self) {
        // Unregistration sleeps: take the radios out under the lock and
        // drop them outside.
        let radios = with_bh_disabled(|| {
            *self.listeners.lock() = Listeners::new();
            core::mem::replace(&mut *self.radios.lock(), KVec::new())
        });
        drop(radios);
    }

    /// Lets the family send frames to media in user space (`None` when it
    /// goes away); forgets every registered medium.
    pub(crate) fn set_uplink(&self, uplink: Option<Arc<dyn Uplink>>) {
        let (old, media) = with_bh_disabled(|| {
            let mut user = self.user.lock();
            let media = user.relays.take_all();
            self.relaying.store(false, Ordering::Relaxed);
            (core::mem::replace(&mut user.uplink, uplink), media)
        });
        // Dropped outside the lock: it may free the family.
        drop(old);
        drop(media);
    }

    /// The port of the medium of radios made in `net`, 0 if none.
    pub(crate) fn relay_port(&self, net: NetId) -> u32 {
        with_bh_disabled(|| self.user.lock().relays.port(net))
    }

    /// Makes the socket `portid` in `net` the medium of the radios made
    /// there (REGISTER). Refused with `-EOPNOTSUPP` while any radio has
    /// several channels, as mac80211_hwsim does (the medium protocol cannot
    /// tell a radio's channels apart).
    pub(crate) fn register_relay(&self, net: &Net, portid: u32) -> Result {
        // The requester's namespace is not exiting: its socket is in it.
        let net = net.get().ok_or(ENODEV)?;
        with_bh_disabled(|| {
            if self
                .radios
                .lock()
                .iter()
                .any(|r| r.hw().data().channels > 1)
            {
                return Err(crate::wireless::shims::error::eopnotsupp());
            }
            self.user.lock().relays.add(net, portid)?;
            self.relaying.store(true, Ordering::Relaxed);
            Ok(())
        })
    }

    /// The socket `portid` in `net` closed: the radios it owns go, and if
    /// it ran the medium the built-in one takes over.
    pub(crate) fn socket_released(&self, net: &Net, portid: u32) {
        let net = net.id();
        while let Some(owned) =
            self.remove(|r| r.owner == Some(portid) && r.hw().data().home_net == net)
        {
            drop(owned);
        }
        let relay = with_bh_disabled(|| {
            let relays = &mut self.user.lock().relays;
            let relay = relays.take(net, portid);
            self.relaying.store(relays.any(), Ordering::Relaxed);
            relay
        });
        if relay.is_some() {
            pr_info!(
                "medium at port {} closed, switching to the built-in medium\n",
                portid
            );
        }
    }

    /// The namespace `net` exits: the radios in it that were made in
    /// another namespace than the initial one go, as in mac80211_hwsim
    /// (cfg80211 moves the others back to the initial namespace).
    pub(crate) fn namespace_exit(&self, net: &Net) {
        let init = Net::init().id();
        while let Some(radio) =
            self.remove(|r| r.hw().in_net(net) && r.hw().data().home_net != init)
        {
            drop(radio);
        }
    }

    /// Sends what `sender` transmits on `channel`, with the radio list
    /// locked already (`Some`) or not: to the medium in user space when
    /// one runs the radio's (the frame's status comes later, and `None`
    /// now), else over the built-in medium, returning the frame and
    /// whether it was acknowledged.
    fn send_among(
        &self,
        locked: Option<&[Arc<RadioEntry>]>,
        sender: &Hw<Radio>,
        mut skb: TxFrame,
        channel: Channel,
        info: &TxInfo,
        txpower: Option<i32>,
    ) -> Option<(TxFrame, bool)> {
        // Anything shorter than an 802.11 header is not a frame.
        if Header::new(skb.data()).is_none() {
            return Some((skb, false));
        }
        let from = sender.data();
        if self.monitor.is_up() {
            let bitrate = sender.bitrate(channel.band, info.rate_idx).unwrap_or(0);
            let header = monitor::tx_header(from.tsf(), bitrate, channel.freq);
            self.monitor.capture(&header, skb.skb());
        }
        if from.ps_enabled() {
            if let Some(mut hdr) = HeaderMut::new(skb.data_mut()) {
                hdr.set_pwrmgt(true);
            }
        }
        if self.relaying.load(Ordering::Relaxed) {
            // Bottom halves are off here (TX, beacon timer).
            if let Some((uplink, (net, portid))) = self.user_medium(from.home_net) {
                Self::hand_over(&*uplink, sender, skb, channel, info, &net, portid);
                return None;
            }
        }
        let acked = match locked {
            Some(radios) => self.transmit(radios, sender, &mut skb, channel, info, txpower),
            None => self.transmit(
                &self.radios.lock(),
                sender,
                &mut skb,
                channel,
                info,
                txpower,
            ),
        };
        Some((skb, acked))
    }

    /// Shows on the monitor the ACK for `frame` on `channel`, sent to its
    /// transmitter (none if the frame names none).
    fn capture_ack(&self, channel: Channel, frame: &[u8]) {
        let Some(addr2) = Header::new(frame).and_then(|h| h.addr2()) else {
            return;
        };
        if self.monitor.is_up() {
            self.monitor.capture_bytes(
                &monitor::ack_header(channel.freq),
                &monitor::ack_frame(&addr2),
            );
        }
    }

    /// Sends `skb` from `sender` on `channel` to every radio that can hear
    /// it and would keep it: every radio for a group address, else the
    /// radios that claimed addr1 and those whose filter passes frames for
    /// others. Returns whether one of the first acknowledged it.
    fn transmit(
        &self,
        radios: &[Arc<RadioEntry>],
        sender: &Hw<Radio>,
        skb: &mut TxFrame,
        channel: Channel,
        info: &TxInfo,
        txpower: Option<i32>,
    ) -> bool {
        let from = sender.data();
        // The sum is truncated to the 8-bit field as in mac80211_hwsim: an
        // interface without a TX power (INT_MIN) leaves rx_rssi alone.
        let signal = from
            .rx_rssi
            .load(Ordering::Relaxed)
            .wrapping_add(txpower.unwrap_or(0)) as i8;
        skb.release_source();
        let Some(hdr) = Header::new(skb.data()) else {
            return false;
        };
        let fc = hdr.frame_control();
        let addr1 = hdr.addr1();
        from.counters.sent(skb.data().len());
        // Every receiver hears the frame at the same time. Beacons and
        // probe responses carry the time they were stamped with.
        let now = if stamped(fc) {
            from.last_beacon_us()
        } else {
            time::real_us()
        };
        let mut status = rx_status(channel, signal, info.rate_idx.max(0) as u8, fc);
        status.encoding = info.encoding;
        status.bandwidth = info.bandwidth;
        status.short_gi = info.short_gi;
        let mut air = Reception {
            sender,
            skb,
            channel,
            group: from.group.load(Ordering::Relaxed),
            now,
            status,
        };
        let by_idx = |idx: u32| {
            radios
                .binary_search_by_key(&idx, |r| r.hw().data().idx)
                .ok()
                .map(|pos| &radios[pos])
        };
        let mut acked = false;
        let group_frame = is_group(&addr1);
        let listeners = self.listeners.lock();
        if group_frame || !listeners.complete() {
            for reg in radios.iter() {
                if air.offer(reg) && !group_frame && Radio::owns_addr(reg.hw(), &addr1) {
                    acked = true;
                }
            }
        } else {
            for reg in listeners.owners(&addr1).filter_map(by_idx) {
                acked |= air.offer(reg);
            }
            for idx in listeners.others(fc) {
                let owner = listeners.owners(&addr1).any(|o| o == idx);
                if let Some(reg) = by_idx(idx).filter(|_| !owner) {
                    air.offer(reg);
                }
            }
        }
        drop(listeners);
        if acked {
            self.capture_ack(channel, air.skb.data());
        }
        acked
    }

    /// The way to the medium in user space of radios made in `home` and
    /// its socket, if one is registered; bottom halves must be off.
    fn user_medium(&self, home: NetId) -> Option<(Arc<dyn Uplink>, (NetRef, u32))> {
        let user = self.user.lock();
        let medium = user.relays.find(home);
        user.uplink
            .clone()
            .zip(medium.map(|m| (m.net.clone(), m.portid)))
    }

    /// Hands `skb`, which `hw` transmits on `channel`, to the medium at
    /// `portid` in `net`; the frame waits in the radio for the medium's
    /// TX_INFO_FRAME, which brings its status.
    fn hand_over(
        uplink: &dyn Uplink,
        hw: &Hw<Radio>,
        skb: TxFrame,
        channel: Channel,
        info: &TxInfo,
        net: &Net,
        portid: u32,
    ) {
        let r = hw.data();
        let cookie = r.next_cookie();
        let msg = uplink.frame_message(r, &skb, channel, info, cookie);
        let skb_len = skb.data().len();
        // Queue first: the medium may answer before `unicast` returns.
        if let Some(skb) = r.queue_relayed(hw, cookie, skb) {
            hw.drop_tx(skb);
            return;
        }
        let sent = msg.and_then(|m| uplink.unicast(m, net, portid));
        match sent {
            Ok(()) => r.counters.sent(skb_len),
            Err(_) => {
                r.counters.failed();
                if let Some(skb) = r.take_relayed(cookie) {
                    hw.drop_tx(skb);
                }
            }
        }
    }

    /// The radio whose medium address is `addr`, if the socket `portid` in
    /// `net` runs its medium (radios belong to the medium of the namespace
    /// they were made in, wherever they are now, as in mac80211_hwsim).
    fn user_radio(&self, net: NetId, portid: u32, addr: &MacAddr) -> Option<Arc<RadioEntry>> {
        let entry = self.find(|e| e.hw().data().medium_addr == *addr)?;
        let home = entry.hw().data().home_net;
        if home != net || self.relay_port(home) != portid {
            return None;
        }
        Some(entry)
    }

    /// A frame from the medium at `portid` in `net`: the receiver takes
    /// it if it listens on the frame's channel. `EINVAL` otherwise.
    pub(crate) fn deliver_relayed(&self, net: NetId, portid: u32, d: Delivery) -> Result {
        let entry = self.user_radio(net, portid, &d.to).ok_or(EINVAL)?;
        let hw = entry.hw();
        let r = hw.data();
        // Off-channel frames are thrown away, as the built-in medium does.
        let channel = match d.freq {
            Some(freq) => hw.channel_at(freq).ok_or(EINVAL)?,
            None => r.default_rx_channel().ok_or(EINVAL)?,
        };
        if !Radio::hears(hw, channel.freq) {
            return Err(EINVAL);
        }
        // The rate and signal are truncated to the status fields, as in
        // mac80211_hwsim.
        let rate_idx = d.rate as u8;
        if hw.bitrate(channel.band, rate_idx as i8).is_none() {
            return Err(EINVAL);
        }
        let fc = Header::new(d.skb.data()).ok_or(EINVAL)?.frame_control();
        let status = rx_status(channel, d.signal as i8, rate_idx, fc);
        r.rx_relayed(hw, d.skb, &status)
    }

    /// The medium at `portid` in `net` reports how a frame it was handed
    /// went: its status goes to mac80211. `EINVAL` for an unknown radio or
    /// cookie.
    pub(crate) fn report_relayed(&self, net: NetId, portid: u32, o: &Outcome) -> Result {
        let entry = self.user_radio(net, portid, &o.from).ok_or(EINVAL)?;
        let hw = entry.hw();
        let skb = hw.data().take_relayed(o.cookie).ok_or(EINVAL)?;
        let acked = !o.no_ack && o.ack;
        if acked {
            if let Some(channel) = hw.data().channel() {
                self.capture_ack(channel, skb.data());
            }
        }
        hw.tx_status_report(
            skb,
            &TxReport {
                rates: o.rates,
                ack_signal: o.signal as i32,
                acked,
                noack_transmitted: o.no_ack,
            },
        );
        Ok(())
    }
}

impl Air for Medium {
    fn send(
        &self,
        sender: &Hw<Radio>,
        skb: TxFrame,
        channel: Channel,
        info: &TxInfo,
        txpower: Option<i32>,
        status: Status,
    ) {
        match self.send_among(None, sender, skb, channel, info, txpower) {
            Some((skb, acked)) if status == Status::Report => sender.tx_status(skb, acked),
            unreported => drop(unreported),
        }
    }

    fn send_from(&self, radio: &Radio, make: &mut dyn FnMut(&Vif) -> Option<TxFrame>) {
        with_bh_disabled(|| {
            let radios = self.radios.lock();
            let Some(entry) = radios
                .iter()
                .find(|e| core::ptr::eq(&**e.hw().data(), radio))
            else {
                return;
            };
            let hw = entry.hw();
            if !radio.started() {
                return;
            }
            hw.for_each_active_vif(|vif| {
                let Some(channel) = radio.vif_channel(vif) else {
                    return;
                };
                if let Some(skb) = make(vif) {
                    let info = skb.info();
                    drop(self.send_among(Some(&radios), hw, skb, channel, &info, None));
                }
            });
        })
    }

    fn listen(&self, radio: &Radio, addr: &MacAddr, on: bool) {
        with_bh_disabled(|| {
            let mut listeners = self.listeners.lock();
            if on {
                listeners.claim(radio.idx, addr);
            } else {
                listeners.release(radio.idx, addr);
            }
        });
        // A medium in user space learns the address too (ADD_MAC_ADDR,
        // DEL_MAC_ADDR), as wmediumd expects of mac80211_hwsim.
        if self.relaying.load(Ordering::Relaxed) {
            if let Some((uplink, (net, portid))) =
                with_bh_disabled(|| self.user_medium(radio.home_net))
            {
                // Like a frame, the message is lost if the medium's queue
                // is full; mac80211_hwsim does not retry either.
                let _ = uplink
                    .mac_addr_message(&radio.medium_addr, addr, on)
                    .and_then(|m| uplink.unicast(m, &net, portid));
            }
        }
    }

    fn set_filter(&self, idx: u32, flags: u32) {
        with_bh_disabled(|| self.listeners.lock().set_filter(idx, flags))
    }
}

/// One frame on its way to the radios that hear it.
struct Reception<'a> {
    sender: &'a Hw<Radio>,
    skb: &'a mut TxFrame,
    channel: Channel,
    /// The sender's groups.
    group: u64,
    /// When the frame is on the air (real clock, us).
    now: u64,
    status: RxStatus,
}

impl Reception<'_> {
    /// Gives `reg` a copy if it listens on the channel, in a group of the
    /// sender's, made in the sender's namespace and awake; returns whether
    /// it got one.
    fn offer(&mut self, reg: &RadioEntry) -> bool {
        let hw = reg.hw();
        if hw.is(self.sender) {
            return false;
        }
        let to = hw.data();
        // Radios made in different namespaces never hear each other
        // (mac80211_hwsim's netgroups), wherever they are now.
        if !to.receiving()
            || !to.ps_allows_rx()
            || to.group.load(Ordering::Relaxed) & self.group == 0
            || to.home_net != self.sender.data().home_net
            || !Radio::hears(hw, self.channel.freq)
        {
            return false;
        }
        let Some(copy) = self.skb.copy_atomic() else {
            return false;
        };
        self.status.mactime = Some(self.now.wrapping_add_signed(to.tsf_offset()));
        to.counters.received(copy.len());
        hw.rx(copy, &self.status);
        true
    }
}

/// Beacons and probe responses carry the time they were stamped with.
fn stamped(fc: FrameControl) -> bool {
    fc.is_beacon() || fc.is_probe_resp()
}

/// The receive status of a frame with frame control `fc` on `channel`,
/// from either medium; legacy rate unless the caller says otherwise.
fn rx_status(channel: Channel, signal: i8, rate_idx: u8, fc: FrameControl) -> RxStatus {
    RxStatus {
        mactime: None,
        boottime_ns: stamped(fc).then(time::boottime_ns),
        ..RxStatus::legacy(channel, signal, rate_idx, 0)
    }
}
