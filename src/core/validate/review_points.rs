//! What a reviewer sends a form back for (审核要点), as warnings with the reason and the
//! fix: a vague word where a number is expected, template placeholders left in, a
//! name too long to be one indicator, 效益 holding only satisfaction, the same words in
//! every row of a column, a goal text without a single number, a cost target above
//! the year's budget.

use super::{display_name, Problems, Severity};
use crate::core::model::{Form, IndicatorPath};
use crate::core::printable::printable;
use crate::core::template::ColumnKind;
use crate::core::validate::Location;

/// The review points, each of which the clerk may turn off in 设置.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReviewPoint {
    VagueValue,
    WordsForMeasure,
    Placeholder,
    LongName,
    SatisfactionInBenefit,
    SameColumn,
    GoalWithoutNumber,
    CostAboveBudget,
    YearBeyondPeriod,
}

impl ReviewPoint {
    pub const ALL: [ReviewPoint; 9] = [
        ReviewPoint::VagueValue,
        ReviewPoint::WordsForMeasure,
        ReviewPoint::Placeholder,
        ReviewPoint::LongName,
        ReviewPoint::SatisfactionInBenefit,
        ReviewPoint::SameColumn,
        ReviewPoint::GoalWithoutNumber,
        ReviewPoint::CostAboveBudget,
        ReviewPoint::YearBeyondPeriod,
    ];

    /// Its key in the settings file.
    pub fn id(self) -> &'static str {
        match self {
            ReviewPoint::VagueValue => "vague_value",
            ReviewPoint::WordsForMeasure => "words_for_measure",
            ReviewPoint::Placeholder => "placeholder",
            ReviewPoint::LongName => "long_name",
            ReviewPoint::SatisfactionInBenefit => "satisfaction_in_benefit",
            ReviewPoint::SameColumn => "same_column",
            ReviewPoint::GoalWithoutNumber => "goal_without_number",
            ReviewPoint::CostAboveBudget => "cost_above_budget",
            ReviewPoint::YearBeyondPeriod => "year_beyond_period",
        }
    }

    /// What it checks, as 设置 lists it.
    pub fn label(self) -> &'static str {
        match self {
            ReviewPoint::VagueValue => "应有数的指标写了“进一步提高”等不能考核的词",
            ReviewPoint::WordsForMeasure => "计数、比率类指标的指标值是文字",
            ReviewPoint::Placeholder => "指标名称中留有表样的提示文字（**、XX、指标1:）",
            ReviewPoint::LongName => "指标名称过长，像一段说明",
            ReviewPoint::SatisfactionInBenefit => "效益指标下只有满意度",
            ReviewPoint::SameColumn => "某一栏每行都相同，像是照抄",
            ReviewPoint::GoalWithoutNumber => "年度目标没有一个数字",
            ReviewPoint::CostAboveBudget => "成本指标超过本年度资金",
            ReviewPoint::YearBeyondPeriod => "年度指标值超过中期（实施期）指标值",
        }
    }
}

/// Words that promise without measuring.
const VAGUE: &[&str] = &[
    "进一步提高",
    "进一步提升",
    "有所提升",
    "有所提高",
    "显著",
    "明显",
    "良好",
    "较好",
    "有效",
    "提高",
    "提升",
    "改善",
];

/// Endings of a name that counts or measures (…率, …人次, …数量).
const MEASURED: &[&str] = &[
    "率", "人次", "人数", "次数", "数量", "个数", "户数", "面积", "里程", "天数", "场次", "数",
];

/// Longest name a reviewer reads as one indicator, where the layout sets no limit.
const LONG_NAME: usize = 40;

/// The review points of `form`.
pub(super) fn check(form: &Form, out: &mut Problems) {
    let template = out.template;
    for (g, spec) in template.grids.iter().enumerate() {
        let has_limit = template.max_indicator_name.is_some();
        for (gi, goal) in form.goals(g).iter().enumerate() {
            let goal_place = printable(display_name(&goal.name));
            // 效益 with nothing but satisfaction: those belong under 满意度
            let indicators: Vec<_> = goal.groups.iter().flat_map(|x| &x.indicators).collect();
            if goal.name.contains("效益")
                && !indicators.is_empty()
                && indicators.iter().all(|i| i.name.contains("满意"))
            {
                out.at(
                    Location::Goal(g, gi),
                    goal_place.clone(),
                    Severity::Warning,
                    "效益指标下只有满意度，满意度应放在“满意度指标”下，效益指标写项目带来的效果"
                        .to_string(),
                );
                out.review(ReviewPoint::SatisfactionInBenefit);
            }
            for (gri, group) in goal.groups.iter().enumerate() {
                for (ii, ind) in group.indicators.iter().enumerate() {
                    let path = IndicatorPath {
                        grid: g,
                        goal: gi,
                        group: gri,
                        indicator: ii,
                    };
                    let place = format!(
                        "{goal_place} / {} / {}",
                        printable(display_name(&group.name)),
                        printable(display_name(&ind.name))
                    );
                    let name = ind.name.trim();
                    let value = ind.value_text();
                    if let Some(word) = placeholder(name) {
                        out.cell(
                            path,
                            ColumnKind::Name,
                            place.clone(),
                            Severity::Warning,
                            format!("指标名称中留有表样的提示文字“{word}”，请删去"),
                        );
                        out.review(ReviewPoint::Placeholder);
                    }
                    if !has_limit && name.chars().count() > LONG_NAME {
                        out.cell(
                            path,
                            ColumnKind::Name,
                            place.clone(),
                            Severity::Warning,
                            format!(
                                "指标名称 {} 个字，像是一段说明；请写成一个可以衡量的指标名称",
                                name.chars().count()
                            ),
                        );
                        out.review(ReviewPoint::LongName);
                    }
                    if let Some(message) = cost_above_budget(form, &group.name, name, &value) {
                        let column = if spec.columns.iter().any(|c| c.kind == ColumnKind::Value) {
                            ColumnKind::Value
                        } else {
                            ColumnKind::Target
                        };
                        out.cell(path, column, place.clone(), Severity::Warning, message);
                        out.review(ReviewPoint::CostAboveBudget);
                    }
                    let measured = MEASURED.iter().any(|e| name.ends_with(e));
                    let has_number = value.chars().any(|c| c.is_ascii_digit());
                    let vague = VAGUE.iter().find(|w| value.contains(*w));
                    // (a value that does not read at all is an error already)
                    let words_only = matches!(
                        crate::core::target::parse(&value),
                        crate::core::target::Target::Qualitative(_)
                    );
                    if measured && !has_number && (vague.is_some() || words_only) {
                        let column = if spec.columns.iter().any(|c| c.kind == ColumnKind::Value) {
                            ColumnKind::Value
                        } else {
                            ColumnKind::Target
                        };
                        let message = match vague {
                            Some(word) => format!(
                                "“{}”要用数衡量，指标值“{}”没有数（“{word}”不能考核）；请写成如 ≥95% 的值",
                                printable(name),
                                printable(&value)
                            ),
                            // a name that counts or measures with words for its value
                            None => format!(
                                "“{}”是可以计数或计算的指标，指标值却是文字“{}”；请写出数值（如 ≥95%、10 场），或把名称改成定性的说法",
                                printable(name),
                                printable(&value)
                            ),
                        };
                        out.cell(path, column, place.clone(), Severity::Warning, message);
                        out.review(if vague.is_some() {
                            ReviewPoint::VagueValue
                        } else {
                            ReviewPoint::WordsForMeasure
                        });
                    }
                }
            }
        }
        same_words_everywhere(form, g, out);
    }
    yearly_beyond_midterm(form, out);
    for spec in &template.sections {
        let text = form.section(&spec.id);
        // the year's goal says how much (a long-term goal may speak in words)
        let yearly = spec.label.contains("年度") || spec.id.contains("annual");
        if yearly
            && spec.label.contains("目标")
            && text.chars().count() >= 10
            && !text
                .chars()
                .any(|c| c.is_ascii_digit() || "一二三四五六七八九十百千万".contains(c))
        {
            out.at(
                Location::Field(crate::core::model::FieldId::Section(spec.id.clone())),
                spec.label.clone(),
                Severity::Warning,
                format!(
                    "{}没有一个数字，只列了要做的事；请写明做到多少（数量、比例、时间）",
                    spec.label
                ),
            );
            out.review(ReviewPoint::GoalWithoutNumber);
        }
    }
}

/// A cost target for the whole project (in 元 or 万元, not per unit) above the year's
/// budget the form states: the target cannot be met with the money asked for.
fn cost_above_budget(form: &Form, group: &str, name: &str, value: &str) -> Option<String> {
    let about_cost = group.contains("成本") || name.contains("总成本") || name.contains("总投资");
    if !about_cost || value.contains('/') || value.contains('%') {
        return None;
    }
    let v = value.trim();
    let yuan_per = if v.ends_with("万元") || v.ends_with('万') {
        10_000
    } else if v.ends_with('元') {
        1
    } else {
        return None;
    };
    let number = crate::core::scoring::Dec::first_in(v)?;
    let amount = number.times_ratio(
        crate::core::scoring::Dec::whole(yuan_per),
        crate::core::scoring::Dec::whole(1),
    )?;
    let budget = crate::core::scorecard::year_budget(form).fen()?;
    let budget_yuan = crate::core::scoring::Dec::whole(budget).times_ratio(
        crate::core::scoring::Dec::whole(1),
        crate::core::scoring::Dec::whole(100),
    )?;
    (amount > budget_yuan && budget > 0).then(|| {
        format!(
            "成本指标“{}”为 {}，超过本年度资金 {} 元；请核对指标值或资金",
            printable(name),
            printable(v),
            crate::core::money::group_thousands(
                &crate::core::money::Money::from_fen(budget).to_plain()
            )
        )
    })
}

/// A template's prompt left in a name: "(≥**个)", "XX", "指标1：".
fn placeholder(name: &str) -> Option<String> {
    if name.contains("**") {
        return Some("**".into());
    }
    for xx in ["XX", "xx", "××", "ＸＸ"] {
        if name.contains(xx) {
            return Some(xx.into());
        }
    }
    let head: String = name.chars().take(5).collect();
    if head.starts_with("指标") {
        let rest = head.trim_start_matches("指标");
        let digits = rest.trim_start_matches(|c: char| c.is_ascii_digit());
        if digits.len() < rest.len() && digits.starts_with([':', '：', '、', '.']) {
            return Some(
                name.chars()
                    .take(head.chars().count() - digits.chars().count() + 1)
                    .collect(),
            );
        }
    }
    None
}

/// An indicator of the 年度 grid whose count goes beyond the same indicator's in the 中期
/// grid (a year cannot do more than the whole period): `≥ 12 处` a year against `≥ 10 处`
/// for the period. Rates and per-unit values are left alone.
fn yearly_beyond_midterm(form: &Form, out: &mut Problems) {
    use crate::core::target::{parse, Comparison, Target};
    let template = out.template;
    let grid_of = |words: &[&str]| {
        template.grids.iter().position(|g| {
            words
                .iter()
                .any(|w| g.id.contains(w) || g.label.contains(w))
        })
    };
    let (Some(long), Some(year)) = (
        grid_of(&["midterm", "中期", "实施期"]),
        grid_of(&["annual", "年度"]),
    ) else {
        return;
    };
    if long == year {
        return;
    }
    let quantity = |ind: &crate::core::model::Indicator| match parse(&ind.value_text()) {
        Target::Quantity {
            comparison,
            number,
            unit,
        } if !unit.contains('%') && !unit.contains('/') && !unit.contains('％') => {
            let at_least = matches!(
                comparison,
                None | Some(Comparison::AtLeast | Comparison::Above | Comparison::Equal)
            );
            at_least.then_some((number, unit))
        }
        _ => None,
    };
    let mut period = std::collections::HashMap::new();
    for goal in form.goals(long) {
        for group in &goal.groups {
            for ind in &group.indicators {
                if let Some(q) = quantity(ind) {
                    period.insert(ind.name.trim().to_string(), q);
                }
            }
        }
    }
    for (gi, goal) in form.goals(year).iter().enumerate() {
        for (gri, group) in goal.groups.iter().enumerate() {
            for (ii, ind) in group.indicators.iter().enumerate() {
                let Some((number, unit)) = quantity(ind) else {
                    continue;
                };
                let Some((whole, whole_unit)) = period.get(ind.name.trim()) else {
                    continue;
                };
                if *whole_unit != unit || number <= *whole {
                    continue;
                }
                let path = IndicatorPath {
                    grid: year,
                    goal: gi,
                    group: gri,
                    indicator: ii,
                };
                let column = if template.grids[year]
                    .columns
                    .iter()
                    .any(|c| c.kind == ColumnKind::Value)
                {
                    ColumnKind::Value
                } else {
                    ColumnKind::Target
                };
                out.cell(
                    path,
                    column,
                    format!(
                        "{} / {} / {}",
                        printable(display_name(&goal.name)),
                        printable(display_name(&group.name)),
                        printable(display_name(&ind.name))
                    ),
                    Severity::Warning,
                    format!(
                        "年度指标值“{}”超过了中期（实施期）的“{}”：一年不会多于整个实施期；请核对",
                        printable(&ind.value_text()),
                        printable(
                            &form
                                .goals(long)
                                .iter()
                                .flat_map(|g| &g.groups)
                                .flat_map(|g| &g.indicators)
                                .find(|i| i.name.trim() == ind.name.trim())
                                .map(|i| i.value_text())
                                .unwrap_or_default()
                        )
                    ),
                );
                out.review(ReviewPoint::YearBeyondPeriod);
            }
        }
    }
}

/// A column other than the name and value with the same words in every row (three or
/// more): copied down, not written for each indicator.
fn same_words_everywhere(form: &Form, g: usize, out: &mut Problems) {
    let Some(spec) = out.template.grids.get(g) else {
        return;
    };
    let rows: Vec<_> = form
        .goals(g)
        .iter()
        .flat_map(|goal| &goal.groups)
        .flat_map(|x| &x.indicators)
        .collect();
    if rows.len() < 3 {
        return;
    }
    for column in &spec.columns {
        if matches!(
            column.kind,
            ColumnKind::Name
                | ColumnKind::Target
                | ColumnKind::Sign
                | ColumnKind::Value
                | ColumnKind::Unit
        ) {
            continue;
        }
        let first = rows[0].cell(column.kind).trim();
        if !first.is_empty() && rows.iter().all(|r| r.cell(column.kind).trim() == first) {
            out.at(
                Location::Grid(g),
                spec.heading_for(form.year),
                Severity::Warning,
                format!(
                    "“{}”一栏每一行都是“{}”，像是整栏照抄；请按各指标分别填写",
                    column.label,
                    printable(first)
                ),
            );
            out.review(ReviewPoint::SameColumn);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::core::model::{Form, Goal, Group, Indicator};
    use crate::core::template::built_in;
    use crate::core::validate::{validate, Severity};

    /// An indicator row: (一级, 二级, name, value).
    type Row<'a> = (&'a str, &'a str, &'a str, &'a str);

    /// A 88号 form (one value cell, no name limit) with `rows`.
    fn form(rows: &[Row], goal_text: &str) -> Form {
        let t = built_in("national-88").unwrap();
        let mut f = Form::new(t, 2026);
        let annual = t.grids.iter().position(|g| g.id == "annual").unwrap();
        let goals = f.goals_mut(annual).unwrap();
        goals.clear();
        for (l1, l2, name, value) in rows {
            if goals.last().is_none_or(|g| g.name != *l1) {
                goals.push(Goal::new(*l1));
            }
            let goal = goals.last_mut().unwrap();
            if goal.groups.last().is_none_or(|g| g.name != *l2) {
                goal.groups.push(Group::new(*l2));
            }
            goal.groups
                .last_mut()
                .unwrap()
                .indicators
                .push(Indicator::new(*name, *value));
        }
        f.sections.insert("annual_goal".into(), goal_text.into());
        f
    }

    fn warnings(f: &Form) -> Vec<String> {
        validate(f, built_in(&f.template).unwrap())
            .into_iter()
            .filter(|p| p.severity == Severity::Warning)
            .map(|p| p.message)
            .collect()
    }

    const GOOD: [Row; 3] = [
        ("产出指标", "数量指标", "培训人次", "≥300人次"),
        ("效益指标", "社会效益指标", "参训人员考核合格率", "≥95%"),
        ("满意度指标", "服务对象满意度指标", "学员满意度", "≥90%"),
    ];

    #[test]
    fn each_review_point_trips_on_its_case_and_not_on_a_good_form() {
        let good = form(&GOOD, "全年培训 300 人次，考核合格率达到 95% 以上。");
        let clean = warnings(&good);
        let cases: [(&[Row], &str, &str); 7] = [
            (&[("产出指标", "质量指标", "验收合格率", "按规范验收")], "做到 1 项", "指标值却是文字"),
            (&[("产出指标", "质量指标", "验收合格率", "显著提高")], "做到 1 项", "没有数"),
            (&[("产出指标", "数量指标", "景点开发数量( ≥**个 )", ">=4个")], "做到 1 项", "提示文字“**”"),
            (&[("产出指标", "数量指标", "指标1:安置小区物业费", "8个")], "做到 1 项", "“指标1:”"),
            (
                &[(
                    "产出指标",
                    "质量指标",
                    "完成开发区工委、管委下达的安置小区物业费清算任务，指导小区物业开展文明创建等各项工作",
                    "到位",
                )],
                "做到 1 项",
                "像是一段说明",
            ),
            (&[("效益指标", "社会效益指标", "市民满意度", "≥90%")], "做到 1 项", "效益指标下只有满意度"),
            (&[("产出指标", "数量指标", "培训人次", "≥300人次")], "加强管理，提高质量，做好服务", "没有一个数字"),
        ];
        for (rows, goal_text, said) in cases {
            let mut all: Vec<Row> = GOOD.to_vec();
            all.retain(|r| !rows.iter().any(|x| x.0 == r.0));
            all.extend_from_slice(rows);
            let got = warnings(&form(&all, goal_text));
            assert!(
                got.iter().any(|w| w.contains(said)) && !clean.iter().any(|w| w.contains(said)),
                "{said}: {got:?} / {clean:?}"
            );
        }
    }

    #[test]
    fn a_cost_target_above_the_budget_is_questioned() {
        let rows: [Row; 4] = [
            GOOD[0],
            ("产出指标", "成本指标", "项目总成本", "≤120万元"),
            GOOD[1],
            GOOD[2],
        ];
        let mut f = form(&rows, "全年培训 300 人次，考核合格率达到 95% 以上。");
        f.money.insert(
            "annual_total".into(),
            crate::core::money::Money::parse("100万").unwrap(),
        );
        let said = "超过本年度资金 1,000,000 元";
        assert!(
            warnings(&f).iter().any(|w| w.contains(said)),
            "{:?}",
            warnings(&f)
        );
        // within the budget, per unit, or a rate: nothing said
        for value in ["≤90万元", "≤800元/人次", "≤100%"] {
            let mut ok = f.clone();
            let annual = ok.grids.len() - 1;
            ok.grids[annual].goals[0].groups[1].indicators[0].target = value.into();
            assert!(
                !warnings(&ok).iter().any(|w| w.contains("超过本年度资金")),
                "{value}"
            );
        }
    }

    #[test]
    fn a_yearly_count_beyond_the_whole_period_is_questioned() {
        let mut f = form(&GOOD, "全年培训 300 人次，考核合格率达到 95% 以上。");
        let t = built_in("national-88").unwrap();
        let midterm = t.grids.iter().position(|g| g.id == "midterm").unwrap();
        let annual = t.grids.iter().position(|g| g.id == "annual").unwrap();
        f.grids[midterm].goals = f.grids[annual].goals.clone();
        let said = "超过了中期";
        assert!(!warnings(&f).iter().any(|w| w.contains(said)));
        // the period's count below the year's
        f.grids[midterm].goals[0].groups[0].indicators[0].target = "≥200人次".into();
        assert!(
            warnings(&f)
                .iter()
                .any(|w| w.contains(said) && w.contains("≥200人次")),
            "{:?}",
            warnings(&f)
        );
        // a rate higher in the year is not questioned
        f.grids[midterm].goals[0].groups[0].indicators[0].target = "≥300人次".into();
        f.grids[midterm].goals[1].groups[0].indicators[0].target = "≥90%".into();
        assert!(!warnings(&f).iter().any(|w| w.contains(said)));
    }

    #[test]
    fn the_samples_have_few_review_points() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples");
        for entry in std::fs::read_dir(dir).unwrap() {
            let f = crate::core::file::store::load(&entry.unwrap().path()).unwrap();
            let t = crate::core::template::for_form(&f);
            let n = validate(&f, &t)
                .iter()
                .filter(|p| p.severity == Severity::Warning)
                .count();
            // the 2020 seed: four rates with words for values (持平, 下降, 成本控制到位),
            // each something a reviewer asks about
            assert!(n <= 4, "{} warnings in {}", n, f.field("project_name"));
        }
    }
}
