//! `cargo bench`: times what users wait for, as medians of repeated runs, on the sample
//! and on a 5,000-indicator form. Prints a table for the README.

use std::hint::black_box;
use std::time::{Duration, Instant};

use jixiao::core::model::Form;
use jixiao::core::{store, validate};
use jixiao::pdf;

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn time(runs: usize, mut f: impl FnMut()) -> Duration {
    f(); // warm up (the font is parsed once per process)
    median(
        (0..runs)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed()
            })
            .collect(),
    )
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn sample() -> Form {
    store::parse_str(jixiao::SAMPLE_FORM).expect("sample")
}

/// 5,000 indicators over 4 goals × 5 groups and 50,000-character sections.
fn big_form() -> Form {
    jixiao::core::synthetic::big_form(5000, 50_000)
}

/// The same in the 全国 101号 layout: 指标性质 / 指标值 / 度量单位 columns.
fn big_form_101() -> Form {
    let to = jixiao::core::template::built_in("national-101").expect("101");
    jixiao::core::convert::change_template(&big_form(), jixiao::core::template::shanghai_2020(), to)
        .form
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --all-targets` runs it once, quickly.
    let quick = !std::env::args().any(|a| a == "--bench");
    let runs = if quick { 1 } else { 15 };
    let dir = tempfile::tempdir().expect("temp dir");
    let mut rows = Vec::new();

    for (name, form) in [
        ("示例表（95 个指标）", sample()),
        ("大表（5,000 个指标）", big_form()),
        ("101号大表（5,000 个指标，分栏）", big_form_101()),
    ] {
        let path = dir.path().join("form.ron");
        store::save(&path, &form).expect("save");
        let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        let open_validate = time(runs, || {
            let f = store::load(&path).expect("load");
            black_box(validate::validate(
                &f,
                &jixiao::core::template::for_form(&f),
            ));
        });
        let save = time(runs, || store::save(&path, &form).expect("save"));
        // As the window does it: open with the lock, check, then the save that first
        // makes sure nobody changed the file.
        let open_validate_save = time(runs, || {
            use jixiao::core::document::{Document, Opened};
            let Ok(Opened::Ready(mut doc)) = Document::open(&path, false) else {
                panic!("open");
            };
            black_box(validate::validate(
                doc.form(),
                &jixiao::core::template::for_form(doc.form()),
            ));
            doc.save(false).expect("save");
        });
        let pdf_runs = if form.indicator_count() > 1000 {
            runs.min(5)
        } else {
            runs
        };
        let mut pdf_size = 0;
        let mut pages = 0;
        let export = time(pdf_runs, || {
            let e = pdf::export(&form).expect("export");
            pdf_size = e.bytes.len();
            pages = e.pages;
        });
        rows.push(format!(
            "| {name} | {} KB | {} | {} | {} | {} | {} 页, {} KB |",
            size / 1024,
            ms(open_validate),
            ms(save),
            ms(open_validate_save),
            ms(export),
            pages,
            pdf_size / 1024
        ));
    }
    let frame = jixiao_ui_frame_times(runs);
    let hostile_line = "<".repeat(jixiao::core::import_text::MAX_IMPORT_CHARS);
    let hostile = time(runs.min(5), || {
        let templates = jixiao::core::template::Templates::built_in().list;
        black_box(
            jixiao::core::import::import_bytes(hostile_line.as_bytes(), &templates, None).ok(),
        );
    });

    println!("| 表单 | 文件 | 打开+检查 | 保存 | 打开+检查+保存 | 导出 PDF | PDF |");
    println!("|---|---|---|---|---|---|---|");
    for row in rows {
        println!("{row}");
    }
    println!();
    println!("| 界面一帧（CPU，不含绘制到屏幕） | 中位数 |");
    println!("|---|---|");
    for (name, d) in frame {
        println!("| {name} | {} |", ms(d));
    }
    println!();
    println!("| 导入（PDF 按位置读表格，识别表样） | 中位数 |");
    println!("|---|---|");
    for (name, ms_) in import_times(runs) {
        println!("| {name} | {} |", ms(ms_));
    }
    println!();
    println!("| 导出整张表（示例表，95 个指标） | 中位数 | 大小 |");
    println!("|---|---|---|");
    {
        let form = sample();
        let template = jixiao::core::template::for_form(&form);
        let mut size = 0;
        let docx = time(runs, || {
            size = jixiao::core::exchange::form_docx::export(&form, &template)
                .expect("docx")
                .len();
        });
        println!("| Word（.docx） | {} | {} KB |", ms(docx), size / 1024);
        let xlsx = time(runs, || {
            size = jixiao::core::exchange::form_xlsx::export(&form, &template)
                .expect("xlsx")
                .len();
        });
        println!("| Excel（.xlsx） | {} | {} KB |", ms(xlsx), size / 1024);
    }
    println!();
    println!("| 恶意输入 | 中位数 |");
    println!("|---|---|");
    println!("| 导入一行 4 MB 的“<” | {} |", ms(hostile));
    println!();
    println!("| 导入大文件（与行数、单元格数成正比） | 中位数 |");
    println!("|---|---|");
    for (name, d) in large_import_times(runs.min(5)) {
        println!("| {name} | {} |", ms(d));
    }
    println!();
    println!("| 页面预览重新排版（输入一个字之后） | 全部重排 | 只重排改动的格 |");
    println!("|---|---|---|");
    for (name, form) in [
        ("示例表（95 个指标）", sample()),
        ("大表（5,000 个指标）", big_form()),
    ] {
        let (full, cached) = relayout_times(runs.min(5), form);
        println!("| {name} | {} | {} |", ms(full), ms(cached));
    }
    println!();
    println!("| 指标库查找（10,000 条：指标库 + 我的指标） | 中位数 |");
    println!("|---|---|");
    for (name, d) in library_search_times(runs) {
        println!("| {name} | {} |", ms(d));
    }
}

/// The preview's relayout after one character is typed into an indicator's name: the
/// whole form wrapped again, and only the changed cell (the rest from the last layout).
fn relayout_times(runs: usize, form: jixiao::core::model::Form) -> (Duration, Duration) {
    let font = pdf::font::get().expect("font");
    let measure = |c: char| font.measure(c);
    let t = jixiao::core::template::for_form(&form);
    let mut typed = form.clone();
    let full = time(runs, || {
        black_box(pdf::layout::layout(&typed, &t, &measure));
    });
    let mut cache = pdf::layout::WrapCache::default();
    pdf::layout::layout_cached(&form, &t, &measure, &mut cache);
    let mut n = 0;
    let cached = time(runs, || {
        n += 1;
        typed.grids[0].goals[0].groups[0].indicators[0]
            .name
            .push(char::from_u32(0x4e00 + n).unwrap_or('字'));
        black_box(pdf::layout::layout_cached(&typed, &t, &measure, &mut cache));
    });
    (full, cached)
}

/// Searching 10,000 entries (the bundled library and the clerk's own indicators, as the
/// picker and the suggestions while typing do): must answer within a frame.
fn library_search_times(runs: usize) -> Vec<(String, Duration)> {
    use jixiao::core::my_indicators::MyIndicators;
    let mut mine = MyIndicators::default();
    let form = jixiao::core::store::load(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("assets/samples/2020-上海市青少年服务和权益保护工作经费.ron"),
    )
    .unwrap();
    let bundled = jixiao::core::library::bundled();
    // forms of many years and places, each with its own wording
    let mut i = 0;
    while mine.entries.len() + bundled.entries.len() < 10_000 {
        let mut f = form.clone();
        for grid in &mut f.grids {
            for goal in &mut grid.goals {
                for group in &mut goal.groups {
                    for ind in &mut group.indicators {
                        ind.name = format!("{}（{i}）", ind.name);
                    }
                }
            }
        }
        mine.learn(&f, std::path::Path::new(&format!("form-{i}.ron")));
        i += 1;
    }
    let library = mine.library();
    assert!(library.entries.len() + bundled.entries.len() >= 10_000);
    let search = |q: &str| {
        let a = library.search(q, None, None).len();
        let b = bundled.search(q, None, None).len();
        std::hint::black_box(a + b);
    };
    let mut out = Vec::new();
    for (name, q) in [
        ("文字“满意度”", "满意度"),
        ("拼音首字母“pxrc”", "pxrc"),
        ("全拼“peixun”", "peixun"),
        ("没有的“zzzz”", "zzzz"),
    ] {
        out.push((name.to_string(), time(runs, || search(q))));
    }
    out
}

/// Importing large files of plain rows: time in proportion to their lines and cells.
fn large_import_times(runs: usize) -> Vec<(String, Duration)> {
    let templates = jixiao::core::template::Templates::built_in().list;
    let text = |lines: usize| -> String {
        (0..lines)
            .map(|i| format!("项目{i}名称\t资金{i}万元\t目标说明第{i}条达到良好\n"))
            .collect()
    };
    let mut out = Vec::new();
    for lines in [5_000, 25_000] {
        let t = text(lines);
        let took = time(runs, || {
            black_box(jixiao::core::import::import_bytes(t.as_bytes(), &templates, None).ok());
        });
        out.push((format!("{lines} 行文本（每行 3 格）"), took));
    }
    // a Word table of 20,000 indicator rows
    let rows: String = (0..20_000)
        .map(|i| {
            let cells: String = [
                "产出指标",
                "数量指标",
                &format!("培训人次{i}"),
                &format!("≥{i}人次"),
            ]
            .iter()
            .map(|t| format!("<w:tc><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:tc>"))
            .collect();
            format!("<w:tr>{cells}</w:tr>")
        })
        .collect();
    let head: String = ["一级指标", "二级指标", "三级指标", "指标值"]
        .iter()
        .map(|t| format!("<w:tc><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:tc>"))
        .collect();
    let xml = format!(
        r#"<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:tbl><w:tr>{head}</w:tr>{rows}</w:tbl></w:body></w:document>"#
    );
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    zip.start_file("word/document.xml", opts).unwrap();
    std::io::Write::write_all(&mut zip, xml.as_bytes()).unwrap();
    let docx = zip.finish().unwrap().into_inner();
    let took = time(runs, || {
        black_box(jixiao::core::import::import_bytes(&docx, &templates, None).ok());
    });
    out.push(("Word 表格 20,000 行".to_string(), took));
    out
}

/// CPU time of one frame of the real UI code (layout and tessellation, no GPU).
/// Importing this program's own PDF of a 10-page form (text sections and indicators),
/// and of the sample, with every built-in template tried.
fn import_times(runs: usize) -> Vec<(String, Duration)> {
    let templates = jixiao::core::template::Templates::built_in().list;
    let mut out = Vec::new();
    for (what, form) in [
        ("示例表", sample()),
        ("较长的表", jixiao::core::synthetic::big_form(120, 1300)),
    ] {
        let export = pdf::export(&form).expect("export");
        let took = time(runs.min(9), || {
            let imported = jixiao::core::import::import_bytes(&export.bytes, &templates, None)
                .expect("import");
            assert_eq!(imported.form.indicator_count(), form.indicator_count());
            black_box(imported);
        });
        out.push((format!("{what}的 PDF（{} 页）", export.pages), took));
    }
    out
}

fn jixiao_ui_frame_times(runs: usize) -> Vec<(&'static str, Duration)> {
    use jixiao::core::document::Document;
    use jixiao::ui::{App, AppConfig, Node};
    let dir = tempfile::tempdir().expect("temp dir");
    let mut out = Vec::new();
    for (name, form, node) in [
        ("示例表，指标表格", sample(), Node::Grid(0)),
        ("大表，指标表格（5,000 行）", big_form(), Node::Grid(0)),
        (
            "101号大表，分栏指标表格（5,000 行）",
            big_form_101(),
            Node::Grid(0),
        ),
        (
            "大表，50,000 字的段落",
            big_form(),
            Node::Section("necessity".into()),
        ),
    ] {
        let mut app = App::new(AppConfig::in_dir(dir.path()), Document::new(form, None));
        app.state.selection = node;
        let ctx = egui::Context::default();
        let input = || egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(1400.0, 900.0),
            )),
            ..Default::default()
        };
        let mut frame = || {
            let mut output = ctx.run_ui(input(), |ui| app.show(ui));
            black_box(ctx.tessellate(output.shapes, output.pixels_per_point));
            // No GPU here to upload the font atlas to.
            output.textures_delta.clear();
        };
        // the first frames install fonts and fill the glyph atlas
        for _ in 0..3 {
            frame();
        }
        out.push((name, time(runs.max(5), &mut frame)));
    }
    out
}
