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
    // (a scroll area places its contents over its first frames)
    h.run_steps(3);
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
    // rows of a list scrolled under the status bar are clipped, not drawn
    let status_top = h
        .query_all_by_role(Role::Label)
        .find(|n| {
            n.accesskit_node()
                .value()
                .is_some_and(|l| l.contains("没有改动") || l.contains("未保存"))
        })
        .map_or(f32::INFINITY, |n| n.rect().top());
    for node in h.query_all_by_role(Role::Label) {
        let r = node.rect();
        if r.width() <= 0.0 || r.bottom() < 60.0 {
            continue; // hidden, or the menu bar
        }
        if r.bottom() > status_top + 0.5 && (r.top() - status_top).abs() > 0.5 {
            continue; // under the status bar: a row of a list scrolled out of sight
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

/// At 特大 in a 1024×700 window, a wide layout's grid scrolls sideways with its
/// 三级指标 column kept in place (a frozen pane), rows still side by side.
#[test]
fn the_name_column_stays_in_place_while_a_wide_grid_scrolls_sideways() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("settings.ron"), "(text_size: ExtraLarge)").unwrap();
    let path = dir.path().join("101.ron");
    let sample = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/samples/2026-某市社区居家养老服务补贴项目.ron");
    // twenty more rows at the end, so the grid scrolls down too
    let mut form = jixiao::core::file::store::load(&sample).unwrap();
    let goal = form.grids[0].goals.last_mut().unwrap();
    let group = goal.groups.last_mut().unwrap();
    let last = group.indicators.last().unwrap().clone();
    for i in 0..20 {
        let mut more = last.clone();
        more.name = format!("追加指标{i}");
        group.indicators.push(more);
    }
    jixiao::core::file::store::save(&path, &form).unwrap();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1024.0, 700.0))
        .with_max_steps(24)
        .build_ui_state(
            |ui, app: &mut App| app.show(ui),
            App::start(AppConfig::in_dir(dir.path()), Some(path)),
        );
    h.run();
    h.state_mut().state.selection = Node::Grid(0);
    h.run();
    let cell = |h: &Harness<'static, App>, value: &str| {
        h.query_all_by_role(Role::TextInput)
            .find(|n| n.value().as_deref() == Some(value))
            .map(|n| n.rect())
    };
    let name = cell(&h, "人均月补贴标准").expect("the first row's name cell");
    let value = cell(&h, "400").expect("its value cell");
    // the wheel turned sideways over the value cells
    h.get_all_by_role(Role::TextInput)
        .find(|n| n.value().as_deref() == Some("400"))
        .unwrap()
        .hover();
    h.run();
    for _ in 0..4 {
        h.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(-400.0, 0.0),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Unknown,
            modifiers: egui::Modifiers::NONE,
        });
        h.run();
    }
    let moved = cell(&h, "400").map(|r| r.left());
    assert!(
        moved.is_none_or(|left| left < value.left() - 100.0),
        "the value column scrolled sideways: {value:?} → {moved:?}"
    );
    let after = cell(&h, "人均月补贴标准").expect("the name cell is still there");
    assert!(
        (after.left() - name.left()).abs() < 1.0 && after.right() <= 1024.0 / 1.45,
        "the name column stayed in place: {name:?} → {after:?}"
    );
    // scrolled down over the value cells, the name cells follow row for row
    let below = cell(&h, "服务时长").expect("a row further down");
    for _ in 0..3 {
        h.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, -40.0),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Unknown,
            modifiers: egui::Modifiers::NONE,
        });
        h.run();
    }
    let name = cell(&h, "服务时长").expect("a row further down");
    let value = cell(&h, "96").expect("its value");
    assert!(
        name.top() < below.top() - 30.0,
        "the rows scrolled down: {below:?} → {name:?}"
    );
    assert!(
        (name.top() - value.top()).abs() < 1.0,
        "the name and value of one row side by side: {name:?} {value:?}"
    );
}
