// SPDX-License-Identifier: GPL-2.0

//! Simulated 802.11 radios for mac80211, a stand-in for mac80211_hwsim.
//!
//! Each radio is a mac80211 hardware with a `hwsimN` device in the
//! `mac80211_hwsim` class; frames one radio transmits reach the others on
//! the same channel and in a shared group, with ACKs reported back. The
//! MAC80211_HWSIM generic netlink family creates, lists and deletes radios.

// Everything else is shared with the build under mac80211_hwsim's name.
// The layer is declared here, not in `module.rs`: its exported macros must
// not come out of a macro expansion.
#[path = "../wireless/mod.rs"]
pub mod wireless;

include!("module.rs");
