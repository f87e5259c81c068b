//! `rwlan dev`: list interfaces, add/delete them, and dispatch the
//! per-interface commands (`rwlan dev IFACE scan|connect|...`).

use std::fmt::Write;

use clap::{Parser, Subcommand, ValueEnum};

use super::{ifindex, iftype_label, width_label, wiphy_index, Ctx};
use crate::error::Error;
use crate::netlink::Nl80211;
use crate::nl80211::model::{channel_to_freq, Interface};
use crate::nl80211::{Attr, ChannelType, Cmd, IfType};

pub const IFACE_HELP: &str = "Per-interface commands: rwlan dev IFACE \
{scan|connect|disconnect|link|station|capture|set|info} ...\n\
Run 'rwlan dev IFACE help' for their options.";

#[derive(Debug, Subcommand)]
pub enum DevCommand {
    /// Add a virtual interface on a wiphy.
    Add {
        /// Name of the new interface.
        name: String,
        /// Wiphy to create it on (e.g. phy0).
        #[arg(long)]
        phy: String,
        /// Interface type.
        #[arg(long = "type", value_enum)]
        iftype: IfTypeArg,
    },
    /// Delete a virtual interface.
    Del { name: String },
    #[command(external_subcommand)]
    Iface(Vec<String>),
}

/// What `dev del --json` prints.
#[derive(Debug, serde::Serialize)]
struct Deleted {
    deleted: String,
    ifindex: u32,
}

/// Interface types a user can ask for.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum IfTypeArg {
    Managed,
    Monitor,
    Ap,
    Ibss,
    Mesh,
}

impl IfTypeArg {
    fn nl(self) -> IfType {
        match self {
            IfTypeArg::Managed => IfType::Station,
            IfTypeArg::Monitor => IfType::Monitor,
            IfTypeArg::Ap => IfType::Ap,
            IfTypeArg::Ibss => IfType::Adhoc,
            IfTypeArg::Mesh => IfType::MeshPoint,
        }
    }
}

/// Commands on one interface.
#[derive(Debug, Parser)]
#[command(name = "rwlan dev IFACE", no_binary_name = true)]
struct IfaceCli {
    /// Print machine-readable JSON instead of iw-style text.
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: IfaceCommand,
}

#[derive(Debug, Subcommand)]
enum IfaceCommand {
    /// Show this interface.
    Info,
    /// Change type or channel.
    Set {
        #[command(subcommand)]
        what: SetCommand,
    },
    /// Trigger a scan, wait for it and print the results.
    Scan(super::scan::ScanArgs),
    /// Connect to an open network and wait for the result.
    Connect(super::link::ConnectArgs),
    /// Disconnect from the current network.
    Disconnect,
    /// Show the current association, like `iw link`.
    Link,
    /// Stations known to this interface (peers, or the AP).
    Station {
        #[command(subcommand)]
        what: super::station::StationCommand,
    },
    /// Capture frames from a monitor interface into a pcap file.
    Capture(super::capture::CaptureArgs),
}

#[derive(Debug, Subcommand)]
enum SetCommand {
    /// Change the interface type (the interface must be down for most drivers).
    Type {
        #[arg(value_enum)]
        iftype: IfTypeArg,
    },
    /// Tune to a channel number; optional HT20, HT40+ or HT40-.
    Channel {
        channel: u32,
        #[arg(value_parser = parse_ht)]
        ht: Option<ChannelType>,
    },
    /// Tune to a frequency in MHz; optional HT20, HT40+ or HT40-.
    Freq {
        freq: u32,
        #[arg(value_parser = parse_ht)]
        ht: Option<ChannelType>,
    },
}

fn parse_ht(s: &str) -> Result<ChannelType, String> {
    match s.to_ascii_uppercase().as_str() {
        "NOHT" => Ok(ChannelType::NoHt),
        "HT20" => Ok(ChannelType::Ht20),
        "HT40+" => Ok(ChannelType::Ht40plus),
        "HT40-" => Ok(ChannelType::Ht40minus),
        _ => Err(format!("'{s}' is not one of HT20, HT40+, HT40-, NOHT")),
    }
}

pub fn run(ctx: &Ctx, command: Option<DevCommand>) -> Result<(), Error> {
    match command {
        None => list(ctx),
        Some(DevCommand::Add { name, phy, iftype }) => add(ctx, &name, &phy, iftype.nl()),
        Some(DevCommand::Del { name }) => {
            let idx = ifindex(&name)?;
            Nl80211::connect()?.request(Cmd::DelInterface, |w| {
                w.u32(Attr::Ifindex, idx);
            })?;
            // Like iw, the text form says nothing; --json names what went.
            let deleted = Deleted {
                deleted: name,
                ifindex: idx,
            };
            crate::output::emit(ctx.json, &deleted, |_| String::new())
        }
        Some(DevCommand::Iface(args)) => iface(ctx, args),
    }
}

fn iface(ctx: &Ctx, args: Vec<String>) -> Result<(), Error> {
    let Some((name, rest)) = args.split_first() else {
        return Err(Error::Usage("missing interface name".into()));
    };
    let cli = match IfaceCli::try_parse_from(rest) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    let ctx = Ctx {
        json: ctx.json || cli.json,
    };
    let idx = ifindex(name)?;
    match cli.command {
        IfaceCommand::Info => {
            let mut nl = Nl80211::connect()?;
            let i = get_interface(&mut nl, idx)?;
            crate::output::emit(ctx.json, &i, |i| render_iface(i, 1))
        }
        IfaceCommand::Set { what } => {
            let mut nl = Nl80211::connect()?;
            set(&mut nl, idx, what)?;
            // Like iw, the text form says nothing; --json shows the result.
            let i = get_interface(&mut nl, idx)?;
            crate::output::emit(ctx.json, &i, |_| String::new())
        }
        IfaceCommand::Scan(a) => super::scan::run(&ctx, name, idx, &a),
        IfaceCommand::Connect(a) => super::link::connect(&ctx, name, idx, &a),
        IfaceCommand::Disconnect => super::link::disconnect(&ctx, name, idx),
        IfaceCommand::Link => super::link::link(&ctx, name, idx),
        IfaceCommand::Station { what } => super::station::run(&ctx, name, idx, what),
        IfaceCommand::Capture(a) => super::capture::run(&ctx, name, idx, &a),
    }
}

fn set(nl: &mut Nl80211, idx: u32, what: SetCommand) -> Result<(), Error> {
    let (freq, ht) = match what {
        SetCommand::Type { iftype } => {
            nl.request(Cmd::SetInterface, |w| {
                w.u32(Attr::Ifindex, idx)
                    .u32(Attr::Iftype, iftype.nl().raw());
            })?;
            return Ok(());
        }
        SetCommand::Channel { channel, ht } => {
            let freq = channel_to_freq(channel)
                .ok_or_else(|| Error::Usage(format!("{channel} is not a 2.4 or 5 GHz channel")))?;
            (freq, ht)
        }
        SetCommand::Freq { freq, ht } => (freq, ht),
    };
    nl.request(Cmd::SetWiphy, |w| {
        w.u32(Attr::Ifindex, idx).u32(Attr::WiphyFreq, freq).u32(
            Attr::WiphyChannelType,
            ht.unwrap_or(ChannelType::NoHt).raw(),
        );
    })?;
    Ok(())
}

/// The interface behind an index, from GET_INTERFACE.
pub fn get_interface(nl: &mut Nl80211, idx: u32) -> Result<Interface, Error> {
    let replies = nl.request(Cmd::GetInterface, |w| {
        w.u32(Attr::Ifindex, idx);
    })?;
    let reply = replies
        .first()
        .ok_or_else(|| Error::NoInterface(format!("ifindex {idx}")))?;
    let msg = crate::nl80211::attr::GenlMessage::parse(reply)?;
    Ok(Interface::decode(msg.attrs)?)
}

/// All nl80211 interfaces in this namespace.
pub fn interfaces(nl: &mut Nl80211) -> Result<Vec<Interface>, Error> {
    let mut out = Vec::new();
    for m in nl.dump(Cmd::GetInterface, |_| {})? {
        let msg = crate::nl80211::attr::GenlMessage::parse(&m)?;
        out.push(Interface::decode(msg.attrs)?);
    }
    Ok(out)
}

fn add(ctx: &Ctx, name: &str, phy: &str, iftype: IfType) -> Result<(), Error> {
    let wiphy = wiphy_index(phy)?;
    let mut nl = Nl80211::connect()?;
    let i = add_interface(&mut nl, wiphy, name, iftype)?;
    crate::output::emit(ctx.json, &i, |i| render_iface(i, 0))
}

/// Creates an interface; returns what the kernel reports for it.
pub fn add_interface(
    nl: &mut Nl80211,
    wiphy: u32,
    name: &str,
    iftype: IfType,
) -> Result<Interface, Error> {
    let replies = nl.request(Cmd::NewInterface, |w| {
        w.u32(Attr::Wiphy, wiphy)
            .string(Attr::Ifname, name)
            .u32(Attr::Iftype, iftype.raw());
    })?;
    match replies.first() {
        Some(r) => {
            let msg = crate::nl80211::attr::GenlMessage::parse(r)?;
            Ok(Interface::decode(msg.attrs)?)
        }
        None => {
            let idx = ifindex(name)?;
            get_interface(nl, idx)
        }
    }
}

#[derive(Debug, serde::Serialize)]
struct PhyGroup {
    wiphy: u32,
    interfaces: Vec<Interface>,
}

fn list(ctx: &Ctx) -> Result<(), Error> {
    let mut nl = Nl80211::connect()?;
    let ifaces = interfaces(&mut nl)?;
    let mut groups: Vec<PhyGroup> = Vec::new();
    for i in ifaces {
        match groups.iter_mut().find(|g| g.wiphy == i.wiphy) {
            Some(g) => g.interfaces.push(i),
            None => groups.push(PhyGroup {
                wiphy: i.wiphy,
                interfaces: vec![i],
            }),
        }
    }
    crate::output::emit(ctx.json, &groups, |groups| {
        let mut s = String::new();
        for g in groups {
            let _ = writeln!(s, "phy#{}", g.wiphy);
            for i in &g.interfaces {
                s.push_str(&render_iface(i, 1));
            }
        }
        s
    })
}

/// One interface in `iw dev` layout, indented by `depth` tabs.
pub fn render_iface(i: &Interface, depth: usize) -> String {
    let t = "\t".repeat(depth);
    let mut s = String::new();
    let _ = writeln!(s, "{t}Interface {}", i.name);
    let _ = writeln!(s, "{t}\tifindex {}", i.ifindex);
    let _ = writeln!(s, "{t}\twdev 0x{:x}", i.wdev);
    let _ = writeln!(s, "{t}\taddr {}", i.addr);
    if let Some(ssid) = &i.ssid {
        let _ = writeln!(s, "{t}\tssid {ssid}");
    }
    if let Some(ty) = i.iftype {
        let _ = writeln!(s, "{t}\ttype {}", iftype_label(ty));
    }
    let _ = writeln!(s, "{t}\twiphy {}", i.wiphy);
    if let (Some(freq), Some(ch)) = (i.freq, i.channel) {
        let _ = write!(s, "{t}\tchannel {ch} ({freq} MHz)");
        if let Some(w) = i.width {
            let _ = write!(s, ", width: {}", width_label(w));
        }
        if let Some(c1) = i.center_freq1 {
            let _ = write!(s, ", center1: {c1} MHz");
        }
        s.push('\n');
    }
    if let Some(p) = i.txpower_dbm {
        let _ = writeln!(s, "{t}\ttxpower {p:.2} dBm");
    }
    s
}
