// SPDX-License-Identifier: GPL-2.0

//! The MAC80211_HWSIM generic netlink family (its numbers are in `uapi`):
//! creating, listing and deleting radios, and a medium in user space
//! (REGISTER here; FRAME and TX_INFO_FRAME in `relay`).

use crate::medium::RadioInfo;
use crate::radios::{NewRadio, Radios};
use crate::regulatory::{RadioReg, CUSTOM_DOMAINS};
use crate::relay;
use crate::tables;
use crate::uapi::{self, attr, cmd};
use crate::wireless::shims::net::genetlink::{
    AttrPolicy, Command, Dump, DumpMessage, Family, Message, Request,
};
use crate::wireless::shims::net::Net;
use crate::wireless::vif::IfType;
use kernel::prelude::*;
use kernel::str::{CStr, CString};
use kernel::sync::Arc;

/// Where attributes are written: a message of its own or one in a dump.
trait Attrs {
    fn put(&mut self, id: u16, data: &[u8]) -> Result;
    fn put_u32(&mut self, id: u16, v: u32) -> Result;
    fn put_flag(&mut self, id: u16) -> Result;
}

impl Attrs for Message {
    fn put(&mut self, id: u16, data: &[u8]) -> Result {
        Message::put(self, id, data)
    }
    fn put_u32(&mut self, id: u16, v: u32) -> Result {
        Message::put_u32(self, id, v)
    }
    fn put_flag(&mut self, id: u16) -> Result {
        Message::put_flag(self, id)
    }
}

impl Attrs for DumpMessage<'_> {
    fn put(&mut self, id: u16, data: &[u8]) -> Result {
        DumpMessage::put(self, id, data)
    }
    fn put_u32(&mut self, id: u16, v: u32) -> Result {
        DumpMessage::put_u32(self, id, v)
    }
    fn put_flag(&mut self, id: u16) -> Result {
        DumpMessage::put_flag(self, id)
    }
}

/// A radio's attributes, as GET_RADIO replies, dumps and NEW_RADIO
/// notifications carry them (mac80211_hwsim's `append_radio_msg`).
fn put_radio(m: &mut impl Attrs, info: &RadioInfo) -> Result {
    m.put_u32(attr::RADIO_ID, info.idx)?;
    m.put_u32(attr::CHANNELS, info.channels)?;
    if let Some(alpha2) = info.reg.alpha2 {
        m.put(attr::REG_HINT_ALPHA2, &alpha2)?;
    }
    if let Some(i) = info.reg.custom {
        m.put_u32(attr::REG_CUSTOM_REG, i as u32)?;
    }
    if info.reg.strict {
        m.put_flag(attr::REG_STRICT_REG)?;
    }
    if info.p2p_device {
        m.put_flag(attr::SUPPORT_P2P_DEVICE)?;
    }
    if info.chanctx {
        m.put_flag(attr::USE_CHANCTX)?;
    }
    m.put(attr::RADIO_NAME, info.name.as_bytes())
}

/// The family's state: the radios it manages.
pub(crate) struct HwsimNetlink {
    pub(crate) radios: Arc<Radios>,
    /// Channels of a radio NEW_RADIO makes without `CHANNELS` (the
    /// module's `channels`).
    pub(crate) default_channels: u32,
}

impl HwsimNetlink {
    fn new_radio(&self, req: &Request<'_, Self>) -> Result<i32> {
        let channels = req
            .u32(attr::CHANNELS.into())
            .unwrap_or(self.default_channels);
        if channels < 1 {
            req.set_error(kernel::c_str!("must have at least one channel"));
            return Err(EINVAL);
        }
        let chanctx = channels > 1 || req.has(attr::USE_CHANCTX.into());
        if req.has(attr::MLO_SUPPORT.into()) || req.has(attr::MULTI_RADIO.into()) {
            req.set_error(kernel::c_str!("MLO and multi-radio are not supported"));
            return Err(EINVAL);
        }
        let alpha2 = match req.str_bytes(attr::REG_HINT_ALPHA2.into()) {
            None => None,
            Some(&[a, b]) => Some([a, b]),
            Some(_) => {
                req.set_error(kernel::c_str!("regulatory hint must be two letters"));
                return Err(EINVAL);
            }
        };
        let custom = match req.u32(attr::REG_CUSTOM_REG.into()) {
            None => None,
            Some(i) if (i as usize) < CUSTOM_DOMAINS.len() => Some(i as usize),
            Some(_) => {
                req.set_error(kernel::c_str!("no such custom regulatory domain"));
                return Err(EINVAL);
            }
        };
        let reg = RadioReg {
            alpha2,
            custom,
            strict: req.has(attr::REG_STRICT_REG.into()),
        };
        let perm_addr = match req.bytes(attr::PERM_ADDR.into()) {
            None => None,
            Some(b) => {
                let mut a = [0u8; uapi::ADDR_LEN];
                a.copy_from_slice(b.get(..uapi::ADDR_LEN).ok_or(EINVAL)?);
                // A valid unicast source address: not multicast, not zero.
                if a[0] & 1 != 0 || a == [0; 6] {
                    req.set_error(kernel::c_str!("MAC is no valid source addr"));
                    return Err(EINVAL);
                }
                Some(a)
            }
        };
        let mask = tables::iftype_support_mask();
        let mut iftypes = match req.u32(attr::IFTYPE_SUPPORT.into()) {
            Some(t) => {
                let p2p_dev = u32::from(IfType::mask(&[IfType::P2pDevice]));
                if t & !(mask | p2p_dev) != 0 {
                    req.set_error(kernel::c_str!("cannot support more iftypes than kernel"));
                    return Err(EINVAL);
                }
                t
            }
            None => mask,
        };
        let p2p_bit = u32::from(IfType::mask(&[IfType::P2pDevice]));
        // Either the flag or the iftype asks for a P2P device; honour both.
        if req.has(attr::SUPPORT_P2P_DEVICE.into()) {
            iftypes |= p2p_bit;
        }
        let ciphers = match req.bytes(attr::CIPHER_SUPPORT.into()) {
            None => None,
            Some(b) => {
                if b.len() % 4 != 0 {
                    req.set_error(kernel::c_str!("bad cipher list length"));
                    return Err(EINVAL);
                }
                if b.len() / 4 > tables::CIPHERS.len() {
                    req.set_error(kernel::c_str!("too many ciphers specified"));
                    return Err(EINVAL);
                }
                let mut v = KVec::new();
                for c in b.chunks_exact(4) {
                    let c = u32::from_ne_bytes([c[0], c[1], c[2], c[3]]);
                    if !tables::CIPHERS.contains(&c) {
                        req.set_error(kernel::c_str!("unsupported ciphers specified"));
                        return Err(EINVAL);
                    }
                    v.push(c, GFP_KERNEL)?;
                }
                Some(v)
            }
        };
        let name = match req.str_bytes(attr::RADIO_NAME.into()) {
            None => None,
            Some(b) => Some(CString::try_from_fmt(kernel::fmt!(
                "{}",
                core::str::from_utf8(b).map_err(|_| EINVAL)?
            ))?),
        };
        let params = NewRadio {
            name: name.as_deref(),
            perm_addr,
            no_vif: req.has(attr::NO_VIF.into()),
            iftypes,
            ciphers,
            destroy_on_close: req
                .has(attr::DESTROY_RADIO_ON_CLOSE.into())
                .then(|| req.portid()),
            channels,
            chanctx,
            reg,
        };
        // The requester's namespace is not exiting: its socket is in it.
        let net = req.net().get().ok_or(ENODEV)?;
        let info = self
            .radios
            .add_radio(&params, Some(&net))
            .inspect_err(|e| {
                if *e == EEXIST {
                    req.set_error(kernel::c_str!("perm addr already present"));
                }
            })?;
        let mut msg = req.notification(cmd::NEW_RADIO)?;
        put_radio(&mut msg, &info)?;
        req.notify(msg, uapi::MCGRP_CONFIG);
        Ok(info.idx as i32)
    }

    fn del_radio(&self, req: &Request<'_, Self>) -> Result<i32> {
        let id = req.u32(attr::RADIO_ID.into());
        let name = req.str_bytes(attr::RADIO_NAME.into());
        if id.is_none() && name.is_none() {
            return Err(EINVAL);
        }
        let net = req.net();
        let removed = self.radios.medium.remove(|r| {
            let hw = r.hw();
            let matches = match id {
                Some(id) => hw.data().idx == id,
                None => Some(hw.wiphy_name().as_bytes()) == name,
            };
            matches && hw.in_net(net)
        });
        let Some(entry) = removed else {
            return Err(ENODEV);
        };
        let idx = entry.hw().data().idx;
        let hwname = CString::try_from_fmt(kernel::fmt!("{}", entry.hw().wiphy_name()))?;
        if let Ok(mut msg) = req.notification(cmd::DEL_RADIO) {
            if msg.put_u32(attr::RADIO_ID, idx).is_ok()
                && msg.put(attr::RADIO_NAME, hwname.as_bytes()).is_ok()
            {
                req.notify(msg, uapi::MCGRP_CONFIG);
            }
        }
        // Unregisters the radio (this may sleep; we are in process context).
        drop(entry);
        Ok(0)
    }

    fn register(&self, req: &Request<'_, Self>) -> Result<i32> {
        let net = req.net();
        self.radios
            .medium
            .register_relay(net, req.portid())
            .inspect_err(|e| {
                if *e == EBUSY {
                    req.set_error(kernel::c_str!("a medium is registered already"));
                }
            })?;
        Ok(0)
    }

    fn get_radio(&self, req: &Request<'_, Self>) -> Result<i32> {
        let Some(id) = req.u32(attr::RADIO_ID.into()) else {
            return Err(EINVAL);
        };
        let net = req.net();
        let info = self
            .radios
            .medium
            .snapshot(net)?
            .into_iter()
            .find(|r| r.idx == id)
            .ok_or(ENODEV)?;
        let mut msg = req.reply_message(cmd::GET_RADIO)?;
        put_radio(&mut msg, &info)?;
        req.reply(msg)?;
        Ok(0)
    }
}

/// The policy's lengths, as `u16`.
const ADDR_LEN: u16 = uapi::ADDR_LEN as u16;
const ALPHA2_LEN: u16 = uapi::ALPHA2_LEN as u16;
const MAX_FRAME_LEN: u16 = uapi::MAX_FRAME_LEN as u16;
const TX_INFO_LEN: u16 = uapi::TX_INFO_LEN as u16;

impl Family for HwsimNetlink {
    const NAME: &'static CStr = uapi::FAMILY_NAME;
    const VERSION: u32 = uapi::FAMILY_VERSION;
    const POLICY: &'static [AttrPolicy] = &[
        AttrPolicy::Unspec,                // UNSPEC
        AttrPolicy::ExactLen(ADDR_LEN),    // ADDR_RECEIVER
        AttrPolicy::ExactLen(ADDR_LEN),    // ADDR_TRANSMITTER
        AttrPolicy::Binary(MAX_FRAME_LEN), // FRAME
        AttrPolicy::U32,                   // FLAGS
        AttrPolicy::U32,                   // RX_RATE
        AttrPolicy::U32,                   // SIGNAL
        AttrPolicy::ExactLen(TX_INFO_LEN), // TX_INFO
        AttrPolicy::U64,                   // COOKIE
        AttrPolicy::U32,                   // CHANNELS
        AttrPolicy::U32,                   // RADIO_ID
        AttrPolicy::String(ALPHA2_LEN),    // REG_HINT_ALPHA2
        AttrPolicy::U32,                   // REG_CUSTOM_REG
        AttrPolicy::Flag,                  // REG_STRICT_REG
        AttrPolicy::Flag,                  // SUPPORT_P2P_DEVICE
        AttrPolicy::Flag,                  // USE_CHANCTX
        AttrPolicy::Flag,                  // DESTROY_RADIO_ON_CLOSE
        AttrPolicy::String(0),             // RADIO_NAME
        AttrPolicy::Flag,                  // NO_VIF
        AttrPolicy::U32,                   // FREQ
        AttrPolicy::Unspec,                // PAD
        AttrPolicy::Binary(0),             // TX_INFO_FLAGS
        AttrPolicy::ExactLen(ADDR_LEN),    // PERM_ADDR
        AttrPolicy::U32,                   // IFTYPE_SUPPORT
        AttrPolicy::Binary(0),             // CIPHER_SUPPORT
        AttrPolicy::Flag,                  // MLO_SUPPORT
        AttrPolicy::Binary(0),             // PMSR_SUPPORT (nested; refused)
        AttrPolicy::Unspec,                // PMSR_REQUEST
        AttrPolicy::Binary(0),             // PMSR_RESULT (nested; refused)
        AttrPolicy::Flag,                  // MULTI_RADIO
    ];
    const COMMANDS: &'static [Command] = &[
        Command {
            cmd: cmd::REGISTER,
            admin: true,
            doit: true,
            dumpit: false,
        },
        // Only the registered medium's socket is heard; anyone else gets
        // -EINVAL, as from mac80211_hwsim.
        Command {
            cmd: cmd::FRAME,
            admin: false,
            doit: true,
            dumpit: false,
        },
        Command {
            cmd: cmd::TX_INFO_FRAME,
            admin: false,
            doit: true,
            dumpit: false,
        },
        Command {
            cmd: cmd::NEW_RADIO,
            admin: true,
            doit: true,
            dumpit: false,
        },
        Command {
            cmd: cmd::DEL_RADIO,
            admin: true,
            doit: true,
            dumpit: false,
        },
        Command {
            cmd: cmd::GET_RADIO,
            admin: false,
            doit: true,
            dumpit: true,
        },
    ];
    const MCAST_GROUPS: &'static [&'static CStr] = &uapi::MCGRP_NAMES;

    fn doit(&self, cmd: u8, req: &Request<'_, Self>) -> Result<i32> {
        match cmd {
            cmd::REGISTER => self.register(req),
            cmd::FRAME => relay::frame_received(&self.radios.medium, req),
            cmd::TX_INFO_FRAME => relay::tx_info_received(&self.radios.medium, req),
            cmd::NEW_RADIO => self.new_radio(req),
            cmd::DEL_RADIO => self.del_radio(req),
            cmd::GET_RADIO => self.get_radio(req),
            _ => Err(EINVAL),
        }
    }

    fn socket_released(&self, net: &Net, portid: u32) {
        self.radios.medium.socket_released(net, portid);
    }

    fn dumpit(&self, _cmd: u8, dump: &mut Dump<'_, Self>) -> Result {
        let net = dump.net();
        let radios = self.radios.medium.snapshot(net)?;
        // In `idx` order without sorting: each round takes the lowest `idx`
        // not dumped yet. (`slice::sort*` brings in core's
        // `panic_on_ord_violation`, a panic path 6.12's objtool does not
        // know never returns.)
        let mut from = dump.cursor();
        while let Some(r) = radios
            .iter()
            .filter(|r| i64::from(r.idx) >= from)
            .min_by_key(|r| r.idx)
        {
            let added = dump.add(cmd::GET_RADIO, |m| put_radio(m, r))?;
            if !added {
                break;
            }
            from = i64::from(r.idx) + 1;
            dump.set_cursor(from);
        }
        Ok(())
    }
}
