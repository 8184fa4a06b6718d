//! Any text typed as an indicator's target value: never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = jixiao::core::target::parse(text);
        let _ = jixiao::core::money::Money::parse(text);
    }
});
