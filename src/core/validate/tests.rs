//! Tests of the checks, one rule at a time on a form that is otherwise clean.

use super::*;
use crate::core::model::{Goal, Group, Indicator};
use crate::core::money::Money;
use crate::core::template::{built_in, shanghai_2020, ColumnKind};

fn t2020() -> &'static Template {
    shanghai_2020()
}

/// A 2020-layout form with no problems at all, to break one rule at a time.
fn clean_form() -> Form {
    let mut f = Form::new(t2020(), 2021);
    f.set_field("unit_name", "某单位");
    f.set_field("project_name", "某项目");
    f.set_field("project_category", "经常性专项业务费");
    f.set_field("performance_type", "其他类");
    for s in &t2020().sections {
        f.sections.insert(s.id.clone(), "内容".into());
    }
    f.money.insert("total".into(), Money::from_yuan(100));
    f.money.insert("current_year".into(), Money::from_yuan(100));
    f.money
        .insert("prior_year_budget".into(), Money::from_yuan(90));
    f.money
        .insert("prior_year_executed".into(), Money::from_yuan(80));
    let mut group = Group::new("满意度");
    group
        .indicators
        .push(Indicator::new("服务对象满意度", ">=90%"));
    group.indicators.push(Indicator::new("培训场次", "5场"));
    let mut goal = Goal::new("效果目标");
    goal.groups.push(group);
    f.grids[0].goals.push(goal);
    f
}

fn check(form: &Form) -> Vec<Problem> {
    let template = built_in(&form.template).unwrap();
    validate(form, template)
}

fn messages(form: &Form) -> Vec<String> {
    check(form).iter().map(|p| p.to_string()).collect()
}

fn only_problem(form: &Form) -> Problem {
    let problems = check(form);
    assert_eq!(problems.len(), 1, "{:#?}", problems);
    problems.into_iter().next().unwrap()
}

fn first_indicator(f: &mut Form) -> &mut Indicator {
    &mut f.grids[0].goals[0].groups[0].indicators[0]
}

fn path(goal: usize, group: usize, indicator: usize) -> IndicatorPath {
    IndicatorPath {
        grid: 0,
        goal,
        group,
        indicator,
    }
}

#[test]
fn clean_form_has_no_problems() {
    assert!(
        check(&clean_form()).is_empty(),
        "{:?}",
        messages(&clean_form())
    );
}

#[test]
fn required_header_fields() {
    let mut f = clean_form();
    f.set_field("project_name", "  ");
    let p = only_problem(&f);
    assert_eq!(p.location, Location::Field(FieldId::field("project_name")));
    assert_eq!(p.severity, Severity::Error);
    assert_eq!(p.message, "项目名称不能为空");
    assert!(p.missing);

    let mut f = clean_form();
    f.set_field("plan_start", "");
    let p = only_problem(&f);
    assert_eq!(p.location, Location::Field(FieldId::field("plan_start")));
}

#[test]
fn plan_end_before_start_and_unreadable_dates() {
    let mut f = clean_form();
    f.set_field("plan_end", "2020-12-31");
    let p = only_problem(&f);
    assert_eq!(p.location, Location::Field(FieldId::field("plan_end")));
    assert_eq!(
        p.message,
        "计划完成日期 2020-12-31 早于计划开始日期 2021-01-01"
    );

    let mut f = clean_form();
    f.set_field("plan_end", "2021-02-30");
    assert!(only_problem(&f).message.contains("不是有效日期"));
}

#[test]
fn current_year_budget_above_total() {
    let mut f = clean_form();
    f.money.insert("current_year".into(), Money::from_yuan(101));
    let p = only_problem(&f);
    assert_eq!(p.location, Location::Field(FieldId::money("current_year")));
    assert_eq!(p.message, "项目当年预算 101 元超过项目总预算 100 元");
}

#[test]
fn negative_and_unknown_money() {
    let mut f = clean_form();
    f.money
        .insert("prior_year_executed".into(), Money::from_yuan(-1));
    let p = only_problem(&f);
    assert_eq!(p.severity, Severity::Error);
    assert!(p.message.contains("不能为负数"));

    let mut f = clean_form();
    f.money.insert("prior_year_executed".into(), Money::UNKNOWN);
    assert_eq!(only_problem(&f).severity, Severity::Warning);
}

#[test]
fn goal_without_group_and_group_without_indicator() {
    let mut f = clean_form();
    f.grids[0].goals.push(Goal::new("影响力目标"));
    let p = only_problem(&f);
    assert_eq!(p.location, Location::Goal(0, 1));
    assert_eq!(p.place, "影响力目标");

    let mut f = clean_form();
    f.grids[0].goals[0].groups.push(Group::new("宣传推广"));
    let p = only_problem(&f);
    assert_eq!(p.location, Location::Group(0, 0, 1));
    assert_eq!(p.place, "效果目标 / 宣传推广");
    assert_eq!(p.message, "二级目标下没有三级目标");

    // a 二级 the layout proposes may stay empty
    let mut f = clean_form();
    f.grids[0].goals[0].groups.push(Group::new("社会效益"));
    assert!(check(&f).is_empty(), "{:?}", messages(&f));
}

#[test]
fn a_new_form_starts_with_one_problem_per_missing_part_in_its_own_words() {
    let t = built_in("national-101").unwrap();
    let f = t.new_form(2027);
    let grid: Vec<String> = check(&f)
        .into_iter()
        .filter(|p| !matches!(p.location, Location::Field(_)))
        .map(|p| p.message)
        .collect();
    // the empty skeleton is no error of its own: the missing 一级 are said once each
    assert_eq!(grid.len(), 3, "{grid:?}");
    assert!(grid.iter().all(|m| m.contains("一级指标")), "{grid:?}");
    assert!(grid.iter().all(|m| !m.contains("目标")), "{grid:?}");
}

#[test]
fn indicator_without_name_or_target() {
    let mut f = clean_form();
    first_indicator(&mut f).target = String::new();
    let p = only_problem(&f);
    assert_eq!(p.place, "效果目标 / 满意度 / 服务对象满意度");
    assert_eq!(p.message, "指标目标值不能为空");

    let mut f = clean_form();
    f.grids[0].goals[0].groups[0].indicators[1].name = String::new();
    let p = only_problem(&f);
    assert!(p.message.contains("没有名称"));
    assert_eq!(p.location, Location::Indicator(path(0, 0, 1)));
}

#[test]
fn duplicate_indicator_name_in_one_group() {
    let mut f = clean_form();
    f.grids[0].goals[0].groups[0]
        .indicators
        .push(Indicator::new("培训场次", "6场"));
    let p = only_problem(&f);
    assert!(p.message.contains("重复"));
    assert_eq!(p.location, Location::Indicator(path(0, 0, 2)));
    let mut f = clean_form();
    let mut other = Group::new("数量");
    other.indicators.push(Indicator::new("培训场次", "6场"));
    f.grids[0].goals[0].groups.push(other);
    assert!(check(&f).is_empty());
}

#[test]
fn target_values() {
    let mut f = clean_form();
    first_indicator(&mut f).target = ">=9O%".into();
    assert!(only_problem(&f).message.contains("无法识别"));

    let mut f = clean_form();
    first_indicator(&mut f).target = ">=105%".into();
    let p = only_problem(&f);
    assert_eq!(
        p.severity,
        Severity::Error,
        "a satisfaction rate cannot pass 100%"
    );
    assert_eq!(p.message, "指标目标值“>=105%”超过 100%");

    let mut f = clean_form();
    f.grids[0].goals[0].groups[0].indicators[1] = Indicator::new("经费增长", "120%");
    assert_eq!(
        only_problem(&f).severity,
        Severity::Warning,
        "growth may pass 100%"
    );

    for placeholder in ["≥**人次", "**元/人·月", "*", "/"] {
        let mut f = clean_form();
        f.grids[0].goals[0].groups[0].indicators[1].target = placeholder.into();
        let p = only_problem(&f);
        assert!(p.message.contains("占位符"), "{placeholder}: {}", p.message);
    }
}

#[test]
fn satisfaction_year_sections_and_empty_grid() {
    let mut f = clean_form();
    f.grids[0].goals[0].groups[0].name = "数量".into();
    f.grids[0].goals[0].groups[0].indicators[0].name = "服务人次".into();
    let p = only_problem(&f);
    assert_eq!(p.severity, Severity::Warning);
    assert_eq!(p.location, Location::Grid(0));
    assert_eq!(p.place, "2021年绩效目标");

    let mut f = clean_form();
    f.grids[0].goals.clear();
    assert!(has_errors(&check(&f)));

    let mut f = clean_form();
    f.year = 20211;
    assert!(messages(&f).iter().any(|m| m.contains("年度 20211")));

    let mut f = clean_form();
    f.sections.insert("basis".into(), String::new());
    let p = only_problem(&f);
    assert_eq!(p.severity, Severity::Warning);
    assert_eq!(p.message, "立项依据尚未填写");
}

/// A 101号 form with no problems.
fn clean_101() -> Form {
    let t = built_in("national-101").unwrap();
    let mut f = Form::new(t, 2026);
    for spec in &t.fields {
        f.set_field(&spec.id, "有内容");
    }
    f.set_field("project_period", "2026-2028");
    f.sections.insert("annual_goal".into(), "目标".into());
    f.money
        .insert("annual_total".into(), Money::from_yuan(1_000_000));
    f.money
        .insert("annual_fiscal".into(), Money::from_yuan(800_000));
    f.money
        .insert("annual_other".into(), Money::from_yuan(200_000));
    let row = |name: &str, sign: &str, value: &str, unit: &str| {
        let mut i = Indicator::new(name, "");
        i.set_cell(ColumnKind::Sign, sign.into());
        i.set_cell(ColumnKind::Value, value.into());
        i.set_cell(ColumnKind::Unit, unit.into());
        i
    };
    for (goal, group, ind) in [
        (
            "成本指标",
            "经济成本指标",
            row("人均培训成本", "≤", "500", "元/人"),
        ),
        (
            "产出指标",
            "数量指标",
            row("培训人次", "≥", "1,000", "人次"),
        ),
        (
            "效益指标",
            "社会效益指标",
            row("服务质量", "定性", "明显提升", ""),
        ),
        (
            "满意度指标",
            "服务对象满意度指标",
            row("学员满意度", "≥", "90", "%"),
        ),
    ] {
        let mut gr = Group::new(group);
        gr.indicators.push(ind);
        let mut g = Goal::new(goal);
        g.groups.push(gr);
        f.grids[0].goals.push(g);
    }
    f
}

#[test]
fn structured_rows_follow_their_columns() {
    assert!(
        check(&clean_101()).is_empty(),
        "{:?}",
        messages(&clean_101())
    );
    let cell = |f: &mut Form, goal: usize, kind, text: &str| {
        f.grids[0].goals[goal].groups[0].indicators[0].set_cell(kind, text.into())
    };
    let mut f = clean_101();
    cell(&mut f, 1, ColumnKind::Unit, "");
    assert_eq!(only_problem(&f).message, "度量单位不能为空（定性指标除外）");

    let mut f = clean_101();
    cell(&mut f, 1, ColumnKind::Value, "很多");
    assert!(only_problem(&f).message.contains("应为数字"));

    let mut f = clean_101();
    cell(&mut f, 1, ColumnKind::Sign, "");
    assert_eq!(only_problem(&f).message, "指标性质不能为空");

    let mut f = clean_101();
    cell(&mut f, 3, ColumnKind::Value, "105");
    assert_eq!(only_problem(&f).severity, Severity::Error);

    let mut f = clean_101();
    f.grids[0].goals[1].groups[0].indicators[0].name = "很".repeat(41);
    assert!(only_problem(&f).message.contains("40 个字"));
}

#[test]
fn required_level_ones_and_parts_of_money() {
    let mut f = clean_101();
    f.grids[0].goals.remove(1); // 产出指标
    let p = only_problem(&f);
    assert_eq!(p.severity, Severity::Error);
    assert!(p.message.contains("产出指标"), "{}", p.message);

    let mut f = clean_101();
    f.grids[0].goals.remove(0); // 成本指标: recommended
    assert_eq!(only_problem(&f).severity, Severity::Warning);

    let mut f = clean_101();
    f.money
        .insert("annual_other".into(), Money::from_yuan(300_000));
    let p = only_problem(&f);
    assert_eq!(p.location, Location::Field(FieldId::money("annual_total")));
    assert_eq!(
        p.message,
        "财政拨款、其他资金之和 110 万元超过年度资金总额 100 万元"
    );

    let mut f = clean_101();
    f.money
        .insert("annual_fiscal".into(), Money::from_yuan(1_000_001));
    f.money.insert("annual_other".into(), Money::from_yuan(0));
    assert_eq!(
        only_problem(&f).message,
        "财政拨款（年度资金总额） 100.0001 万元超过年度资金总额 100 万元"
    );
}

#[test]
fn periods() {
    assert_eq!(period_years("2024-2026"), Some((2024, 2026)));
    assert_eq!(period_years("2023.07-2024.01"), Some((2023, 2024)));
    assert_eq!(period_years("2024年—2026年"), Some((2024, 2026)));
    assert_eq!(period_years("2026-2024"), None);
    assert_eq!(period_years("2024.13-2025"), None);
    assert_eq!(period_years("明年"), None);
    // the ways clerks write a period (issue 22)
    for (text, years) in [
        ("2026年1月-2026年12月", (2026, 2026)),
        ("2026年1月至12月", (2026, 2026)),
        ("2026年", (2026, 2026)),
        ("2026", (2026, 2026)),
        ("2026/1/1-2026/12/31", (2026, 2026)),
        ("2026.1-2026.12", (2026, 2026)),
        ("2026-2028", (2026, 2028)),
        ("２０２６年—２０２８年", (2026, 2028)),
        ("2023.07-2024.01", (2023, 2024)),
    ] {
        assert_eq!(period_years(text), Some(years), "{text}");
    }
    for bad in ["2026年1月-2026年13月", "20261", "2026-abc", "三年"] {
        assert_eq!(period_years(bad), None, "{bad}");
    }
}

#[test]
fn parts_of_money_add_up_to_their_total() {
    // 财政拨款 + 其他资金 short of 年度资金总额
    let mut f = clean_101();
    f.money
        .insert("annual_other".into(), Money::from_yuan(100_000));
    let p = only_problem(&f);
    assert_eq!(p.location, Location::Field(FieldId::money("annual_total")));
    assert_eq!(p.severity, Severity::Error);
    assert!(
        p.message.contains("少于年度资金总额 100 万元"),
        "{}",
        p.message
    );
    assert!(p.message.contains("相差 10 万元"), "{}", p.message);
    // a part not filled in yet is no sum to check
    let mut f = clean_101();
    f.money.insert("annual_other".into(), Money::UNKNOWN);
    assert!(check(&f).iter().all(|p| !p.message.contains("之和")));
}

#[test]
fn a_year_total_above_the_whole_period_and_parts_named_by_their_total() {
    let t = built_in("national-88").unwrap();
    let mut f = Form::new(t, 2026);
    f.money
        .insert("midterm_total".into(), Money::from_yuan(1_000_000));
    f.money
        .insert("annual_total".into(), Money::from_yuan(2_000_000));
    let messages = messages(&f);
    assert!(
        messages
            .iter()
            .any(|m| m.contains("年度资金总额 200 万元超过中期资金总额 100 万元")),
        "{messages:?}"
    );
    // the two 其中：财政拨款 rows say which total they belong to
    let block = t.money.as_ref().unwrap();
    assert_eq!(
        block.label_of("annual_fiscal").as_deref(),
        Some("其中：财政拨款（年度资金总额）")
    );
    assert_eq!(
        block.label_of("midterm_fiscal").as_deref(),
        Some("其中：财政拨款（中期资金总额）")
    );
    assert_eq!(
        block.label_of("annual_total").as_deref(),
        Some("年度资金总额")
    );
}

#[test]
fn a_year_far_ahead_or_outside_the_project_period_is_questioned() {
    let this_year = chrono::Datelike::year(&chrono::Local::now().date_naive());
    let mut f = clean_101();
    f.year = this_year + 32;
    f.set_field(
        "project_period",
        format!("{}-{}", this_year + 32, this_year + 33),
    );
    let p = only_problem(&f);
    assert_eq!(p.location, Location::Field(FieldId::Year));
    assert_eq!(p.severity, Severity::Warning);
    assert!(p.message.contains("晚 32 年"), "{}", p.message);

    let mut f = clean_101();
    f.set_field("project_period", "2023-2025");
    let p = only_problem(&f);
    assert!(p.message.contains("不在项目期"), "{}", p.message);
    // a period written as clerks write it still counts
    let mut f = clean_101();
    f.set_field("project_period", "2026年1月至12月");
    assert!(check(&f).is_empty(), "{:?}", messages(&f));
}

#[test]
fn problems_with_a_cell_name_its_column() {
    let mut f = clean_101();
    f.grids[0].goals[3].groups[0].indicators[0].set_cell(ColumnKind::Value, "105".into());
    assert_eq!(only_problem(&f).column, Some(ColumnKind::Value));
    let mut f = clean_101();
    f.grids[0].goals[1].groups[0].indicators[0].set_cell(ColumnKind::Unit, "".into());
    assert_eq!(only_problem(&f).column, Some(ColumnKind::Unit));
    let mut f = clean_101();
    f.grids[0].goals[1].groups[0].indicators[0].set_cell(ColumnKind::Sign, "大约".into());
    assert_eq!(only_problem(&f).column, Some(ColumnKind::Sign));
    let mut f = clean_form();
    first_indicator(&mut f).target = String::new();
    assert_eq!(only_problem(&f).column, Some(ColumnKind::Target));
}
