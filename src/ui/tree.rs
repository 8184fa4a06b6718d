//! The outline of the form on the left: sections, budget and the indicator tree, with
//! counts, problem markers, and the structural actions (add, rename, delete, move).

use egui::collapsing_header::CollapsingState;
use egui::{RichText, Ui};

use crate::core::edit::Edit;
use crate::core::model::{Form, Goal, Group, Indicator, IndicatorPath, SectionKind};
use crate::core::validate::{display_name, Severity};

use super::app::{Focus, Node, ProblemIndex, UiState};

pub fn show(
    ui: &mut Ui,
    form: &Form,
    problems: &ProblemIndex,
    state: &mut UiState,
    edits: &mut Vec<Edit>,
) {
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.add_space(4.0);
            node_label(ui, state, Node::Header, "基本信息", header_mark(problems));
            for kind in SectionKind::ALL {
                let mark = problems.fields.get(&crate::core::model::FieldId::Text(
                    crate::core::model::TextField::Section(kind),
                ));
                node_label(ui, state, Node::Section(kind), kind.label(), mark.copied());
            }
            let budget_mark = problems
                .fields
                .iter()
                .filter(|(f, _)| matches!(f, crate::core::model::FieldId::Budget(_)))
                .map(|(_, s)| *s)
                .min();
            node_label(ui, state, Node::Budget, "预算", budget_mark);
            ui.separator();
            ui.label(
                RichText::new(
                    "右键点击目标或指标：添加、重命名、移动、删除；也可拖动二级目标和指标",
                )
                .small()
                .weak(),
            );
            let grid_label = format!("{}（{}）", form.grid_heading(), form.indicator_count());
            let r = node_label(ui, state, Node::Grid, &grid_label, None);
            r.context_menu(|ui| {
                if ui.button("添加一级目标").clicked() {
                    add_goal(form, state, edits, form.goals.len());
                    ui.close();
                }
            });
            for (gi, goal) in form.goals.iter().enumerate() {
                goal_node(ui, form, gi, goal, problems, state, edits);
            }
        });
}

fn header_mark(problems: &ProblemIndex) -> Option<Severity> {
    use crate::core::model::{FieldId, TextField};
    problems
        .fields
        .iter()
        .filter(|(f, _)| !matches!(f, FieldId::Budget(_) | FieldId::Text(TextField::Section(_))))
        .map(|(_, s)| *s)
        .min()
}

/// A selectable line of the outline; returns its response for context menus.
fn node_label(
    ui: &mut Ui,
    state: &mut UiState,
    node: Node,
    text: &str,
    mark: Option<Severity>,
) -> egui::Response {
    let selected = state.selection == node;
    // Groups and indicators can be dragged onto another place in the outline.
    let draggable = matches!(node, Node::Group(..) | Node::Indicator(_));
    let sense = if draggable {
        egui::Sense::click_and_drag()
    } else {
        egui::Sense::click()
    };
    let r = ui
        .horizontal(|ui| {
            // Long names are cut to the outline's width (whole on hover), so a narrow
            // outline leaves the window's room to the editors.
            let r = ui.add(
                egui::Button::selectable(selected, text)
                    .sense(sense)
                    .wrap_mode(egui::TextWrapMode::Truncate),
            );
            let r = if text.chars().count() > 12 {
                r.on_hover_text(text)
            } else {
                r
            };
            if draggable {
                r.dnd_set_drag_payload(node);
            }
            if let Some(severity) = mark {
                let color = match severity {
                    Severity::Error => ui.visuals().error_fg_color,
                    Severity::Warning => ui.visuals().warn_fg_color,
                };
                ui.label(RichText::new("●").color(color).small())
                    .on_hover_text(severity.label());
            }
            r
        })
        .inner;
    if r.clicked() {
        state.selection = node;
        state.scroll_to_selection = true;
    } else if selected && state.scroll_to_selection {
        // selected elsewhere (grid, problem list): keep the outline in step
        r.scroll_to_me(Some(egui::Align::Center));
    }
    r
}

/// Whether the folded goal (or group) must open to show a selection made elsewhere.
fn reveals(state: &UiState, goal: usize, group: Option<usize>) -> bool {
    if !state.scroll_to_selection {
        return false;
    }
    match (state.selection, group) {
        (Node::Indicator(p), Some(gr)) => p.goal == goal && p.group == gr,
        (Node::Indicator(p), None) => p.goal == goal,
        (Node::Group(g, _), None) => g == goal,
        _ => false,
    }
}

/// Renaming in place: a text field instead of the label.
fn rename_field(ui: &mut Ui, state: &mut UiState, node: Node, edits: &mut Vec<Edit>) -> bool {
    let Some((renaming, text)) = &mut state.renaming else {
        return false;
    };
    if *renaming != node {
        return false;
    }
    let r = ui.add(egui::TextEdit::singleline(text).desired_width(160.0));
    r.request_focus();
    let cancel = ui.input(|i| i.key_pressed(egui::Key::Escape));
    if cancel {
        state.renaming = None;
    } else if r.lost_focus() {
        let name = text.trim().to_string();
        match node {
            Node::Goal(g) => edits.push(Edit::RenameGoal(g, name)),
            Node::Group(g, gr) => edits.push(Edit::RenameGroup(g, gr, name)),
            _ => {}
        }
        state.renaming = None;
    }
    true
}

fn goal_node(
    ui: &mut Ui,
    form: &Form,
    gi: usize,
    goal: &Goal,
    problems: &ProblemIndex,
    state: &mut UiState,
    edits: &mut Vec<Edit>,
) {
    let id = ui.make_persistent_id(("goal", gi));
    let count: usize = goal.groups.iter().map(|g| g.indicators.len()).sum();
    let node = Node::Goal(gi);
    let mut folding = CollapsingState::load_with_default_open(ui.ctx(), id, true);
    if reveals(state, gi, None) {
        folding.set_open(true);
    }
    folding
        .show_header(ui, |ui| {
            if rename_field(ui, state, node, edits) {
                return;
            }
            let text = format!("{}（{count}）", display_name(&goal.name));
            let r = node_label(ui, state, node, &text, problems.goals.get(&gi).copied());
            handle_drop(ui, form, node, &r, state, edits);
            r.context_menu(|ui| {
                if ui.button("添加二级目标").clicked() {
                    edits.push(Edit::InsertGroup {
                        goal: gi,
                        at: goal.groups.len(),
                        group: Group::new("新二级目标"),
                    });
                    state.renaming =
                        Some((Node::Group(gi, goal.groups.len()), "新二级目标".into()));
                    ui.close();
                }
                if ui.button("在下方添加一级目标").clicked() {
                    add_goal(form, state, edits, gi + 1);
                    ui.close();
                }
                if ui.button("重命名").clicked() {
                    state.renaming = Some((node, goal.name.clone()));
                    ui.close();
                }
                move_buttons(ui, gi, form.goals.len(), |from, to| {
                    edits.push(Edit::MoveGoal { from, to });
                    state.selection = Node::Goal(to);
                });
                ui.separator();
                if ui.button("删除").clicked() {
                    request_delete(form, state, edits, node);
                    ui.close();
                }
            });
        })
        .body(|ui| {
            for (gri, group) in goal.groups.iter().enumerate() {
                group_node(ui, form, gi, gri, group, problems, state, edits);
            }
        });
}

#[allow(clippy::too_many_arguments)]
fn group_node(
    ui: &mut Ui,
    form: &Form,
    gi: usize,
    gri: usize,
    group: &Group,
    problems: &ProblemIndex,
    state: &mut UiState,
    edits: &mut Vec<Edit>,
) {
    let id = ui.make_persistent_id(("group", gi, gri));
    let node = Node::Group(gi, gri);
    // Large forms start with groups folded so the outline stays quick to read.
    let open_by_default = form.indicator_count() <= 150;
    let mut folding = CollapsingState::load_with_default_open(ui.ctx(), id, open_by_default);
    if reveals(state, gi, Some(gri)) {
        folding.set_open(true);
    }
    folding
        .show_header(ui, |ui| {
            if rename_field(ui, state, node, edits) {
                return;
            }
            let text = format!(
                "{}（{}）",
                display_name(&group.name),
                group.indicators.len()
            );
            let r = node_label(
                ui,
                state,
                node,
                &text,
                problems.groups.get(&(gi, gri)).copied(),
            );
            handle_drop(ui, form, node, &r, state, edits);
            r.context_menu(|ui| {
                if ui.button("添加指标").clicked() {
                    add_indicator(
                        state,
                        edits,
                        IndicatorPath {
                            goal: gi,
                            group: gri,
                            indicator: group.indicators.len(),
                        },
                    );
                    ui.close();
                }
                if ui.button("重命名").clicked() {
                    state.renaming = Some((node, group.name.clone()));
                    ui.close();
                }
                move_buttons(ui, gri, form.goals[gi].groups.len(), |from, to| {
                    edits.push(Edit::MoveGroup {
                        from: (gi, from),
                        to: (gi, to),
                    });
                    state.selection = Node::Group(gi, to);
                });
                ui.menu_button("移动到…", |ui| {
                    for (ti, target) in form.goals.iter().enumerate() {
                        if ti == gi {
                            continue;
                        }
                        if ui.button(display_name(&target.name)).clicked() {
                            let to = (ti, target.groups.len());
                            edits.push(Edit::MoveGroup {
                                from: (gi, gri),
                                to,
                            });
                            state.selection = Node::Group(to.0, to.1);
                            ui.close();
                        }
                    }
                });
                ui.separator();
                if ui.button("删除").clicked() {
                    request_delete(form, state, edits, node);
                    ui.close();
                }
            });
        })
        .body(|ui| {
            for (ii, ind) in group.indicators.iter().enumerate() {
                let path = IndicatorPath {
                    goal: gi,
                    group: gri,
                    indicator: ii,
                };
                indicator_node(ui, form, path, ind, problems, state, edits);
            }
        });
}

fn indicator_node(
    ui: &mut Ui,
    form: &Form,
    path: IndicatorPath,
    ind: &Indicator,
    problems: &ProblemIndex,
    state: &mut UiState,
    edits: &mut Vec<Edit>,
) {
    let r = node_label(
        ui,
        state,
        Node::Indicator(path),
        display_name(&ind.name),
        problems.indicators.get(&path).copied(),
    );
    handle_drop(ui, form, Node::Indicator(path), &r, state, edits);
    r.context_menu(|ui| indicator_menu(ui, form, path, state, edits));
}

/// Shows where a dragged node would land, and moves it there when dropped.
fn handle_drop(
    ui: &Ui,
    form: &Form,
    target: Node,
    r: &egui::Response,
    state: &mut UiState,
    edits: &mut Vec<Edit>,
) {
    if let Some(dragged) = r.dnd_hover_payload::<Node>() {
        if drop_edit(form, *dragged, target).is_some() {
            let stroke = egui::Stroke::new(2.0, ui.visuals().selection.stroke.color);
            let into = matches!(
                (*dragged, target),
                (Node::Indicator(_), Node::Group(..)) | (Node::Group(..), Node::Goal(_))
            );
            if into {
                ui.painter()
                    .rect_stroke(r.rect, 3.0, stroke, egui::StrokeKind::Outside);
            } else {
                ui.painter().hline(r.rect.x_range(), r.rect.top(), stroke);
            }
        }
    }
    if let Some(dragged) = r.dnd_release_payload::<Node>() {
        if let Some((edit, moved_to)) = drop_edit(form, *dragged, target) {
            edits.push(edit);
            state.selection = moved_to;
            state.scroll_to_selection = true;
        }
    }
}

/// The move that dropping `dragged` on `target` means: an indicator dropped on a group
/// goes to its end, on an indicator goes before it; a group dropped on a goal goes to
/// its end, on a group goes before it. Returns the edit and where the node ends up.
pub fn drop_edit(form: &Form, dragged: Node, target: Node) -> Option<(Edit, Node)> {
    match (dragged, target) {
        (Node::Indicator(from), Node::Group(g, gr)) => {
            let len = form.group(g, gr)?.indicators.len();
            let same = (from.goal, from.group) == (g, gr);
            let to = IndicatorPath {
                goal: g,
                group: gr,
                indicator: if same { len.checked_sub(1)? } else { len },
            };
            (from != to).then_some((Edit::MoveIndicator { from, to }, Node::Indicator(to)))
        }
        (Node::Indicator(from), Node::Indicator(at)) => {
            let same = (from.goal, from.group) == (at.goal, at.group);
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
        (Node::Group(fg, fgr), Node::Goal(g)) => {
            let len = form.goals.get(g)?.groups.len();
            let to = (g, if fg == g { len.checked_sub(1)? } else { len });
            ((fg, fgr) != to).then_some((
                Edit::MoveGroup {
                    from: (fg, fgr),
                    to,
                },
                Node::Group(to.0, to.1),
            ))
        }
        (Node::Group(fg, fgr), Node::Group(g, gr)) => {
            let index = if fg == g && fgr < gr { gr - 1 } else { gr };
            let to = (g, index);
            ((fg, fgr) != to).then_some((
                Edit::MoveGroup {
                    from: (fg, fgr),
                    to,
                },
                Node::Group(g, index),
            ))
        }
        _ => None,
    }
}

/// The actions on one indicator, shared by the tree and the grid.
pub fn indicator_menu(
    ui: &mut Ui,
    form: &Form,
    path: IndicatorPath,
    state: &mut UiState,
    edits: &mut Vec<Edit>,
) {
    if ui.button("在下方添加指标").clicked() {
        add_indicator(
            state,
            edits,
            IndicatorPath {
                indicator: path.indicator + 1,
                ..path
            },
        );
        ui.close();
    }
    if ui.button("修改名称").clicked() {
        state.selection = Node::Indicator(path);
        state.focus = Some(Focus::IndicatorName(path));
        state.scroll_to_selection = true;
        ui.close();
    }
    let len = form
        .group(path.goal, path.group)
        .map_or(0, |g| g.indicators.len());
    move_buttons(ui, path.indicator, len, |from, to| {
        let to = IndicatorPath {
            indicator: to,
            ..path
        };
        edits.push(Edit::MoveIndicator {
            from: IndicatorPath {
                indicator: from,
                ..path
            },
            to,
        });
        state.selection = Node::Indicator(to);
        state.scroll_to_selection = true;
    });
    ui.menu_button("移动到…", |ui| {
        move_indicator_menu(ui, form, path, state, edits)
    });
    ui.separator();
    if ui.button("删除").clicked() {
        edits.push(Edit::DeleteIndicator(path));
        ui.close();
    }
}

/// Lists every other group (一级 → 二级) as a place to move the indicator to.
pub fn move_indicator_menu(
    ui: &mut Ui,
    form: &Form,
    path: IndicatorPath,
    state: &mut UiState,
    edits: &mut Vec<Edit>,
) {
    for (gi, goal) in form.goals.iter().enumerate() {
        ui.menu_button(display_name(&goal.name), |ui| {
            for (gri, group) in goal.groups.iter().enumerate() {
                let here = (gi, gri) == (path.goal, path.group);
                if ui
                    .add_enabled(!here, egui::Button::new(display_name(&group.name)))
                    .clicked()
                {
                    let to = IndicatorPath {
                        goal: gi,
                        group: gri,
                        indicator: group.indicators.len(),
                    };
                    edits.push(Edit::MoveIndicator { from: path, to });
                    state.selection = Node::Indicator(to);
                    state.scroll_to_selection = true;
                    ui.close();
                }
            }
        });
    }
}

fn move_buttons(ui: &mut Ui, index: usize, len: usize, mut on_move: impl FnMut(usize, usize)) {
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

pub fn add_goal(_form: &Form, state: &mut UiState, edits: &mut Vec<Edit>, at: usize) {
    edits.push(Edit::InsertGoal(at, Goal::new("新一级目标")));
    state.selection = Node::Goal(at);
    state.renaming = Some((Node::Goal(at), "新一级目标".into()));
}

/// Adds an empty indicator at `at`, selects it and puts the cursor in its name.
pub fn add_indicator(state: &mut UiState, edits: &mut Vec<Edit>, at: IndicatorPath) {
    edits.push(Edit::InsertIndicator {
        at,
        indicator: Indicator::default(),
    });
    state.selection = Node::Indicator(at);
    state.focus = Some(Focus::IndicatorName(at));
    state.scroll_to_selection = true;
    state.grid_filter.clear();
}

/// Deletes at once what holds no indicators; asks first otherwise.
pub fn request_delete(form: &Form, state: &mut UiState, edits: &mut Vec<Edit>, node: Node) {
    let (_, count) = describe_for_delete(form, node);
    if count > 0 {
        state.confirm_delete = Some(node);
    } else if let Some(edit) = delete_edit(node) {
        edits.push(edit);
    }
}

/// The name of a node and how many indicators it holds.
pub fn describe_for_delete(form: &Form, node: Node) -> (String, usize) {
    match node {
        Node::Goal(g) => form.goals.get(g).map_or((String::new(), 0), |goal| {
            (
                display_name(&goal.name).to_string(),
                goal.groups.iter().map(|gr| gr.indicators.len()).sum(),
            )
        }),
        Node::Group(g, gr) => form.group(g, gr).map_or((String::new(), 0), |group| {
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

pub fn delete_edit(node: Node) -> Option<Edit> {
    match node {
        Node::Goal(g) => Some(Edit::DeleteGoal(g)),
        Node::Group(g, gr) => Some(Edit::DeleteGroup(g, gr)),
        Node::Indicator(p) => Some(Edit::DeleteIndicator(p)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(goal: usize, group: usize, indicator: usize) -> IndicatorPath {
        IndicatorPath {
            goal,
            group,
            indicator,
        }
    }

    fn form() -> Form {
        crate::core::synthetic::small_grid()
    }

    fn dropped(f: &Form, dragged: Node, target: Node) -> Option<Form> {
        let (edit, _) = drop_edit(f, dragged, target)?;
        let mut f = f.clone();
        edit.apply(&mut f).unwrap();
        Some(f)
    }

    fn names(f: &Form, g: usize, gr: usize) -> Vec<&str> {
        f.goals[g].groups[gr]
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
            Node::Indicator(path(0, 0, 1)),
            Node::Indicator(path(0, 0, 1))
        )
        .is_none());
        assert!(
            drop_edit(
                &f,
                Node::Indicator(path(0, 0, 1)),
                Node::Indicator(path(0, 0, 2))
            )
            .is_none(),
            "already there"
        );
    }

    #[test]
    fn indicator_dropped_on_group_goes_to_its_end() {
        let f = form();
        let moved = dropped(&f, Node::Indicator(path(0, 0, 0)), Node::Group(1, 0)).unwrap();
        assert_eq!(names(&moved, 1, 0), ["I100", "I101", "I102", "I000"]);
        let same = dropped(&f, Node::Indicator(path(0, 0, 0)), Node::Group(0, 0)).unwrap();
        assert_eq!(names(&same, 0, 0), ["I001", "I002", "I000"]);
    }

    #[test]
    fn groups_move_to_goals_and_before_groups() {
        let f = form();
        let moved = dropped(&f, Node::Group(0, 0), Node::Goal(1)).unwrap();
        assert_eq!(moved.goals[1].groups[2].name, "G00");
        let before = dropped(&f, Node::Group(1, 1), Node::Group(0, 0)).unwrap();
        assert_eq!(before.goals[0].groups[0].name, "G11");
        assert!(
            drop_edit(&f, Node::Goal(0), Node::Goal(1)).is_none(),
            "goals move by menu"
        );
        assert!(drop_edit(&f, Node::Group(0, 0), Node::Indicator(path(0, 0, 0))).is_none());
    }
}
