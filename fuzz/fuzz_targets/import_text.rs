//! Any text pasted into 导入表单文本: never a panic, and what comes out saves and opens.
#![no_main]

use jixiao::core::{import_text, store};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (text, _) = jixiao::core::import::detect::decode(data);
    let Ok(imported) = import_text::import(&text) else {
        return;
    };
    let saved = store::to_ron_string(&imported.form);
    assert_eq!(store::parse_str(&saved).expect("imported form saves"), imported.form);
});
