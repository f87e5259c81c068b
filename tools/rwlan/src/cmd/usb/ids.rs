//! Which driver serves which RTL8187 dongle: the family's USB IDs with the
//! chip each one names (6.12's `rtl8187` table), rwlan_rtl8187's own table
//! (read from the driver's source when the tool is built), and the running
//! kernel's module aliases, which also show other drivers claiming an ID.

use std::collections::BTreeSet;

use serde::Serialize;

mod generated {
    include!(concat!(env!("OUT_DIR"), "/rwlan_rtl8187_ids.rs"));
}
pub use generated::RWLAN_RTL8187_IDS;

/// The C driver and rwlan's.
pub const C_DRIVER: &str = "rtl8187";
pub const RWLAN_DRIVER: &str = "rwlan_rtl8187";

/// The chip an ID stands for, as the C driver's table records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Chip {
    #[serde(rename = "RTL8187L")]
    Rtl8187L,
    #[serde(rename = "RTL8187B")]
    Rtl8187B,
}

impl Chip {
    pub fn name(self) -> &'static str {
        match self {
            Chip::Rtl8187L => "RTL8187L",
            Chip::Rtl8187B => "RTL8187B",
        }
    }
}

/// One USB ID of the RTL8187 family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FamilyId {
    pub vendor: u16,
    pub product: u16,
    pub chip: Chip,
    pub model: &'static str,
}

const fn id(vendor: u16, product: u16, chip: Chip, model: &'static str) -> FamilyId {
    FamilyId {
        vendor,
        product,
        chip,
        model,
    }
}

use Chip::{Rtl8187B as B, Rtl8187L as L};

/// The 21 IDs of 6.12's `rtl8187` (drivers/net/wireless/realtek/rtl818x/
/// rtl8187/dev.c), with the chip its table gives each. Early RTL8187B chips
/// also enumerate as 0bda:8187; the drivers tell them apart by a register.
pub const RTL8187_FAMILY: &[FamilyId] = &[
    id(0x0b05, 0x171d, L, "ASUS"),
    id(0x050d, 0x705e, B, "Belkin"),
    id(0x0bda, 0x8187, L, "Realtek reference"),
    id(0x0bda, 0x8189, B, "Realtek reference"),
    id(0x0bda, 0x8197, B, "Realtek reference"),
    id(0x0bda, 0x8198, B, "Realtek reference"),
    id(0x0769, 0x11f2, L, "Surecom"),
    id(0x0789, 0x010c, L, "Logitec"),
    id(0x0846, 0x6100, L, "Netgear WG111v2"),
    id(0x0846, 0x6a00, L, "Netgear WG111v2"),
    id(0x0846, 0x4260, B, "Netgear WG111v3"),
    id(0x03f0, 0xca02, L, "HP"),
    id(0x0df6, 0x000d, L, "Sitecom WL-168"),
    id(0x0df6, 0x0028, B, "Sitecom WL-607"),
    id(0x0df6, 0x0029, B, "Sitecom"),
    id(0x114b, 0x0150, L, "Sphairon Access Systems"),
    id(0x1371, 0x9401, L, "Dick Smith Electronics"),
    id(0x13d1, 0xabe6, L, "Abocom"),
    id(0x18e8, 0x6232, L, "Qcom"),
    id(0x1b75, 0x8187, L, "AirLive"),
    id(0x1737, 0x0073, B, "Linksys WUSB54GC-EU v2"),
];

/// The family entry for a vendor:product pair.
pub fn lookup(vendor: u16, product: u16) -> Option<&'static FamilyId> {
    RTL8187_FAMILY
        .iter()
        .find(|d| d.vendor == vendor && d.product == product)
}

/// A driver that does not serve an ID, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NotServed {
    pub driver: &'static str,
    pub reason: &'static str,
}

/// An ID with the drivers that serve it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Served {
    pub id: String,
    pub chip: Chip,
    pub model: &'static str,
    /// Every module that claims the ID: rwlan_rtl8187 by its table, the
    /// others by the running kernel's aliases (the C driver by its 6.12
    /// table where the kernel has none to read).
    pub drivers: Vec<String>,
    pub not_served_by: Vec<NotServed>,
}

/// USB module aliases with a literal vendor and product:
/// `alias usb:v0BDAp8187d*dc*... rtl8187` as (0x0bda, 0x8187, "rtl8187").
#[derive(Debug, Default)]
pub struct Aliases {
    entries: Vec<(u16, u16, String)>,
    /// Whether the kernel's alias files could be read at all.
    pub known: bool,
}

impl Aliases {
    /// The running kernel's `modules.alias` and `modules.builtin.alias`.
    pub fn of_running_kernel() -> Self {
        let Ok(release) = std::fs::read_to_string("/proc/sys/kernel/osrelease") else {
            return Self::default();
        };
        let dir = format!("/lib/modules/{}", release.trim());
        let mut aliases = Self::default();
        for file in ["modules.alias", "modules.builtin.alias"] {
            if let Ok(text) = std::fs::read_to_string(format!("{dir}/{file}")) {
                aliases.known = true;
                aliases.entries.extend(Self::parse(&text));
            }
        }
        aliases
    }

    pub fn parse(text: &str) -> Vec<(u16, u16, String)> {
        text.lines()
            .filter_map(|line| {
                let mut words = line.split_whitespace();
                if words.next() != Some("alias") {
                    return None;
                }
                let pattern = words.next()?.strip_prefix("usb:v")?;
                let module = words.next()?;
                let vendor = u16::from_str_radix(pattern.get(..4)?, 16).ok()?;
                let product =
                    u16::from_str_radix(pattern.get(4..)?.strip_prefix('p')?.get(..4)?, 16).ok()?;
                Some((vendor, product, module.to_owned()))
            })
            .collect()
    }

    fn modules_for(&self, vendor: u16, product: u16) -> impl Iterator<Item = &str> {
        self.entries
            .iter()
            .filter(move |(v, p, _)| (*v, *p) == (vendor, product))
            .map(|(_, _, m)| m.as_str())
    }
}

/// Who serves `id`, given the kernel's aliases.
pub fn serving(id: &FamilyId, aliases: &Aliases) -> Served {
    let mut drivers: BTreeSet<String> = aliases
        .modules_for(id.vendor, id.product)
        .map(str::to_owned)
        .collect();
    let mut not_served_by = Vec::new();
    if !aliases.known {
        drivers.insert(C_DRIVER.to_owned());
    } else if !drivers.contains(C_DRIVER) {
        not_served_by.push(NotServed {
            driver: C_DRIVER,
            reason: "not among the running kernel's modules",
        });
    }
    if RWLAN_RTL8187_IDS.contains(&(id.vendor, id.product)) {
        drivers.insert(RWLAN_DRIVER.to_owned());
    } else {
        drivers.remove(RWLAN_DRIVER);
        not_served_by.push(NotServed {
            driver: RWLAN_DRIVER,
            reason: "not in its device table",
        });
    }
    Served {
        id: format!("{:04x}:{:04x}", id.vendor, id.product),
        chip: id.chip,
        model: id.model,
        drivers: drivers.into_iter().collect(),
        not_served_by,
    }
}

/// "rtl8187, rwlan_rtl8187" or "no driver", then why the others do not.
pub fn render_drivers(s: &Served) -> String {
    let mut text = if s.drivers.is_empty() {
        "served by no driver".to_owned()
    } else {
        format!("served by {}", s.drivers.join(", "))
    };
    for n in &s.not_served_by {
        text.push_str(&format!("; not {} ({})", n.driver, n.reason));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn family_table() {
        assert_eq!(RTL8187_FAMILY.len(), 21);
        assert_eq!(lookup(0x0bda, 0x8187).map(|d| d.chip), Some(Chip::Rtl8187L));
        assert_eq!(lookup(0x0846, 0x4260).map(|d| d.chip), Some(Chip::Rtl8187B));
        // 6.12 binds the Linksys WUSB54GC (1737:0070) to rt2800usb.
        assert!(lookup(0x1737, 0x0070).is_none());
        for (i, a) in RTL8187_FAMILY.iter().enumerate() {
            for b in &RTL8187_FAMILY[i + 1..] {
                assert_ne!((a.vendor, a.product), (b.vendor, b.product));
            }
        }
        // rwlan_rtl8187 serves the whole family, and only it.
        assert_eq!(RWLAN_RTL8187_IDS.len(), RTL8187_FAMILY.len());
        for (v, p) in RWLAN_RTL8187_IDS {
            assert!(
                lookup(*v, *p).is_some(),
                "{v:04x}:{p:04x} is not of the family"
            );
        }
    }

    #[test]
    fn aliases_and_serving() {
        let text = "alias usb:v0BDAp8187d*dc*dsc*dp*ic*isc*ip*in* rtl8187\n\
                    alias usb:v0BDAp8189d*dc*dsc*dp*ic*isc*ip*in* rtl8187\n\
                    alias usb:v*p*d*dc*dsc*dp*ic09isc*ip*in* usbcore\n\
                    alias pci:v000010ECd00008180sv*sd*bc*sc*i* rtl8180\n";
        let aliases = Aliases {
            entries: Aliases::parse(text),
            known: true,
        };
        assert_eq!(aliases.entries.len(), 2);
        let l = lookup(0x0bda, 0x8187).map(|i| serving(i, &aliases));
        assert_eq!(
            l.map(|s| s.drivers),
            Some(vec![C_DRIVER.to_owned(), RWLAN_DRIVER.to_owned()])
        );
        let b = lookup(0x0bda, 0x8189).map(|i| serving(i, &aliases));
        assert_eq!(
            b.as_ref().map(render_drivers).as_deref(),
            Some("served by rtl8187, rwlan_rtl8187")
        );
        // Without the kernel's aliases the C driver counts by its table.
        let unknown = Aliases::default();
        let b = lookup(0x0846, 0x4260).map(|i| serving(i, &unknown));
        assert_eq!(
            b.map(|s| s.drivers),
            Some(vec![C_DRIVER.to_owned(), RWLAN_DRIVER.to_owned()])
        );
        // A kernel without rtl8187 says so.
        let none = Aliases {
            entries: Vec::new(),
            known: true,
        };
        let s = lookup(0x0846, 0x4260).map(|i| serving(i, &none));
        assert_eq!(
            s.as_ref().map(render_drivers).as_deref(),
            Some("served by rwlan_rtl8187; not rtl8187 (not among the running kernel's modules)")
        );
    }
}
