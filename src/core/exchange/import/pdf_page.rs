//! What one page of a PDF holds for import: its characters with their place and size,
//! and the straight lines drawn on it (table borders), from the top left. The PDF reader
//! fills it; the table reader (pdf_cells.rs) makes rows of cells from it.

#[derive(Debug, Clone)]
pub(super) struct Glyph {
    pub x: f64,
    /// Baseline, from the top of the page.
    pub y: f64,
    pub w: f64,
    pub size: f64,
    pub ch: String,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Seg {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

/// What one page holds: characters and straight lines, from the top left.
#[derive(Default)]
pub(super) struct Page {
    pub glyphs: Vec<Glyph>,
    pub segs: Vec<Seg>,
}
