//! A laid-out table (the row-and-cell model of `form_table`) on A4 pages as drawing
//! marks: wrapped cell text, borders, cells spanning rows, a page break between rows
//! with the indicator table's heading repeated and a spanning cell's text repeated on
//! the new page, page numbers. The 自评 and 监控 tables print through it.

use crate::core::exchange::form_table::{Cell, FormTable, Line};

use super::layout::{Mark, Measure, Page, BODY_SIZE, PAGE_H, PAGE_W};
use super::wrap::wrap;

const MARGIN_X: f32 = 56.7;
const MARGIN_TOP: f32 = 56.7;
const MARGIN_BOTTOM: f32 = 62.0;
const FOOTER_BASELINE: f32 = 34.0;
const TITLE_SIZE: f32 = 18.0;
const SUBTITLE_SIZE: f32 = 12.0;
const SIZE: f32 = 9.0;
const LINE_H: f32 = SIZE * 1.45;
const PAD: f32 = 3.0;
const ASCENT: f32 = SIZE * 1.1;

/// A cell spanning rows that is still open, and how much of it is left.
struct Open {
    col: usize,
    span: usize,
    rows_left: usize,
    lines: Vec<String>,
    /// Height its text still needs on this page.
    needed: f32,
    /// Its text is drawn on the current page.
    drawn: bool,
}

struct Pager<'a> {
    xs: Vec<f32>,
    measure: Measure<'a>,
    pages: Vec<Page>,
    y: f32,
    /// The current indicator table's heading rows, repeated on each page.
    heading: Vec<Cell>,
    open: Vec<Open>,
    /// A table is being drawn on this page (its bottom line not drawn yet).
    in_table: bool,
}

/// `table` on A4 portrait pages.
pub fn pages(table: &FormTable, measure: Measure) -> Vec<Page> {
    let mut xs = vec![MARGIN_X];
    for w in &table.widths {
        xs.push(xs.last().unwrap() + w);
    }
    let mut p = Pager {
        xs,
        measure,
        pages: vec![Page::default()],
        y: PAGE_H - MARGIN_TOP,
        heading: Vec::new(),
        open: Vec::new(),
        in_table: false,
    };
    for line in &table.lines {
        match line {
            Line::Title(t) => p.centered(t, TITLE_SIZE, 10.0),
            Line::Subtitle(t) => p.centered(t, SUBTITLE_SIZE, 6.0),
            Line::Row(cells) => p.row(cells, true),
            Line::GridHeading(cells) => {
                p.heading = cells.clone();
                p.row(cells, false);
            }
            Line::Break => {
                p.close();
                p.heading.clear();
                p.y -= 6.0;
            }
            Line::Note(t) => {
                p.close();
                let lines = p.wrap(t, p.right() - MARGIN_X);
                for l in lines {
                    if p.y - LINE_H < MARGIN_BOTTOM {
                        p.new_page();
                    }
                    p.text(MARGIN_X, p.y - ASCENT, SIZE + 1.0, l);
                    p.y -= LINE_H + 2.0;
                }
            }
        }
    }
    p.close();
    let total = p.pages.len();
    for (i, page) in p.pages.iter_mut().enumerate() {
        let text = format!("第 {} 页 共 {} 页", i + 1, total);
        let w: f32 = text.chars().map(|c| measure(c) * BODY_SIZE).sum();
        page.marks.push(Mark::Text {
            x: (PAGE_W - w) / 2.0,
            y: FOOTER_BASELINE,
            size: BODY_SIZE,
            text,
        });
    }
    p.pages
}

impl Pager<'_> {
    fn right(&self) -> f32 {
        *self.xs.last().unwrap()
    }

    fn x(&self, col: usize) -> f32 {
        self.xs[col.min(self.xs.len() - 1)]
    }

    fn page(&mut self) -> &mut Page {
        self.pages.last_mut().unwrap()
    }

    fn wrap(&self, text: &str, width: f32) -> Vec<String> {
        let m = self.measure;
        wrap(text, width - 2.0 * PAD, &|c| m(c) * SIZE)
    }

    fn text(&mut self, x: f32, y: f32, size: f32, text: String) {
        if !text.is_empty() {
            self.page().marks.push(Mark::Text { x, y, size, text });
        }
    }

    fn line(&mut self, from: (f32, f32), to: (f32, f32)) {
        self.page().marks.push(Mark::Line { from, to });
    }

    fn centered(&mut self, t: &str, size: f32, gap: f32) {
        let w: f32 = t.chars().map(|c| (self.measure)(c) * size).sum();
        self.text((PAGE_W - w) / 2.0, self.y - size, size, t.to_string());
        self.y -= size + gap;
    }

    fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = PAGE_H - MARGIN_TOP;
    }

    /// Draws the table's bottom line where it ends on this page.
    fn close(&mut self) {
        if self.in_table {
            let (l, r, y) = (MARGIN_X, self.right(), self.y);
            self.line((l, y), (r, y));
            self.in_table = false;
        }
    }

    /// One row; `breakable` rows may go to the next page with the heading repeated.
    fn row(&mut self, cells: &[Cell], breakable: bool) {
        let laid: Vec<(usize, usize, usize, Vec<String>, bool)> = cells
            .iter()
            .map(|c| {
                let w = self.x(c.col + c.span) - self.x(c.col);
                (
                    c.col,
                    c.span,
                    c.rows.max(1),
                    self.wrap(&c.text, w),
                    c.heading,
                )
            })
            .collect();
        let need = |lines: &[String]| lines.len().max(1) as f32 * LINE_H + 2.0 * PAD;
        let mut height = laid
            .iter()
            .filter(|c| c.2 == 1)
            .map(|c| need(&c.3))
            .fold(LINE_H + 2.0 * PAD, f32::max);
        // a spanning cell that ends here gets the room its text still needs
        for o in &self.open {
            if o.rows_left == 1 {
                height = height.max(o.needed);
            }
        }
        if self.y - height < MARGIN_BOTTOM && breakable && !self.at_top() {
            self.close();
            self.new_page();
            for o in &mut self.open {
                o.drawn = false;
                o.needed = o.lines.len().max(1) as f32 * LINE_H + 2.0 * PAD;
            }
            let heading = self.heading.clone();
            if !heading.is_empty() {
                self.row(&heading, false);
            }
        }
        let top = self.y;
        let bottom = top - height;
        // top borders: every new cell, and across open spans at a page's first row
        let fresh_page = !self.in_table;
        for c in &laid {
            let (a, b) = (self.x(c.0), self.x(c.0 + c.1));
            self.line((a, top), (b, top));
        }
        if fresh_page {
            let spans: Vec<(f32, f32)> = self
                .open
                .iter()
                .map(|o| (self.x(o.col), self.x(o.col + o.span)))
                .collect();
            for (a, b) in spans {
                self.line((a, top), (b, top));
            }
        }
        self.in_table = true;
        // text of the row's cells and of open spans not yet drawn on this page
        for c in &laid {
            let (a, b) = (self.x(c.0), self.x(c.0 + c.1));
            self.cell_text(a, b, top, &c.3, c.4);
        }
        let pending: Vec<(f32, f32, Vec<String>)> = self
            .open
            .iter()
            .filter(|o| !o.drawn)
            .map(|o| (self.x(o.col), self.x(o.col + o.span), o.lines.clone()))
            .collect();
        for (a, b, lines) in pending {
            self.cell_text(a, b, top, &lines, false);
        }
        // vertical borders at every cell edge, spans included
        let mut edges: Vec<f32> = Vec::new();
        for c in &laid {
            edges.push(self.x(c.0));
            edges.push(self.x(c.0 + c.1));
        }
        for o in &self.open {
            edges.push(self.x(o.col));
            edges.push(self.x(o.col + o.span));
        }
        edges.sort_by(f32::total_cmp);
        edges.dedup_by(|a, b| (*a - *b).abs() < 0.01);
        for x in edges {
            self.line((x, top), (x, bottom));
        }
        self.y = bottom;
        // spans: the open ones lose a row, this row's start
        for o in &mut self.open {
            o.drawn = true;
            o.rows_left -= 1;
            o.needed = (o.needed - height).max(0.0);
        }
        self.open.retain(|o| o.rows_left > 0);
        for c in laid.into_iter().filter(|c| c.2 > 1) {
            let needed = (c.3.len().max(1) as f32 * LINE_H + 2.0 * PAD - height).max(0.0);
            self.open.push(Open {
                col: c.0,
                span: c.1,
                rows_left: c.2 - 1,
                lines: c.3,
                needed,
                drawn: true,
            });
        }
    }

    fn at_top(&self) -> bool {
        (self.y - (PAGE_H - MARGIN_TOP)).abs() < 0.01
    }

    fn cell_text(&mut self, a: f32, b: f32, top: f32, lines: &[String], center: bool) {
        for (i, l) in lines.iter().enumerate() {
            let x = if center {
                let w: f32 = l.chars().map(|c| (self.measure)(c) * SIZE).sum();
                a + ((b - a) - w).max(0.0) / 2.0
            } else {
                a + PAD
            };
            let y = top - PAD - ASCENT - i as f32 * LINE_H;
            self.text(x, y, SIZE, l.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(col: usize, span: usize, rows: usize, text: &str) -> Cell {
        Cell {
            text: text.into(),
            col,
            span,
            rows,
            heading: false,
            amount: None,
        }
    }

    #[test]
    fn long_tables_break_between_rows_and_repeat_the_heading_and_spanning_text() {
        let mut lines = vec![
            Line::Title("表".into()),
            Line::GridHeading(vec![cell(0, 1, 1, "一级"), cell(1, 1, 1, "名称")]),
        ];
        for i in 0..120 {
            let mut row = Vec::new();
            if i == 0 {
                row.push(cell(0, 1, 120, "产出指标"));
            }
            row.push(cell(1, 1, 1, &format!("指标{i}")));
            lines.push(Line::Row(row));
        }
        let table = FormTable {
            widths: vec![100.0, 381.88],
            lines,
        };
        let pages = pages(&table, &|_| 1.0);
        assert!(pages.len() >= 3);
        for (n, page) in pages.iter().enumerate() {
            let texts: Vec<&str> = page.texts().collect();
            assert!(texts.contains(&"名称"), "heading on page {}", n + 1);
            assert!(
                texts.contains(&"产出指标"),
                "spanning cell on page {}",
                n + 1
            );
            assert!(texts.iter().any(|t| t.starts_with("第 ")));
            for m in &page.marks {
                let (Mark::Text { y, .. } | Mark::Line { from: (_, y), .. }) = m;
                assert!(
                    *y >= FOOTER_BASELINE - 1.0 && *y <= PAGE_H,
                    "inside the page"
                );
            }
        }
        let all: Vec<String> = pages
            .iter()
            .flat_map(|p| p.texts().map(str::to_string))
            .collect();
        for i in 0..120 {
            assert_eq!(all.iter().filter(|t| **t == format!("指标{i}")).count(), 1);
        }
    }
}
