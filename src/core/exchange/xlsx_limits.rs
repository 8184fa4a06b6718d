//! Limits an `.xlsx` must keep before a reader allocates anything for it: the file size,
//! the size it unzips to (measured, not as the zip claims), the number of parts, the
//! shared-string count a reader reserves room for, and each sheet's cells and the area
//! they span. A workbook of indicators is a few hundred cells; these limits are far
//! above any real form and far below what would exhaust memory.

use std::io::{Cursor, Read};

use quick_xml::events::Event;

/// A form's indicator workbook is tens of KB; anything this big is not one.
pub const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;
/// What all parts of the workbook may unzip to, together.
pub const MAX_UNZIPPED_BYTES: u64 = 100 * 1024 * 1024;
pub const MAX_PARTS: usize = 2_000;
/// Cells of one sheet, and strings of the shared-string table.
pub const MAX_CELLS: usize = 500_000;
/// Rows × columns of the area a sheet's cells span (what a reader lays out).
pub const MAX_AREA: u64 = 2_000_000;

/// Why a workbook is refused before it is read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum XlsxLimitError {
    #[error("文件太大（{mb} MB），不像是指标表（上限 {} MB）", MAX_FILE_BYTES / 1_048_576)]
    TooLarge { mb: usize },
    #[error("这个文件设有密码（已加密），或是旧版 .xls 格式：请在 Excel/WPS 中取消密码并另存为 .xlsx 后再导入")]
    EncryptedOrLegacy,
    #[error("不是有效的 .xlsx 文件（文件已损坏，或不是 Excel 工作簿）")]
    NotXlsx,
    #[error("工作簿中的部件过多（{0} 个），不像是指标表")]
    TooManyParts(usize),
    #[error("工作簿解压后超过 {} MB，可能是恶意构造的文件，未导入", MAX_UNZIPPED_BYTES / 1_048_576)]
    Unzipped,
    #[error("工作簿的共享文本表声称有 {0} 条文本，超过上限，未导入")]
    SharedStrings(u64),
    #[error(
        "工作表“{sheet}”有 {count} 个以上的单元格，超过上限 {}，未导入",
        MAX_CELLS
    )]
    TooManyCells { sheet: String, count: usize },
    #[error(
        "工作表“{sheet}”的单元格 {cell} 超出了能读取的范围（最多 {} 个单元格的区域），未导入",
        MAX_AREA
    )]
    AreaTooLarge { sheet: String, cell: String },
    #[error("工作簿中的“{0}”已损坏，无法读取")]
    Damaged(String),
}

/// Checks `bytes` against every limit; `Ok` means a reader may safely open it.
pub fn check(bytes: &[u8]) -> Result<(), XlsxLimitError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(XlsxLimitError::TooLarge {
            mb: bytes.len() / 1_048_576,
        });
    }
    // Office's encrypted workbooks (and old .xls files) are OLE compound files.
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Err(XlsxLimitError::EncryptedOrLegacy);
    }
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| XlsxLimitError::NotXlsx)?;
    if zip.len() > MAX_PARTS {
        return Err(XlsxLimitError::TooManyParts(zip.len()));
    }
    let mut budget = MAX_UNZIPPED_BYTES;
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).map_err(|_| XlsxLimitError::NotXlsx)?;
        let name = part.name().map(|n| n.to_string()).unwrap_or_default();
        let mut data = Vec::new();
        let read = (&mut part)
            .take(budget + 1)
            .read_to_end(&mut data)
            .map_err(|_| XlsxLimitError::Damaged(shown(&name)))?;
        if read as u64 > budget {
            return Err(XlsxLimitError::Unzipped);
        }
        budget -= read as u64;
        // A reader finds the sheets and the shared strings through the workbook's
        // relationships, which may name any part (another folder, an absolute or an
        // upper-case path): every part is counted as if it were one.
        check_shared_strings(&data)?;
        check_sheet(&data, &name)?;
    }
    Ok(())
}

fn shown(name: &str) -> String {
    crate::core::printable::printable(name)
}

fn check_shared_strings(xml: &[u8]) -> Result<(), XlsxLimitError> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) if e.local_name().as_ref() == "sst" => {
                for key in ["count", "uniqueCount"] {
                    if let Ok(Some(attr)) = e.try_get_attribute(key) {
                        let n = parse_number(&attr.value).unwrap_or(u64::MAX);
                        if n > MAX_CELLS as u64 {
                            return Err(XlsxLimitError::SharedStrings(n));
                        }
                    }
                }
                return Ok(());
            }
            // (a part that is not XML, or broken XML, is no shared-string table a
            // reader could use)
            Ok(Event::Eof) | Err(_) => return Ok(()),
            _ => {}
        }
        buf.clear();
    }
}

/// Counts a sheet's cells and the area from A1 to its farthest cell (readers lay out a
/// sheet as one rectangle of its cells).
fn check_sheet(xml: &[u8], name: &str) -> Result<(), XlsxLimitError> {
    let sheet = shown(
        name.rsplit('/')
            .next()
            .unwrap_or(name)
            .trim_end_matches(".xml"),
    );
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    let (mut row, mut col) = (0u64, 0u64);
    let (mut min_row, mut max_row, mut min_col, mut max_col) = (u64::MAX, 0u64, u64::MAX, 0u64);
    let mut cells = 0usize;
    loop {
        // a part that is not XML, or XML broken further on, holds no more cells that a
        // reader could lay out than those counted up to there
        let Ok(event) = reader.read_event_into(&mut buf) else {
            return Ok(());
        };
        match event {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                "row" => {
                    row = match e.try_get_attribute("r") {
                        Ok(Some(a)) => parse_number(&a.value).unwrap_or(u64::MAX),
                        _ => row + 1,
                    };
                    col = 0;
                }
                "c" => {
                    cells += 1;
                    if cells > MAX_CELLS {
                        return Err(XlsxLimitError::TooManyCells {
                            sheet,
                            count: MAX_CELLS,
                        });
                    }
                    match e.try_get_attribute("r") {
                        Ok(Some(a)) => {
                            let (r, c) = parse_cell_ref(&a.value).unwrap_or((u64::MAX, u64::MAX));
                            row = r;
                            col = c;
                        }
                        _ => col += 1,
                    }
                    min_row = min_row.min(row);
                    max_row = max_row.max(row);
                    min_col = min_col.min(col);
                    max_col = max_col.max(col);
                    let area = (max_row.saturating_sub(min_row) + 1)
                        .saturating_mul(max_col.saturating_sub(min_col) + 1);
                    if area > MAX_AREA {
                        return Err(XlsxLimitError::AreaTooLarge {
                            sheet,
                            cell: cell_name(row, col),
                        });
                    }
                }
                _ => {}
            },
            Event::Eof => return Ok(()),
            _ => {}
        }
        buf.clear();
    }
}

fn parse_number(v: &str) -> Option<u64> {
    v.trim().parse().ok()
}

/// "B12" → (12, 2), 1-based.
fn parse_cell_ref(v: &str) -> Option<(u64, u64)> {
    let letters = v.bytes().take_while(|b| b.is_ascii_alphabetic()).count();
    if letters == 0 || letters > 4 {
        return None;
    }
    let col = v.as_bytes()[..letters].iter().fold(0u64, |acc, b| {
        acc * 26 + u64::from(b.to_ascii_uppercase() - b'A' + 1)
    });
    let row = parse_number(&v[letters..])?;
    Some((row, col))
}

fn cell_name(row: u64, col: u64) -> String {
    if row == u64::MAX || col == u64::MAX {
        return "（无效位置）".into();
    }
    let mut letters = Vec::new();
    let mut c = col;
    while c > 0 {
        letters.push(b'A' + ((c - 1) % 26) as u8);
        c = (c - 1) / 26;
    }
    letters.reverse();
    format!("{}{row}", String::from_utf8_lossy(&letters))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_references() {
        assert_eq!(parse_cell_ref("A1"), Some((1, 1)));
        assert_eq!(parse_cell_ref("XFD1048576"), Some((1_048_576, 16_384)));
        assert_eq!(parse_cell_ref("1"), None);
        assert_eq!(cell_name(1_048_576, 16_384), "XFD1048576");
        assert_eq!(cell_name(3, 28), "AB3");
    }
}
