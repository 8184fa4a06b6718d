//! A Word or Excel file this program exported carries the form itself (a part of the
//! Word package, a hidden sheet of the workbook): read back exactly — but only while the
//! file's tables still say what that form says; a file edited since is read by its
//! tables, as any other.

use std::io::{Cursor, Read};

use super::detect::Kind;
use crate::core::exchange::{form_docx, form_xlsx};
use crate::core::model::Form;
use crate::core::template::Template;

/// The largest form text read back (a form file's own limit).
const MAX_FORM_BYTES: u64 = crate::core::file::store::MAX_FILE_BYTES;

/// The form an exported file carries, if it carries one that reads.
pub(super) fn embedded(bytes: &[u8], kind: Kind) -> Option<Form> {
    let text = match kind {
        Kind::Docx => docx_part(bytes)?,
        Kind::Xlsx => xlsx_sheet(bytes)?,
        _ => return None,
    };
    crate::core::file::store::parse_bytes_reporting(text.as_bytes())
        .ok()
        .map(|(form, _)| form)
}

fn docx_part(bytes: &[u8]) -> Option<String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let mut part = zip.by_name(form_docx::FORM_PART).ok()?;
    let mut text = String::new();
    let read = (&mut part)
        .take(MAX_FORM_BYTES + 1)
        .read_to_string(&mut text)
        .ok()?;
    (read as u64 <= MAX_FORM_BYTES).then_some(text)
}

fn xlsx_sheet(bytes: &[u8]) -> Option<String> {
    use calamine::Reader;
    crate::core::exchange::xlsx_limits::check(bytes).ok()?;
    crate::core::contained::run(|| {
        let mut book: calamine::Xlsx<_> =
            calamine::open_workbook_from_rs(Cursor::new(bytes)).ok()?;
        if !book
            .sheet_names()
            .iter()
            .any(|n| n == form_xlsx::FORM_SHEET)
        {
            return None;
        }
        let range = book.worksheet_range(form_xlsx::FORM_SHEET).ok()?;
        let mut text = String::new();
        for row in range.rows() {
            if let Some(cell) = row.first() {
                text.push_str(&cell.to_string());
            }
            if text.len() as u64 > MAX_FORM_BYTES {
                return None;
            }
        }
        Some(text)
    })
    .flatten()
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Whether the tables of the file (read as `read`) still say what `carried` says of
/// what `template` prints: the year, every field, section and amount, and every
/// indicator's place, name and value.
pub(super) fn same_content(carried: &Form, read: &Form, template: &Template) -> bool {
    let texts = |f: &Form| -> Vec<String> {
        let mut out: Vec<String> = template
            .fields
            .iter()
            .map(|s| squeeze(f.field(&s.id)))
            .collect();
        out.extend(template.sections.iter().map(|s| squeeze(f.section(&s.id))));
        if let Some(m) = &template.money {
            out.extend(m.rows.iter().map(|r| f.money(&r.id).to_plain()));
        }
        out
    };
    let indicators = |f: &Form| -> Vec<String> {
        let mut out = Vec::new();
        for (g, _) in template.grids.iter().enumerate() {
            for goal in f.goals(g) {
                for group in &goal.groups {
                    for ind in &group.indicators {
                        out.push(format!(
                            "{}/{}/{}/{}",
                            squeeze(&goal.name),
                            squeeze(&group.name),
                            squeeze(&ind.name),
                            squeeze(&ind.value_text())
                        ));
                    }
                }
            }
        }
        out
    };
    carried.year == read.year
        && texts(carried) == texts(read)
        && indicators(carried) == indicators(read)
}
