//! The bottom panel: validation problems, live, and the review list after a rollover or
//! import. Clicking an entry selects and focuses the place it names.

use egui::{RichText, Ui};

use crate::core::editing::edit::Edit;
use crate::ui::nodes::go_to;
use crate::ui::state::PanelCtx;
use crate::ui::theme;

/// Which list the bottom panel shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BottomTab {
    #[default]
    Problems,
    Review,
}

/// The bottom panel and what it keeps: the list shown.
#[derive(Default)]
pub struct ProblemsPanel {
    pub tab: BottomTab,
}

impl ProblemsPanel {
    pub fn show(&mut self, ui: &mut Ui, cx: &mut PanelCtx) {
        show(&mut self.tab, ui, cx);
    }
}

fn show(tab: &mut BottomTab, ui: &mut Ui, cx: &mut PanelCtx) {
    let (form, problems) = (cx.form, cx.problems);
    let state = &mut *cx.state;
    let edits: &mut Vec<Edit> = cx.edits;
    let review = &form.review;
    ui.horizontal(|ui| {
        let errors = problems.errors();
        let warnings = problems.list.len() - errors;
        let to_fill = match problems.to_fill.len() {
            0 => String::new(),
            n => format!("，{n} 项待填写"),
        };
        ui.selectable_value(
            tab,
            BottomTab::Problems,
            format!("检查结果（{errors} 个错误，{warnings} 个提醒{to_fill}）"),
        );
        if problems.review_off > 0 {
            let hidden = match problems.review_hidden {
                0 => String::new(),
                n => format!("，{n} 个提醒未列出"),
            };
            ui.label(
                RichText::new(format!(
                    "已关闭 {} 项审核要点{hidden}（设置中可打开）",
                    problems.review_off
                ))
                .weak(),
            );
        }
        if !review.is_empty() {
            ui.selectable_value(
                tab,
                BottomTab::Review,
                format!("复核清单（{} 项待处理）", review.open_items()),
            );
        } else if *tab == BottomTab::Review {
            *tab = BottomTab::Problems;
        }
    });
    ui.separator();
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| match *tab {
            BottomTab::Problems => {
                if problems.list.is_empty() && problems.to_fill.is_empty() {
                    ui.label(RichText::new("没有发现问题。").weak());
                }
                for p in &problems.list {
                    let color = theme::severity_color(ui.visuals(), p.severity);
                    ui.horizontal_top(|ui| {
                        ui.label(RichText::new(p.severity.label()).color(color));
                        // a long message wraps under itself rather than being cut
                        ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Wrap);
                        if ui.link(format!("[{}] {}", p.place, p.message)).clicked() {
                            go_to(state, p.location.clone(), p.column, None);
                        }
                    });
                }
                for p in &problems.to_fill {
                    ui.horizontal(|ui| {
                        ui.label(RichText::new("待填写").weak());
                        if ui.link(format!("[{}] 请填写", p.place)).clicked() {
                            go_to(state, p.location.clone(), p.column, None);
                        }
                    });
                }
            }
            BottomTab::Review => {
                ui.horizontal(|ui| {
                    ui.label(RichText::new(&review.title).strong());
                    let all_done = review.open_items() == 0;
                    if ui
                        .add_enabled(all_done, egui::Button::new("关闭清单"))
                        .on_hover_text("全部处理完后可关闭；清单随表单保存，直到关闭")
                        .on_disabled_hover_text("还有未处理的项目")
                        .clicked()
                    {
                        edits.push(Edit::ClearReview);
                    }
                });
                for (i, item) in review.items.iter().enumerate() {
                    ui.horizontal_top(|ui| {
                        ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Wrap);
                        let mut done = item.done;
                        if ui.checkbox(&mut done, "").on_hover_text("已处理").changed() {
                            edits.push(Edit::SetReviewDone(i, done));
                        }
                        let text = RichText::new(item.to_string());
                        let text = if item.done {
                            text.strikethrough().weak()
                        } else {
                            text
                        };
                        if ui.link(text).clicked() {
                            go_to(
                                state,
                                item.location.clone(),
                                None,
                                item.char_offset.map(|o| (o, item.len)),
                            );
                        }
                    });
                }
            }
        });
}
