//! After 导入上年表单: which template the file was read as, with every template's score,
//! and the choice of another — the import then runs again from the same file; which
//! project of a table of several; and the file's own layout saved as a template.

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
    /// The projects of a table holding several (empty for one), the one imported and
    /// the one chosen in the list.
    pub projects: Vec<String>,
    pub project_read: usize,
    pub project: usize,
    /// The template the clerk picked for this reading (none: the one found).
    pub picked: Option<String>,
    /// The name to save the file's own layout under, as typed.
    pub learn_name: String,
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
        let mut learn = false;
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
            if result.projects.len() > 1 {
                ui.add_space(6.0);
                ui.label(format!(
                    "文件中有 {} 个项目，每次导入一个：",
                    result.projects.len()
                ));
                // a county's disclosure holds dozens: the list scrolls, the buttons stay
                let rows = ui.text_style_height(&egui::TextStyle::Body) * 8.0;
                egui::ScrollArea::vertical()
                    .id_salt("import_projects")
                    .max_height(rows.min(ui.ctx().content_rect().height() / 4.0))
                    .auto_shrink([false, true])
                    .show(ui, |ui| {
                        for (i, name) in result.projects.iter().enumerate() {
                            ui.radio_value(&mut result.project, i, format!("{}. {name}", i + 1));
                        }
                    });
            }
            ui.add_space(6.0);
            ui.label("没有合适的表样？可按这个文件自己的样式（表头各栏、金额、指标表各列）保存为表样，之后“新建”和导入时可选用：");
            ui.horizontal_wrapped(|ui| {
                let label = ui.label("表样名称");
                ui.add(
                    egui::TextEdit::singleline(&mut result.learn_name)
                        .desired_width(220.0)
                        .hint_text("如 湖南省 绩效目标申报表"),
                )
                .labelled_by(label.id);
                if ui
                    .add_enabled(
                        !result.learn_name.trim().is_empty(),
                        egui::Button::new("保存为表样并按它导入"),
                    )
                    .clicked()
                {
                    learn = true;
                }
            });
            ui.add_space(6.0);
            ui.horizontal_wrapped(|ui| {
                let other = result.chosen != used || result.project != result.project_read;
                if ui
                    .add_enabled(other, egui::Button::new("按所选表样（项目）重新导入"))
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
        if learn {
            return match self.save_learned_template(&result) {
                Ok(id) => {
                    self.start_import_of(
                        result.from.clone(),
                        result.bytes.clone(),
                        Some(id),
                        result.project,
                    );
                    None
                }
                Err(message) => {
                    self.show_error(&message);
                    None
                }
            };
        }
        if rerun {
            // another project with the template left as found: found again for it (each
            // project of a file may be in another layout); a template picked is kept
            let chosen =
                (result.chosen != used || result.picked.is_some()).then(|| result.chosen.clone());
            self.start_import_of(
                result.from.clone(),
                result.bytes.clone(),
                chosen,
                result.project,
            );
            None
        } else if close {
            None
        } else {
            Some(result)
        }
    }

    /// Learns the file's own layout as a template named as typed, writes it to the
    /// template folder and reads the templates again; returns its id.
    fn save_learned_template(&mut self, result: &ImportResult) -> Result<String, String> {
        let name = result.learn_name.trim();
        let dir = self
            .config_template_dir()
            .ok_or("找不到表样文件夹，无法保存表样")?;
        let learned = crate::core::exchange::import::learn_template(
            &result.bytes,
            &self.templates.list,
            name,
        )
        .map_err(|e| e.to_string())?;
        if let Some(same) = self.templates.get(&learned.id) {
            return Err(format!("已有名为“{}”的表样，请换一个名称", same.name));
        }
        std::fs::create_dir_all(&dir)
            .map_err(|e| format!("无法创建表样文件夹 {}：{e}", dir.display()))?;
        let path = dir.join(format!("{}.ron", learned.id));
        if path.exists() {
            return Err(format!("表样文件已存在：{}，请换一个名称", path.display()));
        }
        crate::core::store::write_atomically(&path, learned.to_text().as_bytes(), false)
            .map_err(|e| e.to_string())?;
        self.reload_templates();
        self.note(format!(
            "已保存表样“{}”到表样文件夹，“新建”和导入时可选用",
            learned.name
        ));
        Ok(learned.id)
    }
}
