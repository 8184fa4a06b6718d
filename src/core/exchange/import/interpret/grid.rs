//! An indicator table of the file read into a grid: its heading row (the project's own
//! columns of a table of several projects set aside), its rows to its end, and which of
//! the template's grids it is.

use super::long_column::LongColumn;
use super::{GridState, Reader};
use crate::core::exchange::import::goals::Goals;
use crate::core::exchange::import::grid_rows::{self, Header};
use crate::core::exchange::import::slots::{label_in, Slot};
use crate::core::exchange::import::source::Row;
use crate::core::exchange::import::values::{is_page_mark, short};
use crate::core::validate::Location;

impl Reader<'_> {
    /// A heading row of one of the template's grids: the best-matching grid.
    pub(super) fn grid_header(&self, row: &Row) -> Option<(usize, Header)> {
        let texts = self.without_project_columns(&row.texts());
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

    /// A statement of the unit of the file's amounts in one of its cells.
    pub(super) fn unit_from(&mut self, row: &Row) {
        for cell in &row.cells {
            if let Some(unit) = crate::core::exchange::import::values::stated_unit(&cell.text) {
                self.doc_unit = Some(unit);
            }
        }
    }

    /// Heading cells that name a fact of the project (项目名称, 预算数, 年度目标) in a table
    /// that also has indicator columns.
    pub(super) fn project_columns(&self, texts: &[String]) -> Vec<usize> {
        texts
            .iter()
            .enumerate()
            .filter(|(_, t)| {
                label_in(self.slots, t).is_some_and(|(_, s, _, rest)| {
                    s >= crate::core::labels::STEM && rest.is_empty()
                })
            })
            .map(|(c, _)| c)
            .collect()
    }

    /// `texts` with the project's own columns blank, for telling a heading row.
    pub(super) fn without_project_columns(&self, texts: &[String]) -> Vec<String> {
        let cols = self.project_columns(texts);
        if cols.is_empty() {
            return texts.to_vec();
        }
        let mut out = texts.to_vec();
        for c in cols {
            out[c].clear();
        }
        out
    }

    /// Reads grid `g` from row `i` on (under its heading row, when `headed`); returns the
    /// row after it.
    pub(super) fn grid(
        &mut self,
        rows: &[Row],
        mut i: usize,
        g: usize,
        header: Header,
        headed: bool,
    ) -> usize {
        let named = self.grid_heading.take().is_some();
        // a grid read from a table ends where text outside tables begins (a note or a
        // signature line under it); page numbers between its pages are skipped
        let in_table = if headed {
            i > 0 && rows[i - 1].table.is_some()
        } else {
            rows[i].table.is_some()
        };
        let heading_at = if headed { i.saturating_sub(1) } else { i };
        let project_cols = i
            .checked_sub(1)
            .filter(|_| headed)
            .map(|h| self.project_columns(&rows[h].texts()))
            .unwrap_or_default();
        let spec = self.template.grids[g].clone();
        let at = Location::Grid(g);
        let mut header = header;
        // a second heading row under the first (指标值 split into two years)
        if let Some(next) = rows.get(i).filter(|_| headed) {
            if grid_rows::refine(&mut header, &next.texts(), &self.columns[g]) {
                header.settle();
                i += 1;
            }
        }
        if self.grids[g].is_none() && self.seen.len() < 500 {
            // the heading as printed; a second heading row names the columns under it
            let mut labels = if headed {
                self.without_project_columns(&rows[heading_at].texts())
            } else {
                header
                    .cols
                    .iter()
                    .map(super::super::grid_rows::col_label)
                    .collect()
            };
            if i > heading_at + 1 {
                for (c, t) in rows[heading_at + 1].texts().into_iter().enumerate() {
                    if !t.trim().is_empty() {
                        if let Some(l) = labels.get_mut(c) {
                            *l = t;
                        }
                    }
                }
            }
            self.seen.push(super::Seen::Grid {
                grid: g,
                labels,
                cols: header.cols.clone(),
                row: heading_at,
            });
        }
        let mut state = self.grids[g].take().unwrap_or_else(|| {
            self.matched_columns += header.fits(&spec);
            self.extra_columns += header.unplaced(&spec).len();
            GridState {
                header: header.clone(),
                goals: Goals::default(),
                named,
                project_cols: project_cols.clone(),
            }
        });
        state.header = header;
        // a 实施期 target column beside the yearly one fills the layout's 中期 grid
        let mut long = {
            let grids = &self.grids;
            let long_of = self.long_of;
            LongColumn::find(
                self.template,
                g,
                &state.header,
                |x| grids[x].is_none() || long_of == Some((g, x)),
                &state.project_cols,
            )
        };
        if let Some(l) = long.as_mut() {
            if let Some(before) = self.grids[l.grid].take() {
                l.state.goals = before.goals; // the table continued on a new page
            }
        }
        let width = state.header.cols.len();
        // the page of the last row read (PDF rows name theirs)
        let mut page: Option<&str> = None;
        while i < rows.len() {
            let row = &rows[i];
            if row.is_blank() {
                i += 1;
                continue;
            }
            let texts = row.texts();
            if grid_rows::header_with(&self.without_project_columns(&texts), &self.columns[g])
                .is_some()
            {
                i += 1; // the heading repeated on a new page
                continue;
            }
            if is_page_mark(&texts) {
                i += 1; // a page number between the pages of the table
                continue;
            }
            if continued_title(&texts) {
                i += 1; // the table's title repeated on a new page, marked （续）
                continue;
            }
            if (in_table && row.table.is_none()) || !self.is_grid_row(row, width) {
                break;
            }
            if !state.project_cols.is_empty() && !self.project_row(rows, i, &state.project_cols) {
                i += 1; // a row of another project than the one asked for
                continue;
            }
            let mut texts = texts;
            for &c in &state.project_cols {
                if let Some(t) = texts.get_mut(c) {
                    t.clear();
                }
            }
            let data = grid_rows::row(&state.header, &texts);
            let row_page = page_of(&row.place);
            let new_page = row_page.is_some() && page.is_some() && row_page != page;
            page = row_page.or(page);
            if new_page {
                if let Some(joined) = state.goals.continue_last(&data, &spec) {
                    let at = state
                        .goals
                        .current()
                        .map_or(at.clone(), |(goal, group)| Location::Group(g, goal, group));
                    self.note(
                        at,
                        &row.place,
                        format!(
                            "这一页开头只有上一页最后一个指标的文字后半（表格行跨页），已接在它之后：“{}”，请核对",
                            short(&joined)
                        ),
                    );
                    i += 1;
                    continue;
                }
            }
            let mut notes = state.goals.add(&data, &spec);
            if let Some(l) = long.as_mut() {
                let long_row = grid_rows::row(&l.state.header, &texts);
                l.state.goals.add(&long_row, &self.template.grids[l.grid]);
                notes.retain(|n| !l.covers(n));
            }
            // a note points at the indicator (or group) the row became
            let goals = &state.goals.goals;
            let place = state.goals.current().map(|(goal, group)| {
                let n = goals[goal].groups[group].indicators.len();
                match (n.checked_sub(1), data.has_indicator()) {
                    (Some(indicator), true) => {
                        Location::Indicator(crate::core::model::IndicatorPath {
                            grid: g,
                            goal,
                            group,
                            indicator,
                        })
                    }
                    _ => Location::Group(g, goal, group),
                }
            });
            for message in notes {
                self.note(place.clone().unwrap_or(at.clone()), &row.place, message);
            }
            i += 1;
        }
        self.grids[g] = Some(state);
        if let Some(l) = long {
            if l.state
                .goals
                .goals
                .iter()
                .any(|goal| goal.groups.iter().any(|group| !group.indicators.is_empty()))
            {
                if self.long_of.is_none() {
                    let name = self.template.grids[l.grid].label.clone();
                    self.note(
                        Location::Grid(l.grid),
                        &rows[heading_at].place,
                        format!("“{}”一列导入到“{name}”，请核对", l.label),
                    );
                }
                self.long_of = Some((g, l.grid));
                self.grids[l.grid] = Some(l.state);
            }
        }
        i
    }

    /// The project's own cells of row `i` in a table of several projects: a row naming a
    /// project starts it, and the facts of the project asked for are filled from it.
    /// Returns whether the row belongs to the project asked for.
    pub(super) fn project_row(&mut self, rows: &[Row], i: usize, cols: &[usize]) -> bool {
        let wanted = |r: &Self| r.projects.len() == r.project + 1;
        let Some(heading) = self.heading_above(rows, i) else {
            return wanted(self);
        };
        let row = &rows[i];
        let cell = |c: usize| row.cells.get(c).map_or("", |x| x.text.trim());
        let name_col = cols.iter().copied().find(|c| {
            matches!(
                label_in(self.slots, &heading[*c]).map(|(t, ..)| t),
                Some(t) if t.contains(&Slot::Field("project_name".into()))
            )
        });
        let name = name_col.map_or("", cell);
        if name.is_empty() {
            // a row of the unit's own (its total) before the first project
            if self.projects.is_empty() {
                for &c in cols {
                    if !cell(c).is_empty() {
                        let text = short(cell(c));
                        self.note(
                            Location::Field(crate::core::model::FieldId::Year),
                            &row.place,
                            format!("未导入：“{text}”不属于表中的哪个项目"),
                        );
                    }
                }
                return true;
            }
            return wanted(self);
        }
        self.projects.push(name.to_string());
        if !wanted(self) {
            return false;
        }
        for &c in cols {
            let Some((tied, score, label, _)) = label_in(self.slots, &heading[c]) else {
                continue;
            };
            let mut value = cell(c).to_string();
            // a unit's name merged down over its projects is written only once: a
            // field left empty is the one above it (never an amount or a text)
            if value.is_empty() && tied.iter().all(|t| matches!(t, Slot::Field(_))) {
                value = rows[..i]
                    .iter()
                    .rev()
                    .take_while(|r| r.texts() != heading)
                    .map(|r| r.cells.get(c).map_or("", |x| x.text.trim()))
                    .find(|t| !t.is_empty())
                    .unwrap_or("")
                    .to_string();
            }
            if value.is_empty() {
                continue;
            }
            {
                let slot = self.pick(tied, i, c);
                self.put(slot, score, &label, value, false, &row.place);
            }
        }
        true
    }

    /// The heading row of the grid being read at row `i`: the nearest row above whose
    /// project columns are labels.
    pub(super) fn heading_above(&self, rows: &[Row], i: usize) -> Option<Vec<String>> {
        rows[..i]
            .iter()
            .rev()
            .map(|r| r.texts())
            .find(|t| !self.project_columns(t).is_empty())
    }

    /// A row that continues the grid: about as many cells as its heading, and not a
    /// label of a field, amount or section, nor a note under the table.
    pub(super) fn is_grid_row(&self, row: &Row, width: usize) -> bool {
        let filled = row.filled();
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
}

/// The page of a row read from a PDF ("第 3 页第 5 行" → "3"); other files' rows have none.
fn page_of(place: &str) -> Option<&str> {
    let rest = place.strip_prefix("第 ")?;
    let (page, after) = rest.split_once(" 页")?;
    after.starts_with('第').then_some(page)
}

/// A table's title repeated over its continuation: "2026年度绩效指标（续）".
fn continued_title(texts: &[String]) -> bool {
    let filled: Vec<&str> = texts
        .iter()
        .map(|t| t.trim())
        .filter(|t| !t.is_empty())
        .collect();
    matches!(filled.as_slice(), [one] if one.chars().count() <= 40
        && (one.ends_with("（续）") || one.ends_with("(续)") || one.ends_with("续表"))
        && ["指标", "目标", "绩效"].iter().any(|w| one.contains(w)))
}
