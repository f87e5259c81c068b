//! `connect`, `disconnect` and `link`: the cfg80211 SME path for open and
//! static-WEP networks, with or without management frame protection. WPA
//! networks are left to wpa_supplicant; rwlan observes them.

use std::fmt::Write;
use std::time::{Duration, Instant};

use clap::Args;
use serde::Serialize;

use super::wep::{self, WepKey};
use super::Ctx;
use crate::error::Error;
use crate::ieee80211::status_name;
use crate::nl80211::attr::GenlMessage;
use crate::nl80211::model::{Event, Mac, Station};
use crate::nl80211::{Attr, AuthType, BssStatus, Cmd, KeyAttr, Mfp};
use rwlan_net::genl::Nl80211;

/// How the station authenticates (`--auth`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Auth {
    /// Open system.
    Open,
    /// Shared key: a WEP challenge, needs `--key`.
    Shared,
}

/// Management frame protection (`--mfp`), nl80211's `use_mfp`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum MfpArg {
    /// Refuse an AP that does not protect management frames.
    Required,
    /// Protect them if the AP does (drivers with the mfp_optional feature).
    Optional,
    /// Do not.
    No,
}

#[derive(Debug, Args)]
pub struct ConnectArgs {
    /// SSID of the network (open, or static WEP with --key).
    ssid: String,
    /// Only this BSSID.
    #[arg(long)]
    bssid: Option<Mac>,
    /// Only this frequency in MHz.
    #[arg(long)]
    freq: Option<u32>,
    /// A static WEP key, as iw takes it: [d:]INDEX:KEY, KEY 5 or 13
    /// characters or 10 or 26 hex digits, d: the key to send with (else the
    /// first). Up to four.
    #[arg(long = "key", value_name = "[d:]INDEX:KEY")]
    keys: Vec<WepKey>,
    /// Authentication algorithm.
    #[arg(long, value_enum, default_value_t = Auth::Open)]
    auth: Auth,
    /// Management frame protection.
    #[arg(long, value_enum)]
    mfp: Option<MfpArg>,
    /// Give up after this many seconds.
    #[arg(long, default_value_t = 30)]
    timeout: u64,
}

#[derive(Debug, Serialize)]
struct ConnectResult {
    ifname: String,
    bssid: Option<Mac>,
    status_code: u16,
    status: &'static str,
}

pub fn connect(ctx: &Ctx, name: &str, idx: u32, a: &ConnectArgs) -> Result<(), Error> {
    if a.ssid.is_empty() || a.ssid.len() > 32 {
        return Err(Error::Usage("an SSID has 1 to 32 bytes".into()));
    }
    let default_key = wep::default_index(&a.keys).map_err(Error::Usage)?;
    if a.auth == Auth::Shared && a.keys.is_empty() {
        return Err(Error::Usage(
            "shared key authentication needs a WEP key (--key)".into(),
        ));
    }
    let auth = match a.auth {
        Auth::Open => AuthType::OpenSystem,
        Auth::Shared => AuthType::SharedKey,
    };
    let mut nl = Nl80211::connect()?;
    nl.subscribe("mlme")?;
    nl.request(Cmd::Connect, |w| {
        w.u32(Attr::Ifindex, idx)
            .bytes(Attr::Ssid, a.ssid.as_bytes())
            .u32(Attr::AuthType, auth.raw());
        if let Some(b) = a.bssid {
            w.bytes(Attr::Mac, &b.0);
        }
        if let Some(f) = a.freq {
            w.u32(Attr::WiphyFreq, f);
        }
        if !a.keys.is_empty() {
            // Without the privacy flag cfg80211 looks for an open BSS.
            w.flag(Attr::Privacy);
            w.nest(Attr::Keys, |w| {
                for (n, k) in a.keys.iter().enumerate() {
                    w.nest(n as u16 + 1, |w| {
                        w.bytes(KeyAttr::Data, &k.data)
                            .bytes(KeyAttr::Idx, &[k.index])
                            .u32(KeyAttr::Cipher, k.cipher());
                        if default_key == Some(k.index) {
                            w.flag(KeyAttr::Default);
                        }
                    });
                }
            });
        }
        if let Some(m) = a.mfp {
            let m = match m {
                MfpArg::Required => Mfp::Required,
                MfpArg::Optional => Mfp::Optional,
                MfpArg::No => Mfp::No,
            };
            w.u32(Attr::UseMfp, m.raw());
        }
    })?;
    let deadline = Instant::now() + Duration::from_secs(a.timeout);
    let ev = loop {
        let Some(payload) = nl.next_event(Some(deadline))? else {
            return Err(Error::Timeout {
                what: format!("the connection to '{}'", a.ssid),
                secs: a.timeout,
            });
        };
        let ev = Event::decode(&GenlMessage::parse(&payload)?)?;
        if ev.ifindex == Some(idx) && ev.is(Cmd::Connect) {
            break ev;
        }
    };
    let code = ev.status_code.unwrap_or(1);
    if ev.timed_out {
        // cfg80211 gave up: authentication or association went unanswered.
        return Err(Error::Unanswered(format!("'{}'", a.ssid)));
    }
    if code != 0 {
        let bssid = ev.mac.map_or_else(String::new, |m| format!(" {m}"));
        return Err(Error::Refused {
            what: format!("connecting to '{}'{bssid}", a.ssid),
            reason: format!("status {code}: {}", status_name(code)),
        });
    }
    let result = ConnectResult {
        ifname: name.to_owned(),
        bssid: ev.mac,
        status_code: code,
        status: status_name(code),
    };
    crate::output::emit(ctx.json, &result, |r| {
        let bssid = r.bssid.map_or_else(|| "?".to_owned(), |m| m.to_string());
        format!("{}: connected to {bssid}\n", r.ifname)
    })
}

/// What `disconnect --json` prints.
#[derive(Debug, Serialize)]
struct Disconnected {
    ifname: String,
    disconnected: bool,
    reason_code: u16,
}

/// Deauthenticates; like iw, the text form prints nothing.
pub fn disconnect(ctx: &Ctx, name: &str, idx: u32) -> Result<(), Error> {
    // 3: deauthenticated because the sending station is leaving.
    const LEAVING: u16 = 3;
    Nl80211::connect()?.request(Cmd::Disconnect, |w| {
        w.u32(Attr::Ifindex, idx);
        w.bytes(Attr::ReasonCode, &LEAVING.to_ne_bytes());
    })?;
    let done = Disconnected {
        ifname: name.to_owned(),
        disconnected: true,
        reason_code: LEAVING,
    };
    crate::output::emit_result(ctx.json, &done)
}

#[derive(Debug, Serialize)]
struct Link {
    ifname: String,
    connected: bool,
    bssid: Option<Mac>,
    /// Joined an IBSS rather than associated with an AP.
    ibss: bool,
    ssid: Option<String>,
    freq: Option<u32>,
    station: Option<Station>,
}

pub fn link(ctx: &Ctx, name: &str, idx: u32) -> Result<(), Error> {
    let mut nl = Nl80211::connect()?;
    let bss = super::scan::results(&mut nl, idx)?.into_iter().find(|b| {
        matches!(
            b.status,
            Some(BssStatus::Associated | BssStatus::IbssJoined)
        )
    });
    let mut link = Link {
        ifname: name.to_owned(),
        connected: bss.is_some(),
        bssid: bss.as_ref().map(|b| b.bssid),
        ibss: bss
            .as_ref()
            .is_some_and(|b| b.status == Some(BssStatus::IbssJoined)),
        ssid: bss.as_ref().and_then(|b| b.ies.ssid.clone()),
        freq: bss.as_ref().map(|b| b.freq),
        station: None,
    };
    if let Some(b) = &bss {
        link.station = super::station::get(&mut nl, idx, b.bssid).ok();
        if let Ok(i) = super::dev::get_interface(&mut nl, idx) {
            link.ssid = i.ssid.or(link.ssid);
        }
    }
    crate::output::emit(ctx.json, &link, render)
}

fn render(l: &Link) -> String {
    let mut s = String::new();
    let Some(bssid) = l.bssid else {
        return "Not connected.\n".to_owned();
    };
    if l.ibss {
        let _ = writeln!(s, "Joined IBSS {bssid} (on {})", l.ifname);
    } else {
        let _ = writeln!(s, "Connected to {bssid} (on {})", l.ifname);
    }
    let _ = writeln!(s, "\tSSID: {}", l.ssid.as_deref().unwrap_or(""));
    if let Some(f) = l.freq {
        let _ = writeln!(s, "\tfreq: {f}");
    }
    if let Some(st) = &l.station {
        if let (Some(b), Some(p)) = (st.rx_bytes, st.rx_packets) {
            let _ = writeln!(s, "\tRX: {b} bytes ({p} packets)");
        }
        if let (Some(b), Some(p)) = (st.tx_bytes, st.tx_packets) {
            let _ = writeln!(s, "\tTX: {b} bytes ({p} packets)");
        }
        if let Some(sig) = st.signal_dbm {
            let _ = writeln!(s, "\tsignal: {sig} dBm");
        }
        if let Some(r) = &st.rx_bitrate {
            let _ = writeln!(s, "\trx bitrate: {r}");
        }
        if let Some(r) = &st.tx_bitrate {
            let _ = writeln!(s, "\ttx bitrate: {r}");
        }
    }
    s
}
