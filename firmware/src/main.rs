//! rtl8187-emu: an RTL8187L or RTL8187B USB Wi-Fi dongle emulated on the Linux USB
//! gadget stack, with a virtual radio's monitor interface as its antenna.

#![forbid(unsafe_code)]

use std::process::ExitCode;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use std::thread;

use clap::Parser;
use log::{error, info};
use signal_hook::iterator::Signals;

use rwlan_firmware::air::{self, Antenna};
use rwlan_firmware::chip::{Board, Chip, Family};
use rwlan_firmware::dongle::Dongle;
use rwlan_firmware::eeprom::EepromImage;
use rwlan_firmware::fault::{FaultKind, FaultPlan};
use rwlan_firmware::led::LedPin;
use rwlan_firmware::usb::{TransportKind, UsbId, UsbLayout};
use rwlan_firmware::{frame, usb};

/// Emulated RTL8187L or RTL8187B USB Wi-Fi dongle.
///
/// Presents 0bda:8187 (0bda:8189 for an RTL8187B, or --usb-id) on a USB device controller (e.g.
/// dummy_hcd) so the host's rtl8187 driver binds to it, and puts its radio
/// on the air of the virtual radios through a monitor interface (the
/// antenna).
#[derive(Debug, Parser)]
#[command(version)]
struct Args {
    /// Station address stored in the EEPROM.
    #[arg(long, default_value = "00:e0:4c:81:87:01", value_parser = parse_mac)]
    mac: [u8; 6],

    /// Plain monitor interface of a virtual radio used as the antenna (see
    /// firmware/README.md for the active twin that acknowledges the dongle's
    /// frames). Without it the dongle is deaf and mute.
    #[arg(long)]
    antenna: Option<String>,

    /// USB device controller to bind to (default: the first one).
    #[arg(long)]
    udc: Option<String>,

    /// USB transport: ffs (configfs + FunctionFS) or raw (Raw Gadget,
    /// /dev/raw-gadget, endpoint numbers fixed by the board). Default: the
    /// board's (ffs for the RTL8187L boards, raw for the RTL8187B ones,
    /// which FunctionFS cannot present).
    #[arg(long, value_enum)]
    transport: Option<TransportKind>,

    /// USB vendor:product ID to present, in hex: another ID of the host
    /// driver's table (which decides what chip the host expects). Default:
    /// the board's (0bda:8189 for rtl8187b, else 0bda:8187).
    #[arg(long, value_parser = parse_usb_id)]
    usb_id: Option<UsbId>,

    /// USB serial number string.
    #[arg(long, default_value = "rwlan-emu")]
    serial: String,

    /// Board: rtl8187l-vd (RTL8187vD + RTL8225z2), rtl8187l-vb
    /// (RTL8187vB + plain RTL8225), rtl8187b (RTL8187B E-cut + RTL8225z2,
    /// 0bda:8189) or rtl8187b-early (RTL8187B B-cut on 0bda:8187).
    #[arg(long, value_enum, default_value_t = BoardArg::Rtl8187lVd)]
    chip: BoardArg,

    /// RTL8187B boards: the chip revision register 0xFFE1 reads (0 = B-cut,
    /// 1 = D-cut, 2 = E-cut, 3 = one the host does not know).
    #[arg(long, value_parser = clap::value_parser!(u8).range(0..=3))]
    b_revision: Option<u8>,

    /// ASIC revision: 0 makes the host bit-bang every RF write, 1 lets it use the fast RF request.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u8).range(0..=1))]
    asic_rev: u8,

    /// An EEPROM whose station address is erased: the host must make one up.
    #[arg(long)]
    blank_eeprom: bool,

    /// Where the board's LED is wired: gpio0, led0 or led1, or hardware
    /// (the chip drives it; nothing to see). Sets the EEPROM's customer ID
    /// to the one that tells the host so.
    #[arg(long, value_enum, default_value_t = LedPin::Gpio0)]
    led_pin: LedPin,

    /// The antenna (0 or 1) frames are received on, as the RX trailer reports.
    #[arg(long, default_value_t = 0, value_parser = clap::value_parser!(u8).range(0..=1))]
    rx_antenna: u8,

    /// Start with the hardware radio switch off (SIGUSR1 toggles it).
    #[arg(long)]
    radio_off: bool,

    /// Log every register access by name, every RF transaction, every frame
    /// to and from the air and every retune of the antenna.
    #[arg(long)]
    trace: bool,

    /// Misbehave on purpose: corrupt RX transfers, NAK or stall bulk IN.
    #[arg(long, value_delimiter = ',', num_args = 0.., default_missing_value = "corrupt,nak")]
    fault: Option<Vec<FaultKind>>,

    /// With --fault: hit every N-th received frame.
    #[arg(long, default_value_t = 8, value_parser = clap::value_parser!(u64).range(1..))]
    fault_every: u64,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum BoardArg {
    Rtl8187lVd,
    Rtl8187lVb,
    Rtl8187b,
    Rtl8187bEarly,
}

impl BoardArg {
    /// The transport the board works on unless told otherwise: FunctionFS
    /// can number the RTL8187L's two endpoints, so both its boards use it.
    fn default_transport(self) -> TransportKind {
        match self {
            BoardArg::Rtl8187lVd | BoardArg::Rtl8187lVb => TransportKind::Ffs,
            BoardArg::Rtl8187b | BoardArg::Rtl8187bEarly => TransportKind::Raw,
        }
    }

    fn layout(self, id: Option<UsbId>) -> UsbLayout {
        let board = self.board(1, None);
        let id = id.unwrap_or(UsbId {
            vendor: UsbId::RTL8187.vendor,
            product: board.product_id,
        });
        match board.family {
            Family::L => UsbLayout::rtl8187l(id),
            Family::B { .. } => UsbLayout::rtl8187b(id),
        }
    }

    fn board(self, asic_rev: u8, b_revision: Option<u8>) -> Board {
        let board = match self {
            BoardArg::Rtl8187lVd => Board::RTL8187L_VD,
            BoardArg::Rtl8187lVb => Board::RTL8187L_VB,
            BoardArg::Rtl8187b => Board::RTL8187B,
            BoardArg::Rtl8187bEarly => Board::RTL8187B_EARLY,
        };
        let family = match (board.family, b_revision) {
            (Family::B { .. }, Some(revision)) => Family::B { revision },
            (family, _) => family,
        };
        Board {
            asic_rev,
            family,
            ..board
        }
    }
}

fn parse_usb_id(text: &str) -> Result<UsbId, String> {
    UsbId::parse(text).ok_or_else(|| format!("{text:?} is not a USB ID like 0bda:8187"))
}

fn parse_mac(text: &str) -> Result<[u8; 6], String> {
    let mac = frame::parse_mac(text)
        .ok_or_else(|| format!("{text:?} is not a MAC address like 00:e0:4c:81:87:01"))?;
    if mac[0] & 1 != 0 || mac == [0; 6] {
        return Err(format!("{text} is not a unicast station address"));
    }
    Ok(mac)
}

fn main() -> ExitCode {
    let args = Args::parse();
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("info"))
        .format_timestamp_millis()
        .init();
    match run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            error!("{e}");
            ExitCode::FAILURE
        }
    }
}

#[derive(Debug, thiserror::Error)]
enum AppError {
    #[error(transparent)]
    Air(#[from] air::AirError),
    #[error(transparent)]
    Usb(#[from] usb::UsbError),
    #[error("cannot install signal handlers: {0}")]
    Signals(std::io::Error),
}

fn run(args: Args) -> Result<(), AppError> {
    let stop = Arc::new(AtomicBool::new(false));
    let pull = Arc::new(AtomicBool::new(false));
    let toggle_radio = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGINT] {
        signal_hook::flag::register(signal, Arc::clone(&stop)).map_err(AppError::Signals)?;
    }
    // SIGQUIT pulls the dongle out: a surprise unplug.
    signal_hook::flag::register(signal_hook::consts::SIGQUIT, Arc::clone(&pull))
        .map_err(AppError::Signals)?;
    signal_hook::flag::register(signal_hook::consts::SIGUSR1, Arc::clone(&toggle_radio))
        .map_err(AppError::Signals)?;

    let antenna = args.antenna.as_deref().map(Antenna::open).transpose()?;
    let board = args.chip.board(args.asic_rev, args.b_revision);
    let image = if board.family.is_b() {
        EepromImage::rtl8187b(args.mac)
    } else {
        EepromImage::rtl8187l(args.mac)
    };
    let mut image = image.with_customer_id(args.led_pin.customer_id());
    if args.blank_eeprom {
        image = image.with_mac_erased();
    }
    let mut chip = Chip::new(image, board);
    chip.set_radio(!args.radio_off);
    chip.set_rx_antenna(args.rx_antenna);
    chip.set_led_pin(args.led_pin);
    let led = match chip.led_lit() {
        Some(lit) => format!("{:?} LED {}", args.led_pin, if lit { "on" } else { "off" }),
        None => "LED driven by the chip".to_string(),
    };
    let faults = FaultPlan::new(args.fault.clone().unwrap_or_default(), args.fault_every)
        .with_trailer_len(rwlan_firmware::rx::trailer_len(board.family));
    let dongle = Dongle::new(chip, antenna, faults, args.trace);

    let kind = args.transport.unwrap_or(args.chip.default_transport());
    let layout = args.chip.layout(args.usb_id);
    let transport = usb::present(kind, &layout, args.udc.as_deref(), &args.serial)?;
    info!(
        "{:?} (ASIC rev {}) {} up, antenna {}, radio {}, {}{}",
        args.chip,
        args.asic_rev,
        if args.blank_eeprom {
            "with no address".to_string()
        } else {
            frame::format_mac(&args.mac)
        },
        args.antenna.as_deref().unwrap_or("none"),
        if args.radio_off { "off" } else { "on" },
        led,
        match &args.fault {
            Some(kinds) => format!(", faults {kinds:?} every {} frames", args.fault_every),
            None => String::new(),
        }
    );
    // SIGUSR2 logs the counters, for a test that watches a long run.
    let mut reports = Signals::new([signal_hook::consts::SIGUSR2]).map_err(AppError::Signals)?;
    let reports_handle = reports.handle();
    let result = thread::scope(|s| {
        s.spawn(|| {
            for _ in reports.forever() {
                info!("counters: {}", dongle.stats.summary());
            }
        });
        let controls = usb::Controls {
            stop: &stop,
            pull: &pull,
            toggle_radio: &toggle_radio,
        };
        let result = usb::run(transport, &dongle, &controls);
        reports_handle.close();
        result
    });
    info!("stopped: {}", dongle.stats.summary());
    Ok(result?)
}
