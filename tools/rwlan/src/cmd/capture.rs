//! `rwlan dev IFACE capture`: reads 802.11 frames with their radiotap
//! header from a monitor interface over a raw AF_PACKET socket and writes a
//! classic pcap file (link type 127). Ctrl-C and SIGTERM end the capture
//! cleanly: the file is flushed and counts are printed.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use clap::{Args, ValueEnum};
use pcap_file::pcap::{PcapHeader, PcapPacket, PcapWriter};
use pcap_file::{DataLink, Endianness};
use serde::Serialize;

use super::Ctx;
use crate::error::Error;
use crate::netlink::Nl80211;
use crate::nl80211::{Attr, Cmd, IfType};

#[derive(Debug, Args)]
pub struct CaptureArgs {
    /// pcap file to write.
    #[arg(short = 'w', long = "write")]
    file: PathBuf,
    /// Stop after this many frames.
    #[arg(short = 'c', long)]
    count: Option<u64>,
    /// Stop after this many seconds.
    #[arg(long)]
    duration: Option<u64>,
    /// Keep only one frame type.
    #[arg(long, value_enum)]
    filter: Option<FrameFilter>,
    /// Capture on a temporary monitor interface added to IFACE's wiphy and
    /// removed afterwards.
    #[arg(long)]
    create: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FrameFilter {
    Mgmt,
    Ctrl,
    Data,
}

/// Frame counts; `dropped` is what the kernel could not queue to us.
#[derive(Debug, Default, Serialize)]
pub struct CaptureStats {
    pub file: String,
    pub interface: String,
    pub frames: u64,
    pub mgmt: u64,
    pub ctrl: u64,
    pub data: u64,
    pub filtered_out: u64,
    pub dropped: u32,
    pub seconds: f64,
}

static STOP: AtomicBool = AtomicBool::new(false);

extern "C" fn on_signal(_: libc::c_int) {
    STOP.store(true, Ordering::Relaxed);
}

/// Routes SIGINT and SIGTERM to `STOP`, without SA_RESTART so that a
/// blocked poll() returns at once.
fn install_signal_handlers() {
    for sig in [libc::SIGINT, libc::SIGTERM] {
        // SAFETY: a zeroed sigaction is a valid "no flags, empty mask" value;
        // the handler only stores to an atomic, which is async-signal-safe.
        unsafe {
            let mut sa: libc::sigaction = std::mem::zeroed();
            sa.sa_sigaction = on_signal as *const () as libc::sighandler_t;
            libc::sigemptyset(&mut sa.sa_mask);
            libc::sigaction(sig, &sa, std::ptr::null_mut());
        }
    }
}

/// Frame type of an 802.11 frame behind a radiotap header.
pub fn frame_type(packet: &[u8]) -> Option<FrameFilter> {
    let rt_len = usize::from(u16::from_le_bytes([*packet.get(2)?, *packet.get(3)?]));
    let fc = *packet.get(rt_len)?;
    match (fc >> 2) & 3 {
        0 => Some(FrameFilter::Mgmt),
        1 => Some(FrameFilter::Ctrl),
        2 => Some(FrameFilter::Data),
        _ => None,
    }
}

/// Removes the temporary monitor interface when capture ends, however it ends.
struct TempInterface {
    ifindex: u32,
}

impl Drop for TempInterface {
    fn drop(&mut self) {
        let idx = self.ifindex;
        let result = Nl80211::connect().map_err(Error::from).and_then(|mut nl| {
            Ok(nl.request(Cmd::DelInterface, |w| {
                w.u32(Attr::Ifindex, idx);
            })?)
        });
        if let Err(e) = result {
            eprintln!(
                "rwlan: cannot remove temporary monitor interface: {}",
                e.report()
            );
        }
    }
}

pub fn run(ctx: &Ctx, name: &str, idx: u32, a: &CaptureArgs) -> Result<(), Error> {
    let mut nl = Nl80211::connect()?;
    let iface = super::dev::get_interface(&mut nl, idx)?;
    let mut _temp = None;
    let (cap_name, cap_idx) = if a.create {
        let mon_name = format!("rwmon{}", iface.wiphy);
        let mon = super::dev::add_interface(&mut nl, iface.wiphy, &mon_name, IfType::Monitor)?;
        _temp = Some(TempInterface {
            ifindex: mon.ifindex,
        });
        set_up(&mon_name)?;
        (mon_name, mon.ifindex)
    } else {
        if iface.iftype != Some(IfType::Monitor) {
            return Err(Error::Usage(format!(
                "{name} is not a monitor interface: use --create, or 'rwlan dev {name} set type monitor'"
            )));
        }
        (name.to_owned(), idx)
    };
    let stats = capture(&cap_name, cap_idx, a)?;
    crate::output::emit(ctx.json, &stats, |s| {
        format!(
            "{} frames captured on {} in {:.1} s (mgmt {}, ctrl {}, data {}), {} filtered out, {} dropped by kernel; written to {}\n",
            s.frames, s.interface, s.seconds, s.mgmt, s.ctrl, s.data, s.filtered_out, s.dropped, s.file
        )
    })
}

/// Brings an interface up (SIOCSIFFLAGS), as `ip link set NAME up` does.
fn set_up(name: &str) -> Result<(), Error> {
    let fd = socket(libc::AF_INET, libc::SOCK_DGRAM, 0)
        .map_err(|e| Error::io(format!("cannot bring {name} up"), e))?;
    // SAFETY: ifreq is plain old data; all-zero is a valid value.
    let mut ifr: libc::ifreq = unsafe { std::mem::zeroed() };
    for (dst, src) in ifr
        .ifr_name
        .iter_mut()
        .zip(name.bytes().take(libc::IFNAMSIZ - 1))
    {
        *dst = src as libc::c_char;
    }
    // SAFETY: `fd` is an open socket and `ifr` a valid ifreq naming the
    // interface; SIOCGIFFLAGS/SIOCSIFFLAGS read and write only `ifr`.
    unsafe {
        if libc::ioctl(fd.as_raw_fd(), libc::SIOCGIFFLAGS, &mut ifr) < 0 {
            return Err(Error::io(
                format!("cannot read flags of {name}"),
                std::io::Error::last_os_error(),
            ));
        }
        ifr.ifr_ifru.ifru_flags |= libc::IFF_UP as libc::c_short;
        if libc::ioctl(fd.as_raw_fd(), libc::SIOCSIFFLAGS, &ifr) < 0 {
            return Err(Error::io(
                format!("cannot bring {name} up"),
                std::io::Error::last_os_error(),
            ));
        }
    }
    Ok(())
}

fn socket(domain: libc::c_int, ty: libc::c_int, proto: libc::c_int) -> std::io::Result<OwnedFd> {
    // SAFETY: socket() takes no pointers; a non-negative result is a new fd
    // that nothing else owns.
    let fd = unsafe { libc::socket(domain, ty | libc::SOCK_CLOEXEC, proto) };
    if fd < 0 {
        return Err(std::io::Error::last_os_error());
    }
    // SAFETY: `fd` was just returned by socket() and is owned by no one else.
    Ok(unsafe { OwnedFd::from_raw_fd(fd) })
}

/// A raw packet socket bound to one interface.
fn packet_socket(ifname: &str, ifindex: u32) -> Result<OwnedFd, Error> {
    let proto = (libc::ETH_P_ALL as u16).to_be();
    let fd = socket(libc::AF_PACKET, libc::SOCK_RAW, libc::c_int::from(proto))
        .map_err(|e| Error::io(format!("cannot open a packet socket on {ifname}"), e))?;
    // SAFETY: sockaddr_ll is plain old data; all-zero is a valid value.
    let mut addr: libc::sockaddr_ll = unsafe { std::mem::zeroed() };
    addr.sll_family = libc::AF_PACKET as u16;
    addr.sll_protocol = proto;
    addr.sll_ifindex = i32::try_from(ifindex).unwrap_or_default();
    // SAFETY: `addr` is a valid sockaddr_ll and the length passed is its size.
    let rc = unsafe {
        libc::bind(
            fd.as_raw_fd(),
            (&addr as *const libc::sockaddr_ll).cast(),
            std::mem::size_of::<libc::sockaddr_ll>() as libc::socklen_t,
        )
    };
    if rc < 0 {
        return Err(Error::io(
            format!("cannot bind to {ifname}"),
            std::io::Error::last_os_error(),
        ));
    }
    Ok(fd)
}

/// Frames the kernel dropped for this socket (PACKET_STATISTICS).
fn kernel_drops(fd: &OwnedFd) -> u32 {
    // SAFETY: tpacket_stats is plain old data.
    let mut st: libc::tpacket_stats = unsafe { std::mem::zeroed() };
    let mut len = std::mem::size_of::<libc::tpacket_stats>() as libc::socklen_t;
    // SAFETY: `st` and `len` are valid for writes of the size given.
    let rc = unsafe {
        libc::getsockopt(
            fd.as_raw_fd(),
            libc::SOL_PACKET,
            libc::PACKET_STATISTICS,
            (&mut st as *mut libc::tpacket_stats).cast(),
            &mut len,
        )
    };
    if rc < 0 {
        0
    } else {
        st.tp_drops
    }
}

fn capture(ifname: &str, ifindex: u32, a: &CaptureArgs) -> Result<CaptureStats, Error> {
    let fd = packet_socket(ifname, ifindex)?;
    let file = File::create(&a.file)
        .map_err(|e| Error::io(format!("cannot create {}", a.file.display()), e))?;
    let header = PcapHeader {
        datalink: DataLink::IEEE802_11_RADIOTAP,
        endianness: Endianness::native(),
        ..PcapHeader::default()
    };
    let mut writer = PcapWriter::with_header(BufWriter::new(file), header)?;
    install_signal_handlers();

    let start = Instant::now();
    let deadline = a.duration.map(|d| start + Duration::from_secs(d));
    let mut stats = CaptureStats {
        file: a.file.display().to_string(),
        interface: ifname.to_owned(),
        ..CaptureStats::default()
    };
    let mut buf = vec![0u8; 65536];
    while !STOP.load(Ordering::Relaxed) && a.count.is_none_or(|c| stats.frames < c) {
        let wait_ms = match deadline {
            Some(d) => match d.checked_duration_since(Instant::now()) {
                Some(left) => left.as_millis().min(200) as i32,
                None => break,
            },
            None => 200,
        };
        let mut pfd = libc::pollfd {
            fd: fd.as_raw_fd(),
            events: libc::POLLIN,
            revents: 0,
        };
        // SAFETY: one valid pollfd, nfds = 1.
        if unsafe { libc::poll(&mut pfd, 1, wait_ms.max(1)) } <= 0 {
            continue;
        }
        // SAFETY: `buf` is valid for writes of buf.len() bytes.
        let n = unsafe {
            libc::recv(
                fd.as_raw_fd(),
                buf.as_mut_ptr().cast(),
                buf.len(),
                libc::MSG_DONTWAIT,
            )
        };
        let Ok(n) = usize::try_from(n) else {
            continue;
        };
        let packet = &buf[..n.min(buf.len())];
        let kind = frame_type(packet);
        if a.filter.is_some() && a.filter != kind {
            stats.filtered_out += 1;
            continue;
        }
        match kind {
            Some(FrameFilter::Mgmt) => stats.mgmt += 1,
            Some(FrameFilter::Ctrl) => stats.ctrl += 1,
            Some(FrameFilter::Data) => stats.data += 1,
            None => {}
        }
        let ts = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default();
        writer.write_packet(&PcapPacket::new(
            ts,
            u32::try_from(n).unwrap_or(u32::MAX),
            packet,
        ))?;
        stats.frames += 1;
    }
    let mut out = writer.into_writer();
    out.flush()
        .map_err(|e| Error::io(format!("cannot write {}", a.file.display()), e))?;
    stats.dropped = kernel_drops(&fd);
    stats.seconds = start.elapsed().as_secs_f64();
    Ok(stats)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frame_type_behind_radiotap() {
        // 8-byte radiotap header, then a beacon's frame control (0x80).
        let beacon = [0, 0, 8, 0, 0, 0, 0, 0, 0x80, 0];
        assert_eq!(frame_type(&beacon), Some(FrameFilter::Mgmt));
        let data = [0, 0, 8, 0, 0, 0, 0, 0, 0x08, 0];
        assert_eq!(frame_type(&data), Some(FrameFilter::Data));
        let ack = [0, 0, 8, 0, 0, 0, 0, 0, 0xd4, 0];
        assert_eq!(frame_type(&ack), Some(FrameFilter::Ctrl));
        assert_eq!(frame_type(&[0, 0, 200, 0]), None);
        assert_eq!(frame_type(&[]), None);
    }
}
