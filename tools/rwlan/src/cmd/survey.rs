//! `dev IF survey dump`: the driver's per-channel survey (noise, channel
//! active, busy, receive and transmit times), printed like `iw survey dump`.

use std::fmt::Write;

use serde::Serialize;

use super::Ctx;
use crate::error::Error;
use crate::nl80211::attr::{Attrs, GenlMessage};
use crate::nl80211::{Attr, Cmd, SurveyInfo};
use rwlan_net::genl::Nl80211;

/// One channel's survey. Times in ms; absent what the driver does not fill.
#[derive(Debug, Default, Serialize)]
pub struct Survey {
    pub freq: Option<u32>,
    /// kHz above `freq`, for channels off the MHz grid.
    pub freq_offset: Option<u32>,
    pub in_use: bool,
    pub noise_dbm: Option<i8>,
    pub active_ms: Option<u64>,
    pub busy_ms: Option<u64>,
    pub ext_busy_ms: Option<u64>,
    pub rx_ms: Option<u64>,
    pub tx_ms: Option<u64>,
    pub scan_ms: Option<u64>,
    pub bss_rx_ms: Option<u64>,
}

impl Survey {
    fn decode(a: &Attrs) -> Result<Option<Self>, Error> {
        let Some(s) = a.nested(Attr::SurveyInfo)? else {
            return Ok(None);
        };
        Ok(Some(Survey {
            freq: s.u32(SurveyInfo::Frequency)?,
            freq_offset: s.u32(SurveyInfo::FrequencyOffset)?,
            in_use: s.has(SurveyInfo::InUse),
            noise_dbm: s.u8(SurveyInfo::Noise)?.map(|n| n as i8),
            active_ms: s.u64(SurveyInfo::Time)?,
            busy_ms: s.u64(SurveyInfo::TimeBusy)?,
            ext_busy_ms: s.u64(SurveyInfo::TimeExtBusy)?,
            rx_ms: s.u64(SurveyInfo::TimeRx)?,
            tx_ms: s.u64(SurveyInfo::TimeTx)?,
            scan_ms: s.u64(SurveyInfo::TimeScan)?,
            bss_rx_ms: s.u64(SurveyInfo::TimeBssRx)?,
        }))
    }
}

pub fn dump(ctx: &Ctx, name: &str, idx: u32) -> Result<(), Error> {
    let replies = Nl80211::connect()?.dump(Cmd::GetSurvey, |w| {
        w.u32(Attr::Ifindex, idx);
    })?;
    let mut surveys = Vec::new();
    for r in &replies {
        if let Some(s) = Survey::decode(&Attrs::parse(GenlMessage::parse(r)?.attrs)?)? {
            surveys.push(s);
        }
    }
    crate::output::emit(ctx.json, &surveys, |list| {
        let mut out = String::new();
        for s in list {
            render(&mut out, name, s);
        }
        out
    })
}

/// One survey as iw prints it: a heading per channel, tab-aligned values.
fn render(out: &mut String, name: &str, s: &Survey) {
    let _ = writeln!(out, "Survey data from {name}");
    if let Some(f) = s.freq {
        let used = if s.in_use { " [in use]" } else { "" };
        match s.freq_offset {
            Some(k) => {
                let _ = writeln!(out, "\tfrequency:\t\t\t{f}.{k} MHz{used}");
            }
            None => {
                let _ = writeln!(out, "\tfrequency:\t\t\t{f} MHz{used}");
            }
        }
    }
    if let Some(n) = s.noise_dbm {
        let _ = writeln!(out, "\tnoise:\t\t\t\t{n} dBm");
    }
    for (value, label) in [
        (s.active_ms, "channel active time:\t\t"),
        (s.busy_ms, "channel busy time:\t\t"),
        (s.ext_busy_ms, "extension channel busy time:\t"),
        (s.rx_ms, "channel receive time:\t\t"),
        (s.tx_ms, "channel transmit time:\t\t"),
    ] {
        if let Some(ms) = value {
            let _ = writeln!(out, "\t{label}{ms} ms");
        }
    }
}
