// SPDX-License-Identifier: GPL-2.0

//! The MAC's sequences: reset and init, starting and stopping the
//! transceiver, tuning, BSS and contention settings. Magic values and
//! delays are the vendor driver's.

use crate::io::Io;
use crate::regs;
use crate::rf::Radio;
use crate::wireless::shims::time::delay::msleep;
use crate::wireless::shims::error as errno;
use crate::wireless::vif::MacAddr;
use kernel::prelude::*;

/// RX_CONF while started: our address, broadcast, management and data
/// frames of our BSS.
pub(crate) const RX_CONF_DEFAULT: u32 = regs::RX_CONF_ONLYERLPKT
    | regs::RX_CONF_AUTORESETPHY
    | regs::RX_CONF_BSSID
    | regs::RX_CONF_MGMT
    | regs::RX_CONF_DATA
    | regs::RX_CONF_FIFO_DMA
    | regs::RX_CONF_BROADCAST
    | regs::RX_CONF_NICMAC;

/// Polls `done` every `interval_ms` up to `tries` times.
fn poll(tries: u32, interval_ms: u32, mut done: impl FnMut() -> Result<bool>) -> Result<bool> {
    for _ in 0..tries {
        msleep(interval_ms);
        if done()? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Resets the MAC and reloads its registers from the EEPROM.
pub(crate) fn reset(io: &Io) -> Result {
    let cmd = io.read8(regs::CMD)? & (1 << 1);
    io.write8(regs::CMD, cmd | regs::CMD_RESET)?;
    if !poll(10, 2, || Ok(io.read8(regs::CMD)? & regs::CMD_RESET == 0))? {
        pr_err!("reset timeout: CMD still in reset after 20 ms\n");
        return Err(errno::etimedout());
    }
    io.write8(regs::EEPROM_CMD, regs::EEPROM_CMD_LOAD)?;
    if !poll(10, 4, || {
        Ok(io.read8(regs::EEPROM_CMD)? & regs::EEPROM_CMD_CONFIG == 0)
    })? {
        pr_err!("eeprom reset timeout: registers not reloaded after 40 ms\n");
        return Err(errno::etimedout());
    }
    Ok(())
}

/// Powers the chip up, resets it and brings up the radio.
pub(crate) fn init(io: &Io, radio: &Radio) -> Result {
    io.set_anaparam(true, false)?;
    io.write16(regs::INT_MASK, 0)?;
    msleep(200);
    for v in [0x10, 0x11, 0x00] {
        io.write8(regs::USB_RESET, v)?;
    }
    msleep(200);
    reset(io)?;
    io.set_anaparam(true, false)?;

    // Card setup.
    io.write16(regs::RF_PINS_SELECT, 0)?;
    io.write8(regs::GPIO0, 0)?;
    io.write16(regs::RF_PINS_SELECT, 4 << 8)?;
    io.write8(regs::GPIO0, 1)?;
    io.write8(regs::GP_ENABLE, 0)?;
    io.with_config_unlocked(|| {
        io.write16(regs::INIT_MAGIC_F4, 0xffff)?;
        let c1 = io.read8(regs::CONFIG1)?;
        io.write8(regs::CONFIG1, (c1 & 0x3f) | 0x80)
    })?;
    io.write32(regs::INT_TIMEOUT, 0)?;
    io.write8(regs::WPA_CONF, 0)?;
    io.write8(regs::RATE_FALLBACK, 0)?;
    io.write8(regs::RESP_RATE, 8 << 4)?;
    io.write16(regs::BRSR, 0x01f3)?;

    // Host USB init.
    io.write16(regs::RF_PINS_SELECT, 0)?;
    io.write8(regs::GPIO0, 0)?;
    io.update8(regs::USB_HOST_CTRL, 0, 1 << 7)?;
    io.write16(regs::RF_PINS_SELECT, 4 << 8)?;
    io.write8(regs::GPIO0, 0x20)?;
    io.write8(regs::GP_ENABLE, 0)?;
    io.write16(regs::RF_PINS_OUTPUT, 0x80)?;
    io.write16(regs::RF_PINS_SELECT, 0x80)?;
    io.write16(regs::RF_PINS_ENABLE, 0x80)?;
    msleep(100);
    io.write32(regs::RF_TIMING, 0x000a_8008)?;
    io.write16(regs::BRSR, 0xffff)?;
    io.write32(regs::RF_PARA, 0x0010_0044)?;
    io.with_config_unlocked(|| io.write8(regs::CONFIG3, 0x44))?;
    io.write16(regs::RF_PINS_ENABLE, 0x1ff7)?;
    msleep(100);

    radio.init(io)?;

    io.write16(regs::BRSR, 0x01f3)?;
    io.with_page1(|| {
        io.write16(regs::ASIC_REV, 0x10)?;
        io.write8(regs::TALLY_SEL, 0x80)?;
        io.write8(regs::PAGE1_MAGIC_FF, 0x60)
    })
}

/// Starts receiving with filter `rx_conf`, and transmitting.
pub(crate) fn start(io: &Io, rx_conf: u32) -> Result {
    io.write32(regs::RX_CONF, rx_conf)?;
    io.update8(
        regs::CW_CONF,
        regs::CW_CONF_PERPACKET_CW,
        regs::CW_CONF_PERPACKET_RETRY,
    )?;
    tx_gain_per_frame_off(io)?;
    io.write32(
        regs::TX_CONF,
        regs::TX_CONF_CW_MIN | regs::TX_CONF_MAX_DMA | regs::TX_CONF_NO_ICV,
    )?;
    io.update8(regs::CMD, 0, regs::CMD_TX_ENABLE | regs::CMD_RX_ENABLE)
}

/// Has the chip take TX gain and antenna from its registers rather than
/// from each frame's descriptor (which does not carry them).
pub(crate) fn tx_gain_per_frame_off(io: &Io) -> Result {
    io.update8(
        regs::TX_AGC_CTL,
        regs::TX_AGC_CTL_PERPACKET_GAIN
            | regs::TX_AGC_CTL_PERPACKET_ANTSEL
            | regs::TX_AGC_CTL_FEEDBACK_ANT,
        0,
    )
}

/// Stops the transceiver and powers the radio down (`b`: an RTL8187B).
pub(crate) fn stop(io: &Io, radio: &Radio, b: bool) -> Result {
    io.write16(regs::INT_MASK, 0)?;
    io.update8(regs::CMD, regs::CMD_TX_ENABLE | regs::CMD_RX_ENABLE, 0)?;
    radio.stop(io)?;
    io.set_anaparam(false, b)?;
    io.with_config_unlocked(|| io.update8(regs::CONFIG4, 0, regs::CONFIG4_VCOOFF))
}

/// Tunes to `channel`, with the MAC looping TX back meanwhile: sending
/// while the synthesizer moves has been seen to hang the chip.
pub(crate) fn tune(io: &Io, radio: &Radio, channel: u8) -> Result {
    let tx_conf = io.read32(regs::TX_CONF)?;
    io.write32(regs::TX_CONF, tx_conf | regs::TX_CONF_LOOPBACK_MAC)?;
    let tuned = radio.set_channel(io, channel);
    msleep(10);
    io.write32(regs::TX_CONF, tx_conf)?;
    tuned?;
    io.write16(regs::ATIM_WND, 2)?;
    io.write16(regs::ATIMTR_INTERVAL, 100)?;
    io.write16(regs::BEACON_INTERVAL, 100)?;
    io.write16(regs::BEACON_INTERVAL_TIME, 100)
}

/// Sets the BSSID the MAC filters for and the link type.
pub(crate) fn set_bssid(io: &Io, bssid: &MacAddr, link: u8) -> Result {
    for (i, b) in bssid.iter().enumerate() {
        io.write8(regs::BSSID + i as u16, *b)?;
    }
    io.write8(regs::MSR, link)
}

/// Sets SIFS, slot time, DIFS and EIFS for the short or long slot.
pub(crate) fn set_erp(io: &Io, short_slot: bool) -> Result {
    let (slot, difs) = if short_slot { (0x9, 0x14) } else { (0x14, 0x24) };
    io.write8(regs::SIFS, 0x22)?;
    io.write8(regs::SLOT, slot)?;
    io.write8(regs::DIFS, difs)?;
    io.write8(regs::EIFS, 91 - difs)
}

/// Sets the contention window from mac80211's 2^n - 1 slot counts.
pub(crate) fn set_contention_window(io: &Io, cw_min: u16, cw_max: u16) -> Result {
    let exp = |cw: u16| (16 - cw.leading_zeros()) as u8;
    io.write8(regs::CW_VAL, exp(cw_min) | (exp(cw_max) << 4))
}

/// Reads the hardware radio switch on GPIO bit `mask`: true when the
/// radio is on.
pub(crate) fn radio_switch_on(io: &Io, mask: u8) -> Result<bool> {
    let gpio = io.read8(regs::GPIO0)?;
    io.write8(regs::GPIO0, gpio & !mask)?;
    Ok(io.read8(regs::GPIO1)? & mask != 0)
}
