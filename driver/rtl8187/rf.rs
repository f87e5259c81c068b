// SPDX-License-Identifier: GPL-2.0

//! The RTL8225 and RTL8225z2 radios: their 3-wire register interface,
//! detection, init and calibration, channel and TX power (`rf_b` has what
//! differs behind an RTL8187B). The tables and magic delays are the vendor
//! driver's.

use crate::io::Io;
use crate::model::Model;
use crate::regs;
use crate::wireless::shims::time::delay::{msleep, udelay};
use kernel::prelude::*;

/// Which radio the board carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RfChip {
    Rtl8225,
    Rtl8225z2,
}

impl RfChip {
    pub(crate) fn name(self) -> &'static str {
        match self {
            RfChip::Rtl8225 => "rtl8225",
            RfChip::Rtl8225z2 => "rtl8225z2",
        }
    }
}

/// TX power calibration from the EEPROM.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct TxPower {
    /// Per channel 1-14: CCK power in bits 0-3, OFDM power in bits 4-7.
    pub(crate) channel: [u8; 14],
    /// Base added to both: CCK in bits 0-3, OFDM in bits 4-7.
    pub(crate) base: u16,
}

/// The radio and how to reach it.
pub(crate) struct Radio {
    pub(crate) chip: RfChip,
    /// The MAC in front of it: an RTL8187B programs its RTL8225z2 its own way.
    pub(crate) model: Model,
    /// ASIC revision: non-zero chips write RF registers in one request,
    /// revision 0 (B-cut) has the host bit-bang them.
    pub(crate) asic_rev: u8,
    pub(crate) power: TxPower,
}

/// RF_PINS_OUTPUT bits of the 3-wire bus.
const PIN_DATA: u16 = 1 << 0;
const PIN_CLK: u16 = 1 << 1;
/// Chip enable, active low.
const PIN_EN: u16 = 1 << 2;
const PIN_READ: u16 = 1 << 3;

/// RF register 7 value of channels 1-14.
const CHANNEL_REG7: [u16; 14] = [
    0x085c, 0x08dc, 0x095c, 0x09dc, 0x0a5c, 0x0adc, 0x0b5c, 0x0bdc, 0x0c5c, 0x0cdc, 0x0d5c,
    0x0ddc, 0x0e5c, 0x0f72,
];

/// Writes RTL8225 register `reg` with 12-bit `data`.
fn write(io: &Io, asic_rev: u8, reg: u8, data: u16) -> Result {
    if asic_rev != 0 {
        write_8051(io, reg, data)
    } else {
        write_bitbang(io, reg, data)
    }
}

fn write_bitbang(io: &Io, reg: u8, data: u16) -> Result {
    let bits = (u32::from(data) << 4) | u32::from(reg & 0xf);
    let out = io.read16(regs::RF_PINS_OUTPUT)? & 0xfff3;
    let enable = io.read16(regs::RF_PINS_ENABLE)?;
    io.write16(regs::RF_PINS_ENABLE, enable | 0x7)?;
    let select = io.read16(regs::RF_PINS_SELECT)?;
    io.write16(regs::RF_PINS_SELECT, select | 0x7)?;
    udelay(10);
    io.write16(regs::RF_PINS_OUTPUT, out | PIN_EN)?;
    udelay(2);
    io.write16(regs::RF_PINS_OUTPUT, out)?;
    udelay(10);
    for i in (0..16).rev() {
        let v = if (bits >> i) & 1 != 0 { out | PIN_DATA } else { out };
        if i & 1 != 0 {
            io.write16(regs::RF_PINS_OUTPUT, v)?;
        }
        io.write16(regs::RF_PINS_OUTPUT, v | PIN_CLK)?;
        io.write16(regs::RF_PINS_OUTPUT, v | PIN_CLK)?;
        if i & 1 == 0 {
            io.write16(regs::RF_PINS_OUTPUT, v)?;
        }
    }
    io.write16(regs::RF_PINS_OUTPUT, out | PIN_EN)?;
    udelay(10);
    io.write16(regs::RF_PINS_OUTPUT, out | PIN_EN)?;
    io.write16(regs::RF_PINS_SELECT, select)
}

fn write_8051(io: &Io, reg: u8, data: u16) -> Result {
    let out = io.read16(regs::RF_PINS_OUTPUT)? & !(0x3 << 2);
    let enable = io.read16(regs::RF_PINS_ENABLE)?;
    let select = io.read16(regs::RF_PINS_SELECT)? & !0xf;
    io.write16(regs::RF_PINS_ENABLE, enable | 0x7)?;
    io.write16(regs::RF_PINS_SELECT, select | 0x7)?;
    udelay(10);
    io.write16(regs::RF_PINS_OUTPUT, out | PIN_EN)?;
    udelay(2);
    io.write16(regs::RF_PINS_OUTPUT, out)?;
    udelay(10);
    io.rf_fast_write(reg, data)?;
    io.write16(regs::RF_PINS_OUTPUT, out | PIN_EN)?;
    udelay(10);
    io.write16(regs::RF_PINS_OUTPUT, out | PIN_EN)?;
    io.write16(regs::RF_PINS_SELECT, select)
}

/// Reads RTL8225 register `reg` (always bit-banged).
fn read(io: &Io, reg: u8) -> Result<u16> {
    let out = io.read16(regs::RF_PINS_OUTPUT)? & !0xf;
    let enable = io.read16(regs::RF_PINS_ENABLE)?;
    let select = io.read16(regs::RF_PINS_SELECT)?;
    io.write16(regs::RF_PINS_ENABLE, enable | 0xf)?;
    io.write16(regs::RF_PINS_SELECT, select | 0xf)?;
    io.write16(regs::RF_PINS_OUTPUT, out | PIN_EN)?;
    udelay(4);
    io.write16(regs::RF_PINS_OUTPUT, out)?;
    udelay(5);
    for i in (0..5).rev() {
        let v = if (reg >> i) & 1 != 0 { out | PIN_DATA } else { out };
        if i & 1 == 0 {
            io.write16(regs::RF_PINS_OUTPUT, v)?;
            udelay(1);
        }
        io.write16(regs::RF_PINS_OUTPUT, v | PIN_CLK)?;
        udelay(2);
        io.write16(regs::RF_PINS_OUTPUT, v | PIN_CLK)?;
        udelay(2);
        if i & 1 != 0 {
            io.write16(regs::RF_PINS_OUTPUT, v)?;
            udelay(1);
        }
    }
    io.write16(regs::RF_PINS_OUTPUT, out | PIN_READ | PIN_CLK)?;
    udelay(2);
    io.write16(regs::RF_PINS_OUTPUT, out | PIN_READ)?;
    udelay(2);
    io.write16(regs::RF_PINS_OUTPUT, out | PIN_READ)?;
    udelay(2);
    let mut value = 0;
    for i in (0..12).rev() {
        io.write16(regs::RF_PINS_OUTPUT, out | PIN_READ)?;
        udelay(1);
        for _ in 0..3 {
            io.write16(regs::RF_PINS_OUTPUT, out | PIN_READ | PIN_CLK)?;
            udelay(2);
        }
        if io.read16(regs::RF_PINS_INPUT)? & PIN_CLK != 0 {
            value |= 1 << i;
        }
        io.write16(regs::RF_PINS_OUTPUT, out | PIN_READ)?;
        udelay(2);
    }
    io.write16(regs::RF_PINS_OUTPUT, out | PIN_READ | PIN_EN)?;
    udelay(2);
    io.write16(regs::RF_PINS_ENABLE, enable)?;
    io.write16(regs::RF_PINS_SELECT, select)?;
    io.write16(regs::RF_PINS_OUTPUT, 0x03a0)?;
    Ok(value)
}

/// Tells an RTL8225z2 from an RTL8225 by two registers only the z2 has
/// at these values.
pub(crate) fn detect(io: &Io, asic_rev: u8) -> Result<RfChip> {
    write(io, asic_rev, 0, 0x1b7)?;
    let r8 = read(io, 8)?;
    let r9 = read(io, 9)?;
    write(io, asic_rev, 0, 0x0b7)?;
    Ok(if r8 == 0x588 && r9 == 0x700 {
        RfChip::Rtl8225z2
    } else {
        RfChip::Rtl8225
    })
}

/// Baseband AGC table, written through OFDM registers 0xB/0xA.
const AGC: [u8; 128] = [
    0x9e, 0x9e, 0x9e, 0x9e, 0x9e, 0x9e, 0x9e, 0x9e, 0x9d, 0x9c, 0x9b, 0x9a, 0x99, 0x98, 0x97, 0x96,
    0x95, 0x94, 0x93, 0x92, 0x91, 0x90, 0x8f, 0x8e, 0x8d, 0x8c, 0x8b, 0x8a, 0x89, 0x88, 0x87, 0x86,
    0x85, 0x84, 0x83, 0x82, 0x81, 0x80, 0x3f, 0x3e, 0x3d, 0x3c, 0x3b, 0x3a, 0x39, 0x38, 0x37, 0x36,
    0x35, 0x34, 0x33, 0x32, 0x31, 0x30, 0x2f, 0x2e, 0x2d, 0x2c, 0x2b, 0x2a, 0x29, 0x28, 0x27, 0x26,
    0x25, 0x24, 0x23, 0x22, 0x21, 0x20, 0x1f, 0x1e, 0x1d, 0x1c, 0x1b, 0x1a, 0x19, 0x18, 0x17, 0x16,
    0x15, 0x14, 0x13, 0x12, 0x11, 0x10, 0x0f, 0x0e, 0x0d, 0x0c, 0x0b, 0x0a, 0x09, 0x08, 0x07, 0x06,
    0x05, 0x04, 0x03, 0x02, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01,
    0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01,
];

/// RX gain table (RF register 2 for gain index 1-95), the first 80
/// entries both radios share.
const RXGAIN_HEAD: [u16; 80] = [
    0x0400, 0x0401, 0x0402, 0x0403, 0x0404, 0x0405, 0x0408, 0x0409, 0x040a, 0x040b, 0x0502,
    0x0503, 0x0504, 0x0505, 0x0540, 0x0541, 0x0542, 0x0543, 0x0544, 0x0545, 0x0580, 0x0581,
    0x0582, 0x0583, 0x0584, 0x0585, 0x0588, 0x0589, 0x058a, 0x058b, 0x0643, 0x0644, 0x0645,
    0x0680, 0x0681, 0x0682, 0x0683, 0x0684, 0x0685, 0x0688, 0x0689, 0x068a, 0x068b, 0x068c,
    0x0742, 0x0743, 0x0744, 0x0745, 0x0780, 0x0781, 0x0782, 0x0783, 0x0784, 0x0785, 0x0788,
    0x0789, 0x078a, 0x078b, 0x078c, 0x078d, 0x0790, 0x0791, 0x0792, 0x0793, 0x0794, 0x0795,
    0x0798, 0x0799, 0x079a, 0x079b, 0x079c, 0x079d, 0x07a0, 0x07a1, 0x07a2, 0x07a3, 0x07a4,
    0x07a5, 0x07a8, 0x07a9,
];
/// The last 15 RX gain entries of the RTL8225 (B/C/D cuts).
const RXGAIN_TAIL_8225: [u16; 15] = [
    0x07aa, 0x07ab, 0x07ac, 0x07ad, 0x07b0, 0x07b1, 0x07b2, 0x07b3, 0x07b4, 0x07b5, 0x07b8,
    0x07b9, 0x07ba, 0x07bb, 0x07bb,
];
/// The last 15 RX gain entries of the RTL8225z2.
pub(crate) const RXGAIN_TAIL_8225Z2: [u16; 15] = [
    0x03aa, 0x03ab, 0x03ac, 0x03ad, 0x03b0, 0x03b1, 0x03b2, 0x03b3, 0x03b4, 0x03b5, 0x03b8,
    0x03b9, 0x03ba, 0x03bb, 0x03bb,
];

/// RF registers 0-15 at power-up.
const RF_INIT_8225: [u16; 16] = [
    0x067, 0xFE0, 0x44D, 0x441, 0x486, 0xBC0, 0xAE6, 0x82A, 0x01F, 0x334, 0xFD4, 0x391, 0x050,
    0x6DB, 0x029, 0x914,
];
const RF_INIT_8225Z2: [u16; 16] = [
    0x2BF, 0xEE0, 0x44D, 0x441, 0x8C3, 0xC72, 0x0E6, 0x82A, 0x03F, 0x335, 0x9D4, 0x7BB, 0x850,
    0xCDF, 0x02B, 0x114,
];

/// OFDM baseband registers 0x00-0x27 after the AGC table: `None` is a
/// register the radio's init leaves alone.
const OFDM_INIT_8225: [Option<u8>; 0x28] = ofdm_table(&[
    0x01, 0x02, 0x42, 0x00, 0x00, 0x00, 0x40, 0x00, 0x40, 0xfe, 0x09, 0x80, 0x01, 0, 0xd3, 0x38,
    0x84, 0x06, 0x20, 0x20, 0x00, 0x40, 0x00, 0x40, 0xef, 0x19, 0x20, 0x76, 0x04, 0, 0x95, 0x75,
    0x1f, 0x27, 0x16, 0, 0x46, 0x20, 0x90, 0x88,
], &[0x0d, 0x1d, 0x23]);
const OFDM_INIT_8225Z2: [Option<u8>; 0x28] = ofdm_table(&[
    0x01, 0x02, 0x42, 0x00, 0x00, 0x00, 0x40, 0x00, 0x40, 0xfe, 0x08, 0x80, 0x01, 0x43, 0xd3,
    0x38, 0x84, 0x07, 0x20, 0x20, 0x00, 0x40, 0x00, 0x40, 0xef, 0x19, 0x20, 0x15, 0x04, 0xc5,
    0x95, 0x75, 0x1f, 0x17, 0x16, 0x80, 0x46, 0x00, 0x90, 0x88,
], &[]);

const fn ofdm_table(values: &[u8; 0x28], skipped: &[u8]) -> [Option<u8>; 0x28] {
    let mut t = [None; 0x28];
    let mut i = 0;
    while i < 0x28 {
        t[i] = Some(values[i]);
        i += 1;
    }
    let mut j = 0;
    while j < skipped.len() {
        t[skipped[j] as usize] = None;
        j += 1;
    }
    t
}

/// CCK baseband registers after the OFDM ones; 0x44-0x4b are the CCK TX
/// power table the radio starts with.
const CCK_INIT_8225: [(u8, u8); 27] = cck_table([0x1f, 0x1e, 0x1a, 0x15, 0x10, 0x0a, 0x05, 0x02]);
const CCK_INIT_8225Z2: [(u8, u8); 27] =
    cck_table([0x36, 0x35, 0x2e, 0x25, 0x1c, 0x12, 0x09, 0x04]);

const fn cck_table(power: [u8; 8]) -> [(u8, u8); 27] {
    let mut t = [
        (0x00, 0x98), (0x03, 0x20), (0x04, 0x7e), (0x05, 0x12), (0x06, 0xfc), (0x07, 0x78),
        (0x08, 0x2e), (0x10, 0x9b), (0x11, 0x88), (0x12, 0x47), (0x13, 0xd0), (0x19, 0x00),
        (0x1a, 0xa0), (0x1b, 0x08), (0x40, 0x86), (0x41, 0x8d), (0x42, 0x15), (0x43, 0x18),
        (0x44, 0), (0x45, 0), (0x46, 0), (0x47, 0), (0x48, 0), (0x49, 0), (0x4a, 0), (0x4b, 0),
        (0x4c, 0x05),
    ];
    let mut i = 0;
    while i < 8 {
        t[18 + i].1 = power[i];
        i += 1;
    }
    t
}

/// RTL8225 sensitivity (gain) settings, 4 per step: OFDM 0x0d, 0x23,
/// 0x1b, 0x1d; the init uses step 2.
const GAIN_8225: [u8; 4] = [0x23, 0x88, 0x7c, 0xc5];
/// RTL8225 CCK threshold at step 2.
const THRESHOLD_8225: u8 = 0x8d;
/// RTL8225z2 gain at step 4: OFDM 0x0b, 0x1b, 0x1d.
const GAIN_8225Z2: [u8; 3] = [0x43, 0x15, 0xc5];

const TX_GAIN_8225: [u8; 6] = [0x02, 0x06, 0x0e, 0x1e, 0x3e, 0x7e];
const TX_POWER_CCK_8225: [[u8; 8]; 6] = [
    [0x18, 0x17, 0x15, 0x11, 0x0c, 0x08, 0x04, 0x02],
    [0x1b, 0x1a, 0x17, 0x13, 0x0e, 0x09, 0x04, 0x02],
    [0x1f, 0x1e, 0x1a, 0x15, 0x10, 0x0a, 0x05, 0x02],
    [0x22, 0x21, 0x1d, 0x18, 0x11, 0x0b, 0x06, 0x02],
    [0x26, 0x25, 0x21, 0x1b, 0x14, 0x0d, 0x06, 0x03],
    [0x2b, 0x2a, 0x25, 0x1e, 0x16, 0x0e, 0x07, 0x03],
];
const TX_POWER_CCK_CH14_8225: [[u8; 8]; 6] = [
    [0x18, 0x17, 0x15, 0x0c, 0x00, 0x00, 0x00, 0x00],
    [0x1b, 0x1a, 0x17, 0x0e, 0x00, 0x00, 0x00, 0x00],
    [0x1f, 0x1e, 0x1a, 0x0f, 0x00, 0x00, 0x00, 0x00],
    [0x22, 0x21, 0x1d, 0x11, 0x00, 0x00, 0x00, 0x00],
    [0x26, 0x25, 0x21, 0x13, 0x00, 0x00, 0x00, 0x00],
    [0x2b, 0x2a, 0x25, 0x15, 0x00, 0x00, 0x00, 0x00],
];
const TX_POWER_OFDM_8225: [u8; 6] = [0x80, 0x90, 0xa2, 0xb5, 0xcb, 0xe4];
const TX_POWER_CCK_8225Z2: [u8; 8] = [0x36, 0x35, 0x2e, 0x25, 0x1c, 0x12, 0x09, 0x04];
const TX_POWER_CCK_CH14_8225Z2: [u8; 8] = [0x36, 0x35, 0x2e, 0x1b, 0x00, 0x00, 0x00, 0x00];

impl Radio {
    pub(crate) fn write(&self, io: &Io, reg: u8, data: u16) -> Result {
        write(io, self.asic_rev, reg, data)
    }

    /// Calibrates the receiver by toggling RF register 2; the radio sets
    /// bit 7 of register 6 when done.
    fn calibrate(&self, io: &Io) -> Result {
        if read(io, 6)? & (1 << 7) != 0 {
            return Ok(());
        }
        self.write(io, 0x02, 0x0c4d)?;
        msleep(200);
        self.write(io, 0x02, 0x044d)?;
        msleep(100);
        let r6 = read(io, 6)?;
        if r6 & (1 << 7) == 0 {
            pr_warn!("RF Calibration Failed: register 6 reads {:#x}\n", r6);
        }
        Ok(())
    }

    /// Powers up and programs the radio and the baseband for channel 1.
    pub(crate) fn init(&self, io: &Io) -> Result {
        if self.model.is_b() {
            return self.init_b(io);
        }
        let (rf_init, rxgain_tail) = match self.chip {
            RfChip::Rtl8225 => (&RF_INIT_8225, &RXGAIN_TAIL_8225),
            RfChip::Rtl8225z2 => (&RF_INIT_8225Z2, &RXGAIN_TAIL_8225Z2),
        };
        for (reg, v) in rf_init.iter().enumerate() {
            self.write(io, reg as u8, *v)?;
        }
        msleep(100);
        match self.chip {
            RfChip::Rtl8225 => {
                self.write(io, 0x2, 0xc4d)?;
                msleep(200);
                self.write(io, 0x2, 0x44d)?;
                msleep(200);
                self.calibrate(io)?;
                self.write(io, 0x0, 0x127)?;
                self.write_rxgain(io, rxgain_tail)?;
                self.write(io, 0x0, 0x027)?;
                self.write(io, 0x0, 0x22f)?;
            }
            RfChip::Rtl8225z2 => {
                self.write(io, 0x0, 0x1b7)?;
                self.write_rxgain(io, rxgain_tail)?;
                self.write(io, 0x3, 0x080)?;
                self.write(io, 0x5, 0x004)?;
                self.write(io, 0x0, 0x0b7)?;
                self.write(io, 0x2, 0xc4d)?;
                msleep(200);
                self.write(io, 0x2, 0x44d)?;
                msleep(100);
                self.calibrate(io)?;
                msleep(200);
                self.write(io, 0x0, 0x2bf)?;
            }
        }
        for (i, v) in AGC.iter().enumerate() {
            io.write_phy_ofdm(0xb, *v)?;
            io.write_phy_ofdm(0xa, 0x80 + i as u8)?;
        }
        msleep(1);
        let (ofdm, cck) = match self.chip {
            RfChip::Rtl8225 => (&OFDM_INIT_8225, &CCK_INIT_8225),
            RfChip::Rtl8225z2 => (&OFDM_INIT_8225Z2, &CCK_INIT_8225Z2),
        };
        for (reg, v) in ofdm.iter().enumerate() {
            if let Some(v) = v {
                io.write_phy_ofdm(reg as u8, *v)?;
            }
        }
        match self.chip {
            RfChip::Rtl8225 => {
                io.write_phy_ofdm(0x0d, GAIN_8225[0])?;
                io.write_phy_ofdm(0x1b, GAIN_8225[2])?;
                io.write_phy_ofdm(0x1d, GAIN_8225[3])?;
                io.write_phy_ofdm(0x23, GAIN_8225[1])?;
            }
            RfChip::Rtl8225z2 => {
                io.write_phy_ofdm(0x0b, GAIN_8225Z2[0])?;
                io.write_phy_ofdm(0x1b, GAIN_8225Z2[1])?;
                io.write_phy_ofdm(0x1d, GAIN_8225Z2[2])?;
                io.write_phy_ofdm(0x21, 0x37)?;
            }
        }
        for (reg, v) in cck.iter() {
            io.write_phy_cck(*reg, *v)?;
        }
        io.write8(regs::TESTR, 0x0d)?;
        msleep(1);
        self.set_tx_power(io, 1)?;
        // RX antenna A.
        io.write_phy_cck(0x10, 0x9b)?;
        io.write_phy_ofdm(0x26, 0x90)?;
        io.write8(regs::TX_ANTENNA, 0x03)?;
        msleep(1);
        io.write32(regs::RF_INIT_MAGIC, 0x3dc0_0002)?;
        if self.chip == RfChip::Rtl8225 {
            // Sensitivity.
            self.write(io, 0x0c, 0x50)?;
            io.write_phy_ofdm(0x0d, GAIN_8225[0])?;
            io.write_phy_ofdm(0x1b, GAIN_8225[2])?;
            io.write_phy_ofdm(0x1d, GAIN_8225[3])?;
            io.write_phy_ofdm(0x23, GAIN_8225[1])?;
            io.write_phy_cck(0x41, THRESHOLD_8225)?;
        }
        Ok(())
    }

    pub(crate) fn write_rxgain(&self, io: &Io, tail: &[u16]) -> Result {
        for (i, v) in Iterator::chain(RXGAIN_HEAD.iter(), tail.iter()).enumerate() {
            self.write(io, 0x1, i as u16 + 1)?;
            self.write(io, 0x2, *v)?;
        }
        Ok(())
    }

    /// Sets the TX power of `channel` (1-14) from the EEPROM calibration.
    fn set_tx_power(&self, io: &Io, channel: usize) -> Result {
        if let Model::B(rev) = self.model {
            return self.set_tx_power_b(io, channel, rev);
        }
        let cal = self.power.channel[channel - 1];
        let (cck, ofdm) = (cal & 0xf, cal >> 4);
        match self.chip {
            RfChip::Rtl8225 => {
                let cck = cck.min(11) as usize;
                let ofdm = if ofdm > 15 { 25 } else { ofdm as usize + 10 };
                io.write8(regs::TX_GAIN_CCK, TX_GAIN_8225[cck / 6] >> 1)?;
                let table = if channel == 14 {
                    &TX_POWER_CCK_CH14_8225[cck % 6]
                } else {
                    &TX_POWER_CCK_8225[cck % 6]
                };
                self.write_cck_power(io, table)?;
                msleep(1);
                self.anaparam2_on(io)?;
                io.write_phy_ofdm(2, 0x42)?;
                io.write_phy_ofdm(6, 0x00)?;
                io.write_phy_ofdm(8, 0x00)?;
                io.write8(regs::TX_GAIN_OFDM, TX_GAIN_8225[ofdm / 6] >> 1)?;
                let p = TX_POWER_OFDM_8225[ofdm % 6];
                io.write_phy_ofdm(5, p)?;
                io.write_phy_ofdm(7, p)?;
            }
            RfChip::Rtl8225z2 => {
                let base = self.power.base;
                let cck = (cck.min(15) + (base & 0xf) as u8).min(35);
                let ofdm = if ofdm > 15 { 25 } else { ofdm + 10 };
                let ofdm = ofdm.saturating_add((base >> 4) as u8).min(35);
                let table = if channel == 14 {
                    &TX_POWER_CCK_CH14_8225Z2
                } else {
                    &TX_POWER_CCK_8225Z2
                };
                self.write_cck_power(io, table)?;
                // The z2 gain table is the identity over 0..=35.
                io.write8(regs::TX_GAIN_CCK, cck)?;
                msleep(1);
                self.anaparam2_on(io)?;
                io.write_phy_ofdm(2, 0x42)?;
                io.write_phy_ofdm(5, 0x00)?;
                io.write_phy_ofdm(6, 0x40)?;
                io.write_phy_ofdm(7, 0x00)?;
                io.write_phy_ofdm(8, 0x40)?;
                io.write8(regs::TX_GAIN_OFDM, ofdm)?;
            }
        }
        msleep(1);
        Ok(())
    }

    pub(crate) fn write_cck_power(&self, io: &Io, table: &[u8; 8]) -> Result {
        for (i, v) in table.iter().enumerate() {
            io.write_phy_cck(0x44 + i as u8, *v)?;
        }
        Ok(())
    }

    fn anaparam2_on(&self, io: &Io) -> Result {
        io.with_config_unlocked(|| {
            io.with_anaparam_writable(|| io.write32(regs::ANAPARAM2, regs::ANAPARAM2_ON))
        })
    }

    /// Tunes to `channel` (1-14) with its TX power.
    pub(crate) fn set_channel(&self, io: &Io, channel: u8) -> Result {
        let idx = usize::from(channel);
        if !(1..=14).contains(&idx) {
            pr_err!("channel {} is not a 2.4 GHz channel the RTL8225 has\n", channel);
            return Err(EINVAL);
        }
        self.set_tx_power(io, idx)?;
        self.write(io, 0x7, CHANNEL_REG7[idx - 1])?;
        msleep(10);
        Ok(())
    }

    /// Powers the radio's transmitter down.
    pub(crate) fn stop(&self, io: &Io) -> Result {
        self.write(io, 0x4, 0x1f)
    }
}
