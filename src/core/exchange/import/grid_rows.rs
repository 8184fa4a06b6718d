//! An indicator table read from cells (a sheet, pasted rows, a Word or PDF table): its
//! heading row recognised whatever its columns are called, each column mapped to a
//! column of the template's grid, and each row made into an indicator the way that grid
//! keeps it (one value cell, or 指标性质 / 指标值 / 度量单位 and the rest).

use crate::core::labels::{Candidates, Label, Score};
use crate::core::model::Indicator;
use crate::core::template::{ColumnKind, GridSpec};

/// What a column of the source table holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Col {
    /// 一级指标.
    Level1,
    /// 二级指标.
    Level2,
    Kind(ColumnKind),
    /// A heading this program has no column for (kept for the review list).
    Other(String),
    /// No heading.
    Blank,
}

/// A column's heading as this program names it (for a table whose own heading is lost).
pub fn col_label(col: &Col) -> String {
    match col {
        Col::Level1 => "一级指标".into(),
        Col::Level2 => "二级指标".into(),
        Col::Kind(k) => k.standard_label().into(),
        Col::Other(label) => label.clone(),
        Col::Blank => String::new(),
    }
}

/// A recognised heading row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    pub cols: Vec<Col>,
    /// How sure the recognition is (the weakest matched heading), 0–100.
    pub score: Score,
}

impl Header {
    /// "指标值" next to 指标性质 or 度量单位 is the number, alone it is the whole target.
    pub fn settle(&mut self) {
        // no 指标值 column but one headed 指标标准或依据, 绩效标准 or 评分标准: in such a
        // table that column holds the targets (a grid without targets is not a layout)
        let has_target = self.cols.iter().any(|c| {
            matches!(
                c,
                Col::Kind(ColumnKind::Target | ColumnKind::Value | ColumnKind::Sign)
            )
        });
        if !has_target && self.has(&Col::Kind(ColumnKind::Name)) {
            if let Some(c) = self.cols.iter_mut().find(|c| match c {
                Col::Kind(k) => matches!(k, ColumnKind::Basis | ColumnKind::Scoring),
                // a heading the layout has no column for ("标准值" where only 指标值 is)
                Col::Other(label) => {
                    let label = Label::new(label);
                    label.core.chars().count() <= 8
                        && ["标准", "指标值", "目标值"]
                            .iter()
                            .any(|w| label.core.contains(w))
                }
                _ => false,
            }) {
                *c = Col::Kind(ColumnKind::Target);
            }
        }
        let split = self
            .cols
            .iter()
            .any(|c| matches!(c, Col::Kind(ColumnKind::Sign) | Col::Kind(ColumnKind::Unit)));
        for c in &mut self.cols {
            match c {
                Col::Kind(ColumnKind::Target) if split => *c = Col::Kind(ColumnKind::Value),
                Col::Kind(ColumnKind::Value) if !split => *c = Col::Kind(ColumnKind::Target),
                _ => {}
            }
        }
    }

    pub fn has(&self, col: &Col) -> bool {
        self.cols.contains(col)
    }

    /// How many of its columns `spec` has.
    pub fn fits(&self, spec: &GridSpec) -> usize {
        self.cols
            .iter()
            .filter(|c| matches!(c, Col::Kind(k) if spec_has(spec, *k)))
            .count()
    }

    /// The headings without a column in `spec`, with their position.
    pub fn unplaced(&self, spec: &GridSpec) -> Vec<(usize, String)> {
        self.cols
            .iter()
            .enumerate()
            .filter_map(|(i, c)| match c {
                Col::Other(label) => Some((i, label.clone())),
                Col::Kind(k) if !spec_has(spec, *k) && !is_value_kind(*k) => {
                    Some((i, k.standard_label().to_string()))
                }
                _ => None,
            })
            .collect()
    }
}

pub(super) fn is_value_kind(k: ColumnKind) -> bool {
    matches!(
        k,
        ColumnKind::Target | ColumnKind::Sign | ColumnKind::Value | ColumnKind::Unit
    )
}

pub(super) fn spec_has(spec: &GridSpec, kind: ColumnKind) -> bool {
    spec.columns.iter().any(|c| c.kind == kind)
}

/// The heading row `cells`, if it is one: a 三级 name column and at least one other of
/// 一级/二级/value columns, and most of its cells recognised. `spec` adds the grid's
/// own column labels to those known.
pub fn header(cells: &[String], spec: Option<&GridSpec>) -> Option<Header> {
    header_with(cells, &columns(spec))
}

/// [`header`] with the grid's [`columns`] made beforehand.
pub fn header_with(cells: &[String], columns: &Candidates<Col>) -> Option<Header> {
    // each cell's best column first; a column named by two cells goes to the one that
    // names it better ("三级指标" over a block label "本年度绩效指标" beside it)
    let mut found: Vec<Option<(Col, Score)>> = Vec::with_capacity(cells.len());
    let mut cols = Vec::with_capacity(cells.len());
    let (mut named, mut filled) = (0, 0);
    for cell in cells {
        if !crate::core::labels::could_be_label(cell) {
            filled += 1;
            let shown: String = cell.trim().chars().take(30).collect();
            cols.push(Col::Other(shown));
            found.push(None);
            continue;
        }
        let label = Label::new(cell);
        // a row-number column (序号) holds nothing of the form: left out quietly
        let numbering =
            ["序号", "编号", "序", "no", "no."].contains(&cell.trim().to_lowercase().as_str());
        if label.core.is_empty() || numbering {
            cols.push(Col::Blank);
            found.push(None);
            continue;
        }
        filled += 1;
        cols.push(Col::Other(cell.trim().to_string()));
        found.push(columns.best(&label));
    }
    // the same column twice, once (长期) and once (年度): this year's wins, the other is
    // named but kept out (a yearly form holds the yearly targets)
    let notes: Vec<i8> = cells
        .iter()
        .map(|cell| {
            let note = Label::new(cell).note;
            if ["年度", "当年", "本年"].iter().any(|w| note.contains(w)) {
                1
            } else if ["长期", "中期", "实施期", "总体"]
                .iter()
                .any(|w| note.contains(w))
            {
                -1
            } else {
                0
            }
        })
        .collect();
    // a name column right of the level columns is the indicator's name; one left of
    // them is the block's label ("绩效指标 | 一级指标 | 二级指标 | 指标内容")
    let first_level = found
        .iter()
        .position(|f| matches!(f, Some((Col::Level1 | Col::Level2, _))));
    let after_levels = |j: usize| first_level.is_some_and(|l| j > l);
    let mut weakest: Score = 100;
    for (i, f) in found.iter().enumerate() {
        let Some((col, s)) = f else { continue };
        let name = *col == Col::Kind(ColumnKind::Name);
        let better_elsewhere = found.iter().enumerate().any(|(j, g)| {
            g.as_ref().is_some_and(|(c, t)| {
                c == col
                    && (name && after_levels(j), *t, notes[j], std::cmp::Reverse(j))
                        > (name && after_levels(i), *s, notes[i], std::cmp::Reverse(i))
            })
        });
        named += 1;
        if !better_elsewhere {
            weakest = weakest.min(*s);
            cols[i] = col.clone();
        }
    }
    let has_name = cols.contains(&Col::Kind(ColumnKind::Name));
    let has_other = cols.iter().any(|c| {
        matches!(c, Col::Level1 | Col::Level2) || matches!(c, Col::Kind(k) if is_value_kind(*k))
    });
    if !(has_name && has_other && named * 3 >= filled * 2) {
        return None;
    }
    let mut header = Header {
        cols,
        score: weakest,
    };
    header.settle();
    Some(header)
}

/// A second heading row under `header` ("指标值" above "2021年实际实现值 | 预期2022年实现值"):
/// each of its labels names the column it stands over, in place of the one above it.
/// Returns whether `cells` was such a row (then it holds no indicator).
pub fn refine(header: &mut Header, cells: &[String], columns: &Candidates<Col>) -> bool {
    let mut found = Vec::new();
    for (j, cell) in cells.iter().enumerate() {
        if cell.trim().is_empty() {
            continue;
        }
        if !crate::core::labels::could_be_label(cell) || j >= header.cols.len() {
            return false;
        }
        match columns.best(&Label::new(cell)) {
            Some((col @ Col::Kind(k), _)) if k != ColumnKind::Name => found.push((j, col)),
            _ => return false,
        }
    }
    // it stands under a heading that spans it (blank there, or the parent 指标值)
    let spans = found.iter().any(|(j, _)| {
        matches!(
            header.cols[*j],
            Col::Blank | Col::Other(_) | Col::Kind(ColumnKind::Target | ColumnKind::Value)
        )
    });
    if found.is_empty() || !spans {
        return false;
    }
    for (j, col) in found {
        // the column the row names moves here from wherever the row above put it
        for c in header.cols.iter_mut() {
            if *c == col {
                *c = Col::Blank;
            }
        }
        header.cols[j] = col;
    }
    true
}

/// The columns a heading row of `spec` (or of any grid) can name, each with its labels:
/// made once, compared with every cell of a file.
pub fn columns(spec: Option<&GridSpec>) -> Candidates<Col> {
    let level1 = spec
        .map(|s| s.level_labels.0.as_str())
        .unwrap_or("一级指标");
    let level2 = spec
        .map(|s| s.level_labels.1.as_str())
        .unwrap_or("二级指标");
    let mut candidates: Vec<(Col, Vec<&str>)> = vec![
        (Col::Level1, vec!["一级指标", level1]),
        (Col::Level2, vec!["二级指标", level2]),
    ];
    for &k in ColumnKind::ALL.iter() {
        let own = spec
            .and_then(|s| s.columns.iter().find(|c| c.kind == k))
            .map_or(k.standard_label(), |c| c.label.as_str());
        candidates.push((Col::Kind(k), vec![k.standard_label(), own]));
    }
    Candidates::new(candidates.iter().map(|(c, l)| (c.clone(), &l[..])))
}

/// One row of the table, by meaning.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Row {
    pub level1: String,
    pub level2: String,
    /// The indicator's columns as found (the value not yet fitted to a grid).
    pub cells: Vec<(ColumnKind, String)>,
    /// Text under headings the grid has no column for: (heading, text).
    pub other: Vec<(String, String)>,
}

impl Row {
    pub fn get(&self, kind: ColumnKind) -> &str {
        self.cells
            .iter()
            .find(|(k, _)| *k == kind)
            .map_or("", |(_, v)| v.as_str())
    }

    pub fn is_empty(&self) -> bool {
        self.level1.is_empty()
            && self.level2.is_empty()
            && self.cells.iter().all(|(_, v)| v.is_empty())
            && self.other.iter().all(|(_, v)| v.is_empty())
    }

    /// Whether the row holds an indicator (a name or any value), not only its levels.
    pub fn has_indicator(&self) -> bool {
        self.cells.iter().any(|(_, v)| !v.is_empty())
    }

    /// A row left from the blank template: a name like "……", "指标1：", "具体指标" with
    /// no value of its own or a placeholder value ("≥**个", "XX").
    pub fn is_placeholder(&self) -> bool {
        let name = self.get(ColumnKind::Name).trim();
        let value: String = [ColumnKind::Target, ColumnKind::Sign, ColumnKind::Value]
            .iter()
            .map(|k| self.get(*k).trim())
            .collect::<Vec<_>>()
            .join("");
        let empty_value = value.is_empty()
            || dots_only(&value)
            || matches!(
                crate::core::target::parse(&value),
                crate::core::target::Target::Placeholder
            )
            || value.contains("**")
            || value.to_ascii_uppercase().contains("XX");
        placeholder_label(name) && empty_value
            || name.is_empty() && !value.is_empty() && dots_only(&value)
    }
}

/// Text made of dots or dashes only (`……`, `...`, `——`): a template's "more rows here".
fn dots_only(t: &str) -> bool {
    !t.is_empty()
        && t.chars()
            .all(|c| matches!(c, '…' | '.' | '。' | '·' | '-' | '—'))
}

/// 一级 and 二级 written in one cell: "产出指标-数量指标", "效益指标/社会效益指标".
fn levels_in_one(text: &str) -> Option<(String, String)> {
    let (a, b) = text.split_once(['-', '—', '－', '/', '／', '|', '｜'])?;
    let (a, b) = (a.trim(), b.trim().trim_start_matches(['-', '—']).trim());
    let level = |t: &str| {
        let t = without_weight(t);
        (2..=16).contains(&t.chars().count()) && (t.ends_with("指标") || t.ends_with("目标"))
    };
    (level(a) && level(b)).then(|| (a.to_string(), b.to_string()))
}

/// A template's placeholder where a name goes: dots, or a numbered prompt such as
/// `指标1:`, `目标２：`, `三级指标1`.
pub fn placeholder_label(t: &str) -> bool {
    let t = t.trim();
    let numbered = t.trim_end_matches([':', '：']);
    dots_only(t)
        || ["指标", "目标", "三级指标", "具体指标"].iter().any(|w| {
            numbered.strip_prefix(w).is_some_and(|rest| {
                rest.chars()
                    .all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
            })
        })
}

/// The cells of a row under `header`.
pub fn row(header: &Header, cells: &[String]) -> Row {
    let mut out = Row::default();
    for (i, cell) in cells.iter().enumerate() {
        let text = cell.trim().to_string();
        match header.cols.get(i) {
            Some(Col::Level1) => out.level1 = without_weight(&text),
            Some(Col::Level2) => out.level2 = without_weight(&text),
            Some(Col::Kind(k)) => out.cells.push((*k, text)),
            // 一级 and 二级 in one cell ("产出指标-数量指标") under a heading of its own
            Some(Col::Other(_))
                if out.level1.is_empty() && out.level2.is_empty() && {
                    levels_in_one(&text).is_some()
                } =>
            {
                if let Some((l1, l2)) = levels_in_one(&text) {
                    out.level1 = without_weight(&l1);
                    out.level2 = without_weight(&l2);
                }
            }
            Some(Col::Other(label)) => out.other.push((label.clone(), text)),
            Some(Col::Blank) | None if text.is_empty() => {}
            // a row's number under 序号 (or a column without a heading)
            Some(Col::Blank) if text.chars().all(|c| c.is_ascii_digit() || c == '.') => {}
            Some(Col::Blank) | None => out.other.push((format!("第 {} 列", i + 1), text)),
        }
    }
    out
}

/// A level's name without the weight some tables write into it: "产出指标(50分)",
/// "成本指标(0-20)分", "效益指标（30分）" → the 一级's own name.
pub fn without_weight(name: &str) -> String {
    let t = name.trim();
    let t = t.strip_suffix('分').map_or(t, |rest| {
        // "(0-20)分": the bracket before the 分
        rest.trim_end()
    });
    if let Some(open) = t.rfind(['(', '（']) {
        let inner = &t[open..];
        let weight = inner.chars().any(|c| c.is_ascii_digit())
            && inner
                .chars()
                .all(|c| c.is_ascii_digit() || "()（）-–~～.分 ".contains(c));
        if weight && open > 0 {
            return t[..open].trim_end().to_string();
        }
    }
    name.trim().to_string()
}

/// The indicator of `row` kept the way `spec` keeps it, and what it has no column for
/// as (heading, text).
pub fn indicator(row: &Row, spec: &GridSpec) -> (Indicator, Vec<(String, String)>) {
    let structured = spec_has(spec, ColumnKind::Value);
    let mut ind = Indicator::new(row.get(ColumnKind::Name), "");
    let mut left = row.other.clone();
    let found_split = row
        .cells
        .iter()
        .any(|(k, _)| matches!(k, ColumnKind::Sign | ColumnKind::Value | ColumnKind::Unit));
    if structured && found_split {
        let sign = sign_symbol(row.get(ColumnKind::Sign));
        ind.set_cell(ColumnKind::Sign, sign);
        ind.set_cell(ColumnKind::Value, row.get(ColumnKind::Value).to_string());
        ind.set_cell(ColumnKind::Unit, row.get(ColumnKind::Unit).to_string());
    } else if structured {
        let whole = indicator_for(String::new(), row.get(ColumnKind::Target).to_string(), true);
        for k in [ColumnKind::Sign, ColumnKind::Value, ColumnKind::Unit] {
            ind.set_cell(k, whole.cell(k).to_string());
        }
    } else if found_split {
        let mut parts = Indicator::new("", "");
        parts.set_cell(ColumnKind::Sign, sign_symbol(row.get(ColumnKind::Sign)));
        parts.set_cell(ColumnKind::Value, row.get(ColumnKind::Value).to_string());
        parts.set_cell(ColumnKind::Unit, row.get(ColumnKind::Unit).to_string());
        ind.target = parts.value_text();
    } else {
        ind.target = row.get(ColumnKind::Target).to_string();
    }
    for (kind, text) in &row.cells {
        if is_value_kind(*kind) || *kind == ColumnKind::Name {
            continue;
        }
        if spec_has(spec, *kind) {
            ind.set_cell(*kind, text.clone());
        } else if !text.is_empty() {
            left.push((kind.standard_label().to_string(), text.clone()));
        }
    }
    left.retain(|(_, v)| !v.is_empty());
    let written = if found_split {
        !row.get(ColumnKind::Sign).trim().is_empty()
    } else {
        leading_comparison(row.get(ColumnKind::Target)).is_some()
    };
    direction(&mut ind, &mut left, (structured, written));
    (ind, left)
}

/// The comparison a one-cell target begins with ("≥95%" → ≥), if it reads as one.
fn leading_comparison(target: &str) -> Option<crate::core::target::Comparison> {
    match crate::core::target::parse(target) {
        crate::core::target::Target::Quantity { comparison, .. } => comparison,
        _ => None,
    }
}

/// A 指标方向 column (正向 / 反向) where the target has no comparison of its own: a number
/// to reach is ≥ it, one not to pass ≤ it. The column is taken as read where it agrees
/// with the sign (or gave it); a direction that contradicts the sign stays listed.
fn direction(
    ind: &mut Indicator,
    left: &mut Vec<(String, String)>,
    (structured, written): (bool, bool),
) {
    let Some(at) = left.iter().position(|(label, text)| {
        label.contains("方向") && matches!(text.trim(), "正向" | "反向" | "正" | "反")
    }) else {
        return;
    };
    let up = left[at].1.trim().starts_with('正');
    let wanted = if up { "≥" } else { "≤" };
    let agrees = |sign: &str| {
        if up {
            matches!(sign, "≥" | ">" | "=")
        } else {
            matches!(sign, "≤" | "<" | "=")
        }
    };
    let numeric = |t: &str| t.trim().chars().next().is_some_and(|c| c.is_ascii_digit());
    if structured {
        let sign = ind.cell(ColumnKind::Sign).trim().to_string();
        let value = ind.cell(ColumnKind::Value).to_string();
        if !written && numeric(&value) {
            ind.set_cell(ColumnKind::Sign, wanted.to_string());
            left.remove(at);
        } else if agrees(&sign) || sign == "定性" {
            left.remove(at);
        }
    } else {
        let target = ind.target.trim().to_string();
        if !written && numeric(&target) {
            ind.target = format!("{wanted}{target}");
            left.remove(at);
        } else if leading_comparison(&target).is_some_and(|c| agrees(c.symbol())) {
            left.remove(at);
        }
    }
}

/// 指标性质 as written in words in some layouts, as the symbol this program uses.
/// Symbols in any spelling are read by [`crate::core::target::comparison_of`].
pub fn sign_symbol(cell: &str) -> String {
    crate::core::target::sign_of(cell).map_or_else(
        || cell.chars().filter(|c| !c.is_whitespace()).collect(),
        str::to_string,
    )
}

/// An indicator from a row's name and one-cell target: in a grid with 指标性质 / 指标值 /
/// 度量单位 columns the target is split into them (kept whole in 指标值 where it does not
/// read).
pub fn indicator_for(name: String, target: String, structured: bool) -> Indicator {
    if !structured {
        return Indicator::new(name, target);
    }
    let mut ind = Indicator::new(name, "");
    match crate::core::target::split(&target) {
        Some((sign, value, unit)) => {
            ind.set_cell(ColumnKind::Sign, sign);
            ind.set_cell(ColumnKind::Value, value);
            ind.set_cell(ColumnKind::Unit, unit);
        }
        None => ind.set_cell(ColumnKind::Value, target),
    }
    ind
}

#[cfg(test)]
#[path = "grid_rows_tests.rs"]
mod tests;
