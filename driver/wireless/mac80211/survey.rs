// SPDX-License-Identifier: GPL-2.0

//! Survey data: what a radio measured on one channel, for `iw survey dump`
//! and hostapd's automatic channel selection (`ieee80211_ops::get_survey`).

use super::adapter::Adapter;
use super::ops::Ops;
use crate::wireless::bindings;
use crate::wireless::channel::Channel;
use kernel::prelude::*;

/// One channel's record, as [`Ops::get_survey`] reports it; a `None`
/// field is left out of the dump.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Survey {
    /// The channel measured; it must be one of the radio's.
    pub channel: Channel,
    /// Noise floor in dBm.
    pub noise_dbm: Option<i8>,
    /// Time spent on the channel, in ms.
    pub time_ms: Option<u64>,
    /// Of that, the time the channel was busy, in ms.
    pub time_busy_ms: Option<u64>,
}

impl<T: Ops> Adapter<T> {
    /// # Safety
    ///
    /// Only mac80211 calls this, through the ops table of a hardware
    /// registered for `T`, with the arguments `struct ieee80211_ops`
    /// documents: `survey` is the caller's, writable for the call.
    pub(super) unsafe extern "C" fn get_survey_callback(
        hw: *mut bindings::ieee80211_hw,
        idx: kernel::ffi::c_int,
        survey: *mut bindings::survey_info,
    ) -> kernel::ffi::c_int {
        let Ok(idx) = usize::try_from(idx) else {
            return ENOENT.to_errno();
        };
        // SAFETY: as in `add_interface_callback`.
        let rhw = unsafe { Self::hw(hw) };
        let record = match T::get_survey(rhw, idx) {
            Ok(record) => record,
            Err(e) => return e.to_errno(),
        };
        // The record names its channel by frequency; the dump needs the
        // wiphy's own channel, which lives as long as the wiphy.
        // SAFETY: the wiphy and its band tables live as long as the hw; the
        // lookup only reads them.
        let chan =
            unsafe { bindings::ieee80211_get_channel_khz((*hw).wiphy, record.channel.freq * 1000) };
        if chan.is_null() {
            pr_err!(
                "{}: survey {} names {} MHz, which the radio does not have\n",
                rhw.wiphy_name(),
                idx,
                record.channel.freq
            );
            return EINVAL.to_errno();
        }
        let mut filled = 0;
        let mut flag = |present: bool, bit: u32| {
            if present {
                filled |= bit;
            }
        };
        flag(
            record.noise_dbm.is_some(),
            bindings::survey_info_flags_SURVEY_INFO_NOISE_DBM,
        );
        flag(
            record.time_ms.is_some(),
            bindings::survey_info_flags_SURVEY_INFO_TIME,
        );
        flag(
            record.time_busy_ms.is_some(),
            bindings::survey_info_flags_SURVEY_INFO_TIME_BUSY,
        );
        let info = bindings::survey_info {
            channel: chan,
            time: record.time_ms.unwrap_or(0),
            time_busy: record.time_busy_ms.unwrap_or(0),
            filled,
            noise: record.noise_dbm.unwrap_or(0),
            ..Default::default()
        };
        // SAFETY: `survey` is writable for the call, by the caller's promise.
        unsafe { survey.write(info) };
        0
    }
}
