//! A worksheet's cells as the clerk sees them in Excel: numbers as their format shows
//! them (95%, 1,234.50, 2021-02-03), and each merged region's value in every cell it
//! covers, with the regions kept so that the reader can tell what was merged.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};

use super::xlsx_limits::MAX_AREA;

/// A merged region, as row and column ranges (inclusive) of [`SheetText::rows`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Merged {
    pub rows: (usize, usize),
    pub cols: (usize, usize),
}

/// The text of one sheet.
#[derive(Debug, Clone, Default)]
pub struct SheetText {
    /// Excel's row number of `rows[0]` minus one.
    pub first_row: usize,
    pub rows: Vec<Vec<String>>,
    pub merged: Vec<Merged>,
}

/// Reads sheet `name`; `None` when it cannot be read.
pub fn read_sheet(book: &mut Xlsx<Cursor<&[u8]>>, name: &str) -> Option<SheetText> {
    let range = book.worksheet_range(name).ok()?;
    let Some((r0, c0)) = range.start() else {
        return Some(SheetText::default());
    };
    let styles = book.worksheet_style(name).ok();
    let mut rows: Vec<Vec<String>> = range
        .rows()
        .enumerate()
        .map(|(r, row)| {
            row.iter()
                .enumerate()
                .map(|(c, cell)| {
                    let pos = (r0 + r as u32, c0 + c as u32);
                    let format = styles
                        .as_ref()
                        .and_then(|s| s.get(pos))
                        .and_then(|s| s.number_format.as_ref())
                        .map(|f| f.format_code.as_str());
                    displayed(cell, format)
                })
                .collect()
        })
        .collect();
    typed_as_formulas(book, name, &range, &mut rows);
    let height = rows.len();
    let width = rows.first().map_or(0, Vec::len);
    let mut merged = Vec::new();
    let mut filled: u64 = 0;
    for region in book.merge_cells_by_sheet_name(name).unwrap_or_default() {
        // only the part inside the cells read; a region is never larger than that
        let top = region.start.0.max(r0).saturating_sub(r0) as usize;
        let left = region.start.1.max(c0).saturating_sub(c0) as usize;
        let bottom = (region.end.0.saturating_sub(r0) as usize).min(height.saturating_sub(1));
        let right = (region.end.1.saturating_sub(c0) as usize).min(width.saturating_sub(1));
        if region.end.0 < r0 || region.end.1 < c0 || top > bottom || left > right {
            continue;
        }
        filled += ((bottom - top + 1) * (right - left + 1)) as u64;
        if filled > MAX_AREA {
            break; // overlapping regions by the thousand: not a real sheet
        }
        let value = rows
            .get(region.start.0.saturating_sub(r0) as usize)
            .and_then(|r| r.get(region.start.1.saturating_sub(c0) as usize))
            .cloned()
            .unwrap_or_default();
        for row in rows.iter_mut().take(bottom + 1).skip(top) {
            for cell in row.iter_mut().take(right + 1).skip(left) {
                cell.clone_from(&value);
            }
        }
        merged.push(Merged {
            rows: (top, bottom),
            cols: (left, right),
        });
    }
    Some(SheetText {
        first_row: r0 as usize,
        rows,
        merged,
    })
}

/// A cell typed as `=300天` (a target with its sign) that the spreadsheet program took
/// for a formula shows #NAME?: its text is what was typed, the `=` and the formula.
fn typed_as_formulas(
    book: &mut Xlsx<Cursor<&[u8]>>,
    name: &str,
    range: &calamine::Range<Data>,
    rows: &mut [Vec<String>],
) {
    let unknown_name = |c: &Data| matches!(c, Data::Error(calamine::CellErrorType::Name));
    if !range.used_cells().any(|(_, _, c)| unknown_name(c)) {
        return;
    }
    let Ok(formulas) = book.worksheet_formula(name) else {
        return;
    };
    let Some((r0, c0)) = range.start() else {
        return;
    };
    for (r, c, cell) in range.used_cells() {
        if !unknown_name(cell) {
            continue;
        }
        let at = (r0 + r as u32, c0 + c as u32);
        let Some(formula) = formulas.get_value(at) else {
            continue;
        };
        let formula = formula.trim();
        if formula.is_empty() || !crate::core::labels::could_be_label(formula) {
            continue;
        }
        if let Some(text) = rows.get_mut(r).and_then(|row| row.get_mut(c)) {
            *text = format!("={formula}");
        }
    }
}

/// A cell's text as Excel shows it with its number format.
pub fn displayed(cell: &Data, format: Option<&str>) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Float(f) => number(*f, format.unwrap_or("General")),
        Data::Int(i) => number(*i as f64, format.unwrap_or("General")),
        Data::Bool(b) => if *b { "是" } else { "否" }.to_string(),
        Data::DateTime(d) => date(d.as_f64(), format.unwrap_or("yyyy-mm-dd")),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.trim().to_string(),
        Data::Error(_) => String::new(),
    }
}

/// A number shown by its format: percentages, decimals and thousands separators.
fn number(value: f64, format: &str) -> String {
    let section = format.split(';').next().unwrap_or("General");
    // text in quotes and escapes do not count as digits
    let mut code = String::new();
    let mut quoted = false;
    for c in section.chars() {
        match c {
            '"' => quoted = !quoted,
            _ if quoted => {}
            '\\' | '_' | '*' => {}
            c => code.push(c),
        }
    }
    if looks_like_date(&code) {
        return date(value, section);
    }
    if code.eq_ignore_ascii_case("general") || code.is_empty() || code == "@" {
        return general(value);
    }
    let percent = code.contains('%');
    let shown = if percent { value * 100.0 } else { value };
    let decimals = code.split_once('.').map_or(0, |(_, after)| {
        after
            .chars()
            .take_while(|c| matches!(c, '0' | '#' | '?'))
            .count()
    });
    let mut text = format!("{:.*}", decimals, shown);
    if code.contains(',') {
        text = crate::core::money::group_thousands(&text);
    }
    if percent {
        text.push('%');
    }
    text
}

/// Excel's "General": up to 11 significant figures, no trailing zeros.
fn general(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        return format!("{}", value as i64);
    }
    let text = format!("{value:.10}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

fn looks_like_date(code: &str) -> bool {
    let lower = code.to_ascii_lowercase();
    (lower.contains('y') || lower.contains('d')) && !lower.contains('0')
}

/// An Excel day number as a date (and time when it has one).
fn date(serial: f64, format: &str) -> String {
    let Some(base) = chrono::NaiveDate::from_ymd_opt(1899, 12, 30) else {
        return general(serial);
    };
    if !serial.is_finite() || !(0.0..3_000_000.0).contains(&serial) {
        return general(serial);
    }
    let days = serial.trunc() as i64;
    let Some(day) = base.checked_add_signed(chrono::Duration::days(days)) else {
        return general(serial);
    };
    let seconds = ((serial.fract()) * 86_400.0).round() as i64;
    let lower = format.to_ascii_lowercase();
    let chinese = format.contains('年');
    let mut text = if chinese {
        day.format("%Y年%-m月%-d日").to_string()
    } else {
        day.format("%Y-%m-%d").to_string()
    };
    if seconds > 0 && (lower.contains('h') || !lower.contains('d')) {
        text.push_str(&format!(
            " {:02}:{:02}",
            seconds / 3600,
            seconds % 3600 / 60
        ));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_their_format_shows_them() {
        assert_eq!(number(0.95, "0%"), "95%");
        assert_eq!(number(0.955, "0.0%"), "95.5%");
        assert_eq!(number(1234.5, "#,##0.00"), "1,234.50");
        assert_eq!(number(5601000.0, "#,##0"), "5,601,000");
        assert_eq!(number(12.0, "0\"场\""), "12");
        assert_eq!(number(0.1 + 0.2, "General"), "0.3");
        assert_eq!(number(100.0, "General"), "100");
        assert_eq!(number(44230.0, "yyyy-mm-dd"), "2021-02-03");
        assert_eq!(number(44230.0, "yyyy\"年\"m\"月\"d\"日\""), "2021年2月3日");
        assert_eq!(date(f64::NAN, ""), "NaN");
    }
}
