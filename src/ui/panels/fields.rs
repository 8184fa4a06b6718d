//! The form's fields as its template lays them out: header fields with an editor for
//! their kind, the money block in its unit, the text sections; and what the field
//! editors keep: text typed into money and date fields until it reads as a value.

use egui::{RichText, TextEdit};

use crate::core::editing::edit::Edit;
use crate::core::editing::field_input;
use crate::core::model::{FieldId, Form};
use crate::core::money_unit::{format_in, grouped_in};
use crate::core::template::{FieldKind, FieldSpec, Template};

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
        match cx.state.selection.clone() {
            Node::Header => header(ui, &mut Ctx { cx, fields: self }),
            Node::Budget => budget(ui, &mut Ctx { cx, fields: self }),
            Node::Section(id) => section(ui, cx, &id),
            _ => {}
        }
    }

    /// What the checks need to know of the editors.
    pub fn problem_view(&self) -> ProblemView<'_> {
        ProblemView {
            strict: self.strict,
            touched: &self.touched,
            typed: &self.typed,
            review_off: &[],
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
    pub fn commit_all(&mut self, form: &Form, template: &Template, edits: &mut Vec<Edit>) {
        let fields: Vec<FieldId> = self.typed.keys().cloned().collect();
        for field in fields {
            commit(&mut self.typed, edits, form, template, &field);
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
    fn wants_focus(&mut self, field: &FieldId) -> bool {
        if self.cx.state.focus.as_ref() == Some(&Focus::Field(field.clone())) {
            self.cx.state.focus = None;
            true
        } else {
            false
        }
    }

    /// The field label, marked when validation found something there.
    fn label(&self, ui: &mut egui::Ui, field: &FieldId) -> egui::Response {
        let text = field.label(self.cx.template);
        match self.cx.problems.fields.get(field) {
            Some(&severity) => ui.label(
                RichText::new(format!("{text} ●"))
                    .color(theme::severity_color(ui.visuals(), severity)),
            ),
            None => ui.label(text),
        }
    }

    /// A header field with the editor of its kind.
    fn field(&mut self, ui: &mut egui::Ui, spec: &FieldSpec) {
        match &spec.kind {
            FieldKind::Date => {
                let text = self.cx.form.field(&spec.id).to_string();
                self.parsed(ui, FieldId::field(&spec.id), (text.clone(), text), &[]);
            }
            FieldKind::YesNo => self.yes_no(ui, spec),
            _ => self.text(ui, spec),
        }
    }

    fn yes_no(&mut self, ui: &mut egui::Ui, spec: &FieldSpec) {
        let id = FieldId::field(&spec.id);
        let label = self.label(ui, &id);
        let current = self.cx.form.field(&spec.id).to_string();
        ui.horizontal(|ui| {
            let mut value = current.clone();
            let yes = ui
                .radio_value(&mut value, "是".to_string(), "是")
                .labelled_by(label.id);
            let no = ui.radio_value(&mut value, "否".to_string(), "否");
            if (yes.changed() || no.changed()) && value != current {
                self.cx.edits.push(Edit::SetField(spec.id.clone(), value));
            }
        });
        ui.end_row();
    }

    /// Text, long text, a year, a period, or a choice (a list to pick from beside a
    /// field that still takes other text).
    fn text(&mut self, ui: &mut egui::Ui, spec: &FieldSpec) {
        let id = FieldId::field(&spec.id);
        let label = self.label(ui, &id);
        let mut value = self.cx.form.field(&spec.id).to_owned();
        let hint = match (&spec.kind, spec.hint.is_empty()) {
            (_, false) => spec.hint.clone(),
            (FieldKind::Period, true) => "如 2024-2026 或 2024.01-2024.12".into(),
            (FieldKind::Year, true) => "如 2026".into(),
            (FieldKind::Choice(options), true) => format!("如 {}", options[0]),
            _ => String::new(),
        };
        ui.horizontal(|ui| {
            // In a narrow window the field gives way, so that a list's ▼ stays in view.
            let room = ui.available_width()
                - if matches!(spec.kind, FieldKind::Choice(_)) {
                    40.0
                } else {
                    0.0
                };
            let width = FIELD_WIDTH.min(room.max(120.0));
            let edit = if spec.kind == FieldKind::LongText {
                TextEdit::multiline(&mut value).desired_rows(3)
            } else {
                TextEdit::singleline(&mut value)
            };
            let response = ui
                .add(edit.id(widget_id(&id)).desired_width(width).hint_text(hint))
                .labelled_by(label.id);
            let cut = crate::ui::edit_menu::attach(&response, widget_id(&id), &value);
            if let Some(rest) = cut {
                self.cx.edits.push(Edit::SetField(spec.id.clone(), rest));
            }
            if self.wants_focus(&id) {
                response.request_focus();
            }
            if response.changed() {
                self.cx
                    .edits
                    .push(Edit::SetField(spec.id.clone(), value.clone()));
            }
            if response.lost_focus() {
                self.fields.touched.insert(id.clone());
            }
            if let FieldKind::Choice(options) = &spec.kind {
                ui.menu_button(RichText::new("▼").small(), |ui| {
                    for option in options {
                        if ui.selectable_label(*option == value, option).clicked() {
                            self.cx
                                .edits
                                .push(Edit::SetField(spec.id.clone(), option.clone()));
                            ui.close();
                        }
                    }
                })
                .response
                .on_hover_text(format!("从列表中选择{}", spec.label));
            }
        });
        ui.end_row();
    }

    /// A field typed as text and stored only when valid (money, dates). What the clerk
    /// types stays in the field until it reads as a value: it is stored when the field
    /// is left (or before a save or export); text that cannot be read stays, marked,
    /// with the reason and the value the form still has.
    /// `choices` are values offered in a ▼ list beside the field (none: no list).
    fn parsed(
        &mut self,
        ui: &mut egui::Ui,
        field: FieldId,
        (shown, editing): (String, String),
        choices: &[String],
    ) {
        let label = self.label(ui, &field);
        let id = widget_id(&field);
        let typed = self.fields.typed.get(&field).cloned();
        let mut text = typed.clone().unwrap_or_else(|| shown.clone());
        let template = self.cx.template;
        ui.vertical(|ui| {
            let invalid = typed
                .as_deref()
                .and_then(|t| field_input::check(&field, t, template).err());
            let mut edit = TextEdit::singleline(&mut text)
                .id(id)
                .desired_width(FIELD_WIDTH / 2.0);
            if invalid.is_some() {
                edit = edit.text_color(crate::ui::theme::error_color(ui.visuals()));
            }
            let response = ui
                .horizontal(|ui| {
                    let response = ui.add(edit).labelled_by(label.id);
                    if !choices.is_empty() {
                        self.choice_list(ui, &field, choices);
                    }
                    response
                })
                .inner;
            if self.wants_focus(&field) {
                response.request_focus();
            }
            if response.gained_focus() && typed.is_none() {
                self.fields.typed.insert(field.clone(), editing.clone());
            }
            if response.changed() {
                self.fields.typed.insert(field.clone(), text.clone());
            }
            if response.lost_focus() {
                self.fields.touched.insert(field.clone());
                commit(
                    &mut self.fields.typed,
                    self.cx.edits,
                    self.cx.form,
                    template,
                    &field,
                );
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

    fn money(&mut self, ui: &mut egui::Ui, id: &str) {
        let unit = self.cx.template.money_unit();
        let current = self.cx.form.money(id);
        self.parsed(
            ui,
            FieldId::money(id),
            (grouped_in(current, unit), format_in(current, unit)),
            &[],
        );
    }

    /// A ▼ list of values for a checked field; a value picked is stored at once.
    fn choice_list(&mut self, ui: &mut egui::Ui, field: &FieldId, choices: &[String]) {
        let template = self.cx.template;
        ui.menu_button(RichText::new("▼").small(), |ui| {
            for choice in choices {
                if ui.selectable_label(false, choice).clicked() {
                    self.fields.typed.insert(field.clone(), choice.clone());
                    commit(
                        &mut self.fields.typed,
                        self.cx.edits,
                        self.cx.form,
                        template,
                        field,
                    );
                    ui.close();
                }
            }
        })
        .response
        .on_hover_text("从列表中选择");
    }
}

/// Stores the text typed into `field` when it reads as a value (and differs from the
/// form's); the text is then done with. Unreadable text stays for the clerk to fix.
fn commit(
    typed: &mut HashMap<FieldId, String>,
    edits: &mut Vec<Edit>,
    form: &Form,
    template: &Template,
    field: &FieldId,
) {
    let Some(text) = typed.get(field) else {
        return;
    };
    if let Ok(value) = field_input::check(field, text, template) {
        let edit = value.edit();
        let mut probe = form.clone();
        let changes = edit.clone().apply(&mut probe).is_ok() && probe != *form;
        if changes {
            edits.push(edit);
        }
        typed.remove(field);
    }
}

/// The stable widget id of a field, so that focus requests can find it.
pub fn widget_id(field: &FieldId) -> egui::Id {
    egui::Id::unique(("field", format!("{field:?}")))
}

fn header(ui: &mut egui::Ui, cx: &mut Ctx) {
    let form = cx.cx.form;
    let template = cx.cx.template;
    ui.heading("基本信息");
    ui.label(RichText::new(format!("表样：{}", template.name)).weak());
    ui.add_space(6.0);
    egui::ScrollArea::vertical().show(ui, |ui| {
        egui::Grid::new("header_fields")
            .num_columns(2)
            .spacing([16.0, 10.0])
            .show(ui, |ui| {
                // typed (never dragged), or picked from the years around this one
                let this_year = chrono::Datelike::year(&chrono::Local::now().date_naive());
                let years: Vec<String> = ((this_year - 2)..=(this_year + 3))
                    .map(|y| y.to_string())
                    .collect();
                let shown = form.year.to_string();
                cx.parsed(ui, FieldId::Year, (shown.clone(), shown), &years);
                for spec in &template.fields {
                    cx.field(ui, spec);
                }
            });
    });
}

fn budget(ui: &mut egui::Ui, cx: &mut Ctx) {
    let Some(block) = &cx.cx.template.money else {
        return;
    };
    ui.heading(if block.heading.is_empty() {
        "项目资金"
    } else {
        &block.heading
    });
    let note = match block.unit {
        crate::core::template::MoneyUnit::Yuan => {
            "金额单位：元，最多两位小数；也可按万元填写，如 560.1万。留空表示尚未填写（不同于 0）。"
        }
        crate::core::template::MoneyUnit::TenThousandYuan => {
            "金额单位：万元，最多六位小数（精确到分）；也可按元填写，如 5601000元。留空表示尚未填写（不同于 0）。"
        }
    };
    ui.label(RichText::new(note).weak());
    ui.add_space(6.0);
    egui::Grid::new("budget_fields")
        .num_columns(2)
        .spacing([16.0, 10.0])
        .show(ui, |ui| {
            for row in &block.rows {
                cx.money(ui, &row.id);
            }
        });
}

fn section(ui: &mut egui::Ui, cx: &mut PanelCtx, section_id: &str) {
    let (form, state, edits): (&Form, &mut UiState, &mut Vec<Edit>) = (cx.form, cx.state, cx.edits);
    let field = FieldId::section(section_id);
    let label = field.label(cx.template);
    let mut text = form.section(section_id).to_owned();
    ui.horizontal(|ui| {
        ui.heading(&label);
        ui.label(RichText::new(format!("{} 字", text.chars().count())).weak());
    });
    ui.label(RichText::new("段落之间按回车分隔；导出 PDF 时保留段落。").weak());
    ui.add_space(4.0);
    let id = widget_id(&field);
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let response = ui.add(
                TextEdit::multiline(&mut text)
                    .id(id)
                    .desired_width(f32::INFINITY)
                    .desired_rows(24)
                    .hint_text(format!("填写{label}")),
            );
            if let Some(rest) = crate::ui::edit_menu::attach(&response, id, &text) {
                edits.push(Edit::SetSection(section_id.to_string(), rest));
            }
            if state.focus.as_ref() == Some(&Focus::Field(field.clone())) {
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
                edits.push(Edit::SetSection(section_id.to_string(), text));
            }
        });
}
