// SPDX-License-Identifier: GPL-2.0

//! mac80211_hwsim's test vendor command: Qualcomm's OUI, subcommand 1,
//! attribute 8 a u32. The answer is that number plus 2, and the command
//! also sends vendor event 0 with the number plus 1, which is what tests
//! of vendor command and event handling look for.

use crate::wireless::mac80211::{VendorCommand, VendorId, VendorNeeds, VendorRequest};
use crate::wireless::shims::net::policy::AttrPolicy;
use kernel::prelude::*;

/// Qualcomm's OUI, whose vendor commands wpa_supplicant knows.
const OUI_QCA: u32 = 0x001374;
/// The test subcommand and its one attribute.
const SUBCMD_TEST: u32 = 1;
const ATTR_TEST: u16 = 8;

const TEST: VendorId = VendorId {
    oui: OUI_QCA,
    subcmd: SUBCMD_TEST,
};

/// Attribute 8 is a u32; the others are not looked at.
const POLICY: [AttrPolicy; 9] = {
    let mut p = [AttrPolicy::Unspec; 9];
    p[ATTR_TEST as usize] = AttrPolicy::U32;
    p
};

/// mac80211_hwsim marks it as needing a network interface, a flag cfg80211
/// checks only together with the wireless-device one: a request naming the
/// wiphy alone is answered too.
pub(crate) const COMMANDS: [VendorCommand; 1] = [VendorCommand {
    id: TEST,
    needs: VendorNeeds::Wiphy,
    policy: &POLICY,
}];

pub(crate) const EVENTS: [VendorId; 1] = [TEST];

/// Answers the test command: event with the number plus 1, reply with it
/// plus 2. `EINVAL` without the number.
pub(crate) fn test_command(req: &VendorRequest<'_>) -> Result {
    let val = req.data().u32(ATTR_TEST).ok_or(EINVAL)?;
    // As in C, a failed event does not fail the command.
    if let Ok(mut event) = req.event(0, 100) {
        if event.put_u32(ATTR_TEST, val.wrapping_add(1)).is_ok() {
            let _ = event.send();
        }
    }
    let mut reply = req.reply(10)?;
    reply.put_u32(ATTR_TEST, val.wrapping_add(2))?;
    reply.send()
}
