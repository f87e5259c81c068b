// SPDX-License-Identifier: GPL-2.0

//! Regulatory settings a driver gives its wiphy: a domain of its own that
//! replaces the world domain until a country is set, strict handling, and
//! a country hint (`wiphy_apply_custom_regulatory`, `REGULATORY_*` flags,
//! `regulatory_hint`).

use super::bindings;
use kernel::error::to_result;
use kernel::prelude::*;

/// One frequency range of a [`RegDomain`] (`struct ieee80211_reg_rule`).
#[derive(Clone, Copy, Debug)]
pub struct RegRule {
    /// Lowest frequency of the range, in MHz.
    pub start_mhz: u32,
    /// Highest frequency of the range, in MHz.
    pub end_mhz: u32,
    /// Widest channel allowed, in MHz.
    pub max_bw_mhz: u32,
    /// Highest EIRP allowed, in dBm.
    pub max_eirp_dbm: u32,
    /// `RegRule::*` flags.
    pub flags: u32,
}

impl RegRule {
    /// No initiating radiation (passive scans only, no AP).
    pub const NO_IR: u32 = bindings::nl80211_reg_rule_flags_NL80211_RRF_NO_IR;
    /// Radar detection (DFS) required.
    pub const DFS: u32 = bindings::nl80211_reg_rule_flags_NL80211_RRF_DFS;
    /// The width may grow over adjacent ranges.
    pub const AUTO_BW: u32 = bindings::nl80211_reg_rule_flags_NL80211_RRF_AUTO_BW;
    /// DFS channels may be used by a second interface.
    pub const DFS_CONCURRENT: u32 = bindings::nl80211_reg_rule_flags_NL80211_RRF_DFS_CONCURRENT;

    /// The rule as cfg80211 keeps it.
    pub(super) fn raw(&self) -> bindings::ieee80211_reg_rule {
        // SAFETY: all-zero is a valid rule (no WMM, no CAC time).
        let mut r: bindings::ieee80211_reg_rule = unsafe { core::mem::zeroed() };
        r.freq_range.start_freq_khz = self.start_mhz * 1000;
        r.freq_range.end_freq_khz = self.end_mhz * 1000;
        r.freq_range.max_bandwidth_khz = self.max_bw_mhz * 1000;
        r.power_rule.max_eirp = self.max_eirp_dbm * 100;
        r.flags = self.flags;
        r
    }
}

/// A regulatory domain a driver defines (`struct ieee80211_regdomain`).
#[derive(Clone, Copy, Debug)]
pub struct RegDomain {
    /// Its country code ("99" for a driver's own world domain).
    pub alpha2: [u8; 2],
    /// Its ranges.
    pub rules: &'static [RegRule],
}

/// How a wiphy takes regulatory domains, set before registration.
#[derive(Clone, Copy, Debug, Default)]
pub struct Regulatory<'a> {
    /// Follow only the country hint ([`Hw::regulatory_hint`]) and its
    /// intersection with later requests, never wider
    /// (`REGULATORY_STRICT_REG`).
    ///
    /// [`Hw::regulatory_hint`]: super::mac80211::Hw::regulatory_hint
    pub strict: bool,
    /// A domain of the driver's own, in place of the world domain
    /// (`REGULATORY_CUSTOM_REG`).
    pub custom: Option<&'a RegDomain>,
}

impl Regulatory<'_> {
    /// Sets the wiphy's flags and custom domain.
    ///
    /// # Safety
    ///
    /// `wiphy` belongs to an allocated hardware that is not registered yet
    /// and whose bands are set.
    pub(super) unsafe fn apply(&self, wiphy: *mut bindings::wiphy) -> Result {
        if self.strict {
            // SAFETY: not registered yet, so nothing else uses the wiphy.
            unsafe {
                (*wiphy).regulatory_flags |=
                    bindings::ieee80211_regulatory_flags_REGULATORY_STRICT_REG
            };
        }
        let Some(domain) = self.custom else {
            return Ok(());
        };
        let mut rules = KVec::with_capacity(domain.rules.len(), GFP_KERNEL)?;
        for rule in domain.rules {
            rules.push(rule.raw(), GFP_KERNEL)?;
        }
        // SAFETY: the wiphy has its bands, as the caller promises; the
        // helper copies the two letters and `rules` before returning.
        to_result(unsafe {
            bindings::rwlan_wiphy_apply_custom_regulatory(
                wiphy,
                domain.alpha2.as_ptr(),
                rules.as_ptr(),
                rules.len() as u32,
            )
        })
    }
}
