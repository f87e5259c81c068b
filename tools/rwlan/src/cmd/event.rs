//! `rwlan event [-t]`: follows the config, scan, regulatory and mlme groups
//! and prints one line per event, like `iw event`. With `--json`, one JSON
//! object per line.

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde::Serialize;

use super::{ifname, Ctx};
use crate::error::Error;
use crate::ieee80211::{reason_name, status_name};
use crate::nl80211::attr::GenlMessage;
use crate::nl80211::model::Event;
use crate::nl80211::{Cmd, MCAST_GROUPS};
use rwlan_net::genl::Nl80211;

#[derive(Debug, Serialize)]
struct Line {
    #[serde(skip_serializing_if = "Option::is_none")]
    timestamp: Option<f64>,
    text: String,
    #[serde(flatten)]
    event: Event,
}

pub fn run(
    ctx: &Ctx,
    timestamps: bool,
    count: Option<u64>,
    duration: Option<u64>,
) -> Result<(), Error> {
    let mut nl = Nl80211::connect()?;
    for g in MCAST_GROUPS {
        nl.subscribe(g)?;
    }
    let deadline = duration.map(|d| Instant::now() + Duration::from_secs(d));
    let mut seen = 0u64;
    while count.is_none_or(|c| seen < c) {
        let Some(payload) = nl.next_event(deadline)? else {
            break;
        };
        let mut ev = Event::decode(&GenlMessage::parse(&payload)?)?;
        if ev.ifname.is_none() {
            ev.ifname = ev.ifindex.and_then(ifname);
        }
        seen += 1;
        let ts = timestamps.then(|| {
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0.0, |d| d.as_secs_f64())
        });
        let line = Line {
            timestamp: ts,
            text: describe(&ev),
            event: ev,
        };
        if ctx.json {
            crate::output::emit_line(&line)?;
        } else {
            let prefix = match line.timestamp {
                Some(t) => format!("{t:.6}: "),
                None => String::new(),
            };
            crate::output::print(&format!("{prefix}{}\n", line.text))?;
        }
    }
    Ok(())
}

/// The iw-style sentence for an event, prefixed with interface and phy.
pub fn describe(ev: &Event) -> String {
    let who = match (&ev.ifname, ev.wiphy) {
        (Some(n), Some(p)) => format!("{n} (phy #{p}): "),
        (Some(n), None) => format!("{n}: "),
        (None, Some(p)) => format!("phy #{p}: "),
        (None, None) => String::new(),
    };
    let mac = ev.mac.map_or_else(|| "?".to_owned(), |m| m.to_string());
    let what = match Cmd::from_raw(ev.cmd_raw) {
        Some(Cmd::TriggerScan) => "scan started".to_owned(),
        Some(Cmd::NewScanResults) => {
            let freqs: Vec<String> = ev.freqs.iter().map(u32::to_string).collect();
            format!("scan finished: {}", freqs.join(" "))
        }
        Some(Cmd::ScanAborted) => "scan aborted".to_owned(),
        Some(Cmd::Connect) => match ev.status_code {
            _ if ev.timed_out => format!("failed to connect to {mac}: timed out"),
            Some(0) | None => format!("connected to {mac}"),
            Some(code) => format!(
                "failed to connect to {mac}, status: {code}: {}",
                status_name(code)
            ),
        },
        Some(Cmd::Disconnect) => {
            let by = if ev.by_ap { "by AP" } else { "local request" };
            match ev.reason_code {
                Some(r) => format!("disconnected ({by}) reason: {r}: {}", reason_name(r)),
                None => format!("disconnected ({by})"),
            }
        }
        Some(Cmd::NewStation) => format!("new station {mac}"),
        Some(Cmd::DelStation) => format!("del station {mac}"),
        Some(Cmd::Authenticate) => "auth".to_owned(),
        Some(Cmd::Associate) => "assoc".to_owned(),
        Some(Cmd::Deauthenticate) => "deauth".to_owned(),
        Some(Cmd::Disassociate) => "disassoc".to_owned(),
        // wpa_supplicant's 4-way handshake travels over the control port.
        Some(Cmd::ControlPortFrame) => format!("EAPOL frame from {mac}"),
        Some(Cmd::ControlPortFrameTxStatus) => "EAPOL frame sent".to_owned(),
        Some(Cmd::NewInterface) => "new interface".to_owned(),
        Some(Cmd::DelInterface) => "del interface".to_owned(),
        Some(Cmd::NewWiphy) => "new wiphy".to_owned(),
        Some(Cmd::DelWiphy) => "del wiphy".to_owned(),
        Some(Cmd::ChSwitchNotify) => format!(
            "channel switch to {} MHz",
            ev.freq.map_or_else(|| "?".to_owned(), |f| f.to_string())
        ),
        Some(Cmd::RegChange) => match &ev.reg_alpha2 {
            Some(cc) => format!("regulatory domain change: set to {cc}"),
            None => "regulatory domain change".to_owned(),
        },
        Some(other) => other.name().replace('_', " "),
        None => format!("unknown event {}", ev.cmd_raw),
    };
    format!("{who}{what}")
}
