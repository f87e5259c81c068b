// SPDX-License-Identifier: GPL-2.0

//! The RTL8187B's MAC sequences where they differ from the RTL8187L's:
//! init, start, slot timing and the per-queue EDCA parameters. Magic
//! values, pages and delays are the vendor driver's.

use crate::io::Io;
use crate::mac;
use crate::regs;
use crate::rf::Radio;
use crate::wireless::mac80211::TxQueueParams;
use crate::wireless::shims::time::delay::msleep;
use kernel::prelude::*;

/// SIFS in us, part of every AIFS the queues are given.
const SIFS_US: u8 = 10;

/// Undocumented registers the vendor driver programs at init: address
/// (low byte, in the 0xFF00 block), value, page.
#[rustfmt::skip]
const INIT_TABLE: [(u8, u8, u8); 85] = [
    (0xF0, 0x32, 0), (0xF1, 0x32, 0), (0xF2, 0x00, 0), (0xF3, 0x00, 0),
    (0xF4, 0x32, 0), (0xF5, 0x43, 0), (0xF6, 0x00, 0), (0xF7, 0x00, 0),
    (0xF8, 0x46, 0), (0xF9, 0xA4, 0), (0xFA, 0x00, 0), (0xFB, 0x00, 0),
    (0xFC, 0x96, 0), (0xFD, 0xA4, 0), (0xFE, 0x00, 0), (0xFF, 0x00, 0),
    (0x58, 0x4B, 1), (0x59, 0x00, 1), (0x5A, 0x4B, 1), (0x5B, 0x00, 1),
    (0x60, 0x4B, 1), (0x61, 0x09, 1), (0x62, 0x4B, 1), (0x63, 0x09, 1),
    (0xCE, 0x0F, 1), (0xCF, 0x00, 1), (0xF0, 0x4E, 1), (0xF1, 0x01, 1),
    (0xF2, 0x02, 1), (0xF3, 0x03, 1), (0xF4, 0x04, 1), (0xF5, 0x05, 1),
    (0xF6, 0x06, 1), (0xF7, 0x07, 1), (0xF8, 0x08, 1),
    (0x4E, 0x00, 2), (0x0C, 0x04, 2), (0x21, 0x61, 2), (0x22, 0x68, 2),
    (0x23, 0x6F, 2), (0x24, 0x76, 2), (0x25, 0x7D, 2), (0x26, 0x84, 2),
    (0x27, 0x8D, 2), (0x4D, 0x08, 2), (0x50, 0x05, 2), (0x51, 0xF5, 2),
    (0x52, 0x04, 2), (0x53, 0xA0, 2), (0x54, 0x1F, 2), (0x55, 0x23, 2),
    (0x56, 0x45, 2), (0x57, 0x67, 2), (0x58, 0x08, 2), (0x59, 0x08, 2),
    (0x5A, 0x08, 2), (0x5B, 0x08, 2), (0x60, 0x08, 2), (0x61, 0x08, 2),
    (0x62, 0x08, 2), (0x63, 0x08, 2), (0x64, 0xCF, 2),
    (0x5B, 0x40, 0), (0x84, 0x88, 0), (0x85, 0x24, 0), (0x88, 0x54, 0),
    (0x8B, 0xB8, 0), (0x8C, 0x07, 0), (0x8D, 0x00, 0), (0x94, 0x1B, 0),
    (0x95, 0x12, 0), (0x96, 0x00, 0), (0x97, 0x06, 0), (0x9D, 0x1A, 0),
    (0x9F, 0x10, 0), (0xB4, 0x22, 0), (0xBE, 0x80, 0), (0xDB, 0x00, 0),
    (0xEE, 0x00, 0), (0x4C, 0x00, 2),
    (0x9F, 0x00, 3), (0x8C, 0x01, 0), (0x8D, 0x10, 0), (0x8E, 0x08, 0),
    (0x8F, 0x00, 0),
];

/// The RF switch control values the vendor driver sets on page 3 after RF
/// init: register, value.
const RFSW_TABLE: [(u16, u16); 6] = [
    (0xFF72, 0x59FA),
    (0xFF74, 0x59D2),
    (0xFF76, 0x59D2),
    (0xFF78, 0x19FA),
    (0xFF7A, 0x19FA),
    (0xFF7C, 0x00D0),
];

/// The slot time and per-queue AIFSN the EDCA registers are computed
/// from; slot timing and queue parameters change them separately.
#[derive(Clone, Copy)]
pub(crate) struct Edca {
    /// Slot time in us.
    pub(crate) slot: u8,
    /// AIFSN per mac80211 queue.
    pub(crate) aifsn: [u8; 4],
}

impl Edca {
    /// The values init leaves: short slot, the vendor driver's AIFSNs.
    pub(crate) const INITIAL: Edca = Edca {
        slot: 9,
        aifsn: [2, 2, 7, 3],
    };

    /// AIFS in us (more than 8 bits only for AIFSNs no AP sends).
    fn aifs_us(&self, queue: usize) -> u32 {
        u32::from(self.aifsn[queue]) * u32::from(self.slot) + u32::from(SIFS_US)
    }
}

/// Powers the chip up, resets it and brings up the radio; leaves TX and
/// RX enabled, as the vendor driver's init does.
pub(crate) fn init(io: &Io, radio: &Radio) -> Result {
    io.set_anaparam(true, true)?;
    // PLL reset: saves some 30 mA.
    io.write8(0xFF61, 0x10)?;
    let pll = io.read8(0xFF62)?;
    io.write8(0xFF62, pll & !(1 << 5))?;
    io.write8(0xFF62, pll | (1 << 5))?;
    mac::reset(io)?;
    io.set_anaparam(true, true)?;

    // Every rate in the basic rate set.
    io.write16(regs::BRSR_B, 0x0fff)?;
    io.update8(regs::CW_CONF, 0, regs::CW_CONF_PERPACKET_RETRY)?;
    // Auto rate fallback over 1-54 Mbit/s.
    io.write16_page(0xFFE0, 1, 0x0fff)?;
    io.write8_page(0xFFE2, 1, 0x00)?;
    io.write16_page(0xFFD4, 1, 0xffff)?;
    io.with_config_unlocked(|| {
        let c1 = io.read8(regs::CONFIG1)?;
        io.write8(regs::CONFIG1, (c1 & 0x3f) | 0x80)
    })?;
    io.write8(regs::WPA_CONF, 0)?;
    for (offset, value, page) in INIT_TABLE {
        io.write8_page(0xFF00 | u16::from(offset), page, value)?;
    }
    io.write16(regs::TID_AC_MAP_B, 0xfa50)?;
    io.write16(regs::INT_MIG_B, 0)?;
    io.write32_page(0xFFF0, 1, 0)?;
    io.write32_page(0xFFF4, 1, 0)?;
    io.write8_page(0xFFF8, 1, 0)?;
    io.write32(regs::RF_TIMING, 0x0000_4001)?;
    // RF switch control.
    io.write16_page(0xFF72, 2, 0x569a)?;
    io.write16(regs::RF_PINS_OUTPUT, 0x0480)?;
    io.write16(regs::RF_PINS_SELECT, 0x2488)?;
    io.write16(regs::RF_PINS_ENABLE, 0x1fff)?;
    msleep(100);

    radio.init(io)?;

    io.write8(regs::CMD, regs::CMD_TX_ENABLE | regs::CMD_RX_ENABLE)?;
    io.write16(regs::INT_MASK, 0xffff)?;
    for (reg, value) in [
        (0xFE41, 0xF4),
        (0xFE40, 0x00),
        (0xFE42, 0x00),
        (0xFE42, 0x01),
        (0xFE40, 0x0F),
        (0xFE42, 0x00),
        (0xFE42, 0x01),
    ] {
        io.write8(reg, value)?;
    }
    io.update8(0xFFDB, 0, 1 << 2)?;
    for (reg, value) in RFSW_TABLE {
        io.write16_page(reg, 3, value)?;
    }
    io.write8(0xFF61, 0)?;
    io.write8_page(0xFF80, 1, 0x0f)?;
    io.write8_page(0xFF83, 1, 0x03)?;
    io.write8(0xFFDA, 0x10)?;
    io.write8_page(0xFF4D, 2, 0x08)?;
    io.write32(regs::RF_INIT_MAGIC, 0x0600_321b)?;
    io.write16_page(0xFFEC, 1, 0x0800)?;
    io.write8(regs::ACM_CONTROL_B, 0)?;
    io.write8(regs::MSR, regs::MSR_ENEDCA)
}

/// Starts receiving with filter `rx_conf`; the hardware numbers the
/// frames and retries each at most `RETRY_COUNT` times.
pub(crate) fn start(io: &Io, rx_conf: u32) -> Result {
    io.write32(regs::RX_CONF, rx_conf)?;
    mac::tx_gain_per_frame_off(io)?;
    let retry = u32::from(regs::RETRY_COUNT);
    io.write32(
        regs::TX_CONF,
        regs::TX_CONF_HW_SEQNUM
            | regs::TX_CONF_DISREQQSIZE
            | (retry << 8)
            | retry
            | regs::TX_CONF_MAX_DMA,
    )
}

/// Sets slot time, DIFS, EIFS, the ACK timeout and every queue's AIFS.
pub(crate) fn set_erp(io: &Io, edca: &mut Edca, short_slot: bool, short_preamble: bool) -> Result {
    let (slot, difs, eifs) = if short_slot {
        (0x9, 0x1c, 0x53)
    } else {
        (0x14, 0x32, 0x5b)
    };
    edca.slot = slot;
    io.write8(regs::SIFS, 0x22)?;
    io.write8(regs::SLOT, slot)?;
    io.write8(regs::DIFS, difs)?;
    io.write8(regs::EIFS_B, eifs)?;
    // ACK duration, PLCP header, DIFS and preamble, in 4 us units.
    let preamble: u16 = if short_preamble { 72 } else { 144 };
    let ack_timeout = 112 + 48 + u16::from(difs) + preamble;
    io.write8(regs::ACK_TIMEOUT_B, ack_timeout.div_ceil(4) as u8)?;
    for (queue, reg) in regs::AC_PARAM_B.iter().enumerate() {
        io.write8(*reg, edca.aifs_us(queue) as u8)?;
    }
    Ok(())
}

/// Sets the EDCA parameters of mac80211 queue `queue` (0-3).
pub(crate) fn set_queue_params(
    io: &Io,
    edca: &mut Edca,
    queue: usize,
    params: &TxQueueParams,
) -> Result {
    let Some(reg) = regs::AC_PARAM_B.get(queue) else {
        pr_err!("no TX queue {} on the RTL8187B\n", queue);
        return Err(EINVAL);
    };
    let exp = |cw: u16| 16 - cw.leading_zeros();
    edca.aifsn[queue] = params.aifs;
    let value = (u32::from(params.txop) << 16)
        | (exp(params.cw_max) << 12)
        | (exp(params.cw_min) << 8)
        | edca.aifs_us(queue);
    io.write32(*reg, value)
}
