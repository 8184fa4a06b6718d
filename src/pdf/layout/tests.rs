//! Tests of the page layout: pagination, repeated headings, nothing lost or drawn off the page.
use super::*;
use crate::core::model::{Goal, Group, Indicator};

fn m(c: char) -> f32 {
    if c.is_ascii() {
        0.5
    } else {
        1.0
    }
}

fn all_text(pages: &[Page]) -> String {
    pages
        .iter()
        .flat_map(|p| p.texts())
        .collect::<Vec<_>>()
        .join("\n")
}

fn big_form(indicators: usize) -> Form {
    let mut f = Form::new(crate::core::template::shanghai_2020(), 2020);
    f.set_field("project_name", "测试项目");
    for gi in 0..3 {
        let mut goal = Goal::new(format!("一级{gi}"));
        for gri in 0..4 {
            let mut group = Group::new(format!("二级{gi}-{gri}"));
            for i in 0..indicators / 12 {
                group.indicators.push(Indicator::new(
                    format!("指标{gi}-{gri}-{i}"),
                    format!(">={i}%"),
                ));
            }
            goal.groups.push(group);
        }
        f.grids[0].goals.push(goal);
    }
    f
}

#[test]
fn a_signature_block_where_the_layout_has_one() {
    let t88 = crate::core::template::built_in("national-88").unwrap();
    let pages = layout(&t88.new_form(2026), t88, &m);
    let last: String = pages.last().unwrap().texts().collect::<Vec<_>>().join("\n");
    for label in [
        "填报单位（盖章）",
        "填表人",
        "联系电话",
        "填报日期",
        "单位负责人",
    ] {
        assert!(last.contains(&format!("{label}：")), "{label}: {last}");
    }
    let t2020 = crate::core::template::shanghai_2020();
    let pages = layout(&t2020.new_form(2026), t2020, &m);
    assert!(pages
        .iter()
        .all(|p| p.texts().all(|t| !t.contains("填表人"))));
}

#[test]
fn every_indicator_is_printed_once_and_pages_are_numbered() {
    let form = big_form(2004);
    let pages = layout(&form, crate::core::template::shanghai_2020(), &m);
    assert!(pages.len() > 20, "{} pages", pages.len());
    let text = all_text(&pages);
    for (_, ind) in form.indicators() {
        assert_eq!(
            text.lines().filter(|l| *l == ind.name).count(),
            1,
            "{}",
            ind.name
        );
    }
    let n = pages.len();
    assert!(text.contains(&format!("第 {n} 页 共 {n} 页")));
}

#[test]
fn column_headings_and_group_labels_repeat_on_each_page() {
    let form = big_form(2004);
    let pages = layout(&form, crate::core::template::shanghai_2020(), &m);
    let grid_pages: Vec<&Page> = pages
        .iter()
        .filter(|p| p.texts().any(|t| t.starts_with("指标")))
        .collect();
    for page in &grid_pages {
        let texts: Vec<&str> = page.texts().collect();
        assert!(texts.contains(&"三级目标"), "column headings on every page");
        // the first indicator on the page has its 一级 and 二级 labels on the same page
        let first = texts
            .iter()
            .find(|t| t.starts_with("指标") && t.contains('-'))
            .unwrap();
        let parts: Vec<&str> = first.trim_start_matches("指标").split('-').collect();
        assert!(
            texts.contains(&format!("一级{}", parts[0]).as_str()),
            "{first}"
        );
        assert!(
            texts.contains(&format!("二级{}-{}", parts[0], parts[1]).as_str()),
            "{first}"
        );
    }
}

#[test]
fn long_section_continues_over_pages_without_loss() {
    let mut form = Form::new(crate::core::template::shanghai_2020(), 2020);
    let text: String = "青少年服务和权益保护工作，".repeat(800);
    form.sections.insert("necessity".into(), text.clone());
    let pages = layout(&form, crate::core::template::shanghai_2020(), &m);
    assert!(pages.len() >= 3);
    let all: String = pages
        .iter()
        .flat_map(|p| p.texts())
        .filter(|t| t.chars().all(|c| text.contains(c)))
        .collect();
    assert!(all.contains(&text), "the section comes back whole");
    assert!(all_text(&pages)
        .replace('\n', "")
        .contains("项目设立的必要性（续）"));
}

#[test]
fn nothing_is_drawn_outside_the_page() {
    let pages = layout(&big_form(600), crate::core::template::shanghai_2020(), &m);
    for page in &pages {
        for mark in &page.marks {
            let (x, y) = match mark {
                Mark::Text { x, y, .. } => (*x, *y),
                Mark::Line { to, .. } => *to,
            };
            assert!(
                (0.0..=PAGE_W).contains(&x) && (0.0..=PAGE_H).contains(&y),
                "{mark:?}"
            );
            if let Mark::Text { y, .. } = mark {
                assert!(*y >= FOOTER_BASELINE - 0.1);
            }
        }
    }
}
