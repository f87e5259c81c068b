//! Retuning the antenna away from the control path.
//!
//! Tuning the antenna is an nl80211 request, and nl80211 takes the RTNL
//! lock for it. The host driver tunes the RTL8225 while holding that same
//! lock (`ieee80211_open` → `rtl8187_start`, and every channel change made
//! through nl80211), then goes on with register accesses of 500 ms each. A
//! control loop that waited for the antenna would let those time out, and
//! the host takes the stale buffer of a timed-out access for the answer: a
//! radio switch read as off, TX_CONF left in loopback after a channel
//! change. So the control path only posts the frequency and a thread of its
//! own applies the latest one.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::Duration;

use log::{info, warn};

use crate::air::Antenna;

const POLL: Duration = Duration::from_millis(200);

/// The frequency the antenna should be on, handed from the control path to
/// the tuning thread.
#[derive(Debug, Default)]
pub struct Tuner {
    wanted: Mutex<Option<u32>>,
    posted: Condvar,
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

    fn wanted(&self) -> MutexGuard<'_, Option<u32>> {
        self.wanted.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Asks for the antenna on `freq` MHz and returns at once. A request not
    /// yet applied is replaced: only the last channel the host chose matters.
    pub fn request(&self, freq: u32) {
        *self.wanted() = Some(freq);
        self.posted.notify_one();
    }

    /// Takes the pending request, waiting up to `timeout` for one.
    pub fn take(&self, timeout: Duration) -> Option<u32> {
        let guard = self.wanted();
        let (mut guard, _) = self
            .posted
            .wait_timeout_while(guard, timeout, |wanted| wanted.is_none())
            .unwrap_or_else(|p| p.into_inner());
        guard.take()
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
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::thread;

    #[test]
    fn nothing_pending_times_out() {
        let t = Tuner::new(false);
        assert_eq!(t.take(Duration::from_millis(5)), None);
    }

    #[test]
    fn the_last_request_wins_and_is_taken_once() {
        let t = Tuner::new(false);
        t.request(2412);
        t.request(2437);
        t.request(2462);
        assert_eq!(t.take(Duration::ZERO), Some(2462));
        assert_eq!(t.take(Duration::from_millis(5)), None);
    }

    #[test]
    fn a_waiting_taker_is_woken_by_a_request() {
        let t = Arc::new(Tuner::new(false));
        let taker = {
            let t = Arc::clone(&t);
            thread::spawn(move || t.take(Duration::from_secs(10)))
        };
        thread::sleep(Duration::from_millis(20));
        t.request(2437);
        assert_eq!(taker.join().ok().flatten(), Some(2437));
    }
}
