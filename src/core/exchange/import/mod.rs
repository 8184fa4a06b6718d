//! Reading what a clerk already has — a grid sheet, pasted rows, a file of last year's
//! form (PDF, Word, Excel, text, or this program's own) — into this program's form:
//! labels matched by meaning, tables read as tables, the template recognised.

mod content_grid;
mod decorations;
pub mod detect;
pub mod docx;
mod form_split;
pub mod goals;
pub mod grid_rows;
pub mod interpret;
pub mod learn;
mod level_guess;
mod own_export;
pub mod pdf;
mod pdf_actual;
mod pdf_breaks;
/// Label matching by meaning (now below the importers, shared with 更换表样).
pub use crate::core::labels;
mod pdf_cells;
mod pdf_font_guard;
mod pdf_guard;
mod pdf_page;
mod self_eval;
pub mod sheet;
mod slots;
pub mod source;
pub mod text;
mod values;
mod xls_guard;

/// Why a file could not be imported; every message says what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    #[error("无法读取“{path}”：{reason}")]
    Io { path: String, reason: String },
    #[error("文件太大，不像是绩效目标表（上限 {} MB），未导入", MAX_FILE_BYTES / 1_048_576)]
    TooBig,
    #[error("{0}已损坏或不完整，无法读取；请用原程序打开后重新保存再导入")]
    Damaged(&'static str),
    #[error("文件设有密码（已加密），无法读取；请在原程序中取消密码、另存后再导入")]
    Encrypted,
    #[error("这是旧版 Word（.doc）文件：请在 Word/WPS 中另存为 .docx 后再导入")]
    LegacyWord,
    #[error("不是能导入的文件：请选择 PDF、Word（.docx）、Excel（.xlsx/.xls）、文本（.txt）或本程序的表单文件（.ron）")]
    Unsupported,
    #[error("文件解压后过大，可能是恶意构造的文件，未导入")]
    Bomb,
    #[error("{0}")]
    Workbook(String),
    #[error("这个 PDF 中没有文字（可能是扫描件或图片）：请导入原始的 Word/Excel 文件，或手工录入")]
    NoText,
    #[error("{0}")]
    Form(String),
    #[error("这个文件的结构异常（{0}），可能已损坏或是恶意构造的，未导入；请用原程序重新保存或导出后再导入")]
    Hostile(String),
    #[error("文件过于复杂（{0}），不像是绩效目标表，未导入")]
    TooComplex(String),
}

/// The largest file read for import (a 10-page PDF is well under 1 MB).
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

use std::path::Path;
use std::sync::Arc;

use crate::core::model::Form;
use crate::core::review::{Review, ReviewItem};
use crate::core::template::Template;
use detect::Kind;

/// A form read from a file, not saved yet.
#[derive(Debug, Clone)]
pub struct Imported {
    pub form: Form,
    pub review: Vec<ReviewItem>,
    /// The template it was read as.
    pub template: Arc<Template>,
    /// Every template tried, best first: (id, name, score 0–100).
    pub scores: Vec<(String, String, u32)>,
    pub kind: Kind,
    /// How the file was read (an encoding assumed…).
    pub notes: Vec<String>,
    /// The projects of a table holding several (empty for one): this is the one asked
    /// for, the others are read with [`import_bytes_of_project`].
    pub projects: Vec<String>,
}

/// Reads the file at `path`, refusing anything but a plain file of a reasonable size
/// before reading it; see [`import_bytes`].
pub fn import_file(
    path: &Path,
    templates: &[Arc<Template>],
    choose: Option<&str>,
) -> Result<Imported, ImportError> {
    import_file_of_project(path, templates, choose, 0)
}

/// [`import_file`] taking project `project` (from 0) of a table of several projects.
pub fn import_file_of_project(
    path: &Path,
    templates: &[Arc<Template>],
    choose: Option<&str>,
    project: usize,
) -> Result<Imported, ImportError> {
    let bytes = read_for_import(path)?;
    let mut imported = import_bytes_of_project(&bytes, templates, choose, project)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    imported.form.review = Review::new(
        format!(
            "从“{}”导入，请核对以下各处",
            crate::core::printable::printable(&name)
        ),
        imported.review.clone(),
    );
    Ok(imported)
}

/// The bytes of the file at `path`: a plain file no larger than [`MAX_FILE_BYTES`].
pub fn read_for_import(path: &Path) -> Result<Vec<u8>, ImportError> {
    let shown = crate::core::printable::path(path);
    let io = |e: std::io::Error| ImportError::Io {
        path: shown.clone(),
        reason: crate::core::file::store::io_reason(&e),
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    crate::core::file::disk::check_regular(&meta).map_err(|e| ImportError::Io {
        path: shown.clone(),
        reason: e.to_string(),
    })?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(ImportError::TooBig);
    }
    let bytes = crate::core::file::disk::read_limited(path, MAX_FILE_BYTES).map_err(io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ImportError::TooBig);
    }
    Ok(bytes)
}

/// Reads a form out of `bytes` (its kind decided by content) as the best-matching of
/// `templates`, or as `choose` (a template id) when given.
pub fn import_bytes(
    bytes: &[u8],
    templates: &[Arc<Template>],
    choose: Option<&str>,
) -> Result<Imported, ImportError> {
    import_bytes_of_project(bytes, templates, choose, 0)
}

/// [`import_bytes`] taking project `project` (from 0) of a table of several projects
/// (see [`Imported::projects`]).
pub fn import_bytes_of_project(
    bytes: &[u8],
    templates: &[Arc<Template>],
    choose: Option<&str>,
    project: usize,
) -> Result<Imported, ImportError> {
    let imported = read_bytes(bytes, templates, choose, project)?;
    // whatever is imported can be saved and opened again
    let size = crate::core::file::ron_writer::to_ron_string(&imported.form).len() as u64;
    if size > crate::core::file::store::MAX_FILE_BYTES {
        return Err(ImportError::TooComplex(format!(
            "导入后的表单有 {} MB，超过表单文件上限 {} MB",
            size.div_ceil(1_048_576),
            crate::core::file::store::MAX_FILE_BYTES / 1_048_576
        )));
    }
    Ok(imported)
}

fn read_bytes(
    bytes: &[u8],
    templates: &[Arc<Template>],
    choose: Option<&str>,
    project: usize,
) -> Result<Imported, ImportError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ImportError::TooBig);
    }
    let kind = detect::kind_of(bytes).map_err(|r| match r {
        detect::Refused::Encrypted => ImportError::Encrypted,
        detect::Refused::LegacyWord => ImportError::LegacyWord,
        detect::Refused::OtherZip | detect::Refused::Binary => ImportError::Unsupported,
    })?;
    if kind == Kind::Form {
        return own_form(bytes, templates, choose);
    }
    let (source, legacy) = source_of(bytes, kind, project == 0)?;
    // a file this program exported: the form it carries, while its tables agree
    let mut edited = None;
    if let Some(form) = own_export::embedded(bytes, kind) {
        let template = templates
            .iter()
            .find(|t| t.id == form.template && choose.is_none_or(|c| c == t.id));
        if let Some(t) = template {
            let tables = interpret::interpret(&source, t);
            if own_export::same_content(&form, &tables.form, t) {
                return Ok(Imported {
                    scores: vec![(t.id.clone(), t.name.clone(), 100)],
                    form,
                    review: Vec::new(),
                    template: t.clone(),
                    kind,
                    notes: vec!["这是本程序导出的文件，已按导出时的表单原样读取".into()],
                    projects: Vec::new(),
                });
            }
            edited = Some("这个文件由本程序导出后有改动，已按表格中的内容读取，请核对".to_string());
        }
    }
    // a file of several forms one after another: the one asked for, read on its own
    let parts = form_split::parts(&source);
    let (source, legacy, project, part_names) = if parts.len() > 1 {
        let names: Vec<String> = parts.iter().map(|p| p.name.clone()).collect();
        let chosen = project.min(parts.len() - 1);
        let part = parts.into_iter().nth(chosen).map(|p| p.source);
        (part.unwrap_or(source), None, 0, Some((names, chosen)))
    } else {
        (source, legacy, project, None)
    };
    if let Some(id) = choose {
        if !templates.iter().any(|t| t.id == id) {
            return Err(ImportError::Form(format!(
                "没有表样“{}”；可用的表样：{}",
                crate::core::printable::printable(id),
                templates
                    .iter()
                    .map(|t| t.id.as_str())
                    .collect::<Vec<_>>()
                    .join("、")
            )));
        }
    }
    let mut readings: Vec<(Arc<Template>, interpret::Reading)> = templates
        .iter()
        .filter(|t| choose.is_none_or(|id| id == t.id))
        .map(|t| (t.clone(), interpret::interpret_project(&source, t, project)))
        .collect();
    // best first: the score, then what is left out, then the indicators found
    readings.sort_by_key(|(_, r)| {
        (
            std::cmp::Reverse(r.score),
            r.left_out,
            std::cmp::Reverse(r.indicators),
        )
    });
    let mut scores: Vec<(String, String, u32)> = readings
        .iter()
        .map(|(t, r)| (t.id.clone(), t.name.clone(), r.score))
        .collect();
    if choose.is_some() {
        // the others' scores too, best first, for the clerk to compare
        let mut others: Vec<(String, String, u32)> = templates
            .iter()
            .filter(|t| Some(t.id.as_str()) != choose)
            .map(|t| {
                (
                    t.id.clone(),
                    t.name.clone(),
                    interpret::interpret(&source, t).score,
                )
            })
            .collect();
        others.sort_by_key(|o| std::cmp::Reverse(o.2));
        scores.extend(others);
    }
    let (template, mut reading) = readings
        .into_iter()
        .next()
        .ok_or(ImportError::Unsupported)?;
    // (only where it read at least as much of the header too: a table copied out of
    // Word is read better by the table reader)
    let filled = |f: &crate::core::model::Form| {
        f.fields.values().filter(|v| !v.trim().is_empty()).count()
            + f.sections.values().filter(|v| !v.trim().is_empty()).count()
            + f.money.len()
    };
    if let Some(l) = legacy.filter(|l| {
        l.form.template == template.id
            && l.form.indicator_count() > 0
            && l.form.indicator_count() >= reading.indicators
            && filled(&l.form) >= filled(&reading.form)
    }) {
        if reading.projects.is_empty() {
            reading.form = l.form;
            reading.review = l.review;
        }
    }
    let mut notes = source.notes.clone();
    notes.extend(edited);
    if let Some((names, chosen)) = part_names {
        let message = format!(
            "文件中有 {} 个项目的表（{}），已导入第 {} 个“{}”；其余可逐个导入（命令行 import --all）",
            names.len(),
            values::name_list(&names),
            chosen + 1,
            values::short(&names[chosen])
        );
        notes.push(message.clone());
        reading.review.insert(
            0,
            ReviewItem::new(
                crate::core::validate::Location::Grid(0),
                String::new(),
                message,
            ),
        );
        reading.projects = names;
    }
    // a published self-evaluation: its rows and results, as the unit scored them
    if let Some(applied) = self_eval::apply(&source, &mut reading.form, &template) {
        notes.extend(applied.notes);
        reading.review.extend(applied.review);
    }
    if !reading.year_found {
        notes.insert(
            0,
            format!(
                "文件中没有找到年度，已按今年（{}）填写，请核对",
                reading.form.year
            ),
        );
    }
    if reading.form.indicator_count() == 0 {
        // said at once, not left to a form with no indicators and a confident score
        let filled = reading
            .form
            .fields
            .values()
            .chain(reading.form.sections.values())
            .filter(|v| !v.trim().is_empty())
            .count();
        let message = format!(
            "没有找到绩效指标表（一级、二级、三级指标及指标值的表格）；读到了 {filled} 栏表头内容，指标请手工录入或从 Excel 导入"
        );
        notes.insert(0, message.clone());
        reading.review.insert(
            0,
            ReviewItem::new(
                crate::core::validate::Location::Grid(0),
                "指标表".to_string(),
                message,
            ),
        );
    }
    Ok(Imported {
        form: reading.form,
        review: reading.review,
        template,
        scores,
        kind,
        notes,
        projects: reading.projects,
    })
}

/// The rows of a file of `kind` (not this program's own), and for text the reading of
/// the Shanghai web system's copied pages when `with_legacy`.
fn source_of(
    bytes: &[u8],
    kind: Kind,
    with_legacy: bool,
) -> Result<
    (
        source::Source,
        Option<crate::core::exchange::import_text::Imported>,
    ),
    ImportError,
> {
    let mut legacy = None;
    let source = match kind {
        Kind::Form => return Err(ImportError::Unsupported),
        Kind::Pdf => pdf::read(bytes)?,
        Kind::Docx => docx::read(bytes)?,
        Kind::Xlsx => sheet::read_xlsx(bytes)?,
        Kind::Xls => sheet::read_xls(bytes)?,
        Kind::Text => {
            let (text, note) = detect::decode(bytes);
            let chars = text.chars().count();
            let max = crate::core::exchange::import_text::MAX_IMPORT_CHARS;
            if chars > max {
                return Err(ImportError::Form(format!(
                    "文本过长（{chars} 个字符，上限 {max} 个），不像是一张表单，未导入"
                )));
            }
            let lines = text.lines().count();
            if lines > text::MAX_LINES {
                return Err(ImportError::TooComplex(format!(
                    "文本有 {lines} 行，超过上限 {} 行",
                    text::MAX_LINES
                )));
            }
            // the text the Shanghai web system's pages copy to (values continued on
            // lines of their own, columns shifted): its own reader knows it best
            if with_legacy {
                legacy = crate::core::exchange::import_text::import(&text).ok();
            }
            let mut s = text::read(&text);
            s.notes.extend(note);
            s
        }
    };
    let mut source = source;
    source.fix_radicals();
    if source.rows.iter().all(source::Row::is_blank) {
        return Err(if kind == Kind::Pdf {
            ImportError::NoText
        } else {
            ImportError::Form("文件中没有文字，没有可导入的内容".into())
        });
    }
    Ok((source, legacy))
}

/// A template learned from the file in `bytes` (see [`learn`]), named `name`: the
/// layout read by the best-fitting of `templates`, checked as any template file is.
pub fn learn_template(
    bytes: &[u8],
    templates: &[Arc<Template>],
    name: &str,
) -> Result<Template, ImportError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ImportError::TooBig);
    }
    let kind = detect::kind_of(bytes).map_err(|r| match r {
        detect::Refused::Encrypted => ImportError::Encrypted,
        detect::Refused::LegacyWord => ImportError::LegacyWord,
        detect::Refused::OtherZip | detect::Refused::Binary => ImportError::Unsupported,
    })?;
    if kind == Kind::Form {
        return Err(ImportError::Form(
            "这是本程序的表单文件，它的表样已经在表样列表中，不需要学习".into(),
        ));
    }
    let (source, _) = source_of(bytes, kind, false)?;
    let (base, reading) = templates
        .iter()
        .map(|t| (t, interpret::interpret(&source, t)))
        .max_by_key(|(_, r)| (r.score, r.indicators))
        .ok_or(ImportError::Unsupported)?;
    if reading.indicators == 0 {
        return Err(ImportError::Form(
            "没有找到绩效指标表，无法从这个文件学习表样".into(),
        ));
    }
    let learned = learn::learn(&source, &reading, base, name);
    Template::parse(&learned.to_text(), name)
        .map_err(|e| ImportError::Form(format!("学得的表样不能使用：{e}")))
}

/// This program's own file: read as it is (changed to `choose` when asked).
fn own_form(
    bytes: &[u8],
    templates: &[Arc<Template>],
    choose: Option<&str>,
) -> Result<Imported, ImportError> {
    let (form, unknown) = crate::core::file::store::parse_bytes_reporting(bytes)
        .map_err(|e| ImportError::Form(format!("这是本程序的表单文件，但无法读取：{e}")))?;
    let from = crate::core::template::for_form(&form);
    let (form, review, template) = match choose.and_then(|id| templates.iter().find(|t| t.id == id))
    {
        Some(to) if to.id != form.template => {
            let c = crate::core::editing::convert::change_template(&form, &from, to);
            (c.form, c.review, to.clone())
        }
        _ => (form, Vec::new(), from),
    };
    Ok(Imported {
        scores: vec![(template.id.clone(), template.name.clone(), 100)],
        form,
        review,
        template,
        kind: Kind::Form,
        projects: Vec::new(),
        // the new form keeps only what this version knows: say what is left behind
        notes: unknown
            .iter()
            .map(|f| {
                format!(
                    "原文件中本程序不认识的内容“{}”没有导入（原文件不变）",
                    crate::core::printable::printable(f)
                )
            })
            .collect(),
    })
}
