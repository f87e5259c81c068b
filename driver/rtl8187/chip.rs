// SPDX-License-Identifier: GPL-2.0

//! One RTL8187L or RTL8187B: its state and the mac80211 callbacks.

use crate::desc::{RxInfo, TxDesc, STATUS_LEN_B, TX_DESC_LEN, TX_DESC_LEN_B};
use crate::io::{self, Io};
use crate::mac;
use crate::mac_b::{self, Edca};
use crate::model::Model;
use crate::regs;
use crate::rf::Radio;
use crate::tx_status::{RecordStatus, StatusPath, TallyStatus};
use crate::wireless::channel::{Band, Channel};
use crate::wireless::frame::{Header, HeaderMut};
use crate::wireless::mac80211::{
    BssChanged, Conf as HwConf, ConfChanged, FilterFlags, Hw, HwRef, Ops, Protection, RxFlags,
    RxStatus, TxFrame, TxQueueParams, TxSender,
};
use crate::wireless::shims::error as errno;
use crate::wireless::shims::net::skb::SkBuff;
use crate::wireless::shims::usb::{BulkInHandler, BulkInRing, BulkOut, TxDone, VendorReader};
use crate::wireless::vif::{IfType, Vif};
use core::sync::atomic::{AtomicBool, AtomicU16, AtomicU32, AtomicUsize, Ordering};
use kernel::new_mutex;
use kernel::prelude::*;
use kernel::sync::{Arc, Mutex};

/// Fragment-number bits of the sequence control field.
const SEQ_FRAG_MASK: u16 = 0x000f;
/// Offset of the timestamp in a beacon (after the 24-byte header).
const BEACON_TIMESTAMP_OFFSET: usize = 24;
/// The beacon interval used when the BSS configuration has none, in TU.
const DEFAULT_BEACON_INT_TU: u16 = 100;

/// What the configuration callbacks change, under one lock.
pub(crate) struct Conf {
    /// The receive ring while the radio is started.
    rx: Option<BulkInRing<RxPath>>,
    /// The RTL8187B's TX status receiver while the radio is started.
    status: Option<BulkInRing<StatusPath>>,
    /// The RTL8187B's slot time and AIFSNs.
    edca: Edca,
    /// The one interface the hardware filters for.
    vif_type: Option<IfType>,
    /// RX_CONF as last written.
    rx_conf: u32,
    /// The radio switch as last read: true = radio on.
    radio_on: bool,
    /// The channel the radio is tuned to, if any since start.
    tuned: Option<u8>,
    /// Whether the ad-hoc interface beacons. The RTL8187L has no beacon
    /// timer the driver uses: `Ops::work` sends each beacon as a normal
    /// frame and queues itself again one beacon interval later.
    beaconing: bool,
}

/// How the chip reports sent frames.
enum TxStatus {
    /// The RTL8187L: the retry counter, read after transfers complete.
    Tally(VendorReader<TallyStatus>),
    /// The RTL8187B: a record per frame on the status endpoint.
    Records(RecordStatus),
}

/// The driver's state of one dongle.
pub(crate) struct Rtl8187 {
    pub(crate) io: Io,
    pub(crate) radio: Radio,
    pub(crate) model: Model,
    /// GPIO bit of the hardware radio switch.
    rfkill_mask: u8,
    conf: Pin<KBox<Mutex<Conf>>>,
    tx: BulkOut,
    tx_status: TxStatus,
    /// The BSS uses short preambles (for the RTL8187B's airtime field).
    short_preamble: AtomicBool,
    /// Sequence number of the last frame we numbered (in seq_ctrl units).
    seqno: AtomicU16,
    /// Multicast addresses the interfaces listen to.
    multicast: AtomicUsize,
    started: AtomicBool,
    /// The frequency mac80211 last configured, in MHz (0: none yet), for
    /// the status of received frames: `config` is the only place the layer
    /// hands out the configuration, and RX runs in URB completions.
    rx_freq: AtomicU32,
}

impl Rtl8187 {
    pub(crate) fn new(io: Io, radio: Radio, rfkill_mask: u8, radio_on: bool) -> Result<Arc<Self>> {
        let model = radio.model;
        let tx = BulkOut::new(io.device())?;
        let tx_status = if model.is_b() {
            TxStatus::Records(RecordStatus::new()?)
        } else {
            TxStatus::Tally(VendorReader::new(
                io.device(),
                regs::REQ_REGISTER,
                regs::TALLY_CNT,
                0,
                2,
                TallyStatus::new()?,
            )?)
        };
        let conf = KBox::pin_init(
            new_mutex!(Conf {
                rx: None,
                status: None,
                edca: Edca::INITIAL,
                vif_type: None,
                rx_conf: 0,
                radio_on,
                tuned: None,
                beaconing: false,
            }),
            GFP_KERNEL,
        )?;
        Ok(Arc::new(
            Self {
                io,
                radio,
                model,
                rfkill_mask,
                conf,
                tx,
                tx_status,
                short_preamble: AtomicBool::new(false),
                seqno: AtomicU16::new(0),
                multicast: AtomicUsize::new(0),
                started: AtomicBool::new(false),
                rx_freq: AtomicU32::new(0),
            },
            GFP_KERNEL,
        )?)
    }

    /// The RTL8187B's status records, if this is one.
    pub(crate) fn record_status(&self) -> Option<&RecordStatus> {
        match &self.tx_status {
            TxStatus::Records(r) => Some(r),
            TxStatus::Tally(_) => None,
        }
    }

    fn start_locked(&self, hw: &Hw<Self>, conf: &mut Conf) -> Result {
        if self.model.is_b() {
            return self.start_locked_b(hw, conf);
        }
        mac::init(&self.io, &self.radio)?;
        self.io.write16(regs::INT_MASK, 0xffff)?;
        self.io.write32(regs::MAR, !0)?;
        self.io.write32(regs::MAR + 4, !0)?;
        self.start_rx(hw, conf, regs::EP_RX)?;
        conf.rx_conf = mac::RX_CONF_DEFAULT;
        conf.tuned = None;
        // The counter starts over with the reset.
        if let TxStatus::Tally(tally) = &self.tx_status {
            tally.handler().last_tally.store(0, Ordering::Relaxed);
        }
        mac::start(&self.io, conf.rx_conf)
    }

    /// Queues the receive ring on bulk IN endpoint `ep`.
    fn start_rx(&self, hw: &Hw<Self>, conf: &mut Conf, ep: u8) -> Result {
        let path = RxPath {
            hw: hw.handle(),
            b: self.model.is_b(),
        };
        let ring = BulkInRing::start(self.io.device(), ep, regs::RX_URBS, regs::MAX_RX, path)
            .inspect_err(|e| pr_err!("cannot queue receive transfers: {:?}\n", e))?;
        conf.rx = Some(ring);
        Ok(())
    }

    fn start_locked_b(&self, hw: &Hw<Self>, conf: &mut Conf) -> Result {
        mac_b::init(&self.io, &self.radio)?;
        conf.edca = Edca::INITIAL;
        conf.rx_conf = mac::RX_CONF_DEFAULT;
        conf.tuned = None;
        mac_b::start(&self.io, conf.rx_conf)?;
        self.start_rx(hw, conf, regs::EP_RX_B)?;
        conf.status = Some(
            BulkInRing::start(
                self.io.device(),
                regs::EP_STATUS_B,
                1,
                STATUS_LEN_B,
                StatusPath { hw: hw.handle() },
            )
            .inspect_err(|e| pr_err!("cannot queue the TX status transfer: {:?}\n", e))?,
        );
        Ok(())
    }

    /// Hands `skb` to the device with its TX descriptor.
    fn transmit(&self, hw: &Hw<Self>, mut skb: TxFrame, protection: Option<Protection>) {
        let info = skb.info();
        let ctl = skb.control();
        let len = skb.len();
        let mut more_frag = false;
        if let Some(mut hdr) = HeaderMut::new(skb.data_mut()) {
            let old = hdr.as_header().seq_ctrl();
            more_frag = hdr.as_header().frame_control().more_frags();
            // The RTL8187L does not number frames itself.
            if let (true, Some(old)) = (ctl.assign_seq, old) {
                let seq = if ctl.first_fragment {
                    self.seqno
                        .fetch_add(0x10, Ordering::Relaxed)
                        .wrapping_add(0x10)
                } else {
                    self.seqno.load(Ordering::Relaxed)
                };
                hdr.set_seq_ctrl((old & SEQ_FRAG_MASK) | (seq & !SEQ_FRAG_MASK));
            }
        }
        let desc = TxDesc {
            len,
            rate: info.rate_idx.max(0) as u8,
            more_frag,
            protection: protection.map(|p| (p.cts_to_self, p.rate_idx.max(0) as u8, p.duration)),
            tries: ctl.tries,
        };
        let is_mgmt = Header::new(skb.data()).is_some_and(|h| h.frame_control().is_mgmt());
        let queue = usize::from(skb.queue());
        let desc_len = self.tx_desc_len();
        let Some(head) = skb.push(desc_len) else {
            pr_warn!("frame without headroom for the TX descriptor dropped\n");
            hw.drop_tx(skb);
            return;
        };
        let ep = if self.model.is_b() {
            head.copy_from_slice(&desc.to_bytes_b(self.short_preamble.load(Ordering::Relaxed)));
            // Management frames have an endpoint of their own; the others
            // go to their access category's.
            if is_mgmt {
                regs::EP_MGMT_B
            } else {
                regs::EP_QUEUE_B[queue.min(regs::EP_QUEUE_B.len() - 1)]
            }
        } else {
            head.copy_from_slice(&desc.to_bytes());
            regs::EP_TX
        };
        if let Err(mut skb) = self.tx.send(ep, skb, TxCompletion { hw: hw.handle() }) {
            skb.pull(desc_len);
            hw.drop_tx(skb);
        }
    }

    /// Bytes of the TX descriptor in front of each frame.
    fn tx_desc_len(&self) -> usize {
        if self.model.is_b() {
            TX_DESC_LEN_B
        } else {
            TX_DESC_LEN
        }
    }

    /// Runs `f` on the registers under the configuration lock, which
    /// every read-modify-write of a shared register (PGSELECT) holds.
    pub(crate) fn with_conf_lock<R>(&self, f: impl FnOnce(&Io) -> R) -> R {
        let _conf = self.conf.lock();
        f(&self.io)
    }

    /// The TSF timer in us.
    fn tsf(&self) -> Result<u64> {
        let lo = self.io.read32(regs::TSFT)?;
        let hi = self.io.read32(regs::TSFT + 4)?;
        Ok((u64::from(hi) << 32) | u64::from(lo))
    }

    /// Stops beaconing and waits for a beacon being sent. Sleeps; call
    /// without the `conf` lock (the beacon work takes it).
    fn stop_beaconing(&self, hw: &Hw<Self>) {
        self.conf.lock().beaconing = false;
        hw.cancel_work();
    }

    /// Cancels every transfer in flight and drops the frames waiting for
    /// their status. Sleeps.
    fn stop_transfers(&self, hw: &Hw<Self>, conf: &mut Conf) {
        conf.rx = None;
        conf.status = None;
        self.tx.kill_all();
        match &self.tx_status {
            TxStatus::Tally(tally) => {
                tally.kill();
                while let Some(skb) = tally.handler().sent.pop() {
                    hw.drop_tx(skb);
                }
            }
            TxStatus::Records(records) => {
                while let Some(skb) = records.take_oldest() {
                    hw.drop_tx(skb);
                }
            }
        }
    }
}

/// The receive side: hands frames from the bulk IN ring to mac80211.
pub(crate) struct RxPath {
    hw: HwRef<Rtl8187>,
    /// The transfers end in the RTL8187B's trailer.
    b: bool,
}

impl BulkInHandler for RxPath {
    fn received(&self, data: &[u8]) {
        let Some(info) = RxInfo::parse(data, self.b) else {
            return;
        };
        self.hw.with(|hw| {
            let freq = hw.data().rx_freq.load(Ordering::Relaxed);
            if freq == 0 {
                return;
            }
            let channel = Channel {
                freq,
                band: Band::Ghz2,
            };
            let Some(skb) = SkBuff::copy_from_atomic(&data[..info.len]) else {
                return;
            };
            let status = RxStatus::legacy(channel, info.signal, info.rate, info.mactime);
            let flags = RxFlags {
                fcs_failed: info.fcs_failed,
                short_preamble: info.short_preamble,
                antenna: info.antenna,
            };
            hw.rx_flagged(skb, &status, flags);
        });
    }
}

/// What to do when a frame has gone out: report it to mac80211.
struct TxCompletion {
    hw: HwRef<Rtl8187>,
}

impl TxDone<TxFrame> for TxCompletion {
    fn done(self, mut buf: TxFrame, status: Result) {
        let handle = self.hw.clone();
        self.hw.with(move |hw| {
            let chip = hw.data();
            if !buf.pull(chip.tx_desc_len()) {
                return;
            }
            // A transfer that failed never reached the air.
            if status.is_err() {
                hw.tx_status(buf, false);
                return;
            }
            match &chip.tx_status {
                // The device took the frame. How often it was retried is
                // only known from the retry counter, read asynchronously:
                // the frame waits for it with whatever else completes
                // meanwhile.
                TxStatus::Tally(tally) => {
                    tally.handler().sent.push(buf);
                    if let Err((e, _)) = tally.submit(handle) {
                        if e != EBUSY {
                            tally.handler().report(hw, None);
                        }
                    }
                }
                // A frame that wants no ACK gets no record.
                TxStatus::Records(_) if buf.info().no_ack => hw.tx_status(buf, false),
                TxStatus::Records(records) => {
                    if let Some(oldest) = records.wait(buf) {
                        hw.tx_status(oldest, false);
                    }
                }
            }
        });
    }
}

/// The channel number of a 2.4 GHz frequency.
fn channel_of(freq: u32) -> Option<u8> {
    match freq {
        2484 => Some(14),
        2412..=2472 if (freq - 2407) % 5 == 0 => Some(((freq - 2407) / 5) as u8),
        _ => None,
    }
}

#[vtable]
impl Ops for Rtl8187 {
    fn tx(hw: &Hw<Self>, frame: TxFrame, sender: &TxSender) {
        hw.data().transmit(hw, frame, sender.protection);
    }

    fn start(hw: &Hw<Self>) -> Result {
        let chip = hw.data();
        let mut conf = chip.conf.lock();
        let r = chip.start_locked(hw, &mut conf);
        if let Err(e) = r {
            pr_err!("starting the chip failed: {:?}\n", e);
            chip.stop_transfers(hw, &mut conf);
            return Err(e);
        }
        chip.started.store(true, Ordering::Relaxed);
        Ok(())
    }

    fn stop(hw: &Hw<Self>) {
        let chip = hw.data();
        // No beacon may be queued for the transfers killed below.
        chip.stop_beaconing(hw);
        let mut conf = chip.conf.lock();
        chip.started.store(false, Ordering::Relaxed);
        // A dongle that is gone fails these; stopping goes on regardless.
        if let Err(e) = mac::stop(&chip.io, &chip.radio, chip.model.is_b()) {
            io::report(
                format_args!("stopping the chip: register access failed"),
                &e,
            );
        }
        chip.stop_transfers(hw, &mut conf);
    }

    fn add_interface(hw: &Hw<Self>, vif: &Vif) -> Result {
        let chip = hw.data();
        let mut conf = chip.conf.lock();
        if conf.vif_type.is_some() {
            return Err(errno::eopnotsupp());
        }
        let ty = vif.iftype();
        if !matches!(ty, IfType::Station | IfType::Adhoc) {
            return Err(errno::eopnotsupp());
        }
        let addr = vif.addr();
        chip.io
            .with_config_unlocked(|| {
                for (i, b) in addr.iter().enumerate() {
                    chip.io.write8(regs::MAC + i as u16, *b)?;
                }
                Ok(())
            })
            .inspect_err(|e| pr_err!("cannot set the station address: {:?}\n", e))?;
        conf.vif_type = Some(ty);
        Ok(())
    }

    fn remove_interface(hw: &Hw<Self>, _vif: &Vif) {
        let chip = hw.data();
        // The beacon work uses the vif: it must be done before the vif goes.
        chip.stop_beaconing(hw);
        chip.conf.lock().vif_type = None;
    }

    fn config(hw: &Hw<Self>, hw_conf: &HwConf, _changed: ConfChanged) -> Result {
        let chip = hw.data();
        let mut conf = chip.conf.lock();
        let Some(channel) = hw_conf.channel else {
            return Ok(());
        };
        chip.rx_freq.store(channel.freq, Ordering::Relaxed);
        let Some(number) = channel_of(channel.freq) else {
            pr_err!("{} MHz is not a channel of the RTL8225\n", channel.freq);
            return Err(EINVAL);
        };
        // Retuning costs some eighty register accesses; mac80211 calls
        // this for idle and power-save changes too.
        if conf.tuned == Some(number) {
            return Ok(());
        }
        conf.tuned = None;
        mac::tune(&chip.io, &chip.radio, number)
            .inspect_err(|e| io::report(format_args!("tuning to channel {} failed", number), e))?;
        conf.tuned = Some(number);
        Ok(())
    }

    fn configure_filter(hw: &Hw<Self>, changed: u32, total: u32) -> u32 {
        let chip = hw.data();
        let mut conf = chip.conf.lock();
        let mut rx_conf = conf.rx_conf;
        if changed & FilterFlags::FCSFAIL != 0 {
            rx_conf ^= regs::RX_CONF_FCS;
        }
        if changed & FilterFlags::CONTROL != 0 {
            rx_conf ^= regs::RX_CONF_CTRL;
        }
        // The hardware has no multicast filter worth the name: any
        // multicast listener needs the monitor bit.
        if total & (FilterFlags::OTHER_BSS | FilterFlags::ALLMULTI) != 0
            || chip.multicast.load(Ordering::Relaxed) > 0
        {
            rx_conf |= regs::RX_CONF_MONITOR;
        } else {
            rx_conf &= !regs::RX_CONF_MONITOR;
        }
        let mut honoured = 0;
        if rx_conf & regs::RX_CONF_FCS != 0 {
            honoured |= FilterFlags::FCSFAIL;
        }
        if rx_conf & regs::RX_CONF_CTRL != 0 {
            honoured |= FilterFlags::CONTROL;
        }
        if rx_conf & regs::RX_CONF_MONITOR != 0 {
            honoured |= FilterFlags::OTHER_BSS | FilterFlags::ALLMULTI;
        }
        conf.rx_conf = rx_conf;
        if let Err(e) = chip.io.write32(regs::RX_CONF, rx_conf) {
            io::report(format_args!("cannot set the receive filter"), &e);
        }
        honoured
    }

    fn prepare_multicast(hw: &Hw<Self>, count: usize) {
        hw.data().multicast.store(count, Ordering::Relaxed);
    }

    fn link_info_changed(hw: &Hw<Self>, vif: &Vif, changed: BssChanged) {
        let chip = hw.data();
        if changed.beacon_enabled() {
            if vif.iftype() == IfType::Adhoc && vif.beacon_enabled() {
                chip.conf.lock().beaconing = true;
                // The first beacon now, the next ones from the work itself.
                hw.queue_work(0);
            } else {
                chip.stop_beaconing(hw);
            }
        }
        let mut conf = chip.conf.lock();
        if changed.bssid() {
            let bssid = vif.bssid();
            let mut link = if bssid.iter().all(|b| *b == 0) || bssid[0] & 1 != 0 {
                regs::MSR_NO_LINK
            } else if vif.iftype() == IfType::Adhoc {
                regs::MSR_ADHOC
            } else {
                regs::MSR_INFRA
            };
            if chip.model.is_b() {
                link |= regs::MSR_ENEDCA;
            }
            if let Err(e) = mac::set_bssid(&chip.io, &bssid, link) {
                io::report(format_args!("cannot set the BSSID"), &e);
            }
        }
        if changed.erp_timing() {
            let short_preamble = vif.short_preamble();
            chip.short_preamble.store(short_preamble, Ordering::Relaxed);
            let set = if chip.model.is_b() {
                mac_b::set_erp(&chip.io, &mut conf.edca, vif.short_slot(), short_preamble)
            } else {
                mac::set_erp(&chip.io, vif.short_slot())
            };
            if let Err(e) = set {
                io::report(format_args!("cannot set the slot time"), &e);
            }
        }
    }

    fn conf_tx(hw: &Hw<Self>, queue: u16, params: &TxQueueParams) -> Result {
        let chip = hw.data();
        let mut conf = chip.conf.lock();
        if chip.model.is_b() {
            return mac_b::set_queue_params(&chip.io, &mut conf.edca, queue.into(), params)
                .inspect_err(|e| io::report(format_args!("cannot set TX queue {}", queue), e));
        }
        // One hardware queue: mac80211's first carries its parameters.
        if queue != 0 {
            return Ok(());
        }
        mac::set_contention_window(&chip.io, params.cw_min, params.cw_max)
            .inspect_err(|e| io::report(format_args!("cannot set the contention window"), e))
    }

    fn get_tsf(hw: &Hw<Self>, _vif: &Vif) -> u64 {
        hw.data().tsf().unwrap_or(0)
    }

    /// Sends the ad-hoc interface's beacon, then queues itself again one
    /// beacon interval later (as long as beaconing is on).
    fn work(hw: &Hw<Self>) {
        let chip = hw.data();
        let mut conf = chip.conf.lock();
        if !conf.beaconing || !chip.started.load(Ordering::Relaxed) {
            return;
        }
        // The first beaconing ad-hoc interface: its interval and beacon.
        let mut adhoc: Option<(u16, Option<TxFrame>)> = None;
        hw.for_each_active_vif(|vif| {
            if adhoc.is_none() && vif.iftype() == IfType::Adhoc && vif.beacon_enabled() {
                adhoc = Some((vif.beacon_interval_tu(), hw.beacon(vif)));
            }
        });
        let Some((mut interval_tu, beacon)) = adhoc else {
            pr_warn!("beaconing is on but no ad-hoc interface beacons: beacons stopped\n");
            conf.beaconing = false;
            return;
        };
        if let Some(mut skb) = beacon {
            // The device does not stamp beacons: put the TSF in as the
            // frame goes to the device.
            match chip.tsf() {
                Ok(tsf) => {
                    let at = BEACON_TIMESTAMP_OFFSET;
                    if let Some(field) = skb.data_mut().get_mut(at..at + 8) {
                        field.copy_from_slice(&tsf.to_le_bytes());
                    }
                }
                Err(e) => pr_warn!("cannot read the TSF for a beacon: {:?}\n", e),
            }
            chip.transmit(hw, skb, None);
        }
        if interval_tu == 0 {
            pr_warn!(
                "no beacon interval in the BSS configuration, using {} TU\n",
                DEFAULT_BEACON_INT_TU
            );
            interval_tu = DEFAULT_BEACON_INT_TU;
        }
        // One TU is 1024 us; round up to whole ms.
        hw.queue_work((u32::from(interval_tu) * 1024).div_ceil(1000));
    }

    fn rfkill_poll(hw: &Hw<Self>) {
        let chip = hw.data();
        let mut conf = chip.conf.lock();
        // A read that fails (a slow or vanished device) says nothing about
        // the switch; keep the last state.
        let Ok(on) = mac::radio_switch_on(&chip.io, chip.rfkill_mask) else {
            return;
        };
        if on != conf.radio_on {
            conf.radio_on = on;
            pr_info!(
                "wireless radio switch turned {}\n",
                if on { "on" } else { "off" }
            );
            hw.rfkill_set_blocked(!on);
        }
    }
}
