// SPDX-License-Identifier: GPL-2.0

//! A hardware from allocation to unregistration, with what must go before
//! it is unregistered (debugfs directories).

use super::adapter::Adapter;
use super::conf::ChanctxSupport;
use super::hw::{Hw, HwPriv};
use super::hwref::Liveness;
use super::ops::Ops;
use super::rx_napi::RxNapi;
use super::vendor::VendorTables;
use super::vif_debugfs;
use crate::wireless::bindings;
use crate::wireless::hwconfig::{HwConfig, HwStorage};
use crate::wireless::shims::debugfs;
use crate::wireless::shims::device::{ClassDevice, Device};
use core::marker::PhantomData;
use core::ptr::{self, NonNull};
use core::sync::atomic::{AtomicBool, AtomicPtr, Ordering};
use kernel::error::to_result;
use kernel::prelude::*;
use kernel::str::CStr;
use kernel::sync::Arc;
use kernel::types::Opaque;

/// An allocated hardware whose private area holds an initialised
/// `HwPriv<T>`; freeing it drops that and frees the hw.
///
/// # Invariants
///
/// `ptr` came from `ieee80211_alloc_hw_nm` with room for `HwPriv<T>`,
/// which was written before `new` returned; it is freed once, in `drop`,
/// after the gate is closed and the timer and work are cancelled.
struct AllocatedHw<T: Ops> {
    ptr: NonNull<bindings::ieee80211_hw>,
    _data: PhantomData<T>,
}

impl<T: Ops> AllocatedHw<T> {
    fn new(
        data: Arc<T>,
        name: Option<&CStr>,
        chanctx: bool,
        rx_napi: Option<Arc<RxNapi>>,
    ) -> Result<Self> {
        if chanctx && !Adapter::<T>::CHANCTX_CAPABLE {
            pr_err!("channel contexts asked for, but the driver has no chanctx ops\n");
            return Err(EINVAL);
        }
        let ops = if chanctx {
            Adapter::<T>::OPS_CHANCTX_REF
        } else {
            Adapter::<T>::OPS_REF
        };
        let live = Arc::new(
            Liveness {
                hw: AtomicPtr::new(ptr::null_mut()),
                referenced: AtomicBool::new(false),
            },
            GFP_KERNEL,
        )?;
        let vif_files = vif_debugfs::new_list()?;
        let name = name.map_or(ptr::null(), |n| n.as_char_ptr());
        // SAFETY: the ops table is `'static` and has every op mac80211
        // requires; the name is copied, and null asks for `phy%d`.
        let hw = unsafe {
            bindings::ieee80211_alloc_hw_nm(core::mem::size_of::<HwPriv<T>>(), ops, name)
        };
        let Some(ptr) = NonNull::new(hw) else {
            pr_err!("ieee80211_alloc_hw failed (out of memory or bad ops)\n");
            return Err(ENOMEM);
        };
        let rx_port = match &rx_napi {
            // SAFETY: the context lives as long as the `Arc` the private
            // area keeps; `hw` is allocated, and the port is freed before
            // the hw is (in `drop`, or right here).
            Some(rx) => match NonNull::new(unsafe { bindings::rwlan_rx_port_new(rx.as_raw(), hw) })
            {
                Some(port) => port.as_ptr(),
                None => {
                    pr_err!("no memory for a NAPI port\n");
                    // SAFETY: nothing else knows the hw yet; its private
                    // area holds nothing to drop.
                    unsafe { bindings::ieee80211_free_hw(hw) };
                    return Err(ENOMEM);
                }
            },
            None => ptr::null_mut(),
        };
        // SAFETY: `priv_` points to at least `size_of::<HwPriv<T>>()` zeroed
        // bytes aligned to 32 (NETDEV_ALIGN), enough for `HwPriv<T>`, which
        // is never moved afterwards; the timer is initialised in place.
        unsafe {
            let p = (*hw).priv_.cast::<HwPriv<T>>();
            p.write(HwPriv {
                timer: Opaque::uninit(),
                work: Opaque::uninit(),
                gate: Opaque::uninit(),
                hw,
                data,
                live,
                vif_files,
                rx_port,
                rx_napi,
            });
            bindings::rwlan_hrtimer_init_soft((*p).timer.get(), Some(Adapter::<T>::timer_callback));
            bindings::rwlan_init_delayed_work((*p).work.get(), Some(Adapter::<T>::work_callback));
            bindings::rwlan_gate_init((*p).gate.get());
        }
        Ok(Self {
            ptr,
            _data: PhantomData,
        })
    }

    fn hw(&self) -> &Hw<T> {
        // SAFETY: `ptr` was allocated for `T` and its private area
        // initialised in `new`; it lives as long as `self`.
        unsafe { Hw::from_raw(self.ptr.as_ptr()) }
    }
}

impl<T: Ops> Drop for AllocatedHw<T> {
    fn drop(&mut self) {
        let hw = self.ptr.as_ptr();
        // A hardware that was never started (or failed to register) may
        // still have been handed to code that tried to arm its timer: the
        // closed gate refused, and this makes sure.
        self.hw().stop_deferred();
        // SAFETY: the hw is not (or no longer) registered, so mac80211 calls
        // none of its ops; with the timer and the work cancelled and the
        // gate closed nothing uses the private area, which is dropped once
        // before the hw is freed. No `&Hw` is left to queue received
        // frames, and freeing the queue waits for a running poll.
        unsafe {
            let p = (*hw).priv_.cast::<HwPriv<T>>();
            if !(*p).rx_port.is_null() {
                bindings::rwlan_rx_port_free((*p).rx_port);
            }
            ptr::drop_in_place(p);
            bindings::ieee80211_free_hw(hw);
        }
    }
}

/// A registered mac80211 hardware; dropping it unregisters and frees it.
///
/// # Invariants
///
/// `hw` is registered until `drop`, which first removes the debugfs
/// directories in `debugfs` (they live in the wiphy's), then unregisters
/// the hardware; field order then frees the hw before the tables it points
/// to and before the device it hangs under.
pub struct Registration<T: Ops> {
    debugfs: KVec<Pin<KBox<debugfs::Dir>>>,
    hw: AllocatedHw<T>,
    _storage: KBox<HwStorage>,
    _vendor: Option<KBox<VendorTables>>,
    _parent: Option<ClassDevice>,
}

// SAFETY: the hw may be used and unregistered from any thread.
unsafe impl<T: Ops> Send for Registration<T> {}
// SAFETY: `&Registration` only gives `&Hw`, which is `Sync`.
unsafe impl<T: Ops> Sync for Registration<T> {}

impl<T: Ops> Registration<T> {
    /// Starts describing a hardware for `data` with `config`; see
    /// [`Builder`].
    pub fn builder<'a>(data: Arc<T>, config: &'a HwConfig<'a>) -> Builder<'a, T> {
        Builder {
            data,
            config,
            parent: None,
            tx_headroom: 0,
            chanctx: None,
            rx_napi: None,
        }
    }

    fn register(b: Builder<'_, T>) -> Result<Self> {
        let Builder {
            data,
            config,
            parent,
            tx_headroom,
            chanctx,
            rx_napi,
        } = b;
        let (dev, kept) = match parent {
            None => (ptr::null_mut(), None),
            Some(Parent::Class(d)) => (d.as_raw(), Some(d)),
            Some(Parent::Device(d)) => (d.as_raw(), None),
        };
        let hw = AllocatedHw::<T>::new(data, config.name, chanctx.is_some(), rx_napi)?;
        let mut storage = HwStorage::new(config)?;
        let vendor = VendorTables::new::<T>()?;
        let raw = hw.ptr.as_ptr();
        // SAFETY: the hw is allocated and not yet registered, so we are its
        // only user; every table it is pointed at lives in `storage` or `vendor` (or is
        // `'static`) and is dropped only after the hw is freed. `dev` is
        // null or a live device, which the wiphy takes a reference to when
        // it is registered under it.
        unsafe {
            storage.apply(raw, config);
            if let Some(v) = &vendor {
                v.apply((*raw).wiphy);
            }
            if config.bands.is_empty() && config.regulatory.custom.is_some() {
                // cfg80211 would warn: a custom domain applies to bands.
                pr_err!("a custom regulatory domain needs a band\n");
                return Err(EINVAL);
            }
            config.regulatory.apply((*raw).wiphy)?;
            if !dev.is_null() {
                bindings::rwlan_hw_set_dev(raw, dev);
            }
            (*raw).extra_tx_headroom = tx_headroom;
            if let Some(c) = chanctx {
                let wiphy = (*raw).wiphy;
                (*wiphy).max_scan_ssids = c.max_scan_ssids;
                (*wiphy).max_scan_ie_len = c.max_scan_ie_len;
                (*wiphy).max_remain_on_channel_duration = c.max_remain_on_channel_ms;
            }
            to_result(bindings::ieee80211_register_hw(raw)).inspect_err(|e| {
                pr_err!("ieee80211_register_hw failed: {:?}\n", e);
            })?;
        }
        hw.hw().private().live.hw.store(raw, Ordering::SeqCst);
        Ok(Self {
            debugfs: KVec::new(),
            hw,
            _storage: storage,
            _vendor: vendor,
            _parent: kept,
        })
    }

    /// The registered hardware.
    pub fn hw(&self) -> &Hw<T> {
        self.hw.hw()
    }

    /// Creates directory `name` in the wiphy's debugfs directory
    /// (`/sys/kernel/debug/ieee80211/phyN/NAME`) for files to be added to;
    /// it is removed before the hardware is unregistered.
    pub fn debugfs_dir(&mut self, name: &CStr) -> Result<Pin<&mut debugfs::Dir>> {
        // SAFETY: the wiphy's directory exists while the hw is registered;
        // the new one is kept in `self.debugfs`, which `drop` empties
        // before unregistering the hw.
        let dir = unsafe { debugfs::Dir::new(self.hw().debugfs_dir(), name)? };
        self.debugfs.push(KBox::pin(dir, GFP_KERNEL)?, GFP_KERNEL)?;
        match self.debugfs.last_mut() {
            Some(dir) => Ok(dir.as_mut()),
            None => Err(EINVAL),
        }
    }
}

impl<T: Ops> Drop for Registration<T> {
    fn drop(&mut self) {
        // The directories live in the wiphy's, which unregistration removes.
        drop(core::mem::replace(&mut self.debugfs, KVec::new()));
        // `HwRef`s stop reaching the hw; once the grace period is over none
        // is using it any more.
        let live = &self.hw().private().live;
        live.hw.store(ptr::null_mut(), Ordering::SeqCst);
        if live.referenced.load(Ordering::SeqCst) {
            // SAFETY: waiting for RCU readers is allowed in process context,
            // where registrations are dropped.
            unsafe { bindings::synchronize_rcu() };
        }
        // SAFETY: the hw was registered in `new`; unregistering stops it
        // (calling `stop`) and waits for its callbacks to finish.
        unsafe { bindings::ieee80211_unregister_hw(self.hw.ptr.as_ptr()) }
    }
}

/// Where a hardware hangs in sysfs.
pub enum Parent<'a> {
    /// A device of a class (virtual radios), kept until the hardware is
    /// freed.
    Class(ClassDevice),
    /// A device of a bus, such as a USB interface's
    /// ([`usb::Interface::as_device`](crate::wireless::shims::usb::Interface::as_device)).
    /// The registration should be dropped when the device goes (in a USB
    /// driver's `disconnect`); the wiphy holds a reference to the device
    /// until then in any case.
    Device(&'a Device),
}

/// A hardware being described before [`Builder::register`] registers it.
pub struct Builder<'a, T: Ops> {
    data: Arc<T>,
    config: &'a HwConfig<'a>,
    parent: Option<Parent<'a>>,
    tx_headroom: u32,
    chanctx: Option<&'a ChanctxSupport>,
    rx_napi: Option<Arc<RxNapi>>,
}

impl<'a, T: Ops> Builder<'a, T> {
    /// Puts the hardware under `parent` in sysfs.
    pub fn parent(mut self, parent: Parent<'a>) -> Self {
        self.parent = Some(parent);
        self
    }

    /// Reserves `bytes` before every frame handed to `tx` (for the
    /// hardware's descriptor).
    pub fn tx_headroom(mut self, bytes: u32) -> Self {
        self.tx_headroom = bytes;
        self
    }

    /// Hands received frames to mac80211 through the NAPI context `rx`
    /// (which the hardware keeps) instead of mac80211's tasklet. [`Hw::rx`]
    /// may still be called in any context; frames that arrive while the
    /// hardware is stopped are dropped.
    pub fn rx_napi(mut self, rx: &Arc<RxNapi>) -> Self {
        self.rx_napi = Some(rx.clone());
        self
    }

    /// Gives the hardware channel contexts of its own: `T`'s chanctx ops,
    /// hardware scan and remain-on-channel are used, with the limits of
    /// `chanctx`. Registering fails with `-EINVAL` if `T` lacks the
    /// chanctx ops.
    pub fn chanctx(mut self, chanctx: &'a ChanctxSupport) -> Self {
        self.chanctx = Some(chanctx);
        self
    }

    /// Allocates the hardware and registers it with mac80211.
    pub fn register(self) -> Result<Registration<T>> {
        Registration::register(self)
    }
}
