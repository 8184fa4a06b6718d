//! The command line as scripts use it: exit codes, Chinese messages, files written.

mod common;

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

fn jixiao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn check_sample_exits_zero() {
    let out = jixiao(&["check", common::sample_path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("0 个错误"),
        "{}",
        text(&out.stdout)
    );
    assert!(text(&out.stdout).contains("95 个指标"));
}

#[test]
fn check_form_with_errors_exits_one_and_lists_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("f.ron");
    let mut form = common::sample();
    form.set_field("project_name", "");
    form.grids[0].goals[0].groups[0].indicators[0].target = ">=9O%".into();
    jixiao::core::store::save(&path, &form).unwrap();
    let out = jixiao(&["check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("错误：[项目名称] 项目名称不能为空"), "{err}");
    assert!(err.contains("投入与管理 / 投入管理 / 预算执行率"), "{err}");
}

#[test]
fn check_unreadable_file_exits_two_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.ron");
    fs::write(&path, "Form(format_version: 1, year: ").unwrap();
    let out = jixiao(&["check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("意外结束"),
        "{}",
        text(&out.stderr)
    );
    let out = jixiao(&["check", "/no/such/file.ron"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("不存在"));
}

#[test]
fn unknown_command_shows_usage() {
    let out = jixiao(&["frobnicate", "x"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("用法"));
    let out = jixiao(&["help"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).contains("export-pdf"));
}

#[test]
fn rollover_writes_new_file_and_never_touches_last_year() {
    let dir = tempfile::tempdir().unwrap();
    let last = dir.path().join("2020.ron");
    fs::copy(common::sample_path(), &last).unwrap();
    let before = (
        fs::read(&last).unwrap(),
        fs::metadata(&last).unwrap().modified().unwrap(),
    );

    let out = jixiao(&["rollover", last.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let new = dir
        .path()
        .join("2021-上海市青少年服务和权益保护工作经费.ron");
    let form = jixiao::core::store::load(&new).unwrap();
    assert_eq!(form.year, 2021);
    let stdout = text(&out.stdout);
    assert!(stdout.contains("同名项目上年预算执行数"), "{stdout}");
    assert!(stdout.contains("2020"), "{stdout}");
    assert_eq!(
        (
            fs::read(&last).unwrap(),
            fs::metadata(&last).unwrap().modified().unwrap()
        ),
        before
    );

    // running it again refuses to overwrite the new file
    let new_before = fs::read(&new).unwrap();
    let out = jixiao(&["rollover", last.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("不会覆盖"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(fs::read(&new).unwrap(), new_before);

    // and refuses to write over last year's file
    let out = jixiao(&[
        "rollover",
        last.to_str().unwrap(),
        "-o",
        last.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("不能是输入文件本身"));
    assert_eq!(fs::read(&last).unwrap(), before.0);
}

#[test]
fn export_pdf_writes_a_pdf_beside_the_form() {
    let dir = tempfile::tempdir().unwrap();
    let form = dir.path().join("form.ron");
    fs::copy(common::sample_path(), &form).unwrap();
    let out = jixiao(&["export-pdf", form.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let pdf = dir
        .path()
        .join("2020-上海市青少年服务和权益保护工作经费.pdf");
    assert!(fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
    let explicit = dir.path().join("out.pdf");
    let out = jixiao(&[
        "export-pdf",
        form.to_str().unwrap(),
        "-o",
        explicit.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert!(Path::new(&explicit).exists());
}

#[test]
fn import_text_writes_a_form_and_lists_what_to_check() {
    let dir = tempfile::tempdir().unwrap();
    let txt = dir.path().join("上年表单.txt");
    // as a Chinese Windows editor saves it: GBK
    let seed = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/2020-shanghai-youth-services.txt"),
    )
    .unwrap();
    let (gbk, _, _) = encoding_rs::GBK.encode(&seed);
    fs::write(&txt, &gbk).unwrap();
    let out_path = dir.path().join("导入.ron");
    let out = jixiao(&[
        "import-text",
        txt.to_str().unwrap(),
        "-o",
        out_path.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("95 个指标") && stdout.contains("GBK"),
        "{stdout}"
    );
    assert!(stdout.contains("第 73 行"), "{stdout}");
    let mut imported = jixiao::core::store::load(&out_path).unwrap();
    // the review list travels in the file, for the window to show when it is opened
    assert!(imported
        .review
        .items
        .iter()
        .any(|i| i.place.contains("第 73 行")));
    imported.review = Default::default();
    assert_eq!(imported, common::sample());
    // never overwrites
    let out = jixiao(&[
        "import-text",
        txt.to_str().unwrap(),
        "-o",
        out_path.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
}

/// `import --all` of a table holding a unit's projects: each project its own new form in
/// the folder, with its own name, amount and indicators; a second run never overwrites.
#[test]
fn import_all_writes_each_project_of_a_table_as_its_own_form() {
    let dir = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/real/2023-四川井研马踏镇-部门预算项目绩效目标.docx");
    let folder = dir.path().join("各项目");
    let out = jixiao(&[
        "import",
        src.to_str().unwrap(),
        "--all",
        "-o",
        folder.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("2 个项目"),
        "{}",
        text(&out.stdout)
    );
    let mut forms: Vec<jixiao::core::model::Form> = fs::read_dir(&folder)
        .unwrap()
        .map(|e| jixiao::core::store::load(&e.unwrap().path()).unwrap())
        .collect();
    forms.sort_by_key(|f| std::cmp::Reverse(f.indicator_count()));
    let facts: Vec<(String, usize, String)> = forms
        .iter()
        .map(|f| {
            (
                f.fields["project_name"].clone(),
                f.indicator_count(),
                f.money["annual_total"].to_plain(),
            )
        })
        .collect();
    assert_eq!(
        facts,
        [
            ("村组干部报酬".to_string(), 8, "3309840".to_string()),
            ("基层组织活动经费".to_string(), 4, "660000".to_string()),
        ]
    );
    // the unit's name, merged down over both projects, is each one's
    assert!(forms
        .iter()
        .all(|f| f.fields["implementer"].contains("井研县马踏镇人民政府")));
    let again = jixiao(&[
        "import",
        src.to_str().unwrap(),
        "--all",
        "-o",
        folder.to_str().unwrap(),
    ]);
    assert_eq!(again.status.code(), Some(0));
    assert_eq!(
        fs::read_dir(&folder).unwrap().count(),
        4,
        "new names, nothing overwritten"
    );
}
