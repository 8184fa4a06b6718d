//! The common-indicator library: picked entries land in the selected 二级 (or under their
//! own 一级/二级) in the template's columns, as one undo step; in the window, searched by
//! pinyin initials and added from the grid's 从指标库添加….

mod common;

use egui_kittest::kittest::{NodeT, Queryable};
use jixiao::core::library::{add_entries, bundled, Destination};
use jixiao::core::template::{for_form, ColumnKind};
use jixiao::ui::Node;

fn entry(name: &str) -> &'static jixiao::core::library::Entry {
    bundled().entries.iter().find(|e| e.name == name).unwrap()
}

#[test]
fn entries_go_into_the_templates_columns() {
    // one value cell (上海 2020) and structured columns (101号)
    for (sample, structured) in [("2020-上海", false), ("心理健康", true)] {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples");
        let path = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.to_string_lossy().contains(sample))
            .unwrap();
        let form = jixiao::core::store::load(&path).unwrap();
        let t = for_form(&form);
        let grid = form.grids.len() - 1;
        let to = Destination {
            grid,
            group: Some((0, 0)),
        };
        let before = form.grids[grid].goals[0].groups[0].indicators.len();
        let (out, added) = add_entries(&form, &t, to, &[entry("培训人次"), entry("学员履职能力")]);
        assert_eq!(added, 2);
        let list = &out.grids[grid].goals[0].groups[0].indicators;
        assert_eq!(list.len(), before + 2);
        let (count, word) = (&list[before], &list[before + 1]);
        assert_eq!(count.name, "培训人次");
        if structured {
            assert_eq!(count.cell(ColumnKind::Sign), "≥");
            assert_eq!(count.cell(ColumnKind::Value), "500");
            assert_eq!(count.cell(ColumnKind::Unit), "人次");
            assert_eq!(word.cell(ColumnKind::Value), "明显提升");
        } else {
            assert_eq!(count.target, "≥500人次");
            assert_eq!(word.target, "明显提升");
        }
        // nothing else changed
        let mut back = out.clone();
        back.grids[grid].goals[0].groups[0]
            .indicators
            .truncate(before);
        assert_eq!(back, form, "{sample}");
        // without a group: each under its own 一级/二级, found by name or added
        let to = Destination { grid, group: None };
        let (out, added) = add_entries(&form, &t, to, &[entry("参训学员满意度")]);
        assert_eq!(added, 1);
        assert!(out.grids[grid].goals.iter().any(|g| g.name.contains("满意")
            && g.groups
                .iter()
                .any(|gr| gr.indicators.iter().any(|i| i.name == "参训学员满意度"))));
    }
}

#[test]
fn a_clerk_picks_by_initials_and_adds_in_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = common::window::open_sample(dir.path());
    h.get_by_label("数量（18）").click();
    h.run();
    assert_eq!(h.state().state.selection, Node::Group(0, 1, 0));
    h.get_by_label("从指标库添加…").click();
    h.run();
    let search = h.get_by_label("搜索");
    search.focus();
    search.type_text("pxrc");
    h.run();
    h.get_by_label("培训人次").click();
    h.run();
    h.get_by_label_contains("指标解释：当年实际参加培训的人次数");
    h.get_by_label("添加 1 个指标").click();
    h.run();
    assert!(
        h.query_by_label("添加 1 个指标").is_none(),
        "the window closes"
    );
    let form = h.state().doc.form();
    let group = &form.grids[0].goals[1].groups[0];
    assert_eq!(group.indicators.len(), 19);
    let added = group.indicators.last().unwrap();
    assert_eq!(added.name, "培训人次");
    assert_eq!(added.target, "≥500人次");
    assert_eq!(h.state().doc.undo_label(), Some("从指标库添加 1 个指标"));
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(
        h.state().doc.form().grids[0].goals[1].groups[0]
            .indicators
            .len(),
        18
    );
}

/// 我的指标: a folder of last year's forms read in 设置, then searched by initials in
/// the picker and added with last year's value; forgetting the folder forgets it.
#[test]
fn my_own_indicators_from_a_folder_are_one_search_away() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("往年表单");
    std::fs::create_dir_all(&folder).unwrap();
    let samples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples");
    let old = std::fs::read_dir(samples)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().contains("居家养老"))
        .unwrap();
    std::fs::copy(&old, folder.join("2026-养老.ron")).unwrap();
    let (mut h, _) = common::window::open_sample(dir.path());
    h.get_by_label("编辑").click();
    h.run();
    h.get_by_label("设置…").click();
    h.run();
    // (a scroll area places its contents over its first frames)
    h.run_steps(3);
    let field = h.get_by_label("文件夹");
    field.focus();
    field.type_text(&folder.to_string_lossy());
    h.run();
    h.get_by_label("读取").click();
    h.run();
    h.get_by_label("已读取 1 张表单");
    h.get_by_role_and_label(egui::accesskit::Role::Button, "关闭")
        .click();
    h.run();
    h.get_by_label("数量（18）").click();
    h.run();
    h.get_by_label("从指标库添加…").click();
    h.run();
    h.get_by_label_contains("我的指标（").click();
    h.run();
    let search = h.get_by_label("搜索");
    search.focus();
    search.type_text("btfwdxrs");
    h.run();
    h.get_by_label("补贴服务对象人数").click();
    h.run();
    h.get_by_label_contains("2026 年用过");
    h.get_by_label("添加 1 个指标").click();
    h.run();
    let added = h.state().doc.form().grids[0].goals[1].groups[0]
        .indicators
        .last()
        .unwrap()
        .clone();
    assert_eq!(added.name, "补贴服务对象人数");
    assert_eq!(added.target, "≥8000人");
    // kept on this computer, and forgotten with its folder
    let kept = std::fs::read_to_string(dir.path().join("my-indicators.ron")).unwrap();
    assert!(kept.contains("补贴服务对象人数"));
    h.get_by_label("编辑").click();
    h.run();
    h.get_by_label("设置…").click();
    h.run();
    // (a scroll area places its contents over its first frames)
    h.run_steps(3);
    h.get_by_label("忘记").click();
    h.run();
    let kept = std::fs::read_to_string(dir.path().join("my-indicators.ron")).unwrap();
    assert!(!kept.contains("补贴服务对象人数"));
}

/// Typing a 三级 name offers matching entries under the cell: ↓ chooses, Enter fills the
/// row from it as one undo step; Enter alone still moves on to the next row.
#[test]
fn typing_a_name_suggests_entries_and_enter_takes_the_chosen_one() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = common::window::open_sample(dir.path());
    h.state_mut().state.selection = Node::Grid(0);
    h.run();
    let path = jixiao::core::model::IndicatorPath {
        grid: 0,
        goal: 1,
        group: 0,
        indicator: 0,
    };
    let name = h.state().doc.form().indicator(path).unwrap().name.clone();
    h.query_all_by_role(egui::accesskit::Role::TextInput)
        .find(|n| n.value().as_deref() == Some(name.as_str()))
        .unwrap()
        .click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    let cell = h
        .query_all_by_role(egui::accesskit::Role::TextInput)
        .find(|n| n.is_focused())
        .unwrap();
    cell.type_text("培训人");
    h.run();
    h.get_by_label_contains("↓↑ 选择");
    // the library's entry among the candidates (the clerk's own, from the form, first)
    h.get_by_label_contains("培训人次　≥500人次　（指标库");
    let first: String = h
        .query_all_by_label_contains("（")
        .filter_map(|n| n.accesskit_node().label())
        .find(|l| l.contains("（我的指标·") || l.contains("（指标库·"))
        .and_then(|l| l.split('　').next().map(str::to_string))
        .unwrap();
    h.key_press(egui::Key::ArrowDown);
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    h.run();
    let ind = h.state().doc.form().indicator(path).unwrap().clone();
    assert_eq!(ind.name, first);
    assert!(
        h.query_by_label_contains("↓↑ 选择").is_none(),
        "the list closes"
    );
    assert_eq!(
        h.state().doc.undo_label(),
        Some(format!("采用“{first}”").as_str())
    );
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(h.state().doc.form().indicator(path).unwrap().name, "培训人");
}

/// The outline's menu on a 二级 opens the picker for that group; two entries added at
/// once come back out with one undo.
#[test]
fn the_outline_opens_the_library_for_its_group_and_two_rows_undo_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = common::window::open_sample(dir.path());
    h.get_by_label("数量（18）").click_secondary();
    h.run();
    h.get_by_label("从指标库添加…").click();
    h.run();
    h.run();
    assert_eq!(h.state().state.selection, Node::Group(0, 1, 0));
    let search = h.get_by_label("搜索");
    search.focus();
    search.type_text("pxrc");
    h.run();
    h.get_by_label("培训人次").click();
    h.run();
    search_again(&mut h, "pxqs");
    h.get_by_label("培训期数").click();
    h.run();
    h.get_by_label("添加 2 个指标").click();
    h.run();
    let names: Vec<String> = h.state().doc.form().grids[0].goals[1].groups[0]
        .indicators
        .iter()
        .map(|i| i.name.clone())
        .collect();
    assert_eq!(names.len(), 20);
    assert!(names.ends_with(&["培训人次".to_string(), "培训期数".to_string()]));
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(
        h.state().doc.form().grids[0].goals[1].groups[0]
            .indicators
            .len(),
        18
    );
}

fn search_again(h: &mut egui_kittest::Harness<'static, jixiao::ui::App>, text: &str) {
    let search = h.get_by_label("搜索");
    search.focus();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    h.get_by_label("搜索").type_text(text);
    h.run();
}
