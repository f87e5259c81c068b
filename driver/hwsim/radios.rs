// SPDX-License-Identifier: GPL-2.0

//! Making radios: their devices, mac80211 hardware and debugfs files, for
//! the module's load and for NEW_RADIO.

use crate::medium::{Medium, RadioEntry, RadioInfo};
use crate::radio::Radio;
use crate::regulatory::RadioReg;
use crate::tables;
use crate::wireless::capture::CaptureDevice;
use crate::wireless::hwconfig::{ExtFeature, Feature, HwConfig, HwFlag, WiphyFlag};
use crate::wireless::mac80211::{ChanctxSupport, Parent, Registration, RxNapi};
use crate::wireless::shims::debugfs::Format;
use crate::wireless::shims::device::{Class, ClassDevice, PlatformDriver};
use crate::wireless::shims::net::{Net, NetExit, NetRef};
use crate::wireless::vif::IfType;
use core::sync::atomic::{AtomicU32, Ordering};
use kernel::c_str;
use kernel::prelude::*;
use kernel::str::{CStr, CString};
use kernel::sync::Arc;

/// What a radio with channel contexts offers, as in mac80211_hwsim.
const CHANCTX_SUPPORT: ChanctxSupport = ChanctxSupport {
    max_scan_ssids: 255,
    // IEEE80211_MAX_DATA_LEN
    max_scan_ie_len: 2304,
    max_remain_on_channel_ms: 1000,
};

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
    /// Country hint, custom domain, strict handling.
    pub(crate) reg: RadioReg,
}

/// Creates radios: their devices, mac80211 hardware and debugfs files.
pub(crate) struct Radios {
    pub(crate) medium: Arc<Medium>,
    /// Every radio receives through it: frames reach the stack merged and
    /// in batches, by default from one kernel thread beside the senders,
    /// where mac80211_hwsim hands each over alone after its sender.
    rx_napi: Arc<RxNapi>,
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
    /// Radios that receive in a kernel thread of their own with
    /// `rx_thread`, else in softirq after the sender.
    pub(crate) fn new(
        monitor: CaptureDevice,
        class: Class,
        driver: PlatformDriver,
        rx_thread: bool,
    ) -> Result<Self> {
        Ok(Self {
            medium: Medium::new(monitor)?,
            rx_napi: RxNapi::new(c_str!("rwlan_hwsim"), rx_thread)?,
            class,
            driver,
            next_idx: AtomicU32::new(0),
        })
    }

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
            // As mac80211_hwsim: radar detection without channel contexts.
            radar_detect: !p.chanctx,
            ciphers: p.ciphers.as_deref().unwrap_or(&tables::CIPHERS),
            regulatory: p.reg.wiphy(),
            hw_flags: &hw_flags,
            wiphy_flags: &[
                WiphyFlag::SupportsTdls,
                WiphyFlag::HasRemainOnChannel,
                WiphyFlag::ApUapsd,
                WiphyFlag::Supports5And10Mhz,
                WiphyFlag::HasChannelSwitch,
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
                p.reg,
                self.medium.clone(),
            )?,
            GFP_KERNEL,
        )?;
        let mut builder = Registration::builder(radio.clone(), &config)
            .parent(Parent::Class(dev))
            .rx_napi(&self.rx_napi);
        if p.chanctx {
            builder = builder.chanctx(&CHANCTX_SUPPORT);
        }
        let mut reg = builder.register()?;
        if let Some(alpha2) = p.reg.alpha2 {
            // As mac80211_hwsim, a refused hint leaves the radio as it is.
            if let Err(e) = reg.hw().regulatory_hint(alpha2) {
                pr_warn!(
                    "{}: regulatory hint refused: {:?}\n",
                    reg.hw().wiphy_name(),
                    e
                );
            }
        }
        let info = RadioInfo::of(reg.hw())?;
        let radar = if p.chanctx {
            None
        } else {
            Some(Arc::new(reg.hw().handle(), GFP_KERNEL)?)
        };
        let mut dir = reg.debugfs_dir(kernel::c_str!("hwsim"))?;
        // Writing any number reports radar on the radio's channels; only
        // radios that detect radar have the file, as in mac80211_hwsim.
        if let Some(radar) = radar {
            dir.as_mut().add(
                kernel::c_str!("dfs_simulate_radar"),
                Format::Unsigned,
                radar,
                |_| 0,
                |hw, _| {
                    hw.with(|hw| hw.radar_detected());
                    Ok(())
                },
            )?;
        }
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
