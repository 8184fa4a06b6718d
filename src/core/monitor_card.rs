//! Mid-year monitoring (绩效运行监控) of a form worked out: each row of the year's grid
//! with its target and the clerk's progress, the money executed against the time gone
//! by (N/12 of the year), and what the clerk should still fill in or explain.

use crate::core::model::{Form, IndicatorPath};
use crate::core::money::Money;
use crate::core::scorecard::{error, warning, year_budget, year_grid, yuan, StageProblem, PLACES};
use crate::core::scoring::Dec;
use crate::core::stages::{RowProgress, LIKELIHOODS};
use crate::core::template::Template;
use crate::core::validate::display_name;

/// One indicator of the monitoring table.
#[derive(Debug, Clone, PartialEq)]
pub struct MonitorRow {
    pub path: IndicatorPath,
    pub goal: String,
    pub group: String,
    pub name: String,
    pub target: String,
    pub progress: RowProgress,
}

/// The monitoring table worked out.
#[derive(Debug, Clone, PartialEq)]
pub struct MonitorCard {
    pub grid: usize,
    /// The month the report runs to.
    pub month: u32,
    pub rows: Vec<MonitorRow>,
    pub budget_start: Money,
    pub budget: Money,
    pub executed: Money,
    /// 执行率 in percent, two decimals.
    pub rate: Option<Dec>,
    /// The share of the year gone by, in percent (month / 12).
    pub time_share: Dec,
    pub problems: Vec<StageProblem>,
}

/// The monitoring of `form` worked out.
pub fn monitor(form: &Form, template: &Template) -> MonitorCard {
    let grid = year_grid(form, template);
    let m = &form.monitor;
    let month = m.month();
    let mut problems = Vec::new();
    let mut rows = Vec::new();
    if let Some(g) = form.grids.get(grid) {
        for (gi, goal) in g.goals.iter().enumerate() {
            for (ri, group) in goal.groups.iter().enumerate() {
                for (ii, ind) in group.indicators.iter().enumerate() {
                    let path = IndicatorPath {
                        grid,
                        goal: gi,
                        group: ri,
                        indicator: ii,
                    };
                    let place = format!(
                        "{} / {}",
                        display_name(&group.name),
                        display_name(&ind.name)
                    );
                    let p = &ind.progress;
                    let likely = p.likelihood.trim();
                    if !likely.is_empty() && !LIKELIHOODS.contains(&likely) {
                        problems.push(error(
                            Some(path),
                            &place,
                            format!(
                                "完成目标可能性应为 确定能 / 有可能 / 完全不可能，填的是“{likely}”"
                            ),
                        ));
                    }
                    if likely == "完全不可能" && p.measures.trim().is_empty() {
                        problems.push(error(
                            Some(path),
                            &place,
                            "完成目标“完全不可能”，请填写纠偏措施".into(),
                        ));
                    }
                    if (likely == "完全不可能" || likely == "有可能") && p.cause.trim().is_empty()
                    {
                        problems.push(warning(
                            Some(path),
                            &place,
                            format!("完成目标“{likely}”，请填写偏差原因"),
                        ));
                    }
                    rows.push(MonitorRow {
                        path,
                        goal: goal.name.clone(),
                        group: group.name.clone(),
                        name: ind.name.clone(),
                        target: ind.value_text(),
                        progress: p.clone(),
                    });
                }
            }
        }
    }
    let budget_start = if m.budget_start.is_unknown() {
        year_budget(form)
    } else {
        m.budget_start
    };
    let budget = if m.budget_year.is_unknown() {
        budget_start
    } else {
        m.budget_year
    };
    let rate = match (yuan(budget), yuan(m.executed)) {
        (Some(b), Some(x)) => {
            if x > b {
                problems.push(error(
                    None,
                    "预算执行",
                    format!(
                        "1-{month}月执行数 {} 元大于全年预算数 {} 元",
                        m.executed.to_plain(),
                        budget.to_plain()
                    ),
                ));
            }
            Dec::whole(100).times_ratio(x, b).map(|r| r.round(PLACES))
        }
        _ => None,
    };
    let time_share = Dec::whole(100)
        .times_ratio(Dec::whole(i64::from(month)), Dec::whole(12))
        .unwrap_or(Dec::ZERO)
        .round(PLACES);
    if let Some(r) = rate {
        if r < time_share && m.budget_reason.trim().is_empty() {
            problems.push(warning(
                None,
                "预算执行",
                format!("执行率 {r}% 低于时间进度 {time_share}%，请写明原因"),
            ));
        }
    }
    MonitorCard {
        grid,
        month,
        rows,
        budget_start,
        budget,
        executed: m.executed,
        rate,
        time_share,
        problems,
    }
}
