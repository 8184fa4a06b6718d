//! A money block printed as a small table: the totals across the top (实施期资金总额 |
//! 年度资金总额, or 中期 | 年度), the amounts' names down the side (资金总额, 其中：财政
//! 拨款, 其他资金), each amount where its row and its column meet.

use super::Reader;
use crate::core::exchange::import::slots::{label_in, Slot};
use crate::core::exchange::import::source::Row;
use crate::core::labels::{Label, STEM};

impl Reader<'_> {
    /// Reads such a block when row `i` is its heading row; returns the row after it.
    pub(super) fn money_matrix(&mut self, rows: &[Row], i: usize) -> Option<usize> {
        let columns = self.total_columns(&rows[i])?;
        let first = columns[0].0;
        let mut next = i + 1;
        while let Some(row) = rows.get(next) {
            // the amount's name: the last cell with text left of the first column
            let Some(name) = row
                .cells
                .iter()
                .take(first)
                .rev()
                .map(|c| c.text.trim())
                .find(|t| !t.is_empty())
            else {
                break;
            };
            let Some((tied, score, label, rest)) = label_in(self.slots, name) else {
                break;
            };
            if !rest.is_empty() || score < STEM {
                break;
            }
            let mut placed = false;
            for (c, total) in &columns {
                let value = row.cells.get(*c).map_or("", |x| x.text.trim());
                if value.is_empty() {
                    continue;
                }
                // the amount of this name that is the column's total or a part of it
                let slot = tied.iter().find(|s| match s {
                    Slot::Money(id) => {
                        id == total
                            || self
                                .template
                                .money_row(id)
                                .and_then(|r| r.part_of.as_deref())
                                == Some(total.as_str())
                    }
                    _ => false,
                });
                // "资金总额" down the side of "实施期资金总额": the column's total itself
                let own_total = || {
                    let total_label = self.template.money_row(total)?.label.clone();
                    let core = Label::new(name).core;
                    (!core.is_empty() && Label::new(&total_label).core.contains(&core))
                        .then(|| Slot::Money(total.clone()))
                };
                if let Some(slot) = slot.cloned().or_else(own_total) {
                    self.put(slot, score, &label, value.to_string(), false, &row.place);
                    placed = true;
                }
            }
            if !placed {
                break;
            }
            next += 1;
        }
        (next > i + 1).then_some(next)
    }

    /// The heading row's columns, each with the total it stands for: two or more cells
    /// naming different totals ("实施期资金总额 | 年度资金总额", "中期 | 年度") and nothing
    /// else after the first of them.
    fn total_columns(&self, row: &Row) -> Option<Vec<(usize, String)>> {
        // (cheap first: two cells at least that speak of money or a period)
        const WORDS: [&str; 10] = [
            "资金",
            "总额",
            "预算",
            "金额",
            "中期",
            "实施期",
            "全周期",
            "年度",
            "当年",
            "本年",
        ];
        let likely = row
            .cells
            .iter()
            .filter(|c| WORDS.iter().any(|w| c.text.contains(w)))
            .count();
        if likely < 2 {
            return None;
        }
        let mut columns: Vec<(usize, String)> = Vec::new();
        for (c, cell) in row.cells.iter().enumerate() {
            let text = cell.text.trim();
            if text.is_empty() {
                continue;
            }
            match self.total_named(text) {
                Some(total) if !columns.iter().any(|(_, t)| *t == total) => {
                    columns.push((c, total))
                }
                _ if columns.is_empty() => {}
                _ => return None,
            }
        }
        (columns.len() >= 2 && columns[0].0 > 0).then_some(columns)
    }

    /// The total (a money row that is no part of another) a column heading names.
    fn total_named(&self, text: &str) -> Option<String> {
        let money = self.template.money.as_ref()?;
        let is_total = |id: &str| money.rows.iter().any(|r| r.id == id && r.part_of.is_none());
        if let Some((tied, score, _, rest)) = label_in(self.slots, text) {
            if rest.is_empty() && score >= STEM {
                let totals: Vec<&String> = tied
                    .iter()
                    .filter_map(|s| match s {
                        Slot::Money(id) if is_total(id) => Some(id),
                        _ => None,
                    })
                    .collect();
                if let [one] = totals[..] {
                    return Some(one.clone());
                }
            }
        }
        // a period alone: 中期 / 实施期 / 年度 / 当年
        let core: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        let long = ["中期", "实施期", "全周期"];
        let year = ["年度", "当年", "本年"];
        let words: &[&str] = if long.iter().any(|w| core.starts_with(w)) {
            &long
        } else if year.iter().any(|w| core.starts_with(w)) {
            &year
        } else {
            return None;
        };
        if core.chars().count() > 8 {
            return None;
        }
        let mut found = money
            .rows
            .iter()
            .filter(|r| r.part_of.is_none() && words.iter().any(|w| r.label.contains(w)));
        match (found.next(), found.next()) {
            (Some(one), None) => Some(one.id.clone()),
            _ => None,
        }
    }
}
