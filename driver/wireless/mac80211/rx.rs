// SPDX-License-Identifier: GPL-2.0

//! Received frames: their status and the hand-off to mac80211.

use super::hw::Hw;
use super::ops::Ops;
use super::rate::{Bandwidth, Encoding};
use crate::wireless::bindings;
use crate::wireless::channel::Channel;
use crate::wireless::shims::net::skb::SkBuff;
use core::ptr;

/// What a receiver tells mac80211 about a frame (`ieee80211_rx_status`).
#[derive(Clone, Copy, Debug)]
pub struct RxStatus {
    /// Channel the frame arrived on.
    pub channel: Channel,
    /// Signal strength in dBm.
    pub signal: i8,
    /// Rate index (legacy) or MCS (HT, VHT), as `encoding` says.
    pub rate_idx: u8,
    /// How the rate is coded.
    pub encoding: Encoding,
    /// The width the frame was sent at.
    pub bandwidth: Bandwidth,
    /// Short guard interval.
    pub short_gi: bool,
    /// TSF (in us) of the receiver when the first symbol arrived, if
    /// known.
    pub mactime: Option<u64>,
    /// Boot time in ns of reception, for beacons and probe responses.
    pub boottime_ns: Option<u64>,
}

impl RxStatus {
    /// The status of a legacy (non-HT) frame that arrived on `channel` at
    /// TSF `mactime` (us).
    pub fn legacy(channel: Channel, signal: i8, rate_idx: u8, mactime: u64) -> Self {
        Self {
            channel,
            signal,
            rate_idx,
            encoding: Encoding::Legacy,
            bandwidth: Bandwidth::Mhz20,
            short_gi: false,
            mactime: Some(mactime),
            boottime_ns: None,
        }
    }
}

/// What a received frame's status says beyond [`RxStatus`].
#[derive(Clone, Copy, Debug, Default)]
pub struct RxFlags {
    /// The frame failed its FCS check (passed up for monitors only).
    pub fcs_failed: bool,
    /// It was sent with a short PLCP preamble.
    pub short_preamble: bool,
    /// The antenna it was received on (reported in radiotap).
    pub antenna: u8,
}

impl<T: Ops> Hw<T> {
    /// Hands a received frame to mac80211; callable from any context.
    pub fn rx(&self, skb: SkBuff, status: &RxStatus) {
        self.rx_flagged(skb, status, RxFlags::default())
    }

    /// Hands a received frame with extra status flags to mac80211; any
    /// context.
    pub fn rx_flagged(&self, skb: SkBuff, status: &RxStatus, flags: RxFlags) {
        let raw = skb.into_raw();
        // SAFETY: `raw` is a valid buffer we own; its control block becomes
        // the RX status, which we fill from zero as mac80211 expects.
        unsafe {
            let st = bindings::rwlan_skb_rx_status(raw);
            ptr::write_bytes(st, 0, 1);
            let st = &mut *st;
            if let Some(mactime) = status.mactime {
                st.flag = bindings::mac80211_rx_flags_RX_FLAG_MACTIME_START;
                st.mactime = mactime;
            }
            if let Some(ns) = status.boottime_ns {
                st.__bindgen_anon_1.boottime_ns = ns;
            }
            st.set_freq(status.channel.freq as u16);
            st.band = status.channel.band.raw() as u8;
            st.signal = status.signal;
            st.rate_idx = status.rate_idx;
            match status.encoding {
                Encoding::Legacy => {}
                Encoding::Ht => st.set_encoding(bindings::mac80211_rx_encoding_RX_ENC_HT as u8),
                Encoding::Vht { nss } => {
                    st.set_encoding(bindings::mac80211_rx_encoding_RX_ENC_VHT as u8);
                    st.nss = nss;
                }
            }
            st.set_bw(status.bandwidth.raw());
            if status.short_gi {
                st.enc_flags |= bindings::mac80211_rx_encoding_flags_RX_ENC_FLAG_SHORT_GI as u8;
            }
            if flags.short_preamble {
                st.enc_flags |= bindings::mac80211_rx_encoding_flags_RX_ENC_FLAG_SHORTPRE as u8;
            }
            if flags.fcs_failed {
                st.flag |= bindings::mac80211_rx_flags_RX_FLAG_FAILED_FCS_CRC;
            }
            st.antenna = flags.antenna;
            let port = self.private().rx_port;
            if port.is_null() {
                bindings::ieee80211_rx_irqsafe(self.as_raw(), raw);
            } else {
                // By `HwPriv`'s invariant the port lives as long as the hw.
                bindings::rwlan_rx_port_queue(port, raw);
            }
        }
    }

    /// Opens or closes the hardware's NAPI port, if it has one; closing
    /// drops what waits in it and waits for a running poll. Sleeps.
    pub(super) fn set_rx_open(&self, open: bool) {
        let port = self.private().rx_port;
        if !port.is_null() {
            // SAFETY: by `HwPriv`'s invariant the port lives as long as the
            // hw; called from the `start` and `stop` callbacks only.
            unsafe { bindings::rwlan_rx_port_set_open(port, open) };
        }
    }
}
