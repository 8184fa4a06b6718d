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

/// Every sample, exported to PDF by this program and imported again, is the same form:
/// every field, amount, section and indicator, to the character (the spaces of a line
/// that wraps are kept at its end, invisible, so that they come back).
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
        let mut got = imported.form.clone();
        got.review = Default::default();
        assert!(
            got == form,
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

/// A form from another county, as the clerk's colleagues keep it: labels with prefixes,
/// units, asterisks and synonyms; money in 万元; the grid's columns called otherwise;
/// 一级/二级 merged down their rows.
const HEADER: &[&[&str]] = &[
    &["项目支出绩效目标申报表"],
    &["（2025年度）"],
    &[
        "*项目 名称",
        "某县乡村道路养护项目",
        "主管部门名称",
        "某县交通运输局",
    ],
    &[
        "项目实施单位",
        "某县公路养护中心",
        "项目起止时间",
        "2025-2027",
    ],
    &[
        "本年度申请预算资金（万元）",
        "320.5",
        "其中：财政拨款",
        "300万元",
    ],
    &["项目实施期资金总额", "900", "其他来源资金", "20.5"],
    &[
        "年度绩效目标",
        "完成 120 公里农村公路日常养护，优良路率达到 85% 以上。",
    ],
];
const GRID: &[&[&str]] = &[
    &[
        "一级指标",
        "二级指标",
        "指标名称",
        "计算符号",
        "计划指标值",
        "计量单位",
        "指标值确定依据",
    ],
    &[
        "产出指标",
        "数量指标",
        "日常养护里程",
        "≥",
        "120",
        "公里",
        "计划标准",
    ],
    &["", "", "桥梁检查次数", "≥", "4", "次", "行业标准"],
    &["", "质量指标", "优良路率", "≥", "85", "%", "历史标准"],
    &[
        "效益指标",
        "社会效益",
        "群众出行条件",
        "定性",
        "明显改善",
        "",
    ],
    &[
        "满意度指标",
        "服务对象满意度",
        "沿线群众满意度",
        "≥",
        "90",
        "%",
        "其他",
    ],
];

/// What both county forms share: the template, year, project and the annual amounts
/// (320.5 万元, of it 300万元).
fn check_county_header(imported: &import::Imported, what: &str) {
    let f = &imported.form;
    assert_eq!(
        imported.template.id, "national-101",
        "{what}: {:?}",
        imported.scores
    );
    assert_eq!(f.year, 2025, "{what}");
    assert_eq!(f.field("project_name"), "某县乡村道路养护项目", "{what}");
    assert_eq!(f.field("implementer"), "某县公路养护中心", "{what}");
    assert_eq!(f.money("annual_total").fen(), Some(320_500_000), "{what}");
    assert_eq!(f.money("annual_fiscal").fen(), Some(300_000_000), "{what}");
}

fn check_county(imported: &import::Imported, what: &str) {
    check_county_header(imported, what);
    let f = &imported.form;
    assert_eq!(f.field("department"), "某县交通运输局", "{what}");
    assert_eq!(f.field("project_period"), "2025-2027", "{what}");
    let yuan = |id: &str| f.money(id).fen().map(|fen| fen / 100);
    assert_eq!(yuan("midterm_total"), Some(9_000_000), "{what}");
    assert_eq!(yuan("midterm_other"), Some(205_000), "{what}");
    assert!(
        f.section("annual_goal").contains("优良路率达到 85%"),
        "{what}"
    );
    let expected: Vec<String> = GRID[1..]
        .iter()
        .scan((String::new(), String::new()), |(g, gr), r| {
            if !r[0].is_empty() {
                *g = r[0].to_string();
            }
            if !r[1].is_empty() {
                *gr = r[1].to_string();
            }
            let basis = r.get(6).copied().unwrap_or("");
            Some([g.as_str(), gr.as_str(), r[2], r[3], r[4], r[5], basis].join("\t"))
        })
        .collect();
    assert_eq!(indicator_rows(f), expected, "{what}");
}

/// The first grid's indicators, one line each: 一级, 二级, name, sign, value, unit and
/// basis, tab-separated.
fn indicator_rows(f: &Form) -> Vec<String> {
    use jixiao::core::template::ColumnKind::*;
    f.grids[0]
        .goals
        .iter()
        .flat_map(|g| g.groups.iter().map(move |gr| (g, gr)))
        .flat_map(|(g, gr)| {
            gr.indicators.iter().map(move |i| {
                [
                    g.name.as_str(),
                    gr.name.as_str(),
                    i.name.as_str(),
                    i.cell(Sign),
                    i.cell(Value),
                    i.cell(Unit),
                    i.cell(Basis),
                ]
                .join("\t")
            })
        })
        .collect()
}

#[test]
fn a_form_from_elsewhere_imports_from_text_excel_and_word() {
    let t = templates();
    let all: Vec<&[&str]> = HEADER.iter().chain(GRID.iter()).copied().collect();
    // text, as copied out of a table: tab-separated, in UTF-8, GBK and UTF-16
    let text: String = all.iter().map(|r| r.join("\t") + "\r\n").collect();
    check_county(
        &import::import_bytes(text.as_bytes(), &t, None).unwrap(),
        "UTF-8 文本",
    );
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    check_county(&import::import_bytes(&gbk, &t, None).unwrap(), "GBK 文本");
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    check_county(
        &import::import_bytes(&utf16, &t, None).unwrap(),
        "UTF-16 文本",
    );
    // Excel, with 一级/二级 merged down their rows
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, row) in all.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if !v.is_empty() {
                sheet.write_string(r as u32, c as u16, *v).unwrap();
            }
        }
    }
    let at = HEADER.len() as u32 + 1;
    let fmt = rust_xlsxwriter::Format::new();
    sheet
        .merge_range(at, 0, at + 2, 0, "产出指标", &fmt)
        .unwrap();
    sheet
        .merge_range(at, 1, at + 1, 1, "数量指标", &fmt)
        .unwrap();
    let xlsx = book.save_to_buffer().unwrap();
    check_county(&import::import_bytes(&xlsx, &t, None).unwrap(), "Excel");
    // Word: header rows as a table, the grid with vertical merges
    check_county(
        &import::import_bytes(&docx(&all), &t, None).unwrap(),
        "Word",
    );
}

/// A minimal .docx holding `rows` as one table; an empty 一级/二级 cell continues the
/// merge above (vMerge), as Word writes merged cells.
fn docx(rows: &[&[&str]]) -> Vec<u8> {
    use std::io::Write;
    let esc = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;");
    let mut body = String::from("<w:p><w:r><w:t>说明：以下为申报内容</w:t></w:r></w:p><w:tbl>");
    let grid_from = HEADER.len();
    for (r, row) in rows.iter().enumerate() {
        body.push_str("<w:tr>");
        for (c, v) in row.iter().enumerate() {
            let merge = if r > grid_from && c < 2 {
                if v.is_empty() {
                    "<w:vMerge/>"
                } else {
                    "<w:vMerge w:val=\"restart\"/>"
                }
            } else {
                ""
            };
            body.push_str(&format!(
                "<w:tc><w:tcPr>{merge}</w:tcPr><w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p></w:tc>",
                esc(v)
            ));
        }
        body.push_str("</w:tr>");
    }
    body.push_str("</w:tbl>");
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>"
    );
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let opts = zip::write::SimpleFileOptions::default();
    zip.start_file("[Content_Types].xml", opts).unwrap();
    zip.write_all(b"<Types/>").unwrap();
    zip.start_file("word/document.xml", opts).unwrap();
    zip.write_all(xml.as_bytes()).unwrap();
    zip.finish().unwrap();
    out.into_inner()
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/import")
            .join(name),
    )
    .unwrap()
}

/// Encrypted, image-only, cut-off and foreign files, a password workbook, a Word 97
/// file, a zip bomb and a huge file: each gets its Chinese message, quickly, and the
/// source file is left as it was.
#[test]
fn hostile_and_unreadable_files_are_refused_with_a_message() {
    let t = templates();
    let msg = |bytes: &[u8]| {
        import::import_bytes(bytes, &t, None)
            .unwrap_err()
            .to_string()
    };
    assert!(msg(&fixture("encrypted.pdf")).contains("密码"));
    assert!(msg(&fixture("image-only.pdf")).contains("没有文字"));
    // a file the PDF library panics on (found by fuzzing): a damaged file, no crash
    assert!(msg(&fixture("pdf-extract-panic.pdf")).contains("已损坏"));
    let pdf = jixiao::pdf::export(&samples()[0].1).unwrap().bytes;
    for cut in [pdf.len() / 2, 2_000, 20] {
        let e = import::import_bytes(&pdf[..cut], &t, None);
        assert!(
            e.is_err() || e.unwrap().form.indicator_count() < 95,
            "cut at {cut}"
        );
    }
    // Office's encrypted package and Word 97 are OLE compound files
    let ole = |stream: &str| {
        let mut b = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        b.resize(512, 0);
        b.extend(stream.encode_utf16().flat_map(u16::to_le_bytes));
        b.resize(4096, 0);
        b
    };
    assert!(msg(&ole("EncryptedPackage")).contains("密码"));
    assert!(msg(&ole("WordDocument")).contains(".docx"));
    // a .docx whose document unzips to 60 MB of nothing: refused at the limit
    let bomb = {
        use std::io::Write;
        let mut out = std::io::Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut out);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("word/document.xml", opts).unwrap();
        let block = vec![b' '; 1 << 20];
        for _ in 0..60 {
            zip.write_all(&block).unwrap();
        }
        zip.finish().unwrap();
        out.into_inner()
    };
    assert!(bomb.len() < 1 << 20, "the bomb is small: {}", bomb.len());
    assert!(msg(&bomb).contains("解压后过大"));
    // a 200 MB file is refused before it is read
    let dir = tempfile::tempdir().unwrap();
    let huge = dir.path().join("上年.pdf");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(200 * 1024 * 1024)
        .unwrap();
    let started = std::time::Instant::now();
    let e = import::import_file(&huge, &t, None).unwrap_err();
    assert!(matches!(e, ImportError::TooBig), "{e}");
    assert!(started.elapsed().as_secs() < 2);
    // the source of an import is never changed
    let src = dir.path().join("上年表单.pdf");
    std::fs::write(&src, &pdf).unwrap();
    import::import_file(&src, &t, None).unwrap();
    assert_eq!(std::fs::read(&src).unwrap(), pdf);
}

/// A PDF read as another template when the clerk picks it: the scores are listed for
/// every template and the chosen one is used.
#[test]
fn the_clerk_can_pick_another_template() {
    let (_, form) = &samples()[0];
    let pdf = jixiao::pdf::export(form).unwrap().bytes;
    let t = templates();
    let best = import::import_bytes(&pdf, &t, None).unwrap();
    assert_eq!(best.scores.len(), t.len());
    assert!(
        best.scores.windows(2).all(|w| w[0].2 >= w[1].2),
        "best first"
    );
    let other = import::import_bytes(&pdf, &t, Some("shanghai-2025")).unwrap();
    assert_eq!(other.template.id, "shanghai-2025");
    assert_eq!(other.form.template, "shanghai-2025");
    assert!(other.form.indicator_count() > 0);
    assert_eq!(other.scores.len(), t.len());
    let e = import::import_bytes(&pdf, &t, Some("no-such")).unwrap_err();
    assert!(e.to_string().contains("national-101"), "{e}");
}

/// A county's form saved by an office suite (LibreOffice) as PDF, Word, Excel and Excel
/// 97: its tables are read as tables, so every indicator comes back whole — merged
/// 一级/二级 cells, names wrapped over three lines, in the PDF the table continued on
/// page 2 under its repeated heading and rebuilt from the lines drawn — with the header
/// fields and amounts.
#[test]
fn a_form_saved_by_an_office_suite_reads_as_tables_in_every_format() {
    for file in [
        "county-libreoffice.pdf",
        "county-libreoffice.docx",
        "county-libreoffice.xlsx",
        "county-libreoffice.xls",
    ] {
        let imported = import::import_bytes(&fixture(file), &templates(), None).unwrap();
        check_county_header(&imported, file);
        let f = &imported.form;
        assert!(
            f.section("annual_goal")
                .ends_with("沿线群众满意度达到 90% 以上。"),
            "{file}: {}",
            f.section("annual_goal")
        );
        let goals: Vec<&str> = f.grids[0].goals.iter().map(|g| g.name.as_str()).collect();
        assert_eq!(
            goals,
            ["产出指标", "效益指标", "满意度指标"],
            "{file}: nothing else"
        );
        let got = indicator_rows(f);
        let expected = String::from_utf8(fixture("county-expected.tsv")).unwrap();
        let expected: Vec<&str> = expected.lines().collect();
        assert_eq!(got, expected, "{file}");
    }
    // in the PDF, what is not part of the form is listed with its page and line
    let pdf = import::import_bytes(&fixture("county-libreoffice.pdf"), &templates(), None).unwrap();
    assert!(pdf
        .review
        .iter()
        .any(|r| r.place.starts_with("第 2 页") && r.message.contains("填表人")));
}

/// A form as a county clerk copies it out of Word, with the things real tables do: the
/// target column headed otherwise (绩效标准, 指标标准或依据, 标准值, …), weights in the 一级
/// cells, ≧ and ＝, a template prompt left in a level cell, money with a note after it.
#[test]
fn a_copied_table_with_other_headings_prompts_and_noted_money() {
    let text = |heading: &str| {
        [
            "2025年度项目支出绩效目标表".to_string(),
            "项目名称\t城区背街小巷改造工程".into(),
            "主管部门\t某县住房和城乡建设局\t实施单位\t某县市政工程服务中心".into(),
            "项目资金（万元）\t年度资金总额\t854万(其中中央资金300万)".into(),
            "年度总体目标\t完成12条背街小巷改造。".into(),
            format!("绩效指标\t一级指标\t二级指标\t三级指标\t{heading}\t备注"),
            "\t产出指标(50分)\t数量指标\t改造小巷数量\t≧12条\t".into(),
            "\t\t\t改造路面面积\t＝18000平方米\t".into(),
            "\t\t质量指标\t工程验收合格率\t>=98%\t".into(),
            "\t效益指标(30分)\t社会效益指标\t受益居民户数\t≥3000户\t".into(),
            "\t\t指标1:\t……\t".into(),
            "\t满意度指标(10分)\t服务对象满意度指标\t居民满意度\t≥90%\t".into(),
        ]
        .join("\n")
    };
    for heading in [
        "目标值",
        "年度指标值",
        "预期目标值",
        "指标值及单位",
        "绩效标准",
        "指标标准或依据",
        "标准值",
    ] {
        let imported = import::import_bytes(text(heading).as_bytes(), &templates(), None)
            .unwrap_or_else(|e| panic!("{heading}: {e}"));
        let form = &imported.form;
        let rows: Vec<(String, String)> = form
            .indicators()
            .map(|(_, ind)| {
                let shown = if ind.target.is_empty() {
                    ind.cells.values().cloned().collect::<Vec<_>>().join("")
                } else {
                    ind.target.clone()
                };
                (ind.name.clone(), shown)
            })
            .collect();
        assert_eq!(rows.len(), 5, "{heading}: {rows:?}");
        for (name, target) in &rows {
            assert!(
                target.chars().any(|c| c.is_ascii_digit()),
                "{heading}: {name} came in without its target: {rows:?}"
            );
        }
        let groups: Vec<&str> = form
            .goals(0)
            .iter()
            .chain(form.grids.iter().skip(1).flat_map(|g| g.goals.iter()))
            .flat_map(|g| g.groups.iter().map(|x| x.name.as_str()))
            .collect();
        assert!(
            !groups.contains(&"指标1:"),
            "{heading}: a prompt became a group"
        );
        assert!(
            form.money.values().any(|m| m.fen() == Some(854_000_000)),
            "{heading}: 854万 came in: {:?}",
            form.money
        );
        assert!(
            imported
                .review
                .iter()
                .any(|r| r.message.contains("其中中央资金300万")),
            "{heading}: the money's note is named for review: {:#?}",
            imported.review
        );
    }
}
