//! The outline of the form on the left: header, the template's sections and money, and
//! each indicator grid's tree, with counts, problem markers, and the structural
//! actions (add, rename, delete, move).

use egui::collapsing_header::CollapsingState;
use egui::{RichText, Ui};

use crate::core::editing::edit::Edit;
use crate::core::model::{FieldId, Goal, Group, Indicator, IndicatorPath};
use crate::core::validate::{display_name, Severity};

use crate::ui::nodes::{
    self, add_indicator, drop_edit, indicator_menu, move_buttons, request_delete,
};
use crate::ui::problem_index::ProblemIndex;
use crate::ui::state::{Node, PanelCtx, Request, UiState};
use crate::ui::theme;

/// The outline and what it keeps: the node being renamed in place.
#[derive(Default)]
pub struct Outline {
    /// Tree node being renamed in place, with the text typed so far.
    renaming: Option<Rename>,
}

/// A rename in place: the node, the text typed so far, and whether the edit box has
/// yet to take the keyboard (it asks once, so that Enter, Tab or a click elsewhere can
/// take it away again and commit).
struct Rename {
    node: Node,
    text: String,
    started: bool,
}

impl Rename {
    fn new(node: Node, text: impl Into<String>) -> Option<Rename> {
        Some(Rename {
            node,
            text: text.into(),
            started: false,
        })
    }
}

impl Outline {
    pub fn show(&mut self, ui: &mut Ui, cx: &mut PanelCtx) {
        let form = cx.form;
        let template = cx.template;
        let problems = cx.problems;
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                ui.add_space(4.0);
                node_label(
                    ui,
                    cx.state,
                    Node::Header,
                    "基本信息",
                    header_mark(problems),
                );
                for spec in &template.sections {
                    let mark = problems.fields.get(&FieldId::section(&spec.id));
                    node_label(
                        ui,
                        cx.state,
                        Node::Section(spec.id.clone()),
                        &spec.label,
                        mark.copied(),
                    );
                }
                if template.money.is_some() {
                    let money_mark = problems
                        .fields
                        .iter()
                        .filter(|(f, _)| matches!(f, FieldId::Money(_)))
                        .map(|(_, s)| *s)
                        .min();
                    node_label(ui, cx.state, Node::Budget, "预算", money_mark);
                }
                // the year's later stages, above the (long) grids so they are in view
                let month = form.monitor.month();
                node_label(
                    ui,
                    cx.state,
                    Node::Monitor,
                    &format!("绩效监控（1-{month}月）"),
                    None,
                );
                node_label(ui, cx.state, Node::SelfEval, "绩效自评", None);
                ui.separator();
                ui.label(
                    RichText::new(
                        "右键点击目标或指标：添加、重命名、移动、删除；也可拖动二级目标和指标",
                    )
                    .small()
                    .weak(),
                );
                for (g, spec) in template.grids.iter().enumerate() {
                    let goals = form.goals(g);
                    let count: usize = goals
                        .iter()
                        .flat_map(|goal| &goal.groups)
                        .map(|gr| gr.indicators.len())
                        .sum();
                    let grid_label = format!("{}（{count}）", spec.heading_for(form.year));
                    let mark = problems.grids.get(&g).copied();
                    let r = node_label(ui, cx.state, Node::Grid(g), &grid_label, mark);
                    r.context_menu(|ui| {
                        if ui.button("添加一级目标").clicked() {
                            self.add_goal(cx, g, goals.len());
                            ui.close();
                        }
                    });
                    for (gi, goal) in goals.iter().enumerate() {
                        self.goal_node(ui, cx, (g, gi), goal);
                    }
                }
            });
    }

    fn add_goal(&mut self, cx: &mut PanelCtx, grid: usize, at: usize) {
        let node = nodes::add_goal(cx, grid, at);
        self.renaming = Rename::new(node, nodes::NEW_GOAL);
    }
}

fn header_mark(problems: &ProblemIndex) -> Option<Severity> {
    problems
        .fields
        .iter()
        .filter(|(f, _)| matches!(f, FieldId::Year | FieldId::Field(_)))
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
                r.dnd_set_drag_payload(node.clone());
            }
            if let Some(severity) = mark {
                ui.label(theme::marker(ui.visuals(), severity))
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
fn reveals(state: &UiState, (grid, goal): (usize, usize), group: Option<usize>) -> bool {
    if !state.scroll_to_selection {
        return false;
    }
    match (&state.selection, group) {
        (Node::Indicator(p), Some(gr)) => (p.grid, p.goal, p.group) == (grid, goal, gr),
        (Node::Indicator(p), None) => (p.grid, p.goal) == (grid, goal),
        (Node::Group(g, gi, _), None) => (*g, *gi) == (grid, goal),
        _ => false,
    }
}

impl Outline {
    /// Renaming in place: a text field instead of the label. Enter, Tab or a click
    /// elsewhere commits (one undo step), Esc cancels.
    fn rename_field(&mut self, ui: &mut Ui, node: &Node, old: &str, edits: &mut Vec<Edit>) -> bool {
        let Some(rename) = &mut self.renaming else {
            return false;
        };
        if rename.node != *node {
            return false;
        }
        let id = ui.make_persistent_id("outline_rename");
        let r = ui.add(
            egui::TextEdit::singleline(&mut rename.text)
                .id(id)
                .hint_text("名称")
                .desired_width(160.0),
        );
        if !std::mem::replace(&mut rename.started, true) {
            r.request_focus();
            // the whole name selected, so typing replaces it
            let mut edit = egui::text_edit::TextEditState::load(ui.ctx(), id).unwrap_or_default();
            let all = egui::text::CCursorRange::two(
                egui::text::CCursor::new(0),
                egui::text::CCursor::new(rename.text.chars().count()),
            );
            edit.cursor.set_char_range(Some(all));
            edit.store(ui.ctx(), id);
            return true;
        }
        let cancel = ui.input(|i| i.key_pressed(egui::Key::Escape));
        if cancel {
            self.renaming = None;
        } else if r.lost_focus() || !r.has_focus() {
            let name = rename.text.trim().to_string();
            if !name.is_empty() && name != old {
                match *node {
                    Node::Goal(grid, g) => edits.push(Edit::RenameGoal(grid, g, name)),
                    Node::Group(grid, g, gr) => edits.push(Edit::RenameGroup(grid, g, gr, name)),
                    _ => {}
                }
            }
            self.renaming = None;
        }
        true
    }

    fn goal_node(&mut self, ui: &mut Ui, cx: &mut PanelCtx, (g, gi): (usize, usize), goal: &Goal) {
        let form = cx.form;
        let problems = cx.problems;
        let id = ui.make_persistent_id(("goal", g, gi));
        let count: usize = goal.groups.iter().map(|g| g.indicators.len()).sum();
        let node = Node::Goal(g, gi);
        let mut folding = CollapsingState::load_with_default_open(ui.ctx(), id, true);
        if reveals(cx.state, (g, gi), None) {
            folding.set_open(true);
        }
        folding
            .show_header(ui, |ui| {
                if self.rename_field(ui, &node, &goal.name, cx.edits) {
                    return;
                }
                let text = format!("{}（{count}）", display_name(&goal.name));
                let mark = problems.goals.get(&(g, gi)).copied();
                let r = node_label(ui, cx.state, node.clone(), &text, mark);
                if r.double_clicked() {
                    self.renaming = Rename::new(node.clone(), goal.name.clone());
                }
                handle_drop(ui, cx, &node, &r);
                r.context_menu(|ui| {
                    if ui.button("添加二级目标").clicked() {
                        cx.edits.push(Edit::InsertGroup {
                            grid: g,
                            goal: gi,
                            at: goal.groups.len(),
                            group: Group::new("新二级目标"),
                        });
                        self.renaming =
                            Rename::new(Node::Group(g, gi, goal.groups.len()), "新二级目标");
                        ui.close();
                    }
                    if ui.button("在下方添加一级目标").clicked() {
                        self.add_goal(cx, g, gi + 1);
                        ui.close();
                    }
                    if ui.button("重命名").clicked() {
                        self.renaming = Rename::new(node.clone(), goal.name.clone());
                        ui.close();
                    }
                    move_buttons(ui, gi, form.goals(g).len(), |from, to| {
                        cx.edits.push(Edit::MoveGoal { grid: g, from, to });
                        cx.state.selection = Node::Goal(g, to);
                    });
                    ui.separator();
                    if ui.button("删除").clicked() {
                        request_delete(cx, node.clone());
                        ui.close();
                    }
                });
            })
            .body(|ui| {
                for (gri, group) in goal.groups.iter().enumerate() {
                    self.group_node(ui, cx, (g, gi, gri), group);
                }
            });
    }

    fn group_node(
        &mut self,
        ui: &mut Ui,
        cx: &mut PanelCtx,
        (g, gi, gri): (usize, usize, usize),
        group: &Group,
    ) {
        let form = cx.form;
        let problems = cx.problems;
        let id = ui.make_persistent_id(("group", g, gi, gri));
        let node = Node::Group(g, gi, gri);
        // Large forms start with groups folded so the outline stays quick to read.
        let open_by_default = form.indicator_count() <= 150;
        let mut folding = CollapsingState::load_with_default_open(ui.ctx(), id, open_by_default);
        if reveals(cx.state, (g, gi), Some(gri)) {
            folding.set_open(true);
        }
        folding
            .show_header(ui, |ui| {
                if self.rename_field(ui, &node, &group.name, cx.edits) {
                    return;
                }
                let text = format!(
                    "{}（{}）",
                    display_name(&group.name),
                    group.indicators.len()
                );
                let r = node_label(
                    ui,
                    cx.state,
                    node.clone(),
                    &text,
                    problems.groups.get(&(g, gi, gri)).copied(),
                );
                if r.double_clicked() {
                    self.renaming = Rename::new(node.clone(), group.name.clone());
                }
                handle_drop(ui, cx, &node, &r);
                r.context_menu(|ui| {
                    if ui.button("添加指标").clicked() {
                        add_indicator(
                            cx,
                            IndicatorPath {
                                grid: g,
                                goal: gi,
                                group: gri,
                                indicator: group.indicators.len(),
                            },
                        );
                        ui.close();
                    }
                    if ui.button("从指标库添加…").clicked() {
                        cx.state.selection = node.clone();
                        cx.state.requests.push(Request::OpenLibrary);
                        ui.close();
                    }
                    if ui.button("重命名").clicked() {
                        self.renaming = Rename::new(node.clone(), group.name.clone());
                        ui.close();
                    }
                    move_buttons(ui, gri, form.goals(g)[gi].groups.len(), |from, to| {
                        cx.edits.push(Edit::MoveGroup {
                            grid: g,
                            from: (gi, from),
                            to: (gi, to),
                        });
                        cx.state.selection = Node::Group(g, gi, to);
                    });
                    ui.menu_button("移动到…", |ui| {
                        for (ti, target) in form.goals(g).iter().enumerate() {
                            if ti == gi {
                                continue;
                            }
                            if ui.button(display_name(&target.name)).clicked() {
                                let to = (ti, target.groups.len());
                                cx.edits.push(Edit::MoveGroup {
                                    grid: g,
                                    from: (gi, gri),
                                    to,
                                });
                                cx.state.selection = Node::Group(g, to.0, to.1);
                                ui.close();
                            }
                        }
                    });
                    ui.separator();
                    if ui.button("删除").clicked() {
                        request_delete(cx, node.clone());
                        ui.close();
                    }
                });
            })
            .body(|ui| {
                for (ii, ind) in group.indicators.iter().enumerate() {
                    let path = IndicatorPath {
                        grid: g,
                        goal: gi,
                        group: gri,
                        indicator: ii,
                    };
                    indicator_node(ui, cx, path, ind);
                }
            });
    }
}

fn indicator_node(ui: &mut Ui, cx: &mut PanelCtx, path: IndicatorPath, ind: &Indicator) {
    let r = node_label(
        ui,
        cx.state,
        Node::Indicator(path),
        display_name(&ind.name),
        cx.problems.indicators.get(&path).copied(),
    );
    handle_drop(ui, cx, &Node::Indicator(path), &r);
    r.context_menu(|ui| indicator_menu(ui, cx, path));
}

/// Shows where a dragged node would land, and moves it there when dropped.
fn handle_drop(ui: &Ui, cx: &mut PanelCtx, target: &Node, r: &egui::Response) {
    if let Some(dragged) = r.dnd_hover_payload::<Node>() {
        if drop_edit(cx.form, &dragged, target).is_some() {
            let stroke = egui::Stroke::new(2.0, ui.visuals().selection.stroke.color);
            let into = matches!(
                (&*dragged, target),
                (Node::Indicator(_), Node::Group(..)) | (Node::Group(..), Node::Goal(..))
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
        if let Some((edit, moved_to)) = drop_edit(cx.form, &dragged, target) {
            cx.edits.push(edit);
            cx.state.selection = moved_to;
            cx.state.scroll_to_selection = true;
        }
    }
}
