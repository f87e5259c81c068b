// SPDX-License-Identifier: GPL-2.0

//! The simulated air: which radios hear a frame, with what signal, and
//! whether the sender gets an acknowledgement.

use crate::monitor;
use crate::radio::Radio;
use crate::relay::{self, RelaySender, Relays};
use crate::wireless::capture::CaptureDevice;
use crate::wireless::channel::Channel;
use crate::wireless::frame::{Header, HeaderMut};
use crate::wireless::mac80211::{Hw, Registration, RxStatus, TxFrame, TxInfo};
use crate::wireless::net::{Net, NetId};
use crate::wireless::sync::with_bh_disabled;
use crate::wireless::time;
use crate::wireless::vif::{MacAddr, Vif};
use core::sync::atomic::{AtomicBool, Ordering};
use kernel::new_spinlock;
use kernel::prelude::*;
use kernel::str::CString;
use kernel::sync::{Arc, SpinLock};

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
}

impl RadioInfo {
    pub(crate) fn of(hw: &Hw<Radio>) -> Result<Self> {
        Ok(Self {
            idx: hw.data().idx,
            name: CString::try_from_fmt(kernel::fmt!("{}", hw.wiphy_name()))?,
            p2p_device: hw.supports_p2p_device(),
            channels: hw.data().channels,
            chanctx: hw.data().chanctx,
        })
    }
}

/// All radios of the module, and the delivery of frames between them.
///
/// The radio list is taken from soft-interrupt context (TX, beacons); in
/// process context it is taken with bottom halves disabled.
#[pin_data]
pub(crate) struct Medium {
    #[pin]
    radios: SpinLock<KVec<Arc<RadioEntry>>>,
    /// Media in user space that took over from this one.
    #[pin]
    relays: SpinLock<Relays>,
    /// Whether `relays` has one, read without the lock.
    relaying: AtomicBool,
    /// Sees every frame while it is up.
    monitor: CaptureDevice,
}

impl Medium {
    pub(crate) fn new(monitor: CaptureDevice) -> Result<Arc<Self>> {
        Arc::pin_init(
            pin_init!(Self {
                radios <- new_spinlock!(KVec::new(), "rwlan_hwsim_radios"),
                relays <- new_spinlock!(Relays::new(), "rwlan_hwsim_relays"),
                relaying: AtomicBool::new(false),
                monitor,
            }),
            GFP_KERNEL,
        )
    }

    /// Adds a registered radio.
    pub(crate) fn add(&self, radio: Arc<RadioEntry>) -> Result {
        with_bh_disabled(|| self.radios.lock().push(radio, GFP_ATOMIC))?;
        Ok(())
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
        let radios = with_bh_disabled(|| core::mem::replace(&mut *self.radios.lock(), KVec::new()));
        drop(radios);
    }

    /// Lets the family send frames to media in user space (`None` when it
    /// goes away); forgets every registered medium.
    pub(crate) fn set_relay_sender(&self, sender: Option<RelaySender>) {
        let (old, media) = with_bh_disabled(|| {
            let mut relays = self.relays.lock();
            let media = relays.take_all();
            self.relaying.store(false, Ordering::Relaxed);
            (core::mem::replace(&mut relays.sender, sender), media)
        });
        // Dropped outside the lock: it may free the family.
        drop(old);
        drop(media);
    }

    /// The port of the medium of radios made in `net`, 0 if none.
    pub(crate) fn relay_port(&self, net: NetId) -> u32 {
        with_bh_disabled(|| self.relays.lock().port(net))
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
                return Err(crate::wireless::errno::eopnotsupp());
            }
            self.relays.lock().add(net, portid)?;
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
            let mut relays = self.relays.lock();
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

    /// Sends what `sender` transmits on `channel`: to the medium in user
    /// space when one runs the radio's (the frame's status comes later,
    /// and `None` now), else over the built-in medium, returning the frame
    /// and whether it was acknowledged.
    pub(crate) fn send(
        &self,
        sender: &Hw<Radio>,
        skb: TxFrame,
        channel: Channel,
        info: &TxInfo,
        txpower: Option<i32>,
    ) -> Option<(TxFrame, bool)> {
        self.send_among(None, sender, skb, channel, info, txpower)
    }

    /// Sends, from process context, the frames `make` builds for the
    /// active interfaces of `radio` as if it transmitted them; their
    /// status goes nowhere.
    pub(crate) fn send_from(&self, radio: &Radio, mut make: impl FnMut(&Vif) -> Option<TxFrame>) {
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

    /// [`Medium::send`] with the radio list locked already (`Some`) or not.
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
            let relay = {
                let relays = self.relays.lock();
                let medium = relays.find(from.home_net);
                relays
                    .sender
                    .clone()
                    .zip(medium.map(|m| (m.net.clone(), m.portid)))
            };
            if let Some((relay, (net, portid))) = relay {
                relay::send(&relay, sender, skb, channel, info, &net, portid);
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

    /// Shows on the monitor the ACK a medium reports for a frame from
    /// `addr2` on `channel`.
    pub(crate) fn capture_ack(&self, channel: Channel, addr2: &MacAddr) {
        if self.monitor.is_up() {
            self.monitor.capture_bytes(
                &monitor::ack_header(channel.freq),
                &monitor::ack_frame(addr2),
            );
        }
    }

    /// Sends `skb` from `sender` on `channel` to every radio that can hear
    /// it; returns whether one of them acknowledged it (addr1 is its own).
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
        // Every receiver hears the frame at the same time. Beacons and
        // probe responses carry the time they were stamped with.
        let (now, boottime_ns) = if fc.is_beacon() || fc.is_probe_resp() {
            (from.last_beacon_us(), Some(time::boottime_ns()))
        } else {
            (time::real_us(), None)
        };
        let mut status = RxStatus {
            channel,
            signal,
            rate_idx: info.rate_idx.max(0) as u8,
            ht: info.ht,
            wide40: info.wide40,
            short_gi: info.short_gi,
            mactime: None,
            boottime_ns,
        };
        let group = from.group.load(Ordering::Relaxed);
        let mut acked = false;
        for reg in radios.iter() {
            let hw = reg.hw();
            if hw.is(sender) {
                continue;
            }
            let to = hw.data();
            if !to.receiving() || !to.ps_allows_rx() {
                continue;
            }
            if to.group.load(Ordering::Relaxed) & group == 0 {
                continue;
            }
            if !Radio::hears(hw, channel.freq) {
                continue;
            }
            let Some(copy) = skb.copy_atomic() else {
                continue;
            };
            if Radio::owns_addr(hw, &addr1) {
                acked = true;
            }
            status.mactime = Some(now.wrapping_add_signed(to.tsf_offset()));
            hw.rx(copy, &status);
        }
        if let (true, Some(addr2)) = (acked, hdr.addr2()) {
            self.capture_ack(channel, &addr2);
        }
        acked
    }
}
