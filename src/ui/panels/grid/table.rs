//! The grid's table: the rows on screen, and in a wide layout the 一级/二级/三级指标
//! columns kept in place while the other columns scroll sideways (a frozen pane).

use egui::{Align, RichText, Sense, Ui};
use egui_extras::{Column, TableBuilder};

use crate::core::model::{Group, IndicatorPath};
use crate::core::template::{ColumnKind, GridSpec};
use crate::core::validate::display_name;
use crate::ui::nodes;
use crate::ui::state::{Node, PanelCtx};
use crate::ui::theme::ROW_HEIGHT;

use super::{cell_editor, Cell, Grid};

/// Which columns one table draws.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    /// 一级, 二级 and every column.
    Whole,
    /// 一级, 二级 and the columns up to 三级指标 (kept in place).
    Frozen,
    /// The columns after 三级指标 (scrolled sideways).
    Rest,
}

/// The rows and columns to draw.
pub(super) struct Rows<'a> {
    pub g: usize,
    pub spec: &'a GridSpec,
    pub rows: &'a [IndicatorPath],
    pub selected: Option<IndicatorPath>,
}

pub(super) fn show(ui: &mut Ui, grid: &mut Grid, cx: &mut PanelCtx, rows: &Rows) {
    let kinds: Vec<ColumnKind> = rows.spec.columns.iter().map(|c| c.kind).collect();
    // Many columns (指标性质 … 评（扣）分标准) scroll sideways in a narrow window.
    let wide = kinds.len() > 2;
    let split = kinds
        .iter()
        .position(|k| *k == ColumnKind::Name)
        .map(|i| i + 1)
        .filter(|&s| wide && s < kinds.len());
    let Some(split) = split else {
        if wide {
            egui::ScrollArea::horizontal()
                .id_salt(("indicator_grid_wide", rows.g))
                .show(ui, |ui| draw(ui, grid, cx, rows, (&kinds, Part::Whole, 0)));
        } else {
            draw(ui, grid, cx, rows, (&kinds, Part::Whole, 0));
        }
        return;
    };
    // Two tables side by side, scrolled down together: whichever the clerk scrolled
    // sets the offset both take on the next frame.
    let before = grid.scroll_y;
    let height = ui.available_height();
    let (left, right) = ui
        .horizontal_top(|ui| {
            let left = ui
                .vertical(|ui| {
                    ui.set_height(height);
                    draw(ui, grid, cx, rows, (&kinds, Part::Frozen, split))
                })
                .inner;
            let right = ui
                .vertical(|ui| {
                    ui.set_height(height);
                    egui::ScrollArea::horizontal()
                        .id_salt(("indicator_grid_wide", rows.g))
                        .show(ui, |ui| {
                            draw(ui, grid, cx, rows, (&kinds, Part::Rest, split))
                        })
                        .inner
                })
                .inner;
            (left, right)
        })
        .inner;
    grid.scroll_y = if (right - before).abs() > 0.5 {
        right
    } else {
        left
    };
    if (left - right).abs() > 0.5 {
        ui.ctx().request_repaint();
    }
}

/// One table of `part`'s columns; returns its vertical scroll offset.
fn draw(
    ui: &mut Ui,
    grid: &mut Grid,
    cx: &mut PanelCtx,
    rows: &Rows,
    (kinds, part, split): (&[ColumnKind], Part, usize),
) -> f32 {
    let (form, template, problems) = (cx.form, cx.template, cx.problems);
    let state = &mut *cx.state;
    let edits = &mut *cx.edits;
    let (spec, g, selected) = (rows.spec, rows.g, rows.selected);
    let rows = rows.rows;
    let wide = kinds.len() > 2;
    let levels = part != Part::Rest;
    let (first, last) = match part {
        Part::Whole => (0, kinds.len()),
        Part::Frozen => (0, split),
        Part::Rest => (split, kinds.len()),
    };
    // kept in place, the level columns give way in a narrow window or at large text
    let level_width = if part == Part::Frozen {
        (ui.available_width() * 0.12).clamp(48.0, 110.0)
    } else {
        110.0
    };
    let frozen_name_width = (ui.available_width() * 0.22).clamp(110.0, 200.0);
    let mut table = TableBuilder::new(ui)
        .id_salt(("indicator_grid", g, part == Part::Rest))
        .striped(false)
        .resizable(true)
        .sense(Sense::click())
        .cell_layout(egui::Layout::left_to_right(Align::Center));
    if levels {
        table = table
            .column(Column::initial(level_width).at_least(48.0).clip(true))
            .column(Column::initial(level_width).at_least(48.0).clip(true));
    }
    for kind in &kinds[first..last] {
        table = table.column(match kind {
            ColumnKind::Name if part == Part::Frozen => {
                Column::initial(frozen_name_width).at_least(80.0).clip(true)
            }
            ColumnKind::Name if wide => Column::initial(200.0).at_least(110.0).clip(true),
            ColumnKind::Name => Column::remainder().at_least(110.0).clip(true),
            ColumnKind::Sign => Column::initial(80.0).at_least(64.0).clip(true),
            ColumnKind::Unit => Column::initial(80.0).at_least(56.0).clip(true),
            ColumnKind::Target => Column::initial(150.0).at_least(80.0).clip(true),
            _ => Column::initial(100.0).at_least(56.0).clip(true),
        });
    }
    let mut table = table.auto_shrink([part == Part::Frozen, false]);
    if part == Part::Frozen {
        // the scrolled table's bar serves both
        table = table.scroll_bar_visibility(egui::scroll_area::ScrollBarVisibility::AlwaysHidden);
    }
    if part != Part::Whole {
        table = table.vertical_scroll_offset(grid.scroll_y);
    }
    if state.scroll_to_selection {
        if let Some(index) = selected.and_then(|p| rows.iter().position(|r| *r == p)) {
            table = table.scroll_to_row(index, Some(Align::Center));
        }
    }
    let output = table
        .header(24.0, |mut header| {
            let mut titles = Vec::new();
            if levels {
                titles.extend([spec.level_labels.0.as_str(), spec.level_labels.1.as_str()]);
            }
            titles.extend(spec.columns[first..last].iter().map(|c| c.label.as_str()));
            for title in titles {
                header.col(|ui| {
                    ui.strong(title);
                });
            }
        })
        .body(|body| {
            // The first row laid out is the top one on screen: it names its 一级/二级
            // even in the middle of a group, so a scrolled grid keeps its context.
            let mut top = true;
            body.rows(ROW_HEIGHT, rows.len(), |mut row| {
                let i = row.index();
                let path = rows[i];
                let prev = i.checked_sub(1).map(|j| rows[j]);
                let is_top = std::mem::take(&mut top);
                let new_goal = prev.is_none_or(|p| p.goal != path.goal);
                let new_group = new_goal || prev.is_some_and(|p| p.group != path.group);
                let continued = is_top && !new_group;
                let Some(ind) = form.indicator(path) else {
                    return;
                };
                let goal = &form.goals(g)[path.goal];
                let group: &Group = &goal.groups[path.group];
                row.set_selected(selected == Some(path));
                row.set_overline(new_group && i > 0);
                if levels {
                    row.col(|ui| {
                        if new_goal || continued {
                            let text = RichText::new(display_name(&goal.name)).strong();
                            let text = if continued { text.weak() } else { text };
                            ui.add(egui::Label::new(text).truncate());
                        }
                    });
                    row.col(|ui| {
                        if new_group || continued {
                            let text = RichText::new(display_name(&group.name));
                            let text = if continued { text.weak() } else { text };
                            ui.add(egui::Label::new(text).truncate());
                        }
                    });
                }
                let mark = problems.indicators.get(&path).copied();
                let mut cells = Vec::with_capacity(last - first);
                for &kind in &kinds[first..last] {
                    let (_, r) = row.col(|ui| {
                        let cell = Cell {
                            path,
                            mark: mark.filter(|_| kind == ColumnKind::Name),
                            kind,
                            value: ind.cell(kind),
                        };
                        cell_editor(ui, grid, state, edits, cell, (kinds, form, spec, template));
                    });
                    cells.push(r);
                }
                let response = row.response();
                for r in std::iter::once(&response).chain(&cells) {
                    if r.clicked() {
                        state.selection = Node::Indicator(path);
                    }
                }
                response.context_menu(|ui| {
                    nodes::indicator_menu(
                        ui,
                        &mut PanelCtx {
                            form,
                            template,
                            problems,
                            state,
                            edits,
                        },
                        path,
                    )
                });
            });
        });
    output.state.unclamped_offset().y
}
