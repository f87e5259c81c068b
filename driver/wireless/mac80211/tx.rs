// SPDX-License-Identifier: GPL-2.0

//! Frames on their way out through a mac80211 hardware: the [`TxFrame`]
//! only mac80211's hand-offs (and the layer's own frame builders) create,
//! what a driver reads from it, and how it goes back to mac80211 (status,
//! drop).

use super::hw::Hw;
use super::ops::Ops;
use super::rate::{Bandwidth, Encoding};
use crate::wireless::bindings;
use crate::wireless::channel::Channel;
use crate::wireless::shims::net::skb::{self, SkBuff};
use crate::wireless::vif::Vif;
use core::ptr;

/// Number of rates in a frame's retry chain (`IEEE80211_TX_MAX_RATES`).
pub const TX_MAX_RATES: usize = 4;

/// One rate of a frame's retry chain (`struct ieee80211_tx_rate`).
#[derive(Clone, Copy, Debug, Default)]
pub struct TxRate {
    /// Index into the band's bitrates or MCS index; -1 ends the chain.
    pub idx: i8,
    /// Attempts at this rate.
    pub count: u8,
    /// `IEEE80211_TX_RC_*` flags.
    pub flags: u16,
}

/// The parts of a frame's TX information a medium needs.
#[derive(Clone, Copy, Debug)]
pub struct TxInfo {
    /// The sender does not expect an acknowledgement.
    pub no_ack: bool,
    /// The sender wants to hear how the transmission went.
    pub req_tx_status: bool,
    /// The retry chain.
    pub rates: [TxRate; TX_MAX_RATES],
    /// First rate's index into the band's bitrates, or its MCS (HT, VHT),
    /// as `encoding` says.
    pub rate_idx: i8,
    /// How the first rate is coded.
    pub encoding: Encoding,
    /// The first rate's channel width.
    pub bandwidth: Bandwidth,
    /// First rate uses the short guard interval.
    pub short_gi: bool,
    /// The frame goes out on a remain-on-channel channel, not on its
    /// interface's (`IEEE80211_TX_CTL_TX_OFFCHAN`).
    pub offchannel: bool,
}

/// How a frame wants to be retried and numbered by hardware that does
/// both itself.
#[derive(Clone, Copy, Debug)]
pub struct TxControl {
    /// Attempts at the first rate, at least 1.
    pub tries: u8,
    /// The driver assigns the sequence number.
    pub assign_seq: bool,
    /// First fragment of an MSDU (a new sequence number starts).
    pub first_fragment: bool,
}

/// RTS/CTS protection of a frame.
#[derive(Clone, Copy, Debug)]
pub struct Protection {
    /// CTS-to-self rather than an RTS/CTS exchange.
    pub cts_to_self: bool,
    /// Index of the rate for the RTS or CTS frame.
    pub rate_idx: i8,
    /// Duration field of the RTS or CTS frame, in us.
    pub duration: u16,
}

/// What mac80211 says about the interface sending a frame, read while it
/// hands the frame over: the interface may be gone by the time a driver
/// looks at the frame again, so nothing later reads it from the frame.
#[derive(Clone, Copy, Debug, Default)]
pub struct TxSender {
    /// The sending interface's TX power in dBm, when the frame has one.
    pub txpower: Option<i32>,
    /// The channel of the sending interface's channel context, if it has
    /// one (channel-context hardware).
    pub chanctx_channel: Option<Channel>,
    /// RTS/CTS or CTS-to-self protection, if any.
    pub protection: Option<Protection>,
}

/// How a transmission went, as an external medium reports it.
#[derive(Clone, Copy, Debug)]
pub struct TxReport {
    /// The rates tried and their attempts (`count` 0 or `idx` -1 ends it).
    pub rates: [TxRate; TX_MAX_RATES],
    /// Signal of the acknowledgement in dBm.
    pub ack_signal: i32,
    /// The frame was acknowledged.
    pub acked: bool,
    /// The frame went out without asking for an acknowledgement.
    pub noack_transmitted: bool,
}

/// A frame to transmit: a linear socket buffer whose control block is its
/// `ieee80211_tx_info`.
///
/// # Invariants
///
/// The control block holds a TX information whose `control` part (flags,
/// retry chain) is valid: mac80211 filled it, or the layer did for a frame
/// it built. The layer reads it only while the frame is a `TxFrame`, turns
/// it into a status only when the frame is given back to mac80211, and
/// never reads `control.vif` (valid only during the hand-off) from it.
pub struct TxFrame {
    skb: SkBuff,
}

impl TxFrame {
    /// # Safety
    ///
    /// `skb`'s control block must hold a valid `ieee80211_tx_info`.
    pub(in crate::wireless) unsafe fn from_skb(skb: SkBuff) -> Self {
        // INVARIANT: the caller's promise.
        Self { skb }
    }

    /// A frame holding a copy of `data`, with an empty TX information (as
    /// a freshly allocated buffer has: rate index 0, no flags), for frames
    /// a driver makes up itself. Atomic context is fine.
    pub fn from_data_atomic(data: &[u8]) -> Option<TxFrame> {
        let skb = SkBuff::from_data_atomic(data).ok()?;
        Some(Self::zeroed(skb))
    }

    /// Makes the control block of a buffer the layer built an empty TX
    /// information.
    fn zeroed(skb: SkBuff) -> TxFrame {
        // SAFETY: the buffer is ours and its control block, as big as a TX
        // information, becomes one here, filled from zero.
        unsafe {
            let info = bindings::rwlan_skb_tx_info(skb.as_raw());
            ptr::write_bytes(info, 0, 1);
        }
        // INVARIANT: an all-zero TX information is a valid one.
        Self { skb }
    }

    /// A frame the layer built, sent like a hardware scan's probe: the
    /// lowest rate, once, no ACK wanted for a group address.
    pub(in crate::wireless) fn own(skb: SkBuff, group_addressed: bool) -> TxFrame {
        let frame = Self::zeroed(skb);
        // SAFETY: the control block is the frame's TX information, ours to
        // fill.
        unsafe {
            let info = &mut *bindings::rwlan_skb_tx_info(frame.skb.as_raw());
            let control = &mut info.__bindgen_anon_1.control;
            let rates = &mut control.__bindgen_anon_1.__bindgen_anon_1.rates;
            rates[0].idx = 0;
            rates[0].set_count(1);
            rates[1].idx = -1;
            if group_addressed {
                info.flags |= bindings::mac80211_tx_info_flags_IEEE80211_TX_CTL_NO_ACK;
            }
        }
        frame
    }

    /// The buffer, for reading.
    pub fn skb(&self) -> &SkBuff {
        &self.skb
    }

    /// The frame bytes.
    pub fn data(&self) -> &[u8] {
        self.skb.data()
    }

    /// The frame bytes, writable.
    pub fn data_mut(&mut self) -> &mut [u8] {
        self.skb.data_mut()
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.skb.len()
    }

    /// Prepends `n` bytes of headroom (see [`SkBuff::push`]).
    pub fn push(&mut self, n: usize) -> Option<&mut [u8]> {
        self.skb.push(n)
    }

    /// Removes `n` bytes from the start (see [`SkBuff::pull`]).
    pub fn pull(&mut self, n: usize) -> bool {
        self.skb.pull(n)
    }

    /// Drops what ties the buffer to its sender (see
    /// [`SkBuff::release_source`]).
    pub fn release_source(&mut self) {
        self.skb.release_source()
    }

    /// A private copy of the frame for a receiver (head and data, without
    /// the TX information); atomic.
    pub fn copy_atomic(&self) -> Option<SkBuff> {
        self.skb.copy_atomic()
    }

    fn raw_info(&self) -> &bindings::ieee80211_tx_info {
        // SAFETY: by the invariant the control block is a TX information,
        // which lives as long as the buffer, that is as long as `&self`.
        unsafe { &*bindings::rwlan_skb_tx_info(self.skb.as_raw()) }
    }

    /// The mac80211 queue the frame was sent on (0 = VO, 1 = VI, 2 = BE,
    /// 3 = BK on a hardware with four).
    pub fn queue(&self) -> u16 {
        // SAFETY: the buffer is valid as long as `&self`; reading one of
        // its fields.
        unsafe { (*self.skb.as_raw()).queue_mapping }
    }

    /// What a medium needs from the frame's TX information.
    pub fn info(&self) -> TxInfo {
        let info = self.raw_info();
        // SAFETY: by the invariant the `control` part is the valid one.
        let chain = unsafe {
            &info
                .__bindgen_anon_1
                .control
                .__bindgen_anon_1
                .__bindgen_anon_1
                .rates
        };
        let first = u32::from(chain[0].flags());
        let mut rates = [TxRate::default(); TX_MAX_RATES];
        for (r, c) in rates.iter_mut().zip(chain.iter()) {
            *r = TxRate {
                idx: c.idx,
                count: c.count() as u8,
                flags: c.flags() as u16,
            };
        }
        let flag = |f: u32| info.flags & f != 0;
        let rc = |f: u32| first & f != 0;
        // mac80211 codes a VHT rate's index as (streams - 1) << 4 | MCS.
        let (encoding, rate_idx) =
            if rc(bindings::mac80211_rate_control_flags_IEEE80211_TX_RC_VHT_MCS) {
                let idx = chain[0].idx as u8;
                (
                    Encoding::Vht {
                        nss: (idx >> 4) + 1,
                    },
                    (idx & 0xf) as i8,
                )
            } else if rc(bindings::mac80211_rate_control_flags_IEEE80211_TX_RC_MCS) {
                (Encoding::Ht, chain[0].idx)
            } else {
                (Encoding::Legacy, chain[0].idx)
            };
        let bandwidth = if rc(bindings::mac80211_rate_control_flags_IEEE80211_TX_RC_40_MHZ_WIDTH) {
            Bandwidth::Mhz40
        } else if rc(bindings::mac80211_rate_control_flags_IEEE80211_TX_RC_80_MHZ_WIDTH) {
            Bandwidth::Mhz80
        } else if rc(bindings::mac80211_rate_control_flags_IEEE80211_TX_RC_160_MHZ_WIDTH) {
            Bandwidth::Mhz160
        } else {
            Bandwidth::Mhz20
        };
        TxInfo {
            no_ack: flag(bindings::mac80211_tx_info_flags_IEEE80211_TX_CTL_NO_ACK),
            req_tx_status: flag(bindings::mac80211_tx_info_flags_IEEE80211_TX_CTL_REQ_TX_STATUS),
            rates,
            rate_idx,
            encoding,
            bandwidth,
            short_gi: rc(bindings::mac80211_rate_control_flags_IEEE80211_TX_RC_SHORT_GI),
            offchannel: flag(bindings::mac80211_tx_info_flags_IEEE80211_TX_CTL_TX_OFFCHAN),
        }
    }

    /// How the frame wants to be retried and numbered.
    pub fn control(&self) -> TxControl {
        let info = self.raw_info();
        // SAFETY: by the invariant the `control` part is the valid one.
        let first = unsafe {
            &info
                .__bindgen_anon_1
                .control
                .__bindgen_anon_1
                .__bindgen_anon_1
                .rates[0]
        };
        let flag = |f: u32| info.flags & f != 0;
        TxControl {
            tries: (first.count() as u8).max(1),
            assign_seq: flag(bindings::mac80211_tx_info_flags_IEEE80211_TX_CTL_ASSIGN_SEQ),
            first_fragment: flag(bindings::mac80211_tx_info_flags_IEEE80211_TX_CTL_FIRST_FRAGMENT),
        }
    }

    /// Gives up ownership, for a mac80211 function that takes the frame.
    pub(in crate::wireless) fn into_raw(self) -> *mut bindings::sk_buff {
        self.skb.into_raw()
    }
}

// SAFETY: `into_raw` and `from_raw` move ownership of the buffer and keep
// its control block, so the invariant holds across the trip.
unsafe impl skb::OwnedSkb for TxFrame {
    fn skb(&self) -> &SkBuff {
        &self.skb
    }

    fn into_raw(self) -> *mut bindings::sk_buff {
        self.skb.into_raw()
    }

    unsafe fn from_raw(ptr: *mut bindings::sk_buff) -> Option<Self> {
        // SAFETY: the caller hands over a buffer that was a `TxFrame`.
        unsafe { SkBuff::from_raw(ptr).map(|skb| Self::from_skb(skb)) }
    }
}

impl<T: Ops> Hw<T> {
    /// Reports a transmitted frame: sent once at its first rate, and
    /// acknowledged when `acked` (unless it asked for no ACK).
    pub fn tx_status(&self, skb: TxFrame, acked: bool) {
        self.tx_status_tries(skb, 1, acked);
    }

    /// Reports a transmitted frame sent `tries` times (1 to 31) at its
    /// first rate, acknowledged when `acked` (unless it asked for no ACK).
    pub fn tx_status_tries(&self, skb: TxFrame, tries: u8, acked: bool) {
        let raw = skb.into_raw();
        // SAFETY: `raw` is a valid TX frame we own (`TxFrame`'s invariant);
        // its control block holds the TX information, which becomes the
        // status here as the frame goes back to mac80211.
        unsafe {
            let info = bindings::rwlan_skb_tx_info(raw);
            bindings::rwlan_tx_info_clear_status(info);
            let info = &mut *info;
            let rates = &mut info.__bindgen_anon_1.status.rates;
            rates[0].set_count(tries.clamp(1, 31).into());
            rates[1].idx = -1;
            if acked && info.flags & bindings::mac80211_tx_info_flags_IEEE80211_TX_CTL_NO_ACK == 0 {
                info.flags |= bindings::mac80211_tx_info_flags_IEEE80211_TX_STAT_ACK;
            }
            bindings::ieee80211_tx_status_irqsafe(self.as_raw(), raw);
        }
    }

    /// Reports a transmitted frame as an external medium saw it go.
    pub fn tx_status_report(&self, skb: TxFrame, report: &TxReport) {
        let raw = skb.into_raw();
        // SAFETY: as in `tx_status`.
        unsafe {
            let info = bindings::rwlan_skb_tx_info(raw);
            bindings::rwlan_tx_info_clear_status(info);
            let info = &mut *info;
            let status = &mut info.__bindgen_anon_1.status;
            for (d, r) in status.rates.iter_mut().zip(report.rates.iter()) {
                d.idx = r.idx;
                d.set_count(r.count.min(31).into());
            }
            status.ack_signal = report.ack_signal;
            if report.acked {
                info.flags |= bindings::mac80211_tx_info_flags_IEEE80211_TX_STAT_ACK;
            }
            if report.noack_transmitted {
                info.flags |= bindings::mac80211_tx_info_flags_IEEE80211_TX_STAT_NOACK_TRANSMITTED;
            }
            bindings::ieee80211_tx_status_irqsafe(self.as_raw(), raw);
        }
    }

    /// Drops a frame without transmitting it.
    pub fn drop_tx(&self, skb: TxFrame) {
        // SAFETY: the hw is valid and the frame is a TX frame we own
        // (`TxFrame`'s invariant).
        unsafe { bindings::ieee80211_free_txskb(self.as_raw(), skb.into_raw()) }
    }

    /// The current beacon of an AP, IBSS or mesh interface; atomic context.
    pub fn beacon(&self, vif: &Vif) -> Option<TxFrame> {
        // SAFETY: hw and vif are valid; the returned buffer is ours, with
        // its TX information filled by mac80211.
        unsafe {
            let skb = SkBuff::from_raw(bindings::ieee80211_beacon_get_tim(
                self.as_raw(),
                vif.as_raw(),
                ptr::null_mut(),
                ptr::null_mut(),
                0,
            ))?;
            Some(TxFrame::from_skb(skb))
        }
    }

    /// Tells mac80211 a beacon of `vif` went out: a channel switch or BSS
    /// colour change whose countdown that beacon ended is finished (what
    /// mac80211 expects of drivers that send beacons themselves).
    pub fn beacon_sent(&self, vif: &Vif) {
        let raw = vif.as_raw();
        // SAFETY: the vif is valid; these flags are racy reads of `bool`s
        // mac80211 only sets whole, as in `Vif::beacon_enabled`. The
        // countdown check and the finish calls take any valid vif, from
        // any context, and only queue work.
        unsafe {
            let conf = &raw const (*raw).bss_conf;
            if ptr::read_volatile(&raw const (*conf).csa_active)
                && bindings::ieee80211_beacon_cntdwn_is_complete(raw, 0)
            {
                bindings::ieee80211_csa_finish(raw, 0);
            }
            if ptr::read_volatile(&raw const (*conf).color_change_active)
                && bindings::ieee80211_beacon_cntdwn_is_complete(raw, 0)
            {
                bindings::ieee80211_color_change_finish(raw, 0);
            }
        }
    }

    /// Stops every TX queue: mac80211 hands over no frame until
    /// [`Hw::wake_queues`]. Any context.
    pub fn stop_queues(&self) {
        // SAFETY: the hw is registered; the call takes any context.
        unsafe { bindings::ieee80211_stop_queues(self.as_raw()) }
    }

    /// Restarts every TX queue. Any context.
    pub fn wake_queues(&self) {
        // SAFETY: as in `stop_queues`.
        unsafe { bindings::ieee80211_wake_queues(self.as_raw()) }
    }

    /// The next group-addressed frame buffered for after the beacon.
    pub fn buffered_broadcast(&self, vif: &Vif) -> Option<TxFrame> {
        // SAFETY: hw and vif are valid; the returned buffer is ours, a TX
        // frame mac80211 kept back.
        unsafe {
            let skb = SkBuff::from_raw(bindings::ieee80211_get_buffered_bc(
                self.as_raw(),
                vif.as_raw(),
            ))?;
            Some(TxFrame::from_skb(skb))
        }
    }
}
