//! A published self-evaluation table (项目支出绩效自评表) read into a form: its indicator
//! rows become the year's grid (targets as published) with each row's actual value,
//! weight, score and reason as the year-end results, the money row (年初预算数, 全年预算数,
//! 全年执行数, 分值, 得分) and the goal's 实际完成情况 as the form's self-evaluation. The
//! unit's scores are kept as its own; the table's total is compared with the sum.

use crate::core::model::{Form, Goal, Group, Indicator, Location};
use crate::core::money::Money;
use crate::core::review::ReviewItem;
use crate::core::scorecard::{score, year_grid};
use crate::core::scoring::Dec;
use crate::core::template::{ColumnKind, Template};

use super::source::{Row, Source};

/// Column positions of the indicator table.
#[derive(Debug, Default, Clone, Copy)]
struct Columns {
    l1: Option<usize>,
    l2: Option<usize>,
    name: usize,
    target: Option<usize>,
    /// 指标性质 / 指标值 / 度量单位 under a 年度指标值 heading.
    parts: Option<(usize, usize, usize)>,
    actual: usize,
    weight: Option<usize>,
    score: usize,
    reason: Option<usize>,
}

/// One indicator row as published.
#[derive(Debug, Clone, Default, PartialEq)]
struct Published {
    l1: String,
    l2: String,
    name: String,
    target: String,
    parts: Option<(String, String, String)>,
    actual: String,
    weight: String,
    score: String,
    reason: String,
}

fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

fn cell(row: &Row, i: usize) -> String {
    row.cells
        .get(i)
        .map(|c| c.text.trim().to_string())
        .unwrap_or_default()
}

fn find(row: &Row, test: impl Fn(&str) -> bool) -> Option<usize> {
    row.cells.iter().position(|c| test(&squeeze(&c.text)))
}

/// The heading row of a self-evaluation's indicator table and its columns.
fn heading(rows: &[Row]) -> Option<(usize, Columns)> {
    for (i, row) in rows.iter().enumerate() {
        let Some(name) = find(row, |t| t == "三级指标") else {
            continue;
        };
        let actual = find(row, |t| {
            t.contains("实际完成值") || t.contains("全年实际值") || t == "实际值" || t == "完成值"
        });
        let score = find(row, |t| t == "得分");
        let (Some(actual), Some(score)) = (actual, score) else {
            continue;
        };
        let mut cols = Columns {
            l1: find(row, |t| t == "一级指标"),
            l2: find(row, |t| t == "二级指标"),
            name,
            target: find(row, |t| {
                t.contains("年度指标值") || t == "指标值" || t.contains("目标值")
            }),
            parts: None,
            actual,
            weight: find(row, |t| t == "分值" || t == "权重"),
            score,
            reason: find(row, |t| t.contains("原因")),
        };
        // a second heading row with 指标性质 / 指标值 / 度量单位 under 年度指标值
        if let Some(next) = rows.get(i + 1) {
            let sign = find(next, |t| t == "指标性质");
            let value = find(next, |t| t == "指标值");
            let unit = find(next, |t| t == "度量单位");
            if let (Some(s), Some(v), Some(u)) = (sign, value, unit) {
                cols.parts = Some((s, v, u));
                return Some((i + 1, cols));
            }
        }
        // the structured columns in the heading row itself (指标性质 | 指标值 | 度量单位)
        if let (Some(s), Some(u)) = (
            find(row, |t| t == "指标性质"),
            find(row, |t| t == "度量单位"),
        ) {
            if let Some(v) = cols.target {
                cols.parts = Some((s, v, u));
            }
        }
        return Some((i, cols));
    }
    None
}

/// "产出指标(50分)" → "产出指标".
fn level_name(text: &str) -> String {
    let t = text.trim();
    match t.find(['(', '（']) {
        Some(i) if t[i..].contains('分') => t[..i].trim().to_string(),
        _ => t.to_string(),
    }
}

/// Rows that only hold a template's prompt: "……", "指标2", "指标2：".
fn is_prompt(name: &str) -> bool {
    let n = squeeze(name);
    n.is_empty()
        || n.chars()
            .all(|c| matches!(c, '…' | '.' | '。' | '-' | '—' | '/'))
        || (n.starts_with("指标")
            && n[6..]
                .trim_end_matches([':', '：'])
                .chars()
                .all(|c| c.is_ascii_digit()))
}

/// "指标1:完成中型灌区…" → "完成中型灌区…" (the template's numbering before the name).
fn without_numbering(name: &str) -> String {
    let n = name.trim();
    if let Some(rest) = n.strip_prefix("指标") {
        let digits = rest.chars().take_while(|c| c.is_ascii_digit()).count();
        if digits > 0 {
            let rest = rest[digits..].trim_start_matches([':', '：', ' ']);
            if !rest.is_empty() {
                return rest.to_string();
            }
        }
    }
    n.to_string()
}

fn ends_table(row: &Row) -> bool {
    let first = row
        .cells
        .iter()
        .map(|c| squeeze(&c.text))
        .find(|t| !t.is_empty())
        .unwrap_or_default();
    ["总分", "合计", "其他需要说明", "评价结论", "注：", "注:"]
        .iter()
        .any(|w| first.starts_with(w))
}

fn published_rows(rows: &[Row], cols: Columns) -> Vec<Published> {
    let mut out = Vec::new();
    let (mut l1, mut l2) = (String::new(), String::new());
    for row in rows {
        if ends_table(row) {
            break;
        }
        if row.cells.len() < 3 {
            continue;
        }
        let get = |i: Option<usize>| i.map(|i| cell(row, i)).unwrap_or_default();
        let a = level_name(&get(cols.l1));
        if !a.is_empty() && a != "绩效指标" {
            if a != l1 {
                l2.clear();
            }
            l1 = a;
        }
        let b = get(cols.l2);
        if !b.is_empty() {
            l2 = b;
        }
        let name = cell(row, cols.name);
        if is_prompt(&name) {
            continue;
        }
        // a cell's text wrapped onto a line of its own (a PDF's rows): it continues the
        // row above, which has its weight or score, while this one has neither
        let levels_empty = get(cols.l1).is_empty() && get(cols.l2).is_empty();
        let unscored = get(cols.weight).is_empty() && cell(row, cols.score).is_empty();
        if levels_empty && unscored && !name.is_empty() {
            if let Some(prev) = out
                .last_mut()
                .filter(|p: &&mut Published| !p.weight.is_empty() || !p.score.is_empty())
            {
                prev.name.push_str(&name);
                for (to, from) in [
                    (&mut prev.target, get(cols.target)),
                    (&mut prev.actual, cell(row, cols.actual)),
                    (&mut prev.reason, get(cols.reason)),
                ] {
                    to.push_str(&from);
                }
                continue;
            }
        }

        let parts = cols
            .parts
            .map(|(s, v, u)| (cell(row, s), cell(row, v), cell(row, u)));
        let target = match &parts {
            Some((s, v, u)) if s == v && v == u => v.clone(),
            Some((s, v, u)) => format!("{s}{v}{u}"),
            None => get(cols.target),
        };
        out.push(Published {
            l1: l1.clone(),
            l2: l2.clone(),
            name: without_numbering(&name),
            target,
            parts,
            actual: cell(row, cols.actual),
            weight: get(cols.weight),
            score: cell(row, cols.score),
            // some tables put 0 in an empty reason cell
            reason: Some(get(cols.reason))
                .filter(|t| t != "0")
                .unwrap_or_default(),
        });
    }
    out
}

/// The money row of the table: its amounts by heading, in yuan.
fn money(rows: &[Row], form: &mut Form) -> Option<Dec> {
    for (i, row) in rows.iter().enumerate() {
        let heads: Vec<String> = row.cells.iter().map(|c| squeeze(&c.text)).collect();
        let at = |w: &str| heads.iter().position(|h| h.starts_with(w));
        let executed = at("全年执行数").or_else(|| at("预算执行数"));
        let Some(executed) = executed else { continue };
        let start = at("年初预算");
        let year = at("全年预算数").or_else(|| at("调整后预算数"));
        let weight = at("分值").or_else(|| at("权重"));
        let got = at("得分");
        let unit_wan = rows[i.saturating_sub(1)..=i]
            .iter()
            .flat_map(|r| &r.cells)
            .any(|c| c.text.contains("万元"));
        let Some(values) = rows[i + 1..]
            .iter()
            .take(3)
            .find(|r| r.cells.iter().any(|c| squeeze(&c.text).contains("总额")))
        else {
            continue;
        };
        // the figures sit under their headings (a label cell spanning columns is
        // followed by empty, merged cells)
        let pick = |h: Option<usize>| h.map(|h| cell(values, h)).unwrap_or_default();
        let amount = |text: String| {
            let t = text.trim().trim_end_matches('%');
            if t.is_empty() || t == "—" || t == "-" {
                return Money::UNKNOWN;
            }
            let t = if unit_wan {
                format!("{t}万")
            } else {
                t.to_string()
            };
            Money::parse(&t).unwrap_or(Money::UNKNOWN)
        };
        let e = &mut form.self_eval;
        e.budget_start = amount(pick(start));
        e.budget_year = amount(pick(year));
        e.executed = amount(pick(Some(executed)));
        e.budget_weight = pick(weight);
        e.budget_score = pick(got);
        return Dec::first_in(&pick(got));
    }
    None
}

/// The 总分 row: (weights' total, score total, grade) as published.
fn total(rows: &[Row]) -> Option<(Option<Dec>, Dec, String)> {
    let row = rows.iter().find(|r| {
        r.cells
            .iter()
            .any(|c| squeeze(&c.text) == "总分" || squeeze(&c.text) == "合计")
    })?;
    let at = row
        .cells
        .iter()
        .position(|c| squeeze(&c.text) == "总分" || squeeze(&c.text) == "合计")?;
    let after: Vec<String> = row.cells[at + 1..]
        .iter()
        .map(|c| squeeze(&c.text))
        .filter(|t| !t.is_empty())
        .collect();
    let numbers: Vec<Dec> = after.iter().filter_map(|t| Dec::first_in(t)).collect();
    let grade = after
        .iter()
        .find(|t| ["优", "良", "中", "差"].contains(&t.as_str()))
        .cloned()
        .unwrap_or_default();
    match numbers.as_slice() {
        [w, s, ..] => Some((Some(*w), *s, grade)),
        [s] => Some((None, *s, grade)),
        [] => None,
    }
}

/// The row under a 预期目标 | 实际完成情况 heading: (expected, achieved).
fn goal(rows: &[Row]) -> Option<(String, String)> {
    let i = rows.iter().position(|r| {
        r.cells.iter().any(|c| {
            let t = squeeze(&c.text);
            t == "实际完成情况" || t.contains("年度总体目标完成情况")
        })
    })?;
    let heads = &rows[i];
    let expected_at = heads.cells.iter().position(|c| {
        let t = squeeze(&c.text);
        t == "预期目标" || t == "年初设定目标"
    })?;
    let actual_at = heads.cells.iter().position(|c| {
        let t = squeeze(&c.text);
        t == "实际完成情况" || t.contains("完成情况综述")
    })?;
    let next = rows.get(i + 1)?;
    Some((cell(next, expected_at), cell(next, actual_at)))
}

/// What reading a self-evaluation table gave, for the import's notes.
pub struct Applied {
    pub notes: Vec<String>,
    pub review: Vec<ReviewItem>,
}

/// Reads a self-evaluation table in `source` into `form` (the year's grid replaced by
/// its rows); `None` when the file holds none.
pub fn apply(source: &Source, form: &mut Form, template: &Template) -> Option<Applied> {
    let (at, cols) = heading(&source.rows)?;
    let rows = published_rows(&source.rows[at + 1..], cols);
    if rows.is_empty() {
        return None;
    }
    let grid = year_grid(form, template);
    let spec = template.grids.get(grid)?;
    let structured = !spec.has(ColumnKind::Target) && spec.has(ColumnKind::Value);
    let mut goals: Vec<Goal> = Vec::new();
    for r in &rows {
        if goals.last().is_none_or(|g| g.name != r.l1) {
            goals.push(Goal::new(r.l1.clone()));
        }
        let groups = &mut goals.last_mut().expect("just pushed").groups;
        if groups.last().is_none_or(|g| g.name != r.l2) {
            groups.push(Group::new(r.l2.clone()));
        }
        let mut ind = Indicator::new(r.name.clone(), "");
        if structured {
            let (s, v, u) = r
                .parts
                .clone()
                .or_else(|| crate::core::target::split(&r.target))
                .unwrap_or_else(|| (String::new(), r.target.clone(), String::new()));
            ind.set_cell(ColumnKind::Sign, s);
            ind.set_cell(ColumnKind::Value, v);
            ind.set_cell(ColumnKind::Unit, u);
        } else {
            ind.target = r.target.clone();
        }
        ind.result.actual = r.actual.clone();
        ind.result.weight = r.weight.clone();
        ind.result.score = r.score.clone();
        ind.result.reason = r.reason.clone();
        groups.last_mut().expect("just pushed").indicators.push(ind);
    }
    if let Some(g) = form.grids.get_mut(grid) {
        g.goals = goals;
    }
    // the same rows read into another grid by the layout's reading are not kept twice
    let names: Vec<String> = rows.iter().map(|r| squeeze(&r.name)).collect();
    for (gi, g) in form.grids.iter_mut().enumerate() {
        if gi == grid {
            continue;
        }
        for goal in &mut g.goals {
            for group in &mut goal.groups {
                group
                    .indicators
                    .retain(|i| !names.contains(&squeeze(&without_numbering(&i.name))));
            }
            goal.groups.retain(|gr| !gr.indicators.is_empty());
        }
        g.goals.retain(|goal| !goal.groups.is_empty());
    }
    money(&source.rows, form);
    if let Some((expected, achieved)) = goal(&source.rows) {
        form.self_eval.achieved = achieved;
        for id in ["annual_goal", "goals"] {
            if template.section(id).is_some() && form.section(id).trim().is_empty() {
                form.sections.insert(id.to_string(), expected.clone());
                break;
            }
        }
    }
    let card = score(form, template);
    let mut notes = vec![format!(
        "这是绩效自评表：读到 {} 个指标的实际完成值、分值和得分，已放入“绩效自评”",
        rows.len()
    )];
    let mut review = Vec::new();
    if let Some((weights, published, grade)) = total(&source.rows) {
        let line = if published == card.total {
            format!("表中总分 {published}，与各项得分之和相同")
        } else {
            format!(
                "表中总分 {published}，各项得分（含预算执行率）之和为 {}，请核对",
                card.total
            )
        };
        let line = match weights {
            Some(w) if w != card.weight_total => {
                format!(
                    "{line}；表中分值合计 {w}，各项分值之和为 {}",
                    card.weight_total
                )
            }
            _ => line,
        };
        let line = if grade.is_empty() || grade == card.grade {
            line
        } else {
            format!("{line}；表中等级“{grade}”")
        };
        notes.push(line.clone());
        review.push(ReviewItem::new(Location::Grid(grid), "绩效自评", line));
    }
    for r in card.rows.iter().filter(|r| r.departs()) {
        if let Some(s) = &r.suggestion {
            review.push(ReviewItem::new(
                Location::Indicator(r.path),
                format!("{} / {}", r.group, r.name),
                format!(
                    "表中得分 {}，按规则应为 {}（{}），已保留表中得分",
                    r.score.map(|d| d.to_string()).unwrap_or_default(),
                    s.score,
                    s.rule
                ),
            ));
        }
    }
    Some(Applied { notes, review })
}
