// SPDX-License-Identifier: GPL-2.0

//! 802.11 frame header fields.

use super::bindings;

/// The frame control field of an 802.11 header, as it is on the air
/// (little endian).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FrameControl(u16);

impl FrameControl {
    /// Reads the field from the first two bytes of a frame.
    pub fn from_le_bytes(bytes: [u8; 2]) -> Self {
        Self(u16::from_le_bytes(bytes))
    }

    // The raw value keeps the on-air byte order, which is what the C
    // helpers take (`__le16`).
    fn raw(self) -> u16 {
        self.0.to_le()
    }

    /// A management frame.
    pub fn is_mgmt(self) -> bool {
        // SAFETY: pure function of its argument.
        unsafe { bindings::rwlan_ieee80211_is_mgmt(self.raw()) }
    }

    /// A beacon.
    pub fn is_beacon(self) -> bool {
        // SAFETY: pure function of its argument.
        unsafe { bindings::rwlan_ieee80211_is_beacon(self.raw()) }
    }

    /// A data frame (any subtype).
    pub fn is_data(self) -> bool {
        // SAFETY: pure function of its argument.
        unsafe { bindings::rwlan_ieee80211_is_data(self.raw()) }
    }

    /// A probe response.
    pub fn is_probe_resp(self) -> bool {
        // SAFETY: pure function of its argument.
        unsafe { bindings::rwlan_ieee80211_is_probe_resp(self.raw()) }
    }
}

/// Byte 1 of the frame control field: flag set while the sender is in
/// power save.
pub const FC1_PWRMGT: u8 = 0x10;

/// Offset of addr1 (the receiver address) in an 802.11 header.
pub const ADDR1_OFFSET: usize = 4;
