// SPDX-License-Identifier: GPL-2.0

//! What mac80211 tells a driver about its configuration: what changed,
//! the radio's settings, TX queue parameters and channel-context limits.

use crate::wireless::bindings;
use crate::wireless::channel::Channel;

/// What changed in a `config` call (`IEEE80211_CONF_CHANGE_*`).
#[derive(Clone, Copy, Debug)]
pub struct ConfChanged(pub(super) u32);

impl ConfChanged {
    /// The channel changed.
    pub fn channel(self) -> bool {
        self.0 & bindings::ieee80211_conf_changed_IEEE80211_CONF_CHANGE_CHANNEL != 0
    }

    /// The idle state changed.
    pub fn idle(self) -> bool {
        self.0 & bindings::ieee80211_conf_changed_IEEE80211_CONF_CHANGE_IDLE != 0
    }
}

/// What changed in a BSS (`BSS_CHANGED_*`).
#[derive(Clone, Copy, Debug)]
pub struct BssChanged(pub(super) u64);

impl BssChanged {
    /// Beaconing was enabled or disabled, or its interval changed.
    pub fn beacon_enabled(self) -> bool {
        self.0 & bindings::ieee80211_bss_change_BSS_CHANGED_BEACON_ENABLED as u64 != 0
    }

    /// The association state changed.
    pub fn assoc(self) -> bool {
        self.0 & bindings::ieee80211_bss_change_BSS_CHANGED_ASSOC as u64 != 0
    }

    /// The BSSID changed.
    pub fn bssid(self) -> bool {
        self.0 & bindings::ieee80211_bss_change_BSS_CHANGED_BSSID as u64 != 0
    }

    /// The slot time or the preamble length changed (ERP).
    pub fn erp_timing(self) -> bool {
        self.0
            & (bindings::ieee80211_bss_change_BSS_CHANGED_ERP_SLOT
                | bindings::ieee80211_bss_change_BSS_CHANGED_ERP_PREAMBLE) as u64
            != 0
    }
}

/// The receive filter flags a driver can honour (`FIF_*`).
#[derive(Clone, Copy, Debug)]
pub struct FilterFlags(pub u32);

impl FilterFlags {
    /// Pass all multicast frames.
    pub const ALLMULTI: u32 = bindings::ieee80211_filter_flags_FIF_ALLMULTI;
    /// Pass multicast action frames.
    pub const MCAST_ACTION: u32 = bindings::ieee80211_filter_flags_FIF_MCAST_ACTION;
    /// Pass frames with a bad FCS.
    pub const FCSFAIL: u32 = bindings::ieee80211_filter_flags_FIF_FCSFAIL;
    /// Pass control frames.
    pub const CONTROL: u32 = bindings::ieee80211_filter_flags_FIF_CONTROL;
    /// Pass frames of other BSSs.
    pub const OTHER_BSS: u32 = bindings::ieee80211_filter_flags_FIF_OTHER_BSS;
    /// Pass beacons and probe responses of other BSSs (during scans).
    pub const BCN_PRBRESP_PROMISC: u32 = bindings::ieee80211_filter_flags_FIF_BCN_PRBRESP_PROMISC;
}

/// The radio's configuration as mac80211 last set it (`hw->conf`).
#[derive(Clone, Copy, Debug)]
pub struct Conf {
    /// The operating channel, if any.
    pub channel: Option<Channel>,
    /// Whether the radio is idle (no interface needs it).
    pub idle: bool,
    /// Whether power save is on.
    pub ps: bool,
}

/// Contention parameters of a TX queue (`struct ieee80211_tx_queue_params`).
#[derive(Clone, Copy, Debug)]
pub struct TxQueueParams {
    /// Arbitration interframe space, in slots.
    pub aifs: u8,
    /// Minimum contention window (2^n - 1 slots).
    pub cw_min: u16,
    /// Maximum contention window (2^n - 1 slots).
    pub cw_max: u16,
    /// TX opportunity limit in units of 32 us.
    pub txop: u16,
}

/// What a channel-context (multi-channel) hardware offers beyond
/// [`HwConfig`]; see [`Builder::chanctx`].
#[derive(Clone, Copy, Debug)]
pub struct ChanctxSupport {
    /// SSIDs a hardware scan can probe for.
    pub max_scan_ssids: u8,
    /// Bytes of information elements a scan's probe requests can carry.
    pub max_scan_ie_len: u16,
    /// Longest remain-on-channel period in ms.
    pub max_remain_on_channel_ms: u16,
}
