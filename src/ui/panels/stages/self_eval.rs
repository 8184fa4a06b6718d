//! 绩效自评: the money block with 执行率 and its score, the year's goal against what was
//! achieved, and each indicator's target beside 实际完成值, 定性评判, 分值, 得分 (the rule's
//! suggestion shown; a typed score is the clerk's) and 偏差原因; the total and grade.

use egui::{RichText, Ui};

use crate::core::editing::edit::Edit;
use crate::core::scorecard::{score, ScoreRow};
use crate::core::stages::{ResultColumn, StageField, StageMoney, OUTCOMES};
use crate::core::target::{parse, Target};
use crate::ui::state::PanelCtx;
use crate::ui::theme;

use super::{cell, pick, problems, text_block, Stages};

pub(super) fn show(stages: &mut Stages, ui: &mut Ui, cx: &mut PanelCtx) {
    let form = cx.form;
    let card = score(form, cx.template);
    egui::ScrollArea::both()
        .auto_shrink([false, false])
        .id_salt("self eval")
        .show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.heading(format!("绩效自评（{}年度）", form.year));
                let total = format!(
                    "总分 {}　等级 {}　分值合计 {}",
                    card.total, card.grade, card.weight_total
                );
                ui.label(RichText::new(total).strong());
                if !card.complete {
                    ui.label(RichText::new("（尚有未评的指标）").weak());
                }
            });
            ui.label(
                RichText::new(
                    "得分留空时按规则计算（≥ 实际/目标×分值，≤ 目标/实际×分值，= 达到得满分，定性按评判，预算按执行率）；填写得分则以填写为准。",
                )
                .weak(),
            );
            ui.add_space(6.0);
            ui.strong("预算执行");
            let b = &card.budget;
            ui.horizontal_wrapped(|ui| {
                let start_hint = b.budget_start.to_plain();
                stages.money(ui, cx, StageMoney::EvalStart, StageMoney::EvalStart.label(), &start_hint);
                let year_hint = b.budget.to_plain();
                stages.money(ui, cx, StageMoney::EvalYear, StageMoney::EvalYear.label(), &year_hint);
                stages.money(ui, cx, StageMoney::EvalExecuted, StageMoney::EvalExecuted.label(), "");
            });
            ui.horizontal_wrapped(|ui| {
                ui.label(format!(
                    "执行率 {}",
                    b.rate.map_or("—".into(), |r| format!("{r}%"))
                ));
                ui.label("分值");
                let e = &form.self_eval;
                if let Some(t) = cell(ui, egui::Id::unique("eval budget weight"), &e.budget_weight, &b.weight.to_string(), 64.0, "预算执行率分值") {
                    cx.edits.push(Edit::SetStageField(StageField::EvalBudgetWeight, t));
                }
                ui.label("得分");
                let hint = b.suggested.map_or(String::new(), |s| s.to_string());
                if let Some(t) = cell(ui, egui::Id::unique("eval budget score"), &e.budget_score, &hint, 72.0, "预算执行率得分") {
                    cx.edits.push(Edit::SetStageField(StageField::EvalBudgetScore, t));
                }
                ui.label("执行偏差原因");
                if let Some(t) = cell(ui, egui::Id::unique("eval budget reason"), &e.budget_reason, "执行率不足 100% 时填写", 260.0, "执行偏差原因") {
                    cx.edits.push(Edit::SetStageField(StageField::EvalBudgetReason, t));
                }
            });
            ui.add_space(6.0);
            ui.strong("年度总体目标");
            let goal = ["annual_goal", "goals", "midterm_goal"]
                .iter()
                .map(|id| form.section(id))
                .find(|t| !t.trim().is_empty())
                .unwrap_or("（表中未填写年度目标）");
            ui.label(RichText::new(goal).weak());
            if let Some(t) = text_block(ui, egui::Id::unique("eval achieved"), &form.self_eval.achieved, "实际完成情况", "总体目标实际完成情况") {
                cx.edits.push(Edit::SetStageField(StageField::EvalAchieved, t));
            }
            ui.add_space(8.0);
            rows(ui, cx, &card.rows);
            ui.add_space(8.0);
            ui.strong("自评检查");
            problems(ui, &card.problems);
        });
}

fn rows(ui: &mut Ui, cx: &mut PanelCtx, rows: &[ScoreRow]) {
    egui::Grid::new("self eval rows")
        .striped(true)
        .num_columns(9)
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            for h in [
                "二级指标",
                "三级指标",
                "年度指标值",
                "实际完成值",
                "定性评判",
                "分值",
                "得分",
                "按规则",
                "偏差原因分析及改进措施",
            ] {
                ui.strong(h);
            }
            ui.end_row();
            let mut goal = "";
            for r in rows {
                if r.goal != goal {
                    goal = &r.goal;
                    ui.label(RichText::new(&r.goal).strong());
                    ui.end_row();
                }
                row(ui, cx, r);
                ui.end_row();
            }
        });
}

fn row(ui: &mut Ui, cx: &mut PanelCtx, r: &ScoreRow) {
    let form = cx.form;
    let Some(ind) = form.indicator(r.path) else {
        return;
    };
    let id = |c: &str| egui::Id::unique(("eval", r.path, c.to_string()));
    let name = |c: ResultColumn| format!("{} {}", r.name, c.label());
    ui.label(&r.group);
    ui.label(&r.name);
    ui.label(&r.target);
    let mut set = |c: ResultColumn, t: String| cx.edits.push(Edit::SetResult(r.path, c, t));
    if let Some(t) = cell(
        ui,
        id("actual"),
        &ind.result.actual,
        "实际完成值",
        100.0,
        &name(ResultColumn::Actual),
    ) {
        set(ResultColumn::Actual, t);
    }
    let qualitative = !matches!(parse(&r.target), Target::Quantity { .. });
    if qualitative || !ind.result.outcome.is_empty() {
        if let Some(t) = pick(
            ui,
            id("outcome"),
            &ind.result.outcome,
            &OUTCOMES,
            &name(ResultColumn::Outcome),
        ) {
            set(ResultColumn::Outcome, t);
        }
    } else {
        ui.label("");
    }
    if let Some(t) = cell(
        ui,
        id("weight"),
        &ind.result.weight,
        &r.weight.to_string(),
        48.0,
        &name(ResultColumn::Weight),
    ) {
        set(ResultColumn::Weight, t);
    }
    let hint = r
        .suggestion
        .as_ref()
        .map_or(String::new(), |s| s.score.to_string());
    if let Some(t) = cell(
        ui,
        id("score"),
        &ind.result.score,
        &hint,
        56.0,
        &name(ResultColumn::Score),
    ) {
        set(ResultColumn::Score, t);
    }
    match (&r.suggestion, r.departs()) {
        (Some(s), true) => {
            ui.label(
                RichText::new(format!("≠ 建议 {}", s.score)).color(theme::warn_color(ui.visuals())),
            )
            .on_hover_text(&s.rule);
        }
        (Some(s), false) => {
            ui.label(RichText::new(&s.rule).weak());
        }
        (None, _) if qualitative && !r.actual.trim().is_empty() => {
            ui.label(RichText::new("请评判达成情况").weak());
        }
        (None, _) => {
            ui.label("");
        }
    }
    if let Some(t) = cell(
        ui,
        id("reason"),
        &ind.result.reason,
        "未达满分时填写",
        220.0,
        &name(ResultColumn::Reason),
    ) {
        set(ResultColumn::Reason, t);
    }
}
