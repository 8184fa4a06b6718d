//! What every reader makes of a file: rows of cells in reading order, each row with the
//! place it came from (page and line, sheet and row, table and row), merged cells kept
//! as such. The interpreter reads forms from this, whatever the file was.

/// One cell as the reader found it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cell {
    pub text: String,
    /// Covered by a merged cell that starts in a row above: `text` is that cell's text.
    pub merged: bool,
    /// The cell's last line reached its right edge: text continued elsewhere (on the
    /// next page) joins it without a line break.
    pub open_end: bool,
}

impl Cell {
    pub fn new(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            ..Cell::default()
        }
    }
}

/// One row: a table row, or a line of text outside tables (split into cells at tabs
/// or wide gaps).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Row {
    pub cells: Vec<Cell>,
    /// Where it is, in Chinese: "第 2 页第 5 行", "工作表“Sheet1”第 7 行", "表格 1 第 3 行".
    pub place: String,
    /// Which table it belongs to (a new number after text between tables); rows of text
    /// outside tables have `None`.
    pub table: Option<usize>,
}

impl Row {
    pub fn texts(&self) -> Vec<String> {
        self.cells.iter().map(|c| c.text.clone()).collect()
    }

    /// The texts of the cells that hold something, trimmed, in order.
    pub fn filled(&self) -> Vec<&str> {
        self.cells
            .iter()
            .map(|c| c.text.trim())
            .filter(|t| !t.is_empty())
            .collect()
    }

    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| c.text.trim().is_empty())
    }
}

/// Everything read from a file, and notes on how it was read (an encoding assumed…).
#[derive(Debug, Clone, Default)]
pub struct Source {
    pub rows: Vec<Row>,
    pub notes: Vec<String>,
}

/// Kangxi radicals (⽬ U+2F6C), CJK radical supplements and compatibility ideographs
/// written where a unified character was meant (browsers' PDFs and some fonts do this)
/// become that character; nothing else in the text changes. A clerk never typed them.
pub fn fix_radicals(text: &str) -> std::borrow::Cow<'_, str> {
    let odd = |c: char| matches!(c as u32, 0x2E80..=0x2EFF | 0x2F00..=0x2FDF | 0xF900..=0xFAFF | 0x2F800..=0x2FA1F);
    if !text.chars().any(odd) {
        return std::borrow::Cow::Borrowed(text);
    }
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if let Some(unified) = supplement_radical(c) {
            out.push(unified);
        } else if odd(c) {
            // Kangxi radicals and compatibility ideographs decompose to their character
            out.extend(std::iter::once(c).nfkc());
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// The character a CJK radical supplement form stands for where it is a whole character
/// (Unicode gives these no decomposition; fonts map the simplified characters to them).
fn supplement_radical(c: char) -> Option<char> {
    Some(match c {
        '\u{2E81}' => '厂',
        '\u{2E87}' => '几',
        '\u{2E9D}' => '月',
        '\u{2E9F}' => '母',
        '\u{2EA0}' => '民',
        '\u{2EAB}' => '目',
        '\u{2EC1}' => '虎',
        '\u{2EC4}' => '西',
        '\u{2EC5}' => '见',
        '\u{2EC6}' => '角',
        '\u{2EC9}' => '贝',
        '\u{2ECB}' => '车',
        '\u{2ED0}' => '钅',
        '\u{2ED3}' => '长',
        '\u{2ED4}' => '门',
        '\u{2ED7}' => '雨',
        '\u{2ED8}' => '青',
        '\u{2ED9}' => '韦',
        '\u{2EDA}' => '页',
        '\u{2EDB}' => '风',
        '\u{2EDC}' => '飞',
        '\u{2EDD}' => '食',
        '\u{2EE2}' => '马',
        '\u{2EE3}' => '骨',
        '\u{2EE4}' => '鬼',
        '\u{2EE5}' => '鱼',
        '\u{2EE6}' => '鸟',
        '\u{2EE7}' => '卤',
        '\u{2EE8}' => '麦',
        '\u{2EE9}' => '黄',
        '\u{2EEA}' => '黾',
        '\u{2EEC}' => '齐',
        '\u{2EEE}' => '齿',
        '\u{2EF0}' => '龙',
        '\u{2EF3}' => '龟',
        _ => return None,
    })
}

impl Source {
    /// Every cell with [`fix_radicals`] applied.
    pub fn fix_radicals(&mut self) {
        for row in &mut self.rows {
            for cell in &mut row.cells {
                if let std::borrow::Cow::Owned(fixed) = fix_radicals(&cell.text) {
                    cell.text = fixed;
                }
            }
        }
    }
}

/// Splits a line of text into cells: by tabs, or by runs of two or more spaces (or an
/// ideographic space) when it has no tab — how text copied out of a table looks.
pub fn split_line(line: &str) -> Vec<String> {
    split_raw(line.trim_end_matches(['\r', '\n']))
        .into_iter()
        .map(clean_cell)
        .collect()
}

/// [`split_line`] without cleaning the cells.
pub fn split_raw(line: &str) -> Vec<&str> {
    if line.contains('\t') {
        return line.split('\t').collect();
    }
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let blank = |c: char| c == ' ' || c == '\u{3000}';
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if !blank(c) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < chars.len() && blank(chars[j].1) {
            j += 1;
        }
        if j - i >= 2 || c == '\u{3000}' {
            if at > start || out.is_empty() {
                out.push(&line[start..at]);
            }
            start = chars.get(j).map_or(line.len(), |&(b, _)| b);
        }
        i = j;
    }
    out.push(&line[start..]);
    out
}

/// A cell's text without the HTML some web systems leave in it (`<p>…</p>`, `<br/>`,
/// `&nbsp;`), trimmed; a paragraph or line break tag becomes a line break. A `<` that is
/// no tag (`<5%`) stays.
pub fn clean_cell(cell: &str) -> String {
    strip_html(cell, true)
}

/// [`clean_cell`], with break tags becoming line breaks or nothing.
pub fn strip_html(cell: &str, line_breaks: bool) -> String {
    let mut out = String::with_capacity(cell.len());
    let mut rest = cell;
    while let Some(start) = rest.find('<') {
        // A tag ends at the next '>' before any other '<'; looking no further keeps
        // this linear on a line of a million '<'.
        let after = &rest[start + 1..];
        match after.find(['<', '>']) {
            Some(end)
                if after.as_bytes()[end] == b'>' && is_tag(&rest[start..start + 1 + end + 1]) =>
            {
                out.push_str(&rest[..start]);
                let tag = &rest[start..start + end + 2];
                if line_breaks && (tag.starts_with("<br") || tag.starts_with("</p")) {
                    out.push('\n');
                }
                rest = &after[end + 1..];
            }
            _ => {
                out.push_str(&rest[..start + 1]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    let out = out
        .replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    out.trim().to_string()
}

/// `<p>`, `</p>`, `<br/>`, `<span …>` — a tag, not a comparison like `<5%`.
fn is_tag(s: &str) -> bool {
    let inner = s
        .trim_start_matches('<')
        .trim_start_matches('/')
        .trim_end_matches('>')
        .trim_end_matches('/');
    let name: String = inner
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect();
    matches!(
        name.to_ascii_lowercase().as_str(),
        "p" | "br" | "span" | "div" | "strong" | "b" | "font"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_split_at_tabs_or_wide_gaps() {
        assert_eq!(
            split_line("项目名称：\t某项目\t类别：\t经常性"),
            ["项目名称：", "某项目", "类别：", "经常性"]
        );
        assert_eq!(
            split_line("项目名称   某项目  a b"),
            ["项目名称", "某项目", "a b"]
        );
        assert_eq!(
            split_line("一级指标\u{3000}二级指标"),
            ["一级指标", "二级指标"]
        );
        assert_eq!(split_line(""), [""]);
    }

    #[test]
    fn kangxi_radicals_read_as_the_characters_they_stand_for() {
        assert_eq!(fix_radicals("项\u{2F6C}名称"), "项目名称");
        assert_eq!(fix_radicals("\u{2F00}级指标"), "一级指标");
        // a browser's PDF of 雾炮车…市民…部门
        assert_eq!(
            fix_radicals("雾炮\u{2ECB} 市\u{2EA0} 部\u{2ED4}"),
            "雾炮车 市民 部门"
        );
        assert_eq!(
            fix_radicals("≥９０％ 项目"),
            "≥９０％ 项目",
            "full-width kept in values"
        );
    }

    #[test]
    fn html_is_taken_out_but_comparisons_stay() {
        assert_eq!(clean_cell("<p>第一段</p><p>第二段</p>"), "第一段\n第二段");
        assert_eq!(clean_cell("<5%"), "<5%");
        assert_eq!(clean_cell(&"<".repeat(100_000)).len(), 100_000);
        assert_eq!(clean_cell("a&nbsp;&lt;b&gt;"), "a <b>");
    }
}
