//! `rwlan usb [list|show BUS:ADDR|ids]`: finds RTL8187 dongles by the
//! family's USB IDs, shows which driver serves each and whether one is
//! bound, with descriptors and endpoints.

pub mod ids;

use std::fmt::Write;

use clap::Subcommand;
use rusb::{Device, GlobalContext, UsbContext};
use serde::Serialize;

use self::ids::{Aliases, Served};
use super::Ctx;
use crate::error::{exit, Error};

#[derive(Debug, Subcommand)]
pub enum UsbCommand {
    /// Known 802.11 dongles on the bus (the default).
    List {
        /// List every USB device, marking the known dongles.
        #[arg(long)]
        all: bool,
    },
    /// Descriptors and endpoints of one device.
    Show {
        /// Bus and address as `lsusb` prints them, e.g. 001:004 or 1:4.
        device: String,
    },
    /// Every RTL8187 family ID and which drivers serve it (no device needed).
    Ids,
}

#[derive(Debug, thiserror::Error)]
pub enum UsbError {
    #[error("cannot access USB devices: {0}")]
    Access(rusb::Error),
    #[error("USB is not available on this system: {0}")]
    Unavailable(rusb::Error),
    #[error("no known 802.11 USB dongle found")]
    NoDongle,
    #[error("no USB device at {0}")]
    NoDevice(String),
    #[error("'{0}' is not BUS:ADDR (e.g. 001:004)")]
    BadAddress(String),
    #[error("reading USB descriptors: {0}")]
    Descriptor(rusb::Error),
}

impl UsbError {
    pub fn exit_code(&self) -> u8 {
        match self {
            UsbError::Access(_) => exit::PERMISSION,
            UsbError::Unavailable(_) => exit::NOT_SUPPORTED,
            UsbError::NoDongle | UsbError::NoDevice(_) => exit::NOT_FOUND,
            UsbError::BadAddress(_) => exit::USAGE,
            UsbError::Descriptor(_) => exit::FAILURE,
        }
    }
}

/// Parses `BUS:ADDR` in decimal, zero-padded or not.
pub fn parse_bus_addr(s: &str) -> Result<(u8, u8), UsbError> {
    let bad = || UsbError::BadAddress(s.to_owned());
    let (bus, addr) = s.split_once(':').ok_or_else(bad)?;
    Ok((
        bus.parse().map_err(|_| bad())?,
        addr.parse().map_err(|_| bad())?,
    ))
}

#[derive(Debug, Serialize)]
pub struct Endpoint {
    pub address: String,
    pub direction: &'static str,
    pub transfer: &'static str,
    pub max_packet_size: u16,
    pub interval: u8,
}

#[derive(Debug, Serialize)]
pub struct InterfaceInfo {
    pub number: u8,
    pub alt_setting: u8,
    pub class: u8,
    pub bound_driver: Option<String>,
    pub endpoints: Vec<Endpoint>,
}

#[derive(Debug, Serialize)]
pub struct UsbDevice {
    pub bus: u8,
    pub address: u8,
    pub id: String,
    /// Set for an RTL8187 family ID: the chip and who serves it.
    pub known: Option<Served>,
    /// Device class from the device descriptor (0x09: hub).
    pub class: u8,
    /// "Linux Foundation 2.0 root hub", "USB hub"; none for other devices.
    pub kind: Option<String>,
    pub usb_version: String,
    pub manufacturer: Option<String>,
    pub product: Option<String>,
    pub serial: Option<String>,
    pub interfaces: Vec<InterfaceInfo>,
}

fn map_list_error(e: rusb::Error) -> UsbError {
    match e {
        rusb::Error::Access => UsbError::Access(e),
        rusb::Error::NotSupported | rusb::Error::NoDevice | rusb::Error::NotFound => {
            UsbError::Unavailable(e)
        }
        other => UsbError::Unavailable(other),
    }
}

/// The sysfs name of an interface: `BUS-PORT.PORT:CFG.IF`, and for a root
/// hub (no ports) `BUS-0:CFG.IF`.
fn sysfs_interface(bus: u8, ports: &[u8], config: u8, iface: u8) -> String {
    let path = if ports.is_empty() {
        "0".to_owned()
    } else {
        let p: Vec<String> = ports.iter().map(u8::to_string).collect();
        p.join(".")
    };
    format!("{bus}-{path}:{config}.{iface}")
}

/// The driver bound to an interface, from sysfs.
fn bound_driver(dev: &Device<GlobalContext>, config: u8, iface: u8) -> Option<String> {
    let ports = dev.port_numbers().ok()?;
    let link = format!(
        "/sys/bus/usb/devices/{}/driver",
        sysfs_interface(dev.bus_number(), &ports, config, iface)
    );
    let target = std::fs::read_link(link).ok()?;
    Some(target.file_name()?.to_string_lossy().into_owned())
}

/// USB device class of hubs.
const CLASS_HUB: u8 = 0x09;
/// The vendor ID Linux gives its host controllers' root hubs.
const VENDOR_LINUX_FOUNDATION: u16 = 0x1d6b;

/// What a device that is not a known dongle is, when its descriptor says:
/// a root hub (a host controller's, at no port; Linux numbers them
/// 1d6b:0001-0003 by USB version, as lsusb names them) or another hub.
fn device_kind(vendor: u16, product: u16, class: u8, root_hub: bool) -> Option<String> {
    if root_hub {
        let version = match (vendor, product) {
            (VENDOR_LINUX_FOUNDATION, 1) => "Linux Foundation 1.1 ",
            (VENDOR_LINUX_FOUNDATION, 2) => "Linux Foundation 2.0 ",
            (VENDOR_LINUX_FOUNDATION, 3) => "Linux Foundation 3.0 ",
            _ => "",
        };
        return Some(format!("{version}root hub"));
    }
    (class == CLASS_HUB).then(|| "USB hub".to_owned())
}

fn describe(dev: &Device<GlobalContext>, aliases: &Aliases) -> Result<UsbDevice, UsbError> {
    let d = dev.device_descriptor().map_err(UsbError::Descriptor)?;
    let v = d.usb_version();
    let root_hub = dev.port_numbers().is_ok_and(|p| p.is_empty());
    let mut info = UsbDevice {
        bus: dev.bus_number(),
        address: dev.address(),
        id: format!("{:04x}:{:04x}", d.vendor_id(), d.product_id()),
        known: ids::lookup(d.vendor_id(), d.product_id()).map(|k| ids::serving(k, aliases)),
        class: d.class_code(),
        kind: device_kind(d.vendor_id(), d.product_id(), d.class_code(), root_hub),
        usb_version: format!("{}.{}{}", v.major(), v.minor(), v.sub_minor()),
        manufacturer: None,
        product: None,
        serial: None,
        interfaces: Vec::new(),
    };
    // Strings need the device opened, which needs write access to usbfs;
    // without it the rest is still shown.
    if let Ok(h) = dev.open() {
        info.manufacturer = h.read_manufacturer_string_ascii(&d).ok();
        info.product = h.read_product_string_ascii(&d).ok();
        info.serial = h.read_serial_number_string_ascii(&d).ok();
    }
    if let Ok(cfg) = dev.active_config_descriptor() {
        for iface in cfg.interfaces() {
            for alt in iface.descriptors() {
                let endpoints = alt
                    .endpoint_descriptors()
                    .map(|e| Endpoint {
                        address: format!("0x{:02x}", e.address()),
                        direction: match e.direction() {
                            rusb::Direction::In => "IN",
                            rusb::Direction::Out => "OUT",
                        },
                        transfer: match e.transfer_type() {
                            rusb::TransferType::Control => "control",
                            rusb::TransferType::Isochronous => "isochronous",
                            rusb::TransferType::Bulk => "bulk",
                            rusb::TransferType::Interrupt => "interrupt",
                        },
                        max_packet_size: e.max_packet_size(),
                        interval: e.interval(),
                    })
                    .collect();
                info.interfaces.push(InterfaceInfo {
                    number: alt.interface_number(),
                    alt_setting: alt.setting_number(),
                    class: alt.class_code(),
                    bound_driver: bound_driver(dev, cfg.number(), alt.interface_number()),
                    endpoints,
                });
            }
        }
    }
    Ok(info)
}

pub fn run(ctx: &Ctx, command: Option<UsbCommand>) -> Result<(), Error> {
    let aliases = Aliases::of_running_kernel();
    match command.unwrap_or(UsbCommand::List { all: false }) {
        UsbCommand::List { all } => {
            let mut list = Vec::new();
            for dev in devices()?.iter() {
                let info = describe(&dev, &aliases)?;
                if all || info.known.is_some() {
                    list.push(info);
                }
            }
            if !all && list.is_empty() {
                return Err(UsbError::NoDongle.into());
            }
            crate::output::emit(ctx.json, &list, |l| l.iter().map(render_short).collect())
        }
        UsbCommand::Show { device } => {
            let (bus, addr) = parse_bus_addr(&device)?;
            let dev = devices()?
                .iter()
                .find(|d| d.bus_number() == bus && d.address() == addr)
                .ok_or(UsbError::NoDevice(device))?;
            let info = describe(&dev, &aliases)?;
            crate::output::emit(ctx.json, &info, render_long)
        }
        UsbCommand::Ids => {
            let table: Vec<Served> = ids::RTL8187_FAMILY
                .iter()
                .map(|id| ids::serving(id, &aliases))
                .collect();
            crate::output::emit(ctx.json, &table, |t| t.iter().map(render_id).collect())
        }
    }
}

fn devices() -> Result<rusb::DeviceList<GlobalContext>, UsbError> {
    rusb::GlobalContext::default()
        .devices()
        .map_err(map_list_error)
}

fn render_id(s: &Served) -> String {
    format!(
        "ID {} {} ({}): {}\n",
        s.id,
        s.chip.name(),
        s.model,
        ids::render_drivers(s)
    )
}

fn driver_text(d: &UsbDevice) -> String {
    let bound: Vec<&str> = d
        .interfaces
        .iter()
        .filter_map(|i| i.bound_driver.as_deref())
        .collect();
    match bound.first() {
        Some(name) => format!("bound to {name}"),
        None => "no driver bound".to_owned(),
    }
}

fn render_short(d: &UsbDevice) -> String {
    let what = match (&d.known, &d.kind, &d.product) {
        (Some(k), _, _) => format!(
            "{} ({}), {}",
            k.chip.name(),
            k.model,
            ids::render_drivers(k)
        ),
        (None, Some(kind), Some(product)) => format!("{kind} ({product})"),
        (None, Some(kind), None) => kind.clone(),
        (None, None, Some(product)) => product.clone(),
        (None, None, None) => "unknown device".to_owned(),
    };
    format!(
        "Bus {:03} Device {:03}: ID {} {what}; {}\n",
        d.bus,
        d.address,
        d.id,
        driver_text(d)
    )
}

fn render_long(d: &UsbDevice) -> String {
    let mut s = render_short(d);
    let _ = writeln!(s, "\tUSB version: {}", d.usb_version);
    for (label, v) in [
        ("Manufacturer", &d.manufacturer),
        ("Product", &d.product),
        ("Serial", &d.serial),
    ] {
        let _ = writeln!(s, "\t{label}: {}", v.as_deref().unwrap_or("(unreadable)"));
    }
    for i in &d.interfaces {
        let _ = writeln!(
            s,
            "\tInterface {} alt {} class 0x{:02x} driver {}",
            i.number,
            i.alt_setting,
            i.class,
            i.bound_driver.as_deref().unwrap_or("(none)")
        );
        for e in &i.endpoints {
            let _ = writeln!(
                s,
                "\t\tEndpoint {} {} {} max packet {} interval {}",
                e.address, e.direction, e.transfer, e.max_packet_size, e.interval
            );
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bus_addr() {
        assert_eq!(parse_bus_addr("001:004").ok(), Some((1, 4)));
        assert_eq!(parse_bus_addr("2:10").ok(), Some((2, 10)));
        assert!(parse_bus_addr("1-4").is_err());
        assert!(parse_bus_addr("1:400").is_err());
        assert_eq!(UsbError::NoDongle.exit_code(), exit::NOT_FOUND);
    }

    #[test]
    fn root_hubs_and_hubs() {
        assert_eq!(
            device_kind(0x1d6b, 0x0002, CLASS_HUB, true).as_deref(),
            Some("Linux Foundation 2.0 root hub")
        );
        assert_eq!(
            device_kind(0x1d6b, 0x0003, CLASS_HUB, true).as_deref(),
            Some("Linux Foundation 3.0 root hub")
        );
        assert_eq!(
            device_kind(0x8086, 0x0001, CLASS_HUB, true).as_deref(),
            Some("root hub")
        );
        assert_eq!(
            device_kind(0x05e3, 0x0608, CLASS_HUB, false).as_deref(),
            Some("USB hub")
        );
        assert_eq!(device_kind(0x0bda, 0x8187, 0, false), None);
        // The hub driver binds to the root hub's interface 1-0:1.0.
        assert_eq!(sysfs_interface(1, &[], 1, 0), "1-0:1.0");
        assert_eq!(sysfs_interface(2, &[1, 4], 1, 0), "2-1.4:1.0");
    }

    #[test]
    fn root_hub_line() {
        let hub = UsbDevice {
            bus: 1,
            address: 1,
            id: "1d6b:0002".into(),
            known: None,
            class: CLASS_HUB,
            kind: device_kind(0x1d6b, 2, CLASS_HUB, true),
            usb_version: "2.00".into(),
            manufacturer: None,
            product: Some("Dummy host controller".into()),
            serial: None,
            interfaces: vec![InterfaceInfo {
                number: 0,
                alt_setting: 0,
                class: CLASS_HUB,
                bound_driver: Some("hub".into()),
                endpoints: Vec::new(),
            }],
        };
        assert_eq!(
            render_short(&hub),
            "Bus 001 Device 001: ID 1d6b:0002 Linux Foundation 2.0 root hub (Dummy host controller); bound to hub\n"
        );
    }
}
