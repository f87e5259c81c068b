//! The 93C46 serial EEPROM behind EEPROM_CMD, and the image it holds.
//!
//! The host bit-bangs Microwire: with CS high it clocks in (on SK rising
//! edges, DI) any leading zeros, a start bit 1, a 2-bit opcode and a 6-bit
//! word address; for a READ the chip then shifts the 16-bit word out on DO,
//! MSB first, one bit per further rising edge. Dropping CS ends the command.

/// Words in a 93C46 organised as 64 x 16 bits.
pub const WORDS: usize = 64;

/// Word offsets the host driver reads at probe.
pub const WORD_ID: usize = 0x00;
pub const WORD_TXPWR_BASE: usize = 0x05;
pub const WORD_MAC: usize = 0x07;
pub const WORD_TXPWR_CHAN_1: usize = 0x16;
pub const WORD_TXPWR_CHAN_6: usize = 0x1B;
pub const WORD_TXPWR_CHAN_4: usize = 0x3D;
/// An RTL8187B keeps channel 11's power in the low byte of word 0x1B,
/// channel 12's in the low byte of this word, 13 and 14 in word 0x1C.
pub const WORD_TXPWR_CHAN_12_B: usize = 0x0A;
pub const WORD_CUSTOMER_ID: usize = 0x3F;

const ADDRESS_BITS: u8 = 6;
const OPCODE_READ: u16 = 0b10;

/// The content of the EEPROM.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EepromImage {
    words: [u16; WORDS],
}

impl EepromImage {
    /// An RTL8187L board image with the given station address and a flat
    /// TX power table (CCK index in the low nibble, OFDM in the high one).
    pub fn rtl8187l(mac: [u8; 6]) -> Self {
        let mut words = [0xFFFF; WORDS];
        words[WORD_ID] = 0x8187;
        words[WORD_TXPWR_BASE] = 0x0505;
        for (i, pair) in mac.chunks_exact(2).enumerate() {
            words[WORD_MAC + i] = u16::from_le_bytes([pair[0], pair[1]]);
        }
        // Two channels a word: 1-6, 11-14 and 7-10.
        let per_channel = 0x66u16;
        let two_channels = per_channel | per_channel << 8;
        for w in (WORD_TXPWR_CHAN_1..WORD_TXPWR_CHAN_1 + 3)
            .chain(WORD_TXPWR_CHAN_6..WORD_TXPWR_CHAN_6 + 2)
            .chain(WORD_TXPWR_CHAN_4..WORD_TXPWR_CHAN_4 + 2)
        {
            words[w] = two_channels;
        }
        words[WORD_CUSTOMER_ID] = 0x0000;
        Self { words }
    }

    /// An RTL8187B board image: the RTL8187L's, plus the word the B reads
    /// channel 12's power from.
    pub fn rtl8187b(mac: [u8; 6]) -> Self {
        let mut image = Self::rtl8187l(mac);
        image.words[WORD_TXPWR_CHAN_12_B] = 0x0066;
        image
    }

    /// The same image with customer ID `id` (word 0x3F), which tells the
    /// host where the LED is wired.
    pub fn with_customer_id(mut self, id: u16) -> Self {
        self.words[WORD_CUSTOMER_ID] = id;
        self
    }

    /// The same image with the station address erased (all ones, which no
    /// station may use): a board the host must give an address of its own.
    pub fn with_mac_erased(mut self) -> Self {
        for w in WORD_MAC..WORD_MAC + 3 {
            self.words[w] = 0xFFFF;
        }
        self
    }

    pub fn word(&self, index: usize) -> u16 {
        self.words.get(index).copied().unwrap_or(0xFFFF)
    }

    /// The station address stored at words 7-9.
    pub fn mac(&self) -> [u8; 6] {
        let mut mac = [0; 6];
        for (i, chunk) in mac.chunks_exact_mut(2).enumerate() {
            chunk.copy_from_slice(&self.word(WORD_MAC + i).to_le_bytes());
        }
        mac
    }
}

/// Where the Microwire state machine is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// CS low: the chip ignores the clock.
    Idle,
    /// CS high, waiting for the start bit.
    WaitStart,
    /// Shifting in opcode and address; `bits` counted so far.
    Command { value: u16, bits: u8 },
    /// Shifting out `word`; `next` is the bit index (15..=0) for the next rising edge.
    ReadOut { word: u16, next: i8 },
    /// A command this model does not implement (write, erase): ignore until CS drops.
    Ignored,
}

/// A 93C46 attached to the EEPROM_CMD pins.
#[derive(Debug)]
pub struct Eeprom {
    image: EepromImage,
    phase: Phase,
    clock: bool,
    data_out: bool,
    /// Words read since power-on, for statistics.
    pub words_read: u64,
}

impl Eeprom {
    pub fn new(image: EepromImage) -> Self {
        Self {
            image,
            phase: Phase::Idle,
            clock: false,
            data_out: false,
            words_read: 0,
        }
    }

    pub fn image(&self) -> &EepromImage {
        &self.image
    }

    /// The level of DO.
    pub fn data_out(&self) -> bool {
        self.data_out
    }

    /// Applies new pin levels driven by the host.
    pub fn set_pins(&mut self, cs: bool, sk: bool, di: bool) {
        let rising = sk && !self.clock;
        self.clock = sk;
        if !cs {
            self.phase = Phase::Idle;
            self.data_out = false;
            return;
        }
        if self.phase == Phase::Idle {
            self.phase = Phase::WaitStart;
        }
        if !rising {
            return;
        }
        self.phase = match self.phase {
            Phase::Idle | Phase::WaitStart if di => Phase::Command { value: 0, bits: 0 },
            Phase::Idle | Phase::WaitStart => Phase::WaitStart,
            Phase::Command { value, bits } => {
                let value = value << 1 | u16::from(di);
                let bits = bits + 1;
                if bits < 2 + ADDRESS_BITS {
                    Phase::Command { value, bits }
                } else if value >> ADDRESS_BITS == OPCODE_READ {
                    let address = usize::from(value & ((1 << ADDRESS_BITS) - 1));
                    self.words_read += 1;
                    // The dummy zero bit follows the last address bit.
                    self.data_out = false;
                    Phase::ReadOut {
                        word: self.image.word(address),
                        next: 15,
                    }
                } else {
                    Phase::Ignored
                }
            }
            Phase::ReadOut { word, next } if next >= 0 => {
                self.data_out = word >> next & 1 == 1;
                Phase::ReadOut {
                    word,
                    next: next - 1,
                }
            }
            // Past the last bit a real 93C46 goes on with the next word; the host never asks.
            Phase::ReadOut { word, .. } => {
                self.data_out = false;
                Phase::ReadOut { word, next: -1 }
            }
            Phase::Ignored => Phase::Ignored,
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads a word the way the kernel's eeprom_93cx6 does.
    fn host_read(e: &mut Eeprom, word: u8) -> u16 {
        // startup: CS high, one pulse with DI low.
        e.set_pins(true, false, false);
        e.set_pins(true, true, false);
        e.set_pins(true, false, false);
        let command = (0b110u16 << 6) | u16::from(word);
        for i in (0..9).rev() {
            let di = command >> i & 1 == 1;
            e.set_pins(true, false, di);
            e.set_pins(true, true, di);
            e.set_pins(true, false, di);
        }
        e.set_pins(true, false, false);
        let mut value = 0;
        for i in (0..16).rev() {
            e.set_pins(true, true, false);
            if e.data_out() {
                value |= 1 << i;
            }
            e.set_pins(true, false, false);
        }
        // cleanup: CS low, a pulse.
        e.set_pins(false, false, false);
        e.set_pins(false, true, false);
        e.set_pins(false, false, false);
        value
    }

    #[test]
    fn a_b_image_has_power_for_channels_11_to_14() {
        let image = EepromImage::rtl8187b([2, 0, 0, 0, 0, 1]);
        // The host takes the low byte of 0x1B and 0x0A, both bytes of 0x1C.
        assert_eq!(image.word(WORD_TXPWR_CHAN_6) & 0xFF, 0x66);
        assert_eq!(image.word(WORD_TXPWR_CHAN_12_B) & 0xFF, 0x66);
        assert_eq!(image.word(WORD_TXPWR_CHAN_6 + 1), 0x6666);
    }

    #[test]
    fn an_erased_address_reads_as_all_ones() {
        let image = EepromImage::rtl8187l([2, 0, 0, 0, 0, 1]).with_mac_erased();
        assert_eq!(image.mac(), [0xFF; 6]);
        assert_eq!(image.word(WORD_ID), 0x8187);
    }

    #[test]
    fn reads_back_every_word_of_the_image() {
        let image = EepromImage::rtl8187l([0x00, 0xE0, 0x4C, 0x81, 0x87, 0x01]);
        let mut e = Eeprom::new(image.clone());
        for w in 0..WORDS as u8 {
            assert_eq!(
                host_read(&mut e, w),
                image.word(usize::from(w)),
                "word {w:#x}"
            );
        }
        assert_eq!(e.words_read, WORDS as u64);
    }

    #[test]
    fn mac_is_stored_little_endian_at_word_7() {
        let mac = [0x02, 0x11, 0x22, 0x33, 0x44, 0x55];
        let image = EepromImage::rtl8187l(mac);
        assert_eq!(image.word(WORD_MAC), 0x1102);
        assert_eq!(image.mac(), mac);
        let mut e = Eeprom::new(image);
        assert_eq!(host_read(&mut e, 8), 0x3322);
    }

    #[test]
    fn dropping_cs_mid_command_resets_the_chip() {
        let mut e = Eeprom::new(EepromImage::rtl8187l([2, 0, 0, 0, 0, 1]));
        e.set_pins(true, false, true);
        e.set_pins(true, true, true);
        e.set_pins(false, false, false);
        assert_eq!(host_read(&mut e, WORD_ID as u8), 0x8187);
    }

    #[test]
    fn unsupported_opcodes_are_ignored() {
        let mut e = Eeprom::new(EepromImage::rtl8187l([2, 0, 0, 0, 0, 1]));
        // EWEN: 1 00 11xxxx
        let command = 0b100_110000u16;
        e.set_pins(true, false, false);
        for i in (0..9).rev() {
            let di = command >> i & 1 == 1;
            e.set_pins(true, false, di);
            e.set_pins(true, true, di);
        }
        e.set_pins(true, false, false);
        e.set_pins(true, true, false);
        assert!(!e.data_out());
        e.set_pins(false, false, false);
        assert_eq!(e.words_read, 0);
    }
}
