//! The RTL8225 or RTL8225z2 radio behind the RF 3-wire pins.
//!
//! Pins (RF_PINS_OUTPUT): bit 0 data, bit 1 clock, bit 2 enable (active low),
//! bit 3 read/turnaround. The host toggles the clock so that a bit is taken on
//! every clock edge, rising or falling.
//! - Write: 16 bits, MSB first, `data << 4 | register`; the radio latches the
//!   value when enable goes high again.
//! - Read: 5 address bits, then bit 3 set hands the data line to the radio,
//!   which shifts 12 bits out, MSB first, one per rising edge, on
//!   RF_PINS_INPUT bit 1.
//!
//! Register 0 bit 8 selects the page. On the RTL8225z2, page 1 registers 8
//! and 9 hold the identification the host probes for (0x588, 0x700); on
//! the plain RTL8225 they are ordinary registers;
//! register 6 bit 7 reports a finished calibration. Register 7 tunes the
//! synthesizer: `CHANNEL_WORDS[ch - 1]` selects channel `ch`.

/// RF pin bits in RF_PINS_OUTPUT / RF_PINS_INPUT.
pub const PIN_DATA: u16 = 1 << 0;
pub const PIN_CLOCK: u16 = 1 << 1;
pub const PIN_ENABLE_N: u16 = 1 << 2;
pub const PIN_READ: u16 = 1 << 3;
/// RF_PINS_INPUT bit carrying the radio's data line.
pub const PIN_DATA_IN: u16 = 1 << 1;

pub const REG_PAGE: u8 = 0;
pub const REG_CALIBRATION: u8 = 6;
pub const REG_CHANNEL: u8 = 7;
pub const REG_ID_1: u8 = 8;
pub const REG_ID_2: u8 = 9;
const ID_1: u16 = 0x588;
const ID_2: u16 = 0x700;
const CALIBRATED: u16 = 1 << 7;
const PAGE_BIT: u16 = 1 << 8;

/// Synthesizer words for channels 1-14.
pub const CHANNEL_WORDS: [u16; 14] = [
    0x085c, 0x08dc, 0x095c, 0x09dc, 0x0a5c, 0x0adc, 0x0b5c, 0x0bdc, 0x0c5c, 0x0cdc, 0x0d5c, 0x0ddc,
    0x0e5c, 0x0f72,
];

/// Centre frequency in MHz of a 2.4 GHz channel.
pub fn channel_to_freq(channel: u8) -> Option<u32> {
    match channel {
        1..=13 => Some(2407 + 5 * u32::from(channel)),
        14 => Some(2484),
        _ => None,
    }
}

/// What a completed 3-wire transaction did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RfEvent {
    /// A register was written; `channel` is set when it tuned the synthesizer.
    Write {
        register: u8,
        value: u16,
        channel: Option<u8>,
    },
    /// The host read a register.
    Read { register: u8, value: u16 },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Disabled,
    /// Enable low, host shifting bits in.
    ShiftIn {
        value: u32,
        bits: u8,
    },
    /// Radio drives the data line; `next` is the next bit to present.
    ShiftOut {
        value: u16,
        next: i8,
    },
}

/// Which RTL8225 the board carries: the hosts tell them apart by the
/// identification in page 1 registers 8 and 9, which only the z2 has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RfModel {
    Rtl8225,
    Rtl8225z2,
}

/// The radio's registers and its 3-wire interface.
#[derive(Debug)]
pub struct Rtl8225 {
    model: RfModel,
    pages: [[u16; 16]; 2],
    pins: u16,
    phase: Phase,
    data_in: bool,
    channel: Option<u8>,
}

impl Rtl8225 {
    pub fn new(model: RfModel) -> Self {
        Self {
            model,
            pages: [[0; 16]; 2],
            pins: PIN_ENABLE_N,
            phase: Phase::Disabled,
            data_in: false,
            channel: None,
        }
    }

    /// The channel register 7 last tuned to.
    pub fn channel(&self) -> Option<u8> {
        self.channel
    }

    /// RF_PINS_INPUT as the host reads it.
    pub fn input_pins(&self) -> u16 {
        if self.data_in {
            PIN_DATA_IN
        } else {
            0
        }
    }

    fn page(&self) -> usize {
        usize::from(self.pages[0][usize::from(REG_PAGE)] & PAGE_BIT != 0)
    }

    /// The value a read of `register` returns.
    pub fn read(&self, register: u8) -> u16 {
        let register = register & 0xF;
        let page = self.page();
        match (page, register) {
            (1, REG_ID_1) if self.model == RfModel::Rtl8225z2 => ID_1,
            (1, REG_ID_2) if self.model == RfModel::Rtl8225z2 => ID_2,
            (_, REG_CALIBRATION) => self.pages[page][usize::from(register)] | CALIBRATED,
            (_, REG_PAGE) => self.pages[0][0],
            _ => self.pages[page][usize::from(register)],
        }
    }

    /// Writes a register directly (the fast USB request path or a completed 3-wire write).
    pub fn write(&mut self, register: u8, value: u16) -> RfEvent {
        let register = register & 0xF;
        let value = value & 0xFFF;
        let page = if register == REG_PAGE { 0 } else { self.page() };
        self.pages[page][usize::from(register)] = value;
        let mut channel = None;
        if register == REG_CHANNEL && page == 0 {
            channel = CHANNEL_WORDS
                .iter()
                .position(|w| *w == value)
                .and_then(|i| u8::try_from(i + 1).ok());
            if channel.is_some() {
                self.channel = channel;
            }
        }
        RfEvent::Write {
            register,
            value,
            channel,
        }
    }

    /// Applies a new RF_PINS_OUTPUT value.
    pub fn set_pins(&mut self, pins: u16) -> Option<RfEvent> {
        let old = self.pins;
        self.pins = pins;
        let enable_rose = pins & PIN_ENABLE_N != 0 && old & PIN_ENABLE_N == 0;
        let enable_fell = pins & PIN_ENABLE_N == 0 && old & PIN_ENABLE_N != 0;
        if enable_fell {
            self.phase = Phase::ShiftIn { value: 0, bits: 0 };
            self.data_in = false;
            return None;
        }
        if enable_rose {
            let phase = std::mem::replace(&mut self.phase, Phase::Disabled);
            self.data_in = false;
            return match phase {
                Phase::ShiftIn { value, bits: 16 } => {
                    let register = (value & 0xF) as u8;
                    let data = ((value >> 4) & 0xFFF) as u16;
                    Some(self.write(register, data))
                }
                _ => None,
            };
        }
        let clock_edge = (pins ^ old) & PIN_CLOCK != 0;
        let rising = clock_edge && pins & PIN_CLOCK != 0;
        match self.phase {
            Phase::Disabled => None,
            Phase::ShiftIn { value, bits } if pins & PIN_READ != 0 => {
                // Turnaround: the bits so far are the address of a read.
                let register = (value & 0x1F) as u8;
                let _ = bits;
                let value = self.read(register);
                self.phase = Phase::ShiftOut { value, next: 11 };
                Some(RfEvent::Read { register, value })
            }
            Phase::ShiftIn { value, bits } => {
                if clock_edge && bits < 32 {
                    self.phase = Phase::ShiftIn {
                        value: value << 1 | u32::from(pins & PIN_DATA),
                        bits: bits + 1,
                    };
                }
                None
            }
            Phase::ShiftOut { value, next } => {
                if rising {
                    self.data_in = next >= 0 && value >> next & 1 == 1;
                    self.phase = Phase::ShiftOut {
                        value,
                        next: next - 1,
                    };
                }
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The host's bit-banged write (rtl8225_write_bitbang), pin values only.
    fn bitbang_write(rf: &mut Rtl8225, register: u8, data: u16) -> Vec<RfEvent> {
        let mut events = Vec::new();
        let bangdata = u32::from(data) << 4 | u32::from(register & 0xF);
        let reg80 = 0x0380u16 & 0xfff3;
        let mut out = |rf: &mut Rtl8225, v: u16| events.extend(rf.set_pins(v));
        out(rf, reg80 | PIN_ENABLE_N);
        out(rf, reg80);
        for i in (0..16).rev() {
            let reg = reg80 | ((bangdata >> i) & 1) as u16;
            if i & 1 == 1 {
                out(rf, reg);
            }
            out(rf, reg | PIN_CLOCK);
            out(rf, reg | PIN_CLOCK);
            if i & 1 == 0 {
                out(rf, reg);
            }
        }
        out(rf, reg80 | PIN_ENABLE_N);
        out(rf, reg80 | PIN_ENABLE_N);
        events
    }

    /// The host's bit-banged read (rtl8225_read).
    fn bitbang_read(rf: &mut Rtl8225, register: u8) -> u16 {
        let reg80 = 0x0380u16 & !0xF;
        rf.set_pins(reg80 | PIN_ENABLE_N);
        rf.set_pins(reg80);
        for i in (0..5).rev() {
            let reg = reg80 | u16::from((register >> i) & 1);
            if i & 1 == 0 {
                rf.set_pins(reg);
            }
            rf.set_pins(reg | PIN_CLOCK);
            rf.set_pins(reg | PIN_CLOCK);
            if i & 1 == 1 {
                rf.set_pins(reg);
            }
        }
        rf.set_pins(reg80 | PIN_READ | PIN_CLOCK);
        rf.set_pins(reg80 | PIN_READ);
        rf.set_pins(reg80 | PIN_READ);
        let mut out = 0;
        for i in (0..12).rev() {
            rf.set_pins(reg80 | PIN_READ);
            rf.set_pins(reg80 | PIN_READ | PIN_CLOCK);
            rf.set_pins(reg80 | PIN_READ | PIN_CLOCK);
            rf.set_pins(reg80 | PIN_READ | PIN_CLOCK);
            if rf.input_pins() & PIN_DATA_IN != 0 {
                out |= 1 << i;
            }
            rf.set_pins(reg80 | PIN_READ);
        }
        rf.set_pins(reg80 | PIN_READ | PIN_ENABLE_N);
        rf.set_pins(0x03A0);
        out
    }

    #[test]
    fn bitbang_write_latches_register_on_enable() {
        let mut rf = Rtl8225::new(RfModel::Rtl8225z2);
        let events = bitbang_write(&mut rf, 0x3, 0x441);
        assert_eq!(
            events,
            vec![RfEvent::Write {
                register: 3,
                value: 0x441,
                channel: None
            }]
        );
        assert_eq!(rf.read(3), 0x441);
    }

    #[test]
    fn bitbang_read_returns_register_contents() {
        let mut rf = Rtl8225::new(RfModel::Rtl8225z2);
        rf.write(0xA, 0x9D4);
        assert_eq!(bitbang_read(&mut rf, 0xA), 0x9D4);
    }

    #[test]
    fn probe_sees_an_rtl8225z2() {
        let mut rf = Rtl8225::new(RfModel::Rtl8225z2);
        bitbang_write(&mut rf, 0, 0x1B7);
        assert_eq!(bitbang_read(&mut rf, 8), 0x588);
        assert_eq!(bitbang_read(&mut rf, 9), 0x700);
        bitbang_write(&mut rf, 0, 0x0B7);
        assert_eq!(bitbang_read(&mut rf, 8), 0);
    }

    #[test]
    fn a_plain_rtl8225_has_no_identification() {
        let mut rf = Rtl8225::new(RfModel::Rtl8225);
        bitbang_write(&mut rf, 0, 0x1B7);
        assert_ne!(bitbang_read(&mut rf, 8), 0x588);
        assert_ne!(bitbang_read(&mut rf, 9), 0x700);
    }

    #[test]
    fn calibration_reads_as_done() {
        let mut rf = Rtl8225::new(RfModel::Rtl8225z2);
        rf.write(6, 0x0E6 & !0x80);
        assert_ne!(bitbang_read(&mut rf, 6) & 0x80, 0);
    }

    #[test]
    fn register_7_tunes_every_channel() {
        let mut rf = Rtl8225::new(RfModel::Rtl8225z2);
        for (i, word) in CHANNEL_WORDS.iter().enumerate() {
            let ch = (i + 1) as u8;
            let events = bitbang_write(&mut rf, REG_CHANNEL, *word);
            assert_eq!(
                events,
                vec![RfEvent::Write {
                    register: 7,
                    value: *word,
                    channel: Some(ch)
                }]
            );
            assert_eq!(rf.channel(), Some(ch));
        }
        // An init-time value that is no channel word leaves the tuning alone.
        assert_eq!(
            rf.write(REG_CHANNEL, 0x82A),
            RfEvent::Write {
                register: 7,
                value: 0x82A,
                channel: None
            }
        );
        assert_eq!(rf.channel(), Some(14));
    }

    #[test]
    fn fast_write_path_without_clock_edges_commits_nothing() {
        let mut rf = Rtl8225::new(RfModel::Rtl8225z2);
        assert_eq!(rf.set_pins(PIN_ENABLE_N), None);
        assert_eq!(rf.set_pins(0), None);
        assert_eq!(rf.set_pins(PIN_ENABLE_N), None);
        assert_eq!(
            rf.write(7, CHANNEL_WORDS[5]),
            RfEvent::Write {
                register: 7,
                value: CHANNEL_WORDS[5],
                channel: Some(6)
            }
        );
    }

    #[test]
    fn frequencies() {
        assert_eq!(channel_to_freq(1), Some(2412));
        assert_eq!(channel_to_freq(13), Some(2472));
        assert_eq!(channel_to_freq(14), Some(2484));
        assert_eq!(channel_to_freq(15), None);
    }
}
