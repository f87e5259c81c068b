// SPDX-License-Identifier: GPL-2.0

//! Realtek RTL8187L and RTL8187B USB 802.11b/g dongles (with an RTL8225
//! or RTL8225z2 radio) on mac80211.
//!
//! Probe reads the MAC address and TX power calibration from the EEPROM,
//! tells the chips and radio revisions apart and registers a mac80211
//! hardware; `chip` has its callbacks, `mac`, `mac_b`, `rf` and `rf_b` the
//! hardware sequences, `desc` what travels with frames over USB and
//! `tx_status` what becomes of them.

use kernel::prelude::*;

#[path = "../wireless/mod.rs"]
pub mod wireless;

mod chip;
mod desc;
mod eeprom;
mod io;
mod leds;
mod mac;
mod mac_b;
mod model;
mod regs;
mod rf;
mod rf_b;
mod tx_status;

use chip::Rtl8187;
use eeprom::Eeprom;
use io::Io;
use leds::{LedPin, Leds};
use model::Model;
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
    description: "Realtek RTL8187L/RTL8187B USB wireless driver",
    license: "GPL",
}

/// `driver_info` of an RTL8187L board (some RTL8187Bs also carry its
/// IDs: probe tells them apart).
const BOARD_L: usize = 0;
/// `driver_info` of an RTL8187B board.
const BOARD_B: usize = 1;

usb_device_table!(
    USB_IDS,
    "__mod_usb__rwlan_rtl8187_table_device_table",
    [
        (0x0b05, 0x171d, BOARD_L), // Asus
        (0x050d, 0x705e, BOARD_B), // Belkin
        (0x0bda, 0x8187, BOARD_L), // Realtek
        (0x0bda, 0x8189, BOARD_B),
        (0x0bda, 0x8197, BOARD_B),
        (0x0bda, 0x8198, BOARD_B),
        (0x0769, 0x11f2, BOARD_L), // Surecom
        (0x0789, 0x010c, BOARD_L), // Logitech
        (0x0846, 0x6100, BOARD_L), // Netgear
        (0x0846, 0x6a00, BOARD_L),
        (0x0846, 0x4260, BOARD_B),
        (0x03f0, 0xca02, BOARD_L), // HP
        (0x0df6, 0x000d, BOARD_L), // Sitecom
        (0x0df6, 0x0028, BOARD_B),
        (0x0df6, 0x0029, BOARD_B),
        (0x114b, 0x0150, BOARD_L), // Sphairon Access Systems
        (0x1371, 0x9401, BOARD_L), // Dick Smith Electronics
        (0x13d1, 0xabe6, BOARD_L), // Abocom
        (0x18e8, 0x6232, BOARD_L), // Qcom
        (0x1b75, 0x8187, BOARD_L), // AirLive
        (0x1737, 0x0073, BOARD_B), // Linksys
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

/// What probe learns from the EEPROM and the chip before registering.
struct Identity {
    mac: MacAddr,
    /// The calibration of channels 1-10 and the base; channels 11-14 come
    /// from `tail_l` or `tail_b` once the chip is known.
    power: TxPower,
    /// Channels 11-14 as an RTL8187L's EEPROM keeps them.
    tail_l: [u8; 4],
    /// Channels 11-14 as an RTL8187B's does.
    tail_b: [u8; 4],
    asic_rev: u8,
    /// Which GPIO the radio switch is on (0bda:8197/8198 boards).
    gpio_select: u16,
    led_pin: LedPin,
}

/// Reads the MAC address, the TX power calibration and the ASIC revision.
fn read_identity(io: &Io) -> Result<Identity> {
    let mut eeprom = Eeprom::open(io)?;
    let mac: MacAddr = eeprom.read_bytes::<6>(regs::EEPROM_MAC_ADDR)?;
    let mut power = TxPower::default();
    // Channels 1-6 and 7-10 sit in two runs of words, two a word.
    let runs: [(u8, usize, usize); 2] = [
        (regs::EEPROM_TXPWR_CHAN_1, 0, 6),
        (regs::EEPROM_TXPWR_CHAN_4, 6, 4),
    ];
    for (word, first, count) in runs {
        for i in 0..count / 2 {
            let w = eeprom.read(word + i as u8)?.to_le_bytes();
            power.channel[first + 2 * i] = w[0];
            power.channel[first + 2 * i + 1] = w[1];
        }
    }
    let [c11, c12] = eeprom.read(regs::EEPROM_TXPWR_CHAN_6)?.to_le_bytes();
    let [c13, c14] = eeprom.read(regs::EEPROM_TXPWR_CHAN_6 + 1)?.to_le_bytes();
    let tail_l = [c11, c12, c13, c14];
    let [b12, _] = eeprom.read(regs::EEPROM_TXPWR_CHAN_12_B)?.to_le_bytes();
    let [b13, b14] = eeprom.read(regs::EEPROM_TXPWR_CHAN_13_B)?.to_le_bytes();
    let tail_b = [c11, b12, b13, b14];
    power.base = eeprom.read(regs::EEPROM_TXPWR_BASE)?;
    let gpio_select = eeprom.read(regs::EEPROM_SELECT_GPIO)?;
    let customer_id = eeprom.read(regs::EEPROM_CUSTOMER_ID)? as u8;
    // 0 is the B-cut, whose radio the host bit-bangs.
    let asic_rev = io.with_page1(|| io.read8(regs::ASIC_REV))? & 0x3;
    eeprom.close()?;
    Ok(Identity {
        mac,
        power,
        tail_l,
        tail_b,
        asic_rev,
        gpio_select,
        led_pin: LedPin::for_customer_id(customer_id),
    })
}

/// Tells the chip from the ID table's board type and the chip's own
/// registers: some RTL8187Bs carry the RTL8187L's 0bda:8187, and only
/// their TX_CONF hardware version gives them away.
fn identify(io: &Io, board: usize) -> Result<(Model, &'static str)> {
    if board == BOARD_B {
        return Ok(Model::from_rev_b(io.read8(regs::CHIP_REV_B)?));
    }
    Ok(match io.read32(regs::TX_CONF)? & regs::TX_CONF_HWVER_MASK {
        regs::TX_CONF_R8187VD_B => {
            pr_info!("USB ID of an RTL8187L, but the chip is an RTL8187B\n");
            (Model::B(model::RevB::B), "RTL8187BvB(early)")
        }
        regs::TX_CONF_R8187VD => (Model::L, "RTL8187vD"),
        _ => (Model::L, "RTL8187vB (default)"),
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

    fn probe(intf: &usb::Interface, board: usize) -> Result<KBox<Bound>> {
        let io = Io::new(intf.device());
        let mut id =
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
        let (model, chip_name) =
            identify(&io, board).inspect_err(|e| pr_err!("cannot identify the chip: {:?}\n", e))?;
        id.power.channel[10..].copy_from_slice(if model.is_b() { &id.tail_b } else { &id.tail_l });
        // An RTL8187B always carries an RTL8225z2, programmed its own way.
        let rf = if model.is_b() {
            rf::RfChip::Rtl8225z2
        } else {
            rf::detect(&io, id.asic_rev)
                .inspect_err(|e| pr_err!("cannot identify the radio: {:?}\n", e))?
        };
        let radio = Radio {
            chip: rf,
            model,
            asic_rev: id.asic_rev,
            power: id.power,
        };
        let product = intf.device().product_id();
        let rfkill_mask = if matches!(product, 0x8197 | 0x8198) && id.gpio_select & 0xff00 != 0 {
            regs::RFKILL_MASK_8198
        } else {
            regs::RFKILL_MASK
        };
        let radio_on = mac::radio_switch_on(&io, rfkill_mask)?;
        let chip = Rtl8187::new(io, radio, rfkill_mask, radio_on)?;
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
            queues: if model.is_b() { 4 } else { 1 },
            name: None,
            net: None,
            max_rates: 1,
            max_rate_tries: regs::RETRY_COUNT,
        };
        let reg = Registration::builder(chip, &config)
            .parent(Parent::Device(intf.as_device()))
            .tx_headroom(if model.is_b() {
                desc::TX_DESC_LEN_B
            } else {
                desc::TX_DESC_LEN
            } as u32)
            .register()?;
        pr_info!(
            "hwaddr {}, {} V{} + {}, rfkill mask {}\n",
            MacDisplay(&mac),
            chip_name,
            id.asic_rev,
            rf.name(),
            rfkill_mask
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
