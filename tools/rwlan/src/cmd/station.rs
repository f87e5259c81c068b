//! `rwlan dev IFACE station dump|get MAC|del MAC`.

use std::fmt::Write;

use clap::Subcommand;

use super::Ctx;
use crate::error::Error;
use crate::nl80211::attr::GenlMessage;
use crate::nl80211::model::{Mac, Station};
use crate::nl80211::{Attr, Cmd};
use rwlan_net::genl::Nl80211;

#[derive(Debug, Subcommand)]
pub enum StationCommand {
    /// Every station of the interface.
    Dump,
    /// One station by MAC address.
    Get { mac: Mac },
    /// Remove a station (AP, mesh): the kernel forgets it at once.
    Del {
        mac: Mac,
        /// Reason code the kernel hands on where it tells the station
        /// (default 2: previous authentication no longer valid).
        #[arg(long, default_value_t = 2)]
        reason: u16,
    },
}

/// What `station del --json` prints.
#[derive(Debug, serde::Serialize)]
struct Deleted {
    ifname: String,
    deleted: Mac,
    reason_code: u16,
}

/// IEEE 802.11 management frame subtype of a deauthentication (12).
const SUBTYPE_DEAUTH: u8 = 12;

pub fn run(ctx: &Ctx, name: &str, idx: u32, what: StationCommand) -> Result<(), Error> {
    let mut nl = Nl80211::connect()?;
    let list = match what {
        StationCommand::Dump => {
            let mut out = Vec::new();
            for m in nl.dump(Cmd::GetStation, |w| {
                w.u32(Attr::Ifindex, idx);
            })? {
                out.push(Station::decode(GenlMessage::parse(&m)?.attrs)?);
            }
            out
        }
        StationCommand::Get { mac } => vec![get(&mut nl, idx, mac)?],
        StationCommand::Del { mac, reason } => {
            nl.request(Cmd::DelStation, |w| {
                w.u32(Attr::Ifindex, idx)
                    .bytes(Attr::Mac, &mac.0)
                    .bytes(Attr::MgmtSubtype, &[SUBTYPE_DEAUTH])
                    .bytes(Attr::ReasonCode, &reason.to_ne_bytes());
            })?;
            // Like iw, the text form says nothing.
            let deleted = Deleted {
                ifname: name.to_owned(),
                deleted: mac,
                reason_code: reason,
            };
            return crate::output::emit_result(ctx.json, &deleted);
        }
    };
    crate::output::emit(ctx.json, &list, |list| {
        list.iter().map(|st| render(st, name)).collect()
    })
}

/// One station by MAC.
pub fn get(nl: &mut Nl80211, idx: u32, mac: Mac) -> Result<Station, Error> {
    let replies = nl.request(Cmd::GetStation, |w| {
        w.u32(Attr::Ifindex, idx).bytes(Attr::Mac, &mac.0);
    })?;
    let reply = replies.first().ok_or_else(|| Error::Refused {
        what: format!("reading station {mac}"),
        reason: "the kernel sent no reply".into(),
    })?;
    Ok(Station::decode(GenlMessage::parse(reply)?.attrs)?)
}

fn yes_no(v: bool) -> &'static str {
    if v {
        "yes"
    } else {
        "no"
    }
}

/// One station in `iw station dump` layout.
pub fn render(st: &Station, ifname: &str) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "Station {} (on {ifname})", st.mac);
    let mut line = |label: &str, v: Option<String>| {
        if let Some(v) = v {
            let _ = writeln!(s, "\t{label}:\t{v}");
        }
    };
    line("inactive time", st.inactive_ms.map(|v| format!("{v} ms")));
    line("rx bytes", st.rx_bytes.map(|v| v.to_string()));
    line("rx packets", st.rx_packets.map(|v| v.to_string()));
    line("tx bytes", st.tx_bytes.map(|v| v.to_string()));
    line("tx packets", st.tx_packets.map(|v| v.to_string()));
    line("tx retries", st.tx_retries.map(|v| v.to_string()));
    line("tx failed", st.tx_failed.map(|v| v.to_string()));
    line("beacon loss", st.beacon_loss.map(|v| v.to_string()));
    line("beacon rx", st.beacon_rx.map(|v| v.to_string()));
    line("rx drop misc", st.rx_drop_misc.map(|v| v.to_string()));
    line("signal", st.signal_dbm.map(|v| format!("{v} dBm")));
    line("signal avg", st.signal_avg_dbm.map(|v| format!("{v} dBm")));
    line(
        "tx bitrate",
        st.tx_bitrate.as_ref().map(ToString::to_string),
    );
    line(
        "rx bitrate",
        st.rx_bitrate.as_ref().map(ToString::to_string),
    );
    line("authorized", st.authorized.map(|v| yes_no(v).into()));
    line("authenticated", st.authenticated.map(|v| yes_no(v).into()));
    line("associated", st.associated.map(|v| yes_no(v).into()));
    line("WMM/WME", st.wmm.map(|v| yes_no(v).into()));
    line("mesh llid", st.mesh_llid.map(|v| v.to_string()));
    line("mesh plid", st.mesh_plid.map(|v| v.to_string()));
    line("mesh plink", st.mesh_plink.map(str::to_owned));
    line("MFP", st.mfp.map(|v| yes_no(v).into()));
    line(
        "connected time",
        st.connected_s.map(|v| format!("{v} seconds")),
    );
    s
}
