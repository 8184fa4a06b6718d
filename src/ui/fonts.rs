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

/// Light theme and text a little larger than egui's default: Chinese at 12 px is hard to
/// read for a day of typing.
pub fn style(ctx: &egui::Context) {
    use egui::{FontId, TextStyle};
    ctx.set_theme(egui::Theme::Light);
    ctx.all_styles_mut(|style| {
        style.text_styles = [
            (TextStyle::Heading, FontId::proportional(21.0)),
            (TextStyle::Body, FontId::proportional(15.0)),
            (TextStyle::Monospace, FontId::monospace(14.0)),
            (TextStyle::Button, FontId::proportional(15.0)),
            (TextStyle::Small, FontId::proportional(12.0)),
        ]
        .into();
        style.spacing.item_spacing = egui::vec2(8.0, 6.0);
    });
}
