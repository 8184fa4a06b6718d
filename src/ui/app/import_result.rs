//! After 导入上年表单: which template the file was read as, with every template's score,
//! and the choice of another — the import then runs again from the same file.

use std::sync::Arc;

use super::App;

/// What the import was made from, kept to run it again with another template.
#[derive(Debug, Clone)]
pub struct ImportResult {
    /// The file's name (or 粘贴的文本).
    pub from: String,
    pub bytes: Arc<Vec<u8>>,
    /// (template id, name, score), best first.
    pub scores: Vec<(String, String, u32)>,
    /// The template chosen in the list.
    pub chosen: String,
    /// What the clerk must know first (no year found, no indicator table, an encoding).
    pub notes: Vec<String>,
}

impl App {
    /// Shows the result of an import until 确定 (or Esc), or runs it again; returns it
    /// while it stays open.
    pub(super) fn show_import_result(
        &mut self,
        ctx: &egui::Context,
        mut result: ImportResult,
    ) -> Option<ImportResult> {
        let mut rerun = false;
        let mut close = false;
        let used = result
            .scores
            .first()
            .map(|s| s.0.clone())
            .unwrap_or_default();
        let response = egui::Modal::new(egui::Id::unique("import_result")).show(ctx, |ui| {
            ui.set_width(super::dialogs::fit_width(ui, 560.0));
            ui.heading("导入完成");
            ui.label(format!(
                "已从“{}”导入 {} 个指标，为未保存的新表单；原文件没有改动。请按下方“复核清单”逐项核对。",
                result.from,
                self.doc.form().indicator_count()
            ));
            for note in &result.notes {
                ui.label(
                    egui::RichText::new(format!("注意：{note}"))
                        .color(crate::ui::theme::warn_color(ui.visuals())),
                );
            }
            ui.add_space(6.0);
            ui.label("按以下表样读取（分数为匹配度，越高越吻合）：");
            for (id, name, score) in &result.scores {
                let text = if *id == used {
                    format!("{name}　{score} 分（当前）")
                } else {
                    format!("{name}　{score} 分")
                };
                ui.radio_value(&mut result.chosen, id.clone(), text);
            }
            ui.add_space(6.0);
            ui.horizontal_wrapped(|ui| {
                let other = result.chosen != used;
                if ui
                    .add_enabled(other, egui::Button::new("按所选表样重新导入"))
                    .clicked()
                {
                    rerun = true;
                }
                if ui.button("确定").clicked() {
                    close = true;
                }
            });
        });
        if response.should_close() {
            close = true;
        }
        if rerun {
            let chosen = result.chosen.clone();
            self.start_import(result.from.clone(), result.bytes.clone(), Some(chosen));
            None
        } else if close {
            None
        } else {
            Some(result)
        }
    }
}
