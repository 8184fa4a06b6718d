//! 我的指标 in the window: forms opened and saved are remembered (read when the window
//! is idle or the picker opens, never while starting), the list is offered in 从指标库
//! 添加…, and 设置 adds and forgets folders of forms.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use egui::RichText;

use crate::core::my_indicators::MyIndicators;

use super::App;

/// The clerk's own indicators: read from their file on first need.
#[derive(Default)]
pub struct Mine {
    list: Option<MyIndicators>,
    /// Forms opened or saved since, to remember.
    pending: Vec<PathBuf>,
    /// The folder typed in 设置.
    folder: String,
    /// The last folder action's outcome, shown in 设置.
    said: Option<String>,
    /// When the clerk last pressed a key or moved the pointer.
    last_input: Option<std::time::Instant>,
}

impl App {
    fn mine_path(&self) -> Option<PathBuf> {
        let dir = self.config.settings_path.as_ref()?.parent()?;
        Some(dir.join("my-indicators.ron"))
    }

    /// Remembers the form at `path` (opened or saved) soon.
    pub(super) fn learn_mine(&mut self, path: &Path) {
        if !self.mine.pending.iter().any(|p| p == path) {
            self.mine.pending.push(path.to_path_buf());
        }
    }

    /// The list, read from its file the first time.
    fn mine_list(&mut self) -> &mut MyIndicators {
        if self.mine.list.is_none() {
            let list = self
                .mine_path()
                .map(|p| MyIndicators::load(&p))
                .unwrap_or_default();
            self.mine.list = Some(list);
        }
        self.mine.list.get_or_insert_with(MyIndicators::default)
    }

    /// Remembers the forms waiting, when the window is idle or the picker needs them;
    /// keeps the list and gives the panels its library.
    pub(super) fn mine_tick(&mut self, ctx: &egui::Context) {
        let picker = self.panels.grid.library.is_open();
        if ctx.input(|i| !i.events.is_empty() || i.pointer.any_down()) {
            self.mine.last_input = Some(std::time::Instant::now());
        }
        let idle = self
            .mine
            .last_input
            .is_none_or(|t| t.elapsed() > std::time::Duration::from_millis(1500));
        let wanted = picker && self.state.my_library.is_none();
        if !(wanted || !self.mine.pending.is_empty() && (idle || picker)) {
            if !self.mine.pending.is_empty() {
                ctx.request_repaint_after(std::time::Duration::from_millis(1600));
            }
            return;
        }
        let pending = std::mem::take(&mut self.mine.pending);
        let list = self.mine_list();
        for path in &pending {
            if let Ok(form) = crate::core::file::store::load(path) {
                list.learn(&form, path);
            }
        }
        self.mine_changed(!pending.is_empty());
    }

    fn mine_changed(&mut self, save: bool) {
        let library = self.mine_list().library();
        let saved = match (save, self.mine_path()) {
            (true, Some(path)) => self.mine_list().save(&path),
            _ => Ok(()),
        };
        if let Err(e) = saved {
            self.note(format!("我的指标未能保存：{e}"));
        }
        self.state.my_library = Some(Arc::new(library));
    }

    /// 设置 → 我的指标: the folders read, each with 忘记, and one more added by its path.
    pub(super) fn mine_settings(&mut self, ui: &mut egui::Ui) {
        let count = self.mine_list().entries.len();
        ui.label(
            RichText::new(format!(
                "已记住 {count} 个指标（打开、保存过的表单和下列文件夹中的表单），在“从指标库添加…”中选“我的指标”查找。"
            ))
            .weak(),
        );
        let folders = self.mine_list().folders.clone();
        for folder in folders {
            ui.horizontal(|ui| {
                ui.label(crate::core::printable::path(&folder));
                if ui.small_button("忘记").clicked() {
                    self.mine_list().forget_folder(&folder);
                    self.mine.said = Some(format!(
                        "已忘记“{}”中的表单",
                        crate::core::printable::path(&folder)
                    ));
                    self.mine_changed(true);
                }
            });
        }
        ui.horizontal(|ui| {
            let label = ui.label("文件夹");
            ui.add(
                egui::TextEdit::singleline(&mut self.mine.folder)
                    .hint_text("存放往年表单的文件夹")
                    .desired_width(240.0),
            )
            .labelled_by(label.id);
            if ui.button("读取").clicked() {
                let folder = PathBuf::from(self.mine.folder.trim());
                let said = match self.mine_list().add_folder(&folder) {
                    Ok(n) => {
                        self.mine.folder.clear();
                        format!("已读取 {n} 张表单")
                    }
                    Err(e) => e,
                };
                self.mine.said = Some(said);
                self.mine_changed(true);
            }
        });
        if let Some(said) = &self.mine.said {
            ui.label(RichText::new(said).weak());
        }
    }
}
