//! What the window can do to a node of the form (a goal, a group, an indicator) from
//! any panel that shows it: add, delete (asking first when it holds indicators), move by
//! menu or by dropping, and show the place a problem or review item names.

use egui::Ui;

use crate::core::editing::edit::Edit;
use crate::core::model::{FieldId, Form, Goal, IndicatorPath};
use crate::core::template::ColumnKind;
use crate::core::validate::{display_name, Location};

use super::state::{Focus, Node, PanelCtx, Request, UiState};

/// The move that dropping `dragged` on `target` means: an indicator dropped on a group
/// goes to its end, on an indicator goes before it; a group dropped on a goal goes to
/// its end, on a group goes before it (within its grid). Returns the edit and where the
/// node ends up.
pub fn drop_edit(form: &Form, dragged: &Node, target: &Node) -> Option<(Edit, Node)> {
    match (dragged, target) {
        (Node::Indicator(from), Node::Group(g, goal, gr)) => {
            let from = *from;
            let len = form.group(*g, *goal, *gr)?.indicators.len();
            let same = (from.grid, from.goal, from.group) == (*g, *goal, *gr);
            let to = IndicatorPath {
                grid: *g,
                goal: *goal,
                group: *gr,
                indicator: if same { len.checked_sub(1)? } else { len },
            };
            (from != to).then_some((Edit::MoveIndicator { from, to }, Node::Indicator(to)))
        }
        (Node::Indicator(from), Node::Indicator(at)) => {
            let (from, at) = (*from, *at);
            let same = (from.grid, from.goal, from.group) == (at.grid, at.goal, at.group);
            let index = if same && from.indicator < at.indicator {
                at.indicator - 1
            } else {
                at.indicator
            };
            let to = IndicatorPath {
                indicator: index,
                ..at
            };
            (from != to).then_some((Edit::MoveIndicator { from, to }, Node::Indicator(to)))
        }
        (Node::Group(fgrid, fg, fgr), Node::Goal(grid, g)) if fgrid == grid => {
            let len = form.goal(*grid, *g)?.groups.len();
            let to = (*g, if fg == g { len.checked_sub(1)? } else { len });
            ((*fg, *fgr) != to).then_some((
                Edit::MoveGroup {
                    grid: *grid,
                    from: (*fg, *fgr),
                    to,
                },
                Node::Group(*grid, to.0, to.1),
            ))
        }
        (Node::Group(fgrid, fg, fgr), Node::Group(grid, g, gr)) if fgrid == grid => {
            let index = if fg == g && fgr < gr { gr - 1 } else { *gr };
            let to = (*g, index);
            ((*fg, *fgr) != to).then_some((
                Edit::MoveGroup {
                    grid: *grid,
                    from: (*fg, *fgr),
                    to,
                },
                Node::Group(*grid, *g, index),
            ))
        }
        _ => None,
    }
}

/// The actions on one indicator, shared by the outline and the grid.
pub fn indicator_menu(ui: &mut Ui, cx: &mut PanelCtx, path: IndicatorPath) {
    if ui.button("在下方添加指标").clicked() {
        add_indicator(
            cx,
            IndicatorPath {
                indicator: path.indicator + 1,
                ..path
            },
        );
        ui.close();
    }
    if ui.button("修改名称").clicked() {
        cx.state.selection = Node::Indicator(path);
        cx.state.focus = Some(Focus::Cell(path, ColumnKind::Name));
        cx.state.scroll_to_selection = true;
        ui.close();
    }
    let len = cx
        .form
        .group(path.grid, path.goal, path.group)
        .map_or(0, |g| g.indicators.len());
    move_buttons(ui, path.indicator, len, |from, to| {
        let to = IndicatorPath {
            indicator: to,
            ..path
        };
        cx.edits.push(Edit::MoveIndicator {
            from: IndicatorPath {
                indicator: from,
                ..path
            },
            to,
        });
        cx.state.selection = Node::Indicator(to);
        cx.state.scroll_to_selection = true;
    });
    ui.menu_button("移动到…", |ui| move_indicator_menu(ui, cx, path));
    ui.separator();
    if ui.button("删除").clicked() {
        delete_indicator(cx, path);
        ui.close();
    }
}

/// Deletes an indicator, saying so in the status bar (with its name, and that 撤销 brings
/// it back): a row with values is gone from view at once.
pub fn delete_indicator(cx: &mut PanelCtx, path: IndicatorPath) {
    let name = cx
        .form
        .indicator(path)
        .map(|i| display_name(&i.name).to_string())
        .unwrap_or_default();
    cx.edits.push(Edit::DeleteIndicator(path));
    cx.state.requests.push(Request::Notice(format!(
        "已删除指标“{}”，可按 Ctrl+Z 撤销",
        crate::core::printable::printable(&name)
    )));
}

/// Lists every other group (一级 → 二级) as a place to move the indicator to.
pub fn move_indicator_menu(ui: &mut Ui, cx: &mut PanelCtx, path: IndicatorPath) {
    let form = cx.form;
    for (gi, goal) in form.goals(path.grid).iter().enumerate() {
        ui.menu_button(display_name(&goal.name), |ui| {
            for (gri, group) in goal.groups.iter().enumerate() {
                let here = (gi, gri) == (path.goal, path.group);
                if ui
                    .add_enabled(!here, egui::Button::new(display_name(&group.name)))
                    .clicked()
                {
                    let to = IndicatorPath {
                        grid: path.grid,
                        goal: gi,
                        group: gri,
                        indicator: group.indicators.len(),
                    };
                    cx.edits.push(Edit::MoveIndicator { from: path, to });
                    cx.state.selection = Node::Indicator(to);
                    cx.state.scroll_to_selection = true;
                    ui.close();
                }
            }
        });
    }
}

/// 上移 / 下移 for the item at `index` of `len`.
pub fn move_buttons(ui: &mut Ui, index: usize, len: usize, mut on_move: impl FnMut(usize, usize)) {
    if ui
        .add_enabled(index > 0, egui::Button::new("上移"))
        .clicked()
    {
        on_move(index, index - 1);
        ui.close();
    }
    if ui
        .add_enabled(index + 1 < len, egui::Button::new("下移"))
        .clicked()
    {
        on_move(index, index + 1);
        ui.close();
    }
}

/// Adds a goal named 新一级目标 at `at` of `grid` and selects it; returns its node.
pub fn add_goal(cx: &mut PanelCtx, grid: usize, at: usize) -> Node {
    cx.edits.push(Edit::InsertGoal {
        grid,
        at,
        goal: Goal::new(NEW_GOAL),
    });
    cx.state.selection = Node::Goal(grid, at);
    Node::Goal(grid, at)
}

/// The name a goal added by the window starts with (renamed in place at once).
pub const NEW_GOAL: &str = "新一级目标";

/// Adds an empty indicator at `at`, selects it, shows it (the grid lets go of a filter
/// that would hide it) and puts the cursor in its name.
pub fn add_indicator(cx: &mut PanelCtx, at: IndicatorPath) {
    cx.edits.push(Edit::InsertIndicator {
        at,
        indicator: Box::default(),
    });
    cx.state.selection = Node::Indicator(at);
    cx.state.focus = Some(Focus::Cell(at, ColumnKind::Name));
    cx.state.scroll_to_selection = true;
}

/// Deletes at once what holds no indicators; asks the app to ask first otherwise.
pub fn request_delete(cx: &mut PanelCtx, node: Node) {
    let (_, count) = describe_for_delete(cx.form, &node);
    if count > 0 {
        cx.state.requests.push(Request::ConfirmDelete(node));
    } else if let Some(edit) = delete_edit(&node) {
        cx.edits.push(edit);
    }
}

/// The name of a node and how many indicators it holds.
pub fn describe_for_delete(form: &Form, node: &Node) -> (String, usize) {
    match *node {
        Node::Goal(grid, g) => form.goal(grid, g).map_or((String::new(), 0), |goal| {
            (
                display_name(&goal.name).to_string(),
                goal.groups.iter().map(|gr| gr.indicators.len()).sum(),
            )
        }),
        Node::Group(grid, g, gr) => form.group(grid, g, gr).map_or((String::new(), 0), |group| {
            (
                display_name(&group.name).to_string(),
                group.indicators.len(),
            )
        }),
        Node::Indicator(p) => (
            form.indicator(p)
                .map(|i| i.name.clone())
                .unwrap_or_default(),
            0,
        ),
        _ => (String::new(), 0),
    }
}

/// The edit that deletes `node`.
pub fn delete_edit(node: &Node) -> Option<Edit> {
    match *node {
        Node::Goal(grid, g) => Some(Edit::DeleteGoal(grid, g)),
        Node::Group(grid, g, gr) => Some(Edit::DeleteGroup(grid, g, gr)),
        Node::Indicator(p) => Some(Edit::DeleteIndicator(p)),
        _ => None,
    }
}

/// Shows and focuses what `location` names.
pub fn go_to(
    state: &mut UiState,
    location: Location,
    column: Option<ColumnKind>,
    char_offset: Option<(usize, usize)>,
) {
    state.scroll_to_selection = true;
    match location {
        Location::Field(field) => {
            state.selection = match &field {
                FieldId::Section(id) => Node::Section(id.clone()),
                FieldId::Money(_) => Node::Budget,
                _ => Node::Header,
            };
            state.focus = Some(Focus::Field(field));
            state.section_cursor = char_offset;
        }
        Location::Grid(g) => state.selection = Node::Grid(g),
        Location::Goal(g, goal) => state.selection = Node::Goal(g, goal),
        Location::Group(g, goal, gr) => state.selection = Node::Group(g, goal, gr),
        Location::Indicator(path) => {
            state.selection = Node::Indicator(path);
            // the cell the problem is about; a row's name otherwise (every grid has one)
            state.focus = Some(Focus::Cell(path, column.unwrap_or(ColumnKind::Name)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(goal: usize, group: usize, indicator: usize) -> IndicatorPath {
        IndicatorPath {
            grid: 0,
            goal,
            group,
            indicator,
        }
    }

    fn form() -> Form {
        crate::core::synthetic::small_grid()
    }

    fn dropped(f: &Form, dragged: Node, target: Node) -> Option<Form> {
        let (edit, _) = drop_edit(f, &dragged, &target)?;
        let mut f = f.clone();
        edit.apply(&mut f).unwrap();
        Some(f)
    }

    fn names(f: &Form, g: usize, gr: usize) -> Vec<&str> {
        f.grids[0].goals[g].groups[gr]
            .indicators
            .iter()
            .map(|i| i.name.as_str())
            .collect()
    }

    #[test]
    fn indicator_dropped_on_indicator_goes_before_it() {
        let f = form();
        let down = dropped(
            &f,
            Node::Indicator(path(0, 0, 0)),
            Node::Indicator(path(0, 0, 2)),
        )
        .unwrap();
        assert_eq!(names(&down, 0, 0), ["I001", "I000", "I002"]);
        let up = dropped(
            &f,
            Node::Indicator(path(0, 0, 2)),
            Node::Indicator(path(0, 0, 0)),
        )
        .unwrap();
        assert_eq!(names(&up, 0, 0), ["I002", "I000", "I001"]);
        let across = dropped(
            &f,
            Node::Indicator(path(0, 0, 1)),
            Node::Indicator(path(1, 1, 0)),
        )
        .unwrap();
        assert_eq!(names(&across, 1, 1), ["I001", "I110", "I111", "I112"]);
        assert!(drop_edit(
            &f,
            &Node::Indicator(path(0, 0, 1)),
            &Node::Indicator(path(0, 0, 1))
        )
        .is_none());
        assert!(
            drop_edit(
                &f,
                &Node::Indicator(path(0, 0, 1)),
                &Node::Indicator(path(0, 0, 2))
            )
            .is_none(),
            "already there"
        );
    }

    #[test]
    fn indicator_dropped_on_group_goes_to_its_end() {
        let f = form();
        let moved = dropped(&f, Node::Indicator(path(0, 0, 0)), Node::Group(0, 1, 0)).unwrap();
        assert_eq!(names(&moved, 1, 0), ["I100", "I101", "I102", "I000"]);
        let same = dropped(&f, Node::Indicator(path(0, 0, 0)), Node::Group(0, 0, 0)).unwrap();
        assert_eq!(names(&same, 0, 0), ["I001", "I002", "I000"]);
    }

    #[test]
    fn groups_move_to_goals_and_before_groups() {
        let f = form();
        let moved = dropped(&f, Node::Group(0, 0, 0), Node::Goal(0, 1)).unwrap();
        assert_eq!(moved.grids[0].goals[1].groups[2].name, "G00");
        let before = dropped(&f, Node::Group(0, 1, 1), Node::Group(0, 0, 0)).unwrap();
        assert_eq!(before.grids[0].goals[0].groups[0].name, "G11");
        assert!(
            drop_edit(&f, &Node::Goal(0, 0), &Node::Goal(0, 1)).is_none(),
            "goals move by menu"
        );
        assert!(drop_edit(&f, &Node::Group(0, 0, 0), &Node::Indicator(path(0, 0, 0))).is_none());
    }
}
