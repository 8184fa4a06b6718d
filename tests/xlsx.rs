//! The indicator grid through Excel and back.

mod common;

use jixiao::core::grid_xlsx;

#[test]
fn sample_grid_round_trips_through_xlsx() {
    let form = common::sample();
    let bytes = grid_xlsx::export(&form).unwrap();
    assert!(bytes.starts_with(b"PK"), "an xlsx is a zip");
    let grid = grid_xlsx::import(&bytes).unwrap();
    assert_eq!(grid.goals, form.goals);
    assert!(grid.review.is_empty(), "{:?}", grid.review);
}

#[test]
fn unusual_names_and_empty_groups_round_trip() {
    let mut form = common::unusual_form(5, 10);
    // a goal or group that has no name cannot be told apart from "same as above"
    form.goals.retain(|g| !g.name.is_empty());
    for g in &mut form.goals {
        g.groups.retain(|gr| !gr.name.is_empty());
    }
    let grid = grid_xlsx::import(&grid_xlsx::export(&form).unwrap()).unwrap();
    assert_eq!(grid.goals, form.goals);
}

/// A workbook made by hand, part by part, as an attacker would.
fn crafted(sheet_xml: &[u8], shared_strings: &str) -> Vec<u8> {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let parts: [(&str, &[u8]); 5] = [
        ("[Content_Types].xml", br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#),
        ("_rels/.rels", br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#),
        ("xl/workbook.xml", br#"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"#),
        ("xl/_rels/workbook.xml.rels", br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#),
        ("xl/sharedStrings.xml", shared_strings.as_bytes()),
    ];
    for (name, data) in parts {
        zip.start_file(name, opts).unwrap();
        zip.write_all(data).unwrap();
    }
    zip.start_file("xl/worksheets/sheet1.xml", opts).unwrap();
    zip.write_all(sheet_xml).unwrap();
    zip.finish().unwrap().into_inner()
}

const SST: &str = r#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>一级目标</t></si></sst>"#;

fn sheet(cells: &str) -> Vec<u8> {
    format!(r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{cells}</sheetData></worksheet>"#).into_bytes()
}

#[test]
fn a_crafted_workbook_is_refused_before_any_large_allocation() {
    // a shared-string table claiming billions of entries (a reader reserves room)
    let huge_sst = SST.replace("uniqueCount=\"1\"", "uniqueCount=\"4000000000\"");
    let bytes = crafted(
        &sheet(r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#),
        &huge_sst,
    );
    assert!(bytes.len() < 10_000);
    let err = grid_xlsx::import(&bytes).unwrap_err().to_string();
    assert!(err.contains("共享文本"), "{err}");

    // one cell at the far corner of the sheet (a reader lays out the whole rectangle)
    let corner = sheet(
        r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row>"#,
    );
    let err = grid_xlsx::import(&crafted(&corner, SST))
        .unwrap_err()
        .to_string();
    assert!(err.contains("XFD1048576") && err.contains("超出"), "{err}");

    // a small zip that unzips to millions of cells
    let mut many = String::from(r#"<row r="1">"#);
    for _ in 0..600_000 {
        many.push_str("<c/>");
    }
    many.push_str("</row>");
    let bytes = crafted(&sheet(&many), SST);
    assert!(bytes.len() < 100_000, "{}", bytes.len());
    let err = grid_xlsx::import(&bytes).unwrap_err().to_string();
    assert!(err.contains("单元格") && err.contains("超过上限"), "{err}");

    // a part that unzips to more than the whole budget
    let padding = vec![b' '; 120 * 1024 * 1024];
    let mut padded = sheet("");
    padded.splice(10..10, padding);
    let bytes = crafted(&padded, SST);
    assert!(bytes.len() < 1_000_000, "{}", bytes.len());
    let err = grid_xlsx::import(&bytes).unwrap_err().to_string();
    assert!(err.contains("解压后超过"), "{err}");
}

#[test]
fn encrypted_damaged_and_foreign_workbooks_get_clear_messages() {
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.resize(4096, 0);
    let err = grid_xlsx::import(&ole).unwrap_err().to_string();
    assert!(err.contains("密码"), "{err}");
    let good = grid_xlsx::export(&common::sample()).unwrap();
    for cut in [10, good.len() / 2, good.len() - 10] {
        let err = grid_xlsx::import(&good[..cut]).unwrap_err().to_string();
        assert!(!err.is_empty() && !err.contains("Error"), "{err}");
    }
    let err = grid_xlsx::import(&crafted(b"<worksheet><sheetData><row", SST))
        .unwrap_err()
        .to_string();
    assert!(err.contains("损坏") || err.contains("没有找到"), "{err}");
}

#[cfg(unix)]
#[test]
fn a_fifo_or_folder_is_not_read_as_a_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("grid.xlsx");
    assert!(std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let err = grid_xlsx::read_file(&fifo).unwrap_err().to_string();
    assert!(err.contains("不是普通文件"), "{err}");
    let err = grid_xlsx::read_file(dir.path()).unwrap_err().to_string();
    assert!(err.contains("文件夹"), "{err}");
}
