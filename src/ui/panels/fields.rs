//! The form's fields: header, budget and the six text sections, and what the field
//! editors keep: text typed into money and date fields until it reads as a value.

use egui::{RichText, TextEdit};

use crate::core::edit::Edit;
use crate::core::field_input;
use crate::core::model::{BudgetField, DateField, FieldId, Form, SectionKind, TextField};

use std::collections::{HashMap, HashSet};

use crate::ui::problem_index::ProblemView;
use crate::ui::state::{Focus, Node, PanelCtx, UiState};
use crate::ui::theme::{self, FIELD_WIDTH};

/// What the field editors keep.
#[derive(Default)]
pub struct Fields {
    /// Text typed into fields that only take valid values (money, dates) and not
    /// stored (yet): while typing, and when it cannot be read.
    pub typed: HashMap<FieldId, String>,
    /// Fields the clerk has been in and left: an empty required one is an error now.
    pub touched: HashSet<FieldId>,
    /// Every empty required field is an error (the form was saved, exported or opened
    /// from a file); before that, a new form shows them as 待填写.
    pub strict: bool,
}

impl Fields {
    /// Shows the editors of the node selected (基本信息, 预算 or a section).
    pub fn show(&mut self, ui: &mut egui::Ui, cx: &mut PanelCtx) {
        match cx.state.selection {
            Node::Header => header(ui, &mut Ctx { cx, fields: self }),
            Node::Budget => budget(ui, &mut Ctx { cx, fields: self }),
            Node::Section(kind) => section(ui, cx, kind),
            _ => {}
        }
    }

    /// What the checks need to know of the editors.
    pub fn problem_view(&self) -> ProblemView<'_> {
        ProblemView {
            strict: self.strict,
            touched: &self.touched,
            typed: &self.typed,
        }
    }

    /// A new document: nothing typed, nothing left yet.
    pub fn reset(&mut self, strict: bool) {
        self.typed.clear();
        self.touched.clear();
        self.strict = strict;
    }

    /// Stores what was typed into money and date fields that reads as a value, as if
    /// each field had been left.
    pub fn commit_all(&mut self, form: &Form, edits: &mut Vec<Edit>) {
        let fields: Vec<FieldId> = self.typed.keys().copied().collect();
        for field in fields {
            commit(&mut self.typed, edits, form, field);
        }
    }
}

/// Everything a field widget needs.
struct Ctx<'c, 'a> {
    cx: &'c mut PanelCtx<'a>,
    fields: &'c mut Fields,
}

impl Ctx<'_, '_> {
    /// Takes a pending focus request for `field`.
    fn wants_focus(&mut self, field: FieldId) -> bool {
        if self.cx.state.focus == Some(Focus::Field(field)) {
            self.cx.state.focus = None;
            true
        } else {
            false
        }
    }

    /// The field label, marked when validation found something there.
    fn label(&self, ui: &mut egui::Ui, field: FieldId) -> egui::Response {
        let text = field.label();
        match self.cx.problems.fields.get(&field) {
            Some(&severity) => ui.label(
                RichText::new(format!("{text} ●"))
                    .color(theme::severity_color(ui.visuals(), severity)),
            ),
            None => ui.label(text),
        }
    }

    fn text(&mut self, ui: &mut egui::Ui, field: TextField, hint: &str) {
        let id = FieldId::Text(field);
        let label = self.label(ui, id);
        let mut value = self.cx.form.text(field).to_owned();
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
            self.cx.edits.push(Edit::SetText(field, value));
        }
        if response.lost_focus() {
            self.fields.touched.insert(id);
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
        let typed = self.fields.typed.get(&field).cloned();
        let mut text = typed.clone().unwrap_or_else(|| shown.clone());
        ui.vertical(|ui| {
            let invalid = typed
                .as_deref()
                .and_then(|t| field_input::check(field, t).err());
            let mut edit = TextEdit::singleline(&mut text)
                .id(id)
                .desired_width(FIELD_WIDTH / 2.0);
            if invalid.is_some() {
                edit = edit.text_color(crate::ui::theme::error_color(ui.visuals()));
            }
            let response = ui.add(edit).labelled_by(label.id);
            if self.wants_focus(field) {
                response.request_focus();
            }
            if response.gained_focus() && typed.is_none() {
                self.fields.typed.insert(field, editing.clone());
            }
            if response.changed() {
                self.fields.typed.insert(field, text.clone());
            }
            if response.lost_focus() {
                self.fields.touched.insert(field);
                commit(&mut self.fields.typed, self.cx.edits, self.cx.form, field);
            }
            if let (Some(message), false) = (invalid, response.has_focus()) {
                let kept = if shown.is_empty() {
                    "（空）".to_string()
                } else {
                    shown
                };
                ui.label(
                    RichText::new(format!("{message}。表单中仍为 {kept}"))
                        .color(crate::ui::theme::error_color(ui.visuals()))
                        .small(),
                );
            }
        });
        ui.end_row();
    }

    fn money(&mut self, ui: &mut egui::Ui, field: BudgetField) {
        let current = self.cx.form.money(field);
        self.parsed(
            ui,
            FieldId::Budget(field),
            current.to_grouped(),
            current.to_plain(),
        );
    }

    fn date(&mut self, ui: &mut egui::Ui, field: DateField) {
        let text = self
            .cx
            .form
            .date(field)
            .map(|d| d.to_string())
            .unwrap_or_default();
        self.parsed(ui, FieldId::Date(field), text.clone(), text);
    }
}

/// Stores the text typed into `field` when it reads as a value (and differs from the
/// form's); the text is then done with. Unreadable text stays for the clerk to fix.
fn commit(
    typed: &mut HashMap<FieldId, String>,
    edits: &mut Vec<Edit>,
    form: &Form,
    field: FieldId,
) {
    let Some(text) = typed.get(&field) else {
        return;
    };
    if let Ok(value) = field_input::check(field, text) {
        let edit = value.edit();
        let mut probe = form.clone();
        let changes = edit.clone().apply(&mut probe).is_ok() && probe != *form;
        if changes {
            edits.push(edit);
        }
        typed.remove(&field);
    }
}

/// The stable widget id of a field, so that focus requests can find it.
pub fn widget_id(field: FieldId) -> egui::Id {
    egui::Id::unique(("field", format!("{field:?}")))
}

fn header(ui: &mut egui::Ui, cx: &mut Ctx) {
    let form = cx.cx.form;
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
                    cx.cx.edits.push(Edit::SetYear(year));
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
                        cx.cx.edits.push(Edit::SetBuysGovernmentServices(value));
                    }
                });
                ui.end_row();
                cx.text(ui, TextField::PerformanceType, "如 其他类");
            });
    });
}

fn budget(ui: &mut egui::Ui, cx: &mut Ctx) {
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

fn section(ui: &mut egui::Ui, cx: &mut PanelCtx, kind: SectionKind) {
    let (form, state, edits): (&Form, &mut UiState, &mut Vec<Edit>) = (cx.form, cx.state, cx.edits);
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
                    egui::text::CCursor::new(offset.saturating_add(len)),
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
