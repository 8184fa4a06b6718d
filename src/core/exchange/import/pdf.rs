//! A PDF read for import: the characters with their place on the page and the lines
//! drawn, collected page by page (pdf_cells.rs makes rows of them). Malformed files give
//! a message, never a crash; sizes are bounded.

use pdf_extract::{ColorSpace, MediaBox, OutputDev, OutputError, Path, PathOp, Transform};

use super::pdf_cells::layout_page;
use super::pdf_page::{Glyph, Page, Seg};
use super::source::Source;
use super::ImportError;

/// Limits far above a form (a 10-page form has ~20,000 characters).
const MAX_PAGES: u32 = 2_000;
const MAX_GLYPHS: usize = 3_000_000;
const MAX_SEGMENTS: usize = 500_000;

#[derive(Default)]
struct Collector {
    pages: Vec<Page>,
    height: f64,
    glyphs: usize,
    segments: usize,
    /// A limit reached: what was too large.
    too_big: Option<String>,
}

fn stop() -> OutputError {
    OutputError::FormatError(std::fmt::Error)
}

impl Collector {
    fn flip(&self, ctm: &Transform, x: f64, y: f64) -> (f64, f64) {
        let px = x * ctm.m11 + y * ctm.m21 + ctm.m31;
        let py = x * ctm.m12 + y * ctm.m22 + ctm.m32;
        (px, self.height - py)
    }

    fn add_path(&mut self, ctm: &Transform, path: &Path, filled: bool) -> Result<(), OutputError> {
        let segs = if filled {
            self.filled_bars(ctm, path)
        } else {
            self.stroked_lines(ctm, path)
        };
        self.segments += segs.len();
        if self.segments > MAX_SEGMENTS {
            self.too_big = Some(format!("画有超过 {MAX_SEGMENTS} 条线"));
            return Err(stop());
        }
        if let Some(page) = self.pages.last_mut() {
            page.segs.extend(segs);
        }
        Ok(())
    }
}

impl Collector {
    /// The lines a stroked path draws.
    fn stroked_lines(&self, ctm: &Transform, path: &Path) -> Vec<Seg> {
        let mut segs = Vec::new();
        let (mut cur, mut start) = ((0.0, 0.0), (0.0, 0.0));
        let line = |a: (f64, f64), b: (f64, f64)| Seg {
            x0: a.0,
            y0: a.1,
            x1: b.0,
            y1: b.1,
        };
        for op in &path.ops {
            match *op {
                PathOp::MoveTo(x, y) => {
                    cur = self.flip(ctm, x, y);
                    start = cur;
                }
                PathOp::LineTo(x, y) => {
                    let to = self.flip(ctm, x, y);
                    segs.push(line(cur, to));
                    cur = to;
                }
                PathOp::CurveTo(_, _, _, _, x, y) => cur = self.flip(ctm, x, y),
                PathOp::Rect(x, y, w, h) => {
                    let a = self.flip(ctm, x, y);
                    let b = self.flip(ctm, x + w, y + h);
                    let (l, r) = (a.0.min(b.0), a.0.max(b.0));
                    let (t, bo) = (a.1.min(b.1), a.1.max(b.1));
                    segs.push(line((l, t), (r, t)));
                    segs.push(line((l, bo), (r, bo)));
                    segs.push(line((l, t), (l, bo)));
                    segs.push(line((r, t), (r, bo)));
                    cur = a;
                    start = a;
                }
                PathOp::Close => {
                    segs.push(line(cur, start));
                    cur = start;
                }
            }
        }
        segs
    }

    /// A filled path's thin bars, each a drawn line: how Word, LibreOffice and browsers
    /// draw table borders (a rectangle or a four-cornered shape 2.5 points wide at most);
    /// other filled shapes (shading, marks, glyph-like curves) are no borders.
    fn filled_bars(&self, ctm: &Transform, path: &Path) -> Vec<Seg> {
        let mut segs = Vec::new();
        let mut shape: Vec<(f64, f64)> = Vec::new();
        let mut curved = false;
        let mut finish = |shape: &mut Vec<(f64, f64)>, curved: &mut bool| {
            if !*curved {
                segs.extend(thin_bar(shape));
            }
            shape.clear();
            *curved = false;
        };
        for op in &path.ops {
            match *op {
                PathOp::MoveTo(x, y) => {
                    finish(&mut shape, &mut curved);
                    shape.push(self.flip(ctm, x, y));
                }
                PathOp::LineTo(x, y) => shape.push(self.flip(ctm, x, y)),
                PathOp::CurveTo(_, _, _, _, x, y) => {
                    curved = true;
                    shape.push(self.flip(ctm, x, y));
                }
                PathOp::Rect(x, y, w, h) => {
                    finish(&mut shape, &mut curved);
                    for (px, py) in [(x, y), (x + w, y), (x + w, y + h), (x, y + h)] {
                        shape.push(self.flip(ctm, px, py));
                    }
                    finish(&mut shape, &mut curved);
                }
                PathOp::Close => {}
            }
        }
        finish(&mut shape, &mut curved);
        segs
    }
}

/// The line a thin axis-aligned bar stands for (every corner on its bounding box, one
/// side at most 2.5 points, the other longer).
fn thin_bar(points: &[(f64, f64)]) -> Option<Seg> {
    if points.len() < 3 {
        return None;
    }
    let (mut l, mut r, mut t, mut b) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for &(x, y) in points {
        l = l.min(x);
        r = r.max(x);
        t = t.min(y);
        b = b.max(y);
    }
    let on_edge = |&(x, y): &(f64, f64)| {
        ((x - l).abs() < 0.05 || (x - r).abs() < 0.05)
            && ((y - t).abs() < 0.05 || (y - b).abs() < 0.05)
    };
    let (w, h) = (r - l, b - t);
    if !points.iter().all(on_edge) || w.min(h) >= 2.5 || w.max(h) <= 2.5 {
        return None;
    }
    Some(if w < h {
        let x = (l + r) / 2.0;
        Seg {
            x0: x,
            y0: t,
            x1: x,
            y1: b,
        }
    } else {
        let y = (t + b) / 2.0;
        Seg {
            x0: l,
            y0: y,
            x1: r,
            y1: y,
        }
    })
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        n: u32,
        media: &MediaBox,
        _: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        if n > MAX_PAGES {
            self.too_big = Some(format!("超过 {MAX_PAGES} 页"));
            return Err(stop());
        }
        self.height = media.ury - media.lly;
        self.pages.push(Page::default());
        Ok(())
    }
    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _: f64,
        font_size: f64,
        ch: &str,
    ) -> Result<(), OutputError> {
        let (x, y) = (trm.m31, self.height - trm.m32);
        let vx = font_size * (trm.m11 + trm.m21);
        let vy = font_size * (trm.m12 + trm.m22);
        let size = (vx * vy).abs().sqrt();
        self.glyphs += 1;
        if self.glyphs > MAX_GLYPHS {
            self.too_big = Some(format!("超过 {MAX_GLYPHS} 个字"));
            return Err(stop());
        }
        if !(x.is_finite() && y.is_finite() && size.is_finite()) {
            return Ok(());
        }
        if let Some(page) = self.pages.last_mut() {
            page.glyphs.push(Glyph {
                x,
                y,
                w: (width * size).max(0.0),
                size: size.max(0.1),
                ch: ch.to_string(),
            });
        }
        Ok(())
    }
    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn stroke(
        &mut self,
        ctm: &Transform,
        _: &ColorSpace,
        _: &[f64],
        path: &Path,
    ) -> Result<(), OutputError> {
        self.add_path(ctm, path, false)
    }
    fn fill(
        &mut self,
        ctm: &Transform,
        _: &ColorSpace,
        _: &[f64],
        path: &Path,
    ) -> Result<(), OutputError> {
        self.add_path(ctm, path, true)
    }
}

/// Reads the PDF in `bytes`.
pub fn read(bytes: &[u8]) -> Result<Source, ImportError> {
    let pages = collect(bytes)?;
    let mut source = Source::default();
    let mut table = 0;
    let mut open_below = false;
    for (p, page) in pages.iter().enumerate() {
        let start = source.rows.len();
        let open = layout_page(page, p + 1, &mut table, &mut source.rows);
        if open_below && open.top {
            super::pdf_breaks::join(&mut source.rows, start);
        }
        open_below = open.bottom;
    }
    Ok(source)
}

fn collect(bytes: &[u8]) -> Result<Vec<Page>, ImportError> {
    // The PDF library panics on some malformed files: a panic there is a damaged file.
    super::pdf_guard::check_bytes(bytes)?;
    let result = crate::core::contained::run(|| {
        let mut doc =
            pdf_extract::Document::load_mem(bytes).map_err(|_| ImportError::Damaged("PDF 文件"))?;
        if doc.is_encrypted() && doc.decrypt("").is_err() {
            return Err(ImportError::Encrypted);
        }
        if doc.get_pages().is_empty() {
            // no page to be found: the page directory is broken (not a scan)
            return Err(ImportError::Damaged("PDF 文件（找不到任何页面）"));
        }
        super::pdf_guard::check_document(&doc)?;
        super::pdf_font_guard::check_fonts(&doc)?;
        super::pdf_font_guard::drop_deep_font_programs(&mut doc);
        super::pdf_actual::apply(&mut doc);
        let mut c = Collector::default();
        let done = pdf_extract::output_doc(&doc, &mut c);
        if let Some(what) = c.too_big.take() {
            return Err(ImportError::TooComplex(what));
        }
        if done.is_err() && c.pages.iter().all(|p| p.glyphs.is_empty()) {
            return Err(ImportError::Damaged("PDF 文件"));
        }
        Ok(c.pages)
    });
    let pages = result.unwrap_or(Err(ImportError::Damaged("PDF 文件")))?;
    if pages
        .iter()
        .all(|p| p.glyphs.iter().all(|g| g.ch.trim().is_empty()))
    {
        return Err(ImportError::NoText);
    }
    Ok(pages)
}
