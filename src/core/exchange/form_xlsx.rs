//! The whole form as an Excel workbook laid out like the printed form (form_table.rs):
//! one print-ready sheet with borders, merged cells, wrapped text and row heights that
//! show every line, amounts as numbers in the template's unit, the indicator table's
//! heading rows repeated on every printed page, fitted to the page width; and the form
//! itself in a hidden sheet, so the file reads back as the same form.

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

use super::form_table::{lay_out, Cell, Line};
use crate::core::model::Form;
use crate::core::money_unit::MoneyUnit;
use crate::core::template::Template;

/// The hidden sheet holding the form's own file text, in pieces of this many characters
/// (a cell holds at most 32,767).
pub const FORM_SHEET: &str = "jixiao-form";
pub const PIECE_CHARS: usize = 30_000;

/// How the workbook is laid out: one print-ready sheet, or a sheet for each part of the
/// form (the header, money and texts; each indicator table).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sheets {
    One,
    PerPart,
}

/// Writes `form` (laid out by `template`) as an .xlsx file's bytes, on one sheet.
pub fn export(form: &Form, template: &Template) -> Result<Vec<u8>, String> {
    export_as(form, template, Sheets::One)
}

/// Writes `form` as an .xlsx file's bytes with its sheets laid out as `sheets` says.
pub fn export_as(form: &Form, template: &Template, sheets: Sheets) -> Result<Vec<u8>, String> {
    write(form, template, sheets).map_err(|e| format!("无法生成 Excel 文件：{e}"))
}

/// The cell formats of the sheets.
struct Formats {
    base: Format,
    boxed: Format,
    heading: Format,
    title: Format,
    subtitle: Format,
}

fn write(form: &Form, template: &Template, sheets: Sheets) -> Result<Vec<u8>, XlsxError> {
    let table = lay_out(form, template);
    let base = Format::new()
        .set_font_name("宋体")
        .set_font_size(10.5)
        .set_text_wrap()
        .set_align(FormatAlign::VerticalCenter);
    let boxed = base.clone().set_border(FormatBorder::Thin);
    let formats = Formats {
        heading: boxed.clone().set_bold().set_align(FormatAlign::Center),
        title: base
            .clone()
            .set_font_size(18.0)
            .set_bold()
            .set_align(FormatAlign::Center),
        subtitle: base.clone().set_align(FormatAlign::Center),
        boxed,
        base,
    };
    // the parts: all on one sheet, or each table (the signature with the last) its own
    let mut parts: Vec<Vec<&Line>> = vec![Vec::new()];
    for line in &table.lines {
        match line {
            Line::Break if sheets == Sheets::PerPart => parts.push(Vec::new()),
            Line::Note(_) if sheets == Sheets::PerPart && parts.len() > 1 => {
                parts.pop_if(|p| p.is_empty());
                parts.last_mut().expect("a part").push(line);
            }
            _ => parts.last_mut().expect("a part").push(line),
        }
    }
    parts.retain(|p| p.iter().any(|l| !matches!(l, Line::Break)));
    let mut book = Workbook::new();
    let mut names: Vec<String> = Vec::new();
    for (k, part) in parts.iter().enumerate() {
        let name = match sheets {
            Sheets::One => "绩效目标表".to_string(),
            Sheets::PerPart => sheet_name(part, k, &names),
        };
        names.push(name.clone());
        let sheet = book.add_worksheet();
        sheet.set_name(&name)?;
        write_sheet(sheet, &table.widths, part, &formats)?;
    }
    embed(book.add_worksheet(), form)?;
    book.save_to_buffer()
}

/// A part's sheet name: an indicator table's heading, else 基本信息 (at most 31 characters,
/// none of those Excel refuses, never one used before).
fn sheet_name(part: &[&Line], k: usize, used: &[String]) -> String {
    let heading = part.iter().find_map(|l| match l {
        Line::Row(cells) if cells.len() == 1 && cells[0].heading && k > 0 => {
            Some(cells[0].text.clone())
        }
        _ => None,
    });
    let mut name: String = heading
        .unwrap_or_else(|| {
            if k == 0 {
                "基本信息".into()
            } else {
                format!("第{}部分", k + 1)
            }
        })
        .chars()
        .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\'))
        .take(28)
        .collect();
    if used.contains(&name) {
        name = format!("{name}{}", k + 1);
    }
    name
}

/// One sheet: its lines from the top, with A4 print setup and the indicator table's
/// heading rows repeated on every printed page.
fn write_sheet(
    sheet: &mut Worksheet,
    widths: &[f32],
    lines: &[&Line],
    f: &Formats,
) -> Result<(), XlsxError> {
    let n = widths.len() as u16;
    for (c, w) in widths.iter().enumerate() {
        // points to Excel's character widths (a character about 4.6 pt wide here, so a
        // unit such as 元/人次 stays on one line; the page is fitted to its width)
        sheet.set_column_width(c as u16, f64::from(*w) / 4.6)?;
    }
    let mut row: u32 = 0;
    let mut repeat: Option<(u32, u32)> = None;
    // cells spanning down from a row above: (first column, end column, last row)
    let mut covered: Vec<(usize, usize, u32)> = Vec::new();
    for line in lines {
        match line {
            Line::Title(t) => {
                sheet.merge_range(row, 0, row, n - 1, t, &f.title)?;
                sheet.set_row_height(row, 30.0)?;
                row += 1;
            }
            Line::Subtitle(t) => {
                sheet.merge_range(row, 0, row, n - 1, t, &f.subtitle)?;
                row += 1;
            }
            Line::Note(t) => {
                row += 1;
                sheet.merge_range(row, 0, row, n - 1, t, &f.base)?;
                row += 1;
            }
            Line::Break => {}
            Line::Row(cells) | Line::GridHeading(cells) => {
                if matches!(line, Line::GridHeading(_)) && repeat.is_none() {
                    // the table's heading (the row above) and its column headings
                    repeat = Some((row.saturating_sub(1), row));
                }
                covered.retain(|(_, _, last)| *last >= row);
                let mut lines_needed = 1;
                for cell in cells {
                    let format = if cell.heading { &f.heading } else { &f.boxed };
                    put(sheet, row, cell, format)?;
                    // (the columns are set about a fifth wider than the printed form's)
                    let width: f32 = widths[cell.col..(cell.col + cell.span).min(widths.len())]
                        .iter()
                        .sum::<f32>()
                        * 1.2;
                    let lines = lines_of(&cell.text, width) as u32;
                    lines_needed = lines_needed.max(lines.div_ceil(cell.rows as u32));
                    if cell.rows > 1 {
                        covered.push((cell.col, cell.col + cell.span, row + cell.rows as u32 - 1));
                    }
                }
                // columns no cell of this row names and no cell above covers: bordered
                for c in 0..widths.len() {
                    let named = cells.iter().any(|x| (x.col..x.col + x.span).contains(&c));
                    let under = covered.iter().any(|(a, b, _)| (*a..*b).contains(&c));
                    if !named && !under {
                        sheet.write_blank(row, c as u16, &f.boxed)?;
                    }
                }
                sheet.set_row_height(row, 15.0 * f64::from(lines_needed) + 4.0)?;
                row += 1;
            }
        }
    }
    sheet.set_paper_size(9); // A4
    sheet.set_portrait();
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_print_center_horizontally(true);
    sheet.set_print_area(0, 0, row.saturating_sub(1), n - 1)?;
    if let Some((first, last)) = repeat {
        sheet.set_repeat_rows(first, last)?;
    }
    Ok(())
}

/// Writes one cell (merged over its span), an amount as a number.
fn put(sheet: &mut Worksheet, row: u32, cell: &Cell, format: &Format) -> Result<(), XlsxError> {
    let (c0, c1) = (cell.col as u16, (cell.col + cell.span - 1) as u16);
    let r1 = row + cell.rows as u32 - 1;
    match cell.amount {
        Some((value, unit)) => {
            let number = format.clone().set_num_format(match unit {
                MoneyUnit::Yuan => "#,##0.00",
                MoneyUnit::TenThousandYuan => "#,##0.00##",
            });
            if c1 > c0 || r1 > row {
                sheet.merge_range(row, c0, r1, c1, "", &number)?;
            }
            sheet.write_number_with_format(row, c0, value, &number)?;
        }
        None if c1 > c0 || r1 > row => {
            sheet.merge_range(row, c0, r1, c1, &cell.text, format)?;
        }
        None => {
            sheet.write_string_with_format(row, c0, &cell.text, format)?;
        }
    }
    Ok(())
}

/// Printed lines of `text` in a cell `width` points wide (a character about 10.5 pt,
/// a Latin letter or digit half that).
fn lines_of(text: &str, width: f32) -> usize {
    let room = (width - 6.0).max(10.5);
    text.split('\n')
        .map(|part| {
            let w: f32 = part
                .chars()
                .map(|c| if c.is_ascii() { 5.5 } else { 10.5 })
                .sum();
            ((w / room).ceil() as usize).max(1)
        })
        .sum()
}

/// The form's own file text in the hidden sheet, for reading the file back exactly.
fn embed(sheet: &mut Worksheet, form: &Form) -> Result<(), XlsxError> {
    sheet.set_name(FORM_SHEET)?;
    sheet.set_very_hidden(true);
    let text = crate::core::file::ron_writer::to_ron_string(form);
    let chars: Vec<char> = text.chars().collect();
    for (i, piece) in chars.chunks(PIECE_CHARS).enumerate() {
        sheet.write_string(i as u32, 0, piece.iter().collect::<String>())?;
    }
    Ok(())
}
