//! The status bar at the bottom of the window: which file, whether it is saved (and
//! when), how many problems, and a brief confirmation after a save or an export.

use std::time::{Duration, Instant};

use egui::RichText;

use super::App;

/// How long a confirmation stays in the status bar.
const NOTE_SHOWN: Duration = Duration::from_secs(5);

impl App {
    /// Says something briefly in the status bar ("已保存", "已导出 …").
    pub(super) fn note(&mut self, text: impl Into<String>) {
        self.status_note = Some((text.into(), Instant::now()));
    }

    /// The text of the status bar's save state: what a clerk asks before closing.
    pub fn save_state(&self) -> String {
        if let Some(holder) = self.doc.read_only() {
            return format!("只读：文件正由{holder}编辑");
        }
        if self.doc.is_dirty() {
            return "未保存的更改".into();
        }
        match (&self.saved_at, &self.doc.path) {
            (Some(at), Some(_)) => format!("已保存 {}", at.format("%H:%M")),
            (None, Some(_)) => "没有改动".into(),
            (_, None) => "尚未保存为文件".into(),
        }
    }

    pub(super) fn status_bar(&mut self, ui: &mut egui::Ui) {
        let place = match &self.doc.path {
            Some(p) => crate::core::printable::path(p),
            None if self.showing_sample => "示例表单（未保存为文件）".into(),
            None => "新表单（未保存为文件）".into(),
        };
        let errors = self.problems.errors();
        let warnings = self.problems.list.len() - errors;
        let state = self.save_state();
        let dirty = self.doc.is_dirty() || self.doc.read_only().is_some();
        let note = self
            .status_note
            .as_ref()
            .filter(|(_, at)| at.elapsed() < NOTE_SHOWN)
            .map(|(t, at)| (t.clone(), NOTE_SHOWN - at.elapsed()));
        ui.horizontal(|ui| {
            let state_text = RichText::new(&state).strong();
            if dirty {
                ui.label(state_text.color(crate::ui::theme::warn_color(ui.visuals())));
            } else {
                ui.label(state_text);
            }
            ui.separator();
            let counts = format!("{errors} 个错误，{warnings} 个提醒");
            if errors > 0 {
                ui.label(RichText::new(counts).color(crate::ui::theme::error_color(ui.visuals())));
            } else {
                ui.label(counts);
            }
            ui.separator();
            if let Some((text, left)) = &note {
                ui.label(RichText::new(text).color(ui.visuals().hyperlink_color));
                ui.ctx().request_repaint_after(*left);
            } else {
                ui.add(egui::Label::new(RichText::new(place).weak()).truncate());
            }
        });
    }
}
