//! Property-style tests on generated forms: random content of every kind saves and opens
//! again unchanged, and random or cut-off files never make the loader panic.

mod common;

use jixiao::core::model::{Form, Goal, Group, Indicator, SectionKind};
use jixiao::core::money::Money;
use jixiao::core::store;

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
    let mut f = Form::empty(rng.i32(1990..2200));
    f.unit_name = text(rng, 30);
    f.project_name = text(rng, 30);
    f.project_category = text(rng, 10);
    f.performance_type = text(rng, 10);
    f.plan_start =
        chrono::NaiveDate::from_ymd_opt(rng.i32(1990..2100), rng.u32(1..=12), rng.u32(1..=28));
    f.plan_end = if rng.bool() { None } else { f.plan_start };
    f.buys_government_services = rng.bool();
    for kind in SectionKind::ALL {
        *f.section_mut(kind) = text(rng, 400);
    }
    let money = |rng: &mut fastrand::Rng| {
        if rng.u8(0..5) == 0 {
            Money::UNKNOWN
        } else {
            Money::from_fen(rng.i64(-1_000_000_000_000..1_000_000_000_000))
        }
    };
    f.budget.total = money(rng);
    f.budget.current_year = money(rng);
    f.budget.prior_year_budget = money(rng);
    f.budget.prior_year_executed = money(rng);
    f.goals = (0..rng.usize(0..4))
        .map(|_| Goal {
            name: text(rng, 8),
            groups: (0..rng.usize(0..4))
                .map(|_| Group {
                    name: text(rng, 8),
                    indicators: (0..rng.usize(0..6))
                        .map(|_| Indicator::new(text(rng, 20), text(rng, 8)))
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
