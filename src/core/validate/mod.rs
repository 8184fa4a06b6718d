//! Validation: every problem a reviewer at the finance bureau would send the form back for,
//! each with where it is, how serious, and a Chinese message. The rules come from the
//! form's template: its required fields, sections, money rows ("其中" rows may not
//! exceed their parent), required 一级 and grid columns.

mod grid;
mod review_points;
#[cfg(test)]
mod tests;

use std::fmt;

pub use super::model::Location;
use super::model::{FieldId, Form, IndicatorPath};
use super::template::{ColumnKind, FieldKind, Template};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "提醒",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub location: Location,
    /// The location for people: a field label, or 一级/二级/三级 names joined by " / ".
    pub place: String,
    pub severity: Severity,
    pub message: String,
    /// A required value not filled in yet (as opposed to a wrong one): the window shows
    /// it as 待填写 on a new form until the clerk saves, exports or leaves the field.
    pub missing: bool,
    /// The cell of an indicator row the problem is about (its value, unit, sign…), so
    /// that going to the problem puts the cursor where the fix is typed.
    pub column: Option<ColumnKind>,
    /// The review point (审核要点) it is, for one the clerk may turn off in 设置.
    pub review: Option<ReviewPoint>,
}

pub use review_points::ReviewPoint;

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}：[{}] {}",
            self.severity.label(),
            self.place,
            self.message
        )
    }
}

/// The name a node is shown by when it has none yet.
pub fn display_name(name: &str) -> &str {
    if name.trim().is_empty() {
        "（未命名）"
    } else {
        name
    }
}

/// A label without its unit suffix and "其中：" prefix, for use inside a sentence:
/// "项目当年预算（元）" → "项目当年预算".
pub fn short_label(label: &str) -> &str {
    let label = label.trim();
    let label = label.strip_prefix("其中：").unwrap_or(label);
    for suffix in ["（元）", "（万元）", "(元)", "(万元)"] {
        if let Some(l) = label.strip_suffix(suffix) {
            return l;
        }
    }
    label
}

/// Lists every problem in `form` by the rules of `template`, in reading order.
pub fn validate(form: &Form, template: &Template) -> Vec<Problem> {
    let mut out = Problems {
        list: Vec::new(),
        template,
    };
    check_header(form, &mut out);
    check_sections(form, &mut out);
    check_money(form, &mut out);
    grid::check_grids(form, &mut out);
    review_points::check(form, &mut out);
    out.list
}

pub fn has_errors(problems: &[Problem]) -> bool {
    problems.iter().any(|p| p.severity == Severity::Error)
}

struct Problems<'t> {
    list: Vec<Problem>,
    template: &'t Template,
}

impl Problems<'_> {
    fn field(&mut self, field: FieldId, severity: Severity, message: impl Into<String>) {
        let place = field.label(self.template);
        self.list.push(Problem {
            location: Location::Field(field),
            place,
            severity,
            message: message.into(),
            missing: false,
            column: None,
            review: None,
        });
    }

    /// A required field left empty.
    fn missing(&mut self, field: FieldId, severity: Severity, message: String) {
        self.field(field, severity, message);
        if let Some(p) = self.list.last_mut() {
            p.missing = true;
        }
    }

    fn at(&mut self, location: Location, place: String, severity: Severity, message: String) {
        self.list.push(Problem {
            location,
            place,
            severity,
            message,
            missing: false,
            column: None,
            review: None,
        });
    }

    /// Marks the last problem as review point `kind`.
    fn review(&mut self, kind: ReviewPoint) {
        if let Some(p) = self.list.last_mut() {
            p.review = Some(kind);
        }
    }

    /// A problem with one cell of an indicator row.
    fn cell(
        &mut self,
        path: IndicatorPath,
        column: ColumnKind,
        place: String,
        severity: Severity,
        message: String,
    ) {
        self.at(Location::Indicator(path), place, severity, message);
        if let Some(p) = self.list.last_mut() {
            p.column = Some(column);
        }
    }
}

fn check_header(form: &Form, out: &mut Problems) {
    if !(1990..=2200).contains(&form.year) {
        out.field(
            FieldId::Year,
            Severity::Error,
            format!("年度 {} 不在合理范围内（1990–2200）", form.year),
        );
    }
    check_year_in_context(form, out);
    let template = out.template;
    for spec in &template.fields {
        let value = form.field(&spec.id).trim();
        let id = FieldId::field(&spec.id);
        if value.is_empty() {
            if spec.required {
                out.missing(id, Severity::Error, format!("{}不能为空", spec.label));
            }
            continue;
        }
        // quoted shortened: a million-character value makes no million-character message
        let shown = crate::core::printable::printable(value);
        let value = shown.as_str();
        match spec.kind {
            FieldKind::Date if form.date(&spec.id).is_none() => out.field(
                id,
                Severity::Error,
                format!("{}“{value}”不是有效日期（应为 YYYY-MM-DD）", spec.label),
            ),
            FieldKind::Year
                if !value
                    .parse::<i32>()
                    .is_ok_and(|y| (1990..=2200).contains(&y)) =>
            {
                out.field(
                    id,
                    Severity::Error,
                    format!("{}“{value}”不是有效年份", spec.label),
                )
            }
            FieldKind::Period if period_years(value).is_none() => out.field(
                id,
                Severity::Warning,
                format!(
                    "{}“{value}”无法识别，应写作 2024-2026 或 2024.01-2024.12",
                    spec.label
                ),
            ),
            _ => {}
        }
    }
    // A date ending in _end may not be before the _start of the same name.
    for spec in template.fields.iter().filter(|f| f.kind == FieldKind::Date) {
        let Some(prefix) = spec.id.strip_suffix("_end") else {
            continue;
        };
        let start_id = format!("{prefix}_start");
        let Some(start_spec) = template.field(&start_id) else {
            continue;
        };
        if let (Some(start), Some(end)) = (form.date(&start_id), form.date(&spec.id)) {
            if end < start {
                out.field(
                    FieldId::field(&spec.id),
                    Severity::Error,
                    format!("{} {end} 早于{} {start}", spec.label, start_spec.label),
                );
            }
        }
    }
}

/// "2024-2026", "2023.07-2024.01", "2024年-2026年": the first and last year.
pub fn period_years(text: &str) -> Option<(i32, i32)> {
    // the numbers written, in order: a year has four digits, a month or day one or two
    let mut numbers: Vec<String> = Vec::new();
    let mut run = String::new();
    for c in text.chars().chain(std::iter::once(' ')) {
        let c = match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            c => c,
        };
        if c.is_ascii_digit() {
            run.push(c);
        } else {
            if !run.is_empty() {
                numbers.push(std::mem::take(&mut run));
            }
            // anything but separators, 年/月/日 and spaces makes it no period
            if !(c.is_whitespace()
                || matches!(
                    c,
                    '-' | '－'
                        | '—'
                        | '–'
                        | '~'
                        | '～'
                        | '至'
                        | '到'
                        | '年'
                        | '月'
                        | '日'
                        | '度'
                        | '.'
                        | '．'
                        | '/'
                        | '／'
                ))
            {
                return None;
            }
        }
    }
    let mut years = Vec::new();
    let mut after_year = false;
    for n in &numbers {
        match n.len() {
            4 => {
                let y: i32 = n.parse().ok()?;
                if !(1990..=2200).contains(&y) {
                    return None;
                }
                years.push(y);
                after_year = true;
            }
            1 | 2 => {
                let v: u32 = n.parse().ok()?;
                // a month right after its year; later numbers are days or months
                if (after_year && !(1..=12).contains(&v)) || !(1..=31).contains(&v) {
                    return None;
                }
                after_year = false;
            }
            _ => return None,
        }
    }
    let (start, end) = (*years.first()?, *years.last()?);
    (start <= end).then_some((start, end))
}

/// A year far ahead of today, or outside the project's own period or dates, is most
/// likely a slip (the year was once a drag widget: 2026 became 2058 without a word).
fn check_year_in_context(form: &Form, out: &mut Problems) {
    let year = form.year;
    let this_year = chrono::Datelike::year(&chrono::Local::now().date_naive());
    if year > this_year + 3 && year <= 2200 {
        out.field(
            FieldId::Year,
            Severity::Warning,
            format!(
                "年度 {year} 比今年（{this_year}）晚 {} 年，请确认",
                year - this_year
            ),
        );
    }
    let template = out.template;
    for spec in &template.fields {
        let value = form.field(&spec.id).trim();
        // a period, or a pair of dates (…_start, …_end) in order
        let span = match spec.kind {
            FieldKind::Period => period_years(value).map(|s| (s, value.to_string())),
            FieldKind::Date => spec.id.strip_suffix("_end").and_then(|prefix| {
                let start_id = format!("{prefix}_start");
                let (start, end) = (form.date(&start_id)?, form.date(&spec.id)?);
                let years = (chrono::Datelike::year(&start), chrono::Datelike::year(&end));
                (start <= end).then(|| (years, format!("{start} 至 {end}")))
            }),
            _ => None,
        };
        let Some(((start, end), shown)) = span else {
            continue;
        };
        if !(start..=end).contains(&year) {
            let what = match spec.kind {
                FieldKind::Period => spec.label.clone(),
                _ => "项目计划日期".to_string(),
            };
            out.field(
                FieldId::Year,
                Severity::Warning,
                format!("年度 {year} 不在{what}（{shown}）之内，请确认"),
            );
        }
    }
}

fn check_sections(form: &Form, out: &mut Problems) {
    for spec in &out.template.sections {
        if spec.required && form.section(&spec.id).trim().is_empty() {
            out.field(
                FieldId::section(&spec.id),
                Severity::Warning,
                format!("{}尚未填写", spec.label),
            );
        }
    }
}

fn check_money(form: &Form, out: &mut Problems) {
    let Some(block) = &out.template.money else {
        return;
    };
    let unit = block.unit;
    let shown =
        |id: &str| crate::core::money_unit::format_in(form.money(id), unit) + " " + unit.label();
    for row in &block.rows {
        let label = block.label_of(&row.id).unwrap_or_default();
        let short = short_label(&label);
        match form.money(&row.id).fen() {
            None if row.required => out.field(
                FieldId::money(&row.id),
                Severity::Warning,
                format!("{short}尚未填写"),
            ),
            Some(fen) if fen < 0 => out.field(
                FieldId::money(&row.id),
                Severity::Error,
                format!("{short}不能为负数"),
            ),
            _ => {}
        }
        let Some(parent) = row.part_of.as_deref() else {
            continue;
        };
        let parent_label = block
            .rows
            .iter()
            .find(|r| r.id == parent)
            .map_or(parent, |r| short_label(&r.label));
        if let (Some(part), Some(whole)) = (form.money(&row.id).fen(), form.money(parent).fen()) {
            if part > whole {
                out.field(
                    FieldId::money(&row.id),
                    Severity::Error,
                    format!(
                        "{short} {}超过{parent_label} {}",
                        shown(&row.id),
                        shown(parent)
                    ),
                );
            }
        }
    }
    // A year's money is part of the whole period's: 年度 ≤ 中期 (rows annual_X, midterm_X).
    for annual in &block.rows {
        let Some(rest) = annual.id.strip_prefix("annual_") else {
            continue;
        };
        let mid_id = format!("midterm_{rest}");
        if !block.rows.iter().any(|r| r.id == mid_id) {
            continue;
        }
        if let (Some(a), Some(m)) = (form.money(&annual.id).fen(), form.money(&mid_id).fen()) {
            if a > m {
                out.field(
                    FieldId::money(&annual.id),
                    Severity::Error,
                    format!(
                        "{} {}超过{} {}",
                        short_label(&block.label_of(&annual.id).unwrap_or_default()),
                        shown(&annual.id),
                        short_label(&block.label_of(&mid_id).unwrap_or_default()),
                        shown(&mid_id)
                    ),
                );
            }
        }
    }
    // The "其中" rows of one parent together may not exceed it either.
    for parent in &block.rows {
        let parts: Vec<_> = block
            .rows
            .iter()
            .filter(|r| r.part_of.as_deref() == Some(parent.id.as_str()))
            .collect();
        let (Some(whole), true) = (form.money(&parent.id).fen(), parts.len() > 1) else {
            continue;
        };
        let amounts: Vec<i64> = parts
            .iter()
            .filter_map(|r| form.money(&r.id).fen())
            .collect();
        let sum = amounts.iter().fold(0i64, |a, b| a.saturating_add(*b));
        // Every part filled in: together they are the whole (财政拨款 + 其他资金 = 总额).
        if amounts.len() == parts.len() && sum < whole {
            let names: Vec<&str> = parts.iter().map(|r| short_label(&r.label)).collect();
            let fmt = |fen: i64| {
                crate::core::money_unit::format_in(crate::core::money::Money::from_fen(fen), unit)
            };
            out.field(
                FieldId::money(&parent.id),
                Severity::Error,
                format!(
                    "{}之和 {} {}少于{} {}（相差 {} {}），各部分之和应等于总额",
                    names.join("、"),
                    fmt(sum),
                    unit.label(),
                    short_label(&parent.label),
                    shown(&parent.id),
                    fmt(whole - sum),
                    unit.label(),
                ),
            );
        }
        // One part above the whole is said of that part already.
        if sum > whole && amounts.iter().all(|a| *a <= whole) {
            let names: Vec<&str> = parts.iter().map(|r| short_label(&r.label)).collect();
            out.field(
                FieldId::money(&parent.id),
                Severity::Error,
                format!(
                    "{}之和 {} {}超过{} {}",
                    names.join("、"),
                    crate::core::money_unit::format_in(
                        crate::core::money::Money::from_fen(sum),
                        unit
                    ),
                    unit.label(),
                    short_label(&parent.label),
                    shown(&parent.id)
                ),
            );
        }
    }
}
