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
    let line = line.trim_end_matches(['\r', '\n']);
    if line.contains('\t') {
        return line.split('\t').map(clean_cell).collect();
    }
    let mut out = Vec::new();
    let mut cell = String::new();
    let mut spaces = String::new();
    for c in line.chars() {
        if c == ' ' || c == '\u{3000}' {
            spaces.push(c);
            continue;
        }
        if !spaces.is_empty() {
            let wide = spaces.chars().count() >= 2 || spaces.contains('\u{3000}');
            if wide && !cell.is_empty() {
                out.push(clean_cell(&std::mem::take(&mut cell)));
            } else if !cell.is_empty() {
                cell.push(' ');
            }
            spaces.clear();
        }
        cell.push(c);
    }
    if !cell.is_empty() || out.is_empty() {
        out.push(clean_cell(&cell));
    }
    out
}

/// A cell's text without the HTML some web systems leave in it (`<p>…</p>`, `<br/>`,
/// `&nbsp;`), trimmed. A `<` that is no tag (`<5%`) stays.
pub fn clean_cell(cell: &str) -> String {
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
                if tag.starts_with("<br") || tag.starts_with("</p") {
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
