//! The PDF file itself: the laid-out pages written with printpdf and the embedded font
//! subset; saving, checking that the font has every character.

use std::collections::BTreeMap;
use std::path::Path;

use printpdf::{
    Color, Line, LinePoint, Mm, Op, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt,
    Rgb, TextItem, TextMatrix,
};

use super::font;
use super::layout::{self, Mark, Page};
use crate::core::file::store::{write_atomically, SaveError};
use crate::core::model::Form;
use crate::core::template::{self, Template};
use crate::core::validate::display_name;

/// A character the font cannot print, and the fields it is in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingGlyph {
    pub ch: char,
    pub places: Vec<String>,
}

impl std::fmt::Display for MissingGlyph {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "“{}”（U+{:04X}）出现在：{}",
            self.ch,
            self.ch as u32,
            self.places.join("、")
        )
    }
}

/// A finished export: the PDF and what the user should know about it.
pub struct Export {
    pub bytes: Vec<u8>,
    pub pages: usize,
    /// Characters printed as empty boxes because the font lacks them.
    pub missing: Vec<MissingGlyph>,
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("内置字体无法读取，程序可能已损坏，请重新安装")]
    Font,
    #[error("{0}")]
    Save(#[from] SaveError),
}

/// Renders `form` to PDF bytes.
pub fn export(form: &Form) -> Result<Export, ExportError> {
    export_with(form, &template::for_form(form))
}

/// Renders `form` as `template` prints it.
pub fn export_with(form: &Form, template: &Template) -> Result<Export, ExportError> {
    export_as(form, template, false)
}

/// Renders `form` as `template` prints it, each page marked 草稿 when `draft`.
pub fn export_as(form: &Form, template: &Template, draft: bool) -> Result<Export, ExportError> {
    let font = font::get().ok_or(ExportError::Font)?;
    let measure = |c: char| font.measure(c);
    let mut pages = layout::layout(form, template, &measure);
    if draft {
        layout::mark_draft(&mut pages);
    }
    let missing = missing_glyphs(form, template, &|c| font.has_glyph(c));
    let bytes = render(&pages, form, template, font)?;
    Ok(Export {
        bytes,
        pages: pages.len(),
        missing,
    })
}

/// Renders `form` and writes it to `path` atomically.
pub fn export_to(form: &Form, path: &Path) -> Result<Export, ExportError> {
    export_draft_to(form, path, false)
}

/// [`export_to`], each page marked 草稿 when `draft`.
pub fn export_draft_to(form: &Form, path: &Path, draft: bool) -> Result<Export, ExportError> {
    let export = export_as(form, &template::for_form(form), draft)?;
    write_atomically(path, &export.bytes, false)?;
    Ok(export)
}

fn render(
    pages: &[Page],
    form: &Form,
    template: &Template,
    font: &font::PdfFont,
) -> Result<Vec<u8>, ExportError> {
    let name = form.field("project_name").trim();
    let title = if name.is_empty() {
        format!("{}年度{}", form.year, template.title)
    } else {
        format!("{}年度 {name} 绩效目标表", form.year)
    };
    render_titled(pages, &title, font)
}

/// A laid-out table (the 自评 or 监控 table) as a PDF titled `title`; characters the font
/// lacks are listed like the form's.
#[cfg(feature = "xlsx")]
pub fn export_table(
    table: &crate::core::exchange::form_table::FormTable,
    title: &str,
) -> Result<Export, ExportError> {
    let font = font::get().ok_or(ExportError::Font)?;
    let measure = |c: char| font.measure(c);
    let pages = super::table_pages::pages(table, &measure);
    let mut missing: BTreeMap<char, Vec<String>> = BTreeMap::new();
    for page in &pages {
        for text in page.texts() {
            for c in text.chars() {
                if !c.is_whitespace() && !c.is_control() && !font.has_glyph(c) {
                    let places = missing.entry(c).or_default();
                    if !places.iter().any(|p| p == text) {
                        places.push(text.to_string());
                    }
                }
            }
        }
    }
    Ok(Export {
        bytes: render_titled(&pages, title, font)?,
        pages: pages.len(),
        missing: missing
            .into_iter()
            .map(|(ch, places)| MissingGlyph { ch, places })
            .collect(),
    })
}

fn render_titled(
    pages: &[Page],
    title: &str,
    font: &font::PdfFont,
) -> Result<Vec<u8>, ExportError> {
    // the font with the characters these pages print (and the watermark's)
    let printed = pages.iter().flat_map(|page| {
        page.texts()
            .flat_map(str::chars)
            .chain(page.watermark.iter().flat_map(|w| w.chars()))
    });
    let parsed = font.for_printing(printed).ok_or(ExportError::Font)?;
    let mut doc = PdfDocument::new(title);
    let font_id = doc.add_font(&parsed);
    let black = Color::Rgb(Rgb {
        r: 0.0,
        g: 0.0,
        b: 0.0,
        icc_profile: None,
    });
    let pdf_pages = pages
        .iter()
        .map(|page| {
            let mut ops = vec![
                Op::SetOutlineColor { col: black.clone() },
                Op::SetOutlineThickness { pt: Pt(0.6) },
            ];
            if let Some(word) = &page.watermark {
                // behind everything: light grey, large, across the page
                ops.extend([
                    Op::SetFillColor {
                        col: Color::Rgb(Rgb {
                            r: 0.85,
                            g: 0.85,
                            b: 0.85,
                            icc_profile: None,
                        }),
                    },
                    Op::StartTextSection,
                    Op::SetFont {
                        font: PdfFontHandle::External(font_id.clone()),
                        size: Pt(WATERMARK_SIZE),
                    },
                    Op::SetTextMatrix {
                        matrix: TextMatrix::TranslateRotate(
                            Pt(page.size.0 / 2.0 - WATERMARK_SIZE * 0.7),
                            Pt(page.size.1 / 2.0 - WATERMARK_SIZE * 0.7),
                            45.0,
                        ),
                    },
                    Op::ShowText {
                        items: vec![TextItem::Text(word.clone())],
                    },
                    Op::EndTextSection,
                ]);
            }
            ops.push(Op::SetFillColor { col: black.clone() });
            for mark in &page.marks {
                match mark {
                    Mark::Line { from, to } => ops.push(Op::DrawLine {
                        line: Line {
                            points: vec![point(*from), point(*to)],
                            is_closed: false,
                        },
                    }),
                    Mark::Text { x, y, size, text } => ops.extend([
                        Op::StartTextSection,
                        Op::SetFont {
                            font: PdfFontHandle::External(font_id.clone()),
                            size: Pt(*size),
                        },
                        Op::SetTextMatrix {
                            matrix: TextMatrix::Translate(Pt(*x), Pt(*y)),
                        },
                        Op::ShowText {
                            items: vec![TextItem::Text(text.clone())],
                        },
                        Op::EndTextSection,
                    ]),
                }
            }
            PdfPage::new(Mm::from(Pt(page.size.0)), Mm::from(Pt(page.size.1)), ops)
        })
        .collect();
    Ok(doc
        .with_pages(pdf_pages)
        .save(&PdfSaveOptions::default(), &mut Vec::new()))
}

/// Size of the draft mark, in points.
const WATERMARK_SIZE: f32 = 120.0;

fn point((x, y): (f32, f32)) -> LinePoint {
    LinePoint {
        p: Point { x: Pt(x), y: Pt(y) },
        bezier: false,
    }
}

/// Every printed character the font lacks, with the fields it appears in.
pub fn missing_glyphs(
    form: &Form,
    template: &Template,
    has_glyph: &dyn Fn(char) -> bool,
) -> Vec<MissingGlyph> {
    let mut found: BTreeMap<char, Vec<String>> = BTreeMap::new();
    let mut scan = |text: &str, place: &dyn Fn() -> String| {
        for c in text.chars() {
            if c.is_whitespace() || c.is_control() || has_glyph(c) {
                continue;
            }
            let places = found.entry(c).or_default();
            let place = place();
            if !places.contains(&place) {
                places.push(place);
            }
        }
    };
    for (id, text) in &form.fields {
        scan(text, &|| {
            crate::core::model::FieldId::field(id).label(template)
        });
    }
    for (id, text) in &form.sections {
        scan(text, &|| {
            crate::core::model::FieldId::section(id).label(template)
        });
    }
    for grid in &form.grids {
        for goal in &grid.goals {
            scan(&goal.name, &|| format!("一级目标“{}”", goal.name));
            for group in &goal.groups {
                scan(&group.name, &|| format!("二级目标“{}”", group.name));
                for ind in &group.indicators {
                    let place = || {
                        format!(
                            "指标“{} / {} / {}”",
                            display_name(&goal.name),
                            display_name(&group.name),
                            display_name(&ind.name)
                        )
                    };
                    scan(&ind.name, &place);
                    scan(&ind.target, &place);
                    for text in ind.cells.values() {
                        scan(text, &place);
                    }
                }
            }
        }
    }
    found
        .into_iter()
        .map(|(ch, places)| MissingGlyph { ch, places })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_glyphs_name_char_and_field() {
        let mut form = Form::new(crate::core::template::shanghai_2020(), 2020);
        form.set_field("project_name", "项目☃");
        form.sections.insert("basis".into(), "依据☃与★".into());
        let missing = missing_glyphs(&form, crate::core::template::shanghai_2020(), &|c| {
            c != '☃' && c != '★'
        });
        assert_eq!(missing.len(), 2);
        assert_eq!(missing[0].ch, '☃');
        assert_eq!(missing[0].places, ["项目名称", "立项依据"]);
        assert!(missing[0].to_string().contains("U+2603"));
        assert_eq!(missing[1].places, ["立项依据"]);
    }
}
