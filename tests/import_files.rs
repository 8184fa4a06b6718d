//! Importing last year's form from the files clerks have: this program's own PDF (the
//! round trip of every sample), Word, Excel and text.

use std::sync::Arc;

use jixiao::core::import::{self, ImportError};
use jixiao::core::model::Form;
use jixiao::core::template::Template;

fn samples() -> Vec<(String, Form)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples");
    let mut out: Vec<(String, Form)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                jixiao::core::store::load(&p).unwrap(),
            )
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn templates() -> Vec<Arc<Template>> {
    jixiao::core::template::Templates::built_in().list
}

/// What differs between two forms, as the diff shows it to the clerk.
fn differences(expected: &Form, got: &Form) -> Vec<String> {
    let template = jixiao::core::template::for_form(expected);
    let mut d: Vec<String> = jixiao::core::diff::differences(expected, got, &template)
        .into_iter()
        .map(|c| format!("{c:?}"))
        .collect();
    if expected.year != got.year {
        d.push(format!("年度 {} ≠ {}", expected.year, got.year));
    }
    if expected.template != got.template {
        d.push(format!("表样 {} ≠ {}", expected.template, got.template));
    }
    d
}

/// The form as its text reads, with one thing a printed page cannot tell: whether a
/// space stood between a number or letter and a Chinese character where the line
/// wrapped ("600 人次" / "600人次" print the same when the line breaks there).
fn readable(form: &Form) -> String {
    let mut f = form.clone();
    f.review = Default::default();
    let text = jixiao::core::store::to_ron_string(&f);
    let chars: Vec<char> = text.chars().collect();
    let cjk = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
    chars
        .iter()
        .enumerate()
        .filter(|&(i, &c)| {
            !(c == ' '
                && i > 0
                && i + 1 < chars.len()
                && (cjk(chars[i - 1]) || cjk(chars[i + 1]))
                && chars[i - 1] != ' '
                && chars[i + 1] != ' ')
        })
        .map(|(_, c)| *c)
        .collect()
}

fn same_form(expected: &Form, got: &Form) -> bool {
    readable(expected) == readable(got)
}

#[test]
fn every_samples_pdf_imports_back_as_the_same_form() {
    for (name, form) in samples() {
        let pdf = jixiao::pdf::export(&form).unwrap().bytes;
        let imported = import::import_bytes(&pdf, &templates(), None).unwrap();
        assert_eq!(
            imported.template.id, form.template,
            "{name}: template recognised"
        );
        let d = differences(&form, &imported.form);
        assert!(
            same_form(&form, &imported.form),
            "{name}: {} differences:\n{}",
            d.len(),
            d.join("\n")
        );
    }
}

#[test]
fn bad_files_get_a_clear_message() {
    let t = templates();
    for (bytes, expect) in [
        (&b"%PDF-1.4\n garbage"[..], "PDF"),
        (&b"PK\x03\x04 broken zip word/document.xml"[..], "Word"),
        (
            &[0u8, 159, 146, 150, 0, 1, 2, 3, 0, 0][..],
            "不是能导入的文件",
        ),
    ] {
        let e = import::import_bytes(bytes, &t, None).unwrap_err();
        assert!(e.to_string().contains(expect), "{e}");
    }
    assert!(matches!(
        import::import_bytes(b"", &t, None).unwrap_err(),
        ImportError::Form(_)
    ));
}
