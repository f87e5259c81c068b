// SPDX-License-Identifier: GPL-2.0

//! The hardware a driver is handed: its state, wiphy and radio facts.

use super::conf::Conf;
use super::hwref::{HwRef, Liveness};
use super::ops::Ops;
use super::rx_napi::RxNapi;
use super::vif_debugfs::VifFileList;
use crate::wireless::bindings;
use crate::wireless::channel::{Band, Channel};
use crate::wireless::shims::net::Net;
use crate::wireless::vif::Vif;
use core::marker::PhantomData;
use core::ptr;
use core::sync::atomic::Ordering;
use kernel::error::{to_result, Result};
use kernel::str::CStr;
use kernel::sync::Arc;
use kernel::types::Opaque;

/// What the layer keeps in the hardware's private area.
///
/// `timer` comes first so the timer callback finds the whole from it.
///
/// # Invariants
///
/// `timer`, `work` and `gate` are initialised before the hardware is
/// registered. The timer can be started and the work queued only while
/// `gate` is open, which it is from the `start` callback to the `stop`
/// callback; closing the gate is followed by cancelling both. So when
/// `ieee80211_unregister_hw` (which stops a started hardware) destroys
/// mac80211's workqueue, neither is pending or running.
///
/// `rx_port` is null unless the hw was registered with a NAPI context,
/// `rx_napi`; then it is this hw's port of that context, open only from the
/// `start` callback to the `stop` callback, and freed (before `rx_napi` is
/// dropped) only when the hw is, after it is unregistered.
#[repr(C)]
pub(super) struct HwPriv<T> {
    pub(super) timer: Opaque<bindings::hrtimer>,
    pub(super) work: Opaque<bindings::delayed_work>,
    pub(super) gate: Opaque<bindings::rwlan_gate>,
    pub(super) hw: *mut bindings::ieee80211_hw,
    pub(super) data: Arc<T>,
    pub(super) live: Arc<Liveness>,
    pub(super) vif_files: Arc<VifFileList>,
    pub(super) rx_port: *mut bindings::rwlan_rx_port,
    pub(super) rx_napi: Option<Arc<RxNapi>>,
}

/// An `ieee80211_hw` of a driver whose callbacks are `T`.
///
/// # Invariants
///
/// A `&Hw<T>` exists only for a hardware allocated by the layer for `T`
/// (its private area is an initialised `HwPriv<T>`), for at most as long
/// as that hardware is allocated. Drivers get one only while it is
/// registered: mac80211 hands it to callbacks, a `Registration` lends it,
/// and a `HwRef` lends it inside an RCU read section.
#[repr(transparent)]
pub struct Hw<T: Ops>(Opaque<bindings::ieee80211_hw>, PhantomData<T>);

// SAFETY: the mac80211 functions `Hw` offers may be called from any thread
// (each documents its context), and the driver data is `Send + Sync`.
unsafe impl<T: Ops> Sync for Hw<T> {}
// SAFETY: as above.
unsafe impl<T: Ops> Send for Hw<T> {}

impl<T: Ops> Hw<T> {
    /// # Safety
    ///
    /// `ptr` must be a hardware allocated by [`Registration::builder`] for `T`
    /// (so its private area holds an initialised `HwPriv<T>`), valid for `'a`.
    pub(super) unsafe fn from_raw<'a>(ptr: *mut bindings::ieee80211_hw) -> &'a Self {
        // SAFETY: transparent wrapper; validity is the caller's promise.
        unsafe { &*ptr.cast() }
    }

    pub(super) fn as_raw(&self) -> *mut bindings::ieee80211_hw {
        self.0.get()
    }

    pub(super) fn private(&self) -> &HwPriv<T> {
        // SAFETY: by the type invariant of `Hw<T>` (see `from_raw`), `priv_`
        // points to an initialised `HwPriv<T>` that lives as long as the hw.
        unsafe { &*(*self.as_raw()).priv_.cast::<HwPriv<T>>() }
    }

    /// The driver's state for this radio.
    pub fn data(&self) -> &Arc<T> {
        &self.private().data
    }

    /// Whether `self` and `other` are the same radio.
    pub fn is(&self, other: &Hw<T>) -> bool {
        ptr::eq(self, other)
    }

    /// The wiphy's name (`phyN`).
    pub fn wiphy_name(&self) -> &CStr {
        // SAFETY: the wiphy lives as long as the hw; its name is a
        // NUL-terminated string that changes only under RTNL on rename,
        // which keeps the old buffer valid for the device's lifetime.
        unsafe { CStr::from_char_ptr(bindings::rwlan_wiphy_name((*self.as_raw()).wiphy)) }
    }

    /// Whether the wiphy is in `net` now.
    pub fn in_net(&self, net: &Net) -> bool {
        // SAFETY: the wiphy lives as long as the hw; its namespace pointer
        // is read once (it changes only under RTNL) and only compared.
        let now = unsafe { bindings::rwlan_wiphy_net((*self.as_raw()).wiphy) };
        core::ptr::eq(now, net.as_raw())
    }

    /// Whether the wiphy supports P2P device interfaces.
    pub fn supports_p2p_device(&self) -> bool {
        // SAFETY: `interface_modes` is fixed after registration.
        let modes = unsafe { (*(*self.as_raw()).wiphy).interface_modes };
        modes & (1 << bindings::nl80211_iftype_NL80211_IFTYPE_P2P_DEVICE) != 0
    }

    /// The configuration mac80211 last set.
    ///
    /// # Safety
    ///
    /// The caller holds the wiphy lock, which mac80211 holds while writing
    /// `hw->conf`.
    pub(super) unsafe fn conf_locked(&self) -> Conf {
        let hw = self.as_raw();
        // SAFETY: `hw` is valid and, with the wiphy lock held, `conf` is not
        // being written; `chandef.chan`, when set, points into the band
        // tables that live as long as the hw.
        unsafe {
            let conf = &(*hw).conf;
            let chan = conf.chandef.chan;
            let channel = if chan.is_null() {
                None
            } else {
                Band::from_raw((*chan).band).map(|band| Channel {
                    freq: (*chan).center_freq,
                    band,
                })
            };
            Conf {
                channel,
                idle: conf.flags & bindings::ieee80211_conf_flags_IEEE80211_CONF_IDLE != 0,
                ps: conf.flags & bindings::ieee80211_conf_flags_IEEE80211_CONF_PS != 0,
            }
        }
    }

    /// Calls `f` for each active interface, in atomic context under RCU.
    pub fn for_each_active_vif<F: FnMut(&Vif)>(&self, mut f: F) {
        /// # Safety
        ///
        /// Only `ieee80211_iterate_active_interfaces_atomic` calls this, with
        /// the `F` it was given as data.
        unsafe extern "C" fn call<F: FnMut(&Vif)>(
            data: *mut kernel::ffi::c_void,
            _mac: *mut u8,
            vif: *mut bindings::ieee80211_vif,
        ) {
            // SAFETY: `data` is the `F` passed below, alive for the whole
            // iteration; `vif` is valid during the call (RCU).
            unsafe { (*data.cast::<F>())(Vif::from_raw(vif)) }
        }
        // SAFETY: the hw is valid; the iterator and its data outlive the
        // call, which returns only when the iteration is over.
        unsafe {
            bindings::ieee80211_iterate_active_interfaces_atomic(
                self.as_raw(),
                bindings::ieee80211_interface_iteration_flags_IEEE80211_IFACE_ITER_NORMAL,
                Some(call::<F>),
                (&raw mut f).cast(),
            )
        }
    }

    /// The radio's channel at `freq` MHz, if it has one there.
    pub fn channel_at(&self, freq: u32) -> Option<Channel> {
        // SAFETY: the wiphy and its band tables live as long as the hw; the
        // lookup only reads them.
        unsafe {
            let chan = bindings::ieee80211_get_channel_khz((*self.as_raw()).wiphy, freq * 1000);
            if chan.is_null() {
                return None;
            }
            Band::from_raw((*chan).band).map(|band| Channel {
                freq: (*chan).center_freq,
                band,
            })
        }
    }

    /// Bitrate in 100 kbit/s of rate `idx` of `band`, if the band has it.
    pub fn bitrate(&self, band: Band, idx: i8) -> Option<u16> {
        let idx = usize::try_from(idx).ok()?;
        // SAFETY: the wiphy and its band tables live as long as the hw and
        // are not changed after registration.
        unsafe {
            let sband = (*(*self.as_raw()).wiphy).bands[band.raw() as usize];
            if sband.is_null() || idx >= (*sband).n_bitrates as usize {
                return None;
            }
            Some((*(*sband).bitrates.add(idx)).bitrate)
        }
    }

    /// The wiphy's debugfs directory (null when debugfs is off).
    pub(super) fn debugfs_dir(&self) -> *mut bindings::dentry {
        // SAFETY: the wiphy lives as long as the hw.
        unsafe { (*(*self.as_raw()).wiphy).debugfsdir }
    }

    /// A reference for code outside the callbacks (see [`HwRef`]).
    pub fn handle(&self) -> HwRef<T> {
        self.private().live.referenced.store(true, Ordering::SeqCst);
        HwRef {
            live: self.private().live.clone(),
            _data: PhantomData,
        }
    }

    /// Asks cfg80211 for the domain of country `alpha2` for this wiphy
    /// (`regulatory_hint`); process context.
    pub fn regulatory_hint(&self, alpha2: [u8; 2]) -> Result {
        // SAFETY: the wiphy lives as long as the hw; cfg80211 copies the
        // two letters it reads.
        to_result(unsafe {
            bindings::regulatory_hint((*self.as_raw()).wiphy, alpha2.as_ptr().cast())
        })
    }

    /// Reports radar on the channels the hardware uses (DFS); any context.
    /// Only hardware registered with [`HwConfig::radar_detect`] can; for
    /// other hardware (which may use several channels, where mac80211
    /// warns) it is logged and ignored.
    ///
    /// [`HwConfig::radar_detect`]: crate::wireless::hwconfig::HwConfig::radar_detect
    pub fn radar_detected(&self) {
        // SAFETY: the wiphy and its combination table (set before
        // registration, `HwStorage`) live as long as the hw.
        let detects = unsafe {
            let wiphy = (*self.as_raw()).wiphy;
            (*wiphy).n_iface_combinations > 0
                && (*(*wiphy).iface_combinations).radar_detect_widths != 0
        };
        if !detects {
            kernel::pr_warn!(
                "{}: radar reported, but it does not detect radar\n",
                self.wiphy_name()
            );
            return;
        }
        // SAFETY: hw is valid; a null channel context means all of them
        // (one at most: radar detection needs a single-channel
        // combination), and the call only marks them and queues work.
        unsafe { bindings::ieee80211_radar_detected(self.as_raw(), ptr::null_mut()) }
    }

    /// Tells cfg80211 whether the hardware kill switch blocks the radio.
    pub fn rfkill_set_blocked(&self, blocked: bool) {
        // SAFETY: the wiphy lives as long as the hw; the state change is
        // queued as work, so any context is fine.
        unsafe {
            bindings::wiphy_rfkill_set_hw_state_reason(
                (*self.as_raw()).wiphy,
                blocked,
                bindings::rfkill_hard_block_reasons_RFKILL_HARD_BLOCK_SIGNAL,
            )
        }
    }

    /// Has cfg80211 call [`Ops::rfkill_poll`] periodically, until
    /// [`Hw::rfkill_stop_polling`].
    pub fn rfkill_start_polling(&self) {
        // SAFETY: the wiphy is registered (only registered hardware is
        // handed out), so it has its rfkill.
        unsafe { bindings::wiphy_rfkill_start_polling((*self.as_raw()).wiphy) }
    }

    /// Stops [`Ops::rfkill_poll`] calls and waits for a running one. Sleeps.
    pub fn rfkill_stop_polling(&self) {
        // SAFETY: as in `rfkill_start_polling`.
        unsafe { bindings::rwlan_wiphy_rfkill_stop_polling((*self.as_raw()).wiphy) }
    }
}
