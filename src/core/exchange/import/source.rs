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
    fn html_is_taken_out_but_comparisons_stay() {
        assert_eq!(clean_cell("<p>第一段</p><p>第二段</p>"), "第一段\n第二段");
        assert_eq!(clean_cell("<5%"), "<5%");
        assert_eq!(clean_cell(&"<".repeat(100_000)).len(), 100_000);
        assert_eq!(clean_cell("a&nbsp;&lt;b&gt;"), "a <b>");
    }
}
