//! The menu bar and the keyboard shortcuts, both built from the command table
//! ([`crate::ui::commands`]).

use crate::ui::commands::SHORTCUT_ORDER;

use super::{Action, App};

impl App {
    /// A menu entry for `action`: its label and shortcut from the command table.
    fn command(&mut self, ui: &mut egui::Ui, action: Action) {
        let keys = action.shortcut_text();
        let mut button = egui::Button::new(action.label());
        if !keys.is_empty() {
            button = button.shortcut_text(keys);
        }
        if ui.add(button).clicked() {
            self.request(action);
        }
    }

    /// The entries of the 文件 menu.
    fn file_menu(&mut self, ui: &mut egui::Ui) {
        for action in [
            Action::New,
            Action::Open,
            Action::Rollover,
            Action::ImportText,
        ] {
            self.command(ui, action);
        }
        ui.separator();
        for action in [Action::ImportXlsx, Action::ExportXlsx] {
            self.command(ui, action);
        }
        ui.menu_button("最近打开", |ui| {
            if self.settings.recent.is_empty() {
                ui.label("（无）");
            }
            for path in self.settings.recent.clone() {
                if ui.button(path.display().to_string()).clicked() {
                    self.request(Action::OpenPath(path));
                }
            }
        });
        ui.separator();
        for action in [Action::Save, Action::SaveAs] {
            self.command(ui, action);
        }
        ui.separator();
        self.command(ui, Action::ExportPdf);
        self.command(ui, Action::ExportDocx);
        ui.menu_button("导出 Excel（整张表）", |ui| {
            self.command(ui, Action::ExportFormXlsx);
            self.command(ui, Action::ExportFormXlsxParts);
        });
        self.command(ui, Action::Print);
        self.command(ui, Action::Preview);
        ui.separator();
        self.command(ui, Action::ExportMonitorPdf);
        self.command(ui, Action::ExportSelfEvalPdf);
        ui.separator();
        self.command(ui, Action::ChangeTemplate);
        ui.separator();
        self.command(ui, Action::Recover);
        ui.separator();
        self.command(ui, Action::Quit);
    }

    pub(super) fn menu_bar(&mut self, ui: &mut egui::Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("文件", |ui| {
                // a small window with large text: the menu scrolls rather than being cut
                let room = ui.ctx().content_rect().height() - 72.0;
                egui::ScrollArea::vertical()
                    .max_height(room.max(120.0))
                    // (a popup's first, measuring pass leaves the area short: every
                    // entry shows where the window has the room)
                    .min_scrolled_height(room.clamp(120.0, 640.0))
                    .show(ui, |ui| self.file_menu(ui));
            });
            ui.menu_button("编辑", |ui| {
                // 撤销/重做 name the step they take back or again
                let steps = [
                    (Action::Undo, self.doc.undo_label(), self.doc.can_undo()),
                    (Action::Redo, self.doc.redo_label(), self.doc.can_redo()),
                ];
                let mut chosen = None;
                for (action, step, enabled) in steps {
                    let label = match step {
                        Some(step) => format!("{} {step}", action.label()),
                        None => action.label().to_string(),
                    };
                    let button = egui::Button::new(label).shortcut_text(action.shortcut_text());
                    if ui.add_enabled(enabled, button).clicked() {
                        chosen = Some(action);
                    }
                }
                if let Some(action) = chosen {
                    self.request(action);
                }
                ui.separator();
                self.command(ui, Action::Find);
                ui.separator();
                for action in [Action::TextLarger, Action::TextSmaller, Action::TextReset] {
                    self.command(ui, action);
                }
                ui.separator();
                self.command(ui, Action::Settings);
            });
            ui.menu_button("帮助", |ui| {
                for action in [Action::Guide, Action::Shortcuts, Action::About] {
                    self.command(ui, action);
                }
            });
            ui.separator();
            let errors = self.problems.errors();
            let status = if errors == 0 {
                egui::RichText::new("无错误").color(ui.visuals().weak_text_color())
            } else {
                egui::RichText::new(format!("{errors} 个错误"))
                    .color(crate::ui::theme::error_color(ui.visuals()))
            };
            ui.label(status);
        });
    }

    pub(super) fn handle_shortcuts(&mut self, ctx: &egui::Context) {
        // While a question or the path field is open, keys belong to it: no undo or
        // file action behind the user's back.
        if self.modal.is_some() || self.confirm_delete.is_some() || self.dialogs.is_busy() {
            return;
        }
        // Order matters: the Shift variants first, so Ctrl+Z does not swallow Ctrl+Shift+Z.
        for action in SHORTCUT_ORDER {
            // A focused text box that is not part of the form (the grid's filter)
            // undoes its own typing first; the form's undo comes after.
            if matches!(action, Action::Undo | Action::Redo)
                && self.panels.grid.filter_has_undo(ctx)
            {
                continue;
            }
            let mut keys = action.shortcuts();
            keys.sort_by_key(|k| !k.modifiers.shift);
            for key in keys {
                // Consumed before any text field sees it: undo is the document's.
                if ctx.input_mut(|i| i.consume_shortcut(&key)) {
                    self.request(action.clone());
                }
            }
        }
    }
}
