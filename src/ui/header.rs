//! The form's fields: header, budget and the six text sections.

use egui::{RichText, TextEdit};

use crate::core::edit::Edit;
use crate::core::field_input;
use crate::core::model::{BudgetField, DateField, FieldId, Form, SectionKind, TextField};
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
        if response.lost_focus() {
            self.state.touched.insert(id);
        }
        ui.end_row();
    }

    /// A field typed as text and stored only when valid (money, dates). What the clerk
    /// types stays in the field until it reads as a value: it is stored when the field
    /// is left (or before a save or export); text that cannot be read stays, marked,
    /// with the reason and the value the form still has.
    fn parsed(&mut self, ui: &mut egui::Ui, field: FieldId, shown: String, editing: String) {
        let label = self.label(ui, field);
        let id = widget_id(field);
        let typed = self.state.field_text.get(&field).cloned();
        let mut text = typed.clone().unwrap_or_else(|| shown.clone());
        ui.vertical(|ui| {
            let invalid = typed
                .as_deref()
                .and_then(|t| field_input::check(field, t).err());
            let mut edit = TextEdit::singleline(&mut text)
                .id(id)
                .desired_width(FIELD_WIDTH / 2.0);
            if invalid.is_some() {
                edit = edit.text_color(ui.visuals().error_fg_color);
            }
            let response = ui.add(edit).labelled_by(label.id);
            if self.wants_focus(field) {
                response.request_focus();
            }
            if response.gained_focus() && typed.is_none() {
                self.state.field_text.insert(field, editing.clone());
            }
            if response.changed() {
                self.state.field_text.insert(field, text.clone());
            }
            if response.lost_focus() {
                self.state.touched.insert(field);
                commit(self.state, self.edits, self.form, field);
            }
            if let (Some(message), false) = (invalid, response.has_focus()) {
                let kept = if shown.is_empty() {
                    "（空）".to_string()
                } else {
                    shown
                };
                ui.label(
                    RichText::new(format!("{message}。表单中仍为 {kept}"))
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
            current.to_grouped(),
            current.to_plain(),
        );
    }

    fn date(&mut self, ui: &mut egui::Ui, field: DateField) {
        let text = self
            .form
            .date(field)
            .map(|d| d.to_string())
            .unwrap_or_default();
        self.parsed(ui, FieldId::Date(field), text.clone(), text);
    }
}

/// Stores the text typed into `field` when it reads as a value (and differs from the
/// form's); the text is then done with. Unreadable text stays for the clerk to fix.
pub fn commit(state: &mut UiState, edits: &mut Vec<Edit>, form: &Form, field: FieldId) {
    let Some(text) = state.field_text.get(&field) else {
        return;
    };
    if let Ok(value) = field_input::check(field, text) {
        let edit = value.edit();
        let mut probe = form.clone();
        let changes = edit.clone().apply(&mut probe).is_ok() && probe != *form;
        if changes {
            edits.push(edit);
        }
        state.field_text.remove(&field);
    }
}

/// The stable widget id of a field, so that focus requests can find it.
pub fn widget_id(field: FieldId) -> egui::Id {
    egui::Id::unique(("field", format!("{field:?}")))
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
    ui.label(
        RichText::new(
            "金额单位：元，最多两位小数；也可按万元填写，如 560.1万。留空表示尚未填写（不同于 0）。",
        )
        .weak(),
    );
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
            if let Some((offset, len)) = state.section_cursor.take() {
                // Select what a review item pointed at.
                let mut te = egui::text_edit::TextEditState::load(ui.ctx(), id).unwrap_or_default();
                let range = egui::text::CCursorRange::two(
                    egui::text::CCursor::new(offset),
                    egui::text::CCursor::new(offset + len),
                );
                te.cursor.set_char_range(Some(range));
                te.store(ui.ctx(), id);
                response.request_focus();
                response.scroll_to_me(Some(egui::Align::Center));
            }
            if response.changed() {
                edits.push(Edit::SetText(field, text));
            }
        });
}
