//! The self-evaluation table (绩效自评表) and the monitoring table (绩效运行监控表) laid
//! out as published tables are — one bordered table: the project, the money block with
//! 执行率 (and 分值/得分 for 自评), the year's goal against what was achieved, the grid
//! with each indicator's target beside the clerk's columns, the total and grade — in the
//! same row-and-cell model the PDF, Word and Excel writers draw.

use crate::core::model::Form;
use crate::core::money::{group_thousands, Money};
use crate::core::monitor_card::MonitorCard;
use crate::core::scorecard::Scorecard;
use crate::core::scoring::Dec;
use crate::core::stages::ProgressColumn;
use crate::core::template::Template;

use super::form_table::{Cell, FormTable, Line};

/// Printable width of an A4 portrait page in points.
const PAGE_WIDTH: f32 = 481.88;

fn amount(m: Money) -> String {
    if m.is_unknown() {
        String::new()
    } else {
        group_thousands(&m.to_plain())
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
    lines.push(Line::Row(vec![
        Cell::text(0, 2, &label(dept, "主管部门")),
        Cell::text(2, half - 2, form.field(dept)),
        Cell::text(half, 1, &label(unit, "实施单位")),
        Cell::text(half + 1, n - half - 1, form.field(unit)),
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

/// The self-evaluation table of `form`.
pub fn self_eval_table(form: &Form, template: &Template, card: &Scorecard) -> FormTable {
    let widths = scaled(&[50.0, 58.0, 96.0, 60.0, 60.0, 32.0, 42.0, 84.0]);
    let n = widths.len();
    let mut lines = vec![
        Line::Title("项目支出绩效自评表".into()),
        Line::Subtitle(format!("（{}年度）", form.year)),
    ];
    project_rows(form, template, n, &mut lines);
    let b = &card.budget;
    let heading = |c: usize, t: &str| Cell::heading(c, 1, t);
    lines.push(Line::Row(vec![
        Cell::heading(0, 2, "项目资金（元）"),
        heading(2, "年初预算数"),
        heading(3, "全年预算数"),
        heading(4, "全年执行数"),
        heading(5, "分值"),
        heading(6, "执行率"),
        heading(7, "得分"),
    ]));
    let own = if b.own { "（填报）" } else { "" };
    lines.push(Line::Row(vec![
        Cell::text(0, 2, "年度资金总额"),
        Cell::text(2, 1, &amount(b.budget_start)),
        Cell::text(3, 1, &amount(b.budget)),
        Cell::text(4, 1, &amount(b.executed)),
        Cell::text(5, 1, &b.weight.to_string()),
        Cell::text(6, 1, &percent(b.rate)),
        Cell::text(7, 1, &format!("{}{own}", dec(b.score))),
    ]));
    lines.push(Line::Row(vec![
        Cell::heading(0, 2, "年度总体目标"),
        Cell::heading(2, 3, "预期目标"),
        Cell::heading(5, 3, "实际完成情况"),
    ]));
    lines.push(Line::Row(vec![
        Cell::text(0, 2, ""),
        Cell::text(2, 3, year_goal(form)),
        Cell::text(5, 3, &form.self_eval.achieved),
    ]));
    lines.push(Line::Break);
    lines.push(Line::GridHeading(
        [
            "一级指标",
            "二级指标",
            "三级指标",
            "年度指标值",
            "实际完成值",
            "分值",
            "得分",
            "偏差原因分析及改进措施",
        ]
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
            vec![
                r.name.clone(),
                r.target.clone(),
                r.actual.clone(),
                r.weight.to_string(),
                match (r.score, r.own) {
                    (Some(s), true) => format!("{s}（填报）"),
                    (Some(s), false) => s.to_string(),
                    (None, _) => String::new(),
                },
                r.reason.clone(),
            ]
        },
        &mut lines,
    );
    lines.push(Line::Row(vec![
        Cell::heading(0, 5, "总分"),
        Cell::text(5, 1, &card.weight_total.to_string()),
        Cell::text(6, 1, &card.total.to_string()),
        Cell::text(7, 1, &format!("自评等级：{}", card.grade)),
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
    lines.push(Line::Row(vec![
        Cell::heading(0, 2, "项目资金（元）"),
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
