//! Moving a form to another template (a 2020-layout form to the 2025 layout, say):
//! fields, amounts and sections with the same id or label carry over, grids by id or
//! position, a one-cell target splits into 指标性质 / 指标值 / 度量单位 where it reads,
//! and everything that has no place in the new layout is listed for review and kept in
//! the file — nothing is dropped silently.

use std::collections::BTreeMap;

use crate::core::labels;
use crate::core::model::{FieldId, Form, Goal, Grid, Group, Indicator, IndicatorPath};
use crate::core::review::{excerpt, ReviewItem};
use crate::core::target;
use crate::core::template::{ColumnKind, Template};
use crate::core::validate::{display_name, short_label, Location};

/// The form in the new layout and what the clerk should look at.
pub struct Converted {
    pub form: Form,
    pub review: Vec<ReviewItem>,
}

/// Two labels of the same thing: the same words, or the same meaning (申报单位名称 and
/// 实施单位, 项目当年预算 and 年度资金总额) as the importer reads labels.
fn same(a: &str, b: &str) -> bool {
    let norm = |s: &str| -> String {
        short_label(s)
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '*' && *c != '＊')
            .collect()
    };
    norm(a) == norm(b) || labels::score(&labels::Label::new(a), b) >= labels::SYNONYM
}

/// 计划开始日期 and 计划完成日期 in one layout are the 项目期 of another, and back: a
/// period the new layout lacks a place for is written from the dates, dates from the
/// period (its first and last day).
fn period_and_dates(
    form: &Form,
    from: &Template,
    to: &Template,
    out: &mut Form,
    used: &mut Vec<String>,
) {
    use crate::core::template::FieldKind;
    let dates = |t: &Template| {
        t.fields
            .iter()
            .filter(|f| f.kind == FieldKind::Date)
            .find_map(|f| {
                let prefix = f.id.strip_suffix("_start")?;
                let end = format!("{prefix}_end");
                t.field(&end).map(|_| (f.id.clone(), end))
            })
    };
    let period = |t: &Template| {
        t.fields
            .iter()
            .find(|f| f.kind == FieldKind::Period)
            .map(|f| f.id.clone())
    };
    // dates → period
    if let (Some((start, end)), Some(p)) = (dates(from), period(to)) {
        if out.field(&p).trim().is_empty() {
            if let (Some(a), Some(b)) = (form.date(&start), form.date(&end)) {
                out.set_field(
                    &p,
                    format!("{}至{}", a.format("%Y-%m-%d"), b.format("%Y-%m-%d")),
                );
                used.extend([start, end]);
            }
        }
    }
    // period → dates
    if let (Some(p), Some((start, end))) = (period(from), dates(to)) {
        if let Some((a, b)) = super::field_input::period_dates(form.field(&p)) {
            out.set_field(&start, a.format("%Y-%m-%d").to_string());
            out.set_field(&end, b.format("%Y-%m-%d").to_string());
            used.push(p);
        }
    }
}

fn item(location: Location, place: String, message: String) -> ReviewItem {
    ReviewItem::new(location, place, message)
}

/// `form` (laid out by `from`) in the layout of `to`.
pub fn change_template(form: &Form, from: &Template, to: &Template) -> Converted {
    let mut out = Form::new(to, form.year);
    out.review = form.review.clone();
    // the year's stages go along unchanged: they do not depend on the layout
    out.self_eval = form.self_eval.clone();
    out.monitor = form.monitor.clone();
    let mut review = Vec::new();

    // Header fields: by id, else by label.
    let mut used = Vec::new();
    for spec in &to.fields {
        let source = form
            .fields
            .get(&spec.id)
            .map(|_| spec.id.clone())
            .or_else(|| {
                from.fields
                    .iter()
                    .find(|f| same(&f.label, &spec.label))
                    .map(|f| f.id.clone())
            });
        if let Some(id) = source {
            out.set_field(&spec.id, form.field(&id));
            used.push(id);
        }
    }
    period_and_dates(form, from, to, &mut out, &mut used);
    for (id, value) in &form.fields {
        if used.contains(id) || value.trim().is_empty() {
            continue;
        }
        let label = FieldId::field(id).label(from);
        review.push(item(
            Location::Field(FieldId::Year),
            label.clone(),
            format!(
                "新表样中没有“{label}”一栏，原内容：{}",
                excerpt(value, 0, 0)
            ),
        ));
        // kept in the file, under its old name
        out.fields
            .entry(id.clone())
            .or_insert_with(|| value.clone());
    }

    // Money rows and sections: by id, else by label.
    let from_rows: Vec<(String, String)> = from
        .money
        .iter()
        .flat_map(|m| &m.rows)
        .map(|r| (r.id.clone(), r.label.clone()))
        .collect();
    let mut used = Vec::new();
    for row in to.money.iter().flat_map(|m| &m.rows) {
        let source = form.money.get(&row.id).map(|_| row.id.clone()).or_else(|| {
            from_rows
                .iter()
                .find(|(_, label)| same(label, &row.label))
                .map(|(id, _)| id.clone())
        });
        if let Some(id) = source {
            out.money.insert(row.id.clone(), form.money(&id));
            used.push(id);
        }
    }
    for (id, amount) in &form.money {
        if used.contains(id) || amount.is_unknown() {
            continue;
        }
        let label = FieldId::money(id).label(from);
        review.push(item(
            Location::Field(FieldId::Year),
            label.clone(),
            format!("新表样中没有“{label}”，原金额 {amount} 元"),
        ));
        out.money.entry(id.clone()).or_insert(*amount);
    }
    let mut used = Vec::new();
    for spec in &to.sections {
        let source = form
            .sections
            .get(&spec.id)
            .map(|_| spec.id.clone())
            .or_else(|| {
                from.sections
                    .iter()
                    .find(|s| same(&s.label, &spec.label))
                    .map(|s| s.id.clone())
            });
        if let Some(id) = source {
            out.sections
                .insert(spec.id.clone(), form.section(&id).to_string());
            used.push(id);
        }
    }
    for (id, text) in &form.sections {
        if used.contains(id) || text.trim().is_empty() {
            continue;
        }
        let label = FieldId::section(id).label(from);
        review.push(item(
            Location::Field(FieldId::Year),
            label.clone(),
            format!("新表样中没有“{label}”一段，原内容：{}", excerpt(text, 0, 0)),
        ));
        out.sections
            .entry(id.clone())
            .or_insert_with(|| text.clone());
    }

    // Grids: by id, else by position.
    let mut used = Vec::new();
    for (g, spec) in to.grids.iter().enumerate() {
        let source = form
            .grids
            .iter()
            .position(|grid| grid.id == spec.id)
            .or_else(|| (g < form.grids.len() && !used.contains(&g)).then_some(g));
        let Some(source) = source else {
            continue;
        };
        used.push(source);
        let structured = spec.has(ColumnKind::Value);
        let columns: Vec<ColumnKind> = spec.columns.iter().map(|c| c.kind).collect();
        let mut goals = Vec::new();
        for (gi, goal) in form.grids[source].goals.iter().enumerate() {
            let mut new_goal = Goal::new(goal.name.clone());
            for (gri, group) in goal.groups.iter().enumerate() {
                let mut new_group = Group::new(group.name.clone());
                for (ii, ind) in group.indicators.iter().enumerate() {
                    let path = IndicatorPath {
                        grid: g,
                        goal: gi,
                        group: gri,
                        indicator: ii,
                    };
                    let place = format!(
                        "{} / {} / {}",
                        display_name(&goal.name),
                        display_name(&group.name),
                        display_name(&ind.name)
                    );
                    let (converted, notes) = convert_row(ind, structured, &columns);
                    for note in notes {
                        review.push(item(Location::Indicator(path), place.clone(), note));
                    }
                    new_group.indicators.push(converted);
                }
                new_goal.groups.push(new_group);
            }
            goals.push(new_goal);
        }
        // The new layout's 一级 the form lacks, ready to fill in.
        for l1 in &spec.skeleton {
            if !goals.iter().any(|goal| goal.name.trim() == l1.name) {
                goals.push(Goal {
                    name: l1.name.clone(),
                    groups: l1.groups.iter().map(Group::new).collect(),
                });
                review.push(item(
                    Location::Goal(g, goals.len() - 1),
                    l1.name.clone(),
                    format!("新表样的一级指标“{}”，已添加，请填写", l1.name),
                ));
            }
        }
        out.grids[g].goals = goals;
    }
    for (source, grid) in form.grids.iter().enumerate() {
        if used.contains(&source) {
            continue;
        }
        let count: usize = grid
            .goals
            .iter()
            .flat_map(|g| &g.groups)
            .map(|g| g.indicators.len())
            .sum();
        if count == 0 {
            continue;
        }
        let label = from
            .grids
            .iter()
            .find(|s| s.id == grid.id)
            .map_or(grid.id.clone(), |s| s.label.clone());
        review.push(item(
            Location::Grid(0),
            label.clone(),
            format!("新表样中没有“{label}”，其中的 {count} 个指标保留在文件中，未显示"),
        ));
        out.grids.push(Grid {
            id: grid.id.clone(),
            goals: grid.goals.clone(),
        });
    }

    if !review.is_empty() {
        out.review.title = format!("已从“{}”改为“{}”，请核对以下各处", from.name, to.name);
        out.review.items.extend(review.iter().cloned());
    }
    Converted { form: out, review }
}

/// One indicator in the new grid's columns, and what could not be placed.
fn convert_row(
    ind: &Indicator,
    structured: bool,
    columns: &[ColumnKind],
) -> (Indicator, Vec<String>) {
    let mut out = Indicator::new(ind.name.clone(), "");
    out.result = ind.result.clone();
    out.progress = ind.progress.clone();
    let mut notes = Vec::new();
    let mut cells: BTreeMap<String, String> = ind.cells.clone();
    if structured {
        if !ind.target.trim().is_empty() {
            match target::split(&ind.target) {
                Some((sign, value, unit)) => {
                    out.set_cell(ColumnKind::Sign, sign);
                    out.set_cell(ColumnKind::Value, value);
                    out.set_cell(ColumnKind::Unit, unit);
                }
                None => {
                    out.set_cell(ColumnKind::Value, ind.target.clone());
                    notes.push(format!(
                        "指标值“{}”无法拆分为指标性质、指标值、度量单位，已整体放入指标值，请核对",
                        ind.target
                    ));
                }
            }
        }
    } else {
        out.target = if ind.target.is_empty() {
            ind.value_text()
        } else {
            ind.target.clone()
        };
        for kind in [ColumnKind::Sign, ColumnKind::Value, ColumnKind::Unit] {
            cells.remove(kind.key());
        }
    }
    for (key, value) in cells {
        let kind = ColumnKind::ALL.iter().find(|k| k.key() == key);
        let placed = kind.is_some_and(|k| columns.contains(k))
            || (structured && matches!(key.as_str(), "sign" | "value" | "unit"));
        if !placed && !value.trim().is_empty() {
            notes.push(format!(
                "新表样没有“{}”一列，原内容“{value}”保留在文件中",
                kind.map_or(key.as_str(), |k| k.standard_label())
            ));
        }
        if !value.is_empty() {
            out.cells.entry(key).or_insert(value);
        }
    }
    (out, notes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::template::{built_in, shanghai_2020};

    #[test]
    fn a_2020_form_moves_to_the_2025_layout_keeping_every_indicator() {
        let form = crate::core::file::store::parse_str(crate::SAMPLE_FORM).unwrap();
        let to = built_in("shanghai-2025").unwrap();
        let c = change_template(&form, shanghai_2020(), to);
        assert_eq!(c.form.template, "shanghai-2025");
        // every indicator is there, by name, in the same order
        let names =
            |f: &Form| -> Vec<String> { f.indicators().map(|(_, i)| i.name.clone()).collect() };
        assert_eq!(names(&c.form), names(&form));
        // one-cell targets are split where they read
        let rate = c
            .form
            .indicators()
            .find(|(_, i)| i.name == "预算执行率")
            .unwrap()
            .1;
        assert_eq!(
            (
                rate.cell(ColumnKind::Sign),
                rate.cell(ColumnKind::Value),
                rate.cell(ColumnKind::Unit)
            ),
            ("≥", "90", "%")
        );
        let word = c
            .form
            .indicators()
            .find(|(_, i)| i.name == "预算编制合理性")
            .unwrap()
            .1;
        assert_eq!(word.cell(ColumnKind::Sign), "定性");
        // same fields and sections carry over; what has no place is listed and kept
        assert_eq!(c.form.field("project_name"), form.field("project_name"));
        assert_eq!(c.form.section("overview"), form.section("overview"));
        // by meaning where the words differ (issue 22): 申报单位名称 → 实施单位,
        // 项目当年预算 → 年度资金申请总额
        assert_eq!(c.form.field("implementer"), form.field("unit_name"));
        assert_eq!(c.form.money("annual_request"), form.money("current_year"));
        assert!(
            c.review.iter().all(|r| r.place != "申报单位名称"),
            "{:?}",
            c.review
        );
        assert!(c.review.iter().any(|r| r.message.contains("成本指标")));
        // what has no place at all is listed and kept
        assert!(c.review.iter().any(|r| r.place == "绩效类型"));
        assert_eq!(
            c.form.field("performance_type"),
            form.field("performance_type")
        );
        assert_eq!(
            c.form.money("total"),
            form.money("total"),
            "same id: carried over"
        );
        // the 2025 layout's checks run on it, and it saves and opens again
        let text = crate::core::file::store::to_ron_string(&c.form);
        assert_eq!(crate::core::file::store::parse_str(&text).unwrap(), c.form);
        // and back: structured rows print as one cell again
        let back = change_template(&c.form, to, shanghai_2020());
        let rate = back
            .form
            .indicators()
            .find(|(_, i)| i.name == "预算执行率")
            .unwrap()
            .1;
        assert_eq!(rate.target, "≥90%");
    }

    #[test]
    fn a_grid_the_new_layout_lacks_is_kept_and_listed() {
        let from = built_in("national-88").unwrap();
        let to = built_in("national-101").unwrap();
        let mut form = from.new_form(2026);
        form.grids[0].goals[0].groups[0]
            .indicators
            .push(Indicator::new("中期指标", "≥10个"));
        let c = change_template(&form, from, to);
        assert!(c
            .review
            .iter()
            .any(|r| r.message.contains("1 个指标保留在文件中")));
        assert!(c.form.indicators().any(|(_, i)| i.name == "中期指标"));
    }

    #[test]
    fn plan_dates_become_the_project_period_and_back() {
        let mut form = shanghai_2020().new_form(2026);
        form.set_field("plan_start", "2026-03-01");
        form.set_field("plan_end", "2027-02-28");
        let to = crate::core::template::built_in("national-88").unwrap();
        let c = change_template(&form, shanghai_2020(), to);
        assert_eq!(c.form.field("project_period"), "2026-03-01至2027-02-28");
        let back = change_template(&c.form, to, shanghai_2020());
        assert_eq!(back.form.field("plan_start"), "2026-03-01");
        assert_eq!(back.form.field("plan_end"), "2027-02-28");
        let mut f88 = to.new_form(2026);
        f88.set_field("project_period", "2026.07-2027.06");
        let d = change_template(&f88, to, shanghai_2020());
        assert_eq!(d.form.field("plan_start"), "2026-07-01");
        assert_eq!(d.form.field("plan_end"), "2027-06-30");
    }
}
