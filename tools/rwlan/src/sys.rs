//! Every call rwlan makes into the C library that Rust cannot check: interface
//! names, poll(), the stop-signal handler, raw packet sockets and their
//! memory-mapped receive ring. Each function here is safe to call; every
//! `unsafe` block says why it is sound. The rest of the crate has no
//! `unsafe` (`lib.rs` denies it).
//!
//! The receive ring is the kernel's PACKET_MMAP with TPACKET_V3, the way
//! libpcap reads: the kernel fills fixed-size blocks of frames in a buffer
//! shared with us and hands a block over when it is full or
//! [`RING_RETIRE_MS`] after its first frame, so one poll() wakeup delivers
//! many frames and none of them is copied by a syscall.
#![allow(unsafe_code)]

use std::ffi::CStr;
use std::io;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, FromRawFd, OwnedFd, RawFd};
use std::ptr::NonNull;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::time::Duration;

/// The interface index for a name; `None` when there is no such interface.
pub fn if_nametoindex(name: &CStr) -> Option<u32> {
    // SAFETY: `name` is a valid NUL-terminated string that outlives the call.
    let idx = unsafe { libc::if_nametoindex(name.as_ptr()) };
    (idx != 0).then_some(idx)
}

/// The interface name for an index, if the interface exists in this namespace.
pub fn if_indextoname(index: u32) -> Option<String> {
    let mut buf = [0u8; libc::IF_NAMESIZE];
    // SAFETY: `buf` has IF_NAMESIZE bytes, the most if_indextoname writes.
    let p = unsafe { libc::if_indextoname(index, buf.as_mut_ptr().cast()) };
    if p.is_null() {
        return None;
    }
    let end = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
    Some(String::from_utf8_lossy(&buf[..end]).into_owned())
}

/// Waits up to `timeout_ms` (-1: forever) for `fd` to become readable.
/// `Ok(false)` on timeout or when a signal interrupted the wait. (A raw fd:
/// poll() on a closed one reports POLLNVAL, it touches no memory.)
pub fn poll_readable(fd: RawFd, timeout_ms: i32) -> io::Result<bool> {
    let mut pfd = libc::pollfd {
        fd,
        events: libc::POLLIN,
        revents: 0,
    };
    // SAFETY: `pfd` is a valid pollfd for the duration of the call and nfds
    // is 1, matching the single element passed.
    let n = unsafe { libc::poll(&mut pfd, 1, timeout_ms) };
    if n < 0 {
        let err = io::Error::last_os_error();
        if err.kind() == io::ErrorKind::Interrupted {
            return Ok(false);
        }
        return Err(err);
    }
    Ok(n > 0)
}

static STOP: AtomicBool = AtomicBool::new(false);

extern "C" fn on_stop_signal(_: libc::c_int) {
    STOP.store(true, Ordering::Relaxed);
}

/// Routes SIGINT and SIGTERM to [`stop_requested`], without SA_RESTART so
/// that a blocked poll() returns at once.
pub fn stop_on_signals() {
    for sig in [libc::SIGINT, libc::SIGTERM] {
        // SAFETY: a zeroed sigaction is a valid "no flags, empty mask" value;
        // the handler only stores to an atomic, which is async-signal-safe.
        unsafe {
            let mut sa: libc::sigaction = std::mem::zeroed();
            sa.sa_sigaction = on_stop_signal as *const () as libc::sighandler_t;
            libc::sigemptyset(&mut sa.sa_mask);
            libc::sigaction(sig, &sa, std::ptr::null_mut());
        }
    }
}

/// Whether SIGINT or SIGTERM arrived since [`stop_on_signals`].
pub fn stop_requested() -> bool {
    STOP.load(Ordering::Relaxed)
}

fn socket(domain: libc::c_int, ty: libc::c_int, proto: libc::c_int) -> io::Result<OwnedFd> {
    // SAFETY: socket() takes no pointers; a non-negative result is a new fd
    // that nothing else owns.
    let fd = unsafe { libc::socket(domain, ty | libc::SOCK_CLOEXEC, proto) };
    if fd < 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: `fd` was just returned by socket() and is owned by no one else.
    Ok(unsafe { OwnedFd::from_raw_fd(fd) })
}

/// setsockopt(SOL_PACKET, opt) with a plain-old-data value.
fn set_packet_opt<T: Copy>(fd: BorrowedFd<'_>, opt: libc::c_int, value: &T) -> io::Result<()> {
    // SAFETY: `value` points to a live T and the length passed is its size;
    // the kernel only reads it.
    let rc = unsafe {
        libc::setsockopt(
            fd.as_raw_fd(),
            libc::SOL_PACKET,
            opt,
            (value as *const T).cast(),
            std::mem::size_of::<T>() as libc::socklen_t,
        )
    };
    if rc < 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

/// Brings an interface up (SIOCSIFFLAGS), as `ip link set NAME up` does.
pub fn set_interface_up(name: &str) -> io::Result<()> {
    let fd = socket(libc::AF_INET, libc::SOCK_DGRAM, 0)?;
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
    // interface; SIOCGIFFLAGS/SIOCSIFFLAGS read and write only `ifr`, and
    // after SIOCGIFFLAGS the union holds the flags.
    unsafe {
        if libc::ioctl(fd.as_raw_fd(), libc::SIOCGIFFLAGS, &mut ifr) < 0 {
            return Err(io::Error::last_os_error());
        }
        ifr.ifr_ifru.ifru_flags |= libc::IFF_UP as libc::c_short;
        if libc::ioctl(fd.as_raw_fd(), libc::SIOCSIFFLAGS, &ifr) < 0 {
            return Err(io::Error::last_os_error());
        }
    }
    Ok(())
}

/// Counters of a packet socket since it was opened (PACKET_STATISTICS).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PacketStats {
    /// Frames the kernel queued to us.
    pub received: u32,
    /// Frames the kernel dropped because our queue or ring was full.
    pub dropped: u32,
}

/// A raw AF_PACKET socket receiving every frame of one interface.
pub struct PacketSocket {
    fd: OwnedFd,
}

impl PacketSocket {
    /// An unbound packet socket: it receives nothing until [`Self::bind`],
    /// so a ring set up in between starts with the first frame.
    pub fn new() -> io::Result<Self> {
        Ok(PacketSocket {
            fd: socket(libc::AF_PACKET, libc::SOCK_RAW, 0)?,
        })
    }

    /// Starts receiving all frames (ETH_P_ALL) of interface `ifindex`.
    pub fn bind(&self, ifindex: u32) -> io::Result<()> {
        // SAFETY: sockaddr_ll is plain old data; all-zero is a valid value.
        let mut addr: libc::sockaddr_ll = unsafe { std::mem::zeroed() };
        addr.sll_family = libc::AF_PACKET as u16;
        addr.sll_protocol = (libc::ETH_P_ALL as u16).to_be();
        addr.sll_ifindex =
            i32::try_from(ifindex).map_err(|_| io::Error::from_raw_os_error(libc::ENODEV))?;
        // SAFETY: `addr` is a valid sockaddr_ll and the length passed is its size.
        let rc = unsafe {
            libc::bind(
                self.fd.as_raw_fd(),
                (&addr as *const libc::sockaddr_ll).cast(),
                std::mem::size_of::<libc::sockaddr_ll>() as libc::socklen_t,
            )
        };
        if rc < 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(())
    }

    /// Copies the next queued frame into `buf` without waiting: its length
    /// on the air (which may exceed `buf`), or `None` when none is queued.
    pub fn recv(&self, buf: &mut [u8]) -> io::Result<Option<usize>> {
        // SAFETY: `buf` is valid for writes of buf.len() bytes; with
        // MSG_TRUNC the kernel still writes at most that many.
        let n = unsafe {
            libc::recv(
                self.fd.as_raw_fd(),
                buf.as_mut_ptr().cast(),
                buf.len(),
                libc::MSG_DONTWAIT | libc::MSG_TRUNC,
            )
        };
        match usize::try_from(n) {
            Ok(n) => Ok(Some(n)),
            Err(_) => {
                let err = io::Error::last_os_error();
                match err.kind() {
                    io::ErrorKind::WouldBlock | io::ErrorKind::Interrupted => Ok(None),
                    _ => Err(err),
                }
            }
        }
    }

    /// The kernel's counters for this socket. Reading them resets them.
    pub fn stats(&self) -> io::Result<PacketStats> {
        // tpacket_stats_v3 starts with tpacket_stats; a socket without a V3
        // ring fills only that part.
        let mut st = libc::tpacket_stats_v3 {
            tp_packets: 0,
            tp_drops: 0,
            tp_freeze_q_cnt: 0,
        };
        let mut len = std::mem::size_of::<libc::tpacket_stats_v3>() as libc::socklen_t;
        // SAFETY: `st` and `len` are valid for writes and `len` is the size of `st`.
        let rc = unsafe {
            libc::getsockopt(
                self.fd.as_raw_fd(),
                libc::SOL_PACKET,
                libc::PACKET_STATISTICS,
                (&mut st as *mut libc::tpacket_stats_v3).cast(),
                &mut len,
            )
        };
        if rc < 0 {
            return Err(io::Error::last_os_error());
        }
        // The kernel counts drops into tp_packets too.
        Ok(PacketStats {
            received: st.tp_packets.saturating_sub(st.tp_drops),
            dropped: st.tp_drops,
        })
    }
}

impl AsFd for PacketSocket {
    fn as_fd(&self) -> BorrowedFd<'_> {
        self.fd.as_fd()
    }
}

/// Size of one ring block: a multiple of every page size Linux uses, and
/// room for any 802.11 frame.
pub const RING_BLOCK_SIZE: usize = 256 * 1024;
/// Blocks in the ring: 2 MiB in all, libpcap's default buffer.
pub const RING_BLOCKS: usize = 8;
/// The kernel hands a block over at most this long after its first frame.
pub const RING_RETIRE_MS: u32 = 50;
/// The frame size the kernel's bookkeeping wants; with TPACKET_V3 frames
/// are packed in a block whatever their size.
const RING_FRAME_SIZE: usize = 2048;

// Byte offsets in the blocks the kernel writes (linux/if_packet.h):
// tpacket_block_desc { version, offset_to_priv, tpacket_hdr_v1 { block_status,
// num_pkts, offset_to_first_pkt, blk_len, ... } }.
const BLOCK_STATUS: usize = 8;
const BLOCK_NUM_PKTS: usize = 12;
const BLOCK_FIRST_PKT: usize = 16;
// tpacket3_hdr { tp_next_offset, tp_sec, tp_nsec, tp_snaplen, tp_len,
// tp_status, tp_mac: u16, ... }.
const PKT_NEXT: usize = 0;
const PKT_SEC: usize = 4;
const PKT_NSEC: usize = 8;
const PKT_SNAPLEN: usize = 12;
const PKT_LEN: usize = 16;
const PKT_MAC: usize = 24;

/// A PACKET_MMAP TPACKET_V3 receive ring on a packet socket.
pub struct RxRing {
    socket: PacketSocket,
    map: NonNull<u8>,
    next: usize,
}

impl RxRing {
    /// Sets up the ring on an unbound socket. On failure (old kernel, no
    /// memory) the socket is handed back for plain recv().
    pub fn new(socket: PacketSocket) -> Result<RxRing, (PacketSocket, io::Error)> {
        match Self::map(&socket) {
            Ok(map) => Ok(RxRing {
                socket,
                map,
                next: 0,
            }),
            Err(e) => Err((socket, e)),
        }
    }

    fn map(socket: &PacketSocket) -> io::Result<NonNull<u8>> {
        let fd = socket.as_fd();
        let version = libc::tpacket_versions::TPACKET_V3 as libc::c_int;
        set_packet_opt(fd, libc::PACKET_VERSION, &version)?;
        let req = libc::tpacket_req3 {
            tp_block_size: RING_BLOCK_SIZE as u32,
            tp_block_nr: RING_BLOCKS as u32,
            tp_frame_size: RING_FRAME_SIZE as u32,
            tp_frame_nr: (RING_BLOCK_SIZE / RING_FRAME_SIZE * RING_BLOCKS) as u32,
            tp_retire_blk_tov: RING_RETIRE_MS,
            tp_sizeof_priv: 0,
            tp_feature_req_word: 0,
        };
        set_packet_opt(fd, libc::PACKET_RX_RING, &req)?;
        // SAFETY: a shared mapping of the socket's ring, at an address the
        // kernel picks; nothing else aliases it. Its length is the ring's.
        let p = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                RING_BLOCK_SIZE * RING_BLOCKS,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_SHARED,
                fd.as_raw_fd(),
                0,
            )
        };
        if p == libc::MAP_FAILED {
            return Err(io::Error::last_os_error());
        }
        NonNull::new(p.cast()).ok_or_else(|| io::Error::from_raw_os_error(libc::ENOMEM))
    }

    pub fn socket(&self) -> &PacketSocket {
        &self.socket
    }

    /// The status word of block `i`, shared with the kernel.
    fn status(&self, i: usize) -> &AtomicU32 {
        // SAFETY: block `i` < RING_BLOCKS starts RING_BLOCK_SIZE * i bytes
        // into the mapping, page-aligned, so its status word at offset 8 is in
        // bounds and 4-byte aligned; the mapping lives as long as `self`. The
        // kernel accesses it concurrently, hence only through an atomic.
        unsafe {
            AtomicU32::from_ptr(
                self.map
                    .as_ptr()
                    .add(RING_BLOCK_SIZE * i + BLOCK_STATUS)
                    .cast(),
            )
        }
    }

    /// The next block the kernel has handed over, in ring order, or `None`
    /// when it is still filling it. Dropping the block gives it back.
    pub fn next_block(&mut self) -> Option<Block<'_>> {
        let i = self.next;
        // Acquire: the frames the kernel wrote before setting the status are
        // visible once we see TP_STATUS_USER.
        if self.status(i).load(Ordering::Acquire) & libc::TP_STATUS_USER == 0 {
            return None;
        }
        self.next = (i + 1) % RING_BLOCKS;
        let ring: &RxRing = self;
        // SAFETY: block `i` is in bounds of the mapping (see `status`), and
        // while its status says TP_STATUS_USER the kernel does not write it:
        // it is ours to read until `Block::drop` hands it back, and the
        // borrow of the ring keeps the mapping alive that long.
        let bytes = unsafe {
            std::slice::from_raw_parts(
                ring.map.as_ptr().add(RING_BLOCK_SIZE * i).cast_const(),
                RING_BLOCK_SIZE,
            )
        };
        Some(Block {
            status: ring.status(i),
            bytes,
        })
    }
}

impl AsFd for RxRing {
    fn as_fd(&self) -> BorrowedFd<'_> {
        self.socket.as_fd()
    }
}

impl Drop for RxRing {
    fn drop(&mut self) {
        // SAFETY: `map` is the mapping made in `RxRing::map`, of that length,
        // and no `Block` borrowing it outlives `self`.
        unsafe {
            libc::munmap(self.map.as_ptr().cast(), RING_BLOCK_SIZE * RING_BLOCKS);
        }
    }
}

/// One block of received frames, ours until dropped.
pub struct Block<'r> {
    status: &'r AtomicU32,
    bytes: &'r [u8],
}

impl Block<'_> {
    /// The frames in the block, in arrival order.
    pub fn frames(&self) -> Frames<'_> {
        Frames::new(self.bytes)
    }
}

impl Drop for Block<'_> {
    fn drop(&mut self) {
        // Release: our reads of the block happen before the kernel refills it.
        self.status.store(libc::TP_STATUS_KERNEL, Ordering::Release);
    }
}

/// One received frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Frame<'a> {
    /// The bytes captured (radiotap header and 802.11 frame).
    pub data: &'a [u8],
    /// Its length on the interface, at least `data.len()`.
    pub wire_len: u32,
    /// When the kernel received it, since the UNIX epoch.
    pub timestamp: Duration,
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    let bytes = b.get(at..at.checked_add(4)?)?;
    Some(u32::from_ne_bytes(bytes.try_into().ok()?))
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    let bytes = b.get(at..at.checked_add(2)?)?;
    Some(u16::from_ne_bytes(bytes.try_into().ok()?))
}

/// The frames of a TPACKET_V3 block, read with bounds checks: a block that
/// lies about its offsets ends the iteration, it never reads outside.
pub struct Frames<'a> {
    block: &'a [u8],
    left: u32,
    at: usize,
}

impl<'a> Frames<'a> {
    pub fn new(block: &'a [u8]) -> Self {
        Frames {
            block,
            left: u32_at(block, BLOCK_NUM_PKTS).unwrap_or(0),
            at: u32_at(block, BLOCK_FIRST_PKT).map_or(0, |o| o as usize),
        }
    }

    fn read(&self) -> Option<(Frame<'a>, u32)> {
        let b = self.block;
        let at = self.at;
        let next = u32_at(b, at + PKT_NEXT)?;
        let sec = u32_at(b, at + PKT_SEC)?;
        let nsec = u32_at(b, at + PKT_NSEC)?;
        let snaplen = u32_at(b, at + PKT_SNAPLEN)? as usize;
        let wire_len = u32_at(b, at + PKT_LEN)?;
        let start = at.checked_add(usize::from(u16_at(b, at + PKT_MAC)?))?;
        let data = b.get(start..start.checked_add(snaplen)?)?;
        let frame = Frame {
            data,
            wire_len: wire_len.max(data.len() as u32),
            timestamp: Duration::new(u64::from(sec), nsec.min(999_999_999)),
        };
        Some((frame, next))
    }
}

impl<'a> Iterator for Frames<'a> {
    type Item = Frame<'a>;

    fn next(&mut self) -> Option<Frame<'a>> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        let Some((frame, next)) = self.read() else {
            self.left = 0;
            return None;
        };
        if next == 0 {
            self.left = 0;
        }
        self.at = self.at.saturating_add(next as usize);
        Some(frame)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A block as the kernel lays it out, holding `frames`.
    fn block(frames: &[(&[u8], u32, u32)]) -> Vec<u8> {
        let mut b = vec![0u8; 4096];
        let put = |b: &mut Vec<u8>, at: usize, v: u32| {
            b[at..at + 4].copy_from_slice(&v.to_ne_bytes());
        };
        put(&mut b, BLOCK_NUM_PKTS, frames.len() as u32);
        put(&mut b, BLOCK_FIRST_PKT, 48);
        let mut at = 48;
        for (i, (data, sec, nsec)) in frames.iter().enumerate() {
            let mac = 68; // TPACKET3_HDRLEN rounded, as the kernel puts it.
            let size = (mac + data.len()).next_multiple_of(16);
            let next = if i + 1 == frames.len() {
                0
            } else {
                size as u32
            };
            put(&mut b, at + PKT_NEXT, next);
            put(&mut b, at + PKT_SEC, *sec);
            put(&mut b, at + PKT_NSEC, *nsec);
            put(&mut b, at + PKT_SNAPLEN, data.len() as u32);
            put(&mut b, at + PKT_LEN, data.len() as u32 + 4);
            b[at + PKT_MAC..at + PKT_MAC + 2].copy_from_slice(&(mac as u16).to_ne_bytes());
            b[at + mac..at + mac + data.len()].copy_from_slice(data);
            at += size;
        }
        b
    }

    #[test]
    fn frames_of_a_block() {
        let b = block(&[(b"first", 1, 500), (b"second frame", 2, 999_999_999)]);
        let got: Vec<Frame> = Frames::new(&b).collect();
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].data, b"first");
        assert_eq!(got[0].wire_len, 9);
        assert_eq!(got[0].timestamp, Duration::new(1, 500));
        assert_eq!(got[1].data, b"second frame");
        assert_eq!(got[1].timestamp, Duration::new(2, 999_999_999));
        assert_eq!(Frames::new(&[]).count(), 0);
    }

    #[test]
    fn lying_blocks_stay_in_bounds() {
        let b = block(&[(b"abc", 1, 0), (b"defgh", 1, 0), (b"ij", 1, 0)]);
        for at in 0..200 {
            for v in [0u8, 1, 0x7f, 0xff] {
                let mut c = b.clone();
                c[at] = v;
                for cut in [c.len(), 200, 100, 60, 13] {
                    for f in Frames::new(&c[..cut]) {
                        assert!(f.data.len() <= cut);
                    }
                }
            }
        }
    }
}
