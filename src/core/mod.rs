//! The GUI-free core: the document model and everything done to it without a window.

#[cfg(feature = "xlsx")]
pub mod contained;
pub mod convert;
pub mod diff;
pub mod disk;
pub mod document;
pub mod edit;
pub mod field_input;
#[cfg(feature = "xlsx")]
pub mod grid_xlsx;
#[cfg(feature = "xlsx")]
pub mod import;
pub mod import_text;
pub mod lock;
pub mod model;
pub mod model_v1;
pub mod money;
pub mod money_unit;
#[cfg(feature = "xlsx")]
pub mod paste_rows;
pub mod printable;
pub mod recovery;
pub mod review;
pub mod rollover;
mod ron_writer;
pub mod safe_write;
pub mod seed_fields;
pub mod store;
pub mod synthetic;
pub mod target;
pub mod template;
pub mod validate;
#[cfg(feature = "xlsx")]
pub mod xlsx_cells;
#[cfg(feature = "xlsx")]
pub mod xlsx_limits;
