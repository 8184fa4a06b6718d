//! The year's later stages as views of the open form: 绩效监控 and 绩效自评. Each shows
//! the year's indicators with their targets read-only beside the clerk's columns, the
//! money block of the stage and what is still to fix; every change is an edit.

mod monitor;
mod self_eval;

use std::collections::HashMap;

use egui::{RichText, TextEdit, Ui};

use crate::core::editing::edit::Edit;
use crate::core::money::Money;
use crate::core::scorecard::StageProblem;
use crate::core::stages::{stage_money, StageMoney};
use crate::ui::state::{Node, PanelCtx};
use crate::ui::theme;

/// What the stage views keep: amounts typed and not readable (yet).
#[derive(Default)]
pub struct Stages {
    pub typed: HashMap<StageMoney, String>,
}

impl Stages {
    /// Shows the stage selected in the outline.
    pub fn show(&mut self, ui: &mut Ui, cx: &mut PanelCtx) {
        match cx.state.selection {
            Node::SelfEval => self_eval::show(self, ui, cx),
            Node::Monitor => monitor::show(self, ui, cx),
            _ => {}
        }
    }

    /// An amount in yuan: what is typed stays while it cannot be read; a readable amount
    /// is stored at once.
    fn money(
        &mut self,
        ui: &mut Ui,
        cx: &mut PanelCtx,
        which: StageMoney,
        label: &str,
        hint: &str,
    ) {
        let current = stage_money(&cx.form.self_eval, &cx.form.monitor, which);
        let mut text = self
            .typed
            .get(&which)
            .cloned()
            .unwrap_or_else(|| current.to_plain());
        let label = ui.label(format!("{label}（元）"));
        let response = ui
            .add(
                TextEdit::singleline(&mut text)
                    .id(egui::Id::unique(("stage money", which as u8)))
                    .hint_text(hint)
                    .desired_width(130.0),
            )
            .labelled_by(label.id);
        if response.changed() {
            match Money::parse(&text) {
                Ok(m) => {
                    if m != current {
                        cx.edits.push(Edit::SetStageMoney(which, m));
                    }
                    if response.has_focus() {
                        self.typed.insert(which, text);
                    } else {
                        self.typed.remove(&which);
                    }
                }
                Err(_) => {
                    self.typed.insert(which, text);
                }
            }
        }
        if response.lost_focus()
            && self
                .typed
                .get(&which)
                .is_some_and(|t| Money::parse(t).is_ok())
        {
            self.typed.remove(&which);
        }
        if let Some(t) = self.typed.get(&which) {
            if let Err(e) = Money::parse(t) {
                ui.label(RichText::new(e.to_string()).color(theme::error_color(ui.visuals())));
            }
        }
    }
}

/// A one-line cell of the clerk's; `Some(new text)` when it changed (typed or through
/// the right-click menu). `name` is what screen readers and tests call it.
fn cell(
    ui: &mut Ui,
    id: egui::Id,
    value: &str,
    hint: &str,
    width: f32,
    name: &str,
) -> Option<String> {
    let mut text = value.to_string();
    // a grid cell gets its width whatever the column had before
    let size = egui::vec2(width, ui.spacing().interact_size.y);
    let response = ui.add_sized(
        size,
        TextEdit::singleline(&mut text)
            .id(id)
            .hint_text(hint)
            .desired_width(width),
    );
    ui.ctx()
        .accesskit_node_builder(response.id, |node| node.set_label(name.to_string()));
    let menu = crate::ui::edit_menu::attach(&response, id, &text);
    if response.changed() && text != value {
        Some(text)
    } else {
        menu.filter(|t| t != value)
    }
}

/// A pick list; `Some(choice)` when another was picked ("" clears).
fn pick(ui: &mut Ui, id: egui::Id, current: &str, choices: &[&str], name: &str) -> Option<String> {
    let mut chosen = None;
    let shown = if current.is_empty() { "—" } else { current };
    let response = egui::ComboBox::from_id_salt(id)
        .selected_text(shown)
        .width(96.0)
        .show_ui(ui, |ui| {
            if ui.selectable_label(current.is_empty(), "—").clicked() && !current.is_empty() {
                chosen = Some(String::new());
            }
            for c in choices {
                if ui.selectable_label(current == *c, *c).clicked() && current != *c {
                    chosen = Some(c.to_string());
                }
            }
        })
        .response;
    ui.ctx()
        .accesskit_node_builder(response.id, |node| node.set_label(name.to_string()));
    chosen
}

/// The stage's problems under its table.
fn problems(ui: &mut Ui, list: &[StageProblem]) {
    if list.is_empty() {
        ui.label(RichText::new("没有发现问题。").weak());
        return;
    }
    for p in list {
        let (word, color) = if p.error {
            ("错误", theme::error_color(ui.visuals()))
        } else {
            ("提醒", theme::warn_color(ui.visuals()))
        };
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(word).color(color));
            ui.label(format!("[{}] {}", p.place, p.message));
        });
    }
}

/// A long text of the stage (实际完成情况, 偏差原因).
fn text_block(ui: &mut Ui, id: egui::Id, value: &str, hint: &str, name: &str) -> Option<String> {
    let mut text = value.to_string();
    let response = ui.add(
        TextEdit::multiline(&mut text)
            .id(id)
            .hint_text(hint)
            .desired_rows(2)
            .desired_width(f32::INFINITY),
    );
    ui.ctx()
        .accesskit_node_builder(response.id, |node| node.set_label(name.to_string()));
    let menu = crate::ui::edit_menu::attach(&response, id, &text);
    if response.changed() && text != value {
        Some(text)
    } else {
        menu.filter(|t| t != value)
    }
}
