//! Emulated RTL8187L or RTL8187B USB Wi-Fi dongle: one module per concern of the chip
//! (register file, EEPROM, RF, TX descriptor, RX trailer), the air it
//! transmits on, and the USB gadget that presents it to the host.

#![forbid(unsafe_code)]

pub mod air;
pub mod chip;
pub mod dongle;
pub mod eeprom;
pub mod fault;
pub mod fcs;
pub mod frame;
pub mod led;
pub mod radiotap;
pub mod rate;
pub mod regs;
pub mod rf;
pub mod rx;
pub mod stats;
pub mod tuner;
pub mod tx;
pub mod tx_status;
pub mod usb;
