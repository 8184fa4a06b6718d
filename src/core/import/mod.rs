//! Reading what a clerk already has — a grid sheet, pasted rows, a file of last year's
//! form — into this program's form: labels matched by meaning, grids by their columns.

pub mod grid_rows;
pub mod labels;
