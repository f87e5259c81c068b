//! `rwlan phy PHY hwsim getps|setps MODE|stopqueues|wakequeues`: the
//! testmode commands of mac80211_hwsim (and rwlan_hwsim), as `iw phy PHY
//! hwsim` sends them. The kernel needs `CONFIG_NL80211_TESTMODE`.

use clap::Subcommand;
use serde::Serialize;

use super::Ctx;
use crate::error::Error;
use crate::nl80211::attr::{first_reply, Attrs};
use crate::nl80211::{Attr, Cmd};
use rwlan_net::genl::Nl80211;

/// The driver's testmode attributes and commands.
const ATTR_CMD: u16 = 1;
const ATTR_PS: u16 = 2;
const CMD_SET_PS: u32 = 0;
const CMD_GET_PS: u32 = 1;
const CMD_STOP_QUEUES: u32 = 2;
const CMD_WAKE_QUEUES: u32 = 3;

#[derive(Debug, Subcommand)]
pub enum HwsimTestmode {
    /// Print the radio's power-save mode (the `ps` debugfs file).
    Getps,
    /// Set it: 0 off, 1 on, 2 auto-poll, 3 manual poll (a PS-Poll, from 1).
    Setps { mode: u32 },
    /// Stop the radio's TX queues.
    Stopqueues,
    /// Restart them.
    Wakequeues,
}

/// What `getps` answered.
#[derive(Debug, Serialize)]
struct PowerSave {
    phy: String,
    ps: u32,
}

/// One netlink attribute: length, type, payload, padding.
fn put_attr(out: &mut Vec<u8>, kind: u16, payload: &[u8]) {
    let len = 4 + payload.len();
    out.extend_from_slice(&(len as u16).to_ne_bytes());
    out.extend_from_slice(&kind.to_ne_bytes());
    out.extend_from_slice(payload);
    out.resize(out.len() + (len.next_multiple_of(4) - len), 0);
}

/// The testmode payload of `what`.
fn payload(what: &HwsimTestmode) -> Vec<u8> {
    let mut data = Vec::new();
    let cmd = match what {
        HwsimTestmode::Getps => CMD_GET_PS,
        HwsimTestmode::Setps { .. } => CMD_SET_PS,
        HwsimTestmode::Stopqueues => CMD_STOP_QUEUES,
        HwsimTestmode::Wakequeues => CMD_WAKE_QUEUES,
    };
    put_attr(&mut data, ATTR_CMD, &cmd.to_ne_bytes());
    if let HwsimTestmode::Setps { mode } = what {
        put_attr(&mut data, ATTR_PS, &mode.to_ne_bytes());
    }
    data
}

pub fn run(ctx: &Ctx, phy: &str, wiphy: u32, what: HwsimTestmode) -> Result<(), Error> {
    let data = payload(&what);
    let mut nl = Nl80211::connect()?;
    let replies = nl.request(Cmd::Testmode, |w| {
        w.u32(Attr::Wiphy, wiphy).bytes(Attr::Testdata, &data);
    })?;
    if !matches!(what, HwsimTestmode::Getps) {
        // Like iw, success says nothing.
        return crate::output::emit_result(ctx.json, &serde_json::json!({ "phy": phy }));
    }
    let reply = first_reply(&replies)?;
    let ps = reply
        .and_then(|a| a.bytes(Attr::Testdata))
        .map(Attrs::parse)
        .transpose()?
        .and_then(|t| t.u32(ATTR_PS).ok().flatten())
        .ok_or_else(|| Error::Refused {
            what: format!("reading the power-save mode of {phy}"),
            reason: "the reply has no mode".into(),
        })?;
    let answer = PowerSave {
        phy: phy.to_owned(),
        ps,
    };
    crate::output::emit(ctx.json, &answer, |p| format!("HWSIM PS: {}\n", p.ps))
}

#[cfg(test)]
mod tests {
    use super::{payload, HwsimTestmode};

    #[test]
    fn payloads_are_hwsim_testmode_attributes() {
        assert_eq!(payload(&HwsimTestmode::Getps), [8, 0, 1, 0, 1, 0, 0, 0]);
        assert_eq!(
            payload(&HwsimTestmode::Setps { mode: 3 }),
            [8, 0, 1, 0, 0, 0, 0, 0, 8, 0, 2, 0, 3, 0, 0, 0]
        );
    }
}
