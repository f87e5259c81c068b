//! `rwlan dev IF ibss join|leave`, `mesh join|leave` and `offchannel`, in
//! iw's syntax so that a script can swap `iw` for `rwlan`:
//!
//! - `ibss join SSID FREQ [NOHT|HT20|HT40+|HT40-] [fixed-freq] [BSSID]
//!   [beacon-interval TU] [basic-rates R,...] [mcast-rate R]`
//! - `mesh join MESHID [freq FREQ [NOHT|HT20|HT40+|HT40-]]
//!   [basic-rates R,...] [mcast-rate R] [beacon-interval TU] [dtim-period N]`
//! - `offchannel FREQ DURATION_MS`
//!
//! Like iw, success prints nothing; `--json` prints what was done.

use clap::Subcommand;
use serde::Serialize;

use super::Ctx;
use crate::error::Error;
use crate::nl80211::attr::AttrWriter;
use crate::nl80211::model::Mac;
use crate::nl80211::{Attr, ChannelType, Cmd};
use rwlan_net::genl::Nl80211;

#[derive(Debug, Subcommand)]
pub enum JoinCommand {
    /// Join (or start) a network: see `rwlan dev IF ibss|mesh help join`.
    Join {
        /// SSID (IBSS) or mesh ID.
        id: String,
        /// The rest, in iw's words.
        #[arg(num_args = 0.., trailing_var_arg = true, allow_hyphen_values = true)]
        rest: Vec<String>,
    },
    /// Leave the network.
    Leave,
}

/// What the joins and leaves print with `--json`.
#[derive(Debug, Serialize)]
struct Done<'a> {
    ifname: &'a str,
    action: &'static str,
    id: Option<&'a str>,
    freq: Option<u32>,
}

/// Options common to both joins, parsed from iw's keywords.
#[derive(Debug, Default, PartialEq)]
struct JoinParams {
    freq: Option<u32>,
    channel_type: Option<ChannelType>,
    fixed_freq: bool,
    bssid: Option<Mac>,
    beacon_interval: Option<u32>,
    dtim_period: Option<u32>,
    /// In units of 500 kb/s, as the Supported Rates element counts.
    basic_rates: Vec<u8>,
    /// In units of 100 kb/s.
    mcast_rate: Option<u32>,
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Ibss,
    Mesh,
}

pub fn ibss(ctx: &Ctx, name: &str, idx: u32, what: JoinCommand) -> Result<(), Error> {
    run(ctx, name, idx, what, Kind::Ibss)
}

pub fn mesh(ctx: &Ctx, name: &str, idx: u32, what: JoinCommand) -> Result<(), Error> {
    run(ctx, name, idx, what, Kind::Mesh)
}

fn run(ctx: &Ctx, name: &str, idx: u32, what: JoinCommand, kind: Kind) -> Result<(), Error> {
    let (id, rest) = match what {
        JoinCommand::Leave => {
            let cmd = match kind {
                Kind::Ibss => Cmd::LeaveIbss,
                Kind::Mesh => Cmd::LeaveMesh,
            };
            Nl80211::connect()?.request(cmd, |w| {
                w.u32(Attr::Ifindex, idx);
            })?;
            let done = Done {
                ifname: name,
                action: "left",
                id: None,
                freq: None,
            };
            return crate::output::emit_result(ctx.json, &done);
        }
        JoinCommand::Join { id, rest } => (id, rest),
    };
    if id.is_empty() || id.len() > 32 {
        return Err(Error::Usage(format!(
            "'{id}' is not an SSID or mesh ID (1 to 32 bytes)"
        )));
    }
    let (cmd, p) = match kind {
        Kind::Ibss => (Cmd::JoinIbss, parse_ibss(&rest)?),
        Kind::Mesh => (Cmd::JoinMesh, parse_mesh(&rest)?),
    };
    Nl80211::connect()?.request(cmd, |w| {
        w.u32(Attr::Ifindex, idx);
        match kind {
            Kind::Ibss => w.bytes(Attr::Ssid, id.as_bytes()),
            Kind::Mesh => w.bytes(Attr::MeshId, id.as_bytes()),
        };
        fill(w, &p);
    })?;
    let done = Done {
        ifname: name,
        action: "joined",
        id: Some(&id),
        freq: p.freq,
    };
    crate::output::emit_result(ctx.json, &done)
}

fn fill(w: &mut AttrWriter, p: &JoinParams) {
    if let Some(f) = p.freq {
        w.u32(Attr::WiphyFreq, f);
    }
    if let Some(t) = p.channel_type {
        w.u32(Attr::WiphyChannelType, t.raw());
    }
    if p.fixed_freq {
        w.flag(Attr::FreqFixed);
    }
    if let Some(b) = p.bssid {
        w.bytes(Attr::Mac, &b.0);
    }
    if let Some(v) = p.beacon_interval {
        w.u32(Attr::BeaconInterval, v);
    }
    if let Some(v) = p.dtim_period {
        w.u32(Attr::DtimPeriod, v);
    }
    if !p.basic_rates.is_empty() {
        w.bytes(Attr::BssBasicRates, &p.basic_rates);
    }
    if let Some(v) = p.mcast_rate {
        w.u32(Attr::McastRate, v);
    }
}

fn usage(what: &str) -> Error {
    Error::Usage(what.to_owned())
}

fn channel_type(word: &str) -> Option<ChannelType> {
    match word.to_ascii_uppercase().as_str() {
        "NOHT" => Some(ChannelType::NoHt),
        "HT20" => Some(ChannelType::Ht20),
        "HT40+" => Some(ChannelType::Ht40plus),
        "HT40-" => Some(ChannelType::Ht40minus),
        _ => None,
    }
}

fn number<T: std::str::FromStr>(value: Option<&String>, what: &str) -> Result<T, Error> {
    value
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| usage(&format!("{what} takes a number")))
}

/// "1,2,5.5,11" (Mb/s) → 500 kb/s units.
fn rates(value: Option<&String>) -> Result<Vec<u8>, Error> {
    let bad = || usage("basic-rates takes rates in Mb/s, e.g. 1,2,5.5,11");
    let list = value.ok_or_else(bad)?;
    list.split(',')
        .map(|r| {
            let mbps: f64 = r.parse().map_err(|_| bad())?;
            let units = (mbps * 2.0).round();
            if !(1.0..=127.0).contains(&units) {
                return Err(bad());
            }
            Ok(units as u8)
        })
        .collect()
}

/// Mb/s → 100 kb/s units.
fn mcast_rate(value: Option<&String>) -> Result<u32, Error> {
    let mbps: f64 = number(value, "mcast-rate")?;
    let units = (mbps * 10.0).round();
    if !(1.0..=10_000.0).contains(&units) {
        return Err(usage("mcast-rate takes a rate in Mb/s"));
    }
    Ok(units as u32)
}

/// The keywords both joins share; returns false for a word it does not know.
fn shared_keyword(
    p: &mut JoinParams,
    word: &str,
    it: &mut std::slice::Iter<'_, String>,
) -> Result<bool, Error> {
    match word {
        "beacon-interval" => p.beacon_interval = Some(number(it.next(), "beacon-interval")?),
        "basic-rates" => p.basic_rates = rates(it.next())?,
        "mcast-rate" => p.mcast_rate = Some(mcast_rate(it.next())?),
        _ => return Ok(false),
    }
    Ok(true)
}

fn parse_ibss(words: &[String]) -> Result<JoinParams, Error> {
    let mut it = words.iter();
    let freq = number(it.next(), "ibss join SSID FREQ: the frequency (MHz)")?;
    let mut p = JoinParams {
        freq: Some(freq),
        ..JoinParams::default()
    };
    while let Some(word) = it.next() {
        if shared_keyword(&mut p, word, &mut it)? {
            continue;
        }
        if let Some(t) = channel_type(word).filter(|_| p.channel_type.is_none()) {
            p.channel_type = Some(t);
        } else if word == "fixed-freq" {
            p.fixed_freq = true;
        } else if let Some(mac) = word.parse::<Mac>().ok().filter(|_| p.bssid.is_none()) {
            p.bssid = Some(mac);
        } else {
            return Err(usage(&format!("ibss join: '{word}' is not understood")));
        }
    }
    Ok(p)
}

fn parse_mesh(words: &[String]) -> Result<JoinParams, Error> {
    let mut p = JoinParams::default();
    let mut it = words.iter();
    while let Some(word) = it.next() {
        if shared_keyword(&mut p, word, &mut it)? {
            continue;
        }
        match word.as_str() {
            "freq" => {
                p.freq = Some(number(it.next(), "freq")?);
                // An optional HT mode follows the frequency.
                if let Some(t) = it.as_slice().first().and_then(|w| channel_type(w)) {
                    p.channel_type = Some(t);
                    it.next();
                }
            }
            "dtim-period" => p.dtim_period = Some(number(it.next(), "dtim-period")?),
            _ => return Err(usage(&format!("mesh join: '{word}' is not understood"))),
        }
    }
    Ok(p)
}

/// What `offchannel --json` prints.
#[derive(Debug, Serialize)]
struct Offchannel<'a> {
    ifname: &'a str,
    freq: u32,
    duration_ms: u32,
    cookie: Option<u64>,
}

/// `offchannel FREQ DURATION`: remain on FREQ for DURATION ms.
pub fn offchannel(ctx: &Ctx, name: &str, idx: u32, freq: u32, duration: u32) -> Result<(), Error> {
    let mut nl = Nl80211::connect()?;
    let replies = nl.request(Cmd::RemainOnChannel, |w| {
        w.u32(Attr::Ifindex, idx)
            .u32(Attr::WiphyFreq, freq)
            .u32(Attr::Duration, duration);
    })?;
    let cookie = match crate::nl80211::attr::first_reply(&replies)? {
        Some(a) => a.u64(Attr::Cookie)?,
        None => None,
    };
    let done = Offchannel {
        ifname: name,
        freq,
        duration_ms: duration,
        cookie,
    };
    crate::output::emit_result(ctx.json, &done)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_owned).collect()
    }

    #[test]
    fn ibss_like_iw() {
        let p = parse_ibss(&words("2412 HT20 fixed-freq 02:11:22:33:44:55 beacon-interval 200 basic-rates 1,2,5.5 mcast-rate 6"));
        let want = JoinParams {
            freq: Some(2412),
            channel_type: Some(ChannelType::Ht20),
            fixed_freq: true,
            bssid: Some(Mac([2, 0x11, 0x22, 0x33, 0x44, 0x55])),
            beacon_interval: Some(200),
            dtim_period: None,
            basic_rates: vec![2, 4, 11],
            mcast_rate: Some(60),
        };
        assert_eq!(p.ok(), Some(want));
        assert!(parse_ibss(&words("")).is_err());
        assert!(parse_ibss(&words("2412 bogus")).is_err());
        assert!(parse_ibss(&words("2412 basic-rates 0")).is_err());
        assert!(parse_ibss(&words("2412 beacon-interval")).is_err());
    }

    #[test]
    fn mesh_like_iw() {
        let p = parse_mesh(&words("freq 2412 HT40+ dtim-period 2 mcast-rate 12"));
        let want = JoinParams {
            freq: Some(2412),
            channel_type: Some(ChannelType::Ht40plus),
            dtim_period: Some(2),
            mcast_rate: Some(120),
            ..JoinParams::default()
        };
        assert_eq!(p.ok(), Some(want));
        assert_eq!(parse_mesh(&words("")).ok(), Some(JoinParams::default()));
        assert!(parse_mesh(&words("freq")).is_err());
        assert!(parse_mesh(&words("fixed-freq")).is_err());
    }
}
