//! The indicator grid to and from Excel, the way such sheets travel between colleagues:
//! 一级 / 二级 / the grid's columns, with the 一级 and 二级 cells merged down their rows.
//! Reading finds the heading row whatever its columns are called (and however many),
//! fits each row to the form's grid, and accepts the 一级/二级 label repeated on every
//! row or written only on its first row.

use std::io::Cursor;

use calamine::{open_workbook_from_rs, Reader, Xlsx};
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook};

use super::import::grid_rows::{self, Col, Header};
use super::xlsx_cells::{read_sheet, Merged, SheetText};
use super::xlsx_limits::{self, XlsxLimitError};
use crate::core::model::{Form, Goal};
use crate::core::review::ReviewItem;
use crate::core::template::{ColumnKind, GridSpec, Template};
use crate::core::validate::Location;

/// Why a workbook was not read or written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GridError {
    #[error("{0}")]
    Limit(#[from] XlsxLimitError),
    #[error("无法读取 Excel 文件：文件已损坏，或不是 .xlsx 格式")]
    Unreadable,
    #[error("没有找到指标表：工作表中应有“一级指标、二级指标、三级指标、指标值”这样的一行表头")]
    NoGrid,
    #[error("无法生成 Excel 文件")]
    Write,
    #[error("无法打开“{path}”：{reason}")]
    File { path: String, reason: String },
}

/// Writes grid `grid` of the form as an .xlsx workbook: the template's 一级/二级
/// headings merged down their rows, then the grid's columns.
pub fn export(form: &Form, template: &Template, grid: usize) -> Result<Vec<u8>, GridError> {
    let spec = template.grids.get(grid).ok_or(GridError::Write)?;
    let goals = form.goals(grid);
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let fail = |_: rust_xlsxwriter::XlsxError| GridError::Write;
    sheet.set_name("绩效目标").map_err(fail)?;
    let cell = Format::new()
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::VerticalCenter);
    let merged = cell.clone().set_align(FormatAlign::Center);
    let head = merged.clone().set_bold();
    let last_col = (spec.columns.len() + 1) as u16;
    let mut titles = vec![spec.level_labels.0.clone(), spec.level_labels.1.clone()];
    titles.extend(spec.columns.iter().map(|c| c.label.clone()));
    for (col, _) in titles.iter().enumerate() {
        let width = match col {
            0 | 1 => 14.0,
            2 => 44.0,
            _ => 18.0,
        };
        sheet.set_column_width(col as u16, width).map_err(fail)?;
    }
    sheet
        .merge_range(0, 0, 0, last_col, &spec.heading_for(form.year), &head)
        .map_err(fail)?;
    for (col, title) in titles.iter().enumerate() {
        sheet
            .write_string_with_format(1, col as u16, title, &head)
            .map_err(fail)?;
    }
    let mut row: u32 = 2;
    for goal in goals {
        let goal_start = row;
        for group in &goal.groups {
            let group_start = row;
            for ind in &group.indicators {
                for (i, column) in spec.columns.iter().enumerate() {
                    sheet
                        .write_string_with_format(row, i as u16 + 2, ind.cell(column.kind), &cell)
                        .map_err(fail)?;
                }
                row += 1;
            }
            if group.indicators.is_empty() {
                for col in 2..=last_col {
                    sheet
                        .write_string_with_format(row, col, "", &cell)
                        .map_err(fail)?;
                }
                row += 1;
            }
            write_span(sheet, group_start, row - 1, 1, &group.name, &merged).map_err(fail)?;
        }
        if goal.groups.is_empty() {
            for col in 1..=last_col {
                sheet
                    .write_string_with_format(row, col, "", &cell)
                    .map_err(fail)?;
            }
            row += 1;
        }
        write_span(sheet, goal_start, row - 1, 0, &goal.name, &merged).map_err(fail)?;
    }
    book.save_to_buffer().map_err(fail)
}

fn write_span(
    sheet: &mut rust_xlsxwriter::Worksheet,
    first: u32,
    last: u32,
    col: u16,
    text: &str,
    format: &Format,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    if last > first {
        sheet.merge_range(first, col, last, col, text, format)?;
    } else {
        sheet.write_string_with_format(first, col, text, format)?;
    }
    Ok(())
}

/// What was read from a sheet: the goals, and what to check.
#[derive(Debug, Clone)]
pub struct ImportedGrid {
    pub goals: Vec<Goal>,
    pub review: Vec<ReviewItem>,
}

impl ImportedGrid {
    pub fn indicator_count(&self) -> usize {
        self.goals
            .iter()
            .flat_map(|g| &g.groups)
            .map(|g| g.indicators.len())
            .sum()
    }
}

/// Reads an indicator workbook from a file for grid `grid` (`spec`) of a form, refusing
/// anything but a plain file of a reasonable size before reading it.
pub fn read_file(
    path: &std::path::Path,
    spec: &GridSpec,
    grid: usize,
) -> Result<ImportedGrid, GridError> {
    let bytes = crate::core::file::disk::read_limited(path, xlsx_limits::MAX_FILE_BYTES as u64)
        .map_err(|e| GridError::File {
            path: crate::core::printable::path(path),
            reason: crate::core::file::store::io_reason(&e),
        })?;
    import(&bytes, spec, grid)
}

/// Reads the first sheet that has a grid heading row for grid `grid` (`spec`): cells as
/// Excel shows them, merged cells as the layout means them, each row fitted to the grid's
/// columns (a one-cell value split, or split values joined); columns the grid lacks and
/// rows below the table (notes, signatures) left out and listed.
pub fn import(bytes: &[u8], spec: &GridSpec, grid_index: usize) -> Result<ImportedGrid, GridError> {
    xlsx_limits::check(bytes)?;
    // the workbook library panics on some malformed files: that is an unreadable file
    crate::core::contained::run(|| import_checked(bytes, spec, grid_index))
        .unwrap_or(Err(GridError::Unreadable))
}

fn import_checked(
    bytes: &[u8],
    spec: &GridSpec,
    grid_index: usize,
) -> Result<ImportedGrid, GridError> {
    let mut book: Xlsx<_> =
        open_workbook_from_rs(Cursor::new(bytes)).map_err(|_| GridError::Unreadable)?;
    for name in book.sheet_names() {
        let Some(sheet) = read_sheet(&mut book, &name) else {
            continue;
        };
        let rows = &sheet.rows;
        let Some((header_at, header)) = rows
            .iter()
            .enumerate()
            .find_map(|(i, r)| grid_rows::header(r, Some(spec)).map(|h| (i, h)))
        else {
            continue;
        };
        let mut grid = ImportedGrid {
            goals: Vec::new(),
            review: Vec::new(),
        };
        let at = Location::Grid(grid_index);
        let mut goals = super::import::goals::Goals::default();
        let line = |i: usize| sheet.first_row + i + 1; // as Excel numbers rows
        let width = header.cols.len();
        for (col, label) in header.unplaced(spec) {
            note(
                &mut grid,
                &at,
                &format!("工作表“{name}”第 {} 列", column_name(col)),
                &format!(
                    "列“{}”在这张表的指标表中没有对应的列，其内容未导入（见各行的提示）",
                    crate::core::printable::printable(&label)
                ),
            );
        }
        let mut end = rows.len();
        for (i, cells) in rows.iter().enumerate().skip(header_at + 1) {
            if is_note_row(cells, width, &sheet.merged, i) {
                end = i;
                let ignored: Vec<String> = rows[i..]
                    .iter()
                    .map(|r| {
                        r.iter()
                            .filter(|c| !c.is_empty())
                            .cloned()
                            .collect::<Vec<_>>()
                            .join(" ")
                    })
                    .filter(|t| !t.is_empty())
                    .collect();
                let text: String = ignored.join("；").chars().take(60).collect();
                note(
                    &mut grid,
                    &at,
                    &format!("工作表“{name}”第 {} 行", line(i)),
                    &format!(
                        "表格下方的内容不是指标，未导入：{}",
                        crate::core::printable::printable(&text)
                    ),
                );
                break;
            }
            if grid_rows::header(cells, Some(spec)).is_some() {
                continue; // the heading repeated (a printed table continued on a page)
            }
            let place = format!("工作表“{name}”第 {} 行", line(i));
            for message in goals.add(&grid_rows::row(&header, cells), spec) {
                note(&mut grid, &at, &place, &message);
            }
        }
        grid.goals = goals.goals;
        review_merged_values(&mut grid, &at, &name, &sheet, &header, header_at + 1..end);
        return Ok(grid);
    }
    Err(GridError::NoGrid)
}

/// "A", "B", … "AA" as Excel names columns.
fn column_name(i: usize) -> String {
    let mut n = i + 1;
    let mut out = Vec::new();
    while n > 0 {
        out.push(b'A' + ((n - 1) % 26) as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// A row under the table that is not an indicator: text only in its first cell (or one
/// cell merged across the table) that reads as a note, a signature or a date line.
fn is_note_row(cells: &[String], width: usize, merged: &[Merged], i: usize) -> bool {
    let filled: Vec<&String> = cells
        .iter()
        .take(width.max(1))
        .filter(|c| !c.is_empty())
        .collect();
    let across = merged
        .iter()
        .any(|m| m.rows.0 <= i && i <= m.rows.1 && m.cols.1 > m.cols.0 && m.cols.1 + 1 >= width);
    let first_only = filled.len() == 1 && cells.first().is_some_and(|c| !c.is_empty());
    let text = cells.first().map(String::as_str).unwrap_or("").trim();
    let note_like = [
        "注",
        "说明",
        "备注",
        "填表",
        "填报",
        "制表",
        "审核",
        "负责人",
        "联系人",
        "单位（盖章）",
    ]
    .iter()
    .any(|p| text.starts_with(p));
    (across && filled.len() >= width.min(2))
        || (first_only && (note_like || text.chars().count() > 24))
}

/// A value cell merged over several indicators: every one of them got its value, which
/// is what the layout means in most forms, but the clerk should confirm it.
fn review_merged_values(
    grid: &mut ImportedGrid,
    at: &Location,
    sheet_name: &str,
    sheet: &SheetText,
    header: &Header,
    data: std::ops::Range<usize>,
) {
    let value_columns: Vec<usize> = header
        .cols
        .iter()
        .enumerate()
        .filter(|(_, c)| {
            matches!(
                c,
                Col::Kind(
                    ColumnKind::Target | ColumnKind::Value | ColumnKind::Unit | ColumnKind::Sign
                )
            )
        })
        .map(|(i, _)| i)
        .collect();
    for m in &sheet.merged {
        let spans_rows = m.rows.1 > m.rows.0 && data.contains(&m.rows.0);
        let on_values = value_columns
            .iter()
            .any(|c| m.cols.0 <= *c && *c <= m.cols.1);
        if spans_rows && on_values {
            let first = sheet.first_row + m.rows.0 + 1;
            let last = sheet.first_row + m.rows.1 + 1;
            let value = sheet.rows[m.rows.0]
                .get(m.cols.0)
                .cloned()
                .unwrap_or_default();
            grid.review.push(ReviewItem::new(
                at.clone(),
                format!("工作表“{sheet_name}”第 {first}–{last} 行"),
                format!(
                    "指标值“{}”是合并单元格，已填入这 {} 个指标，请核对",
                    crate::core::printable::printable(&value),
                    m.rows.1 - m.rows.0 + 1
                ),
            ));
        }
    }
}

fn note(grid: &mut ImportedGrid, at: &Location, place: &str, message: &str) {
    grid.review.push(ReviewItem::new(
        at.clone(),
        place.to_string(),
        message.to_string(),
    ));
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_xlsxwriter::Workbook;

    fn sheet_bytes(rows: &[[&str; 4]]) -> Vec<u8> {
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        sheet.write_string(0, 0, "附表：绩效目标").unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                if !v.is_empty() {
                    sheet.write_string(r as u32 + 2, c as u16, *v).unwrap();
                }
            }
        }
        book.save_to_buffer().unwrap()
    }

    fn spec() -> &'static GridSpec {
        &crate::core::template::shanghai_2020().grids[0]
    }

    const HEAD: [&str; 4] = ["一级指标", "二级指标", "三级指标", "指标值"];

    fn shape(grid: &ImportedGrid) -> Vec<(String, String, String)> {
        grid.goals
            .iter()
            .flat_map(|g| {
                g.groups.iter().flat_map(move |gr| {
                    gr.indicators
                        .iter()
                        .map(move |i| (g.name.clone(), gr.name.clone(), i.name.clone()))
                })
            })
            .collect()
    }

    #[test]
    fn labels_repeated_or_only_on_first_row_read_the_same() {
        let repeated = sheet_bytes(&[
            HEAD,
            ["产出", "数量", "A", "1个"],
            ["产出", "数量", "B", "2个"],
            ["产出", "质量", "C", "合格"],
            ["效益", "社会", "D", "提升"],
        ]);
        let first_only = sheet_bytes(&[
            HEAD,
            ["产出", "数量", "A", "1个"],
            ["", "", "B", "2个"],
            ["", "质量", "C", "合格"],
            ["效益", "社会", "D", "提升"],
        ]);
        let a = import(&repeated, spec(), 0).unwrap();
        let b = import(&first_only, spec(), 0).unwrap();
        assert_eq!(a.goals, b.goals);
        assert_eq!(shape(&a).len(), 4);
        assert_eq!(a.goals[0].groups.len(), 2);
        assert!(a.review.is_empty());
    }

    #[test]
    fn a_sheet_without_a_grid_is_refused() {
        let bytes = sheet_bytes(&[["姓名", "年龄", "", ""]]);
        assert_eq!(import(&bytes, spec(), 0).unwrap_err(), GridError::NoGrid);
        assert!(import(b"not a zip", spec(), 0)
            .unwrap_err()
            .to_string()
            .contains("不是有效的 .xlsx"));
    }
}
