//! Last year's results in next year's form: the year's stages (监控, 自评) are cleared
//! from the new form, each indicator with an actual value gets a review line with last
//! year's target and actual (and the 上年 column filled where the layout has one), and a
//! target beaten two years running is suggested for raising.

use crate::core::model::{Form, Location};
use crate::core::review::ReviewItem;
use crate::core::scoring::Dec;
use crate::core::target::{parse, Comparison, Target};
use crate::core::template::{ColumnKind, Template};
use crate::core::validate::display_name;

/// The actual beats a "more is better" target (≥, >, or a bare number).
fn beats(target: &str, actual: &str) -> bool {
    let comparison = match parse(target) {
        Target::Quantity { comparison, .. } => comparison,
        _ => return false,
    };
    if !matches!(
        comparison,
        None | Some(Comparison::AtLeast) | Some(Comparison::Above)
    ) {
        return false;
    }
    match (Dec::first_in(target), Dec::first_in(actual)) {
        (Some(goal), Some(got)) => got > goal,
        _ => false,
    }
}

/// Clears the stages from `form` (next year's, copied from `last`) and returns the
/// review lines about last year's results.
pub fn carry_results(last: &Form, form: &mut Form, template: &Template) -> Vec<ReviewItem> {
    form.self_eval = Default::default();
    form.monitor = Default::default();
    let mut out = Vec::new();
    for (gi, grid) in form.grids.iter_mut().enumerate() {
        let prior_column = template
            .grids
            .iter()
            .find(|g| g.id == grid.id)
            .is_some_and(|g| g.has(ColumnKind::PriorValue));
        for (oi, goal) in grid.goals.iter_mut().enumerate() {
            for (ri, group) in goal.groups.iter_mut().enumerate() {
                for (ii, ind) in group.indicators.iter_mut().enumerate() {
                    let result = std::mem::take(&mut ind.result);
                    ind.progress = Default::default();
                    let actual = result.actual.trim();
                    if actual.is_empty() {
                        continue;
                    }
                    let target = ind.value_text();
                    let before = ind.cell(ColumnKind::PriorValue).to_string();
                    let place = format!(
                        "{} / {} / {}",
                        display_name(&goal.name),
                        display_name(&group.name),
                        display_name(&ind.name)
                    );
                    let location = Location::Indicator(crate::core::model::IndicatorPath {
                        grid: gi,
                        goal: oi,
                        group: ri,
                        indicator: ii,
                    });
                    let mut message = format!(
                        "{} 年目标 {}，实际完成 {}",
                        last.year,
                        display_name(&target),
                        actual
                    );
                    if beats(&target, actual) {
                        if prior_column && beats(&target, &before) {
                            message.push_str(&format!(
                                "；已连续两年超过目标（上一年 {}），建议提高目标值",
                                before.trim()
                            ));
                        } else {
                            message.push_str("，超过目标，请考虑是否提高目标值");
                        }
                    }
                    if prior_column {
                        ind.set_cell(ColumnKind::PriorValue, actual.to_string());
                    }
                    out.push(ReviewItem::new(location, place, message));
                }
            }
        }
    }
    out
}
