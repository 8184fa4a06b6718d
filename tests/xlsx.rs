//! The indicator grid through Excel and back.

mod common;

use jixiao::core::grid_xlsx;
use jixiao::core::template::GridSpec;

/// The 上海市 2020 版 grid (four columns, one value cell).
fn spec2020() -> &'static GridSpec {
    &jixiao::core::template::shanghai_2020().grids[0]
}

#[test]
fn sample_grid_round_trips_through_xlsx() {
    let form = common::sample();
    let bytes = grid_xlsx::export(&form, jixiao::core::template::shanghai_2020(), 0).unwrap();
    assert!(bytes.starts_with(b"PK"), "an xlsx is a zip");
    let grid = grid_xlsx::import(&bytes, spec2020(), 0).unwrap();
    assert_eq!(grid.goals, form.grids[0].goals);
    assert!(grid.review.is_empty(), "{:?}", grid.review);
}

#[test]
fn unusual_names_and_empty_groups_round_trip() {
    let mut form = common::unusual_form(5, 10);
    // a goal or group that has no name cannot be told apart from "same as above"
    form.grids[0].goals.retain(|g| !g.name.is_empty());
    for g in &mut form.grids[0].goals {
        g.groups.retain(|gr| !gr.name.is_empty());
    }
    let grid = grid_xlsx::import(
        &grid_xlsx::export(&form, jixiao::core::template::shanghai_2020(), 0).unwrap(),
        spec2020(),
        0,
    )
    .unwrap();
    assert_eq!(grid.goals, form.grids[0].goals);
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
    let err = grid_xlsx::import(&bytes, spec2020(), 0)
        .unwrap_err()
        .to_string();
    assert!(err.contains("共享文本"), "{err}");

    // one cell at the far corner of the sheet (a reader lays out the whole rectangle)
    let corner = sheet(
        r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row>"#,
    );
    let err = grid_xlsx::import(&crafted(&corner, SST), spec2020(), 0)
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
    let err = grid_xlsx::import(&bytes, spec2020(), 0)
        .unwrap_err()
        .to_string();
    assert!(err.contains("单元格") && err.contains("超过上限"), "{err}");

    // a part that unzips to more than the whole budget
    let padding = vec![b' '; 120 * 1024 * 1024];
    let mut padded = sheet("");
    padded.splice(10..10, padding);
    let bytes = crafted(&padded, SST);
    assert!(bytes.len() < 1_000_000, "{}", bytes.len());
    let err = grid_xlsx::import(&bytes, spec2020(), 0)
        .unwrap_err()
        .to_string();
    assert!(err.contains("解压后超过"), "{err}");
}

#[test]
fn encrypted_damaged_and_foreign_workbooks_get_clear_messages() {
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.resize(4096, 0);
    let err = grid_xlsx::import(&ole, spec2020(), 0)
        .unwrap_err()
        .to_string();
    assert!(err.contains("密码"), "{err}");
    let good = grid_xlsx::export(
        &common::sample(),
        jixiao::core::template::shanghai_2020(),
        0,
    )
    .unwrap();
    for cut in [10, good.len() / 2, good.len() - 10] {
        let err = grid_xlsx::import(&good[..cut], spec2020(), 0)
            .unwrap_err()
            .to_string();
        assert!(!err.is_empty() && !err.contains("Error"), "{err}");
    }
    let err = grid_xlsx::import(&crafted(b"<worksheet><sheetData><row", SST), spec2020(), 0)
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
    let err = grid_xlsx::read_file(&fifo, spec2020(), 0)
        .unwrap_err()
        .to_string();
    assert!(err.contains("不是普通文件"), "{err}");
    let err = grid_xlsx::read_file(dir.path(), spec2020(), 0)
        .unwrap_err()
        .to_string();
    assert!(err.contains("文件夹"), "{err}");
}

/// A workbook as clerks make them in Excel: a title row, a heading row, 一级/二级 merged
/// down their rows, a target typed as 95% (stored as 0.95 with a % format), a target
/// merged over two indicators, and a note under the table.
fn clerks_workbook() -> Vec<u8> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let plain = Format::new();
    let percent = Format::new().set_num_format("0%");
    let money = Format::new().set_num_format("#,##0.00");
    sheet
        .merge_range(0, 0, 0, 3, "2021年绩效目标", &plain)
        .unwrap();
    for (c, h) in ["一级指标", "二级指标", "三级指标", "指标值"]
        .iter()
        .enumerate()
    {
        sheet.write_string(1, c as u16, *h).unwrap();
    }
    sheet.merge_range(2, 0, 5, 0, "产出目标", &plain).unwrap();
    sheet.merge_range(2, 1, 3, 1, "数量指标", &plain).unwrap();
    sheet.write_string(2, 2, "培训人次").unwrap();
    sheet.write_string(2, 3, ">=100人次").unwrap();
    sheet.write_string(3, 2, "活动场次").unwrap();
    sheet.write_number_with_format(3, 3, 12.0, &plain).unwrap();
    sheet.merge_range(4, 1, 5, 1, "质量指标", &plain).unwrap();
    sheet.write_string(4, 2, "验收合格率").unwrap();
    sheet
        .write_number_with_format(4, 3, 0.95, &percent)
        .unwrap();
    sheet.write_string(5, 2, "资金到位额").unwrap();
    sheet
        .write_number_with_format(5, 3, 1234.5, &money)
        .unwrap();
    sheet.merge_range(6, 0, 7, 0, "效益目标", &plain).unwrap();
    sheet.merge_range(6, 1, 7, 1, "满意度指标", &plain).unwrap();
    sheet.write_string(6, 2, "学员满意度").unwrap();
    sheet.write_string(7, 2, "家长满意度").unwrap();
    sheet.merge_range(6, 3, 7, 3, ">=90%", &plain).unwrap();
    sheet
        .write_string(9, 0, "注：本表由项目单位填写，指标值应可衡量、可考核。")
        .unwrap();
    sheet.write_string(10, 0, "填表人：张三").unwrap();
    book.save_to_buffer().unwrap()
}

#[test]
fn a_workbook_reads_as_the_clerk_sees_it() {
    let grid = grid_xlsx::import(&clerks_workbook(), spec2020(), 0).unwrap();
    let rows: Vec<(String, String, String, String)> = grid
        .goals
        .iter()
        .flat_map(|g| {
            g.groups.iter().flat_map(move |gr| {
                gr.indicators.iter().map(move |i| {
                    (
                        g.name.clone(),
                        gr.name.clone(),
                        i.name.clone(),
                        i.target.clone(),
                    )
                })
            })
        })
        .collect();
    let targets: Vec<&str> = rows.iter().map(|r| r.3.as_str()).collect();
    assert_eq!(
        targets,
        [">=100人次", "12", "95%", "1,234.50", ">=90%", ">=90%"],
        "{rows:?}"
    );
    assert_eq!(
        grid.goals.len(),
        2,
        "the note under the table is not a goal: {rows:?}"
    );
    assert_eq!(rows[4].1, "满意度指标");
    let review: Vec<String> = grid.review.iter().map(|r| r.to_string()).collect();
    assert!(
        review
            .iter()
            .any(|r| r.contains("合并单元格") && r.contains("第 7–8 行")),
        "{review:?}"
    );
    assert!(
        review
            .iter()
            .any(|r| r.contains("未导入") && r.contains("注：本表")),
        "{review:?}"
    );
    // and a 95% read from the sheet passes the checks as a percentage
    assert!(!matches!(
        jixiao::core::target::parse("95%"),
        jixiao::core::target::Target::Empty
    ));
}

/// Every grid of every sample (one value cell, or 指标性质 / 指标值 / 度量单位 and the
/// rest) goes out to Excel with its own columns and comes back the same.
#[test]
fn every_samples_grids_round_trip_through_xlsx_with_their_columns() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples");
    let mut grids = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let form = jixiao::core::store::load(&path).unwrap();
        let template = jixiao::core::template::for_form(&form);
        for (g, spec) in template.grids.iter().enumerate() {
            let bytes = grid_xlsx::export(&form, &template, g).unwrap();
            let back = grid_xlsx::import(&bytes, spec, g).unwrap();
            assert_eq!(
                back.goals,
                form.grids[g].goals,
                "{} grid {g}",
                path.display()
            );
            assert!(back.review.is_empty(), "{:?}", back.review);
            grids += 1;
        }
    }
    assert!(grids >= 5, "four samples, 88号 with two grids");
}

/// A colleague's sheet in the 101号 columns, called differently and in another order,
/// with a column the form has no place for: each value lands in its column, the extra
/// one is listed, and the one-value 2020 grid gets the joined value.
#[test]
fn a_sheet_with_other_headings_fits_either_grid() {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let rows: [&[&str]; 4] = [
        &[
            "一级目标",
            "二级目标",
            "指标名称",
            "计量单位",
            "计算符号",
            "年度指标值",
            "评分标准",
            "责任处室",
        ],
        &[
            "产出指标",
            "数量指标",
            "培训人次",
            "人次",
            "大于等于",
            "1000",
            "每少100人次扣1分",
            "教育处",
        ],
        &["", "质量指标", "课程满意度", "%", "≥", "90", "", ""],
        &[
            "效益指标",
            "社会效益",
            "青少年心理健康意识",
            "",
            "定性",
            "明显提升",
            "",
            "",
        ],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, *v).unwrap();
        }
    }
    let bytes = book.save_to_buffer().unwrap();
    let t101 = jixiao::core::template::built_in("national-101").unwrap();
    let got = grid_xlsx::import(&bytes, &t101.grids[0], 0).unwrap();
    use jixiao::core::template::ColumnKind::*;
    let first = &got.goals[0].groups[0].indicators[0];
    assert_eq!(first.name, "培训人次");
    assert_eq!(
        (
            first.cell(Sign),
            first.cell(Value),
            first.cell(Unit),
            first.cell(Scoring)
        ),
        ("≥", "1000", "人次", "每少100人次扣1分")
    );
    assert_eq!(got.goals[1].groups[0].indicators[0].cell(Sign), "定性");
    let listed: Vec<&str> = got.review.iter().map(|r| r.message.as_str()).collect();
    assert!(
        listed.iter().any(|m| m.contains("责任处室"))
            && listed.iter().any(|m| m.contains("教育处")),
        "{listed:?}"
    );
    let one = grid_xlsx::import(&bytes, spec2020(), 0).unwrap();
    let targets: Vec<&str> = one
        .goals
        .iter()
        .flat_map(|g| &g.groups)
        .flat_map(|g| &g.indicators)
        .map(|i| i.target.as_str())
        .collect();
    assert_eq!(targets, ["≥1000人次", "≥90%", "明显提升"]);
    assert!(one
        .review
        .iter()
        .any(|r| r.message.contains("每少100人次扣1分")));
}

#[test]
fn a_target_typed_with_its_sign_and_taken_for_a_formula_reads_as_typed() {
    // LibreOffice and Excel take `=300天` typed in a cell for a formula (#NAME?); a real
    // formula that computes keeps its value, an empty cell stays empty
    let cells = r#"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="C1" t="e"><f>300天</f><v>#NAME?</v></c><c r="D1"><f>1+1</f><v>2</v></c></row>"#;
    let bytes = crafted(&sheet(cells), SST);
    let source = jixiao::core::import::sheet::read_xlsx(&bytes).unwrap();
    let texts: Vec<&str> = source.rows[0]
        .cells
        .iter()
        .map(|c| c.text.as_str())
        .collect();
    assert_eq!(texts, ["一级目标", "", "=300天", "2"]);
}
