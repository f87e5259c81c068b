//! Retuning the antenna beside the control path.
//!
//! Tuning the antenna is an nl80211 request, and nl80211 takes the RTNL
//! lock for every request. The host driver tunes the RTL8225 while it may
//! hold that same lock (`ieee80211_open` → `rtl8187_start`, a channel set
//! through nl80211), then goes on with register accesses of 500 ms each. A
//! control loop that waited for the antenna until done would let those time
//! out, and the host takes the stale buffer of a timed-out access for the
//! answer: a radio switch read as off, TX_CONF left in loopback after a
//! channel change. So a thread of its own applies the latest channel, and
//! the control and TX paths wait for it only briefly: long enough that,
//! when RTNL is free, the next register access and the next frame find the
//! antenna where the host tuned it.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::Duration;

use log::{info, warn};

use crate::air::Antenna;

const POLL: Duration = Duration::from_millis(200);

#[derive(Debug, Default)]
struct State {
    /// The frequency (MHz) asked for and not yet taken by the tuning thread.
    wanted: Option<u32>,
    /// The tuning thread is applying a frequency.
    applying: bool,
}

/// The frequency the antenna should be on, handed from the control path to
/// the tuning thread.
#[derive(Debug, Default)]
pub struct Tuner {
    state: Mutex<State>,
    changed: Condvar,
    trace: bool,
}

impl Tuner {
    /// With `trace`, every retune is logged once applied.
    pub fn new(trace: bool) -> Self {
        Self {
            trace,
            ..Self::default()
        }
    }

    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Asks for the antenna on `freq` MHz and returns at once. A request not
    /// yet taken is replaced: only the last channel the host chose matters.
    pub fn request(&self, freq: u32) {
        self.state().wanted = Some(freq);
        self.changed.notify_all();
    }

    /// Waits up to `timeout` until no request is pending or being applied;
    /// true if the antenna is where it was last asked to be.
    pub fn settle(&self, timeout: Duration) -> bool {
        let guard = self.state();
        let (guard, _) = self
            .changed
            .wait_timeout_while(guard, timeout, |s| s.wanted.is_some() || s.applying)
            .unwrap_or_else(|p| p.into_inner());
        guard.wanted.is_none() && !guard.applying
    }

    /// Takes the pending request, waiting up to `timeout` for one, and marks
    /// it as being applied until [`applied`](Self::applied).
    pub fn take(&self, timeout: Duration) -> Option<u32> {
        let guard = self.state();
        let (mut guard, _) = self
            .changed
            .wait_timeout_while(guard, timeout, |s| s.wanted.is_none())
            .unwrap_or_else(|p| p.into_inner());
        let freq = guard.wanted.take()?;
        guard.applying = true;
        Some(freq)
    }

    /// The request last taken has been applied (or has failed).
    pub fn applied(&self) {
        self.state().applying = false;
        self.changed.notify_all();
    }

    /// Applies requests to `antenna` until `stop` is set.
    pub fn run(&self, antenna: &Antenna, stop: &AtomicBool) {
        while !stop.load(Ordering::Relaxed) {
            let Some(freq) = self.take(POLL) else {
                continue;
            };
            match antenna.tune(freq) {
                Ok(()) if self.trace => {
                    info!(target: "trace", "antenna {} on {freq} MHz", antenna.name())
                }
                Ok(()) => {}
                Err(e) => warn!("cannot tune antenna {} to {freq} MHz: {e}", antenna.name()),
            }
            self.applied();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::thread;

    #[test]
    fn nothing_pending_times_out_and_is_settled() {
        let t = Tuner::new(false);
        assert_eq!(t.take(Duration::from_millis(5)), None);
        assert!(t.settle(Duration::ZERO));
    }

    #[test]
    fn the_last_request_wins_and_is_taken_once() {
        let t = Tuner::new(false);
        t.request(2412);
        t.request(2437);
        t.request(2462);
        assert_eq!(t.take(Duration::ZERO), Some(2462));
        t.applied();
        assert_eq!(t.take(Duration::from_millis(5)), None);
    }

    #[test]
    fn not_settled_until_applied() {
        let t = Tuner::new(false);
        t.request(2437);
        assert!(!t.settle(Duration::from_millis(5)));
        assert_eq!(t.take(Duration::ZERO), Some(2437));
        assert!(!t.settle(Duration::from_millis(5)));
        t.applied();
        assert!(t.settle(Duration::ZERO));
    }

    #[test]
    fn a_waiting_taker_and_settler_are_woken() {
        let t = Arc::new(Tuner::new(false));
        let taker = {
            let t = Arc::clone(&t);
            thread::spawn(move || {
                let freq = t.take(Duration::from_secs(10));
                t.applied();
                freq
            })
        };
        thread::sleep(Duration::from_millis(20));
        t.request(2437);
        assert!(t.settle(Duration::from_secs(10)));
        assert_eq!(taker.join().ok().flatten(), Some(2437));
    }
}
