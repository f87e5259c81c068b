// SPDX-License-Identifier: GPL-2.0

//! Realtek RTL8187L USB 802.11b/g dongles (with an RTL8225 or RTL8225z2
//! radio) on mac80211.
//!
//! Probe reads the MAC address and TX power calibration from the EEPROM,
//! tells the chip and radio revisions apart and registers a mac80211
//! hardware; `chip` has its callbacks, `mac` and `rf` the hardware
//! sequences, `desc` what travels with frames over USB.

use kernel::prelude::*;

#[path = "../wireless/mod.rs"]
pub mod wireless;

mod chip;
mod desc;
mod eeprom;
mod io;
mod leds;
mod mac;
mod regs;
mod rf;

use chip::Rtl8187;
use eeprom::Eeprom;
use io::Io;
use leds::{LedPin, Leds};
use rf::{Radio, TxPower};
use wireless::channel::Band;
use wireless::hwconfig::{cipher, BandSpec, ExtFeature, HwConfig, HwFlag, Rate};
use wireless::mac80211::{Parent, Registration};
use wireless::shims::usb::{self, usb_device_table};
use wireless::vif::{random_local_addr, IfType, MacAddr, MacDisplay};

module! {
    type: RwlanRtl8187,
    name: "rwlan_rtl8187",
    author: "rwlan developers",
    description: "Realtek RTL8187L USB wireless driver",
    license: "GPL",
}

// The RTL8187L boards (the RTL8187B ones need another driver).
usb_device_table!(
    USB_IDS,
    "__mod_usb__rwlan_rtl8187_table_device_table",
    [
        (0x0b05, 0x171d, 0), // Asus
        (0x0bda, 0x8187, 0), // Realtek
        (0x0769, 0x11f2, 0), // Surecom
        (0x0789, 0x010c, 0), // Logitech
        (0x0846, 0x6100, 0), // Netgear
        (0x0846, 0x6a00, 0),
        (0x03f0, 0xca02, 0), // HP
        (0x0df6, 0x000d, 0), // Sitecom
        (0x114b, 0x0150, 0), // Sphairon Access Systems
        (0x1371, 0x9401, 0), // Dick Smith Electronics
        (0x13d1, 0xabe6, 0), // Abocom
        (0x18e8, 0x6232, 0), // Qcom
        (0x1b75, 0x8187, 0), // AirLive
    ]
);

/// Channels 1-14.
const FREQS: [u16; 14] = [
    2412, 2417, 2422, 2427, 2432, 2437, 2442, 2447, 2452, 2457, 2462, 2467, 2472, 2484,
];

/// The hardware rates, in the order of their index in the descriptors.
const RATES: [Rate; desc::RATES] = {
    const fn r(bitrate: u16) -> Rate {
        Rate {
            bitrate,
            short_preamble: false,
        }
    }
    [
        r(10),
        r(20),
        r(55),
        r(110),
        r(60),
        r(90),
        r(120),
        r(180),
        r(240),
        r(360),
        r(480),
        r(540),
    ]
};

const BANDS: [BandSpec; 1] = [BandSpec {
    band: Band::Ghz2,
    freqs: &FREQS,
    rates: &RATES,
    ht: None,
    vht: None,
    iftype_caps: &[],
}];

/// mac80211 does all crypto in software for this chip.
const CIPHERS: [u32; 5] = [
    cipher::WEP40,
    cipher::WEP104,
    cipher::TKIP,
    cipher::CCMP,
    cipher::AES_CMAC,
];

/// What probe learns from the chip before registering.
struct Identity {
    mac: MacAddr,
    power: TxPower,
    asic_rev: u8,
    led_pin: LedPin,
}

/// Reads the MAC address, the TX power calibration and the ASIC revision.
fn read_identity(io: &Io) -> Result<Identity> {
    let mut eeprom = Eeprom::open(io)?;
    let mac: MacAddr = eeprom.read_bytes::<6>(regs::EEPROM_MAC_ADDR)?;
    let mut power = TxPower::default();
    // Channels 1-6, 7-10 and 11-14 sit in three runs of words.
    let runs: [(u8, usize, usize); 3] = [
        (regs::EEPROM_TXPWR_CHAN_1, 0, 6),
        (regs::EEPROM_TXPWR_CHAN_4, 6, 4),
        (regs::EEPROM_TXPWR_CHAN_6, 10, 4),
    ];
    for (word, first, count) in runs {
        for i in 0..count / 2 {
            let w = eeprom.read(word + i as u8)?.to_le_bytes();
            power.channel[first + 2 * i] = w[0];
            power.channel[first + 2 * i + 1] = w[1];
        }
    }
    power.base = eeprom.read(regs::EEPROM_TXPWR_BASE)?;
    let customer_id = eeprom.read(regs::EEPROM_CUSTOMER_ID)? as u8;
    // 0 is the B-cut, whose radio the host bit-bangs.
    let asic_rev = io.with_page1(|| io.read8(regs::ASIC_REV))? & 0x3;
    eeprom.close()?;
    Ok(Identity {
        mac,
        power,
        asic_rev,
        led_pin: LedPin::for_customer_id(customer_id),
    })
}

/// A MAC address a station may use: not multicast, not all zero.
fn valid_ether_addr(mac: &MacAddr) -> bool {
    mac[0] & 1 == 0 && mac.iter().any(|b| *b != 0)
}

/// A bound dongle: the registered hardware and its LEDs, which go first
/// (field order), as their triggers are the hardware's.
struct Bound {
    _leds: Option<Leds>,
    reg: Registration<Rtl8187>,
}

impl Drop for Bound {
    fn drop(&mut self) {
        // No poll may run while the hardware goes away.
        self.reg.hw().rfkill_stop_polling();
    }
}

struct Driver;

impl usb::Driver for Driver {
    type Data = Bound;
    const ID_TABLE: &'static [usb::DeviceId] = &USB_IDS;

    fn probe(intf: &usb::Interface, _info: usize) -> Result<KBox<Bound>> {
        let io = Io::new(intf.device());
        let id =
            read_identity(&io).inspect_err(|e| pr_err!("cannot read the EEPROM: {:?}\n", e))?;
        let mut mac = id.mac;
        if !valid_ether_addr(&mac) {
            // As the C driver: a board with an erased or corrupt EEPROM
            // still works, under an address of its own.
            mac = random_local_addr();
            pr_warn!(
                "EEPROM holds no valid MAC address ({}), using the random {}\n",
                MacDisplay(&id.mac),
                MacDisplay(&mac)
            );
        }
        let hwver = io.read32(regs::TX_CONF)? & regs::TX_CONF_HWVER_MASK;
        let chip_name = match hwver {
            regs::TX_CONF_R8187VD_B => {
                pr_err!("this is an RTL8187B, which this driver does not support\n");
                return Err(ENODEV);
            }
            regs::TX_CONF_R8187VD => "RTL8187vD",
            _ => "RTL8187vB (default)",
        };
        let rf = rf::detect(&io, id.asic_rev)
            .inspect_err(|e| pr_err!("cannot identify the radio: {:?}\n", e))?;
        let radio = Radio {
            chip: rf,
            asic_rev: id.asic_rev,
            power: id.power,
        };
        let radio_on = mac::radio_switch_on(&io)?;
        let chip = Rtl8187::new(io, radio, radio_on)?;
        let addresses = [mac];
        let config = HwConfig {
            addresses: &addresses,
            bands: &BANDS,
            iftypes: &[IfType::Station, IfType::Adhoc],
            iface_limits: &[],
            num_different_channels: 1,
            radar_detect: false,
            ciphers: &CIPHERS,
            regulatory: Default::default(),
            hw_flags: &[
                HwFlag::RxIncludesFcs,
                HwFlag::HostBroadcastPsBuffering,
                HwFlag::SignalDbm,
            ],
            wiphy_flags: &[],
            features: &[],
            ext_features: &[ExtFeature::CqmRssiList],
            queues: 1,
            name: None,
            net: None,
            max_rates: 1,
            max_rate_tries: regs::RETRY_COUNT,
        };
        let reg = Registration::builder(chip, &config)
            .parent(Parent::Device(intf.as_device()))
            .tx_headroom(desc::TX_DESC_LEN as u32)
            .register()?;
        pr_info!(
            "hwaddr {}, {} V{} + {}, rfkill mask {}\n",
            MacDisplay(&mac),
            chip_name,
            id.asic_rev,
            rf.name(),
            regs::RFKILL_MASK
        );
        pr_info!(
            "wireless switch is {}\n",
            if radio_on { "on" } else { "off" }
        );
        let hw = reg.hw();
        hw.rfkill_set_blocked(!radio_on);
        hw.rfkill_start_polling();
        let leds = Leds::register(hw, intf.as_device(), id.led_pin);
        Ok(KBox::new(Bound { _leds: leds, reg }, GFP_KERNEL)?)
    }

    fn disconnect(intf: &usb::Interface, data: KBox<Bound>) {
        // The hardware goes first; then, as the C driver, the dongle is
        // reset so that the next driver finds it as at power-on. Unplugged,
        // it cannot be and need not be.
        drop(data);
        let _ = intf.reset_device();
    }
}

struct RwlanRtl8187 {
    _driver: usb::Registration<Driver>,
}

impl kernel::Module for RwlanRtl8187 {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        Ok(Self {
            _driver: usb::Registration::register(kernel::c_str!("rwlan_rtl8187"))?,
        })
    }
}
