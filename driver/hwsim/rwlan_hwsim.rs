// SPDX-License-Identifier: GPL-2.0

//! Simulated 802.11 radios for mac80211, a stand-in for mac80211_hwsim.
//!
//! Each radio is a mac80211 hardware with a `hwsimN` device in the
//! `mac80211_hwsim` class; frames one radio transmits reach the others on
//! the same channel and in a shared group, with ACKs reported back.

use kernel::prelude::*;
use kernel::str::CString;
use kernel::sync::Arc;

#[path = "../wireless/mod.rs"]
mod wireless;

mod medium;
mod monitor;
mod radio;
mod tables;

use core::sync::atomic::Ordering;
use medium::{Medium, RadioEntry};
use wireless::capture::CaptureDevice;
use wireless::debugfs::{self, Format};
use radio::Radio;
use wireless::device::{Class, ClassDevice, PlatformDriver};
use wireless::hwconfig::{ExtFeature, Feature, HwConfig, HwFlag, WiphyFlag};
use wireless::mac80211::Registration;
use wireless::param::module_param;

module! {
    type: RwlanHwsim,
    name: "rwlan_hwsim",
    author: "rwlan developers",
    description: "Simulated 802.11 radios for mac80211 (mac80211_hwsim compatible)",
    license: "GPL",
}

module_param!(RADIOS, "radios", i32, 2, "Number of simulated radios");
module_param!(CHANNELS, "channels", i32, 1, "Number of concurrent channels");
module_param!(
    SUPPORT_P2P_DEVICE,
    "support_p2p_device",
    bool,
    true,
    "Support P2P-Device interface type"
);

/// Names shared with mac80211_hwsim, which tools look for.
const CLASS_NAME: &kernel::str::CStr = kernel::c_str!("mac80211_hwsim");
const DRIVER_NAME: &kernel::str::CStr = kernel::c_str!("mac80211_hwsim");

struct RwlanHwsim {
    medium: Arc<Medium>,
    class: Class,
    driver: PlatformDriver,
}

impl RwlanHwsim {
    fn add_radio(&self, idx: u32, p2p_device: bool) -> Result {
        let name = CString::try_from_fmt(kernel::fmt!("hwsim{}", idx))?;
        let dev = ClassDevice::new(&self.class, &self.driver, &name)?;
        let perm = Radio::perm_addr(idx);
        let mut second = perm;
        second[0] |= 0x40;
        let addresses = [perm, second];
        let (iftypes, limits) = if p2p_device {
            (&tables::IFTYPES_P2P[..], &tables::IFACE_LIMITS[..])
        } else {
            (&tables::IFTYPES[..], &tables::IFACE_LIMITS[..2])
        };
        let config = HwConfig {
            addresses: &addresses,
            bands: &tables::BANDS,
            iftypes,
            iface_limits: limits,
            num_different_channels: 1,
            ciphers: &tables::CIPHERS,
            hw_flags: &[
                HwFlag::SupportFastXmit,
                HwFlag::ChanctxStaCsa,
                HwFlag::SupportsHtCckRates,
                HwFlag::WantMonitorVif,
                HwFlag::AmpduAggregation,
                HwFlag::MfpCapable,
                HwFlag::SignalDbm,
                HwFlag::SupportsPs,
                HwFlag::ReportsTxAckStatus,
                HwFlag::TdlsWiderBw,
                HwFlag::HostBroadcastPsBuffering,
                HwFlag::PsNullfuncStack,
            ],
            wiphy_flags: &[
                WiphyFlag::SupportsTdls,
                WiphyFlag::HasRemainOnChannel,
                WiphyFlag::ApUapsd,
                WiphyFlag::Supports5And10Mhz,
            ],
            features: &[
                Feature::ActiveMonitor,
                Feature::ApModeChanWidthChange,
                Feature::StaticSmps,
                Feature::DynamicSmps,
                Feature::ScanRandomMacAddr,
            ],
            ext_features: &[
                ExtFeature::VhtIbss,
                ExtFeature::BeaconProtection,
                ExtFeature::MulticastRegistrations,
                ExtFeature::BeaconRateLegacy,
                ExtFeature::ScanMinPreqContent,
                ExtFeature::CqmRssiList,
                ExtFeature::DfsConcurrent,
            ],
            queues: 4,
            max_rates: 4,
            max_rate_tries: 11,
        };
        let radio = Arc::new(Radio::new(idx, self.medium.clone()), GFP_KERNEL)?;
        let reg = Registration::new(radio.clone(), Some(dev), &config)?;
        let mut dir = debugfs::Dir::under_wiphy(reg.hw(), kernel::c_str!("hwsim"))?;
        dir.add(
            kernel::c_str!("ps"),
            Format::Unsigned,
            radio.clone(),
            |r| r.ps.load(Ordering::Relaxed).into(),
            Radio::set_ps,
        )?;
        dir.add(
            kernel::c_str!("group"),
            Format::Hex,
            radio.clone(),
            |r| r.group.load(Ordering::Relaxed),
            |r, v| {
                r.group.store(v, Ordering::Relaxed);
                Ok(())
            },
        )?;
        dir.add(
            kernel::c_str!("rx_rssi"),
            Format::Signed,
            radio,
            |r| i64::from(r.rx_rssi.load(Ordering::Relaxed)) as u64,
            Radio::set_rx_rssi,
        )?;
        self.medium.add(Arc::new(RadioEntry::new(dir, reg), GFP_KERNEL)?)
    }
}

impl kernel::Module for RwlanHwsim {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let radios = RADIOS.get();
        if !(0..=100).contains(&radios) {
            pr_err!("radios={} is out of range 0..100\n", radios);
            return Err(EINVAL);
        }
        let channels = CHANNELS.get();
        if channels != 1 {
            pr_err!("channels={}: only one channel per radio is supported\n", channels);
            return Err(EINVAL);
        }
        let driver = PlatformDriver::register(DRIVER_NAME)?;
        let class = Class::new(CLASS_NAME)?;
        let this = RwlanHwsim {
            medium: Medium::new(CaptureDevice::new(kernel::c_str!("hwsim%d"))?)?,
            class,
            driver,
        };
        // On error `this` is dropped, which removes the radios made so far.
        for idx in 0..radios as u32 {
            this.add_radio(idx, SUPPORT_P2P_DEVICE.get())?;
        }
        Ok(this)
    }
}

impl Drop for RwlanHwsim {
    fn drop(&mut self) {
        // Radios first: their devices live in the class and are bound to
        // the driver, which the fields drop afterwards.
        self.medium.remove_all();
    }
}
