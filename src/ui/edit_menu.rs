//! The right-click menu of a text field: 剪切, 复制, 粘贴, 全选 — as the keys do them
//! (the window asks for the same cut, copy or paste Ctrl+X/C/V would make).

use egui::text::{CCursor, CCursorRange};

/// Gives `response` (a text field with the id `id` holding `chars` characters) its
/// right-click menu.
pub fn attach(response: &egui::Response, id: egui::Id, chars: usize) {
    response.context_menu(|ui| {
        let ask = |ui: &egui::Ui, command: egui::ViewportCommand| {
            response.request_focus();
            ui.ctx().send_viewport_cmd(command);
        };
        if ui.button("剪切").clicked() {
            ask(ui, egui::ViewportCommand::RequestCut);
            ui.close();
        }
        if ui.button("复制").clicked() {
            ask(ui, egui::ViewportCommand::RequestCopy);
            ui.close();
        }
        if ui.button("粘贴").clicked() {
            ask(ui, egui::ViewportCommand::RequestPaste);
            ui.close();
        }
        ui.separator();
        if ui.button("全选").clicked() {
            select_all(ui.ctx(), id, chars);
            response.request_focus();
            ui.close();
        }
    });
}

/// Selects the whole text of the field `id`.
pub fn select_all(ctx: &egui::Context, id: egui::Id, chars: usize) {
    let mut state = egui::TextEdit::load_state(ctx, id).unwrap_or_default();
    state.cursor.set_char_range(Some(CCursorRange::two(
        CCursor::new(0),
        CCursor::new(chars),
    )));
    state.store(ctx, id);
}
