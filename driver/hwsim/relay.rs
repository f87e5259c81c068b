// SPDX-License-Identifier: GPL-2.0

//! A medium in user space (such as wmediumd) instead of the built-in one:
//! this module speaks its side of the family.
//!
//! A socket that sends REGISTER takes over the medium of its network
//! namespace: every frame a radio there transmits goes to it as a FRAME
//! message with a cookie, and waits in the radio's pending queue until the
//! medium reports how it went (TX_INFO_FRAME). The medium delivers frames
//! with FRAME messages naming the receiver. When the socket closes, the
//! built-in medium takes over again. Radios are named by their second
//! address, as in mac80211_hwsim.
//!
//! Here the messages are written and read; what they do to the radios
//! (queueing, delivery, status) is the medium's (`medium`).

use crate::medium::{Delivery, Medium, Outcome, Uplink};
use crate::radio::Radio;
use crate::uapi::{self, attr, cmd};
use crate::wireless::channel::Channel;
use crate::wireless::mac80211::{TxFrame, TxInfo, TxRate, TX_MAX_RATES};
use crate::wireless::shims::net::genetlink::{Family, Message, Request, Sender};
use crate::wireless::shims::net::skb::SkBuff;
use crate::wireless::shims::net::Net;
use crate::wireless::vif::MacAddr;
use kernel::prelude::*;

// TX_INFO carries mac80211's retry chain entry for entry.
const _: () = assert!(uapi::TX_MAX_RATES == TX_MAX_RATES);

/// The family's sender carries frames to the medium.
impl<F: Family> Uplink for Sender<F> {
    fn frame_message(
        &self,
        from: &Radio,
        skb: &TxFrame,
        channel: Channel,
        info: &TxInfo,
        cookie: u64,
    ) -> Result<Message> {
        let mut msg = self.message(cmd::FRAME)?;
        msg.put(attr::ADDR_TRANSMITTER, &from.medium_addr)?;
        msg.put(attr::FRAME, skb.data())?;
        let mut flags = 0;
        if info.req_tx_status {
            flags |= uapi::TX_CTL_REQ_TX_STATUS;
        }
        if info.no_ack {
            flags |= uapi::TX_CTL_NO_ACK;
        }
        msg.put_u32(attr::FLAGS, flags)?;
        msg.put_u32(attr::FREQ, channel.freq)?;
        // hwsim's rate flags are mac80211's.
        let mut rates = [[0u8; uapi::TX_RATE_LEN]; uapi::TX_MAX_RATES];
        let mut rate_flags = [[0u8; uapi::TX_RATE_FLAG_LEN]; uapi::TX_MAX_RATES];
        for ((rate, r), f) in info
            .rates
            .iter()
            .zip(rates.iter_mut())
            .zip(rate_flags.iter_mut())
        {
            let [flags0, flags1] = rate.flags.to_ne_bytes();
            *r = [rate.idx as u8, rate.count];
            *f = [rate.idx as u8, flags0, flags1];
        }
        msg.put(attr::TX_INFO, rates.as_flattened())?;
        msg.put(attr::TX_INFO_FLAGS, rate_flags.as_flattened())?;
        msg.put_u64(attr::COOKIE, cookie, attr::PAD)?;
        Ok(msg)
    }

    fn mac_addr_message(&self, radio_addr: &MacAddr, addr: &MacAddr, add: bool) -> Result<Message> {
        let mut msg = self.message(if add {
            cmd::ADD_MAC_ADDR
        } else {
            cmd::DEL_MAC_ADDR
        })?;
        msg.put(attr::ADDR_TRANSMITTER, radio_addr)?;
        msg.put(attr::ADDR_RECEIVER, addr)?;
        Ok(msg)
    }

    fn unicast(&self, msg: Message, net: &Net, portid: u32) -> Result {
        Sender::unicast(self, msg, net, portid)
    }
}

fn mac(b: &[u8]) -> Option<MacAddr> {
    b.get(..uapi::ADDR_LEN)?.try_into().ok()
}

/// FRAME from the medium: deliver a frame to the receiver it names.
pub(crate) fn frame_received<F>(medium: &Medium, req: &Request<'_, F>) -> Result<i32> {
    let (Some(to), Some(frame), Some(rate), Some(signal)) = (
        req.bytes(attr::ADDR_RECEIVER.into()).and_then(mac),
        req.bytes(attr::FRAME.into()),
        req.u32(attr::RX_RATE.into()),
        req.u32(attr::SIGNAL.into()),
    ) else {
        return Err(EINVAL);
    };
    if !(uapi::MIN_FRAME_LEN..=uapi::MAX_FRAME_LEN).contains(&frame.len()) {
        return Err(EINVAL);
    }
    let skb = SkBuff::from_data(frame)?;
    let delivery = Delivery {
        to,
        skb,
        rate,
        signal,
        freq: req.u32(attr::FREQ.into()),
    };
    medium.deliver_relayed(req.net().id(), req.portid(), delivery)?;
    Ok(0)
}

/// TX_INFO_FRAME from the medium: how a frame it was handed went.
pub(crate) fn tx_info_received<F>(medium: &Medium, req: &Request<'_, F>) -> Result<i32> {
    let (Some(from), Some(flags), Some(cookie), Some(signal), Some(tx_info)) = (
        req.bytes(attr::ADDR_TRANSMITTER.into()).and_then(mac),
        req.u32(attr::FLAGS.into()),
        req.u64(attr::COOKIE.into()),
        req.u32(attr::SIGNAL.into()),
        req.bytes(attr::TX_INFO.into()),
    ) else {
        return Err(EINVAL);
    };
    // The policy makes TX_INFO exactly TX_MAX_RATES entries long.
    let mut rates = [TxRate::default(); TX_MAX_RATES];
    for (i, r) in rates.iter_mut().enumerate() {
        let at = i * uapi::TX_RATE_LEN;
        if let (Some(&idx), Some(&count)) = (tx_info.get(at), tx_info.get(at + 1)) {
            r.idx = idx as i8;
            r.count = count;
        }
    }
    let outcome = Outcome {
        from,
        cookie,
        rates,
        signal,
        no_ack: flags & uapi::TX_CTL_NO_ACK != 0,
        ack: flags & uapi::TX_STAT_ACK != 0,
    };
    medium.report_relayed(req.net().id(), req.portid(), &outcome)?;
    Ok(0)
}
