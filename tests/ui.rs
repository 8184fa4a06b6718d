//! The real editor UI driven without a display (egui_kittest): what a clerk does in a
//! working day, checked through the widgets and then through the saved file.

mod common;

use common::window::{harness, indicator_names, open_sample, type_into};

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;
use jixiao::core::model::IndicatorPath;
use jixiao::core::store;
use jixiao::ui::{App, AppConfig, Node};

#[test]
fn first_run_shows_the_sample() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(App::start(AppConfig::in_dir(dir.path()), None));
    h.run();
    assert!(h.state().showing_sample);
    assert_eq!(h.state().doc.form().indicator_count(), 95);
    assert_eq!(
        h.get_all_by_label("基本信息").count(),
        2,
        "outline node and heading"
    );
    h.get_by_label("2020年绩效目标（95）");
    assert_eq!(
        h.get_by_label("项目名称").value().as_deref(),
        Some("上海市青少年服务和权益保护工作经费")
    );
    assert!(h.state().title().contains("示例表单"));
}

#[test]
fn edit_add_undo_redo_move_save_and_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, path) = open_sample(dir.path());

    // Edit the project name in its field.
    type_into(&h, "项目名称", "（2021年调整）");
    h.run();
    let edited = "上海市青少年服务和权益保护工作经费（2021年调整）";
    assert_eq!(h.state().doc.form().field("project_name"), edited);
    assert!(h.state().doc.is_dirty());
    assert!(h.state().title().starts_with("● "), "{}", h.state().title());

    // Add an indicator under 产出目标 / 数量: select the group in the outline, then 添加指标.
    h.get_by_label("数量（18）").click();
    h.run();
    assert_eq!(h.state().state.selection, Node::Group(0, 1, 0));
    h.get_by_role_and_label(Role::Button, "添加指标").click();
    h.run();
    h.run();
    h.event(egui::Event::Text("新增培训场次".into()));
    h.run();
    let names = indicator_names(h.state(), "产出目标", "数量");
    assert_eq!(names.len(), 19);
    assert_eq!(names.last().unwrap(), "新增培训场次");

    // Undo takes the new indicator's name and then the indicator away; redo brings it back.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(
        indicator_names(h.state(), "产出目标", "数量")
            .last()
            .unwrap(),
        ""
    );
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(indicator_names(h.state(), "产出目标", "数量").len(), 18);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Y);
    h.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::Z,
    );
    h.run();
    assert_eq!(
        indicator_names(h.state(), "产出目标", "数量")
            .last()
            .unwrap(),
        "新增培训场次"
    );
    assert_eq!(
        h.state().doc.form().field("project_name"),
        edited,
        "the name edit is still there"
    );

    // Move the new indicator to 效果目标 / 社会效益 through 移动到….
    let new_path = IndicatorPath {
        grid: 0,
        goal: 1,
        group: 0,
        indicator: 18,
    };
    h.state_mut().state.selection = Node::Indicator(new_path);
    h.run();
    h.get_by_label("移动到…").click();
    h.run();
    h.get_all_by_label("效果目标").last().unwrap().click();
    h.run();
    h.get_all_by_label("社会效益").last().unwrap().click();
    h.run();
    assert_eq!(indicator_names(h.state(), "产出目标", "数量").len(), 18);
    assert_eq!(
        indicator_names(h.state(), "效果目标", "社会效益")
            .last()
            .unwrap(),
        "新增培训场次"
    );

    // Save (Ctrl+S) and open the file again: the edits are there.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    assert!(!h.state().doc.is_dirty());
    let saved = store::load(&path).unwrap();
    assert_eq!(saved.field("project_name"), edited);
    assert_eq!(
        saved.grids[0].goals[2].groups[0]
            .indicators
            .last()
            .unwrap()
            .name,
        "新增培训场次"
    );
    drop(h); // the window is closed: its lock on the file goes with it
    let (h2, _) = {
        let app = App::start(AppConfig::in_dir(dir.path()), None); // opens the last file
        let mut h2 = harness(app);
        h2.run();
        (h2, ())
    };
    assert_eq!(h2.state().doc.path.as_deref(), Some(path.as_path()));
    assert_eq!(h2.state().doc.form(), &saved);
}

#[test]
fn closing_with_unsaved_changes_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, path) = open_sample(dir.path());
    let before = std::fs::read(&path).unwrap();
    type_into(&h, "申报单位名称", "X");
    h.run();
    h.state_mut().request_close();
    h.run();
    assert!(h.state().is_asking_to_save());
    h.get_by_label("有未保存的更改");
    // 取消 keeps the window and the edits
    h.get_by_role_and_label(Role::Button, "取消").click();
    h.run();
    assert!(!h.state().is_asking_to_save());
    assert!(h.state().doc.form().field("unit_name").ends_with('X'));
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "nothing saved without asking"
    );
    // 保存 saves, then closes
    h.state_mut().request_close();
    h.run();
    h.get_by_role_and_label(Role::Button, "保存").click();
    h.run();
    assert!(store::load(&path)
        .unwrap()
        .field("unit_name")
        .ends_with('X'));
}

/// The system asks the window to close (its close button, the taskbar's 关闭窗口,
/// taskkill, a shutdown) with no other input around it.
fn system_close(h: &mut Harness<'_, App>) {
    h.input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    h.step();
}

/// Whether the last frame told the system not to close the window.
fn cancelled_close(h: &Harness<'_, App>) -> bool {
    h.output()
        .viewport_output
        .get(&egui::ViewportId::ROOT)
        .is_some_and(|v| v.commands.contains(&egui::ViewportCommand::CancelClose))
}

#[test]
fn a_close_from_the_system_closes_at_once_or_asks() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = open_sample(dir.path());
    // Nothing unsaved: closes in that very frame, needing no further input.
    system_close(&mut h);
    assert!(
        !cancelled_close(&h),
        "a cancelled close would wait for more input"
    );
    assert!(h.state().is_closing());
    assert!(!h.state().is_asking_to_save());
    drop(h);

    let (mut h, _) = open_sample(dir.path());
    type_into(&h, "申报单位名称", "X");
    h.run();
    system_close(&mut h);
    assert!(cancelled_close(&h));
    h.step();
    assert!(
        !h.state().is_closing(),
        "unsaved changes are not closed away"
    );
    assert!(h.state().is_asking_to_save());
}

#[test]
fn a_broken_file_shows_a_message_and_keeps_the_document() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = open_sample(dir.path());
    let broken = dir.path().join("broken.ron");
    std::fs::write(&broken, "Form(format_version: 1, year: 20").unwrap();
    let form_before = h.state().doc.form().clone();
    assert!(!h.state_mut().open_path(&broken));
    h.run();
    let message = h.state().error_message().unwrap().to_string();
    assert!(
        message.contains("broken.ron") && message.contains("第 1 行"),
        "{message}"
    );
    h.get_by_label("出错了");
    assert_eq!(h.state().doc.form(), &form_before);
    h.get_by_role_and_label(Role::Button, "确定").click();
    h.run();
    assert!(h.state().error_message().is_none());
}

#[test]
fn clicking_a_problem_selects_its_indicator() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = open_sample(dir.path());
    h.get_by_label("预算执行率").click(); // the outline node
    h.run();
    assert_eq!(
        h.state().state.selection,
        Node::Indicator(IndicatorPath {
            grid: 0,
            goal: 0,
            group: 0,
            indicator: 0
        })
    );
    // make a problem: clear its target in the grid
    let path = IndicatorPath {
        grid: 0,
        goal: 0,
        group: 0,
        indicator: 0,
    };
    h.state_mut()
        .doc
        .apply(jixiao::core::edit::Edit::SetIndicatorTarget(
            path,
            String::new(),
        ))
        .unwrap();
    h.state_mut().state.selection = Node::Header;
    h.run();
    h.get_by_label_contains("指标目标值不能为空").click();
    h.run();
    assert_eq!(h.state().state.selection, Node::Indicator(path));
}

#[test]
fn new_form_starts_from_the_chosen_template() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = open_sample(dir.path());
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::N);
    h.run();
    // the year asked for, next year proposed from October on
    let today = chrono::Local::now().date_naive();
    let proposed = jixiao::core::rollover::proposed_year(today);
    let this_year = chrono::Datelike::year(&today);
    h.get_by_label(&format!("{} 年", this_year + 2)).click();
    h.run();
    h.get_by_label("全国 88号").click();
    h.run();
    let form = h.state().doc.form();
    assert_eq!(form.year, this_year + 2, "the year chosen");
    assert!(proposed == this_year || proposed == this_year + 1);
    assert_eq!(form.template, "national-88");
    assert_eq!(form.grids.len(), 2, "中期 and 年度");
    let goals: Vec<&str> = form.grids[1]
        .goals
        .iter()
        .map(|g| g.name.as_str())
        .collect();
    assert_eq!(goals, ["产出指标", "效益指标", "满意度指标"]);
    assert_eq!(form.grids[0].goals[0].groups.len(), 4);
    assert_eq!(form.indicator_count(), 0);
    assert!(form.field("project_name").is_empty());
    assert!(h.state().doc.path.is_none());
}

#[test]
fn rollover_from_the_file_menu() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, last) = open_sample(dir.path());
    let before = (
        std::fs::read(&last).unwrap(),
        std::fs::metadata(&last).unwrap().modified().unwrap(),
    );
    h.get_by_label("文件").click();
    h.run();
    h.get_by_label("从上年文件新建…").click();
    h.run();
    // No native dialog in tests: the in-app path field asks for the file.
    let field = h.get_by_label("文件路径");
    field.focus();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    field.type_text(last.to_str().unwrap());
    h.run();
    h.get_by_role_and_label(Role::Button, "确定").click();
    h.run();
    let app = h.state();
    assert_eq!(app.doc.form().year, 2021);
    assert!(app.doc.is_dirty(), "a new, unsaved document");
    assert!(app.doc.path.is_none());
    assert!(app
        .doc
        .form()
        .review
        .items
        .iter()
        .any(|r| r.place == "同名项目上年预算执行数（元）"));
    h.get_by_label_contains("复核清单");
    // the checks follow the new document: the execution figure is now unknown
    assert!(
        h.state()
            .problems
            .list
            .iter()
            .any(|p| p.place == "同名项目上年预算执行数（元）"),
        "{:?}",
        h.state().problems.list
    );
    // clicking the execution figure item goes to the budget
    h.get_by_label_contains("请填写同名项目上年预算执行数（2020 年的实际数）")
        .click();
    h.run();
    assert_eq!(h.state().state.selection, Node::Budget);
    assert_eq!(
        (
            std::fs::read(&last).unwrap(),
            std::fs::metadata(&last).unwrap().modified().unwrap()
        ),
        before,
        "last year's file untouched"
    );
}

#[test]
fn import_an_indicator_sheet_replacing_the_grid_then_undo() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = open_sample(dir.path());
    // a sheet made from another form's grid
    let mut other = common::sample();
    other.grids[0].goals.truncate(1);
    other.grids[0].goals[0].groups.truncate(2);
    let sheet = dir.path().join("指标表.xlsx");
    std::fs::write(
        &sheet,
        jixiao::core::grid_xlsx::export(&other, jixiao::core::template::shanghai_2020(), 0)
            .unwrap(),
    )
    .unwrap();

    h.state_mut().read_grid_file(&sheet);
    h.run();
    h.get_by_label_contains("读取到 1 个一级目标、5 个指标");
    h.get_by_role_and_label(Role::Button, "替换").click();
    h.run();
    assert_eq!(h.state().doc.form().grids[0].goals, other.grids[0].goals);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(h.state().doc.form().indicator_count(), 95);

    h.state_mut().read_grid_file(&sheet);
    h.run();
    h.get_by_role_and_label(Role::Button, "追加").click();
    h.run();
    assert_eq!(h.state().doc.form().indicator_count(), 100);
    assert_eq!(
        h.state().doc.form().grids[0].goals.len(),
        4,
        "追加 merges into the same-named goal"
    );
}

#[test]
fn a_failed_save_says_why_and_keeps_document_and_file() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, path) = open_sample(dir.path());
    type_into(&h, "项目类别", "（改）");
    h.run();
    let before = std::fs::read(&path).unwrap();
    let mut perms = std::fs::metadata(&path).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&path, perms.clone()).unwrap();

    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    let message = h.state().error_message().unwrap().to_string();
    assert!(
        message.contains("只读") && message.contains("原文件未被改动"),
        "{message}"
    );
    assert!(h.state().doc.is_dirty(), "still unsaved");
    assert!(
        h.state()
            .doc
            .form()
            .field("project_category")
            .ends_with("（改）"),
        "the edit is still on screen"
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
    #[allow(clippy::permissions_set_readonly_false)]
    perms.set_readonly(false);
    std::fs::set_permissions(&path, perms).unwrap();
}

#[test]
fn drag_an_indicator_onto_another_group_in_the_outline() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = open_sample(dir.path());
    let from = h.get_by_label("资产处置规范性").rect().center();
    let to = h.get_by_label("投入管理（2）").rect().center();
    let button = |pos, pressed| egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers: egui::Modifiers::default(),
    };
    h.event(egui::Event::PointerMoved(from));
    h.run();
    h.event(button(from, true));
    h.run();
    for step in 1..=5 {
        let t = step as f32 / 5.0;
        h.event(egui::Event::PointerMoved(from + (to - from) * t));
        h.run();
    }
    h.event(button(to, false));
    h.run();
    assert_eq!(
        indicator_names(h.state(), "投入与管理", "投入管理"),
        ["预算执行率", "预算编制合理性", "资产处置规范性"]
    );
    assert_eq!(
        indicator_names(h.state(), "投入与管理", "资产管理"),
        ["青少年社会组织建档"]
    );
    // one undo step
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(
        indicator_names(h.state(), "投入与管理", "资产管理").len(),
        2
    );
}

#[test]
fn deleting_a_group_with_indicators_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = open_sample(dir.path());
    h.get_by_label("财务管理（3）").click_secondary();
    h.run();
    h.get_by_role_and_label(Role::Button, "删除").click();
    h.run();
    h.get_by_label_contains("“财务管理”下有 3 个指标");
    assert_eq!(
        h.state().doc.form().grids[0].goals[0].groups.len(),
        4,
        "nothing deleted yet"
    );
    h.get_all_by_role_and_label(Role::Button, "删除")
        .last()
        .unwrap()
        .click();
    h.run();
    let groups: Vec<String> = h.state().doc.form().grids[0].goals[0]
        .groups
        .iter()
        .map(|g| g.name.clone())
        .collect();
    assert_eq!(groups, ["投入管理", "实施管理", "资产管理"]);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(
        h.state().doc.form().grids[0].goals[0].groups[1].name,
        "财务管理"
    );
}

#[test]
fn the_filter_box_narrows_the_grid() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = open_sample(dir.path());
    h.get_by_label("2020年绩效目标（95）").click();
    h.run();
    let cells = |h: &Harness<'static, App>, text: &str| {
        h.query_all_by_role(Role::TextInput)
            .filter(|n| n.value().as_deref() == Some(text))
            .count()
    };
    assert_eq!(cells(&h, "预算执行率"), 1, "the grid cell");
    type_into(&h, "筛选：", "满意");
    h.run();
    assert_eq!(cells(&h, "预算执行率"), 0);
    assert_eq!(cells(&h, "青少年满意度"), 1);
}

#[test]
fn new_form_with_unsaved_changes_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = open_sample(dir.path());
    type_into(&h, "绩效类型", "X");
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::N);
    h.run();
    assert!(h.state().is_asking_to_save());
    h.get_by_role_and_label(Role::Button, "不保存").click();
    h.run();
    // the framework chooser follows
    h.get_by_label("新建表单");
}

#[test]
fn shortcuts_wait_while_a_question_is_open() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = open_sample(dir.path());
    type_into(&h, "绩效类型", "X");
    h.run();
    h.state_mut().request_close();
    h.run();
    assert!(h.state().is_asking_to_save());
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert!(
        h.state()
            .doc
            .form()
            .field("performance_type")
            .ends_with('X'),
        "no undo behind the prompt"
    );
    assert!(h.state().is_asking_to_save());
}

#[test]
fn save_after_another_program_changed_the_file_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, path) = open_sample(dir.path());
    type_into(&h, "绩效类型", "（本窗口）");
    h.run();
    let theirs = std::fs::read_to_string(&path)
        .unwrap()
        .replacen("其他类", "同事改的类型", 1);
    std::fs::write(&path, &theirs).unwrap();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    h.get_by_label("文件已被其他程序改动");
    h.get_by_label_contains("同事改的类型");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        theirs,
        "nothing written"
    );
    assert!(h.state().doc.is_dirty());
    // 重新载入: their version on screen, ours one undo away
    h.get_by_label("重新载入").click();
    h.run();
    assert_eq!(
        h.state().doc.form().field("performance_type"),
        "同事改的类型"
    );
    assert!(!h.state().doc.is_dirty());
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert!(h
        .state()
        .doc
        .form()
        .field("performance_type")
        .ends_with("（本窗口）"));
    // they change it again; this time the clerk overwrites on purpose
    std::fs::write(&path, theirs.replacen("同事改的类型", "又改了", 1)).unwrap();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    h.get_by_label("覆盖").click();
    h.run();
    assert!(!h.state().doc.is_dirty());
    assert!(store::load(&path)
        .unwrap()
        .field("performance_type")
        .ends_with("（本窗口）"));
    assert!(std::fs::read_to_string(store::backup_path(&path))
        .unwrap()
        .contains("又改了"));
}

#[test]
fn a_second_window_on_the_same_file_opens_it_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let (_first, path) = open_sample(dir.path());
    let mut second = harness(App::start(
        AppConfig::in_dir(dir.path()),
        Some(path.clone()),
    ));
    second.run();
    second.get_by_label("文件正在别处编辑");
    second.get_by_label("以只读方式打开").click();
    second.run();
    assert!(second.state().doc.read_only().is_some());
    assert!(
        second.state().title().contains("只读"),
        "{}",
        second.state().title()
    );
    let before = std::fs::read(&path).unwrap();
    type_into(&second, "绩效类型", "X");
    second.run();
    second.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    second.run();
    // saving goes to 另存为 (the in-app path field in tests), never the held file
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(second.state().doc.is_dirty());
}

#[test]
fn exporting_over_the_open_form_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, path) = open_sample(dir.path());
    let before = std::fs::read(&path).unwrap();
    h.state_mut().export_pdf_to(&path);
    h.run();
    let msg = h.state().error_message().unwrap_or_default().to_string();
    assert!(msg.contains("不能是输入文件本身"), "{msg}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

/// 文件 → 导出 Word（整张表）… and 导出 Excel（整张表）…: each file written where the clerk
/// says, and read back by 导入 as the same form.
#[test]
fn the_whole_form_goes_to_word_and_excel_from_the_file_menu() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = open_sample(dir.path());
    for (items, file) in [
        (&["导出 Word（整张表）…"][..], "表单.docx"),
        (
            &["导出 Excel（整张表）", "一张可打印的表…"][..],
            "表单.xlsx",
        ),
        (
            &["导出 Excel（整张表）", "每部分一个工作表…"][..],
            "分表.xlsx",
        ),
    ] {
        h.get_by_label("文件").click();
        h.run();
        for item in items {
            h.get_by_label(item).click();
            h.run();
        }
        let path = dir.path().join(file);
        let field = h.get_by_label("文件路径");
        field.focus();
        h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
        field.type_text(path.to_str().unwrap());
        h.run();
        h.get_by_role_and_label(Role::Button, "确定").click();
        h.run();
        let bytes = std::fs::read(&path).expect("written");
        let templates = jixiao::core::template::Templates::built_in().list;
        let back = jixiao::core::import::import_bytes(&bytes, &templates, None).unwrap();
        let mut form = back.form;
        form.review = h.state().doc.form().review.clone();
        assert_eq!(&form, h.state().doc.form(), "{file}");
    }
}

/// 设置 → 打印: the PDF shows ≥ ≤ for the >= <= the clerk typed, while the form keeps them;
/// off (the default) the PDF prints them as typed.
#[test]
fn the_pdf_prints_symbols_for_typed_comparisons_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = open_sample(dir.path());
    let typed = h.state().doc.form().clone();
    let as_typed = dir.path().join("原样.pdf");
    h.state_mut().export_pdf_to(&as_typed);
    h.run();
    let text = |p: &std::path::Path| -> String {
        pdf_extract::extract_text_from_mem(&std::fs::read(p).unwrap())
            .unwrap()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect()
    };
    assert!(text(&as_typed).contains(">=95%"));
    h.key_press(egui::Key::Escape); // the 导出 PDF message
    h.run();
    h.get_by_label("编辑").click();
    h.run();
    h.get_by_label("设置…").click();
    h.run();
    // (a scroll area places its contents over its first frames)
    h.run_steps(3);
    h.get_by_label("导出 PDF 和打印时把 >=、<= 印成 ≥、≤（表单中仍保留原样）")
        .click();
    h.run();
    h.get_by_role_and_label(Role::Button, "关闭").click();
    h.run();
    let symbols = dir.path().join("符号.pdf");
    h.state_mut().export_pdf_to(&symbols);
    h.run();
    let printed = text(&symbols);
    assert!(printed.contains("≥95%") && !printed.contains(">=95%"));
    assert_eq!(
        h.state().doc.form(),
        &typed,
        "the form keeps what was typed"
    );
}

/// Right-click in a text field: 剪切, 复制, 粘贴 and 全选; 全选 selects the field's text so
/// that what is typed next replaces it.
#[test]
fn a_text_fields_right_click_menu_selects_all() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = open_sample(dir.path());
    let field = h.get_by_label("绩效类型");
    field.click_secondary();
    h.run();
    for item in ["剪切", "复制", "粘贴"] {
        h.get_by_role_and_label(Role::Button, item);
    }
    h.get_by_role_and_label(Role::Button, "全选").click();
    h.run();
    h.get_by_label("绩效类型").type_text("专项类");
    h.run();
    assert_eq!(h.state().doc.form().field("performance_type"), "专项类");
    // 剪切 with nothing selected takes the whole field out, as an edit
    h.get_by_label("绩效类型").click_secondary();
    h.run();
    h.get_by_role_and_label(Role::Button, "剪切").click();
    h.run();
    assert_eq!(h.state().doc.form().field("performance_type"), "");
    // (undo takes the cut back, with the typing just before it: one step per field)
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert!(!h.state().doc.form().field("performance_type").is_empty());
}

/// 编辑 → 查找 (Ctrl+F): the words are found in the header, the sections and the grid, and
/// 下一个 goes to each place in turn; the form is not changed.
#[test]
fn find_goes_to_each_place_the_words_are() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = open_sample(dir.path());
    let before = h.state().doc.form().clone();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    h.run();
    h.get_by_label("查找内容").type_text("营养");
    h.run();
    h.get_by_label_contains("没有找到");
    let field = h.get_by_label("查找内容");
    field.focus();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    field.type_text("课题调研");
    h.run();
    h.get_by_role_and_label(Role::Button, "下一个").click();
    h.run();
    h.get_by_label_contains("第 1 / ");
    let first = h.state().state.selection.clone();
    let mut seen = vec![first];
    for _ in 0..3 {
        h.get_by_role_and_label(Role::Button, "下一个").click();
        h.run();
        seen.push(h.state().state.selection.clone());
    }
    assert!(
        seen.iter()
            .any(|n| matches!(n, jixiao::ui::state::Node::Indicator(_))),
        "{seen:?}"
    );
    assert_eq!(h.state().doc.form(), &before);
}
