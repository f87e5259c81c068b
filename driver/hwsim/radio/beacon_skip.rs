// SPDX-License-Identifier: GPL-2.0

//! Beacons an interface leaves out: its `skip_beacons` debugfs file, as in
//! mac80211_hwsim (what a test writes there to make stations miss beacons).

use crate::wireless::mac80211::VifFiles;
use crate::wireless::shims::debugfs::{Format, NumberFile};
use crate::wireless::shims::sync::with_bh_disabled;
use crate::wireless::vif::{MacAddr, Vif};
use core::sync::atomic::{AtomicU32, Ordering};
use kernel::prelude::*;
use kernel::sync::{Arc, SpinLock};

/// The count of one interface, which its file reads and writes.
struct Skip {
    addr: MacAddr,
    left: AtomicU32,
}

/// The counts of a radio's interfaces, found by address (mac80211 keeps the
/// addresses of a radio's beaconing interfaces apart); a slot freed when
/// its interface goes is reused. The lock is taken with bottom halves off:
/// the beacon timer reads it.
pub(crate) struct BeaconSkips {
    skips: Pin<KBox<SpinLock<KVec<Option<Arc<Skip>>>>>>,
}

impl BeaconSkips {
    pub(crate) fn new() -> Result<Self> {
        Ok(Self {
            skips: KBox::pin_init(
                kernel::new_spinlock!(KVec::new(), "rwlan_hwsim_skip_beacons"),
                GFP_KERNEL,
            )?,
        })
    }

    /// Adds `skip_beacons` to the debugfs directory of `vif`, with a count
    /// of its own (a remade directory starts again from 0, as in C).
    pub(crate) fn add_file(&self, vif: &Vif, files: &mut VifFiles<'_>) -> Result {
        let skip = Arc::new(
            Skip {
                addr: vif.addr(),
                left: AtomicU32::new(0),
            },
            GFP_KERNEL,
        )?;
        with_bh_disabled(|| -> Result {
            let mut skips = self.skips.lock();
            let slot = skips
                .iter_mut()
                .find(|s| s.as_ref().is_none_or(|s| s.addr == skip.addr));
            match slot {
                Some(slot) => *slot = Some(skip.clone()),
                None => skips.push(Some(skip.clone()), GFP_ATOMIC)?,
            }
            Ok(())
        })?;
        let file = NumberFile {
            name: kernel::c_str!("skip_beacons"),
            format: Format::Unsigned,
            target: skip,
            get: |s| u64::from(s.left.load(Ordering::Relaxed)),
            set: |s, v| {
                s.left
                    .store(u32::try_from(v).map_err(|_| ERANGE)?, Ordering::Relaxed);
                Ok(())
            },
        };
        // Root's only, as in mac80211_hwsim.
        files.add(file, 0o600)
    }

    /// `vif` is gone: its count no longer applies (its file holds its own
    /// reference until mac80211 removed it).
    pub(crate) fn forget(&self, vif: &Vif) {
        let addr = vif.addr();
        with_bh_disabled(|| {
            for slot in self.skips.lock().iter_mut() {
                if slot.as_ref().is_some_and(|s| s.addr == addr) {
                    *slot = None;
                }
            }
        });
    }

    /// Whether the next beacon of `vif` is left out, counting it if so.
    /// Called from the beacon timer.
    pub(crate) fn take(&self, vif: &Vif) -> bool {
        let addr = vif.addr();
        let skips = self.skips.lock();
        let Some(skip) = skips.iter().flatten().find(|s| s.addr == addr) else {
            return false;
        };
        skip.left
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| n.checked_sub(1))
            .is_ok()
    }
}
