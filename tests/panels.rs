//! Each panel alone in a harness with a small form, as egui's demos test a component:
//! what it shows, and the edits and requests it makes, without the app around it.

mod common;

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;
use jixiao::core::document::Document;
use jixiao::core::edit::Edit;
use jixiao::core::model::{Form, Goal, Group, Indicator, IndicatorPath};
use jixiao::ui::panels::fields::Fields;
use jixiao::ui::panels::grid::Grid;
use jixiao::ui::panels::outline::Outline;
use jixiao::ui::panels::problems::ProblemsPanel;
use jixiao::ui::problem_index::ProblemIndex;
use jixiao::ui::state::{Node, PanelCtx, Request, UiState};

fn small_form() -> Form {
    let mut f = Form::new(jixiao::core::template::shanghai_2020(), 2021);
    f.set_field("project_name", "示范项目");
    let mut quantity = Group::new("数量指标");
    quantity
        .indicators
        .push(Indicator::new("培训人次", ">=100人次"));
    quantity.indicators.push(Indicator::new("活动场次", ""));
    let mut goal = Goal::new("产出目标");
    goal.groups.push(quantity);
    f.grids[0].goals.push(goal);
    f
}

/// One panel, the form it shows, and what it pushed and asked for.
struct World<P> {
    panel: P,
    form: Form,
    problems: ProblemIndex,
    state: UiState,
    edits: Vec<Edit>,
    styled: bool,
}

impl<P> World<P> {
    fn new(panel: P, selection: Node) -> Self {
        let form = small_form();
        let mut problems = ProblemIndex::default();
        let fields = Fields {
            strict: true,
            ..Fields::default()
        };
        problems.refresh(
            &Document::new(form.clone(), None),
            jixiao::core::template::shanghai_2020(),
            &fields.problem_view(),
        );
        World {
            panel,
            form,
            problems,
            state: UiState {
                selection,
                ..UiState::default()
            },
            edits: Vec::new(),
            styled: false,
        }
    }
}

fn harness<P: 'static>(
    world: World<P>,
    show: fn(&mut P, &mut egui::Ui, &mut PanelCtx),
) -> Harness<'static, World<P>> {
    Harness::builder()
        .with_size(egui::vec2(900.0, 600.0))
        .build_ui_state(
            move |ui, w: &mut World<P>| {
                if !std::mem::replace(&mut w.styled, true) {
                    jixiao::ui::install_look(ui.ctx());
                }
                let mut cx = PanelCtx {
                    form: &w.form,
                    template: jixiao::core::template::shanghai_2020(),
                    problems: &w.problems,
                    state: &mut w.state,
                    edits: &mut w.edits,
                };
                let scrolled = cx.state.scroll_to_selection;
                show(&mut w.panel, ui, &mut cx);
                // as the app does: a scroll request lasts a frame
                if scrolled {
                    w.state.scroll_to_selection = false;
                }
            },
            world,
        )
}

#[test]
fn the_outline_alone_shows_counts_selects_and_asks_before_deleting() {
    let mut h = harness(World::new(Outline::default(), Node::Header), Outline::show);
    h.run();
    h.get_by_label("2021年绩效目标（2）");
    h.get_by_label("产出目标（2）").click();
    h.run();
    assert_eq!(h.state().state.selection, Node::Goal(0, 0));
    // deleting a goal with indicators is a request to the app, not an edit
    h.get_by_label("数量指标（2）").click_secondary();
    h.run();
    h.get_by_label("删除").click();
    h.run();
    assert!(h.state().edits.is_empty());
    assert_eq!(
        h.state().state.requests,
        [Request::ConfirmDelete(Node::Group(0, 0, 0))]
    );
}

#[test]
fn the_grid_alone_shows_rows_and_pushes_cell_edits() {
    let mut h = harness(World::new(Grid::default(), Node::Grid(0)), Grid::show);
    h.run();
    for title in ["一级目标", "二级目标", "三级目标", "指标目标值"] {
        h.get_by_label(title);
    }
    let cell = h
        .query_all_by_role(Role::TextInput)
        .find(|n| n.value().as_deref() == Some(">=100人次"))
        .unwrap();
    cell.focus();
    cell.type_text("（含）");
    h.run();
    assert_eq!(
        h.state().edits.last(),
        Some(&Edit::SetIndicatorTarget(
            IndicatorPath {
                grid: 0,
                goal: 0,
                group: 0,
                indicator: 0
            },
            ">=100人次（含）".into()
        ))
    );
    // its filter is its own
    let filter = h.get_by_label("筛选：");
    filter.focus();
    filter.type_text("活动");
    h.run();
    assert_eq!(h.state().panel.filter, "活动");
    assert!(h
        .query_all_by_role(Role::TextInput)
        .all(|n| n.value().as_deref() != Some("培训人次")));
}

#[test]
fn the_field_editors_alone_keep_typed_money_until_it_reads() {
    let mut h = harness(World::new(Fields::default(), Node::Budget), Fields::show);
    h.run();
    let total = h.query_all_by_role(Role::TextInput).next().unwrap();
    total.focus();
    total.type_text("12万");
    h.run();
    assert!(h.state().edits.is_empty(), "nothing stored while typing");
    assert_eq!(
        h.state()
            .panel
            .typed
            .get(&jixiao::core::model::FieldId::money("total"))
            .map(String::as_str),
        Some("12万")
    );
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(
        h.state().edits,
        [Edit::SetMoney(
            "total".into(),
            jixiao::core::money::Money::from_yuan(120_000)
        )]
    );
}

#[test]
fn the_problems_list_alone_lists_checks_and_goes_to_the_place() {
    let mut h = harness(
        World::new(ProblemsPanel::default(), Node::Header),
        ProblemsPanel::show,
    );
    h.run();
    h.get_by_label_contains("检查结果");
    let link = h.get_by_label_contains("指标目标值不能为空");
    link.click();
    h.run();
    assert_eq!(
        h.state().state.selection,
        Node::Indicator(IndicatorPath {
            grid: 0,
            goal: 0,
            group: 0,
            indicator: 1
        })
    );
}
