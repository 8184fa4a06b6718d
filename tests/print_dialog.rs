//! 打印… in the window (egui_kittest) with stand-ins for CUPS on PATH: the default
//! printer is chosen, copies, pages and both sides reach lp with the form's PDF, a bad
//! range is said in the dialog; then with no print system the dialog says so and offers
//! 导出 PDF…. One test in its own binary: it sets PATH for the process.
#![cfg(unix)]

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;

fn script(dir: &Path, name: &str, body: &str) {
    let path = dir.join(name);
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn printing_from_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    let log = dir.path().join("lp.log");
    script(
        &bin,
        "lpstat",
        r#"case "$1" in -e) printf 'pdf\nOffice_HP\n';; -d) echo 'system default destination: Office_HP';; esac"#,
    );
    script(
        &bin,
        "lp",
        &format!(
            r#"for a in "$@"; do printf '%s\n' "$a" >> '{}'; done; echo 'request id is Office_HP-3 (1 file(s))'"#,
            log.display()
        ),
    );
    std::env::set_var("PATH", &bin);
    let (mut h, _) = common::window::open_sample(dir.path());
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::P);
    h.run();
    // (a form with errors is asked about first)
    if let Some(go) = h.query_by_label_contains("仍要打印") {
        go.click();
        h.run();
    }
    // the default printer chosen
    assert!(h
        .query_all_by_label("打印机")
        .any(|n| n.value().as_deref() == Some("Office_HP")));
    let copies = h.get_by_label("份数");
    copies.focus();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("份数").type_text("2");
    h.run();
    let pages = h.get_by_label("页码范围");
    pages.focus();
    pages.type_text("1-");
    h.run();
    h.get_by_role_and_label(Role::Button, "打印").click();
    h.run();
    h.get_by_label_contains("页码范围“1-”看不懂");
    assert!(!log.exists(), "nothing sent with a bad range");
    let pages = h.get_by_label("页码范围");
    pages.focus();
    pages.type_text("2");
    h.run();
    h.get_by_label("双面打印（打印机支持时）").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "打印").click();
    h.run();
    let args = std::fs::read_to_string(&log).unwrap();
    let args: Vec<&str> = args.lines().collect();
    let at = |flag: &str| args[args.iter().position(|a| *a == flag).unwrap() + 1];
    assert_eq!(at("-d"), "Office_HP");
    assert_eq!(at("-n"), "2");
    assert_eq!(at("-P"), "1-2");
    assert_eq!(at("-o"), "sides=two-sided-long-edge");
    assert!(std::fs::read(args.last().unwrap())
        .unwrap()
        .starts_with(b"%PDF"));
    assert!(h.query_by_label("页码范围").is_none(), "the dialog closed");
    h.get_by_label_contains("已发送到打印机 Office_HP");
    // no print system: said, with 导出 PDF… offered
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    std::env::set_var("PATH", &empty);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::P);
    h.run();
    h.get_by_label_contains("没有可用的打印系统");
    h.get_by_role_and_label(Role::Button, "导出 PDF…");
}
