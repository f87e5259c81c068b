//! The register file of the RTL8187L and RTL8187B and the registers that do
//! something.
//!
//! Plain registers keep what was written. The ones with behaviour:
//! - CMD: the reset bit self-clears (and stops TX/RX).
//! - EEPROM_CMD: LOAD reloads the station address from the EEPROM and
//!   returns to normal mode; in PROGRAM mode bits 0-3 are the 93C46 pins.
//! - TX_CONF: bits 25-27 read as the board's hardware version, whatever is written.
//! - PGSELECT bit 0: page-0 accesses go to page 1 (ASIC_REV lives there).
//! - RF_PINS_OUTPUT / RF_PINS_INPUT: the RTL8225 3-wire interface.
//! - GPIO1 bit 1: the radio switch.
//! - GPIO0 / GP_ENABLE / PGSELECT bits 4-5: the LED (see `led`).
//! - TSFT: microseconds since power-on; TALLY_CNT: cumulative retries.
//! - B_REVISION (0xFFE1, page 0, RTL8187B only): the chip revision.
//!
//! The RTL8187B's extra registers (its register table on pages 0-3, the
//! ARFR, RFSW_CTRL, AC parameters) are plain storage: the host writes them
//! and reads back only what it wrote.

use std::time::Instant;

use crate::eeprom::{Eeprom, EepromImage};
use crate::led::LedPin;
use crate::regs::{self, Block};
use crate::rf::{RfEvent, RfModel, Rtl8225};

/// Bad register requests; each is answered with a stall.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RegError {
    #[error("register access of {0} bytes (only 1, 2 or 4 exist)")]
    BadLength(usize),
    #[error("register address {0:#06x} is outside the 0xFE00-0xFFFF map")]
    OutOfMap(u16),
    #[error("register page {0} does not exist (0-3)")]
    BadPage(u16),
    #[error("fast RF write needs 2 data bytes, got {0}")]
    BadRfWrite(usize),
}

/// What a register write caused outside the register file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// A 3-wire (or fast) transaction with the RTL8225 completed.
    Rf(RfEvent),
    /// The LED was lit (true) or put out.
    Led(bool),
}

impl Effect {
    /// The channel the radio was tuned to, if this was a tuning write.
    pub fn tuned(&self) -> Option<u8> {
        match self {
            Effect::Rf(RfEvent::Write { channel, .. }) => *channel,
            Effect::Rf(RfEvent::Read { .. }) | Effect::Led(_) => None,
        }
    }
}

/// The MAC state the RX and TX paths need, copied out under the lock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MacState {
    pub mac: [u8; 6],
    pub bssid: [u8; 6],
    pub rx_conf: u32,
    pub tx_conf: u32,
    pub cmd: u8,
    pub msr: u8,
    pub channel: Option<u8>,
    pub radio_on: bool,
    /// The antenna (0 or 1) frames are received on.
    pub rx_antenna: u8,
    pub family: Family,
}

impl MacState {
    pub fn rx_enabled(&self) -> bool {
        self.cmd & regs::CMD_RX_ENABLE != 0 && self.radio_on
    }

    pub fn tx_enabled(&self) -> bool {
        self.cmd & regs::CMD_TX_ENABLE != 0 && self.radio_on
    }

    /// Whether MSR says the MAC is linked to a BSS (infrastructure or ad-hoc).
    pub fn linked(&self) -> bool {
        self.msr & regs::MSR_LINK_MASK != 0
    }
}

const PAGES: usize = 4;

/// Which chip of the family a board carries; it decides the formats on the
/// bulk endpoints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// RTL8187L: 12-byte TX descriptor, 16-byte RX trailer, no TX status.
    L,
    /// RTL8187B: 32-byte TX descriptor, 20-byte RX trailer, TX status
    /// records. `revision` is what B_REVISION reads (0 = B, 1 = D, 2 = E).
    B { revision: u8 },
}

impl Family {
    pub fn is_b(self) -> bool {
        matches!(self, Family::B { .. })
    }
}

/// The boards the emulator can be: what the host reads to tell them apart
/// (USB product ID, TX_CONF's hardware version, the radio's
/// identification, ASIC_REV, B_REVISION).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Board {
    pub family: Family,
    /// USB product ID (vendor 0bda); the host picks the L or B paths by it,
    /// and on 0x8187 by the hardware version.
    pub product_id: u16,
    /// TX_CONF bits 25-27.
    pub hwver: u32,
    pub rf: RfModel,
    /// 0 makes the host bit-bang RF writes; 1 lets it use the fast RF
    /// write request.
    pub asic_rev: u8,
}

impl Board {
    /// The common board: an RTL8187vD with an RTL8225z2.
    pub const RTL8187L_VD: Board = Board {
        family: Family::L,
        product_id: 0x8187,
        hwver: regs::TX_CONF_R8187VD,
        rf: RfModel::Rtl8225z2,
        asic_rev: 1,
    };
    /// An older one: an RTL8187vB (any version but vD's) with a plain RTL8225.
    pub const RTL8187L_VB: Board = Board {
        family: Family::L,
        product_id: 0x8187,
        hwver: regs::TX_CONF_R8187VB,
        rf: RfModel::Rtl8225,
        asic_rev: 1,
    };
    /// An RTL8187B (E-cut) with its RTL8225z2, on the B's own USB ID.
    pub const RTL8187B: Board = Board {
        family: Family::B { revision: 2 },
        product_id: 0x8189,
        hwver: regs::TX_CONF_R8187B,
        rf: RfModel::Rtl8225z2,
        asic_rev: 1,
    };
    /// An early RTL8187B (B-cut) sold with the RTL8187L's USB ID: only its
    /// TX_CONF version tells the host what it is.
    pub const RTL8187B_EARLY: Board = Board {
        family: Family::B { revision: 0 },
        product_id: 0x8187,
        hwver: regs::TX_CONF_R8187B,
        rf: RfModel::Rtl8225z2,
        asic_rev: 1,
    };
}

/// The chip as seen through its control endpoint.
#[derive(Debug)]
pub struct Chip {
    mac_pages: [[u8; 256]; PAGES],
    usb_block: [u8; 256],
    eeprom: Eeprom,
    rf: Rtl8225,
    radio_on: bool,
    rx_antenna: u8,
    tally: u16,
    powered_on: Instant,
    board: Board,
    led_pin: LedPin,
    led_lit: Option<bool>,
}

impl Chip {
    /// A chip of `board` just powered on with this EEPROM.
    pub fn new(image: EepromImage, board: Board) -> Self {
        let mut chip = Self {
            mac_pages: [[0; 256]; PAGES],
            usb_block: [0; 256],
            eeprom: Eeprom::new(image),
            rf: Rtl8225::new(board.rf),
            radio_on: true,
            rx_antenna: 0,
            tally: 0,
            powered_on: Instant::now(),
            board: Board {
                asic_rev: board.asic_rev & 3,
                ..board
            },
            led_pin: LedPin::Gpio0,
            led_lit: None,
        };
        chip.load_from_eeprom();
        chip.write_raw(0, regs::TX_CONF, &board.hwver.to_le_bytes());
        chip.mac_pages[0][usize::from(regs::EEPROM_CMD)] = regs::EEPROM_CMD_NORMAL;
        chip.write_raw(0, regs::RF_PINS_OUTPUT, &[0x80, 0x03]);
        chip.set_led_pin(LedPin::Gpio0);
        chip
    }

    /// Wires the LED to `pin` (the EEPROM's customer ID should say so).
    pub fn set_led_pin(&mut self, pin: LedPin) {
        self.led_pin = pin;
        self.led_lit = pin.lit(&self.mac_pages[0]);
    }

    /// Whether the LED is lit (`None`: no LED the host drives).
    pub fn led_lit(&self) -> Option<bool> {
        self.led_lit
    }

    fn load_from_eeprom(&mut self) {
        let mac = self.eeprom.image().mac();
        self.write_raw(0, regs::MAC, &mac);
    }

    fn write_raw(&mut self, page: usize, offset: u8, data: &[u8]) {
        for (i, b) in data.iter().enumerate() {
            let at = usize::from(offset) + i;
            if let (Some(p), true) = (self.mac_pages.get_mut(page), at < 256) {
                p[at] = *b;
            }
        }
    }

    fn raw(&self, page: usize, offset: u8, len: usize) -> u32 {
        let mut bytes = [0u8; 4];
        for (i, b) in bytes.iter_mut().enumerate().take(len.min(4)) {
            let at = usize::from(offset) + i;
            *b = self
                .mac_pages
                .get(page)
                .and_then(|p| p.get(at))
                .copied()
                .unwrap_or(0);
        }
        u32::from_le_bytes(bytes)
    }

    /// Page an access lands on: an explicit `wIndex`, else PGSELECT bit 0.
    fn page_for(&self, w_index: u16, offset: u8) -> Result<usize, RegError> {
        if w_index > 3 {
            return Err(RegError::BadPage(w_index));
        }
        // PGSELECT itself is reachable from every page.
        if offset == regs::PGSELECT {
            return Ok(0);
        }
        if w_index != 0 {
            return Ok(usize::from(w_index));
        }
        // PGSELECT only banks the top of the map; the MAC registers below stay
        // put, so the host's LED code, which rewrites PGSELECT without the
        // driver's lock, cannot move CMD or GPIO1 under it.
        if offset < regs::PAGED_START {
            return Ok(0);
        }
        Ok(usize::from(
            self.mac_pages[0][usize::from(regs::PGSELECT)] & 1,
        ))
    }

    /// Resolves a request to (block, page, offset), for tracing and access.
    pub fn resolve(&self, w_value: u16, w_index: u16) -> Result<(Block, usize, u8), RegError> {
        let (block, offset) = regs::decode(w_value).ok_or(RegError::OutOfMap(w_value))?;
        let page = match block {
            Block::Mac => self.page_for(w_index, offset)?,
            Block::Usb if w_index > 3 => return Err(RegError::BadPage(w_index)),
            Block::Usb => 0,
        };
        Ok((block, page, offset))
    }

    /// A vendor read request: returns `len` bytes little-endian.
    pub fn read(&mut self, w_value: u16, w_index: u16, len: usize) -> Result<Vec<u8>, RegError> {
        if !matches!(len, 1 | 2 | 4) {
            return Err(RegError::BadLength(len));
        }
        let (block, page, offset) = self.resolve(w_value, w_index)?;
        let mut out = Vec::with_capacity(len);
        for i in 0..len {
            let Some(at) = offset.checked_add(i as u8) else {
                out.push(0);
                continue;
            };
            out.push(match block {
                Block::Usb => self.usb_block[usize::from(at)],
                Block::Mac => self.read_byte(page, at),
            });
        }
        Ok(out)
    }

    fn read_byte(&mut self, page: usize, offset: u8) -> u8 {
        let stored = self.mac_pages[page][usize::from(offset)];
        if page == 1 && offset == regs::ASIC_REV {
            return (stored & !3) | self.board.asic_rev;
        }
        if page != 0 {
            return stored;
        }
        match offset {
            regs::B_REVISION => match self.board.family {
                Family::B { revision } => revision,
                Family::L => stored,
            },
            o if (regs::TSFT..regs::TSFT + 8).contains(&o) => {
                let us = u64::try_from(self.powered_on.elapsed().as_micros()).unwrap_or(u64::MAX);
                us.to_le_bytes()[usize::from(o - regs::TSFT)]
            }
            o if o == regs::TX_CONF + 3 => {
                let hw = (self.board.hwver >> 24) as u8;
                let mask = (regs::TX_CONF_HWVER_MASK >> 24) as u8;
                (stored & !mask) | hw
            }
            regs::EEPROM_CMD => {
                let mut v = stored & !regs::EEPROM_CMD_DO;
                if v & regs::EEPROM_CMD_MODE_MASK == regs::EEPROM_CMD_PROGRAM
                    && self.eeprom.data_out()
                {
                    v |= regs::EEPROM_CMD_DO;
                }
                v
            }
            regs::RF_PINS_INPUT => self.rf.input_pins().to_le_bytes()[0],
            o if o == regs::RF_PINS_INPUT + 1 => 0,
            regs::GPIO1 => {
                if self.radio_on {
                    stored | regs::GPIO1_RADIO_ON
                } else {
                    stored & !regs::GPIO1_RADIO_ON
                }
            }
            // On the B these bytes are AC_BE's parameters, plain storage.
            regs::TALLY_CNT if !self.board.family.is_b() => self.tally.to_le_bytes()[0],
            o if o == regs::TALLY_CNT + 1 && !self.board.family.is_b() => {
                self.tally.to_le_bytes()[1]
            }
            _ => stored,
        }
    }

    /// A vendor write request.
    pub fn write(
        &mut self,
        w_value: u16,
        w_index: u16,
        data: &[u8],
    ) -> Result<Vec<Effect>, RegError> {
        if w_index == regs::RF_FAST_WRITE_INDEX {
            let bytes: [u8; 2] = data
                .try_into()
                .map_err(|_| RegError::BadRfWrite(data.len()))?;
            let event = self
                .rf
                .write((w_value & 0xF) as u8, u16::from_le_bytes(bytes));
            return Ok(Self::rf_effects(Some(event)));
        }
        if !matches!(data.len(), 1 | 2 | 4) {
            return Err(RegError::BadLength(data.len()));
        }
        let (block, page, offset) = self.resolve(w_value, w_index)?;
        if block == Block::Usb {
            for (i, b) in data.iter().enumerate() {
                if let Some(slot) = self.usb_block.get_mut(usize::from(offset) + i) {
                    *slot = *b;
                }
            }
            return Ok(Vec::new());
        }
        let end = usize::from(offset) + data.len();
        let touches = |reg: u8| (usize::from(offset)..end).contains(&usize::from(reg));
        self.write_raw(page, offset, data);
        let mut effects = Vec::new();
        if page != 0 {
            return Ok(effects);
        }
        if touches(regs::CMD) {
            let cmd = &mut self.mac_pages[0][usize::from(regs::CMD)];
            if *cmd & regs::CMD_RESET != 0 {
                *cmd &= !(regs::CMD_RESET | regs::CMD_RX_ENABLE | regs::CMD_TX_ENABLE);
            }
        }
        if touches(regs::EEPROM_CMD) {
            self.eeprom_cmd_written();
        }
        if touches(regs::RF_PINS_OUTPUT) || touches(regs::RF_PINS_OUTPUT + 1) {
            let pins = self.raw(0, regs::RF_PINS_OUTPUT, 2) as u16;
            effects.extend(Self::rf_effects(self.rf.set_pins(pins)));
        }
        if (usize::from(offset)..end).any(|at| u8::try_from(at).is_ok_and(LedPin::driven_by)) {
            let lit = self.led_pin.lit(&self.mac_pages[0]);
            if lit != self.led_lit {
                self.led_lit = lit;
                effects.extend(lit.map(Effect::Led));
            }
        }
        Ok(effects)
    }

    fn rf_effects(event: Option<RfEvent>) -> Vec<Effect> {
        event.map(Effect::Rf).into_iter().collect()
    }

    fn eeprom_cmd_written(&mut self) {
        let at = usize::from(regs::EEPROM_CMD);
        let v = self.mac_pages[0][at];
        match v & regs::EEPROM_CMD_MODE_MASK {
            regs::EEPROM_CMD_LOAD => {
                // Autoload finishes at once; the host polls for the mode bits to clear.
                self.load_from_eeprom();
                self.eeprom.set_pins(false, false, false);
                self.mac_pages[0][at] = regs::EEPROM_CMD_NORMAL;
            }
            regs::EEPROM_CMD_PROGRAM => self.eeprom.set_pins(
                v & regs::EEPROM_CMD_CS != 0,
                v & regs::EEPROM_CMD_SK != 0,
                v & regs::EEPROM_CMD_DI != 0,
            ),
            _ => self.eeprom.set_pins(false, false, false),
        }
    }

    /// Flips the hardware radio switch.
    pub fn set_radio(&mut self, on: bool) {
        self.radio_on = on;
    }

    /// Receives on antenna 1 instead of 0 (the RX trailer says which).
    pub fn set_rx_antenna(&mut self, antenna: u8) {
        self.rx_antenna = antenna & 1;
    }

    pub fn radio_on(&self) -> bool {
        self.radio_on
    }

    /// Adds to the retry counter the host reads as TALLY_CNT.
    pub fn count_retries(&mut self, retries: u16) {
        self.tally = self.tally.wrapping_add(retries);
    }

    /// The radio's RF register, for tests and the trace.
    pub fn rf(&self) -> &Rtl8225 {
        &self.rf
    }

    pub fn tsf_micros(&self) -> u64 {
        u64::try_from(self.powered_on.elapsed().as_micros()).unwrap_or(u64::MAX)
    }

    pub fn state(&self) -> MacState {
        let p = &self.mac_pages[0];
        let mut mac = [0; 6];
        mac.copy_from_slice(&p[usize::from(regs::MAC)..usize::from(regs::MAC) + 6]);
        let mut bssid = [0; 6];
        bssid.copy_from_slice(&p[usize::from(regs::BSSID)..usize::from(regs::BSSID) + 6]);
        MacState {
            mac,
            bssid,
            rx_conf: self.raw(0, regs::RX_CONF, 4),
            tx_conf: self.raw(0, regs::TX_CONF, 4),
            cmd: p[usize::from(regs::CMD)],
            msr: p[usize::from(regs::MSR)],
            channel: self.rf.channel(),
            radio_on: self.radio_on,
            rx_antenna: self.rx_antenna,
            family: self.board.family,
        }
    }

    pub fn board(&self) -> Board {
        self.board
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAC: [u8; 6] = [0x00, 0xE0, 0x4C, 0x81, 0x87, 0x42];

    fn chip() -> Chip {
        Chip::new(EepromImage::rtl8187l(MAC), Board::RTL8187L_VD)
    }

    fn rd(c: &mut Chip, off: u8, len: usize) -> u32 {
        let bytes = c.read(0xFF00 | u16::from(off), 0, len).expect("read");
        let mut b = [0; 4];
        b[..len].copy_from_slice(&bytes);
        u32::from_le_bytes(b)
    }

    fn wr(c: &mut Chip, off: u8, value: u32, len: usize) -> Vec<Effect> {
        c.write(0xFF00 | u16::from(off), 0, &value.to_le_bytes()[..len])
            .expect("write")
    }

    #[test]
    fn plain_registers_keep_what_was_written_in_every_width() {
        let mut c = chip();
        wr(&mut c, regs::ANAPARAM, 0xa0000a59, 4);
        assert_eq!(rd(&mut c, regs::ANAPARAM, 4), 0xa0000a59);
        assert_eq!(rd(&mut c, regs::ANAPARAM + 1, 2), 0x000a);
        wr(&mut c, regs::BRSR, 0x01F3, 2);
        assert_eq!(rd(&mut c, regs::BRSR, 1), 0xF3);
    }

    #[test]
    fn cmd_reset_self_clears_and_stops_rx_tx() {
        let mut c = chip();
        wr(
            &mut c,
            regs::CMD,
            u32::from(regs::CMD_RX_ENABLE | regs::CMD_TX_ENABLE),
            1,
        );
        assert!(c.state().rx_enabled());
        wr(&mut c, regs::CMD, u32::from(regs::CMD_RESET), 1);
        assert_eq!(rd(&mut c, regs::CMD, 1), 0);
        assert!(!c.state().tx_enabled());
    }

    #[test]
    fn eeprom_load_restores_mac_and_clears_mode() {
        let mut c = chip();
        for i in 0..6 {
            wr(&mut c, regs::MAC + i, 0xAA, 1);
        }
        wr(
            &mut c,
            regs::EEPROM_CMD,
            u32::from(regs::EEPROM_CMD_LOAD),
            1,
        );
        assert_eq!(rd(&mut c, regs::EEPROM_CMD, 1) & 0xC0, 0);
        assert_eq!(c.state().mac, MAC);
    }

    #[test]
    fn tx_conf_reports_rtl8187l_whatever_is_written() {
        let mut c = chip();
        assert_eq!(
            rd(&mut c, regs::TX_CONF, 4) & regs::TX_CONF_HWVER_MASK,
            regs::TX_CONF_R8187VD
        );
        wr(&mut c, regs::TX_CONF, 0x8000_0000 | 7 << 21, 4);
        let v = rd(&mut c, regs::TX_CONF, 4);
        assert_eq!(v & regs::TX_CONF_HWVER_MASK, regs::TX_CONF_R8187VD);
        assert_eq!(v & !regs::TX_CONF_HWVER_MASK, 0x8000_0000 | 7 << 21);
    }

    #[test]
    fn a_vb_board_reports_its_version_even_after_a_write() {
        let mut c = Chip::new(EepromImage::rtl8187l(MAC), Board::RTL8187L_VB);
        wr(&mut c, regs::TX_CONF, regs::TX_CONF_R8187VD, 4);
        assert_eq!(
            rd(&mut c, regs::TX_CONF, 4) & regs::TX_CONF_HWVER_MASK,
            regs::TX_CONF_R8187VB
        );
    }

    fn b_chip(board: Board) -> Chip {
        Chip::new(EepromImage::rtl8187b(MAC), board)
    }

    #[test]
    fn a_b_reports_its_revision_at_0xffe1_and_version_6() {
        let mut c = b_chip(Board::RTL8187B);
        assert_eq!(rd(&mut c, regs::B_REVISION, 1), 2);
        // The host's ARFR write (0xFFE0, 16 bits, page 1) leaves it alone.
        c.write(0xFFE0, 1, &0x0FFFu16.to_le_bytes()).expect("write");
        assert_eq!(rd(&mut c, regs::B_REVISION, 1), 2);
        assert_eq!(c.read(0xFFE0, 1, 2).expect("read"), vec![0xFF, 0x0F]);
        let mut early = b_chip(Board::RTL8187B_EARLY);
        assert_eq!(early.board().product_id, 0x8187);
        assert_eq!(rd(&mut early, regs::B_REVISION, 1), 0);
        // On 0bda:8187 the host tells the early B by its hardware version.
        assert_eq!(
            rd(&mut early, regs::TX_CONF, 4) & regs::TX_CONF_HWVER_MASK,
            regs::TX_CONF_R8187B
        );
        // An RTL8187L's 0xFFE1 is a plain register.
        let mut l = chip();
        wr(&mut l, regs::B_REVISION, 0x5A, 1);
        assert_eq!(rd(&mut l, regs::B_REVISION, 1), 0x5A);
    }

    #[test]
    fn the_b_register_table_lands_on_the_page_in_windex() {
        let mut c = b_chip(Board::RTL8187B);
        // rtl8187b_reg_table: the same offset on pages 0, 1, 2 and 3.
        for page in 0..4u16 {
            c.write(0xFF5B, page, &[0x10 + page as u8]).expect("write");
        }
        for page in 0..4u16 {
            assert_eq!(c.read(0xFF5B, page, 1).expect("read")[0], 0x10 + page as u8);
        }
        // Page 0's 0xF0-0xFF (the AC parameters) is reached with wIndex 0
        // while PGSELECT is 0.
        c.write(0xFFF0, 0, &[0x32]).expect("write");
        // AC_BE's parameters overlay the RTL8187L's TALLY_CNT.
        c.count_retries(5);
        c.write(0xFFF8, 0, &0x0000_A443u32.to_le_bytes())
            .expect("write");
        assert_eq!(rd(&mut c, 0xF8, 4), 0x0000_A443);
        c.write(0xFFF0, 1, &0u32.to_le_bytes()).expect("write");
        assert_eq!(rd(&mut c, 0xF0, 1), 0x32);
        assert_eq!(c.state().family, Family::B { revision: 2 });
    }

    #[test]
    fn rx_conf_says_93c46_at_power_on() {
        let mut c = chip();
        assert_eq!(rd(&mut c, regs::RX_CONF, 4) & regs::RX_CONF_EEPROM_93C66, 0);
    }

    #[test]
    fn pgselect_maps_page_1_and_asic_rev_reads_there() {
        let mut c = chip();
        wr(&mut c, regs::PGSELECT, 1, 1);
        assert_eq!(rd(&mut c, regs::ASIC_REV, 1) & 3, 1);
        wr(&mut c, regs::ASIC_REV, 0x10, 1);
        assert_eq!(rd(&mut c, regs::ASIC_REV, 1), 0x11);
        wr(&mut c, regs::PGSELECT, 0, 1);
        assert_eq!(rd(&mut c, regs::ASIC_REV, 1), 0);
        // An explicit page in wIndex wins.
        assert_eq!(c.read(0xFFFE, 1, 1).expect("read")[0], 0x11);
        // The MAC registers are not banked.
        wr(&mut c, regs::CMD, u32::from(regs::CMD_TX_ENABLE), 1);
        wr(&mut c, regs::PGSELECT, 1, 1);
        assert_eq!(rd(&mut c, regs::CMD, 1) as u8, regs::CMD_TX_ENABLE);
        assert_ne!(rd(&mut c, regs::GPIO1, 1) as u8 & regs::GPIO1_RADIO_ON, 0);
    }

    #[test]
    fn led_writes_report_only_changes() {
        let mut c = chip();
        assert_eq!(c.led_lit(), Some(false));
        assert_eq!(wr(&mut c, regs::GPIO0, 1, 1), vec![Effect::Led(true)]);
        assert_eq!(wr(&mut c, regs::GP_ENABLE, 0, 1), vec![]);
        assert_eq!(wr(&mut c, regs::GP_ENABLE, 1, 1), vec![Effect::Led(false)]);
        c.set_led_pin(LedPin::Led0);
        assert_eq!(c.led_lit(), Some(true));
        let pg = rd(&mut c, regs::PGSELECT, 1);
        assert_eq!(
            wr(
                &mut c,
                regs::PGSELECT,
                pg | u32::from(crate::led::PGSELECT_LED0),
                1
            ),
            vec![Effect::Led(false)]
        );
    }

    #[test]
    fn gpio1_carries_the_radio_switch() {
        let mut c = chip();
        assert_ne!(rd(&mut c, regs::GPIO1, 1) as u8 & regs::GPIO1_RADIO_ON, 0);
        c.set_radio(false);
        assert_eq!(rd(&mut c, regs::GPIO1, 1) as u8 & regs::GPIO1_RADIO_ON, 0);
        assert!(!c.state().rx_enabled());
    }

    #[test]
    fn tally_counts_retries() {
        let mut c = chip();
        assert_eq!(rd(&mut c, regs::TALLY_CNT, 2), 0);
        c.count_retries(3);
        assert_eq!(rd(&mut c, regs::TALLY_CNT, 2), 3);
    }

    #[test]
    fn tsft_advances() {
        let mut c = chip();
        let a = rd(&mut c, regs::TSFT, 4);
        std::thread::sleep(std::time::Duration::from_millis(2));
        assert!(rd(&mut c, regs::TSFT, 4) > a);
    }

    #[test]
    fn eeprom_is_read_through_eeprom_cmd_pins() {
        let mut c = chip();
        let prog = u32::from(regs::EEPROM_CMD_PROGRAM);
        let cs = u32::from(regs::EEPROM_CMD_CS);
        let sk = u32::from(regs::EEPROM_CMD_SK);
        let di = u32::from(regs::EEPROM_CMD_DI);
        let command = (0b110u32 << 6) | 7;
        wr(&mut c, regs::EEPROM_CMD, prog | cs, 1);
        for i in (0..9).rev() {
            let d = if command >> i & 1 == 1 { di } else { 0 };
            wr(&mut c, regs::EEPROM_CMD, prog | cs | d, 1);
            wr(&mut c, regs::EEPROM_CMD, prog | cs | d | sk, 1);
            wr(&mut c, regs::EEPROM_CMD, prog | cs | d, 1);
        }
        let mut word = 0u16;
        for i in (0..16).rev() {
            wr(&mut c, regs::EEPROM_CMD, prog | cs | sk, 1);
            if rd(&mut c, regs::EEPROM_CMD, 1) as u8 & regs::EEPROM_CMD_DO != 0 {
                word |= 1 << i;
            }
            wr(&mut c, regs::EEPROM_CMD, prog | cs, 1);
        }
        assert_eq!(word, u16::from_le_bytes([MAC[0], MAC[1]]));
    }

    #[test]
    fn fast_rf_write_tunes() {
        let mut c = chip();
        let effects = c.write(
            7,
            regs::RF_FAST_WRITE_INDEX,
            &crate::rf::CHANNEL_WORDS[10].to_le_bytes(),
        );
        let word = crate::rf::CHANNEL_WORDS[10];
        assert_eq!(
            effects,
            Ok(vec![Effect::Rf(RfEvent::Write {
                register: 7,
                value: word,
                channel: Some(11)
            })])
        );
        assert_eq!(c.state().channel, Some(11));
    }

    #[test]
    fn malformed_requests_are_errors() {
        let mut c = chip();
        assert_eq!(c.read(0xFF00, 0, 3), Err(RegError::BadLength(3)));
        assert_eq!(c.read(0x1234, 0, 1), Err(RegError::OutOfMap(0x1234)));
        assert_eq!(c.read(0xFF00, 9, 1), Err(RegError::BadPage(9)));
        assert_eq!(
            c.write(7, regs::RF_FAST_WRITE_INDEX, &[1]),
            Err(RegError::BadRfWrite(1))
        );
        // The last register read wider than the map stays in bounds.
        assert_eq!(c.read(0xFFFF, 0, 4).map(|v| v.len()), Ok(4));
        assert!(c.write(0xFFFE, 0, &[1, 2, 3, 4]).is_ok());
    }
}
