//! The save file as users meet it: what is saved opens again the same, and bad files are
//! refused with a clear message without being touched.

mod common;

use std::fs;
use std::path::Path;

use jixiao::core::store::{self, backup_path, LoadError, ParseError};
use jixiao::core::validate::{has_errors, validate};

fn fingerprint(path: &Path) -> (Vec<u8>, std::time::SystemTime) {
    (
        fs::read(path).unwrap(),
        fs::metadata(path).unwrap().modified().unwrap(),
    )
}

#[test]
fn sample_opens_complete_and_validates_without_errors() {
    let form = common::sample();
    assert_eq!(form.year, 2020);
    assert_eq!(
        form.field("project_name"),
        "上海市青少年服务和权益保护工作经费"
    );
    assert_eq!(form.money("prior_year_budget").to_grouped(), "6,224,000");
    assert_eq!(form.grids[0].goals.len(), 4);
    assert_eq!(form.indicator_count(), 95);
    let groups: usize = form.grids[0].goals.iter().map(|g| g.groups.len()).sum();
    assert_eq!(groups, 15);
    assert!(!form.section("necessity").contains("<p>"));
    assert!(
        form.section("necessity")
            .contains("把法制教育纳入国民教育体系"),
        "page break joined"
    );
    assert!(
        form.section("goals")
            .contains("加强应急安全青年志愿者队伍建设"),
        "page break joined"
    );
    let problems = validate(&form, &jixiao::core::template::for_form(&form));
    assert!(!has_errors(&problems), "{problems:#?}");
}

#[test]
fn sample_file_is_exactly_what_the_program_writes() {
    // so that opening and saving the sample produces no diff
    let text = fs::read_to_string(common::sample_path()).unwrap();
    assert_eq!(store::to_ron_string(&common::sample()), text);
}

#[test]
fn saved_forms_open_again_equal() {
    let dir = tempfile::tempdir().unwrap();
    for (name, form) in [
        ("sample.ron", common::sample()),
        ("unusual.ron", common::unusual_form(50, 10_000)),
        (
            "empty.ron",
            jixiao::core::model::Form::new(jixiao::core::template::shanghai_2020(), 2026),
        ),
    ] {
        let path = dir.path().join(name);
        store::save(&path, &form).unwrap();
        assert_eq!(store::load(&path).unwrap(), form, "{name}");
    }
}

#[test]
fn save_keeps_previous_version_as_bak() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("表单.ron");
    let mut form = common::sample();
    store::save(&path, &form).unwrap();
    let first = fs::read(&path).unwrap();
    form.set_field("project_name", "改过的名称");
    store::save(&path, &form).unwrap();
    assert_eq!(fs::read(backup_path(&path)).unwrap(), first);
    assert_eq!(
        store::load(&path).unwrap().field("project_name"),
        "改过的名称"
    );
    let leftovers: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(leftovers.len(), 2, "no temporary file left: {leftovers:?}");
}

#[test]
fn failed_save_leaves_old_file_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("form.ron");
    store::save(&path, &common::sample()).unwrap();
    let changed = common::unusual_form(3, 100);

    // 1. Temporary files have unique names: what sits at a fixed name (the old
    // `.NAME.saving`, another program's file) neither blocks a save nor is touched.
    // (A temporary that cannot be written — full disk — is tested in nothing_lost.rs.)
    let blocker = dir.path().join(".form.ron.saving");
    fs::create_dir(&blocker).unwrap();
    fs::write(blocker.join("x"), "x").unwrap();
    store::save(&path, &common::sample()).unwrap();
    assert_eq!(fs::read_to_string(blocker.join("x")).unwrap(), "x");
    fs::remove_dir_all(&blocker).unwrap();
    let before = fingerprint(&path);

    // 2. The backup cannot be written.
    fs::remove_file(backup_path(&path)).unwrap();
    fs::create_dir(backup_path(&path)).unwrap();
    let err = store::save(&path, &changed).unwrap_err();
    assert!(err.to_string().contains("原文件未被改动"), "{err}");
    assert_eq!(fingerprint(&path), before);
    fs::remove_dir(backup_path(&path)).unwrap();

    // 3. The file is read-only.
    let mut perms = fs::metadata(&path).unwrap().permissions();
    perms.set_readonly(true);
    fs::set_permissions(&path, perms.clone()).unwrap();
    let err = store::save(&path, &changed).unwrap_err();
    assert!(err.to_string().contains("只读"), "{err}");
    assert_eq!(fingerprint(&path), before);
    #[allow(clippy::permissions_set_readonly_false)]
    perms.set_readonly(false);
    fs::set_permissions(&path, perms).unwrap();
}

#[cfg(unix)]
#[test]
fn save_into_read_only_folder_fails_cleanly() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("form.ron");
    store::save(&path, &common::sample()).unwrap();
    let before = fingerprint(&path);
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o555)).unwrap();
    let probe = dir.path().join("probe");
    let privileged = fs::write(&probe, "x").is_ok(); // root ignores folder permissions
    let _ = fs::remove_file(&probe);
    let result = store::save(&path, &common::unusual_form(3, 100));
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    if !privileged {
        let err = result.unwrap_err();
        assert!(err.to_string().contains("没有权限"), "{err}");
        assert_eq!(fingerprint(&path), before);
    }
}

/// Writes `bytes`, tries to open it, and checks the message and that nothing changed.
fn refused(bytes: &[u8]) -> LoadError {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.ron");
    fs::write(&path, bytes).unwrap();
    let before = fingerprint(&path);
    let err = store::load(&path).unwrap_err();
    assert_eq!(fingerprint(&path), before, "the file is not touched");
    let message = err.to_string();
    assert!(message.contains("bad.ron"), "names the file: {message}");
    assert!(
        message
            .chars()
            .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
        "{message}"
    );
    err
}

#[test]
fn truncated_file_is_refused_with_line() {
    let text = store::to_ron_string(&common::sample());
    let cut = &text.as_bytes()[..text.len() * 2 / 3];
    // cutting may split a UTF-8 char: either way it is refused with a position
    match refused(cut) {
        LoadError::Parse {
            error: ParseError::Syntax { line, .. },
            ..
        } => assert!(line > 10),
        LoadError::Parse {
            error: ParseError::NotText { line },
            ..
        } => assert!(line > 10),
        other => panic!("{other}"),
    }
}

#[test]
fn broken_file_says_line_and_column() {
    let text =
        store::to_ron_string(&common::sample()).replacen("Indicator(", "Indicator(name \"x\", ", 1);
    let err = refused(text.as_bytes());
    assert!(
        err.to_string().contains("行") && err.to_string().contains("列"),
        "{err}"
    );
}

#[test]
fn non_utf8_file_is_refused() {
    // a form saved in GBK, as an old Windows editor might save it
    let gbk = gbk_form();
    assert!(matches!(
        refused(&gbk),
        LoadError::Parse {
            error: ParseError::NotText { .. },
            ..
        }
    ));
}

/// A form whose unit name is 投入 in GBK bytes, which are not UTF-8.
fn gbk_form() -> Vec<u8> {
    let mut bytes = b"Form(\n    format_version: 1,\n    year: 2020,\n    unit_name: \"".to_vec();
    bytes.extend_from_slice(&[0xCD, 0xB6, 0xC8, 0xEB]);
    bytes.extend_from_slice(b"\",\n)\n");
    bytes
}

#[test]
fn foreign_files_are_refused() {
    for bytes in [
        &b"{\"format_version\": 1}"[..],
        b"\x89PNG\r\n\x1a\n\0\0\0",
        b"PK\x03\x04 a docx file",
        b"",
    ] {
        let err = refused(bytes);
        assert!(
            matches!(
                err,
                LoadError::Parse {
                    error: ParseError::Foreign(_) | ParseError::NotText { .. } | ParseError::Empty,
                    ..
                }
            ),
            "{err}"
        );
    }
}

#[test]
fn huge_file_is_refused_quickly() {
    let mut bytes = b"Form(format_version: 1, year: 2020, unit_name: \"".to_vec();
    bytes.resize(50 * 1024 * 1024, b'a');
    let err = refused(&bytes);
    assert!(matches!(err, LoadError::TooLarge { .. }), "{err}");
    assert!(err.to_string().contains("50 MB"), "{err}");
}

#[test]
fn newer_version_is_refused() {
    let text =
        store::to_ron_string(&common::sample()).replace("format_version: 2,", "format_version: 7,");
    let err = refused(text.as_bytes());
    assert!(err.to_string().contains("更新版本"), "{err}");
}

#[test]
fn missing_file_and_folder_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let err = store::load(&dir.path().join("nope.ron")).unwrap_err();
    assert!(err.to_string().contains("不存在"), "{err}");
    let err = store::load(dir.path()).unwrap_err();
    assert!(err.to_string().contains("文件夹"), "{err}");
}

#[test]
fn the_review_list_is_kept_in_the_file_until_closed() {
    use jixiao::core::review::{Review, ReviewItem};
    use jixiao::core::validate::Location;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("2021.ron");
    let last = common::sample();
    let next =
        jixiao::core::rollover::rollover(&last, jixiao::core::template::shanghai_2020()).unwrap();
    let mut form = next.form;
    let mut items = next.review;
    items[0].done = true;
    items.push(ReviewItem::new(
        Location::Grid(0),
        "导入",
        "含\"引号\"与\n换行",
    ));
    form.review = Review::new("从 2020 年表单新建 2021 年表单，请复核以下各处", items);
    store::save(&path, &form).unwrap();
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains("    review: Review(\n"), "{text}");
    assert!(text.contains("at: \"money.prior_year_executed\""), "{text}");
    assert!(text.contains("done: true"));
    let again = store::load(&path).unwrap();
    assert_eq!(again.review, form.review);
    assert_eq!(again, form);
    // a form without a review list writes none (older files stay byte-identical)
    let plain = store::to_ron_string(&common::sample());
    assert!(!plain.contains("review"));
}
