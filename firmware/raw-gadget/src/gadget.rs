//! One Raw Gadget instance: an open `/dev/raw-gadget` and its ioctls.

use std::fs::{File, OpenOptions};
use std::io;
use std::os::fd::AsRawFd;

use crate::uapi::{self, RawEndpointDescriptor, RawEpInfo, RawEpsInfo, RawEvent, RawInit};

/// The speed the gadget offers (`enum usb_device_speed`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Speed {
    Low,
    Full,
    High,
    Super,
}

impl Speed {
    fn raw(self) -> u8 {
        match self {
            Speed::Low => 1,
            Speed::Full => 2,
            Speed::High => 3,
            Speed::Super => 5,
        }
    }
}

/// A setup packet (`struct usb_ctrlrequest`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ControlRequest {
    pub request_type: u8,
    pub request: u8,
    pub value: u16,
    pub index: u16,
    pub length: u16,
}

impl ControlRequest {
    /// Parses the 8 bytes of a setup packet (little-endian fields).
    pub fn parse(b: [u8; 8]) -> Self {
        Self {
            request_type: b[0],
            request: b[1],
            value: u16::from_le_bytes([b[2], b[3]]),
            index: u16::from_le_bytes([b[4], b[5]]),
            length: u16::from_le_bytes([b[6], b[7]]),
        }
    }

    /// Whether the data stage (if any) goes to the host.
    pub fn is_in(&self) -> bool {
        self.request_type & 0x80 != 0
    }
}

/// What [`RawGadget::event_fetch`] reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    /// Bound to the device controller: endpoints can be listed.
    Connect,
    /// A control request on endpoint 0 that userspace must answer
    /// (data stage or acknowledgement) or stall.
    Control(ControlRequest),
    Suspend,
    Resume,
    Reset,
    Disconnect,
    /// An event this crate does not know yet.
    Other(u32),
}

/// A device controller endpoint, as `USB_RAW_IOCTL_EPS_INFO` lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndpointInfo {
    pub name: String,
    /// The endpoint number it must be given, or [`crate::EP_ADDR_ANY`].
    pub addr: u32,
    pub bulk: bool,
    pub interrupt: bool,
    pub dir_in: bool,
    pub dir_out: bool,
    pub max_packet_limit: u16,
}

impl From<&RawEpInfo> for EndpointInfo {
    fn from(raw: &RawEpInfo) -> Self {
        let len = raw
            .name
            .iter()
            .position(|&b| b == 0)
            .unwrap_or(raw.name.len());
        Self {
            name: String::from_utf8_lossy(&raw.name[..len]).into_owned(),
            addr: raw.addr,
            bulk: raw.caps & uapi::CAP_BULK != 0,
            interrupt: raw.caps & uapi::CAP_INT != 0,
            dir_in: raw.caps & uapi::CAP_DIR_IN != 0,
            dir_out: raw.caps & uapi::CAP_DIR_OUT != 0,
            max_packet_limit: raw.maxpacket_limit,
        }
    }
}

/// An enabled endpoint, as Raw Gadget numbers them (not the USB address).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EndpointHandle(u16);

/// A Raw Gadget instance. Closing it (dropping the last reference) takes
/// the device off the bus, once no thread is inside one of its calls.
///
/// # Invariants
///
/// `file` is an open `/dev/raw-gadget`: every ioctl issued on it is one of
/// Raw Gadget's, which only read and write the argument they are given.
#[derive(Debug)]
pub struct RawGadget {
    file: File,
}

/// Turns an ioctl return into the count it reports, or the errno it set.
fn check(ret: libc::c_int) -> io::Result<usize> {
    usize::try_from(ret).map_err(|_| io::Error::last_os_error())
}

fn name_field(name: &str) -> io::Result<[u8; uapi::MAX_NAME]> {
    let mut field = [0u8; uapi::MAX_NAME];
    if name.len() >= uapi::MAX_NAME || name.as_bytes().contains(&0) {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, "bad UDC name"));
    }
    field[..name.len()].copy_from_slice(name.as_bytes());
    Ok(field)
}

/// A `struct usb_raw_ep_io` header followed by `len` bytes of data.
fn io_buffer(ep: u16, flags: u16, len: usize) -> io::Result<Vec<u8>> {
    let length = u32::try_from(len)
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "transfer too long"))?;
    let mut buf = Vec::with_capacity(uapi::EP_IO_HEADER + len);
    buf.extend_from_slice(&ep.to_ne_bytes());
    buf.extend_from_slice(&flags.to_ne_bytes());
    buf.extend_from_slice(&length.to_ne_bytes());
    buf.resize(uapi::EP_IO_HEADER + len, 0);
    Ok(buf)
}

impl RawGadget {
    /// Opens a new instance (one per emulated device).
    pub fn open() -> io::Result<Self> {
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .open("/dev/raw-gadget")?;
        Ok(Self { file })
    }

    /// An ioctl whose argument is a plain value (or none).
    fn ioctl_value(&self, request: u32, value: libc::c_ulong) -> io::Result<usize> {
        // SAFETY: the fd is an open /dev/raw-gadget (type invariant) and
        // `request` is one of the Raw Gadget ioctls that take a value, not
        // a pointer, so the kernel dereferences nothing of ours.
        check(unsafe { libc::ioctl(self.file.as_raw_fd(), request as _, value) })
    }

    /// An ioctl whose argument points at `arg`.
    fn ioctl_ptr<T>(&self, request: u32, arg: &mut T) -> io::Result<usize> {
        // SAFETY: the fd is an open /dev/raw-gadget (type invariant) and
        // `request` is a Raw Gadget ioctl whose argument is a `T` (callers
        // pair them as the uapi header does, sizes asserted in `uapi`); the
        // kernel reads and writes at most size_of::<T>() bytes of the
        // exclusively borrowed `arg`, which outlives the call.
        check(unsafe { libc::ioctl(self.file.as_raw_fd(), request as _, arg as *mut T) })
    }

    /// A transfer ioctl: `buf` is a header from [`io_buffer`] followed by
    /// as many bytes as the header's length field says.
    fn ioctl_io(&self, request: u32, buf: &mut [u8]) -> io::Result<usize> {
        debug_assert!(buf.len() >= uapi::EP_IO_HEADER);
        // SAFETY: the fd is an open /dev/raw-gadget (type invariant);
        // `request` is one of the EP0/EP read and write ioctls, which read
        // the 8-byte header and then read or write as many bytes after it
        // as the header's length field says: `io_buffer` made `buf` exactly
        // that long, and it stays borrowed for the call.
        check(unsafe { libc::ioctl(self.file.as_raw_fd(), request as _, buf.as_mut_ptr()) })
    }

    /// Chooses the device controller (its driver name, e.g. `dummy_udc`,
    /// and its device name, e.g. `dummy_udc.0`) and the speed offered.
    pub fn init(&self, driver: &str, device: &str, speed: Speed) -> io::Result<()> {
        let mut arg = RawInit {
            driver_name: name_field(driver)?,
            device_name: name_field(device)?,
            speed: speed.raw(),
        };
        self.ioctl_ptr(uapi::IOCTL_INIT, &mut arg).map(drop)
    }

    /// Binds to the controller: the host sees the device arrive.
    pub fn run(&self) -> io::Result<()> {
        self.ioctl_value(uapi::IOCTL_RUN, 0).map(drop)
    }

    /// Waits for the next event (`EINTR` if a signal came first).
    pub fn event_fetch(&self) -> io::Result<Event> {
        let mut arg = RawEvent {
            kind: 0,
            length: uapi::CTRL_REQUEST_LEN as u32,
            data: [0; uapi::CTRL_REQUEST_LEN],
        };
        self.ioctl_ptr(uapi::IOCTL_EVENT_FETCH, &mut arg)?;
        Ok(match arg.kind {
            uapi::EVENT_CONNECT => Event::Connect,
            uapi::EVENT_CONTROL => Event::Control(ControlRequest::parse(arg.data)),
            uapi::EVENT_SUSPEND => Event::Suspend,
            uapi::EVENT_RESUME => Event::Resume,
            uapi::EVENT_RESET => Event::Reset,
            uapi::EVENT_DISCONNECT => Event::Disconnect,
            other => Event::Other(other),
        })
    }

    /// Answers the pending IN control request with `data`.
    pub fn ep0_write(&self, data: &[u8]) -> io::Result<usize> {
        let mut buf = io_buffer(0, 0, data.len())?;
        buf[uapi::EP_IO_HEADER..].copy_from_slice(data);
        self.ioctl_io(uapi::IOCTL_EP0_WRITE, &mut buf)
    }

    /// Takes the data stage of the pending OUT control request; with an
    /// empty `buf` it acknowledges a request without data.
    pub fn ep0_read(&self, buf: &mut [u8]) -> io::Result<usize> {
        let mut io = io_buffer(0, 0, buf.len())?;
        let n = self.ioctl_io(uapi::IOCTL_EP0_READ, &mut io)?.min(buf.len());
        buf[..n].copy_from_slice(&io[uapi::EP_IO_HEADER..uapi::EP_IO_HEADER + n]);
        Ok(n)
    }

    /// Stalls the pending control request.
    pub fn ep0_stall(&self) -> io::Result<()> {
        self.ioctl_value(uapi::IOCTL_EP0_STALL, 0).map(drop)
    }

    /// The controller's endpoints (after [`Event::Connect`]).
    pub fn eps_info(&self) -> io::Result<Vec<EndpointInfo>> {
        let empty = RawEpInfo {
            name: [0; 16],
            addr: 0,
            caps: 0,
            maxpacket_limit: 0,
            max_streams: 0,
            reserved: 0,
        };
        let mut arg = RawEpsInfo {
            eps: [empty; uapi::EPS_NUM_MAX],
        };
        let n = self.ioctl_ptr(uapi::IOCTL_EPS_INFO, &mut arg)?;
        Ok(arg.eps[..n.min(uapi::EPS_NUM_MAX)]
            .iter()
            .map(EndpointInfo::from)
            .collect())
    }

    /// Enables an endpoint for the descriptor's address, type and maximum
    /// packet size (a 7-byte endpoint descriptor as the host sees it).
    pub fn ep_enable(&self, desc: [u8; 7]) -> io::Result<EndpointHandle> {
        let mut arg = RawEndpointDescriptor {
            length: desc[0],
            descriptor_type: desc[1],
            endpoint_address: desc[2],
            attributes: desc[3],
            max_packet_size: u16::from_le_bytes([desc[4], desc[5]]),
            interval: desc[6],
            refresh: 0,
            synch_address: 0,
        };
        let handle = self.ioctl_ptr(uapi::IOCTL_EP_ENABLE, &mut arg)?;
        u16::try_from(handle)
            .map(EndpointHandle)
            .map_err(|_| io::Error::from_raw_os_error(libc::ERANGE))
    }

    pub fn ep_disable(&self, ep: EndpointHandle) -> io::Result<()> {
        self.ioctl_value(uapi::IOCTL_EP_DISABLE, ep.0.into())
            .map(drop)
    }

    /// Sends `data` on an IN endpoint, waiting until the host has taken it.
    /// With `zero`, a transfer filling whole packets ends with a
    /// zero-length packet.
    pub fn ep_write(&self, ep: EndpointHandle, data: &[u8], zero: bool) -> io::Result<usize> {
        let flags = if zero { uapi::IO_FLAGS_ZERO } else { 0 };
        let mut buf = io_buffer(ep.0, flags, data.len())?;
        buf[uapi::EP_IO_HEADER..].copy_from_slice(data);
        self.ioctl_io(uapi::IOCTL_EP_WRITE, &mut buf)
    }

    /// Receives one transfer from an OUT endpoint into `buf`, waiting until
    /// the host sends one.
    pub fn ep_read(&self, ep: EndpointHandle, buf: &mut [u8]) -> io::Result<usize> {
        let mut io = io_buffer(ep.0, 0, buf.len())?;
        let n = self.ioctl_io(uapi::IOCTL_EP_READ, &mut io)?.min(buf.len());
        buf[..n].copy_from_slice(&io[uapi::EP_IO_HEADER..uapi::EP_IO_HEADER + n]);
        Ok(n)
    }

    /// Halts an endpoint (the host sees STALL until it clears the halt).
    pub fn set_halt(&self, ep: EndpointHandle) -> io::Result<()> {
        self.ioctl_value(uapi::IOCTL_EP_SET_HALT, ep.0.into())
            .map(drop)
    }

    pub fn clear_halt(&self, ep: EndpointHandle) -> io::Result<()> {
        self.ioctl_value(uapi::IOCTL_EP_CLEAR_HALT, ep.0.into())
            .map(drop)
    }

    /// Tells the controller the host has configured the device.
    pub fn configure(&self) -> io::Result<()> {
        self.ioctl_value(uapi::IOCTL_CONFIGURE, 0).map(drop)
    }

    /// The current the configuration draws, in 2 mA units (its bMaxPower).
    pub fn vbus_draw(&self, units_2ma: u32) -> io::Result<()> {
        self.ioctl_value(uapi::IOCTL_VBUS_DRAW, units_2ma.into())
            .map(drop)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn setup_packet_fields_are_little_endian() {
        let req = ControlRequest::parse([0xC0, 0x05, 0x34, 0xFF, 0x01, 0x00, 0x04, 0x00]);
        assert_eq!(
            req,
            ControlRequest {
                request_type: 0xC0,
                request: 5,
                value: 0xFF34,
                index: 1,
                length: 4
            }
        );
        assert!(req.is_in());
    }

    #[test]
    fn io_buffer_has_the_header_then_room_for_the_data() {
        let buf = io_buffer(3, uapi::IO_FLAGS_ZERO, 5).expect("small");
        assert_eq!(buf.len(), 13);
        assert_eq!(&buf[..2], &3u16.to_ne_bytes());
        assert_eq!(&buf[2..4], &1u16.to_ne_bytes());
        assert_eq!(&buf[4..8], &5u32.to_ne_bytes());
    }

    #[test]
    fn names_must_fit_with_their_nul() {
        assert!(name_field("dummy_udc.0").is_ok());
        assert!(name_field(&"x".repeat(uapi::MAX_NAME)).is_err());
        assert!(name_field("a\0b").is_err());
    }

    #[test]
    fn endpoint_info_decodes_the_caps_bitfield() {
        let mut name = [0u8; 16];
        name[..6].copy_from_slice(b"ep-bin");
        let raw = RawEpInfo {
            name,
            addr: uapi::EP_ADDR_ANY,
            caps: uapi::CAP_BULK | uapi::CAP_INT | uapi::CAP_DIR_IN,
            maxpacket_limit: 1024,
            max_streams: 0,
            reserved: 0,
        };
        let info = EndpointInfo::from(&raw);
        assert_eq!(info.name, "ep-bin");
        assert!(info.bulk && info.interrupt && info.dir_in && !info.dir_out);
        assert_eq!(info.max_packet_limit, 1024);
    }
}
