//! File dialogs and the small modal windows: native dialogs run off the UI thread; where
//! none can open (no portal, no zenity) the user types a path into an in-app field.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

use egui::{Id, Modal, RichText};

/// A dialog that answers this fast did not show anything: there is no dialog service.
const NO_DIALOG_THRESHOLD: Duration = Duration::from_millis(400);

/// What a chosen path is for.
#[derive(Debug, Clone, PartialEq)]
pub enum PathPurpose {
    Open,
    SaveAs,
    Rollover,
    ExportPdf,
    ImportText,
    ExportXlsx,
    ImportXlsx,
    ExportDocx,
    ExportFormXlsx,
    ExportFormXlsxParts,
    ExportSelfEval,
    ExportMonitor,
}

impl PathPurpose {
    fn title(&self) -> &'static str {
        match self {
            PathPurpose::Open => "打开表单",
            PathPurpose::SaveAs => "另存为",
            PathPurpose::Rollover => "选择上年的表单文件",
            PathPurpose::ExportPdf => "导出 PDF",
            PathPurpose::ImportText => "选择上年表单的文件",
            PathPurpose::ExportXlsx => "导出指标表",
            PathPurpose::ImportXlsx => "选择要导入的指标表",
            PathPurpose::ExportDocx => "导出 Word",
            PathPurpose::ExportFormXlsx | PathPurpose::ExportFormXlsxParts => "导出 Excel",
            PathPurpose::ExportSelfEval => "导出自评表",
            PathPurpose::ExportMonitor => "导出监控表",
        }
    }

    fn saves(&self) -> bool {
        matches!(
            self,
            PathPurpose::SaveAs
                | PathPurpose::ExportPdf
                | PathPurpose::ExportXlsx
                | PathPurpose::ExportDocx
                | PathPurpose::ExportFormXlsx
                | PathPurpose::ExportFormXlsxParts
                | PathPurpose::ExportSelfEval
                | PathPurpose::ExportMonitor
        )
    }

    fn extension(&self) -> &'static str {
        match self {
            PathPurpose::ExportPdf | PathPurpose::ExportSelfEval | PathPurpose::ExportMonitor => {
                "pdf"
            }
            PathPurpose::ImportText => "any",
            PathPurpose::ExportXlsx
            | PathPurpose::ImportXlsx
            | PathPurpose::ExportFormXlsx
            | PathPurpose::ExportFormXlsxParts => "xlsx",
            PathPurpose::ExportDocx => "docx",
            _ => "ron",
        }
    }
}

struct Pending {
    purpose: PathPurpose,
    default: PathBuf,
    started: Instant,
    answer: Receiver<Option<PathBuf>>,
}

/// The in-app path field shown where no native dialog is available.
pub struct PathEntry {
    pub purpose: PathPurpose,
    pub text: String,
    /// The field has been given keyboard focus once.
    focused: bool,
}

#[derive(Default)]
pub struct FileDialogs {
    pending: Option<Pending>,
    pub entry: Option<PathEntry>,
    /// Set when native dialogs are off, or after one failed to show.
    native_unavailable: bool,
}

impl FileDialogs {
    pub fn new(native: bool) -> Self {
        FileDialogs {
            native_unavailable: !native,
            ..Default::default()
        }
    }

    pub fn is_busy(&self) -> bool {
        self.pending.is_some() || self.entry.is_some()
    }

    /// A system file dialog is open (in its own window, on its own thread).
    pub fn native_open(&self) -> bool {
        self.pending.is_some()
    }

    /// Asks for a path; the answer comes back through [`Self::poll`].
    pub fn ask(&mut self, ctx: &egui::Context, purpose: PathPurpose, default: PathBuf) {
        if self.is_busy() {
            return;
        }
        if self.native_unavailable {
            self.entry = Some(PathEntry {
                text: default.display().to_string(),
                purpose,
                focused: false,
            });
            return;
        }
        let (tx, rx) = channel();
        let ctx = ctx.clone();
        let p = purpose.clone();
        let d = default.clone();
        std::thread::spawn(move || {
            let mut dialog = rfd::FileDialog::new().set_title(p.title());
            dialog = match p.extension() {
                "pdf" => dialog.add_filter("PDF 文件", &["pdf"]),
                "any" => dialog
                    .add_filter(
                        "表单文件（PDF、Word、Excel、文本）",
                        &[
                            "pdf", "docx", "xlsx", "xls", "txt", "ron", "PDF", "DOCX", "XLSX",
                            "XLS", "TXT",
                        ],
                    )
                    .add_filter("所有文件", &["*"]),
                "xlsx" => dialog.add_filter("Excel 工作簿 (*.xlsx)", &["xlsx"]),
                _ => dialog.add_filter("绩效目标表 (*.ron)", &["ron"]),
            };
            // a folder opens as itself ("dir/" has the folder above as its parent)
            let (dir, name) = if d.is_dir() {
                (Some(d.as_path()), None)
            } else {
                (d.parent().filter(|d| d.is_dir()), d.file_name())
            };
            if let Some(dir) = dir {
                dialog = dialog.set_directory(dir);
            }
            if let Some(name) = name {
                dialog = dialog.set_file_name(name.to_string_lossy());
            }
            let answer = if p.saves() {
                dialog.save_file()
            } else {
                dialog.pick_file()
            };
            let _ = tx.send(answer);
            ctx.request_repaint();
        });
        self.pending = Some(Pending {
            purpose,
            default,
            started: Instant::now(),
            answer: rx,
        });
    }

    /// A chosen path, once the user has chosen one.
    pub fn poll(&mut self) -> Option<(PathPurpose, PathBuf)> {
        let pending = self.pending.as_ref()?;
        let answer = pending.answer.try_recv().ok()?;
        let pending = self.pending.take()?;
        match answer {
            Some(path) => Some((
                pending.purpose.clone(),
                with_extension(path, pending.purpose.extension()),
            )),
            None if pending.started.elapsed() < NO_DIALOG_THRESHOLD => {
                // Nothing was shown: fall back to typing the path.
                self.native_unavailable = true;
                self.entry = Some(PathEntry {
                    text: pending.default.display().to_string(),
                    purpose: pending.purpose,
                    focused: false,
                });
                None
            }
            None => None, // the user cancelled
        }
    }

    /// Shows the path field when needed; returns the confirmed path.
    pub fn show_entry(&mut self, ctx: &egui::Context) -> Option<(PathPurpose, PathBuf)> {
        let entry = self.entry.as_mut()?;
        let mut result = None;
        let mut close = false;
        Modal::new(Id::unique("path_entry")).show(ctx, |ui| {
            ui.heading(entry.purpose.title());
            ui.label("没有可用的系统文件对话框，请输入文件的完整路径：");
            let label = ui.label("文件路径");
            let edit = ui
                .add(
                    egui::TextEdit::singleline(&mut entry.text)
                        .desired_width(520.0)
                        .hint_text("例如 /home/用户/文档/2021-项目.ron"),
                )
                .labelled_by(label.id);
            // Focus once when shown; Enter in the field confirms.
            let enter = (edit.lost_focus() || edit.has_focus())
                && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if !entry.focused {
                edit.request_focus();
                entry.focused = true;
            }
            ui.horizontal(|ui| {
                if ui.button("确定").clicked() || enter {
                    let text = entry.text.trim();
                    if !text.is_empty() {
                        let path = with_extension(PathBuf::from(text), entry.purpose.extension());
                        result = Some((entry.purpose.clone(), path));
                        close = true;
                    }
                }
                if ui.button("取消").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    close = true;
                }
            });
        });
        if close {
            self.entry = None;
        }
        result
    }
}

/// `name` → `name.ron` when the user typed no extension.
fn with_extension(path: PathBuf, ext: &str) -> PathBuf {
    // an import reads any file by its content, with or without an extension
    if path.extension().is_some() || ext == "any" {
        path
    } else {
        path.with_extension(ext)
    }
}

/// The answer to "保存更改吗？".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveChoice {
    Save,
    Discard,
    Cancel,
}

/// Asks whether to save changes before `what` (e.g. "关闭"); `None` while undecided.
pub fn unsaved_prompt(ctx: &egui::Context, file_name: &str, what: &str) -> Option<SaveChoice> {
    let mut choice = None;
    let response = Modal::new(Id::unique("unsaved_prompt")).show(ctx, |ui| {
        ui.heading("有未保存的更改");
        ui.label(format!("“{file_name}”有未保存的更改。{what}之前要保存吗？"));
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("保存").clicked() {
                choice = Some(SaveChoice::Save);
            }
            if ui.button("不保存").clicked() {
                choice = Some(SaveChoice::Discard);
            }
            if ui.button("取消").clicked() {
                choice = Some(SaveChoice::Cancel);
            }
        });
    });
    if response.should_close() && choice.is_none() {
        choice = Some(SaveChoice::Cancel);
    }
    choice
}

/// The width of a dialog: `wanted`, or less in a small window (large text, 800×600),
/// so that nothing in it is cut off.
pub fn fit_width(ui: &egui::Ui, wanted: f32) -> f32 {
    (ui.ctx().content_rect().width() - 64.0).clamp(240.0, wanted)
}

/// A message with a title and an OK button; returns true when dismissed.
pub fn message(
    ctx: &egui::Context,
    id: &str,
    title: &str,
    body: &str,
    extra: impl FnOnce(&mut egui::Ui),
) -> bool {
    let mut close = false;
    let response = Modal::new(Id::unique(id)).show(ctx, |ui| {
        ui.set_max_width(fit_width(ui, 620.0));
        ui.heading(title);
        ui.add_space(4.0);
        egui::ScrollArea::vertical()
            .max_height(360.0)
            .show(ui, |ui| {
                ui.label(body);
            });
        extra(ui);
        ui.add_space(8.0);
        if ui.button("确定").clicked() {
            close = true;
        }
    });
    close || response.should_close()
}

/// Asks a yes/no question; `Some(true)` for the confirming button.
pub fn confirm(ctx: &egui::Context, title: &str, body: &str, yes: &str) -> Option<bool> {
    let mut answer = None;
    let response = Modal::new(Id::unique("confirm")).show(ctx, |ui| {
        ui.heading(title);
        ui.label(body);
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button(RichText::new(yes).strong()).clicked() {
                answer = Some(true);
            }
            if ui.button("取消").clicked() {
                answer = Some(false);
            }
        });
    });
    if response.should_close() && answer.is_none() {
        answer = Some(false);
    }
    answer
}

/// Opens a file with the system's default program (the exported PDF).
pub fn open_with_system(path: &Path) -> Result<(), String> {
    crate::platform::open_with_system(path).map_err(|e| {
        format!(
            "无法打开 PDF：{}",
            crate::core::file::safe_write::io_reason(&e)
        )
    })
}
