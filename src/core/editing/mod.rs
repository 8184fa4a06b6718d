//! Changing a form: every change as an `Edit` value (edit), the open document that
//! applies them with undo, redo and its file (document), what a clerk types into fields
//! that only take valid values (field_input), moving a form to another template
//! (convert), what changed between two versions (diff), and next year's form from last
//! year's (rollover, with last year's results: rollover_results).

pub mod convert;
pub mod diff;
pub mod document;
pub mod edit;
pub mod field_input;
pub mod rollover;
pub mod rollover_results;
