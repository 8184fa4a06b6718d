//! The GUI-free core: the document model and everything done to it without a window.

pub mod document;
pub mod edit;
pub mod frameworks;
#[cfg(feature = "xlsx")]
pub mod grid_xlsx;
pub mod import_text;
pub mod model;
pub mod money;
pub mod recovery;
pub mod review;
pub mod rollover;
pub mod store;
pub mod synthetic;
pub mod target;
pub mod validate;
