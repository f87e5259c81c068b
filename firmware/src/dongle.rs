//! The emulated dongle: the chip, its antenna and the paths between them,
//! independent of how the host reaches it.

use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

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

/// How long the control path waits for the antenna to follow a retune (see
/// [`crate::tuner`]): well inside the host's 500 ms per register access.
const SETTLE_CONTROL: Duration = Duration::from_millis(100);
/// How long a frame waits for it: bulk OUT has no deadline on the host, and
/// a frame sent before the antenna has caught up goes out on a channel the
/// antenna then leaves, so the answer is lost.
const SETTLE_TX: Duration = Duration::from_secs(1);

/// Everything the control, TX and RX paths share.
#[derive(Debug)]
pub struct Dongle {
    chip: Mutex<Chip>,
    antenna: Option<Antenna>,
    tuner: Tuner,
    faults: Mutex<FaultPlan>,
    trace: bool,
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
            stats: Stats::default(),
        }
    }

    /// The chip, even if another path panicked while holding it.
    fn chip(&self) -> MutexGuard<'_, Chip> {
        self.chip
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
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

    /// A bulk OUT transfer: descriptor + frame, sent to the air.
    pub fn transmit(&self, transfer: &[u8]) {
        let (desc, frame) = match tx::parse(transfer) {
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
        let Some(antenna) = &self.antenna else { return };
        self.tuner.settle(SETTLE_TX);
        let sent = antenna.send(frame, desc.rate_500k());
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
        let mut transfer = rx::build(&heard.frame, flags, &info);
        if heard.info.bad_fcs {
            rx::set_crc_error(&mut transfer);
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
