//! File actions: open, save, rollover, import, export — each keeps the document and the
//! file on disk as they were when it fails, and says why.

use std::path::{Path, PathBuf};

use crate::core::document::Document;
use crate::core::edit::Edit;
use crate::core::store;

use super::app::{Action, App, BottomTab, Node};
use egui::ViewportCommand;

use super::dialogs::PathPurpose;
use crate::core::rollover::{rollover, suggested_file_name};
use crate::pdf;

use super::modals::Modal;

impl App {
    /// Opens `path`; on failure shows why and keeps the current document.
    pub fn open_path(&mut self, path: &Path) -> bool {
        match store::load(path) {
            Ok(form) => {
                self.replace_document(Document::new(form, Some(path.to_path_buf())));
                self.remember_file(path);
                true
            }
            Err(e) => {
                self.modal = Some(Modal::Error(e.to_string()));
                false
            }
        }
    }

    /// Puts `path` first in 最近打开 and keeps that across runs.
    fn remember_file(&mut self, path: &Path) {
        self.settings.remember(path);
        self.save_settings();
    }

    /// Saves to `path`; on failure shows why and keeps everything as it was.
    pub fn save_to(&mut self, path: &Path) -> bool {
        match store::save(path, self.doc.form()) {
            Ok(()) => {
                self.doc.mark_saved(path.to_path_buf());
                self.remember_file(path);
                true
            }
            Err(e) => {
                self.modal = Some(Modal::Error(e.to_string()));
                false
            }
        }
    }

    /// Starts next year's form from the form at `path` (which is only read).
    pub fn rollover_from(&mut self, path: &Path) {
        match store::load(path) {
            Ok(last) => {
                let result = rollover(&last);
                let from_year = last.year;
                let to_year = result.form.year;
                self.replace_document(Document::new_unsaved(result.form, None));
                self.state.review = result.review;
                self.state.review_title =
                    format!("从 {from_year} 年表单新建 {to_year} 年表单，请复核以下各处");
                self.state.bottom_tab = BottomTab::Review;
            }
            Err(e) => self.modal = Some(Modal::Error(e.to_string())),
        }
    }

    /// Reads an indicator sheet and asks whether to replace or append.
    pub fn read_grid_file(&mut self, path: &Path) {
        let read = std::fs::read(path)
            .map_err(|e| format!("无法打开“{}”：{}", path.display(), store::io_reason(&e)))
            .and_then(|bytes| crate::core::grid_xlsx::import(&bytes));
        self.modal = Some(match read {
            Ok(grid) => Modal::ConfirmGrid {
                grid: Box::new(grid),
                file: path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
            },
            Err(e) => Modal::Error(e),
        });
    }

    /// Puts imported goals into the form, as one undoable edit.
    pub fn apply_grid(&mut self, goals: Vec<crate::core::model::Goal>, replace: bool) {
        let mut form = self.doc.form().clone();
        if replace {
            form.goals = goals;
        } else {
            form.goals.extend(goals);
        }
        self.edits.push(Edit::ReplaceForm(Box::new(form)));
        self.state.selection = Node::Grid;
    }

    /// Replaces the document with a form imported from its text, as a new unsaved form.
    pub fn import_text(&mut self, text: &str) {
        let imported = crate::core::import_text::import(text);
        let count = imported.form.indicator_count();
        self.replace_document(Document::new_unsaved(imported.form, None));
        self.state.review = imported.review;
        self.state.review_title = format!("已从文本导入 {count} 个指标，请核对以下各处");
        self.state.bottom_tab = BottomTab::Review;
    }

    pub fn export_pdf_to(&mut self, path: &Path) {
        match pdf::export_to(self.doc.form(), path) {
            Ok(export) => {
                self.modal = Some(Modal::Exported {
                    path: path.to_path_buf(),
                    pages: export.pages,
                    missing: export.missing.iter().map(|m| m.to_string()).collect(),
                })
            }
            Err(e) => self.modal = Some(Modal::Error(format!("导出失败：{e}"))),
        }
    }

    pub(super) fn save_settings(&self) {
        if let Some(p) = &self.config.settings_path {
            let _ = self.settings.save(p);
        }
    }

    pub fn recent_files(&self) -> &[PathBuf] {
        &self.settings.recent
    }

    /// Runs an action; `confirmed` skips the unsaved-changes question.
    pub(super) fn run(&mut self, ctx: &egui::Context, action: Action, confirmed: bool) {
        let replaces_document = matches!(
            action,
            Action::New
                | Action::Open
                | Action::OpenPath(_)
                | Action::Rollover
                | Action::ImportText
                | Action::Quit
        );
        if replaces_document && !confirmed && self.doc.is_dirty() {
            self.modal = Some(Modal::Unsaved { then: action });
            return;
        }
        match action {
            Action::New => self.modal = Some(Modal::NewForm),
            Action::Open => self
                .dialogs
                .ask(ctx, PathPurpose::Open, self.default_dir().join("")),
            Action::OpenPath(p) => {
                if !self.open_path(&p) {
                    self.settings.forget(&p);
                    self.save_settings();
                }
            }
            Action::Save => match self.doc.path.clone() {
                Some(p) => {
                    if self.save_to(&p) {
                        self.continue_after_save(ctx);
                    }
                }
                None => self.run(ctx, Action::SaveAs, true),
            },
            Action::SaveAs => {
                let name = suggested_file_name(self.doc.form(), "ron");
                let default = match &self.doc.path {
                    Some(p) => p.clone(),
                    None => self.default_dir().join(name),
                };
                self.dialogs.ask(ctx, PathPurpose::SaveAs, default);
            }
            Action::Rollover => {
                self.dialogs
                    .ask(ctx, PathPurpose::Rollover, self.default_dir().join(""))
            }
            Action::ExportPdf => {
                let name = suggested_file_name(self.doc.form(), "pdf");
                self.dialogs
                    .ask(ctx, PathPurpose::ExportPdf, self.default_dir().join(name));
            }
            Action::ExportXlsx => {
                let name =
                    suggested_file_name(self.doc.form(), "xlsx").replace(".xlsx", "-指标表.xlsx");
                self.dialogs
                    .ask(ctx, PathPurpose::ExportXlsx, self.default_dir().join(name));
            }
            Action::ImportXlsx => {
                self.dialogs
                    .ask(ctx, PathPurpose::ImportXlsx, self.default_dir().join(""))
            }
            Action::ImportText => {
                self.modal = Some(Modal::ImportText {
                    text: String::new(),
                    note: None,
                })
            }
            Action::Quit => {
                self.clear_recovery();
                self.allow_close = true;
                ctx.send_viewport_cmd(ViewportCommand::Close);
            }
            Action::Undo => {
                self.doc.undo();
                self.fix_selection();
            }
            Action::Redo => {
                self.doc.redo();
                self.fix_selection();
            }
        }
    }

    /// The folder of the current file, else the user's documents folder.
    pub(super) fn default_dir(&self) -> PathBuf {
        self.doc
            .path
            .as_ref()
            .and_then(|p| p.parent().map(Path::to_path_buf))
            .or_else(|| {
                directories::UserDirs::new().and_then(|d| d.document_dir().map(Path::to_path_buf))
            })
            .unwrap_or_else(|| PathBuf::from("."))
    }

    pub(super) fn continue_after_save(&mut self, ctx: &egui::Context) {
        if let Some(then) = self.after_save.take() {
            self.run(ctx, then, true);
        }
    }

    pub(super) fn on_path_chosen(&mut self, purpose: PathPurpose, path: PathBuf) {
        match purpose {
            PathPurpose::Open => self.actions.push(Action::OpenPath(path)),
            PathPurpose::SaveAs => {
                if self.save_to(&path) {
                    // Saved, so the pending action no longer asks about changes.
                    if let Some(then) = self.after_save.take() {
                        self.actions.push(then);
                    }
                } else {
                    self.after_save = None;
                }
            }
            PathPurpose::Rollover => self.rollover_from(&path),
            PathPurpose::ExportPdf => self.export_pdf_to(&path),
            PathPurpose::ExportXlsx => {
                let written = crate::core::grid_xlsx::export(self.doc.form()).and_then(|bytes| {
                    store::write_atomically(&path, &bytes, false).map_err(|e| e.to_string())
                });
                if let Err(e) = written {
                    self.modal = Some(Modal::Error(e));
                }
            }
            PathPurpose::ImportXlsx => self.read_grid_file(&path),
            PathPurpose::ImportText => match crate::core::import_text::read_file(&path) {
                Ok((text, note)) => self.modal = Some(Modal::ImportText { text, note }),
                Err(e) => self.modal = Some(Modal::Error(e)),
            },
        }
    }
}
