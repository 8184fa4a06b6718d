//! Installs the committed CJK font as the first choice for all text.

use std::sync::Arc;

use egui::{FontData, FontDefinitions, FontFamily};

use crate::font::{CJK_FONT, CJK_FONT_NAME};

pub fn install(ctx: &egui::Context) {
    let mut fonts = FontDefinitions::default();
    fonts.font_data.insert(
        CJK_FONT_NAME.to_owned(),
        Arc::new(FontData::from_static(CJK_FONT)),
    );
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        // First, so Chinese and Latin share one face; egui's own fonts stay as fallback
        // for the few symbols (arrows, icons) the CJK font lacks.
        fonts
            .families
            .entry(family)
            .or_default()
            .insert(0, CJK_FONT_NAME.to_owned());
    }
    ctx.set_fonts(fonts);
}
