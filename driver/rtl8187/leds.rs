// SPDX-License-Identifier: GPL-2.0

//! The dongle's LED, as three LED class devices: `rtl8187-phyN::radio`
//! (mac80211's radio trigger), `::tx` and `::rx` (its TX and RX triggers).
//!
//! Boards wire one LED, to a pin the EEPROM's customer ID tells (the
//! vendor's rule, which the C driver follows too): GPIO0, or LED0 (PGSELECT
//! bit 4); or the chip drives it itself. (The C driver knows LED1,
//! PGSELECT bit 5, too, but no customer ID wires it.) All three class devices work that
//! one LED: the radio LED lights it while the radio is on, and TX or RX
//! activity blinks it off for 50 ms.
//!
//! The layer calls the handlers in process context (`shims::led`), so they
//! write the registers themselves, under the configuration lock as every
//! other read-modify-write of PGSELECT. Unlike the C driver, which skips
//! LED writes once the interface is gone (leaving the LED lit after the
//! interface goes down), the LED goes off when the radio does.

use crate::chip::Rtl8187;
use crate::io::{self, Io};
use crate::regs;
use crate::wireless::mac80211::{Hw, LedTrigger};
use crate::wireless::shims::device::Device;
use crate::wireless::shims::led::{Led, LedHandler};
use crate::wireless::shims::time::delay::msleep;
use core::sync::atomic::{AtomicBool, Ordering};
use kernel::fmt;
use kernel::prelude::*;
use kernel::str::CString;
use kernel::sync::Arc;

/// How long TX or RX activity blinks the LED off, in ms.
const BLINK_OFF_MS: u32 = 50;

/// Where the board's LED is wired.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LedPin {
    /// GPIO0 bit 0, lit while its output is enabled (GP_ENABLE bit 0 clear).
    Gpio0,
    /// LED0, lit while PGSELECT bit 4 is clear.
    Led0,
    /// The chip drives the LED itself: nothing to do.
    Hardware,
}

impl LedPin {
    /// The pin the EEPROM's customer ID (the low byte of its word) wires.
    pub(crate) fn for_customer_id(id: u8) -> Self {
        match id {
            regs::EEPROM_CID_ALPHA0 => LedPin::Led0,
            regs::EEPROM_CID_HW => LedPin::Hardware,
            // The reserved IDs, Sercomm, Toshiba, Qcom and Dell, and any
            // other.
            _ => LedPin::Gpio0,
        }
    }

    /// Lights the LED or puts it out.
    fn set(self, io: &Io, lit: bool) -> Result {
        let pgselect_bit = match self {
            LedPin::Gpio0 => {
                io.write8(regs::GPIO0, 0x01)?;
                return io.write8(regs::GP_ENABLE, if lit { 0x00 } else { 0x01 });
            }
            LedPin::Led0 => regs::PGSELECT_LED0,
            LedPin::Hardware => return Ok(()),
        };
        if lit {
            io.update8(regs::PGSELECT, pgselect_bit, 0)
        } else {
            io.update8(regs::PGSELECT, 0, pgselect_bit)
        }
    }
}

/// What the three LEDs share: the dongle, its LED pin, and whether the
/// radio LED is on (activity blinks only then).
struct Shared {
    chip: Arc<Rtl8187>,
    pin: LedPin,
    radio_on: AtomicBool,
}

impl Shared {
    fn light(&self, lit: bool) {
        let r = self.chip.with_conf_lock(|io| self.pin.set(io, lit));
        if let Err(e) = r {
            io::report(format_args!("cannot switch the LED"), &e);
        }
    }
}

/// One of the three class devices.
struct PinLed {
    shared: Arc<Shared>,
    radio: bool,
}

impl LedHandler for PinLed {
    fn brightness_set(&self, brightness: u8) {
        let shared = &self.shared;
        if self.radio {
            if brightness != 0 {
                shared.radio_on.store(true, Ordering::Relaxed);
                shared.light(true);
            } else if shared.radio_on.swap(false, Ordering::Relaxed) {
                shared.light(false);
            }
            return;
        }
        if !shared.radio_on.load(Ordering::Relaxed) {
            return;
        }
        if brightness != 0 {
            shared.light(true);
            return;
        }
        // The trigger's blink ends: off for a moment, then on again (this
        // runs in the LED core's work, which only this LED waits on).
        shared.light(false);
        msleep(BLINK_OFF_MS);
        if shared.radio_on.load(Ordering::Relaxed) {
            shared.light(true);
        }
    }
}

/// The registered LEDs of one dongle; they go before the hardware does.
pub(crate) struct Leds {
    _radio: Led<PinLed>,
    _tx: Led<PinLed>,
    _rx: Led<PinLed>,
}

impl Leds {
    /// Registers `rtl8187-phyN::radio`, `::tx` and `::rx` under `parent`,
    /// on mac80211's triggers of `hw`. None (and a log line) if the board
    /// has no LED to drive or the kernel no LED triggers for mac80211, or
    /// if registering fails: the dongle works without.
    pub(crate) fn register(hw: &Hw<Rtl8187>, parent: &Device, pin: LedPin) -> Option<Self> {
        if pin == LedPin::Hardware {
            return None;
        }
        let shared = Arc::new(
            Shared {
                chip: hw.data().clone(),
                pin,
                radio_on: AtomicBool::new(false),
            },
            GFP_KERNEL,
        )
        .ok()?;
        let one = |what: &str, trigger: LedTrigger, radio: bool| -> Option<Led<PinLed>> {
            let Some(default_trigger) = hw.led_trigger(trigger) else {
                pr_info!("no mac80211 LED triggers in this kernel: LEDs off\n");
                return None;
            };
            let name = CString::try_from_fmt(fmt!("rtl8187-{}::{}", hw.wiphy_name(), what)).ok()?;
            let handler = PinLed {
                shared: shared.clone(),
                radio,
            };
            Led::register(parent, &name, Some(default_trigger), handler).ok()
        };
        // A failure drops the LEDs registered before it, in reverse order.
        let radio = one("radio", LedTrigger::Radio, true)?;
        let tx = one("tx", LedTrigger::Tx, false)?;
        let rx = one("rx", LedTrigger::Rx, false)?;
        Some(Self {
            _radio: radio,
            _tx: tx,
            _rx: rx,
        })
    }
}
