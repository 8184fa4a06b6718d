//! 绩效监控 (1–N月): the month of the report, the money executed against the time gone
//! by, the goal's progress, and each indicator's target beside 1–N月实际完成值,
//! 全年预计完成值, 完成目标可能性, 偏差原因 and 纠偏措施.

use egui::{RichText, Ui};

use crate::core::editing::edit::Edit;
use crate::core::monitor_card::{monitor, MonitorRow};
use crate::core::stages::{ProgressColumn, StageField, StageMoney, CAUSES, LIKELIHOODS};
use crate::ui::state::PanelCtx;

use super::{cell, pick, problems, text_block, Stages};

pub(super) fn show(stages: &mut Stages, ui: &mut Ui, cx: &mut PanelCtx) {
    let form = cx.form;
    let card = monitor(form, cx.template);
    let month = card.month;
    egui::ScrollArea::both()
        .auto_shrink([false, false])
        .id_salt("monitor")
        .show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.heading(format!("绩效监控（{}年1-{month}月）", form.year));
                ui.label("截至");
                let months: Vec<String> = (1..=12).map(|m| format!("{m}月")).collect();
                let refs: Vec<&str> = months.iter().map(String::as_str).collect();
                let shown = format!("{month}月");
                if let Some(t) = pick(
                    ui,
                    egui::Id::unique("monitor month"),
                    &shown,
                    &refs,
                    "监控截至月份",
                ) {
                    let m = t.trim_end_matches('月').to_string();
                    cx.edits
                        .push(Edit::SetStageField(StageField::MonitorMonth, m));
                }
            });
            ui.add_space(6.0);
            ui.strong("预算执行");
            ui.horizontal_wrapped(|ui| {
                let start_hint = card.budget_start.to_plain();
                stages.money(
                    ui,
                    cx,
                    StageMoney::MonitorStart,
                    StageMoney::MonitorStart.label(),
                    &start_hint,
                );
                let year_hint = card.budget.to_plain();
                stages.money(
                    ui,
                    cx,
                    StageMoney::MonitorYear,
                    StageMoney::MonitorYear.label(),
                    &year_hint,
                );
                stages.money(
                    ui,
                    cx,
                    StageMoney::MonitorExecuted,
                    &format!("1-{month}月执行数"),
                    "",
                );
            });
            ui.label(format!(
                "执行率 {}　时间进度 {}%",
                card.rate.map_or("—".into(), |r| format!("{r}%")),
                card.time_share
            ));
            if let Some(t) = cell(
                ui,
                egui::Id::unique("monitor budget reason"),
                &form.monitor.budget_reason,
                "执行率低于时间进度时写明原因",
                420.0,
                "执行偏差原因",
            ) {
                cx.edits
                    .push(Edit::SetStageField(StageField::MonitorBudgetReason, t));
            }
            ui.add_space(6.0);
            ui.strong("年度总体目标完成情况");
            if let Some(t) = text_block(
                ui,
                egui::Id::unique("monitor achieved"),
                &form.monitor.achieved,
                &format!("1-{month}月总体目标完成情况"),
                "总体目标完成情况",
            ) {
                cx.edits
                    .push(Edit::SetStageField(StageField::MonitorAchieved, t));
            }
            ui.add_space(8.0);
            egui::Grid::new("monitor rows")
                .striped(true)
                .num_columns(8)
                .spacing([8.0, 6.0])
                .show(ui, |ui| {
                    ui.strong("二级指标");
                    ui.strong("三级指标");
                    ui.strong("年度指标值");
                    for c in ProgressColumn::ALL {
                        ui.strong(c.label(month));
                    }
                    ui.end_row();
                    let mut goal = "";
                    for r in &card.rows {
                        if r.goal != goal {
                            goal = &r.goal;
                            ui.label(RichText::new(&r.goal).strong());
                            ui.end_row();
                        }
                        row(ui, cx, r, month);
                        ui.end_row();
                    }
                });
            ui.add_space(8.0);
            ui.strong("监控检查");
            problems(ui, &card.problems);
        });
}

fn row(ui: &mut Ui, cx: &mut PanelCtx, r: &MonitorRow, month: u32) {
    let id = |c: &str| egui::Id::unique(("monitor", r.path, c.to_string()));
    let name = |c: ProgressColumn| format!("{} {}", r.name, c.label(month));
    let p = &r.progress;
    ui.label(&r.group);
    ui.label(&r.name);
    ui.label(&r.target);
    let mut set = |c: ProgressColumn, t: String| cx.edits.push(Edit::SetProgress(r.path, c, t));
    if let Some(t) = cell(
        ui,
        id("done"),
        &p.done,
        "",
        90.0,
        &name(ProgressColumn::Done),
    ) {
        set(ProgressColumn::Done, t);
    }
    if let Some(t) = cell(
        ui,
        id("forecast"),
        &p.forecast,
        "",
        90.0,
        &name(ProgressColumn::Forecast),
    ) {
        set(ProgressColumn::Forecast, t);
    }
    if let Some(t) = pick(
        ui,
        id("likely"),
        &p.likelihood,
        &LIKELIHOODS,
        &name(ProgressColumn::Likelihood),
    ) {
        set(ProgressColumn::Likelihood, t);
    }
    ui.horizontal(|ui| {
        if let Some(t) = cell(
            ui,
            id("cause"),
            &p.cause,
            "经费/制度/人员/硬件/其他",
            170.0,
            &name(ProgressColumn::Cause),
        ) {
            set(ProgressColumn::Cause, t);
        }
        ui.menu_button(RichText::new("▼").small(), |ui| {
            for c in CAUSES {
                if ui.button(c).clicked() {
                    // the category first, the clerk's words after it kept
                    let rest = CAUSES
                        .iter()
                        .find_map(|k| p.cause.strip_prefix(k))
                        .map(|r| r.trim_start_matches(['：', ':']).to_string())
                        .unwrap_or_else(|| p.cause.clone());
                    let text = if rest.trim().is_empty() {
                        c.to_string()
                    } else {
                        format!("{c}：{rest}")
                    };
                    set(ProgressColumn::Cause, text);
                    ui.close();
                }
            }
        });
    });
    if let Some(t) = cell(
        ui,
        id("measures"),
        &p.measures,
        "",
        200.0,
        &name(ProgressColumn::Measures),
    ) {
        set(ProgressColumn::Measures, t);
    }
}
