//! The comparisons of a form as printed when the clerk asks for the symbols: `>=` `<=`
//! `=>` `=<` and the full-width or old forms (≧ ≦ ＝ ═) printed ≥ ≤ =; the form itself keeps
//! what was typed.

use crate::core::model::Form;
use crate::core::template::ColumnKind;

/// `text` with a comparison at its start written as the symbol.
pub fn symbol_first(text: &str) -> String {
    let t = text.trim_start();
    let lead = &text[..text.len() - t.len()];
    for (typed, symbol) in [
        (">=", "≥"),
        ("=>", "≥"),
        ("≧", "≥"),
        ("<=", "≤"),
        ("=<", "≤"),
        ("≦", "≤"),
        ("＝", "="),
        ("═", "="),
    ] {
        if let Some(rest) = t.strip_prefix(typed) {
            return format!("{lead}{symbol}{rest}");
        }
    }
    text.to_string()
}

/// A copy of `form` whose targets and 指标性质 cells print their comparisons as symbols.
pub fn with_symbols(form: &Form) -> Form {
    let mut out = form.clone();
    for grid in &mut out.grids {
        for goal in &mut grid.goals {
            for group in &mut goal.groups {
                for ind in &mut group.indicators {
                    ind.target = symbol_first(&ind.target);
                    let sign = ind.cell(ColumnKind::Sign).to_string();
                    if !sign.is_empty() {
                        ind.set_cell(ColumnKind::Sign, symbol_first(&sign));
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_comparisons_print_as_symbols() {
        for (typed, printed) in [
            (">=95%", "≥95%"),
            ("<=475元/亩", "≤475元/亩"),
            ("≧90%", "≥90%"),
            ("＝100%", "=100%"),
            ("═ 100", "= 100"),
            ("≥80M", "≥80M"),
            ("优良", "优良"),
            ("1>=2 不是开头", "1>=2 不是开头"),
        ] {
            assert_eq!(symbol_first(typed), printed, "{typed}");
        }
    }

    #[test]
    fn the_form_keeps_what_was_typed() {
        let mut form = crate::core::model::Form::new(
            crate::core::template::built_in("national-88").unwrap(),
            2026,
        );
        let mut group = crate::core::model::Group::new("数量指标");
        group
            .indicators
            .push(crate::core::model::Indicator::new("培训人次", ">=300人次"));
        let mut goal = crate::core::model::Goal::new("产出指标");
        goal.groups.push(group);
        form.grids[0].goals = vec![goal];
        let printed = with_symbols(&form);
        let target = |f: &Form| f.grids[0].goals[0].groups[0].indicators[0].target.clone();
        assert_eq!(target(&printed), "≥300人次");
        assert_eq!(target(&form), ">=300人次");
    }
}
