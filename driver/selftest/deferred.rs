// SPDX-License-Identifier: GPL-2.0

//! A radio that keeps its timer and delayed work busy and never stops
//! them itself (`deferred=1`): the layer must end both when mac80211
//! stops the hardware, before unregistration destroys mac80211's
//! workqueue. Its `runs` debugfs file counts timer expiries and works.
//! Each run also receives a beacon through a threaded NAPI context that
//! only the registration keeps, from softirq (timer) and process (work)
//! context, so stopping and unregistering meet frames in flight.

use crate::wireless::channel::{Band, Channel};
use crate::wireless::hwconfig::{cipher, BandSpec, HwConfig, HwFlag, Rate};
use crate::wireless::mac80211::{
    Conf, ConfChanged, Hw, Ops, Parent, Registration, RxNapi, RxStatus, TxFrame, TxSender,
};
use crate::wireless::shims::debugfs::Format;
use crate::wireless::shims::device::{Class, ClassDevice, PlatformDriver};
use crate::wireless::shims::net::skb::SkBuff;
use crate::wireless::vif::{IfType, MacAddr, Vif};
use core::sync::atomic::{AtomicU64, Ordering};
use kernel::prelude::*;
use kernel::sync::Arc;

/// Timer period while started: short, so that a timer left running
/// would fire during unregistration.
const PERIOD_NS: u64 = 1_000_000;

const FREQS: [u16; 1] = [2412];
/// The CCK rates, which cfg80211 requires of a 2.4 GHz band.
const RATES: [Rate; 4] = {
    const fn cck(bitrate: u16) -> Rate {
        Rate {
            bitrate,
            short_preamble: false,
        }
    }
    [cck(10), cck(20), cck(55), cck(110)]
};
const BANDS: [BandSpec; 1] = [BandSpec {
    band: Band::Ghz2,
    freqs: &FREQS,
    rates: &RATES,
    ht: None,
    vht: None,
    iftype_caps: &[],
}];
/// A locally administered address no other test radio uses.
const ADDRESS: MacAddr = [0x02, 0x72, 0x77, 0x6c, 0x61, 0x6e];

/// A beacon from another BSS: frame control, duration, addresses,
/// sequence, then timestamp, interval and capabilities.
const BEACON: [u8; 36] = {
    let mut f = [0u8; 36];
    f[0] = 0x80;
    let mut i = 4;
    while i < 10 {
        f[i] = 0xff;
        i += 1;
    }
    // addr2 and addr3: ADDRESS but for its last byte.
    let mut j = 0;
    while j < 6 {
        f[10 + j] = ADDRESS[j];
        f[16 + j] = ADDRESS[j];
        j += 1;
    }
    f[15] = 0x01;
    f[21] = 0x01;
    f[32] = 0x64;
    f[34] = 0x01;
    f
};

/// The driver state: how often the timer and the work ran.
pub(crate) struct Busy {
    runs: AtomicU64,
}

/// Hands mac80211 a beacon, as heard on the radio's one channel; `atomic`
/// in softirq context.
fn receive(hw: &Hw<Busy>, atomic: bool) {
    let skb = if atomic {
        SkBuff::from_data_atomic(&BEACON)
    } else {
        SkBuff::from_data(&BEACON)
    };
    if let Ok(skb) = skb {
        let channel = Channel {
            freq: u32::from(FREQS[0]),
            band: Band::Ghz2,
        };
        hw.rx(skb, &RxStatus::legacy(channel, -50, 0, 0));
    }
}

#[vtable]
impl Ops for Busy {
    fn tx(hw: &Hw<Self>, frame: TxFrame, _sender: &TxSender) {
        hw.drop_tx(frame);
    }

    fn start(hw: &Hw<Self>) -> Result {
        hw.timer_start(PERIOD_NS);
        hw.queue_work(1);
        Ok(())
    }

    /// Deliberately leaves the timer and the work armed.
    fn stop(_hw: &Hw<Self>) {}

    fn add_interface(_hw: &Hw<Self>, _vif: &Vif) -> Result {
        Ok(())
    }

    fn remove_interface(_hw: &Hw<Self>, _vif: &Vif) {}

    fn config(_hw: &Hw<Self>, _conf: &Conf, _changed: ConfChanged) -> Result {
        Ok(())
    }

    fn configure_filter(_hw: &Hw<Self>, _changed: u32, _total: u32) -> u32 {
        0
    }

    fn timer_expired(hw: &Hw<Self>) -> Option<u64> {
        hw.data().runs.fetch_add(1, Ordering::Relaxed);
        receive(hw, true);
        hw.queue_work(0);
        Some(PERIOD_NS)
    }

    fn work(hw: &Hw<Self>) {
        hw.data().runs.fetch_add(1, Ordering::Relaxed);
        receive(hw, false);
        hw.queue_work(1);
    }
}

/// The registered radio with the device it hangs under.
pub(crate) struct BusyRadio {
    _reg: Registration<Busy>,
}

impl BusyRadio {
    pub(crate) fn register() -> Result<Self> {
        let class = Class::new(kernel::c_str!("rwlan_selftest"))?;
        let driver = PlatformDriver::register(kernel::c_str!("rwlan_selftest"))?;
        let dev = ClassDevice::new(&class, &driver, kernel::c_str!("rwlan_selftest0"))?;
        let config = HwConfig {
            addresses: &[ADDRESS],
            bands: &BANDS,
            iftypes: &[IfType::Station],
            iface_limits: &[],
            num_different_channels: 1,
            radar_detect: false,
            ciphers: &[cipher::CCMP],
            regulatory: Default::default(),
            hw_flags: &[HwFlag::SignalDbm],
            wiphy_flags: &[],
            features: &[],
            ext_features: &[],
            queues: 1,
            name: None,
            net: None,
            max_rates: 1,
            max_rate_tries: 1,
        };
        let busy = Arc::new(
            Busy {
                runs: AtomicU64::new(0),
            },
            GFP_KERNEL,
        )?;
        // Dropped at the end: the registration keeps the context alive.
        let rx = RxNapi::new(kernel::c_str!("rwlan_selftest"), true)?;
        let mut reg = Registration::builder(busy.clone(), &config)
            .parent(Parent::Class(dev))
            .rx_napi(&rx)
            .register()?;
        reg.debugfs_dir(kernel::c_str!("selftest"))?.add(
            kernel::c_str!("runs"),
            Format::Unsigned,
            busy,
            |b| b.runs.load(Ordering::Relaxed),
            |_, _| Err(EPERM),
        )?;
        pr_info!("busy radio {} registered\n", reg.hw().wiphy_name());
        Ok(Self { _reg: reg })
    }
}
