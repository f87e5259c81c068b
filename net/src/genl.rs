//! Generic netlink sockets over neli, for nl80211 and MAC80211_HWSIM. neli
//! frames messages, parses ACKs, errors and extack; the genetlink payload
//! stays raw bytes, read with the bounds-checked codec of [`crate::attr`].

use std::collections::VecDeque;
use std::os::fd::AsRawFd;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use neli::consts::nl::{NlmF, Nlmsg, NlmsgerrAttr};
use neli::consts::socket::NlFamily;
use neli::nl::{NlPayload, Nlmsghdr, NlmsghdrBuilder};
use neli::socket::synchronous::NlSocketHandle;
use neli::types::Buffer;
use neli::utils::Groups;

use crate::attr::{AttrError, AttrWriter, Attrs, GenlMessage};
use crate::nl80211::{Cmd, GENL_VERSION};
use crate::poll::poll_readable;

/// Generic netlink controller numbers (<linux/genetlink.h>).
mod ctrl {
    pub const GENL_ID_CTRL: u16 = 0x10;
    pub const CMD_GETFAMILY: u8 = 3;
    pub const VERSION: u8 = 2;
    pub const ATTR_FAMILY_ID: u16 = 1;
    pub const ATTR_FAMILY_NAME: u16 = 2;
    pub const ATTR_MCAST_GROUPS: u16 = 7;
    pub const ATTR_MCAST_GRP_NAME: u16 = 1;
    pub const ATTR_MCAST_GRP_ID: u16 = 2;
}

/// Environment variable naming a directory where every received nl80211
/// message is written as `NNNN-<cmd>.bin` (genetlink header + attributes).
/// Used to capture unit-test fixtures from a real kernel.
pub const DUMP_ENV: &str = "RWLAN_DUMP_NL";

#[derive(Debug, thiserror::Error)]
pub enum NlError {
    #[error("cannot talk to the kernel over netlink: {0}")]
    Socket(#[from] neli::err::SocketError),
    #[error("the kernel has no {0} generic netlink family (is {module} loaded?)", module = family_module(.0))]
    NoFamily(&'static str),
    #[error("the generic netlink family has no multicast group '{0}'")]
    NoGroup(String),
    /// The kernel refused a request: errno (positive) and the extack message.
    #[error("{cmd}: {}", std::io::Error::from_raw_os_error(*errno))]
    Kernel {
        cmd: &'static str,
        errno: i32,
        extack: Option<String>,
    },
    #[error("malformed nl80211 message: {0}")]
    Malformed(#[from] AttrError),
    #[error("cannot build netlink message: {0}")]
    Build(String),
    #[error("waiting for netlink: {0}")]
    Poll(std::io::Error),
    #[error("the kernel did not answer {what} within {} s", .waited.as_secs_f32())]
    NoReply {
        what: &'static str,
        waited: Duration,
    },
}

/// How long a request may wait for its reply or ACK unless the socket is
/// told otherwise ([`Genl::set_reply_timeout`]). The kernel answers as
/// soon as it gets RTNL, which a network namespace being torn down can hold
/// for tens of seconds on a slow machine; only a wedged driver takes longer,
/// and rwlan must not hang with it.
pub const REPLY_TIMEOUT: Duration = Duration::from_secs(90);

/// The module that provides a generic netlink family.
fn family_module(family: &str) -> &'static str {
    match family {
        HWSIM_FAMILY => "a virtual radio driver, rwlan_hwsim or mac80211_hwsim,",
        _ => "cfg80211",
    }
}

/// The generic netlink family of virtual radios.
pub const HWSIM_FAMILY: &str = "MAC80211_HWSIM";

/// A socket bound to the nl80211 family (the usual one).
pub type Nl80211 = Genl;

/// A socket bound to one generic netlink family.
pub struct Genl {
    sock: NlSocketHandle,
    family_name: &'static str,
    family: u16,
    /// The positive value the last request's ACK carried (MAC80211_HWSIM
    /// answers NEW_RADIO with the new radio's id there), 0 otherwise.
    ack_value: i32,
    reply_timeout: Duration,
    groups: Vec<(String, u32)>,
    seq: u32,
    /// Multicast messages that arrived while a reply was awaited.
    pending: VecDeque<Vec<u8>>,
    dump_dir: Option<PathBuf>,
    dumped: u32,
}

impl std::fmt::Debug for Genl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Genl")
            .field("family", &self.family_name)
            .field("id", &self.family)
            .field("seq", &self.seq)
            .finish_non_exhaustive()
    }
}

impl Genl {
    /// A socket for nl80211.
    pub fn connect() -> Result<Self, NlError> {
        Self::connect_to("nl80211")
    }

    /// A socket for the generic netlink family `family_name`.
    pub fn connect_to(family_name: &'static str) -> Result<Self, NlError> {
        let sock = NlSocketHandle::connect(NlFamily::Generic, None, Groups::empty())?;
        sock.enable_ext_ack(true)?;
        let mut nl = Genl {
            sock,
            family_name,
            family: ctrl::GENL_ID_CTRL,
            ack_value: 0,
            reply_timeout: REPLY_TIMEOUT,
            groups: Vec::new(),
            seq: 0,
            pending: VecDeque::new(),
            dump_dir: std::env::var_os(DUMP_ENV).map(PathBuf::from),
            dumped: 0,
        };
        nl.resolve_family()?;
        Ok(nl)
    }

    fn resolve_family(&mut self) -> Result<(), NlError> {
        let name = self.family_name;
        let mut w = AttrWriter::new(ctrl::CMD_GETFAMILY, ctrl::VERSION);
        w.string(ctrl::ATTR_FAMILY_NAME, name);
        let replies = match self.transact(ctrl::GENL_ID_CTRL, "resolve family", w, false) {
            Err(NlError::Kernel { errno, .. }) if errno == libc::ENOENT => {
                return Err(NlError::NoFamily(name))
            }
            other => other?,
        };
        let reply = replies.first().ok_or(NlError::NoFamily(name))?;
        let a = Attrs::parse(GenlMessage::parse(reply)?.attrs)?;
        self.family = a
            .u16(ctrl::ATTR_FAMILY_ID)?
            .ok_or(NlError::NoFamily(name))?;
        if let Some(groups) = a.nested(ctrl::ATTR_MCAST_GROUPS)? {
            for g in groups.iter() {
                let g = g.nested()?;
                if let (Some(name), Some(id)) = (
                    g.string(ctrl::ATTR_MCAST_GRP_NAME)?,
                    g.u32(ctrl::ATTR_MCAST_GRP_ID)?,
                ) {
                    self.groups.push((name, id));
                }
            }
        }
        Ok(())
    }

    /// Joins a multicast group of the family ("scan", "mlme", "config", ...).
    pub fn subscribe(&mut self, group: &str) -> Result<(), NlError> {
        let id = self
            .groups
            .iter()
            .find(|(n, _)| n == group)
            .map(|(_, id)| *id)
            .ok_or_else(|| NlError::NoGroup(group.to_owned()))?;
        self.sock.add_mcast_membership(Groups::new_groups(&[id]))?;
        Ok(())
    }

    /// Sends a request and waits for its ACK; returns any reply payloads.
    pub fn request(
        &mut self,
        cmd: Cmd,
        fill: impl FnOnce(&mut AttrWriter),
    ) -> Result<Vec<Vec<u8>>, NlError> {
        self.command(cmd, fill, false)
    }

    /// Sends a dump request and collects every reply payload up to DONE.
    pub fn dump(
        &mut self,
        cmd: Cmd,
        fill: impl FnOnce(&mut AttrWriter),
    ) -> Result<Vec<Vec<u8>>, NlError> {
        self.command(cmd, fill, true)
    }

    fn command(
        &mut self,
        cmd: Cmd,
        fill: impl FnOnce(&mut AttrWriter),
        dump: bool,
    ) -> Result<Vec<Vec<u8>>, NlError> {
        self.command_raw(cmd.raw(), cmd.name(), GENL_VERSION, fill, dump)
    }

    /// A request of another family than nl80211: its command byte, a name
    /// for errors and its genetlink version. Returns the reply payloads.
    pub fn command_raw(
        &mut self,
        cmd: u8,
        what: &'static str,
        version: u8,
        fill: impl FnOnce(&mut AttrWriter),
        dump: bool,
    ) -> Result<Vec<Vec<u8>>, NlError> {
        let mut w = AttrWriter::new(cmd, version);
        fill(&mut w);
        self.transact(self.family, what, w, dump)
    }

    /// How long later requests wait for their answer.
    pub fn set_reply_timeout(&mut self, timeout: Duration) {
        self.reply_timeout = timeout;
    }

    /// The positive value the last request's ACK carried, 0 if none.
    pub fn ack_value(&self) -> i32 {
        self.ack_value
    }

    fn transact(
        &mut self,
        nl_type: u16,
        what: &'static str,
        w: AttrWriter,
        dump: bool,
    ) -> Result<Vec<Vec<u8>>, NlError> {
        self.seq = self.seq.wrapping_add(1).max(1);
        self.ack_value = 0;
        let seq = self.seq;
        let flags = if dump {
            NlmF::REQUEST | NlmF::DUMP
        } else {
            NlmF::REQUEST | NlmF::ACK
        };
        let payload = w.finish()?;
        let msg: Nlmsghdr<u16, Buffer> = NlmsghdrBuilder::default()
            .nl_type(nl_type)
            .nl_flags(flags)
            .nl_seq(seq)
            .nl_payload(NlPayload::Payload(Buffer::from(payload)))
            .build()
            .map_err(|e| NlError::Build(e.to_string()))?;
        self.sock.send(&msg)?;

        let mut replies = Vec::new();
        let deadline = Instant::now() + self.reply_timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err(NlError::NoReply {
                    what,
                    waited: self.reply_timeout,
                });
            }
            if !self.wait_readable(Some(left))? {
                continue;
            }
            let (iter, _) = self.sock.recv::<u16, Buffer>()?;
            let batch = iter.collect::<Result<Vec<_>, _>>()?;
            let mut finished = false;
            for msg in batch {
                if *msg.nl_seq() != seq {
                    // Multicast events carry seq 0; keep them for next_event().
                    if let NlPayload::Payload(p) = msg.nl_payload() {
                        self.pending.push_back(p.as_ref().to_vec());
                    }
                    continue;
                }
                match msg.nl_payload() {
                    NlPayload::Payload(p) if *msg.nl_type() != u16::from(Nlmsg::Done) => {
                        if nl_type != ctrl::GENL_ID_CTRL && self.family_name == "nl80211" {
                            self.record(p.as_ref());
                        }
                        replies.push(p.as_ref().to_vec());
                    }
                    NlPayload::Err(e) if *e.error() > 0 => {
                        self.ack_value = *e.error();
                        finished = true;
                    }
                    NlPayload::Err(e) => {
                        let extack = e
                            .ext_ack()
                            .iter()
                            .find(|a| *a.nla_type().nla_type() == NlmsgerrAttr::Msg)
                            .map(|a| {
                                let b = a.nla_payload().as_ref();
                                let end = b.iter().position(|&c| c == 0).unwrap_or(b.len());
                                String::from_utf8_lossy(&b[..end]).into_owned()
                            });
                        return Err(NlError::Kernel {
                            cmd: what,
                            errno: e.error().saturating_abs(),
                            extack,
                        });
                    }
                    _ => finished = true,
                }
            }
            if finished {
                return Ok(replies);
            }
        }
    }

    /// Next multicast message (genetlink payload), or `None` once `deadline`
    /// passes. Without a deadline it blocks until a message arrives.
    pub fn next_event(&mut self, deadline: Option<Instant>) -> Result<Option<Vec<u8>>, NlError> {
        loop {
            if let Some(p) = self.pending.pop_front() {
                self.record(&p);
                return Ok(Some(p));
            }
            let timeout = match deadline {
                None => None,
                Some(d) => match d.checked_duration_since(Instant::now()) {
                    Some(left) if !left.is_zero() => Some(left),
                    _ => return Ok(None),
                },
            };
            if !self.wait_readable(timeout)? {
                continue;
            }
            let (iter, _) = self.sock.recv::<u16, Buffer>()?;
            for msg in iter {
                if let NlPayload::Payload(p) = msg?.nl_payload() {
                    self.pending.push_back(p.as_ref().to_vec());
                }
            }
        }
    }

    /// Polls the socket; false on timeout or EINTR (the caller re-checks).
    fn wait_readable(&self, timeout: Option<Duration>) -> Result<bool, NlError> {
        let ms = timeout.map_or(-1, |t| {
            i32::try_from(t.as_millis().max(1)).unwrap_or(i32::MAX)
        });
        poll_readable(self.sock.as_raw_fd(), ms).map_err(NlError::Poll)
    }

    /// Writes a received payload to the fixture directory, if one is set.
    fn record(&mut self, payload: &[u8]) {
        let Some(dir) = &self.dump_dir else { return };
        let name = payload
            .first()
            .and_then(|&c| Cmd::from_raw(c))
            .map_or("unknown", Cmd::name);
        let path = dir.join(format!("{:04}-{name}.bin", self.dumped));
        self.dumped += 1;
        if let Err(e) = std::fs::write(&path, payload) {
            eprintln!("rwlan: cannot write {}: {e}", path.display());
        }
    }
}
