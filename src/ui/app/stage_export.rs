//! 文件 → 导出监控表 PDF… / 导出自评表 PDF…: the year's later stages as their own tables,
//! laid out and written by the core and the PDF writer.

use std::path::Path;

use crate::core::editing::rollover::suggested_file_name;
use crate::core::exchange::stage_table::{monitor_table, self_eval_table};
use crate::core::file::store;
use crate::ui::commands::Action;

use super::dialogs::PathPurpose;
use super::App;

impl App {
    /// Asks where the 自评 or 监控 table goes.
    pub(super) fn ask_stage_pdf(&mut self, ctx: &egui::Context, action: &Action) {
        let (purpose, kind) = if *action == Action::ExportSelfEvalPdf {
            (PathPurpose::ExportSelfEval, "绩效自评表")
        } else {
            (PathPurpose::ExportMonitor, "绩效监控表")
        };
        let name =
            suggested_file_name(self.doc.form(), "pdf").replace(".pdf", &format!("-{kind}.pdf"));
        let default = self.default_dir().join(name);
        self.dialogs.ask(ctx, purpose, default);
    }

    /// Writes the 自评 (or 监控) table of the open form to `path`.
    pub(super) fn export_stage_to(&mut self, path: &Path, self_eval: bool) {
        if !self.export_allowed(path) {
            return;
        }
        let form = self.doc.form();
        let (table, kind) = if self_eval {
            let card = crate::core::scorecard::score(form, &self.template);
            (self_eval_table(form, &self.template, &card), "绩效自评表")
        } else {
            let card = crate::core::monitor_card::monitor(form, &self.template);
            (monitor_table(form, &self.template, &card), "绩效监控表")
        };
        let title = format!(
            "{}年度 {} {kind}",
            form.year,
            form.field("project_name").trim()
        );
        let written = crate::pdf::export_table(&table, &title)
            .map_err(|e| e.to_string())
            .and_then(|export| {
                store::write_atomically(path, &export.bytes, false)
                    .map(|()| export.pages)
                    .map_err(|e| e.to_string())
            });
        match written {
            Ok(pages) => self.note(format!(
                "已导出{kind}（{pages} 页）到 {}",
                path.file_name().unwrap_or_default().to_string_lossy()
            )),
            Err(e) => self.show_error(&e),
        }
    }
}
