//! An indicator grid as printed: its heading, the column headings (repeated on every
//! page), one row per indicator with a cell per column, and the 一级/二级 cells merged
//! down their rows (their labels repeated where a group continues on a new page).

use super::{Align, Builder, Cell, LINE_H, MARGIN_X, PAD_Y};
use crate::core::model::{Form, Goal, IndicatorPath};
use crate::core::template::{ColumnKind, GridSpec};
use crate::core::validate::display_name;
use crate::core::validate::Location;

/// Printed widths of a grid's columns (一级, 二级, then the template's), filling the
/// content width: the widths are scaled when they add up to more or less, and the
/// 三级 name column takes what rounding leaves.
pub(super) fn grid_widths(spec: &GridSpec, content_w: f32) -> Vec<f32> {
    let mut widths = vec![spec.level_widths.0, spec.level_widths.1];
    widths.extend(spec.columns.iter().map(|c| c.width));
    let sum: f32 = widths.iter().sum();
    let factor = content_w / sum;
    if (factor - 1.0).abs() > 1e-3 {
        for w in &mut widths {
            *w *= factor;
        }
    }
    if let Some(name) = spec.columns.iter().position(|c| c.kind == ColumnKind::Name) {
        let mut rest = content_w;
        for (i, w) in widths.iter().enumerate() {
            if i != name + 2 {
                rest -= w;
            }
        }
        widths[name + 2] = rest;
    }
    widths
}

fn starts(widths: &[f32]) -> Vec<f32> {
    let mut at = MARGIN_X;
    widths
        .iter()
        .map(|w| {
            let x = at;
            at += w;
            x
        })
        .collect()
}

impl Builder<'_> {
    pub(super) fn grid(&mut self, form: &Form, g: usize, spec: &GridSpec) {
        let goals = form.goals(g);
        let content_w = self.content_w();
        let widths = grid_widths(spec, content_w);
        let x = starts(&widths);
        let heading_text = spec.heading_for(form.year);
        let heading = self.cell(MARGIN_X, content_w, &heading_text, Align::Center);
        let mut titles = vec![spec.level_labels.0.as_str(), spec.level_labels.1.as_str()];
        titles.extend(spec.columns.iter().map(|c| c.label.as_str()));
        let header: Vec<Cell> = titles
            .iter()
            .enumerate()
            .map(|(i, t)| self.cell(x[i], widths[i], t, Align::Center))
            .collect();
        let header_h = header.iter().map(Cell::height).fold(0.0, f32::max);
        let mut rows = self.grid_rows(goals, spec, &widths);

        // Keep the heading, column headings and the first two rows together (no row
        // alone under its heading at the foot of a page).
        let first_h: f32 = rows.iter().take(2).map(|r| r.height).sum();
        if self.available() < heading.height() + header_h + first_h {
            self.new_page();
        }
        self.row(vec![heading], false, None);
        self.draw_row(&header, header_h);
        self.y -= header_h;

        let mut goal_span: Option<Span> = None;
        let mut group_span: Option<Span> = None;
        let count = rows.len();
        let heights: Vec<f32> = rows.iter().map(|r| r.height).collect();
        let mut on_page = 0;
        for (i, row) in rows.iter_mut().enumerate() {
            // the last row never alone on a page: it takes the one before it along
            let widow = i + 2 == count
                && on_page > 1
                && row.height <= self.available()
                && row.height + heights[i + 1] > self.available();
            if row.height > self.available() || widow {
                self.close_span(goal_span.take(), (g, 0), goals, &x, &widths);
                self.close_span(group_span.take(), (g, 1), goals, &x, &widths);
                self.new_page();
                // the table goes on under its title, marked continued
                let continued = self.cell(
                    MARGIN_X,
                    content_w,
                    &format!("{heading_text}（续）"),
                    Align::Center,
                );
                self.row(vec![continued], false, None);
                self.draw_row(&header, header_h);
                self.y -= header_h;
                on_page = 0;
            }
            on_page += 1;
            let top = self.y;
            let new_goal = goal_span
                .as_ref()
                .is_none_or(|s| s.key != (row.goal, usize::MAX));
            if new_goal {
                self.close_span(goal_span.take(), (g, 0), goals, &x, &widths);
                goal_span = Some(Span {
                    key: (row.goal, usize::MAX),
                    top,
                });
            }
            let new_group = new_goal
                || group_span
                    .as_ref()
                    .is_none_or(|s| s.key != (row.goal, row.group));
            if new_group {
                self.close_span(group_span.take(), (g, 1), goals, &x, &widths);
                group_span = Some(Span {
                    key: (row.goal, row.group),
                    top,
                });
            }
            let path = row.indicator.map(|indicator| IndicatorPath {
                grid: g,
                goal: row.goal,
                group: row.group,
                indicator,
            });
            let cells: Vec<Cell> = row
                .cells
                .iter_mut()
                .zip(&mut row.starts)
                .enumerate()
                .map(|(i, (lines, starts))| Cell {
                    x: x[i + 2],
                    w: widths[i + 2],
                    lines: std::mem::take(lines),
                    starts: std::mem::take(starts),
                    align: Align::Left,
                    at: path.map(|p| (Location::Indicator(p), spec.columns.get(i).map(|c| c.kind))),
                })
                .collect();
            let height = row.height.min(self.available());
            self.draw_row(&cells, height);
            self.y -= height;
        }
        self.close_span(goal_span, (g, 0), goals, &x, &widths);
        self.close_span(group_span, (g, 1), goals, &x, &widths);
    }

    /// Draws a merged 一级 (column 0) or 二级 (column 1) cell from its top to here.
    fn close_span(
        &mut self,
        span: Option<Span>,
        (g, column): (usize, usize),
        goals: &[Goal],
        x: &[f32],
        widths: &[f32],
    ) {
        let Some(span) = span else { return };
        let (x, w) = (x[column], widths[column]);
        let h = span.top - self.y;
        if h <= 0.0 {
            return;
        }
        let (gi, gri) = span.key;
        let name = match column {
            0 => goals.get(gi).map(|g| g.name.as_str()),
            _ => goals
                .get(gi)
                .and_then(|g| g.groups.get(gri))
                .map(|g| g.name.as_str()),
        }
        .unwrap_or("");
        let mut cell = self.cell(x, w, name, Align::Center);
        // (a hair of slack: the span height is a sum of row heights, not exact)
        let room = ((h - 2.0 * PAD_Y) / LINE_H + 0.01).floor().max(1.0) as usize;
        cell.lines.truncate(room);
        self.draw_box(x, span.top, w, h);
        let at = match column {
            0 => Location::Goal(g, gi),
            _ => Location::Group(g, gi, gri),
        };
        self.region(x, span.top, w, h, at, None);
        // Vertically centred in the part of the merged cell on this page.
        let text_h = cell.lines.len() as f32 * LINE_H;
        let top = span.top - ((h - 2.0 * PAD_Y - text_h) / 2.0).max(0.0);
        self.draw_lines(&cell, top);
    }

    /// One row per indicator (or an empty row for an empty goal or group), each tall
    /// enough that its merged labels fit inside their groups.
    fn grid_rows(&self, goals: &[Goal], spec: &GridSpec, widths: &[f32]) -> Vec<GridRow> {
        let mut rows = Vec::new();
        let cell_h = |n: usize| n.max(1) as f32 * LINE_H + 2.0 * PAD_Y;
        let label_h = |text: &str, col: usize| cell_h(self.wrap(text, widths[col]).len());
        let empty: Vec<String> = vec![String::new(); spec.columns.len()];
        for (gi, goal) in goals.iter().enumerate() {
            let goal_start = rows.len();
            type Rows = Vec<(Option<usize>, Vec<String>)>;
            let groups: Vec<(usize, &str, Rows)> = if goal.groups.is_empty() {
                vec![(0, "", vec![(None, empty.clone())])]
            } else {
                goal.groups
                    .iter()
                    .enumerate()
                    .map(|(i, g)| {
                        let mut inds: Rows = g
                            .indicators
                            .iter()
                            .enumerate()
                            .map(|(ii, ind)| {
                                let texts = spec
                                    .columns
                                    .iter()
                                    .map(|c| ind.cell(c.kind).to_string())
                                    .collect();
                                (Some(ii), texts)
                            })
                            .collect();
                        if inds.is_empty() {
                            inds.push((None, empty.clone()));
                        }
                        (i, g.name.as_str(), inds)
                    })
                    .collect()
            };
            for (gri, group_name, inds) in groups {
                let group_start = rows.len();
                for (indicator, texts) in inds {
                    let cells: Vec<Vec<String>> = texts
                        .iter()
                        .enumerate()
                        .map(|(i, t)| self.wrap(t, widths[i + 2]))
                        .collect();
                    let starts = texts
                        .iter()
                        .zip(&cells)
                        .map(|(t, lines)| super::line_starts(t, lines))
                        .collect();
                    let height = cell_h(cells.iter().map(Vec::len).max().unwrap_or(1));
                    rows.push(GridRow {
                        goal: gi,
                        group: gri,
                        indicator,
                        cells,
                        starts,
                        height,
                    });
                }
                stretch_last(&mut rows[group_start..], label_h(group_name, 1));
            }
            stretch_last(
                &mut rows[goal_start..],
                label_h(display_name(&goal.name), 0),
            );
        }
        rows
    }
}

struct Span {
    /// (goal, group) for a 二级 span; (goal, usize::MAX) for a 一级 span.
    key: (usize, usize),
    top: f32,
}

struct GridRow {
    goal: usize,
    group: usize,
    /// The indicator it prints (`None`: the empty row of an empty goal or group).
    indicator: Option<usize>,
    /// The wrapped lines of each column after 一级 and 二级.
    cells: Vec<Vec<String>>,
    /// The character each of those lines starts at.
    starts: Vec<Vec<usize>>,
    height: f32,
}

/// Makes the last row taller when a merged label needs more room than its rows give.
fn stretch_last(rows: &mut [GridRow], needed: f32) {
    let have: f32 = rows.iter().map(|r| r.height).sum();
    if let Some(last) = rows.last_mut() {
        if needed > have {
            last.height += needed - have;
        }
    }
}
