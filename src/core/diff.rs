//! What differs between two versions of a form, field by field, in words a clerk reads:
//! shown when the file changed on disk behind the window's back.

use std::collections::HashMap;

use super::model::{BudgetField, DateField, Form, SectionKind, TextField};
use super::printable::printable;

/// Differences listed at most; the rest are counted.
const MAX_LINES: usize = 40;

/// The differences from `before` to `after`, one line each, in form order.
pub fn differences(before: &Form, after: &Form) -> Vec<String> {
    let mut out = Vec::new();
    if before.year != after.year {
        out.push(format!("年度：{} → {}", before.year, after.year));
    }
    for field in [
        TextField::UnitName,
        TextField::ProjectName,
        TextField::ProjectCategory,
        TextField::PerformanceType,
    ] {
        let (a, b) = (before.text(field), after.text(field));
        if a != b {
            out.push(format!(
                "{}：“{}” → “{}”",
                field.label(),
                short(a),
                short(b)
            ));
        }
    }
    for field in [DateField::PlanStart, DateField::PlanEnd] {
        let (a, b) = (before.date(field), after.date(field));
        if a != b {
            let show = |d: Option<chrono::NaiveDate>| {
                d.map_or("（空）".to_string(), |d| {
                    d.format("%Y-%m-%d").to_string()
                })
            };
            out.push(format!("{}：{} → {}", field.label(), show(a), show(b)));
        }
    }
    if before.buys_government_services != after.buys_government_services {
        out.push("是否含有政府购买服务：已改动".into());
    }
    for kind in SectionKind::ALL {
        if before.section(kind) != after.section(kind) {
            out.push(format!("{}：内容已改动", kind.label()));
        }
    }
    for field in BudgetField::ALL {
        let (a, b) = (before.money(field), after.money(field));
        if a != b {
            out.push(format!("{}：{a} → {b}", field.label()));
        }
    }
    indicator_differences(before, after, &mut out);
    if out.len() > MAX_LINES {
        let more = out.len() - MAX_LINES;
        out.truncate(MAX_LINES);
        out.push(format!("……另有 {more} 处不同"));
    }
    out
}

type Key = (String, String, String);

fn indicators(form: &Form) -> Vec<(Key, &str)> {
    form.goals
        .iter()
        .flat_map(|g| {
            g.groups.iter().flat_map(move |gr| {
                gr.indicators.iter().map(move |i| {
                    (
                        (g.name.clone(), gr.name.clone(), i.name.clone()),
                        i.target.as_str(),
                    )
                })
            })
        })
        .collect()
}

fn indicator_differences(before: &Form, after: &Form, out: &mut Vec<String>) {
    let old = indicators(before);
    let new = indicators(after);
    let mut remaining: HashMap<&Key, Vec<&str>> = HashMap::new();
    for (key, target) in &new {
        remaining.entry(key).or_default().push(target);
    }
    let name = |k: &Key| format!("{}／{}／{}", short(&k.0), short(&k.1), short(&k.2));
    for (key, target) in &old {
        match remaining
            .get_mut(key)
            .and_then(|v| (!v.is_empty()).then(|| v.remove(0)))
        {
            Some(t) if t == *target => {}
            Some(t) => out.push(format!(
                "指标 {} 的目标值：“{}” → “{}”",
                name(key),
                short(target),
                short(t)
            )),
            None => out.push(format!("删除了指标 {}", name(key))),
        }
    }
    for (key, targets) in remaining {
        for _ in targets {
            out.push(format!("新增了指标 {}", name(key)));
        }
    }
    let same_set = out.iter().all(|l| !l.contains("指标"));
    if same_set && old.len() == new.len() && old != new {
        out.push("指标的顺序已改动".into());
    }
}

fn short(s: &str) -> String {
    let s: String = s.chars().take(30).collect();
    printable(&s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::{Goal, Group, Indicator};
    use crate::core::money::Money;

    fn form() -> Form {
        let mut f = Form::empty(2021);
        let mut gr = Group::new("数量指标");
        gr.indicators.push(Indicator::new("培训人次", ">=100人次"));
        gr.indicators.push(Indicator::new("活动场次", "12场"));
        let mut g = Goal::new("产出目标");
        g.groups.push(gr);
        f.goals.push(g);
        f
    }

    #[test]
    fn field_and_indicator_changes_are_named() {
        let a = form();
        let mut b = form();
        b.project_name = "新名称".into();
        b.budget.total = Money::from_yuan(100);
        b.goals[0].groups[0].indicators[0].target = ">=120人次".into();
        b.goals[0].groups[0].indicators.remove(1);
        b.goals[0].groups[0]
            .indicators
            .push(Indicator::new("满意度", ">=90%"));
        let d = differences(&a, &b);
        assert!(
            d.iter()
                .any(|l| l.contains("项目名称") && l.contains("新名称")),
            "{d:?}"
        );
        assert!(d.iter().any(|l| l.contains("项目总预算")), "{d:?}");
        assert!(d.iter().any(|l| l.contains(">=120人次")), "{d:?}");
        assert!(d
            .iter()
            .any(|l| l.starts_with("删除了指标") && l.contains("活动场次")));
        assert!(d
            .iter()
            .any(|l| l.starts_with("新增了指标") && l.contains("满意度")));
        assert!(differences(&a, &a).is_empty());
    }

    #[test]
    fn reordering_is_noticed() {
        let a = form();
        let mut b = form();
        b.goals[0].groups[0].indicators.swap(0, 1);
        assert_eq!(differences(&a, &b), ["指标的顺序已改动"]);
    }
}
