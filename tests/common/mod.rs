//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

pub mod window;

use jixiao::core::model::{Form, Goal, Group, Indicator, SectionKind};
use jixiao::core::money::Money;

pub fn sample_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/samples/2020-上海市青少年服务和权益保护工作经费.ron")
}

pub fn sample() -> Form {
    jixiao::core::store::load(&sample_path()).expect("the sample opens")
}

/// A form full of things that tend to break files: quotes, backslashes, newlines,
/// emoji, raw-string markers, very long sections, and `indicators` indicators.
pub fn unusual_form(indicators: usize, section_chars: usize) -> Form {
    let mut f = Form::empty(2024);
    f.unit_name = "单位\"引号\" \\反斜杠\\ r#\"raw\"# 'single'".into();
    f.project_name = "项目 🎉 emoji 𠀀 扩展B区 \t tab".into();
    f.project_category = "line1\nline2\r\nline3".into();
    f.performance_type = "  leading and trailing spaces  ".into();
    f.plan_start = chrono::NaiveDate::from_ymd_opt(2024, 2, 29);
    f.buys_government_services = true;
    let long: String = "青少年服务，“引号”\\「」🎉\n"
        .chars()
        .cycle()
        .take(section_chars)
        .collect();
    for (i, kind) in SectionKind::ALL.into_iter().enumerate() {
        *f.section_mut(kind) = format!("{i}{long}");
    }
    f.budget.total = Money::parse("123456789012.34").unwrap();
    f.budget.current_year = Money::parse("0").unwrap();
    f.budget.prior_year_budget = Money::UNKNOWN;
    f.budget.prior_year_executed = Money::from_fen(-5);
    let mut goal = Goal::new("目标\"一\"");
    let mut group = Group::new("组\\二");
    for i in 0..indicators {
        group.indicators.push(Indicator::new(
            format!("指标{i} \"{i}\" \\n"),
            format!("≥{i}%"),
        ));
    }
    goal.groups.push(group);
    goal.groups.push(Group::new(""));
    f.goals.push(goal);
    f.goals.push(Goal::new(""));
    f
}

/// A big well-formed form: `indicators` indicators over 4 goals × 5 groups.
pub fn big_form(indicators: usize, section_chars: usize) -> Form {
    jixiao::core::synthetic::big_form(indicators, section_chars)
}
