// SPDX-License-Identifier: GPL-2.0

//! Socket buffers (`struct sk_buff`) as 802.11 frames travel in them.

use crate::wireless::bindings;
use core::ptr::NonNull;

/// A socket buffer this code owns: freeing it is its job, done on drop.
///
/// # Invariants
///
/// `ptr` points to a valid, linear `sk_buff` (all its `len` bytes at
/// `data`) that nothing else frees or hands on.
pub struct SkBuff {
    ptr: NonNull<bindings::sk_buff>,
}

// SAFETY: an owned `sk_buff` may be freed or handed on from any context and
// any thread; the kernel moves them between CPUs all the time.
unsafe impl Send for SkBuff {}

impl SkBuff {
    /// Takes ownership of `ptr`, or returns `None` when it is null. A
    /// buffer with paged data is made linear first; if that fails (out of
    /// memory) it is freed and the result is `None`.
    ///
    /// # Safety
    ///
    /// A non-null `ptr` must point to a valid `sk_buff` whose ownership
    /// passes to the returned value.
    pub unsafe fn from_raw(ptr: *mut bindings::sk_buff) -> Option<Self> {
        let ptr = NonNull::new(ptr)?;
        // SAFETY: the buffer is valid and ours; linearising allocates
        // atomically, so any context is fine.
        if unsafe { bindings::rwlan_skb_linearize(ptr.as_ptr()) } != 0 {
            // SAFETY: ours to free.
            unsafe { bindings::rwlan_skb_free_any(ptr.as_ptr()) };
            return None;
        }
        // INVARIANT: the caller hands us ownership of a valid buffer, now
        // linear.
        Some(Self { ptr })
    }

    /// Gives up ownership, for a C function that takes it.
    pub fn into_raw(self) -> *mut bindings::sk_buff {
        let ptr = self.ptr.as_ptr();
        core::mem::forget(self);
        ptr
    }

    /// The raw pointer, still owned by `self`.
    pub fn as_raw(&self) -> *mut bindings::sk_buff {
        self.ptr.as_ptr()
    }

    /// Length of the linear data in bytes.
    pub fn len(&self) -> usize {
        // SAFETY: by the invariant the buffer is valid; `len` is only
        // changed by its owner, which is us.
        unsafe { (*self.ptr.as_ptr()).len as usize }
    }

    /// The frame bytes.
    pub fn data(&self) -> &[u8] {
        let skb = self.ptr.as_ptr();
        // SAFETY: by the invariant the buffer is valid and ours; `data`
        // points at `len` readable bytes of a linear buffer, which live as
        // long as the buffer and so as long as `&self`.
        unsafe { core::slice::from_raw_parts((*skb).data, (*skb).len as usize) }
    }

    /// The frame bytes, writable.
    pub fn data_mut(&mut self) -> &mut [u8] {
        let skb = self.ptr.as_ptr();
        // SAFETY: as in `data`; buffers handed to drivers for transmission
        // and private copies are writable, and `&mut self` makes the slice
        // the only access.
        unsafe { core::slice::from_raw_parts_mut((*skb).data, (*skb).len as usize) }
    }

    /// A new buffer holding a copy of `data` (its control block zeroed);
    /// may sleep.
    pub fn from_data(data: &[u8]) -> Result<SkBuff, kernel::error::Error> {
        Self::copy_of(data, false)
    }

    /// As [`SkBuff::from_data`], without sleeping.
    pub fn from_data_atomic(data: &[u8]) -> Result<SkBuff, kernel::error::Error> {
        Self::copy_of(data, true)
    }

    fn copy_of(data: &[u8], atomic: bool) -> Result<SkBuff, kernel::error::Error> {
        let len = u32::try_from(data.len()).map_err(|_| kernel::error::code::EINVAL)?;
        // SAFETY: `data` is readable for `len` bytes; the helper copies them
        // (without sleeping when asked).
        let skb = unsafe { bindings::rwlan_skb_from_data(data.as_ptr().cast(), len, atomic) };
        // SAFETY: the helper returns a new buffer that we own, or null.
        unsafe { SkBuff::from_raw(skb) }.ok_or(kernel::error::code::ENOMEM)
    }

    /// A new buffer holding a copy of `data`, allocated without sleeping.
    pub fn copy_from_atomic(data: &[u8]) -> Option<SkBuff> {
        let len = u32::try_from(data.len()).ok()?;
        // SAFETY: allocating a buffer without a device is allowed in any
        // context with GFP_ATOMIC.
        let skb = unsafe {
            SkBuff::from_raw(bindings::__netdev_alloc_skb(
                core::ptr::null_mut(),
                len,
                kernel::bindings::GFP_ATOMIC,
            ))
        }?;
        // SAFETY: the new buffer has room for `len` bytes of data, which
        // `skb_put` adds and we fill from `data` before anyone reads them.
        unsafe {
            let dst = bindings::skb_put(skb.as_raw(), len);
            core::ptr::copy_nonoverlapping(data.as_ptr(), dst.cast::<u8>(), data.len());
        }
        Some(skb)
    }

    /// Prepends `n` bytes taken from the headroom and returns them, or
    /// `None` (leaving the buffer as it was) if the headroom is smaller.
    pub fn push(&mut self, n: usize) -> Option<&mut [u8]> {
        let skb = self.ptr.as_ptr();
        let len = u32::try_from(n).ok()?;
        // SAFETY: the buffer is ours; `data` and `head` point into the same
        // allocation, `data` at or after `head`.
        let headroom = unsafe { (*skb).data.offset_from((*skb).head) } as usize;
        if headroom < n {
            return None;
        }
        // SAFETY: there are `n` bytes of headroom, which `skb_push` moves
        // into the data; the slice is the only access while `&mut self` is.
        unsafe {
            let p = bindings::skb_push(skb, len);
            Some(core::slice::from_raw_parts_mut(p.cast::<u8>(), n))
        }
    }

    /// Removes `n` bytes from the start of the data; false (and nothing
    /// done) if there are fewer.
    pub fn pull(&mut self, n: usize) -> bool {
        if n > self.len() {
            return false;
        }
        // SAFETY: the buffer is ours and linear with at least `n` bytes.
        unsafe { bindings::skb_pull(self.ptr.as_ptr(), n as u32) };
        true
    }

    /// A private copy (head and data), allocated without sleeping.
    pub fn copy_atomic(&self) -> Option<SkBuff> {
        // SAFETY: `self` is a valid buffer; `skb_copy` only reads it.
        let copy = unsafe { bindings::rwlan_skb_copy_atomic(self.ptr.as_ptr()) };
        // SAFETY: `skb_copy` returns a new buffer that we own, or null.
        unsafe { SkBuff::from_raw(copy) }
    }

    /// Drops what ties the buffer to where it came from (socket, route,
    /// conntrack, mark), as a frame that left one radio and reaches another
    /// must.
    pub fn release_source(&mut self) {
        // SAFETY: the buffer is valid and ours to change.
        unsafe { bindings::rwlan_skb_release_source(self.ptr.as_ptr()) }
    }
}

impl Drop for SkBuff {
    fn drop(&mut self) {
        // SAFETY: by the invariant we own a valid buffer; `dev_kfree_skb_any`
        // frees it from any context.
        unsafe { bindings::rwlan_skb_free_any(self.ptr.as_ptr()) }
    }
}

/// An owned socket buffer of some kind: a plain [`SkBuff`] or a frame that
/// carries more in its control block (a mac80211 TX frame).
///
/// # Safety
///
/// `from_raw` of what `into_raw` gave up must give back a value for which
/// every invariant of the type holds again.
pub unsafe trait OwnedSkb: Send + Sized + 'static {
    /// The buffer, for reading.
    fn skb(&self) -> &SkBuff;

    /// Gives up ownership.
    fn into_raw(self) -> *mut bindings::sk_buff;

    /// Takes ownership back.
    ///
    /// # Safety
    ///
    /// A non-null `ptr` must come from `into_raw` of this type, and nothing
    /// else may use it afterwards.
    unsafe fn from_raw(ptr: *mut bindings::sk_buff) -> Option<Self>;
}

// SAFETY: plain buffers have no invariant beyond ownership.
unsafe impl OwnedSkb for SkBuff {
    fn skb(&self) -> &SkBuff {
        self
    }

    fn into_raw(self) -> *mut bindings::sk_buff {
        SkBuff::into_raw(self)
    }

    unsafe fn from_raw(ptr: *mut bindings::sk_buff) -> Option<Self> {
        // SAFETY: the caller's promise.
        unsafe { SkBuff::from_raw(ptr) }
    }
}

/// A FIFO of socket buffers of one kind (`struct sk_buff_head`), usable
/// from any context: its lock is taken with interrupts off. Dropping it
/// frees what it still holds.
///
/// # Invariants
///
/// `head` is initialised, and every buffer on it was a `B` given up with
/// `into_raw`.
pub struct SkbQueue<B: OwnedSkb = SkBuff> {
    head: core::pin::Pin<kernel::alloc::KBox<kernel::types::Opaque<bindings::sk_buff_head>>>,
    _kind: core::marker::PhantomData<B>,
}

// SAFETY: the queue serialises access with its own lock; buffers are
// `Send`.
unsafe impl<B: OwnedSkb> Send for SkbQueue<B> {}
// SAFETY: as above.
unsafe impl<B: OwnedSkb> Sync for SkbQueue<B> {}

impl<B: OwnedSkb> SkbQueue<B> {
    /// An empty queue; may sleep.
    pub fn new() -> Result<Self, kernel::error::Error> {
        let head = kernel::alloc::KBox::pin(
            kernel::types::Opaque::<bindings::sk_buff_head>::uninit(),
            kernel::alloc::flags::GFP_KERNEL,
        )?;
        // SAFETY: the head is pinned on the heap; initialising it in place
        // is what `skb_queue_head_init` is for.
        unsafe { bindings::rwlan_skb_queue_head_init(head.get()) };
        Ok(Self {
            head,
            _kind: core::marker::PhantomData,
        })
    }

    /// Appends `skb`.
    pub fn push(&self, skb: B) {
        // SAFETY: the queue is initialised; it takes ownership of the
        // buffer (INVARIANT: a `B`).
        unsafe { bindings::rwlan_skb_queue_tail(self.head.get(), skb.into_raw()) }
    }

    /// Takes the oldest buffer.
    pub fn pop(&self) -> Option<B> {
        // SAFETY: the queue is initialised; a dequeued buffer is ours, and
        // by the invariant it was a `B`.
        unsafe { B::from_raw(bindings::rwlan_skb_dequeue(self.head.get())) }
    }

    /// Takes the newest buffer whose bytes `matches` accepts. `matches`
    /// runs under the queue's lock with interrupts off, once a buffer from
    /// the newest on: it must not sleep, nor use this queue (its lock is
    /// held, and taking it again would spin for ever).
    pub fn take_newest<F: FnMut(&[u8]) -> bool>(&self, mut matches: F) -> Option<B> {
        unsafe extern "C" fn call<F: FnMut(&[u8]) -> bool>(
            data: *const u8,
            len: u32,
            ctx: *mut core::ffi::c_void,
        ) -> bool {
            // SAFETY: `ctx` is the `F` borrowed below for the walk, which
            // calls this on one CPU at a time; `data` points at `len`
            // bytes of a queued buffer's linear data, which stay in place
            // while the lock is held, that is for this call.
            unsafe {
                let f = &mut *ctx.cast::<F>();
                f(core::slice::from_raw_parts(data, len as usize))
            }
        }
        let ctx: *mut F = &mut matches;
        // SAFETY: the queue is initialised; `call::<F>` is given `ctx`,
        // an `F` that outlives the call; a buffer taken off the queue is
        // ours, and by the invariant it was a `B`.
        unsafe {
            B::from_raw(bindings::rwlan_skb_queue_take_newest(
                self.head.get(),
                Some(call::<F>),
                ctx.cast(),
            ))
        }
    }

    /// How many buffers are queued (a snapshot).
    pub fn len(&self) -> usize {
        // SAFETY: reading the length is allowed without the lock.
        unsafe { bindings::rwlan_skb_queue_len(self.head.get()) as usize }
    }
}

impl<B: OwnedSkb> Drop for SkbQueue<B> {
    fn drop(&mut self) {
        while self.pop().is_some() {}
    }
}
