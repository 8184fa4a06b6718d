//! The questions and messages shown over the window.

use std::path::PathBuf;

use super::dialogs::{self, PathPurpose, SaveChoice};
use super::{Action, App};
use crate::core::file::lock::LockHolder;
use crate::core::file::recovery::Leftover;

use crate::ui::nodes;
use egui::RichText;

/// A question or message shown over the window.
pub(super) enum Modal {
    Unsaved {
        then: Action,
    },
    /// 新建: the template to start from and the year the form is for.
    NewForm {
        year: i32,
    },
    /// Export or print of a form that still has errors: go on, or fix them first.
    ErrorsFirst {
        then: Action,
        errors: usize,
    },
    /// Which template to move the form to.
    ChangeTemplate,
    Error(String),
    Exported {
        path: PathBuf,
        pages: usize,
        missing: Vec<String>,
    },
    /// Copies left by windows that ended without saving.
    Recover {
        leftovers: Vec<Leftover>,
    },
    /// Another window has the file the user is opening.
    HeldBy {
        path: PathBuf,
        holder: LockHolder,
    },
    /// The file changed on disk since it was opened; what the other side changed.
    Conflict {
        changes: Vec<String>,
    },
    /// 使用说明, 快捷键 or 关于.
    Help(super::help::HelpPage),
    /// The 设置 dialog.
    Settings,
    /// Information, not an error.
    Notice {
        title: String,
        body: String,
    },
    /// 替换 or 追加 the grid read from a sheet.
    ConfirmGrid {
        grid: Box<crate::core::exchange::grid_xlsx::ImportedGrid>,
        file: String,
        /// What 替换 and what 追加 would change, field by field.
        preview: Box<[Vec<String>; 2]>,
    },
    /// Which template an import was read as, and the choice of another.
    ImportResult(Box<super::import_result::ImportResult>),
    /// 打印…: printer, copies, pages, both sides.
    Print(Box<super::print_dialog::PrintDialog>),
    /// The paste box of 导入表单文本.
    ImportText {
        text: String,
        note: Option<String>,
    },
}

impl App {
    pub(super) fn show_modals(&mut self, ctx: &egui::Context) {
        if let Some(node) = self.confirm_delete.clone() {
            let (what, count) = nodes::describe_for_delete(self.doc.form(), &node);
            let body = format!("“{what}”下有 {count} 个指标，删除后可用“撤销”恢复。确定删除吗？");
            match dialogs::confirm(ctx, "删除", &body, "删除") {
                Some(true) => {
                    if let Some(edit) = nodes::delete_edit(&node) {
                        self.edits.push(edit);
                    }
                    self.confirm_delete = None;
                }
                Some(false) => self.confirm_delete = None,
                None => {}
            }
        }
        if self.modal.is_none() && std::mem::take(&mut self.recovery_pending) {
            self.offer_recovery(false);
        }
        match self.modal.take() {
            None => {}
            Some(Modal::Recover { leftovers }) => self.show_recover(ctx, leftovers),
            Some(Modal::ImportResult(result)) => {
                if let Some(open) = self.show_import_result(ctx, *result) {
                    self.modal = Some(Modal::ImportResult(Box::new(open)));
                }
            }
            Some(Modal::HeldBy { path, holder }) => self.show_held_by(ctx, path, holder),
            Some(Modal::Conflict { changes }) => self.show_conflict(ctx, changes),
            Some(Modal::Help(page)) if self.show_help(ctx, page) => {
                self.modal = Some(Modal::Help(page));
            }
            Some(Modal::Help(_)) => {}
            Some(Modal::Settings) if self.show_settings(ctx) => self.modal = Some(Modal::Settings),
            Some(Modal::Settings) => {}
            Some(Modal::Notice { title, body })
                if !dialogs::message(ctx, "notice", &title, &body, |_| {}) =>
            {
                self.modal = Some(Modal::Notice { title, body });
            }
            Some(Modal::Notice { .. }) => {}
            Some(Modal::Print(mut dialog)) => {
                let keep = self.show_print(ctx, &mut dialog);
                self.modal = keep.then(|| Modal::Print(dialog));
            }
            Some(Modal::ErrorsFirst { then, errors }) => {
                let what = if then == Action::Print {
                    "打印"
                } else {
                    "导出 PDF"
                };
                let body = format!(
                    "表单还有 {errors} 个错误（见下方“检查结果”）。仍要{what}吗？送审前请改正。"
                );
                match dialogs::confirm(ctx, "表单还有错误", &body, &format!("仍要{what}")) {
                    Some(true) => self.run(ctx, then, true),
                    Some(false) => {}
                    None => self.modal = Some(Modal::ErrorsFirst { then, errors }),
                }
            }
            Some(Modal::Unsaved { then }) => {
                let what = match then {
                    Action::Quit => "关闭",
                    Action::New => "新建表单",
                    Action::Rollover => "从上年文件新建",
                    Action::ImportText => "导入上年表单",
                    _ => "打开其他文件",
                };
                match dialogs::unsaved_prompt(ctx, &self.file_name(), what) {
                    None => self.modal = Some(Modal::Unsaved { then }),
                    Some(SaveChoice::Save) => match self.doc.path.clone() {
                        Some(_) => {
                            self.after_save = Some(then);
                            if self.save_own(ctx, false) {
                                self.continue_after_save(ctx);
                            }
                        }
                        None => {
                            self.after_save = Some(then);
                            self.run(ctx, Action::SaveAs, true);
                        }
                    },
                    Some(SaveChoice::Discard) => self.run(ctx, then, true),
                    Some(SaveChoice::Cancel) => {}
                }
            }
            Some(Modal::ConfirmGrid {
                grid,
                file,
                preview,
            }) => {
                let mut choice = None;
                egui::Modal::new(egui::Id::unique("confirm_grid")).show(ctx, |ui| {
                    ui.heading("导入指标表");
                    ui.label(format!(
                        "从“{file}”读取到 {} 个一级目标、{} 个指标。要替换现有的指标表（{} 个指标），还是追加到后面？导入后可用“撤销”恢复。",
                        grid.goals.len(),
                        grid.indicator_count(),
                        self.doc.form().indicator_count()
                    ));
                    for item in &grid.review {
                        ui.label(egui::RichText::new(item.to_string()).color(crate::ui::theme::warn_color(ui.visuals())));
                    }
                    for (what, changes) in [("替换", &preview[0]), ("追加", &preview[1])] {
                        egui::CollapsingHeader::new(format!("{what}后的变化"))
                            .id_salt(what)
                            .show(ui, |ui| {
                                egui::ScrollArea::vertical()
                                    .id_salt(what)
                                    .max_height(160.0)
                                    .show(ui, |ui| {
                                        for line in changes.iter() {
                                            ui.label(format!("• {line}"));
                                        }
                                    });
                            });
                    }
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        if ui.button("替换").clicked() {
                            choice = Some(Some(true));
                        }
                        if ui.button("追加").clicked() {
                            choice = Some(Some(false));
                        }
                        if ui.button("取消").clicked() {
                            choice = Some(None);
                        }
                    });
                });
                match choice {
                    None => {
                        self.modal = Some(Modal::ConfirmGrid {
                            grid,
                            file,
                            preview,
                        })
                    }
                    Some(Some(replace)) => {
                        let grid = *grid;
                        self.apply_grid(grid.goals, replace, grid.review, &file);
                    }
                    Some(None) => {}
                }
            }
            Some(Modal::ImportText { mut text, note }) => {
                #[derive(PartialEq)]
                enum Choice {
                    Stay,
                    Import,
                    FromFile,
                    Cancel,
                }
                let mut choice = Choice::Stay;
                let response = egui::Modal::new(egui::Id::unique("import_text")).show(ctx, |ui| {
                    // fits a small window with large text: the buttons come first, the
                    // paste box takes the height that is left
                    let screen = ui.ctx().content_rect();
                    ui.set_width(dialogs::fit_width(ui, 720.0));
                    ui.heading("导入上年表单");
                    ui.label("选择上年表单的文件（PDF、Word、Excel、文本或本程序的表单文件），或把从中复制的整张表单粘贴到下面。程序自动识别表样；导入后请按“复核清单”核对。原文件不会被改动。");
                    if let Some(note) = &note {
                        ui.label(egui::RichText::new(note).color(crate::ui::theme::warn_color(ui.visuals())));
                    }
                    ui.horizontal_wrapped(|ui| {
                        if ui.button("选择文件…").clicked() {
                            choice = Choice::FromFile;
                        }
                        if ui.add_enabled(!text.trim().is_empty(), egui::Button::new("导入")).clicked() {
                            choice = Choice::Import;
                        }
                        if ui.button("取消").clicked() {
                            choice = Choice::Cancel;
                        }
                    });
                    let label = ui.label("表单文本");
                    let room = (screen.bottom() - ui.cursor().top() - 48.0).clamp(60.0, 380.0);
                    let rows = ((room / ui.text_style_height(&egui::TextStyle::Body)) as usize).max(2);
                    egui::ScrollArea::vertical().max_height(room).show(ui, |ui| {
                        ui.add(
                            egui::TextEdit::multiline(&mut text)
                                .desired_rows(rows)
                                .desired_width(f32::INFINITY)
                                .hint_text("在此粘贴表单文本"),
                        )
                        .labelled_by(label.id);
                    });
                });
                if response.should_close() && choice == Choice::Stay {
                    choice = Choice::Cancel;
                }
                match choice {
                    Choice::Stay => self.modal = Some(Modal::ImportText { text, note }),
                    Choice::Import => self.import_text(&text),
                    Choice::FromFile => {
                        self.dialogs
                            .ask(ctx, PathPurpose::ImportText, self.default_dir().join(""))
                    }
                    Choice::Cancel => {}
                }
            }
            Some(Modal::ChangeTemplate) => {
                let mut chosen = None;
                let mut close = false;
                let templates = self.templates.clone();
                let current = self.template.id.clone();
                egui::Modal::new(egui::Id::unique("change_template")).show(ctx, |ui| {
                    ui.heading("更换表样");
                    ui.label(format!(
                        "当前表样：{}。同名的栏目会带过去，指标目标值按需要拆分为指标性质、指标值、度量单位；放不下的内容列入复核清单并保留在文件中。可以撤销。",
                        self.template.name
                    ));
                    ui.add_space(6.0);
                    for t in templates.list.iter().filter(|t| t.id != current) {
                        if ui.button(RichText::new(&t.name).strong()).clicked() {
                            chosen = Some(t.clone());
                        }
                        if !t.description.is_empty() {
                            ui.label(RichText::new(&t.description).weak().small());
                        }
                    }
                    ui.add_space(6.0);
                    if ui.button("取消").clicked() {
                        close = true;
                    }
                });
                match chosen {
                    Some(t) => self.change_template(t),
                    None if !close => self.modal = Some(Modal::ChangeTemplate),
                    None => {}
                }
            }
            Some(Modal::NewForm { mut year }) => {
                let mut chosen = None;
                let mut close = false;
                let mut reload = false;
                let templates = self.templates.clone();
                egui::Modal::new(egui::Id::unique("new_form")).show(ctx, |ui| {
                    ui.heading("新建表单");
                    ui.horizontal_wrapped(|ui| {
                        ui.label("年度：");
                        let this_year = chrono::Datelike::year(&chrono::Local::now().date_naive());
                        for y in (this_year - 1)..=(this_year + 2) {
                            ui.selectable_value(&mut year, y, format!("{y} 年"));
                        }
                    });
                    ui.label("选择表样，新表单带有它的栏目和一级、二级指标：");
                    ui.add_space(6.0);
                    egui::ScrollArea::vertical()
                        .max_height(360.0)
                        .show(ui, |ui| {
                            for (t, user) in templates.list.iter().zip(&templates.from_user) {
                                let name = if *user {
                                    format!("{}（自定义）", t.name)
                                } else {
                                    t.name.clone()
                                };
                                if ui.button(RichText::new(name).strong()).clicked() {
                                    chosen = Some(t.clone());
                                }
                                if !t.description.is_empty() {
                                    ui.label(RichText::new(&t.description).weak().small());
                                }
                                ui.add_space(4.0);
                            }
                            for broken in &templates.broken {
                                ui.label(
                                    RichText::new(format!("无法使用：{}", broken.message))
                                        .color(crate::ui::theme::error_color(ui.visuals()))
                                        .small(),
                                );
                            }
                        });
                    ui.add_space(6.0);
                    ui.horizontal(|ui| {
                        if let Some(dir) = self.config_template_dir() {
                            if ui
                                .button("打开表样文件夹")
                                .on_hover_text(format!(
                                    "把自己的表样文件（.ron）放到这里，然后点“重新读取”：{}",
                                    crate::core::printable::path(&dir)
                                ))
                                .clicked()
                            {
                                let _ = std::fs::create_dir_all(&dir);
                                if let Err(e) = dialogs::open_with_system(&dir) {
                                    self.note(e);
                                }
                            }
                            if ui.button("重新读取").clicked() {
                                reload = true;
                            }
                        }
                        if ui.button("取消").clicked() {
                            close = true;
                        }
                    });
                });
                if reload {
                    self.reload_templates();
                }
                match chosen {
                    Some(template) => self.new_document(Some(template), year),
                    None if !close => self.modal = Some(Modal::NewForm { year }),
                    None => {}
                }
            }
            Some(Modal::Error(message))
                if !dialogs::message(ctx, "error", "出错了", &message, |_| {}) =>
            {
                self.modal = Some(Modal::Error(message));
            }
            Some(Modal::Error(_)) => {}
            Some(Modal::Exported {
                path,
                pages,
                missing,
            }) => {
                let mut body = format!("已导出 {}，共 {pages} 页。", path.display());
                if !missing.is_empty() {
                    body.push_str(
                        "\n\n注意：字体中没有以下字符，PDF 中显示为空框，请改用常见写法：\n",
                    );
                    body.push_str(&missing.join("\n"));
                }
                let mut open_failed = None;
                let done = dialogs::message(ctx, "exported", "导出 PDF", &body, |ui| {
                    if ui.button("打开 PDF").clicked() {
                        if let Err(e) = dialogs::open_with_system(&path) {
                            open_failed = Some(e);
                        }
                    }
                });
                if let Some(e) = open_failed {
                    self.show_error(&e);
                } else if !done {
                    self.modal = Some(Modal::Exported {
                        path,
                        pages,
                        missing,
                    });
                }
            }
        }
    }
}
