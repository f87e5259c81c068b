//! The one nl80211 request the emulator makes: tune the antenna's monitor
//! interface (NL80211_CMD_SET_WIPHY with IFINDEX and WIPHY_FREQ), over a
//! plain generic-netlink socket.

use std::io;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::time::Duration;

const GENL_ID_CTRL: u16 = 0x10;
const CTRL_CMD_GETFAMILY: u8 = 3;
const CTRL_ATTR_FAMILY_ID: u16 = 1;
const CTRL_ATTR_FAMILY_NAME: u16 = 2;
const NL80211_CMD_SET_WIPHY: u8 = 2;
const NL80211_ATTR_IFINDEX: u16 = 3;
const NL80211_ATTR_WIPHY_FREQ: u16 = 38;
const NLMSG_ERROR: u16 = 2;
const NLM_F_REQUEST: u16 = 1;
const NLM_F_ACK: u16 = 4;
const NLMSG_HDRLEN: usize = 16;
const GENL_HDRLEN: usize = 4;

/// A generic netlink socket bound to the nl80211 family.
#[derive(Debug)]
pub struct Nl80211 {
    fd: OwnedFd,
    family: u16,
    seq: u32,
}

fn attr(buf: &mut Vec<u8>, kind: u16, payload: &[u8]) {
    let len = 4 + payload.len();
    buf.extend_from_slice(&(len as u16).to_le_bytes());
    buf.extend_from_slice(&kind.to_le_bytes());
    buf.extend_from_slice(payload);
    buf.resize(buf.len().div_ceil(4) * 4, 0);
}

/// Attributes of a generic netlink message body (after the genl header).
fn attrs(body: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
    let mut rest = body;
    std::iter::from_fn(move || {
        let len = usize::from(u16::from_le_bytes([*rest.first()?, *rest.get(1)?]));
        let kind = u16::from_le_bytes([*rest.get(2)?, *rest.get(3)?]) & 0x3FFF;
        if len < 4 || len > rest.len() {
            return None;
        }
        let payload = &rest[4..len];
        rest = rest.get(len.div_ceil(4) * 4..).unwrap_or(&[]);
        Some((kind, payload))
    })
}

impl Nl80211 {
    pub fn open() -> io::Result<Self> {
        // SAFETY: plain socket(2) call; the result is checked before use.
        let raw = unsafe {
            libc::socket(
                libc::AF_NETLINK,
                libc::SOCK_RAW | libc::SOCK_CLOEXEC,
                libc::NETLINK_GENERIC,
            )
        };
        if raw < 0 {
            return Err(io::Error::last_os_error());
        }
        // SAFETY: `raw` is a freshly created descriptor nothing else owns.
        let fd = unsafe { OwnedFd::from_raw_fd(raw) };
        set_timeout(&fd, Duration::from_secs(2))?;
        let mut nl = Self {
            fd,
            family: GENL_ID_CTRL,
            seq: 1,
        };
        let mut body = Vec::new();
        attr(&mut body, CTRL_ATTR_FAMILY_NAME, b"nl80211\0");
        let reply = nl.request(GENL_ID_CTRL, CTRL_CMD_GETFAMILY, &body)?;
        let family = attrs(reply.get(NLMSG_HDRLEN + GENL_HDRLEN..).unwrap_or(&[]))
            .find(|(k, _)| *k == CTRL_ATTR_FAMILY_ID)
            .and_then(|(_, p)| p.get(..2))
            .map(|p| u16::from_le_bytes([p[0], p[1]]))
            .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "nl80211 family not found"))?;
        nl.family = family;
        Ok(nl)
    }

    /// Sets the frequency (MHz) of a monitor interface.
    pub fn set_freq(&mut self, ifindex: u32, freq: u32) -> io::Result<()> {
        let mut body = Vec::new();
        attr(&mut body, NL80211_ATTR_IFINDEX, &ifindex.to_le_bytes());
        attr(&mut body, NL80211_ATTR_WIPHY_FREQ, &freq.to_le_bytes());
        self.request(self.family, NL80211_CMD_SET_WIPHY, &body)
            .map(|_| ())
    }

    /// Sends a request with ACK and returns the first non-error reply (or the ACK).
    fn request(&mut self, kind: u16, cmd: u8, body: &[u8]) -> io::Result<Vec<u8>> {
        self.seq = self.seq.wrapping_add(1);
        let len = NLMSG_HDRLEN + GENL_HDRLEN + body.len();
        let mut msg = Vec::with_capacity(len);
        msg.extend_from_slice(&(len as u32).to_le_bytes());
        msg.extend_from_slice(&kind.to_le_bytes());
        msg.extend_from_slice(&(NLM_F_REQUEST | NLM_F_ACK).to_le_bytes());
        msg.extend_from_slice(&self.seq.to_le_bytes());
        msg.extend_from_slice(&0u32.to_le_bytes());
        msg.extend_from_slice(&[cmd, 1, 0, 0]);
        msg.extend_from_slice(body);
        // SAFETY: `msg` is a valid buffer of `msg.len()` bytes for the duration of the call.
        let sent = unsafe { libc::send(self.fd.as_raw_fd(), msg.as_ptr().cast(), msg.len(), 0) };
        if sent < 0 {
            return Err(io::Error::last_os_error());
        }
        let mut data = None;
        let mut buf = vec![0u8; 16384];
        loop {
            // SAFETY: `buf` is a valid writable buffer of `buf.len()` bytes.
            let n =
                unsafe { libc::recv(self.fd.as_raw_fd(), buf.as_mut_ptr().cast(), buf.len(), 0) };
            if n < 0 {
                return Err(io::Error::last_os_error());
            }
            let mut rest = buf.get(..n as usize).unwrap_or(&[]);
            while rest.len() >= NLMSG_HDRLEN {
                let mlen = u32::from_le_bytes([rest[0], rest[1], rest[2], rest[3]]) as usize;
                let mtype = u16::from_le_bytes([rest[4], rest[5]]);
                let mseq = u32::from_le_bytes([rest[8], rest[9], rest[10], rest[11]]);
                if mlen < NLMSG_HDRLEN || mlen > rest.len() {
                    break;
                }
                let msg = &rest[..mlen];
                if mseq == self.seq {
                    if mtype == NLMSG_ERROR {
                        let code = msg
                            .get(NLMSG_HDRLEN..NLMSG_HDRLEN + 4)
                            .map(|e| i32::from_le_bytes([e[0], e[1], e[2], e[3]]))
                            .unwrap_or(-libc::EPROTO);
                        if code != 0 {
                            return Err(io::Error::from_raw_os_error(-code));
                        }
                        return Ok(data.unwrap_or_default());
                    }
                    data.get_or_insert_with(|| msg.to_vec());
                }
                rest = rest.get(mlen.div_ceil(4) * 4..).unwrap_or(&[]);
            }
        }
    }
}

pub fn set_timeout(fd: &OwnedFd, timeout: Duration) -> io::Result<()> {
    let tv = libc::timeval {
        tv_sec: timeout.as_secs() as libc::time_t,
        tv_usec: libc::suseconds_t::from(timeout.subsec_micros() as i32),
    };
    // SAFETY: `tv` is a valid timeval and its size is passed alongside.
    let rc = unsafe {
        libc::setsockopt(
            fd.as_raw_fd(),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_are_padded_and_parse_back() {
        let mut body = Vec::new();
        attr(&mut body, CTRL_ATTR_FAMILY_NAME, b"nl80211\0");
        attr(&mut body, NL80211_ATTR_WIPHY_FREQ, &2412u32.to_le_bytes());
        attr(&mut body, 7, &[1]);
        assert_eq!(body.len() % 4, 0);
        let parsed: Vec<_> = attrs(&body).collect();
        assert_eq!(parsed.len(), 3);
        assert_eq!(parsed[0], (CTRL_ATTR_FAMILY_NAME, &b"nl80211\0"[..]));
        assert_eq!(parsed[1].1, &2412u32.to_le_bytes()[..]);
        assert_eq!(parsed[2], (7, &[1u8][..]));
        assert_eq!(attrs(&[8, 0, 1]).count(), 0);
    }
}
