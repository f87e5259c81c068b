//! Any genetlink payload through every nl80211 decoder: must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = rwlan::nl80211::model::decode_any(data);
});
