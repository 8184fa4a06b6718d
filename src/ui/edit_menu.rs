//! The right-click menu of a text field: 剪切, 复制, 粘贴, 全选 — as the keys do them
//! (the window asks for the same cut, copy or paste Ctrl+X/C/V would make).

use egui::text::{CCursor, CCursorRange};

/// Gives `response` (a text field with the id `id` holding `text`) its right-click menu.
pub fn attach(response: &egui::Response, id: egui::Id, text: &str) {
    let chars = text.chars().count();
    // the right click itself puts the cursor where it was made: the selection the menu
    // is about is the one just before it
    let ctx = &response.ctx;
    let kept = id.with("selection before the right click");
    if response.secondary_clicked() {
        if let Some(range) = ctx.data(|d| d.get_temp::<CCursorRange>(kept)) {
            let mut state = egui::TextEdit::load_state(ctx, id).unwrap_or_default();
            state.cursor.set_char_range(Some(range));
            state.store(ctx, id);
        }
    } else if response.has_focus() && !ctx.input(|i| i.pointer.secondary_down()) {
        if let Some(range) = egui::TextEdit::load_state(ctx, id).and_then(|s| s.cursor.char_range())
        {
            ctx.data_mut(|d| d.insert_temp(kept, range));
        }
    }
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
            // what was selected before the right click, else the whole field
            let range = ui.ctx().data(|d| d.get_temp::<CCursorRange>(kept));
            let chosen: String = match range.map(|r| r.as_sorted_char_range()) {
                Some(r) if r.start.0 < r.end.0 => text
                    .chars()
                    .skip(r.start.0)
                    .take(r.end.0 - r.start.0)
                    .collect(),
                _ => text.to_string(),
            };
            ui.ctx().copy_text(chosen);
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
