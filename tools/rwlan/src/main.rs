//! rwlan: an iw-class nl80211 tool with JSON output, pcap capture and a USB
//! dongle probe. Works against any nl80211 driver.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use rwlan::cmd::{self, Ctx};
use rwlan::error::Error;

#[derive(Debug, Parser)]
#[command(
    name = "rwlan",
    version,
    about = "Show and manage wireless devices (nl80211)"
)]
struct Cli {
    /// Print machine-readable JSON instead of iw-style text.
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// List wiphys: bands, channels, bitrates, HT/VHT, interface modes, ciphers.
    Phy {
        /// Only this wiphy (e.g. phy0).
        phy: Option<String>,
        /// `set name|rts|frag|retry|txpower|netns ...`, as `iw phy PHY set`.
        #[command(subcommand)]
        command: Option<cmd::phy_set::PhyCommand>,
    },
    /// Interfaces; `rwlan dev IFACE <command>` acts on one interface.
    #[command(after_help = cmd::dev::IFACE_HELP)]
    Dev {
        #[command(subcommand)]
        command: Option<cmd::dev::DevCommand>,
    },
    /// Follow nl80211 config, scan, regulatory, mlme and vendor events.
    Event {
        /// Prefix each event with a UNIX timestamp.
        #[arg(short = 't', long)]
        timestamps: bool,
        /// Show the frames of auth, assoc, deauth and disassoc events, and
        /// the data of vendor events.
        #[arg(short = 'f', long)]
        frames: bool,
        /// Exit after this many events.
        #[arg(short = 'c', long)]
        count: Option<u64>,
        /// Exit after this many seconds.
        #[arg(long)]
        duration: Option<u64>,
    },
    /// Virtual radios (rwlan_hwsim, mac80211_hwsim): list, new, del, watch.
    Hwsim {
        #[command(subcommand)]
        command: cmd::hwsim::HwsimCommand,
    },
    /// Regulatory domains: `reg get`, `reg set COUNTRY`, `reg reload`.
    Reg {
        #[command(subcommand)]
        command: cmd::reg::RegCommand,
    },
    /// 802.11 USB dongles known to rwlan's drivers.
    Usb {
        #[command(subcommand)]
        command: Option<cmd::usb::UsbCommand>,
    },
}

fn run(cli: Cli) -> Result<(), Error> {
    let ctx = Ctx { json: cli.json };
    match cli.command {
        Command::Phy { phy, command } => cmd::phy::run(&ctx, phy.as_deref(), command),
        Command::Dev { command } => cmd::dev::run(&ctx, command),
        Command::Event {
            timestamps,
            frames,
            count,
            duration,
        } => cmd::event::run(
            &ctx,
            cmd::event::EventOptions {
                timestamps,
                frames,
                count,
                duration,
            },
        ),
        Command::Hwsim { command } => cmd::hwsim::run(&ctx, &command),
        Command::Reg { command } => cmd::reg::run(&ctx, &command),
        Command::Usb { command } => cmd::usb::run(&ctx, command),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("rwlan: {}", e.report());
            ExitCode::from(e.exit_code())
        }
    }
}
