//! The bottom panel: validation problems, live, and the review list after a rollover or
//! import. Clicking an entry selects and focuses the place it names.

use egui::{RichText, Ui};

use crate::core::edit::Edit;
use crate::core::model::{FieldId, Form, TextField};
use crate::core::validate::{Location, Severity};

use super::app::{BottomTab, Focus, Node, ProblemIndex, UiState};

pub fn show(
    ui: &mut Ui,
    form: &Form,
    problems: &ProblemIndex,
    state: &mut UiState,
    edits: &mut Vec<Edit>,
) {
    let review = &form.review;
    ui.horizontal(|ui| {
        let errors = problems.errors();
        let warnings = problems.list.len() - errors;
        let to_fill = match problems.to_fill.len() {
            0 => String::new(),
            n => format!("，{n} 项待填写"),
        };
        ui.selectable_value(
            &mut state.bottom_tab,
            BottomTab::Problems,
            format!("检查结果（{errors} 个错误，{warnings} 个提醒{to_fill}）"),
        );
        if !review.is_empty() {
            ui.selectable_value(
                &mut state.bottom_tab,
                BottomTab::Review,
                format!("复核清单（{} 项待处理）", review.open_items()),
            );
        } else if state.bottom_tab == BottomTab::Review {
            state.bottom_tab = BottomTab::Problems;
        }
    });
    ui.separator();
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| match state.bottom_tab {
            BottomTab::Problems => {
                if problems.list.is_empty() && problems.to_fill.is_empty() {
                    ui.label(RichText::new("没有发现问题。").weak());
                }
                for p in &problems.list {
                    let color = match p.severity {
                        Severity::Error => ui.visuals().error_fg_color,
                        Severity::Warning => ui.visuals().warn_fg_color,
                    };
                    ui.horizontal(|ui| {
                        ui.label(RichText::new(p.severity.label()).color(color));
                        if ui.link(format!("[{}] {}", p.place, p.message)).clicked() {
                            go_to(state, p.location, None);
                        }
                    });
                }
                for p in &problems.to_fill {
                    ui.horizontal(|ui| {
                        ui.label(RichText::new("待填写").weak());
                        if ui.link(format!("[{}] 请填写", p.place)).clicked() {
                            go_to(state, p.location, None);
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
                    ui.horizontal(|ui| {
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
                                item.location,
                                item.char_offset.map(|o| (o, item.len)),
                            );
                        }
                    });
                }
            }
        });
}

/// Shows and focuses what `location` names.
pub fn go_to(state: &mut UiState, location: Location, char_offset: Option<(usize, usize)>) {
    state.scroll_to_selection = true;
    match location {
        Location::Field(field) => {
            state.selection = match field {
                FieldId::Text(TextField::Section(kind)) => Node::Section(kind),
                FieldId::Budget(_) => Node::Budget,
                _ => Node::Header,
            };
            state.focus = Some(Focus::Field(field));
            state.section_cursor = char_offset;
        }
        Location::Grid => state.selection = Node::Grid,
        Location::Goal(g) => state.selection = Node::Goal(g),
        Location::Group(g, gr) => state.selection = Node::Group(g, gr),
        Location::Indicator(path) => {
            state.selection = Node::Indicator(path);
            state.focus = Some(Focus::IndicatorTarget(path));
            state.grid_filter.clear();
        }
    }
}
