//! The questions about files that keep work from being lost: copies to recover after a
//! crash, a file another window has open, a file changed on disk before a save.

use std::path::PathBuf;

use egui::{Id, RichText};

use crate::core::file::lock::LockHolder;
use crate::core::file::recovery::Leftover;

use super::modals::Modal;
use super::{Action, App};

impl App {
    /// Lists every leftover copy with its time and title; each can be recovered or
    /// thrown away, the rest stay for later (文件 → 恢复自动保存的副本…).
    pub(super) fn show_recover(&mut self, ctx: &egui::Context, mut leftovers: Vec<Leftover>) {
        enum Choice {
            Recover(usize),
            Discard(usize),
            Later,
        }
        let mut choice = None;
        let busy = self.doc.is_dirty();
        egui::Modal::new(Id::unique("recover")).show(ctx, |ui| {
            ui.set_width(super::dialogs::fit_width(ui, 640.0));
            ui.heading("恢复未保存的内容");
            ui.label(format!(
                "上次有 {} 个窗口没有正常关闭，留下了自动保存的副本。请选择要恢复的副本：恢复后它作为未保存的表单打开，保存或明确放弃之前副本一直保留。",
                leftovers.len()
            ));
            if busy {
                ui.label(
                    RichText::new("当前表单有未保存的更改：请先保存或放弃它，再恢复下一个副本。")
                        .color(crate::ui::theme::warn_color(ui.visuals())),
                );
            }
            ui.add_space(6.0);
            egui::ScrollArea::vertical().max_height(320.0).show(ui, |ui| {
                egui::Grid::new("recover_list")
                    .num_columns(3)
                    .spacing([12.0, 8.0])
                    .striped(true)
                    .show(ui, |ui| {
                        for (i, l) in leftovers.iter().enumerate() {
                            ui.label(&l.copy.written_at);
                            ui.vertical(|ui| {
                                ui.set_width((super::dialogs::fit_width(ui, 640.0) * 0.5).min(330.0));
                                ui.label(RichText::new(l.copy.title()).strong());
                                let place = match &l.copy.original {
                                    Some(p) => crate::core::printable::path(p),
                                    None => "从未保存过的新表单".into(),
                                };
                                ui.label(RichText::new(place).small());
                            });
                            ui.horizontal(|ui| {
                                if ui
                                    .add_enabled(!busy, egui::Button::new("恢复"))
                                    .on_disabled_hover_text("请先保存或放弃当前表单的更改")
                                    .clicked()
                                {
                                    choice = Some(Choice::Recover(i));
                                }
                                if ui.button("放弃").on_hover_text("删除这个副本").clicked() {
                                    choice = Some(Choice::Discard(i));
                                }
                            });
                            ui.end_row();
                        }
                    });
            });
            ui.add_space(8.0);
            if ui
                .button("以后再说")
                .on_hover_text("副本保留，可随时用“文件 → 恢复自动保存的副本…”找回")
                .clicked()
            {
                choice = Some(Choice::Later);
            }
        });
        let Some(store) = self.config.recovery.clone() else {
            return;
        };
        match choice {
            None => self.modal = Some(Modal::Recover { leftovers }),
            Some(Choice::Later) => {}
            Some(Choice::Recover(i)) => {
                let chosen = leftovers.remove(i);
                self.recover(chosen);
                if !leftovers.is_empty() && self.modal.is_none() {
                    self.modal = Some(Modal::Recover { leftovers });
                }
            }
            Some(Choice::Discard(i)) => {
                store.discard(leftovers.remove(i));
                if !leftovers.is_empty() {
                    self.modal = Some(Modal::Recover { leftovers });
                }
            }
        }
    }

    /// The file is open in another window: open it read-only, or not at all.
    pub(super) fn show_held_by(&mut self, ctx: &egui::Context, path: PathBuf, holder: LockHolder) {
        let mut answer = None;
        egui::Modal::new(Id::unique("held_by")).show(ctx, |ui| {
            ui.set_max_width(super::dialogs::fit_width(ui, 600.0));
            ui.heading("文件正在别处编辑");
            ui.label(format!(
                "“{}”正由{holder}编辑（在另一个窗口或另一台电脑上）。\n\n可以以只读方式打开：能查看、修改和导出，但只能“另存为”新文件，不会改动原文件。",
                crate::core::printable::path(&path)
            ));
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.button("以只读方式打开").clicked() {
                    answer = Some(true);
                }
                if ui.button("取消").clicked() {
                    answer = Some(false);
                }
            });
        });
        match answer {
            None => self.modal = Some(Modal::HeldBy { path, holder }),
            Some(true) => {
                self.open_path_as(&path, true);
            }
            Some(false) => {}
        }
    }

    /// Another program changed the file since it was opened: nothing was written. The
    /// user sees what the other side changed and chooses.
    pub(super) fn show_conflict(&mut self, ctx: &egui::Context, changes: Vec<String>) {
        #[derive(Clone, Copy)]
        enum Choice {
            Overwrite,
            SaveAs,
            Reload,
            Cancel,
        }
        let mut choice = None;
        egui::Modal::new(Id::unique("conflict")).show(ctx, |ui| {
            ui.set_max_width(super::dialogs::fit_width(ui, 640.0));
            ui.heading("文件已被其他程序改动");
            ui.label(format!(
                "“{}”在打开之后被其他程序或窗口改动过，刚才没有保存，以免覆盖对方的修改。对方改动了：",
                self.file_name()
            ));
            egui::ScrollArea::vertical().max_height(220.0).show(ui, |ui| {
                for line in &changes {
                    ui.label(format!("• {line}"));
                }
            });
            ui.add_space(8.0);
            ui.horizontal_wrapped(|ui| {
                if ui
                    .button("覆盖")
                    .on_hover_text("用本窗口的内容覆盖文件；对方的版本保留在 .bak 备份文件中")
                    .clicked()
                {
                    choice = Some(Choice::Overwrite);
                }
                if ui.button("另存为…").clicked() {
                    choice = Some(Choice::SaveAs);
                }
                if ui
                    .button("重新载入")
                    .on_hover_text("显示文件中的版本；本窗口的内容可用“撤销”找回")
                    .clicked()
                {
                    choice = Some(Choice::Reload);
                }
                if ui.button("取消").clicked() {
                    choice = Some(Choice::Cancel);
                }
            });
        });
        match choice {
            None => self.modal = Some(Modal::Conflict { changes }),
            Some(Choice::Overwrite) => {
                if self.save_own(ctx, true) {
                    self.continue_after_save(ctx);
                }
            }
            Some(Choice::SaveAs) => self.run(ctx, Action::SaveAs, true),
            Some(Choice::Reload) => {
                self.after_save = None;
                if let Err(e) = self.doc.reload() {
                    self.show_error(&e);
                }
                self.fix_selection();
            }
            Some(Choice::Cancel) => self.after_save = None,
        }
    }
}
