//! The exported PDF as a reviewer reads it: every value of the form comes back out of it
//! as the same Chinese text.

mod common;

use jixiao::core::model::Form;
use jixiao::pdf;
use jixiao::pdf::layout::{self, Column};

/// The PDF's text with all white space removed (PDF text has no reliable spaces).
fn pdf_text(bytes: &[u8]) -> String {
    let text = pdf_extract::extract_text_from_mem(bytes).expect("the PDF is readable");
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Each printed line of `value` (as the layout wraps it in `column`) must be in `text`,
/// and those lines together are the whole value.
fn assert_printed(text: &str, value: &str, column: Column) {
    let font = pdf::font::get().unwrap();
    let lines = layout::printed_lines(value, column, &|c| font.measure(c));
    assert_eq!(
        squeeze(&lines.concat()),
        squeeze(value),
        "wrapping keeps every character"
    );
    for piece in lines {
        assert!(
            text.contains(&squeeze(&piece)),
            "{column:?}: “{piece}” not found in the PDF text"
        );
    }
}

#[test]
fn sample_pdf_has_every_value() {
    let form = common::sample();
    let export = pdf::export(&form).unwrap();
    assert!(export.missing.is_empty(), "{:?}", export.missing);
    let text = pdf_text(&export.bytes);
    for s in [
        "财政项目支出绩效目标表",
        "(2020年度)",
        "申报单位名称：上海市青少年服务和权益保护办公室",
        "上海市青少年服务和权益保护工作经费",
        "经常性专项业务费",
        "2020-01-01",
        "2020-12-31",
        "其他类",
        "5,601,000",
        "6,224,000",
        "本项目上年度市级财政资金使用情况",
        "2020年绩效目标",
        "一级目标",
        "指标目标值",
    ] {
        assert!(text.contains(s), "“{s}” not found");
    }
    for section in form.sections.values() {
        assert_printed(&text, section, Column::SectionValue);
    }
    for goal in &form.grids[0].goals {
        assert!(text.contains(&goal.name), "{}", goal.name);
        for group in &goal.groups {
            assert_printed(&text, &group.name, Column::GroupName);
            for ind in &group.indicators {
                assert_printed(&text, &ind.name, Column::IndicatorName);
                assert!(
                    text.contains(&squeeze(&ind.target)),
                    "target {}",
                    ind.target
                );
            }
        }
    }
    let pages = export.pages;
    assert!(text.contains(&format!("第1页共{pages}页")), "page numbers");
}

#[test]
fn pdf_is_small_with_a_subset_font() {
    let export = pdf::export(&common::sample()).unwrap();
    assert!(
        export.bytes.len() < 300 * 1024,
        "{} bytes",
        export.bytes.len()
    );
    let raw = String::from_utf8_lossy(&export.bytes);
    assert!(raw.contains("FontFile"), "the font is embedded");
}

#[test]
fn long_section_and_two_thousand_indicators_lose_nothing() {
    let form = common::big_form(2000, 10_000);
    let export = pdf::export(&form).unwrap();
    assert!(export.pages > 30, "{} pages", export.pages);
    let text = pdf_text(&export.bytes);
    for (_, ind) in form.indicators() {
        assert_printed(&text, &ind.name, Column::IndicatorName);
    }
    assert_printed(&text, form.section("necessity"), Column::SectionValue);
    assert!(text.contains("项目设立的必要性（续）"));

    // Every page with indicators has the column headings and the labels of the first
    // indicator's 一级 and 二级 goals, so no row loses its labels at a page break.
    let font = pdf::font::get().unwrap();
    let pages = layout::layout(&form, jixiao::core::template::shanghai_2020(), &|c| {
        font.measure(c)
    });
    assert_eq!(pages.len(), export.pages);
    let mut grid_pages = 0;
    for page in &pages {
        let texts: Vec<&str> = page.texts().collect();
        let Some(first) = texts
            .iter()
            .find(|t| t.starts_with('第') && t.ends_with("指标"))
        else {
            continue;
        };
        grid_pages += 1;
        assert!(texts.contains(&"三级目标") && texts.contains(&"指标目标值"));
        let (path, _) = form.indicators().find(|(_, i)| i.name == *first).unwrap();
        assert!(
            texts.contains(&form.grids[0].goals[path.goal].name.as_str()),
            "{first}"
        );
        let group = &form.grids[0].goals[path.goal].groups[path.group].name;
        assert!(texts.contains(&group.as_str()), "{first}: {group}");
    }
    assert!(grid_pages > 20, "{grid_pages}");
}

#[test]
fn missing_characters_are_reported_and_the_pdf_still_written() {
    let mut form = Form::new(jixiao::core::template::shanghai_2020(), 2020);
    form.set_field("project_name", "测试\u{E000}项目"); // a private-use char no font has
    let export = pdf::export(&form).unwrap();
    assert_eq!(export.missing.len(), 1);
    assert_eq!(export.missing[0].places, ["项目名称"]);
    assert!(export.bytes.starts_with(b"%PDF-"));
}

/// A grid over several pages: every page it goes on to repeats its title marked （续）
/// and its column headings, and its last row never stands alone on a page.
#[test]
fn a_grid_over_pages_repeats_its_title_and_keeps_its_last_rows_together() {
    let form = common::sample();
    let template = jixiao::core::template::for_form(&form);
    let heading = template.grids[0].heading_for(form.year);
    let bytes = pdf::export(&form).unwrap().bytes;
    let pages = pdf_extract::extract_text_from_mem_by_pages(&bytes).unwrap();
    let continued = format!("{heading}（续）");
    let grid_pages: Vec<&String> = pages
        .iter()
        .skip_while(|p| !squeeze(p).contains(&squeeze(&heading)))
        .collect();
    assert!(grid_pages.len() > 1, "the sample's grid goes over pages");
    for page in &grid_pages[1..] {
        assert!(squeeze(page).contains(&squeeze(&continued)), "{page}");
    }
    // the last indicator is not the only one on its page
    let names: Vec<String> = form.grids[0]
        .goals
        .iter()
        .flat_map(|g| &g.groups)
        .flat_map(|g| &g.indicators)
        .map(|i| squeeze(&i.name))
        .collect();
    let last_page = squeeze(grid_pages.last().unwrap());
    let on_last = names
        .iter()
        .filter(|n| last_page.contains(n.as_str()))
        .count();
    assert!(on_last >= 2, "{on_last} indicator(s) on the last page");
}

#[test]
fn a_draft_says_so_on_every_page_and_a_final_copy_does_not() {
    let form = common::sample();
    let t = jixiao::core::template::for_form(&form);
    let draft = pdf::export_as(&form, &t, true).unwrap();
    let pages = pdf_extract::extract_text_from_mem_by_pages(&draft.bytes).unwrap();
    assert!(pages.len() > 1);
    for (i, text) in pages.iter().enumerate() {
        let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(text.contains("草稿"), "page {}", i + 1);
    }
    let final_copy = pdf::export_as(&form, &t, false).unwrap();
    assert!(!pdf_text(&final_copy.bytes).contains("草稿"));
    // the rest of the text is the same
    let without: String = pdf_text(&draft.bytes).replace("草稿", "");
    assert_eq!(
        without.chars().count(),
        pdf_text(&final_copy.bytes).chars().count()
    );
}

/// A layout that asks for it (the 101号 table's nine columns) prints on A4 turned
/// sideways, every mark on the page and the grid across its width; the others upright.
#[test]
fn a_wide_layout_prints_on_a4_sideways() {
    let font = jixiao::pdf::font::get().unwrap();
    for form in common::all_samples() {
        let t = jixiao::core::template::for_form(&form);
        let pages = jixiao::pdf::layout::layout(&form, &t, &|c| font.measure(c));
        let expected = if t.landscape {
            jixiao::pdf::layout::A4_LANDSCAPE
        } else {
            jixiao::pdf::layout::A4
        };
        assert_eq!(t.landscape, t.id == "national-101", "{}", t.id);
        for page in &pages {
            assert_eq!(page.size, expected, "{}", t.id);
            for mark in &page.marks {
                if let jixiao::pdf::layout::Mark::Line { from, to } = mark {
                    for (x, y) in [from, to] {
                        assert!((0.0..=page.size.0).contains(x) && (0.0..=page.size.1).contains(y));
                    }
                }
            }
        }
        // the table reaches the right margin of the page it is on
        let right = pages[0]
            .marks
            .iter()
            .filter_map(|m| match m {
                jixiao::pdf::layout::Mark::Line { from, to } => Some(from.0.max(to.0)),
                _ => None,
            })
            .fold(0.0, f32::max);
        assert!(
            (right - (expected.0 - 56.7)).abs() < 1.0,
            "{}: {right}",
            t.id
        );
        let pdf = jixiao::pdf::export(&form).unwrap();
        let media = format!("MediaBox[0 0 {}", expected.0 as u32);
        assert!(
            pdf.bytes
                .windows(media.len())
                .any(|w| w == media.as_bytes()),
            "{}: {media}",
            t.id
        );
    }
}
