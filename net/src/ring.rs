//! The receive ring: the kernel's PACKET_MMAP with TPACKET_V3, the way
//! libpcap reads. The kernel fills fixed-size blocks of frames in a buffer
//! shared with us and hands a block over when it is full or
//! [`RING_RETIRE_MS`] after its first frame, so one poll() wakeup delivers
//! many frames and none of them is copied by a syscall.

use std::io;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd};
use std::ptr::NonNull;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use crate::packet::{set_packet_opt, PacketSocket};

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
