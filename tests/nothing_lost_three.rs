//! Nothing lost, round three: the program never writes what it cannot open again, long
//! names save in place, a lock that cannot be taken is said, fields this version does
//! not know are never written over, and messages say what was found.

mod common;

use std::fs;
use std::io::Write;
use std::path::Path;

use jixiao::core::document::{Document, Opened};
use jixiao::core::edit::Edit;
use jixiao::core::store::{self, SaveError};

fn open(path: &Path) -> Document {
    match Document::open(path, false).unwrap() {
        Opened::Ready(doc) => *doc,
        Opened::HeldBy { .. } => panic!("held"),
    }
}

#[test]
fn a_form_too_large_to_open_again_is_never_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("大表.ron");
    fs::copy(common::sample_path(), &path).unwrap();
    let before = fs::read(&path).unwrap();
    let mut doc = open(&path);
    let huge = "很长的内容。".repeat((store::MAX_FILE_BYTES as usize) / 18 + 1000);
    doc.apply(Edit::SetSection("overview".into(), huge))
        .unwrap();
    let err = doc.save(false).unwrap_err().to_string();
    assert!(err.starts_with("无法保存：表单过大"), "{err}");
    assert_eq!(fs::read(&path).unwrap(), before, "the file is unchanged");
    // nor to a new file
    let other = dir.path().join("另存.ron");
    assert!(doc.save_as(&other).is_err());
    assert!(!other.exists());
}

/// A .docx whose one table row holds a label and a text of `chars` characters.
fn docx_with_long_section(chars: usize) -> Vec<u8> {
    let text = "项目概况内容".repeat(chars / 6);
    let xml = format!(
        r#"<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>财政项目支出绩效目标表</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>项目名称</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>某项目</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>项目概况</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>"#
    );
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    zip.start_file("[Content_Types].xml", opts).unwrap();
    zip.write_all(b"<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>").unwrap();
    zip.start_file("word/document.xml", opts).unwrap();
    zip.write_all(xml.as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}

#[test]
fn an_import_that_would_make_a_form_too_large_is_refused() {
    let bytes = docx_with_long_section(7_000_000); // ~21 MB of text, a small file
    assert!(bytes.len() < 2_000_000, "{}", bytes.len());
    let templates = jixiao::core::template::Templates::built_in();
    let err = jixiao::core::import::import_bytes(&bytes, &templates.list, None)
        .unwrap_err()
        .to_string();
    assert!(err.contains("超过表单文件上限"), "{err}");
    // just under the limit it imports and saves and opens again
    let bytes = docx_with_long_section(3_000_000);
    let imported = jixiao::core::import::import_bytes(&bytes, &templates.list, None).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("f.ron");
    store::save(&path, &imported.form).unwrap();
    assert_eq!(store::load(&path).unwrap(), imported.form);
}

#[test]
fn a_form_with_a_very_long_name_saves_in_place_again_and_again() {
    let dir = tempfile::tempdir().unwrap();
    let name = format!(
        "{}.ron",
        "某县农村义务教育学生营养改善计划"
            .repeat(5)
            .chars()
            .take(78)
            .collect::<String>()
    );
    assert!(name.len() > 230 && name.len() <= 255, "{}", name.len());
    let path = dir.path().join(&name);
    fs::copy(common::sample_path(), &path).unwrap();
    let mut doc = open(&path);
    for i in 0..3 {
        doc.apply(Edit::SetField("project_name".into(), format!("第{i}次")))
            .unwrap();
        doc.save(false).unwrap();
        assert_eq!(
            store::load(&path).unwrap().field("project_name"),
            format!("第{i}次")
        );
    }
    let left: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".saving"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn a_lock_that_cannot_be_taken_is_said() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("f.ron");
    fs::copy(common::sample_path(), &path).unwrap();
    fs::create_dir(jixiao::core::lock::lock_path(&path)).unwrap();
    let doc = open(&path);
    let reason = doc.lock_unavailable.clone();
    assert!(reason.is_some(), "the window is told");
    // a second window opens it too, and is told the same
    let second = open(&path);
    assert!(second.lock_unavailable.is_some());
}

#[test]
fn fields_this_version_does_not_know_are_never_written_over() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("新版.ron");
    let text = fs::read_to_string(common::sample_path()).unwrap().replacen(
        "    year: 2020,\n",
        "    year: 2020,\n    approved_by: \"王科长\",\n",
        1,
    );
    fs::write(&path, &text).unwrap();
    let mut doc = open(&path);
    doc.apply(Edit::SetField("project_name".into(), "改过".into()))
        .unwrap();
    let err = doc.save(false).unwrap_err();
    assert!(matches!(err, SaveError::UnknownFields { .. }), "{err}");
    assert!(err.to_string().contains("另存为"), "{err}");
    assert_eq!(fs::read_to_string(&path).unwrap(), text, "untouched");
    // 另存为 a new file: saved, and that file is this version's own
    let other = dir.path().join("另存.ron");
    doc.save_as(&other).unwrap();
    doc.apply(Edit::SetField("project_name".into(), "再改".into()))
        .unwrap();
    doc.save(false).unwrap();
    assert_eq!(store::load(&other).unwrap().field("project_name"), "再改");
    // import says what it leaves behind
    let templates = jixiao::core::template::Templates::built_in();
    let imported =
        jixiao::core::import::import_bytes(text.as_bytes(), &templates.list, None).unwrap();
    assert!(
        imported.notes.iter().any(|n| n.contains("approved_by")),
        "{:?}",
        imported.notes
    );
}

#[test]
fn the_last_day_of_year_9999_is_not_rolled_into_a_five_digit_year() {
    let mut form = common::sample();
    form.year = 2100;
    form.set_field("plan_start", "9999-12-31");
    let template = jixiao::core::template::for_form(&form);
    let next = jixiao::core::rollover::rollover(&form, &template).unwrap();
    assert_eq!(next.form.field("plan_start"), "9999-12-31");
    let mut odd = common::sample();
    odd.set_field("plan_start", "+10000-12-31");
    let problems = jixiao::core::validate::validate(&odd, &template);
    assert!(
        problems.iter().any(|p| p.message.contains("不是有效日期")),
        "{problems:?}"
    );
}

#[test]
fn messages_say_what_was_found() {
    let dir = tempfile::tempdir().unwrap();
    // a symbolic link that points at itself
    #[cfg(unix)]
    {
        let link = dir.path().join("loop.ron");
        std::os::unix::fs::symlink(&link, &link).unwrap();
        let err = store::open(&link).unwrap_err().to_string();
        assert!(err.contains("成环"), "{err}");
        assert!(!err.contains("代码 40"), "{err}");
    }
    // NAME.ron.bak is a folder: the save says what to do
    let path = dir.path().join("f.ron");
    fs::copy(common::sample_path(), &path).unwrap();
    fs::create_dir(dir.path().join("f.ron.bak")).unwrap();
    let mut doc = open(&path);
    doc.apply(Edit::SetField("project_name".into(), "改".into()))
        .unwrap();
    let err = doc.save(false).unwrap_err().to_string();
    assert!(
        err.contains("是一个文件夹") && err.contains("改名或移走"),
        "{err}"
    );
    // a million-character value: a short message
    let mut form = common::sample();
    form.set_field("plan_start", "9".repeat(1_000_000));
    let problems =
        jixiao::core::validate::validate(&form, &jixiao::core::template::for_form(&form));
    for p in &problems {
        assert!(
            p.to_string().chars().count() < 400,
            "{} chars",
            p.to_string().len()
        );
    }
    let templates = jixiao::core::template::Templates::built_in();
    // a text that mentions %PDF- is a text
    let text = "项目名称：某项目\n说明：导出的文件以 %PDF-1.7 开头\n";
    let imported =
        jixiao::core::import::import_bytes(text.as_bytes(), &templates.list, None).unwrap();
    assert_eq!(imported.kind, jixiao::core::import::detect::Kind::Text);
    // all-Chinese UTF-16 without a byte-order mark
    let text = "项目名称：某项目\n实施单位：某单位\n";
    let utf16: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let imported = jixiao::core::import::import_bytes(&utf16, &templates.list, None).unwrap();
    assert_eq!(imported.form.field("project_name"), "某项目");
    // a broken form file: says it is one, and what is wrong
    let err = jixiao::core::import::import_bytes(b"Form(\n year 2020,\n)", &templates.list, None)
        .unwrap_err()
        .to_string();
    assert!(err.contains("表单文件"), "{err}");
}
