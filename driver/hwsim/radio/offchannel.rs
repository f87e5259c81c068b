// SPDX-License-Identifier: GPL-2.0

//! A radio's time away from its channel contexts: hardware scans and
//! remain-on-channel periods, stepped by the radio's delayed work.

use super::{Radio, Status};
use crate::wireless::chanctx::ScanRequest;
use crate::wireless::channel::Channel;
use crate::wireless::mac80211::Hw;
use crate::wireless::shims::sync::with_bh_disabled;
use kernel::prelude::*;

/// Time on a scan channel in ms when probing, as in mac80211_hwsim.
const SCAN_DWELL_ACTIVE_MS: u32 = 30;
/// Time on a scan channel in ms when only listening (no SSIDs, no-IR or
/// radar channels).
const SCAN_DWELL_PASSIVE_MS: u32 = 120;
/// Delay before a remain-on-channel period starts (mac80211_hwsim's HZ/50).
const ROC_START_DELAY_MS: u32 = 20;

/// What a multi-channel radio does away from its channel contexts: a
/// hardware scan or a remain-on-channel period, never both (the radio's
/// delayed work steps through them).
pub(super) enum Offchannel {
    Idle,
    /// Scanning; `next` is the index of the next channel to visit.
    Scan {
        req: ScanRequest,
        next: usize,
    },
    /// Asked to remain on `channel`; the period has not started.
    RocPending {
        channel: Channel,
        duration_ms: u32,
    },
    /// On the remain-on-channel channel until the work runs again.
    RocActive,
}

/// One step of a hardware scan or remain-on-channel period, from the
/// radio's delayed work (mac80211_hwsim's `hw_scan_work`,
/// `hw_roc_start` and `hw_roc_done`).
pub(super) fn step(hw: &Hw<Radio>) {
    let r = hw.data();
    let mut state = r.offchannel.lock();
    match &mut *state {
        Offchannel::Idle => {}
        Offchannel::Scan { req, next } => {
            let Some(sc) = req.channels.get(*next).copied() else {
                hw.scan_completed(false);
                *state = Offchannel::Idle;
                r.set_tmp_channel(None);
                r.set_scan_addr(None, true);
                return;
            };
            r.set_tmp_channel(Some(sc.channel));
            let dwell = if sc.passive || req.ssids.is_empty() {
                SCAN_DWELL_PASSIVE_MS
            } else {
                for ssid in req.ssids.iter() {
                    let Some(probe) =
                        hw.probe_request(&req.addr, &req.bssid, ssid.as_bytes(), &req.ies)
                    else {
                        continue;
                    };
                    let info = probe.info();
                    // Nobody hears about a probe's status.
                    with_bh_disabled(|| {
                        r.medium
                            .send(hw, probe, sc.channel, &info, None, Status::Discard)
                    });
                }
                SCAN_DWELL_ACTIVE_MS
            };
            *next += 1;
            r.survey.lock().hw_scan_visit(sc.channel, dwell);
            hw.queue_work(dwell);
        }
        Offchannel::RocPending {
            channel,
            duration_ms,
        } => {
            let duration = *duration_ms;
            r.set_tmp_channel(Some(*channel));
            hw.ready_on_channel();
            *state = Offchannel::RocActive;
            hw.queue_work(duration);
        }
        Offchannel::RocActive => {
            hw.remain_on_channel_expired();
            *state = Offchannel::Idle;
            r.set_tmp_channel(None);
        }
    }
}

/// Starts a hardware scan of `req` (mac80211's `hw_scan`).
pub(super) fn start_scan(hw: &Hw<Radio>, req: ScanRequest) -> Result {
    let r = hw.data();
    let mut state = r.offchannel.lock();
    if !matches!(*state, Offchannel::Idle) {
        return Err(busy(hw, "hw_scan"));
    }
    r.set_scan_addr(Some(&req.addr), true);
    r.survey.lock().hw_scan_start();
    *state = Offchannel::Scan { req, next: 0 };
    hw.queue_work(0);
    Ok(())
}

/// Ends a hardware scan early and tells mac80211 it was aborted.
pub(super) fn cancel_scan(hw: &Hw<Radio>) {
    let r = hw.data();
    // The work takes the state's lock: wait for it outside the lock.
    hw.cancel_work();
    let mut state = r.offchannel.lock();
    if matches!(*state, Offchannel::Scan { .. } | Offchannel::Idle) {
        hw.scan_completed(true);
        *state = Offchannel::Idle;
        r.set_tmp_channel(None);
        r.set_scan_addr(None, true);
    }
}

/// Starts remaining on `channel` for `duration_ms` after a short delay.
pub(super) fn start_roc(hw: &Hw<Radio>, channel: Channel, duration_ms: u32) -> Result {
    let r = hw.data();
    let mut state = r.offchannel.lock();
    if !matches!(*state, Offchannel::Idle) {
        return Err(busy(hw, "remain-on-channel"));
    }
    *state = Offchannel::RocPending {
        channel,
        duration_ms,
    };
    hw.queue_work(ROC_START_DELAY_MS);
    Ok(())
}

/// Ends a remain-on-channel period early.
pub(super) fn cancel_roc(hw: &Hw<Radio>) -> Result {
    let r = hw.data();
    // A scan shares the work; leave it alone (mac80211 never runs both).
    if matches!(*r.offchannel.lock(), Offchannel::Scan { .. }) {
        return Ok(());
    }
    hw.cancel_work();
    let mut state = r.offchannel.lock();
    if !matches!(*state, Offchannel::Scan { .. }) {
        *state = Offchannel::Idle;
        r.set_tmp_channel(None);
    }
    Ok(())
}

/// `EBUSY`, logged: mac80211 asked for `what` while the radio is away.
fn busy(hw: &Hw<Radio>, what: &str) -> Error {
    pr_err!(
        "{}: {} while a scan or remain-on-channel runs\n",
        hw.wiphy_name(),
        what
    );
    EBUSY
}
