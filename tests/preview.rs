//! 页面预览 (F5) in the window: the pages the PDF prints, counted as the layout counts
//! them, following an edit (laid out again off the frame) and hidden again by F5.

mod common;

use egui_kittest::kittest::Queryable;
use jixiao::core::edit::Edit;
use jixiao::core::model::{Indicator, IndicatorPath};

/// Steps the window until the preview has laid out the form's latest revision.
fn settle(h: &mut egui_kittest::Harness<'static, jixiao::ui::App>) {
    let started = std::time::Instant::now();
    loop {
        h.run();
        if h.query_by_label("排版中…").is_none() {
            break;
        }
        assert!(started.elapsed().as_secs() < 30, "the layout finishes");
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

fn pages_of(form: &jixiao::core::model::Form) -> usize {
    let font = jixiao::pdf::font::get().unwrap();
    let t = jixiao::core::template::for_form(form);
    jixiao::pdf::layout::layout(form, &t, &|c| font.measure(c)).len()
}

#[test]
fn the_preview_shows_the_printed_pages_and_follows_edits() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = common::window::open_sample(dir.path());
    assert!(h.query_by_label("页面预览").is_none());
    h.key_press(egui::Key::F5);
    settle(&mut h);
    h.get_by_label("页面预览");
    let n = pages_of(h.state().doc.form());
    h.get_by_label(&format!("第 1 页 共 {n} 页"));
    // forty more indicators: more pages, shown without closing the preview
    for i in 0..40 {
        let at = IndicatorPath {
            grid: 0,
            goal: 1,
            group: 0,
            indicator: 0,
        };
        h.state_mut()
            .doc
            .apply(Edit::InsertIndicator {
                at,
                indicator: Box::new(Indicator::new(format!("新增指标{i}"), "≥1个")),
            })
            .unwrap();
    }
    settle(&mut h);
    let more = pages_of(h.state().doc.form());
    assert!(more > n);
    h.get_by_label(&format!("第 1 页 共 {more} 页"));
    h.get_by_label("下一页").click();
    h.run();
    h.run();
    h.get_by_label(&format!("第 2 页 共 {more} 页"));
    h.key_press(egui::Key::F5);
    h.run();
    assert!(h.query_by_label("页面预览").is_none(), "F5 hides it again");
}

/// Every printed value knows where it came from: each indicator's cells, each header
/// field, section and amount have a box on the page, and a point inside a box leads back
/// to the same place (what a click on the preview goes to).
#[test]
fn every_printed_value_leads_back_to_its_field_or_cell() {
    use jixiao::core::model::FieldId;
    use jixiao::core::validate::Location;
    for form in common::all_samples() {
        let font = jixiao::pdf::font::get().unwrap();
        let t = jixiao::core::template::for_form(&form);
        let pages = jixiao::pdf::layout::layout(&form, &t, &|c| font.measure(c));
        let back = |at: &Location, column| {
            pages.iter().any(|page| {
                page.region_of(at, column).is_some_and(|r| {
                    let middle = ((r.min.0 + r.max.0) / 2.0, (r.min.1 + r.max.1) / 2.0);
                    page.region_at(middle.0, middle.1).map(|x| &x.at) == Some(at)
                })
            })
        };
        for (path, _) in form.indicators() {
            let at = Location::Indicator(path);
            assert!(
                back(&at, Some(jixiao::core::template::ColumnKind::Name)),
                "{path:?}"
            );
        }
        for row in &t.header_rows {
            for id in row {
                assert!(back(&Location::Field(FieldId::field(id)), None), "{id}");
            }
        }
        for spec in &t.sections {
            let at = Location::Field(FieldId::section(&spec.id));
            assert!(back(&at, None), "{}", spec.id);
        }
        if let Some(money) = &t.money {
            for row in &money.rows {
                let at = Location::Field(FieldId::money(&row.id));
                assert!(back(&at, None), "{}", row.id);
            }
        }
        for (g, grid) in form.grids.iter().enumerate() {
            for (gi, goal) in grid.goals.iter().enumerate() {
                assert!(back(&Location::Goal(g, gi), None));
                for gri in 0..goal.groups.len() {
                    assert!(back(&Location::Group(g, gi, gri), None));
                }
            }
        }
    }
}

/// Selecting an indicator in the editor scrolls the preview to the page it prints on.
#[test]
fn selecting_in_the_editor_turns_the_preview_to_its_page() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = common::window::open_sample(dir.path());
    h.key_press(egui::Key::F5);
    settle(&mut h);
    let form = h.state().doc.form().clone();
    let font = jixiao::pdf::font::get().unwrap();
    let t = jixiao::core::template::for_form(&form);
    let pages = jixiao::pdf::layout::layout(&form, &t, &|c| font.measure(c));
    let n = pages.len();
    // the last indicator: on one of the last pages
    let (path, _) = form.indicators().last().unwrap();
    let at = jixiao::core::validate::Location::Indicator(path);
    let page = pages
        .iter()
        .position(|p| p.region_of(&at, None).is_some())
        .unwrap();
    assert!(page >= 2, "it prints further on (page {})", page + 1);
    let shown = |h: &egui_kittest::Harness<'static, jixiao::ui::App>| {
        (1..=n)
            .find(|k| h.query_by_label(&format!("第 {k} 页 共 {n} 页")).is_some())
            .unwrap()
    };
    assert_eq!(shown(&h), 1);
    h.state_mut().state.selection = jixiao::ui::Node::Indicator(path);
    for _ in 0..4 {
        h.run();
    }
    // the page is in view (the view is taller than a page: it may start on the one before)
    let top = shown(&h);
    assert!(
        top == page + 1 || top == page,
        "page {} in view, the view starts at {top}",
        page + 1
    );
}

/// In the 绩效自评 view the preview shows the 自评表 as 导出自评表 PDF prints it.
#[test]
fn the_self_evaluation_view_previews_its_own_table() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = common::window::open_sample(dir.path());
    h.key_press(egui::Key::F5);
    settle(&mut h);
    h.state_mut().state.selection = jixiao::ui::Node::SelfEval;
    settle(&mut h);
    h.get_by_label("页面预览 · 绩效自评表");
    let form = h.state().doc.form().clone();
    let t = jixiao::core::template::for_form(&form);
    let font = jixiao::pdf::font::get().unwrap();
    let card = jixiao::core::scorecard::score(&form, &t);
    let table = jixiao::core::exchange::stage_table::self_eval_table(&form, &t, &card);
    let n = jixiao::pdf::table_pages::pages(&table, &|c| font.measure(c)).len();
    h.get_by_label(&format!("第 1 页 共 {n} 页"));
    // back in the form, the form's pages
    h.state_mut().state.selection = jixiao::ui::Node::Header;
    settle(&mut h);
    h.get_by_label("页面预览");
}

/// Each printed line of a value knows the character of the value it starts at (a
/// section continued over pages too): a click on a line of 项目概况 in the preview puts
/// the cursor at that character.
#[test]
fn every_printed_line_knows_where_in_its_value_it_starts() {
    use jixiao::core::model::FieldId;
    use jixiao::core::validate::Location;
    use jixiao::pdf::layout::Mark;
    for form in common::all_samples() {
        let font = jixiao::pdf::font::get().unwrap();
        let t = jixiao::core::template::for_form(&form);
        let pages = jixiao::pdf::layout::layout(&form, &t, &|c| font.measure(c));
        let mut seen = 0;
        for page in &pages {
            for span in &page.spans {
                let Mark::Text { text, .. } = &page.marks[span.mark] else {
                    panic!("a span is a text mark");
                };
                let value: String = match &span.at {
                    Location::Field(FieldId::Section(id)) => form.section(id).to_string(),
                    Location::Field(FieldId::Field(id)) => form.field(id).to_string(),
                    Location::Indicator(p) => form
                        .indicator(*p)
                        .unwrap()
                        .cell(span.column.unwrap())
                        .to_string(),
                    _ => continue,
                };
                let here: String = value
                    .chars()
                    .skip(span.start)
                    .take(text.chars().count())
                    .collect();
                assert_eq!(here.trim_end(), text.trim_end(), "{:?}", span.at);
                seen += 1;
            }
        }
        assert!(seen > form.indicator_count(), "{seen}");
    }
}

/// The preview's pages and the PDF's pages hold the same text in the same order, page
/// by page, for every sample (one layout feeds both).
#[test]
fn the_preview_and_the_pdf_hold_the_same_text_page_by_page() {
    let squeeze = |s: &str| -> String { s.chars().filter(|c| !c.is_whitespace()).collect() };
    for form in common::all_samples() {
        let font = jixiao::pdf::font::get().unwrap();
        let t = jixiao::core::template::for_form(&form);
        let pages = jixiao::pdf::layout::layout(&form, &t, &|c| font.measure(c));
        let pdf = jixiao::pdf::export(&form).unwrap();
        let printed = pdf_extract::extract_text_from_mem_by_pages(&pdf.bytes).unwrap();
        assert_eq!(printed.len(), pages.len(), "{}", t.id);
        for (i, (page, text)) in pages.iter().zip(&printed).enumerate() {
            let shown = squeeze(&page.texts().collect::<String>());
            assert_eq!(shown, squeeze(text), "{} page {}", t.id, i + 1);
        }
    }
}

/// A click on an indicator's row in the preview selects that indicator in the editor.
#[test]
fn clicking_an_indicator_on_a_preview_page_selects_it() {
    use jixiao::core::validate::Location;
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = common::window::open_sample(dir.path());
    h.key_press(egui::Key::F5);
    settle(&mut h);
    let form = h.state().doc.form().clone();
    let mut paths = form.indicators().map(|(p, _)| p);
    let first = paths.next().unwrap();
    let other = paths.nth(3).unwrap();
    // the editor on the first indicator: the preview turns to its page
    h.state_mut().state.selection = jixiao::ui::Node::Indicator(first);
    for _ in 0..4 {
        h.run();
    }
    let point = h
        .state()
        .panels
        .preview
        .screen_point(&Location::Indicator(other))
        .expect("the other indicator is on the page in view");
    h.event(egui::Event::PointerMoved(point));
    h.event(egui::Event::PointerButton {
        pos: point,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: egui::Modifiers::NONE,
    });
    h.event(egui::Event::PointerButton {
        pos: point,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: egui::Modifiers::NONE,
    });
    h.run();
    h.run();
    assert_eq!(
        h.state().state.selection,
        jixiao::ui::Node::Indicator(other)
    );
}
