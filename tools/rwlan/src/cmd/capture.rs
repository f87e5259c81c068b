//! `rwlan dev IFACE capture`: reads 802.11 frames with their radiotap
//! header from a monitor interface over a raw AF_PACKET socket and writes a
//! classic pcap file (link type 127). Frames come through a memory-mapped
//! TPACKET_V3 ring, a block of frames per wakeup as libpcap reads them, or
//! through recv() one by one when the ring cannot be set up (or
//! `RWLAN_CAPTURE_RECV=1`). Ctrl-C and SIGTERM end the capture cleanly: the
//! file is flushed and counts are printed, with the kernel's drops.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::os::fd::{AsFd, AsRawFd, BorrowedFd};
use std::path::PathBuf;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use clap::{Args, ValueEnum};
use pcap_file::pcap::{PcapHeader, PcapPacket, PcapWriter};
use pcap_file::{DataLink, Endianness};
use serde::Serialize;

use super::Ctx;
use crate::error::Error;
use crate::nl80211::{Attr, Cmd, IfType};
use rwlan_net::genl::Nl80211;
use rwlan_net::iface::set_interface_up;
use rwlan_net::packet::PacketSocket;
use rwlan_net::poll::{poll_readable, stop_on_signals, stop_requested};
use rwlan_net::ring::{Frame, RxRing, RING_RETIRE_MS};

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
    /// How frames were read: "mmap-ring" or "recv".
    pub method: &'static str,
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
        let mon = super::dev::add_interface(
            &mut nl,
            iface.wiphy,
            &mon_name,
            IfType::Monitor,
            &super::dev::AddOptions::default(),
        )?;
        _temp = Some(TempInterface {
            ifindex: mon.ifindex,
        });
        set_interface_up(&mon_name)
            .map_err(|e| Error::io(format!("cannot bring {mon_name} up"), e))?;
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

/// Where frames come from: the ring, or recv() into a buffer.
enum Source {
    Ring(RxRing),
    Recv(PacketSocket, Vec<u8>),
}

/// recv() calls per [`Source::drain`] at most, so that a flood does not
/// keep the loop from noticing a signal or the deadline.
const RECV_BATCH: usize = 256;

impl Source {
    /// A packet socket on `ifindex`, with a ring unless that fails or the
    /// environment asks for recv().
    fn open(ifname: &str, ifindex: u32) -> Result<Source, Error> {
        let err = |e| Error::io(format!("cannot open a packet socket on {ifname}"), e);
        let socket = PacketSocket::new().map_err(err)?;
        let source = if std::env::var_os("RWLAN_CAPTURE_RECV").is_some_and(|v| v == "1") {
            Source::Recv(socket, vec![0; 65536])
        } else {
            match RxRing::new(socket) {
                Ok(ring) => Source::Ring(ring),
                Err((socket, e)) => {
                    eprintln!("rwlan: no memory-mapped ring ({e}), reading frames with recv()");
                    Source::Recv(socket, vec![0; 65536])
                }
            }
        };
        // Bound only now: a frame before the ring existed would sit in the
        // socket's queue, where ring readers never look.
        source
            .socket()
            .bind(ifindex)
            .map_err(|e| Error::io(format!("cannot bind to {ifname}"), e))?;
        Ok(source)
    }

    fn socket(&self) -> &PacketSocket {
        match self {
            Source::Ring(r) => r.socket(),
            Source::Recv(s, _) => s,
        }
    }

    fn method(&self) -> &'static str {
        match self {
            Source::Ring(_) => "mmap-ring",
            Source::Recv(..) => "recv",
        }
    }

    /// Hands the frames received so far to `each` while it returns true;
    /// false once it returned false.
    fn drain(
        &mut self,
        each: &mut impl FnMut(Frame<'_>) -> Result<bool, Error>,
    ) -> Result<bool, Error> {
        match self {
            Source::Ring(ring) => {
                while let Some(block) = ring.next_block() {
                    for frame in block.frames() {
                        if !each(frame)? {
                            return Ok(false);
                        }
                    }
                }
            }
            Source::Recv(socket, buf) => {
                for _ in 0..RECV_BATCH {
                    let n = match socket.recv(buf) {
                        Ok(Some(n)) => n,
                        Ok(None) => break,
                        Err(e) => return Err(Error::io("cannot read a frame", e)),
                    };
                    let data = &buf[..n.min(buf.len())];
                    let frame = Frame {
                        data,
                        wire_len: u32::try_from(n).unwrap_or(u32::MAX),
                        timestamp: SystemTime::now()
                            .duration_since(UNIX_EPOCH)
                            .unwrap_or_default(),
                    };
                    if !each(frame)? {
                        return Ok(false);
                    }
                }
            }
        }
        Ok(true)
    }
}

impl AsFd for Source {
    fn as_fd(&self) -> BorrowedFd<'_> {
        self.socket().as_fd()
    }
}

/// The counts of one frame, and whether `filter` keeps it.
fn count(stats: &mut CaptureStats, filter: Option<FrameFilter>, packet: &[u8]) -> bool {
    let kind = frame_type(packet);
    if filter.is_some() && filter != kind {
        stats.filtered_out += 1;
        return false;
    }
    match kind {
        Some(FrameFilter::Mgmt) => stats.mgmt += 1,
        Some(FrameFilter::Ctrl) => stats.ctrl += 1,
        Some(FrameFilter::Data) => stats.data += 1,
        None => {}
    }
    stats.frames += 1;
    true
}

fn capture(ifname: &str, ifindex: u32, a: &CaptureArgs) -> Result<CaptureStats, Error> {
    let mut source = Source::open(ifname, ifindex)?;
    let file = File::create(&a.file)
        .map_err(|e| Error::io(format!("cannot create {}", a.file.display()), e))?;
    let header = PcapHeader {
        datalink: DataLink::IEEE802_11_RADIOTAP,
        endianness: Endianness::native(),
        ..PcapHeader::default()
    };
    // Writes reach the file in large chunks, not one per frame.
    let mut writer = PcapWriter::with_header(BufWriter::with_capacity(1 << 20, file), header)?;
    stop_on_signals();

    let start = Instant::now();
    let deadline = a.duration.map(|d| start + Duration::from_secs(d));
    let mut stats = CaptureStats {
        file: a.file.display().to_string(),
        interface: ifname.to_owned(),
        method: source.method(),
        ..CaptureStats::default()
    };
    let mut each = |f: Frame<'_>| -> Result<bool, Error> {
        if a.count.is_some_and(|c| stats.frames >= c) {
            return Ok(false);
        }
        if count(&mut stats, a.filter, f.data) {
            writer.write_packet(&PcapPacket::new(f.timestamp, f.wire_len, f.data))?;
        }
        Ok(a.count.is_none_or(|c| stats.frames < c))
    };
    let poll_err = |e| Error::io(format!("cannot wait for frames on {ifname}"), e);
    while source.drain(&mut each)? {
        let left = deadline.map(|d| d.saturating_duration_since(Instant::now()));
        if stop_requested() || left.is_some_and(|l| l.is_zero()) {
            // The ring's last block reaches us when the kernel retires it,
            // RING_RETIRE_MS after its first frame.
            if let Source::Ring(_) = source {
                let ms = (2 * RING_RETIRE_MS) as i32;
                poll_readable(source.as_fd().as_raw_fd(), ms).map_err(poll_err)?;
                source.drain(&mut each)?;
            }
            break;
        }
        let wait_ms = left.map_or(200, |l| l.as_millis().clamp(1, 200) as i32);
        poll_readable(source.as_fd().as_raw_fd(), wait_ms).map_err(poll_err)?;
    }
    let mut out = writer.into_writer();
    out.flush()
        .map_err(|e| Error::io(format!("cannot write {}", a.file.display()), e))?;
    stats.dropped = source.socket().stats().map_or(0, |s| s.dropped);
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

    #[test]
    fn counts_and_filter() {
        let beacon = [0, 0, 8, 0, 0, 0, 0, 0, 0x80, 0];
        let data = [0, 0, 8, 0, 0, 0, 0, 0, 0x08, 0];
        let mut s = CaptureStats::default();
        assert!(count(&mut s, None, &beacon));
        assert!(!count(&mut s, Some(FrameFilter::Data), &beacon));
        assert!(count(&mut s, Some(FrameFilter::Data), &data));
        assert_eq!((s.frames, s.mgmt, s.data, s.filtered_out), (2, 1, 1, 1));
    }
}
