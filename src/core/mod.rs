//! The GUI-free core: the document model and everything done to it without a window.

#[cfg(feature = "xlsx")]
pub mod contained;
pub mod editing;
#[cfg(feature = "xlsx")]
pub mod exchange;
pub mod file;
pub mod find;
pub mod label_words;
pub mod labels;
pub mod library;
pub mod model;
pub mod model_v1;
pub mod money;
pub mod money_unit;
pub mod monitor_card;
pub mod my_indicators;
pub mod place;
pub mod print_symbols;
pub mod printable;
pub mod review;
pub mod scorecard;
pub mod scoring;
pub mod seed_fields;
pub mod stages;
pub mod stand_in;
pub mod synthetic;
pub mod target;
pub mod template;
pub mod validate;

// The file layer under its old names, for code and tests that name them so.
pub use file::{disk, lock, recovery, ron_error, safe_write, store};
// Exchange with other programs' files under their old names.
#[cfg(feature = "xlsx")]
pub use exchange::{grid_xlsx, import, import_text, paste_rows, xlsx_cells, xlsx_limits};
// Editing under its old names.
pub use editing::{convert, diff, document, edit, field_input, rollover};
