//! The grid's keyboard and clipboard: moving between cells and rows, editing by typing,
//! Esc, the filter's own undo, and rows pasted from a spreadsheet.

use egui::Ui;

use crate::core::editing::edit::Edit;
use crate::core::exchange::paste_rows;
use crate::core::model::{Form, IndicatorPath};
use crate::core::template::{ColumnKind, Template};
use crate::ui::state::{Focus, Node, Request, UiState};

use super::Grid;

/// Rows copied from a spreadsheet or a Word table and pasted while the grid is shown
/// (with no field in use, or into a cell: several cells are rows, not one value) become
/// indicators, as one undo step.
pub(super) fn paste_rows(
    ui: &Ui,
    grid: &Grid,
    (form, template, g): (&Form, &Template, usize),
    state: &mut UiState,
    edits: &mut Vec<Edit>,
) {
    let focused = ui.ctx().memory(|m| m.focused());
    let in_cell = focused.is_some() && focused == grid.focused_cell;
    if focused.is_some() && !in_cell {
        return;
    }
    let pasted = ui.ctx().input_mut(|i| {
        let at = i.events.iter().position(|e| {
            matches!(e, egui::Event::Paste(t) if focused.is_none() || paste_rows::looks_like_rows(t))
        })?;
        match i.events.remove(at) {
            egui::Event::Paste(text) => Some(text),
            _ => None,
        }
    });
    let Some(text) = pasted else { return };
    let into = match state.selection {
        Node::Group(_, goal, gr) => Some((goal, gr)),
        Node::Indicator(p) => Some((p.goal, p.group)),
        _ => None,
    };
    let Some(spec) = template.grids.get(g) else {
        return;
    };
    match paste_rows::paste(form, g, spec, into, &text) {
        Some(p) => {
            let left = if p.left_out.is_empty() {
                String::new()
            } else {
                format!("；{} 个单元格在表中没有对应的列，未粘贴", p.left_out.len())
            };
            state.requests.push(Request::Notice(format!(
                "已粘贴 {} 个指标（可撤销）{left}",
                p.added
            )));
            edits.push(Edit::PasteRows {
                form: Box::new(p.form),
                added: p.added,
            });
        }
        None => state
            .requests
            .push(Request::Notice("剪贴板中没有可以作为指标粘贴的内容".into())),
    }
}

/// Keys in a cell being edited: Tab / Shift+Tab to the next or previous cell (across
/// rows), Enter to the same column one row down. `kinds` are the row's columns in
/// order. Returns whether the focus leaves the cell.
pub(super) fn cell_keys(
    ui: &Ui,
    rows: &[IndicatorPath],
    state: &mut UiState,
    (path, kind): (IndicatorPath, ColumnKind),
    kinds: &[ColumnKind],
) -> bool {
    use egui::{Key, Modifiers};
    let (back_tab, tab, enter) = ui.ctx().input_mut(|i| {
        // Shift+Tab first: a plain Tab pattern also matches it
        (
            i.consume_key(Modifiers::SHIFT, Key::Tab),
            i.consume_key(Modifiers::NONE, Key::Tab),
            i.consume_key(Modifiers::NONE, Key::Enter),
        )
    });

    let at = rows.iter().position(|p| *p == path);
    let next = |step: isize| -> Option<IndicatorPath> {
        let i = at? as isize + step;
        rows.get(usize::try_from(i).ok()?).copied()
    };
    let column = kinds.iter().position(|k| *k == kind).unwrap_or(0);
    let (first, last) = (kinds[0], kinds[kinds.len() - 1]);
    let target = if tab {
        match kinds.get(column + 1) {
            Some(k) => Some((path, *k)),
            None => next(1).map(|p| (p, first)),
        }
    } else if back_tab {
        match column.checked_sub(1) {
            Some(c) => Some((path, kinds[c])),
            None => next(-1).map(|p| (p, last)),
        }
    } else if enter {
        next(1).map(|p| (p, kind))
    } else {
        return false;
    };
    if let Some((row, kind)) = target {
        state.selection = Node::Indicator(row);
        state.scroll_to_selection = true;
        state.focus = Some(Focus::Cell(row, kind));
    }
    true
}

/// Keys on the grid when no field is being edited: ↑/↓ move the selected row, Enter or
/// F2 edits its 三级目标, and typing starts editing it with what is typed (as in a
/// spreadsheet; Esc puts the old name back).
pub(super) fn row_keys(
    ui: &Ui,
    grid: &mut Grid,
    state: &mut UiState,
    edits: &mut Vec<Edit>,
    form: &Form,
    rows: &[IndicatorPath],
) {
    use egui::{Key, Modifiers};
    if ui.ctx().memory(|m| m.focused()).is_some() {
        return;
    }
    let Node::Indicator(selected) = state.selection.clone() else {
        return;
    };
    let Some(at) = rows.iter().position(|p| *p == selected) else {
        return;
    };
    let (up, down, edit) = ui.ctx().input_mut(|i| {
        (
            i.consume_key(Modifiers::NONE, Key::ArrowUp),
            i.consume_key(Modifiers::NONE, Key::ArrowDown),
            i.consume_key(Modifiers::NONE, Key::F2) || i.consume_key(Modifiers::NONE, Key::Enter),
        )
    });
    let to = if up {
        at.checked_sub(1)
    } else if down {
        Some(at + 1).filter(|i| *i < rows.len())
    } else {
        None
    };
    if let Some(i) = to {
        state.selection = Node::Indicator(rows[i]);
        state.scroll_to_selection = true;
    }
    if edit {
        state.focus = Some(Focus::Cell(selected, ColumnKind::Name));
    }
    let typed: String = ui.ctx().input_mut(|i| {
        let mut typed = String::new();
        i.events.retain(|e| match e {
            egui::Event::Text(t) => {
                typed.push_str(t);
                false
            }
            _ => true,
        });
        typed
    });
    if !typed.is_empty() && to.is_none() {
        let id = cell_id(selected, ColumnKind::Name);
        let old = form
            .indicator(selected)
            .map(|i| i.name.clone())
            .unwrap_or_default();
        grid.cell_before = Some((id, old));
        edits.push(Edit::SetIndicatorName(selected, typed));
        state.focus = Some(Focus::Cell(selected, ColumnKind::Name));
    }
}

/// The widget id of the grid's filter box.
pub fn filter_id() -> egui::Id {
    egui::Id::unique("grid_filter")
}

impl Grid {
    /// Whether the filter box has the keyboard and something of its own to undo: then
    /// Ctrl+Z is the box's before it is the form's.
    pub fn filter_has_undo(&self, ctx: &egui::Context) -> bool {
        let id = filter_id();
        if ctx.memory(|m| m.focused()) != Some(id) {
            return false;
        }
        egui::text_edit::TextEditState::load(ctx, id).is_some_and(|s| {
            let current = (
                s.cursor.char_range().unwrap_or_default(),
                self.filter.clone(),
            );
            s.undoer().has_undo(&current)
        })
    }
}

/// The widget id of a cell of the grid.
pub(super) fn cell_id(path: IndicatorPath, kind: ColumnKind) -> egui::Id {
    egui::Id::unique(("cell", kind, path))
}

/// The edit that sets a cell's text.
pub(super) fn cell_edit(path: IndicatorPath, kind: ColumnKind, text: String) -> Edit {
    match kind {
        ColumnKind::Name => Edit::SetIndicatorName(path, text),
        ColumnKind::Target => Edit::SetIndicatorTarget(path, text),
        other => Edit::SetIndicatorCell(path, other, text),
    }
}
