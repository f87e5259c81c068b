//! `rwlan event [-t] [-f]`: follows the config, scan, regulatory, mlme and
//! vendor groups and prints one line per event, like `iw event`; `-f` adds
//! the frames of auth, assoc, deauth and disassoc events and the data of
//! vendor events. With `--json`, one
//! JSON object per line (the frame in hex, always).

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

/// What `rwlan event` prints and for how long.
#[derive(Debug, Clone, Copy, Default)]
pub struct EventOptions {
    /// Prefix each line with a UNIX timestamp.
    pub timestamps: bool,
    /// Print the frames of MLME events.
    pub frames: bool,
    /// Stop after this many events.
    pub count: Option<u64>,
    /// Stop after this many seconds.
    pub duration: Option<u64>,
}

pub fn run(ctx: &Ctx, opts: EventOptions) -> Result<(), Error> {
    let EventOptions {
        timestamps,
        frames,
        count,
        duration,
    } = opts;
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
            text: describe(&ev, frames),
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

/// The iw-style sentence for an event, prefixed with interface and phy;
/// with `frames`, MLME events end with their frame in hex.
pub fn describe(ev: &Event, frames: bool) -> String {
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
        Some(Cmd::Authenticate) => format!("auth{}", mlme_outcome(ev, frames)),
        Some(Cmd::Associate) => format!("assoc{}", mlme_outcome(ev, frames)),
        Some(Cmd::Deauthenticate) => format!("deauth{}", frame_text(ev.frame.as_deref(), frames)),
        Some(Cmd::Disassociate) => format!("disassoc{}", frame_text(ev.frame.as_deref(), frames)),
        Some(Cmd::UnprotDeauthenticate) => {
            format!(
                "unprotected deauth{}",
                frame_text(ev.frame.as_deref(), frames)
            )
        }
        Some(Cmd::UnprotDisassociate) => {
            format!(
                "unprotected disassoc{}",
                frame_text(ev.frame.as_deref(), frames)
            )
        }
        // wpa_supplicant's 4-way handshake travels over the control port.
        Some(Cmd::ControlPortFrame) => format!("EAPOL frame from {mac}"),
        Some(Cmd::ControlPortFrameTxStatus) => "EAPOL frame sent".to_owned(),
        Some(Cmd::NewInterface) => "new interface".to_owned(),
        Some(Cmd::DelInterface) => "del interface".to_owned(),
        Some(Cmd::NewWiphy) => "new wiphy".to_owned(),
        Some(Cmd::DelWiphy) => "del wiphy".to_owned(),
        Some(Cmd::Vendor) => {
            let mut s = format!(
                "vendor event {:06x}:{}",
                ev.vendor_id.unwrap_or_default(),
                ev.vendor_subcmd.unwrap_or_default()
            );
            if let (true, Some(data)) = (frames, &ev.vendor_data) {
                s += &format!(" [data:{}]", super::vendor::hex_bytes(data));
            }
            s
        }
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

/// After "auth" or "assoc": the frame, else whether the exchange timed out.
fn mlme_outcome(ev: &Event, frames: bool) -> String {
    match (&ev.frame, ev.timed_out) {
        (Some(f), _) => frame_text(Some(f), frames),
        (None, true) => ": timed out".to_owned(),
        (None, false) => ": unknown event".to_owned(),
    }
}

/// A management frame as iw describes it: " SA -> DA", the status of an
/// (re)association response or authentication, the reason of a deauth or
/// disassoc; with `frames`, every byte. A frame shorter than a header
/// with its first fields is shown as invalid, bytes and all.
fn frame_text(frame: Option<&[u8]>, frames: bool) -> String {
    let Some(f) = frame else {
        return " [no frame]".to_owned();
    };
    let bytes = || f.iter().map(|b| format!(" {b:02x}")).collect::<String>();
    if f.len() < 26 {
        return format!(" [invalid frame:{}]", bytes());
    }
    let mac = |at: usize| {
        f[at..at + 6]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<Vec<_>>()
            .join(":")
    };
    let u16_at = |at: usize| {
        u16::from_le_bytes([
            f.get(at).copied().unwrap_or(0),
            f.get(at + 1).copied().unwrap_or(0),
        ])
    };
    let mut text = format!(" {} -> {}", mac(10), mac(4));
    match f[0] & 0xfc {
        // (Re)association response: status after capabilities.
        0x10 | 0x30 => {
            let code = u16_at(26);
            text += &format!(" status: {code}: {}", status_name(code));
        }
        // Authentication: status after algorithm and sequence.
        0xb0 => {
            let code = u16_at(28);
            text += &format!(" status: {code}: {}", status_name(code));
        }
        // Disassociation, deauthentication: the reason.
        0xa0 | 0xc0 => {
            let code = u16_at(24);
            text += &format!(" reason {code}: {}", reason_name(code));
        }
        _ => {}
    }
    if frames {
        text += &format!(" [frame:{}]", bytes());
    }
    text
}

#[cfg(test)]
mod tests {
    use super::describe;
    use crate::nl80211::model::Event;
    use crate::nl80211::Cmd;

    #[test]
    fn vendor_events_name_oui_and_subcommand() {
        let ev = Event {
            cmd_raw: Cmd::Vendor.raw(),
            wiphy: Some(0),
            ifname: Some("wlan0".into()),
            vendor_id: Some(0x1374),
            vendor_subcmd: Some(1),
            vendor_data: Some(vec![8, 0, 8, 0, 6, 0, 0, 0]),
            ..Event::default()
        };
        assert_eq!(
            describe(&ev, false),
            "wlan0 (phy #0): vendor event 001374:1"
        );
        assert_eq!(
            describe(&ev, true),
            "wlan0 (phy #0): vendor event 001374:1 [data:08 00 08 00 06 00 00 00]"
        );
    }
}
