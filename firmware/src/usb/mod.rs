//! The USB side: the dongle's USB face ([`UsbLayout`]: IDs, strings, bulk
//! endpoints and their roles) and the two transports that present it on a
//! USB device controller.
//!
//! - [`ffs`]: configfs + FunctionFS. The kernel answers the standard
//!   requests; endpoint numbers are the controller's choice (on dummy_hcd
//!   the first IN is 1, the first OUT 2), so it fits the RTL8187L only.
//! - [`raw`]: Raw Gadget. The emulator answers every request on endpoint 0
//!   and the endpoints keep the numbers the layout gives them.
//!
//! Register access is a device-recipient vendor request (type 0xC0 read,
//! 0x40 write, request 5) on either transport.

use std::io;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use crate::air::{Antenna, Heard};
use crate::dongle::Dongle;

pub mod descriptors;
pub mod ffs;
pub mod raw;
mod raw_ep0;

pub const REQUEST_TYPE_READ: u8 = 0xC0;
pub const REQUEST_TYPE_WRITE: u8 = 0x40;
pub const REQUEST_REGISTER: u8 = 0x05;
/// Bulk OUT buffers: bigger than any descriptor + 802.11 frame.
pub const TX_BUFFER: usize = 16384;
/// How often blocked loops look at the stop flags.
pub const POLL: Duration = Duration::from_millis(200);
/// How long a halt waits for the host to take the transfers queued before it.
pub const STALL_DRAIN: Duration = Duration::from_millis(500);

/// A USB vendor and product ID.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UsbId {
    pub vendor: u16,
    pub product: u16,
}

impl UsbId {
    /// The RTL8187L's own ID.
    pub const RTL8187: UsbId = UsbId {
        vendor: 0x0bda,
        product: 0x8187,
    };

    /// Parses `VID:PID` in hex, e.g. `0bda:8187`.
    pub fn parse(text: &str) -> Option<UsbId> {
        let (vendor, product) = text.split_once(':')?;
        let hex = |s: &str| {
            (s.len() == 4)
                .then(|| u16::from_str_radix(s, 16).ok())
                .flatten()
        };
        Some(UsbId {
            vendor: hex(vendor)?,
            product: hex(product)?,
        })
    }
}

impl std::fmt::Display for UsbId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04x}:{:04x}", self.vendor, self.product)
    }
}

/// What a bulk endpoint carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EndpointRole {
    /// IN: received frames with their RX trailer.
    Rx,
    /// OUT: a TX queue, descriptor + frame.
    Tx,
    /// IN: TX status records ([`Dongle::next_tx_status`]).
    TxStatus,
}

impl EndpointRole {
    /// Whether the endpoint sends to the host.
    pub fn is_in(self) -> bool {
        matches!(self, EndpointRole::Rx | EndpointRole::TxStatus)
    }
}

/// A bulk endpoint: its number (1-15) and role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BulkEndpoint {
    pub number: u8,
    pub role: EndpointRole,
}

impl BulkEndpoint {
    /// The endpoint address: number plus the IN bit.
    pub fn address(&self) -> u8 {
        self.number | if self.role.is_in() { 0x80 } else { 0 }
    }
}

/// How the dongle looks on the bus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsbLayout {
    pub id: UsbId,
    pub manufacturer: &'static str,
    pub product: &'static str,
    /// The configuration's and interface's name.
    pub configuration: &'static str,
    /// In the order of the interface descriptor.
    pub endpoints: Vec<BulkEndpoint>,
}

impl UsbLayout {
    /// The RTL8187L: bulk IN 1 carries received frames, bulk OUT 2 the
    /// frames to send (the host driver's pipes 1 and 2).
    pub fn rtl8187l(id: UsbId) -> Self {
        Self {
            id,
            manufacturer: "Realtek",
            product: "RTL8187_Wireless",
            configuration: "RTL8187L",
            endpoints: vec![
                BulkEndpoint {
                    number: 1,
                    role: EndpointRole::Rx,
                },
                BulkEndpoint {
                    number: 2,
                    role: EndpointRole::Tx,
                },
            ],
        }
    }

    /// The RTL8187B: bulk IN 3 carries received frames, IN 9 the TX status
    /// records, OUT 12 management frames and OUT 6, 7, 5 and 4 the other
    /// frames of the VO, VI, BE and BK queues (the host driver's pipes).
    pub fn rtl8187b(id: UsbId) -> Self {
        let bulk = |number, role| BulkEndpoint { number, role };
        Self {
            id,
            manufacturer: "Realtek",
            product: "RTL8187B_WLAN_Adapter",
            configuration: "RTL8187B",
            endpoints: vec![
                bulk(3, EndpointRole::Rx),
                bulk(9, EndpointRole::TxStatus),
                bulk(4, EndpointRole::Tx),
                bulk(5, EndpointRole::Tx),
                bulk(6, EndpointRole::Tx),
                bulk(7, EndpointRole::Tx),
                bulk(12, EndpointRole::Tx),
            ],
        }
    }

    /// The endpoints of one role.
    pub fn with_role(&self, role: EndpointRole) -> impl Iterator<Item = &BulkEndpoint> + '_ {
        self.endpoints.iter().filter(move |e| e.role == role)
    }
}

/// Which kernel interface presents the dongle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TransportKind {
    /// configfs + FunctionFS (endpoint numbers chosen by the controller).
    Ffs,
    /// Raw Gadget (/dev/raw-gadget): endpoint numbers as the layout says.
    Raw,
}

#[derive(Debug, thiserror::Error)]
pub enum UsbError {
    #[error("no USB device controller found (is dummy_hcd loaded and configfs mounted?): {0}")]
    NoUdc(io::Error),
    #[error("USB device controller {0:?} not found")]
    UdcNotFound(String),
    #[error("cannot register the gadget: {0}")]
    Register(io::Error),
    #[error("FunctionFS control endpoint failed: {0}")]
    Control(io::Error),
    #[error(
        "FunctionFS cannot present this layout (it numbers endpoints itself): use --transport raw"
    )]
    LayoutNeedsRaw,
    #[error("Raw Gadget (is raw_gadget loaded?): {0}")]
    RawGadget(io::Error),
}

/// What the emulator's signals ask of a running dongle.
pub struct Controls<'a> {
    /// Stop: finish the transfers, then take the dongle off the bus.
    pub stop: &'a AtomicBool,
    /// Pull the dongle out: off the bus at once, transfers in flight.
    pub pull: &'a AtomicBool,
    /// Flip the hardware radio switch.
    pub toggle_radio: &'a AtomicBool,
}

/// The next frame the antenna hears; `None` after a quiet moment, or after
/// a failed receive (logged) and a pause, so that the caller can look at
/// its stop flag.
pub(crate) fn hear(antenna: &Antenna, buf: &mut [u8]) -> Option<Heard> {
    match antenna.recv(buf) {
        Ok(heard) => heard,
        Err(e) => {
            log::warn!("antenna receive failed: {e}");
            std::thread::sleep(POLL);
            None
        }
    }
}

/// A dongle on the bus, over either transport.
pub enum Transport {
    Ffs(Box<ffs::Transport>),
    Raw(raw::Transport),
}

/// Puts the dongle on the bus of a device controller (the first one unless named).
pub fn present(
    kind: TransportKind,
    layout: &UsbLayout,
    udc: Option<&str>,
    serial: &str,
) -> Result<Transport, UsbError> {
    Ok(match kind {
        TransportKind::Ffs => Transport::Ffs(Box::new(ffs::present(layout, udc, serial)?)),
        TransportKind::Raw => Transport::Raw(raw::present(layout, udc, serial)?),
    })
}

/// Runs the dongle until `stop` or `pull` is set.
pub fn run(transport: Transport, dongle: &Dongle, controls: &Controls) -> Result<(), UsbError> {
    match transport {
        Transport::Ffs(t) => ffs::run(*t, dongle, controls),
        Transport::Raw(t) => raw::run(t, dongle, controls),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usb_ids_parse_as_hex_pairs() {
        assert_eq!(UsbId::parse("0bda:8187"), Some(UsbId::RTL8187));
        assert_eq!(
            UsbId::parse("0846:6a00").map(|i| i.to_string()),
            Some("0846:6a00".into())
        );
        assert_eq!(UsbId::parse("bda:8187"), None);
        assert_eq!(UsbId::parse("0bda8187"), None);
        assert_eq!(UsbId::parse("0bda:81x7"), None);
    }

    #[test]
    fn rtl8187l_has_rx_on_in_1_and_tx_on_out_2() {
        let l = UsbLayout::rtl8187l(UsbId::RTL8187);
        let addrs: Vec<u8> = l.endpoints.iter().map(BulkEndpoint::address).collect();
        assert_eq!(addrs, [0x81, 0x02]);
        assert_eq!(l.with_role(EndpointRole::Tx).count(), 1);
        assert_eq!(l.with_role(EndpointRole::TxStatus).count(), 0);
    }

    #[test]
    fn rtl8187b_has_the_endpoints_its_host_addresses() {
        // rtl8187_init_urbs: RX on pipe 3; rtl8187b_init_status_urb: IN 9;
        // rtl8187_tx: OUT 12 for management, else {6, 7, 5, 4} by queue.
        let b = UsbLayout::rtl8187b(UsbId::parse("0bda:8189").expect("id"));
        let addrs: Vec<u8> = b.endpoints.iter().map(BulkEndpoint::address).collect();
        assert_eq!(addrs, [0x83, 0x89, 0x04, 0x05, 0x06, 0x07, 0x0C]);
        assert_eq!(b.with_role(EndpointRole::Tx).count(), 5);
    }
}
