//! `jixiao print` against stand-ins for CUPS's lpstat and lp on PATH: the printer chosen,
//! copies, pages and both sides reach lp with the form's PDF; no print system, a stopped
//! one and an unknown printer each give a clear message and exit 1.
#![cfg(unix)]

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;

fn script(dir: &Path, name: &str, body: &str) {
    let path = dir.join(name);
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

fn sample(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("表单.ron");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("assets/samples/2026-某县农村义务教育学生营养改善计划.ron"),
        &path,
    )
    .unwrap();
    path
}

fn run(bin_dir: &Path, args: &[&str], log: &Path) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .env("PATH", bin_dir)
        .env("LOG", log)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_form_goes_to_the_printer_chosen_with_copies_pages_and_sides() {
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    script(
        &bin,
        "lpstat",
        r#"case "$1" in -e) printf 'pdf\nOffice_HP\n';; -d) echo 'system default destination: Office_HP';; esac"#,
    );
    script(
        &bin,
        "lp",
        r#"for a in "$@"; do printf '%s\n' "$a" >> "$LOG"; done; echo 'request id is pdf-7 (1 file(s))'"#,
    );
    let form = sample(dir.path());
    let log = dir.path().join("lp.log");
    let (code, out, err) = run(
        &bin,
        &[
            "print",
            form.to_str().unwrap(),
            "--printer",
            "pdf",
            "--copies",
            "2",
            "--pages",
            "1-2",
            "--duplex",
        ],
        &log,
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("已发送到pdf") && out.contains("× 2 份，双面"),
        "{out}"
    );
    assert!(out.contains("pdf-7"));
    let args: Vec<String> = std::fs::read_to_string(&log)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    let at = |flag: &str| {
        let i = args
            .iter()
            .position(|a| a == flag)
            .unwrap_or_else(|| panic!("{flag}: {args:?}"));
        args[i + 1].clone()
    };
    assert_eq!(at("-d"), "pdf");
    assert_eq!(at("-n"), "2");
    assert_eq!(at("-P"), "1-2");
    assert_eq!(at("-o"), "sides=two-sided-long-edge");
    let pdf = args.last().unwrap();
    assert!(pdf.ends_with(".pdf"));
    let bytes = std::fs::read(pdf).unwrap();
    assert!(
        bytes.starts_with(b"%PDF"),
        "the form's PDF is what is printed"
    );
    // the default printer when none is named
    std::fs::remove_file(&log).unwrap();
    let (code, out, _) = run(&bin, &["print", form.to_str().unwrap()], &log);
    assert_eq!(code, 0);
    assert!(out.contains("已发送到默认打印机"));
    assert!(!std::fs::read_to_string(&log).unwrap().contains("-d\n"));
    // a printer this computer lacks, a bad page range: said, nothing sent
    std::fs::remove_file(&log).unwrap();
    let (code, _, err) = run(
        &bin,
        &["print", form.to_str().unwrap(), "--printer", "Nope"],
        &log,
    );
    assert_eq!(code, 1);
    assert!(
        err.contains("没有名为“Nope”的打印机") && err.contains("Office_HP"),
        "{err}"
    );
    let (code, _, err) = run(
        &bin,
        &["print", form.to_str().unwrap(), "--pages", "3-"],
        &log,
    );
    assert_eq!(code, 1);
    assert!(err.contains("页码范围“3-”看不懂"), "{err}");
    assert!(!log.exists(), "nothing was sent");
}

#[test]
fn no_print_system_or_a_stopped_one_is_said_plainly() {
    let dir = tempfile::tempdir().unwrap();
    let form = sample(dir.path());
    let log = dir.path().join("lp.log");
    // no lp, no lpstat at all
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let (code, _, err) = run(&empty, &["print", form.to_str().unwrap()], &log);
    assert_eq!(code, 1);
    assert!(
        err.contains("没有可用的打印系统") && err.contains("导出 PDF"),
        "{err}"
    );
    // CUPS installed but not running
    let bin = dir.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    script(
        &bin,
        "lpstat",
        "echo 'lpstat: Scheduler is not running.' >&2; exit 1",
    );
    script(
        &bin,
        "lp",
        "echo 'lp: Scheduler is not running.' >&2; exit 1",
    );
    let (code, _, err) = run(&bin, &["print", form.to_str().unwrap()], &log);
    assert_eq!(code, 1);
    assert!(err.contains("打印服务没有运行"), "{err}");
    let (code, _, err) = run(
        &bin,
        &["print", form.to_str().unwrap(), "--printer", "x"],
        &log,
    );
    assert_eq!(code, 1);
    assert!(err.contains("打印服务没有运行"), "{err}");
}
