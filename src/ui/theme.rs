//! The window's one look: the theme and text sizes, the colours that mean error and
//! warning, and the sizes panels share.

use egui::{Color32, RichText, Visuals};
use serde::{Deserialize, Serialize};

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

/// The text size chosen in 设置: everything (text, rows, dialogs) scales with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum TextSize {
    Small,
    #[default]
    Medium,
    Large,
    ExtraLarge,
}

impl TextSize {
    pub const ALL: [TextSize; 4] = [
        TextSize::Small,
        TextSize::Medium,
        TextSize::Large,
        TextSize::ExtraLarge,
    ];

    pub fn label(self) -> &'static str {
        match self {
            TextSize::Small => "小",
            TextSize::Medium => "中",
            TextSize::Large => "大",
            TextSize::ExtraLarge => "特大",
        }
    }

    /// How much larger than 中 everything is drawn.
    pub fn zoom(self) -> f32 {
        match self {
            TextSize::Small => 0.9,
            TextSize::Medium => 1.0,
            TextSize::Large => 1.2,
            TextSize::ExtraLarge => 1.45,
        }
    }

    /// One step larger (`+1`) or smaller (`-1`), staying within 小–特大.
    pub fn step(self, by: i32) -> TextSize {
        let i = TextSize::ALL.iter().position(|t| *t == self).unwrap_or(1) as i32;
        TextSize::ALL[(i + by).clamp(0, 3) as usize]
    }
}

/// 浅色, 深色 or 跟随系统.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum ThemeChoice {
    #[default]
    Light,
    Dark,
    System,
}

impl ThemeChoice {
    pub const ALL: [ThemeChoice; 3] = [ThemeChoice::Light, ThemeChoice::Dark, ThemeChoice::System];

    pub fn label(self) -> &'static str {
        match self {
            ThemeChoice::Light => "浅色",
            ThemeChoice::Dark => "深色",
            ThemeChoice::System => "跟随系统",
        }
    }
}

/// Applies the chosen text size and theme to the window.
pub fn apply(ctx: &egui::Context, size: TextSize, theme: ThemeChoice) {
    ctx.set_theme(match theme {
        ThemeChoice::Light => egui::ThemePreference::Light,
        ThemeChoice::Dark => egui::ThemePreference::Dark,
        ThemeChoice::System => egui::ThemePreference::System,
    });
    if (ctx.zoom_factor() - size.zoom()).abs() > f32::EPSILON {
        ctx.set_zoom_factor(size.zoom());
    }
}

/// Text a little larger than egui's default (Chinese at 12 px is hard to read for a day
/// of typing), in both themes; the text size setting scales it all.
pub fn style(ctx: &egui::Context) {
    use egui::{FontId, TextStyle};
    // Ctrl+= / Ctrl+- / Ctrl+0 change the text size setting instead (commands).
    ctx.options_mut(|o| o.zoom_with_keyboard = false);
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
