//! The window: a thin layer over the core. Panels read the form and emit
//! [`crate::core::editing::edit::Edit`]s; the [`app::App`] applies them through the document.
//!
//! Layers, each using only those below it:
//! - [`app`]: the window's App, its file actions, menus, questions and autosave;
//! - [`panels`]: outline, indicator grid, field editors, problems and review list;
//! - shared: [`state`] (selection, focus, requests, [`state::PanelCtx`]),
//!   [`problem_index`], [`nodes`] (operations on goals, groups and indicators),
//!   [`commands`] (every command's label and shortcut), [`theme`], `fonts`;
//! - [`crate::core`].

pub mod app;
pub mod commands;
mod edit_menu;
mod fonts;
pub mod nodes;
pub mod panels;
pub mod problem_index;
pub mod state;
pub mod theme;

use std::path::PathBuf;

/// The window's fonts and look, installed into `ctx` (the app does this on its first
/// frame; a test showing one panel alone does it too).
pub fn install_look(ctx: &egui::Context) {
    fonts::install(ctx);
    theme::style(ctx);
}

pub use app::autosave::AUTOSAVE_IDLE;
pub use app::{App, AppConfig};
pub use state::Node;

/// The program's icon on the window (the same drawing as the desktop entry's).
fn window_icon(viewport: egui::ViewportBuilder) -> egui::ViewportBuilder {
    match eframe::icon_data::from_png_bytes(include_bytes!("../../assets/icons/jixiao-256.png")) {
        Ok(icon) => viewport.with_icon(std::sync::Arc::new(icon)),
        Err(_) => viewport,
    }
}

/// Opens the window; returns a Chinese message if it cannot. `started` is when the
/// process started, for the start-up time probe.
pub fn run(path: Option<PathBuf>, started: std::time::Instant) -> Result<(), String> {
    let probe = std::env::var_os("JIXIAO_STARTUP_PROBE")
        .is_some()
        .then_some(started);
    let options = eframe::NativeOptions {
        renderer: eframe::Renderer::Glow,
        // What users see must be the committed font, not whatever the system has.
        system_font_fallback: false,
        viewport: window_icon(egui::ViewportBuilder::default())
            .with_title("绩效目标表")
            .with_app_id("jixiao")
            .with_inner_size([1280.0, 820.0])
            .with_min_inner_size([800.0, 500.0]),
        ..Default::default()
    };
    eframe::run_native(
        "jixiao",
        options,
        Box::new(move |_cc| {
            let mut app = App::start(AppConfig::for_user(), path);
            app.startup_probe = probe;
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| window_error(&e))
}

/// Why the window could not open, in words a clerk (or the office's IT) can act on.
fn window_error(e: &eframe::Error) -> String {
    let detail = crate::core::printable::printable(&e.to_string());
    match e {
        eframe::Error::Glutin(_)
        | eframe::Error::NoGlutinConfigs(..)
        | eframe::Error::OpenGL(_) => {
            let remedy = if cfg!(windows) {
                "安装或更新显卡驱动；在虚拟机中打开 3D 加速；\
                 或请信息科把 Mesa 的软件渲染库 opengl32.dll 放到本程序所在的文件夹"
            } else {
                "安装显卡驱动或 Mesa（Debian/统信/麒麟：apt install libgl1-mesa-dri）"
            };
            format!(
                "无法打开窗口：这台电脑的显卡驱动没有提供 OpenGL 2.0 或更高版本\
                 （远程桌面、虚拟机或未安装显卡驱动时常见）。\n\n可以这样解决：{remedy}。\n\n\
                 不打开窗口也能使用命令行：jixiao check / export-pdf / rollover（见 jixiao help）。\n\n\
                 详细信息：{detail}"
            )
        }
        _ => format!("无法打开窗口：{detail}"),
    }
}
