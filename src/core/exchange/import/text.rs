//! Text (typed, or copied out of a PDF, Word or a web page) as rows: each line split
//! into cells at tabs or wide gaps, with its line number.

use super::source::{split_line, Cell, Row, Source};

/// Lines read; far more than any form has (a 100-page form is a few thousand lines).
pub const MAX_LINES: usize = 200_000;

pub fn read(text: &str) -> Source {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let rows = text
        .lines()
        .take(MAX_LINES)
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(n, line)| Row {
            cells: split_line(line).into_iter().map(Cell::new).collect(),
            place: format!("第 {} 行", n + 1),
            table: None,
        })
        .collect();
    Source {
        rows,
        notes: Vec::new(),
    }
}
