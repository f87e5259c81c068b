// SPDX-License-Identifier: GPL-2.0

//! The 93C46 (or 93C66) EEPROM behind EEPROM_CMD: Microwire bit-banged by
//! the host, one register access per pin change, as `eeprom_93cx6` does.

use crate::io::Io;
use crate::regs;
use crate::wireless::shims::time::delay;
use kernel::prelude::*;

/// READ opcode (3 bits: start bit and `10`).
const READ_OPCODE: u16 = 0x06;
const OPCODE_BITS: u32 = 3;

/// The EEPROM while its pins are in program mode.
pub(crate) struct Eeprom<'a> {
    io: &'a Io,
    /// Address bits: 6 on a 93C46, 8 on a 93C66.
    addr_bits: u32,
    /// Pin state as last read or written: data in, data out, clock, select.
    di: bool,
    dout: bool,
    clock: bool,
    select: bool,
}

impl<'a> Eeprom<'a> {
    /// Puts the EEPROM pins under host control for reading.
    pub(crate) fn open(io: &'a Io) -> Result<Self> {
        let wide = io.read32(regs::RX_CONF)? & regs::RX_CONF_EEPROM_93C66 != 0;
        io.write8(regs::EEPROM_CMD, regs::EEPROM_CMD_CONFIG)?;
        delay::udelay(10);
        Ok(Self {
            io,
            addr_bits: if wide { 8 } else { 6 },
            di: false,
            dout: false,
            clock: false,
            select: false,
        })
    }

    /// Reads the pins back from the register.
    fn load(&mut self) -> Result {
        let reg = self.io.read8(regs::EEPROM_CMD)?;
        self.di = reg & regs::EEPROM_CMD_WRITE != 0;
        self.dout = reg & regs::EEPROM_CMD_READ != 0;
        self.clock = reg & regs::EEPROM_CMD_CK != 0;
        self.select = reg & regs::EEPROM_CMD_CS != 0;
        Ok(())
    }

    /// Drives the pins in program mode.
    fn store(&self) -> Result {
        let mut reg = regs::EEPROM_CMD_PROGRAM;
        for (on, bit) in [
            (self.di, regs::EEPROM_CMD_WRITE),
            (self.dout, regs::EEPROM_CMD_READ),
            (self.clock, regs::EEPROM_CMD_CK),
            (self.select, regs::EEPROM_CMD_CS),
        ] {
            if on {
                reg |= bit;
            }
        }
        self.io.write8(regs::EEPROM_CMD, reg)?;
        delay::udelay(10);
        Ok(())
    }

    /// One clock cycle.
    fn pulse(&mut self) -> Result {
        self.clock = true;
        self.store()?;
        self.clock = false;
        self.store()
    }

    fn write_bits(&mut self, data: u16, count: u32) -> Result {
        self.load()?;
        self.di = false;
        self.dout = false;
        for i in (0..count).rev() {
            self.di = data & (1 << i) != 0;
            self.store()?;
            self.pulse()?;
        }
        self.di = false;
        self.store()
    }

    fn read_bits(&mut self, count: u32) -> Result<u16> {
        self.load()?;
        self.di = false;
        self.dout = false;
        let mut word = 0;
        for i in (0..count).rev() {
            self.clock = true;
            self.store()?;
            self.load()?;
            self.di = false;
            if self.dout {
                word |= 1 << i;
            }
            self.clock = false;
            self.store()?;
        }
        Ok(word)
    }

    /// Reads 16-bit word `addr`.
    pub(crate) fn read(&mut self, addr: u8) -> Result<u16> {
        // Select the chip and give it a clock.
        self.load()?;
        self.di = false;
        self.dout = false;
        self.clock = false;
        self.select = true;
        self.store()?;
        self.pulse()?;
        let command = (READ_OPCODE << self.addr_bits) | u16::from(addr);
        self.write_bits(command, OPCODE_BITS + self.addr_bits)?;
        let word = self.read_bits(16)?;
        // Deselect it.
        self.load()?;
        self.di = false;
        self.select = false;
        self.store()?;
        self.pulse()?;
        Ok(word)
    }

    /// Reads `N` consecutive words from `addr` as bytes, low byte first.
    pub(crate) fn read_bytes<const N: usize>(&mut self, addr: u8) -> Result<[u8; N]> {
        let mut out = [0u8; N];
        for (i, pair) in out.chunks_mut(2).enumerate() {
            let word = self.read(addr + i as u8)?.to_le_bytes();
            pair.copy_from_slice(&word[..pair.len()]);
        }
        Ok(out)
    }

    /// Returns the pins to the MAC (normal mode).
    pub(crate) fn close(self) -> Result {
        self.io.write8(regs::EEPROM_CMD, regs::EEPROM_CMD_NORMAL)
    }
}
