//! Any bytes given as a template file: never a panic; a template that loads makes a new
//! form that is checked, printed (layout), rolled over, saved and opened again equal, and
//! changed to and from the 上海市 2020 版 layout.
#![no_main]

use jixiao::core::model::{Goal, Group, Indicator};
use jixiao::core::template::{shanghai_2020, ColumnKind, Template};
use jixiao::core::{convert, rollover, store, validate};
use libfuzzer_sys::fuzz_target;

#[path = "alt_stack.rs"]
mod alt_stack;

fuzz_target!(init: alt_stack::install(), |data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(template) = Template::parse(text, "fuzz.ron") else {
        return;
    };
    let mut form = template.new_form(2025);
    for value in form.fields.values_mut() {
        value.push_str("２０２５年 ≥90% <x>");
    }
    for (g, grid) in form.grids.iter_mut().enumerate() {
        let Some(spec) = template.grids.get(g) else {
            continue;
        };
        let mut ind = Indicator::new("指标", "");
        for column in &spec.columns {
            if column.kind != ColumnKind::Name {
                ind.set_cell(column.kind, "≥90".into());
            }
        }
        let mut group = Group::new("二级");
        group.indicators.push(ind);
        let mut goal = Goal::new("产出指标");
        goal.groups.push(group);
        grid.goals.push(goal);
    }
    let _ = validate::validate(&form, &template);
    let pages = jixiao::pdf::layout::layout(&form, &template, &|c| {
        if c.is_ascii() {
            0.5
        } else {
            1.0
        }
    });
    assert!(!pages.is_empty(), "a form prints at least one page");
    let _ = rollover::rollover(&form, &template);
    let again = store::parse_str(&store::to_ron_string(&form)).expect("saved form opens again");
    assert_eq!(again, form);
    let there = convert::change_template(&form, &template, shanghai_2020());
    let _ = convert::change_template(&there.form, shanghai_2020(), &template);
});
