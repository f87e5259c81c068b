//! Network interfaces by name and index, and the interface flags and MTU
//! (SIOCGIFFLAGS and friends), as `ip link` sets them.

use std::ffi::CString;
use std::io;
use std::os::fd::AsRawFd;

use crate::packet::socket;

/// The interface index for a name; `None` when there is no such interface
/// (or the name holds a NUL, so none can have it).
pub fn if_nametoindex(name: &str) -> Option<u32> {
    let name = CString::new(name).ok()?;
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

/// An ifreq naming `name`, or InvalidInput when the name does not fit.
fn ifreq(name: &str) -> io::Result<libc::ifreq> {
    // SAFETY: ifreq is plain old data; all-zero is a valid value.
    let mut ifr: libc::ifreq = unsafe { std::mem::zeroed() };
    if name.is_empty() || name.len() >= ifr.ifr_name.len() || name.contains('\0') {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{name:?} is not an interface name"),
        ));
    }
    for (dst, src) in ifr.ifr_name.iter_mut().zip(name.bytes()) {
        *dst = src as libc::c_char;
    }
    Ok(ifr)
}

/// Brings an interface up (SIOCSIFFLAGS), as `ip link set NAME up` does.
pub fn set_interface_up(name: &str) -> io::Result<()> {
    let fd = socket(libc::AF_INET, libc::SOCK_DGRAM, 0)?;
    let mut ifr = ifreq(name)?;
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

/// Raises the MTU of `name` to at least `mtu` (SIOCSIFMTU); an MTU already
/// that large is left alone.
pub fn raise_mtu(name: &str, mtu: i32) -> io::Result<()> {
    let fd = socket(libc::AF_INET, libc::SOCK_DGRAM, 0)?;
    let mut ifr = ifreq(name)?;
    // SAFETY: `ifr` names the interface; SIOCGIFMTU writes only the MTU
    // member of its union, which is then what is read.
    let current = unsafe {
        if libc::ioctl(fd.as_raw_fd(), libc::SIOCGIFMTU, &mut ifr) < 0 {
            return Err(io::Error::last_os_error());
        }
        ifr.ifr_ifru.ifru_mtu
    };
    if current >= mtu {
        return Ok(());
    }
    ifr.ifr_ifru.ifru_mtu = mtu;
    // SAFETY: `ifr` names the interface and carries the new MTU; the kernel only reads it.
    if unsafe { libc::ioctl(fd.as_raw_fd(), libc::SIOCSIFMTU, &ifr) } < 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_do_not_fit_are_refused() {
        assert!(ifreq("wlan0").is_ok());
        assert!(ifreq("").is_err());
        assert!(ifreq("a-name-far-too-long").is_err());
        assert!(ifreq("bad\0name").is_err());
        assert!(raise_mtu("a-name-far-too-long", 4096).is_err());
    }
}
