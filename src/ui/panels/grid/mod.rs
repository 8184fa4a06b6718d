//! An indicator grid as a table: 一级 / 二级, then the template's columns (三级指标 and one
//! value cell, or 指标性质 typed or picked from a list, 指标值, 度量单位 with suggestions, …), edited in
//! place. Only the rows on screen are laid out, so 5,000 indicators scroll as smoothly
//! as 50.

use egui::{RichText, TextEdit, Ui};

use crate::core::editing::edit::Edit;
use crate::core::model::{Form, IndicatorPath};
use crate::core::target;
use crate::core::template::{ColumnKind, GridSpec, Template, SIGNS};
use crate::core::validate::{display_name, Severity};

use crate::ui::nodes;

mod input;
mod library_picker;
mod suggest;
mod table;
use crate::ui::state::{Focus, Node, PanelCtx, UiState};
use crate::ui::theme;
pub use input::filter_id;
use input::{cell_edit, cell_id, cell_keys, paste_rows, row_keys};

/// The grid and what it keeps: the filter, the rows as shown, the cell being edited.
#[derive(Default)]
pub struct Grid {
    pub filter: String,
    /// The rows as shown (filtered, in order), for moving between them by key.
    rows: Vec<IndicatorPath>,
    /// The cell that had the keyboard last frame.
    focused_cell: Option<egui::Id>,
    /// The cell being edited and its text when it was entered (Esc puts it back).
    cell_before: Option<(egui::Id, String)>,
    /// The next cell was entered by Tab or Enter: its text is selected, so typing
    /// replaces it (as in a spreadsheet); a click or F2 puts the cursor at the end.
    select_on_entry: bool,
    /// How far the rows are scrolled down (a wide layout's two tables share it).
    scroll_y: f32,
    /// Suggestions under a 三级指标 cell being typed in.
    suggest: suggest::Suggest,
    /// 从指标库添加…
    pub library: library_picker::LibraryPicker,
}

/// The rows shown: indicators of the grid in the selected goal or group (or all of it),
/// matching the filter.
pub fn visible_rows(form: &Form, grid: usize, scope: &Node, filter: &str) -> Vec<IndicatorPath> {
    let filter = filter.trim();
    form.indicators()
        .filter(|(p, ind)| {
            let in_scope = p.grid == grid
                && match *scope {
                    Node::Goal(_, g) => p.goal == g,
                    Node::Group(_, g, gr) => (p.goal, p.group) == (g, gr),
                    _ => true,
                };
            let goal = &form.goals(p.grid)[p.goal];
            in_scope
                && (filter.is_empty()
                    || ind.name.contains(filter)
                    || ind.target.contains(filter)
                    || ind.cells.values().any(|c| c.contains(filter))
                    || goal.name.contains(filter)
                    || goal.groups[p.group].name.contains(filter))
        })
        .map(|(p, _)| p)
        .collect()
}

impl Grid {
    pub fn show(&mut self, ui: &mut Ui, cx: &mut PanelCtx) {
        show(self, ui, cx);
    }
}

fn show(grid: &mut Grid, ui: &mut Ui, cx: &mut PanelCtx) {
    let (form, template) = (cx.form, cx.template);
    let scope = cx.state.selection.clone();
    let g = scope.grid().unwrap_or(0);
    let Some(spec) = template.grids.get(g) else {
        return;
    };
    let scope_name = match scope {
        Node::Goal(_, gi) => form
            .goal(g, gi)
            .map(|goal| display_name(&goal.name).to_string()),
        Node::Group(_, gi, gr) => form.group(g, gi, gr).map(|group| {
            format!(
                "{} / {}",
                display_name(&form.goals(g)[gi].name),
                display_name(&group.name)
            )
        }),
        _ => None,
    };
    ui.horizontal(|ui| {
        ui.heading(spec.heading_for(form.year));
        if let Some(name) = &scope_name {
            ui.label(RichText::new(format!("— {name}")).strong());
            if ui.small_button("显示全部").clicked() {
                cx.state.selection = Node::Grid(g);
            }
        }
    });
    toolbar(ui, grid, cx);
    grid.library.show(ui, cx, g);
    ui.add_space(4.0);
    if !cx.state.input_blocked {
        paste_rows(ui, grid, (form, template, g), cx.state, cx.edits);
    }

    let mut rows = visible_rows(form, g, &scope, &grid.filter);
    // A row selected elsewhere (a problem, a new indicator) is shown even if the filter
    // would hide it: the filter goes.
    if let (Node::Indicator(p), true) = (&cx.state.selection, cx.state.scroll_to_selection) {
        if !grid.filter.is_empty() && !rows.contains(p) {
            grid.filter.clear();
            rows = visible_rows(form, g, &scope, "");
        }
    }
    if rows.is_empty() {
        let hint = if grid.filter.trim().is_empty() {
            "这里还没有指标。选中左侧的二级目标后点“添加指标”。"
        } else {
            "没有符合筛选条件的指标。"
        };
        ui.label(RichText::new(hint).weak());
        return;
    }
    grid.rows.clone_from(&rows);
    if !cx.state.input_blocked {
        row_keys(ui, grid, cx.state, cx.edits, form, &rows);
    }
    let selected = match cx.state.selection {
        Node::Indicator(p) => Some(p),
        _ => None,
    };
    table::show(
        ui,
        grid,
        cx,
        &table::Rows {
            g,
            spec,
            rows: &rows,
            selected,
        },
    );
}

/// One cell of the grid.
struct Cell<'a> {
    path: IndicatorPath,
    mark: Option<Severity>,
    kind: ColumnKind,
    value: &'a str,
}

/// Units offered in a 度量单位 cell besides those the form already uses.
const COMMON_UNITS: [&str; 16] = [
    "%",
    "个",
    "次",
    "人",
    "人次",
    "场",
    "项",
    "件",
    "家",
    "篇",
    "天",
    "小时",
    "元",
    "万元",
    "元/人",
    "平方米",
];

/// One editable cell: text, or a drop-down for 指标性质; 度量单位 offers units.
fn cell_editor(
    ui: &mut Ui,
    grid: &mut Grid,
    state: &mut UiState,
    edits: &mut Vec<Edit>,
    cell: Cell,
    (kinds, form, spec, template): (&[ColumnKind], &Form, &GridSpec, &Template),
) {
    let Cell {
        path,
        mark,
        kind,
        value,
    } = cell;
    let mut text = value.to_owned();
    let id = cell_id(path, kind);
    if let Some(severity) = mark {
        ui.label(theme::marker(ui.visuals(), severity));
    }
    let wanted = state.focus.as_ref() == Some(&Focus::Cell(path, kind));
    let hint = match kind {
        ColumnKind::Name => "指标名称".to_string(),
        ColumnKind::Target => "如 ≥95%、10场、良好".to_string(),
        ColumnKind::Value => "数字，定性时填文字".to_string(),
        ColumnKind::Sign => "≥ ≤ = 定性".to_string(),
        other => spec.column_label(other),
    };
    if ui.ctx().memory(|m| m.has_focus(id)) {
        grid.focused_cell = Some(id);
    }
    let focused = ui.ctx().memory(|m| m.has_focus(id));
    if focused && kind == ColumnKind::Name {
        grid.suggest.keys(ui, id, (form, template, path), edits);
    }
    let moved = if focused {
        cell_keys(ui, &grid.rows, state, (path, kind), kinds)
    } else {
        false
    };
    let width = if matches!(kind, ColumnKind::Unit | ColumnKind::Sign) {
        // room for the ▼ button beside it, at any text size
        let spacing = ui.spacing();
        let button = ui.text_style_height(&egui::TextStyle::Small)
            + 2.0 * spacing.button_padding.x
            + spacing.item_spacing.x
            + 2.0;
        (ui.available_width() - button).max(24.0)
    } else {
        f32::INFINITY
    };
    let r = ui.add(
        TextEdit::singleline(&mut text)
            .id(id)
            .hint_text(hint)
            .desired_width(width)
            .frame(egui::Frame::NONE),
    );
    let r = if value.chars().count() > 8 && !focused {
        r.on_hover_text(value)
    } else {
        r
    };
    if moved {
        r.surrender_focus();
        grid.select_on_entry = true;
    }
    if wanted {
        r.request_focus();
        state.focus = None;
        let mut edit = egui::text_edit::TextEditState::load(ui.ctx(), id).unwrap_or_default();
        let end = egui::text::CCursor::new(value.chars().count());
        let start = if std::mem::take(&mut grid.select_on_entry) {
            egui::text::CCursor::new(0)
        } else {
            end
        };
        edit.cursor
            .set_char_range(Some(egui::text::CCursorRange::two(start, end)));
        edit.store(ui.ctx(), id);
    }
    if kind == ColumnKind::Name {
        if r.changed() {
            grid.suggest.update(id, &text, state.my_library.as_deref());
        }
        if r.lost_focus() || moved {
            grid.suggest.close();
        } else if focused {
            grid.suggest
                .show(ui, (id, r.rect), (form, template, path), (state, edits));
        }
    }
    if r.gained_focus() {
        state.selection = Node::Indicator(path);
        // (typing on a selected row already noted what the cell had before)
        if grid.cell_before.as_ref().is_none_or(|(c, _)| *c != id) {
            grid.cell_before = Some((id, value.to_owned()));
        }
    }
    // Esc (egui lets go of the field on it): put back what the cell had when entered.
    if r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Escape)) {
        if let Some((_, before)) = grid.cell_before.take().filter(|(c, _)| *c == id) {
            if before != value {
                edits.push(cell_edit(path, kind, before));
            }
        }
    }
    if r.changed() {
        // a sign typed in any spelling (>=, ＞＝, 大于等于, d for 定性) is kept as its symbol
        let text = match kind {
            ColumnKind::Sign => target::sign_of(&text).map_or(text, str::to_string),
            _ => text,
        };
        edits.push(cell_edit(path, kind, text));
    }
    if kind == ColumnKind::Sign {
        ui.menu_button(RichText::new("▼").small(), |ui| {
            for sign in SIGNS {
                if ui.selectable_label(value == sign, sign).clicked() {
                    state.selection = Node::Indicator(path);
                    if sign != value {
                        edits.push(cell_edit(path, kind, sign.to_string()));
                    }
                    ui.close();
                }
            }
        })
        .response
        .on_hover_text("选择指标性质；也可直接输入 >=、<=、= 或 d（定性）");
    }
    if kind == ColumnKind::Unit {
        ui.menu_button(RichText::new("▼").small(), |ui| {
            let mut units: Vec<String> = form
                .indicators()
                .map(|(_, i)| i.cell(ColumnKind::Unit).trim().to_string())
                .filter(|u| !u.is_empty())
                .collect();
            units.extend(COMMON_UNITS.iter().map(|u| u.to_string()));
            let mut seen = std::collections::HashSet::new();
            units.retain(|u| seen.insert(u.clone()));
            egui::ScrollArea::vertical()
                .max_height(240.0)
                .show(ui, |ui| {
                    for unit in units {
                        if ui.selectable_label(unit == value, &unit).clicked() {
                            state.selection = Node::Indicator(path);
                            edits.push(cell_edit(path, kind, unit));
                            ui.close();
                        }
                    }
                });
        })
        .response
        .on_hover_text("常用单位和本表已用的单位");
    }
}

fn toolbar(ui: &mut Ui, grid: &mut Grid, cx: &mut PanelCtx) {
    let form = cx.form;
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("筛选：");
        ui.add(
            TextEdit::singleline(&mut grid.filter)
                .id(filter_id())
                .hint_text("输入名称或目标值的一部分")
                .desired_width(200.0),
        )
        .labelled_by(label.id);
        if !grid.filter.is_empty() && ui.small_button("清除").clicked() {
            grid.filter.clear();
        }
        ui.separator();
        // Where "添加指标" puts the new row: after the selected one, or at the end of the
        // selected group.
        let insert_at = match cx.state.selection {
            Node::Indicator(p) => Some(IndicatorPath {
                indicator: p.indicator + 1,
                ..p
            }),
            Node::Group(grid, g, gr) => form.group(grid, g, gr).map(|group| IndicatorPath {
                grid,
                goal: g,
                group: gr,
                indicator: group.indicators.len(),
            }),
            _ => None,
        };
        let add = ui
            .add_enabled(insert_at.is_some(), egui::Button::new("添加指标"))
            .on_hover_text("在选中的指标下方（或选中的二级目标末尾）添加一个指标")
            .on_disabled_hover_text("先在左侧或表中选中一个二级目标或指标");
        if add.clicked() {
            if let Some(at) = insert_at {
                nodes::add_indicator(cx, at);
            }
        }
        let selected = match cx.state.selection {
            Node::Indicator(p) => Some(p),
            _ => None,
        };
        let len = selected
            .and_then(|p| form.group(p.grid, p.goal, p.group))
            .map_or(0, |g| g.indicators.len());
        if ui
            .add_enabled(selected.is_some(), egui::Button::new("删除"))
            .on_hover_text("删除选中的指标（可撤销）")
            .clicked()
        {
            if let Some(p) = selected {
                nodes::delete_indicator(cx, p);
                cx.state.selection = if p.indicator + 1 < len || p.indicator == 0 {
                    if len > 1 {
                        Node::Indicator(p)
                    } else {
                        Node::Group(p.grid, p.goal, p.group)
                    }
                } else {
                    Node::Indicator(IndicatorPath {
                        indicator: p.indicator - 1,
                        ..p
                    })
                };
            }
        }
        let up = selected.filter(|p| p.indicator > 0);
        if ui
            .add_enabled(up.is_some(), egui::Button::new("上移"))
            .on_hover_text("把选中的指标在本二级目标内上移一行")
            .clicked()
        {
            if let Some(p) = up {
                let to = IndicatorPath {
                    indicator: p.indicator - 1,
                    ..p
                };
                cx.edits.push(Edit::MoveIndicator { from: p, to });
                cx.state.selection = Node::Indicator(to);
                cx.state.scroll_to_selection = true;
            }
        }
        let down = selected.filter(|p| p.indicator + 1 < len);
        if ui
            .add_enabled(down.is_some(), egui::Button::new("下移"))
            .on_hover_text("把选中的指标在本二级目标内下移一行")
            .clicked()
        {
            if let Some(p) = down {
                let to = IndicatorPath {
                    indicator: p.indicator + 1,
                    ..p
                };
                cx.edits.push(Edit::MoveIndicator { from: p, to });
                cx.state.selection = Node::Indicator(to);
                cx.state.scroll_to_selection = true;
            }
        }
        if ui
            .button("从指标库添加…")
            .on_hover_text("从常用指标库中挑选指标（可按名称、拼音首字母、项目类型查找），添加到选中的二级目标")
            .clicked()
        {
            grid.library.open();
        }
        // (a plain button when disabled: a child ui in a wrapping row gets only the
        // rest of the line and would stand its label on end)
        match selected {
            Some(p) => {
                ui.menu_button("移动到…", |ui| nodes::move_indicator_menu(ui, cx, p));
            }
            None => {
                ui.add_enabled(false, egui::Button::new("移动到…"));
            }
        }
    });
}
