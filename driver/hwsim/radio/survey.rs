// SPDX-License-Identifier: GPL-2.0

//! The time a radio spent on each channel of its last scan, as
//! mac80211_hwsim keeps it (`survey_data`): a software scan records a
//! channel when the radio leaves it, a hardware scan each channel's dwell
//! as it arrives. The rest is made up as in C: a noise floor of -92 dBm
//! and an eighth of the time busy.

use crate::tables::{CHANNEL_COUNT, NOISE_DBM};
use crate::wireless::channel::Channel;
use crate::wireless::mac80211::Survey;
use crate::wireless::shims::time::boottime_ns;
use kernel::prelude::*;

#[derive(Clone, Copy)]
struct Record {
    channel: Channel,
    /// When the radio came to the channel (software scan), in ms.
    arrived_ms: u64,
    /// The last completed visit, in ms.
    start_ms: u64,
    end_ms: u64,
}

/// A radio's survey records, one slot a channel in the order visited.
pub(super) struct SurveyLog {
    records: [Option<Record>; CHANNEL_COUNT],
    /// A software scan runs.
    scanning: bool,
    /// The channel mac80211 tuned the radio to last.
    tuned: Option<Channel>,
    /// The slot a hardware scan fills next.
    next: usize,
}

fn now_ms() -> u64 {
    boottime_ns() / 1_000_000
}

impl SurveyLog {
    pub(super) const fn new() -> Self {
        Self {
            records: [None; CHANNEL_COUNT],
            scanning: false,
            tuned: None,
            next: 0,
        }
    }

    /// A software scan starts (a second one while it runs changes nothing).
    pub(super) fn sw_scan_start(&mut self) {
        if !self.scanning {
            self.scanning = true;
            self.records = [None; CHANNEL_COUNT];
        }
    }

    pub(super) fn sw_scan_complete(&mut self) {
        self.scanning = false;
    }

    /// mac80211 tuned the radio to `channel`: during a software scan the
    /// channel left gets its visit's times and the new one a slot.
    pub(super) fn tuned(&mut self, channel: Option<Channel>) {
        let (true, Some(new)) = (self.scanning, channel) else {
            self.tuned = channel;
            return;
        };
        let now = now_ms();
        if let Some(left) = self.tuned {
            if let Some(r) = self
                .records
                .iter_mut()
                .flatten()
                .find(|r| r.channel == left)
            {
                r.start_ms = r.arrived_ms;
                r.end_ms = now;
            }
        }
        self.tuned = Some(new);
        let slot = self
            .records
            .iter_mut()
            .find(|slot| slot.map_or(true, |r| r.channel == new));
        if let Some(slot) = slot {
            let r = slot.get_or_insert(Record {
                channel: new,
                arrived_ms: now,
                start_ms: 0,
                end_ms: 0,
            });
            r.arrived_ms = now;
        }
    }

    /// A hardware scan starts: the records start afresh.
    pub(super) fn hw_scan_start(&mut self) {
        self.records = [None; CHANNEL_COUNT];
        self.next = 0;
    }

    /// A hardware scan arrives on `channel` for `dwell_ms`.
    pub(super) fn hw_scan_visit(&mut self, channel: Channel, dwell_ms: u32) {
        let now = now_ms();
        if let Some(slot) = self.records.get_mut(self.next) {
            *slot = Some(Record {
                channel,
                arrived_ms: now,
                start_ms: now,
                end_ms: now + u64::from(dwell_ms),
            });
            self.next += 1;
        }
    }

    /// Record `idx`; `ENOENT` past the last.
    pub(super) fn get(&self, idx: usize) -> Result<Survey> {
        let r = self.records.get(idx).copied().flatten().ok_or(ENOENT)?;
        let time = r.end_ms.saturating_sub(r.start_ms);
        Ok(Survey {
            channel: r.channel,
            noise_dbm: Some(NOISE_DBM),
            time_ms: Some(time),
            time_busy_ms: Some(time / 8),
        })
    }
}
