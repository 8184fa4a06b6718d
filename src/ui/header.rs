//! The form's fields: header, budget and the six text sections.

use chrono::NaiveDate;
use egui::{RichText, TextEdit};

use crate::core::edit::Edit;
use crate::core::model::{BudgetField, DateField, FieldId, Form, SectionKind, TextField};
use crate::core::money::Money;
use crate::core::validate::Severity;

use super::app::{Focus, ProblemIndex, UiState};

const FIELD_WIDTH: f32 = 460.0;

/// Everything a field widget needs besides the form.
struct Ctx<'a> {
    form: &'a Form,
    problems: &'a ProblemIndex,
    state: &'a mut UiState,
    edits: &'a mut Vec<Edit>,
}

impl Ctx<'_> {
    /// Takes a pending focus request for `field`.
    fn wants_focus(&mut self, field: FieldId) -> bool {
        if self.state.focus == Some(Focus::Field(field)) {
            self.state.focus = None;
            true
        } else {
            false
        }
    }

    /// The field label, marked when validation found something there.
    fn label(&self, ui: &mut egui::Ui, field: FieldId) -> egui::Response {
        let text = field.label();
        match self.problems.fields.get(&field) {
            Some(Severity::Error) => {
                ui.label(RichText::new(format!("{text} ●")).color(ui.visuals().error_fg_color))
            }
            Some(Severity::Warning) => {
                ui.label(RichText::new(format!("{text} ●")).color(ui.visuals().warn_fg_color))
            }
            None => ui.label(text),
        }
    }

    fn text(&mut self, ui: &mut egui::Ui, field: TextField, hint: &str) {
        let id = FieldId::Text(field);
        let label = self.label(ui, id);
        let mut value = self.form.text(field).to_owned();
        let response = ui
            .add(
                TextEdit::singleline(&mut value)
                    .id(widget_id(id))
                    .desired_width(FIELD_WIDTH)
                    .hint_text(hint),
            )
            .labelled_by(label.id);
        if self.wants_focus(id) {
            response.request_focus();
        }
        if response.changed() {
            self.edits.push(Edit::SetText(field, value));
        }
        ui.end_row();
    }

    /// A field typed as text but stored only when valid (money, dates).
    /// `shown` is the text when not editing, `editing` the text to edit.
    fn parsed<T: PartialEq>(
        &mut self,
        ui: &mut egui::Ui,
        field: FieldId,
        (shown, editing): (String, String),
        current: T,
        parse: impl Fn(&str) -> Result<T, String>,
        edit: impl Fn(T) -> Edit,
    ) {
        let label = self.label(ui, field);
        let id = widget_id(field);
        let buffered = self.state.buffers.get(&id).cloned();
        let mut text = buffered.clone().unwrap_or(shown);
        ui.vertical(|ui| {
            let response = ui
                .add(
                    TextEdit::singleline(&mut text)
                        .id(id)
                        .desired_width(FIELD_WIDTH / 2.0),
                )
                .labelled_by(label.id);
            if self.wants_focus(field) {
                response.request_focus();
            }
            if response.gained_focus() && buffered.is_none() {
                self.state.buffers.insert(id, editing.clone());
            }
            if response.changed() {
                if let Ok(value) = parse(&text) {
                    if value != current {
                        self.edits.push(edit(value));
                    }
                }
                self.state.buffers.insert(id, text.clone());
            }
            if response.lost_focus() {
                self.state.buffers.remove(&id);
            } else if let Some(Err(message)) = self.state.buffers.get(&id).map(|t| parse(t)) {
                ui.label(
                    RichText::new(message)
                        .color(ui.visuals().error_fg_color)
                        .small(),
                );
            }
        });
        ui.end_row();
    }

    fn money(&mut self, ui: &mut egui::Ui, field: BudgetField) {
        let current = self.form.money(field);
        self.parsed(
            ui,
            FieldId::Budget(field),
            (current.to_grouped(), current.to_plain()),
            current,
            |t| Money::parse(t).map_err(|e| e.to_string()),
            move |m| Edit::SetMoney(field, m),
        );
    }

    fn date(&mut self, ui: &mut egui::Ui, field: DateField) {
        let current = self.form.date(field);
        let text = current.map(|d| d.to_string()).unwrap_or_default();
        self.parsed(
            ui,
            FieldId::Date(field),
            (text.clone(), text),
            current,
            parse_date,
            move |d| Edit::SetDate(field, d),
        );
    }
}

/// The stable widget id of a field, so that focus requests can find it.
pub fn widget_id(field: FieldId) -> egui::Id {
    egui::Id::unique(("field", format!("{field:?}")))
}

/// Accepts 2020-01-01, 2020-1-1, 2020/1/1, 2020.1.1 and 2020年1月1日; empty is "not set".
pub fn parse_date(text: &str) -> Result<Option<NaiveDate>, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let normal: String = t
        .replace(['/', '.', '年', '月'], "-")
        .trim_end_matches('日')
        .to_string();
    NaiveDate::parse_from_str(&normal, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| format!("“{t}”不是有效日期，请按 YYYY-MM-DD 填写，如 2021-01-01"))
}

pub fn header(
    ui: &mut egui::Ui,
    form: &Form,
    problems: &ProblemIndex,
    state: &mut UiState,
    edits: &mut Vec<Edit>,
) {
    let mut cx = Ctx {
        form,
        problems,
        state,
        edits,
    };
    ui.heading("基本信息");
    ui.add_space(6.0);
    egui::ScrollArea::vertical().show(ui, |ui| {
        egui::Grid::new("header_fields")
            .num_columns(2)
            .spacing([16.0, 10.0])
            .show(ui, |ui| {
                let label = cx.label(ui, FieldId::Year);
                let mut year = form.year;
                let r = ui
                    .add(
                        egui::DragValue::new(&mut year)
                            .range(1990..=2200)
                            .suffix(" 年度"),
                    )
                    .labelled_by(label.id);
                if r.changed() && year != form.year {
                    cx.edits.push(Edit::SetYear(year));
                }
                ui.end_row();
                cx.text(
                    ui,
                    TextField::UnitName,
                    "如 上海市青少年服务和权益保护办公室",
                );
                cx.text(ui, TextField::ProjectName, "项目的全称");
                cx.text(ui, TextField::ProjectCategory, "如 经常性专项业务费");
                cx.date(ui, DateField::PlanStart);
                cx.date(ui, DateField::PlanEnd);
                let label = cx.label(ui, FieldId::BuysGovernmentServices);
                ui.horizontal(|ui| {
                    let mut value = form.buys_government_services;
                    let yes = ui.radio_value(&mut value, true, "是").labelled_by(label.id);
                    let no = ui.radio_value(&mut value, false, "否");
                    if (yes.changed() || no.changed()) && value != form.buys_government_services {
                        cx.edits.push(Edit::SetBuysGovernmentServices(value));
                    }
                });
                ui.end_row();
                cx.text(ui, TextField::PerformanceType, "如 其他类");
            });
    });
}

pub fn budget(
    ui: &mut egui::Ui,
    form: &Form,
    problems: &ProblemIndex,
    state: &mut UiState,
    edits: &mut Vec<Edit>,
) {
    let mut cx = Ctx {
        form,
        problems,
        state,
        edits,
    };
    ui.heading("本项目上年度市级财政资金使用情况");
    ui.label(RichText::new("金额单位：元，最多两位小数；留空表示尚未填写（不同于 0）。").weak());
    ui.add_space(6.0);
    egui::Grid::new("budget_fields")
        .num_columns(2)
        .spacing([16.0, 10.0])
        .show(ui, |ui| {
            for field in BudgetField::ALL {
                cx.money(ui, field);
            }
        });
}

pub fn section(
    ui: &mut egui::Ui,
    form: &Form,
    kind: SectionKind,
    state: &mut UiState,
    edits: &mut Vec<Edit>,
) {
    let field = TextField::Section(kind);
    let mut text = form.section(kind).to_owned();
    ui.horizontal(|ui| {
        ui.heading(kind.label());
        ui.label(RichText::new(format!("{} 字", text.chars().count())).weak());
    });
    ui.label(RichText::new("段落之间按回车分隔；导出 PDF 时保留段落。").weak());
    ui.add_space(4.0);
    let id = widget_id(FieldId::Text(field));
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let response = ui.add(
                TextEdit::multiline(&mut text)
                    .id(id)
                    .desired_width(f32::INFINITY)
                    .desired_rows(24)
                    .hint_text(format!("填写{}", kind.label())),
            );
            if state.focus == Some(Focus::Field(FieldId::Text(field))) {
                state.focus = None;
                response.request_focus();
            }
            if let Some(offset) = state.section_cursor.take() {
                // Put the cursor where a review item pointed.
                let mut te = egui::text_edit::TextEditState::load(ui.ctx(), id).unwrap_or_default();
                let c = egui::text::CCursor::new(offset);
                te.cursor
                    .set_char_range(Some(egui::text::CCursorRange::one(c)));
                te.store(ui.ctx(), id);
                response.request_focus();
                response.scroll_to_me(Some(egui::Align::Center));
            }
            if response.changed() {
                edits.push(Edit::SetText(field, text));
            }
        });
}
