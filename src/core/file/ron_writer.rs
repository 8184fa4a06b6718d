//! The save file's text: pretty-printed RON written by hand, Chinese as characters, one
//! field a line and one indicator a line.

use std::collections::BTreeMap;

use crate::core::model::{Form, Goal};

/// The file text: pretty-printed RON, Chinese as characters, one field a line and one
/// indicator a line. Written by hand rather than through `ron::ser`, whose per-character
/// escaping took 43 ms for a 5,000-indicator form; the layout is the same and `ron`
/// reads it (the round-trip tests hold both to that).
pub fn to_ron_string(form: &Form) -> String {
    use std::fmt::Write as _;
    let text_len: usize = form.sections.values().map(String::len).sum();
    let mut w = String::with_capacity(text_len + form.indicator_count() * 96 + 2048);
    w.push_str("Form(\n");
    let _ = writeln!(
        w,
        "    format_version: {},",
        crate::core::model::written_version(form)
    );
    string_field(&mut w, 1, "template", &form.template);
    let _ = writeln!(w, "    year: {},", form.year);
    string_map(
        &mut w,
        "fields",
        form.fields.iter().map(|(k, v)| (k, v.as_str())),
    );
    let plain: BTreeMap<&String, String> =
        form.money.iter().map(|(k, m)| (k, m.to_plain())).collect();
    string_map(&mut w, "money", plain.iter().map(|(k, v)| (*k, v.as_str())));
    string_map(
        &mut w,
        "sections",
        form.sections.iter().map(|(k, v)| (k, v.as_str())),
    );
    if form.grids.is_empty() {
        w.push_str("    grids: [],\n");
    } else {
        w.push_str("    grids: [\n");
        for grid in &form.grids {
            w.push_str("        Grid(\n");
            string_field(&mut w, 3, "id", &grid.id);
            goals(&mut w, &grid.goals);
            w.push_str("        ),\n");
        }
        w.push_str("    ],\n");
    }
    if !form.review.is_empty() {
        review(&mut w, &form.review);
    }
    if !form.self_eval.is_empty() {
        let e = &form.self_eval;
        w.push_str("    self_eval: (");
        pairs(
            &mut w,
            &[
                ("budget_start", &e.budget_start.to_plain()),
                ("budget_year", &e.budget_year.to_plain()),
                ("executed", &e.executed.to_plain()),
                ("budget_weight", &e.budget_weight),
                ("budget_score", &e.budget_score),
                ("budget_reason", &e.budget_reason),
                ("achieved", &e.achieved),
            ],
        );
        w.push_str("),\n");
    }
    if !form.monitor.is_empty() {
        let m = &form.monitor;
        w.push_str("    monitor: (");
        if m.month != 0 {
            let _ = write!(w, "month: {}, ", m.month);
        }
        pairs(
            &mut w,
            &[
                ("budget_start", &m.budget_start.to_plain()),
                ("budget_year", &m.budget_year.to_plain()),
                ("executed", &m.executed.to_plain()),
                ("budget_reason", &m.budget_reason),
                ("achieved", &m.achieved),
            ],
        );
        w.push_str("),\n");
    }
    w.push_str(")\n");
    w
}

/// `name: { "key": "value", … },` one entry a line.
fn string_map<'a>(
    w: &mut String,
    name: &str,
    entries: impl Iterator<Item = (&'a String, &'a str)>,
) {
    let mut entries = entries.peekable();
    if entries.peek().is_none() {
        w.push_str("    ");
        w.push_str(name);
        w.push_str(": {},\n");
        return;
    }
    w.push_str("    ");
    w.push_str(name);
    w.push_str(": {\n");
    for (key, value) in entries {
        w.push_str("        ");
        quoted(w, key);
        w.push_str(": ");
        quoted(w, value);
        w.push_str(",\n");
    }
    w.push_str("    },\n");
}

/// A grid's goals at depth 3, one indicator a line.
fn goals(w: &mut String, goals: &[Goal]) {
    const IND: &str = "                            ";
    if goals.is_empty() {
        w.push_str("            goals: [],\n");
        return;
    }
    w.push_str("            goals: [\n");
    for goal in goals {
        w.push_str("                Goal(\n");
        string_field(w, 5, "name", &goal.name);
        if goal.groups.is_empty() {
            w.push_str("                    groups: [],\n");
        } else {
            w.push_str("                    groups: [\n");
            for group in &goal.groups {
                w.push_str("                        Group(\n");
                string_field(w, 7, "name", &group.name);
                if group.indicators.is_empty() {
                    w.push_str("                            indicators: [],\n");
                } else {
                    w.push_str("                            indicators: [\n");
                    for ind in &group.indicators {
                        w.push_str(IND);
                        w.push_str("    Indicator(name: ");
                        quoted(w, &ind.name);
                        if !ind.target.is_empty() {
                            w.push_str(", target: ");
                            quoted(w, &ind.target);
                        }
                        if !ind.cells.is_empty() {
                            w.push_str(", cells: {");
                            for (i, (key, value)) in ind.cells.iter().enumerate() {
                                if i > 0 {
                                    w.push_str(", ");
                                }
                                quoted(w, key);
                                w.push_str(": ");
                                quoted(w, value);
                            }
                            w.push('}');
                        }
                        let r = &ind.result;
                        if !r.is_empty() {
                            w.push_str(", result: (");
                            pairs(
                                w,
                                &[
                                    ("actual", &r.actual),
                                    ("weight", &r.weight),
                                    ("score", &r.score),
                                    ("outcome", &r.outcome),
                                    ("reason", &r.reason),
                                ],
                            );
                            w.push(')');
                        }
                        let p = &ind.progress;
                        if !p.is_empty() {
                            w.push_str(", progress: (");
                            pairs(
                                w,
                                &[
                                    ("done", &p.done),
                                    ("forecast", &p.forecast),
                                    ("likelihood", &p.likelihood),
                                    ("cause", &p.cause),
                                    ("measures", &p.measures),
                                ],
                            );
                            w.push(')');
                        }
                        w.push_str("),\n");
                    }
                    w.push_str(IND);
                    w.push_str("],\n");
                }
                w.push_str("                        ),\n");
            }
            w.push_str("                    ],\n");
        }
        w.push_str("                ),\n");
    }
    w.push_str("            ],\n");
}

/// The review list, one item a line.
fn review(w: &mut String, review: &crate::core::review::Review) {
    use std::fmt::Write as _;
    w.push_str("    review: Review(\n");
    string_field(w, 2, "title", &review.title);
    w.push_str("        items: [\n");
    for item in &review.items {
        w.push_str("            Item(at: ");
        quoted(w, &crate::core::review::location_key(&item.location));
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

/// `name: "value", …` on one line, empty values left out.
fn pairs(w: &mut String, items: &[(&str, &str)]) {
    let mut first = true;
    for (name, value) in items {
        if value.is_empty() {
            continue;
        }
        if !first {
            w.push_str(", ");
        }
        first = false;
        w.push_str(name);
        w.push_str(": ");
        quoted(w, value);
    }
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
