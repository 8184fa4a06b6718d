//! The save file's text: pretty-printed RON written by hand, Chinese as characters, one
//! field a line and one indicator a line.

use super::model::{Form, SectionKind};

/// The file text: pretty-printed RON, Chinese as characters, one field a line and one
/// indicator a line. Written by hand rather than through `ron::ser`, whose per-character
/// escaping took 43 ms for a 5,000-indicator form; the layout is the same and `ron`
/// reads it (the round-trip tests hold both to that).
pub fn to_ron_string(form: &Form) -> String {
    use std::fmt::Write as _;
    let section_len: usize = SectionKind::ALL
        .iter()
        .map(|k| form.section(*k).len())
        .sum();
    let mut w = String::with_capacity(section_len + form.indicator_count() * 96 + 2048);
    let date = |d: Option<chrono::NaiveDate>| {
        d.map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default()
    };
    w.push_str("Form(\n");
    let _ = writeln!(w, "    format_version: {},", form.format_version);
    let _ = writeln!(w, "    year: {},", form.year);
    string_field(&mut w, 1, "unit_name", &form.unit_name);
    string_field(&mut w, 1, "project_name", &form.project_name);
    string_field(&mut w, 1, "project_category", &form.project_category);
    string_field(&mut w, 1, "plan_start", &date(form.plan_start));
    string_field(&mut w, 1, "plan_end", &date(form.plan_end));
    let _ = writeln!(
        w,
        "    buys_government_services: {},",
        form.buys_government_services
    );
    string_field(&mut w, 1, "performance_type", &form.performance_type);
    w.push_str("    sections: Sections(\n");
    let s = &form.sections;
    for (name, text) in [
        ("overview", &s.overview),
        ("basis", &s.basis),
        ("necessity", &s.necessity),
        ("safeguards", &s.safeguards),
        ("implementation_plan", &s.implementation_plan),
        ("goals", &s.goals),
    ] {
        string_field(&mut w, 2, name, text);
    }
    w.push_str("    ),\n    budget: Budget(\n");
    let b = &form.budget;
    for (name, money) in [
        ("total", b.total),
        ("current_year", b.current_year),
        ("prior_year_budget", b.prior_year_budget),
        ("prior_year_executed", b.prior_year_executed),
    ] {
        string_field(&mut w, 2, name, &money.to_plain());
    }
    w.push_str("    ),\n");
    if form.goals.is_empty() {
        w.push_str("    goals: [],\n");
    } else {
        w.push_str("    goals: [\n");
        for goal in &form.goals {
            w.push_str("        Goal(\n");
            string_field(&mut w, 3, "name", &goal.name);
            if goal.groups.is_empty() {
                w.push_str("            groups: [],\n");
            } else {
                w.push_str("            groups: [\n");
                for group in &goal.groups {
                    w.push_str("                Group(\n");
                    string_field(&mut w, 5, "name", &group.name);
                    if group.indicators.is_empty() {
                        w.push_str("                    indicators: [],\n");
                    } else {
                        w.push_str("                    indicators: [\n");
                        for ind in &group.indicators {
                            w.push_str("                        Indicator(name: ");
                            quoted(&mut w, &ind.name);
                            w.push_str(", target: ");
                            quoted(&mut w, &ind.target);
                            w.push_str("),\n");
                        }
                        w.push_str("                    ],\n");
                    }
                    w.push_str("                ),\n");
                }
                w.push_str("            ],\n");
            }
            w.push_str("        ),\n");
        }
        w.push_str("    ],\n");
    }
    if !form.review.is_empty() {
        review(&mut w, &form.review);
    }
    w.push_str(")\n");
    w
}

/// The review list, one item a line.
fn review(w: &mut String, review: &super::review::Review) {
    use std::fmt::Write as _;
    w.push_str("    review: Review(\n");
    string_field(w, 2, "title", &review.title);
    w.push_str("        items: [\n");
    for item in &review.items {
        w.push_str("            Item(at: ");
        quoted(w, &super::review::location_key(item.location));
        w.push_str(", place: ");
        quoted(w, &item.place);
        w.push_str(", message: ");
        quoted(w, &item.message);
        match item.char_offset {
            Some(o) => {
                let _ = write!(w, ", offset: Some({o}), len: {}", item.len);
            }
            None => w.push_str(", offset: None"),
        }
        let _ = writeln!(w, ", done: {}),", item.done);
    }
    w.push_str("        ],\n    ),\n");
}

fn string_field(w: &mut String, depth: usize, name: &str, value: &str) {
    for _ in 0..depth {
        w.push_str("    ");
    }
    w.push_str(name);
    w.push_str(": ");
    quoted(w, value);
    w.push_str(",\n");
}

/// A RON string literal: only quotes, backslashes and control characters are escaped,
/// everything else (Chinese, emoji) is written as itself.
fn quoted(w: &mut String, s: &str) {
    use std::fmt::Write as _;
    w.push('"');
    let mut start = 0;
    for (i, c) in s.char_indices() {
        let escape = match c {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            c if c.is_control() => "",
            _ => continue,
        };
        w.push_str(&s[start..i]);
        if escape.is_empty() {
            let _ = write!(w, "\\u{{{:x}}}", c as u32);
        } else {
            w.push_str(escape);
        }
        start = i + c.len_utf8();
    }
    w.push_str(&s[start..]);
    w.push('"');
}
