//! File actions: open, save, rollover, import (exports in exports.rs) — each keeps the
//! document and the file on disk as they were when it fails, and says why.

use std::path::{Path, PathBuf};

use crate::core::editing::document::{Document, Opened, SaveOutcome};
use crate::core::editing::edit::Edit;
use crate::core::file::disk::check_output;
use crate::core::file::store::{self, SaveError};
use crate::core::review::Review;

use super::{Action, App};
use crate::ui::panels::problems::BottomTab;
use crate::ui::state::Node;
use egui::ViewportCommand;

use super::dialogs::PathPurpose;
use crate::core::editing::rollover::{rollover, suggested_file_name};

use super::modals::Modal;

/// How a finished import was read: the file's bytes (to read again), the project of
/// several and the template the clerk picked, if any.
pub(super) struct ReadAs {
    pub bytes: std::sync::Arc<Vec<u8>>,
    pub project: usize,
    pub picked: Option<String>,
}

impl App {
    /// Opens `path`; on failure shows why and keeps the current document. When another
    /// window has the file, asks whether to open it read-only (`read_only` does so).
    pub fn open_path_as(&mut self, path: &Path, read_only: bool) -> bool {
        // Opening the file this window already has: its lock is ours to pass on.
        self.doc.release_lock_on(path);
        match Document::open(path, read_only) {
            Ok(Opened::Ready(doc)) => {
                let unknown = doc.unknown_fields.clone();
                let unlocked = doc.lock_unavailable.clone();
                self.replace_document(*doc);
                self.remember_file(path);
                if let Some(reason) = unlocked {
                    self.modal = Some(Modal::Notice {
                        title: "无法为这个文件加编辑锁".into(),
                        body: format!(
                            "无法建立编辑锁（{reason}）。如果另一个窗口或另一台电脑同时打开这个文件，本程序无法提示；保存时仍会检查文件是否已被别处改动，不会悄悄覆盖。\n\n建议：检查文件所在文件夹的权限，或把文件复制到自己的文件夹后再编辑。"
                        ),
                    });
                }
                if !unknown.is_empty() {
                    self.modal = Some(Modal::Notice {
                        title: "文件中有不认识的内容".into(),
                        body: format!(
                            "这个文件含有本程序不认识的字段（可能由更新版本的程序或其他软件写入）：\n{}\n\n为了不丢掉这些内容，本程序不会覆盖这个文件：保存时会请您“另存为”新文件，原文件保持不变。",
                            unknown.join("\n")
                        ),
                    });
                }
                true
            }
            Ok(Opened::HeldBy { holder }) => {
                self.modal = Some(Modal::HeldBy {
                    path: path.to_path_buf(),
                    holder,
                });
                true
            }
            Err(e) => {
                self.show_error(&e);
                false
            }
        }
    }

    /// Opens `path` for editing (see [`App::open_path_as`]).
    pub fn open_path(&mut self, path: &Path) -> bool {
        self.open_path_as(path, false)
    }

    /// Puts `path` first in 最近打开 and keeps that across runs.
    fn remember_file(&mut self, path: &Path) {
        self.settings.remember(path);
        self.save_settings();
        self.learn_mine(path);
    }

    /// Saves to the document's own file. When the file changed on disk since it was
    /// opened, nothing is written and the user is asked (覆盖 / 另存为 / 重新载入);
    /// `overwrite` is that answer. Returns whether the form is saved now.
    pub(super) fn save_own(&mut self, ctx: &egui::Context, overwrite: bool) -> bool {
        if self.doc.read_only().is_some() {
            // Another window has the file: this one saves elsewhere.
            self.run(ctx, Action::SaveAs, true);
            return false;
        }
        match self.doc.save(overwrite) {
            Ok(SaveOutcome::Saved) => {
                if let Some(path) = self.doc.path.clone() {
                    self.remember_file(&path);
                    self.saved(&path);
                }
                true
            }
            Ok(SaveOutcome::ChangedOnDisk { changes }) => {
                // A pending action (close, open…) waits for the answer.
                self.modal = Some(Modal::Conflict { changes });
                false
            }
            Err(e @ SaveError::UnknownFields { .. }) => {
                // the file keeps what this version does not know: save elsewhere
                self.note(e.to_string());
                self.run(ctx, Action::SaveAs, true);
                false
            }
            Err(e) => {
                self.after_save = None;
                self.show_error(&e);
                false
            }
        }
    }

    /// Saves to `path` chosen in 另存为; on failure shows why and keeps everything as it
    /// was.
    pub fn save_to(&mut self, path: &Path) -> bool {
        match self.doc.save_as(path) {
            Ok(()) => {
                self.remember_file(path);
                self.saved(path);
                true
            }
            Err(e) => {
                self.show_error(&e);
                false
            }
        }
    }

    fn saved(&mut self, path: &Path) {
        self.saved_at = Some(chrono::Local::now());
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        self.note(format!("已保存到 {name}"));
    }

    /// Refuses an export over the open form (or any form file); says why.
    pub(super) fn export_allowed(&mut self, path: &Path) -> bool {
        let own: Vec<&Path> = self.doc.path.iter().map(PathBuf::as_path).collect();
        match check_output(path, &own, true) {
            Ok(()) => true,
            Err(e) => {
                self.show_error(&e);
                false
            }
        }
    }

    /// Starts next year's form from the form at `path` (which is only read).
    pub fn rollover_from(&mut self, path: &Path) {
        match store::load(path) {
            Ok(last) => {
                let result = match rollover(&last, &crate::core::template::for_form(&last)) {
                    Ok(result) => result,
                    Err(e) => {
                        self.show_error(&e);
                        return;
                    }
                };
                let mut form = result.form;
                form.review = Review::new(
                    format!(
                        "从 {} 年表单新建 {} 年表单，请复核以下各处",
                        last.year, form.year
                    ),
                    result.review,
                );
                self.replace_document(Document::new_unsaved(form, None));
                self.panels.problems.tab = BottomTab::Review;
            }
            Err(e) => self.show_error(&e),
        }
    }

    /// Reads an indicator sheet and asks whether to replace or append.
    pub fn read_grid_file(&mut self, path: &Path) {
        let g = self.selected_grid();
        let Some(spec) = self.template.grids.get(g) else {
            return;
        };
        let grid = match crate::core::exchange::grid_xlsx::read_file(path, spec, g) {
            Ok(grid) => grid,
            Err(e) => return self.show_error(&e),
        };
        let form = self.doc.form();
        let preview = [true, false].map(|replace| {
            let after = grid_result(form, g, grid.goals.clone(), replace);
            crate::core::editing::diff::differences(form, &after, &self.template)
        });
        self.modal = Some(Modal::ConfirmGrid {
            grid: Box::new(grid),
            file: path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            preview: Box::new(preview),
        });
    }

    /// Puts imported goals into the form, with what to check in its review list, as one
    /// undoable edit (undo takes the review items away too).
    pub fn apply_grid(
        &mut self,
        goals: Vec<crate::core::model::Goal>,
        replace: bool,
        review: Vec<crate::core::review::ReviewItem>,
        file: &str,
    ) {
        let g = self.selected_grid();
        let mut form = grid_result(self.doc.form(), g, goals, replace);
        if !review.is_empty() {
            form.review.title = format!("从“{file}”导入指标表，请核对以下各处");
            form.review.items.extend(review);
            self.panels.problems.tab = BottomTab::Review;
        }
        self.edits.push(Edit::ReplaceForm(Box::new(form)));
        self.state.selection = Node::Grid(g);
    }

    /// The grid the selection is in (the first when none is selected).
    pub(super) fn selected_grid(&self) -> usize {
        self.state
            .selection
            .grid()
            .filter(|g| *g < self.doc.form().grids.len())
            .unwrap_or(0)
    }

    /// Replaces the document with a form imported from pasted text, as a new unsaved form.
    pub fn import_text(&mut self, text: &str) {
        let bytes = std::sync::Arc::new(text.as_bytes().to_vec());
        self.start_import("粘贴的文本".into(), bytes, None);
    }

    /// Replaces the document with a form imported from a file (PDF, Word, Excel, text,
    /// a form file), as a new unsaved form; the source file is not changed.
    pub fn import_file(&mut self, path: &Path) {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let read = crate::core::exchange::import::read_for_import(path);
        let bytes = match read {
            Ok(bytes) => std::sync::Arc::new(bytes),
            Err(e) => return self.show_error(&e),
        };
        self.start_import(name, bytes, None);
    }

    pub(super) fn show_import(
        &mut self,
        result: Result<
            crate::core::exchange::import::Imported,
            crate::core::exchange::import::ImportError,
        >,
        from: &str,
        read: Option<ReadAs>,
    ) {
        let imported = match result {
            Ok(imported) => imported,
            Err(e) => {
                self.show_error(&e);
                return;
            }
        };
        let mut form = imported.form;
        form.review = Review::new(
            format!(
                "已从“{}”导入 {} 个指标（表样：{}，匹配度 {} 分），请核对以下各处",
                crate::core::printable::printable(from),
                form.indicator_count(),
                imported.template.name,
                imported.scores.first().map_or(0, |s| s.2),
            ),
            imported.review,
        );
        self.replace_document(Document::new_unsaved(form, None));
        self.panels.problems.tab = BottomTab::Review;
        if let Some(ReadAs {
            bytes,
            project,
            picked,
        }) = read
        {
            let stem = std::path::Path::new(from)
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            self.modal = Some(super::modals::Modal::ImportResult(Box::new(
                super::import_result::ImportResult {
                    from: from.to_string(),
                    bytes,
                    chosen: imported.template.id.clone(),
                    scores: imported.scores,
                    notes: imported.notes,
                    projects: imported.projects,
                    project_read: project,
                    project,
                    picked,
                    learn_name: format!("学自 {stem}"),
                },
            )));
        }
    }

    /// Moves the form to `to`, as one undoable step; what has no place in the new
    /// layout is in the review list.
    pub fn change_template(&mut self, to: std::sync::Arc<crate::core::template::Template>) {
        self.commit_typed_fields();
        let converted =
            crate::core::editing::convert::change_template(self.doc.form(), &self.template, &to);
        let listed = converted.review.len();
        self.edits.push(Edit::ReplaceForm(Box::new(converted.form)));
        self.state.selection = Node::Header;
        if listed > 0 {
            self.panels.problems.tab = BottomTab::Review;
        }
        self.note(format!("已改为“{}”，{listed} 处请核对（可撤销）", to.name));
    }

    pub(super) fn save_settings(&self) {
        if let Some(p) = &self.config.settings_path {
            let _ = self.settings.save(p);
        }
    }

    pub fn recent_files(&self) -> &[PathBuf] {
        &self.settings.recent
    }

    /// Stores what was typed into money and date fields that reads as a value, as if
    /// the field had been left: a save or export includes what is on screen.
    pub(super) fn commit_typed_fields(&mut self) {
        let mut edits = Vec::new();
        self.panels
            .fields
            .commit_all(self.doc.form(), &self.template, &mut edits);
        for edit in edits {
            let _ = self.doc.apply(edit);
        }
    }

    /// Runs an action; `confirmed` skips the unsaved-changes question.
    pub(super) fn run(&mut self, ctx: &egui::Context, action: Action, confirmed: bool) {
        if matches!(
            action,
            Action::Save
                | Action::SaveAs
                | Action::ExportPdf
                | Action::Print
                | Action::ExportXlsx
                | Action::ExportDocx
                | Action::ExportFormXlsx
                | Action::ExportFormXlsxParts
                | Action::Quit
                | Action::New
                | Action::Open
                | Action::OpenPath(_)
                | Action::Rollover
                | Action::ImportText
        ) {
            self.commit_typed_fields();
        }
        if matches!(
            action,
            Action::Save | Action::SaveAs | Action::ExportPdf | Action::Print | Action::ExportXlsx
        ) {
            // From now on an empty required field is an error, not 待填写.
            self.panels.fields.strict = true;
        }
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
        if matches!(action, Action::ExportPdf | Action::Print) && !confirmed {
            // a question, not a block: the clerk may print a draft on purpose
            let errors = crate::core::validate::validate(self.doc.form(), &self.template)
                .iter()
                .filter(|p| p.severity == crate::core::validate::Severity::Error)
                .count();
            if errors > 0 {
                self.modal = Some(Modal::ErrorsFirst {
                    then: action,
                    errors,
                });
                return;
            }
        }
        match action {
            Action::New => {
                self.modal = Some(Modal::NewForm {
                    year: crate::core::editing::rollover::proposed_year(
                        chrono::Local::now().date_naive(),
                    ),
                })
            }
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
                Some(_) => {
                    if self.save_own(ctx, false) {
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
            Action::Print => self.open_print(),
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
            Action::ExportDocx => {
                let name = suggested_file_name(self.doc.form(), "docx");
                self.dialogs
                    .ask(ctx, PathPurpose::ExportDocx, self.default_dir().join(name));
            }
            Action::ExportFormXlsx | Action::ExportFormXlsxParts => {
                let name = suggested_file_name(self.doc.form(), "xlsx");
                let purpose = if action == Action::ExportFormXlsx {
                    PathPurpose::ExportFormXlsx
                } else {
                    PathPurpose::ExportFormXlsxParts
                };
                self.dialogs
                    .ask(ctx, purpose, self.default_dir().join(name));
            }
            Action::ExportSelfEvalPdf | Action::ExportMonitorPdf => {
                self.ask_stage_pdf(ctx, &action)
            }
            Action::ImportText => {
                self.modal = Some(Modal::ImportText {
                    text: String::new(),
                    note: None,
                })
            }
            Action::Recover => self.offer_recovery(true),
            Action::ChangeTemplate => self.modal = Some(Modal::ChangeTemplate),
            Action::TextLarger | Action::TextSmaller | Action::TextReset => {
                self.step_text_size(ctx, &action)
            }
            Action::Settings => self.modal = Some(Modal::Settings),
            Action::Find => self.open_find(),
            Action::Preview => self.preview_open = !self.preview_open,
            Action::Guide => self.modal = Some(Modal::Help(super::help::HelpPage::Guide)),
            Action::Shortcuts => self.modal = Some(Modal::Help(super::help::HelpPage::Shortcuts)),
            Action::About => self.modal = Some(Modal::Help(super::help::HelpPage::About)),
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
                if !self.export_allowed(&path) {
                    return;
                }
                let written = crate::core::exchange::grid_xlsx::export(
                    self.doc.form(),
                    &self.template,
                    self.selected_grid(),
                )
                .map_err(|e| e.to_string())
                .and_then(|bytes| {
                    store::write_atomically(&path, &bytes, false)
                        .map_err(|e: SaveError| e.to_string())
                });
                match written {
                    Ok(()) => self.note(format!(
                        "已导出指标表到 {}",
                        path.file_name().unwrap_or_default().to_string_lossy()
                    )),
                    Err(e) => self.show_error(&e),
                }
            }
            PathPurpose::ImportXlsx => self.read_grid_file(&path),
            PathPurpose::ExportDocx => self.export_office_to(&path, None),
            PathPurpose::ExportFormXlsx => {
                self.export_office_to(&path, Some(crate::core::exchange::form_xlsx::Sheets::One))
            }
            PathPurpose::ExportFormXlsxParts => self.export_office_to(
                &path,
                Some(crate::core::exchange::form_xlsx::Sheets::PerPart),
            ),
            PathPurpose::ImportText => self.import_file(&path),
            PathPurpose::ExportSelfEval | PathPurpose::ExportMonitor => {
                self.export_stage_to(&path, purpose == PathPurpose::ExportSelfEval)
            }
        }
    }
}

/// The form after a grid import (goals already fitted to the grid's columns): the grid
/// replaced, or the goals appended and merged into same-named goals and groups.
pub(super) fn grid_result(
    form: &crate::core::model::Form,
    g: usize,
    goals: Vec<crate::core::model::Goal>,
    replace: bool,
) -> crate::core::model::Form {
    let mut form = form.clone();
    if let Some(grid_goals) = form.goals_mut(g) {
        if replace {
            *grid_goals = goals;
        } else {
            crate::core::exchange::paste_rows::merge_goals(grid_goals, goals);
        }
    }
    form
}
