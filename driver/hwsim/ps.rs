// SPDX-License-Identifier: GPL-2.0

//! What a station says when the `ps` debugfs file changes, as in
//! mac80211_hwsim: a null data frame with or without the power-management
//! bit to the AP it is associated with, and PS-Polls for manual polling.

use crate::wireless::frame::{FrameControl, HeaderMut};
use crate::wireless::mac80211::TxFrame;
use crate::wireless::vif::{IfType, Vif};

/// Frame control (on-air order): data/null function with To-DS, and
/// control/PS-Poll.
const NULLFUNC_FC: [u8; 2] = [0x48, 0x01];
const PSPOLL_FC: [u8; 2] = [0xa4, 0x00];

/// The null frame `vif` sends to tell its AP it sleeps (`ps`) or wakes.
pub(crate) fn nullfunc(vif: &Vif, ps: bool) -> Option<TxFrame> {
    let (bssid, _) = station_bss(vif)?;
    let mut f = [0u8; 24];
    let mut hdr = HeaderMut::new(&mut f)?;
    hdr.set_frame_control(FrameControl::from_le_bytes(NULLFUNC_FC));
    hdr.set_pwrmgt(ps);
    hdr.set_addr1(&bssid);
    hdr.set_addr2(&vif.addr());
    hdr.set_addr3(&bssid);
    TxFrame::from_data_atomic(&f)
}

/// The PS-Poll `vif` sends to ask its AP for one buffered frame.
pub(crate) fn ps_poll(vif: &Vif) -> Option<TxFrame> {
    let (bssid, aid) = station_bss(vif)?;
    let mut f = [0u8; 16];
    let mut hdr = HeaderMut::new(&mut f)?;
    hdr.set_frame_control(FrameControl::from_le_bytes(PSPOLL_FC));
    hdr.set_pwrmgt(true);
    // The AID, in the duration field, has its two top bits set.
    hdr.set_duration(0xc000 | aid);
    hdr.set_addr1(&bssid);
    hdr.set_addr2(&vif.addr());
    TxFrame::from_data_atomic(&f)
}

fn station_bss(vif: &Vif) -> Option<([u8; 6], u16)> {
    if !matches!(vif.iftype(), IfType::Station | IfType::P2pClient) {
        return None;
    }
    vif.associated_bss()
}
