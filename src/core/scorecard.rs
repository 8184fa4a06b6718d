//! The self-evaluation (自评) of a form worked out: each row of the year's grid with its
//! weight (typed, or the 一级's share spread over its rows), the score the rules suggest
//! and the score that counts (the clerk's where typed), the budget row by 执行率, the
//! total and grade, and what a reviewer would send back. Exact decimals throughout.

use crate::core::model::{Form, IndicatorPath};
use crate::core::money::Money;
use crate::core::scoring::{self, Dec, Outcome, Suggestion};
use crate::core::stages::ResultColumn;
use crate::core::target::{parse, Target};
use crate::core::template::{ScoringRules, Template};
use crate::core::validate::display_name;

/// Decimals amounts' percentages are rounded to.
pub const PLACES: u32 = 2;

/// One indicator of the self-evaluation.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreRow {
    pub path: IndicatorPath,
    pub goal: String,
    pub group: String,
    pub name: String,
    /// The target as one text ("≥90%").
    pub target: String,
    pub actual: String,
    /// The weight that counts, and whether the clerk typed it.
    pub weight: Dec,
    pub weight_typed: bool,
    /// What the rules give, with the rule in words; none while the clerk must judge.
    pub suggestion: Option<Suggestion>,
    /// The score that counts: the clerk's where typed, else the suggestion.
    pub score: Option<Dec>,
    /// The clerk typed the score.
    pub own: bool,
    pub reason: String,
}

impl ScoreRow {
    /// The clerk's score differs from the rule's.
    pub fn departs(&self) -> bool {
        self.own
            && match (&self.suggestion, self.score) {
                (Some(s), Some(own)) => s.score != own,
                _ => false,
            }
    }
}

/// The budget row: 执行率 × its weight.
#[derive(Debug, Clone, PartialEq)]
pub struct BudgetRow {
    pub budget_start: Money,
    /// 全年预算数 as the rate is taken from (the adjusted budget, else the first one).
    pub budget: Money,
    pub executed: Money,
    /// 执行率 in percent, two decimals.
    pub rate: Option<Dec>,
    pub weight: Dec,
    pub suggested: Option<Dec>,
    pub score: Option<Dec>,
    pub own: bool,
}

/// A problem of the self-evaluation or the monitoring, for the clerk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageProblem {
    /// The row it is about (none for the form-level values).
    pub path: Option<IndicatorPath>,
    pub place: String,
    pub message: String,
    /// An error makes `jixiao score` fail; otherwise a warning or a note.
    pub error: bool,
}

/// The whole self-evaluation.
#[derive(Debug, Clone, PartialEq)]
pub struct Scorecard {
    /// The grid evaluated (the year's).
    pub grid: usize,
    pub rows: Vec<ScoreRow>,
    pub budget: BudgetRow,
    /// The weights of the rows and the budget row added up.
    pub weight_total: Dec,
    /// Every score that counts added up (rows without one count 0).
    pub total: Dec,
    pub grade: String,
    /// Every row and the budget row have a score.
    pub complete: bool,
    pub problems: Vec<StageProblem>,
}

/// The grid the year's stages follow: the template's `annual` grid, else the last.
pub fn year_grid(form: &Form, template: &Template) -> usize {
    template
        .grids
        .iter()
        .position(|g| g.id == "annual")
        .filter(|&i| i < form.grids.len())
        .unwrap_or(form.grids.len().saturating_sub(1))
}

/// The year's budget as the target form states it (年度资金总额 or the layout's like).
pub fn year_budget(form: &Form) -> Money {
    ["annual_total", "annual_request", "current_year", "total"]
        .iter()
        .filter_map(|id| form.money.get(*id))
        .find(|m| !m.is_unknown())
        .copied()
        .unwrap_or(Money::UNKNOWN)
}

fn outcome_of(text: &str) -> Option<Outcome> {
    match text.trim() {
        "达成" | "已达成" | "完成" => Some(Outcome::Met),
        "部分达成" | "部分完成" => Some(Outcome::Partly),
        "未达成" | "未完成" => Some(Outcome::NotMet),
        _ => None,
    }
}

fn number(text: &str) -> Option<Dec> {
    let t = text.trim();
    if t.is_empty() {
        None
    } else {
        Dec::first_in(t)
    }
}

fn fen_dec(m: Money) -> Option<Dec> {
    m.fen().map(|f| {
        Dec::whole(f)
            .times_ratio(Dec::whole(1), Dec::whole(100))
            .unwrap_or(Dec::ZERO)
    })
}

/// The self-evaluation of `form` worked out.
pub fn score(form: &Form, template: &Template) -> Scorecard {
    let defaults = ScoringRules::default();
    let rules = template.scoring.as_ref().unwrap_or(&defaults);
    let places = rules.places.min(6);
    let grid = year_grid(form, template);
    let mut problems = Vec::new();
    let mut rows = Vec::new();
    let mut pools: Vec<Option<usize>> = Vec::new();
    if let Some(g) = form.grids.get(grid) {
        for (gi, goal) in g.goals.iter().enumerate() {
            let pool = rules.pool_of(&goal.name);
            for (ri, group) in goal.groups.iter().enumerate() {
                for (ii, ind) in group.indicators.iter().enumerate() {
                    let path = IndicatorPath {
                        grid,
                        goal: gi,
                        group: ri,
                        indicator: ii,
                    };
                    let place = format!(
                        "{} / {} / {}",
                        display_name(&goal.name),
                        display_name(&group.name),
                        display_name(&ind.name)
                    );
                    let typed = |c: ResultColumn| ind.result.get(c).trim().to_string();
                    let weight_text = typed(ResultColumn::Weight);
                    let weight = number(&weight_text);
                    if !weight_text.is_empty() && weight.is_none() {
                        problems.push(error(
                            Some(path),
                            &place,
                            format!("分值“{weight_text}”不是数字"),
                        ));
                    }
                    rows.push(ScoreRow {
                        path,
                        goal: goal.name.clone(),
                        group: group.name.clone(),
                        name: ind.name.clone(),
                        target: ind.value_text(),
                        actual: ind.result.actual.clone(),
                        weight: weight.unwrap_or(Dec::ZERO),
                        weight_typed: weight.is_some(),
                        suggestion: None,
                        score: None,
                        own: false,
                        reason: ind.result.reason.clone(),
                    });
                    pools.push(pool);
                }
            }
        }
    }
    spread_weights(&mut rows, &pools, rules);
    // scores
    for row in &mut rows {
        let ind = form
            .grids
            .get(row.path.grid)
            .and_then(|g| g.goals.get(row.path.goal))
            .and_then(|g| g.groups.get(row.path.group))
            .and_then(|g| g.indicators.get(row.path.indicator));
        let Some(ind) = ind else { continue };
        let place = format!("{} / {}", display_name(&row.group), display_name(&row.name));
        let outcome = outcome_of(&ind.result.outcome);
        row.suggestion = if row.actual.trim().is_empty() && outcome.is_none() {
            None
        } else {
            scoring::suggest_with(
                &row.target,
                &row.actual,
                row.weight,
                outcome,
                places,
                rules.partly,
            )
        };
        let typed = ind.result.score.trim();
        if typed.is_empty() {
            row.score = row.suggestion.as_ref().map(|s| s.score);
        } else if let Some(own) = number(typed) {
            row.score = Some(own);
            row.own = true;
        } else {
            problems.push(error(
                Some(row.path),
                &place,
                format!("得分“{typed}”不是数字"),
            ));
        }
        let quantitative = matches!(parse(&row.target), Target::Quantity { .. });
        if quantitative
            && !row.actual.trim().is_empty()
            && number(&row.actual).is_none()
            && outcome.is_none()
        {
            problems.push(error(
                Some(row.path),
                &place,
                format!(
                    "实际完成值“{}”读不出数字，目标是“{}”",
                    row.actual.trim(),
                    row.target
                ),
            ));
        }
        if let Some(s) = row.score {
            if s > row.weight {
                problems.push(error(
                    Some(row.path),
                    &place,
                    format!("得分 {s} 大于分值 {}", row.weight),
                ));
            } else if s < row.weight && row.reason.trim().is_empty() {
                problems.push(warning(
                    Some(row.path),
                    &place,
                    format!(
                        "得分 {s} 低于分值 {}，请填写偏差原因分析及改进措施",
                        row.weight
                    ),
                ));
            }
        }
        if row.departs() {
            if let Some(s) = &row.suggestion {
                problems.push(note(
                    Some(row.path),
                    &place,
                    format!(
                        "填写的得分与按规则算出的 {}（{}）不同，以填写的为准",
                        s.score, s.rule
                    ),
                ));
            }
        }
    }
    let budget = budget_row(form, rules, &mut problems);
    let weight_total = rows.iter().fold(budget.weight, |a, r| a + r.weight);
    if weight_total != Dec::whole(100) && !rows.is_empty() {
        problems.insert(
            0,
            error(None, "分值", format!("分值合计 {weight_total}，应为 100")),
        );
    }
    let total = rows
        .iter()
        .filter_map(|r| r.score)
        .fold(budget.score.unwrap_or(Dec::ZERO), |a, b| a + b);
    let complete = budget.score.is_some() && rows.iter().all(|r| r.score.is_some());
    Scorecard {
        grid,
        rows,
        budget,
        weight_total,
        total,
        grade: rules.grade(total).to_string(),
        complete,
        problems,
    }
}

/// Rows without a typed weight get their 一级's share (产出 50, 效益 30, 满意度 10 unless
/// the layout says otherwise) less what the clerk typed in it, spread exactly; when the
/// grid does not have every 一级 the rules name, the points for the indicators (100 less
/// the budget row's) are spread over every row alike.
fn spread_weights(rows: &mut [ScoreRow], pools: &[Option<usize>], rules: &ScoringRules) {
    let places = rules.places.min(6);
    let by_pool = pools.iter().all(Option::is_some)
        && (0..rules.weights.len()).all(|p| pools.contains(&Some(p)));
    let groups: Vec<(Dec, Vec<usize>)> = if by_pool {
        rules
            .weights
            .iter()
            .enumerate()
            .map(|(p, (_, w))| {
                let members = (0..rows.len()).filter(|&i| pools[i] == Some(p)).collect();
                (Dec::whole(*w), members)
            })
            .collect()
    } else {
        vec![(Dec::whole(100 - rules.budget), (0..rows.len()).collect())]
    };
    for (total, members) in groups {
        let typed = members
            .iter()
            .filter(|&&i| rows[i].weight_typed)
            .fold(Dec::ZERO, |a, &i| a + rows[i].weight);
        let free: Vec<usize> = members
            .into_iter()
            .filter(|&i| !rows[i].weight_typed)
            .collect();
        let left = if total > typed {
            total - typed
        } else {
            Dec::ZERO
        };
        for (i, w) in free.iter().zip(scoring::spread(left, free.len(), places)) {
            rows[*i].weight = w;
        }
    }
}

fn budget_row(form: &Form, rules: &ScoringRules, problems: &mut Vec<StageProblem>) -> BudgetRow {
    let places = rules.places.min(6);
    let e = &form.self_eval;
    let budget_start = if e.budget_start.is_unknown() {
        year_budget(form)
    } else {
        e.budget_start
    };
    let budget = if e.budget_year.is_unknown() {
        budget_start
    } else {
        e.budget_year
    };
    let weight_text = e.budget_weight.trim();
    let weight = if weight_text.is_empty() {
        Dec::whole(rules.budget)
    } else {
        number(weight_text).unwrap_or_else(|| {
            problems.push(error(
                None,
                "预算执行率",
                format!("分值“{weight_text}”不是数字"),
            ));
            Dec::ZERO
        })
    };
    let (b, x) = (fen_dec(budget), fen_dec(e.executed));
    let rate = match (b, x) {
        (Some(b), Some(x)) => Dec::whole(100).times_ratio(x, b).map(|r| r.round(PLACES)),
        _ => None,
    };
    if let (Some(b), Some(x)) = (b, x) {
        if x > b {
            problems.push(error(
                None,
                "预算执行",
                format!(
                    "全年执行数 {} 元大于全年预算数 {} 元",
                    e.executed.to_plain(),
                    budget.to_plain()
                ),
            ));
        }
        if b == Dec::ZERO {
            problems.push(error(
                None,
                "预算执行",
                "全年预算数为 0，算不出执行率".into(),
            ));
        }
    }
    let suggested = match (b, x) {
        (Some(b), Some(x)) => scoring::budget_score(b, x, weight, places),
        _ => None,
    };
    let typed = e.budget_score.trim();
    let (score, own) = if typed.is_empty() {
        (suggested, false)
    } else if let Some(s) = number(typed) {
        (Some(s), true)
    } else {
        problems.push(error(None, "预算执行率", format!("得分“{typed}”不是数字")));
        (None, false)
    };
    if let Some(s) = score {
        if s < weight && e.budget_reason.trim().is_empty() {
            problems.push(warning(
                None,
                "预算执行率",
                format!("得分 {s} 低于分值 {weight}，请写明执行偏差原因"),
            ));
        }
    }
    BudgetRow {
        budget_start,
        budget,
        executed: e.executed,
        rate,
        weight,
        suggested,
        score,
        own,
    }
}

/// An amount in yuan as a decimal.
pub(crate) fn yuan(m: Money) -> Option<Dec> {
    fen_dec(m)
}

pub(crate) fn error(path: Option<IndicatorPath>, place: &str, message: String) -> StageProblem {
    StageProblem {
        path,
        place: place.to_string(),
        message,
        error: true,
    }
}

pub(crate) fn warning(path: Option<IndicatorPath>, place: &str, message: String) -> StageProblem {
    StageProblem {
        error: false,
        ..error(path, place, message)
    }
}

fn note(path: Option<IndicatorPath>, place: &str, message: String) -> StageProblem {
    warning(path, place, format!("（说明）{message}"))
}
