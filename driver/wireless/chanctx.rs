// SPDX-License-Identifier: GPL-2.0

//! What a multi-channel driver is handed besides the hardware: channel
//! contexts (`struct ieee80211_chanctx_conf`), channel-context switches and
//! hardware scan requests.

use super::bindings;
use super::channel::{channel_of, Channel};
use super::vif::{random_masked_addr, MacAddr, Vif};
use kernel::prelude::*;
use kernel::types::Opaque;

/// A channel context: one channel (and width) the radio serves at once
/// with others, shared by the interfaces assigned to it.
///
/// mac80211 owns it; drivers see it during a callback.
///
/// # Invariants
///
/// A `&ChanctxConf` exists only for the duration of the callback that
/// handed it out, during which mac80211 keeps the context alive and
/// changes it only under the wiphy lock it holds.
#[repr(transparent)]
pub struct ChanctxConf(Opaque<bindings::ieee80211_chanctx_conf>);

impl ChanctxConf {
    /// # Safety
    ///
    /// `ptr` must point to a valid channel context for `'a`.
    pub(super) unsafe fn from_raw<'a>(ptr: *mut bindings::ieee80211_chanctx_conf) -> &'a Self {
        // SAFETY: transparent wrapper; validity is the caller's promise.
        unsafe { &*ptr.cast() }
    }

    fn def(&self) -> &bindings::cfg80211_chan_def {
        // SAFETY: the context is valid while `&self` lives; mac80211 changes
        // `def` only under the wiphy lock, which it holds while it hands the
        // context to a driver callback.
        unsafe { &(*self.0.get()).def }
    }

    /// The control channel.
    pub fn channel(&self) -> Option<Channel> {
        // SAFETY: `def.chan` points into the wiphy's band tables.
        unsafe { channel_of(self.def().chan) }
    }

    /// The channel width (`enum nl80211_chan_width`).
    pub fn width(&self) -> u32 {
        self.def().width
    }

    /// The centre frequencies of the first and second segments, in MHz.
    pub fn center_freqs(&self) -> (u32, u32) {
        (self.def().center_freq1, self.def().center_freq2)
    }
}

/// How a channel-context switch is done (`enum ieee80211_chanctx_switch_mode`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SwitchMode {
    /// Interfaces move to a context that exists already.
    ReassignVif,
    /// The new context replaces the old one (which goes without
    /// `remove_chanctx`; the new one came without `add_chanctx`).
    SwapContexts,
}

impl SwitchMode {
    pub(super) fn from_raw(raw: bindings::ieee80211_chanctx_switch_mode) -> Option<Self> {
        match raw {
            bindings::ieee80211_chanctx_switch_mode_CHANCTX_SWMODE_REASSIGN_VIF => {
                Some(Self::ReassignVif)
            }
            bindings::ieee80211_chanctx_switch_mode_CHANCTX_SWMODE_SWAP_CONTEXTS => {
                Some(Self::SwapContexts)
            }
            _ => None,
        }
    }
}

/// One interface moving from one channel context to another.
///
/// # Invariants
///
/// Seen only by reference during `switch_vif_chanctx`, whose vif and
/// context pointers mac80211 keeps valid for the call.
#[repr(transparent)]
pub struct ChanctxSwitch(bindings::ieee80211_vif_chanctx_switch);

impl ChanctxSwitch {
    /// # Safety
    ///
    /// `ptr` must point to `n` valid switches whose interfaces and contexts
    /// stay valid for `'a`.
    pub(super) unsafe fn slice<'a>(
        ptr: *mut bindings::ieee80211_vif_chanctx_switch,
        n: usize,
    ) -> &'a [Self] {
        if ptr.is_null() || n == 0 {
            return &[];
        }
        // SAFETY: transparent wrapper of `n` valid elements (caller's promise).
        unsafe { core::slice::from_raw_parts(ptr.cast(), n) }
    }

    /// The interface that moves.
    pub fn vif(&self) -> &Vif {
        // SAFETY: valid for the switch's lifetime (see `slice`).
        unsafe { Vif::from_raw(self.0.vif) }
    }

    /// The context it leaves.
    pub fn old_ctx(&self) -> &ChanctxConf {
        // SAFETY: as in `vif`.
        unsafe { ChanctxConf::from_raw(self.0.old_ctx) }
    }

    /// The context it joins.
    pub fn new_ctx(&self) -> &ChanctxConf {
        // SAFETY: as in `vif`.
        unsafe { ChanctxConf::from_raw(self.0.new_ctx) }
    }
}

/// One channel of a hardware scan.
#[derive(Clone, Copy, Debug)]
pub struct ScanChannel {
    /// The channel.
    pub channel: Channel,
    /// Probing is not allowed there (no-IR or radar): listen only.
    pub passive: bool,
}

/// An SSID to probe for (empty: the wildcard SSID).
#[derive(Clone, Copy, Debug)]
pub struct Ssid {
    bytes: [u8; 32],
    len: u8,
}

impl Ssid {
    /// The SSID's octets.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes[..usize::from(self.len).min(self.bytes.len())]
    }
}

/// A hardware scan request, copied out of mac80211's so the driver may keep
/// it while it steps through the channels.
pub struct ScanRequest {
    /// Channels to visit, in order.
    pub channels: KVec<ScanChannel>,
    /// SSIDs to send probe requests for (none: a passive scan).
    pub ssids: KVec<Ssid>,
    /// Information elements to append to every probe request (mac80211's
    /// for all bands, then the user's).
    pub ies: KVec<u8>,
    /// The BSSID (often broadcast) probe requests go to.
    pub bssid: MacAddr,
    /// The source address of probe requests and the address answers come
    /// to: random when asked, else the interface's.
    pub addr: MacAddr,
}

impl ScanRequest {
    /// Copies mac80211's request for a scan from `vif`.
    ///
    /// # Safety
    ///
    /// `req` must point to a valid request whose channels, SSIDs and IEs
    /// are valid for the call.
    pub(super) unsafe fn copy_from(
        req: *const bindings::ieee80211_scan_request,
        vif: &Vif,
    ) -> Result<Self> {
        // SAFETY: valid for the call (caller's promise).
        let r = unsafe { &(*req).req };
        let mut channels = KVec::with_capacity(r.n_channels as usize, GFP_KERNEL)?;
        // SAFETY: the request ends in `n_channels` channel pointers, each
        // into the wiphy's band tables.
        let chans = unsafe { r.channels.as_slice(r.n_channels as usize) };
        for &chan in chans {
            // SAFETY: see above.
            let (channel, flags) = unsafe {
                match channel_of(chan) {
                    Some(c) => (c, (*chan).flags),
                    None => continue,
                }
            };
            let passive = flags
                & (bindings::ieee80211_channel_flags_IEEE80211_CHAN_NO_IR
                    | bindings::ieee80211_channel_flags_IEEE80211_CHAN_RADAR)
                != 0;
            channels.push(ScanChannel { channel, passive }, GFP_KERNEL)?;
        }
        let n_ssids = usize::try_from(r.n_ssids).unwrap_or(0);
        let mut ssids = KVec::with_capacity(n_ssids, GFP_KERNEL)?;
        if n_ssids > 0 && !r.ssids.is_null() {
            // SAFETY: `ssids` holds `n_ssids` entries.
            let raw = unsafe { core::slice::from_raw_parts(r.ssids, n_ssids) };
            for s in raw {
                ssids.push(
                    Ssid {
                        bytes: s.ssid,
                        len: s.ssid_len.min(32),
                    },
                    GFP_KERNEL,
                )?;
            }
        }
        let mut ies = KVec::new();
        if r.ie_len > 0 && !r.ie.is_null() {
            // SAFETY: `ie` holds `ie_len` bytes.
            let raw = unsafe { core::slice::from_raw_parts(r.ie, r.ie_len) };
            ies.extend_from_slice(raw, GFP_KERNEL)?;
        }
        let addr = if r.flags & bindings::nl80211_scan_flags_NL80211_SCAN_FLAG_RANDOM_ADDR != 0 {
            random_masked_addr(&r.mac_addr, &r.mac_addr_mask)
        } else {
            vif.addr()
        };
        Ok(Self {
            channels,
            ssids,
            ies,
            bssid: r.bssid,
            addr,
        })
    }
}
