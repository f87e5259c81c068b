// SPDX-License-Identifier: GPL-2.0

//! rwlan_hwsim built under the C module's name, `mac80211_hwsim`, for
//! suites that load and check that name (`modprobe mac80211_hwsim`,
//! `/sys/module/mac80211_hwsim`). Built by `make install-hwsim-as-c` (and
//! DKMS) in place of the kernel's own module; see driver/hwsim/README.md.

// The layer is declared here, not in `module.rs`: its exported macros must
// not come out of a macro expansion.
#[path = "../wireless/mod.rs"]
pub mod wireless;

include!("module.rs");
