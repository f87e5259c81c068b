// SPDX-License-Identifier: GPL-2.0

//! Checks, at load time, that rwlan's shared layer agrees with the kernel it
//! was built for: exported cfg80211 functions through the generated bindings
//! and static inline helpers through the C shims. A module that loads has
//! passed; one that refuses with EINVAL logs the check that failed.

use kernel::prelude::*;

#[path = "../wireless/mod.rs"]
pub mod wireless;

mod deferred;

use wireless::channel::{channel_to_frequency, Band};
use wireless::frame::FrameControl;

module! {
    type: RwlanSelftest,
    name: "rwlan_selftest",
    author: "rwlan developers",
    description: "Load-time check of rwlan's mac80211/cfg80211 layer against this kernel",
    license: "GPL",
}

module_param!(
    DEFERRED,
    "deferred",
    bool,
    false,
    "Also register a radio whose timer and work stay armed when stopped"
);

struct RwlanSelftest {
    _busy: Option<deferred::BusyRadio>,
}

fn check(what: &str, ok: bool) -> Result {
    if ok {
        Ok(())
    } else {
        pr_err!("layer check failed: {}\n", what);
        Err(EINVAL)
    }
}

impl kernel::Module for RwlanSelftest {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        check(
            "2.4 GHz channel 1 is 2412 MHz",
            channel_to_frequency(1, Band::Ghz2) == Some(2412),
        )?;
        check(
            "2.4 GHz channel 14 is 2484 MHz",
            channel_to_frequency(14, Band::Ghz2) == Some(2484),
        )?;
        check(
            "5 GHz channel 36 is 5180 MHz",
            channel_to_frequency(36, Band::Ghz5) == Some(5180),
        )?;
        check(
            "6 GHz channel 233 is 7115 MHz",
            channel_to_frequency(233, Band::Ghz6) == Some(7115),
        )?;
        check(
            "2.4 GHz has no channel 15",
            channel_to_frequency(15, Band::Ghz2).is_none(),
        )?;

        let beacon = FrameControl::from_le_bytes([0x80, 0x00]);
        let qos_data = FrameControl::from_le_bytes([0x88, 0x01]);
        check(
            "0x0080 is a beacon",
            beacon.is_beacon() && beacon.is_mgmt() && !beacon.is_data(),
        )?;
        check(
            "0x0188 is data",
            qos_data.is_data() && !qos_data.is_mgmt() && !qos_data.is_beacon(),
        )?;

        pr_info!("shared layer matches this kernel (6 checks passed)\n");
        let busy = if DEFERRED.get() {
            Some(deferred::BusyRadio::register()?)
        } else {
            None
        };
        Ok(RwlanSelftest { _busy: busy })
    }
}

impl Drop for RwlanSelftest {
    fn drop(&mut self) {
        pr_info!("unloaded\n");
    }
}
