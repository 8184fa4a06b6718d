//! Rows of a file read as a form of one template: label cells matched by meaning to its
//! fields, amounts and sections with the value beside (or under) them, each grid found
//! by its heading row and read row by row to its end (continued over pages), the year
//! from the title. Everything it guessed or could not place goes to the review list with
//! the place it came from; how much of the template it found is its score.

use super::decorations::Decorations;
use super::grid_rows::{self, Goals, Header};
use super::slots::{label_in, Slot, Slots};
use super::source::{Row, Source};
use super::values::{is_page_mark, money_of, short, year_in, yes_no};
use crate::core::editing::field_input::period_dates;
use crate::core::labels::{best, Candidates, Label, Score};
use crate::core::model::Form;
use crate::core::review::ReviewItem;
use crate::core::template::{FieldKind, Template};
use crate::core::validate::Location;

/// A form read from a file by one template.
#[derive(Debug, Clone)]
pub struct Reading {
    pub form: Form,
    pub review: Vec<ReviewItem>,
    /// How much of the template was found, 0–100.
    pub score: u32,
    pub indicators: usize,
    /// The year was read from the file (else it is this year, and the clerk is told).
    pub year_found: bool,
}

/// Reads `source` as a form of `template`.
pub fn interpret(source: &Source, template: &Template) -> Reading {
    let slots = Slots::of(template);
    let decorations = Decorations::of(template);
    let columns: Vec<Candidates<grid_rows::Col>> = template
        .grids
        .iter()
        .map(|g| grid_rows::columns(Some(g)))
        .collect();
    let mut r = Reader {
        template,
        slots: &slots,
        decorations: &decorations,
        columns: &columns,
        form: template.new_form(0),
        review: Vec::new(),
        year: None,
        filled: Vec::new(),
        grids: template.grids.iter().map(|_| None).collect(),
        grid_heading: None,
        matched_columns: 0,
        extra_columns: 0,
        section_open_end: Vec::new(),
        money_at: Vec::new(),
        left_out: 0,
    };
    r.form.review = Default::default();
    let rows = &source.rows;
    let mut i = 0;
    while i < rows.len() {
        i = r.row(rows, i);
    }
    r.finish()
}

struct GridState {
    header: Header,
    goals: Goals,
}

struct Reader<'a> {
    template: &'a Template,
    slots: &'a Slots,
    decorations: &'a Decorations,
    /// Each grid's columns, for telling its heading rows.
    columns: &'a [Candidates<grid_rows::Col>],
    form: Form,
    review: Vec<ReviewItem>,
    year: Option<i32>,
    filled: Vec<Slot>,
    grids: Vec<Option<GridState>>,
    /// The grid a heading above names ("中期目标"), for the next heading row.
    grid_heading: Option<usize>,
    matched_columns: usize,
    extra_columns: usize,
    /// Sections whose text so far ended at a cell's edge (continued without a break).
    section_open_end: Vec<String>,
    /// Where each amount's label was: (money id, row, cell).
    money_at: Vec<(String, usize, usize)>,
    /// Cells that belong nowhere, listed or not.
    left_out: usize,
}

/// Cells that belong nowhere listed one by one in the review list; the rest are counted.
const MAX_LISTED_LEFT_OUT: usize = 300;

impl Reader<'_> {
    fn note(&mut self, location: Location, place: &str, message: String) {
        self.review
            .push(ReviewItem::new(location, place.to_string(), message));
    }

    /// Reads the row at `i` (and what belongs to it); returns the next row to read.
    fn row(&mut self, rows: &[Row], i: usize) -> usize {
        let row = &rows[i];
        if row.is_blank() {
            return i + 1;
        }
        // a heading row may name its grid in its first cell ("本年度绩效指标 | 一级指标 | …")
        self.grid_heading_from(row);
        if let Some((g, header)) = self.grid_header(row) {
            return self.grid(rows, i + 1, g, header);
        }
        self.year_from(row);
        self.pairs(rows, i)
    }

    /// A heading row of one of the template's grids: the best-matching grid.
    fn grid_header(&self, row: &Row) -> Option<(usize, Header)> {
        let texts = row.texts();
        let mut found: Option<(usize, Header, usize)> = None;
        for (g, spec) in self.template.grids.iter().enumerate() {
            if let Some(h) = grid_rows::header_with(&texts, &self.columns[g]) {
                let fits = h.fits(spec);
                if found.as_ref().is_none_or(|(_, _, best)| fits > *best) {
                    found = Some((g, h, fits));
                }
            }
        }
        let (best_fit, header, _) = found?;
        // which grid: the one a heading above named, else the next one not read yet,
        // else the one this heading fits best
        let g = self
            .grid_heading
            .filter(|g| self.template.grids.len() > 1 && *g < self.grids.len())
            .or_else(|| {
                (self.template.grids.len() > 1)
                    .then(|| self.grids.iter().position(Option::is_none))
                    .flatten()
            })
            .unwrap_or(best_fit);
        Some((g, header))
    }

    /// Reads grid `g` from row `i` on; returns the row after it.
    fn grid(&mut self, rows: &[Row], mut i: usize, g: usize, header: Header) -> usize {
        self.grid_heading = None;
        // a grid read from a table ends where text outside tables begins (a note or a
        // signature line under it); page numbers between its pages are skipped
        let in_table = i > 0 && rows[i - 1].table.is_some();
        let spec = self.template.grids[g].clone();
        let at = Location::Grid(g);
        let mut header = header;
        // a second heading row under the first (指标值 split into two years)
        if let Some(next) = rows.get(i) {
            if grid_rows::refine(&mut header, &next.texts(), &self.columns[g]) {
                header.settle();
                i += 1;
            }
        }
        let mut state = self.grids[g].take().unwrap_or_else(|| {
            self.matched_columns += header.fits(&spec);
            self.extra_columns += header.unplaced(&spec).len();
            GridState {
                header: header.clone(),
                goals: Goals::default(),
            }
        });
        state.header = header;
        let width = state.header.cols.len();
        while i < rows.len() {
            let row = &rows[i];
            if row.is_blank() {
                i += 1;
                continue;
            }
            let texts = row.texts();
            if grid_rows::header_with(&texts, &self.columns[g]).is_some() {
                i += 1; // the heading repeated on a new page
                continue;
            }
            if is_page_mark(&texts) {
                i += 1; // a page number between the pages of the table
                continue;
            }
            if (in_table && row.table.is_none()) || !self.is_grid_row(row, width) {
                break;
            }
            let data = grid_rows::row(&state.header, &texts);
            let notes = state.goals.add(&data, &spec);
            // a note points at the indicator (or group) the row became
            let goals = &state.goals.goals;
            let place = goals.len().checked_sub(1).and_then(|goal| {
                let group = goals[goal].groups.len().checked_sub(1)?;
                let n = goals[goal].groups[group].indicators.len();
                Some(match (n.checked_sub(1), data.has_indicator()) {
                    (Some(indicator), true) => {
                        Location::Indicator(crate::core::model::IndicatorPath {
                            grid: g,
                            goal,
                            group,
                            indicator,
                        })
                    }
                    _ => Location::Group(g, goal, group),
                })
            });
            for message in notes {
                self.note(place.clone().unwrap_or(at.clone()), &row.place, message);
            }
            i += 1;
        }
        self.grids[g] = Some(state);
        i
    }

    /// A row that continues the grid: about as many cells as its heading, and not a
    /// label of a field, amount or section, nor a note under the table.
    fn is_grid_row(&self, row: &Row, width: usize) -> bool {
        let filled: Vec<&str> = row
            .cells
            .iter()
            .map(|c| c.text.trim())
            .filter(|t| !t.is_empty())
            .collect();
        let Some(first) = filled.first() else {
            return true;
        };
        // one cell across the whole row: a heading or note, not an indicator (whose
        // row has its 一级/二级 cells, merged or empty)
        if row.cells.len() == 1 && width >= 3 {
            return false;
        }
        if label_in(self.slots, first).is_some_and(|(_, s, _, _)| s >= crate::core::labels::STEM) {
            return false;
        }
        let noteish = [
            "注",
            "说明",
            "备注",
            "填表",
            "填报人",
            "审核",
            "负责人",
            "联系人",
            "单位负责人",
        ];
        if filled.len() == 1
            && row.cells.len() <= 2
            && (noteish.iter().any(|p| first.starts_with(p)) || first.chars().count() > 40)
        {
            return false;
        }
        // a signature or approval line under the table: (盖章), 年 月 日, 填表人…
        let signature = |t: &str| {
            let t: String = t.chars().filter(|c| !c.is_whitespace()).collect();
            t.contains("盖章")
                || t.contains("年月日")
                || [
                    "填表人",
                    "填报人",
                    "填报日期",
                    "审核意见",
                    "审核人",
                    "负责人签字",
                ]
                .iter()
                .any(|w| t.contains(w))
        };
        if filled.iter().any(|t| signature(t)) {
            return false;
        }
        row.cells.len() + 3 >= width || filled.len() >= 2
    }

    /// Label/value pairs in a row (and a section's text in the row under its label).
    fn pairs(&mut self, rows: &[Row], i: usize) -> usize {
        if let Some(next) = self.labels_over_values(rows, i) {
            return next;
        }
        let row = &rows[i];
        let mut next = i + 1;
        let mut used = vec![false; row.cells.len()];
        let decoration: Vec<bool> = row
            .cells
            .iter()
            .map(|c| !c.merged && self.is_decoration(c.text.trim()))
            .collect();
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
                    let filled: Vec<&super::source::Cell> = below
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
        for (c, cell) in row.cells.iter().enumerate() {
            let text = cell.text.trim();
            if used[c] || cell.merged || text.is_empty() || decoration[c] {
                continue;
            }
            // listed one by one up to a point: a file of thousands of stray lines gives
            // a list a clerk can still read (and a form of reasonable size)
            self.left_out += 1;
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
    fn labels_over_values(&mut self, rows: &[Row], i: usize) -> Option<usize> {
        let (row, below) = (&rows[i], rows.get(i + 1)?);
        let mut labelled = Vec::new();
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
                _ => return None,
            }
        }
        let under = |c: usize| below.cells.get(c).map_or("", |x| x.text.trim());
        let values = labelled
            .iter()
            .filter(|(c, ..)| !under(*c).is_empty())
            .count();
        let below_labels = below.cells.iter().any(|x| {
            label_in(self.slots, &x.text)
                .is_some_and(|(_, s, _, r)| s >= crate::core::labels::STEM && r.is_empty())
        });
        if labelled.len() < 2 || values == 0 || below_labels {
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
    fn pick(&self, tied: Vec<Slot>, row: usize, col: usize) -> Slot {
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
    fn is_decoration(&self, text: &str) -> bool {
        self.decorations.holds(text)
    }

    /// Puts a value into its slot, converting amounts and noting guesses.
    fn put(
        &mut self,
        slot: Slot,
        score: Score,
        label: &Label,
        value: String,
        open_end: bool,
        place: &str,
    ) {
        let continued = label.note.contains('续');
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
                let unit = self.template.money_unit();
                let parsed = money_of(&value, label, unit);
                match parsed {
                    Ok(m) => {
                        self.form.money.insert(id.clone(), m);
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

    fn year_from(&mut self, row: &Row) {
        if self.year.is_some() {
            return;
        }
        for cell in &row.cells {
            let t = cell.text.trim();
            // "(2022年度)", "2022年度", or a title that starts with its year:
            // "2023年项目支出绩效目标申报表"
            let titled = {
                let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
                digits.len() == 4 && t[4..].trim_start().starts_with('年')
            };
            if t.len() <= 160
                && t.chars().count() <= 40
                && (t.contains("年度") || t.starts_with('(') || t.starts_with('（') || titled)
            {
                if let Some(y) = year_in(t) {
                    self.year = Some(y);
                    return;
                }
            }
        }
    }

    /// A line naming one of several grids ("中期目标（2025—2027年）", "年度绩效目标").
    fn grid_heading_from(&mut self, row: &Row) {
        if self.template.grids.len() < 2 {
            return;
        }
        let Some(text) = row
            .cells
            .iter()
            .map(|c| c.text.trim())
            .find(|t| !t.is_empty())
        else {
            return;
        };
        if !crate::core::labels::could_be_label(text) {
            return;
        }
        let label = Label::new(text);
        let names: Vec<(usize, Vec<String>)> = self
            .template
            .grids
            .iter()
            .enumerate()
            .map(|(g, spec)| {
                (
                    g,
                    vec![spec.label.clone(), spec.heading.replace("{year}", "")],
                )
            })
            .collect();
        let refs: Vec<(usize, Vec<&str>)> = names
            .iter()
            .map(|(g, l)| (*g, l.iter().map(String::as_str).collect()))
            .collect();
        if let Some((g, _)) = best(&label, refs.iter().map(|(g, l)| (*g, &l[..]))) {
            self.grid_heading = Some(g);
        }
    }

    fn finish(mut self) -> Reading {
        let template = self.template;
        if self.left_out > MAX_LISTED_LEFT_OUT {
            self.note(
                Location::Field(crate::core::model::FieldId::Year),
                "",
                format!(
                    "另有 {} 处内容不属于这张表的任何一栏，未导入，也未逐条列出",
                    self.left_out - MAX_LISTED_LEFT_OUT
                ),
            );
        }
        if let Some(year) = self.year {
            self.form.year = year;
        } else {
            use chrono::Datelike;
            self.form.year = chrono::Local::now().date_naive().year();
            self.note(
                Location::Field(crate::core::model::FieldId::Year),
                "",
                format!("文件中没有找到年度，已填为 {} 年，请核对", self.form.year),
            );
        }
        // dates the file did not give start as a new form of the found year has them
        // (the reading began with year 0: "0-01-01" was never in the file)
        let fresh = template.new_form(self.form.year);
        for spec in template.fields.iter().filter(|f| f.kind == FieldKind::Date) {
            if !self.filled.contains(&Slot::Field(spec.id.clone())) {
                self.form
                    .set_field(&spec.id, fresh.field(&spec.id).to_string());
            }
        }
        for (g, state) in self.grids.iter_mut().enumerate() {
            if let Some(state) = state.take() {
                if let Some(goals) = self.form.goals_mut(g) {
                    *goals = state.goals.goals;
                }
            }
        }
        // how much of the template was found
        let expected = template.fields.len()
            + template.money.as_ref().map_or(0, |m| m.rows.len())
            + template.sections.len()
            + template
                .grids
                .iter()
                .map(|g| g.columns.len())
                .sum::<usize>();
        let found = self.filled.iter().filter(|s| **s != Slot::Year).count() + self.matched_columns;
        let score = (found * 100 / (expected + self.extra_columns).max(1)).min(100) as u32;
        let indicators = self.form.indicator_count();
        Reading {
            form: self.form,
            review: self.review,
            score,
            indicators,
            year_found: self.year.is_some(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::template::built_in;

    #[test]
    fn values_are_kept_the_way_the_editor_keeps_them() {
        let t = crate::core::template::shanghai_2020();
        let text = "计划开始日期：\t2020年1月1日\t计划完成日期：\t2020/12/31\n\
                    是否含有政府购买服务：\t☑是 □否\n";
        let r = interpret(&super::super::text::read(text), t);
        assert_eq!(r.form.field("plan_start"), "2020-01-01");
        assert_eq!(r.form.field("plan_end"), "2020-12-31");
        assert_eq!(r.form.field("buys_government_services"), "是");
        let t101 = built_in("national-101").unwrap();
        let r = interpret(&super::super::text::read("项目属性\t新增\n"), t101);
        assert_eq!(r.form.field("project_attribute"), "新增项目");
    }

    #[test]
    fn a_note_on_a_row_points_at_its_indicator() {
        let t = crate::core::template::shanghai_2020();
        let text = "一级指标\t二级指标\t三级指标\t指标值\t牵头处室\n\
                    产出目标\t数量\t培训人次\t100人次\t教育处\n";
        let r = interpret(&super::super::text::read(text), t);
        assert_eq!(r.indicators, 1);
        let item = r
            .review
            .iter()
            .find(|i| i.message.contains("教育处"))
            .unwrap();
        assert!(matches!(item.location, Location::Indicator(p) if p.goal == 0 && p.indicator == 0));
        assert_eq!(item.place, "第 2 行");
    }
}
