// SPDX-License-Identifier: GPL-2.0

//! Register access over USB control requests, and the baseband (PHY)
//! write window.

use crate::regs;
use crate::wireless::shims::error as errno;
use crate::wireless::shims::usb;
use kernel::prelude::*;

/// Extra attempts at a register request that timed out.
const REQ_RETRIES: u32 = 3;

/// Whether `e` says the dongle is gone (unplugged, or disconnecting):
/// every access fails then, and the disconnect is news enough.
pub(crate) fn gone(e: &Error) -> bool {
    *e == ENODEV || *e == errno::eshutdown()
}

/// Logs a failed device access, unless the dongle is gone.
pub(crate) fn report(what: core::fmt::Arguments<'_>, e: &Error) {
    if !gone(e) {
        pr_err!("{}: {:?}\n", what, e);
    }
}

/// The chip's registers, reached through its USB device.
pub(crate) struct Io {
    dev: usb::Device,
}

impl Io {
    pub(crate) fn new(dev: usb::Device) -> Self {
        Self { dev }
    }

    /// The USB device, for bulk transfers.
    pub(crate) fn device(&self) -> &usb::Device {
        &self.dev
    }

    /// Runs one register request, again if it timed out: on a loaded
    /// host the device can miss the deadline, and repeating a register
    /// access is harmless (the pins and registers hold levels, not events).
    /// A device still busy with the request the host gave up on may stall
    /// the next one, so a stall right after a timeout is retried too.
    fn request(&self, what: &str, addr: u16, mut f: impl FnMut() -> Result) -> Result {
        let timedout = errno::etimedout();
        let mut tries = 0;
        let mut after_timeout = false;
        loop {
            match f() {
                Err(e)
                    if (e == timedout || (e == EPIPE && after_timeout)) && tries < REQ_RETRIES =>
                {
                    tries += 1;
                    after_timeout = e == timedout;
                    pr_warn!(
                        "register {} {:#06x} failed ({:?}), retrying\n",
                        what,
                        addr,
                        e
                    );
                }
                r => return r,
            }
        }
    }

    fn read<const N: usize>(&self, addr: u16, page: u8) -> Result<[u8; N]> {
        let mut buf = [0u8; N];
        self.request("read", addr, || {
            self.dev.vendor_read(
                regs::REQ_REGISTER,
                addr,
                (page & 3).into(),
                &mut buf,
                regs::REQ_TIMEOUT_MS,
            )
        })?;
        Ok(buf)
    }

    fn write(&self, addr: u16, page: u8, data: &[u8]) -> Result {
        self.request("write", addr, || {
            self.dev.vendor_write(
                regs::REQ_REGISTER,
                addr,
                (page & 3).into(),
                data,
                regs::REQ_TIMEOUT_MS,
            )
        })
    }

    pub(crate) fn read8(&self, addr: u16) -> Result<u8> {
        Ok(self.read::<1>(addr, 0)?[0])
    }

    pub(crate) fn read16(&self, addr: u16) -> Result<u16> {
        Ok(u16::from_le_bytes(self.read(addr, 0)?))
    }

    pub(crate) fn read32(&self, addr: u16) -> Result<u32> {
        Ok(u32::from_le_bytes(self.read(addr, 0)?))
    }

    pub(crate) fn write8(&self, addr: u16, val: u8) -> Result {
        self.write(addr, 0, &[val])
    }

    pub(crate) fn write16(&self, addr: u16, val: u16) -> Result {
        self.write(addr, 0, &val.to_le_bytes())
    }

    pub(crate) fn write32(&self, addr: u16, val: u32) -> Result {
        self.write(addr, 0, &val.to_le_bytes())
    }

    /// Writes an 8-bit register on register page `page` (0-3, in `wIndex`;
    /// the RTL8187B's extra registers live on pages 1-3).
    pub(crate) fn write8_page(&self, addr: u16, page: u8, val: u8) -> Result {
        self.write(addr, page, &[val])
    }

    pub(crate) fn write16_page(&self, addr: u16, page: u8, val: u16) -> Result {
        self.write(addr, page, &val.to_le_bytes())
    }

    pub(crate) fn write32_page(&self, addr: u16, page: u8, val: u32) -> Result {
        self.write(addr, page, &val.to_le_bytes())
    }

    /// Reads-modifies-writes an 8-bit register: clears `clear`, sets `set`.
    pub(crate) fn update8(&self, addr: u16, clear: u8, set: u8) -> Result {
        let v = self.read8(addr)?;
        self.write8(addr, (v & !clear) | set)
    }

    /// Writes RTL8225 register `reg` in one request (ASIC revisions with
    /// the 8051 doing the 3-wire protocol).
    pub(crate) fn rf_fast_write(&self, reg: u8, val: u16) -> Result {
        self.request("RF write", reg.into(), || {
            self.dev.vendor_write(
                regs::REQ_REGISTER,
                reg.into(),
                regs::RF_FAST_WRITE_INDEX,
                &val.to_le_bytes(),
                regs::REQ_TIMEOUT_MS,
            )
        })
    }

    /// Writes baseband register `addr`: the most significant byte first,
    /// byte 0 (address and write flag) last, which starts the write.
    fn write_phy(&self, addr: u8, data: u32) -> Result {
        let word = (data << 8) | u32::from(addr) | 0x80;
        for (i, b) in word.to_le_bytes().iter().enumerate().rev() {
            self.write8(regs::PHY + i as u16, *b)?;
        }
        Ok(())
    }

    /// Writes an OFDM baseband register.
    pub(crate) fn write_phy_ofdm(&self, addr: u8, data: u8) -> Result {
        self.write_phy(addr, data.into())
    }

    /// Writes a CCK baseband register.
    pub(crate) fn write_phy_cck(&self, addr: u8, data: u8) -> Result {
        self.write_phy(addr, u32::from(data) | 0x10000)
    }

    /// Runs `f` with the configuration registers unlocked (EEPROM_CMD in
    /// config mode), locking them again after, whatever `f` returned.
    pub(crate) fn with_config_unlocked<R>(&self, f: impl FnOnce() -> Result<R>) -> Result<R> {
        self.write8(regs::EEPROM_CMD, regs::EEPROM_CMD_CONFIG)?;
        let r = f();
        let lock = self.write8(regs::EEPROM_CMD, regs::EEPROM_CMD_NORMAL);
        let r = r?;
        lock?;
        Ok(r)
    }

    /// Runs `f` with register page 1 selected (PGSELECT bit 0).
    pub(crate) fn with_page1<R>(&self, f: impl FnOnce() -> Result<R>) -> Result<R> {
        let reg = self.read8(regs::PGSELECT)? & !1;
        self.write8(regs::PGSELECT, reg | 1)?;
        let r = f();
        let restore = self.write8(regs::PGSELECT, reg);
        let r = r?;
        restore?;
        Ok(r)
    }

    /// Writes the analog parameters for the radio on or off; the RTL8187B
    /// has other values and a third register.
    pub(crate) fn set_anaparam(&self, on: bool, b: bool) -> Result {
        let (a, a2) = match (on, b) {
            (true, false) => (regs::ANAPARAM_ON, regs::ANAPARAM2_ON),
            (false, false) => (regs::ANAPARAM_OFF, regs::ANAPARAM2_OFF),
            (true, true) => (regs::ANAPARAM_ON_B, regs::ANAPARAM2_ON_B),
            (false, true) => (regs::ANAPARAM_OFF_B, regs::ANAPARAM2_OFF_B),
        };
        self.with_config_unlocked(|| {
            self.with_anaparam_writable(|| {
                self.write32(regs::ANAPARAM, a)?;
                self.write32(regs::ANAPARAM2, a2)?;
                if b {
                    self.write8(regs::ANAPARAM3_B, 0)?;
                }
                Ok(())
            })
        })
    }

    /// Runs `f` with CONFIG3's ANAPARAM write enable set; the caller has
    /// unlocked the configuration registers.
    pub(crate) fn with_anaparam_writable<R>(&self, f: impl FnOnce() -> Result<R>) -> Result<R> {
        let reg = self.read8(regs::CONFIG3)?;
        self.write8(regs::CONFIG3, reg | regs::CONFIG3_ANAPARAM_WRITE)?;
        let r = f();
        let restore = self.write8(regs::CONFIG3, reg & !regs::CONFIG3_ANAPARAM_WRITE);
        let r = r?;
        restore?;
        Ok(r)
    }
}
