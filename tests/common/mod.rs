//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

pub mod window;

use jixiao::core::model::{Form, Goal, Group, Indicator};
use jixiao::core::money::Money;

pub fn sample_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/samples/2020-上海市青少年服务和权益保护工作经费.ron")
}

pub fn sample() -> Form {
    jixiao::core::store::load(&sample_path()).expect("the sample opens")
}

/// Every sample shipped (one per template).
pub fn all_samples() -> Vec<Form> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| jixiao::core::store::load(p).expect("a sample opens"))
        .collect()
}

/// A form full of things that tend to break files: quotes, backslashes, newlines,
/// emoji, raw-string markers, very long sections, and `indicators` indicators.
pub fn unusual_form(indicators: usize, section_chars: usize) -> Form {
    let mut f = Form::new(jixiao::core::template::shanghai_2020(), 2024);
    f.set_field("unit_name", "单位\"引号\" \\反斜杠\\ r#\"raw\"# 'single'");
    f.set_field("project_name", "项目 🎉 emoji 𠀀 扩展B区 \t tab");
    f.set_field("project_category", "line1\nline2\r\nline3");
    f.set_field("performance_type", "  leading and trailing spaces  ");
    f.set_field("plan_start", "2024-02-29");
    f.set_field("buys_government_services", "是");
    let long: String = "青少年服务，“引号”\\「」🎉\n"
        .chars()
        .cycle()
        .take(section_chars)
        .collect();
    let ids: Vec<String> = f.sections.keys().cloned().collect();
    for (i, id) in ids.into_iter().enumerate() {
        f.sections.insert(id, format!("{i}{long}"));
    }
    f.money
        .insert("total".into(), Money::parse("123456789012.34").unwrap());
    f.money
        .insert("current_year".into(), Money::parse("0").unwrap());
    f.money.insert("prior_year_budget".into(), Money::UNKNOWN);
    f.money
        .insert("prior_year_executed".into(), Money::from_fen(-5));
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
    f.grids[0].goals.push(goal);
    f.grids[0].goals.push(Goal::new(""));
    f
}

/// A big well-formed form: `indicators` indicators over 4 goals × 5 groups.
pub fn big_form(indicators: usize, section_chars: usize) -> Form {
    jixiao::core::synthetic::big_form(indicators, section_chars)
}
