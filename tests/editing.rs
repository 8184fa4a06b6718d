//! Everyday editing in the real window (egui_kittest): typed money and dates, 待填写,
//! paste, undo, the status bar, the review list, the keyboard-driven grid in small
//! windows, and Excel grid imports.

mod common;

use common::window::{focused_value, harness, indicator_names, open_sample, type_into};
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;
use jixiao::core::model::IndicatorPath;
use jixiao::core::store;
use jixiao::ui::{App, AppConfig, Node};

#[test]
fn money_shows_thousands_separators_and_keeps_the_exact_value() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = open_sample(dir.path());
    h.get_by_label("预算").click();
    h.run();
    let total = h.get_by_label("项目总预算（元）");
    assert_eq!(total.value().as_deref(), Some("5,601,000"));
    total.focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("项目总预算（元）").type_text("5601000.5");
    h.key_press(egui::Key::Enter); // leaving the field stores what was typed
    h.run();
    assert_eq!(h.state().doc.form().money("total").fen(), Some(560_100_050));
    assert_eq!(
        h.get_by_label("项目总预算（元）").value().as_deref(),
        Some("5,601,000.50")
    );
    // text that is not money is not stored, stays in the field, and says why
    let total = h.get_by_label("项目总预算（元）");
    total.focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("项目总预算（元）").type_text("五百万");
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(h.state().doc.form().money("total").fen(), Some(560_100_050));
    assert_eq!(
        h.get_by_label("项目总预算（元） ●").value().as_deref(),
        Some("五百万"),
        "what was typed stays, the field marked"
    );
    h.get_by_label_contains("不是数字。表单中仍为 5,601,000.50");
    assert!(
        h.state()
            .problems
            .list
            .iter()
            .any(|p| p.message.contains("五百万")),
        "and the checks list it"
    );
}

#[test]
fn typed_dates_and_money_are_stored_exactly_or_not_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, path) = open_sample(dir.path());
    // an impossible date stays visible and is not stored (no 2021-02-03 from a prefix)
    let field = h.get_by_label("计划开始日期");
    field.focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("计划开始日期").type_text("2021-02-30");
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(
        h.state().doc.form().date("plan_start"),
        chrono::NaiveDate::from_ymd_opt(2020, 1, 1)
    );
    assert_eq!(
        h.get_by_label("计划开始日期 ●").value().as_deref(),
        Some("2021-02-30")
    );
    h.get_by_label_contains("填写，如 2021-01-01。表单中仍为 2020-01-01");
    // the way people write dates, shown back as YYYY-MM-DD
    let field = h.get_by_label("计划开始日期 ●");
    field.focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("计划开始日期 ●").type_text("2021年2月3日");
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(
        h.state().doc.form().date("plan_start"),
        chrono::NaiveDate::from_ymd_opt(2021, 2, 3)
    );
    assert_eq!(
        h.get_by_label("计划开始日期").value().as_deref(),
        Some("2021-02-03")
    );
    // money in 万元, saved with Ctrl+S while still in the field
    h.get_by_label("预算").click();
    h.run();
    let total = h.get_by_label("项目当年预算（元）");
    total.focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("项目当年预算（元）").type_text("560.1万");
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    let saved = store::load(&path).unwrap();
    assert_eq!(saved.money("current_year").fen(), Some(560_100_000));
    assert_eq!(
        saved.date("plan_start"),
        chrono::NaiveDate::from_ymd_opt(2021, 2, 3)
    );
}

#[test]
fn a_new_form_shows_what_is_left_to_fill_in_not_errors() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(App::new(
        AppConfig::in_dir(dir.path()),
        jixiao::core::document::Document::new(
            jixiao::core::model::Form::new(jixiao::core::template::shanghai_2020(), 2026),
            None,
        ),
    ));
    h.run();
    let p = &h.state().problems;
    assert!(
        !p.list.iter().any(|p| p.missing),
        "no red errors before anything is typed: {:?}",
        p.list
    );
    assert!(p.to_fill.iter().any(|p| p.place == "项目名称"));
    // leaving the field empty makes it an error
    let field = h.get_by_label("项目名称");
    field.focus();
    h.run();
    h.key_press(egui::Key::Tab);
    h.run();
    assert!(h
        .state()
        .problems
        .list
        .iter()
        .any(|p| p.place == "项目名称" && p.severity == jixiao::core::validate::Severity::Error));
    assert!(h
        .state()
        .problems
        .list
        .iter()
        .all(|p| p.place != "申报单位名称"));
}

#[test]
fn undo_reaches_the_form_from_the_filter_box() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = open_sample(dir.path());
    type_into(&h, "绩效类型", "X");
    h.run();
    assert!(h
        .state()
        .doc
        .form()
        .field("performance_type")
        .ends_with('X'));
    h.get_by_label("2020年绩效目标（95）").click();
    h.run();
    let filter = h.get_by_label("筛选：");
    filter.focus();
    h.run();
    // the box's own typing is undone first…
    h.get_by_label("筛选：").type_text("满意");
    h.run();
    assert_eq!(h.state().panels.grid.filter, "满意");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    h.run();
    assert_eq!(h.state().panels.grid.filter, "");
    assert!(h
        .state()
        .doc
        .form()
        .field("performance_type")
        .ends_with('X'));
    // …then the form's
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(
        h.state().doc.form().field("performance_type"),
        "其他类",
        "the form's change is undone with the filter focused"
    );
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Y);
    h.run();
    assert!(h
        .state()
        .doc
        .form()
        .field("performance_type")
        .ends_with('X'));
}

#[test]
fn rows_pasted_from_a_spreadsheet_become_indicators_in_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = open_sample(dir.path());
    h.get_by_label("数量（18）").click();
    h.run();
    let before = indicator_names(h.state(), "产出目标", "数量");
    // as Excel puts two rows of two cells on the clipboard
    h.event(egui::Event::Paste(
        "新增指标甲\t>=10个\r\n新增指标乙\t\"20\n个\"\r\n".into(),
    ));
    h.run();
    h.run();
    let after = indicator_names(h.state(), "产出目标", "数量");
    assert_eq!(after.len(), before.len() + 2, "{after:?}");
    assert_eq!(after[after.len() - 2..], ["新增指标甲", "新增指标乙"]);
    assert!(h.state().save_state().contains("未保存"));
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(indicator_names(h.state(), "产出目标", "数量"), before);
}

#[test]
fn pasted_chinese_goes_into_the_focused_field_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = open_sample(dir.path());
    let field = h.get_by_label("绩效类型");
    field.focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.event(egui::Event::Paste("中文“引号”　全角".into()));
    h.run();
    assert_eq!(
        h.state().doc.form().field("performance_type"),
        "中文“引号”　全角"
    );
}

#[test]
fn the_status_bar_says_saved_or_not_and_confirms_a_save() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = open_sample(dir.path());
    assert_eq!(h.state().save_state(), "没有改动");
    type_into(&h, "绩效类型", "X");
    h.run();
    h.get_by_label("未保存的更改");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    assert!(
        h.state().save_state().starts_with("已保存 "),
        "{}",
        h.state().save_state()
    );
    h.get_by_label("已保存到 2020.ron");
}

#[test]
fn review_items_are_ticked_off_saved_and_reopened() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = open_sample(dir.path());
    let last = dir.path().join("2020.ron");
    h.state_mut().rollover_from(&last);
    h.run();
    let open_before = h.state().doc.form().review.open_items();
    assert!(open_before > 1);
    // tick the first item off
    h.get_all_by_role(Role::CheckBox).next().unwrap().click();
    h.run();
    assert!(h.state().doc.form().review.items[0].done);
    assert_eq!(h.state().doc.form().review.open_items(), open_before - 1);
    // undo unticks it: ticking is an edit like any other
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert!(!h.state().doc.form().review.items[0].done);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Y);
    h.run();
    // saved and reopened: the list is still there, ticks and all
    let new = dir.path().join("2021.ron");
    assert!(h.state_mut().save_to(&new));
    drop(h);
    let reopened = store::load(&new).unwrap();
    assert!(reopened.review.items[0].done);
    assert_eq!(reopened.review.open_items(), open_before - 1);
    let mut h = harness(App::start(AppConfig::in_dir(dir.path()), Some(new)));
    h.run();
    h.get_by_label_contains("复核清单");
}

#[test]
fn clicking_a_review_item_selects_the_flagged_text() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = open_sample(dir.path());
    let last = dir.path().join("2020.ron");
    h.state_mut().rollover_from(&last);
    h.run();
    let form = h.state().doc.form().clone();
    let (i, item) = form
        .review
        .items
        .iter()
        .enumerate()
        .find(|(_, it)| it.char_offset.is_some())
        .expect("a review item inside a text section");
    let link = item.to_string();
    let _ = i;
    h.get_by_label(&link).click();
    h.run();
    h.run();
    let offset = item.char_offset.unwrap();
    let Node::Section(kind) = h.state().state.selection.clone() else {
        panic!("the section is shown")
    };
    let id = egui::Id::unique((
        "field",
        format!("{:?}", jixiao::core::model::FieldId::Section(kind.clone())),
    ));
    let te = egui::text_edit::TextEditState::load(&h.ctx, id).expect("the section's editor");
    let range = te.cursor.char_range().expect("a selection");
    let (p, s) = (range.primary.index.0, range.secondary.index.0);
    let (a, b) = (p.min(s), p.max(s));
    assert_eq!(
        (a, b),
        (offset, offset + item.len),
        "the flagged words are selected"
    );
    let selected: String = form.section(&kind).chars().skip(a).take(b - a).collect();
    assert!(
        item.message.contains(&selected),
        "{selected} in {}",
        item.message
    );
}

#[test]
fn undoing_a_grid_import_takes_its_review_items_away() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = open_sample(dir.path());
    let goals = vec![jixiao::core::model::Goal::new("导入的目标")];
    let review = vec![jixiao::core::review::ReviewItem::new(
        jixiao::core::validate::Location::Grid(0),
        "工作表“S”第 3 行",
        "这一行没有二级目标，已放入未命名的二级目标",
    )];
    h.state_mut().apply_grid(goals, false, review, "指标.xlsx");
    h.run();
    assert_eq!(h.state().doc.form().review.items.len(), 1);
    h.get_by_label_contains("复核清单（1 项待处理）");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    h.run();
    assert!(h.state().doc.form().review.is_empty());
    assert!(h.query_by_label_contains("复核清单").is_none());
}

#[test]
fn appending_a_workbook_merges_goals_and_the_checks_see_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = open_sample(dir.path());
    let xlsx = dir.path().join("指标.xlsx");
    std::fs::write(
        &xlsx,
        jixiao::core::grid_xlsx::export(
            &common::sample(),
            jixiao::core::template::shanghai_2020(),
            0,
        )
        .unwrap(),
    )
    .unwrap();
    let goals_before = h.state().doc.form().grids[0].goals.len();
    let count_before = h.state().doc.form().indicator_count();
    h.state_mut().read_grid_file(&xlsx);
    h.run();
    // a preview of each choice before anything changes
    h.get_by_label("追加后的变化").click();
    h.run();
    assert!(h.query_all_by_label_contains("新增了指标").count() > 0);
    assert_eq!(h.state().doc.form().indicator_count(), count_before);
    h.get_by_role_and_label(Role::Button, "追加").click();
    h.run();
    h.run();
    let form = h.state().doc.form();
    assert_eq!(
        form.grids[0].goals.len(),
        goals_before,
        "same-named goals merged, not repeated"
    );
    assert_eq!(form.indicator_count(), 2 * count_before);
    assert!(
        h.state()
            .problems
            .list
            .iter()
            .any(|p| p.message.contains("重复")),
        "the checks flag the repeated indicators"
    );
}

#[test]
fn the_grid_is_driven_by_the_keyboard() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = open_sample(dir.path());
    h.get_by_label("2020年绩效目标（95）").click();
    h.run();
    // click into the first 三级目标 cell
    let first = h
        .query_all_by_role(Role::TextInput)
        .find(|n| n.value().as_deref() == Some("预算执行率"))
        .unwrap();
    first.focus();
    h.run();
    assert_eq!(focused_value(&h).as_deref(), Some("预算执行率"));
    // Tab: its 指标目标值; type there; Tab: the next row's 三级目标
    h.key_press(egui::Key::Tab);
    h.run();
    h.run();
    assert_eq!(focused_value(&h).as_deref(), Some(">=90%"));
    h.key_press(egui::Key::End);
    h.query_all_by_role(Role::TextInput)
        .find(|n| n.is_focused())
        .unwrap()
        .type_text("（含）");
    h.run();
    assert_eq!(
        h.state().doc.form().grids[0].goals[0].groups[0].indicators[0].target,
        ">=90%（含）"
    );
    h.key_press(egui::Key::Tab);
    h.run();
    h.run();
    assert_eq!(focused_value(&h).as_deref(), Some("预算编制合理性"));
    // Shift+Tab goes back
    h.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::Tab);
    h.run();
    h.run();
    assert_eq!(focused_value(&h).as_deref(), Some(">=90%（含）"));
    // Enter: the same column, one row down
    h.key_press(egui::Key::Enter);
    h.run();
    h.run();
    assert_eq!(focused_value(&h).as_deref(), Some("合理"));
    // Esc puts back what the cell had when it was entered
    h.key_press(egui::Key::End);
    h.query_all_by_role(Role::TextInput)
        .find(|n| n.is_focused())
        .unwrap()
        .type_text("XYZ");
    h.run();
    assert_eq!(
        h.state().doc.form().grids[0].goals[0].groups[0].indicators[1].target,
        "合理XYZ"
    );
    h.key_press(egui::Key::Escape);
    h.run();
    h.run();
    assert_eq!(
        h.state().doc.form().grids[0].goals[0].groups[0].indicators[1].target,
        "合理"
    );
    assert_eq!(focused_value(&h), None, "Esc leaves the cell");
    // arrows move between rows when not editing; F2 edits
    h.key_press(egui::Key::ArrowDown);
    h.run();
    assert_eq!(
        h.state().state.selection,
        Node::Indicator(IndicatorPath {
            grid: 0,
            goal: 0,
            group: 1,
            indicator: 0
        })
    );
    h.key_press(egui::Key::F2);
    h.run();
    h.run();
    assert_eq!(focused_value(&h).as_deref(), Some("财务管理制度健全性"));
    // typing on a selected row starts editing it with what is typed; Esc puts it back
    h.key_press(egui::Key::Escape);
    h.run();
    assert_eq!(focused_value(&h), None);
    h.event(egui::Event::Text("新".into()));
    h.run();
    h.run();
    h.query_all_by_role(Role::TextInput)
        .find(|n| n.is_focused())
        .expect("editing")
        .type_text("名称");
    h.run();
    assert_eq!(
        h.state().doc.form().grids[0].goals[0].groups[1].indicators[0].name,
        "新名称"
    );
    h.key_press(egui::Key::Escape);
    h.run();
    h.run();
    assert_eq!(
        h.state().doc.form().grids[0].goals[0].groups[1].indicators[0].name,
        "财务管理制度健全性"
    );
}

#[test]
fn every_grid_column_is_reachable_in_a_small_window() {
    for (w, hgt) in [(1024.0, 700.0), (800.0, 600.0)] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("2020.ron");
        std::fs::copy(common::sample_path(), &path).unwrap();
        let app = App::start(AppConfig::in_dir(dir.path()), Some(path));
        let mut h = Harness::builder()
            .with_size(egui::vec2(w, hgt))
            .with_max_steps(12)
            .build_ui_state(|ui, app: &mut App| app.show(ui), app);
        h.run();
        h.state_mut().state.selection = Node::Grid(0);
        h.run();
        for title in ["一级目标", "二级目标", "三级目标", "指标目标值", "移动到…"]
        {
            let node = h.get_by_label(title);
            let rect = node.rect();
            assert!(
                rect.right() <= w + 0.5 && rect.left() >= 0.0,
                "{title} at {rect:?} is off a {w}×{hgt} window"
            );
        }
        let cell = h
            .query_all_by_role(Role::TextInput)
            .find(|n| n.value().as_deref() == Some(">=90%"))
            .expect("a target cell");
        assert!(cell.rect().right() <= w + 0.5, "{:?}", cell.rect());
    }
}

#[test]
fn a_new_indicator_takes_its_name_then_tab_then_its_target() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = open_sample(dir.path());
    h.get_by_label("数量（18）").click();
    h.run();
    h.get_by_label("添加指标").click();
    h.run();
    h.run();
    let typing = |h: &mut Harness<'static, App>, text: &str| {
        h.query_all_by_role(Role::TextInput)
            .find(|n| n.is_focused())
            .expect("a focused cell")
            .type_text(text);
        h.run();
    };
    typing(&mut h, "新增宣传场次");
    h.key_press(egui::Key::Tab);
    h.run();
    h.run();
    typing(&mut h, ">=6场");
    let form = h.state().doc.form();
    let added = form
        .indicators()
        .find(|(_, i)| i.name == "新增宣传场次")
        .map(|(_, i)| i.clone())
        .expect("the new indicator");
    assert_eq!(added.target, ">=6场", "the target typed after Tab is kept");
    let names = indicator_names(h.state(), "产出目标", "数量");
    assert_eq!(names.last().map(String::as_str), Some("新增宣传场次"));
}

#[test]
fn a_hostile_review_list_in_a_file_opens_and_clicks_safely() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hostile.ron");
    let text = std::fs::read_to_string(common::sample_path())
        .unwrap()
        .trim_end()
        .trim_end_matches(')')
        .to_string()
        + r#"    review: Review(
        title: "标题\u{1b}[2J",
        items: [
            Item(at: "sections.overview", place: "项目概况", message: "越界", offset: Some(18446744073709551615), len: 18446744073709551615, done: false),
            Item(at: "goals[99].groups[99].indicators[99]", place: "不存在", message: "不存在的指标", offset: None, done: true),
            Item(at: "colour", place: "?", message: "未知位置", offset: None, done: false),
        ],
    ),
)
"#;
    std::fs::write(&path, text).unwrap();
    let form = store::load(&path).expect("opens");
    assert_eq!(form.review.items.len(), 3);
    let app = App::start(AppConfig::in_dir(dir.path()), Some(path));
    let mut h = harness(app);
    h.run();
    h.get_by_label_contains("复核清单").click();
    h.run();
    for message in ["越界", "不存在的指标", "未知位置"] {
        h.get_by_label_contains(message).click();
        h.run();
        h.run();
    }
    assert_eq!(
        h.state().doc.form().review.items.len(),
        3,
        "nothing changed by clicking"
    );
}
