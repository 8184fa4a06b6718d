//! The menu bar and the keyboard shortcuts.

use egui::{Key, KeyboardShortcut, Modifiers};

use super::app::{Action, App};

/// A menu entry with its shortcut shown; true when clicked.
fn menu_item(ui: &mut egui::Ui, label: &str, keys: &str) -> bool {
    ui.add(egui::Button::new(label).shortcut_text(keys))
        .clicked()
}

fn shortcut(modifiers: Modifiers, key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(modifiers, key)
}

impl App {
    pub(super) fn menu_bar(&mut self, ui: &mut egui::Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("文件", |ui| {
                if menu_item(ui, "新建…", "Ctrl+N") {
                    self.request(Action::New);
                }
                if menu_item(ui, "打开…", "Ctrl+O") {
                    self.request(Action::Open);
                }
                if ui.button("从上年文件新建…").clicked() {
                    self.request(Action::Rollover);
                }
                if ui.button("导入表单文本…").clicked() {
                    self.request(Action::ImportText);
                }
                ui.separator();
                if ui.button("导入指标表 (Excel)…").clicked() {
                    self.request(Action::ImportXlsx);
                }
                if ui.button("导出指标表 (Excel)…").clicked() {
                    self.request(Action::ExportXlsx);
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
                if menu_item(ui, "保存", "Ctrl+S") {
                    self.request(Action::Save);
                }
                if menu_item(ui, "另存为…", "Ctrl+Shift+S") {
                    self.request(Action::SaveAs);
                }
                ui.separator();
                if menu_item(ui, "导出 PDF…", "Ctrl+E") {
                    self.request(Action::ExportPdf);
                }
                ui.separator();
                if ui.button("恢复自动保存的副本…").clicked() {
                    self.request(Action::Recover);
                }
                ui.separator();
                if menu_item(ui, "退出", "Ctrl+Q") {
                    self.request(Action::Quit);
                }
            });
            ui.menu_button("编辑", |ui| {
                let undo = match self.doc.undo_label() {
                    Some(l) => format!("撤销 {l}"),
                    None => "撤销".into(),
                };
                let redo = match self.doc.redo_label() {
                    Some(l) => format!("重做 {l}"),
                    None => "重做".into(),
                };
                if ui
                    .add_enabled(
                        self.doc.can_undo(),
                        egui::Button::new(undo).shortcut_text("Ctrl+Z"),
                    )
                    .clicked()
                {
                    self.request(Action::Undo);
                }
                if ui
                    .add_enabled(
                        self.doc.can_redo(),
                        egui::Button::new(redo).shortcut_text("Ctrl+Y"),
                    )
                    .clicked()
                {
                    self.request(Action::Redo);
                }
            });
            ui.separator();
            let errors = self.problems.errors();
            let status = if errors == 0 {
                egui::RichText::new("无错误").color(ui.visuals().weak_text_color())
            } else {
                egui::RichText::new(format!("{errors} 个错误")).color(ui.visuals().error_fg_color)
            };
            ui.label(status);
        });
    }

    pub(super) fn handle_shortcuts(&mut self, ctx: &egui::Context) {
        // While a question or the path field is open, keys belong to it: no undo or
        // file action behind the user's back.
        if self.modal.is_some() || self.state.confirm_delete.is_some() || self.dialogs.is_busy() {
            return;
        }
        let cmd = Modifiers::COMMAND;
        let cmd_shift = Modifiers::COMMAND | Modifiers::SHIFT;
        // Order matters: the Shift variants first, so Ctrl+Z does not swallow Ctrl+Shift+Z.
        let table = [
            (shortcut(cmd_shift, Key::Z), Action::Redo),
            (shortcut(cmd_shift, Key::S), Action::SaveAs),
            (shortcut(cmd, Key::Z), Action::Undo),
            (shortcut(cmd, Key::Y), Action::Redo),
            (shortcut(cmd, Key::S), Action::Save),
            (shortcut(cmd, Key::O), Action::Open),
            (shortcut(cmd, Key::N), Action::New),
            (shortcut(cmd, Key::E), Action::ExportPdf),
            (shortcut(cmd, Key::Q), Action::Quit),
        ];
        for (keys, action) in table {
            // Consumed before any text field sees it: undo is the document's, not the field's.
            if ctx.input_mut(|i| i.consume_shortcut(&keys)) {
                self.request(action);
            }
        }
    }
}
