//! Keeps the input method switched on while the keyboard passes from one text field to
//! another through a frame in which no field is drawn focused.
//!
//! A field given the keyboard after it was drawn (a new row's name cell after 添加指标,
//! the next cell after Enter, a problem's cell) reports no input method position for that
//! one frame. The window then turns the input method off and on again, and on X11 that
//! makes a new input context, so pinyin falls back to Latin letters. This keeps the last
//! position for such a frame. (The other half, a click into a field, is the patched
//! egui-winit in `patches/`.)

use egui::output::IMEOutput;

#[derive(Default)]
pub struct ImeKeeper {
    last: Option<IMEOutput>,
}

impl ImeKeeper {
    /// Call at the end of each frame, after every panel has been drawn; `focus_pending`
    /// says a field is to get the keyboard on the next frame.
    pub fn end_frame(&mut self, ctx: &egui::Context, focus_pending: bool) {
        let field_has_keyboard = ctx
            .memory(|m| m.focused())
            .is_some_and(|id| egui::text_edit::TextEditState::load(ctx, id).is_some());
        ctx.output_mut(|o| match &o.ime {
            Some(ime) => self.last = Some(*ime),
            None if field_has_keyboard || focus_pending => o.ime = self.last,
            None => self.last = None,
        });
    }
}
