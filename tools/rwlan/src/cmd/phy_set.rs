//! `rwlan phy PHY set name|rts|frag|retry|txpower|netns ...`: iw's wiphy
//! settings, in iw's words. Like iw, success prints nothing; `--json`
//! prints the wiphy as it is afterwards.

use std::fs::File;
use std::os::fd::AsRawFd;

use clap::Subcommand;

use crate::error::Error;
use crate::nl80211::attr::AttrWriter;
use crate::nl80211::{Attr, Cmd};
use rwlan_net::genl::Nl80211;

#[derive(Debug, Subcommand)]
pub enum PhyCommand {
    /// Change a setting of the wiphy.
    Set {
        #[command(subcommand)]
        what: PhySet,
    },
    /// `reg get`: the regulatory domain this wiphy follows.
    Reg {
        #[command(subcommand)]
        what: PhyReg,
    },
    /// Each band's channels with their flags, widths and DFS state, as
    /// `iw phy PHY channels`.
    Channels,
    /// mac80211_hwsim's testmode commands, as `iw phy PHY hwsim`.
    Hwsim {
        #[command(subcommand)]
        what: super::phy_testmode::HwsimTestmode,
    },
}

#[derive(Debug, Subcommand)]
pub enum PhyReg {
    /// Its own domain (`phy#N`), or the global one it follows.
    Get,
}

#[derive(Debug, Subcommand)]
pub enum PhySet {
    /// Rename the wiphy.
    Name { name: String },
    /// RTS threshold in bytes, or `off`.
    Rts { threshold: String },
    /// Fragmentation threshold in bytes (256 or more), or `off`.
    Frag { threshold: String },
    /// Retry limits: `[short N] [long N]`.
    Retry {
        #[arg(num_args = 0.., trailing_var_arg = true)]
        limits: Vec<String>,
    },
    /// TX power: `auto`, or `fixed|limit MBM` (in mBm, 100 mBm = 1 dBm).
    Txpower { setting: String, mbm: Option<i32> },
    /// Move the wiphy and its interfaces: `PID` or `name NSNAME`.
    Netns {
        #[arg(num_args = 1..=2)]
        target: Vec<String>,
    },
}

/// A network namespace to move a wiphy into.
enum Netns {
    Pid(u32),
    /// An open `/run/netns/NAME`, kept open until the request is sent.
    File(File),
}

/// Applies `what` to wiphy `wiphy`.
pub fn set(nl: &mut Nl80211, wiphy: u32, what: PhySet) -> Result<(), Error> {
    let attrs = match what {
        PhySet::Netns { target } => {
            let ns = netns(&target)?;
            nl.request(Cmd::SetWiphyNetns, |w| {
                w.u32(Attr::Wiphy, wiphy);
                match &ns {
                    Netns::Pid(pid) => w.u32(Attr::Pid, *pid),
                    Netns::File(f) => w.u32(Attr::NetnsFd, f.as_raw_fd().unsigned_abs()),
                };
            })?;
            return Ok(());
        }
        PhySet::Name { name } => {
            if name.is_empty() || name.len() > 63 || name.contains('/') {
                return Err(Error::Usage(format!("'{name}' is not a valid wiphy name")));
            }
            vec![(Attr::WiphyName, Value::Str(name))]
        }
        PhySet::Rts { threshold } => vec![(
            Attr::WiphyRtsThreshold,
            Value::U32(threshold_value(&threshold, 0)?),
        )],
        PhySet::Frag { threshold } => vec![(
            Attr::WiphyFragThreshold,
            Value::U32(threshold_value(&threshold, 256)?),
        )],
        PhySet::Retry { limits } => {
            let (short, long) = retry_limits(&limits)?;
            let mut v = Vec::new();
            if let Some(n) = short {
                v.push((Attr::WiphyRetryShort, Value::U8(n)));
            }
            if let Some(n) = long {
                v.push((Attr::WiphyRetryLong, Value::U8(n)));
            }
            v
        }
        PhySet::Txpower { setting, mbm } => txpower_attrs(&setting, mbm)?,
    };
    nl.request(Cmd::SetWiphy, |w| {
        w.u32(Attr::Wiphy, wiphy);
        put(w, &attrs);
    })?;
    Ok(())
}

/// An attribute's value in a SET_WIPHY request.
pub(crate) enum Value {
    U8(u8),
    U32(u32),
    Str(String),
}

/// Writes SET_WIPHY attributes into a request.
pub(crate) fn put(w: &mut AttrWriter, attrs: &[(Attr, Value)]) {
    for (attr, value) in attrs {
        match value {
            Value::U8(v) => w.bytes(*attr, &[*v]),
            Value::U32(v) => w.u32(*attr, *v),
            Value::Str(v) => w.string(*attr, v),
        };
    }
}

/// The TX power attributes for iw's `auto` or `fixed|limit MBM`, for a
/// wiphy or (with an interface index beside them) one interface.
pub(crate) fn txpower_attrs(setting: &str, mbm: Option<i32>) -> Result<Vec<(Attr, Value)>, Error> {
    let (kind, level) = txpower(setting, mbm)?;
    let mut v = vec![(Attr::WiphyTxPowerSetting, Value::U32(kind))];
    if let Some(l) = level {
        // A signed mBm level travels as the u32 of the same bits.
        v.push((Attr::WiphyTxPowerLevel, Value::U32(l as u32)));
    }
    Ok(v)
}

/// `off` (never: u32::MAX on the wire) or a byte count of at least `min`.
fn threshold_value(text: &str, min: u32) -> Result<u32, Error> {
    if text == "off" {
        return Ok(u32::MAX);
    }
    match text.parse::<u32>() {
        Ok(v) if v >= min && v < u32::MAX => Ok(v),
        _ => Err(Error::Usage(format!(
            "'{text}' is not a threshold: give bytes ({min} or more) or 'off'"
        ))),
    }
}

/// iw's `[short N] [long N]`, at least one, each 1-255.
fn retry_limits(words: &[String]) -> Result<(Option<u8>, Option<u8>), Error> {
    let usage = || Error::Usage("retry takes 'short N' and/or 'long N' (N from 1 to 255)".into());
    let (mut short, mut long) = (None, None);
    let mut it = words.iter();
    while let Some(word) = it.next() {
        let value = it
            .next()
            .and_then(|v| v.parse::<u8>().ok())
            .filter(|v| *v > 0)
            .ok_or_else(usage)?;
        match word.as_str() {
            "short" if short.is_none() => short = Some(value),
            "long" if long.is_none() => long = Some(value),
            _ => return Err(usage()),
        }
    }
    if short.is_none() && long.is_none() {
        return Err(usage());
    }
    Ok((short, long))
}

/// NL80211_TX_POWER_AUTOMATIC (0), _LIMITED (1), _FIXED (2) and the level.
fn txpower(setting: &str, mbm: Option<i32>) -> Result<(u32, Option<i32>), Error> {
    match (setting, mbm) {
        ("auto", None) => Ok((0, None)),
        ("limit", Some(l)) => Ok((1, Some(l))),
        ("fixed", Some(l)) => Ok((2, Some(l))),
        ("auto", Some(_)) => Err(Error::Usage("txpower auto takes no level".into())),
        _ => Err(Error::Usage(format!(
            "txpower takes 'auto', or 'fixed' or 'limit' with a level in mBm (not '{setting}')"
        ))),
    }
}

/// iw's `PID` or `name NSNAME` (a namespace `ip netns add` created).
fn netns(target: &[String]) -> Result<Netns, Error> {
    match target {
        [pid] => pid.parse().map(Netns::Pid).map_err(|_| {
            Error::Usage(format!(
                "'{pid}' is not a process ID (or use 'name NSNAME')"
            ))
        }),
        [kw, name] if kw == "name" => {
            if name.is_empty() || name.contains('/') {
                return Err(Error::Usage(format!("'{name}' is not a namespace name")));
            }
            let path = format!("/run/netns/{name}");
            File::open(&path)
                .map(Netns::File)
                .map_err(|e| Error::io(format!("cannot open network namespace {path}"), e))
        }
        _ => Err(Error::Usage("netns takes a PID or 'name NSNAME'".into())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_owned).collect()
    }

    #[test]
    fn parses_like_iw() {
        assert_eq!(threshold_value("off", 0).ok(), Some(u32::MAX));
        assert_eq!(threshold_value("500", 0).ok(), Some(500));
        assert!(threshold_value("100", 256).is_err());
        assert!(threshold_value("x", 0).is_err());
        assert_eq!(
            retry_limits(&words("short 7 long 4")).ok(),
            Some((Some(7), Some(4)))
        );
        assert_eq!(retry_limits(&words("long 3")).ok(), Some((None, Some(3))));
        assert!(retry_limits(&words("")).is_err());
        assert!(retry_limits(&words("short")).is_err());
        assert!(retry_limits(&words("short 0")).is_err());
        assert!(retry_limits(&words("short 1 short 2")).is_err());
        assert!(retry_limits(&words("medium 3")).is_err());
        assert_eq!(txpower("auto", None).ok(), Some((0, None)));
        assert_eq!(txpower("fixed", Some(1500)).ok(), Some((2, Some(1500))));
        assert_eq!(txpower("limit", Some(-100)).ok(), Some((1, Some(-100))));
        assert!(txpower("fixed", None).is_err());
        assert!(txpower("auto", Some(1)).is_err());
        assert!(matches!(netns(&words("123")), Ok(Netns::Pid(123))));
        assert!(netns(&words("name ../x")).is_err());
        assert!(netns(&words("nope 1")).is_err());
    }
}
