//! Generated forms of a given size, for benchmarks, scale tests and trying the program
//! on a large form (`cargo run --example big_form -- OUT.ron`).

use super::model::{Form, Goal, Group, Indicator};
use super::template::shanghai_2020;

/// The sample form with `indicators` indicators over 4 goals × 5 groups and every text
/// section `section_chars` characters long (cut from the sample's own text).
pub fn big_form(indicators: usize, section_chars: usize) -> Form {
    let mut f = super::file::store::parse_str(crate::SAMPLE_FORM)
        .unwrap_or_else(|_| Form::new(shanghai_2020(), 2020));
    let source = f.section("necessity").to_string();
    let text: String = source.chars().cycle().take(section_chars).collect();
    for value in f.sections.values_mut() {
        *value = text.clone();
    }
    let per_group = indicators.div_ceil(20).max(1);
    let mut n = 0;
    f.grids[0].goals = (0..4)
        .map(|g| Goal {
            name: format!("一级目标{g}"),
            groups: (0..5)
                .map(|gr| Group {
                    name: format!("二级目标{g}-{gr}"),
                    indicators: (0..per_group)
                        .filter_map(|_| {
                            n += 1;
                            (n <= indicators).then(|| {
                                Indicator::new(
                                    format!("第{n}项服务对象满意度指标"),
                                    format!(">={}%", n % 100),
                                )
                            })
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect();
    f
}

/// A 2 × 2 × 3 grid named by position (goals G0, G1; groups G00 …; indicators I000 …),
/// for tests of structural edits.
#[cfg(test)]
pub(crate) fn small_grid() -> Form {
    let mut f = Form::new(shanghai_2020(), 2020);
    for g in 0..2 {
        let mut goal = Goal::new(format!("G{g}"));
        for gr in 0..2 {
            let mut group = Group::new(format!("G{g}{gr}"));
            for i in 0..3 {
                group
                    .indicators
                    .push(Indicator::new(format!("I{g}{gr}{i}"), "1个"));
            }
            goal.groups.push(group);
        }
        f.grids[0].goals.push(goal);
    }
    f
}
