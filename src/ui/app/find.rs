//! 查找 (Ctrl+F): a small window beside the form; what is typed is looked for in every
//! field, section, 一级/二级 name and indicator cell, and 下一个 / 上一个 (Enter / Shift+Enter)
//! go to each place in turn (selected and scrolled into view; the keyboard stays here).

use super::App;

/// The open 查找 window.
#[derive(Debug, Clone, Default)]
pub struct FindBar {
    pub text: String,
    /// The place gone to last (from 0), if any.
    at: Option<usize>,
    /// The field asks for the keyboard once, when the window opens.
    focused: bool,
}

impl App {
    /// Opens 查找 (or gives its field the keyboard again).
    pub(super) fn open_find(&mut self) {
        let bar = self.find.get_or_insert_with(FindBar::default);
        bar.focused = false;
    }

    /// Draws 查找 while it is open.
    pub(super) fn show_find(&mut self, ctx: &egui::Context) {
        let Some(mut bar) = self.find.take() else {
            return;
        };
        let hits = crate::core::find::find(self.doc.form(), &self.template, &bar.text);
        let mut open = true;
        let mut step: i64 = 0;
        egui::Window::new("查找")
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::RIGHT_TOP, [-16.0, 40.0])
            .open(&mut open)
            .show(ctx, |ui| {
                ui.horizontal(|ui| {
                    let label = ui.label("查找内容");
                    let field = ui
                        .add(
                            egui::TextEdit::singleline(&mut bar.text)
                                .desired_width(200.0)
                                .hint_text("字段、段落、指标中的文字"),
                        )
                        .labelled_by(label.id);
                    if !bar.focused {
                        field.request_focus();
                        bar.focused = true;
                    }
                    if field.changed() {
                        bar.at = None;
                    }
                    if field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                        step = if ui.input(|i| i.modifiers.shift) {
                            -1
                        } else {
                            1
                        };
                        field.request_focus();
                    }
                });
                ui.horizontal(|ui| {
                    if ui
                        .add_enabled(!hits.is_empty(), egui::Button::new("上一个"))
                        .clicked()
                    {
                        step = -1;
                    }
                    if ui
                        .add_enabled(!hits.is_empty(), egui::Button::new("下一个"))
                        .clicked()
                    {
                        step = 1;
                    }
                    let count = match (hits.len(), bar.at) {
                        (0, _) if bar.text.trim().is_empty() => String::new(),
                        (0, _) => "没有找到".to_string(),
                        (n, Some(at)) if at < n => format!("第 {} / {n} 处", at + 1),
                        (n, _) => format!("共 {n} 处"),
                    };
                    ui.label(count);
                });
                if let Some(hit) = bar.at.and_then(|at| hits.get(at)) {
                    ui.label(egui::RichText::new(&hit.place).weak().small());
                }
            });
        if step != 0 && !hits.is_empty() {
            let n = hits.len() as i64;
            let next = match bar.at {
                Some(at) => (at as i64 + step).rem_euclid(n),
                None if step > 0 => 0,
                None => n - 1,
            } as usize;
            bar.at = Some(next);
            let hit = &hits[next];
            crate::ui::nodes::go_to(&mut self.state, hit.location.clone(), hit.column, hit.chars);
            // the keyboard stays in 查找 (Enter goes on to the next place, not down the
            // grid); the place is selected and shown, a click edits it
            self.state.focus = None;
            self.state.section_cursor = None;
        }
        let closing = ctx.input(|i| i.key_pressed(egui::Key::Escape)) && self.modal.is_none();
        if open && !closing {
            self.find = Some(bar);
        }
    }
}
