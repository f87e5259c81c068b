// SPDX-License-Identifier: GPL-2.0

//! Bands and channel numbers, as cfg80211 defines them.

use super::bindings;

/// A frequency band a radio can operate in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Band {
    /// 2.4 GHz (channels 1-14).
    Ghz2,
    /// 5 GHz.
    Ghz5,
    /// 6 GHz (802.11ax and later only: no HT or VHT there).
    Ghz6,
}

impl Band {
    pub(super) fn raw(self) -> bindings::nl80211_band {
        match self {
            Band::Ghz2 => bindings::nl80211_band_NL80211_BAND_2GHZ,
            Band::Ghz5 => bindings::nl80211_band_NL80211_BAND_5GHZ,
            Band::Ghz6 => bindings::nl80211_band_NL80211_BAND_6GHZ,
        }
    }

    pub(super) fn from_raw(raw: bindings::nl80211_band) -> Option<Band> {
        match raw {
            bindings::nl80211_band_NL80211_BAND_2GHZ => Some(Band::Ghz2),
            bindings::nl80211_band_NL80211_BAND_5GHZ => Some(Band::Ghz5),
            bindings::nl80211_band_NL80211_BAND_6GHZ => Some(Band::Ghz6),
            _ => None,
        }
    }

    /// The band's number in nl80211 (`enum nl80211_band`): 0, 1 and 3.
    pub fn number(self) -> u32 {
        self.raw()
    }

    /// The band nl80211 numbers `number`, if it is one of these.
    pub fn from_number(number: u32) -> Option<Band> {
        Band::from_raw(number)
    }
}

/// A channel a radio is tuned to: its centre frequency and band.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Channel {
    /// Centre frequency in MHz.
    pub freq: u32,
    /// The band the frequency is in.
    pub band: Band,
}

/// The centre frequency in MHz of `channel` in `band`, or `None` when the
/// band has no such channel.
pub fn channel_to_frequency(channel: u8, band: Band) -> Option<u32> {
    // SAFETY: `ieee80211_channel_to_freq_khz` is a pure function of its
    // arguments; any channel number is allowed and yields 0 when invalid.
    let khz = unsafe { bindings::ieee80211_channel_to_freq_khz(channel.into(), band.raw()) };
    match khz {
        0 => None,
        khz => Some(khz / 1000),
    }
}

/// A channel `ieee80211_channel` points to, if it is in a band we know.
///
/// # Safety
///
/// `chan` must be null or point to a channel of a registered wiphy's band
/// tables (which live as long as the wiphy).
pub(super) unsafe fn channel_of(chan: *const bindings::ieee80211_channel) -> Option<Channel> {
    if chan.is_null() {
        return None;
    }
    // SAFETY: non-null, so a valid channel by the caller's promise; `band`
    // and `center_freq` are fixed after registration.
    let (band, freq) = unsafe { ((*chan).band, (*chan).center_freq) };
    Band::from_raw(band).map(|band| Channel { freq, band })
}
