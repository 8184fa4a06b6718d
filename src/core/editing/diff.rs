//! What differs between two versions of a form, field by field, in words a clerk reads:
//! shown when the file changed on disk behind the window's back.

use std::collections::HashMap;

use crate::core::model::{FieldId, Form};
use crate::core::printable::printable;
use crate::core::template::Template;

/// Differences listed at most; the rest are counted.
const MAX_LINES: usize = 40;

/// The differences from `before` to `after`, one line each, in form order; labels are
/// `template`'s (`after`'s template).
pub fn differences(before: &Form, after: &Form, template: &Template) -> Vec<String> {
    let mut out = Vec::new();
    if before.template != after.template {
        out.push(format!("表样：{} → {}", before.template, after.template));
    }
    if before.year != after.year {
        out.push(format!("年度：{} → {}", before.year, after.year));
    }
    for id in keys(
        &template.fields.iter().map(|f| &f.id).collect::<Vec<_>>(),
        &before.fields,
        &after.fields,
    ) {
        let (a, b) = (before.field(&id), after.field(&id));
        if a != b {
            let label = FieldId::Field(id).label(template);
            out.push(format!("{label}：“{}” → “{}”", short(a), short(b)));
        }
    }
    let section_ids: Vec<&String> = template.sections.iter().map(|s| &s.id).collect();
    for id in keys(&section_ids, &before.sections, &after.sections) {
        if before.section(&id) != after.section(&id) {
            out.push(format!(
                "{}：内容已改动",
                FieldId::Section(id).label(template)
            ));
        }
    }
    let money_ids: Vec<&String> = template
        .money
        .iter()
        .flat_map(|m| &m.rows)
        .map(|r| &r.id)
        .collect();
    for id in keys(&money_ids, &before.money, &after.money) {
        let (a, b) = (before.money(&id), after.money(&id));
        if a != b {
            out.push(format!("{}：{a} → {b}", FieldId::Money(id).label(template)));
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

/// The template's ids in its order, then any other key either map has.
fn keys<V>(
    ordered: &[&String],
    a: &std::collections::BTreeMap<String, V>,
    b: &std::collections::BTreeMap<String, V>,
) -> Vec<String> {
    let mut out: Vec<String> = ordered.iter().map(|s| s.to_string()).collect();
    for k in a.keys().chain(b.keys()) {
        if !out.contains(k) {
            out.push(k.clone());
        }
    }
    out
}

type Key = (String, String, String);

fn indicators(form: &Form) -> Vec<(Key, String)> {
    form.indicators()
        .map(|(p, i)| {
            let goal = &form.goals(p.grid)[p.goal];
            let group = &goal.groups[p.group];
            let mut goal_name = goal.name.clone();
            if p.grid > 0 {
                goal_name = format!("{}：{goal_name}", form.grids[p.grid].id);
            }
            (
                (goal_name, group.name.clone(), i.name.clone()),
                i.value_text(),
            )
        })
        .collect()
}

fn indicator_differences(before: &Form, after: &Form, out: &mut Vec<String>) {
    let old = indicators(before);
    let new = indicators(after);
    let mut remaining: HashMap<&Key, Vec<&str>> = HashMap::new();
    for (key, target) in &new {
        remaining.entry(key).or_default().push(target.as_str());
    }
    let name = |k: &Key| format!("{}／{}／{}", short(&k.0), short(&k.1), short(&k.2));
    for (key, target) in &old {
        match remaining
            .get_mut(key)
            .and_then(|v| (!v.is_empty()).then(|| v.remove(0)))
        {
            Some(t) if t == target.as_str() => {}
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
    use crate::core::template::shanghai_2020;

    fn form() -> Form {
        let mut f = Form::new(shanghai_2020(), 2021);
        let mut gr = Group::new("数量指标");
        gr.indicators.push(Indicator::new("培训人次", ">=100人次"));
        gr.indicators.push(Indicator::new("活动场次", "12场"));
        let mut g = Goal::new("产出目标");
        g.groups.push(gr);
        f.grids[0].goals.push(g);
        f
    }

    #[test]
    fn field_and_indicator_changes_are_named() {
        let a = form();
        let mut b = form();
        b.set_field("project_name", "新名称");
        b.money.insert("total".into(), Money::from_yuan(100));
        b.grids[0].goals[0].groups[0].indicators[0].target = ">=120人次".into();
        b.grids[0].goals[0].groups[0].indicators.remove(1);
        b.grids[0].goals[0].groups[0]
            .indicators
            .push(Indicator::new("满意度", ">=90%"));
        let d = differences(&a, &b, shanghai_2020());
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
        assert!(differences(&a, &a, shanghai_2020()).is_empty());
    }

    #[test]
    fn reordering_is_noticed() {
        let a = form();
        let mut b = form();
        b.grids[0].goals[0].groups[0].indicators.swap(0, 1);
        assert_eq!(differences(&a, &b, shanghai_2020()), ["指标的顺序已改动"]);
    }
}
