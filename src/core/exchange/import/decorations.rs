//! The printed form's own words that hold no value — its title, headings, the money
//! block's heading, "单位：万元" — told apart from labels and values in a file.

use super::values::year_in;
use crate::core::labels::Label;
use crate::core::template::Template;

/// The template's title and headings as compared with cells (worked out once: every
/// cell of a file is asked whether it is one).
pub(super) struct Decorations {
    words: Vec<String>,
    /// Grid headings without their year ("{year}年绩效目标" → 年绩效目标).
    headings: Vec<String>,
}

impl Decorations {
    pub(super) fn of(t: &Template) -> Decorations {
        let mut words: Vec<String> = [
            t.title.as_str(),
            "绩效目标",
            "绩效指标",
            "单位：万元",
            "单位：元",
        ]
        .iter()
        .filter(|k| !k.is_empty())
        .map(|k| Label::new(k).core)
        .collect();
        if let Some(m) = t.money.as_ref().filter(|m| !m.heading.is_empty()) {
            words.push(Label::new(&m.heading).core);
        }
        words.extend(t.grids.iter().map(|g| Label::new(&g.label).core));
        let headings = t
            .grids
            .iter()
            .map(|g| Label::new(&g.heading.replace("{year}", "")).core)
            .collect();
        Decorations { words, headings }
    }
}

impl Decorations {
    /// Whether `text` is one of them (or a year line, or a unit note).
    pub(super) fn holds(&self, text: &str) -> bool {
        if !crate::core::labels::could_be_label(text) {
            return false;
        }
        let core = Label::new(text).core;
        self.words.contains(&core)
            || self
                .headings
                .iter()
                .any(|h| *h == core.trim_start_matches(|c: char| c.is_ascii_digit()))
            || year_in(text).is_some() && text.chars().count() <= 12
            || core.starts_with("金额单位")
            || core.starts_with("单位")
    }
}
