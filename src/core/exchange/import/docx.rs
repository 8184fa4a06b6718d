//! A Word document (.docx) as rows: each table row with its cells, a cell merged across
//! columns (gridSpan) once, a cell merged down rows (vMerge) given to every row it
//! covers, and paragraphs outside tables as lines of text. The zip is measured as it is
//! unpacked, so a zip bomb stops at the limit.

use std::io::{Cursor, Read};

use quick_xml::events::Event;
use quick_xml::Reader;

use super::source::{clean_cell, split_line, Cell, Row, Source};
use super::ImportError;

/// What `word/document.xml` may unzip to; a long form is a few hundred KB.
const MAX_DOCUMENT_BYTES: u64 = 50 * 1024 * 1024;
/// Rows and cells read; far above any form.
const MAX_ROWS: usize = 200_000;
const MAX_CELLS: usize = 2_000_000;
/// Columns of one table row (a form's widest grid has about a dozen).
const MAX_COLUMNS: usize = 1_000;

pub fn read(bytes: &[u8]) -> Result<Source, ImportError> {
    let mut zip =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| ImportError::Damaged("Word 文档"))?;
    let mut part = zip.by_name("word/document.xml").map_err(|e| match e {
        // a zip whose parts are encrypted (a password set in WPS or a zip tool)
        zip::result::ZipError::UnsupportedArchive(m) if m.contains("assword") => {
            ImportError::Encrypted
        }
        _ => ImportError::Damaged("Word 文档"),
    })?;
    if part.encrypted() {
        return Err(ImportError::Encrypted);
    }
    let mut xml = Vec::new();
    let read = (&mut part)
        .take(MAX_DOCUMENT_BYTES + 1)
        .read_to_end(&mut xml)
        .map_err(|_| ImportError::Damaged("Word 文档"))?;
    if read as u64 > MAX_DOCUMENT_BYTES {
        return Err(ImportError::Bomb);
    }
    parse(&xml)
}

/// A table being read: its rows, and per grid column the text of a vertical merge that
/// is still open.
#[derive(Default)]
struct Table {
    rows: Vec<Row>,
    open_merges: Vec<Option<String>>,
    number: usize,
}

#[derive(Default)]
struct CellState {
    text: String,
    span: usize,
    /// `Some(true)` starts a vertical merge, `Some(false)` continues one.
    vmerge: Option<bool>,
}

fn parse(xml: &[u8]) -> Result<Source, ImportError> {
    let mut reader = Reader::from_reader(xml);
    reader.config_mut().trim_text(false);
    let mut source = Source::default();
    let mut buf = Vec::new();
    let mut tables: Vec<Table> = Vec::new();
    let mut row: Option<(Vec<Cell>, usize)> = None; // cells and the grid column reached
    let mut cell: Option<CellState> = None;
    let mut paragraph = String::new();
    let mut in_text = false;
    let mut table_count = 0;
    let mut cells_seen = 0usize;
    let mut body_line = 0usize;
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|_| ImportError::Damaged("Word 文档"))?;
        match event {
            Event::Start(e) | Event::Empty(e) if tables.len() <= 1 || cell.is_none() => {
                let name = e.local_name();
                match name.as_ref() {
                    "tbl" => {
                        if cell.is_some() {
                            // a table inside a cell: its text joins the cell's
                            tables.push(Table::default());
                        } else {
                            table_count += 1;
                            tables.push(Table {
                                number: table_count,
                                ..Table::default()
                            });
                        }
                    }
                    "tr" if tables.len() == 1 => row = Some((Vec::new(), 0)),
                    "tc" if tables.len() == 1 => {
                        cell = Some(CellState {
                            span: 1,
                            ..CellState::default()
                        })
                    }
                    "gridSpan" => {
                        if let (Some(c), Some(v)) = (cell.as_mut(), attr(&e, "val")) {
                            c.span = v.parse().unwrap_or(1).clamp(1, 64);
                        }
                    }
                    "vMerge" => {
                        if let Some(c) = cell.as_mut() {
                            c.vmerge = Some(attr(&e, "val").as_deref() == Some("restart"));
                        }
                    }
                    "t" => in_text = true,
                    "tab" => paragraph.push('\t'),
                    "br" | "cr" => paragraph.push('\n'),
                    _ => {}
                }
            }
            Event::Start(e) => {
                // inside a nested table: only its text matters
                match e.local_name().as_ref() {
                    "tbl" => tables.push(Table::default()),
                    "t" => in_text = true,
                    _ => {}
                }
            }
            Event::Empty(_) => {}
            Event::Text(t) if in_text => {
                paragraph.push_str(&t.xml10_content());
            }
            Event::GeneralRef(r) if in_text => {
                // &amp; &lt; … and &#…; inside text
                let name = r.xml10_content();
                let ch = match name.as_ref() {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    _ => r.resolve_char_ref().ok().flatten(),
                };
                if let Some(c) = ch {
                    paragraph.push(c);
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                "t" => in_text = false,
                "p" => {
                    let text = std::mem::take(&mut paragraph);
                    if let Some(c) = cell.as_mut() {
                        if !c.text.is_empty() {
                            c.text.push('\n');
                        }
                        c.text.push_str(&text);
                    } else if tables.is_empty() {
                        body_line += 1;
                        if !text.trim().is_empty() {
                            source.rows.push(Row {
                                cells: split_line(&text).into_iter().map(Cell::new).collect(),
                                place: format!("正文第 {body_line} 段"),
                                table: None,
                            });
                        }
                    }
                }
                "tc" if tables.len() == 1 => {
                    let (Some(c), Some((cells, col))) = (cell.take(), row.as_mut()) else {
                        continue;
                    };
                    cells_seen += 1;
                    if cells_seen > MAX_CELLS {
                        return Err(ImportError::TooComplex(format!(
                            "表格超过 {MAX_CELLS} 个单元格"
                        )));
                    }
                    if *col + c.span > MAX_COLUMNS {
                        return Err(ImportError::TooComplex(format!(
                            "表格的一行超过 {MAX_COLUMNS} 列"
                        )));
                    }
                    let table = tables.last_mut().expect("in a table");
                    if table.open_merges.len() < *col + c.span {
                        table.open_merges.resize(*col + c.span, None);
                    }
                    let text = clean_cell(&c.text);
                    let out = match c.vmerge {
                        Some(false) => {
                            let above = table.open_merges[*col].clone().unwrap_or_default();
                            Cell {
                                text: above,
                                merged: true,
                                open_end: false,
                            }
                        }
                        Some(true) => {
                            table.open_merges[*col] = Some(text.clone());
                            Cell::new(text)
                        }
                        None => {
                            table.open_merges[*col] = None;
                            Cell::new(text)
                        }
                    };
                    cells.push(out);
                    *col += c.span;
                }
                "tr" if tables.len() == 1 => {
                    if let Some((cells, _)) = row.take() {
                        let table = tables.last_mut().expect("in a table");
                        let place = format!("表格 {} 第 {} 行", table.number, table.rows.len() + 1);
                        table.rows.push(Row {
                            cells,
                            place,
                            table: Some(table.number),
                        });
                        if table.rows.len() > MAX_ROWS {
                            return Err(ImportError::TooComplex(format!("表格超过 {MAX_ROWS} 行")));
                        }
                    }
                }
                "tbl" => {
                    if let Some(done) = tables.pop() {
                        if tables.is_empty() {
                            source.rows.extend(done.rows);
                        }
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(source)
}

fn attr(e: &quick_xml::events::BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .map(|a| a.value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(body: &str) -> Vec<u8> {
        format!(
            r#"<?xml version="1.0"?><w:document xmlns:w="w"><w:body>{body}</w:body></w:document>"#
        )
        .into_bytes()
    }

    fn tc(text: &str, extra: &str) -> String {
        format!("<w:tc><w:tcPr>{extra}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>")
    }

    #[test]
    fn merged_cells_read_as_the_layout_means_them() {
        let body = format!(
            "<w:p><w:r><w:t>财政项目支出绩效目标表</w:t></w:r></w:p><w:tbl>\
             <w:tr>{}{}</w:tr>\
             <w:tr>{}{}</w:tr>\
             <w:tr>{}{}</w:tr></w:tbl>",
            tc("产出指标", r#"<w:vMerge w:val="restart"/>"#),
            tc("培训人次 &amp; 场次", ""),
            tc("", "<w:vMerge/>"),
            tc("≥100", r#"<w:gridSpan w:val="2"/>"#),
            tc("效益指标", ""),
            tc("", ""),
        );
        let s = parse(&doc(&body)).unwrap();
        assert_eq!(s.rows[0].texts(), ["财政项目支出绩效目标表"]);
        assert_eq!(s.rows[1].texts(), ["产出指标", "培训人次 & 场次"]);
        assert_eq!(s.rows[2].texts(), ["产出指标", "≥100"]);
        assert!(s.rows[2].cells[0].merged);
        assert_eq!(s.rows[3].texts(), ["效益指标", ""]);
        assert_eq!(s.rows[2].place, "表格 1 第 2 行");
    }

    #[test]
    fn a_damaged_document_says_so() {
        assert!(parse(b"<w:document><w:body><w:tbl><w:tr></w:tc>").is_err());
        assert!(read(b"PK\x03\x04 not really").is_err());
    }
}
