//! The self-evaluation table (绩效自评表) and the monitoring table (绩效运行监控表) laid
//! out as published tables are — one bordered table: the project, the money block with
//! 执行率 (and 分值/得分 for 自评), the year's goal against what was achieved, the grid
//! with each indicator's target beside the clerk's columns, the total and grade — in the
//! same row-and-cell model the PDF, Word and Excel writers draw.

use crate::core::model::Form;
use crate::core::money::Money;
use crate::core::money_unit::grouped_in;
use crate::core::monitor_card::MonitorCard;
use crate::core::scorecard::Scorecard;
use crate::core::scoring::Dec;
use crate::core::stages::ProgressColumn;
use crate::core::template::{ColumnKind, MoneyUnit, Template};

use super::form_table::{Cell, FormTable, Line};

/// Printable width of an A4 portrait page in points.
const PAGE_WIDTH: f32 = 481.88;

/// An amount in the layout's unit, thousands grouped; nothing for one not given.
fn amount_in(m: Money, unit: MoneyUnit) -> String {
    if m.is_unknown() {
        String::new()
    } else {
        grouped_in(m, unit)
    }
}

fn dec(d: Option<Dec>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

fn percent(d: Option<Dec>) -> String {
    d.map(|d| format!("{d}%")).unwrap_or_default()
}

fn scaled(widths: &[f32]) -> Vec<f32> {
    let total: f32 = widths.iter().sum();
    widths.iter().map(|w| w * PAGE_WIDTH / total).collect()
}

/// 项目名称 and the unit, as the first rows of either table.
fn project_rows(form: &Form, template: &Template, n: usize, lines: &mut Vec<Line>) {
    let label = |id: &str, fallback: &str| {
        template
            .field(id)
            .map_or(fallback.to_string(), |f| f.label.clone())
    };
    lines.push(Line::Row(vec![
        Cell::text(0, 2, &label("project_name", "项目名称")),
        Cell::text(2, n - 2, form.field("project_name")),
    ]));
    let half = n / 2;
    let (dept, unit) = (
        ["department", "competent_department", "unit_name"]
            .iter()
            .find(|id| !form.field(id).is_empty())
            .copied()
            .unwrap_or("department"),
        ["implementer", "implementing_unit", "unit"]
            .iter()
            .find(|id| !form.field(id).is_empty())
            .copied()
            .unwrap_or("implementer"),
    );
    // (a table of many narrow columns gives the second label two of them)
    let label_span = if n > 8 { 2 } else { 1 };
    lines.push(Line::Row(vec![
        Cell::text(0, 2, &label(dept, "主管部门")),
        Cell::text(2, half - 2, form.field(dept)),
        Cell::text(half, label_span, &label(unit, "实施单位")),
        Cell::text(half + label_span, n - half - label_span, form.field(unit)),
    ]));
}

/// The year's goal as the target form states it.
fn year_goal(form: &Form) -> &str {
    ["annual_goal", "goals", "midterm_goal"]
        .iter()
        .map(|id| form.section(id))
        .find(|t| !t.trim().is_empty())
        .unwrap_or("")
}

/// The grid rows: 一级 and 二级 cells spanning their rows, then `columns` per indicator.
fn grid_rows<R>(
    rows: &[R],
    goal: impl Fn(&R) -> &str,
    group: impl Fn(&R) -> &str,
    cells: impl Fn(&R) -> Vec<String>,
    lines: &mut Vec<Line>,
) {
    let mut i = 0;
    while i < rows.len() {
        let goal_end = (i..rows.len())
            .find(|&k| goal(&rows[k]) != goal(&rows[i]))
            .unwrap_or(rows.len());
        let mut j = i;
        while j < goal_end {
            let group_end = (j..goal_end)
                .find(|&k| group(&rows[k]) != group(&rows[j]))
                .unwrap_or(goal_end);
            for k in j..group_end {
                let mut row = Vec::new();
                if k == i {
                    row.push(Cell {
                        rows: goal_end - i,
                        ..Cell::text(0, 1, goal(&rows[i]))
                    });
                }
                if k == j {
                    row.push(Cell {
                        rows: group_end - j,
                        ..Cell::text(1, 1, group(&rows[j]))
                    });
                }
                for (c, text) in cells(&rows[k]).iter().enumerate() {
                    row.push(Cell::text(2 + c, 1, text));
                }
                lines.push(Line::Row(row));
            }
            j = group_end;
        }
        i = goal_end;
    }
}

/// The self-evaluation table of `form`, in its template's ways: amounts in the layout's
/// unit (元 or 万元), and where the layout writes a target as 指标性质 / 指标值 / 度量单位
/// the grid keeps those three columns (as the tables published with such layouts do).
pub fn self_eval_table(form: &Form, template: &Template, card: &Scorecard) -> FormTable {
    let spec = template.grids.get(card.grid);
    let structured = spec.is_some_and(|g| {
        g.columns.iter().any(|c| c.kind == ColumnKind::Sign)
            && g.columns.iter().any(|c| c.kind == ColumnKind::Value)
    });
    let unit = template.money.as_ref().map_or(MoneyUnit::Yuan, |m| m.unit);
    let money = |m: Money| amount_in(m, unit);
    // columns: the top part's six figures (start, span) and the grid's target columns
    let (widths, figures, target_span): (Vec<f32>, [(usize, usize); 6], usize) = if structured {
        (
            scaled(&[44.0, 50.0, 84.0, 34.0, 40.0, 34.0, 52.0, 30.0, 36.0, 72.0]),
            [(2, 2), (4, 2), (6, 1), (7, 1), (8, 1), (9, 1)],
            3,
        )
    } else {
        (
            scaled(&[50.0, 58.0, 96.0, 60.0, 60.0, 32.0, 42.0, 84.0]),
            [(2, 1), (3, 1), (4, 1), (5, 1), (6, 1), (7, 1)],
            1,
        )
    };
    let n = widths.len();
    let mut lines = vec![
        Line::Title("项目支出绩效自评表".into()),
        Line::Subtitle(format!("（{}年度）", form.year)),
    ];
    project_rows(form, template, n, &mut lines);
    let b = &card.budget;
    let [start, budget, executed, weight, rate, score] = figures;
    let at = |(c, span): (usize, usize), t: &str, heading: bool| {
        if heading {
            Cell::heading(c, span, t)
        } else {
            Cell::text(c, span, t)
        }
    };
    lines.push(Line::Row(vec![
        Cell::heading(0, 2, &format!("项目资金（{}）", unit.label())),
        at(start, "年初预算数", true),
        at(budget, "全年预算数", true),
        at(executed, "全年执行数", true),
        at(weight, "分值", true),
        at(rate, "执行率", true),
        at(score, "得分", true),
    ]));
    let own = if b.own { "（填报）" } else { "" };
    lines.push(Line::Row(vec![
        Cell::text(0, 2, "年度资金总额"),
        at(start, &money(b.budget_start), false),
        at(budget, &money(b.budget), false),
        at(executed, &money(b.executed), false),
        at(weight, &b.weight.to_string(), false),
        at(rate, &percent(b.rate), false),
        at(score, &format!("{}{own}", dec(b.score)), false),
    ]));
    let half = (n - 2) / 2;
    lines.push(Line::Row(vec![
        Cell::heading(0, 2, "年度总体目标"),
        Cell::heading(2, half, "预期目标"),
        Cell::heading(2 + half, n - 2 - half, "实际完成情况"),
    ]));
    lines.push(Line::Row(vec![
        Cell::text(0, 2, ""),
        Cell::text(2, half, year_goal(form)),
        Cell::text(2 + half, n - 2 - half, &form.self_eval.achieved),
    ]));
    lines.push(Line::Break);
    let mut headings = vec!["一级指标", "二级指标", "三级指标"];
    if structured {
        headings.extend(["指标性质", "指标值", "度量单位"]);
    } else {
        headings.push("年度指标值");
    }
    headings.extend(["实际完成值", "分值", "得分", "偏差原因分析及改进措施"]);
    lines.push(Line::GridHeading(
        headings
            .iter()
            .enumerate()
            .map(|(c, t)| Cell::heading(c, 1, t))
            .collect(),
    ));
    grid_rows(
        &card.rows,
        |r| &r.goal,
        |r| &r.group,
        |r| {
            let mut cells = vec![r.name.clone()];
            if structured {
                let ind = form.indicator(r.path);
                for kind in [ColumnKind::Sign, ColumnKind::Value, ColumnKind::Unit] {
                    cells.push(ind.map_or(String::new(), |i| i.cell(kind).to_string()));
                }
            } else {
                cells.push(r.target.clone());
            }
            cells.extend([
                r.actual.clone(),
                r.weight.to_string(),
                match (r.score, r.own) {
                    (Some(s), true) => format!("{s}（填报）"),
                    (Some(s), false) => s.to_string(),
                    (None, _) => String::new(),
                },
                r.reason.clone(),
            ]);
            cells
        },
        &mut lines,
    );
    let total_label = 2 + target_span + 1;
    lines.push(Line::Row(vec![
        Cell::heading(0, total_label + 1, "总分"),
        Cell::text(total_label + 1, 1, &card.weight_total.to_string()),
        Cell::text(total_label + 2, 1, &card.total.to_string()),
        Cell::text(total_label + 3, 1, &format!("自评等级：{}", card.grade)),
    ]));
    lines.push(Line::Break);
    lines.push(Line::Note(
        "单位负责人：__________    填报人：__________    填报日期：__________".into(),
    ));
    FormTable { widths, lines }
}

/// The monitoring table of `form`.
pub fn monitor_table(form: &Form, template: &Template, card: &MonitorCard) -> FormTable {
    let widths = scaled(&[48.0, 54.0, 92.0, 56.0, 56.0, 56.0, 48.0, 60.0, 62.0]);
    let n = widths.len();
    let month = card.month;
    let mut lines = vec![
        Line::Title("项目绩效运行监控表".into()),
        Line::Subtitle(format!("（{}年1-{month}月）", form.year)),
    ];
    project_rows(form, template, n, &mut lines);
    let unit = template.money.as_ref().map_or(MoneyUnit::Yuan, |m| m.unit);
    let amount = |m: Money| amount_in(m, unit);
    lines.push(Line::Row(vec![
        Cell::heading(0, 2, &format!("项目资金（{}）", unit.label())),
        Cell::heading(2, 2, "年初预算数"),
        Cell::heading(4, 2, "全年预算数"),
        Cell::heading(6, 1, &format!("1-{month}月执行数")),
        Cell::heading(7, 1, "执行率"),
        Cell::heading(8, 1, "时间进度"),
    ]));
    lines.push(Line::Row(vec![
        Cell::text(0, 2, "年度资金总额"),
        Cell::text(2, 2, &amount(card.budget_start)),
        Cell::text(4, 2, &amount(card.budget)),
        Cell::text(6, 1, &amount(card.executed)),
        Cell::text(7, 1, &percent(card.rate)),
        Cell::text(8, 1, &percent(Some(card.time_share))),
    ]));
    if !form.monitor.budget_reason.trim().is_empty() {
        lines.push(Line::Row(vec![
            Cell::text(0, 2, "执行偏差原因"),
            Cell::text(2, n - 2, &form.monitor.budget_reason),
        ]));
    }
    lines.push(Line::Row(vec![
        Cell::heading(0, 2, "年度总体目标"),
        Cell::heading(2, 4, "预期目标"),
        Cell::heading(6, 3, &format!("1-{month}月完成情况")),
    ]));
    lines.push(Line::Row(vec![
        Cell::text(0, 2, ""),
        Cell::text(2, 4, year_goal(form)),
        Cell::text(6, 3, &form.monitor.achieved),
    ]));
    lines.push(Line::Break);
    let mut heading = vec![
        Cell::heading(0, 1, "一级指标"),
        Cell::heading(1, 1, "二级指标"),
        Cell::heading(2, 1, "三级指标"),
        Cell::heading(3, 1, "年度指标值"),
    ];
    for (c, col) in ProgressColumn::ALL.iter().enumerate() {
        heading.push(Cell::heading(4 + c, 1, &col.label(month)));
    }
    lines.push(Line::GridHeading(heading));
    grid_rows(
        &card.rows,
        |r| &r.goal,
        |r| &r.group,
        |r| {
            let mut cells = vec![r.name.clone(), r.target.clone()];
            cells.extend(
                ProgressColumn::ALL
                    .iter()
                    .map(|c| r.progress.get(*c).to_string()),
            );
            cells
        },
        &mut lines,
    );
    lines.push(Line::Break);
    lines.push(Line::Note(
        "单位负责人：__________    填报人：__________    填报日期：__________".into(),
    ));
    FormTable { widths, lines }
}
