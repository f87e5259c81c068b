// SPDX-License-Identifier: GPL-2.0

//! Which socket runs the medium of each network namespace, once a medium
//! in user space (such as wmediumd) sent REGISTER there.

use crate::wireless::shims::net::{NetId, NetRef};
use kernel::prelude::*;

/// A registered medium: its socket's port and namespace.
pub(crate) struct Relay {
    /// Counted while the medium is registered; its socket keeps the
    /// namespace alive that long anyway.
    pub(crate) net: NetRef,
    id: NetId,
    pub(crate) portid: u32,
}

/// Which socket runs the medium of a namespace.
pub(crate) struct Relays {
    /// The registered media. A closed one leaves an empty slot, so that
    /// forgetting it (and its namespace) needs no memory.
    slots: KVec<Option<Relay>>,
}

impl Relays {
    pub(crate) fn new() -> Self {
        Self { slots: KVec::new() }
    }

    /// The medium registered from the namespace `net`.
    pub(crate) fn find(&self, net: NetId) -> Option<&Relay> {
        self.slots.iter().flatten().find(|r| r.id == net)
    }

    /// The port of the medium registered from `net`, 0 if none.
    pub(crate) fn port(&self, net: NetId) -> u32 {
        self.find(net).map_or(0, |r| r.portid)
    }

    /// Whether any medium is registered.
    pub(crate) fn any(&self) -> bool {
        self.slots.iter().any(Option::is_some)
    }

    /// Registers the socket `portid` in `net` as its namespace's medium;
    /// `EBUSY` if the namespace has one.
    pub(crate) fn add(&mut self, net: NetRef, portid: u32) -> Result {
        let id = net.id();
        if self.port(id) != 0 {
            return Err(EBUSY);
        }
        let relay = Relay { net, id, portid };
        match self.slots.iter_mut().find(|s| s.is_none()) {
            Some(slot) => *slot = Some(relay),
            None => self.slots.push(Some(relay), GFP_ATOMIC)?,
        }
        Ok(())
    }

    /// Takes out the medium at `portid` in `net`, if it is one.
    pub(crate) fn take(&mut self, net: NetId, portid: u32) -> Option<Relay> {
        self.slots
            .iter_mut()
            .find(|s| matches!(s, Some(r) if r.id == net && r.portid == portid))?
            .take()
    }

    /// Takes out every medium.
    pub(crate) fn take_all(&mut self) -> KVec<Option<Relay>> {
        core::mem::replace(&mut self.slots, KVec::new())
    }
}
