//! Waking threads blocked in Raw Gadget calls.
//!
//! A transfer waits until the host serves it, and a host with nothing
//! posted never does; the event fetch waits for the next request. The one
//! way to end such a wait is a signal: the kernel cancels the request and
//! the call fails with `EINTR`. [`install`] gives `SIGURG` a handler that
//! does nothing (and no `SA_RESTART`), so that the signal interrupts the
//! call without doing anything else; [`Sleeper::wake`] sends it to one
//! thread.

use std::io;

/// The wake-up signal: ignored by default, so a stray one does no harm.
const WAKE_SIGNAL: libc::c_int = libc::SIGURG;

extern "C" fn on_wake(_: libc::c_int) {}

/// Installs the wake-up signal's handler for the whole process.
pub fn install() -> io::Result<()> {
    // SAFETY: an all-zero sigaction is a valid value (empty mask, no flags).
    let mut action: libc::sigaction = unsafe { std::mem::zeroed() };
    action.sa_sigaction = on_wake as extern "C" fn(libc::c_int) as libc::sighandler_t;
    // SAFETY: `action` is initialised and lives across the call; the
    // handler does nothing, so it is async-signal-safe; the old action is
    // not asked for.
    let ret = unsafe { libc::sigaction(WAKE_SIGNAL, &action, std::ptr::null_mut()) };
    if ret != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

/// A thread that may block in a Raw Gadget call, identified by its kernel
/// thread id.
///
/// # Invariants
///
/// `pid` is this process and `tid` one of its threads when it was made;
/// the thread may since have exited, and its id may even name a newer
/// thread of this process, which then gets a signal that does nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sleeper {
    pid: libc::pid_t,
    tid: libc::pid_t,
}

impl Sleeper {
    /// The calling thread.
    pub fn current() -> Self {
        // SAFETY: getpid and gettid cannot fail and touch no memory.
        let (pid, tid) = unsafe { (libc::getpid(), libc::gettid()) };
        Self { pid, tid }
    }

    /// Interrupts the thread's blocking call, if it is in one. A thread
    /// about to enter one misses it: callers wake until the thread is done.
    pub fn wake(&self) {
        // SAFETY: tgkill only sends a signal; with the thread group given,
        // it can reach no other process, and WAKE_SIGNAL's handler (or its
        // default action, ignore) does nothing.
        unsafe {
            libc::syscall(
                libc::SYS_tgkill,
                libc::c_long::from(self.pid),
                libc::c_long::from(self.tid),
                libc::c_long::from(WAKE_SIGNAL),
            );
        }
    }
}
