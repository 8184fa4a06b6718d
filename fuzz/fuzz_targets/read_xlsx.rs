//! Any bytes given to the xlsx reader of 导入 (as if detected as one): never a panic,
//! never a runaway, and whatever it reads makes a form that saves and opens again.
#![no_main]

use jixiao::core::{import, store};
use libfuzzer_sys::fuzz_target;

#[path = "alt_stack.rs"]
mod alt_stack;

fuzz_target!(init: alt_stack::install(), |data: &[u8]| {
    if let Ok(source) = import::sheet::read_xlsx(data) {
        let templates = jixiao::core::template::Templates::built_in().list;
        let reading = import::interpret::interpret(&source, &templates[0]);
        let text = store::to_ron_string(&reading.form);
        assert_eq!(store::parse_str(&text).expect("opens again"), reading.form);
    }
});
