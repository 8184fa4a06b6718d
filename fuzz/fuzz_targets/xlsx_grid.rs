//! Any bytes given as an indicator workbook: never a panic, never an allocation beyond
//! the limits (libFuzzer's -rss_limit_mb and -malloc_limit_mb catch one), and what is
//! read fits into a form that saves and opens again.
#![no_main]

use jixiao::core::{grid_xlsx, model::Form, store};
use libfuzzer_sys::fuzz_target;

#[path = "alt_stack.rs"]
mod alt_stack;

fuzz_target!(init: alt_stack::install(), |data: &[u8]| {
    // the one-value grid of 2020 and the split columns of 101号, by the last byte
    let template = match data.last() {
        Some(b) if b % 2 == 1 => jixiao::core::template::built_in("national-101").expect("101"),
        _ => jixiao::core::template::shanghai_2020(),
    };
    if let Ok(grid) = grid_xlsx::import(data, &template.grids[0], 0) {
        let mut form = Form::new(template, 2020);
        form.grids[0].goals = grid.goals;
        let text = store::to_ron_string(&form);
        assert_eq!(store::parse_str(&text).expect("opens again"), form);
    }
});
