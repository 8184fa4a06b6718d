//! What the clerk types lands where they typed it: renaming in the outline, a grid row
//! typed with the keyboard only (指标性质 included), a problem's click that puts the
//! cursor in the cell it is about, the year typed rather than dragged, and nothing
//! typed reaching the form while a question or a path field is open.

mod common;

use common::window::{focused_value, harness};
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;
use jixiao::core::model::IndicatorPath;
use jixiao::core::template::ColumnKind;
use jixiao::ui::state::Node;
use jixiao::ui::{App, AppConfig};

fn open(dir: &std::path::Path, sample: &str) -> (Harness<'static, App>, std::path::PathBuf) {
    let path = dir.join("form.ron");
    let from = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/samples")
        .join(sample);
    std::fs::copy(from, &path).unwrap();
    let app = App::start(AppConfig::in_dir(dir), Some(path.clone()));
    let mut h = harness(app);
    h.run();
    (h, path)
}

const SAMPLE_101: &str = "2026-某市社区居家养老服务补贴项目.ron";
const SAMPLE_2020: &str = "2020-上海市青少年服务和权益保护工作经费.ron";

fn group_names(app: &App, goal: usize) -> Vec<String> {
    app.doc.form().grids[0].goals[goal]
        .groups
        .iter()
        .map(|g| g.name.clone())
        .collect()
}

fn type_focused(h: &mut Harness<'static, App>, text: &str) {
    let node = h
        .query_all_by_role(Role::TextInput)
        .find(|n| n.is_focused())
        .expect("a text field has the keyboard");
    node.type_text(text);
    h.run();
}

#[test]
fn a_new_group_named_in_the_outline_is_kept_on_enter_and_undone_in_one_step() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = open(dir.path(), SAMPLE_2020);
    let before = group_names(h.state(), 0);
    h.get_by_label_contains("投入与管理（").click_secondary();
    h.run();
    h.get_by_label("添加二级目标").click();
    h.run();
    h.run();
    // the edit box has the keyboard, its text selected: typing replaces it
    assert_eq!(focused_value(&h).as_deref(), Some("新二级目标"));
    type_focused(&mut h, "专项管理");
    h.key_press(egui::Key::Enter);
    h.run();
    let after = group_names(h.state(), 0);
    assert_eq!(after.len(), before.len() + 1);
    assert_eq!(after.last().map(String::as_str), Some("专项管理"));
    assert!(
        h.query_all_by_role(Role::TextInput)
            .all(|n| n.value().as_deref() != Some("专项管理")),
        "the edit box is closed"
    );
    // one undo takes back the name, the next the group
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(
        group_names(h.state(), 0).last().map(String::as_str),
        Some("新二级目标")
    );
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(group_names(h.state(), 0), before);
}

#[test]
fn renaming_commits_on_tab_and_on_a_click_elsewhere_and_esc_cancels() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = open(dir.path(), SAMPLE_2020);
    let goal_name = |h: &Harness<'static, App>| h.state().doc.form().grids[0].goals[1].name.clone();
    assert_eq!(goal_name(&h), "产出目标");

    // Tab
    h.get_by_label_contains("产出目标（").click_secondary();
    h.run();
    h.get_by_label("重命名").click();
    h.run();
    h.run();
    type_focused(&mut h, "产出指标");
    h.key_press(egui::Key::Tab);
    h.run();
    assert_eq!(goal_name(&h), "产出指标");

    // a click elsewhere
    h.get_by_label_contains("产出指标（").click_secondary();
    h.run();
    h.get_by_label("重命名").click();
    h.run();
    h.run();
    type_focused(&mut h, "产出");
    h.get_all_by_label("基本信息").next().unwrap().click();
    h.run();
    assert_eq!(goal_name(&h), "产出");

    // Esc
    h.get_by_label_contains("产出（").click_secondary();
    h.run();
    h.get_by_label("重命名").click();
    h.run();
    h.run();
    type_focused(&mut h, "不要");
    h.key_press(egui::Key::Escape);
    h.run();
    assert_eq!(goal_name(&h), "产出");
}

/// The first indicator row of the 101号 sample's grid, selected and its name cell in use.
fn first_row(h: &mut Harness<'static, App>) -> IndicatorPath {
    let path = IndicatorPath {
        grid: 0,
        goal: 0,
        group: 0,
        indicator: 0,
    };
    let name = h.state().doc.form().indicator(path).unwrap().name.clone();
    h.state_mut().state.selection = Node::Grid(0);
    h.run();
    h.query_all_by_role(Role::TextInput)
        .find(|n| n.value().as_deref() == Some(name.as_str()))
        .expect("the first row's name cell")
        .click();
    h.run();
    path
}

#[test]
fn five_grid_rows_typed_with_the_keyboard_only_land_cell_by_cell() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, path) = open(dir.path(), SAMPLE_101);
    let first = first_row(&mut h);
    let columns: Vec<ColumnKind> = h.state().template.grids[0]
        .columns
        .iter()
        .map(|c| c.kind)
        .collect();
    assert_eq!(
        &columns[..4],
        [
            ColumnKind::Name,
            ColumnKind::Sign,
            ColumnKind::Value,
            ColumnKind::Unit
        ]
    );
    // the name cell: select what is there, type over it
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    let rows = [
        ("培训人次", ">=", "120", "人次"),
        ("回访完成率", "≥", "95", "%"),
        ("服务对象满意度", "d", "满意", ""),
        ("社区宣传场次", "＞＝", "12", "场"),
        ("投诉处理时长", "<=", "3", "天"),
    ];
    let form = h.state().doc.form().clone();
    let mut paths = vec![first];
    // the rows after the first, in the order the grid shows them
    for (p, _) in form
        .indicators()
        .filter(|(p, _)| p.grid == 0)
        .skip(1)
        .take(rows.len() - 1)
    {
        paths.push(p);
    }
    for (i, (name, sign, value, unit)) in rows.iter().enumerate() {
        type_focused(&mut h, name);
        for text in [*sign, *value, *unit] {
            h.key_press(egui::Key::Tab);
            h.run();
            h.run();
            // entering by Tab selects the cell's text: typing replaces it
            if !text.is_empty() {
                type_focused(&mut h, text);
            }
        }
        // past the last column the next row's name; (skip the remaining columns)
        for _ in 4..columns.len() {
            h.key_press(egui::Key::Tab);
            h.run();
        }
        h.key_press(egui::Key::Tab);
        h.run();
        h.run();
        let got = h.state().doc.form().indicator(paths[i]).unwrap().clone();
        assert_eq!(got.name, *name, "row {i}");
        let want_sign = match *sign {
            "d" => "定性",
            "<=" => "≤",
            _ => "≥",
        };
        assert_eq!(got.cell(ColumnKind::Sign), want_sign, "row {i}");
        assert_eq!(got.cell(ColumnKind::Value), *value, "row {i}");
        if !unit.is_empty() {
            assert_eq!(got.cell(ColumnKind::Unit), *unit, "row {i}");
        }
    }
    // saved and opened again, cell by cell
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    let reopened = jixiao::core::store::load(&path).unwrap();
    for (i, p) in paths.iter().enumerate() {
        assert_eq!(
            reopened.indicator(*p),
            h.state().doc.form().indicator(*p),
            "row {i}"
        );
    }
}

#[test]
fn clicking_a_problem_about_a_value_puts_the_cursor_in_the_value_cell() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = open(dir.path(), SAMPLE_101);
    let path = IndicatorPath {
        grid: 0,
        goal: 0,
        group: 0,
        indicator: 0,
    };
    let name = h.state().doc.form().indicator(path).unwrap().name.clone();
    for (kind, text) in [
        (ColumnKind::Sign, "≥"),
        (ColumnKind::Value, "105"),
        (ColumnKind::Unit, "%"),
    ] {
        h.state_mut()
            .doc
            .apply(jixiao::core::edit::Edit::SetIndicatorCell(
                path,
                kind,
                text.into(),
            ))
            .unwrap();
    }
    h.state_mut()
        .doc
        .apply(jixiao::core::edit::Edit::SetIndicatorName(
            path,
            "服务满意率".into(),
        ))
        .unwrap();
    h.state_mut().state.selection = Node::Header;
    h.run();
    h.get_by_label_contains("超过 100%").click();
    h.run();
    h.run();
    assert_eq!(focused_value(&h).as_deref(), Some("105"));
    type_focused(&mut h, "95");
    let ind = h.state().doc.form().indicator(path).unwrap().clone();
    assert_eq!(ind.name, "服务满意率", "the name is untouched");
    assert!(ind.cell(ColumnKind::Value).contains("95"));
    let _ = name;
}

/// The year field (its label gains a mark while it holds a problem).
fn year_field<'h>(h: &'h Harness<'static, App>) -> egui_kittest::Node<'h> {
    h.get(
        egui_kittest::kittest::By::new()
            .role(Role::TextInput)
            .label_contains("年度"),
    )
}

#[test]
fn the_year_is_typed_and_only_a_year_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = open(dir.path(), SAMPLE_101);
    h.state_mut().state.selection = Node::Header;
    h.run();
    let year = year_field(&h);
    assert_eq!(year.value().as_deref(), Some("2026"));
    year.focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    type_focused(&mut h, "明年");
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(
        h.state().doc.form().year,
        2026,
        "not a year: nothing stored"
    );
    let year = year_field(&h);
    year.focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    type_focused(&mut h, "2027年度");
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(h.state().doc.form().year, 2027);
    // dragging across the field changes nothing
    let year = year_field(&h);
    let r = year.rect();
    h.event(egui::Event::PointerMoved(r.center()));
    h.event(egui::Event::PointerButton {
        pos: r.center(),
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: egui::Modifiers::NONE,
    });
    h.run();
    h.event(egui::Event::PointerMoved(
        r.center() + egui::vec2(300.0, 0.0),
    ));
    h.run();
    h.event(egui::Event::PointerButton {
        pos: r.center() + egui::vec2(300.0, 0.0),
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: egui::Modifiers::NONE,
    });
    h.run();
    assert_eq!(h.state().doc.form().year, 2027);
}

#[test]
fn nothing_pasted_or_typed_reaches_the_form_while_a_path_field_is_open() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = open(dir.path(), SAMPLE_101);
    let first = first_row(&mut h);
    // leave the cell; the row stays selected
    h.key_press(egui::Key::Escape);
    h.run();
    assert_eq!(h.state().state.selection, Node::Indicator(first));
    let before = h.state().doc.form().clone();
    // 另存为 with no system dialog: the path field opens
    h.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::S,
    );
    h.run();
    h.run();
    h.get_by_label("文件路径");
    // the clerk clicks away from the field (nothing has the keyboard) and pastes, types
    h.get_by_label_contains("没有可用的系统文件对话框").click();
    h.run();
    assert_eq!(focused_value(&h), None);
    h.state_mut().state.selection = Node::Indicator(first);
    h.event(egui::Event::Paste("/home/用户/文档/表.ron\t2\n3\t4".into()));
    h.run();
    h.event(egui::Event::Text("x".into()));
    h.run();
    assert_eq!(h.state().doc.form(), &before, "the form is unchanged");
}

#[test]
fn export_of_a_form_with_errors_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = open(dir.path(), SAMPLE_101);
    h.state_mut()
        .doc
        .apply(jixiao::core::edit::Edit::SetField(
            "project_name".into(),
            String::new(),
        ))
        .unwrap();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
    h.run();
    h.get_by_label_contains("表单还有 1 个错误");
    // fix first: nothing is asked for a path
    h.get_by_role_and_label(Role::Button, "取消").click();
    h.run();
    assert!(h.query_by_label("文件路径").is_none());
    // or go on
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
    h.run();
    h.get_by_role_and_label(Role::Button, "仍要导出 PDF")
        .click();
    h.run();
    h.get_by_label("文件路径");
}

/// The input method stays on (pinyin keeps its state) from a cell through 添加指标 to the
/// new row's name cell: no frame in between turns it off.
#[test]
fn the_input_method_stays_on_from_a_cell_through_a_button_to_the_new_row() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = open(dir.path(), SAMPLE_2020);
    first_row(&mut h);
    assert!(
        h.output().platform_output.ime.is_some(),
        "a focused cell has the input method on"
    );
    h.get_by_role_and_label(Role::Button, "添加指标").click();
    for frame in 0..6 {
        h.step();
        assert!(
            h.output().platform_output.ime.is_some(),
            "frame {frame} after 添加指标 turned the input method off"
        );
    }
    assert_eq!(
        focused_value(&h).as_deref(),
        Some(""),
        "the new row's name cell"
    );
    // Away from every field (Esc), it is turned off.
    h.key_press(egui::Key::Escape);
    h.run();
    h.get_by_label("基本信息").click();
    h.run();
    assert!(h.output().platform_output.ime.is_none());
}
