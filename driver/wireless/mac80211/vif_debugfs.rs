// SPDX-License-Identifier: GPL-2.0

//! A driver's files in an interface's debugfs directory
//! (`/sys/kernel/debug/ieee80211/phyN/netdev:NAME`), through
//! `ieee80211_ops::link_add_debugfs`.
//!
//! mac80211 owns that directory: it asks for the driver's files after
//! `add_interface` (and again whenever it remakes the directory, having
//! removed the old ones), and removes them before `remove_interface`. The
//! files' attributes therefore live in the hardware's private area, one list
//! for all its interfaces, and an interface's go once `remove_interface`
//! has returned.

use super::adapter::Adapter;
use super::hw::Hw;
use super::ops::Ops;
use crate::wireless::bindings;
use crate::wireless::shims::debugfs::{self, NumberFile};
use crate::wireless::vif::Vif;
use kernel::init::InPlaceInit;
use kernel::prelude::*;
use kernel::sync::{Arc, Mutex};

/// A file's attribute and the interface whose directory holds the file.
pub(super) struct VifFile {
    /// The interface, only compared.
    vif: usize,
    _attr: Arc<dyn Send + Sync>,
}

/// The attributes of every interface's files of one hardware; a slot
/// freed when its interface goes is reused by the next file.
pub(super) type VifFileList = Mutex<KVec<Option<VifFile>>>;

/// Makes an empty list for [`super::hw::HwPriv`].
pub(super) fn new_list() -> Result<Arc<VifFileList>> {
    Arc::pin_init(
        kernel::new_mutex!(KVec::new(), "rwlan_vif_debugfs"),
        GFP_KERNEL,
    )
}

/// An interface's debugfs directory, lent to [`Ops::link_add_debugfs`].
///
/// # Invariants
///
/// `dir` is the interface's debugfs directory, live for `'a`; `list` is
/// its hardware's, which keeps every attribute until the interface is
/// removed (after mac80211 removed the files).
pub struct VifFiles<'a> {
    dir: *mut bindings::dentry,
    vif: usize,
    list: &'a VifFileList,
}

impl VifFiles<'_> {
    /// Adds `file` with permissions `mode`.
    pub fn add<T: Send + Sync + 'static>(&mut self, file: NumberFile<T>, mode: u16) -> Result {
        let mut list = self.list.lock();
        // A slot first: once the file exists, its attribute must be kept.
        let pos = match list.iter().position(Option::is_none) {
            Some(pos) => pos,
            None => {
                list.push(None, GFP_KERNEL)?;
                list.len() - 1
            }
        };
        // SAFETY: `dir` is live (invariant); the attribute goes into the
        // hardware's list, kept until after mac80211 removed the file.
        let attr = unsafe { debugfs::create_file(self.dir, mode, file)? };
        list[pos] = Some(VifFile {
            vif: self.vif,
            _attr: attr,
        });
        Ok(())
    }
}

impl<T: Ops> Adapter<T> {
    /// # Safety
    ///
    /// Only mac80211 calls this, through the ops table of a hardware
    /// registered for `T`: `dir` is the interface's (its only link's)
    /// debugfs directory, whose files mac80211 removes before calling
    /// `remove_interface`.
    pub(super) unsafe extern "C" fn link_add_debugfs_callback(
        hw: *mut bindings::ieee80211_hw,
        vif: *mut bindings::ieee80211_vif,
        _link_conf: *mut bindings::ieee80211_bss_conf,
        dir: *mut bindings::dentry,
    ) {
        // SAFETY: as in `add_interface_callback`.
        let (hw, vif) = unsafe { (Self::hw(hw), Vif::from_raw(vif)) };
        if dir.is_null() {
            return;
        }
        // INVARIANT: mac80211 keeps `dir` for at least this call, and the
        // list is the hardware's.
        let mut files = VifFiles {
            dir,
            vif: vif.as_raw() as usize,
            list: &hw.private().vif_files,
        };
        T::link_add_debugfs(hw, vif, &mut files);
    }

    /// Frees the attributes of `vif`'s files: `remove_interface` returned,
    /// so mac80211 has removed them.
    pub(super) fn forget_vif_files(hw: &Hw<T>, vif: &Vif) {
        let id = vif.as_raw() as usize;
        for slot in hw.private().vif_files.lock().iter_mut() {
            if slot.as_ref().is_some_and(|f| f.vif == id) {
                *slot = None;
            }
        }
    }
}
