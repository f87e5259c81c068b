// SPDX-License-Identifier: GPL-2.0

//! mac80211_hwsim's testmode commands (`iw phy X hwsim ...`): attribute 1
//! the command, attribute 2 the power-save mode. Set and get the mode the
//! `ps` debugfs file holds; stop and wake the radio's TX queues.

use super::Radio;
use crate::wireless::mac80211::{Hw, TestmodeRequest};
use crate::wireless::shims::error::eopnotsupp;
use core::sync::atomic::Ordering;
use kernel::prelude::*;

const ATTR_CMD: u16 = 1;
const ATTR_PS: u16 = 2;

const CMD_SET_PS: u32 = 0;
const CMD_GET_PS: u32 = 1;
const CMD_STOP_QUEUES: u32 = 2;
const CMD_WAKE_QUEUES: u32 = 3;

/// Answers a testmode request: `EINVAL` without a command (or a mode to
/// set), `EOPNOTSUPP` for another command, as in C.
pub(crate) fn command(hw: &Hw<Radio>, req: &TestmodeRequest<'_>) -> Result {
    let r = hw.data();
    let data = req.data();
    match data.u32(ATTR_CMD).ok_or(EINVAL)? {
        CMD_SET_PS => r.set_ps(data.u32(ATTR_PS).ok_or(EINVAL)?.into()),
        CMD_GET_PS => {
            let mut reply = req.reply(8)?;
            reply.put_u32(ATTR_PS, r.ps.load(Ordering::Relaxed))?;
            reply.send()
        }
        CMD_STOP_QUEUES => {
            hw.stop_queues();
            Ok(())
        }
        CMD_WAKE_QUEUES => {
            hw.wake_queues();
            Ok(())
        }
        _ => Err(eopnotsupp()),
    }
}
