//! Importing a filled-in form from its plain text, as copied out of the submitted PDF or
//! Word file: tab- or space-separated cells, labels with or without ：, `<p>` tags or
//! none, sections broken by page breaks, and grid rows whose merged cells came out on the
//! wrong line or in the wrong column. What the importer is unsure of, and anything it
//! could not place, goes into the review list with its line number: no text is dropped
//! silently.

mod grid;

use chrono::NaiveDate;
use grid::{grid_header, GridColumn};

use crate::core::model::{FieldId, Form, Goal, Group, Indicator};
use crate::core::money::Money;
use crate::core::review::ReviewItem;
use crate::core::seed_fields::{BudgetField, DateField, SectionKind, SeedFields, TextField};
use crate::core::template::shanghai_2020;
use crate::core::validate::Location;

/// The imported form and what a person should check.
#[derive(Debug, Clone)]
pub struct Imported {
    pub form: Form,
    pub review: Vec<ReviewItem>,
}

/// The input is larger than any form; refusing beats hanging the window.
pub const MAX_IMPORT_CHARS: usize = 4_000_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Year,
    Text(TextField),
    Date(DateField),
    BuysGovernmentServices,
    Money(BudgetField),
}

impl Field {
    fn id(self) -> FieldId {
        match self {
            Field::Year => FieldId::Year,
            Field::Text(t) => t.id(),
            Field::Date(d) => FieldId::field(d.id()),
            Field::BuysGovernmentServices => FieldId::field("buys_government_services"),
            Field::Money(b) => FieldId::money(b.id()),
        }
    }
}

/// Labels as printed, and their common variants, longest first within a field.
const LABELS: &[(&str, Field)] = &[
    ("申报单位名称", Field::Text(TextField::UnitName)),
    ("申报单位", Field::Text(TextField::UnitName)),
    ("单位名称", Field::Text(TextField::UnitName)),
    ("项目名称", Field::Text(TextField::ProjectName)),
    ("项目类别", Field::Text(TextField::ProjectCategory)),
    ("项目类型", Field::Text(TextField::ProjectCategory)),
    ("计划开始日期", Field::Date(DateField::PlanStart)),
    ("项目起始时间", Field::Date(DateField::PlanStart)),
    ("项目开始时间", Field::Date(DateField::PlanStart)),
    ("项目开始日期", Field::Date(DateField::PlanStart)),
    ("开始日期", Field::Date(DateField::PlanStart)),
    ("计划完成日期", Field::Date(DateField::PlanEnd)),
    ("项目结束时间", Field::Date(DateField::PlanEnd)),
    ("项目完成时间", Field::Date(DateField::PlanEnd)),
    ("项目结束日期", Field::Date(DateField::PlanEnd)),
    ("完成日期", Field::Date(DateField::PlanEnd)),
    ("结束日期", Field::Date(DateField::PlanEnd)),
    ("是否含有政府购买服务", Field::BuysGovernmentServices),
    ("是否含政府购买服务", Field::BuysGovernmentServices),
    ("是否政府购买服务", Field::BuysGovernmentServices),
    ("绩效类型", Field::Text(TextField::PerformanceType)),
    (
        "项目概况",
        Field::Text(TextField::Section(SectionKind::Overview)),
    ),
    (
        "项目基本情况",
        Field::Text(TextField::Section(SectionKind::Overview)),
    ),
    (
        "立项依据",
        Field::Text(TextField::Section(SectionKind::Basis)),
    ),
    (
        "项目设立的必要性",
        Field::Text(TextField::Section(SectionKind::Necessity)),
    ),
    (
        "项目设立必要性",
        Field::Text(TextField::Section(SectionKind::Necessity)),
    ),
    (
        "保证项目实施的制度、措施",
        Field::Text(TextField::Section(SectionKind::Safeguards)),
    ),
    (
        "保证项目实施的制度措施",
        Field::Text(TextField::Section(SectionKind::Safeguards)),
    ),
    (
        "项目实施的保障措施",
        Field::Text(TextField::Section(SectionKind::Safeguards)),
    ),
    (
        "保障措施",
        Field::Text(TextField::Section(SectionKind::Safeguards)),
    ),
    (
        "项目实施计划",
        Field::Text(TextField::Section(SectionKind::ImplementationPlan)),
    ),
    (
        "实施计划",
        Field::Text(TextField::Section(SectionKind::ImplementationPlan)),
    ),
    (
        "总目标及阶段性目标",
        Field::Text(TextField::Section(SectionKind::Goals)),
    ),
    (
        "绩效总目标",
        Field::Text(TextField::Section(SectionKind::Goals)),
    ),
    ("项目总预算", Field::Money(BudgetField::Total)),
    ("项目当年预算", Field::Money(BudgetField::CurrentYear)),
    (
        "同名项目上年预算额",
        Field::Money(BudgetField::PriorYearBudget),
    ),
    ("上年预算额", Field::Money(BudgetField::PriorYearBudget)),
    (
        "同名项目上年预算执行数",
        Field::Money(BudgetField::PriorYearExecuted),
    ),
    (
        "上年预算执行数",
        Field::Money(BudgetField::PriorYearExecuted),
    ),
];

/// Lines that are part of the printed form but hold no value.
const DECORATIONS: &[&str] = &["财政项目支出绩效目标表", "本项目上年度市级财政资金使用情况"];

/// Removes `<p>`-style tags (paragraphs joined as the web system's pages show them),
/// and trims.
fn clean(cell: &str) -> String {
    super::import::source::strip_html(cell, false)
}

fn cells(line: &str) -> Vec<String> {
    super::import::source::split_raw(line)
        .into_iter()
        .map(str::to_string)
        .collect()
}

/// A label cell: the field it names, and text after the colon on the same cell.
fn label_of(cell: &str) -> Option<(Field, String)> {
    let c = clean(cell);
    let (head, tail) = match c.find(['：', ':']) {
        Some(i) => {
            let colon_len = c[i..].chars().next().map_or(1, char::len_utf8);
            (
                c[..i].trim().to_string(),
                c[i + colon_len..].trim().to_string(),
            )
        }
        None => (c.clone(), String::new()),
    };
    // "项目总预算（元）" → "项目总预算"
    let head = head.trim_end_matches(['）', ')']).to_string();
    let head = match head.rfind(['（', '(']) {
        Some(i) if head[i..].contains('元') => head[..i].to_string(),
        _ => head,
    };
    let head = head.replace([' ', '\u{3000}'], "");
    LABELS
        .iter()
        .find(|(label, _)| *label == head)
        .map(|(_, field)| (*field, tail))
}

/// `(2020年度)` / `（2020年度）` / `2020年度`.
fn year_of(text: &str) -> Option<i32> {
    let t = clean(text);
    let t = t.trim_matches(['(', ')', '（', '）', ' ']);
    let digits = t.strip_suffix("年度")?;
    digits
        .trim()
        .parse()
        .ok()
        .filter(|y| (1900..=2300).contains(y))
}

fn parse_date(text: &str) -> Option<NaiveDate> {
    let t = text.trim().replace(['/', '.', '年', '月'], "-");
    let t = t.trim_end_matches('日');
    NaiveDate::parse_from_str(t, "%Y-%m-%d").ok()
}

fn ends_sentence(text: &str) -> bool {
    text.trim_end()
        .ends_with(['。', '；', '！', '？', '.', ';', '!', '?', '”', '）', ')'])
}

/// A section being filled, and where its text came from.
struct SectionText {
    kind: SectionKind,
    text: String,
    /// (line, text) of chunks that came on lines of their own after the first.
    continuations: Vec<(usize, String)>,
}

struct Importer {
    form: Form,
    review: Vec<ReviewItem>,
    found: Vec<Field>,
    section: Option<SectionText>,
    grid: Option<GridState>,
    /// The source line of each review item, quoted in it once the import is done.
    review_lines: Vec<Option<usize>>,
}

struct GridState {
    columns: Vec<GridColumn>,
    /// A group label met on a shifted row, waiting to take over from the current group
    /// once its rows no longer belong to the current group: (label, line).
    pending_group: Option<(String, usize)>,
}

/// Why a text was not imported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    #[error("文本过长（{chars} 个字符，上限 {max} 个），不像是一张表单，未导入")]
    TooLong { chars: usize, max: usize },
}

/// Imports the plain text of a filled-in form.
pub fn import(text: &str) -> Result<Imported, ImportError> {
    let chars = text.chars().count();
    if chars > MAX_IMPORT_CHARS {
        return Err(ImportError::TooLong {
            chars,
            max: MAX_IMPORT_CHARS,
        });
    }
    Ok(import_within_limit(text))
}

fn import_within_limit(text: &str) -> Imported {
    let mut imp = Importer {
        form: Form::new(shanghai_2020(), 0),
        review: Vec::new(),
        review_lines: Vec::new(),
        found: Vec::new(),
        section: None,
        grid: None,
    };
    imp.form.set_date(DateField::PlanStart, None);
    imp.form.set_date(DateField::PlanEnd, None);
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    for (i, line) in text.lines().enumerate() {
        imp.line(i + 1, line.trim_end_matches('\r'));
    }
    let lines = std::mem::take(&mut imp.review_lines);
    let mut imported = imp.finish();
    quote_source_lines(&mut imported.review, &lines, text);
    imported
}

/// "第 19 行" → "第 19 行「the text of line 19」", so the clerk sees what was read there.
fn quote_source_lines(review: &mut [ReviewItem], lines: &[Option<usize>], text: &str) {
    if lines.iter().all(Option::is_none) {
        return;
    }
    let source: Vec<&str> = text.lines().collect();
    for (item, line) in review.iter_mut().zip(lines) {
        let Some(shown) = line.and_then(|n| source.get(n.wrapping_sub(1))) else {
            continue;
        };
        let shown: String = shown
            .split(['\t', '\r'])
            .map(clean)
            .filter(|c| !c.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        if shown.is_empty() {
            continue;
        }
        let mut quote: String = shown.chars().take(30).collect();
        if shown.chars().count() > 30 {
            quote.push('…');
        }
        item.place = format!(
            "{}「{}」",
            item.place,
            crate::core::printable::printable(&quote)
        );
    }
}

impl Importer {
    fn note(&mut self, line: Option<usize>, location: Location, message: String) {
        let place = match line {
            Some(n) => format!("第 {n} 行"),
            None => "导入".to_string(),
        };
        self.review_lines.push(line);
        self.review.push(ReviewItem::new(location, place, message));
    }

    fn line(&mut self, n: usize, line: &str) {
        let cells = cells(line);
        let cleaned: Vec<String> = cells.iter().map(|c| clean(c)).collect();
        if cleaned.iter().all(|c| c.is_empty()) {
            return;
        }
        if self.grid.is_some() {
            self.grid_line(n, &cleaned);
            return;
        }
        if let Some(columns) = grid_header(&cleaned) {
            self.close_section();
            self.grid = Some(GridState {
                columns,
                pending_group: None,
            });
            return;
        }
        let first = cleaned.iter().position(|c| !c.is_empty()).unwrap_or(0);
        let joined: String = cleaned.concat();
        if DECORATIONS.contains(&joined.as_str()) {
            return;
        }
        if let Some(year) = year_of(&joined) {
            self.form.year = year;
            self.found.push(Field::Year);
            return;
        }
        if let Some(heading_year) = joined
            .strip_suffix("年绩效目标")
            .and_then(|y| y.trim().parse::<i32>().ok())
        {
            if self.form.year == 0 {
                self.form.year = heading_year;
            }
            return;
        }
        // label/value pairs along the line
        let mut i = first;
        let mut any_label = false;
        while i < cells.len() {
            let Some((field, tail)) = label_of(&cells[i]) else {
                if !any_label {
                    break;
                }
                if !cleaned[i].is_empty() {
                    let extra: String = cleaned[i].chars().take(40).collect();
                    self.note(
                        Some(n),
                        Location::Grid(0),
                        format!("多出的内容未能识别，未导入：{extra}"),
                    );
                }
                i += 1;
                continue;
            };
            any_label = true;
            // the value: text after the colon, else the next non-empty cell
            let (value, next) = if !tail.is_empty() {
                (tail, i + 1)
            } else {
                match (i + 1..cleaned.len()).find(|&j| !cleaned[j].is_empty()) {
                    Some(j) if label_of(&cells[j]).is_none() => (cleaned[j].clone(), j + 1),
                    _ => (String::new(), i + 1),
                }
            };
            self.set(n, field, value);
            i = next;
        }
        if any_label {
            return;
        }
        // no label: more text of the section being read, or something unplaced
        let text = cleaned[first..]
            .iter()
            .filter(|c| !c.is_empty())
            .cloned()
            .collect::<Vec<_>>()
            .join(" ");
        match &mut self.section {
            Some(section) => section.continuations.push((n, text)),
            None => {
                let short: String = text.chars().take(40).collect();
                self.note(
                    Some(n),
                    Location::Grid(0),
                    format!("未能识别，未导入：{short}"),
                );
            }
        }
    }

    fn set(&mut self, n: usize, field: Field, value: String) {
        if self.found.contains(&field) && !matches!(field, Field::Text(TextField::Section(_))) {
            self.note(
                Some(n),
                Location::Field(field.id()),
                format!(
                    "{}出现了两次，已用第一次的值；这次的值是：{value}",
                    field.id().label(shanghai_2020())
                ),
            );
            return;
        }
        self.found.push(field);
        if !matches!(field, Field::Text(TextField::Section(_))) {
            self.close_section();
        }
        match field {
            Field::Year => {}
            Field::Text(TextField::Section(kind)) => {
                let orphan = if value.is_empty() {
                    self.take_orphan(n, kind)
                } else {
                    None
                };
                self.close_section();
                let text = match orphan {
                    Some(mut t) => {
                        join_chunk(&mut t, &value);
                        t
                    }
                    None => value,
                };
                self.section = Some(SectionText {
                    kind,
                    text,
                    continuations: Vec::new(),
                });
            }
            Field::Text(t) => *self.form.text_mut(t) = value,
            Field::Date(d) => match parse_date(&value) {
                Some(date) => self.form.set_date(d, Some(date)),
                None => self.note(
                    Some(n),
                    Location::Field(field.id()),
                    format!("{}“{value}”不是有效日期，未导入", d.label()),
                ),
            },
            Field::BuysGovernmentServices => match value.as_str() {
                "是" | "有" | "含" => self.form.set_buys_government_services(true),
                "否" | "无" | "不含" => self.form.set_buys_government_services(false),
                other => self.note(
                    Some(n),
                    Location::Field(field.id()),
                    format!("是否含有政府购买服务“{other}”无法识别，请选择是或否"),
                ),
            },
            Field::Money(b) => match Money::parse(&value) {
                Ok(m) => *self.form.money_mut(b) = m,
                Err(e) => self.note(
                    Some(n),
                    Location::Field(field.id()),
                    format!("{}：{e}，未导入", b.label()),
                ),
            },
        }
    }

    /// A section label with no text beside it: its text may have come out before the
    /// label, as a line of its own at the end of the previous section (a page break in
    /// the PDF). Take that line when the previous section was already complete.
    fn take_orphan(&mut self, n: usize, kind: SectionKind) -> Option<String> {
        let prev = self.section.as_mut()?;
        if !ends_sentence(&prev.text) {
            return None;
        }
        let (line, chunk) = prev.continuations.pop()?;
        let label = kind.label();
        self.note(
            Some(line),
            Location::Field(TextField::Section(kind).id()),
            format!("这一行的内容出现在第 {n} 行的“{label}”标签之前，已归入{label}，请核对"),
        );
        Some(chunk)
    }

    fn close_section(&mut self) {
        let Some(section) = self.section.take() else {
            return;
        };
        let mut text = section.text;
        for (_, chunk) in section.continuations {
            join_chunk(&mut text, &chunk);
        }
        *self.form.text_mut(TextField::Section(section.kind)) = text;
    }

    fn finish(mut self) -> Imported {
        self.close_section();
        self.flush_pending_group();
        let required = [
            Field::Year,
            Field::Text(TextField::UnitName),
            Field::Text(TextField::ProjectName),
            Field::Text(TextField::ProjectCategory),
            Field::Date(DateField::PlanStart),
            Field::Date(DateField::PlanEnd),
            Field::BuysGovernmentServices,
            Field::Text(TextField::PerformanceType),
        ];
        let mut missing: Vec<Field> = required
            .into_iter()
            .filter(|f| !self.found.contains(f))
            .collect();
        missing.extend(
            SectionKind::ALL
                .map(|k| Field::Text(TextField::Section(k)))
                .into_iter()
                .filter(|f| !self.found.contains(f)),
        );
        missing.extend(
            BudgetField::ALL
                .map(Field::Money)
                .into_iter()
                .filter(|f| !self.found.contains(f)),
        );
        for field in missing {
            self.note(
                None,
                Location::Field(field.id()),
                format!("未找到“{}”，请补填", field.id().label(shanghai_2020())),
            );
        }
        if self.form.year == 0 {
            self.form.year = chrono::Datelike::year(&chrono::Local::now().date_naive());
        }
        if self.grid.is_none() {
            self.note(
                None,
                Location::Grid(0),
                "未找到绩效目标表格（一级目标、二级目标、三级目标、指标目标值）".into(),
            );
        }
        Imported {
            form: self.form,
            review: self.review,
        }
    }
}

/// Joins a chunk that continued on another line: directly when the text broke
/// mid-sentence (a page break), as a new paragraph after a finished sentence.
fn join_chunk(text: &mut String, chunk: &str) {
    if text.is_empty() {
        text.push_str(chunk);
    } else if ends_sentence(text) {
        text.push('\n');
        text.push_str(chunk);
    } else {
        text.push_str(chunk);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_split_by_tabs_or_wide_spaces() {
        assert_eq!(cells("a\tb\t\tc"), ["a", "b", "", "c"]);
        assert_eq!(
            cells("项目名称：  上海  项目类别：  经常性"),
            ["项目名称：", "上海", "项目类别：", "经常性"]
        );
        assert_eq!(
            cells("one cell with single spaces"),
            ["one cell with single spaces"]
        );
    }

    #[test]
    fn labels_in_their_variants() {
        assert_eq!(
            label_of("<p>项目名称：</p>").unwrap().0,
            Field::Text(TextField::ProjectName)
        );
        assert_eq!(
            label_of("项目名称:").unwrap().0,
            Field::Text(TextField::ProjectName)
        );
        assert_eq!(
            label_of("项目起始时间").unwrap().0,
            Field::Date(DateField::PlanStart)
        );
        assert_eq!(
            label_of("项目总预算（元）：").unwrap().0,
            Field::Money(BudgetField::Total)
        );
        assert_eq!(
            label_of("项目总预算(元):").unwrap().0,
            Field::Money(BudgetField::Total)
        );
        let (f, tail) = label_of("申报单位名称：上海市某办公室").unwrap();
        assert_eq!(
            (f, tail.as_str()),
            (Field::Text(TextField::UnitName), "上海市某办公室")
        );
        assert!(label_of("总目标：聚焦青少年发展").is_none());
    }

    #[test]
    fn tags_are_removed_but_comparisons_kept() {
        assert_eq!(clean("<p>合理</p>"), "合理");
        assert_eq!(clean("<5%"), "<5%");
        assert_eq!(clean("<=5个"), "<=5个");
        assert_eq!(clean("a<br/>b"), "ab");
    }

    #[test]
    fn year_forms() {
        assert_eq!(year_of("(2020年度)"), Some(2020));
        assert_eq!(year_of("（2021年度）"), Some(2021));
        assert_eq!(year_of("2020年"), None);
    }
}
