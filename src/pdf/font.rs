//! The parsed CJK font for PDF export: parsed once per process (it is a 15 MB file).

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use printpdf::ParsedFont;

use crate::font::CJK_FONT;

pub struct PdfFont {
    pub parsed: ParsedFont,
    units_per_em: f32,
    advances: Mutex<HashMap<char, Option<f32>>>,
}

static FONT: OnceLock<Option<PdfFont>> = OnceLock::new();

/// The font, or `None` if the built-in font could not be parsed (a broken build).
pub fn get() -> Option<&'static PdfFont> {
    FONT.get_or_init(|| {
        let parsed = ParsedFont::from_bytes(CJK_FONT, 0, &mut Vec::new())?;
        let units_per_em = f32::from(parsed.pdf_font_metrics.units_per_em.max(1));
        Some(PdfFont {
            parsed,
            units_per_em,
            advances: Mutex::new(HashMap::new()),
        })
    })
    .as_ref()
}

impl PdfFont {
    /// Advance of `c` at size 1, or `None` when the font has no glyph for it.
    pub fn advance(&self, c: char) -> Option<f32> {
        let mut cache = self.advances.lock().unwrap_or_else(|e| e.into_inner());
        *cache.entry(c).or_insert_with(|| {
            let gid = self.parsed.lookup_glyph_index(c as u32)?;
            Some(f32::from(self.parsed.get_horizontal_advance(gid)) / self.units_per_em)
        })
    }

    pub fn has_glyph(&self, c: char) -> bool {
        self.advance(c).is_some()
    }

    /// Width for layout: a missing glyph is drawn as the notdef box, one em wide.
    pub fn measure(&self, c: char) -> f32 {
        self.advance(c).unwrap_or(1.0)
    }
}
