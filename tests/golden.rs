//! Version-1 files print exactly as they did before templates: every page's text and
//! lines at the same places, compared with a dump kept in `tests/golden/` (written by
//! the program of the commit that added them). `UPDATE_GOLDEN=1 cargo test --test
//! golden` rewrites the dumps after an intended change of the printed look.

use std::fmt::Write;
use std::path::Path;

use jixiao::core::store;
use jixiao::pdf::{font, layout};

fn dump(pages: &[layout::Page]) -> String {
    let mut out = String::new();
    for (n, page) in pages.iter().enumerate() {
        writeln!(out, "--- page {}", n + 1).unwrap();
        for mark in &page.marks {
            match mark {
                layout::Mark::Text { x, y, size, text } => {
                    writeln!(out, "T {x:.2} {y:.2} {size:.1} {text}").unwrap()
                }
                layout::Mark::Line { from, to } => {
                    writeln!(out, "L {:.2} {:.2} {:.2} {:.2}", from.0, from.1, to.0, to.1).unwrap()
                }
            }
        }
    }
    out
}

#[test]
fn version_1_files_print_as_before() {
    let font = font::get().expect("font");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut inputs: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    inputs.sort();
    assert!(inputs.len() >= 5, "{inputs:?}");
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    for input in inputs {
        let text = std::fs::read_to_string(&input).unwrap();
        assert!(
            text.contains("format_version: 1,"),
            "{input:?} is a version-1 file"
        );
        let form = store::load(&input).unwrap();
        let template = jixiao::core::template::for_form(&form);
        let pages = layout::layout(&form, &template, &|c| font.measure(c));
        let got = dump(&pages);
        let expected_path = input.with_extension("layout.txt");
        if update {
            std::fs::write(&expected_path, &got).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap();
        if got != expected {
            let first = got
                .lines()
                .zip(expected.lines())
                .position(|(a, b)| a != b)
                .unwrap_or(0);
            panic!(
                "{input:?} prints differently from line {} of {expected_path:?}:\n  now:    {:?}\n  before: {:?}",
                first + 1,
                got.lines().nth(first),
                expected.lines().nth(first)
            );
        }
    }
}
