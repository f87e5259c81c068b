// SPDX-License-Identifier: GPL-2.0

//! The names of mac80211's LED triggers of a hardware, for the LEDs a
//! driver registers (`shims::led`) to follow by default.

use super::hw::Hw;
use super::ops::Ops;
use crate::wireless::bindings;
use kernel::str::CStr;

/// One of the LED triggers mac80211 registers for each hardware.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LedTrigger {
    /// On while the radio is started (`phyNradio`).
    Radio,
    /// On while a station interface is associated (`phyNassoc`).
    Assoc,
    /// Blinks on transmitted frames (`phyNtx`).
    Tx,
    /// Blinks on received frames (`phyNrx`).
    Rx,
}

impl<T: Ops> Hw<T> {
    /// The name of the hardware's LED trigger `trigger`; `None` in a
    /// kernel built without mac80211's LED triggers (`CONFIG_MAC80211_LEDS`).
    ///
    /// The name lives as long as the hardware: an LED that names it as its
    /// default trigger keeps a copy (`shims::led::Led` does).
    pub fn led_trigger(&self, trigger: LedTrigger) -> Option<&CStr> {
        let which = match trigger {
            LedTrigger::Radio => bindings::rwlan_led_trigger_RWLAN_LED_TRIGGER_RADIO,
            LedTrigger::Assoc => bindings::rwlan_led_trigger_RWLAN_LED_TRIGGER_ASSOC,
            LedTrigger::Tx => bindings::rwlan_led_trigger_RWLAN_LED_TRIGGER_TX,
            LedTrigger::Rx => bindings::rwlan_led_trigger_RWLAN_LED_TRIGGER_RX,
        };
        // SAFETY: the hw is allocated (`Hw`'s invariant); mac80211 made the
        // names when it was allocated and frees them only when it is freed,
        // which the borrow of `self` outlasts.
        let name = unsafe { bindings::rwlan_hw_led_trigger_name(self.as_raw(), which) };
        if name.is_null() {
            return None;
        }
        // SAFETY: a non-null name is a NUL-terminated string that lives as
        // long as the hw (above) and is not changed after allocation.
        Some(unsafe { CStr::from_char_ptr(name) })
    }
}
