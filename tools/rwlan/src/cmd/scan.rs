//! `rwlan dev IFACE scan`: join the scan group first (so the result event
//! cannot be missed), trigger, wait for NEW_SCAN_RESULTS or SCAN_ABORTED for
//! this interface, then dump the BSS table.

use std::fmt::Write;
use std::time::{Duration, Instant};

use clap::{Args, Subcommand};
use serde::Serialize;

use super::Ctx;
use crate::error::Error;
use crate::nl80211::attr::GenlMessage;
use crate::nl80211::model::{Bss, Event, Mac};
use crate::nl80211::{Attr, BssStatus, Cmd, ScanFlag};
use rwlan_net::genl::Nl80211;

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct ScanArgs {
    #[command(subcommand)]
    action: Option<ScanAction>,
    /// Probe for this SSID (repeatable); default is the wildcard SSID.
    #[arg(long)]
    ssid: Vec<String>,
    /// Scan only this frequency in MHz (repeatable).
    #[arg(long)]
    freq: Vec<u32>,
    /// Listen only, send no probe requests (so no --ssid to probe for).
    #[arg(long, conflicts_with = "ssid")]
    passive: bool,
    /// Extra information elements for the probe requests, in hex (colons
    /// allowed), e.g. dd0500112233ff.
    #[arg(long, value_parser = parse_ies, conflicts_with = "passive")]
    ies: Option<Ies>,
    /// Probe from a random address (needs driver support); with ADDR/MASK,
    /// the bits set in MASK come from ADDR.
    #[arg(long, num_args = 0..=1, require_equals = true, value_name = "ADDR/MASK", value_parser = parse_random)]
    randomise: Option<Option<(Mac, Mac)>>,
    /// Print the kernel's current results without scanning.
    #[arg(long, conflicts_with = "trigger_only")]
    dump_only: bool,
    /// Start the scan and return (iw's `scan trigger`); `--dump-only`
    /// reads the results later.
    #[arg(long)]
    trigger_only: bool,
    /// Give up after this many seconds.
    #[arg(long, default_value_t = 30)]
    timeout: u64,
}

#[derive(Debug, Subcommand)]
enum ScanAction {
    /// Abort the scan running on this interface.
    Abort,
}

/// What `scan abort --json` prints.
#[derive(Debug, Serialize)]
struct Aborted {
    ifname: String,
    aborted: bool,
}

/// What `scan --trigger-only --json` prints.
#[derive(Debug, Serialize)]
struct Triggered {
    ifname: String,
    triggered: bool,
}

pub fn run(ctx: &Ctx, name: &str, idx: u32, a: &ScanArgs) -> Result<(), Error> {
    let mut nl = Nl80211::connect()?;
    if let Some(ScanAction::Abort) = a.action {
        nl.request(Cmd::AbortScan, |w| {
            w.u32(Attr::Ifindex, idx);
        })?;
        // Like iw, the text form says nothing.
        let aborted = Aborted {
            ifname: name.to_owned(),
            aborted: true,
        };
        return crate::output::emit_result(ctx.json, &aborted);
    }
    if a.trigger_only {
        trigger(&mut nl, idx, a)?;
        // Like iw's `scan trigger`, the text form says nothing.
        let triggered = Triggered {
            ifname: name.to_owned(),
            triggered: true,
        };
        return crate::output::emit_result(ctx.json, &triggered);
    }
    if !a.dump_only {
        trigger_and_wait(&mut nl, idx, a)?;
    }
    let list = results(&mut nl, idx)?;
    crate::output::emit(ctx.json, &list, |list| {
        list.iter().map(|b| render(b, name)).collect()
    })
}

/// Information elements for probe requests, whole elements only. (A
/// type of its own: clap would take a bare `Vec<u8>` for many values.)
#[derive(Debug, Clone, PartialEq, Eq)]
struct Ies(Vec<u8>);

/// `--ies`: hex bytes, colons allowed, forming whole elements.
fn parse_ies(s: &str) -> Result<Ies, String> {
    let hex: String = s.chars().filter(|c| *c != ':').collect();
    let bad = || format!("'{s}' is not hex bytes (e.g. dd0500112233ff)");
    if hex.is_empty() || !hex.len().is_multiple_of(2) {
        return Err(bad());
    }
    let bytes = (0..hex.len())
        .step_by(2)
        .map(|i| {
            hex.get(i..i + 2)
                .and_then(|b| u8::from_str_radix(b, 16).ok())
        })
        .collect::<Option<Vec<u8>>>()
        .ok_or_else(bad)?;
    // Each element is ID, length, then that many bytes.
    let mut rest = &bytes[..];
    while let [_, len, tail @ ..] = rest {
        rest = tail
            .get(usize::from(*len)..)
            .ok_or_else(|| format!("'{s}': an element's length runs past the end"))?;
    }
    if !rest.is_empty() {
        return Err(format!("'{s}': a byte left over after the last element"));
    }
    Ok(Ies(bytes))
}

/// `--randomise=ADDR/MASK`.
fn parse_random(s: &str) -> Result<(Mac, Mac), String> {
    let (addr, mask) = s
        .split_once('/')
        .ok_or_else(|| format!("'{s}' is not ADDR/MASK"))?;
    Ok((addr.parse()?, mask.parse()?))
}

/// Asks for the scan `a` describes.
fn trigger(nl: &mut Nl80211, idx: u32, a: &ScanArgs) -> Result<(), Error> {
    nl.request(Cmd::TriggerScan, |w| {
        w.u32(Attr::Ifindex, idx);
        if !a.passive {
            if a.ssid.is_empty() {
                w.nest_list(Attr::ScanSsids, [&b""[..]]);
            } else {
                w.nest_list(Attr::ScanSsids, a.ssid.iter().map(|s| s.as_bytes()));
            }
        }
        if !a.freq.is_empty() {
            let freqs: Vec<[u8; 4]> = a.freq.iter().map(|f| f.to_ne_bytes()).collect();
            w.nest_list(Attr::ScanFrequencies, freqs.iter().map(|f| &f[..]));
        }
        if let Some(Ies(ies)) = &a.ies {
            w.bytes(Attr::Ie, ies);
        }
        if let Some(random) = &a.randomise {
            w.u32(Attr::ScanFlags, ScanFlag::RandomAddr.raw());
            if let Some((addr, mask)) = random {
                w.bytes(Attr::Mac, &addr.0).bytes(Attr::MacMask, &mask.0);
            }
        }
    })?;
    Ok(())
}

/// Scans and waits for this interface's results (or abort).
fn trigger_and_wait(nl: &mut Nl80211, idx: u32, a: &ScanArgs) -> Result<(), Error> {
    // Listen before asking: the scan may end before the request returns.
    nl.subscribe("scan")?;
    trigger(nl, idx, a)?;
    let deadline = Instant::now() + Duration::from_secs(a.timeout);
    loop {
        let Some(payload) = nl.next_event(Some(deadline))? else {
            return Err(Error::Timeout {
                what: "scan results".into(),
                secs: a.timeout,
            });
        };
        let ev = Event::decode(&GenlMessage::parse(&payload)?)?;
        if ev.ifindex != Some(idx) {
            continue;
        }
        if ev.is(Cmd::NewScanResults) {
            return Ok(());
        }
        if ev.is(Cmd::ScanAborted) {
            return Err(Error::Refused {
                what: "scan".into(),
                reason: "the driver aborted it".into(),
            });
        }
    }
}

/// The kernel's BSS table for an interface.
pub fn results(nl: &mut Nl80211, idx: u32) -> Result<Vec<Bss>, Error> {
    let mut out = Vec::new();
    for m in nl.dump(Cmd::GetScan, |w| {
        w.u32(Attr::Ifindex, idx);
    })? {
        if let Some(b) = Bss::decode(GenlMessage::parse(&m)?.attrs)? {
            out.push(b);
        }
    }
    Ok(out)
}

/// Capability bits iw names (IEEE 802.11 9.4.1.4).
const CAPABILITY_BITS: [(u16, &str); 8] = [
    (0, "ESS"),
    (1, "IBSS"),
    (4, "Privacy"),
    (5, "ShortPreamble"),
    (8, "SpectrumMgmt"),
    (9, "QoS"),
    (10, "ShortSlotTime"),
    (12, "RadioMeasure"),
];

fn capability_text(cap: u16) -> String {
    let names: Vec<&str> = CAPABILITY_BITS
        .iter()
        .filter(|(bit, _)| cap & (1 << bit) != 0)
        .map(|(_, n)| *n)
        .collect();
    format!("{} (0x{cap:04x})", names.join(" "))
}

/// One BSS in `iw scan` layout.
pub fn render(b: &Bss, ifname: &str) -> String {
    let mut s = String::new();
    let status = match b.status {
        Some(BssStatus::Associated) => " -- associated",
        Some(BssStatus::Authenticated) => " -- authenticated",
        Some(BssStatus::IbssJoined) => " -- joined",
        _ => "",
    };
    let _ = writeln!(s, "BSS {}(on {ifname}){status}", b.bssid);
    if let Some(tsf) = b.tsf {
        let _ = writeln!(s, "\tTSF: {tsf} usec");
    }
    let _ = writeln!(s, "\tfreq: {}", b.freq);
    if let Some(bi) = b.beacon_interval {
        let _ = writeln!(s, "\tbeacon interval: {bi} TUs");
    }
    if let Some(cap) = b.capability {
        let _ = writeln!(s, "\tcapability: {}", capability_text(cap));
    }
    if let Some(sig) = b.signal_dbm {
        let _ = writeln!(s, "\tsignal: {sig:.2} dBm");
    }
    if let Some(ago) = b.seen_ms_ago {
        let _ = writeln!(s, "\tlast seen: {ago} ms ago");
    }
    let _ = writeln!(s, "\tSSID: {}", b.ies.ssid.as_deref().unwrap_or(""));
    if !b.ies.rates.is_empty() {
        let rates: Vec<String> = b
            .ies
            .rates
            .iter()
            .map(|r| format!("{:.1}{}", r.mbps, if r.basic { "*" } else { "" }))
            .collect();
        let _ = writeln!(s, "\tSupported rates: {}", rates.join(" "));
    }
    if let Some(ch) = b.ies.ds_channel {
        let _ = writeln!(s, "\tDS Parameter set: channel {ch}");
    }
    if let Some(cc) = &b.ies.country {
        let _ = writeln!(s, "\tCountry: {cc}");
    }
    let privacy = b.capability.is_some_and(|c| c & (1 << 4) != 0);
    let _ = writeln!(s, "\tsecurity: {}", b.ies.security_summary(privacy));
    for (label, sec) in [("RSN", &b.ies.rsn), ("WPA", &b.ies.wpa)] {
        if let Some(sec) = sec {
            let _ = writeln!(s, "\t{label}:\t * Version: {}", sec.version);
            if let Some(g) = &sec.group_cipher {
                let _ = writeln!(s, "\t\t * Group cipher: {g}");
            }
            let _ = writeln!(
                s,
                "\t\t * Pairwise ciphers: {}",
                sec.pairwise_ciphers.join(" ")
            );
            let _ = writeln!(
                s,
                "\t\t * Authentication suites: {}",
                sec.akm_suites.join(" ")
            );
        }
    }
    if let Some(ht) = b.ies.ht {
        let _ = writeln!(
            s,
            "\tHT capabilities:\n\t\tCapabilities: 0x{:02x}",
            ht.capabilities
        );
    }
    if let Some(ch) = b.ies.ht_primary_channel {
        let _ = writeln!(s, "\tHT operation:\n\t\t * primary channel: {ch}");
    }
    if b.ies.wmm {
        let _ = writeln!(s, "\tWMM: yes");
    }
    s
}

#[cfg(test)]
mod ie_tests {
    use super::{parse_ies, parse_random};

    #[test]
    fn whole_elements_only() {
        assert_eq!(
            parse_ies("dd:03:00:11:22"),
            Ok(super::Ies(vec![0xdd, 3, 0, 0x11, 0x22]))
        );
        assert_eq!(parse_ies("dd0100dd00").map(|v| v.0.len()), Ok(5));
        assert!(parse_ies("dd0500").is_err());
        assert!(parse_ies("dd01001").is_err());
        assert!(parse_ies("zz").is_err());
        assert!(parse_ies("dd0000").is_err());
    }

    #[test]
    fn address_and_mask() {
        let (a, m) = parse_random("02:00:00:aa:00:00/ff:ff:ff:ff:00:00").expect("valid");
        assert_eq!(a.0, [2, 0, 0, 0xaa, 0, 0]);
        assert_eq!(m.0, [0xff, 0xff, 0xff, 0xff, 0, 0]);
        assert!(parse_random("02:00:00:aa:00:00").is_err());
    }
}
