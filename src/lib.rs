//! jixiao: an offline editor for the 财政项目支出绩效目标表 (fiscal project performance
//! target form).
//!
//! - [`core`]: the document model, validation, rollover and the file store — no GUI.
//! - [`pdf`]: the printed form.
//! - [`cli`]: the command line.
//! - [`platform`]: what differs between Windows and the others.
//! - [`ui`]: the window, a thin layer over the core.

#[cfg(feature = "gui")]
pub mod cli;
pub mod core;
#[cfg(feature = "pdf")]
pub mod font;
pub mod pdf;
pub mod platform;
#[cfg(feature = "gui")]
pub mod ui;

/// The sample form shipped with the program, shown on the very first start.
pub const SAMPLE_FORM: &str =
    include_str!("../assets/samples/2020-上海市青少年服务和权益保护工作经费.ron");
