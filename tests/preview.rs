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
