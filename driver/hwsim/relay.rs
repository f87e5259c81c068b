// SPDX-License-Identifier: GPL-2.0

//! A medium in user space (such as wmediumd) instead of the built-in one.
//!
//! A socket that sends REGISTER takes over the medium of its network
//! namespace: every frame a radio there transmits goes to it as a FRAME
//! message with a cookie, and waits in the radio's pending queue until the
//! medium reports how it went (TX_INFO_FRAME). The medium delivers frames
//! with FRAME messages naming the receiver. When the socket closes, the
//! built-in medium takes over again. Radios are named by their second
//! address, as in mac80211_hwsim.

use crate::medium::{Medium, RadioEntry};
use crate::netlink::HwsimNetlink;
use crate::radio::Radio;
use crate::uapi::{self, attr, cmd};
use crate::wireless::channel::Channel;
use crate::wireless::frame::Header;
use crate::wireless::genetlink::{Message, Request, Sender};
use crate::wireless::mac80211::{Hw, RxStatus, TxFrame, TxInfo, TxRate, TxReport, TX_MAX_RATES};
use crate::wireless::net::{Net, NetId, NetRef};
use crate::wireless::skb::SkBuff;
use crate::wireless::time;
use crate::wireless::vif::MacAddr;
use kernel::prelude::*;
use kernel::sync::Arc;

/// Frames a radio keeps waiting for their status; when the queue is full
/// the oldest are dropped down to [`PENDING_KEEP`] (mac80211_hwsim's
/// `MAX_QUEUE` and `WARN_QUEUE`).
const PENDING_MAX: usize = 200;
const PENDING_KEEP: u64 = 100;

// TX_INFO carries mac80211's retry chain entry for entry.
const _: () = assert!(uapi::TX_MAX_RATES == TX_MAX_RATES);

/// The sender of FRAME messages.
pub(crate) type RelaySender = Sender<HwsimNetlink>;

/// A radio's frames waiting for their status, by cookie.
pub(crate) struct Pending {
    slots: KVec<Option<(u64, TxFrame)>>,
}

impl Pending {
    pub(crate) fn new() -> Result<Self> {
        let mut slots = KVec::with_capacity(PENDING_MAX, GFP_KERNEL)?;
        for _ in 0..PENDING_MAX {
            slots.push(None, GFP_KERNEL)?;
        }
        Ok(Self { slots })
    }

    /// Queues `skb` under `cookie` (cookies only grow). When the queue is
    /// full, the frames older than the newest [`PENDING_KEEP`] come back
    /// in `dropped` and the frame is queued; `skb` comes back if there is
    /// still no room.
    pub(crate) fn insert(
        &mut self,
        cookie: u64,
        skb: TxFrame,
        dropped: &mut impl FnMut(TxFrame),
    ) -> Option<TxFrame> {
        if !self.slots.iter().any(|s| s.is_none()) {
            let oldest_kept = cookie.saturating_sub(PENDING_KEEP);
            for slot in self.slots.iter_mut() {
                if matches!(slot, Some((c, _)) if *c < oldest_kept) {
                    if let Some((_, old)) = slot.take() {
                        dropped(old);
                    }
                }
            }
        }
        match self.slots.iter_mut().find(|s| s.is_none()) {
            Some(slot) => {
                *slot = Some((cookie, skb));
                None
            }
            None => Some(skb),
        }
    }

    /// Takes the frame queued under `cookie`.
    pub(crate) fn take(&mut self, cookie: u64) -> Option<TxFrame> {
        let slot = self
            .slots
            .iter_mut()
            .find(|s| matches!(s, Some((c, _)) if *c == cookie))?;
        slot.take().map(|(_, skb)| skb)
    }

    /// Takes every queued frame, handing each to `f`.
    pub(crate) fn drain(&mut self, mut f: impl FnMut(TxFrame)) {
        for slot in self.slots.iter_mut() {
            if let Some((_, skb)) = slot.take() {
                f(skb);
            }
        }
    }
}

/// A registered medium: its socket's port and namespace.
pub(crate) struct Relay {
    /// Counted while the medium is registered; its socket keeps the
    /// namespace alive that long anyway.
    pub(crate) net: NetRef,
    id: NetId,
    pub(crate) portid: u32,
}

/// Which socket runs the medium of a namespace.
pub(crate) struct Relays {
    /// Set while the netlink family is registered.
    pub(crate) sender: Option<RelaySender>,
    /// The registered media. A closed one leaves an empty slot, so that
    /// forgetting it (and its namespace) needs no memory.
    slots: KVec<Option<Relay>>,
}

impl Relays {
    pub(crate) fn new() -> Self {
        Self {
            sender: None,
            slots: KVec::new(),
        }
    }

    /// The medium registered from the namespace `net`.
    pub(crate) fn find(&self, net: NetId) -> Option<&Relay> {
        self.slots.iter().flatten().find(|r| r.id == net)
    }

    /// The port of the medium registered from `net`, 0 if none.
    pub(crate) fn port(&self, net: NetId) -> u32 {
        self.find(net).map_or(0, |r| r.portid)
    }

    /// Whether any medium is registered.
    pub(crate) fn any(&self) -> bool {
        self.slots.iter().any(Option::is_some)
    }

    /// Registers the socket `portid` in `net` as its namespace's medium;
    /// `EBUSY` if the namespace has one.
    pub(crate) fn add(&mut self, net: NetRef, portid: u32) -> Result {
        let id = net.id();
        if self.port(id) != 0 {
            return Err(EBUSY);
        }
        let relay = Relay { net, id, portid };
        match self.slots.iter_mut().find(|s| s.is_none()) {
            Some(slot) => *slot = Some(relay),
            None => self.slots.push(Some(relay), GFP_ATOMIC)?,
        }
        Ok(())
    }

    /// Takes out the medium at `portid` in `net`, if it is one.
    pub(crate) fn take(&mut self, net: NetId, portid: u32) -> Option<Relay> {
        self.slots
            .iter_mut()
            .find(|s| matches!(s, Some(r) if r.id == net && r.portid == portid))?
            .take()
    }

    /// Takes out every medium.
    pub(crate) fn take_all(&mut self) -> KVec<Option<Relay>> {
        core::mem::replace(&mut self.slots, KVec::new())
    }
}

/// Hands `skb`, which `hw` transmits on `channel`, to the medium at
/// `portid` in `net`; the frame's status comes with the medium's
/// TX_INFO_FRAME.
pub(crate) fn send(
    sender: &RelaySender,
    hw: &Hw<Radio>,
    skb: TxFrame,
    channel: Channel,
    info: &TxInfo,
    net: &Net,
    portid: u32,
) {
    let r = hw.data();
    let cookie = r.next_cookie();
    let msg = frame_message(sender, r, &skb, channel, info, cookie);
    // Queue first: the medium may answer before `unicast` returns.
    if let Some(skb) = r.queue_relayed(hw, cookie, skb) {
        hw.drop_tx(skb);
        return;
    }
    let sent = msg.and_then(|m| sender.unicast(m, net, portid));
    if sent.is_err() {
        if let Some(skb) = r.take_relayed(cookie) {
            hw.drop_tx(skb);
        }
    }
}

fn frame_message(
    sender: &RelaySender,
    r: &Radio,
    skb: &TxFrame,
    channel: Channel,
    info: &TxInfo,
    cookie: u64,
) -> Result<Message> {
    let mut msg = sender.message(cmd::FRAME)?;
    msg.put(attr::ADDR_TRANSMITTER, &r.medium_addr)?;
    msg.put(attr::FRAME, skb.data())?;
    let mut flags = 0;
    if info.req_tx_status {
        flags |= uapi::TX_CTL_REQ_TX_STATUS;
    }
    if info.no_ack {
        flags |= uapi::TX_CTL_NO_ACK;
    }
    msg.put_u32(attr::FLAGS, flags)?;
    msg.put_u32(attr::FREQ, channel.freq)?;
    // `struct hwsim_tx_rate` (s8 idx, u8 count) and `struct
    // hwsim_tx_rate_flag` (s8 idx, u16 flags), packed; hwsim's rate flags
    // are mac80211's.
    let mut rates = [0u8; uapi::TX_INFO_LEN];
    let mut rate_flags = [0u8; uapi::TX_INFO_FLAGS_LEN];
    for (i, rate) in info.rates.iter().enumerate() {
        rates[2 * i] = rate.idx as u8;
        rates[2 * i + 1] = rate.count;
        rate_flags[3 * i] = rate.idx as u8;
        rate_flags[3 * i + 1..3 * i + 3].copy_from_slice(&rate.flags.to_ne_bytes());
    }
    msg.put(attr::TX_INFO, &rates)?;
    msg.put(attr::TX_INFO_FLAGS, &rate_flags)?;
    msg.put_u64(attr::COOKIE, cookie, attr::PAD)?;
    Ok(msg)
}

fn mac(b: &[u8]) -> Option<MacAddr> {
    b.get(..uapi::ADDR_LEN)?.try_into().ok()
}

/// The radio whose medium address is `addr`, if the request's socket runs
/// its medium (radios belong to the medium of the namespace they were made
/// in, wherever they are now, as in mac80211_hwsim).
fn radio_of(
    medium: &Medium,
    req: &Request<'_, HwsimNetlink>,
    addr: &MacAddr,
) -> Option<Arc<RadioEntry>> {
    let entry = medium.find(|e| e.hw().data().medium_addr == *addr)?;
    let hw = entry.hw();
    let home = hw.data().home_net;
    if home != req.net().id() || medium.relay_port(home) != req.portid() {
        return None;
    }
    Some(entry)
}

/// FRAME from the medium: deliver a frame to the receiver it names.
pub(crate) fn frame_received(medium: &Medium, req: &Request<'_, HwsimNetlink>) -> Result<i32> {
    let (Some(dst), Some(frame), Some(rate), Some(signal)) = (
        req.bytes(attr::ADDR_RECEIVER.into()).and_then(mac),
        req.bytes(attr::FRAME.into()),
        req.u32(attr::RX_RATE.into()),
        req.u32(attr::SIGNAL.into()),
    ) else {
        return Err(EINVAL);
    };
    if !(uapi::MIN_FRAME_LEN..=uapi::MAX_FRAME_LEN).contains(&frame.len()) {
        return Err(EINVAL);
    }
    let skb = SkBuff::from_data(frame)?;
    let entry = radio_of(medium, req, &dst).ok_or(EINVAL)?;
    let hw = entry.hw();
    let r = hw.data();
    // Off-channel frames are thrown away, as the built-in medium does.
    let channel = match req.u32(attr::FREQ.into()) {
        Some(freq) => hw.channel_at(freq).ok_or(EINVAL)?,
        None => r.default_rx_channel().ok_or(EINVAL)?,
    };
    if !Radio::hears(hw, channel.freq) {
        return Err(EINVAL);
    }
    // The rate and signal are truncated to the status fields, as in
    // mac80211_hwsim.
    let rate_idx = rate as u8;
    if hw.bitrate(channel.band, rate_idx as i8).is_none() {
        return Err(EINVAL);
    }
    let fc = Header::new(frame).ok_or(EINVAL)?.frame_control();
    let status = RxStatus {
        channel,
        signal: signal as i8,
        rate_idx,
        ht: false,
        wide40: false,
        short_gi: false,
        mactime: None,
        boottime_ns: (fc.is_beacon() || fc.is_probe_resp()).then(time::boottime_ns),
    };
    r.rx_relayed(hw, skb, &status)?;
    Ok(0)
}

/// TX_INFO_FRAME from the medium: how a frame it was handed went.
pub(crate) fn tx_info_received(medium: &Medium, req: &Request<'_, HwsimNetlink>) -> Result<i32> {
    let (Some(src), Some(flags), Some(cookie), Some(signal), Some(tx_info)) = (
        req.bytes(attr::ADDR_TRANSMITTER.into()).and_then(mac),
        req.u32(attr::FLAGS.into()),
        req.u64(attr::COOKIE.into()),
        req.u32(attr::SIGNAL.into()),
        req.bytes(attr::TX_INFO.into()),
    ) else {
        return Err(EINVAL);
    };
    let entry = radio_of(medium, req, &src).ok_or(EINVAL)?;
    let hw = entry.hw();
    let skb = hw.data().take_relayed(cookie).ok_or(EINVAL)?;
    let mut rates = [TxRate::default(); TX_MAX_RATES];
    for (r, b) in rates
        .iter_mut()
        .zip(tx_info.chunks_exact(uapi::TX_RATE_LEN))
    {
        r.idx = b[0] as i8;
        r.count = b[1];
    }
    let no_ack = flags & uapi::TX_CTL_NO_ACK != 0;
    let acked = !no_ack && flags & uapi::TX_STAT_ACK != 0;
    if acked {
        if let (Some(channel), Some(addr2)) = (
            hw.data().channel(),
            Header::new(skb.data()).and_then(|h| h.addr2()),
        ) {
            medium.capture_ack(channel, &addr2);
        }
    }
    hw.tx_status_report(
        skb,
        &TxReport {
            rates,
            ack_signal: signal as i32,
            acked,
            noack_transmitted: no_ack,
        },
    );
    Ok(0)
}
