//! The MAC80211_HWSIM generic netlink family of virtual radios (6.12's
//! `mac80211_hwsim.h`, which is not UAPI): its numbers and the radio a
//! NEW_RADIO or GET_RADIO message describes.

use serde::Serialize;

use crate::nl80211::attr::{AttrError, Attrs};
use rwlan_net::nl_enum;

/// Version byte of the genetlink header the family expects.
pub const GENL_VERSION: u8 = 1;

nl_enum! {
    /// `enum hwsim_commands`.
    HwsimCmd: u8 {
        Register = 1 => "register",
        Frame = 2 => "frame",
        TxInfoFrame = 3 => "tx_info_frame",
        NewRadio = 4 => "new_radio",
        DelRadio = 5 => "del_radio",
        GetRadio = 6 => "get_radio",
        AddMacAddr = 7 => "add_mac_addr",
        DelMacAddr = 8 => "del_mac_addr",
    }
}

nl_enum! {
    /// `enum hwsim_attrs`, the ones radio control uses.
    HwsimAttr: u16 {
        Channels = 9 => "channels",
        RadioId = 10 => "radio_id",
        RegHintAlpha2 = 11 => "reg_hint_alpha2",
        RegCustomReg = 12 => "reg_custom_reg",
        RegStrictReg = 13 => "reg_strict_reg",
        SupportP2pDevice = 14 => "support_p2p_device",
        UseChanctx = 15 => "use_chanctx",
        DestroyRadioOnClose = 16 => "destroy_radio_on_close",
        RadioName = 17 => "radio_name",
        NoVif = 18 => "no_vif",
        PermAddr = 22 => "perm_addr",
        IftypeSupport = 23 => "iftype_support",
        CipherSupport = 24 => "cipher_support",
        MultiRadio = 29 => "multi_radio",
    }
}

/// A virtual radio as the family reports it.
#[derive(Debug, Serialize)]
pub struct Radio {
    pub id: u32,
    /// The wiphy's name (phyN).
    pub name: Option<String>,
    /// Channel contexts the radio supports (absent: one channel).
    pub channels: Option<u32>,
    pub reg_alpha2: Option<String>,
    pub reg_custom: Option<u32>,
    pub reg_strict: bool,
    pub p2p_device: bool,
    pub chanctx: bool,
    pub multi_radio: bool,
    pub destroy_on_close: bool,
}

impl Radio {
    pub fn decode(a: &Attrs) -> Result<Self, AttrError> {
        Ok(Radio {
            id: a.u32(HwsimAttr::RadioId)?.unwrap_or(0),
            name: a
                .bytes(HwsimAttr::RadioName)
                .map(|b| String::from_utf8_lossy(b).trim_end_matches('\0').to_owned()),
            channels: a.u32(HwsimAttr::Channels)?,
            reg_alpha2: a
                .bytes(HwsimAttr::RegHintAlpha2)
                .map(|b| String::from_utf8_lossy(b).into_owned()),
            reg_custom: a.u32(HwsimAttr::RegCustomReg)?,
            reg_strict: a.has(HwsimAttr::RegStrictReg),
            p2p_device: a.has(HwsimAttr::SupportP2pDevice),
            chanctx: a.has(HwsimAttr::UseChanctx),
            multi_radio: a.has(HwsimAttr::MultiRadio),
            destroy_on_close: a.has(HwsimAttr::DestroyRadioOnClose),
        })
    }

    /// One line: id, wiphy, then the settings the family reported.
    pub fn line(&self) -> String {
        let mut words = vec![
            format!("radio {}", self.id),
            self.name.clone().unwrap_or_else(|| "?".into()),
        ];
        if let Some(n) = self.channels {
            words.push(format!("channels={n}"));
        }
        for (on, word) in [
            (self.chanctx, "chanctx"),
            (self.p2p_device, "p2p-device"),
            (self.multi_radio, "multi-radio"),
            (self.destroy_on_close, "destroy-on-close"),
            (self.reg_strict, "reg-strict"),
        ] {
            if on {
                words.push(word.into());
            }
        }
        if let Some(cc) = &self.reg_alpha2 {
            words.push(format!("reg-alpha2={cc}"));
        }
        if let Some(i) = self.reg_custom {
            words.push(format!("reg-custom={i}"));
        }
        words.join(" ")
    }
}
