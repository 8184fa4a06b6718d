//! Reading a template file and checking that it makes sense as a layout, with Chinese
//! messages that name the file, line and column.

use std::collections::HashSet;

use super::{Block, ColumnKind, Template};
use crate::core::file::ron_error::{ron_error_position, ParseError};
use crate::core::printable::printable;

/// A template file that cannot be used, and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("表样文件“{file}”{}：{message}", position(*.line, *.column))]
pub struct TemplateError {
    pub file: String,
    /// 1-based, where known.
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

fn position(line: Option<usize>, column: Option<usize>) -> String {
    match (line, column) {
        (Some(l), Some(c)) => format!("第 {l} 行第 {c} 列"),
        (Some(l), None) => format!("第 {l} 行"),
        _ => String::new(),
    }
}

/// Limits that keep a hostile or broken template from costing time or memory (a
/// template with 14,000 一级 entries once made every import 40–80× slower): far above
/// any layout's own lists.
const MAX_ITEMS: usize = 200;
const MAX_COLUMNS: usize = 16;
/// 一级 entries of a grid's skeleton, and 二级 groups of one 一级.
const MAX_SKELETON: usize = 30;
const MAX_GROUPS: usize = 30;
/// Options of a choice field.
const MAX_CHOICES: usize = 50;
/// Characters of a name, label, title, heading or option.
const MAX_TEXT_CHARS: usize = 200;

pub(super) fn parse(text: &str, source: &str) -> Result<Template, TemplateError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let source = printable(source);
    let template: Template = ron::from_str(text).map_err(|e| {
        let (line, column, message) = match ron_error_position(&e, text) {
            ParseError::Syntax {
                line,
                column,
                message,
            } => (Some(line), Some(column), message),
            other => (None, None, other.to_string()),
        };
        TemplateError {
            file: source.clone(),
            line,
            column,
            message,
        }
    })?;
    let problem = |needle: &str, message: String| {
        let (line, column) = locate(text, needle);
        TemplateError {
            file: source.clone(),
            line,
            column,
            message,
        }
    };
    if let Some((needle, message)) = first_problem(&template) {
        return Err(problem(&needle, message));
    }
    Ok(template)
}

/// Where `needle` (a quoted value of the file) first appears: 1-based line and column.
fn locate(text: &str, needle: &str) -> (Option<usize>, Option<usize>) {
    if needle.is_empty() {
        return (None, None);
    }
    let quoted = format!("\"{needle}\"");
    let Some(at) = text.find(&quoted).or_else(|| text.find(needle)) else {
        return (None, None);
    };
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (Some(line), Some(column))
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// Every list and text of the template within its limit, and no control character in a
/// text that is shown or printed.
fn bounded_lists(t: &Template) -> Option<(String, String)> {
    let p = |needle: &str, message: String| Some((needle.to_string(), message));
    let mut texts: Vec<&str> = vec![t.name.as_str(), t.title.as_str()];
    for f in &t.fields {
        texts.push(&f.label);
        if let super::FieldKind::Choice(options) = &f.kind {
            if options.len() > MAX_CHOICES {
                return p(
                    &f.id,
                    format!("字段 {} 的选项超过 {MAX_CHOICES} 个", printable(&f.id)),
                );
            }
            texts.extend(options.iter().map(String::as_str));
        }
    }
    texts.extend(t.sections.iter().map(|s| s.label.as_str()));
    if let Some(m) = &t.money {
        texts.push(&m.heading);
        texts.extend(m.rows.iter().map(|r| r.label.as_str()));
    }
    for g in &t.grids {
        texts.extend([g.label.as_str(), g.heading.as_str()]);
        texts.extend(g.columns.iter().map(|c| c.label.as_str()));
        if g.skeleton.len() > MAX_SKELETON {
            return p(
                &g.id,
                format!(
                    "指标表 {} 的一级指标有 {} 项，超过 {MAX_SKELETON} 项",
                    printable(&g.id),
                    g.skeleton.len()
                ),
            );
        }
        for l1 in &g.skeleton {
            if l1.groups.len() > MAX_GROUPS {
                return p(
                    &l1.name,
                    format!(
                        "一级指标“{}”的二级指标超过 {MAX_GROUPS} 项",
                        printable(&l1.name)
                    ),
                );
            }
            texts.push(&l1.name);
            texts.extend(l1.groups.iter().map(String::as_str));
        }
    }
    for text in texts {
        if text.chars().count() > MAX_TEXT_CHARS {
            return p(
                text,
                format!("“{}”超过 {MAX_TEXT_CHARS} 个字", printable(text)),
            );
        }
        if text.chars().any(char::is_control) {
            return p(
                text,
                format!("“{}”含有控制字符（如换行、转义符）", printable(text)),
            );
        }
    }
    None
}

/// The first thing wrong with a template: the text to point at and the message.
/// Scoring rules that cannot score a table out of 100.
fn scoring_problem(r: &super::ScoringRules) -> Option<(String, String)> {
    let p = |message: String| Some(("scoring".to_string(), message));
    if r.weights.is_empty() || r.weights.len() > MAX_SKELETON {
        return p(format!("scoring 的 weights 应有 1 到 {MAX_SKELETON} 项"));
    }
    if r.weights
        .iter()
        .any(|(w, v)| w.trim().is_empty() || *v < 0 || *v > 100)
        || !(0..=100).contains(&r.budget)
    {
        return p("scoring 中每项分值应在 0 到 100 之间，且须写明一级指标的用词".into());
    }
    let sum: i64 = r.weights.iter().map(|(_, v)| v).sum::<i64>() + r.budget;
    if sum != 100 {
        return p(format!(
            "scoring 中各一级指标与预算执行率的分值合计 {sum}，应为 100"
        ));
    }
    if r.places > 4 || !(0..=100).contains(&r.partly) {
        return p(
            "scoring 的 places（小数位）应为 0 到 4，partly（部分达成的百分比）应为 0 到 100"
                .into(),
        );
    }
    if r.grades.len() > 10
        || r.grades.windows(2).any(|w| w[0].0 <= w[1].0)
        || r.grades
            .iter()
            .any(|(from, g)| !(0..=100).contains(from) || g.trim().is_empty())
    {
        return p("scoring 的 grades 应从高到低排列，分数在 0 到 100 之间，且都有等级名称".into());
    }
    None
}

fn first_problem(t: &Template) -> Option<(String, String)> {
    let p = |needle: &str, message: String| Some((needle.to_string(), message));
    if !valid_id(&t.id) {
        return p(
            &t.id,
            format!(
                "id “{}” 只能由英文字母、数字、- 和 _ 组成（最多 64 个）",
                printable(&t.id)
            ),
        );
    }
    if t.name.trim().is_empty() {
        return p("name", "name（表样名称）不能为空".into());
    }
    if t.title.trim().is_empty() {
        return p("title", "title（表头标题）不能为空".into());
    }
    if let Some(problem) = bounded_lists(t) {
        return Some(problem);
    }
    if let Some(problem) = t.scoring.as_ref().and_then(scoring_problem) {
        return Some(problem);
    }
    let counts = [
        t.fields.len(),
        t.sections.len(),
        t.grids.len(),
        t.money.as_ref().map_or(0, |m| m.rows.len()),
    ];
    if counts.iter().any(|&n| n > MAX_ITEMS) {
        return p("", format!("字段、金额、段落或指标表超过 {MAX_ITEMS} 项"));
    }

    let mut field_ids = HashSet::new();
    for f in &t.fields {
        if !valid_id(&f.id) {
            return p(&f.id, format!("字段 id “{}” 无效", printable(&f.id)));
        }
        if !field_ids.insert(f.id.as_str()) {
            return p(&f.id, format!("字段 id “{}” 重复", f.id));
        }
        if f.label.trim().is_empty() {
            return p(&f.id, format!("字段 {} 没有 label（标签）", f.id));
        }
        if let super::FieldKind::Choice(options) = &f.kind {
            if options.is_empty() {
                return p(&f.id, format!("字段 {} 的选项列表是空的", f.id));
            }
        }
    }
    let mut placed = HashSet::new();
    for row in &t.header_rows {
        if row.is_empty() || row.len() > 2 {
            return p(
                row.first().map_or("header_rows", |s| s.as_str()),
                "header_rows 的每一行应有 1 或 2 个字段".into(),
            );
        }
    }
    for id in t.header_rows.iter().flatten().chain(&t.lines_above_table) {
        if !field_ids.contains(id.as_str()) {
            return p(id, format!("“{}” 不是 fields 中的字段", printable(id)));
        }
        if !placed.insert(id.as_str()) {
            return p(id, format!("字段 {id} 在表头中放了两次"));
        }
    }
    if let Some(f) = t.fields.iter().find(|f| !placed.contains(f.id.as_str())) {
        return p(
            &f.id,
            format!(
                "字段 {} 没有放进 header_rows 或 lines_above_table，打印时会缺少它",
                f.id
            ),
        );
    }

    if let Some(m) = &t.money {
        if !(1..=2).contains(&m.per_row) {
            return p("per_row", "per_row 应为 1 或 2".into());
        }
        let mut ids: Vec<&str> = Vec::new();
        for r in &m.rows {
            if !valid_id(&r.id) || ids.contains(&r.id.as_str()) {
                return p(&r.id, format!("金额 id “{}” 无效或重复", printable(&r.id)));
            }
            if let Some(parent) = &r.part_of {
                if !ids.contains(&parent.as_str()) {
                    return p(
                        parent,
                        format!(
                            "金额 {} 的 part_of “{}” 应为它上面的某一行",
                            r.id,
                            printable(parent)
                        ),
                    );
                }
            }
            ids.push(&r.id);
        }
        for r in &m.rows {
            if let super::RollMoney::From(source) = &r.rollover {
                if !m.rows.iter().any(|o| &o.id == source) {
                    return p(
                        source,
                        format!(
                            "金额 {} 的 rollover From(“{}”) 不是金额中的一行",
                            r.id,
                            printable(source)
                        ),
                    );
                }
            }
        }
    }

    let mut section_ids = HashSet::new();
    for s in &t.sections {
        if !valid_id(&s.id) || !section_ids.insert(s.id.as_str()) {
            return p(&s.id, format!("段落 id “{}” 无效或重复", printable(&s.id)));
        }
    }

    if t.grids.is_empty() {
        return p("grids", "至少要有一个指标表（grids）".into());
    }
    let mut grid_ids = HashSet::new();
    for g in &t.grids {
        if !valid_id(&g.id) || !grid_ids.insert(g.id.as_str()) {
            return p(
                &g.id,
                format!("指标表 id “{}” 无效或重复", printable(&g.id)),
            );
        }
        if let Some(message) = column_problem(g) {
            return p(&g.id, format!("指标表 {}：{message}", g.id));
        }
        let mut names = HashSet::new();
        for l1 in &g.skeleton {
            if l1.name.trim().is_empty() || !names.insert(l1.name.as_str()) {
                return p(
                    &l1.name,
                    format!("指标表 {} 的一级指标“{}”为空或重复", g.id, l1.name),
                );
            }
        }
    }

    let mut blocks = HashSet::new();
    for b in &t.order {
        if !blocks.insert(*b) {
            return p("order", format!("order 中 {b:?} 出现了两次"));
        }
    }
    for needed in [Block::Header, Block::Grids] {
        if !blocks.contains(&needed) {
            return p("order", format!("order 中缺少 {needed:?}"));
        }
    }
    if t.money.is_some() && !blocks.contains(&Block::Money) {
        return p("order", "有 money（金额）却没有在 order 中放 Money".into());
    }
    if !t.sections.is_empty() && !blocks.contains(&Block::Sections) {
        return p(
            "order",
            "有 sections（段落）却没有在 order 中放 Sections".into(),
        );
    }
    None
}

fn column_problem(g: &super::GridSpec) -> Option<String> {
    let kinds: Vec<ColumnKind> = g.columns.iter().map(|c| c.kind).collect();
    if kinds.first() != Some(&ColumnKind::Name) {
        return Some("第一列应为 Name（三级指标）".into());
    }
    if kinds.len() > MAX_COLUMNS {
        return Some(format!("列数超过 {MAX_COLUMNS}"));
    }
    let mut seen = HashSet::new();
    if let Some(k) = kinds.iter().find(|k| !seen.insert(**k)) {
        return Some(format!("列 {k:?} 出现了两次"));
    }
    let has = |k| kinds.contains(&k);
    match (has(ColumnKind::Target), has(ColumnKind::Value)) {
        (true, true) => return Some("Target（一栏目标值）与 Value（指标值）只能有一个".into()),
        (false, false) => return Some("需要 Target（一栏目标值）或 Value（指标值）列".into()),
        _ => {}
    }
    if (has(ColumnKind::Sign) || has(ColumnKind::Unit)) && !has(ColumnKind::Value) {
        return Some("有 Sign 或 Unit 列时也要有 Value 列".into());
    }
    let widths = [g.level_widths.0, g.level_widths.1];
    if let Some(w) = g
        .columns
        .iter()
        .map(|c| c.width)
        .chain(widths)
        .find(|w| !(w.is_finite() && *w > 0.0 && *w <= 1000.0))
    {
        return Some(format!("列宽 {w} 应为 0 到 1000 之间的数"));
    }
    if let Some(c) = g.columns.iter().find(|c| c.label.trim().is_empty()) {
        return Some(format!("列 {:?} 没有 label（列标题）", c.kind));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: &str = r#"Template(
    id: "mine",
    name: "我的表样",
    title: "绩效目标表",
    fields: [
        FieldSpec(id: "project_name", label: "项目名称", kind: Text, required: true),
    ],
    header_rows: [["project_name"]],
    grids: [
        GridSpec(id: "annual", label: "年度指标", heading: "{year}年绩效指标", columns: [
            ColumnSpec(kind: Name, label: "三级指标"),
            ColumnSpec(kind: Target, label: "指标值"),
        ]),
    ],
    order: [Header, Grids],
)"#;

    #[test]
    fn a_small_template_reads() {
        let t = parse(SMALL, "mine.ron").unwrap();
        assert_eq!(t.id, "mine");
        assert_eq!(t.grids[0].level_labels.0, "一级指标");
    }

    #[test]
    fn syntax_errors_name_file_line_and_column() {
        let broken = SMALL.replace("label: \"项目名称\",", "label: \"项目名称\"");
        let e = parse(&broken, "mine.ron").unwrap_err();
        assert_eq!(e.line, Some(6), "{e}");
        assert!(
            e.to_string().starts_with("表样文件“mine.ron”第 6 行"),
            "{e}"
        );
    }

    #[test]
    fn meaning_errors_point_at_the_value() {
        let unplaced = SMALL.replace("header_rows: [[\"project_name\"]],", "");
        let e = parse(&unplaced, "a.ron").unwrap_err();
        assert!(e.message.contains("project_name"), "{e}");
        assert_eq!(e.line, Some(6));

        let both = SMALL.replace(
            "ColumnSpec(kind: Target, label: \"指标值\"),",
            "ColumnSpec(kind: Target, label: \"指标值\"), ColumnSpec(kind: Value, label: \"值\"),",
        );
        assert!(parse(&both, "a.ron")
            .unwrap_err()
            .message
            .contains("只能有一个"));

        let unknown = SMALL.replace("name: \"我的表样\",", "name: \"我的表样\", colour: 3,");
        let e = parse(&unknown, "a.ron").unwrap_err();
        assert!(e.message.contains("colour"), "{e}");
    }

    #[test]
    fn every_list_is_bounded_and_names_are_printable() {
        // a skeleton of 14,000 一级 entries (945 KB) made imports 40–80× slower
        let entries: String = (0..14_000)
            .map(|i| format!("Level1Spec(name: \"一级{i}\"),"))
            .collect();
        let huge = SMALL.replace("columns: [", &format!("skeleton: [{entries}], columns: ["));
        let e = parse(&huge, "a.ron").unwrap_err();
        assert!(e.message.contains("超过 30 项"), "{e}");
        let bell = SMALL.replace(
            "name: \"我的表样\",",
            "name: \"我的\\u{7}表样\\u{1b}[31m\",",
        );
        let e = parse(&bell, "a.ron").unwrap_err();
        assert!(e.message.contains("控制字符"), "{e}");
        assert!(!e.to_string().contains('\u{1b}'), "{e}");
        let long = SMALL.replace(
            "title: \"绩效目标表\",",
            &format!("title: \"{}\",", "表".repeat(300)),
        );
        assert!(parse(&long, "a.ron")
            .unwrap_err()
            .message
            .contains("超过 200 个字"));
    }
}
