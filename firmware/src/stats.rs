//! Counters of everything the dongle did or refused, printed at exit.

use std::sync::atomic::{AtomicU64, Ordering};

macro_rules! counters {
    ($($name:ident: $what:literal,)*) => {
        /// Event counters shared by the control, TX and RX paths.
        #[derive(Debug, Default)]
        pub struct Stats {
            $(pub $name: AtomicU64,)*
        }

        impl Stats {
            /// One `name=value` line of every counter.
            pub fn summary(&self) -> String {
                let parts: Vec<String> = vec![$(format!("{}={}", $what, self.$name.load(Ordering::Relaxed)),)*];
                parts.join(" ")
            }
        }
    };
}

counters! {
    reg_reads: "reg_reads",
    reg_writes: "reg_writes",
    ctrl_stalled: "ctrl_stalled",
    ctrl_cancelled: "ctrl_cancelled",
    tx_frames: "tx_frames",
    tx_malformed: "tx_malformed",
    tx_held: "tx_held",
    tx_air_failed: "tx_air_failed",
    tx_status: "tx_status",
    rx_frames: "rx_frames",
    rx_filtered: "rx_filtered",
    rx_host_busy: "rx_host_busy",
    rx_faults: "rx_faults",
    rx_stalls: "rx_stalls",
    retunes: "retunes",
    led_on: "led_on",
    led_off: "led_off",
}

/// Adds one to a counter.
pub fn bump(counter: &AtomicU64) {
    counter.fetch_add(1, Ordering::Relaxed);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_lists_every_counter() {
        let s = Stats::default();
        bump(&s.tx_malformed);
        bump(&s.tx_malformed);
        let text = s.summary();
        assert!(text.contains("tx_malformed=2"));
        assert!(text.contains("rx_frames=0"));
    }
}
