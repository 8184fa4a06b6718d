//! Label and value cells of the file (side by side, or labels over their values) put
//! into the form's fields, amounts and sections.

use super::{Reader, MAX_LISTED_LEFT_OUT};
use crate::core::editing::field_input::period_dates;
use crate::core::exchange::import::slots::{label_in, Slot};
use crate::core::exchange::import::source::Row;
use crate::core::exchange::import::values::{
    is_page_mark, money_of, short, split_note, year_in, yes_no,
};
use crate::core::labels::{best, Label, Score};
use crate::core::template::FieldKind;
use crate::core::validate::Location;

impl Reader<'_> {
    /// Label/value pairs in a row (and a section's text in the row under its label).
    pub(super) fn pairs(&mut self, rows: &[Row], i: usize) -> usize {
        if let Some(next) = self.money_matrix(rows, i) {
            return next;
        }
        if let Some(next) = self.labels_over_values(rows, i) {
            return next;
        }
        let row = &rows[i];
        let mut next = i + 1;
        let mut used = vec![false; row.cells.len()];
        let below_tables = self.grids.iter().any(Option::is_some);
        let mut decoration: Vec<bool> = row
            .cells
            .iter()
            .map(|c| {
                let text = c.text.trim();
                !c.merged
                    && (self.is_decoration(text) || below_tables && self.decorations.signs(text))
            })
            .collect();
        self.label_after_all(row, &mut decoration);
        for c in 0..row.cells.len() {
            if used[c] || row.cells[c].merged || decoration[c] {
                continue;
            }
            let Some((tied, score, label, rest)) = label_in(self.slots, &row.cells[c].text) else {
                continue;
            };
            let slot = self.pick(tied, i, c);
            if let Slot::Money(id) = &slot {
                self.money_at.push((id.clone(), i, c));
            }
            used[c] = true;
            let mut value = rest;
            let mut open_end = row.cells[c].open_end;
            if value.is_empty() {
                // the next cell that is not a label itself
                for (v, cell) in row.cells.iter().enumerate().skip(c + 1) {
                    if used[v] || cell.text.trim().is_empty() {
                        continue;
                    }
                    if label_in(self.slots, &cell.text)
                        .is_some_and(|(_, s, _, r)| s >= crate::core::labels::STEM && r.is_empty())
                    {
                        break;
                    }
                    used[v] = true;
                    value = cell.text.trim().to_string();
                    open_end = cell.open_end;
                    break;
                }
            }
            if value.is_empty() && matches!(slot, Slot::Section(_)) {
                // a section's text in the row below, across the table
                if let Some(below) = rows.get(i + 1) {
                    let filled: Vec<&crate::core::exchange::import::source::Cell> = below
                        .cells
                        .iter()
                        .filter(|c| !c.text.trim().is_empty())
                        .collect();
                    if filled.len() == 1 && label_in(self.slots, &filled[0].text).is_none() {
                        value = filled[0].text.trim().to_string();
                        open_end = filled[0].open_end;
                        next = i + 2;
                    }
                }
            }
            self.put(slot, score, &label, value, open_end, &row.place);
        }
        if is_page_mark(&row.texts()) {
            return next;
        }
        self.saw_unplaced(row, i, &used, &decoration);
        for (c, cell) in row.cells.iter().enumerate() {
            let text = cell.text.trim();
            if used[c] || cell.merged || text.is_empty() || decoration[c] {
                continue;
            }
            // listed one by one up to a point: a file of thousands of stray lines gives
            // a list a clerk can still read (and a form of reasonable size)
            self.left_out += 1;
            // a label forms use for something, with no place in this layout
            // (asked of the first ones only: a file of thousands of stray lines stays cheap)
            if self.left_out <= MAX_LISTED_LEFT_OUT && crate::core::labels::is_known(text) {
                self.known_left_out += 1;
            }
            if self.left_out <= MAX_LISTED_LEFT_OUT {
                self.note(
                    Location::Field(crate::core::model::FieldId::Year),
                    &row.place,
                    format!("未导入：“{}”不属于这张表的任何一栏", short(text)),
                );
            }
        }
        next
    }

    /// A row of labels only ("总体目标 | 中期目标 | 年度目标") over a row of their values in
    /// the same columns: each label's value is the cell under it. Returns the row after
    /// the values when it was such a pair of rows.
    pub(super) fn labels_over_values(&mut self, rows: &[Row], i: usize) -> Option<usize> {
        let (row, below) = (&rows[i], rows.get(i + 1)?);
        let under = |c: usize| below.cells.get(c).map_or("", |x| x.text.trim());
        let mut labelled: Vec<(usize, Vec<Slot>, Score, Label)> = Vec::new();
        for (c, cell) in row.cells.iter().enumerate() {
            let text = cell.text.trim();
            if text.is_empty() {
                continue;
            }
            match label_in(self.slots, text) {
                Some((tied, score, label, rest))
                    if score >= crate::core::labels::STEM && rest.is_empty() =>
                {
                    labelled.push((c, tied, score, label));
                }
                // a heading over the labels ("总体目标") is no value of its own
                _ if c == 0 => {}
                // a column the template has no place for beside a label whose value is
                // under it ("年度目标 | 年度总体目标完成情况" over "某目标 | "): nothing under
                // it, and the label left of it is not waiting for its value here
                _ if under(c).is_empty()
                    && labelled
                        .last()
                        .is_some_and(|(l, ..)| *l + 1 == c && !under(*l).is_empty()) => {}
                _ => return None,
            }
        }
        // a first label over nothing ("总体目标" over "年度目标 | 完成情况") heads the others
        let headed = labelled.len() >= 2 && labelled[0].0 == 0 && under(0).is_empty();
        if headed {
            labelled.remove(0);
        }
        let values = labelled
            .iter()
            .filter(|(c, ..)| !under(*c).is_empty())
            .count();
        let below_labels = below.cells.iter().any(|x| {
            label_in(self.slots, &x.text)
                .is_some_and(|(_, s, _, r)| s >= crate::core::labels::STEM && r.is_empty())
        });
        if labelled.len() < 2 && !headed || values == 0 || below_labels {
            return None;
        }
        for (c, tied, score, label) in labelled {
            let slot = self.pick(tied, i, c);
            let value = under(c).to_string();
            let open_end = below.cells.get(c).is_some_and(|x| x.open_end);
            self.put(slot, score, &label, value, open_end, &row.place);
        }
        Some(i + 2)
    }

    /// Of slots named by the same label (其中：财政拨款 under each total): the part of
    /// the total left of it in the same row, else of the total above it in the same
    /// column, else the first not filled yet (the template's order is the print order).
    pub(super) fn pick(&self, tied: Vec<Slot>, row: usize, col: usize) -> Slot {
        let parent_at = |slot: &Slot| -> Option<(usize, usize)> {
            let Slot::Money(id) = slot else { return None };
            let parent = self.template.money_row(id)?.part_of.clone()?;
            self.money_at
                .iter()
                .rev()
                .find(|(p, _, _)| *p == parent)
                .map(|(_, r, c)| (*r, *c))
        };
        let same_row = tied
            .iter()
            .filter_map(|s| {
                parent_at(s)
                    .filter(|(r, c)| *r == row && *c < col)
                    .map(|(_, c)| (s, c))
            })
            .max_by_key(|(_, c)| *c)
            .map(|(s, _)| s);
        let same_col = tied
            .iter()
            .filter_map(|s| {
                parent_at(s)
                    .filter(|(r, c)| *r < row && *c == col)
                    .map(|(r, _)| (s, r))
            })
            .max_by_key(|(_, r)| *r)
            .map(|(s, _)| s);
        same_row
            .or(same_col)
            .filter(|s| !self.filled.contains(s))
            .or_else(|| tied.iter().find(|s| !self.filled.contains(s)))
            .or(tied.first())
            .cloned()
            .unwrap_or(Slot::Year)
    }

    /// Title, subtitle, headings and notes of the printed form that hold no value.
    /// A heading word of the printed form (绩效目标) used as the label of a text of its
    /// own ("绩效目标 | 以办公大楼服务对象满意为目标", a row of nothing else): a label.
    fn label_after_all(&self, row: &Row, decoration: &mut [bool]) {
        let filled: Vec<usize> = (0..row.cells.len())
            .filter(|c| !row.cells[*c].merged && !row.cells[*c].text.trim().is_empty())
            .collect();
        let [c, v] = filled[..] else {
            return;
        };
        let value = row.cells[v].text.trim();
        let plain_text =
            !decoration[v] && value.chars().count() >= 10 && label_in(self.slots, value).is_none();
        let names_a_text =
            label_in(self.slots, &row.cells[c].text).is_some_and(|(tied, score, ..)| {
                score >= crate::core::labels::SYNONYM
                    && tied.iter().all(|t| matches!(t, Slot::Section(_)))
            });
        if decoration[c] && plain_text && names_a_text {
            decoration[c] = false;
        }
    }

    pub(super) fn is_decoration(&self, text: &str) -> bool {
        self.decorations.holds(text)
    }

    /// Puts a value into its slot, converting amounts and noting guesses.
    pub(super) fn put(
        &mut self,
        slot: Slot,
        score: Score,
        label: &Label,
        value: String,
        open_end: bool,
        place: &str,
    ) {
        let continued = label.note.contains('续');
        self.saw(&slot, label);
        let location = match &slot {
            Slot::Year => Location::Field(crate::core::model::FieldId::Year),
            Slot::Period(start, _) => {
                Location::Field(crate::core::model::FieldId::Field(start.clone()))
            }
            Slot::Field(id) => Location::Field(crate::core::model::FieldId::Field(id.clone())),
            Slot::Money(id) => Location::Field(crate::core::model::FieldId::Money(id.clone())),
            Slot::Section(id) => Location::Field(crate::core::model::FieldId::Section(id.clone())),
        };
        if score < crate::core::labels::STEM {
            self.note(
                location.clone(),
                place,
                format!("“{}”按意思归入这一栏，请核对", short(&label.core)),
            );
        }
        match &slot {
            Slot::Year => {
                if let Some(y) = year_in(&value) {
                    self.year = Some(y);
                }
            }
            Slot::Period(start, end) => match period_dates(&value) {
                Some((from, to)) => {
                    self.form
                        .set_field(start, from.format("%Y-%m-%d").to_string());
                    self.form.set_field(end, to.format("%Y-%m-%d").to_string());
                    self.filled.push(Slot::Field(start.clone()));
                    self.filled.push(Slot::Field(end.clone()));
                }
                None => self.note(
                    location.clone(),
                    place,
                    format!("期间“{}”无法读成起止日期，未导入", short(&value)),
                ),
            },
            Slot::Field(id) => {
                let value = match self.template.field(id).map(|f| &f.kind) {
                    Some(FieldKind::Year) => {
                        if let Some(y) = year_in(&value) {
                            self.year.get_or_insert(y);
                        }
                        value
                    }
                    Some(FieldKind::YesNo) => yes_no(&value),
                    // a date as the editor keeps it: 2020年1月1日 → 2020-01-01
                    Some(FieldKind::Date) => {
                        match crate::core::editing::field_input::parse_date(&value) {
                            Ok(Some(d)) => d.format("%Y-%m-%d").to_string(),
                            _ => value,
                        }
                    }
                    // one of the list, where the file says it in other words (新增 →
                    // 新增项目)
                    Some(FieldKind::Choice(options)) => {
                        let found = Label::new(if crate::core::labels::could_be_label(&value) {
                            &value
                        } else {
                            ""
                        });
                        let labels: Vec<(usize, [&str; 1])> = options
                            .iter()
                            .enumerate()
                            .map(|(i, o)| (i, [o.as_str()]))
                            .collect();
                        match best(&found, labels.iter().map(|(i, l)| (*i, &l[..]))) {
                            Some((i, _)) => options[i].clone(),
                            None => value,
                        }
                    }
                    _ => value,
                };
                if !self.filled.contains(&slot) || self.form.field(id).is_empty() {
                    self.form.set_field(id, value);
                }
            }
            Slot::Money(id) => {
                let unit = self.doc_unit.unwrap_or(self.template.money_unit());
                let parsed = money_of(&value, label, unit);
                match parsed {
                    Ok(m) => {
                        self.form.money.insert(id.clone(), m);
                        if let (amount, Some(note)) = split_note(&value) {
                            self.note(
                                location,
                                place,
                                format!(
                                    "金额“{}”后的说明“{}”未导入（只取金额），请核对",
                                    short(amount),
                                    short(note)
                                ),
                            );
                        }
                    }
                    Err(_) if value.is_empty() => {}
                    Err(_) => self.note(
                        location,
                        place,
                        format!("金额“{}”不是数字，未导入", short(&value)),
                    ),
                }
            }
            Slot::Section(id) => {
                let before = self.form.section(id).to_string();
                let text = if continued && !before.is_empty() {
                    let joiner = if self.section_open_end.contains(id) {
                        ""
                    } else {
                        "\n"
                    };
                    format!("{before}{joiner}{value}")
                } else {
                    value
                };
                self.section_open_end.retain(|s| s != id);
                if open_end {
                    self.section_open_end.push(id.clone());
                }
                self.form.sections.insert(id.clone(), text);
            }
        }
        if !self.filled.contains(&slot) {
            self.filled.push(slot);
        }
    }

    /// Notes a placed label as printed, for a template learned from the file.
    fn saw(&mut self, slot: &Slot, label: &Label) {
        let printed = if label.note.is_empty() || label.note.contains('续') {
            label.core.clone()
        } else {
            format!("{}（{}）", label.core, label.note)
        };
        let row = self.at_row;
        let seen = match slot {
            Slot::Year => return,
            Slot::Period(..) => super::Seen::Period {
                label: printed,
                row,
            },
            Slot::Field(id) => super::Seen::Field {
                id: id.clone(),
                label: printed,
                row,
            },
            Slot::Money(id) => super::Seen::Money {
                id: id.clone(),
                label: printed,
                row,
            },
            Slot::Section(id) => super::Seen::Section {
                id: id.clone(),
                label: printed,
                row,
            },
        };
        if !self.seen.contains(&seen) && self.seen.len() < MAX_SEEN {
            self.seen.push(seen);
        }
    }

    /// Cells of row `i` nothing took: a short label with a value beside it ("项目负责人及
    /// 电话 | 某某"), or a line of the signature or approval block.
    fn saw_unplaced(&mut self, row: &Row, i: usize, used: &[bool], decoration: &[bool]) {
        let free: Vec<(usize, &str)> = row
            .cells
            .iter()
            .enumerate()
            .filter(|(c, cell)| {
                // (signature lines the template knows are still this file's own)
                !used[*c]
                    && !cell.merged
                    && (!decoration[*c] || self.decorations.signs(cell.text.trim()))
            })
            .map(|(c, cell)| (c, cell.text.trim()))
            .filter(|(_, t)| !t.is_empty())
            .collect();
        // (the signature block is under the tables: above them 联系电话 is a field)
        let below_tables = self.grids.iter().any(Option::is_some);
        let signature = |t: &str| {
            below_tables
                && [
                    "填表人",
                    "填报人",
                    "填报日期",
                    "负责人签字",
                    "意见",
                    "盖章",
                    "审核人",
                    "联系电话",
                ]
                .iter()
                .any(|w| t.contains(w))
        };
        let mut k = 0;
        while k < free.len() && self.seen.len() < MAX_SEEN {
            let (c, text) = free[k];
            if signature(text) {
                self.seen.push(super::Seen::Signature {
                    text: text.to_string(),
                    row: i,
                });
                k += 1;
                continue;
            }
            let next = free.get(k + 1).filter(|(d, _)| {
                *d == c + 1
                    || row.cells[c + 1..*d]
                        .iter()
                        .all(|x| x.text.trim().is_empty())
            });
            match next {
                Some((_, value)) if looks_like_label(text) && !signature(value) => {
                    self.seen.push(super::Seen::Unplaced {
                        label: text.to_string(),
                        value: value.to_string(),
                        row: i,
                    });
                    k += 2;
                }
                _ => k += 1,
            }
        }
    }
}

/// Pieces of layout noted from one file, at most.
const MAX_SEEN: usize = 500;

/// A cell that reads as a label: a few words, not a number or a sentence.
fn looks_like_label(text: &str) -> bool {
    let n = text.chars().count();
    (2..=20).contains(&n)
        && text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
        && !text.contains(['。', '，', ',', '；'])
        && !text.starts_with('注')
}
