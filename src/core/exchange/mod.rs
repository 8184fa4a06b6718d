//! Exchange with other programs' files: reading a form in from anything a clerk has
//! (import: PDF, Word, Excel, text, this program's own file), the Shanghai web system's
//! copied text (import_text), the indicator grid to and from Excel (grid_xlsx, with the
//! cells and limits of a workbook in xlsx_cells and xlsx_limits), rows pasted from a
//! spreadsheet (paste_rows), and the whole form out as Word and Excel (form_table laid
//! out once, drawn by form_docx and form_xlsx; stage_table lays out the 自评 and 监控
//! tables in the same model).

pub mod form_docx;
pub mod form_table;
pub mod form_xlsx;
pub mod grid_xlsx;
pub mod import;
pub mod import_text;
pub mod paste_rows;
pub mod stage_table;
pub mod xlsx_cells;
pub mod xlsx_limits;
