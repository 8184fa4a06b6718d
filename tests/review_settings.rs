//! 审核要点 turned off in 设置: their warnings leave the list, the list says how many
//! points are off and how many warnings it does not show, and the choice is remembered.

mod common;

use common::window::open_sample;
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;

#[test]
fn a_review_point_turned_off_leaves_the_list_and_is_remembered() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = open_sample(dir.path());
    let warnings = |h: &egui_kittest::Harness<'static, jixiao::ui::App>| {
        h.state()
            .problems
            .list
            .iter()
            .filter(|p| p.message.contains("指标值却是文字"))
            .count()
    };
    assert!(warnings(&h) >= 3, "the sample's rates written in words");
    h.get_by_label("编辑").click();
    h.run();
    h.get_by_label("设置…").click();
    h.run();
    // (a scroll area places its contents over its first frames)
    h.run_steps(3);
    h.get_by_label("计数、比率类指标的指标值是文字").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "关闭").click();
    h.run();
    assert_eq!(warnings(&h), 0);
    h.get_by_label_contains("已关闭 1 项审核要点");
    let saved = std::fs::read_to_string(dir.path().join("settings.ron")).unwrap();
    assert!(saved.contains("words_for_measure"), "{saved}");
    // the command line still lists every point
    let form = h.state().doc.form().clone();
    let all = jixiao::core::validate::validate(&form, &jixiao::core::template::for_form(&form));
    assert!(all.iter().any(|p| p.message.contains("指标值却是文字")));
}
