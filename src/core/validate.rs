//! Validation: every problem a reviewer at the finance bureau would send the form back for,
//! each with where it is, how serious, and a Chinese message.

use std::collections::HashSet;
use std::fmt;

use super::model::{BudgetField, DateField, FieldId, Form, IndicatorPath, SectionKind, TextField};
use super::target::{self, Target};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "提醒",
        }
    }
}

/// Where a problem is: a header field, or a node of the indicator tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Location {
    Field(FieldId),
    /// The indicator tree as a whole.
    Grid,
    Goal(usize),
    Group(usize, usize),
    Indicator(IndicatorPath),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub location: Location,
    /// The location for people: a field label, or 一级/二级/三级 names joined by " / ".
    pub place: String,
    pub severity: Severity,
    pub message: String,
    /// A required value not filled in yet (as opposed to a wrong one): the window shows
    /// it as 待填写 on a new form until the clerk saves, exports or leaves the field.
    pub missing: bool,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}：[{}] {}",
            self.severity.label(),
            self.place,
            self.message
        )
    }
}

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

/// The name a node is shown by when it has none yet.
pub fn display_name(name: &str) -> &str {
    if name.trim().is_empty() {
        "（未命名）"
    } else {
        name
    }
}

/// Lists every problem in `form`, in the order a reader meets them.
pub fn validate(form: &Form) -> Vec<Problem> {
    let mut out = Problems(Vec::new());
    check_header(form, &mut out);
    check_budget(form, &mut out);
    check_grid(form, &mut out);
    out.0
}

pub fn has_errors(problems: &[Problem]) -> bool {
    problems.iter().any(|p| p.severity == Severity::Error)
}

struct Problems(Vec<Problem>);

impl Problems {
    fn field(&mut self, field: FieldId, severity: Severity, message: impl Into<String>) {
        self.0.push(Problem {
            location: Location::Field(field),
            place: field.label().to_string(),
            severity,
            message: message.into(),
            missing: false,
        });
    }

    /// A required field left empty.
    fn missing(&mut self, field: FieldId) {
        self.field(field, Severity::Error, format!("{}不能为空", field.label()));
        if let Some(p) = self.0.last_mut() {
            p.missing = true;
        }
    }

    fn at(&mut self, location: Location, place: String, severity: Severity, message: String) {
        self.0.push(Problem {
            location,
            place,
            severity,
            message,
            missing: false,
        });
    }
}

fn check_header(form: &Form, out: &mut Problems) {
    if !(1990..=2200).contains(&form.year) {
        out.field(
            FieldId::Year,
            Severity::Error,
            format!("年度 {} 不在合理范围内（1990–2200）", form.year),
        );
    }
    for field in [
        TextField::UnitName,
        TextField::ProjectName,
        TextField::ProjectCategory,
        TextField::PerformanceType,
    ] {
        if form.text(field).trim().is_empty() {
            out.missing(FieldId::Text(field));
        }
    }
    for field in [DateField::PlanStart, DateField::PlanEnd] {
        if form.date(field).is_none() {
            out.missing(FieldId::Date(field));
        }
    }
    if let (Some(start), Some(end)) = (form.plan_start, form.plan_end) {
        if end < start {
            out.field(
                FieldId::Date(DateField::PlanEnd),
                Severity::Error,
                format!("计划完成日期 {end} 早于计划开始日期 {start}"),
            );
        }
    }
    for kind in SectionKind::ALL {
        if form.section(kind).trim().is_empty() {
            out.field(
                FieldId::Text(TextField::Section(kind)),
                Severity::Warning,
                format!("{}尚未填写", kind.label()),
            );
        }
    }
}

fn check_budget(form: &Form, out: &mut Problems) {
    for field in BudgetField::ALL {
        match form.money(field).fen() {
            None => out.field(
                FieldId::Budget(field),
                Severity::Warning,
                format!("{}尚未填写", field.label()),
            ),
            Some(fen) if fen < 0 => out.field(
                FieldId::Budget(field),
                Severity::Error,
                format!("{}不能为负数", field.label()),
            ),
            Some(_) => {}
        }
    }
    let (total, current) = (form.budget.total.fen(), form.budget.current_year.fen());
    if let (Some(t), Some(c)) = (total, current) {
        if c > t {
            out.field(
                FieldId::Budget(BudgetField::CurrentYear),
                Severity::Error,
                format!(
                    "项目当年预算 {} 元超过项目总预算 {} 元",
                    form.budget.current_year, form.budget.total
                ),
            );
        }
    }
}

fn check_grid(form: &Form, out: &mut Problems) {
    if form.goals.is_empty() {
        out.at(
            Location::Grid,
            form.grid_heading(),
            Severity::Error,
            "尚未填写任何绩效目标".to_string(),
        );
        return;
    }
    let mut has_satisfaction = false;
    for (gi, goal) in form.goals.iter().enumerate() {
        let goal_place = display_name(&goal.name).to_string();
        if goal.name.trim().is_empty() {
            out.at(
                Location::Goal(gi),
                goal_place.clone(),
                Severity::Error,
                format!("第 {} 个一级目标没有名称", gi + 1),
            );
        }
        if goal.groups.is_empty() {
            out.at(
                Location::Goal(gi),
                goal_place.clone(),
                Severity::Error,
                "一级目标下没有二级目标".to_string(),
            );
        }
        for (gri, group) in goal.groups.iter().enumerate() {
            let group_place = format!("{goal_place} / {}", display_name(&group.name));
            if group.name.contains("满意") {
                has_satisfaction = true;
            }
            if group.name.trim().is_empty() {
                out.at(
                    Location::Group(gi, gri),
                    group_place.clone(),
                    Severity::Error,
                    format!("第 {} 个二级目标没有名称", gri + 1),
                );
            }
            if group.indicators.is_empty() {
                out.at(
                    Location::Group(gi, gri),
                    group_place.clone(),
                    Severity::Error,
                    "二级目标下没有三级指标".to_string(),
                );
            }
            let mut seen = HashSet::new();
            for (ii, ind) in group.indicators.iter().enumerate() {
                let path = IndicatorPath {
                    goal: gi,
                    group: gri,
                    indicator: ii,
                };
                let place = format!("{group_place} / {}", display_name(&ind.name));
                let mut report = |severity, message: String| {
                    out.at(Location::Indicator(path), place.clone(), severity, message)
                };
                let name = ind.name.trim();
                if name.contains("满意") {
                    has_satisfaction = true;
                }
                if name.is_empty() {
                    report(Severity::Error, format!("第 {} 个三级指标没有名称", ii + 1));
                } else if !seen.insert(name) {
                    report(Severity::Error, format!("同一二级目标下指标“{name}”重复"));
                }
                check_target(name, &ind.target, &mut report);
            }
        }
    }
    if !has_satisfaction {
        out.at(
            Location::Grid,
            form.grid_heading(),
            Severity::Warning,
            "没有满意度指标；通常应设置服务对象满意度".to_string(),
        );
    }
}

fn check_target(name: &str, text: &str, report: &mut impl FnMut(Severity, String)) {
    match target::parse(text) {
        Target::Empty => report(Severity::Error, "指标目标值不能为空".to_string()),
        Target::Placeholder => report(
            Severity::Error,
            format!("指标目标值“{}”仍是模板占位符，请填写实际数值", text.trim()),
        ),
        Target::Malformed(reason) => report(
            Severity::Error,
            format!("指标目标值“{}”无法识别：{reason}", text.trim()),
        ),
        t @ Target::Quantity { number, .. } if t.is_percentage() && number > 100.0 => {
            let is_rate = RATE_WORDS.iter().any(|w| name.contains(w));
            let severity = if is_rate {
                Severity::Error
            } else {
                Severity::Warning
            };
            report(severity, format!("指标目标值“{}”超过 100%", text.trim()));
        }
        Target::Quantity { .. } | Target::Qualitative(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::{Goal, Group, Indicator};
    use crate::core::money::Money;
    use chrono::NaiveDate;

    /// A form with no problems at all, to break one rule at a time.
    fn clean_form() -> Form {
        let mut f = Form::empty(2021);
        f.unit_name = "某单位".into();
        f.project_name = "某项目".into();
        f.project_category = "经常性专项业务费".into();
        f.performance_type = "其他类".into();
        for kind in SectionKind::ALL {
            *f.section_mut(kind) = "内容".into();
        }
        f.budget.total = Money::from_yuan(100);
        f.budget.current_year = Money::from_yuan(100);
        f.budget.prior_year_budget = Money::from_yuan(90);
        f.budget.prior_year_executed = Money::from_yuan(80);
        let mut group = Group::new("满意度");
        group
            .indicators
            .push(Indicator::new("服务对象满意度", ">=90%"));
        group.indicators.push(Indicator::new("培训场次", "5场"));
        let mut goal = Goal::new("效果目标");
        goal.groups.push(group);
        f.goals.push(goal);
        f
    }

    fn messages(form: &Form) -> Vec<String> {
        validate(form).iter().map(|p| p.to_string()).collect()
    }

    fn only_problem(form: &Form) -> Problem {
        let problems = validate(form);
        assert_eq!(problems.len(), 1, "{:#?}", problems);
        problems.into_iter().next().unwrap()
    }

    fn first_indicator(f: &mut Form) -> &mut Indicator {
        &mut f.goals[0].groups[0].indicators[0]
    }

    #[test]
    fn clean_form_has_no_problems() {
        assert!(
            validate(&clean_form()).is_empty(),
            "{:?}",
            messages(&clean_form())
        );
    }

    #[test]
    fn required_header_fields() {
        let mut f = clean_form();
        f.project_name = "  ".into();
        let p = only_problem(&f);
        assert_eq!(
            p.location,
            Location::Field(FieldId::Text(TextField::ProjectName))
        );
        assert_eq!(p.severity, Severity::Error);
        assert_eq!(p.message, "项目名称不能为空");

        let mut f = clean_form();
        f.plan_start = None;
        let p = only_problem(&f);
        assert_eq!(
            p.location,
            Location::Field(FieldId::Date(DateField::PlanStart))
        );
    }

    #[test]
    fn plan_end_before_start() {
        let mut f = clean_form();
        f.plan_end = NaiveDate::from_ymd_opt(2020, 12, 31);
        let p = only_problem(&f);
        assert_eq!(
            p.location,
            Location::Field(FieldId::Date(DateField::PlanEnd))
        );
        assert!(p.message.contains("早于"), "{}", p.message);
    }

    #[test]
    fn current_year_budget_above_total() {
        let mut f = clean_form();
        f.budget.current_year = Money::from_yuan(101);
        let p = only_problem(&f);
        assert_eq!(
            p.location,
            Location::Field(FieldId::Budget(BudgetField::CurrentYear))
        );
        assert!(p.message.contains("超过项目总预算"), "{}", p.message);
    }

    #[test]
    fn negative_money() {
        let mut f = clean_form();
        f.budget.prior_year_executed = Money::from_yuan(-1);
        let p = only_problem(&f);
        assert_eq!(p.severity, Severity::Error);
        assert!(p.message.contains("不能为负数"));
    }

    #[test]
    fn unknown_money_is_a_warning() {
        let mut f = clean_form();
        f.budget.prior_year_executed = Money::UNKNOWN;
        let p = only_problem(&f);
        assert_eq!(p.severity, Severity::Warning);
    }

    #[test]
    fn goal_without_group_and_group_without_indicator() {
        let mut f = clean_form();
        f.goals.push(Goal::new("影响力目标"));
        let p = only_problem(&f);
        assert_eq!(p.location, Location::Goal(1));
        assert_eq!(p.place, "影响力目标");

        let mut f = clean_form();
        f.goals[0].groups.push(Group::new("社会效益"));
        let p = only_problem(&f);
        assert_eq!(p.location, Location::Group(0, 1));
        assert_eq!(p.place, "效果目标 / 社会效益");
    }

    #[test]
    fn indicator_without_name_or_target() {
        let mut f = clean_form();
        first_indicator(&mut f).target = String::new();
        let p = only_problem(&f);
        assert_eq!(p.place, "效果目标 / 满意度 / 服务对象满意度");
        assert_eq!(p.message, "指标目标值不能为空");

        let mut f = clean_form();
        f.goals[0].groups[0].indicators[1].name = String::new();
        let p = only_problem(&f);
        assert!(p.message.contains("没有名称"));
        assert_eq!(
            p.location,
            Location::Indicator(IndicatorPath {
                goal: 0,
                group: 0,
                indicator: 1
            })
        );
    }

    #[test]
    fn duplicate_indicator_name_in_one_group() {
        let mut f = clean_form();
        f.goals[0].groups[0]
            .indicators
            .push(Indicator::new("培训场次", "6场"));
        let p = only_problem(&f);
        assert!(p.message.contains("重复"));
        assert_eq!(
            p.location,
            Location::Indicator(IndicatorPath {
                goal: 0,
                group: 0,
                indicator: 2
            })
        );
        // the same name in another group is fine
        let mut f = clean_form();
        let mut other = Group::new("数量");
        other.indicators.push(Indicator::new("培训场次", "6场"));
        f.goals[0].groups.push(other);
        assert!(validate(&f).is_empty());
    }

    #[test]
    fn malformed_comparison_target() {
        let mut f = clean_form();
        first_indicator(&mut f).target = ">=9O%".into();
        let p = only_problem(&f);
        assert!(p.message.contains("无法识别"), "{}", p.message);
    }

    #[test]
    fn percentage_above_hundred() {
        let mut f = clean_form();
        first_indicator(&mut f).target = ">=105%".into();
        let p = only_problem(&f);
        assert_eq!(
            p.severity,
            Severity::Error,
            "a satisfaction rate cannot pass 100%"
        );

        let mut f = clean_form();
        f.goals[0].groups[0].indicators[1] = Indicator::new("经费增长", "120%");
        let p = only_problem(&f);
        assert_eq!(p.severity, Severity::Warning, "growth may pass 100%");
    }

    #[test]
    fn template_placeholders() {
        for placeholder in ["≥**人次", "**元/人·月", "*", "/"] {
            let mut f = clean_form();
            f.goals[0].groups[0].indicators[1].target = placeholder.into();
            let p = only_problem(&f);
            assert!(p.message.contains("占位符"), "{placeholder}: {}", p.message);
        }
    }

    #[test]
    fn no_satisfaction_indicator_is_a_warning() {
        let mut f = clean_form();
        f.goals[0].groups[0].name = "数量".into();
        f.goals[0].groups[0].indicators[0].name = "服务人次".into();
        let p = only_problem(&f);
        assert_eq!(p.severity, Severity::Warning);
        assert_eq!(p.location, Location::Grid);
    }

    #[test]
    fn no_goals_at_all() {
        let mut f = clean_form();
        f.goals.clear();
        assert!(has_errors(&validate(&f)));
    }

    #[test]
    fn odd_year() {
        let mut f = clean_form();
        f.year = 20211;
        f.plan_start = None;
        f.plan_end = None;
        assert!(messages(&f).iter().any(|m| m.contains("年度 20211")));
    }

    #[test]
    fn empty_section_is_a_warning() {
        let mut f = clean_form();
        f.sections.basis.clear();
        let p = only_problem(&f);
        assert_eq!(p.severity, Severity::Warning);
        assert_eq!(p.message, "立项依据尚未填写");
    }
}
