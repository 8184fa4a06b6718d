//! The CJK font's metrics for layout (read in place from the built-in font, nothing
//! copied), and the font handed to the PDF writer: a copy holding only the characters a
//! document prints ([`super::subset`]).

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use printpdf::ParsedFont;

use crate::font::CJK_FONT;

pub struct PdfFont {
    face: ttf_parser::Face<'static>,
    units_per_em: f32,
    advances: Mutex<HashMap<char, Option<f32>>>,
}

static FONT: OnceLock<Option<PdfFont>> = OnceLock::new();

/// The font, or `None` if the built-in font could not be read (a broken build).
pub fn get() -> Option<&'static PdfFont> {
    FONT.get_or_init(|| {
        let face = ttf_parser::Face::parse(CJK_FONT, 0).ok()?;
        let units_per_em = f32::from(face.units_per_em().max(1));
        Some(PdfFont {
            face,
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
            let gid = self.face.glyph_index(c)?;
            Some(f32::from(self.face.glyph_hor_advance(gid)?) / self.units_per_em)
        })
    }

    pub fn has_glyph(&self, c: char) -> bool {
        self.advance(c).is_some()
    }

    /// Width for layout: a missing glyph is drawn as the notdef box, one em wide.
    pub fn measure(&self, c: char) -> f32 {
        self.advance(c).unwrap_or(1.0)
    }

    /// The font for the PDF writer, holding the outlines of `chars`.
    pub fn for_printing(&self, chars: impl IntoIterator<Item = char>) -> Option<ParsedFont> {
        let small = super::subset::subset(CJK_FONT, chars)?;
        ParsedFont::from_bytes(&small, 0, &mut Vec::new())
    }
}
