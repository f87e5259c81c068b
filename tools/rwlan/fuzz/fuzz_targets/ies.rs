//! Any element buffer through the IE parser: must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let s = rwlan::ie::IeSummary::parse(data);
    let _ = s.security_summary(true);
});
