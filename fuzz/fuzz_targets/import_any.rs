//! Any bytes given to 导入 (as a PDF, Word, Excel, text or form file, decided by their
//! content): never a panic, bounded work, and whatever is read is a form that saves and
//! opens again.
#![no_main]

use jixiao::core::{import, store};
use libfuzzer_sys::fuzz_target;

#[path = "alt_stack.rs"]
mod alt_stack;

fuzz_target!(init: alt_stack::install(), |data: &[u8]| {
    let templates = jixiao::core::template::Templates::built_in().list;
    if let Ok(imported) = import::import_bytes(data, &templates, None) {
        let text = store::to_ron_string(&imported.form);
        assert_eq!(store::parse_str(&text).expect("opens again"), imported.form);
    }
});
