//! `rwlan dev`: list interfaces, add/delete them, and dispatch the
//! per-interface commands (`rwlan dev IFACE scan|connect|...`).

use std::fmt::Write;

use clap::{Parser, Subcommand, ValueEnum};

use super::{ifindex, iftype_label, width_label, wiphy_index, Ctx};
use crate::error::Error;
use crate::nl80211::model::{channel_to_freq, Interface, Mac};
use crate::nl80211::{Attr, ChannelType, Cmd, IfType, MntrFlag};
use rwlan_net::genl::Nl80211;

pub const IFACE_HELP: &str = "Per-interface commands: rwlan dev IFACE \
{scan|connect|disconnect|link|station|capture|set|get|info|del|ibss|mesh|offchannel|survey|vendor} ...\n\
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
        /// MAC address of the new interface (default: the driver's choice).
        #[arg(long)]
        addr: Option<Mac>,
        /// Four-address (WDS) frames: on or off.
        #[arg(long = "4addr", value_enum)]
        four_addr: Option<OnOff>,
        /// Monitor flags, comma-separated: none, fcsfail, plcpfail, control,
        /// otherbss, cook, active.
        #[arg(long, value_enum, value_delimiter = ',')]
        flags: Vec<MonitorFlagArg>,
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

/// Interface types a user can ask for (iw's names as aliases).
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum IfTypeArg {
    Managed,
    Monitor,
    #[value(alias = "__ap")]
    Ap,
    #[value(name = "ap-vlan", alias = "__ap_vlan")]
    ApVlan,
    #[value(alias = "adhoc")]
    Ibss,
    #[value(alias = "mp")]
    Mesh,
    Wds,
    #[value(name = "p2p-client", alias = "__p2pcl")]
    P2pClient,
    #[value(name = "p2p-go", alias = "__p2pgo")]
    P2pGo,
    #[value(name = "p2p-device", alias = "__p2pdev")]
    P2pDevice,
    Ocb,
    #[value(alias = "__nan")]
    Nan,
}

impl IfTypeArg {
    fn nl(self) -> IfType {
        match self {
            IfTypeArg::Managed => IfType::Station,
            IfTypeArg::Monitor => IfType::Monitor,
            IfTypeArg::Ap => IfType::Ap,
            IfTypeArg::ApVlan => IfType::ApVlan,
            IfTypeArg::Ibss => IfType::Adhoc,
            IfTypeArg::Mesh => IfType::MeshPoint,
            IfTypeArg::Wds => IfType::Wds,
            IfTypeArg::P2pClient => IfType::P2pClient,
            IfTypeArg::P2pGo => IfType::P2pGo,
            IfTypeArg::P2pDevice => IfType::P2pDevice,
            IfTypeArg::Ocb => IfType::Ocb,
            IfTypeArg::Nan => IfType::Nan,
        }
    }
}

/// Monitor flags as iw names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MonitorFlagArg {
    None,
    Fcsfail,
    Plcpfail,
    Control,
    Otherbss,
    Cook,
    Active,
}

impl MonitorFlagArg {
    fn nl(self) -> Option<MntrFlag> {
        match self {
            MonitorFlagArg::None => None,
            MonitorFlagArg::Fcsfail => Some(MntrFlag::Fcsfail),
            MonitorFlagArg::Plcpfail => Some(MntrFlag::Plcpfail),
            MonitorFlagArg::Control => Some(MntrFlag::Control),
            MonitorFlagArg::Otherbss => Some(MntrFlag::OtherBss),
            MonitorFlagArg::Cook => Some(MntrFlag::CookFrames),
            MonitorFlagArg::Active => Some(MntrFlag::Active),
        }
    }
}

/// What `dev add` sets beyond name and type.
#[derive(Debug, Default)]
pub struct AddOptions {
    pub addr: Option<Mac>,
    pub four_addr: Option<bool>,
    /// Monitor flags; empty leaves the kernel's default.
    pub monitor_flags: Vec<MntrFlag>,
    /// `flags none`: an explicitly empty flag set.
    pub no_monitor_flags: bool,
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
    /// Delete this interface (as `rwlan dev del IFACE`; iw's order).
    Del,
    /// Change type, channel, power save or TX power.
    Set {
        #[command(subcommand)]
        what: SetCommand,
    },
    /// Read a setting.
    Get {
        #[command(subcommand)]
        what: GetCommand,
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
    /// Join or leave an IBSS (ad-hoc) network, in iw's syntax.
    Ibss {
        #[command(subcommand)]
        what: super::join::JoinCommand,
    },
    /// Join or leave a mesh, in iw's syntax.
    Mesh {
        #[command(subcommand)]
        what: super::join::JoinCommand,
    },
    /// Remain on another channel for a while: FREQ (MHz) and DURATION (ms).
    Offchannel { freq: u32, duration: u32 },
    /// `survey dump`: the driver's per-channel noise and channel times.
    Survey {
        #[command(subcommand)]
        what: SurveyCommand,
    },
    /// Vendor commands of the driver.
    Vendor {
        #[command(subcommand)]
        what: super::vendor::VendorCommand,
    },
}

#[derive(Debug, Subcommand)]
enum SurveyCommand {
    /// Every channel the driver has a survey for.
    Dump,
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
    /// Power save of a station interface: on or off.
    #[command(name = "power_save", alias = "power-save")]
    PowerSave {
        #[arg(value_enum)]
        state: OnOff,
    },
    /// This interface's TX power: `auto`, or `fixed|limit MBM`.
    Txpower { setting: String, mbm: Option<i32> },
    /// The rates the interface may send at, in iw's words:
    /// [legacy-<2.4|5> MBPS...] [ht-mcs-<2.4|5> MCS...]
    /// [vht-mcs-<2.4|5> NSS:MCS[,MCS...]|NSS:MCSx-MCSy...] [sgi-2.4|lgi-2.4]
    /// [sgi-5|lgi-5]; nothing clears the mask.
    Bitrates {
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
    /// Four-address frames (WDS-style): on or off.
    #[command(name = "4addr")]
    FourAddr {
        #[arg(value_enum)]
        state: OnOff,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OnOff {
    On,
    Off,
}

#[derive(Debug, Subcommand)]
enum GetCommand {
    /// Whether power save is on, as `iw dev IF get power_save`.
    #[command(name = "power_save", alias = "power-save")]
    PowerSave,
}

/// What `get power_save --json` prints.
#[derive(Debug, serde::Serialize)]
struct PowerSave {
    ifname: String,
    power_save: bool,
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
        Some(DevCommand::Add {
            name,
            phy,
            iftype,
            addr,
            four_addr,
            flags,
        }) => {
            if !flags.is_empty() && !matches!(iftype, IfTypeArg::Monitor) {
                return Err(Error::Usage(
                    "--flags applies to monitor interfaces only".into(),
                ));
            }
            if flags.contains(&MonitorFlagArg::None) && flags.len() > 1 {
                return Err(Error::Usage(
                    "--flags none cannot be combined with other flags".into(),
                ));
            }
            let opts = AddOptions {
                addr,
                four_addr: four_addr.map(|f| f == OnOff::On),
                monitor_flags: flags.iter().filter_map(|f| f.nl()).collect(),
                no_monitor_flags: flags.contains(&MonitorFlagArg::None),
            };
            add(ctx, &name, &phy, iftype.nl(), &opts)
        }
        Some(DevCommand::Del { name }) => {
            let idx = ifindex(&name)?;
            del(ctx, &name, idx)
        }
        Some(DevCommand::Iface(args)) => iface(ctx, args),
    }
}

/// Deletes interface `name` (index `idx`).
fn del(ctx: &Ctx, name: &str, idx: u32) -> Result<(), Error> {
    Nl80211::connect()?.request(Cmd::DelInterface, |w| {
        w.u32(Attr::Ifindex, idx);
    })?;
    // Like iw, the text form says nothing; --json names what went.
    let deleted = Deleted {
        deleted: name.to_string(),
        ifindex: idx,
    };
    crate::output::emit_result(ctx.json, &deleted)
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
            crate::output::emit_result(ctx.json, &i)
        }
        IfaceCommand::Get {
            what: GetCommand::PowerSave,
        } => {
            let mut nl = Nl80211::connect()?;
            let replies = nl.request(Cmd::GetPowerSave, |w| {
                w.u32(Attr::Ifindex, idx);
            })?;
            let state = match crate::nl80211::attr::first_reply(&replies)? {
                Some(a) => a.u32(Attr::PsState)?,
                None => None,
            };
            let ps = PowerSave {
                ifname: name.clone(),
                power_save: state == Some(1),
            };
            crate::output::emit(ctx.json, &ps, |p| {
                format!("Power save: {}\n", if p.power_save { "on" } else { "off" })
            })
        }
        IfaceCommand::Scan(a) => super::scan::run(&ctx, name, idx, &a),
        IfaceCommand::Connect(a) => super::link::connect(&ctx, name, idx, &a),
        IfaceCommand::Disconnect => super::link::disconnect(&ctx, name, idx),
        IfaceCommand::Link => super::link::link(&ctx, name, idx),
        IfaceCommand::Station { what } => super::station::run(&ctx, name, idx, what),
        IfaceCommand::Capture(a) => super::capture::run(&ctx, name, idx, &a),
        IfaceCommand::Ibss { what } => super::join::ibss(&ctx, name, idx, what),
        IfaceCommand::Mesh { what } => super::join::mesh(&ctx, name, idx, what),
        IfaceCommand::Offchannel { freq, duration } => {
            super::join::offchannel(&ctx, name, idx, freq, duration)
        }
        IfaceCommand::Survey {
            what: SurveyCommand::Dump,
        } => super::survey::dump(&ctx, name, idx),
        IfaceCommand::Vendor { what } => super::vendor::run(&ctx, name, idx, what),
        IfaceCommand::Del => del(&ctx, name, idx),
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
        SetCommand::PowerSave { state } => {
            nl.request(Cmd::SetPowerSave, |w| {
                w.u32(Attr::Ifindex, idx)
                    .u32(Attr::PsState, u32::from(state == OnOff::On));
            })?;
            return Ok(());
        }
        SetCommand::Bitrates { args } => {
            let rates = super::bitrates::Bitrates::parse(&args).map_err(Error::Usage)?;
            nl.request(Cmd::SetTxBitrateMask, |w| {
                w.u32(Attr::Ifindex, idx);
                rates.put(w);
            })?;
            return Ok(());
        }
        SetCommand::FourAddr { state } => {
            nl.request(Cmd::SetInterface, |w| {
                w.u32(Attr::Ifindex, idx)
                    .bytes(Attr::N4addr, &[u8::from(state == OnOff::On)]);
            })?;
            return Ok(());
        }
        SetCommand::Txpower { setting, mbm } => {
            let attrs = super::phy_set::txpower_attrs(&setting, mbm)?;
            nl.request(Cmd::SetWiphy, |w| {
                w.u32(Attr::Ifindex, idx);
                super::phy_set::put(w, &attrs);
            })?;
            return Ok(());
        }
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

fn add(ctx: &Ctx, name: &str, phy: &str, iftype: IfType, opts: &AddOptions) -> Result<(), Error> {
    let wiphy = wiphy_index(phy)?;
    let mut nl = Nl80211::connect()?;
    let i = add_interface(&mut nl, wiphy, name, iftype, opts)?;
    crate::output::emit(ctx.json, &i, |i| render_iface(i, 0))
}

/// Creates an interface; returns what the kernel reports for it.
pub fn add_interface(
    nl: &mut Nl80211,
    wiphy: u32,
    name: &str,
    iftype: IfType,
    opts: &AddOptions,
) -> Result<Interface, Error> {
    let replies = nl.request(Cmd::NewInterface, |w| {
        w.u32(Attr::Wiphy, wiphy)
            .string(Attr::Ifname, name)
            .u32(Attr::Iftype, iftype.raw());
        if let Some(mac) = opts.addr {
            w.bytes(Attr::Mac, &mac.0);
        }
        if let Some(on) = opts.four_addr {
            w.bytes(Attr::N4addr, &[u8::from(on)]);
        }
        if opts.no_monitor_flags || !opts.monitor_flags.is_empty() {
            w.nest(Attr::MntrFlags, |w| {
                for f in &opts.monitor_flags {
                    w.flag(*f);
                }
            });
        }
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
