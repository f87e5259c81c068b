//! One module per subcommand. Commands assemble nl80211 requests, wait for
//! replies or events and render the typed results of `nl80211::model`.

mod bitrates;
pub mod capture;
pub mod dev;
pub mod event;
pub mod hwsim;
pub mod join;
pub mod link;
pub mod phy;
pub mod phy_channels;
mod phy_he;
pub mod phy_set;
mod phy_testmode;
pub mod reg;
pub mod scan;
pub mod station;
pub mod survey;
pub mod usb;
pub mod vendor;
mod wep;

use crate::error::Error;
use crate::nl80211::{ChanWidth, IfType};

/// Options every command sees.
#[derive(Debug, Clone, Copy)]
pub struct Ctx {
    pub json: bool,
}

/// A number in decimal or, with `0x`, in hex.
pub fn parse_u32(s: &str) -> Result<u32, String> {
    let parsed = match s.strip_prefix("0x") {
        Some(hex) => u32::from_str_radix(hex, 16),
        None => s.parse(),
    };
    parsed.map_err(|_| format!("'{s}' is not a number"))
}

/// Interface index for a name, or `NoInterface`.
pub fn ifindex(name: &str) -> Result<u32, Error> {
    rwlan_net::iface::if_nametoindex(name).ok_or_else(|| Error::NoInterface(name.to_owned()))
}

/// Interface name for an index, if the interface exists in this namespace.
pub fn ifname(index: u32) -> Option<String> {
    rwlan_net::iface::if_indextoname(index)
}

/// Wiphy index for a name such as `phy0` (also accepts `#0` or `0`).
pub fn wiphy_index(name: &str) -> Result<u32, Error> {
    let path = format!("/sys/class/ieee80211/{name}/index");
    if let Ok(text) = std::fs::read_to_string(&path) {
        if let Ok(i) = text.trim().parse() {
            return Ok(i);
        }
    }
    name.trim_start_matches('#')
        .parse()
        .map_err(|_| Error::NoPhy(name.to_owned()))
}

/// Interface type as iw prints it.
pub fn iftype_label(t: IfType) -> &'static str {
    match t {
        IfType::Unspecified => "unspecified",
        IfType::Adhoc => "IBSS",
        IfType::Station => "managed",
        IfType::Ap => "AP",
        IfType::ApVlan => "AP/VLAN",
        IfType::Wds => "WDS",
        IfType::Monitor => "monitor",
        IfType::MeshPoint => "mesh point",
        IfType::P2pClient => "P2P-client",
        IfType::P2pGo => "P2P-GO",
        IfType::P2pDevice => "P2P-device",
        IfType::Ocb => "outside context of a BSS",
        IfType::Nan => "NAN",
    }
}

/// Channel width as iw prints it.
pub fn width_label(w: ChanWidth) -> &'static str {
    match w {
        ChanWidth::N20Noht => "20 MHz (no HT)",
        ChanWidth::N20 => "20 MHz",
        ChanWidth::N40 => "40 MHz",
        ChanWidth::N80 => "80 MHz",
        ChanWidth::N80p80 => "80+80 MHz",
        ChanWidth::N160 => "160 MHz",
        ChanWidth::N5 => "5 MHz",
        ChanWidth::N10 => "10 MHz",
        ChanWidth::N1 => "1 MHz",
        ChanWidth::N2 => "2 MHz",
        ChanWidth::N4 => "4 MHz",
        ChanWidth::N8 => "8 MHz",
        ChanWidth::N16 => "16 MHz",
        ChanWidth::N320 => "320 MHz",
    }
}
