//! Any bytes given as a form file: never a panic; whatever opens saves and opens again
//! as the same form.
#![no_main]

use jixiao::core::store;
use libfuzzer_sys::fuzz_target;

#[path = "alt_stack.rs"]
mod alt_stack;

fuzz_target!(init: alt_stack::install(), |data: &[u8]| {
    if let Ok(form) = store::parse_bytes(data) {
        let _ = jixiao::core::validate::validate(&form, &jixiao::core::template::for_form(&form));
        let text = store::to_ron_string(&form);
        let again = store::parse_str(&text).expect("a saved form opens again");
        assert_eq!(again, form);
    }
});
