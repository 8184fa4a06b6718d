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
