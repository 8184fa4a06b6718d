//! Closing the window: at once when nothing is unsaved, otherwise after the question.

use eframe::egui::{self, ViewportCommand};

use crate::ui::commands::Action;

use super::App;

impl App {
    pub(super) fn handle_close_request(&mut self, ctx: &egui::Context) {
        if !ctx.input(|i| i.viewport().close_requested()) || self.allow_close {
            return;
        }
        self.commit_typed_fields();
        if self.doc.is_dirty() {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            self.request(Action::Quit);
            // A close that comes without any input (the taskbar's 关闭窗口, taskkill, a
            // shutdown) must not wait for the mouse to move before it is asked about.
            ctx.request_repaint();
        } else {
            // Nothing to ask: the window closes at the end of this frame.
            self.clear_recovery();
            self.allow_close = true;
        }
    }

    /// Like the window's close button: asks about unsaved changes first.
    pub fn request_close(&mut self) {
        self.request(Action::Quit);
    }
}
