// SPDX-License-Identifier: GPL-2.0

// The whole driver as one crate sees it: the module tree, parameters, init
// and exit. Included by both crate roots, `rwlan_hwsim.rs` and
// `mac80211_hwsim.rs` (the same driver under the C module's name), so the
// two modules are built from one source.

use kernel::prelude::*;
use kernel::sync::Arc;

// The modules, each using only those before it in this order (no import
// loops):
//   uapi (the family's numbers) -> tables, ps, monitor (what radios
//   support; frames they build), listeners (who takes which unicast
//   frames) -> pending, media (a medium in user space:
//   the frames a radio keeps for it, which socket runs each namespace's
//   medium) -> radio -> medium (delivers every frame) -> relay (the
//   family's side of a medium in user space) -> radios (making radios) ->
//   netlink -> this file.
mod listeners;
mod media;
mod medium;
mod monitor;
mod netlink;
mod pending;
mod ps;
mod radio;
mod radios;
mod regulatory;
mod relay;
mod tables;
mod uapi;

use medium::Uplink;
use netlink::HwsimNetlink;
use radios::{NewRadio, Radios};
use regulatory::RadioReg;
use wireless::capture::CaptureDevice;
use wireless::shims::device::{Class, PlatformDriver};
use wireless::shims::net::genetlink;
use wireless::shims::net::ExitRegistration;
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

module_param!(
    RX_THREAD,
    "rx_thread",
    bool,
    true,
    "Receive in a kernel thread beside the senders (faster), not in softirq (lower latency)"
);

module_param!(
    REGTEST,
    "regtest",
    i32,
    0,
    "The type of regulatory test we want to run"
);

/// Names shared with mac80211_hwsim, which tools look for.
const CLASS_NAME: &kernel::str::CStr = kernel::c_str!("mac80211_hwsim");
const DRIVER_NAME: &kernel::str::CStr = kernel::c_str!("mac80211_hwsim");

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
                Radios::new(monitor, class, driver, RX_THREAD.get())?,
                GFP_KERNEL,
            )?,
        };
        let p2p_device = SUPPORT_P2P_DEVICE.get();
        let mut iftypes = tables::iftype_support_mask();
        if p2p_device {
            iftypes |= u32::from(IfType::mask(&[IfType::P2pDevice]));
        }
        // Before any radio can be made in another namespace.
        this.netns_exit = Some(ExitRegistration::register(this.radios.clone())?);
        // On error `this` is dropped, which removes the radios made so far.
        for i in 0..radios as usize {
            let params = NewRadio {
                name: None,
                perm_addr: None,
                no_vif: false,
                iftypes,
                ciphers: None,
                destroy_on_close: None,
                channels,
                chanctx: channels > 1,
                reg: RadioReg::regtest(REGTEST.get(), i),
            };
            this.radios.add_radio(&params, None)?;
        }
        let netlink = genetlink::Registration::register(HwsimNetlink {
            radios: this.radios.clone(),
            default_channels: channels,
        })?;
        let uplink: Arc<dyn Uplink> = Arc::new(netlink.sender(), GFP_KERNEL)?;
        this.radios.medium.set_uplink(Some(uplink));
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
        self.radios.medium.set_uplink(None);
        self.netlink = None;
        self.radios.medium.set_uplink(None);
        self.radios.medium.remove_all();
        // Unregistering calls the exit handler for every namespace; there
        // are no radios left for it.
        self.netns_exit = None;
    }
}
