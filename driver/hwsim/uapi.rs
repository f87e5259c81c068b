// SPDX-License-Identifier: GPL-2.0

//! The numbers of the MAC80211_HWSIM generic netlink family, as
//! `drivers/net/wireless/virtual/mac80211_hwsim.h` (6.12) defines them.
//! Clients depend on every one of them; nothing else in the driver spells
//! them out. Some are here only to keep the numbering complete.

#![allow(dead_code)]

use kernel::str::CStr;

/// Family name and version.
pub(crate) const FAMILY_NAME: &CStr = kernel::c_str!("MAC80211_HWSIM");
pub(crate) const FAMILY_VERSION: u32 = 1;

/// Commands (`enum hwsim_commands`).
pub(crate) mod cmd {
    pub(crate) const REGISTER: u8 = 1;
    pub(crate) const FRAME: u8 = 2;
    pub(crate) const TX_INFO_FRAME: u8 = 3;
    pub(crate) const NEW_RADIO: u8 = 4;
    pub(crate) const DEL_RADIO: u8 = 5;
    pub(crate) const GET_RADIO: u8 = 6;
    pub(crate) const ADD_MAC_ADDR: u8 = 7;
    pub(crate) const DEL_MAC_ADDR: u8 = 8;
    pub(crate) const START_PMSR: u8 = 9;
    pub(crate) const ABORT_PMSR: u8 = 10;
    pub(crate) const REPORT_PMSR: u8 = 11;
}

/// Attributes (`enum hwsim_attrs`).
pub(crate) mod attr {
    pub(crate) const ADDR_RECEIVER: u16 = 1;
    pub(crate) const ADDR_TRANSMITTER: u16 = 2;
    pub(crate) const FRAME: u16 = 3;
    pub(crate) const FLAGS: u16 = 4;
    pub(crate) const RX_RATE: u16 = 5;
    pub(crate) const SIGNAL: u16 = 6;
    pub(crate) const TX_INFO: u16 = 7;
    pub(crate) const COOKIE: u16 = 8;
    pub(crate) const CHANNELS: u16 = 9;
    pub(crate) const RADIO_ID: u16 = 10;
    pub(crate) const REG_HINT_ALPHA2: u16 = 11;
    pub(crate) const REG_CUSTOM_REG: u16 = 12;
    pub(crate) const REG_STRICT_REG: u16 = 13;
    pub(crate) const SUPPORT_P2P_DEVICE: u16 = 14;
    pub(crate) const USE_CHANCTX: u16 = 15;
    pub(crate) const DESTROY_RADIO_ON_CLOSE: u16 = 16;
    pub(crate) const RADIO_NAME: u16 = 17;
    pub(crate) const NO_VIF: u16 = 18;
    pub(crate) const FREQ: u16 = 19;
    pub(crate) const PAD: u16 = 20;
    pub(crate) const TX_INFO_FLAGS: u16 = 21;
    pub(crate) const PERM_ADDR: u16 = 22;
    pub(crate) const IFTYPE_SUPPORT: u16 = 23;
    pub(crate) const CIPHER_SUPPORT: u16 = 24;
    pub(crate) const MLO_SUPPORT: u16 = 25;
    pub(crate) const PMSR_SUPPORT: u16 = 26;
    pub(crate) const PMSR_REQUEST: u16 = 27;
    pub(crate) const PMSR_RESULT: u16 = 28;
    pub(crate) const MULTI_RADIO: u16 = 29;
}

/// `HWSIM_ATTR_FLAGS` of FRAME and TX_INFO_FRAME (`enum hwsim_tx_control_flags`).
pub(crate) const TX_CTL_REQ_TX_STATUS: u32 = 1 << 0;
pub(crate) const TX_CTL_NO_ACK: u32 = 1 << 1;
pub(crate) const TX_STAT_ACK: u32 = 1 << 2;

/// Flags of a `struct hwsim_tx_rate_flag` (`enum hwsim_tx_rate_flags`);
/// they equal mac80211's `IEEE80211_TX_RC_*`, which go out unchanged.
pub(crate) mod rate_flag {
    pub(crate) const USE_RTS_CTS: u16 = 1 << 0;
    pub(crate) const USE_CTS_PROTECT: u16 = 1 << 1;
    pub(crate) const USE_SHORT_PREAMBLE: u16 = 1 << 2;
    pub(crate) const MCS: u16 = 1 << 3;
    pub(crate) const GREEN_FIELD: u16 = 1 << 4;
    pub(crate) const WIDTH_40_MHZ: u16 = 1 << 5;
    pub(crate) const DUP_DATA: u16 = 1 << 6;
    pub(crate) const SHORT_GI: u16 = 1 << 7;
    pub(crate) const VHT_MCS: u16 = 1 << 8;
    pub(crate) const WIDTH_80_MHZ: u16 = 1 << 9;
    pub(crate) const WIDTH_160_MHZ: u16 = 1 << 10;
}

/// Multicast groups, by index, and their names.
pub(crate) const MCGRP_CONFIG: u32 = 0;
pub(crate) const MCGRP_NAMES: [&CStr; 1] = [kernel::c_str!("config")];

/// Entries of `TX_INFO` and `TX_INFO_FLAGS` (`IEEE80211_TX_MAX_RATES`).
pub(crate) const TX_MAX_RATES: usize = 4;
/// `TX_INFO`: `struct hwsim_tx_rate` (s8 idx, u8 count) per entry.
pub(crate) const TX_RATE_LEN: usize = 2;
pub(crate) const TX_INFO_LEN: usize = TX_MAX_RATES * TX_RATE_LEN;
/// `TX_INFO_FLAGS`: packed `struct hwsim_tx_rate_flag` (s8 idx, u16
/// flags) per entry.
pub(crate) const TX_RATE_FLAG_LEN: usize = 3;
pub(crate) const TX_INFO_FLAGS_LEN: usize = TX_MAX_RATES * TX_RATE_FLAG_LEN;

/// Length of `FRAME`: at least a three-address header (24 bytes, checked
/// for frames from the medium), at most `IEEE80211_MAX_DATA_LEN`.
pub(crate) const MIN_FRAME_LEN: usize = 24;
pub(crate) const MAX_FRAME_LEN: usize = 2304;
/// Length of `ADDR_RECEIVER`, `ADDR_TRANSMITTER` and `PERM_ADDR`.
pub(crate) const ADDR_LEN: usize = 6;
/// Length of `REG_HINT_ALPHA2`.
pub(crate) const ALPHA2_LEN: usize = 2;
