//! Exports and printing of the open form: the PDF, Word and Excel files, and the form
//! sent to a printer (the 打印 dialog where the system has CUPS, the PDF program's print
//! on Windows).

use std::path::Path;

use crate::core::editing::rollover::suggested_file_name;
use crate::core::file::store::{self, SaveError};
use crate::pdf;
use crate::platform::Printed;

use super::modals::Modal;
use super::App;

impl App {
    /// The whole form as Word (`sheets` none) or Excel laid out as `sheets` says, like
    /// the official form.
    pub fn export_office_to(
        &mut self,
        path: &Path,
        sheets: Option<crate::core::exchange::form_xlsx::Sheets>,
    ) {
        if !self.export_allowed(path) {
            return;
        }
        let form = self.doc.form();
        let word = sheets.is_none();
        let made = match sheets {
            None => crate::core::exchange::form_docx::export(form, &self.template),
            Some(s) => crate::core::exchange::form_xlsx::export_as(form, &self.template, s),
        };
        let written = made.and_then(|bytes| {
            store::write_atomically(path, &bytes, false).map_err(|e: SaveError| e.to_string())
        });
        match written {
            Ok(()) => self.note(format!(
                "已导出{}到 {}",
                if word {
                    " Word 文件"
                } else {
                    " Excel 文件"
                },
                path.file_name().unwrap_or_default().to_string_lossy()
            )),
            Err(e) => self.show_error(&e),
        }
    }

    /// The form as the PDF and the printer get it: with ≥ ≤ for typed comparisons when
    /// the clerk asked for that in 设置.
    /// Opens 打印…: the printers of the system (CUPS, or Windows' spooler), copies, and
    /// where CUPS prints, a page range and both sides.
    pub(super) fn open_print(&mut self) {
        self.modal = Some(Modal::Print(Box::new(
            super::print_dialog::PrintDialog::new(),
        )));
    }

    pub(super) fn printed_form(&self) -> crate::core::model::Form {
        if self.settings.print_symbols {
            crate::core::print_symbols::with_symbols(self.doc.form())
        } else {
            self.doc.form().clone()
        }
    }

    pub fn export_pdf_to(&mut self, path: &Path) {
        if !self.export_allowed(path) {
            return;
        }
        match pdf::export_draft_to(&self.printed_form(), path, self.settings.print_draft) {
            Ok(export) => {
                self.note(format!("已导出 PDF（{} 页）", export.pages));
                self.modal = Some(Modal::Exported {
                    path: path.to_path_buf(),
                    pages: export.pages,
                    missing: export.missing.iter().map(|m| m.to_string()).collect(),
                })
            }
            Err(e) => self.show_error(&format!("导出失败：{e}")),
        }
    }

    /// Prints the form: its PDF, written to the temporary folder, goes to the system's
    /// printing (see [`crate::platform::print_pdf`]).
    pub fn print(&mut self) {
        let dir = std::env::temp_dir().join("jixiao-打印");
        let path = dir.join(suggested_file_name(self.doc.form(), "pdf"));
        let result = std::fs::create_dir_all(&dir)
            .map_err(|e| crate::core::file::safe_write::io_reason(&e))
            .and_then(|()| {
                pdf::export_draft_to(&self.printed_form(), &path, self.settings.print_draft)
                    .map_err(|e| e.to_string())
            })
            .and_then(|export| {
                crate::platform::print_pdf(&path)
                    .map(|how| (export, how))
                    .map_err(|e| crate::core::file::safe_write::io_reason(&e))
            });
        match result {
            Ok((export, Printed::Sent)) => self.note(format!("已发送打印（{} 页）", export.pages)),
            Ok((export, Printed::Opened)) => self.note(format!(
                "没有找到可用的打印机，已打开 PDF（{} 页），请在其中打印",
                export.pages
            )),
            Err(e) => self.show_error(&format!("打印失败：{e}")),
        }
    }
}
