// SPDX-License-Identifier: GPL-2.0

//! Generic netlink families: registration with RAII, requests with their
//! validated attributes, replies, dumps and multicast notifications.
//!
//! A driver implements [`Family`]; [`Registration`] registers it with the
//! attribute policy and commands it declares. Requests arrive in process
//! context with the genetlink lock held. A [`Sender`] sends messages of
//! the family to one socket from any context, and the family hears when a
//! generic netlink socket closes ([`Family::socket_released`]).

pub use super::policy::AttrPolicy;
use super::{policy, Net};
use crate::wireless::bindings;
use core::marker::PhantomData;
use core::ptr::NonNull;
use kernel::error::to_result;
use kernel::prelude::*;
use kernel::str::CStr;
use kernel::sync::Arc;
use kernel::types::Opaque;

/// One command of a family.
#[derive(Clone, Copy, Debug)]
pub struct Command {
    /// Command number.
    pub cmd: u8,
    /// Needs CAP_NET_ADMIN in the user namespace of the request's netns.
    pub admin: bool,
    /// Handles single requests ([`Family::doit`]).
    pub doit: bool,
    /// Handles dump requests ([`Family::dumpit`]).
    pub dumpit: bool,
}

/// A generic netlink family.
pub trait Family: Send + Sync + Sized + 'static {
    /// Family name (at most 15 bytes).
    const NAME: &'static CStr;
    /// Family version.
    const VERSION: u32;
    /// Attribute policies, indexed by attribute number (index 0 unused).
    const POLICY: &'static [AttrPolicy];
    /// Commands.
    const COMMANDS: &'static [Command];
    /// Multicast group names, in group-number order.
    const MCAST_GROUPS: &'static [&'static CStr];

    /// Handles a request; a non-negative result is reported in the ACK.
    fn doit(&self, cmd: u8, req: &Request<'_, Self>) -> Result<i32>;

    /// Adds messages to a dump; called until it adds none.
    fn dumpit(&self, _cmd: u8, _dump: &mut Dump<'_, Self>) -> Result {
        Err(Error::from_errno(-(bindings::EOPNOTSUPP as i32)))
    }

    /// A generic netlink socket (of any family's user) with `portid` in
    /// `net` was closed; process context, may sleep.
    fn socket_released(&self, _net: &Net, _portid: u32) {}
}

/// Everything the core keeps pointers to, in one reference-counted heap
/// block (it never moves); the family comes first so callbacks find the
/// rest from it.
///
/// # Invariants
///
/// `family` points at `policy`, `ops` and `mcgrps`, which are not changed
/// while the family is registered; while it is, the notifier is too.
#[repr(C)]
struct Inner<F: Family> {
    family: Opaque<bindings::genl_family>,
    notifier: Opaque<bindings::notifier_block>,
    policy: KVec<bindings::nla_policy>,
    ops: KVec<bindings::genl_small_ops>,
    mcgrps: KVec<bindings::genl_multicast_group>,
    data: F,
}

// SAFETY: the C structures are only changed before registration and after
// unregistration; in between the core reads them from any thread, and `F`
// is `Send + Sync`.
unsafe impl<F: Family> Send for Inner<F> {}
// SAFETY: as above.
unsafe impl<F: Family> Sync for Inner<F> {}

impl<F: Family> Inner<F> {
    /// # Safety
    ///
    /// Only the netlink notifier chain calls this, for the notifier block
    /// inside an `Inner<F>`, with a netlink event and its data.
    unsafe extern "C" fn notify_callback(
        nb: *mut bindings::notifier_block,
        event: kernel::ffi::c_ulong,
        ptr: *mut kernel::ffi::c_void,
    ) -> kernel::ffi::c_int {
        let mut net = core::ptr::null_mut();
        let mut portid = 0;
        // SAFETY: `ptr` is the chain's `struct netlink_notify` for `event`.
        if !unsafe {
            bindings::rwlan_netlink_notify_generic_release(event, ptr, &mut net, &mut portid)
        } {
            return 0;
        }
        // SAFETY: `nb` is the `notifier` field of a live `Inner<F>`: the
        // block is unregistered (waiting for running calls) before the
        // `Inner` can go.
        let inner = unsafe { &*kernel::container_of!(nb, Inner<F>, notifier) };
        // SAFETY: the socket being released is in `net`, which is freed
        // only after its sockets are.
        let net = unsafe { Net::from_raw(net) };
        inner.data.socket_released(net, portid);
        // NOTIFY_DONE
        0
    }

    /// # Safety
    ///
    /// `family` must be the `family` field of a live `Inner<F>`.
    unsafe fn from_family<'a>(family: *const bindings::genl_family) -> &'a Self {
        // SAFETY: `family` is the first field of a `repr(C)` `Inner<F>`,
        // which outlives every callback (unregistration waits for them).
        unsafe { &*family.cast::<Self>() }
    }

    /// # Safety
    ///
    /// Only the generic netlink core calls this, for this family, with
    /// the arguments `struct genl_small_ops` documents.
    unsafe extern "C" fn doit_callback(
        _skb: *mut bindings::sk_buff,
        info: *mut bindings::genl_info,
    ) -> kernel::ffi::c_int {
        // SAFETY: the core calls `doit` with a valid `info` whose `family`
        // is ours and whose `attrs` were parsed against our policy.
        let (inner, cmd) = unsafe { (Self::from_family((*info).family), (*(*info).genlhdr).cmd) };
        let req = Request {
            info,
            _family: PhantomData,
        };
        match inner.data.doit(cmd, &req) {
            Ok(v) => v,
            Err(e) => e.to_errno(),
        }
    }

    /// # Safety
    ///
    /// Only the generic netlink core calls this, for this family, with
    /// the arguments `struct genl_small_ops` documents.
    unsafe extern "C" fn dumpit_callback(
        skb: *mut bindings::sk_buff,
        cb: *mut bindings::netlink_callback,
    ) -> kernel::ffi::c_int {
        // SAFETY: the core calls `dumpit` with a valid reply buffer and
        // callback state of a dump of our family.
        let (inner, cmd) = unsafe {
            let family = bindings::rwlan_genl_dump_family(cb);
            let nlh = (*cb).nlh;
            let genlhdr = nlh.cast::<u8>().add(16).cast::<bindings::genlmsghdr>();
            (Self::from_family(family), (*genlhdr).cmd)
        };
        let mut dump = Dump {
            skb,
            cb,
            family: inner.family.get(),
            added: 0,
            _family: PhantomData,
        };
        match inner.data.dumpit(cmd, &mut dump) {
            // SAFETY: `skb` is valid; its length says how much was added.
            Ok(()) => unsafe { (*skb).len as i32 },
            Err(e) => e.to_errno(),
        }
    }
}

/// A registered family; unregistered on drop.
///
/// # Invariants
///
/// `inner`'s family and notifier are registered until `drop`.
pub struct Registration<F: Family> {
    inner: Arc<Inner<F>>,
}

// SAFETY: the family may be unregistered from any thread; `F` is
// `Send + Sync`.
unsafe impl<F: Family> Send for Registration<F> {}
// SAFETY: `&Registration` gives `&F` and multicast, both thread-safe.
unsafe impl<F: Family> Sync for Registration<F> {}

impl<F: Family> Registration<F> {
    /// Registers the family with `data` as its state.
    pub fn register(data: F) -> Result<Self> {
        let policy = policy::table(F::POLICY)?;
        let mut ops = KVec::new();
        for c in F::COMMANDS {
            ops.push(
                bindings::genl_small_ops {
                    doit: if c.doit {
                        Some(Inner::<F>::doit_callback)
                    } else {
                        None
                    },
                    dumpit: if c.dumpit {
                        Some(Inner::<F>::dumpit_callback)
                    } else {
                        None
                    },
                    cmd: c.cmd,
                    internal_flags: 0,
                    flags: if c.admin {
                        bindings::GENL_UNS_ADMIN_PERM as u8
                    } else {
                        0
                    },
                    validate: (bindings::genl_validate_flags_GENL_DONT_VALIDATE_STRICT
                        | bindings::genl_validate_flags_GENL_DONT_VALIDATE_DUMP)
                        as u8,
                },
                GFP_KERNEL,
            )?;
        }
        let mut mcgrps = KVec::new();
        for name in F::MCAST_GROUPS {
            let mut g = bindings::genl_multicast_group {
                name: [0; 16],
                flags: 0,
            };
            for (d, s) in g.name.iter_mut().zip(name.as_bytes().iter().take(15)) {
                *d = *s as _;
            }
            mcgrps.push(g, GFP_KERNEL)?;
        }
        let inner = Arc::new(
            Inner {
                family: Opaque::uninit(),
                notifier: Opaque::uninit(),
                policy,
                ops,
                mcgrps,
                data,
            },
            GFP_KERNEL,
        )?;
        let max_cmd = F::COMMANDS.iter().map(|c| c.cmd).max().unwrap_or(0);
        // SAFETY: `inner` is on the heap and never moves, so the family and
        // the tables it points to keep their addresses until `drop`
        // unregisters it; the family is fully initialised from zero.
        unsafe {
            let fam = inner.family.get();
            core::ptr::write_bytes(fam, 0, 1);
            for (d, s) in (*fam)
                .name
                .iter_mut()
                .zip(F::NAME.as_bytes().iter().take(15))
            {
                *d = *s as _;
            }
            (*fam).version = F::VERSION;
            (*fam).maxattr = inner.policy.len().saturating_sub(1) as u32;
            (*fam).set_netnsok(1);
            (*fam).policy = inner.policy.as_ptr();
            (*fam).small_ops = inner.ops.as_ptr();
            (*fam).n_small_ops = inner.ops.len() as u8;
            (*fam).mcgrps = inner.mcgrps.as_ptr();
            (*fam).n_mcgrps = inner.mcgrps.len() as u8;
            (*fam).resv_start_op = max_cmd + 1;
            (*fam).module = bindings::rwlan_this_module();
            to_result(bindings::genl_register_family(fam))
                .inspect_err(|e| pr_err!("genl_register_family({}) failed: {:?}\n", F::NAME, e))?;
            let nb = inner.notifier.get();
            core::ptr::write_bytes(nb, 0, 1);
            (*nb).notifier_call = Some(Inner::<F>::notify_callback);
            if let Err(e) = to_result(bindings::netlink_register_notifier(nb)) {
                pr_err!("netlink_register_notifier({}) failed: {:?}\n", F::NAME, e);
                bindings::genl_unregister_family(fam);
                return Err(e);
            }
        }
        Ok(Self { inner })
    }

    /// A handle that sends the family's messages to sockets.
    pub fn sender(&self) -> Sender<F> {
        Sender {
            inner: self.inner.clone(),
        }
    }

    /// The family's state.
    pub fn data(&self) -> &F {
        &self.inner.data
    }

    /// A notification for multicast group `group` (index into
    /// [`Family::MCAST_GROUPS`]).
    pub fn notification(&self, cmd: u8) -> Result<Message> {
        Message::new(self.inner.family.get(), cmd, 0, 0, false)
    }

    /// Sends `msg` to group `group` in `net`.
    pub fn multicast(&self, msg: Message, net: &Net, group: u32) {
        msg.finish();
        // SAFETY: the family is registered and `net` allocated (type
        // invariant of `Net`); the call consumes the buffer.
        unsafe {
            bindings::rwlan_genlmsg_multicast(
                self.inner.family.get(),
                net.as_raw(),
                msg.into_raw(),
                group,
            )
        }
    }
}

impl<F: Family> Drop for Registration<F> {
    fn drop(&mut self) {
        // SAFETY: both registered in `register`; unregistering waits for
        // running callbacks, after which the core no longer refers to
        // `inner` (senders may keep it alive, never use it to register).
        unsafe {
            bindings::netlink_unregister_notifier(self.inner.notifier.get());
            bindings::genl_unregister_family(self.inner.family.get());
        }
    }
}

/// Sends messages of a family to one socket, from any context.
///
/// It keeps the family's memory (and so its state `F`) alive: a driver
/// whose state holds a sender drops it when it unregisters the family.
/// Messages sent after unregistration carry a stale family id and are
/// ignored by their receivers.
///
/// # Invariants
///
/// `inner` is the block of a family that was registered (it may have been
/// unregistered since; its memory lives as long as this sender).
pub struct Sender<F: Family> {
    inner: Arc<Inner<F>>,
}

impl<F: Family> Clone for Sender<F> {
    fn clone(&self) -> Self {
        Self {
            inner: self.inner.clone(),
        }
    }
}

impl<F: Family> Sender<F> {
    /// A message for [`Sender::unicast`], allocated without sleeping.
    pub fn message(&self, cmd: u8) -> Result<Message> {
        Message::new(self.inner.family.get(), cmd, 0, 0, true)
    }

    /// Sends `msg` to the socket `portid` in `net` without sleeping;
    /// fails when the socket is gone or its receive queue full.
    pub fn unicast(&self, msg: Message, net: &Net, portid: u32) -> Result {
        msg.finish();
        // SAFETY: `net` is allocated (type invariant of `Net`); the call
        // consumes the buffer.
        to_result(unsafe { bindings::rwlan_genlmsg_unicast(net.as_raw(), msg.into_raw(), portid) })
    }
}

/// A request being handled.
///
/// # Invariants
///
/// `info` is the core's `genl_info` of a request to a family with state
/// `F`, valid for `'a` (the command callback's run).
pub struct Request<'a, F> {
    info: *mut bindings::genl_info,
    _family: PhantomData<&'a F>,
}

impl<F> Request<'_, F> {
    fn attr(&self, id: usize) -> Option<&[u8]> {
        // SAFETY: `attrs` has `maxattr + 1` entries, each null or a
        // validated attribute inside the request, alive for the call.
        unsafe {
            let info = &*self.info;
            let family = &*info.family;
            if info.attrs.is_null() || id > family.maxattr as usize {
                return None;
            }
            let nla = *info.attrs.add(id);
            if nla.is_null() {
                return None;
            }
            let len = ((*nla).nla_len as usize).saturating_sub(4);
            Some(core::slice::from_raw_parts(nla.cast::<u8>().add(4), len))
        }
    }

    /// Whether attribute `id` is present.
    pub fn has(&self, id: usize) -> bool {
        self.attr(id).is_some()
    }

    /// A u32 attribute (validated by the policy).
    pub fn u32(&self, id: usize) -> Option<u32> {
        let b = self.attr(id)?;
        Some(u32::from_ne_bytes(b.get(..4)?.try_into().ok()?))
    }

    /// A binary attribute.
    pub fn bytes(&self, id: usize) -> Option<&[u8]> {
        self.attr(id)
    }

    /// A string attribute without its terminating NUL, if any.
    pub fn str_bytes(&self, id: usize) -> Option<&[u8]> {
        let b = self.attr(id)?;
        Some(match b.iter().position(|&c| c == 0) {
            Some(n) => &b[..n],
            None => b,
        })
    }

    /// A u64 attribute (validated by the policy).
    pub fn u64(&self, id: usize) -> Option<u64> {
        let b = self.attr(id)?;
        Some(u64::from_ne_bytes(b.get(..8)?.try_into().ok()?))
    }

    /// The netlink port (socket) the request came from.
    pub fn portid(&self) -> u32 {
        // SAFETY: `info` is valid for the call.
        unsafe { (*self.info).snd_portid }
    }

    /// The namespace the request came from.
    pub fn net(&self) -> &Net {
        // SAFETY: `info` is valid for the call; the namespace is the
        // sending socket's, which the request's buffer holds on to.
        unsafe { Net::from_raw(bindings::rwlan_genl_info_net(self.info)) }
    }

    /// Sets the extended-ACK message the requester sees with the error.
    pub fn set_error(&self, msg: &'static CStr) {
        // SAFETY: `info` is valid; the message is static.
        unsafe { bindings::rwlan_genl_set_err_msg(self.info, msg.as_char_ptr()) }
    }

    /// A reply to this request.
    pub fn reply_message(&self, cmd: u8) -> Result<Message> {
        // SAFETY: `info` is valid for the call.
        let (family, portid, seq) = unsafe {
            (
                (*self.info).family,
                (*self.info).snd_portid,
                (*self.info).snd_seq,
            )
        };
        Message::new(family, cmd, portid, seq, false)
    }

    /// A notification (no requester port) for [`Request::notify`].
    pub fn notification(&self, cmd: u8) -> Result<Message> {
        // SAFETY: `info` is valid for the call.
        Message::new(unsafe { (*self.info).family }, cmd, 0, 0, false)
    }

    /// Sends `msg` to multicast group `group` in the request's namespace.
    pub fn notify(&self, msg: Message, group: u32) {
        msg.finish();
        // SAFETY: `info` is valid; the call consumes the buffer.
        unsafe { bindings::rwlan_genl_notify(self.info, msg.into_raw(), group) }
    }

    /// Sends `msg` to the requester.
    pub fn reply(&self, msg: Message) -> Result {
        msg.finish();
        // SAFETY: `info` is valid; the call consumes the buffer.
        to_result(unsafe { bindings::rwlan_genlmsg_reply(msg.into_raw(), self.info) })
    }
}

/// A message under construction; freed unless sent.
///
/// # Invariants
///
/// `skb` is a generic netlink message this value owns; `hdr` is the
/// header `genlmsg_put` wrote in it.
pub struct Message {
    skb: NonNull<bindings::sk_buff>,
    hdr: *mut kernel::ffi::c_void,
}

impl Message {
    fn new(
        family: *const bindings::genl_family,
        cmd: u8,
        portid: u32,
        seq: u32,
        atomic: bool,
    ) -> Result<Self> {
        // SAFETY: allocating a message has no preconditions (the atomic
        // flavour does not sleep).
        let skb = NonNull::new(unsafe {
            if atomic {
                bindings::rwlan_genlmsg_new_atomic()
            } else {
                bindings::rwlan_genlmsg_new()
            }
        })
        .ok_or(ENOMEM)?;
        // SAFETY: `skb` is a fresh message buffer and `family` registered.
        let hdr = unsafe { bindings::rwlan_genlmsg_put(skb.as_ptr(), portid, seq, family, 0, cmd) };
        let msg = Self { skb, hdr };
        if hdr.is_null() {
            return Err(ENOMEM);
        }
        Ok(msg)
    }

    /// Adds attribute `id` with payload `data`.
    pub fn put(&mut self, id: u16, data: &[u8]) -> Result {
        // SAFETY: `skb` is our message buffer; `data` is readable.
        to_result(unsafe {
            bindings::nla_put(
                self.skb.as_ptr(),
                id.into(),
                data.len() as i32,
                data.as_ptr().cast(),
            )
        })
    }

    /// Adds a u32 attribute.
    pub fn put_u32(&mut self, id: u16, v: u32) -> Result {
        self.put(id, &v.to_ne_bytes())
    }

    /// Adds a flag attribute.
    pub fn put_flag(&mut self, id: u16) -> Result {
        self.put(id, &[])
    }

    /// Adds a u64 attribute, aligned by a `pad` attribute when needed.
    pub fn put_u64(&mut self, id: u16, v: u64, pad: u16) -> Result {
        // SAFETY: `skb` is our message buffer; `v` is readable.
        to_result(unsafe {
            bindings::nla_put_64bit(
                self.skb.as_ptr(),
                id.into(),
                8,
                (&raw const v).cast(),
                pad.into(),
            )
        })
    }

    fn finish(&self) {
        // SAFETY: `hdr` is the header `genlmsg_put` added to `skb`.
        unsafe { bindings::rwlan_genlmsg_end(self.skb.as_ptr(), self.hdr) }
    }

    fn into_raw(self) -> *mut bindings::sk_buff {
        let skb = self.skb.as_ptr();
        core::mem::forget(self);
        skb
    }
}

impl Drop for Message {
    fn drop(&mut self) {
        // SAFETY: the buffer is ours and was not sent.
        unsafe { bindings::rwlan_nlmsg_free(self.skb.as_ptr()) }
    }
}

/// A dump in progress: a reply buffer to fill with messages, and a cursor
/// that survives between calls.
///
/// # Invariants
///
/// `skb`, `cb` and `family` are the core's reply buffer, callback state
/// and family of a dump of a family with state `F`, valid for `'a` (the
/// dump callback's run).
pub struct Dump<'a, F> {
    skb: *mut bindings::sk_buff,
    cb: *mut bindings::netlink_callback,
    family: *const bindings::genl_family,
    added: usize,
    _family: PhantomData<&'a F>,
}

impl<F> Dump<'_, F> {
    /// The cursor (starts at 0).
    pub fn cursor(&self) -> i64 {
        // SAFETY: `cb` is valid for the call and `args` is ours to use.
        unsafe { (*self.cb).__bindgen_anon_1.args[0] as i64 }
    }

    /// Moves the cursor.
    pub fn set_cursor(&mut self, v: i64) {
        // SAFETY: as in `cursor`.
        unsafe { (*self.cb).__bindgen_anon_1.args[0] = v as _ }
    }

    /// The namespace of the dumping socket.
    pub fn net(&self) -> &Net {
        // SAFETY: `skb` is the reply buffer, owned by the dumping socket,
        // which keeps its namespace allocated.
        unsafe { Net::from_raw(bindings::rwlan_genl_dump_net(self.skb)) }
    }

    /// Adds one message built by `fill`; returns `Ok(false)` when the
    /// buffer is full (the message is left out; the dump resumes there).
    pub fn add(
        &mut self,
        cmd: u8,
        fill: impl FnOnce(&mut DumpMessage<'_>) -> Result,
    ) -> Result<bool> {
        // SAFETY: `cb` and `skb` are valid for the call.
        let (portid, seq) = unsafe {
            (
                bindings::rwlan_genl_dump_portid(self.cb),
                bindings::rwlan_genl_dump_seq(self.cb),
            )
        };
        // SAFETY: `skb` is the dump's reply buffer, `family` registered.
        let hdr = unsafe {
            bindings::rwlan_genlmsg_put(
                self.skb,
                portid,
                seq,
                self.family,
                bindings::NLM_F_MULTI as i32,
                cmd,
            )
        };
        if hdr.is_null() {
            return Ok(false);
        }
        let mut m = DumpMessage {
            skb: self.skb,
            _p: PhantomData,
        };
        match fill(&mut m) {
            Ok(()) => {
                // SAFETY: `hdr` was added to `skb` above.
                unsafe { bindings::rwlan_genlmsg_end(self.skb, hdr) };
                self.added += 1;
                Ok(true)
            }
            Err(_) => {
                // SAFETY: as above; removes the partial message.
                unsafe { bindings::rwlan_genlmsg_cancel(self.skb, hdr) };
                Ok(false)
            }
        }
    }
}

/// A message being added to a dump.
///
/// # Invariants
///
/// `skb` is the dump's reply buffer, with this message's header written,
/// valid for `'a` (the [`Dump::add`] call).
pub struct DumpMessage<'a> {
    skb: *mut bindings::sk_buff,
    _p: PhantomData<&'a ()>,
}

impl DumpMessage<'_> {
    /// Adds attribute `id` with payload `data`.
    pub fn put(&mut self, id: u16, data: &[u8]) -> Result {
        // SAFETY: `skb` is the dump buffer for the duration of `add`.
        to_result(unsafe {
            bindings::nla_put(self.skb, id.into(), data.len() as i32, data.as_ptr().cast())
        })
    }

    /// Adds a u32 attribute.
    pub fn put_u32(&mut self, id: u16, v: u32) -> Result {
        self.put(id, &v.to_ne_bytes())
    }

    /// Adds a flag attribute.
    pub fn put_flag(&mut self, id: u16) -> Result {
        self.put(id, &[])
    }
}
