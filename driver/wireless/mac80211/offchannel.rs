// SPDX-License-Identifier: GPL-2.0

//! Hardware scans and remain-on-channel periods: what a driver with its
//! own channel contexts tells mac80211, and the probes it sends.

use super::hw::Hw;
use super::ops::Ops;
use super::tx::TxFrame;
use crate::wireless::bindings;
use crate::wireless::shims::net::skb::SkBuff;
use crate::wireless::vif::MacAddr;
use core::ptr;

impl<T: Ops> Hw<T> {
    /// Ends the hardware scan [`Ops::hw_scan`] started; any context.
    pub fn scan_completed(&self, aborted: bool) {
        let mut info = bindings::cfg80211_scan_info {
            aborted,
            ..Default::default()
        };
        // SAFETY: the hw is valid; mac80211 copies the information and
        // finishes the scan in its own work.
        unsafe { bindings::ieee80211_scan_completed(self.as_raw(), &mut info) }
    }

    /// Tells mac80211 the radio is on the remain-on-channel channel.
    pub fn ready_on_channel(&self) {
        // SAFETY: the hw is valid; the notification is queued as work.
        unsafe { bindings::ieee80211_ready_on_channel(self.as_raw()) }
    }

    /// Tells mac80211 the remain-on-channel period is over.
    pub fn remain_on_channel_expired(&self) {
        // SAFETY: as in `ready_on_channel`.
        unsafe { bindings::ieee80211_remain_on_channel_expired(self.as_raw()) }
    }

    /// A probe request from `src` to `bssid` for `ssid` carrying `ies`, as
    /// a hardware scan sends it: lowest rate, one attempt, no ACK wanted
    /// for a group address.
    pub fn probe_request(
        &self,
        src: &MacAddr,
        bssid: &MacAddr,
        ssid: &[u8],
        ies: &[u8],
    ) -> Option<TxFrame> {
        // SAFETY: the hw is valid; the addresses and SSID are read during
        // the call; the returned buffer (if any) is ours, with `ies.len()`
        // bytes of tailroom, which `skb_put` then uses.
        let mut skb = unsafe {
            let raw = bindings::ieee80211_probereq_get(
                self.as_raw(),
                src.as_ptr(),
                ssid.as_ptr(),
                ssid.len(),
                ies.len(),
            );
            if raw.is_null() {
                return None;
            }
            if !ies.is_empty() {
                let tail = bindings::skb_put(raw, ies.len() as u32);
                ptr::copy_nonoverlapping(ies.as_ptr(), tail.cast::<u8>(), ies.len());
            }
            SkBuff::from_raw(raw)?
        };
        // addr1 (DA) and addr3 (BSSID) of the management header.
        let data = skb.data_mut();
        if let Some(da) = data.get_mut(4..10) {
            da.copy_from_slice(bssid);
        }
        if let Some(b) = data.get_mut(16..22) {
            b.copy_from_slice(bssid);
        }
        Some(TxFrame::own(skb, bssid[0] & 1 != 0))
    }
}
