//! The dongle's antenna: a monitor interface of a virtual radio.
//!
//! Frames the dongle sends are injected there with a radiotap header; every
//! frame the virtual radio hears on its channel is captured there, except its
//! own transmissions (outgoing packets and TX status reports). The interface
//! is retuned whenever the host driver tunes the RTL8225.

use std::ffi::CString;
use std::io;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::sync::Mutex;
use std::time::Duration;

use crate::nl80211::{self, Nl80211};
use crate::radiotap::{self, Captured};

const ETH_P_ALL: u16 = 0x0003;
const PACKET_OUTGOING: u8 = 4;
/// setsockopt(SOL_PACKET) option that keeps our own sends out of our receive queue.
const PACKET_IGNORE_OUTGOING: libc::c_int = 23;
/// A packet socket refuses sends longer than the interface's MTU plus an
/// Ethernet header, and a monitor interface starts at 1500: too short for a
/// full-size data frame with its 802.11 header, CCMP fields and radiotap.
/// The RTL8187L's TX descriptor allows frames of up to 4095 bytes.
const ANTENNA_MTU: libc::c_int = 4096;

#[derive(Debug, thiserror::Error)]
pub enum AirError {
    #[error("antenna interface {0:?} does not exist")]
    NoSuchInterface(String),
    #[error("cannot open a packet socket on {iface}: {source}")]
    Socket { iface: String, source: io::Error },
    #[error("cannot raise the MTU of {iface} to {ANTENNA_MTU}: {source}")]
    Mtu { iface: String, source: io::Error },
    #[error("cannot reach nl80211 to tune {iface}: {source}")]
    Netlink { iface: String, source: io::Error },
}

/// A frame heard on the air.
#[derive(Debug, Clone)]
pub struct Heard {
    pub info: Captured,
    pub frame: Vec<u8>,
}

/// The monitor interface acting as the dongle's antenna.
#[derive(Debug)]
pub struct Antenna {
    iface: String,
    ifindex: u32,
    fd: OwnedFd,
    tuner: Mutex<Nl80211>,
}

impl Antenna {
    pub fn open(iface: &str) -> Result<Self, AirError> {
        let name = CString::new(iface).map_err(|_| AirError::NoSuchInterface(iface.to_string()))?;
        // SAFETY: `name` is a valid NUL-terminated string.
        let ifindex = unsafe { libc::if_nametoindex(name.as_ptr()) };
        if ifindex == 0 {
            return Err(AirError::NoSuchInterface(iface.to_string()));
        }
        let sock_err = |source| AirError::Socket {
            iface: iface.to_string(),
            source,
        };
        let fd = open_packet_socket(ifindex).map_err(sock_err)?;
        widen_mtu(&fd, iface).map_err(|source| AirError::Mtu {
            iface: iface.to_string(),
            source,
        })?;
        let tuner = Nl80211::open().map_err(|source| AirError::Netlink {
            iface: iface.to_string(),
            source,
        })?;
        Ok(Self {
            iface: iface.to_string(),
            ifindex,
            fd,
            tuner: Mutex::new(tuner),
        })
    }

    pub fn name(&self) -> &str {
        &self.iface
    }

    /// Tunes the antenna to a centre frequency in MHz.
    pub fn tune(&self, freq: u32) -> io::Result<()> {
        let mut tuner = self
            .tuner
            .lock()
            .map_err(|_| io::Error::other("tuner lock poisoned"))?;
        tuner.set_freq(self.ifindex, freq)
    }

    /// Sends a frame at a bitrate given in 500 kbit/s units.
    pub fn send(&self, frame: &[u8], rate_500k: u8) -> io::Result<()> {
        let mut packet = Vec::with_capacity(frame.len() + 9);
        packet.extend_from_slice(&radiotap::tx_header(rate_500k));
        packet.extend_from_slice(frame);
        // SAFETY: `packet` is a valid buffer of `packet.len()` bytes.
        let n = unsafe { libc::send(self.fd.as_raw_fd(), packet.as_ptr().cast(), packet.len(), 0) };
        if n < 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(())
    }

    /// Waits up to the socket timeout for a frame from another radio.
    /// `Ok(None)` on timeout or on a packet that is not one.
    pub fn recv(&self, buf: &mut [u8]) -> io::Result<Option<Heard>> {
        // SAFETY: an all-zero sockaddr_ll is a valid value.
        let mut from: libc::sockaddr_ll = unsafe { std::mem::zeroed() };
        let mut from_len = std::mem::size_of::<libc::sockaddr_ll>() as libc::socklen_t;
        // SAFETY: `buf` is writable for `buf.len()` bytes; `from`/`from_len` describe a sockaddr_ll.
        let n = unsafe {
            libc::recvfrom(
                self.fd.as_raw_fd(),
                buf.as_mut_ptr().cast(),
                buf.len(),
                libc::MSG_TRUNC,
                (&mut from as *mut libc::sockaddr_ll).cast(),
                &mut from_len,
            )
        };
        if n < 0 {
            let err = io::Error::last_os_error();
            return match err.kind() {
                io::ErrorKind::WouldBlock
                | io::ErrorKind::TimedOut
                | io::ErrorKind::Interrupted => Ok(None),
                _ => Err(err),
            };
        }
        let n = n as usize;
        if n > buf.len() || from.sll_pkttype == PACKET_OUTGOING {
            return Ok(None);
        }
        let packet = &buf[..n];
        let Ok(info) = radiotap::parse(packet) else {
            return Ok(None);
        };
        if info.tx_report {
            return Ok(None);
        }
        let frame = packet
            .get(info.frame_start..info.frame_start + info.frame_len)
            .unwrap_or(&[])
            .to_vec();
        Ok(Some(Heard { info, frame }))
    }
}

/// Raises the MTU of `iface` to [`ANTENNA_MTU`] unless it is already that
/// large (monitor interfaces have no upper limit).
fn widen_mtu(fd: &OwnedFd, iface: &str) -> io::Result<()> {
    // SAFETY: an all-zero ifreq is a valid value.
    let mut req: libc::ifreq = unsafe { std::mem::zeroed() };
    if iface.len() >= req.ifr_name.len() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "interface name too long",
        ));
    }
    for (dst, src) in req.ifr_name.iter_mut().zip(iface.as_bytes()) {
        *dst = *src as libc::c_char;
    }
    // SAFETY: `req` names the interface (NUL-terminated, zeroed above);
    // SIOCGIFMTU only writes the MTU member of its union.
    if unsafe { libc::ioctl(fd.as_raw_fd(), libc::SIOCGIFMTU, &mut req) } < 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: SIOCGIFMTU succeeded, so the union holds the MTU.
    if unsafe { req.ifr_ifru.ifru_mtu } >= ANTENNA_MTU {
        return Ok(());
    }
    req.ifr_ifru.ifru_mtu = ANTENNA_MTU;
    // SAFETY: `req` names the interface and carries the new MTU; the kernel only reads it.
    if unsafe { libc::ioctl(fd.as_raw_fd(), libc::SIOCSIFMTU, &req) } < 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

fn open_packet_socket(ifindex: u32) -> io::Result<OwnedFd> {
    let proto = ETH_P_ALL.to_be();
    // SAFETY: plain socket(2) call; the result is checked before use.
    let raw = unsafe {
        libc::socket(
            libc::AF_PACKET,
            libc::SOCK_RAW | libc::SOCK_CLOEXEC,
            libc::c_int::from(proto),
        )
    };
    if raw < 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: `raw` is a freshly created descriptor nothing else owns.
    let fd = unsafe { OwnedFd::from_raw_fd(raw) };
    // SAFETY: an all-zero sockaddr_ll is a valid value; the fields set below complete it.
    let mut addr: libc::sockaddr_ll = unsafe { std::mem::zeroed() };
    addr.sll_family = libc::AF_PACKET as libc::c_ushort;
    addr.sll_protocol = proto;
    addr.sll_ifindex = ifindex as libc::c_int;
    // SAFETY: `addr` is a valid sockaddr_ll and its size is passed alongside.
    let rc = unsafe {
        libc::bind(
            fd.as_raw_fd(),
            (&addr as *const libc::sockaddr_ll).cast(),
            std::mem::size_of::<libc::sockaddr_ll>() as libc::socklen_t,
        )
    };
    if rc < 0 {
        return Err(io::Error::last_os_error());
    }
    let one: libc::c_int = 1;
    // SAFETY: `one` is a valid c_int and its size is passed alongside. Older
    // kernels lack the option; outgoing packets are then dropped by pkttype.
    unsafe {
        libc::setsockopt(
            fd.as_raw_fd(),
            libc::SOL_PACKET,
            PACKET_IGNORE_OUTGOING,
            (&one as *const libc::c_int).cast(),
            std::mem::size_of::<libc::c_int>() as libc::socklen_t,
        );
    }
    nl80211::set_timeout(&fd, Duration::from_millis(200))?;
    Ok(fd)
}
