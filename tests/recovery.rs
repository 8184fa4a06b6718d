//! Nothing lost: a crash after a few seconds of idle typing leaves a recovery copy that
//! the next start offers to restore. (The "crash" is the app dropped without exiting.)

mod common;

use std::time::{Duration, Instant};

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;
use jixiao::ui::{App, AppConfig};

fn harness(app: App) -> Harness<'static, App> {
    Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .build_ui_state(|ui, app: &mut App| app.show(ui), app)
}

fn crash_after_typing(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("form.ron");
    std::fs::copy(common::sample_path(), &path).unwrap();
    let mut h = harness(App::start(AppConfig::in_dir(dir), Some(path.clone())));
    h.run();
    let field = h.get_by_label("项目名称");
    field.focus();
    field.type_text("（未保存）");
    h.run();
    let copy = h.state().recovery_copy_path().unwrap();
    // Still typing: no copy yet.
    assert!(h.state_mut().autosave_tick(Instant::now()).is_some());
    assert!(!copy.exists());
    // Idle for a few seconds: the copy is written, the user's file is untouched.
    h.state_mut()
        .autosave_tick(Instant::now() + Duration::from_secs(4));
    assert!(copy.exists());
    assert_eq!(
        std::fs::read(&path).unwrap(),
        std::fs::read(common::sample_path()).unwrap()
    );
    drop(h); // the process dies: no clean exit
    path
}

#[test]
fn crash_then_recover() {
    let dir = tempfile::tempdir().unwrap();
    let path = crash_after_typing(dir.path());
    let mut h = harness(App::start(AppConfig::in_dir(dir.path()), None));
    h.run();
    assert!(h.state().is_offering_recovery());
    h.get_by_label("恢复未保存的内容");
    h.get_by_role_and_label(Role::Button, "恢复").click();
    h.run();
    let app = h.state();
    assert!(app.doc.form().project_name.ends_with("（未保存）"));
    assert!(app.doc.is_dirty(), "recovered as unsaved");
    assert_eq!(
        app.doc.path.as_deref(),
        Some(path.as_path()),
        "bound to the original file"
    );
    assert!(!app.is_offering_recovery());
}

#[test]
fn crash_then_discard() {
    let dir = tempfile::tempdir().unwrap();
    crash_after_typing(dir.path());
    let mut h = harness(App::start(AppConfig::in_dir(dir.path()), None));
    h.run();
    h.get_by_role_and_label(Role::Button, "放弃").click();
    h.run();
    assert!(!h.state().doc.is_dirty());
    assert!(!h.state().doc.form().project_name.ends_with("（未保存）"));
    // nothing is offered again
    let h2 = {
        let mut h2 = harness(App::start(AppConfig::in_dir(dir.path()), None));
        h2.run();
        h2
    };
    assert!(!h2.state().is_offering_recovery());
}

#[test]
fn saving_removes_the_copy() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("form.ron");
    std::fs::copy(common::sample_path(), &path).unwrap();
    let mut h = harness(App::start(AppConfig::in_dir(dir.path()), Some(path)));
    h.run();
    let field = h.get_by_label("绩效类型");
    field.focus();
    field.type_text("X");
    h.run();
    h.state_mut()
        .autosave_tick(Instant::now() + Duration::from_secs(4));
    let copy = h.state().recovery_copy_path().unwrap();
    assert!(copy.exists());
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    assert!(!copy.exists(), "saved: no copy needed");
}
