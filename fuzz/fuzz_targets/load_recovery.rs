//! Any bytes found in the recovery folder: never a panic; a copy that reads gives a form
//! that saves and opens again.
#![no_main]

use jixiao::core::{recovery, store};
use libfuzzer_sys::fuzz_target;

#[path = "alt_stack.rs"]
mod alt_stack;

fuzz_target!(init: alt_stack::install(), |data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Some(copy) = recovery::parse(text) {
        let _ = copy.title();
        let saved = store::to_ron_string(&copy.form);
        let again = store::parse_str(&saved).expect("a recovered form saves and opens");
        assert_eq!(again, copy.form);
    }
});
