// SPDX-License-Identifier: GPL-2.0

//! What a station says when the `ps` debugfs file changes, as in
//! mac80211_hwsim: a null data frame with or without the power-management
//! bit to the AP it is associated with, and PS-Polls for manual polling.

use crate::wireless::mac80211::TxFrame;
use crate::wireless::vif::{IfType, Vif};

/// Frame control bytes (on-air order): data/null function with To-DS, and
/// control/PS-Poll; byte 1 bit 4 is the power-management bit.
const NULLFUNC_FC: [u8; 2] = [0x48, 0x01];
const PSPOLL_FC: [u8; 2] = [0xa4, 0x00];
const FC1_PWRMGT: u8 = 0x10;

/// The null frame `vif` sends to tell its AP it sleeps (`ps`) or wakes.
pub(crate) fn nullfunc(vif: &Vif, ps: bool) -> Option<TxFrame> {
    let (bssid, _) = station_bss(vif)?;
    let mut f = [0u8; 24];
    f[..2].copy_from_slice(&NULLFUNC_FC);
    if ps {
        f[1] |= FC1_PWRMGT;
    }
    f[4..10].copy_from_slice(&bssid);
    f[10..16].copy_from_slice(&vif.addr());
    f[16..22].copy_from_slice(&bssid);
    TxFrame::from_data_atomic(&f)
}

/// The PS-Poll `vif` sends to ask its AP for one buffered frame.
pub(crate) fn ps_poll(vif: &Vif) -> Option<TxFrame> {
    let (bssid, aid) = station_bss(vif)?;
    let mut f = [0u8; 16];
    f[..2].copy_from_slice(&PSPOLL_FC);
    f[1] |= FC1_PWRMGT;
    // The AID field has its two top bits set.
    f[2..4].copy_from_slice(&(0xc000 | aid).to_le_bytes());
    f[4..10].copy_from_slice(&bssid);
    f[10..16].copy_from_slice(&vif.addr());
    TxFrame::from_data_atomic(&f)
}

fn station_bss(vif: &Vif) -> Option<([u8; 6], u16)> {
    if !matches!(vif.iftype(), IfType::Station | IfType::P2pClient) {
        return None;
    }
    vif.associated_bss()
}
