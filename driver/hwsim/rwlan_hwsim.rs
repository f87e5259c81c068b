// SPDX-License-Identifier: GPL-2.0

//! Simulated 802.11 radios for mac80211, a stand-in for mac80211_hwsim.
//!
//! Each radio is a mac80211 hardware with a `hwsimN` device in the
//! `mac80211_hwsim` class; frames one radio transmits reach the others on
//! the same channel and in a shared group, with ACKs reported back. The
//! MAC80211_HWSIM generic netlink family creates, lists and deletes radios.

use core::sync::atomic::{AtomicU32, Ordering};
use kernel::prelude::*;
use kernel::str::CString;
use kernel::sync::Arc;

#[path = "../wireless/mod.rs"]
mod wireless;

mod medium;
mod monitor;
mod netlink;
mod ps;
mod radio;
mod relay;
mod tables;
mod uapi;

use medium::{Medium, RadioEntry, RadioInfo};
use netlink::{HwsimNetlink, NewRadio};
use radio::Radio;
use wireless::capture::CaptureDevice;
use wireless::debugfs::Format;
use wireless::device::{Class, ClassDevice, PlatformDriver};
use wireless::genetlink;
use wireless::hwconfig::{ExtFeature, Feature, HwConfig, HwFlag, WiphyFlag};
use wireless::mac80211::{ChanctxSupport, Parent, Registration};
use wireless::net::{ExitRegistration, Net, NetExit, NetRef};
use wireless::param::module_param;
use wireless::vif::IfType;

module! {
    type: RwlanHwsim,
    name: "rwlan_hwsim",
    author: "rwlan developers",
    description: "Simulated 802.11 radios for mac80211 (mac80211_hwsim compatible)",
    license: "GPL",
}

module_param!(RADIOS, "radios", i32, 2, "Number of simulated radios");
module_param!(
    CHANNELS,
    "channels",
    i32,
    1,
    "Number of concurrent channels"
);
module_param!(
    SUPPORT_P2P_DEVICE,
    "support_p2p_device",
    bool,
    true,
    "Support P2P-Device interface type"
);

/// What a radio with channel contexts offers, as in mac80211_hwsim.
const CHANCTX_SUPPORT: ChanctxSupport = ChanctxSupport {
    max_scan_ssids: 255,
    // IEEE80211_MAX_DATA_LEN
    max_scan_ie_len: 2304,
    max_remain_on_channel_ms: 1000,
};

/// Names shared with mac80211_hwsim, which tools look for.
const CLASS_NAME: &kernel::str::CStr = kernel::c_str!("mac80211_hwsim");
const DRIVER_NAME: &kernel::str::CStr = kernel::c_str!("mac80211_hwsim");

/// Creates radios: their devices, mac80211 hardware and debugfs files.
pub(crate) struct Radios {
    pub(crate) medium: Arc<Medium>,
    class: Class,
    driver: PlatformDriver,
    /// Index of the next radio; indices are never reused.
    next_idx: AtomicU32,
}

const HW_FLAGS: [HwFlag; 12] = [
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
];

impl Radios {
    /// Adds a radio in `net` (the initial namespace when `None`).
    pub(crate) fn add_radio(&self, p: &NewRadio<'_>, net: Option<&NetRef>) -> Result<RadioInfo> {
        let perm = match p.perm_addr {
            Some(a) => a,
            None => Radio::perm_addr(self.next_idx.load(Ordering::Relaxed)),
        };
        if self
            .medium
            .find(|r| r.hw().data().perm_addr == perm)
            .is_some()
        {
            return Err(EEXIST);
        }
        let idx = self.next_idx.fetch_add(1, Ordering::Relaxed);
        let name = CString::try_from_fmt(kernel::fmt!("hwsim{}", idx))?;
        let dev = ClassDevice::new(&self.class, &self.driver, &name)?;
        let mut second = perm;
        if p.perm_addr.is_none() {
            second[0] |= 0x40;
        }
        let addresses = [perm, second];
        let mut iftypes = KVec::new();
        for t in tables::IFTYPES_P2P {
            if p.iftypes & u32::from(IfType::mask(&[t])) != 0 {
                iftypes.push(t, GFP_KERNEL)?;
            }
        }
        let limits = tables::iface_limits(IfType::mask(&iftypes));
        if limits.is_empty() {
            return Err(EINVAL);
        }
        let mut hw_flags = KVec::new();
        hw_flags.extend_from_slice(&HW_FLAGS, GFP_KERNEL)?;
        if p.no_vif {
            hw_flags.push(HwFlag::NoAutoVif, GFP_KERNEL)?;
        }
        let config = HwConfig {
            addresses: &addresses,
            bands: &tables::BANDS,
            iftypes: &iftypes,
            iface_limits: &limits,
            num_different_channels: if p.chanctx { p.channels } else { 1 },
            ciphers: p.ciphers.as_deref().unwrap_or(&tables::CIPHERS),
            hw_flags: &hw_flags,
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
            name: p.name,
            net,
        };
        let radio = Arc::new(
            Radio::new(
                idx,
                p.channels,
                p.chanctx,
                perm,
                second,
                net.map_or_else(|| Net::init().id(), |n| n.id()),
                self.medium.clone(),
            )?,
            GFP_KERNEL,
        )?;
        let mut builder = Registration::builder(radio.clone(), &config).parent(Parent::Class(dev));
        if p.chanctx {
            builder = builder.chanctx(&CHANCTX_SUPPORT);
        }
        let mut reg = builder.register()?;
        let info = RadioInfo::of(reg.hw())?;
        let mut dir = reg.debugfs_dir(kernel::c_str!("hwsim"))?;
        dir.as_mut().add(
            kernel::c_str!("ps"),
            Format::Unsigned,
            radio.clone(),
            |r| r.ps.load(Ordering::Relaxed).into(),
            Radio::set_ps,
        )?;
        dir.as_mut().add(
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
        self.medium.add(Arc::new(
            RadioEntry::new(reg, p.destroy_on_close),
            GFP_KERNEL,
        )?)?;
        Ok(info)
    }
}

impl NetExit for Radios {
    fn exit(&self, net: &Net) {
        self.medium.namespace_exit(net);
    }
}

struct RwlanHwsim {
    netlink: Option<genetlink::Registration<HwsimNetlink>>,
    netns_exit: Option<ExitRegistration<Radios>>,
    radios: Arc<Radios>,
}

impl kernel::Module for RwlanHwsim {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let radios = RADIOS.get();
        if !(0..=100).contains(&radios) {
            pr_err!("radios={} is out of range 0..100\n", radios);
            return Err(EINVAL);
        }
        let Some(channels) = u32::try_from(CHANNELS.get()).ok().filter(|&c| c >= 1) else {
            pr_err!("channels={} must be at least 1\n", CHANNELS.get());
            return Err(EINVAL);
        };
        let driver = PlatformDriver::register(DRIVER_NAME)?;
        let class = Class::new(CLASS_NAME)?;
        let monitor = CaptureDevice::new(kernel::c_str!("hwsim%d"))?;
        let mut this = RwlanHwsim {
            netlink: None,
            netns_exit: None,
            radios: Arc::new(
                Radios {
                    medium: Medium::new(monitor)?,
                    class,
                    driver,
                    next_idx: AtomicU32::new(0),
                },
                GFP_KERNEL,
            )?,
        };
        let p2p_device = SUPPORT_P2P_DEVICE.get();
        let mut iftypes = netlink::iftype_support_mask();
        if p2p_device {
            iftypes |= u32::from(IfType::mask(&[IfType::P2pDevice]));
        }
        // Before any radio can be made in another namespace.
        this.netns_exit = Some(ExitRegistration::register(this.radios.clone())?);
        // On error `this` is dropped, which removes the radios made so far.
        for _ in 0..radios {
            let params = NewRadio {
                name: None,
                perm_addr: None,
                no_vif: false,
                iftypes,
                ciphers: None,
                destroy_on_close: None,
                channels,
                chanctx: channels > 1,
            };
            this.radios.add_radio(&params, None)?;
        }
        let netlink = genetlink::Registration::register(HwsimNetlink {
            radios: this.radios.clone(),
            default_channels: channels,
        })?;
        this.radios.medium.set_relay_sender(Some(netlink.sender()));
        this.netlink = Some(netlink);
        Ok(this)
    }
}

impl Drop for RwlanHwsim {
    fn drop(&mut self) {
        // No new radios from netlink, then the radios themselves; their
        // devices live in the class and are bound to the driver, which go
        // when `Radios` does. The medium's sender holds the family (and so
        // `Radios`): it goes before, and after in case a REGISTER came in
        // between.
        self.radios.medium.set_relay_sender(None);
        self.netlink = None;
        self.radios.medium.set_relay_sender(None);
        self.radios.medium.remove_all();
        // Unregistering calls the exit handler for every namespace; there
        // are no radios left for it.
        self.netns_exit = None;
    }
}
