//! Raw AF_PACKET sockets on one interface: every frame it carries, for
//! captures (the CLI) and for the emulated dongle's antenna, which also sends.

use std::io;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, FromRawFd, OwnedFd};
use std::time::Duration;

pub(crate) fn socket(
    domain: libc::c_int,
    ty: libc::c_int,
    proto: libc::c_int,
) -> io::Result<OwnedFd> {
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
pub(crate) fn set_packet_opt<T: Copy>(
    fd: BorrowedFd<'_>,
    opt: libc::c_int,
    value: &T,
) -> io::Result<()> {
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

/// Counters of a packet socket since it was opened (PACKET_STATISTICS).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PacketStats {
    /// Frames the kernel queued to us.
    pub received: u32,
    /// Frames the kernel dropped because our queue or ring was full.
    pub dropped: u32,
}

/// A frame [`PacketSocket::recv_wait`] copied out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Received {
    /// Its length on the interface, which may exceed the buffer.
    pub len: usize,
    /// Whether this host sent it (PACKET_OUTGOING).
    pub outgoing: bool,
}

/// A raw AF_PACKET socket receiving every frame of one interface.
#[derive(Debug)]
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
        Ok(self.recv_with(buf, libc::MSG_DONTWAIT)?.map(|r| r.len))
    }

    /// Like [`Self::recv`], but waits up to the receive timeout
    /// ([`Self::set_recv_timeout`]) and says whether the frame was one this
    /// host sent.
    pub fn recv_wait(&self, buf: &mut [u8]) -> io::Result<Option<Received>> {
        self.recv_with(buf, 0)
    }

    fn recv_with(&self, buf: &mut [u8], flags: libc::c_int) -> io::Result<Option<Received>> {
        // SAFETY: sockaddr_ll is plain old data; all-zero is a valid value.
        let mut from: libc::sockaddr_ll = unsafe { std::mem::zeroed() };
        let mut from_len = std::mem::size_of::<libc::sockaddr_ll>() as libc::socklen_t;
        // SAFETY: `buf` is valid for writes of buf.len() bytes (with
        // MSG_TRUNC the kernel still writes at most that many); `from` and
        // `from_len` describe a sockaddr_ll the kernel may fill.
        let n = unsafe {
            libc::recvfrom(
                self.fd.as_raw_fd(),
                buf.as_mut_ptr().cast(),
                buf.len(),
                flags | libc::MSG_TRUNC,
                (&mut from as *mut libc::sockaddr_ll).cast(),
                &mut from_len,
            )
        };
        match usize::try_from(n) {
            Ok(len) => Ok(Some(Received {
                len,
                outgoing: from.sll_pkttype == libc::PACKET_OUTGOING,
            })),
            Err(_) => {
                let err = io::Error::last_os_error();
                match err.kind() {
                    io::ErrorKind::WouldBlock
                    | io::ErrorKind::TimedOut
                    | io::ErrorKind::Interrupted => Ok(None),
                    _ => Err(err),
                }
            }
        }
    }

    /// Sends one frame, link-layer header (radiotap on a monitor interface)
    /// included, out of the bound interface.
    pub fn send(&self, packet: &[u8]) -> io::Result<()> {
        // SAFETY: `packet` is valid for reads of packet.len() bytes.
        let n = unsafe { libc::send(self.fd.as_raw_fd(), packet.as_ptr().cast(), packet.len(), 0) };
        if n < 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(())
    }

    /// How long [`Self::recv_wait`] waits for a frame (SO_RCVTIMEO).
    pub fn set_recv_timeout(&self, timeout: Duration) -> io::Result<()> {
        let tv = libc::timeval {
            tv_sec: libc::time_t::try_from(timeout.as_secs()).unwrap_or(libc::time_t::MAX),
            tv_usec: libc::suseconds_t::from(timeout.subsec_micros() as i32),
        };
        // SAFETY: `tv` is a live timeval and the length passed is its size.
        let rc = unsafe {
            libc::setsockopt(
                self.fd.as_raw_fd(),
                libc::SOL_SOCKET,
                libc::SO_RCVTIMEO,
                (&tv as *const libc::timeval).cast(),
                std::mem::size_of::<libc::timeval>() as libc::socklen_t,
            )
        };
        if rc < 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(())
    }

    /// Keeps the frames this socket (or any on the host) sends out of its
    /// receive queue. Kernels before 4.20 lack the option; there
    /// [`Received::outgoing`] still tells them apart.
    pub fn ignore_outgoing(&self) -> io::Result<()> {
        set_packet_opt(
            self.fd.as_fd(),
            libc::PACKET_IGNORE_OUTGOING,
            &1 as &libc::c_int,
        )
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
