//! 打印… (Ctrl+P): the system's printers with the default chosen, copies, a page range
//! and both sides; the form's PDF is sent as exported. Where there is no print system,
//! it is stopped or has no printer, the dialog says so and offers 导出 PDF… instead.

use egui::{Id, RichText};

use crate::core::editing::rollover::suggested_file_name;
use crate::platform::printing::{self, Job, PrintError, Printers};
use crate::ui::commands::Action;

use super::App;

/// What the print dialog holds while it is open.
#[derive(Debug, Clone)]
pub(super) struct PrintDialog {
    printers: Result<Printers, PrintError>,
    chosen: String,
    copies: String,
    pages: String,
    duplex: bool,
    /// Why the last attempt failed.
    failed: Option<String>,
}

impl PrintDialog {
    pub(super) fn new() -> PrintDialog {
        let printers = printing::printers();
        let chosen = match &printers {
            Ok(p) => p
                .default
                .clone()
                .or_else(|| p.names.first().cloned())
                .unwrap_or_default(),
            Err(_) => String::new(),
        };
        PrintDialog {
            printers,
            chosen,
            copies: "1".into(),
            pages: String::new(),
            duplex: false,
            failed: None,
        }
    }
}

impl App {
    /// Draws the dialog; `false` once it is closed.
    pub(super) fn show_print(&mut self, ctx: &egui::Context, d: &mut PrintDialog) -> bool {
        let mut open = true;
        let mut send = false;
        let mut export = false;
        egui::Modal::new(Id::unique("print")).show(ctx, |ui| {
            ui.set_max_width(460.0);
            ui.heading("打印");
            ui.add_space(6.0);
            match &d.printers {
                Err(e) => {
                    ui.label(
                        RichText::new(e.to_string())
                            .color(crate::ui::theme::error_color(ui.visuals())),
                    );
                }
                Ok(list) => {
                    egui::Grid::new("print options")
                        .num_columns(2)
                        .spacing([12.0, 8.0])
                        .show(ui, |ui| {
                            let label = ui.label("打印机");
                            egui::ComboBox::from_id_salt("printer")
                                .selected_text(&d.chosen)
                                .width(240.0)
                                .show_ui(ui, |ui| {
                                    for name in &list.names {
                                        let shown = if Some(name) == list.default.as_ref() {
                                            format!("{name}（默认）")
                                        } else {
                                            name.clone()
                                        };
                                        ui.selectable_value(&mut d.chosen, name.clone(), shown);
                                    }
                                })
                                .response
                                .labelled_by(label.id);
                            ui.end_row();
                            let label = ui.label("份数");
                            ui.add(egui::TextEdit::singleline(&mut d.copies).desired_width(60.0))
                                .labelled_by(label.id);
                            ui.end_row();
                            if printing::PAGES_AND_SIDES {
                                let label = ui.label("页码范围");
                                ui.add(
                                    egui::TextEdit::singleline(&mut d.pages)
                                        .hint_text("全部；或如 1-3,5")
                                        .desired_width(160.0),
                                )
                                .labelled_by(label.id);
                                ui.end_row();
                                ui.label("");
                                ui.checkbox(&mut d.duplex, "双面打印（打印机支持时）");
                                ui.end_row();
                            } else {
                                ui.label("");
                                ui.label(
                                    RichText::new(
                                        "页码范围和双面：在随后打开的 PDF 程序的打印对话框中选择",
                                    )
                                    .weak(),
                                );
                                ui.end_row();
                            }
                        });
                }
            }
            if let Some(f) = &d.failed {
                ui.add_space(4.0);
                ui.label(RichText::new(f).color(crate::ui::theme::error_color(ui.visuals())));
            }
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(
                        d.printers.is_ok(),
                        egui::Button::new(RichText::new("打印").strong()),
                    )
                    .clicked()
                {
                    send = true;
                }
                if ui.button("导出 PDF…").clicked() {
                    export = true;
                }
                if ui.button("取消").clicked() {
                    open = false;
                }
            });
        });
        if export {
            self.actions.push(Action::ExportPdf);
            return false;
        }
        if send {
            let copies = match d.copies.trim().parse::<u32>() {
                Ok(n) => n,
                Err(_) => {
                    d.failed = Some(format!("份数“{}”不是数字", d.copies.trim()));
                    return true;
                }
            };
            let pages = Some(d.pages.trim().to_string()).filter(|p| !p.is_empty());
            let dir = std::env::temp_dir().join("jixiao-打印");
            let name = suggested_file_name(self.doc.form(), "pdf");
            let pdf = dir.join(&name);
            let job = Job {
                printer: Some(d.chosen.clone()).filter(|c| !c.is_empty()),
                copies,
                pages,
                duplex: d.duplex,
                title: name.trim_end_matches(".pdf").to_string(),
            };
            // a bad range or copies is said before the PDF is made
            if let Some(p) = &job.pages {
                if !printing::valid_pages(p) {
                    d.failed = Some(PrintError::BadPages(p.clone()).to_string());
                    return true;
                }
            }
            let sent = std::fs::create_dir_all(&dir)
                .map_err(|e| e.to_string())
                .and_then(|()| {
                    crate::pdf::export_draft_to(
                        &self.printed_form(),
                        &pdf,
                        self.settings.print_draft,
                    )
                    .map_err(|e| e.to_string())
                })
                .and_then(|export| {
                    printing::print(&pdf, &job)
                        .map(|_| export.pages)
                        .map_err(|e| e.to_string())
                });
            match sent {
                Ok(pages) => {
                    self.note(format!(
                        "已发送到打印机 {}：{pages} 页 × {copies} 份",
                        job.printer.as_deref().unwrap_or("（默认）")
                    ));
                    return false;
                }
                Err(e) => {
                    d.failed = Some(e);
                    return true;
                }
            }
        }
        open
    }
}
