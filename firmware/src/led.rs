//! The board's LED: the pin it hangs on, which the EEPROM's customer ID
//! tells the host, and whether the registers the host writes light it.
//!
//! GPIO0 bit 0 lights an LED while its output is enabled (GP_ENABLE bit 0
//! clear); LED0 and LED1 are lit while PGSELECT bit 4, respectively 5, is
//! clear. On boards whose chip drives the LED itself the host writes
//! nothing, and the emulator shows no LED.

use crate::regs;

/// PGSELECT bits of the LED0 and LED1 pins.
pub const PGSELECT_LED0: u8 = 1 << 4;
pub const PGSELECT_LED1: u8 = 1 << 5;

/// Where the board's LED is wired.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LedPin {
    Gpio0,
    Led0,
    Led1,
    /// The chip drives the LED; the host has nothing to do.
    Hardware,
}

impl LedPin {
    /// The EEPROM customer ID (word 0x3F) that makes the host drive this
    /// pin: 0 and most others mean GPIO0, 1 (Alpha) LED0, 3 the chip
    /// itself. No ID chooses LED1; its board keeps the reserved 0xFF,
    /// which hosts take for GPIO0 (so its LED stays as at power-on).
    pub fn customer_id(self) -> u16 {
        match self {
            LedPin::Gpio0 => 0x00,
            LedPin::Led0 => 0x01,
            LedPin::Led1 => 0xFF,
            LedPin::Hardware => 0x03,
        }
    }

    /// Whether the LED is lit with these register values (`None`: no LED
    /// the host can see).
    pub fn lit(self, page0: &[u8; 256]) -> Option<bool> {
        let reg = |r: u8| page0[usize::from(r)];
        match self {
            LedPin::Gpio0 => Some(reg(regs::GPIO0) & 1 != 0 && reg(regs::GP_ENABLE) & 1 == 0),
            LedPin::Led0 => Some(reg(regs::PGSELECT) & PGSELECT_LED0 == 0),
            LedPin::Led1 => Some(reg(regs::PGSELECT) & PGSELECT_LED1 == 0),
            LedPin::Hardware => None,
        }
    }

    /// Whether a write to `offset` can change the LED.
    pub fn driven_by(offset: u8) -> bool {
        matches!(offset, regs::GPIO0 | regs::GP_ENABLE | regs::PGSELECT)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gpio0_is_lit_while_its_output_is_enabled() {
        let mut p = [0u8; 256];
        assert_eq!(LedPin::Gpio0.lit(&p), Some(false));
        p[usize::from(regs::GPIO0)] = 1;
        assert_eq!(LedPin::Gpio0.lit(&p), Some(true));
        p[usize::from(regs::GP_ENABLE)] = 1;
        assert_eq!(LedPin::Gpio0.lit(&p), Some(false));
    }

    #[test]
    fn led0_and_led1_are_lit_while_their_pgselect_bit_is_clear() {
        let mut p = [0u8; 256];
        p[usize::from(regs::PGSELECT)] = PGSELECT_LED1 | 1;
        assert_eq!(LedPin::Led0.lit(&p), Some(true));
        assert_eq!(LedPin::Led1.lit(&p), Some(false));
        assert_eq!(LedPin::Hardware.lit(&p), None);
    }
}
