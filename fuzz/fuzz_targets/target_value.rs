//! Any text typed as an indicator's target value: never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "alt_stack.rs"]
mod alt_stack;

fuzz_target!(init: alt_stack::install(), |data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = jixiao::core::target::parse(text);
        let _ = jixiao::core::money::Money::parse(text);
    }
});
