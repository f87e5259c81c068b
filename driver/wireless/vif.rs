// SPDX-License-Identifier: GPL-2.0

//! Virtual interfaces (`struct ieee80211_vif`) and their BSS configuration.

use super::bindings;
use super::channel::{channel_of, Channel};
use super::shims::sync::with_rcu_read_lock;
use kernel::types::Opaque;

/// A MAC address.
pub type MacAddr = [u8; 6];

/// Prints a MAC address as `00:e0:4c:81:87:01`.
///
/// # Invariants
///
/// None: any six bytes print.
pub struct MacDisplay<'a>(pub &'a MacAddr);

impl core::fmt::Display for MacDisplay<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let m = self.0;
        write!(
            f,
            "{:02x}:{:02x}:{:02x}:{:02x}:{:02x}:{:02x}",
            m[0], m[1], m[2], m[3], m[4], m[5]
        )
    }
}

/// A random locally administered unicast address (`eth_random_addr`), for a
/// device whose own address is missing or invalid.
pub fn random_local_addr() -> MacAddr {
    // The first byte's two low bits: not multicast, locally administered.
    random_masked_addr(&[0x02, 0, 0, 0, 0, 0], &[0x03, 0, 0, 0, 0, 0])
}

/// A random address keeping the bits of `addr` that `mask` selects
/// (cfg80211's `get_random_mask_addr`).
pub(crate) fn random_masked_addr(addr: &MacAddr, mask: &MacAddr) -> MacAddr {
    let mut out: MacAddr = [0; 6];
    // SAFETY: writes exactly `out.len()` bytes into `out`.
    unsafe { bindings::get_random_bytes(out.as_mut_ptr().cast(), out.len()) };
    for ((o, a), m) in out.iter_mut().zip(addr).zip(mask) {
        *o = (*o & !m) | (a & m);
    }
    out
}

/// What a virtual interface is for (`enum nl80211_iftype`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IfType {
    /// Independent BSS (ad-hoc) member.
    Adhoc,
    /// Managed station.
    Station,
    /// Access point.
    Ap,
    /// Monitor.
    Monitor,
    /// 802.11s mesh point.
    MeshPoint,
    /// P2P client.
    P2pClient,
    /// P2P group owner.
    P2pGo,
    /// P2P device (no netdev).
    P2pDevice,
    /// Outside the context of a BSS.
    Ocb,
    /// Anything else (AP VLAN, NAN, ...).
    Other,
}

impl IfType {
    const fn raw(self) -> Option<bindings::nl80211_iftype> {
        Some(match self {
            IfType::Adhoc => bindings::nl80211_iftype_NL80211_IFTYPE_ADHOC,
            IfType::Station => bindings::nl80211_iftype_NL80211_IFTYPE_STATION,
            IfType::Ap => bindings::nl80211_iftype_NL80211_IFTYPE_AP,
            IfType::Monitor => bindings::nl80211_iftype_NL80211_IFTYPE_MONITOR,
            IfType::MeshPoint => bindings::nl80211_iftype_NL80211_IFTYPE_MESH_POINT,
            IfType::P2pClient => bindings::nl80211_iftype_NL80211_IFTYPE_P2P_CLIENT,
            IfType::P2pGo => bindings::nl80211_iftype_NL80211_IFTYPE_P2P_GO,
            IfType::P2pDevice => bindings::nl80211_iftype_NL80211_IFTYPE_P2P_DEVICE,
            IfType::Ocb => bindings::nl80211_iftype_NL80211_IFTYPE_OCB,
            IfType::Other => return None,
        })
    }

    fn from_raw(raw: bindings::nl80211_iftype) -> IfType {
        match raw {
            bindings::nl80211_iftype_NL80211_IFTYPE_ADHOC => IfType::Adhoc,
            bindings::nl80211_iftype_NL80211_IFTYPE_STATION => IfType::Station,
            bindings::nl80211_iftype_NL80211_IFTYPE_AP => IfType::Ap,
            bindings::nl80211_iftype_NL80211_IFTYPE_MONITOR => IfType::Monitor,
            bindings::nl80211_iftype_NL80211_IFTYPE_MESH_POINT => IfType::MeshPoint,
            bindings::nl80211_iftype_NL80211_IFTYPE_P2P_CLIENT => IfType::P2pClient,
            bindings::nl80211_iftype_NL80211_IFTYPE_P2P_GO => IfType::P2pGo,
            bindings::nl80211_iftype_NL80211_IFTYPE_P2P_DEVICE => IfType::P2pDevice,
            bindings::nl80211_iftype_NL80211_IFTYPE_OCB => IfType::Ocb,
            _ => IfType::Other,
        }
    }

    /// The nl80211 bit mask of a set of interface types.
    pub const fn mask(types: &[IfType]) -> u16 {
        // A loop, not an iterator: constant tables use this.
        let mut mask = 0;
        let mut i = 0;
        while i < types.len() {
            if let Some(t) = types[i].raw() {
                mask |= 1 << t;
            }
            i += 1;
        }
        mask
    }

    /// Interface types that send beacons.
    pub fn beacons(self) -> bool {
        matches!(
            self,
            IfType::Ap | IfType::P2pGo | IfType::MeshPoint | IfType::Adhoc | IfType::Ocb
        )
    }
}

/// A virtual interface mac80211 runs on a radio.
///
/// mac80211 owns it; drivers see it only for the duration of a callback or
/// of an interface iteration.
///
/// # Invariants
///
/// A `&Vif` exists only while mac80211 keeps the interface alive: during
/// the callback that handed it out or an iteration under RCU.
#[repr(transparent)]
pub struct Vif(Opaque<bindings::ieee80211_vif>);

impl Vif {
    /// # Safety
    ///
    /// `ptr` must point to a valid `ieee80211_vif` that stays valid for `'a`.
    pub(super) unsafe fn from_raw<'a>(ptr: *mut bindings::ieee80211_vif) -> &'a Vif {
        // SAFETY: `Vif` is a transparent wrapper of the pointee, which the
        // caller guarantees is valid for `'a`.
        unsafe { &*ptr.cast() }
    }

    pub(super) fn as_raw(&self) -> *mut bindings::ieee80211_vif {
        self.0.get()
    }

    /// The interface's type (a P2P client reports as P2P client, not as a
    /// station).
    pub fn iftype(&self) -> IfType {
        let vif = self.as_raw();
        // SAFETY: `vif` is valid while `&self` lives; `type_` and `p2p`
        // change only while the interface is down, not while a driver
        // callback or iteration sees it.
        let (ty, p2p) = unsafe { ((*vif).type_, (*vif).p2p) };
        match (IfType::from_raw(ty), p2p) {
            (IfType::Station, true) => IfType::P2pClient,
            (IfType::Ap, true) => IfType::P2pGo,
            (t, _) => t,
        }
    }

    /// The interface's own address.
    pub fn addr(&self) -> MacAddr {
        // SAFETY: `addr` is a plain array in a valid vif, fixed while the
        // interface is up.
        unsafe { (*self.as_raw()).addr }
    }

    /// Whether beaconing is enabled (AP, IBSS, mesh).
    pub fn beacon_enabled(&self) -> bool {
        // SAFETY: the vif is valid; mac80211 updates this flag before it
        // tells the driver, and a racy read of a `bool` it only ever sets
        // whole is what the C drivers do as well.
        unsafe { core::ptr::read_volatile(&raw const (*self.as_raw()).bss_conf.enable_beacon) }
    }

    /// The beacon interval in TU (1024 us).
    pub fn beacon_interval_tu(&self) -> u16 {
        // SAFETY: as in `beacon_enabled`.
        unsafe { core::ptr::read_volatile(&raw const (*self.as_raw()).bss_conf.beacon_int) }
    }

    /// The BSSID of the interface's BSS (all zero when there is none).
    pub fn bssid(&self) -> MacAddr {
        // SAFETY: the vif is valid; `bssid` points to the link's BSSID,
        // which lives as long as the vif, when it is not null.
        unsafe {
            let p = (*self.as_raw()).bss_conf.bssid;
            if p.is_null() {
                [0; 6]
            } else {
                core::ptr::read_unaligned(p.cast::<MacAddr>())
            }
        }
    }

    /// Whether the BSS uses the short (9 us) slot time.
    pub fn short_slot(&self) -> bool {
        // SAFETY: as in `beacon_enabled`.
        unsafe { core::ptr::read_volatile(&raw const (*self.as_raw()).bss_conf.use_short_slot) }
    }

    /// Whether the BSS uses short PLCP preambles.
    pub fn short_preamble(&self) -> bool {
        // SAFETY: as in `beacon_enabled`.
        unsafe {
            core::ptr::read_volatile(&raw const (*self.as_raw()).bss_conf.use_short_preamble)
        }
    }

    /// The transmit power in dBm configured for the interface.
    pub fn txpower(&self) -> i32 {
        // SAFETY: as in `beacon_enabled`.
        unsafe { core::ptr::read_volatile(&raw const (*self.as_raw()).bss_conf.txpower) }
    }

    /// The channel of the channel context the interface is assigned to,
    /// if any (channel-context drivers only; emulation keeps none). Any
    /// context.
    pub fn chanctx_channel(&self) -> Option<Channel> {
        with_rcu_read_lock(|| {
            // SAFETY: the vif is valid; `chanctx_conf` is RCU-protected and
            // mac80211 frees a context only after a grace period, so within
            // the read section a non-null pointer stays valid; its channel
            // points into the wiphy's band tables.
            unsafe {
                let ctx =
                    core::ptr::read_volatile(&raw const (*self.as_raw()).bss_conf.chanctx_conf);
                if ctx.is_null() {
                    return None;
                }
                channel_of((*ctx).def.chan)
            }
        })
    }

    /// The BSSID and association id of a station interface while it is
    /// associated.
    pub fn associated_bss(&self) -> Option<(MacAddr, u16)> {
        let vif = self.as_raw();
        // SAFETY: as in `beacon_enabled`; `bssid`, when set, points to an
        // address inside the vif's link configuration (or its BSS), valid
        // while the vif is.
        unsafe {
            let assoc = core::ptr::read_volatile(&raw const (*vif).cfg.assoc);
            let bssid = core::ptr::read_volatile(&raw const (*vif).bss_conf.bssid);
            if !assoc || bssid.is_null() {
                return None;
            }
            let aid = core::ptr::read_volatile(&raw const (*vif).cfg.aid);
            Some((*bssid.cast::<MacAddr>(), aid))
        }
    }

    /// Tells mac80211 that a block-ack session towards `peer` for `tid`
    /// stopped; safe from any context.
    pub fn stop_tx_ba_done(&self, peer: &MacAddr, tid: u16) {
        // SAFETY: the vif is valid; the function copies the address and
        // queues the work, so it is callable from any context.
        unsafe { bindings::ieee80211_stop_tx_ba_cb_irqsafe(self.as_raw(), peer.as_ptr(), tid) }
    }
}
