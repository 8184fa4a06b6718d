//! Any text pasted into 导入表单文本, read by the Shanghai web text reader and by the
//! general text reader: never a panic, and what comes out saves and opens.
#![no_main]

use jixiao::core::{import_text, store};
use libfuzzer_sys::fuzz_target;

#[path = "alt_stack.rs"]
mod alt_stack;

fuzz_target!(init: alt_stack::install(), |data: &[u8]| {
    let (text, _) = jixiao::core::import::detect::decode(data);
    let source = jixiao::core::import::text::read(&text);
    let templates = jixiao::core::template::Templates::built_in().list;
    let reading = jixiao::core::import::interpret::interpret(&source, &templates[0]);
    let saved = store::to_ron_string(&reading.form);
    assert_eq!(store::parse_str(&saved).expect("read form saves"), reading.form);
    let Ok(imported) = import_text::import(&text) else {
        return;
    };
    let saved = store::to_ron_string(&imported.form);
    assert_eq!(store::parse_str(&saved).expect("imported form saves"), imported.form);
});
