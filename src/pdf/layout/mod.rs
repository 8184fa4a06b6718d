//! Page layout of the printed form, as plain drawing marks (text and lines) in PDF points.
//! Kept apart from printpdf so that pagination is testable without writing a PDF.

mod blocks;
mod cache;
mod grid;

pub use cache::WrapCache;

use crate::core::model::Form;
use crate::core::template::{Block, ColumnKind, Template};
use crate::core::validate::Location;

use super::wrap::wrap;

pub const PAGE_W: f32 = 595.28; // A4, pt
pub const PAGE_H: f32 = 841.89;
const MARGIN_X: f32 = 56.7; // 20 mm
const MARGIN_TOP: f32 = 56.7;
const MARGIN_BOTTOM: f32 = 62.0; // room for the page number below
const FOOTER_BASELINE: f32 = 34.0;
const CONTENT_W: f32 = PAGE_W - 2.0 * MARGIN_X;

pub const BODY_SIZE: f32 = 10.5; // 五号
const TITLE_SIZE: f32 = 18.0; // 小二
const SUBTITLE_SIZE: f32 = 12.0; // 小四
const LINE_H: f32 = BODY_SIZE * 1.45;
const PAD_X: f32 = 4.0;
const PAD_Y: f32 = 4.0;
/// Distance from a line box's top to the text baseline.
const ASCENT: f32 = BODY_SIZE * 1.1;

/// Header table columns: label | value | label | value.
const HEADER_COLS: [f32; 4] = [
    108.0,
    CONTENT_W / 2.0 - 108.0,
    108.0,
    CONTENT_W / 2.0 - 108.0,
];
/// Grid columns: 一级目标 | 二级目标 | 三级目标 | 指标目标值.
const GRID_COLS: [f32; 4] = [72.0, 78.0, CONTENT_W - 72.0 - 78.0 - 118.0, 118.0];

/// One thing drawn on a page. `y` is the text baseline, from the page bottom.
#[derive(Debug, Clone, PartialEq)]
pub enum Mark {
    Text {
        x: f32,
        y: f32,
        size: f32,
        text: String,
    },
    Line {
        from: (f32, f32),
        to: (f32, f32),
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// Width and height in points: A4 upright, or turned sideways where the template
    /// asks for it.
    pub size: (f32, f32),
    pub marks: Vec<Mark>,
    /// A word printed large, light and across the page behind everything (草稿).
    pub watermark: Option<String>,
    /// Where each printed value came from: its cell's box on the page, for going from a
    /// place on the page to the field or indicator (and back).
    pub regions: Vec<Region>,
    /// Which text marks print a value, and from which character of it.
    pub spans: Vec<Span>,
}

/// A text mark (by its index in `marks`) printing part of a value: the place of the
/// value and the character the mark's text starts at.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    pub mark: usize,
    pub at: Location,
    pub column: Option<ColumnKind>,
    pub start: usize,
}

impl Default for Page {
    fn default() -> Self {
        Page::sized(A4)
    }
}

/// A4 upright, in points.
pub const A4: (f32, f32) = (PAGE_W, PAGE_H);
/// A4 turned sideways.
pub const A4_LANDSCAPE: (f32, f32) = (PAGE_H, PAGE_W);

impl Page {
    pub fn sized(size: (f32, f32)) -> Page {
        Page {
            size,
            marks: Vec::new(),
            watermark: None,
            regions: Vec::new(),
            spans: Vec::new(),
        }
    }
}

/// The box of a printed cell (PDF points from the page's bottom left) and what it shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Region {
    pub min: (f32, f32),
    pub max: (f32, f32),
    pub at: Location,
    /// The indicator's column for a cell of an indicator row.
    pub column: Option<ColumnKind>,
}

impl Page {
    /// The innermost region at `(x, y)` (PDF points).
    pub fn region_at(&self, x: f32, y: f32) -> Option<&Region> {
        self.regions
            .iter()
            .filter(|r| (r.min.0..=r.max.0).contains(&x) && (r.min.1..=r.max.1).contains(&y))
            .min_by(|a, b| {
                let area = |r: &Region| (r.max.0 - r.min.0) * (r.max.1 - r.min.1);
                area(a).total_cmp(&area(b))
            })
    }

    /// The first region showing `at` (any column when `column` is `None`).
    pub fn region_of(&self, at: &Location, column: Option<ColumnKind>) -> Option<&Region> {
        self.regions
            .iter()
            .find(|r| r.at == *at && (column.is_none() || r.column == column))
    }
}

/// The word a draft is marked with.
pub const DRAFT: &str = "草稿";

/// Marks every page as a draft.
pub fn mark_draft(pages: &mut [Page]) {
    for page in pages {
        page.watermark = Some(DRAFT.to_string());
    }
}

impl Page {
    /// The text on the page in drawing order, one mark a line (for tests and search).
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        self.marks.iter().filter_map(|m| match m {
            Mark::Text { text, .. } => Some(text.as_str()),
            Mark::Line { .. } => None,
        })
    }
}

/// The table columns a value can be printed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// A short header value (项目名称 …) or a budget figure.
    HeaderValue,
    /// A text section's value, spanning the rest of the row.
    SectionValue,
    GoalName,
    GroupName,
    IndicatorName,
    Target,
}

impl Column {
    fn width(self) -> f32 {
        match self {
            Column::HeaderValue => HEADER_COLS[1],
            Column::SectionValue => CONTENT_W - HEADER_COLS[0],
            Column::GoalName => GRID_COLS[0],
            Column::GroupName => GRID_COLS[1],
            Column::IndicatorName => GRID_COLS[2],
            Column::Target => GRID_COLS[3],
        }
    }
}

/// The lines `text` is printed as in `column`.
pub fn printed_lines(text: &str, column: Column, measure: Measure) -> Vec<String> {
    wrap(text, column.width() - 2.0 * PAD_X, &|c| {
        measure(c) * BODY_SIZE
    })
}

/// Glyph advance of a char at size 1 (in em).
pub type Measure<'a> = &'a dyn Fn(char) -> f32;

#[derive(Clone, Copy, PartialEq)]
enum Align {
    Left,
    Center,
}

/// A table cell: its column span and the wrapped lines in it.
#[derive(Clone)]
struct Cell {
    x: f32,
    w: f32,
    lines: Vec<String>,
    /// The character of the cell's text each line starts at.
    starts: Vec<usize>,
    align: Align,
    /// What it shows, when it shows a value of the form.
    at: Option<(Location, Option<ColumnKind>)>,
}

impl Cell {
    fn of(mut self, at: Location, column: Option<ColumnKind>) -> Cell {
        self.at = Some((at, column));
        self
    }

    fn height(&self) -> f32 {
        self.lines.len().max(1) as f32 * LINE_H + 2.0 * PAD_Y
    }
}

/// Lays out the whole form into A4 pages, as its `template` prints it.
pub fn layout(form: &Form, template: &Template, measure: Measure) -> Vec<Page> {
    layout_with(form, template, measure, None)
}

/// [`layout`], wrapping again only the cells `cache` does not hold from the last time
/// (the preview's relayout after a keystroke).
pub fn layout_cached(
    form: &Form,
    template: &Template,
    measure: Measure,
    cache: &mut WrapCache,
) -> Vec<Page> {
    cache.begin();
    layout_with(form, template, measure, Some(cache))
}

fn layout_with(
    form: &Form,
    template: &Template,
    measure: Measure,
    cache: Option<&mut WrapCache>,
) -> Vec<Page> {
    let size = if template.landscape { A4_LANDSCAPE } else { A4 };
    let mut b = Builder {
        pages: vec![Page::sized(size)],
        y: size.1 - MARGIN_TOP,
        size,
        measure,
        cache: cache.map(std::cell::RefCell::new),
    };
    b.title_block(form, template);
    for block in &template.order {
        match block {
            Block::Header => b.header_table(form, template),
            Block::Sections => b.sections(form, template),
            Block::Money => b.money(form, template),
            Block::Grids => {
                for (g, spec) in template.grids.iter().enumerate() {
                    b.grid(form, g, spec);
                }
            }
        }
    }
    b.signature(template);
    let total = b.pages.len();
    for (i, page) in b.pages.iter_mut().enumerate() {
        let text = format!("第 {} 页 共 {} 页", i + 1, total);
        let w = text_width(&text, BODY_SIZE, measure);
        page.marks.push(Mark::Text {
            x: (size.0 - w) / 2.0,
            y: FOOTER_BASELINE,
            size: BODY_SIZE,
            text,
        });
    }
    b.pages
}

fn text_width(text: &str, size: f32, measure: Measure) -> f32 {
    text.chars().map(|c| measure(c) * size).sum()
}

struct Builder<'a> {
    pages: Vec<Page>,
    /// Top of the free space on the current page.
    y: f32,
    /// The page's width and height.
    size: (f32, f32),
    measure: Measure<'a>,
    /// Wrapped cells kept between layouts (the preview's), if any.
    cache: Option<std::cell::RefCell<&'a mut WrapCache>>,
}

impl Builder<'_> {
    /// The width between the margins.
    fn content_w(&self) -> f32 {
        self.size.0 - 2.0 * MARGIN_X
    }

    /// Header table columns: label | value | label | value.
    fn header_cols(&self) -> [f32; 4] {
        let half = self.content_w() / 2.0;
        [
            HEADER_COLS[0],
            half - HEADER_COLS[0],
            HEADER_COLS[2],
            half - HEADER_COLS[2],
        ]
    }

    fn page(&mut self) -> &mut Page {
        self.pages.last_mut().expect("there is always a page")
    }

    fn available(&self) -> f32 {
        self.y - MARGIN_BOTTOM
    }

    fn at_page_top(&self) -> bool {
        (self.y - (self.size.1 - MARGIN_TOP)).abs() < 0.01
    }

    fn new_page(&mut self) {
        self.pages.push(Page::sized(self.size));
        self.y = self.size.1 - MARGIN_TOP;
    }

    fn wrap(&self, text: &str, width: f32) -> Vec<String> {
        let measure = self.measure;
        let wrap = || wrap(text, width - 2.0 * PAD_X, &|c| measure(c) * BODY_SIZE);
        match &self.cache {
            Some(cache) => cache.borrow_mut().lines(text, width, wrap),
            None => wrap(),
        }
    }

    fn cell(&self, x: f32, w: f32, text: &str, align: Align) -> Cell {
        let lines = self.wrap(text, w);
        Cell {
            x,
            w,
            starts: line_starts(text, &lines),
            lines,
            align,
            at: None,
        }
    }

    fn text(&mut self, x: f32, y: f32, size: f32, text: String) {
        if !text.is_empty() {
            self.page().marks.push(Mark::Text { x, y, size, text });
        }
    }

    fn line(&mut self, from: (f32, f32), to: (f32, f32)) {
        self.page().marks.push(Mark::Line { from, to });
    }

    fn centered(&mut self, text: &str, size: f32) {
        let w = text_width(text, size, self.measure);
        self.y -= size * 1.25;
        let y = self.y;
        self.text((self.size.0 - w) / 2.0, y, size, text.to_string());
    }

    /// Places a table row; a row that does not fit goes to the next page, or, when
    /// `splittable` (long text sections) or taller than a page, continues there with
    /// its first cell replaced by `continued_label`.
    fn row(&mut self, mut cells: Vec<Cell>, splittable: bool, continued_label: Option<Cell>) {
        loop {
            let height = cells.iter().map(Cell::height).fold(0.0, f32::max);
            if height <= self.available() {
                self.draw_row(&cells, height);
                self.y -= height;
                return;
            }
            let full_page = self.size.1 - MARGIN_TOP - MARGIN_BOTTOM;
            let fitting_lines =
                ((self.available() - 2.0 * PAD_Y) / LINE_H).floor().max(0.0) as usize;
            let worth_splitting = (splittable && fitting_lines >= 3) || height > full_page;
            if !worth_splitting || fitting_lines == 0 {
                if self.at_page_top() && fitting_lines == 0 {
                    return; // cannot happen with A4 margins; never loop forever
                }
                self.new_page();
                continue;
            }
            let first: Vec<Cell> = cells
                .iter()
                .map(|c| Cell {
                    lines: c.lines.iter().take(fitting_lines).cloned().collect(),
                    starts: c.starts.iter().take(fitting_lines).copied().collect(),
                    ..c.clone()
                })
                .collect();
            let height = self.available();
            self.draw_row(&first, height);
            for (i, cell) in cells.iter_mut().enumerate() {
                let rest = cell.lines.split_off(fitting_lines.min(cell.lines.len()));
                cell.lines = rest;
                let rest = cell.starts.split_off(fitting_lines.min(cell.starts.len()));
                cell.starts = rest;
                if i == 0 {
                    if let Some(label) = &continued_label {
                        cell.lines = label.lines.clone();
                        cell.starts = label.starts.clone();
                    }
                }
            }
            self.new_page();
        }
    }

    fn draw_row(&mut self, cells: &[Cell], height: f32) {
        let top = self.y;
        for cell in cells {
            self.draw_box(cell.x, top, cell.w, height);
            self.draw_lines(cell, top);
            if let Some((at, column)) = &cell.at {
                self.region(cell.x, top, cell.w, height, at.clone(), *column);
            }
        }
    }

    fn region(
        &mut self,
        x: f32,
        top: f32,
        w: f32,
        h: f32,
        at: Location,
        column: Option<ColumnKind>,
    ) {
        self.page().regions.push(Region {
            min: (x, top - h),
            max: (x + w, top),
            at,
            column,
        });
    }

    fn draw_box(&mut self, x: f32, top: f32, w: f32, h: f32) {
        let bottom = top - h;
        self.line((x, top), (x + w, top));
        self.line((x, bottom), (x + w, bottom));
        self.line((x, top), (x, bottom));
        self.line((x + w, top), (x + w, bottom));
    }

    /// Draws a cell's lines starting at `top`.
    fn draw_lines(&mut self, cell: &Cell, top: f32) {
        let measure = self.measure;
        for (i, line) in cell.lines.iter().enumerate() {
            let baseline = top - PAD_Y - i as f32 * LINE_H - ASCENT + (LINE_H - BODY_SIZE) / 2.0;
            let x = match cell.align {
                Align::Left => cell.x + PAD_X,
                Align::Center => {
                    cell.x + (cell.w - text_width(line.trim_end(), BODY_SIZE, measure)) / 2.0
                }
            };
            self.text(x, baseline, BODY_SIZE, line.clone());
            if let (Some((at, column)), Some(start)) = (&cell.at, cell.starts.get(i)) {
                if !line.is_empty() {
                    let mark = self.page().marks.len() - 1;
                    let span = Span {
                        mark,
                        at: at.clone(),
                        column: *column,
                        start: *start,
                    };
                    self.page().spans.push(span);
                }
            }
        }
    }
}

/// The character of `text` each of its wrapped `lines` starts at (a line break the
/// wrapping took out, or spaces it dropped, are skipped over).
fn line_starts(text: &str, lines: &[String]) -> Vec<usize> {
    let chars: Vec<char> = text.chars().collect();
    let mut at = 0;
    lines
        .iter()
        .map(|line| {
            let want: Vec<char> = line.chars().collect();
            let found = (at..chars.len())
                .take(64)
                .find(|&p| chars[p..].starts_with(&want))
                .unwrap_or(at);
            at = (found + want.len()).min(chars.len());
            found
        })
        .collect()
}

fn column_starts<const N: usize>(widths: &[f32; N]) -> [f32; N] {
    let mut x = [0.0; N];
    let mut at = MARGIN_X;
    for i in 0..N {
        x[i] = at;
        at += widths[i];
    }
    x
}

#[cfg(test)]
mod tests;
