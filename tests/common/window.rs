//! Helpers for tests that drive the real window with egui_kittest.

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;
use jixiao::ui::{App, AppConfig};

pub fn harness(app: App) -> Harness<'static, App> {
    Harness::builder()
        // Tall enough that the outline shows 产出目标 without scrolling.
        .with_size(egui::vec2(1400.0, 1600.0))
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut App| app.show(ui), app)
}

/// The sample copied to a temporary folder and opened, as `jixiao FILE` does.
pub fn open_sample(dir: &std::path::Path) -> (Harness<'static, App>, std::path::PathBuf) {
    let path = dir.join("2020.ron");
    std::fs::copy(super::sample_path(), &path).unwrap();
    let app = App::start(AppConfig::in_dir(dir), Some(path.clone()));
    let mut h = harness(app);
    h.run();
    (h, path)
}

/// Clicks into the field labelled `label` and types `text` at its end.
pub fn type_into(h: &Harness<'static, App>, label: &str, text: &str) {
    let field = h.get_by_label(label);
    field.focus();
    field.type_text(text);
}

pub fn indicator_names(app: &App, goal: &str, group: &str) -> Vec<String> {
    let form = app.doc.form();
    let g = form.grids[0].goals.iter().find(|g| g.name == goal).unwrap();
    let gr = g.groups.iter().find(|gr| gr.name == group).unwrap();
    gr.indicators.iter().map(|i| i.name.clone()).collect()
}

/// The value of the focused text field, if any.
pub fn focused_value(h: &Harness<'static, App>) -> Option<String> {
    h.query_all_by_role(Role::TextInput)
        .find(|n| n.is_focused())
        .and_then(|n| n.value())
}

/// Steps the window until an import running off its thread has finished.
pub fn wait_for_import(h: &mut Harness<'static, App>) {
    let started = std::time::Instant::now();
    while h.state().is_importing() {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(120),
            "the import finishes"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.run();
    }
    h.run();
}
