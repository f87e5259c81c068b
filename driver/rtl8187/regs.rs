// SPDX-License-Identifier: GPL-2.0

//! The RTL8187L and RTL8187B as the host sees them over USB: register
//! addresses, their bits, the control requests that reach them, the
//! endpoints and the EEPROM layout.
//!
//! Registers are addressed by `wValue` of a vendor control request:
//! `0xFF00 + offset` for the MAC block (with `wIndex` selecting a page) and
//! `0xFE00 + offset` for the USB/8051 configuration block.

/// Control request that reads or writes a register.
pub(crate) const REQ_REGISTER: u8 = 0x05;
/// `wIndex` of the fast RF write: `wValue` is the RTL8225 register.
pub(crate) const RF_FAST_WRITE_INDEX: u16 = 0x8225;
/// Time the device gets to answer one register access.
pub(crate) const REQ_TIMEOUT_MS: u16 = 500;

/// Bulk IN endpoint of received frames.
pub(crate) const EP_RX: u8 = 1;
/// Bulk OUT endpoint of frames to send (the normal-priority queue).
pub(crate) const EP_TX: u8 = 2;
/// RTL8187B: bulk IN endpoint of received frames.
pub(crate) const EP_RX_B: u8 = 3;
/// RTL8187B: bulk IN endpoint of the 8-byte TX status records.
pub(crate) const EP_STATUS_B: u8 = 9;
/// RTL8187B: bulk OUT endpoint of management frames.
pub(crate) const EP_MGMT_B: u8 = 12;
/// RTL8187B: bulk OUT endpoints of mac80211's queues VO, VI, BE, BK.
pub(crate) const EP_QUEUE_B: [u8; 4] = [6, 7, 5, 4];
/// Largest received transfer: frame, FCS and trailer.
pub(crate) const MAX_RX: usize = 0x9C4;
/// Received transfers kept queued.
pub(crate) const RX_URBS: usize = 32;

// MAC block (page 0 unless said otherwise).
pub(crate) const MAC: u16 = 0xFF00;
pub(crate) const MAR: u16 = 0xFF08;
pub(crate) const TSFT: u16 = 0xFF18;
pub(crate) const BRSR: u16 = 0xFF2C;
pub(crate) const BSSID: u16 = 0xFF2E;
pub(crate) const RESP_RATE: u16 = 0xFF34;
pub(crate) const EIFS: u16 = 0xFF35;
pub(crate) const CMD: u16 = 0xFF37;
pub(crate) const INT_MASK: u16 = 0xFF3C;
pub(crate) const TX_CONF: u16 = 0xFF40;
pub(crate) const RX_CONF: u16 = 0xFF44;
pub(crate) const INT_TIMEOUT: u16 = 0xFF48;
pub(crate) const EEPROM_CMD: u16 = 0xFF50;
pub(crate) const CONFIG1: u16 = 0xFF52;
pub(crate) const ANAPARAM: u16 = 0xFF54;
pub(crate) const MSR: u16 = 0xFF58;
pub(crate) const CONFIG3: u16 = 0xFF59;
pub(crate) const CONFIG4: u16 = 0xFF5A;
/// Undocumented; the vendor driver writes it after the RTL8225z2 tables.
pub(crate) const TESTR: u16 = 0xFF5B;
pub(crate) const PGSELECT: u16 = 0xFF5E;
pub(crate) const ANAPARAM2: u16 = 0xFF60;
pub(crate) const BEACON_INTERVAL: u16 = 0xFF70;
pub(crate) const ATIM_WND: u16 = 0xFF72;
pub(crate) const BEACON_INTERVAL_TIME: u16 = 0xFF74;
pub(crate) const ATIMTR_INTERVAL: u16 = 0xFF76;
/// Baseband write window, 4 bytes; writing byte 0 starts the write.
pub(crate) const PHY: u16 = 0xFF7C;
/// RTL8225 3-wire pins: bit 0 data, 1 clock, 2 enable (active low), 3 read.
pub(crate) const RF_PINS_OUTPUT: u16 = 0xFF80;
pub(crate) const RF_PINS_ENABLE: u16 = 0xFF82;
pub(crate) const RF_PINS_SELECT: u16 = 0xFF84;
pub(crate) const RF_PINS_INPUT: u16 = 0xFF86;
pub(crate) const RF_PARA: u16 = 0xFF88;
pub(crate) const RF_TIMING: u16 = 0xFF8C;
pub(crate) const GP_ENABLE: u16 = 0xFF90;
pub(crate) const GPIO0: u16 = 0xFF91;
pub(crate) const GPIO1: u16 = 0xFF92;
/// Undocumented; the vendor driver writes it after RF init.
pub(crate) const RF_INIT_MAGIC: u16 = 0xFF94;
pub(crate) const TX_AGC_CTL: u16 = 0xFF9C;
pub(crate) const TX_GAIN_CCK: u16 = 0xFF9D;
pub(crate) const TX_GAIN_OFDM: u16 = 0xFF9E;
pub(crate) const TX_ANTENNA: u16 = 0xFF9F;
pub(crate) const WPA_CONF: u16 = 0xFFB0;
pub(crate) const SIFS: u16 = 0xFFB4;
pub(crate) const DIFS: u16 = 0xFFB5;
pub(crate) const SLOT: u16 = 0xFFB6;
pub(crate) const CW_CONF: u16 = 0xFFBC;
pub(crate) const CW_VAL: u16 = 0xFFBD;
pub(crate) const RATE_FALLBACK: u16 = 0xFFBE;
/// Undocumented 16-bit register the vendor driver sets to all ones.
pub(crate) const INIT_MAGIC_F4: u16 = 0xFFF4;
/// RTL8187B: the chip revision (see `R8187B_*`).
pub(crate) const CHIP_REV_B: u16 = 0xFFE1;
/// RTL8187B: the third analog parameter (8 bits).
pub(crate) const ANAPARAM3_B: u16 = 0xFFEE;
/// RTL8187B: the basic rate set, one bit per rate (where the RTL8187L
/// has RESP_RATE and EIFS).
pub(crate) const BRSR_B: u16 = 0xFF34;
/// RTL8187B: EIFS in 4 us units (the RTL8187L's BRSR high byte).
pub(crate) const EIFS_B: u16 = 0xFF2D;
/// RTL8187B: ACK timeout in 4 us units (the RTL8187L's carrier sense
/// counter).
pub(crate) const ACK_TIMEOUT_B: u16 = 0xFF79;
/// RTL8187B: the EDCA parameters of each queue, in mac80211's queue order
/// as the vendor driver maps them: TXOP limit at bit 16, ECWmax at 12,
/// ECWmin at 8, AIFS (in us) at 0.
pub(crate) const AC_PARAM_B: [u16; 4] = [0xFFF0, 0xFFF4, 0xFFFC, 0xFFF8];
/// RTL8187B: admission control off.
pub(crate) const ACM_CONTROL_B: u16 = 0xFFBF;
/// RTL8187B: which access category each TID goes to.
pub(crate) const TID_AC_MAP_B: u16 = 0xFFE8;
/// RTL8187B: interrupt migration (off).
pub(crate) const INT_MIG_B: u16 = 0xFFE2;
/// 16-bit count of the retries of every frame sent so far.
pub(crate) const TALLY_CNT: u16 = 0xFFFA;
pub(crate) const TALLY_SEL: u16 = 0xFFFC;
/// On page 1 (PGSELECT bit 0): ASIC revision in bits 0-1 when read; the
/// vendor driver writes 0x10 (16 bits) here after RF init.
pub(crate) const ASIC_REV: u16 = 0xFFFE;
/// On page 1: undocumented, set to 0x60 after RF init.
pub(crate) const PAGE1_MAGIC_FF: u16 = 0xFFFF;

// USB/8051 configuration block.
/// Resets the USB block's state machines (a 0x10, 0x11, 0x00 sequence).
pub(crate) const USB_RESET: u16 = 0xFE18;
/// Bit 7 enables the host USB interface of the 8051.
pub(crate) const USB_HOST_CTRL: u16 = 0xFE53;

// CMD bits.
pub(crate) const CMD_TX_ENABLE: u8 = 1 << 2;
pub(crate) const CMD_RX_ENABLE: u8 = 1 << 3;
pub(crate) const CMD_RESET: u8 = 1 << 4;

// TX_CONF bits.
pub(crate) const TX_CONF_LOOPBACK_MAC: u32 = 1 << 17;
pub(crate) const TX_CONF_NO_ICV: u32 = 1 << 19;
pub(crate) const TX_CONF_HWVER_MASK: u32 = 7 << 25;
pub(crate) const TX_CONF_R8187VD: u32 = 5 << 25;
pub(crate) const TX_CONF_R8187VD_B: u32 = 6 << 25;
pub(crate) const TX_CONF_CW_MIN: u32 = 1 << 31;
/// RTL8187B: the hardware numbers the frames.
pub(crate) const TX_CONF_HW_SEQNUM: u32 = 1 << 30;
pub(crate) const TX_CONF_DISREQQSIZE: u32 = 1 << 28;
/// Maximum TX DMA burst (field at bits 21-23).
pub(crate) const TX_CONF_MAX_DMA: u32 = 7 << 21;

// RX_CONF bits.
pub(crate) const RX_CONF_MONITOR: u32 = 1 << 0;
pub(crate) const RX_CONF_NICMAC: u32 = 1 << 1;
pub(crate) const RX_CONF_BROADCAST: u32 = 1 << 3;
pub(crate) const RX_CONF_FCS: u32 = 1 << 5;
/// Set when the EEPROM is a 93C66 rather than a 93C46.
pub(crate) const RX_CONF_EEPROM_93C66: u32 = 1 << 6;
pub(crate) const RX_CONF_DATA: u32 = 1 << 18;
pub(crate) const RX_CONF_CTRL: u32 = 1 << 19;
pub(crate) const RX_CONF_MGMT: u32 = 1 << 20;
pub(crate) const RX_CONF_BSSID: u32 = 1 << 23;
pub(crate) const RX_CONF_AUTORESETPHY: u32 = 1 << 28;
pub(crate) const RX_CONF_ONLYERLPKT: u32 = 1 << 31;
/// RX FIFO threshold "none" (bits 13-15) and maximum RX DMA (bits 10-12).
pub(crate) const RX_CONF_FIFO_DMA: u32 = (7 << 13) | (7 << 10);

// EEPROM_CMD: the 93C46 pins and the EEPROM mode.
pub(crate) const EEPROM_CMD_READ: u8 = 1 << 0;
pub(crate) const EEPROM_CMD_WRITE: u8 = 1 << 1;
pub(crate) const EEPROM_CMD_CK: u8 = 1 << 2;
pub(crate) const EEPROM_CMD_CS: u8 = 1 << 3;
pub(crate) const EEPROM_CMD_NORMAL: u8 = 0;
pub(crate) const EEPROM_CMD_LOAD: u8 = 1 << 6;
pub(crate) const EEPROM_CMD_PROGRAM: u8 = 2 << 6;
pub(crate) const EEPROM_CMD_CONFIG: u8 = 3 << 6;

// MSR link types.
pub(crate) const MSR_NO_LINK: u8 = 0;
pub(crate) const MSR_ADHOC: u8 = 1 << 2;
pub(crate) const MSR_INFRA: u8 = 2 << 2;
/// RTL8187B: EDCA on; the B transmits badly without it.
pub(crate) const MSR_ENEDCA: u8 = 4 << 2;

pub(crate) const CONFIG3_ANAPARAM_WRITE: u8 = 1 << 6;
pub(crate) const CONFIG4_VCOOFF: u8 = 1 << 7;

pub(crate) const TX_AGC_CTL_PERPACKET_GAIN: u8 = 1 << 0;
pub(crate) const TX_AGC_CTL_PERPACKET_ANTSEL: u8 = 1 << 1;
pub(crate) const TX_AGC_CTL_FEEDBACK_ANT: u8 = 1 << 2;

pub(crate) const CW_CONF_PERPACKET_CW: u8 = 1 << 0;
pub(crate) const CW_CONF_PERPACKET_RETRY: u8 = 1 << 1;

/// GPIO bit of the hardware radio switch on most boards.
pub(crate) const RFKILL_MASK: u8 = 1 << 1;
/// GPIO bit of the switch on 0bda:8197/8198 boards whose EEPROM says so.
pub(crate) const RFKILL_MASK_8198: u8 = 1 << 2;

// Analog parameters of an RTL8187L with an RTL8225, radio on and off.
pub(crate) const ANAPARAM_ON: u32 = 0xa000_0a59;
pub(crate) const ANAPARAM2_ON: u32 = 0x860c_7312;
pub(crate) const ANAPARAM_OFF: u32 = 0xa00b_eb59;
pub(crate) const ANAPARAM2_OFF: u32 = 0x840d_ec11;

// Analog parameters of an RTL8187B, radio on and off (ANAPARAM3 is 0 for both).
pub(crate) const ANAPARAM_ON_B: u32 = 0x4509_0658;
pub(crate) const ANAPARAM2_ON_B: u32 = 0x727f_3f52;
pub(crate) const ANAPARAM_OFF_B: u32 = 0x5548_0658;
pub(crate) const ANAPARAM2_OFF_B: u32 = 0x7200_3f50;

// RTL8187B revisions as CHIP_REV_B reads.
pub(crate) const R8187B_B: u8 = 0;
pub(crate) const R8187B_D: u8 = 1;
pub(crate) const R8187B_E: u8 = 2;

// EEPROM (93C46, 16-bit words) layout.
pub(crate) const EEPROM_TXPWR_BASE: u8 = 0x05;
pub(crate) const EEPROM_MAC_ADDR: u8 = 0x07;
/// TX power of channels 1-6 (two per word, low byte first).
pub(crate) const EEPROM_TXPWR_CHAN_1: u8 = 0x16;
/// TX power of channels 7-10.
pub(crate) const EEPROM_TXPWR_CHAN_4: u8 = 0x3D;
/// TX power of channels 11-14 (RTL8187L); of channel 11 in the low byte
/// (RTL8187B).
pub(crate) const EEPROM_TXPWR_CHAN_6: u8 = 0x1B;
/// RTL8187B: TX power of channel 12 (low byte).
pub(crate) const EEPROM_TXPWR_CHAN_12_B: u8 = 0x0A;
/// RTL8187B: TX power of channels 13 and 14.
pub(crate) const EEPROM_TXPWR_CHAN_13_B: u8 = 0x1C;
/// Which GPIO the radio switch is on (0bda:8197/8198: high byte non-zero).
pub(crate) const EEPROM_SELECT_GPIO: u8 = 0x3B;

/// The customer ID (low byte), which tells where the LED is wired.
pub(crate) const EEPROM_CUSTOMER_ID: u8 = 0x3F;
/// Customer IDs with an LED on a pin other than GPIO0.
pub(crate) const EEPROM_CID_ALPHA0: u8 = 0x01;
pub(crate) const EEPROM_CID_HW: u8 = 0x03;

/// PGSELECT bit of the LED0 pin; the LED is lit while it is clear.
pub(crate) const PGSELECT_LED0: u8 = 1 << 4;

/// Long and short retry limit the hardware applies.
pub(crate) const RETRY_COUNT: u8 = 7;
