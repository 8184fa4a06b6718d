//! Nothing lost: a crash after a few seconds of idle typing leaves a recovery copy that
//! the next start offers to restore. (The "crash" is the app dropped without exiting.)

mod common;

use std::time::{Duration, Instant};

use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT, Queryable};
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
    assert!(app.doc.form().field("project_name").ends_with("（未保存）"));
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
    assert!(!h
        .state()
        .doc
        .form()
        .field("project_name")
        .ends_with("（未保存）"));
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

/// Two windows crashed, each with its own unsaved form: both copies are listed; the one
/// recovered stays on disk until it is saved; the other is never replaced without a
/// question and is offered again.
#[test]
fn two_copies_are_listed_and_neither_is_lost() {
    let dir = tempfile::tempdir().unwrap();
    let first = crash_after_typing(dir.path());
    // a second crashed window, on another file
    let second_path = dir.path().join("second.ron");
    std::fs::copy(common::sample_path(), &second_path).unwrap();
    {
        let mut h = harness(App::start(
            AppConfig::in_dir(dir.path()),
            Some(second_path.clone()),
        ));
        h.run();
        // the first copy is offered to this window: leave it for later
        h.get_by_label("以后再说").click();
        h.run();
        let field = h.get_by_label("绩效类型");
        field.focus();
        field.type_text("（第二个窗口）");
        h.run();
        h.state_mut()
            .autosave_tick(Instant::now() + Duration::from_secs(4));
        assert!(h.state().recovery_copy_path().unwrap().exists());
    } // crash

    let mut h = harness(App::start(AppConfig::in_dir(dir.path()), None));
    h.run();
    assert!(h.state().is_offering_recovery());
    assert_eq!(h.get_all_by_role_and_label(Role::Button, "恢复").count(), 2);
    // newest first: the second window's copy
    h.get_all_by_role_and_label(Role::Button, "恢复")
        .next()
        .unwrap()
        .click();
    h.run();
    assert!(h
        .state()
        .doc
        .form()
        .field("performance_type")
        .ends_with("（第二个窗口）"));
    assert_eq!(h.state().doc.path.as_deref(), Some(second_path.as_path()));
    // the other copy is still listed, and cannot replace the unsaved form
    assert!(h.state().is_offering_recovery());
    let recover = h.get_by_role_and_label(Role::Button, "恢复");
    assert!(
        recover.accesskit_node().is_disabled(),
        "would replace the recovered, unsaved form"
    );
    let adopted = h.state().recovery_copy_path().unwrap();
    assert!(adopted.exists(), "the recovered copy stays until saved");
    h.get_by_label("以后再说").click();
    h.run();
    assert!(!h.state().is_offering_recovery(), "still offering");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    h.run();
    assert!(!h.state().doc.is_dirty(), "{:?}", h.state().error_message());
    assert!(!adopted.exists(), "saved: the copy is done");
    assert!(jixiao::core::store::load(&second_path)
        .unwrap()
        .field("performance_type")
        .ends_with("（第二个窗口）"));
    // the first window's copy is offered again from the menu
    h.state_mut().request(jixiao::ui::app::Action::Recover);
    h.run();
    assert!(h.state().is_offering_recovery());
    h.get_by_role_and_label(Role::Button, "恢复").click();
    h.run();
    assert!(h
        .state()
        .doc
        .form()
        .field("project_name")
        .ends_with("（未保存）"));
    assert_eq!(h.state().doc.path.as_deref(), Some(first.as_path()));
}

/// A window does not offer its own live copy, nor one another live window holds.
#[test]
fn live_copies_are_not_offered() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("form.ron");
    std::fs::copy(common::sample_path(), &path).unwrap();
    let mut a = harness(App::start(AppConfig::in_dir(dir.path()), Some(path)));
    a.run();
    let field = a.get_by_label("绩效类型");
    field.focus();
    field.type_text("X");
    a.run();
    a.state_mut()
        .autosave_tick(Instant::now() + Duration::from_secs(4));
    assert!(a.state().recovery_copy_path().unwrap().exists());
    a.state_mut().request(jixiao::ui::app::Action::Recover);
    a.run();
    assert!(!a.state().is_offering_recovery(), "its own copy");
    let mut b = harness(App::start(AppConfig::in_dir(dir.path()), None));
    b.run();
    assert!(!b.state().is_offering_recovery(), "a's copy while a runs");
}
