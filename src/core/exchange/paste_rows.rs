//! Adding rows to the indicator grid by name: rows copied from Excel, WPS or a Word
//! table and pasted (the clipboard's tab-separated text read as cells, quoted cells
//! with line breaks too, columns matched like the Excel import), and goals imported
//! from a workbook with 追加 — both land under same-named goals and groups.

pub use super::import::grid_rows::indicator_for;
use super::import::grid_rows::{self, Col, Header};
use crate::core::model::{Form, Goal, Group};
use crate::core::template::{ColumnKind, GridSpec};

/// Pasted text larger than any grid; refusing beats freezing the window.
const MAX_PASTE_CHARS: usize = 2_000_000;

/// Whether `text` looks like rows or cells of a table rather than text for one field.
pub fn looks_like_rows(text: &str) -> bool {
    let t = text.trim_end_matches(['\r', '\n']);
    t.contains('\t') || t.contains('\n')
}

/// Splits clipboard text into rows of cells: tabs between cells, line breaks between
/// rows; a cell in double quotes may hold tabs, line breaks and doubled quotes (as
/// spreadsheets copy a cell with a line break in it).
pub fn cells(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut chars = text.chars().peekable();
    let mut at_cell_start = true;
    while let Some(c) = chars.next() {
        match c {
            '"' if at_cell_start => {
                // a quoted cell, up to the closing quote
                while let Some(q) = chars.next() {
                    if q == '"' {
                        if chars.peek() == Some(&'"') {
                            chars.next();
                            cell.push('"');
                        } else {
                            break;
                        }
                    } else {
                        cell.push(q);
                    }
                }
                at_cell_start = false;
            }
            '\t' => {
                row.push(std::mem::take(&mut cell));
                at_cell_start = true;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
                at_cell_start = true;
            }
            c => {
                cell.push(c);
                at_cell_start = false;
            }
        }
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        rows.push(row);
    }
    rows.into_iter()
        .map(|r| r.into_iter().map(|c| c.trim().to_string()).collect())
        .collect()
}

/// The result of a paste: the form with the rows added, how many, and the cells that
/// had no column in the grid (heading and text).
pub struct Pasted {
    pub form: Form,
    pub added: usize,
    pub left_out: Vec<(String, String)>,
}

/// Adds the rows of `text` to grid `grid` (`spec`) of `form`. A row's 一级/二级 cells
/// name the goal and group it goes to (an existing one of that name, else a new one at
/// the end); an empty cell means "as the row above" (merged cells copy as empty); rows
/// without them go to `into` (the selected group) or the last group. Columns are matched
/// by a heading row when the paste starts with one (whatever its columns are called),
/// else by their count: the grid's own columns (with or without 一级/二级, as copied from
/// this program or its Excel sheet), or 名称 / 名称+目标值 / 二级+名称+目标值 /
/// 一级+二级+名称+目标值.
pub fn paste(
    form: &Form,
    grid: usize,
    spec: &GridSpec,
    into: Option<(usize, usize)>,
    text: &str,
) -> Option<Pasted> {
    if text.chars().count() > MAX_PASTE_CHARS {
        return None;
    }
    let mut rows: Vec<Vec<String>> = cells(text)
        .into_iter()
        .filter(|r| r.iter().any(|c| !c.is_empty()))
        .collect();
    let header = match rows.first().and_then(|r| grid_rows::header(r, Some(spec))) {
        Some(header) => {
            rows.remove(0);
            header
        }
        None => by_count(rows.iter().map(Vec::len).max().unwrap_or(0), spec)?,
    };
    let mut out = form.clone();
    let goals = out.goals_mut(grid)?;
    let (mut goal, mut group) = match into.filter(|&(g, gr)| form.group(grid, g, gr).is_some()) {
        Some(place) => place,
        None => last_group(goals),
    };
    let mut added = 0;
    let mut left_out = Vec::new();
    for cells in rows {
        let row = grid_rows::row(&header, &cells);
        if !row.level1.is_empty() {
            let found = find_or_add_goal(goals, &row.level1);
            if found != goal {
                goal = found;
                group = usize::MAX; // a group of this goal is yet to be named
            }
        }
        if !row.level2.is_empty() {
            group = find_or_add_group(goals, goal, &row.level2);
        } else if group >= goals[goal].groups.len() {
            group = match goals[goal].groups.len() {
                0 => add_group(goals, goal, ""),
                n => n - 1,
            };
        }
        if !row.has_indicator() {
            continue;
        }
        let (ind, left) = grid_rows::indicator(&row, spec);
        left_out.extend(left);
        goals[goal].groups[group].indicators.push(ind);
        added += 1;
    }
    (added > 0).then_some(Pasted {
        form: out,
        added,
        left_out,
    })
}

/// Columns of rows pasted without a heading row, by how many there are.
fn by_count(width: usize, spec: &GridSpec) -> Option<Header> {
    use ColumnKind::{Name, Target};
    let own: Vec<Col> = spec.columns.iter().map(|c| Col::Kind(c.kind)).collect();
    let cols = match width {
        0 => return None,
        w if w == own.len() && w > 2 => own,
        w if w == own.len() + 2 && w > 4 => {
            [Col::Level1, Col::Level2].into_iter().chain(own).collect()
        }
        1 => vec![Col::Kind(Name)],
        2 => vec![Col::Kind(Name), Col::Kind(Target)],
        3 => vec![Col::Level2, Col::Kind(Name), Col::Kind(Target)],
        _ => vec![Col::Level1, Col::Level2, Col::Kind(Name), Col::Kind(Target)],
    };
    Some(Header { cols, score: 100 })
}

/// Appends `new` to a grid's `goals`, merging each into the goal of the same name (and
/// each of its groups into the group of the same name) rather than repeating them.
pub fn merge_goals(goals: &mut Vec<Goal>, new: Vec<Goal>) {
    for goal in new {
        let g = find_or_add_goal(goals, goal.name.trim());
        for group in goal.groups {
            let gr = find_or_add_group(goals, g, group.name.trim());
            goals[g].groups[gr].indicators.extend(group.indicators);
        }
    }
}

fn last_group(goals: &mut Vec<Goal>) -> (usize, usize) {
    if goals.is_empty() {
        goals.push(Goal::new(""));
    }
    let g = goals.len() - 1;
    let gr = match goals[g].groups.len() {
        0 => add_group(goals, g, ""),
        n => n - 1,
    };
    (g, gr)
}

fn find_or_add_goal(goals: &mut Vec<Goal>, name: &str) -> usize {
    match goals.iter().position(|g| g.name.trim() == name) {
        Some(i) => i,
        None => {
            goals.push(Goal::new(name));
            goals.len() - 1
        }
    }
}

fn find_or_add_group(goals: &mut [Goal], goal: usize, name: &str) -> usize {
    match goals[goal]
        .groups
        .iter()
        .position(|g| g.name.trim() == name)
    {
        Some(i) => i,
        None => add_group(goals, goal, name),
    }
}

fn add_group(goals: &mut [Goal], goal: usize, name: &str) -> usize {
    goals[goal].groups.push(Group::new(name));
    goals[goal].groups.len() - 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::Indicator;

    fn spec2020() -> &'static GridSpec {
        &crate::core::template::shanghai_2020().grids[0]
    }

    fn form() -> Form {
        let mut f = Form::new(crate::core::template::shanghai_2020(), 2021);
        let mut g = Goal::new("产出目标");
        g.groups.push(Group::new("数量指标"));
        g.groups.push(Group::new("质量指标"));
        f.grids[0].goals.push(g);
        f
    }

    #[test]
    fn spreadsheet_cells_with_quotes_and_line_breaks() {
        let text = "a\t\"第一行\n第二行\"\tc\r\n\"含\"\"引号\"\"\"\t\t\n";
        assert_eq!(
            cells(text),
            vec![vec!["a", "第一行\n第二行", "c"], vec!["含\"引号\"", "", ""]]
        );
        assert!(looks_like_rows("a\tb"));
        assert!(looks_like_rows("a\nb"));
        assert!(!looks_like_rows("只是一段文字\n"));
    }

    #[test]
    fn two_columns_go_into_the_selected_group() {
        let p = paste(
            &form(),
            0,
            spec2020(),
            Some((0, 1)),
            "合格率\t>=95%\n验收通过率\t100%\n",
        )
        .unwrap();
        assert_eq!(p.added, 2);
        let names: Vec<_> = p.form.grids[0].goals[0].groups[1]
            .indicators
            .iter()
            .map(|i| (i.name.as_str(), i.target.as_str()))
            .collect();
        assert_eq!(names, [("合格率", ">=95%"), ("验收通过率", "100%")]);
    }

    #[test]
    fn four_columns_merge_into_same_named_goals_and_groups() {
        let text = "一级指标\t二级指标\t三级指标\t指标值\n\
                    产出目标\t数量指标\t培训人次\t>=100人次\n\
                    \t\t活动场次\t12场\n\
                    效益目标\t社会效益\t知晓率\t>=80%\n";
        let p = paste(&form(), 0, spec2020(), None, text).unwrap();
        assert_eq!(p.added, 3);
        assert_eq!(
            p.form.grids[0].goals.len(),
            2,
            "产出目标 merged, 效益目标 added"
        );
        let qty = &p.form.grids[0].goals[0].groups[0].indicators;
        assert_eq!(qty.len(), 2);
        assert_eq!(
            qty[1].name, "活动场次",
            "an empty cell continues the group above"
        );
        assert_eq!(p.form.grids[0].goals[1].groups[0].name, "社会效益");
    }

    #[test]
    fn a_structured_grid_gets_sign_value_and_unit() {
        let t = crate::core::template::built_in("national-101").unwrap();
        let f = t.new_form(2026);
        let p = paste(
            &f,
            0,
            &t.grids[0],
            Some((1, 0)),
            "培训人次\t>=1,000人次\n服务质量\t明显提升\n",
        )
        .unwrap();
        let rows = &p.form.grids[0].goals[1].groups[0].indicators;
        assert_eq!(rows[0].cell(ColumnKind::Sign), "≥");
        assert_eq!(rows[0].cell(ColumnKind::Value), "1000");
        assert_eq!(rows[0].cell(ColumnKind::Unit), "人次");
        assert_eq!(rows[1].cell(ColumnKind::Sign), "定性");
        assert!(rows[0].target.is_empty());
    }

    #[test]
    fn appended_goals_merge_by_name() {
        let mut f = form();
        let mut g = Goal::new("产出目标");
        let mut gr = Group::new("数量指标");
        gr.indicators.push(Indicator::new("新指标", "1个"));
        g.groups.push(gr);
        g.groups.push(Group::new("时效指标"));
        merge_goals(&mut f.grids[0].goals, vec![g, Goal::new("效益目标")]);
        assert_eq!(f.grids[0].goals.len(), 2);
        assert_eq!(f.grids[0].goals[0].groups.len(), 3);
        assert_eq!(f.grids[0].goals[0].groups[0].indicators[0].name, "新指标");
    }

    #[test]
    fn empty_or_huge_pastes_change_nothing() {
        assert!(paste(&form(), 0, spec2020(), None, "\n\t\n").is_none());
        assert!(paste(&form(), 0, spec2020(), None, &"x\t".repeat(MAX_PASTE_CHARS)).is_none());
        let empty = Form::new(crate::core::template::shanghai_2020(), 2021);
        let p = paste(&empty, 0, spec2020(), None, "新指标").unwrap();
        assert!(
            paste(&empty, 5, spec2020(), None, "新指标").is_none(),
            "no such grid"
        );
        assert_eq!(
            p.form.grids[0].goals[0].groups[0].indicators[0].name,
            "新指标"
        );
    }
}
