//! Help, settings and the look (egui_kittest): the guide, the shortcut list and 关于
//! from the 帮助 menu; text size and theme from 设置 and the keyboard, remembered; at
//! 特大 in the dark theme nothing in the header fields or the grid is cut or overlaps.

mod common;

use common::window::open_sample;
use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT, Queryable};
use egui_kittest::Harness;
use jixiao::ui::{App, AppConfig, Node};

fn settings_text(dir: &std::path::Path) -> String {
    std::fs::read_to_string(dir.join("settings.ron")).unwrap_or_default()
}

#[test]
fn the_help_menu_has_the_guide_the_shortcuts_and_about() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = open_sample(dir.path());
    // from the menu
    h.get_by_label("帮助").click();
    h.run();
    h.get_by_label("使用说明").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "关闭").click();
    h.run();
    use jixiao::ui::app::Action;
    for (action, expect) in [
        (Action::Guide, "从上年文件新建"),
        (Action::Shortcuts, "Ctrl+Shift+S"),
        (Action::About, env!("CARGO_PKG_VERSION")),
    ] {
        let entry = action.label();
        h.state_mut().request(action);
        h.run();
        assert!(
            h.query_all_by_label_contains(expect).count() > 0,
            "{entry} shows {expect}"
        );
        h.get_by_role_and_label(Role::Button, "关闭").click();
        h.run();
    }
    // the shortcut list is made from the command table, each command once with all its
    // keys
    h.state_mut().request(jixiao::ui::app::Action::Shortcuts);
    h.run();
    for action in jixiao::ui::commands::SHORTCUT_ORDER {
        for key in action.shortcuts() {
            let text = jixiao::ui::commands::shortcut_text(&key);
            assert!(h.query_all_by_label_contains(&text).count() > 0, "{text}");
        }
        if !action.shortcuts().is_empty() {
            let label = action.label().trim_end_matches('…').to_string();
            assert_eq!(h.query_all_by_label(&label).count(), 1, "{label} once");
        }
    }
}

#[test]
fn text_size_and_theme_are_set_applied_and_remembered() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = open_sample(dir.path());
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Equals);
    h.run();
    assert!((h.ctx.zoom_factor() - 1.2).abs() < 0.01, "大");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num0);
    h.run();
    assert!((h.ctx.zoom_factor() - 1.0).abs() < 0.01, "中");
    h.state_mut().request(jixiao::ui::app::Action::Settings);
    h.run();
    h.get_by_label("特大").click();
    h.run();
    h.get_by_label("深色").click();
    h.run();
    assert!((h.ctx.zoom_factor() - 1.45).abs() < 0.01);
    assert!(h.ctx.theme() == egui::Theme::Dark);
    let saved = settings_text(dir.path());
    assert!(
        saved.contains("ExtraLarge") && saved.contains("Dark"),
        "{saved}"
    );
    drop(h);
    // the next start comes up the same
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .build_ui_state(
            |ui, app: &mut App| app.show(ui),
            App::start(AppConfig::in_dir(dir.path()), None),
        );
    h.run();
    assert!((h.ctx.zoom_factor() - 1.45).abs() < 0.01);
    assert!(h.ctx.theme() == egui::Theme::Dark);
}

/// Rectangles of the nodes with these roles, inside the window and apart from each other.
fn assert_laid_out(h: &Harness<'static, App>, what: &str, w: f32, hgt: f32) {
    let mut rects = Vec::new();
    for node in h.query_all_by_role(Role::Label) {
        let r = node.rect();
        if r.width() <= 0.0 || r.bottom() < 60.0 {
            continue; // hidden, or the menu bar
        }
        assert!(
            r.left() >= -0.5 && r.right() <= w + 0.5 && r.top() >= -0.5 && r.bottom() <= hgt + 0.5,
            "{what}: {:?} at {r:?} is cut by a {w}×{hgt} window",
            node.accesskit_node().label()
        );
        rects.push((node.accesskit_node().label().unwrap_or_default(), r));
    }
    assert!(rects.len() >= 8, "{what}: only {} labels seen", rects.len());
    for (i, (a, ra)) in rects.iter().enumerate() {
        for (b, rb) in &rects[i + 1..] {
            let overlap = ra.intersect(*rb);
            assert!(
                overlap.width() <= 1.0 || overlap.height() <= 1.0,
                "{what}: {a:?} {ra:?} overlaps {b:?} {rb:?}"
            );
        }
    }
}

#[test]
fn extra_large_dark_text_fits_the_header_and_the_grid() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("settings.ron"),
        "(text_size: ExtraLarge, theme: Dark)",
    )
    .unwrap();
    let path = dir.path().join("2020.ron");
    std::fs::copy(common::sample_path(), &path).unwrap();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .build_ui_state(
            |ui, app: &mut App| app.show(ui),
            App::start(AppConfig::in_dir(dir.path()), Some(path)),
        );
    h.run();
    assert!((h.ctx.zoom_factor() - 1.45).abs() < 0.01);
    assert_laid_out(&h, "基本信息", 1400.0, 900.0);
    h.state_mut().state.selection = Node::Grid(0);
    h.run();
    assert_laid_out(&h, "指标表", 1400.0, 900.0);
}

#[test]
fn the_first_start_hint_points_at_new_and_rollover_until_closed() {
    let dir = tempfile::tempdir().unwrap();
    let start = |dir: &std::path::Path| {
        let mut h = Harness::builder()
            .with_size(egui::vec2(1400.0, 900.0))
            .build_ui_state(
                |ui, app: &mut App| app.show(ui),
                App::start(AppConfig::in_dir(dir), None),
            );
        h.run();
        h
    };
    let mut h = start(dir.path());
    h.get_by_label_contains("从上年文件新建");
    h.get_by_label("知道了").click();
    h.run();
    assert!(h.query_by_label("知道了").is_none());
    drop(h);
    let h = start(dir.path());
    assert!(h.query_by_label("知道了").is_none(), "closed for good");
}
