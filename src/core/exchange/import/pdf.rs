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
        let mut segs = Vec::new();
        let (mut cur, mut start) = ((0.0, 0.0), (0.0, 0.0));
        for op in &path.ops {
            match *op {
                PathOp::MoveTo(x, y) => {
                    cur = self.flip(ctm, x, y);
                    start = cur;
                }
                PathOp::LineTo(x, y) => {
                    let to = self.flip(ctm, x, y);
                    segs.push(Seg {
                        x0: cur.0,
                        y0: cur.1,
                        x1: to.0,
                        y1: to.1,
                    });
                    cur = to;
                }
                PathOp::CurveTo(_, _, _, _, x, y) => cur = self.flip(ctm, x, y),
                PathOp::Rect(x, y, w, h) => {
                    let a = self.flip(ctm, x, y);
                    let b = self.flip(ctm, x + w, y + h);
                    let (l, r) = (a.0.min(b.0), a.0.max(b.0));
                    let (t, bo) = (a.1.min(b.1), a.1.max(b.1));
                    if filled && (r - l < 2.5 || bo - t < 2.5) {
                        // a thin filled bar is a drawn line (Word's table borders)
                        if r - l < bo - t {
                            let x = (l + r) / 2.0;
                            segs.push(Seg {
                                x0: x,
                                y0: t,
                                x1: x,
                                y1: bo,
                            });
                        } else {
                            let y = (t + bo) / 2.0;
                            segs.push(Seg {
                                x0: l,
                                y0: y,
                                x1: r,
                                y1: y,
                            });
                        }
                    } else if !filled {
                        segs.push(Seg {
                            x0: l,
                            y0: t,
                            x1: r,
                            y1: t,
                        });
                        segs.push(Seg {
                            x0: l,
                            y0: bo,
                            x1: r,
                            y1: bo,
                        });
                        segs.push(Seg {
                            x0: l,
                            y0: t,
                            x1: l,
                            y1: bo,
                        });
                        segs.push(Seg {
                            x0: r,
                            y0: t,
                            x1: r,
                            y1: bo,
                        });
                    }
                    cur = a;
                    start = a;
                }
                PathOp::Close => {
                    segs.push(Seg {
                        x0: cur.0,
                        y0: cur.1,
                        x1: start.0,
                        y1: start.1,
                    });
                    cur = start;
                }
            }
        }
        if filled {
            segs.clear(); // other filled shapes (shading, marks) are no borders
        }
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
    for (p, page) in pages.iter().enumerate() {
        layout_page(page, p + 1, &mut table, &mut source.rows);
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
