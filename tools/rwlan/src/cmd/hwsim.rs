//! `hwsim list|new|del|watch`: virtual radios over the MAC80211_HWSIM
//! family, which rwlan_hwsim and mac80211_hwsim both provide.

use std::io::Read;
use std::time::{Duration, Instant};

use clap::{Args, Subcommand};

use super::{parse_u32, Ctx};
use crate::error::Error;
use crate::hwsim::{HwsimAttr, HwsimCmd, Radio, GENL_VERSION};
use crate::nl80211::attr::{AttrWriter, Attrs, GenlMessage};
use crate::nl80211::model::Mac;
use rwlan_net::genl::{Genl, HWSIM_FAMILY};

#[derive(Debug, Subcommand)]
pub enum HwsimCommand {
    /// Every virtual radio: id, wiphy and the settings the family reports.
    List,
    /// Create a radio and print it.
    New(NewArgs),
    /// Delete a radio by id, or by wiphy name with --name.
    Del {
        /// The radio's id (see `list`).
        id: Option<u32>,
        /// The radio's wiphy name instead (phyN).
        #[arg(long, conflicts_with = "id")]
        name: Option<String>,
    },
    /// Follow radios being created and deleted.
    Watch {
        /// Exit after this many events.
        #[arg(short = 'c', long)]
        count: Option<u64>,
        /// Exit after this many seconds.
        #[arg(long)]
        duration: Option<u64>,
    },
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// Wiphy name for the radio.
    #[arg(long)]
    name: Option<String>,
    /// Channel contexts (more than 1: a multi-channel radio).
    #[arg(long)]
    channels: Option<u32>,
    /// Permanent address (the second address is derived from it).
    #[arg(long)]
    perm_addr: Option<Mac>,
    /// Regulatory hint for this radio (alpha2).
    #[arg(long)]
    reg_alpha2: Option<String>,
    /// One of the module's custom regulatory domains, by index.
    #[arg(long)]
    reg_custom: Option<u32>,
    /// Strict regulatory: the hint's domain and nothing wider.
    #[arg(long)]
    reg_strict: bool,
    /// A P2P device interface.
    #[arg(long)]
    p2p_device: bool,
    /// Channel contexts even with one channel.
    #[arg(long)]
    chanctx: bool,
    /// No interface at creation.
    #[arg(long)]
    no_vif: bool,
    /// Delete the radio when this command exits (it waits until its
    /// standard input closes).
    #[arg(long)]
    destroy_on_close: bool,
    /// Interface types supported, as an nl80211 iftype bitmask.
    #[arg(long, value_parser = parse_u32)]
    iftypes: Option<u32>,
    /// Cipher suites supported, comma-separated hex (000fac04,...).
    #[arg(long, value_delimiter = ',', value_parser = parse_hex)]
    ciphers: Vec<u32>,
}

fn parse_hex(s: &str) -> Result<u32, String> {
    u32::from_str_radix(s.trim_start_matches("0x"), 16)
        .map_err(|_| format!("'{s}' is not a cipher suite (hex, e.g. 000fac04)"))
}

pub fn run(ctx: &Ctx, command: &HwsimCommand) -> Result<(), Error> {
    let mut nl = Genl::connect_to(HWSIM_FAMILY)?;
    match command {
        HwsimCommand::List => {
            let radios = radios(&mut nl, None)?;
            show(ctx, &radios)
        }
        HwsimCommand::New(a) => new(ctx, &mut nl, a),
        HwsimCommand::Del { id, name } => {
            if id.is_none() && name.is_none() {
                return Err(Error::Usage("name the radio: an id, or --name PHY".into()));
            }
            request(&mut nl, HwsimCmd::DelRadio, false, |w| {
                if let Some(id) = id {
                    w.u32(HwsimAttr::RadioId, *id);
                }
                if let Some(n) = name {
                    w.bytes(HwsimAttr::RadioName, n.as_bytes());
                }
            })?;
            crate::output::emit_result(ctx.json, &serde_json::json!({ "id": id, "name": name }))
        }
        HwsimCommand::Watch { count, duration } => watch(ctx, &mut nl, *count, *duration),
    }
}

/// One request of the family; the reply payloads.
fn request(
    nl: &mut Genl,
    cmd: HwsimCmd,
    dump: bool,
    fill: impl FnOnce(&mut AttrWriter),
) -> Result<Vec<Vec<u8>>, Error> {
    Ok(nl.command_raw(cmd.raw(), cmd.name(), GENL_VERSION, fill, dump)?)
}

/// GET_RADIO: every radio, or the one with `id`.
fn radios(nl: &mut Genl, id: Option<u32>) -> Result<Vec<Radio>, Error> {
    let replies = request(nl, HwsimCmd::GetRadio, id.is_none(), |w| {
        if let Some(id) = id {
            w.u32(HwsimAttr::RadioId, id);
        }
    })?;
    let mut out = Vec::new();
    for r in &replies {
        out.push(Radio::decode(&Attrs::parse(GenlMessage::parse(r)?.attrs)?)?);
    }
    Ok(out)
}

fn show(ctx: &Ctx, radios: &[Radio]) -> Result<(), Error> {
    crate::output::emit(ctx.json, &radios, |r| {
        r.iter().map(|r| format!("{}\n", r.line())).collect()
    })
}

fn new(ctx: &Ctx, nl: &mut Genl, a: &NewArgs) -> Result<(), Error> {
    if let Some(cc) = &a.reg_alpha2 {
        if cc.len() != 2 || !cc.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(Error::Usage(format!(
                "'{cc}' is not a country: two capital letters"
            )));
        }
    }
    request(nl, HwsimCmd::NewRadio, false, |w| fill_new(w, a))?;
    let id = u32::try_from(nl.ack_value()).unwrap_or(0);
    let radio = radios(nl, Some(id))?;
    show(ctx, &radio)?;
    if a.destroy_on_close {
        // The radio lives as long as this socket: until stdin closes.
        let _ = std::io::stdin().read_to_end(&mut Vec::new());
    }
    Ok(())
}

fn fill_new(w: &mut AttrWriter, r: &NewArgs) {
    if let Some(n) = &r.name {
        w.bytes(HwsimAttr::RadioName, n.as_bytes());
    }
    if let Some(c) = r.channels {
        w.u32(HwsimAttr::Channels, c);
    }
    if let Some(m) = r.perm_addr {
        w.bytes(HwsimAttr::PermAddr, &m.0);
    }
    if let Some(cc) = &r.reg_alpha2 {
        w.bytes(HwsimAttr::RegHintAlpha2, cc.as_bytes());
    }
    if let Some(i) = r.reg_custom {
        w.u32(HwsimAttr::RegCustomReg, i);
    }
    if let Some(t) = r.iftypes {
        w.u32(HwsimAttr::IftypeSupport, t);
    }
    if !r.ciphers.is_empty() {
        let suites: Vec<u8> = r.ciphers.iter().flat_map(|c| c.to_ne_bytes()).collect();
        w.bytes(HwsimAttr::CipherSupport, &suites);
    }
    for (on, flag) in [
        (r.reg_strict, HwsimAttr::RegStrictReg),
        (r.p2p_device, HwsimAttr::SupportP2pDevice),
        (r.chanctx, HwsimAttr::UseChanctx),
        (r.no_vif, HwsimAttr::NoVif),
        (r.destroy_on_close, HwsimAttr::DestroyRadioOnClose),
    ] {
        if on {
            w.flag(flag);
        }
    }
}

/// The config group: a line per radio created ("new") or deleted ("del").
fn watch(ctx: &Ctx, nl: &mut Genl, count: Option<u64>, duration: Option<u64>) -> Result<(), Error> {
    nl.subscribe("config")?;
    let deadline = duration.map(|d| Instant::now() + Duration::from_secs(d));
    let mut seen = 0u64;
    while count.is_none_or(|c| seen < c) {
        let Some(payload) = nl.next_event(deadline)? else {
            break;
        };
        let msg = GenlMessage::parse(&payload)?;
        let what = match HwsimCmd::from_raw(msg.cmd) {
            Some(HwsimCmd::NewRadio) => "new",
            Some(HwsimCmd::DelRadio) => "del",
            _ => continue,
        };
        let radio = Radio::decode(&Attrs::parse(msg.attrs)?)?;
        seen += 1;
        if ctx.json {
            crate::output::emit_line(&serde_json::json!({ "event": what, "radio": radio }))?;
        } else {
            crate::output::print(&format!("{what}: {}\n", radio.line()))?;
        }
    }
    Ok(())
}
