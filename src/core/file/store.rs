//! The save file: reading a `.ron` form defensively, and saving it without ever writing
//! over someone else's change.
//!
//! Reading never panics and never touches the file; every failure becomes a Chinese
//! message that says what is wrong and where, and fields this version does not know are
//! reported rather than dropped in silence. Saving checks that the file is still the
//! version the document was opened from, under the form's lock, then writes through
//! [`safe_write`](super::safe_write).

use crate::core::model_v1::FormV1;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::disk::{self, DiskVersion};
pub use super::disk::{is_form_file, looks_like_form_text};
use super::lock::{EditLock, LockOutcome};
pub(crate) use super::ron_error::ron_error_position;
pub use super::ron_error::ParseError;
pub use super::ron_writer::to_ron_string;
pub use super::safe_write::{backup_path, io_reason, write_atomically, SaveError};
use crate::core::model::{Form, FORMAT_VERSION};
use crate::core::printable::{self, printable};

/// Forms are small (the 5,000-indicator test form is about 1 MB); anything far larger is
/// not a form, and reading it whole would only make the program hang.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Opening a form failed; the file itself was not changed.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("无法打开“{}”：{reason}", printable::path(path))]
    Io { path: PathBuf, reason: String },
    #[error("无法打开“{}”：文件大小 {} MB，超过上限 {} MB，不像是绩效目标表文件", printable::path(path), size / 1_048_576, MAX_FILE_BYTES / 1_048_576)]
    TooLarge { path: PathBuf, size: u64 },
    #[error("无法打开“{}”：{error}", printable::path(path))]
    Parse { path: PathBuf, error: ParseError },
}

/// A form read from a file, with what a later save must know about that file.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub form: Form,
    /// The file's content when it was read: a save checks it is still this.
    pub version: DiskVersion,
    /// Fields in the file that this version of the program does not know (written by a
    /// newer version or by hand), each as "where: name (line N)". They are not kept when
    /// the form is saved, so the user is told.
    pub unknown_fields: Vec<String>,
}

/// Reads a form from `path`.
pub fn load(path: &Path) -> Result<Form, LoadError> {
    open(path).map(|l| l.form)
}

/// Reads a form from `path`, with its version and any fields this program does not know.
pub fn open(path: &Path) -> Result<Loaded, LoadError> {
    let io_err = |e: io::Error| LoadError::Io {
        path: path.to_path_buf(),
        reason: io_reason(&e),
    };
    let meta = fs::metadata(path).map_err(io_err)?;
    disk::check_regular(&meta).map_err(|e| LoadError::Io {
        path: path.to_path_buf(),
        reason: e.to_string(),
    })?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            path: path.to_path_buf(),
            size: meta.len(),
        });
    }
    let bytes = disk::read_limited(path, MAX_FILE_BYTES).map_err(io_err)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            path: path.to_path_buf(),
            size: bytes.len() as u64,
        });
    }
    let (form, unknown_fields) =
        parse_bytes_reporting(&bytes).map_err(|error| LoadError::Parse {
            path: path.to_path_buf(),
            error,
        })?;
    Ok(Loaded {
        form,
        version: DiskVersion::of(&bytes),
        unknown_fields,
    })
}

/// Reads a form from the bytes of a file.
pub fn parse_bytes(bytes: &[u8]) -> Result<Form, ParseError> {
    parse_bytes_reporting(bytes).map(|(form, _)| form)
}

pub fn parse_bytes_reporting(bytes: &[u8]) -> Result<(Form, Vec<String>), ParseError> {
    let text = std::str::from_utf8(bytes).map_err(|e| ParseError::NotText {
        line: 1 + bytes[..e.valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count(),
    })?;
    parse_str_reporting(text)
}

/// Saves `form` to `path` unconditionally (new files, tests, the command line's own
/// outputs): atomic, keeping the old version as `NAME.bak`.
pub fn save(path: &Path, form: &Form) -> Result<(), SaveError> {
    write_atomically(path, form_text(path, form)?.as_bytes(), true)
}

/// The form as its file's text, refused when it would be larger than a form file may
/// be to open ([`MAX_FILE_BYTES`]): whatever this program writes, it reads back.
pub fn form_text(path: &Path, form: &Form) -> Result<String, SaveError> {
    let text = to_ron_string(form);
    if text.len() as u64 > MAX_FILE_BYTES {
        return Err(SaveError::failed(
            path,
            format!(
                "表单过大（{} MB，表单文件上限 {} MB），保存后将无法再打开；请删减过长的文字或指标后再保存",
                text.len().div_ceil(1_048_576),
                MAX_FILE_BYTES / 1_048_576
            ),
        ));
    }
    Ok(text)
}

/// Saves `form` to a file that must not exist yet; never overwrites, even when another
/// program creates the same name at the same moment.
pub fn save_new(path: &Path, form: &Form) -> Result<(), SaveError> {
    super::safe_write::write_new(path, form_text(path, form)?.as_bytes())
}

/// Takes the lock of the form at `target` (named `path` by the user) for writing it:
/// refused when another window holds it; `None` where no lock can be taken here (a
/// read-only folder fails at the write anyway).
pub fn lock_for_writing(path: &Path, target: &Path) -> Result<Option<EditLock>, SaveError> {
    match EditLock::try_acquire(target) {
        LockOutcome::Acquired(lock) => Ok(Some(lock)),
        LockOutcome::HeldBy(holder) => Err(SaveError::Locked {
            path: path.to_path_buf(),
            holder,
        }),
        LockOutcome::Unavailable(_) => Ok(None),
    }
}

/// Saves `form` over the file a document was opened from, only if that file is still
/// `expected` (`None`: a file the user chose to write over, or a new one). The check and
/// the write happen under the form's lock: `held` when this process has it, else it is
/// taken for the moment of the save, and a form another window holds is refused.
/// Returns the version now on disk.
pub fn save_checked(
    path: &Path,
    form: &Form,
    expected: Option<&DiskVersion>,
    held: Option<&EditLock>,
) -> Result<DiskVersion, SaveError> {
    let target = disk::resolve_target(path).map_err(|e| SaveError::failed(path, io_reason(&e)))?;
    let holds = held.is_some_and(|l| disk::same_file(l.form(), &target));
    let _guard = if holds {
        None
    } else {
        lock_for_writing(path, &target)?
    };
    if let Some(expected) = expected {
        let now = DiskVersion::read(&target, MAX_FILE_BYTES)
            .map_err(|e| SaveError::failed(path, io_reason(&e)))?;
        if now.is_some_and(|now| !now.same_content(expected)) {
            return Err(SaveError::Changed {
                path: path.to_path_buf(),
            });
        }
    }
    let text = form_text(path, form)?;
    write_atomically(&target, text.as_bytes(), true)?;
    Ok(DiskVersion::of(text.as_bytes()))
}

/// Only the version, read before the whole form so that a newer file is refused with
/// the right message rather than a confusing field error.
#[derive(Deserialize)]
#[serde(rename = "Form")]
struct VersionProbe {
    format_version: u32,
}

/// `format_version` when it is the first field of `Form(`: `None` when the file is laid
/// out any other way (then the full probe decides, with its error messages).
fn leading_version(text: &str) -> Option<u32> {
    fn skip_blank(mut s: &str) -> Option<&str> {
        loop {
            let t = s.trim_start();
            if let Some(rest) = t.strip_prefix("//") {
                s = rest.split_once('\n').map_or("", |(_, after)| after);
            } else if t.starts_with("/*") {
                return None;
            } else {
                return Some(t);
            }
        }
    }
    let rest = skip_blank(text)?;
    let rest = skip_blank(rest.strip_prefix("Form")?)?;
    let rest = skip_blank(rest.strip_prefix('(')?)?;
    let rest = skip_blank(rest.strip_prefix("format_version")?)?;
    let rest = skip_blank(rest.strip_prefix(':')?)?;
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let after = skip_blank(&rest[digits..])?;
    if digits == 0 || !(after.starts_with(',') || after.starts_with(')')) {
        return None;
    }
    rest[..digits].parse().ok()
}

/// Reads a form from its text.
pub fn parse_str(text: &str) -> Result<Form, ParseError> {
    parse_str_reporting(text).map(|(form, _)| form)
}

/// Reads a form from its text, listing the fields it does not know.
pub fn parse_str_reporting(text: &str) -> Result<(Form, Vec<String>), ParseError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(ParseError::Empty);
    }
    if !looks_like_form_text(text) {
        return Err(ParseError::Foreign(
            "文件应以 Form( 开头，它可能是别的程序的文件".into(),
        ));
    }
    // The writer puts the version first; read it from there without parsing the whole
    // file twice. Anything else (hand-made files) takes the full probe.
    let version = match leading_version(text).map_or_else(
        || ron::from_str::<VersionProbe>(text).map(|p| p.format_version),
        Ok,
    ) {
        Ok(found) if found > FORMAT_VERSION => {
            return Err(ParseError::NewerVersion {
                found,
                supported: FORMAT_VERSION,
            })
        }
        Ok(found) => found,
        Err(e) => return Err(ron_error_position(&e, text)),
    };
    let mut de = ron::Deserializer::from_str(text).map_err(|e| ron_error_position(&e, text))?;
    let mut unknown = Vec::new();
    let note = |path: serde_ignored::Path| unknown.push(path.to_string());
    // Version 1 (and the 0 of hand-made files): the Shanghai 2020 layout's fixed fields.
    let form = if version <= 1 {
        serde_ignored::deserialize::<_, _, FormV1>(&mut de, note).map(FormV1::into_current)
    } else {
        serde_ignored::deserialize::<_, _, Form>(&mut de, note)
    }
    .map_err(|e| ron_error_position(&de.span_error(e), text))?;
    de.end()
        .map_err(|e| ron_error_position(&de.span_error(e), text))?;
    // in memory every form is of the current version; the writer picks the number
    let mut form = form;
    form.format_version = FORMAT_VERSION;
    let unknown = unknown
        .into_iter()
        .map(|path| describe_unknown(&path, text))
        .collect();
    Ok((form, unknown))
}

/// "goals[0].colour" → "goals[0] 中的 colour（第 N 行）".
fn describe_unknown(path: &str, text: &str) -> String {
    let (place, name) = match path.rsplit_once('.') {
        Some((place, name)) => (place, name),
        None => ("", path),
    };
    let line = text
        .lines()
        .position(|l| {
            l.trim_start()
                .strip_prefix(name)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map(|i| format!("（第 {} 行）", i + 1))
        .unwrap_or_default();
    let name = printable(name);
    if place.is_empty() {
        format!("{name}{line}")
    } else {
        format!("{} 中的 {name}{line}", printable(place))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::{Goal, Group, Indicator};
    use crate::core::money::Money;

    fn small_form() -> Form {
        let mut f = Form::new(crate::core::template::shanghai_2020(), 2020);
        f.set_field("unit_name", "上海市青少年服务和权益保护办公室");
        f.money.insert("total".into(), Money::from_yuan(5_601_000));
        let mut group = Group::new("投入管理");
        group.indicators.push(Indicator::new("预算执行率", ">=90%"));
        let mut goal = Goal::new("投入与管理");
        goal.groups.push(group);
        f.grids[0].goals.push(goal);
        f
    }

    #[test]
    fn the_quick_version_read_agrees_with_the_full_one() {
        for (text, quick) in [
            ("Form(format_version: 2, year: 2020)", Some(2)),
            ("// 注释\n\nForm (\n  format_version : 1 ,\n)", Some(1)),
            ("Form(format_version: 3)", Some(3)),
            ("Form(year: 2020, format_version: 2)", None),
            ("/* x */ Form(format_version: 2)", None),
            ("Form(format_version: 2x)", None),
            ("Form(format_version: 99999999999)", None),
            ("Form(format_version: \"2\")", None),
        ] {
            assert_eq!(leading_version(text), quick, "{text}");
            if let Some(v) = quick {
                let full = ron::from_str::<VersionProbe>(text).expect(text);
                assert_eq!(full.format_version, v, "{text}");
            }
        }
    }

    #[test]
    fn file_text_is_readable_chinese() {
        let text = to_ron_string(&small_form());
        assert!(
            text.starts_with(
                "Form(\n    format_version: 2,\n    template: \"shanghai-2020\",\n    year: 2020,\n"
            ),
            "{text}"
        );
        assert!(text.contains("\"unit_name\": \"上海市青少年服务和权益保护办公室\""));
        assert!(text.contains("\"total\": \"5601000\""));
        assert!(text.contains("\"plan_start\": \"2020-01-01\""));
        assert!(text.contains("Indicator("));
        assert!(!text.contains("\\u"), "Chinese must not be escaped");
    }

    #[test]
    fn text_round_trips() {
        let f = small_form();
        assert_eq!(parse_str(&to_ron_string(&f)).unwrap(), f);
    }

    #[test]
    fn the_documented_layout_opens() {
        let text = r#"Form(
    format_version: 1,
    year: 2020,
    unit_name: "上海市青少年服务和权益保护办公室",
    project_name: "上海市青少年服务和权益保护工作经费",
    project_category: "经常性专项业务费",
    plan_start: "2020-01-01",
    plan_end: "2020-12-31",
    buys_government_services: true,
    performance_type: "其他类",
    sections: Sections(overview: "a", basis: "b", necessity: "c", safeguards: "d",
        implementation_plan: "e", goals: "f"),
    budget: Budget(total: "5601000", current_year: "5601000",
        prior_year_budget: "6224000", prior_year_executed: ""),
    goals: [
        Goal(name: "投入与管理", groups: [
            Group(name: "投入管理", indicators: [
                Indicator(name: "预算执行率", target: ">=90%"),
            ]),
        ]),
    ],
)"#;
        let f = parse_str(text).unwrap();
        assert_eq!(f.money("current_year"), Money::from_yuan(5_601_000));
        assert!(f.money("prior_year_executed").is_unknown());
        assert_eq!(f.field("buys_government_services"), "是");
        assert_eq!(f.template, "shanghai-2020");
        assert_eq!(f.grids[0].goals[0].groups[0].indicators[0].target, ">=90%");
    }

    #[test]
    fn older_files_without_new_fields_open() {
        let f = parse_str("Form(format_version: 1, year: 2019)").unwrap();
        assert_eq!(f.year, 2019);
        assert_eq!(f.field("plan_start"), "");
        assert!(f.grids[0].goals.is_empty());
    }

    #[test]
    fn truncated_file_says_where() {
        let text = to_ron_string(&small_form());
        let cut = &text[..text.len() / 2];
        match parse_str(cut) {
            Err(ParseError::Syntax { line, message, .. }) => {
                assert!(line > 1);
                assert!(message.contains("意外结束"), "{message}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn syntax_error_has_line_and_column() {
        let text = to_ron_string(&small_form()).replace("year: 2020,", "year: 2020");
        let err = parse_str(&text).unwrap_err();
        assert_eq!(
            err,
            ParseError::Syntax {
                line: 5,
                column: 5,
                message: "此处缺少逗号".into()
            }
        );
        assert_eq!(err.to_string(), "第 5 行第 5 列：此处缺少逗号");
    }

    #[test]
    fn bad_values_name_the_problem() {
        // A version-1 file's dates are read as dates.
        let v1 =
            "Form(\n    format_version: 1,\n    year: 2020,\n    plan_start: \"2020-13-01\",\n)";
        let msg = parse_str(v1).unwrap_err().to_string();
        assert!(
            msg.contains("第 4 行") && msg.contains("2020-13-01"),
            "{msg}"
        );
        // Now a date is text, kept as typed; the checks name it.
        let text = to_ron_string(&small_form()).replace("\"2020-01-01\"", "\"2020-13-01\"");
        let form = parse_str(&text).unwrap();
        let problems =
            crate::core::validate::validate(&form, crate::core::template::shanghai_2020());
        assert!(problems.iter().any(|p| p.message.contains("2020-13-01")));
        let text = to_ron_string(&small_form()).replace("\"5601000\"", "\"五百万\"");
        let msg = parse_str(&text).unwrap_err().to_string();
        assert!(msg.contains("五百万") && msg.contains("不是数字"), "{msg}");
    }

    #[test]
    fn non_utf8_is_not_text() {
        let mut bytes = b"Form(\n format_version: 1,\n".to_vec();
        bytes.extend_from_slice(&[0xff, 0xfe, 0x00]);
        assert_eq!(parse_bytes(&bytes), Err(ParseError::NotText { line: 3 }));
    }

    #[test]
    fn foreign_files_are_named_so() {
        for text in [
            "{\"year\": 2020}",
            "<html></html>",
            "PK\u{3}\u{4}",
            "Budget(total: \"1\")",
        ] {
            assert!(
                matches!(parse_str(text), Err(ParseError::Foreign(_))),
                "{text}"
            );
        }
        assert!(matches!(
            parse_str("Form(year: 2020)"),
            Err(ParseError::Foreign(_))
        ));
        assert_eq!(parse_str(" \n"), Err(ParseError::Empty));
    }

    #[test]
    fn newer_version_is_refused() {
        let text = to_ron_string(&small_form())
            .replace("format_version: 2", "format_version: 4")
            .replace("year: 2020,", "year: 2020, colour: Blue,");
        let err = parse_str(&text).unwrap_err();
        assert_eq!(
            err,
            ParseError::NewerVersion {
                found: 4,
                supported: 3
            }
        );
        assert!(err.to_string().contains("更新版本"));
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let text = format!(
            "Form(format_version: 1, year: 2020, x: {})",
            "[".repeat(100_000)
        );
        assert!(parse_str(&text).is_err());
    }

    #[test]
    fn byte_order_mark_is_accepted() {
        let text = format!("\u{feff}{}", to_ron_string(&small_form()));
        assert_eq!(parse_str(&text).unwrap(), small_form());
    }
}
