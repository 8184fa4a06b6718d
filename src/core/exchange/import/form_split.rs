//! A file holding several forms one after another (a unit's disclosure of all its
//! projects, each form with its own 项目名称, money and indicators): where each form
//! begins, so that one is imported whole rather than all of them mixed into one.

use super::source::{Row, Source};
use crate::core::labels::{self, Label, SYNONYM};

/// Forms read apart in one file at most (a county's disclosure holds a few hundred);
/// the rows after the last are part of it.
pub const MAX_PARTS: usize = 1000;

/// One form of the file: its project's name and its rows.
pub struct Part {
    pub name: String,
    pub source: Source,
}

/// The forms of `source`, in order, when it holds more than one (a file of one form
/// gives none: its rows are read as they are, not copied). A new form begins where a 项目名称 with another value follows rows of
/// indicators, together with the title lines just above it.
pub fn parts(source: &Source) -> Vec<Part> {
    let mut starts: Vec<(usize, String)> = Vec::new();
    let mut indicators_since = false;
    for (i, row) in source.rows.iter().enumerate() {
        if let Some(name) = project_name(row) {
            match starts.last() {
                None => starts.push((0, name)),
                Some((_, current))
                    if indicators_since && *current != name && starts.len() < MAX_PARTS =>
                {
                    starts.push((head_of(&source.rows, i), name));
                    indicators_since = false;
                }
                _ => {}
            }
        } else if row
            .cells
            .iter()
            .any(|c| !c.merged && super::content_grid::is_level(&c.text))
        {
            indicators_since = true;
        }
    }
    if starts.len() < 2 {
        return Vec::new();
    }
    let ends: Vec<usize> = starts
        .iter()
        .skip(1)
        .map(|s| s.0)
        .chain([source.rows.len()])
        .collect();
    starts
        .into_iter()
        .zip(ends)
        .enumerate()
        .map(|(k, ((start, name), end))| Part {
            name,
            source: Source {
                // (the rows before the first form's name are its title)
                rows: source.rows[if k == 0 { 0 } else { start }..end].to_vec(),
                notes: source.notes.clone(),
            },
        })
        .collect()
}

/// The project named in `row`: a 项目名称 label (by meaning) with a value after it that
/// is no label itself (a heading row of a table of projects names no project).
fn project_name(row: &Row) -> Option<String> {
    let cells: Vec<&str> = row
        .cells
        .iter()
        .filter(|c| !c.merged)
        .map(|c| c.text.trim())
        .filter(|t| !t.is_empty())
        .collect();
    // (every label meaning 项目名称 has 项目 in it: most cells are passed over at once)
    let at = cells.iter().position(|t| {
        t.contains("项目")
            && labels::could_be_label(t)
            && labels::score(&Label::new(t), "项目名称") >= SYNONYM
    })?;
    let value = cells.get(at + 1)?;
    (!labels::is_known(value)).then(|| value.to_string())
}

/// Where the form whose 项目名称 is in row `at` begins: with its title just above it and
/// the lines between (the year, 填报单位, 金额单位); lines above its title (the form
/// before's notes and totals) stay with the form before.
fn head_of(rows: &[Row], at: usize) -> usize {
    let mut start = at;
    let mut i = at;
    while i > 0 && is_head_like(&rows[i - 1]) {
        i -= 1;
        if is_title(&rows[i]) {
            start = i;
        }
    }
    start
}

/// A short line of a form's head: no level, no target, a few short cells.
fn is_head_like(row: &Row) -> bool {
    let filled = row.filled();
    filled.len() <= 3
        && filled.iter().all(|t| {
            t.chars().count() <= 40
                && !super::content_grid::is_level(t)
                && !super::content_grid::is_target(t)
        })
}

/// A form's title ("2023年项目支出绩效目标申报表", "项目支出绩效自评表") or its year
/// on a line of its own ("(2023年度)").
fn is_title(row: &Row) -> bool {
    let text: String = row
        .cells
        .iter()
        .flat_map(|c| c.text.chars())
        .filter(|c| !c.is_whitespace())
        .collect();
    let year_line = text
        .trim_matches(['(', ')', '（', '）'])
        .trim_end_matches('度')
        .trim_end_matches('年')
        .chars()
        .all(|c| c.is_ascii_digit())
        && text.contains('年');
    super::decorations::is_a_title(&text) || year_line
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::exchange::import::source::Cell;

    fn source(text: &str) -> Source {
        Source {
            rows: text
                .lines()
                .enumerate()
                .map(|(i, l)| Row {
                    cells: l.split('\t').map(Cell::new).collect(),
                    place: format!("第 {} 行", i + 1),
                    table: None,
                })
                .collect(),
            notes: Vec::new(),
        }
    }

    const ONE: &str = "项目支出绩效目标表\n(2023年度)\n项目名称\t甲项目\n主管部门\t某局\n一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t培训人次\t≥100人次\n";

    #[test]
    fn forms_one_after_another_are_told_apart_with_their_titles() {
        let two = format!("{ONE}{}", ONE.replace("甲项目", "乙项目"));
        let parts = parts(&source(&two));
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].name, "甲项目");
        assert_eq!(parts[1].name, "乙项目");
        assert_eq!(parts[0].source.rows.len(), 6);
        // the second begins with its title and year
        assert_eq!(parts[1].source.rows[0].cells[0].text, "项目支出绩效目标表");
        assert_eq!(parts[1].source.rows[1].cells[0].text, "(2023年度)");
        // a title over a line of two cells, the form before's total above it
        let other = "总分\t100\n2023年项目支出绩效目标申报表\n填报单位：（盖章）\t单位：万元\n项目支出名称\t丙项目\n一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t车辆数\t10辆\n";
        let parts = super::parts(&source(&format!("{ONE}{other}")));
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[1].name, "丙项目");
        assert_eq!(parts[0].source.rows.last().unwrap().cells[0].text, "总分");
        assert_eq!(
            parts[1].source.rows[0].cells[0].text,
            "2023年项目支出绩效目标申报表"
        );
    }

    #[test]
    fn one_form_a_repeated_header_and_a_table_of_projects_stay_whole() {
        assert!(parts(&source(ONE)).is_empty());
        // a page header repeated over the rest of the same form
        let repeated = format!("{ONE}项目名称\t甲项目\n产出指标\t质量指标\t合格率\t100%\n");
        assert!(parts(&source(&repeated)).is_empty());
        // a table whose columns are the projects' (项目名称 heads a column)
        let table = "单位名称\t项目名称\t预算数\t一级指标\t二级指标\t三级指标\t指标值\n\
                     某局\t甲项目\t100\t产出指标\t数量指标\t人次\t≥1人次\n\
                     \t乙项目\t200\t产出指标\t数量指标\t次数\t≥2次\n";
        assert!(parts(&source(table)).is_empty());
        // a name without indicators before the next: one form (two name cells)
        let names = "项目名称\t甲项目\n二级项目名称\t乙项目\n产出指标\t数量指标\t人次\t≥1人次\n";
        assert!(parts(&source(names)).is_empty());
    }
}
