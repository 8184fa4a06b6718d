//! What a label in a file can name in a template — a field, an amount, a text section,
//! the year — and finding it in a cell ("项目名称：某项目", "其中：财政拨款").

use crate::core::labels::{Candidates, Label, Score, THRESHOLD};
use crate::core::template::{FieldKind, Template};

/// What a label cell can name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Slot {
    Year,
    /// A project period (项目期, 实施期 2023.07-2024.01) where the template keeps it as
    /// a start date and an end date (ids of the two date fields).
    Period(String, String),
    Field(String),
    Money(String),
    Section(String),
}

pub(super) struct Slots {
    list: Candidates<Slot>,
}

impl Slots {
    pub(super) fn of(template: &Template) -> Slots {
        let mut list = Vec::new();
        let has_year_field = template
            .fields
            .iter()
            .any(|f| matches!(f.kind, FieldKind::Year));
        for f in &template.fields {
            list.push((Slot::Field(f.id.clone()), vec![f.label.clone()]));
        }
        if let Some(m) = &template.money {
            for r in &m.rows {
                list.push((Slot::Money(r.id.clone()), vec![r.label.clone()]));
            }
        }
        for s in &template.sections {
            list.push((Slot::Section(s.id.clone()), vec![s.label.clone()]));
        }
        // a period written in one cell fills a template's start and end dates
        let has_period = template
            .fields
            .iter()
            .any(|f| matches!(f.kind, FieldKind::Period));
        if !has_period {
            let dates = template
                .fields
                .iter()
                .filter(|f| matches!(f.kind, FieldKind::Date))
                .filter_map(|f| {
                    let prefix = f.id.strip_suffix("_start")?;
                    let end = format!("{prefix}_end");
                    template.field(&end).map(|_| (f.id.clone(), end))
                })
                .next();
            if let Some((start, end)) = dates {
                list.push((
                    Slot::Period(start, end),
                    vec!["项目期".into(), "项目起止时间".into(), "实施周期".into()],
                ));
            }
        }
        if !has_year_field {
            list.push((
                Slot::Year,
                vec!["年度".into(), "预算年度".into(), "申报年度".into()],
            ));
        }
        Slots {
            list: Candidates::new(
                list.iter()
                    .map(|(slot, labels)| (slot.clone(), &labels[..])),
            ),
        }
    }

    /// The slots a label names equally well (several where a layout repeats a label,
    /// like 其中：财政拨款 under both totals), if it clearly names any.
    pub(super) fn find(&self, label: &Label) -> Option<(Vec<Slot>, Score)> {
        let scores: Vec<(&Slot, Score)> = self.list.scores(label).collect();
        let top = scores
            .iter()
            .map(|(_, s)| *s)
            .max()
            .filter(|s| *s >= THRESHOLD)?;
        let tied = scores
            .into_iter()
            .filter(|(_, s)| *s == top)
            .map(|(slot, _)| slot.clone())
            .collect();
        Some((tied, top))
    }
}

/// A label in a cell: the slots it may name, and text after a colon in the same cell.
pub(super) fn label_in(slots: &Slots, text: &str) -> Option<(Vec<Slot>, Score, Label, String)> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    // a label, or a label and its value after a colon: only the head is compared
    let text = match text.char_indices().nth(64) {
        Some((cut, _)) if !text[..cut].contains(['：', ':']) => return None,
        _ => text,
    };
    // "其中：财政拨款" is the label 财政拨款 (a part of the amount above)
    let text = match text.strip_prefix("其中") {
        Some(rest) if !rest.trim_start_matches(['：', ':', ' ']).is_empty() => {
            rest.trim_start_matches(['：', ':', ' '])
        }
        _ => text,
    };
    let (head, rest) = match text.find(['：', ':']) {
        Some(i) if text[..i].chars().count() <= 24 => {
            let colon = text[i..].chars().next().map_or(1, char::len_utf8);
            (&text[..i], text[i + colon..].trim())
        }
        _ if text.chars().count() <= 24 => (text, ""),
        _ => return None,
    };
    let label = Label::new(head);
    let (slot, score) = slots.find(&label)?;
    Some((slot, score, label, rest.to_string()))
}
