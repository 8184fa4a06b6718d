//! 从指标库添加…: the common-indicator library as a searchable list (words, pinyin or its
//! initials, project type, 一级), the chosen entry's explanation beside it, several
//! entries ticked and added at once to the selected 二级 (or each under its own 一级 and
//! 二级) in the template's columns — one undo step.

use std::collections::BTreeSet;

use egui::{RichText, TextEdit, Ui};

use crate::core::editing::edit::Edit;
use crate::core::library::{add_entries, bundled, Destination, Library};
use crate::core::validate::display_name;
use crate::ui::state::{Node, PanelCtx};

/// The picker's window and what is typed and ticked in it.
#[derive(Default)]
pub struct LibraryPicker {
    open: bool,
    /// The search field takes the keyboard on the next frame (just opened).
    focus_search: bool,
    query: String,
    kind: Option<String>,
    level1: Option<String>,
    chosen: BTreeSet<usize>,
    shown: Option<usize>,
    /// 我的指标 (the clerk's own forms) rather than the bundled library.
    mine: bool,
}

/// Where the selection says new rows go.
fn destination(selection: &Node, grid: usize) -> Destination {
    match *selection {
        Node::Group(g, goal, gr) => Destination {
            grid: g,
            group: Some((goal, gr)),
        },
        Node::Indicator(p) => Destination {
            grid: p.grid,
            group: Some((p.goal, p.group)),
        },
        _ => Destination { grid, group: None },
    }
}

impl LibraryPicker {
    pub fn is_open(&self) -> bool {
        self.open
    }

    /// Opens the picker with the keyboard in its search field.
    pub fn open(&mut self) {
        self.open = true;
        self.focus_search = true;
    }

    pub fn show(&mut self, ui: &mut Ui, cx: &mut PanelCtx, grid: usize) {
        if !self.open {
            return;
        }
        let mut open = true;
        let to = destination(&cx.state.selection, grid);
        egui::Window::new("从指标库添加指标")
            .open(&mut open)
            .default_size([760.0, 520.0])
            .collapsible(false)
            .show(ui.ctx(), |ui| self.contents(ui, cx, to));
        self.open &= open;
    }

    fn contents(&mut self, ui: &mut Ui, cx: &mut PanelCtx, to: Destination) {
        let mine = cx.state.my_library.clone();
        let empty = Library::from_entries(Vec::new());
        let lib: &Library = if self.mine {
            mine.as_deref().unwrap_or(&empty)
        } else {
            bundled()
        };
        ui.horizontal(|ui| {
            let before = self.mine;
            ui.selectable_value(&mut self.mine, false, "指标库");
            let n = mine.as_ref().map_or(0, |l| l.entries.len());
            ui.selectable_value(&mut self.mine, true, format!("我的指标（{n}）"));
            if before != self.mine {
                self.chosen.clear();
                self.shown = None;
                self.kind = None;
            }
        });
        if self.mine && lib.entries.is_empty() {
            ui.label(
                RichText::new(
                    "还没有记住的指标：打开或保存过的表单会记在这里，也可在“设置 → 我的指标”中读取存放往年表单的文件夹。",
                )
                .weak(),
            );
        }
        ui.horizontal_wrapped(|ui| {
            let label = ui.label("搜索");
            let search = ui
                .add(
                    TextEdit::singleline(&mut self.query)
                        .hint_text("名称、拼音或首字母，如 pxrc")
                        .desired_width(220.0),
                )
                .labelled_by(label.id);
            if std::mem::take(&mut self.focus_search) {
                search.request_focus();
            }
            let kind_label = ui.label("类型");
            egui::ComboBox::from_id_salt("library kind")
                .selected_text(self.kind.as_deref().unwrap_or("全部"))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.kind, None, "全部");
                    for k in lib.kinds() {
                        ui.selectable_value(&mut self.kind, Some(k.to_string()), k);
                    }
                })
                .response
                .labelled_by(kind_label.id);
            let level_label = ui.label("一级");
            egui::ComboBox::from_id_salt("library level1")
                .selected_text(self.level1.as_deref().unwrap_or("全部"))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.level1, None, "全部");
                    for l in ["产出指标", "效益指标", "满意度指标"] {
                        ui.selectable_value(&mut self.level1, Some(l.to_string()), l);
                    }
                })
                .response
                .labelled_by(level_label.id);
        });
        let found = lib.search(&self.query, self.kind.as_deref(), self.level1.as_deref());
        ui.label(
            RichText::new(format!(
                "找到 {} 条，已选 {} 条。勾选后点下方按钮添加；示例值只是示例，请按本项目实际修改。",
                found.len(),
                self.chosen.len()
            ))
            .weak(),
        );
        ui.separator();
        ui.horizontal_top(|ui| {
            // the list's height leaves room for the rest: the window's buttons stay in
            // view whatever the list holds, at any text size and window size
            let height = (ui.ctx().content_rect().height() - 300.0).clamp(100.0, 340.0);
            ui.vertical(|ui| {
                ui.set_width(ui.available_width() * 0.58);
                egui::ScrollArea::vertical()
                    .id_salt("library list")
                    .max_height(height)
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        for &i in &found {
                            let e = &lib.entries[i];
                            ui.horizontal(|ui| {
                                let mut ticked = self.chosen.contains(&i);
                                if ui.checkbox(&mut ticked, &e.name).changed() {
                                    if ticked {
                                        self.chosen.insert(i);
                                    } else {
                                        self.chosen.remove(&i);
                                    }
                                    self.shown = Some(i);
                                }
                                let value = if e.sign == "定性" {
                                    e.value.clone()
                                } else {
                                    format!("{}{}{}", e.sign, e.value, e.unit)
                                };
                                let info = ui.add(
                                    egui::Label::new(
                                        RichText::new(format!(
                                            "{} · {} · {value}",
                                            e.kind, e.level2
                                        ))
                                        .weak(),
                                    )
                                    .sense(egui::Sense::click()),
                                );
                                if info.clicked() || info.hovered() {
                                    self.shown = Some(i);
                                }
                            });
                        }
                    });
            });
            ui.add_space(12.0);
            ui.vertical(|ui| match self.shown.and_then(|i| lib.entries.get(i)) {
                Some(e) => {
                    ui.strong(&e.name);
                    ui.label(format!("{} / {}（{}）", e.level1, e.level2, e.kind));
                    let value = if e.sign == "定性" {
                        format!("定性：{}", e.value)
                    } else {
                        format!("{} {} {}", e.sign, e.value, e.unit)
                    };
                    ui.label(format!("示例：{value}"));
                    ui.label(format!("指标解释：{}", e.explanation));
                    if !e.scoring.is_empty() {
                        ui.label(format!("评分标准：{}", e.scoring));
                    }
                }
                None => {
                    ui.label(RichText::new("指向一条指标，这里显示它的解释。").weak());
                }
            });
        });
        ui.separator();
        ui.horizontal(|ui| {
            let place = match to.group {
                Some((g, gr)) => cx
                    .form
                    .group(to.grid, g, gr)
                    .map(|group| format!("添加到二级目标“{}”", display_name(&group.name)))
                    .unwrap_or_default(),
                None => "按各指标的一级、二级归入（没有的会新建）".to_string(),
            };
            ui.label(place);
            let n = self.chosen.len();
            if ui
                .add_enabled(n > 0, egui::Button::new(format!("添加 {n} 个指标")))
                .clicked()
            {
                let entries: Vec<&_> = self.chosen.iter().map(|&i| &lib.entries[i]).collect();
                let (form, added) = add_entries(cx.form, cx.template, to, &entries);
                if added > 0 {
                    cx.edits.push(Edit::AddFromLibrary {
                        form: Box::new(form),
                        added,
                    });
                }
                self.chosen.clear();
                self.open = false;
            }
            if ui.button("取消").clicked() {
                self.open = false;
            }
        });
    }
}
