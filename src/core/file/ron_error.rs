//! A RON text that does not read, in Chinese: what is wrong and at which line and
//! column (a form file, a template, a recovery copy: every RON file this program reads).

use ron::error::{Error as RonError, SpannedError};

use crate::core::printable::printable;

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

/// A message from a field's own reader is Chinese already; serde's generic ones
/// ("invalid type: …") are put into Chinese, keeping the quoted value.
fn serde_message(m: &str) -> String {
    if m.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) {
        return printable(m);
    }
    let quoted = m
        .split('`')
        .nth(1)
        .map(|v| format!("：{}", printable(v)))
        .unwrap_or_default();
    let what = if m.starts_with("invalid type") {
        "值的类型不对"
    } else if m.starts_with("invalid value") {
        "值不正确"
    } else if m.starts_with("invalid length") {
        "项数不对"
    } else if m.starts_with("unknown variant") {
        "无法识别的取值"
    } else if m.starts_with("missing field") {
        "缺少字段"
    } else if m.starts_with("duplicate field") {
        "字段重复出现"
    } else if m.starts_with("unknown field") {
        "未知字段"
    } else {
        "此处的内容无法识别"
    };
    format!("{what}{quoted}")
}

/// A RON error of any file this program reads (a form, a template), in Chinese with its
/// line and column.
pub fn ron_error_position(e: &SpannedError, text: &str) -> ParseError {
    translate(e, text)
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
        RonError::Message(m) => serde_message(m),
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
        RonError::UnexpectedChar(c) => {
            format!("此处出现了意外的字符“{}”", printable(&c.to_string()))
        }
        RonError::Utf8Error(_) => "文件中有无效的 UTF-8 字节".into(),
        RonError::NoSuchStructField { found, .. } => format!("未知字段 {found}"),
        _ => "此处的内容无法识别".into(),
    };
    ParseError::Syntax {
        line,
        column,
        message,
    }
}
