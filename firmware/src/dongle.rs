//! The emulated dongle: the chip, its antenna and the paths between them,
//! independent of how the host reaches it.

use std::collections::VecDeque;
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use log::{debug, info, warn};

use crate::air::{Antenna, Heard};
use crate::chip::{Chip, Effect, RegError};
use crate::fault::{Action, FaultPlan};
use crate::regs;
use crate::rf::{self, RfEvent};
use crate::rx::{self, RxInfo};
use crate::stats::{bump, Stats};
use crate::tuner::Tuner;
use crate::tx;
use crate::tx_status::TxClose;

/// How long the control path waits for the antenna to follow a retune (see
/// [`crate::tuner`]): well inside the host's 500 ms per register access.
const SETTLE_CONTROL: Duration = Duration::from_millis(100);
/// How long a frame waits for it: bulk OUT has no deadline on the host, and
/// a frame sent before the antenna has caught up goes out on a channel the
/// antenna then leaves, so the answer is lost.
const SETTLE_TX: Duration = Duration::from_secs(1);
/// TX status records the host has not fetched; older ones are dropped, as
/// a chip's status FIFO overflows.
const TX_STATUS_QUEUE: usize = 64;

/// Everything the control, TX and RX paths share.
#[derive(Debug)]
pub struct Dongle {
    chip: Mutex<Chip>,
    antenna: Option<Antenna>,
    tuner: Tuner,
    faults: Mutex<FaultPlan>,
    trace: bool,
    tx_status: Mutex<VecDeque<Vec<u8>>>,
    tx_status_ready: Condvar,
    pub stats: Stats,
}

impl Dongle {
    pub fn new(chip: Chip, antenna: Option<Antenna>, faults: FaultPlan, trace: bool) -> Self {
        Self {
            chip: Mutex::new(chip),
            antenna,
            tuner: Tuner::new(trace),
            faults: Mutex::new(faults),
            trace,
            tx_status: Mutex::new(VecDeque::new()),
            tx_status_ready: Condvar::new(),
            stats: Stats::default(),
        }
    }

    /// The chip, even if another path panicked while holding it.
    fn chip(&self) -> MutexGuard<'_, Chip> {
        self.chip
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Queues a TX status record for the host (a chip model that reports
    /// TX status calls this; a transport with a TxStatus endpoint sends it).
    pub fn push_tx_status(&self, record: Vec<u8>) {
        let mut queue = self.tx_status.lock().unwrap_or_else(|p| p.into_inner());
        if queue.len() >= TX_STATUS_QUEUE {
            queue.pop_front();
        }
        queue.push_back(record);
        self.tx_status_ready.notify_one();
    }

    /// The oldest TX status record, waiting at most `timeout` for one.
    pub fn next_tx_status(&self, timeout: Duration) -> Option<Vec<u8>> {
        let deadline = Instant::now() + timeout;
        let mut queue = self.tx_status.lock().unwrap_or_else(|p| p.into_inner());
        loop {
            if let Some(record) = queue.pop_front() {
                return Some(record);
            }
            let left = deadline.checked_duration_since(Instant::now())?;
            queue = self
                .tx_status_ready
                .wait_timeout(queue, left)
                .unwrap_or_else(|p| p.into_inner())
                .0;
        }
    }

    pub fn antenna(&self) -> Option<&Antenna> {
        self.antenna.as_ref()
    }

    /// Where the control path posts the channels the host tunes to.
    pub fn tuner(&self) -> &Tuner {
        &self.tuner
    }

    pub fn set_radio(&self, on: bool) {
        self.chip().set_radio(on);
        info!("radio switch {}", if on { "on" } else { "off" });
    }

    pub fn radio_on(&self) -> bool {
        self.chip().radio_on()
    }

    fn trace_access(&self, dir: &str, w_value: u16, w_index: u16, data: &[u8]) {
        if !self.trace {
            return;
        }
        let chip = self.chip();
        let name = match chip.resolve(w_value, w_index) {
            Ok((block, page, offset)) => regs::name_of(block, page as u8, offset),
            Err(_) => format!("{w_value:#06x}/{w_index}"),
        };
        drop(chip);
        let mut value = [0u8; 4];
        let n = data.len().min(4);
        value[..n].copy_from_slice(&data[..n]);
        let value = u32::from_le_bytes(value);
        info!(target: "trace", "{dir} {name:<22} {value:#0w$x}", w = 2 + 2 * n.max(1));
    }

    /// With `--trace`, one line per frame: direction, frame control, receiver, length and what became of it.
    fn trace_frame(&self, dir: &str, frame: &[u8], outcome: &dyn std::fmt::Display) {
        if !self.trace {
            return;
        }
        let fc = u16::from_le_bytes([
            frame.first().copied().unwrap_or(0),
            frame.get(1).copied().unwrap_or(0),
        ]);
        let to = crate::frame::Header::parse(frame)
            .map(|h| crate::frame::format_mac(&h.addr1()))
            .unwrap_or_else(|| "?".to_string());
        info!(target: "trace", "{dir} fc={fc:#06x} to {to} {} bytes: {outcome}", frame.len());
    }

    /// A vendor read (type 0xC0, request 5).
    pub fn control_read(
        &self,
        w_value: u16,
        w_index: u16,
        len: usize,
    ) -> Result<Vec<u8>, RegError> {
        bump(&self.stats.reg_reads);
        let result = self.chip().read(w_value, w_index, len);
        match &result {
            Ok(data) => self.trace_access("R", w_value, w_index, data),
            Err(e) => {
                bump(&self.stats.ctrl_stalled);
                warn!("stalled register read: {e}");
            }
        }
        result
    }

    /// A vendor write (type 0x40, request 5).
    pub fn control_write(&self, w_value: u16, w_index: u16, data: &[u8]) -> Result<(), RegError> {
        bump(&self.stats.reg_writes);
        if w_index != regs::RF_FAST_WRITE_INDEX {
            self.trace_access("W", w_value, w_index, data);
        }
        let effects = self.chip().write(w_value, w_index, data).inspect_err(|e| {
            bump(&self.stats.ctrl_stalled);
            warn!("stalled register write: {e}");
        })?;
        for effect in effects {
            let event = match effect {
                Effect::Rf(event) => event,
                Effect::Led(lit) => {
                    bump(if lit {
                        &self.stats.led_on
                    } else {
                        &self.stats.led_off
                    });
                    info!("LED {}", if lit { "on" } else { "off" });
                    continue;
                }
            };
            if self.trace {
                match event {
                    RfEvent::Write {
                        register, value, ..
                    } => {
                        info!(target: "trace", "W RF[{register:#x}]{:<16} {value:#05x}", "")
                    }
                    RfEvent::Read { register, value } => {
                        info!(target: "trace", "R RF[{register:#x}]{:<16} {value:#05x}", "")
                    }
                }
            }
            if let Some(channel) = effect.tuned() {
                self.tune(channel);
            }
        }
        Ok(())
    }

    fn tune(&self, channel: u8) {
        bump(&self.stats.retunes);
        let Some(freq) = rf::channel_to_freq(channel) else {
            return;
        };
        debug!("RF tuned to channel {channel} ({freq} MHz)");
        if self.antenna.is_some() {
            self.tuner.request(freq);
            self.tuner.settle(SETTLE_CONTROL);
        }
    }

    /// A bulk OUT transfer: descriptor + frame, sent to the air. An
    /// RTL8187B then reports the frame on its TX status endpoint.
    pub fn transmit(&self, transfer: &[u8]) {
        let family = self.chip().state().family;
        let format = if family.is_b() {
            tx::Format::B
        } else {
            tx::Format::L
        };
        let (desc, frame) = match tx::parse_as(format, transfer) {
            Ok(parsed) => parsed,
            Err(e) => {
                bump(&self.stats.tx_malformed);
                warn!("dropped TX transfer of {} bytes: {e}", transfer.len());
                return;
            }
        };
        let state = self.chip().state();
        if !state.tx_enabled() || state.tx_conf & regs::TX_CONF_LOOPBACK_MAC != 0 {
            // Transmitter off or looped back during a channel change: nothing reaches the air.
            let held = self
                .stats
                .tx_held
                .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let log_it = held.is_multiple_of(50);
            if log_it {
                info!(
                    "TX held (#{held}): CMD={:#04x} TX_CONF={:#010x} radio {}",
                    state.cmd,
                    state.tx_conf,
                    if state.radio_on { "on" } else { "off" }
                );
            }
            self.trace_frame("TX", frame, &"held");
            return;
        }
        bump(&self.stats.tx_frames);
        let Some(antenna) = &self.antenna else {
            if family.is_b() {
                self.report_tx(frame, &desc, false);
            }
            return;
        };
        self.tuner.settle(SETTLE_TX);
        let sent = antenna.send(frame, desc.rate_500k());
        if family.is_b() {
            self.report_tx(frame, &desc, sent.is_ok());
        }
        self.trace_frame(
            "TX",
            frame,
            &format_args!("{} Mbit/s", desc.rate_500k() / 2),
        );
        if let Err(e) = sent {
            let failed = self
                .stats
                .tx_air_failed
                .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            if failed.is_multiple_of(100) {
                warn!(
                    "antenna send of {} bytes failed (#{failed}): {e}",
                    frame.len()
                );
            }
        }
    }

    /// Queues the TX close record of a frame. A frame that reached the air
    /// counts as acknowledged at the first try: the antenna cannot tell
    /// whether the receiver acknowledged it. One that did not reach the air
    /// used up all its retries.
    fn report_tx(&self, frame: &[u8], desc: &tx::TxDescriptor, on_air: bool) {
        let seq_ctrl = frame
            .get(22..24)
            .map(|b| u16::from_le_bytes([b[0], b[1]]))
            .unwrap_or(0);
        let close = TxClose {
            retries: if on_air { 0 } else { desc.retry_limit },
            rts_retries: 0,
            ok: on_air,
            seq_ctrl,
            mac_time_used: desc.tx_duration,
        };
        bump(&self.stats.tx_status);
        self.push_tx_status(close.encode().to_vec());
    }

    /// A frame heard on the air: what the host gets on bulk IN, if anything.
    pub fn receive(&self, heard: &Heard) -> Option<Action> {
        let (state, mac_time) = {
            let chip = self.chip();
            (chip.state(), chip.tsf_micros())
        };
        let tuned = state.channel.and_then(rf::channel_to_freq);
        let on_channel = match (tuned, heard.info.freq) {
            (Some(t), Some(f)) => t == u32::from(f),
            (Some(_), None) => true,
            (None, _) => false,
        };
        // Frames with a bad FCS only reach a host that asked for them (FIF_FCSFAIL).
        let pass_bad_fcs = state.rx_conf & regs::RX_CONF_FCS != 0;
        if !on_channel {
            bump(&self.stats.rx_filtered);
            let heard_on = heard.info.freq;
            let why = format_args!("dropped: heard on {heard_on:?} MHz, tuned to {tuned:?}");
            self.trace_frame("RX", &heard.frame, &why);
            return None;
        }
        if heard.info.bad_fcs && !pass_bad_fcs {
            bump(&self.stats.rx_filtered);
            self.trace_frame("RX", &heard.frame, &"dropped: bad FCS");
            return None;
        }
        let flags = match rx::filter(&state, &heard.frame) {
            Ok(flags) => flags,
            Err(why) => {
                bump(&self.stats.rx_filtered);
                if why != rx::Rejected::ReceiverOff {
                    self.trace_frame("RX", &heard.frame, &format_args!("dropped: {why:?}"));
                }
                return None;
            }
        };
        self.trace_frame("RX", &heard.frame, &"to host");
        let rate_index = match (heard.info.rate_500k, heard.info.ht) {
            (Some(r), _) => crate::rate::index_of_500k(r),
            // HT frames are reported at the fastest legacy rate.
            (None, true) => 11,
            (None, false) => 0,
        };
        let info = RxInfo {
            rate_index,
            signal_dbm: heard.info.signal_dbm.unwrap_or(-50),
            mac_time,
            short_preamble: heard.info.short_preamble,
            antenna: state.rx_antenna,
        };
        let mut transfer = rx::build_as(state.family, &heard.frame, flags, &info);
        if heard.info.bad_fcs {
            rx::set_crc_error(&mut transfer, rx::trailer_len(state.family));
        }
        let mut faults = self.faults.lock().unwrap_or_else(|p| p.into_inner());
        let hits = faults.hits();
        let action = faults.apply(transfer);
        if faults.hits() != hits {
            bump(&self.stats.rx_faults);
        }
        Some(action)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chip::Board;
    use crate::eeprom::EepromImage;
    use crate::tx::{Protection, TxDescriptor};
    use crate::tx_status::TxClose;

    const MAC: [u8; 6] = [0x00, 0xE0, 0x4C, 0x81, 0x87, 0x42];

    fn dongle(board: Board) -> Dongle {
        let chip = Chip::new(EepromImage::rtl8187b(MAC), board);
        let dongle = Dongle::new(chip, None, FaultPlan::new(Vec::new(), 1), false);
        let cmd = 0xFF00 | u16::from(regs::CMD);
        dongle
            .control_write(cmd, 0, &[regs::CMD_TX_ENABLE | regs::CMD_RX_ENABLE])
            .expect("CMD");
        dongle
    }

    /// A data frame to an AP with sequence control `seq_ctrl`.
    fn transfer(format: tx::Format, seq_ctrl: u16) -> Vec<u8> {
        let mut frame = vec![0x08, 0x01, 0, 0];
        frame.extend_from_slice(&[0x02, 0, 0, 0, 1, 0]);
        frame.extend_from_slice(&MAC);
        frame.extend_from_slice(&[0x02, 0, 0, 0, 1, 0]);
        frame.extend_from_slice(&seq_ctrl.to_le_bytes());
        let desc = TxDescriptor {
            length: frame.len(),
            rate_index: 11,
            no_encrypt: true,
            short_preamble: false,
            more_fragments: false,
            protection: Protection::None,
            rts_rate_index: 0,
            rts_duration: 0,
            retry_limit: 6,
            tx_duration: 30,
        };
        let mut t = match format {
            tx::Format::L => desc.encode().to_vec(),
            tx::Format::B => desc.encode_b().to_vec(),
        };
        t.extend_from_slice(&frame);
        t
    }

    #[test]
    fn a_b_reports_each_frame_by_its_sequence_control() {
        let d = dongle(Board::RTL8187B);
        d.transmit(&transfer(tx::Format::B, 0x0452));
        let record = d
            .next_tx_status(Duration::from_millis(10))
            .expect("a TX status record");
        let close = TxClose::decode(&record).expect("a TX close");
        // No antenna: the frame never reached the air.
        assert_eq!(close.seq_ctrl, 0x452);
        assert!(!close.ok);
        assert_eq!(close.retries, 6);
        assert_eq!(close.mac_time_used, 30);
        assert_eq!(d.next_tx_status(Duration::from_millis(1)), None);
    }

    #[test]
    fn a_b_takes_32_byte_descriptors_and_an_l_none_of_this() {
        let d = dongle(Board::RTL8187B_EARLY);
        d.transmit(&transfer(tx::Format::L, 0x10));
        assert_eq!(
            d.stats
                .tx_malformed
                .load(std::sync::atomic::Ordering::Relaxed),
            1
        );
        let l = dongle(Board::RTL8187L_VD);
        l.transmit(&transfer(tx::Format::L, 0x10));
        assert_eq!(l.next_tx_status(Duration::from_millis(1)), None);
        assert_eq!(
            l.stats.tx_frames.load(std::sync::atomic::Ordering::Relaxed),
            1
        );
    }

    fn l_dongle() -> Dongle {
        let chip = Chip::new(
            EepromImage::rtl8187l([0, 0xe0, 0x4c, 1, 2, 3]),
            Board::RTL8187L_VD,
        );
        Dongle::new(chip, None, FaultPlan::new(vec![], 1), false)
    }

    #[test]
    fn tx_status_records_come_out_in_order() {
        let d = l_dongle();
        assert_eq!(d.next_tx_status(Duration::from_millis(1)), None);
        d.push_tx_status(vec![1]);
        d.push_tx_status(vec![2]);
        assert_eq!(d.next_tx_status(Duration::ZERO), Some(vec![1]));
        assert_eq!(d.next_tx_status(Duration::ZERO), Some(vec![2]));
    }

    #[test]
    fn tx_status_wakes_a_waiting_reader_and_drops_the_oldest() {
        let d = l_dongle();
        std::thread::scope(|s| {
            let reader = s.spawn(|| d.next_tx_status(Duration::from_secs(10)));
            std::thread::sleep(Duration::from_millis(20));
            d.push_tx_status(vec![7]);
            assert_eq!(reader.join().ok().flatten(), Some(vec![7]));
        });
        for i in 0..=TX_STATUS_QUEUE {
            d.push_tx_status(vec![i as u8]);
        }
        assert_eq!(d.next_tx_status(Duration::ZERO), Some(vec![1]));
    }
}
