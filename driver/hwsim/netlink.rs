// SPDX-License-Identifier: GPL-2.0

//! The MAC80211_HWSIM generic netlink family: the commands, attributes and
//! numbers of mac80211_hwsim (include/.../mac80211_hwsim.h) for creating,
//! listing and deleting radios, and for a medium in user space (REGISTER,
//! FRAME, TX_INFO_FRAME; see `relay`).

use crate::relay;
use crate::tables;
use crate::wireless::shims::net::genetlink::{AttrPolicy, Command, Dump, Family, Request};
use crate::wireless::shims::net::Net;
use crate::wireless::vif::IfType;
use crate::Radios;
use kernel::prelude::*;
use kernel::str::{CStr, CString};
use kernel::sync::Arc;

/// Commands (`enum hwsim_commands`), all of them for the numbering.
#[allow(dead_code)]
pub(crate) mod cmd {
    pub(crate) const REGISTER: u8 = 1;
    pub(crate) const FRAME: u8 = 2;
    pub(crate) const TX_INFO_FRAME: u8 = 3;
    pub(crate) const NEW_RADIO: u8 = 4;
    pub(crate) const DEL_RADIO: u8 = 5;
    pub(crate) const GET_RADIO: u8 = 6;
}

/// Attributes (`enum hwsim_attrs`), all of them for the numbering.
#[allow(dead_code)]
pub(crate) mod attr {
    pub(crate) const ADDR_RECEIVER: u16 = 1;
    pub(crate) const ADDR_TRANSMITTER: u16 = 2;
    pub(crate) const FRAME: u16 = 3;
    pub(crate) const FLAGS: u16 = 4;
    pub(crate) const RX_RATE: u16 = 5;
    pub(crate) const SIGNAL: u16 = 6;
    pub(crate) const TX_INFO: u16 = 7;
    pub(crate) const COOKIE: u16 = 8;
    pub(crate) const CHANNELS: u16 = 9;
    pub(crate) const RADIO_ID: u16 = 10;
    pub(crate) const REG_HINT_ALPHA2: u16 = 11;
    pub(crate) const REG_CUSTOM_REG: u16 = 12;
    pub(crate) const REG_STRICT_REG: u16 = 13;
    pub(crate) const SUPPORT_P2P_DEVICE: u16 = 14;
    pub(crate) const USE_CHANCTX: u16 = 15;
    pub(crate) const DESTROY_RADIO_ON_CLOSE: u16 = 16;
    pub(crate) const RADIO_NAME: u16 = 17;
    pub(crate) const NO_VIF: u16 = 18;
    pub(crate) const FREQ: u16 = 19;
    pub(crate) const PAD: u16 = 20;
    pub(crate) const TX_INFO_FLAGS: u16 = 21;
    pub(crate) const PERM_ADDR: u16 = 22;
    pub(crate) const IFTYPE_SUPPORT: u16 = 23;
    pub(crate) const CIPHER_SUPPORT: u16 = 24;
    pub(crate) const MLO_SUPPORT: u16 = 25;
    pub(crate) const PMSR_SUPPORT: u16 = 26;
    pub(crate) const PMSR_REQUEST: u16 = 27;
    pub(crate) const PMSR_RESULT: u16 = 28;
    pub(crate) const MULTI_RADIO: u16 = 29;
}

/// Multicast group of radio notifications (`HWSIM_MCGRP_CONFIG`).
const MCGRP_CONFIG: u32 = 0;

/// `IEEE80211_MAX_DATA_LEN`.
const MAX_FRAME_LEN: u16 = 2304;
/// Four `struct hwsim_tx_rate` (s8 idx, u8 count).
const TX_INFO_LEN: u16 = 8;

/// The family's state: the radios it manages.
pub(crate) struct HwsimNetlink {
    pub(crate) radios: Arc<Radios>,
    /// Channels of a radio NEW_RADIO makes without `CHANNELS` (the
    /// module's `channels`).
    pub(crate) default_channels: u32,
}

/// What NEW_RADIO asks for.
pub(crate) struct NewRadio<'a> {
    pub(crate) name: Option<&'a CStr>,
    pub(crate) perm_addr: Option<[u8; 6]>,
    pub(crate) no_vif: bool,
    pub(crate) iftypes: u32,
    pub(crate) ciphers: Option<KVec<u32>>,
    /// The netlink port whose socket's closing destroys the radio.
    pub(crate) destroy_on_close: Option<u32>,
    /// Concurrent channels.
    pub(crate) channels: u32,
    /// Channel contexts, hardware scan and remain-on-channel of the
    /// driver's own (always with more than one channel).
    pub(crate) chanctx: bool,
}

/// Interface types a radio may be created with (`HWSIM_IFTYPE_SUPPORT_MASK`).
pub(crate) fn iftype_support_mask() -> u32 {
    IfType::mask(&tables::IFTYPES).into()
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
        if req.has(attr::REG_HINT_ALPHA2.into()) || req.has(attr::REG_CUSTOM_REG.into()) {
            req.set_error(kernel::c_str!("regulatory hints are not supported"));
            return Err(EINVAL);
        }
        let perm_addr = match req.bytes(attr::PERM_ADDR.into()) {
            None => None,
            Some(b) => {
                let mut a = [0u8; 6];
                a.copy_from_slice(b.get(..6).ok_or(EINVAL)?);
                // A valid unicast source address: not multicast, not zero.
                if a[0] & 1 != 0 || a == [0; 6] {
                    req.set_error(kernel::c_str!("MAC is no valid source addr"));
                    return Err(EINVAL);
                }
                Some(a)
            }
        };
        let mask = iftype_support_mask();
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
        msg.put_u32(attr::RADIO_ID, info.idx)?;
        msg.put_u32(attr::CHANNELS, info.channels)?;
        if info.p2p_device {
            msg.put_flag(attr::SUPPORT_P2P_DEVICE)?;
        }
        if info.chanctx {
            msg.put_flag(attr::USE_CHANCTX)?;
        }
        msg.put(attr::RADIO_NAME, info.name.as_bytes())?;
        req.notify(msg, MCGRP_CONFIG);
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
                req.notify(msg, MCGRP_CONFIG);
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
        msg.put_u32(attr::RADIO_ID, info.idx)?;
        msg.put_u32(attr::CHANNELS, info.channels)?;
        if info.p2p_device {
            msg.put_flag(attr::SUPPORT_P2P_DEVICE)?;
        }
        if info.chanctx {
            msg.put_flag(attr::USE_CHANCTX)?;
        }
        msg.put(attr::RADIO_NAME, info.name.as_bytes())?;
        req.reply(msg)?;
        Ok(0)
    }
}

impl Family for HwsimNetlink {
    const NAME: &'static CStr = kernel::c_str!("MAC80211_HWSIM");
    const VERSION: u32 = 1;
    const POLICY: &'static [AttrPolicy] = &[
        AttrPolicy::Unspec,                // UNSPEC
        AttrPolicy::ExactLen(6),           // ADDR_RECEIVER
        AttrPolicy::ExactLen(6),           // ADDR_TRANSMITTER
        AttrPolicy::Binary(MAX_FRAME_LEN), // FRAME
        AttrPolicy::U32,                   // FLAGS
        AttrPolicy::U32,                   // RX_RATE
        AttrPolicy::U32,                   // SIGNAL
        AttrPolicy::ExactLen(TX_INFO_LEN), // TX_INFO
        AttrPolicy::U64,                   // COOKIE
        AttrPolicy::U32,                   // CHANNELS
        AttrPolicy::U32,                   // RADIO_ID
        AttrPolicy::String(2),             // REG_HINT_ALPHA2
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
        AttrPolicy::ExactLen(6),           // PERM_ADDR
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
    const MCAST_GROUPS: &'static [&'static CStr] = &[kernel::c_str!("config")];

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
            let added = dump.add(cmd::GET_RADIO, |m| {
                m.put_u32(attr::RADIO_ID, r.idx)?;
                m.put_u32(attr::CHANNELS, r.channels)?;
                if r.p2p_device {
                    m.put_flag(attr::SUPPORT_P2P_DEVICE)?;
                }
                if r.chanctx {
                    m.put_flag(attr::USE_CHANCTX)?;
                }
                m.put(attr::RADIO_NAME, r.name.as_bytes())
            })?;
            if !added {
                break;
            }
            from = i64::from(r.idx) + 1;
            dump.set_cursor(from);
        }
        Ok(())
    }
}
