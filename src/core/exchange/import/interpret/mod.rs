//! Rows of a file read as a form of one template: label cells matched by meaning to its
//! fields, amounts and sections with the value beside (or under) them, each grid found
//! by its heading row and read row by row to its end (continued over pages), the year
//! from the title. Everything it guessed or could not place goes to the review list with
//! the place it came from; how much of the template it found is its score.

mod grid;
mod long_column;
mod money_matrix;
mod pairs;

use super::decorations::Decorations;
use super::goals::Goals;
use super::grid_rows::{self, Header};
use super::slots::{Slot, Slots};
use super::source::{Row, Source};
use super::values::{short, year_in};
use crate::core::labels::{best, Candidates, Label};
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
    /// What of the file found no place (a known label counted in full, other text by
    /// half): of two layouts that fit as well, the one leaving less out is the better.
    pub left_out: usize,
    pub indicators: usize,
    /// The year was read from the file (else it is this year, and the clerk is told).
    pub year_found: bool,
    /// The projects of a table holding several, in order (empty for one project).
    pub projects: Vec<String>,
    /// The file's own layout as the reading met it, in file order (for a template
    /// learned from the file).
    pub seen: Vec<Seen>,
    /// The unit the file says its amounts are in, if it says.
    pub money_unit: Option<crate::core::money_unit::MoneyUnit>,
}

/// A piece of the file's own layout, with the row it was on.
#[derive(Debug, Clone, PartialEq)]
pub enum Seen {
    /// A label this template has a place for: the place, and the label as printed.
    Field {
        id: String,
        label: String,
        row: usize,
    },
    /// A 项目期 kept by the template as two dates (ids of the start and end fields).
    Period { label: String, row: usize },
    Money {
        id: String,
        label: String,
        row: usize,
    },
    Section {
        id: String,
        label: String,
        row: usize,
    },
    /// A label with a value beside it that the template has no place for.
    Unplaced {
        label: String,
        value: String,
        row: usize,
    },
    /// A line of the signature or approval block ("填表人：", "财政部门审核意见（盖章）").
    Signature { text: String, row: usize },
    /// An indicator table's heading row: its cells as printed and what each holds.
    Grid {
        grid: usize,
        labels: Vec<String>,
        cols: Vec<grid_rows::Col>,
        row: usize,
    },
}

/// Reads `source` as a form of `template`.
pub fn interpret(source: &Source, template: &Template) -> Reading {
    interpret_project(source, template, 0)
}

/// Reads `source` as a form of `template`, taking project `project` (from 0) of a table
/// holding several projects.
pub fn interpret_project(source: &Source, template: &Template, project: usize) -> Reading {
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
        known_left_out: 0,
        doc_unit: None,
        project,
        projects: Vec::new(),
        seen: Vec::new(),
        at_row: 0,
        long_of: None,
    };
    r.form.review = Default::default();
    let rows = &source.rows;
    let mut i = 0;
    while i < rows.len() {
        // every step moves on: a reader that took no row must not be asked again
        i = r.row(rows, i).max(i + 1);
    }
    r.finish()
}

struct GridState {
    header: Header,
    goals: Goals,
    /// A heading above it said which grid it is ("年度绩效指标").
    named: bool,
    /// Columns of its heading that name the project's own facts (项目名称, 预算数, 年度目标):
    /// a table of several projects, each starting at a row with its name.
    project_cols: Vec<usize>,
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
    /// Of them, labels forms use for something (主管部门 where the layout has none).
    known_left_out: usize,
    /// The unit the file states its amounts in ("金额单位：元", "单位：万元").
    doc_unit: Option<crate::core::money_unit::MoneyUnit>,
    /// Which project of a table of several to read (from 0), and the projects seen.
    project: usize,
    projects: Vec<String>,
    /// The file's own layout as met, and the row being read.
    seen: Vec<Seen>,
    at_row: usize,
    /// A yearly grid (first) whose 实施期 column fills a 中期 grid (second).
    long_of: Option<(usize, usize)>,
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
        self.at_row = i;
        if row.is_blank() {
            return i + 1;
        }
        // a heading row may name its grid in its first cell ("本年度绩效指标 | 一级指标 | …")
        self.grid_heading_from(row);
        // a heading whose 一级/二级 columns hold the 二级 and the names
        let next_grid = self
            .grid_heading
            .filter(|g| *g < self.grids.len())
            .or_else(|| self.grids.iter().position(Option::is_none))
            .unwrap_or(0);
        if let Some(header) = self.columns.get(next_grid).and_then(|columns| {
            super::content_grid::shifted_levels(&row.texts(), columns, &rows[i + 1..])
        }) {
            self.note(
                Location::Grid(next_grid),
                &row.place,
                "表头的“一级指标”一列写的是二级指标（数量指标、质量指标…），“二级指标”一列写的是指标名称，已按内容读取，请核对"
                    .to_string(),
            );
            return self.grid(rows, i + 1, next_grid, header, true);
        }
        if let Some((g, header)) = self.grid_header(row) {
            return self.grid(rows, i + 1, g, header, true);
        }
        // a table whose heading is lost or unknown, told by what its cells hold
        if let Some(header) = super::content_grid::header_by_content(rows, i) {
            let g = self
                .grid_heading
                .filter(|g| *g < self.grids.len())
                .or_else(|| self.grids.iter().position(Option::is_none))
                .unwrap_or(0);
            let noted = self.review.len();
            self.note(
                Location::Grid(g),
                &row.place,
                "这张表没有可识别的表头，各列按内容认定（一级、二级、指标名称、指标值），请核对"
                    .to_string(),
            );
            let next = self.grid(rows, i, g, header, false);
            if next > i {
                return next;
            }
            // the table's first row was not one of its rows after all: read it as text
            self.review.truncate(noted);
        }
        self.year_from(row);
        self.unit_from(row);
        self.pairs(rows, i)
    }
}

impl Reader<'_> {
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
            // or a title with its place before the year: "鄂州市2022年市直部门预算项目支出绩效目标表"
            let title = || {
                let core: String = t.chars().filter(|c| !c.is_whitespace()).collect();
                super::decorations::is_a_title(&core)
            };
            if t.len() <= 160
                && t.chars().count() <= 40
                && (t.contains("年度")
                    || t.starts_with('(')
                    || t.starts_with('（')
                    || titled
                    || title())
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

    /// A file with one indicator table that no heading names (中期 or 年度) holds the
    /// year's targets: in a template with both, they go to its 年度 grid.
    fn one_grid_is_the_years(&mut self) {
        let read: Vec<usize> = (0..self.grids.len())
            .filter(|g| self.grids[*g].is_some())
            .collect();
        let annual = self
            .template
            .grids
            .iter()
            .position(|s| s.id == "annual")
            .unwrap_or(self.template.grids.len().saturating_sub(1));
        if let [only] = read[..] {
            if only != annual && self.grids[only].as_ref().is_some_and(|s| !s.named) {
                self.grids[annual] = self.grids[only].take();
                for seen in &mut self.seen {
                    if let Seen::Grid { grid, .. } = seen {
                        if *grid == only {
                            *grid = annual;
                        }
                    }
                }
                let label = self.template.grids[annual].label.clone();
                self.note(
                    Location::Grid(annual),
                    "",
                    format!("文件中只有一张指标表，未写明期限，已作为“{label}”导入，请核对"),
                );
            }
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
        self.one_grid_is_the_years();
        if self.projects.len() > 1 {
            let taken = self
                .projects
                .get(self.project)
                .map(|p| short(p))
                .unwrap_or_default();
            self.note(
                Location::Grid(0),
                "",
                format!(
                    "文件中的指标表有 {} 个项目（{}），已导入第 {} 个“{taken}”；其余可逐个导入（命令行 import --all）",
                    self.projects.len(),
                    crate::core::exchange::import::values::name_list(&self.projects),
                    self.project + 1
                ),
            );
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
        // what of the file found no place counts against the fit too, so a layout with
        // fewer slots is not preferred for that alone: a label forms use for something
        // (主管部门 where the layout has none) in full, other text (values, words no
        // layout uses) by half
        let left_out = self.known_left_out + (self.left_out - self.known_left_out) / 2;
        let score =
            (found * 100 / (expected + self.extra_columns + left_out).max(1)).min(100) as u32;
        let indicators = self.form.indicator_count();
        Reading {
            form: self.form,
            review: self.review,
            score,
            left_out,
            indicators,
            year_found: self.year.is_some(),
            projects: if self.projects.len() > 1 {
                self.projects
            } else {
                Vec::new()
            },
            seen: self.seen,
            money_unit: self.doc_unit,
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

    #[test]
    fn one_table_no_heading_names_holds_the_years_targets() {
        let t = built_in("national-88").unwrap();
        let one = "一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t培训人次\t100人次\n";
        let r = interpret(&super::super::text::read(one), t);
        let annual = t.grids.iter().position(|g| g.id == "annual").unwrap();
        let count = |g: usize| -> usize {
            r.form.grids[g]
                .goals
                .iter()
                .flat_map(|goal| &goal.groups)
                .map(|group| group.indicators.len())
                .sum()
        };
        assert_eq!(count(annual), 1);
        assert_eq!(count(1 - annual), 0);
        assert!(r
            .review
            .iter()
            .any(|i| i.message.contains("只有一张指标表")));
        // named by a heading above, it stays where the heading says
        let named = format!("中期绩效指标\n{one}");
        let r = interpret(&super::super::text::read(&named), t);
        assert!(!r
            .review
            .iter()
            .any(|i| i.message.contains("只有一张指标表")));
    }

    #[test]
    fn amounts_are_read_in_the_unit_the_file_states() {
        let t = built_in("national-101").unwrap();
        let r = interpret(
            &super::super::text::read("金额单位:元\n年度资金总额\t3,309,840.00\n"),
            t,
        );
        assert!(r.form.money.values().any(|m| m.to_plain() == "3309840"));
    }
}
