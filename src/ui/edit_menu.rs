//! The right-click menu of a text field: 剪切, 复制, 粘贴, 全选 — as the keys do them
//! (the window asks for the same cut, copy or paste Ctrl+X/C/V would make).

use egui::text::{CCursor, CCursorRange};

/// Gives `response` (a text field with the id `id` holding `text`) its right-click menu.
/// Returns the field's new text when 剪切 took part of it out (the caller makes the edit).
pub fn attach(response: &egui::Response, id: egui::Id, text: &str) -> Option<String> {
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
    let mut cut = None;
    response.context_menu(|ui| {
        let ask = |ui: &egui::Ui, command: egui::ViewportCommand| {
            response.request_focus();
            ui.ctx().send_viewport_cmd(command);
        };
        // what was selected before the right click, else the whole field
        let menu_ctx = ui.ctx().clone();
        let chosen = || -> (usize, usize) {
            let range = menu_ctx.data(|d| d.get_temp::<CCursorRange>(kept));
            match range.map(|r| r.as_sorted_char_range()) {
                Some(r) if r.start.0 < r.end.0 => (r.start.0, r.end.0.min(chars)),
                _ => (0, chars),
            }
        };
        if ui.button("剪切").clicked() {
            let (from, to) = chosen();
            ui.ctx()
                .copy_text(text.chars().skip(from).take(to - from).collect());
            cut = Some(
                text.chars()
                    .take(from)
                    .chain(text.chars().skip(to))
                    .collect::<String>(),
            );
            ui.close();
        }
        if ui.button("复制").clicked() {
            let (from, to) = chosen();
            ui.ctx()
                .copy_text(text.chars().skip(from).take(to - from).collect());
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
    cut
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
