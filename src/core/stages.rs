//! The two later stages of the clerk's year kept in the same form: mid-year monitoring
//! (绩效运行监控) and the year-end self-evaluation (绩效自评) — per indicator and for the
//! form as a whole. Everything typed is kept as typed (text), amounts in yuan; a form
//! not yet monitored or evaluated has these empty, and the file then leaves them out.

use serde::{Deserialize, Serialize};

use super::money::Money;

/// One indicator's year-end result (自评表 row), as the clerk typed it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowResult {
    /// 实际完成值.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub actual: String,
    /// 分值 (weight); empty takes the suggested share.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub weight: String,
    /// 得分 typed by the clerk; empty takes the suggested score.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub score: String,
    /// For a qualitative target: 达成 / 部分达成 / 未达成.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub outcome: String,
    /// 偏差原因分析及改进措施.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
}

/// One indicator's mid-year progress (监控表 row).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowProgress {
    /// 1–N月实际完成值.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub done: String,
    /// 全年预计完成值.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub forecast: String,
    /// 完成目标可能性: 确定能 / 有可能 / 完全不可能.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub likelihood: String,
    /// 偏差原因: 经费保障 / 制度保障 / 人员保障 / 硬件条件保障 / 其他, with the clerk's words.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub cause: String,
    /// 纠偏措施.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub measures: String,
}

/// The choices of 完成目标可能性.
pub const LIKELIHOODS: [&str; 3] = ["确定能", "有可能", "完全不可能"];
/// The categories of 偏差原因 the monitoring tables tick.
pub const CAUSES: [&str; 5] = ["经费保障", "制度保障", "人员保障", "硬件条件保障", "其他"];
/// How a qualitative target came out.
pub const OUTCOMES: [&str; 3] = ["达成", "部分达成", "未达成"];

/// The year-end self-evaluation of the form as a whole: the money block and the goal.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SelfEval {
    /// 年初预算数 (yuan).
    #[serde(default, skip_serializing_if = "unknown")]
    pub budget_start: Money,
    /// 全年预算数 (yuan), after adjustments.
    #[serde(default, skip_serializing_if = "unknown")]
    pub budget_year: Money,
    /// 全年执行数 (yuan).
    #[serde(default, skip_serializing_if = "unknown")]
    pub executed: Money,
    /// The budget row's 分值; empty is the default 10.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub budget_weight: String,
    /// The budget row's 得分 typed by the clerk; empty takes 执行率 × 分值.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub budget_score: String,
    /// Why the money was not all spent.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub budget_reason: String,
    /// 年度总体目标的实际完成情况.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub achieved: String,
}

/// Mid-year monitoring of the form as a whole.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Monitor {
    /// The month the report runs to (1–N月); 0 is the usual 7.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub month: u32,
    #[serde(default, skip_serializing_if = "unknown")]
    pub budget_start: Money,
    #[serde(default, skip_serializing_if = "unknown")]
    pub budget_year: Money,
    /// 1–N月执行数 (yuan).
    #[serde(default, skip_serializing_if = "unknown")]
    pub executed: Money,
    /// Why execution lags the time gone by.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub budget_reason: String,
    /// 总体目标 1–N月的完成情况.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub achieved: String,
}

fn unknown(m: &Money) -> bool {
    m.is_unknown()
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// The month a report runs to when the clerk has not chosen one.
pub const DEFAULT_MONTH: u32 = 7;

impl RowResult {
    pub fn is_empty(&self) -> bool {
        *self == RowResult::default()
    }

    pub fn get(&self, column: ResultColumn) -> &str {
        match column {
            ResultColumn::Actual => &self.actual,
            ResultColumn::Weight => &self.weight,
            ResultColumn::Score => &self.score,
            ResultColumn::Outcome => &self.outcome,
            ResultColumn::Reason => &self.reason,
        }
    }

    pub fn set(&mut self, column: ResultColumn, text: String) {
        *match column {
            ResultColumn::Actual => &mut self.actual,
            ResultColumn::Weight => &mut self.weight,
            ResultColumn::Score => &mut self.score,
            ResultColumn::Outcome => &mut self.outcome,
            ResultColumn::Reason => &mut self.reason,
        } = text;
    }
}

impl RowProgress {
    pub fn is_empty(&self) -> bool {
        *self == RowProgress::default()
    }

    pub fn get(&self, column: ProgressColumn) -> &str {
        match column {
            ProgressColumn::Done => &self.done,
            ProgressColumn::Forecast => &self.forecast,
            ProgressColumn::Likelihood => &self.likelihood,
            ProgressColumn::Cause => &self.cause,
            ProgressColumn::Measures => &self.measures,
        }
    }

    pub fn set(&mut self, column: ProgressColumn, text: String) {
        *match column {
            ProgressColumn::Done => &mut self.done,
            ProgressColumn::Forecast => &mut self.forecast,
            ProgressColumn::Likelihood => &mut self.likelihood,
            ProgressColumn::Cause => &mut self.cause,
            ProgressColumn::Measures => &mut self.measures,
        } = text;
    }
}

impl SelfEval {
    pub fn is_empty(&self) -> bool {
        *self == SelfEval::default()
    }
}

impl Monitor {
    pub fn is_empty(&self) -> bool {
        *self == Monitor::default()
    }

    /// The month the report runs to (7 unless chosen).
    pub fn month(&self) -> u32 {
        if (1..=12).contains(&self.month) {
            self.month
        } else {
            DEFAULT_MONTH
        }
    }
}

/// The clerk's columns of a 自评 row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ResultColumn {
    Actual,
    Weight,
    Score,
    Outcome,
    Reason,
}

impl ResultColumn {
    pub const ALL: [ResultColumn; 5] = [
        ResultColumn::Actual,
        ResultColumn::Weight,
        ResultColumn::Score,
        ResultColumn::Outcome,
        ResultColumn::Reason,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ResultColumn::Actual => "实际完成值",
            ResultColumn::Weight => "分值",
            ResultColumn::Score => "得分",
            ResultColumn::Outcome => "定性评判",
            ResultColumn::Reason => "偏差原因分析及改进措施",
        }
    }
}

/// The clerk's columns of a 监控 row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProgressColumn {
    Done,
    Forecast,
    Likelihood,
    Cause,
    Measures,
}

impl ProgressColumn {
    pub const ALL: [ProgressColumn; 5] = [
        ProgressColumn::Done,
        ProgressColumn::Forecast,
        ProgressColumn::Likelihood,
        ProgressColumn::Cause,
        ProgressColumn::Measures,
    ];

    /// The heading, with the report's month ("1-7月实际完成值").
    pub fn label(self, month: u32) -> String {
        match self {
            ProgressColumn::Done => format!("1-{month}月实际完成值"),
            ProgressColumn::Forecast => "全年预计完成值".into(),
            ProgressColumn::Likelihood => "完成目标可能性".into(),
            ProgressColumn::Cause => "偏差原因".into(),
            ProgressColumn::Measures => "纠偏措施".into(),
        }
    }
}

/// A form-level value of either stage, for edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StageField {
    EvalBudgetWeight,
    EvalBudgetScore,
    EvalBudgetReason,
    EvalAchieved,
    MonitorMonth,
    MonitorBudgetReason,
    MonitorAchieved,
}

/// A form-level amount of either stage, for edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StageMoney {
    EvalStart,
    EvalYear,
    EvalExecuted,
    MonitorStart,
    MonitorYear,
    MonitorExecuted,
}

impl StageField {
    pub fn label(self) -> &'static str {
        match self {
            StageField::EvalBudgetWeight => "预算执行率分值",
            StageField::EvalBudgetScore => "预算执行率得分",
            StageField::EvalBudgetReason | StageField::MonitorBudgetReason => "执行偏差原因",
            StageField::EvalAchieved => "总体目标实际完成情况",
            StageField::MonitorMonth => "监控截至月份",
            StageField::MonitorAchieved => "总体目标完成情况",
        }
    }
}

impl StageMoney {
    pub fn label(self) -> &'static str {
        match self {
            StageMoney::EvalStart | StageMoney::MonitorStart => "年初预算数",
            StageMoney::EvalYear | StageMoney::MonitorYear => "全年预算数",
            StageMoney::EvalExecuted => "全年执行数",
            StageMoney::MonitorExecuted => "执行数",
        }
    }
}

/// The text of a form-level stage value.
pub fn stage_field(eval: &SelfEval, monitor: &Monitor, field: StageField) -> String {
    match field {
        StageField::EvalBudgetWeight => eval.budget_weight.clone(),
        StageField::EvalBudgetScore => eval.budget_score.clone(),
        StageField::EvalBudgetReason => eval.budget_reason.clone(),
        StageField::EvalAchieved => eval.achieved.clone(),
        StageField::MonitorMonth if monitor.month == 0 => String::new(),
        StageField::MonitorMonth => monitor.month.to_string(),
        StageField::MonitorBudgetReason => monitor.budget_reason.clone(),
        StageField::MonitorAchieved => monitor.achieved.clone(),
    }
}

/// Sets a form-level stage value; a month that is not 1–12 is refused (`false`).
pub fn set_stage_field(
    eval: &mut SelfEval,
    monitor: &mut Monitor,
    field: StageField,
    text: String,
) -> bool {
    match field {
        StageField::EvalBudgetWeight => eval.budget_weight = text,
        StageField::EvalBudgetScore => eval.budget_score = text,
        StageField::EvalBudgetReason => eval.budget_reason = text,
        StageField::EvalAchieved => eval.achieved = text,
        StageField::MonitorMonth => match text.trim() {
            "" => monitor.month = 0,
            t => match t.parse::<u32>() {
                Ok(m) if (1..=12).contains(&m) => monitor.month = m,
                _ => return false,
            },
        },
        StageField::MonitorBudgetReason => monitor.budget_reason = text,
        StageField::MonitorAchieved => monitor.achieved = text,
    }
    true
}

/// The amount slot an edit names.
pub fn stage_money_mut<'a>(
    eval: &'a mut SelfEval,
    monitor: &'a mut Monitor,
    which: StageMoney,
) -> &'a mut Money {
    match which {
        StageMoney::EvalStart => &mut eval.budget_start,
        StageMoney::EvalYear => &mut eval.budget_year,
        StageMoney::EvalExecuted => &mut eval.executed,
        StageMoney::MonitorStart => &mut monitor.budget_start,
        StageMoney::MonitorYear => &mut monitor.budget_year,
        StageMoney::MonitorExecuted => &mut monitor.executed,
    }
}

/// An amount of either stage.
pub fn stage_money(eval: &SelfEval, monitor: &Monitor, which: StageMoney) -> Money {
    match which {
        StageMoney::EvalStart => eval.budget_start,
        StageMoney::EvalYear => eval.budget_year,
        StageMoney::EvalExecuted => eval.executed,
        StageMoney::MonitorStart => monitor.budget_start,
        StageMoney::MonitorYear => monitor.budget_year,
        StageMoney::MonitorExecuted => monitor.executed,
    }
}
