//! A form at the scale the issue names: 5,000 indicators and 50,000-character sections
//! opens, validates, takes edits, saves, opens again and exports.

mod common;

use jixiao::core::document::Document;
use jixiao::core::edit::Edit;
use jixiao::core::model::IndicatorPath;
use jixiao::core::{store, validate};

#[test]
fn five_thousand_indicators_end_to_end() {
    let form = common::big_form(5000, 50_000);
    assert_eq!(form.indicator_count(), 5000);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.ron");
    store::save(&path, &form).unwrap();

    let loaded = store::load(&path).unwrap();
    assert_eq!(loaded, form);
    let problems = validate::validate(&loaded, jixiao::core::template::shanghai_2020());
    assert!(
        !validate::has_errors(&problems),
        "{:?}",
        &problems[..problems.len().min(3)]
    );

    let mut doc = Document::new(loaded, Some(path.clone()));
    let last = IndicatorPath {
        grid: 0,
        goal: 3,
        group: 4,
        indicator: 249,
    };
    doc.apply(Edit::SetIndicatorTarget(last, "=100%".into()))
        .unwrap();
    doc.apply(Edit::MoveIndicator {
        from: last,
        to: IndicatorPath {
            grid: 0,
            goal: 0,
            group: 0,
            indicator: 0,
        },
    })
    .unwrap();
    doc.apply(Edit::SetSection("goals".into(), "改写".repeat(25_000)))
        .unwrap();
    store::save(&path, doc.form()).unwrap();
    let again = store::load(&path).unwrap();
    assert_eq!(&again, doc.form());
    assert_eq!(
        again.grids[0].goals[0].groups[0].indicators[0].target,
        "=100%"
    );

    let export = jixiao::pdf::export(&again).unwrap();
    assert!(export.pages > 100, "{} pages", export.pages);
    assert!(
        export.bytes.len() < 5 * 1024 * 1024,
        "{} bytes",
        export.bytes.len()
    );
}
