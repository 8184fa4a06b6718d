//! The window's one look: the theme and text sizes, the colours that mean error and
//! warning, and the sizes panels share.

use egui::{Color32, RichText, Visuals};

use crate::core::validate::Severity;

/// Height of one row of the indicator grid.
pub const ROW_HEIGHT: f32 = 28.0;
/// Width of a one-line field in the field editors.
pub const FIELD_WIDTH: f32 = 460.0;

/// The colour of a severity: error red, warning orange, as the visuals define them.
pub fn severity_color(visuals: &Visuals, severity: Severity) -> Color32 {
    match severity {
        Severity::Error => visuals.error_fg_color,
        Severity::Warning => visuals.warn_fg_color,
    }
}

/// The colour of an error message.
pub fn error_color(visuals: &Visuals) -> Color32 {
    severity_color(visuals, Severity::Error)
}

/// The colour of a warning, or of something that wants attention (unsaved changes).
pub fn warn_color(visuals: &Visuals) -> Color32 {
    severity_color(visuals, Severity::Warning)
}

/// The small ● beside something the checks found a problem with.
pub fn marker(visuals: &Visuals, severity: Severity) -> RichText {
    RichText::new("●")
        .color(severity_color(visuals, severity))
        .small()
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
