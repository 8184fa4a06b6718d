//! The save file: reading a `.ron` form defensively and writing it atomically.
//!
//! Reading never panics and never touches the file; every failure becomes a Chinese
//! message that says what is wrong and where. Writing goes to a temporary file in the
//! same folder, is flushed to disk, the old version is kept as `NAME.ron.bak`, and only
//! then is the temporary file renamed over the old one, so a failed save leaves the old
//! file exactly as it was.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use ron::error::{Error as RonError, SpannedError};
use serde::Deserialize;

use super::model::{Form, SectionKind, FORMAT_VERSION};

/// Forms are small (the 5,000-indicator test form is about 1 MB); anything far larger is
/// not a form, and reading it whole would only make the program hang.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// What is wrong with a form's text, without the file name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    #[error("文件是空的")]
    Empty,
    #[error(
        "文件不是 UTF-8 文本（第 {line} 行附近有无法识别的字节），可能已损坏或不是绩效目标表文件"
    )]
    NotText { line: usize },
    #[error("这不是绩效目标表文件：{0}")]
    Foreign(String),
    #[error("第 {line} 行第 {column} 列：{message}")]
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("此文件由更新版本的程序保存（格式版本 {found}），本程序只能打开格式版本 {supported} 及以下的文件，请升级程序后再打开")]
    NewerVersion { found: u32, supported: u32 },
}

/// Opening a form failed; the file itself was not changed.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("无法打开“{}”：{reason}", path.display())]
    Io { path: PathBuf, reason: String },
    #[error("无法打开“{}”：文件大小 {} MB，超过上限 {} MB，不像是绩效目标表文件", path.display(), size / 1_048_576, MAX_FILE_BYTES / 1_048_576)]
    TooLarge { path: PathBuf, size: u64 },
    #[error("无法打开“{}”：{error}", path.display())]
    Parse { path: PathBuf, error: ParseError },
}

/// Saving failed; the file on disk is as it was before.
#[derive(Debug, thiserror::Error)]
#[error("无法保存到“{}”：{reason}。原文件未被改动。", path.display())]
pub struct SaveError {
    pub path: PathBuf,
    pub reason: String,
}

/// A short Chinese reason for an I/O failure.
pub fn io_reason(e: &io::Error) -> String {
    use io::ErrorKind::*;
    match e.kind() {
        NotFound => "文件或文件夹不存在".into(),
        PermissionDenied => "没有权限".into(),
        AlreadyExists => "文件已存在".into(),
        StorageFull => "磁盘空间已满".into(),
        ReadOnlyFilesystem => "磁盘是只读的".into(),
        IsADirectory => "这是一个文件夹".into(),
        InvalidData => "内容无效".into(),
        _ => format!("系统错误（{e}）"),
    }
}

/// Reads a form from `path`.
pub fn load(path: &Path) -> Result<Form, LoadError> {
    let io_err = |e: io::Error| LoadError::Io {
        path: path.to_path_buf(),
        reason: io_reason(&e),
    };
    let meta = fs::metadata(path).map_err(io_err)?;
    if meta.is_dir() {
        return Err(LoadError::Io {
            path: path.to_path_buf(),
            reason: "这是一个文件夹，不是文件".into(),
        });
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            path: path.to_path_buf(),
            size: meta.len(),
        });
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    File::open(path)
        .and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(io_err)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            path: path.to_path_buf(),
            size: bytes.len() as u64,
        });
    }
    parse_bytes(&bytes).map_err(|error| LoadError::Parse {
        path: path.to_path_buf(),
        error,
    })
}

/// Reads a form from the bytes of a file.
pub fn parse_bytes(bytes: &[u8]) -> Result<Form, ParseError> {
    let text = std::str::from_utf8(bytes).map_err(|e| ParseError::NotText {
        line: 1 + bytes[..e.valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count(),
    })?;
    parse_str(text)
}

/// The header every form file has (after optional comments and blank lines).
fn looks_like_form(text: &str) -> bool {
    let body = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with("//") && !l.starts_with("#!"))
        .unwrap_or("");
    body.starts_with("Form(") || body.starts_with("Form (") || body == "Form"
}

/// Only the version, read before the whole form so that a newer file is refused with
/// the right message rather than a confusing field error.
#[derive(Deserialize)]
#[serde(rename = "Form")]
struct VersionProbe {
    format_version: u32,
}

/// Reads a form from its text.
pub fn parse_str(text: &str) -> Result<Form, ParseError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(ParseError::Empty);
    }
    if !looks_like_form(text) {
        return Err(ParseError::Foreign(
            "文件应以 Form( 开头，它可能是别的程序的文件".into(),
        ));
    }
    match ron::from_str::<VersionProbe>(text) {
        Ok(probe) if probe.format_version > FORMAT_VERSION => {
            return Err(ParseError::NewerVersion {
                found: probe.format_version,
                supported: FORMAT_VERSION,
            })
        }
        Ok(_) => {}
        Err(e) => return Err(translate(&e, text)),
    }
    ron::from_str::<Form>(text).map_err(|e| translate(&e, text))
}

/// Turns a RON error into a Chinese message with its line and column.
fn translate(e: &SpannedError, text: &str) -> ParseError {
    let (line, column) = (e.span.start.line, e.span.start.col);
    // An error on the last line of a file that does not end with the closing ")" is
    // almost always a file that was cut off; say so rather than "missing comma".
    let last_line = text.trim_end().lines().count();
    let cut_off = line >= last_line && !text.trim_end().ends_with(')');
    if cut_off && !matches!(e.code, RonError::Message(_)) {
        return ParseError::Syntax {
            line,
            column,
            message: "文件在此处意外结束，可能只保存了一部分（被截断）".to_string(),
        };
    }
    let message = match &e.code {
        RonError::MissingStructField { field, outer } if *field == "format_version" => {
            let _ = outer;
            return ParseError::Foreign("缺少 format_version（格式版本）".into());
        }
        RonError::Eof => "文件在此处意外结束，可能只保存了一部分（被截断）".to_string(),
        RonError::Message(m) => m.clone(),
        RonError::ExpectedDifferentStructName { expected, found } => {
            format!("此处应为 {expected}，实际是 {found}")
        }
        RonError::MissingStructField { field, outer } => match outer {
            Some(o) => format!("{o} 缺少字段 {field}"),
            None => format!("缺少字段 {field}"),
        },
        RonError::DuplicateStructField { field, .. } => format!("字段 {field} 重复出现"),
        RonError::InvalidValueForType { expected, found } => {
            format!("值的类型不对：应为 {expected}，实际是 {found}")
        }
        RonError::ExpectedString => "此处应为用英文双引号括起的文本".into(),
        RonError::ExpectedStringEnd => "文本缺少结尾的英文双引号".into(),
        RonError::ExpectedInteger => "此处应为整数".into(),
        RonError::IntegerOutOfBounds => "数字超出允许范围".into(),
        RonError::ExpectedBoolean => "此处应为 true 或 false".into(),
        RonError::ExpectedComma => "此处缺少逗号".into(),
        RonError::ExpectedArray => "此处应为 [".into(),
        RonError::ExpectedArrayEnd => "此处缺少 ]".into(),
        RonError::ExpectedStructLike | RonError::ExpectedNamedStructLike(_) => {
            "此处应为 名称( … ) 形式的结构".into()
        }
        RonError::ExpectedStructLikeEnd => "此处缺少右括号 )".into(),
        RonError::ExpectedMapColon => "此处缺少冒号 :".into(),
        RonError::ExpectedIdentifier => "此处应为字段名".into(),
        RonError::InvalidEscape(_) => "文本中有无效的转义序列（反斜杠 \\ 后的字符）".into(),
        RonError::TrailingCharacters => "表单结束之后还有多余的内容".into(),
        RonError::ExceededRecursionLimit => "嵌套层次过深".into(),
        RonError::UnclosedBlockComment | RonError::UnclosedLineComment => "注释没有结束".into(),
        RonError::UnexpectedChar(c) => format!("此处出现了意外的字符“{c}”"),
        RonError::Utf8Error(_) => "文件中有无效的 UTF-8 字节".into(),
        RonError::NoSuchStructField { found, .. } => format!("未知字段 {found}"),
        other => format!("无法识别的内容（{other}）"),
    };
    ParseError::Syntax {
        line,
        column,
        message,
    }
}

/// The file text: pretty-printed RON, Chinese as characters, one field a line and one
/// indicator a line. Written by hand rather than through `ron::ser`, whose per-character
/// escaping took 43 ms for a 5,000-indicator form; the layout is the same and `ron`
/// reads it (the round-trip tests hold both to that).
pub fn to_ron_string(form: &Form) -> String {
    use std::fmt::Write as _;
    let section_len: usize = SectionKind::ALL
        .iter()
        .map(|k| form.section(*k).len())
        .sum();
    let mut w = String::with_capacity(section_len + form.indicator_count() * 96 + 2048);
    let date = |d: Option<chrono::NaiveDate>| {
        d.map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default()
    };
    w.push_str("Form(\n");
    let _ = writeln!(w, "    format_version: {},", form.format_version);
    let _ = writeln!(w, "    year: {},", form.year);
    string_field(&mut w, 1, "unit_name", &form.unit_name);
    string_field(&mut w, 1, "project_name", &form.project_name);
    string_field(&mut w, 1, "project_category", &form.project_category);
    string_field(&mut w, 1, "plan_start", &date(form.plan_start));
    string_field(&mut w, 1, "plan_end", &date(form.plan_end));
    let _ = writeln!(
        w,
        "    buys_government_services: {},",
        form.buys_government_services
    );
    string_field(&mut w, 1, "performance_type", &form.performance_type);
    w.push_str("    sections: Sections(\n");
    let s = &form.sections;
    for (name, text) in [
        ("overview", &s.overview),
        ("basis", &s.basis),
        ("necessity", &s.necessity),
        ("safeguards", &s.safeguards),
        ("implementation_plan", &s.implementation_plan),
        ("goals", &s.goals),
    ] {
        string_field(&mut w, 2, name, text);
    }
    w.push_str("    ),\n    budget: Budget(\n");
    let b = &form.budget;
    for (name, money) in [
        ("total", b.total),
        ("current_year", b.current_year),
        ("prior_year_budget", b.prior_year_budget),
        ("prior_year_executed", b.prior_year_executed),
    ] {
        string_field(&mut w, 2, name, &money.to_plain());
    }
    w.push_str("    ),\n");
    if form.goals.is_empty() {
        w.push_str("    goals: [],\n");
    } else {
        w.push_str("    goals: [\n");
        for goal in &form.goals {
            w.push_str("        Goal(\n");
            string_field(&mut w, 3, "name", &goal.name);
            if goal.groups.is_empty() {
                w.push_str("            groups: [],\n");
            } else {
                w.push_str("            groups: [\n");
                for group in &goal.groups {
                    w.push_str("                Group(\n");
                    string_field(&mut w, 5, "name", &group.name);
                    if group.indicators.is_empty() {
                        w.push_str("                    indicators: [],\n");
                    } else {
                        w.push_str("                    indicators: [\n");
                        for ind in &group.indicators {
                            w.push_str("                        Indicator(name: ");
                            quoted(&mut w, &ind.name);
                            w.push_str(", target: ");
                            quoted(&mut w, &ind.target);
                            w.push_str("),\n");
                        }
                        w.push_str("                    ],\n");
                    }
                    w.push_str("                ),\n");
                }
                w.push_str("            ],\n");
            }
            w.push_str("        ),\n");
        }
        w.push_str("    ],\n");
    }
    w.push_str(")\n");
    w
}

fn string_field(w: &mut String, depth: usize, name: &str, value: &str) {
    for _ in 0..depth {
        w.push_str("    ");
    }
    w.push_str(name);
    w.push_str(": ");
    quoted(w, value);
    w.push_str(",\n");
}

/// A RON string literal: only quotes, backslashes and control characters are escaped,
/// everything else (Chinese, emoji) is written as itself.
fn quoted(w: &mut String, s: &str) {
    use std::fmt::Write as _;
    w.push('"');
    let mut start = 0;
    for (i, c) in s.char_indices() {
        let escape = match c {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            c if c.is_control() => "",
            _ => continue,
        };
        w.push_str(&s[start..i]);
        if escape.is_empty() {
            let _ = write!(w, "\\u{{{:x}}}", c as u32);
        } else {
            w.push_str(escape);
        }
        start = i + c.len_utf8();
    }
    w.push_str(&s[start..]);
    w.push('"');
}

/// `NAME.ron` → `NAME.ron.bak`, the previous version kept by every save.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    path.with_file_name(name)
}

/// The temporary file a save writes before renaming it over the real one.
fn temp_path(path: &Path) -> PathBuf {
    let mut name = std::ffi::OsString::from(".");
    name.push(path.file_name().unwrap_or_default());
    name.push(".saving");
    path.with_file_name(name)
}

/// Saves `form` to `path` atomically, keeping the old version as `NAME.ron.bak`.
pub fn save(path: &Path, form: &Form) -> Result<(), SaveError> {
    write_atomically(path, to_ron_string(form).as_bytes(), true)
}

/// Writes `bytes` to `path` through a temporary file in the same folder, so that the
/// file at `path` is always either the old or the new content, never a mix.
pub fn write_atomically(path: &Path, bytes: &[u8], keep_backup: bool) -> Result<(), SaveError> {
    let fail = |reason: String| SaveError {
        path: path.to_path_buf(),
        reason,
    };
    if path.file_name().is_none() {
        return Err(fail("没有文件名".into()));
    }
    let old = match fs::metadata(path) {
        Ok(meta) if meta.is_dir() => return Err(fail("这是一个文件夹".into())),
        Ok(meta) if meta.permissions().readonly() => {
            return Err(fail("文件是只读的".into()));
        }
        Ok(meta) => Some(meta),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(fail(io_reason(&e))),
    };
    let tmp = temp_path(path);
    let written = (|| -> io::Result<()> {
        let mut file = OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .open(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        if let Some(meta) = &old {
            file.set_permissions(meta.permissions())?;
        }
        Ok(())
    })();
    let result = written
        .map_err(|e| format!("写入临时文件失败，{}", io_reason(&e)))
        .and_then(|()| {
            if old.is_some() && keep_backup {
                fs::copy(path, backup_path(path))
                    .map_err(|e| format!("无法保留备份文件 .bak，{}", io_reason(&e)))?;
            }
            fs::rename(&tmp, path).map_err(|e| format!("替换原文件失败，{}", io_reason(&e)))
        });
    if let Err(reason) = result {
        let _ = fs::remove_file(&tmp);
        return Err(fail(reason));
    }
    sync_folder(path);
    Ok(())
}

/// Makes the rename itself durable; best effort, as not every system allows it.
fn sync_folder(path: &Path) {
    #[cfg(unix)]
    if let Some(dir) = path.parent() {
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::{Goal, Group, Indicator};
    use crate::core::money::Money;

    fn small_form() -> Form {
        let mut f = Form::empty(2020);
        f.unit_name = "上海市青少年服务和权益保护办公室".into();
        f.budget.total = Money::from_yuan(5_601_000);
        let mut group = Group::new("投入管理");
        group.indicators.push(Indicator::new("预算执行率", ">=90%"));
        let mut goal = Goal::new("投入与管理");
        goal.groups.push(group);
        f.goals.push(goal);
        f
    }

    #[test]
    fn file_text_is_readable_chinese() {
        let text = to_ron_string(&small_form());
        assert!(
            text.starts_with("Form(\n    format_version: 1,\n    year: 2020,\n"),
            "{text}"
        );
        assert!(text.contains("unit_name: \"上海市青少年服务和权益保护办公室\""));
        assert!(text.contains("total: \"5601000\""));
        assert!(text.contains("plan_start: \"2020-01-01\""));
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
        assert_eq!(f.budget.current_year, Money::from_yuan(5_601_000));
        assert!(f.budget.prior_year_executed.is_unknown());
        assert!(f.buys_government_services);
        assert_eq!(f.goals[0].groups[0].indicators[0].target, ">=90%");
    }

    #[test]
    fn older_files_without_new_fields_open() {
        let f = parse_str("Form(format_version: 1, year: 2019)").unwrap();
        assert_eq!(f.year, 2019);
        assert!(f.plan_start.is_none());
        assert!(f.goals.is_empty());
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
                line: 4,
                column: 5,
                message: "此处缺少逗号".into()
            }
        );
        assert_eq!(err.to_string(), "第 4 行第 5 列：此处缺少逗号");
    }

    #[test]
    fn bad_values_name_the_problem() {
        let text = to_ron_string(&small_form()).replace("\"2020-01-01\"", "\"2020-13-01\"");
        let msg = parse_str(&text).unwrap_err().to_string();
        assert!(
            msg.contains("第 7 行") && msg.contains("2020-13-01"),
            "{msg}"
        );
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
            .replace("format_version: 1", "format_version: 2")
            .replace("year: 2020,", "year: 2020, colour: Blue,");
        let err = parse_str(&text).unwrap_err();
        assert_eq!(
            err,
            ParseError::NewerVersion {
                found: 2,
                supported: 1
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
