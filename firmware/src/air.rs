//! The dongle's antenna: a monitor interface of a virtual radio.
//!
//! Frames the dongle sends are injected there with a radiotap header; every
//! frame the virtual radio hears on its channel is captured there, except its
//! own transmissions (outgoing packets and TX status reports). The interface
//! is retuned whenever the host driver tunes the RTL8225.

use std::io;
use std::sync::Mutex;
use std::time::Duration;

use rwlan_net::genl::{Nl80211, NlError};
use rwlan_net::iface::{if_nametoindex, raise_mtu};
use rwlan_net::nl80211::{Attr, Cmd};
use rwlan_net::packet::PacketSocket;

use crate::radiotap::{self, Captured};

/// A packet socket refuses sends longer than the interface's MTU plus an
/// Ethernet header, and a monitor interface starts at 1500: too short for a
/// full-size data frame with its 802.11 header, CCMP fields and radiotap.
/// The RTL8187L's TX descriptor allows frames of up to 4095 bytes.
const ANTENNA_MTU: i32 = 4096;
/// How long a receive waits before the caller checks whether to stop.
const RECV_WAIT: Duration = Duration::from_millis(200);
/// How long a retune may wait for nl80211: the host driver's register
/// access waits on it (see `tuner`).
const TUNE_WAIT: Duration = Duration::from_secs(2);

#[derive(Debug, thiserror::Error)]
pub enum AirError {
    #[error("antenna interface {0:?} does not exist")]
    NoSuchInterface(String),
    #[error("cannot open a packet socket on {iface}: {source}")]
    Socket { iface: String, source: io::Error },
    #[error("cannot raise the MTU of {iface} to {ANTENNA_MTU}: {source}")]
    Mtu { iface: String, source: io::Error },
    #[error("cannot reach nl80211 to tune {iface}: {source}")]
    Netlink { iface: String, source: NlError },
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
    socket: PacketSocket,
    tuner: Mutex<Nl80211>,
}

impl Antenna {
    pub fn open(iface: &str) -> Result<Self, AirError> {
        let ifindex =
            if_nametoindex(iface).ok_or_else(|| AirError::NoSuchInterface(iface.to_string()))?;
        let socket = Self::open_socket(ifindex).map_err(|source| AirError::Socket {
            iface: iface.to_string(),
            source,
        })?;
        raise_mtu(iface, ANTENNA_MTU).map_err(|source| AirError::Mtu {
            iface: iface.to_string(),
            source,
        })?;
        let mut tuner = Nl80211::connect().map_err(|source| AirError::Netlink {
            iface: iface.to_string(),
            source,
        })?;
        tuner.set_reply_timeout(TUNE_WAIT);
        Ok(Self {
            iface: iface.to_string(),
            ifindex,
            socket,
            tuner: Mutex::new(tuner),
        })
    }

    /// A packet socket on the interface that hears only other radios'
    /// frames; older kernels without PACKET_IGNORE_OUTGOING still mark ours,
    /// and [`Self::recv`] drops them.
    fn open_socket(ifindex: u32) -> io::Result<PacketSocket> {
        let socket = PacketSocket::new()?;
        let _ = socket.ignore_outgoing();
        socket.set_recv_timeout(RECV_WAIT)?;
        socket.bind(ifindex)?;
        Ok(socket)
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
        let ifindex = self.ifindex;
        tuner
            .request(Cmd::SetWiphy, |w| {
                w.u32(Attr::Ifindex, ifindex).u32(Attr::WiphyFreq, freq);
            })
            .map(drop)
            .map_err(|e| match e {
                NlError::Kernel { errno, .. } => io::Error::from_raw_os_error(errno),
                other => io::Error::other(other),
            })
    }

    /// Sends a frame at a bitrate given in 500 kbit/s units.
    pub fn send(&self, frame: &[u8], rate_500k: u8) -> io::Result<()> {
        let mut packet = Vec::with_capacity(frame.len() + 9);
        packet.extend_from_slice(&radiotap::tx_header(rate_500k));
        packet.extend_from_slice(frame);
        self.socket.send(&packet)
    }

    /// Waits up to [`RECV_WAIT`] for a frame from another radio.
    /// `Ok(None)` on timeout or on a packet that is not one.
    pub fn recv(&self, buf: &mut [u8]) -> io::Result<Option<Heard>> {
        let Some(got) = self.socket.recv_wait(buf)? else {
            return Ok(None);
        };
        if got.len > buf.len() || got.outgoing {
            return Ok(None);
        }
        let packet = &buf[..got.len];
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
