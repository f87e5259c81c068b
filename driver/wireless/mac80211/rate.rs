// SPDX-License-Identifier: GPL-2.0

//! How a frame's rate is described on its way out and in: the coding of
//! its rate index and the channel width it is sent at.

use crate::wireless::bindings;

/// How a frame's rate is coded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// A legacy rate: the index is into the band's bitrates.
    Legacy,
    /// An HT MCS (0-76).
    Ht,
    /// A VHT MCS (0-9) on `nss` spatial streams.
    Vht {
        /// Spatial streams, 1-8.
        nss: u8,
    },
}

/// The channel width a frame is sent at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bandwidth {
    /// 20 MHz.
    Mhz20,
    /// 40 MHz.
    Mhz40,
    /// 80 MHz.
    Mhz80,
    /// 160 MHz (or 80+80).
    Mhz160,
}

impl Bandwidth {
    pub(super) fn raw(self) -> u8 {
        (match self {
            Bandwidth::Mhz20 => bindings::rate_info_bw_RATE_INFO_BW_20,
            Bandwidth::Mhz40 => bindings::rate_info_bw_RATE_INFO_BW_40,
            Bandwidth::Mhz80 => bindings::rate_info_bw_RATE_INFO_BW_80,
            Bandwidth::Mhz160 => bindings::rate_info_bw_RATE_INFO_BW_160,
        }) as u8
    }
}
