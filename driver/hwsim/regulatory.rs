// SPDX-License-Identifier: GPL-2.0

//! The regulatory settings of a radio, as mac80211_hwsim offers them: a
//! country hint, one of its four custom world domains, strict handling;
//! chosen by NEW_RADIO's attributes or, at load time, by `regtest`.

use crate::wireless::regulatory::{RegDomain, RegRule, Regulatory};

const fn rule(
    start_mhz: u32,
    end_mhz: u32,
    max_bw_mhz: u32,
    max_eirp_dbm: u32,
    flags: u32,
) -> RegRule {
    RegRule {
        start_mhz,
        end_mhz,
        max_bw_mhz,
        max_eirp_dbm,
        flags,
    }
}

const CH1_11: RegRule = rule(2402, 2472, 40, 20, 0);
const CH14: RegRule = rule(2474, 2494, 40, 20, 0);
const UNII1: RegRule = rule(5140, 5250, 40, 30, 0);
const UNII3: RegRule = rule(5735, 5835, 40, 30, 0);
const ITS: RegRule = rule(5845, 5935, 40, 33, 0);

/// mac80211_hwsim's custom world domains, by REG_CUSTOM_REG index.
pub(crate) static CUSTOM_DOMAINS: [RegDomain; 4] = [
    RegDomain {
        alpha2: *b"99",
        rules: &[CH1_11, CH14, UNII1, UNII3, ITS],
    },
    RegDomain {
        alpha2: *b"99",
        rules: &[CH1_11, rule(5715, 5860, 40, 30, RegRule::NO_IR), ITS],
    },
    RegDomain {
        alpha2: *b"99",
        rules: &[
            CH1_11,
            CH14,
            UNII1,
            UNII3,
            ITS,
            rule(5945, 7135, 320, 33, 0),
        ],
    },
    RegDomain {
        alpha2: *b"99",
        rules: &[
            CH1_11,
            CH14,
            rule(5140, 5250, 80, 30, RegRule::AUTO_BW),
            rule(
                5250,
                5330,
                80,
                30,
                RegRule::DFS_CONCURRENT | RegRule::DFS | RegRule::AUTO_BW,
            ),
            rule(5490, 5730, 160, 30, RegRule::DFS_CONCURRENT | RegRule::DFS),
            rule(5735, 5835, 80, 30, 0),
            // mac80211_hwsim lists 5845-5935 MHz too but counts only six
            // rules, so cfg80211 never sees it.
        ],
    },
];

/// The countries `regtest` hints, by radio.
const ALPHA2S: [[u8; 2]; 6] = [*b"FI", *b"AL", *b"US", *b"DE", *b"JP", *b"AL"];

/// A radio's regulatory settings.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct RadioReg {
    /// The country the radio hints after registration.
    pub(crate) alpha2: Option<[u8; 2]>,
    /// Index into [`CUSTOM_DOMAINS`].
    pub(crate) custom: Option<usize>,
    /// Strict handling of the hint.
    pub(crate) strict: bool,
}

impl RadioReg {
    /// What radio `i` gets at load time under `regtest` (mac80211_hwsim's
    /// `HWSIM_REGTEST_*`; other values change nothing, as there).
    pub(crate) fn regtest(regtest: i32, i: usize) -> Self {
        let hint = |n: usize| Self {
            alpha2: Some(ALPHA2S[n]),
            ..Self::default()
        };
        let strict = |n: usize| Self {
            strict: true,
            ..hint(n)
        };
        let custom = |n: usize| Self {
            custom: Some(n),
            ..Self::default()
        };
        match (regtest, i) {
            // Driver hint followed by the others; every radio hints.
            (1, 0) | (2, _) => hint(0),
            // A different country a radio.
            (3, i) if i < ALPHA2S.len() => hint(i),
            // World roaming on the first radio.
            (4, 0) => custom(0),
            // Custom world domains.
            (5, _) | (6, 0) => custom(2),
            (6, 1) => custom(1),
            // Strict hints.
            (7, 0) | (8, _) | (9, 0) => strict(0),
            (9, 1) => hint(1),
            // A bit of everything.
            (10, 0) => custom(0),
            (10, 1) => custom(1),
            (10, 2) => hint(0),
            (10, 3) => hint(1),
            (10, 4) => strict(2),
            _ => Self::default(),
        }
    }

    /// How the radio's wiphy takes regulatory domains.
    pub(crate) fn wiphy(&self) -> Regulatory<'static> {
        Regulatory {
            strict: self.strict,
            custom: self.custom.and_then(|i| CUSTOM_DOMAINS.get(i)),
        }
    }
}
