//! Checks of the indicator grids: names, the 一级 a template requires, and each row's
//! values by the grid's columns (one target cell, or 指标性质 + 指标值 + 度量单位).

use std::collections::HashSet;

use super::{display_name, Location, Problems, Severity};
use crate::core::model::{Form, Indicator, IndicatorPath};
use crate::core::printable::printable;
use crate::core::target::{self, Target};
use crate::core::template::{ColumnKind, GridSpec, Need};

/// Words in an indicator name that make a value above 100% impossible.
const RATE_WORDS: &[&str] = &[
    "满意",
    "完成率",
    "达标率",
    "执行率",
    "覆盖率",
    "知晓率",
    "合格率",
    "及时率",
    "到位率",
    "准确率",
    "使用率",
    "参与率",
];

pub(super) fn check_grids(form: &Form, out: &mut Problems) {
    let template = out.template;
    for (g, spec) in template.grids.iter().enumerate() {
        check_grid(form, g, spec, out);
    }
}

fn check_grid(form: &Form, g: usize, spec: &GridSpec, out: &mut Problems) {
    let heading = spec.heading_for(form.year);
    let goals = form.goals(g);
    if goals.is_empty() {
        out.at(
            Location::Grid(g),
            heading,
            Severity::Error,
            "尚未填写任何绩效目标".to_string(),
        );
        return;
    }
    let max_name = out.template.max_indicator_name;
    let mut has_satisfaction = false;
    // the words of this layout: 一级目标 or 一级指标, 三级目标 or 三级指标
    let (level1, level2) = (spec.level_labels.0.as_str(), spec.level_labels.1.as_str());
    let level3 = spec.column_label(ColumnKind::Name);
    // a 二级 the layout proposes under its 一级 (生态环境成本指标…) may stay empty: the
    // missing 一级 as a whole is said once, by the check of required 一级 below
    let proposed = |goal: &str, group: &str| {
        spec.skeleton
            .iter()
            .any(|l1| l1.name == goal.trim() && l1.groups.iter().any(|g| g == group.trim()))
    };
    for (gi, goal) in goals.iter().enumerate() {
        let goal_place = printable(display_name(&goal.name));
        if goal.name.trim().is_empty() {
            out.at(
                Location::Goal(g, gi),
                goal_place.clone(),
                Severity::Error,
                format!("第 {} 个{level1}没有名称", gi + 1),
            );
        }
        if goal.groups.is_empty() {
            out.at(
                Location::Goal(g, gi),
                goal_place.clone(),
                Severity::Error,
                format!("{level1}下没有{level2}"),
            );
        }
        for (gri, group) in goal.groups.iter().enumerate() {
            let group_place = format!("{goal_place} / {}", printable(display_name(&group.name)));
            if group.name.contains("满意") {
                has_satisfaction = true;
            }
            if group.name.trim().is_empty() {
                out.at(
                    Location::Group(g, gi, gri),
                    group_place.clone(),
                    Severity::Error,
                    format!("第 {} 个{level2}没有名称", gri + 1),
                );
            }
            if group.indicators.is_empty() && !proposed(&goal.name, &group.name) {
                out.at(
                    Location::Group(g, gi, gri),
                    group_place.clone(),
                    Severity::Error,
                    format!("{level2}下没有{level3}"),
                );
            }
            let mut seen = HashSet::new();
            for (ii, ind) in group.indicators.iter().enumerate() {
                let path = IndicatorPath {
                    grid: g,
                    goal: gi,
                    group: gri,
                    indicator: ii,
                };
                let place = format!("{group_place} / {}", printable(display_name(&ind.name)));
                let mut report = |column, severity, message: String| {
                    out.cell(path, column, place.clone(), severity, message)
                };
                let name = ind.name.trim();
                if name.contains("满意") {
                    has_satisfaction = true;
                }
                if name.is_empty() {
                    report(
                        ColumnKind::Name,
                        Severity::Error,
                        format!("第 {} 个{level3}没有名称", ii + 1),
                    );
                } else if !seen.insert(name) {
                    report(
                        ColumnKind::Name,
                        Severity::Error,
                        format!("同一二级目标下指标“{}”重复", printable(name)),
                    );
                }
                if let Some(max) = max_name {
                    let len = name.chars().count();
                    if len > max {
                        report(
                            ColumnKind::Name,
                            Severity::Error,
                            format!("指标名称 {len} 个字，超过 {max} 个字的上限"),
                        );
                    }
                }
                if spec.has(ColumnKind::Value) {
                    check_structured(name, ind, spec, &mut report);
                } else {
                    check_target(name, &ind.target, &mut report);
                }
            }
        }
    }
    for l1 in &spec.skeleton {
        let severity = match l1.required {
            Need::Optional => continue,
            Need::Recommended => Severity::Warning,
            Need::Required => Severity::Error,
        };
        let present = goals.iter().any(|goal| {
            goal.name.trim() == l1.name && goal.groups.iter().any(|gr| !gr.indicators.is_empty())
        });
        if !present {
            let message = match severity {
                Severity::Error => format!("缺少{level1}“{}”，每个项目都必须设置", l1.name),
                Severity::Warning => format!("没有{level1}“{}”，原则上应当设置", l1.name),
            };
            out.at(Location::Grid(g), heading.clone(), severity, message);
        }
    }
    if !has_satisfaction {
        out.at(
            Location::Grid(g),
            heading,
            Severity::Warning,
            "没有满意度指标；通常应设置服务对象满意度".to_string(),
        );
    }
}

fn check_target(name: &str, text: &str, report: &mut impl FnMut(ColumnKind, Severity, String)) {
    let mut report = |s, m| report(ColumnKind::Target, s, m);
    let report = &mut report;
    match target::parse(text) {
        Target::Empty => report(Severity::Error, "指标目标值不能为空".to_string()),
        Target::Placeholder => report(
            Severity::Error,
            format!(
                "指标目标值“{}”仍是模板占位符，请填写实际数值",
                printable(text.trim())
            ),
        ),
        Target::Malformed(reason) => report(
            Severity::Error,
            format!("指标目标值“{}”无法识别：{reason}", printable(text.trim())),
        ),
        t @ Target::Quantity { number, .. } if t.is_percentage() && number > 100.0 => {
            over_hundred(name, "指标目标值", &printable(text.trim()), report)
        }
        Target::Quantity { .. } | Target::Qualitative(_) => {}
    }
}

fn over_hundred(name: &str, what: &str, shown: &str, report: &mut impl FnMut(Severity, String)) {
    let is_rate = RATE_WORDS.iter().any(|w| name.contains(w));
    let severity = if is_rate {
        Severity::Error
    } else {
        Severity::Warning
    };
    report(severity, format!("{what}“{shown}”超过 100%"));
}

/// Whether a sign makes the row qualitative.
pub fn is_qualitative(sign: &str) -> bool {
    sign.trim() == "定性"
}

/// A number as clerks write it: `90`, `1,000`, `９０`, `0.5`.
pub fn read_number(text: &str) -> Option<f64> {
    let cleaned: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, ',' | '，' | ' '))
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' => '.',
            c => c,
        })
        .collect();
    if cleaned.is_empty()
        || !cleaned
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == '-')
    {
        return None;
    }
    cleaned.parse().ok().filter(|n: &f64| n.is_finite())
}

fn check_structured(
    name: &str,
    ind: &Indicator,
    spec: &GridSpec,
    report: &mut impl FnMut(ColumnKind, Severity, String),
) {
    let (sign, value, unit) = (
        ind.cell(ColumnKind::Sign).trim(),
        ind.cell(ColumnKind::Value).trim(),
        ind.cell(ColumnKind::Unit).trim(),
    );
    // as quoted in messages, shortened
    let (sign_shown, value_shown) = (printable(sign), printable(value));
    let label = |k| spec.column_label(k);
    let has_sign = spec.has(ColumnKind::Sign);
    if has_sign && sign.is_empty() {
        report(
            ColumnKind::Sign,
            Severity::Error,
            format!("{}不能为空", label(ColumnKind::Sign)),
        );
    } else if has_sign && !is_qualitative(sign) && target::comparison_of(sign).is_none() {
        report(
            ColumnKind::Sign,
            Severity::Error,
            format!(
                "{}“{sign_shown}”应为 ≥ ≤ = > < 或 定性",
                label(ColumnKind::Sign)
            ),
        );
    }
    if value.is_empty() {
        report(
            ColumnKind::Value,
            Severity::Error,
            format!("{}不能为空", label(ColumnKind::Value)),
        );
        return;
    }
    if matches!(target::parse(value), Target::Placeholder) {
        report(
            ColumnKind::Value,
            Severity::Error,
            format!(
                "{}“{value_shown}”仍是模板占位符，请填写实际数值",
                label(ColumnKind::Value)
            ),
        );
        return;
    }
    if is_qualitative(sign) {
        return;
    }
    let Some(number) = read_number(value) else {
        if has_sign && !sign.is_empty() {
            report(
                ColumnKind::Value,
                Severity::Error,
                format!(
                    "{}为“{sign_shown}”时{}应为数字，“{value_shown}”不是数字；文字目标请把{}选为 定性",
                    label(ColumnKind::Sign),
                    label(ColumnKind::Value),
                    label(ColumnKind::Sign)
                ),
            );
        }
        return;
    };
    if spec.has(ColumnKind::Unit) && unit.is_empty() {
        report(
            ColumnKind::Unit,
            Severity::Error,
            format!("{}不能为空（定性指标除外）", label(ColumnKind::Unit)),
        );
    }
    if (unit == "%" || unit == "％") && number > 100.0 {
        let what = label(ColumnKind::Value);
        over_hundred(
            name,
            &what,
            &printable(&format!("{sign}{value}{unit}")),
            &mut |s, m| report(ColumnKind::Value, s, m),
        );
    }
}
