//! The whole form out as Word and Excel: every sample in every template comes back as
//! the same form; the tables alone (the carried form taken out) hold every fact and
//! indicator; a file edited after export is read by its tables; amounts are numbers.

use std::io::{Read, Write};
use std::sync::Arc;

use jixiao::core::exchange::{form_docx, form_xlsx};
use jixiao::core::import;
use jixiao::core::model::Form;
use jixiao::core::template::Template;

fn templates() -> Vec<Arc<Template>> {
    jixiao::core::template::Templates::built_in().list
}

/// Every sample, as made and as converted to each built-in template.
fn forms() -> Vec<(String, Form, Arc<Template>)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples");
    let mut out = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    for p in paths {
        let form = jixiao::core::store::load(&p).unwrap();
        let from = jixiao::core::template::for_form(&form);
        for to in templates() {
            let converted = if to.id == form.template {
                form.clone()
            } else {
                jixiao::core::editing::convert::change_template(&form, &from, &to).form
            };
            let name = format!("{} → {}", p.file_name().unwrap().to_string_lossy(), to.id);
            out.push((name, converted, to));
        }
    }
    out
}

/// The zip `bytes` without the entries `drop` names (the carried form taken out).
fn without(bytes: &[u8], drop: &dyn Fn(&str) -> bool) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).unwrap();
        let name = part.name().unwrap().to_string();
        if drop(&name) {
            continue;
        }
        let mut data = Vec::new();
        part.read_to_end(&mut data).unwrap();
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// The workbook's last worksheet part ("xl/worksheets/sheet3.xml").
fn last_sheet(bytes: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut names: Vec<(u32, String)> = (0..zip.len())
        .filter_map(|i| {
            let name = zip.by_index(i).unwrap().name().unwrap().to_string();
            let n = name
                .strip_prefix("xl/worksheets/sheet")?
                .strip_suffix(".xml")?
                .parse()
                .ok()?;
            Some((n, name))
        })
        .collect();
    names.sort();
    names.pop().unwrap().1
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// What of `form` the import `got` lacks of what `template` prints: facts, amounts and
/// indicators (place, name, value).
fn lacks(form: &Form, got: &Form, template: &Template) -> Vec<String> {
    let mut out = Vec::new();
    for f in &template.fields {
        if squeeze(form.field(&f.id)) != squeeze(got.field(&f.id)) {
            out.push(format!("{}“{}”", f.label, form.field(&f.id)));
        }
    }
    for s in &template.sections {
        if squeeze(form.section(&s.id)) != squeeze(got.section(&s.id)) {
            out.push(s.label.clone());
        }
    }
    for r in template.money.iter().flat_map(|m| &m.rows) {
        if form.money(&r.id) != got.money(&r.id) {
            out.push(format!("金额 {}", r.label));
        }
    }
    for g in 0..template.grids.len() {
        for goal in form.goals(g) {
            for group in &goal.groups {
                for ind in &group.indicators {
                    let found = got.goals(g).iter().any(|gg| {
                        gg.name == goal.name
                            && gg.groups.iter().any(|gr| {
                                gr.name == group.name
                                    && gr.indicators.iter().any(|i| {
                                        squeeze(&i.name) == squeeze(&ind.name)
                                            && squeeze(&i.value_text())
                                                == squeeze(&ind.value_text())
                                    })
                            })
                    });
                    if !found {
                        out.push(format!("{}/{}/{}", goal.name, group.name, ind.name));
                    }
                }
            }
        }
    }
    out
}

#[test]
fn every_sample_in_every_template_comes_back_from_word_and_excel() {
    let all = templates();
    let mut failures = Vec::new();
    let mut tables_whole = [0, 0];
    let forms = forms();
    for (name, form, template) in &forms {
        let docx = form_docx::export(form, template).unwrap();
        let xlsx = form_xlsx::export(form, template).unwrap();
        let parts = form_xlsx::export_as(form, template, form_xlsx::Sheets::PerPart).unwrap();
        for (k, bytes) in [&docx, &xlsx, &parts].into_iter().enumerate() {
            let back = import::import_bytes(bytes, &all, None).unwrap();
            let mut got = back.form.clone();
            got.review = form.review.clone();
            if got != *form {
                failures.push(format!("{name} ({k}): not the same form"));
            }
        }
        // the tables alone: the carried form taken out
        let docx_tables = without(&docx, &|n| n == form_docx::FORM_PART);
        let back = import::import_bytes(&docx_tables, &all, Some(&template.id)).unwrap();
        match lacks(form, &back.form, template).as_slice() {
            [] => tables_whole[0] += 1,
            l => failures.push(format!("{name} Word tables: {}", l.join("；"))),
        }
        for (what, book) in [("Excel", &xlsx), ("Excel 分表", &parts)] {
            // the carried form's sheet is the last one written
            let last = last_sheet(book);
            let tables = without(book, &|n| n == last);
            match import::import_bytes(&tables, &all, Some(&template.id)) {
                Ok(back) => match lacks(form, &back.form, template).as_slice() {
                    [] if what == "Excel" => tables_whole[1] += 1,
                    [] => {}
                    l => failures.push(format!("{name} {what} tables: {}", l.join("；"))),
                },
                Err(e) => failures.push(format!("{name} {what} tables: {e}")),
            }
        }
    }
    println!(
        "tables alone complete: Word {} / {n}, Excel {} / {n}",
        tables_whole[0],
        tables_whole[1],
        n = forms.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A Word file changed after export (an indicator renamed in its table) is read by its
/// tables, and the clerk is told.
#[test]
fn a_file_edited_after_export_is_read_by_its_tables() {
    let (_, form, template) = forms().into_iter().next().unwrap();
    let name = form.grids[0].goals[0].groups[0].indicators[0].name.clone();
    let docx = form_docx::export(&form, &template).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&docx[..])).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    let edited_xml = xml.replacen(&name, "改过的指标名称", 1);
    let edited = {
        let rest = without(&docx, &|n| n == "word/document.xml");
        let mut zip = zip::ZipWriter::new_append(std::io::Cursor::new(rest)).unwrap();
        zip.start_file(
            "word/document.xml",
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
        zip.write_all(edited_xml.as_bytes()).unwrap();
        zip.finish().unwrap().into_inner()
    };
    let back = import::import_bytes(&edited, &templates(), None).unwrap();
    let names: Vec<&str> = back.form.grids[0]
        .goals
        .iter()
        .flat_map(|g| &g.groups)
        .flat_map(|g| &g.indicators)
        .map(|i| i.name.as_str())
        .collect();
    assert!(names.contains(&"改过的指标名称"), "{names:?}");
    assert!(
        back.notes.iter().any(|n| n.contains("改动")),
        "{:?}",
        back.notes
    );
}

/// Amounts are numbers in the template's unit (so a sum in Excel works): the parts of a
/// total add up to it in the cells.
#[test]
fn excel_amounts_are_numbers_that_add_up() {
    use calamine::{Data, Reader};
    for (name, form, template) in forms() {
        let Some(block) = &template.money else {
            continue;
        };
        let xlsx = form_xlsx::export(&form, &template).unwrap();
        let mut book: calamine::Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(xlsx)).unwrap();
        let range = book.worksheet_range("绩效目标表").unwrap();
        let numbers: Vec<f64> = range
            .cells()
            .filter_map(|(_, _, c)| match c {
                Data::Float(f) => Some(*f),
                Data::Int(i) => Some(*i as f64),
                _ => None,
            })
            .collect();
        let mut total = 0.0;
        for row in &block.rows {
            let shown = jixiao::core::money_unit::format_in(form.money(&row.id), block.unit);
            if let Ok(v) = shown.parse::<f64>() {
                total += v;
                assert!(
                    numbers.iter().any(|n| (n - v).abs() < 1e-9),
                    "{name}: {} {shown} is a number cell",
                    row.label
                );
            }
        }
        // only the amounts are numbers: a sum over them is the sum of the amounts
        let sum: f64 = numbers.iter().sum();
        assert!((sum - total).abs() < 1e-6, "{name}: sum {sum} ≠ {total}");
    }
}

/// A carried form that is not one — text that does not parse, a part far over a form's
/// size — is passed over: the file is read by its tables, quickly.
#[test]
fn a_hostile_carried_form_is_passed_over() {
    let (_, form, template) = forms().into_iter().next().unwrap();
    let docx = form_docx::export(&form, &template).unwrap();
    for carried in [
        b"Form(this is not a form".to_vec(),
        vec![b'A'; 40 * 1024 * 1024],
    ] {
        let rest = without(&docx, &|n| n == form_docx::FORM_PART);
        let mut zip = zip::ZipWriter::new_append(std::io::Cursor::new(rest)).unwrap();
        zip.start_file(
            form_docx::FORM_PART,
            zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated),
        )
        .unwrap();
        zip.write_all(&carried).unwrap();
        let bytes = zip.finish().unwrap().into_inner();
        let started = std::time::Instant::now();
        let back = import::import_bytes(&bytes, &templates(), None).unwrap();
        assert!(started.elapsed() < std::time::Duration::from_secs(20));
        assert!(lacks(&form, &back.form, &template).is_empty());
        assert!(!back.notes.iter().any(|n| n.contains("原样读取")));
    }
}
