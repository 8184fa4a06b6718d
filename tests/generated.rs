//! Property-style tests on generated forms: random content of every kind saves and opens
//! again unchanged, and random or cut-off files never make the loader panic.

mod common;

use jixiao::core::model::{Form, Goal, Group, Indicator};
use jixiao::core::money::Money;
use jixiao::core::store;
use jixiao::core::template::ColumnKind;

/// Characters chosen to stress the file format: quotes, escapes, RON syntax, control
/// characters, CJK, rare CJK, emoji, combining marks, right-to-left text.
const ALPHABET: &[char] = &[
    'a', 'Z', '0', '9', ' ', '\t', '\n', '\r', '"', '\'', '\\', '#', 'r', '(', ')', '[', ']', '{',
    '}', ',', ':', '/', '*', '%', '≥', '＞', '＝', '中', '文', '。', '，', '“', '”', '𠀀', '🎉',
    '\u{301}', '\u{200b}', '\u{feff}', '\u{0}', '\u{1b}', 'ا', '\u{7f}', '\u{fffd}',
];

fn text(rng: &mut fastrand::Rng, max: usize) -> String {
    let n = rng.usize(0..=max);
    (0..n)
        .map(|_| ALPHABET[rng.usize(0..ALPHABET.len())])
        .collect()
}

fn random_form(rng: &mut fastrand::Rng) -> Form {
    let mut f = Form::new(jixiao::core::template::shanghai_2020(), rng.i32(1990..2200));
    f.set_field("unit_name", text(rng, 30));
    f.set_field("project_name", text(rng, 30));
    f.set_field("project_category", text(rng, 10));
    f.set_field("performance_type", text(rng, 10));
    // Dates are text now: a valid one, or anything at all.
    let date = format!(
        "{}-{:02}-{:02}",
        rng.i32(1990..2100),
        rng.u32(1..=12),
        rng.u32(1..=28)
    );
    f.set_field("plan_start", if rng.bool() { date } else { text(rng, 12) });
    f.set_field("plan_end", text(rng, 12));
    f.set_field(
        "buys_government_services",
        if rng.bool() { "是" } else { "否" },
    );
    // A field of a template this program does not know.
    f.set_field(&format!("field_{}", rng.u8(..)), text(rng, 20));
    let ids: Vec<String> = f.sections.keys().cloned().collect();
    for id in ids {
        f.sections.insert(id, text(rng, 400));
    }
    let money = |rng: &mut fastrand::Rng| {
        if rng.u8(0..5) == 0 {
            Money::UNKNOWN
        } else {
            Money::from_fen(rng.i64(-1_000_000_000_000..1_000_000_000_000))
        }
    };
    f.money.insert("total".into(), money(rng));
    f.money.insert("current_year".into(), money(rng));
    f.money.insert("prior_year_budget".into(), money(rng));
    f.money.insert("prior_year_executed".into(), money(rng));
    f.grids[0].goals = (0..rng.usize(0..4))
        .map(|_| Goal {
            name: text(rng, 8),
            groups: (0..rng.usize(0..4))
                .map(|_| Group {
                    name: text(rng, 8),
                    indicators: (0..rng.usize(0..6))
                        .map(|_| {
                            let mut ind = Indicator::new(text(rng, 20), text(rng, 8));
                            // The cells of structured layouts, empty ones not kept.
                            for kind in [ColumnKind::Sign, ColumnKind::Unit, ColumnKind::Note] {
                                if rng.bool() {
                                    ind.set_cell(kind, text(rng, 6));
                                }
                            }
                            ind
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect();
    f
}

#[test]
fn random_forms_round_trip() {
    let mut rng = fastrand::Rng::with_seed(20261124);
    for i in 0..400 {
        let form = random_form(&mut rng);
        let text = store::to_ron_string(&form);
        match store::parse_str(&text) {
            Ok(again) => assert_eq!(again, form, "case {i}"),
            Err(e) => panic!("case {i}: {e}\n{text}"),
        }
    }
}

#[test]
fn random_and_cut_files_never_panic() {
    let mut rng = fastrand::Rng::with_seed(7);
    let sample = std::fs::read(common::sample_path()).unwrap();
    for _ in 0..300 {
        // cut off anywhere, including inside a UTF-8 character
        let cut = rng.usize(0..sample.len());
        let _ = store::parse_bytes(&sample[..cut]);
        // a few bytes changed
        let mut bytes = sample.clone();
        for _ in 0..rng.usize(1..8) {
            let at = rng.usize(0..bytes.len());
            bytes[at] = rng.u8(..);
        }
        let _ = store::parse_bytes(&bytes);
        // pure noise
        let noise: Vec<u8> = (0..rng.usize(0..200)).map(|_| rng.u8(..)).collect();
        let _ = store::parse_bytes(&noise);
        // random text after the header
        let t = format!(
            "Form(format_version: 1, year: 2020, {}",
            text(&mut rng, 100)
        );
        let _ = store::parse_str(&t);
        let _ = jixiao::core::target::parse(&text(&mut rng, 20));
    }
}
