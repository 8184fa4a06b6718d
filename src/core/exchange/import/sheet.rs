//! An Excel workbook (.xlsx, or .xls from Excel 97–2003) as rows: every sheet in order,
//! cells as Excel shows them, a merged region's text in its first cell and, marked as
//! merged, in the cells below it (a merged cell across columns counts once).

use std::io::Cursor;

use calamine::{Data, Reader, Xls, Xlsx};

use super::source::{clean_cell, Cell, Row, Source};
use super::ImportError;
use crate::core::exchange::xlsx_cells::{displayed, read_sheet, SheetText};
use crate::core::exchange::xlsx_limits::{self, MAX_AREA};

pub fn read_xlsx(bytes: &[u8]) -> Result<Source, ImportError> {
    xlsx_limits::check(bytes).map_err(|e| ImportError::Workbook(e.to_string()))?;
    // the workbook library panics on some malformed files: that is a damaged file
    crate::core::contained::run(|| read_xlsx_checked(bytes))
        .unwrap_or(Err(ImportError::Damaged("Excel 工作簿")))
}

fn read_xlsx_checked(bytes: &[u8]) -> Result<Source, ImportError> {
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes))
        .map_err(|_| ImportError::Damaged("Excel 工作簿"))?;
    let mut source = Source::default();
    // (the form this program's export carries is no table of it)
    let carried = crate::core::exchange::form_xlsx::FORM_SHEET;
    for name in book.sheet_names().into_iter().filter(|n| n != carried) {
        if let Some(sheet) = read_sheet(&mut book, &name) {
            add_sheet(&mut source, &name, &sheet);
        }
    }
    Ok(source)
}

pub fn read_xls(bytes: &[u8]) -> Result<Source, ImportError> {
    if bytes.len() > xlsx_limits::MAX_FILE_BYTES {
        return Err(ImportError::Workbook(
            xlsx_limits::XlsxLimitError::TooLarge {
                mb: bytes.len() / 1_048_576,
            }
            .to_string(),
        ));
    }
    super::xls_guard::check(bytes)?;
    // the workbook library panics on some malformed files (a sheet offset out of range,
    // a merge count that lies): that is a damaged file
    crate::core::contained::run(|| read_xls_checked(bytes))
        .unwrap_or(Err(ImportError::Damaged("Excel 97–2003 工作簿")))
}

fn read_xls_checked(bytes: &[u8]) -> Result<Source, ImportError> {
    let mut book: Xls<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(|e| {
        if matches!(e, calamine::XlsError::Password) {
            ImportError::Encrypted
        } else {
            ImportError::Damaged("Excel 97–2003 工作簿")
        }
    })?;
    let mut source = Source::default();
    for name in book.sheet_names() {
        let Ok(range) = book.worksheet_range(&name) else {
            continue;
        };
        let (height, width) = range.get_size();
        if (height as u64) * (width as u64) > MAX_AREA {
            return Err(ImportError::TooComplex(format!(
                "工作表“{}”有 {height} 行 × {width} 列",
                crate::core::printable::printable(&name)
            )));
        }
        let Some((r0, c0)) = range.start() else {
            continue;
        };
        let mut rows: Vec<Vec<String>> = range
            .rows()
            .map(|row| row.iter().map(|c: &Data| displayed(c, None)).collect())
            .collect();
        let mut merged = Vec::new();
        for region in book.merge_cells_by_sheet_name(&name).unwrap_or_default() {
            let top = region.start.0.saturating_sub(r0) as usize;
            let left = region.start.1.saturating_sub(c0) as usize;
            let bottom = (region.end.0.saturating_sub(r0) as usize).min(height.saturating_sub(1));
            let right = (region.end.1.saturating_sub(c0) as usize).min(width.saturating_sub(1));
            if top > bottom || left > right || region.end.0 < r0 || region.end.1 < c0 {
                continue;
            }
            let value = rows
                .get(top)
                .and_then(|r| r.get(left))
                .cloned()
                .unwrap_or_default();
            for row in rows.iter_mut().take(bottom + 1).skip(top) {
                for cell in row.iter_mut().take(right + 1).skip(left) {
                    cell.clone_from(&value);
                }
            }
            merged.push(crate::core::exchange::xlsx_cells::Merged {
                rows: (top, bottom),
                cols: (left, right),
            });
        }
        let sheet = SheetText {
            first_row: r0 as usize,
            rows,
            merged,
        };
        add_sheet(&mut source, &name, &sheet);
    }
    Ok(source)
}

/// The sheet's rows: a merged region across columns once, down rows marked merged.
fn add_sheet(source: &mut Source, name: &str, sheet: &SheetText) {
    let table = source
        .rows
        .iter()
        .filter_map(|r| r.table)
        .max()
        .unwrap_or(0)
        + 1;
    // the regions crossing each row (their total area is bounded by the reader)
    let mut by_row: Vec<Vec<&crate::core::exchange::xlsx_cells::Merged>> =
        vec![Vec::new(); sheet.rows.len()];
    for m in &sheet.merged {
        for row in by_row.iter_mut().take(m.rows.1 + 1).skip(m.rows.0) {
            row.push(m);
        }
    }
    for (i, cells) in sheet.rows.iter().enumerate() {
        let mut out = Vec::with_capacity(cells.len());
        let mut c = 0;
        while c < cells.len() {
            let region = by_row[i].iter().find(|m| m.cols.0 <= c && c <= m.cols.1);
            let mut cell = Cell::new(clean_cell(&cells[c]));
            match region {
                Some(m) => {
                    cell.merged = m.rows.0 < i;
                    c = m.cols.1 + 1;
                }
                None => c += 1,
            }
            out.push(cell);
        }
        while out.last().is_some_and(|c| c.text.is_empty() && !c.merged) {
            out.pop();
        }
        if out.is_empty() {
            continue;
        }
        source.rows.push(Row {
            cells: out,
            place: format!("工作表“{name}”第 {} 行", sheet.first_row + i + 1),
            table: Some(table),
        });
    }
}
