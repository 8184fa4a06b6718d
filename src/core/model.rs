//! The document: one 绩效目标表 in any layout, exactly as the save file stores it. The
//! layout itself (labels, kinds, columns, rules) is its [`super::template::Template`];
//! the form holds values by the template's ids.
//!
//! Field names are the public file format (see README "The save file"); add fields only
//! with `#[serde(default)]` so that older files keep opening. Version-1 files (the
//! Shanghai 2020 layout with fixed fields) are read by [`super::model_v1`].

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::money::Money;
pub use super::place::{FieldId, IndicatorPath, Location};
use super::review::Review;
use super::stages::{Monitor, RowProgress, RowResult, SelfEval};
use super::template::{ColumnKind, FieldKind, Template};

/// The newest save-file format this program reads and writes. Files with a higher number
/// are refused. Version 3 added the year's later stages (监控, 自评); a form without them
/// is still written as version 2, so that older copies of the program open it, while a
/// form carrying them says 3 and an older copy refuses it rather than drop them.
pub const FORMAT_VERSION: u32 = 3;

/// The version a form is written as: 3 when it carries monitoring or self-evaluation.
pub fn written_version(form: &Form) -> u32 {
    if form.has_stages() {
        3
    } else {
        2
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename = "Form")]
pub struct Form {
    pub format_version: u32,
    /// The id of the template (layout) the form uses.
    pub template: String,
    pub year: i32,
    /// Header fields by the template's field id, as text ("2020-01-01", "是").
    #[serde(default)]
    pub fields: BTreeMap<String, String>,
    /// The money block by the template's row id, always in yuan.
    #[serde(default)]
    pub money: BTreeMap<String, Money>,
    /// Long text sections by the template's section id; paragraphs separated by `\n`.
    #[serde(default)]
    pub sections: BTreeMap<String, String>,
    /// The indicator grids, in the template's order.
    #[serde(default)]
    pub grids: Vec<Grid>,
    /// What the clerk should still look at after a rollover or import; kept in the file
    /// until ticked off. Absent from the file when empty.
    #[serde(default, skip_serializing_if = "Review::is_empty")]
    pub review: Review,
    /// The year-end self-evaluation of the form as a whole (rows are on the indicators).
    #[serde(default, skip_serializing_if = "SelfEval::is_empty")]
    pub self_eval: SelfEval,
    /// Mid-year monitoring of the form as a whole.
    #[serde(default, skip_serializing_if = "Monitor::is_empty")]
    pub monitor: Monitor,
}

/// One indicator grid (年度, 中期…).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grid {
    /// The template's grid id.
    pub id: String,
    #[serde(default)]
    pub goals: Vec<Goal>,
}

/// 一级 (目标 or 指标).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Goal {
    pub name: String,
    #[serde(default)]
    pub groups: Vec<Group>,
}

/// 二级.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Group {
    pub name: String,
    #[serde(default)]
    pub indicators: Vec<Indicator>,
}

/// 三级 with its values, stored as the user typed them: `target` where the layout has
/// one value cell, `cells` (指标性质, 指标值, 度量单位, …, by [`ColumnKind::key`]) where
/// it has more.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Indicator {
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub target: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub cells: BTreeMap<String, String>,
    /// The year-end result (自评), empty until evaluated.
    #[serde(default, skip_serializing_if = "RowResult::is_empty")]
    pub result: RowResult,
    /// Mid-year progress (监控), empty until monitored.
    #[serde(default, skip_serializing_if = "RowProgress::is_empty")]
    pub progress: RowProgress,
}

impl Indicator {
    pub fn new(name: impl Into<String>, target: impl Into<String>) -> Self {
        Indicator {
            name: name.into(),
            target: target.into(),
            ..Default::default()
        }
    }

    /// The text of a column (`Name` and `Target` included).
    pub fn cell(&self, kind: ColumnKind) -> &str {
        match kind {
            ColumnKind::Name => &self.name,
            ColumnKind::Target => &self.target,
            other => self.cells.get(other.key()).map_or("", String::as_str),
        }
    }

    /// The value as one string, the way a layout with one value cell prints it: the
    /// target, or 符号 + 值 + 单位 ("≥" "90" "%" → "≥90%"; 定性 → the value alone).
    pub fn value_text(&self) -> String {
        if !self.target.is_empty() || self.cells.is_empty() {
            return self.target.clone();
        }
        let sign = self.cell(ColumnKind::Sign).trim();
        let sign = if sign == "定性" { "" } else { sign };
        format!(
            "{sign}{}{}",
            self.cell(ColumnKind::Value).trim(),
            self.cell(ColumnKind::Unit).trim()
        )
    }

    /// Sets a column's text; an empty extra cell is removed.
    pub fn set_cell(&mut self, kind: ColumnKind, text: String) {
        match kind {
            ColumnKind::Name => self.name = text,
            ColumnKind::Target => self.target = text,
            other if text.is_empty() => {
                self.cells.remove(other.key());
            }
            other => {
                self.cells.insert(other.key().to_string(), text);
            }
        }
    }
}

impl Group {
    pub fn new(name: impl Into<String>) -> Self {
        Group {
            name: name.into(),
            indicators: Vec::new(),
        }
    }
}

impl Goal {
    pub fn new(name: impl Into<String>) -> Self {
        Goal {
            name: name.into(),
            groups: Vec::new(),
        }
    }
}

impl Form {
    /// A new form of `template` for `year`: its grids' skeletons, fields at their
    /// defaults (a plan over the calendar year, 否).
    pub fn new(template: &Template, year: i32) -> Self {
        let mut fields = BTreeMap::new();
        for f in &template.fields {
            let value = match (&f.kind, f.id.as_str()) {
                (_, _) if !f.default.is_empty() => f.default.replace("{year}", &year.to_string()),
                (FieldKind::YesNo, _) => "否".into(),
                _ => String::new(),
            };
            fields.insert(f.id.clone(), value);
        }
        Form {
            format_version: FORMAT_VERSION,
            template: template.id.clone(),
            year,
            fields,
            money: template
                .money
                .iter()
                .flat_map(|m| &m.rows)
                .map(|r| (r.id.clone(), Money::UNKNOWN))
                .collect(),
            sections: template
                .sections
                .iter()
                .map(|s| (s.id.clone(), String::new()))
                .collect(),
            grids: template
                .grids
                .iter()
                .map(|g| Grid {
                    id: g.id.clone(),
                    goals: Vec::new(),
                })
                .collect(),
            review: Review::default(),
            self_eval: SelfEval::default(),
            monitor: Monitor::default(),
        }
    }

    /// An empty form of the given template for the current calendar year.
    pub fn new_this_year(template: &Template) -> Self {
        Self::new(template, chrono::Local::now().date_naive().year())
    }

    /// A header field's text ("" when absent).
    pub fn field(&self, id: &str) -> &str {
        self.fields.get(id).map_or("", String::as_str)
    }

    pub fn set_field(&mut self, id: &str, value: impl Into<String>) {
        self.fields.insert(id.to_string(), value.into());
    }

    /// A date field read as a date.
    /// A date field as the editor keeps it, YYYY-MM-DD with a four-digit year.
    pub fn date(&self, id: &str) -> Option<NaiveDate> {
        let text = self.field(id).trim();
        let year = text.split('-').next().unwrap_or("");
        if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
            return None; // "+10000-12-31", "-0001-01-01"
        }
        NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
    }

    pub fn money(&self, id: &str) -> Money {
        self.money.get(id).copied().unwrap_or_default()
    }

    pub fn section(&self, id: &str) -> &str {
        self.sections.get(id).map_or("", String::as_str)
    }

    /// The text of a field, money aside (money is not text).
    pub fn text(&self, field: &FieldId) -> String {
        match field {
            FieldId::Year => self.year.to_string(),
            FieldId::Field(id) => self.field(id).to_string(),
            FieldId::Money(id) => self.money(id).to_plain(),
            FieldId::Section(id) => self.section(id).to_string(),
        }
    }

    /// The goals of grid `grid` (none for a grid the form lacks).
    pub fn goals(&self, grid: usize) -> &[Goal] {
        self.grids.get(grid).map_or(&[], |g| &g.goals)
    }

    pub fn goals_mut(&mut self, grid: usize) -> Option<&mut Vec<Goal>> {
        self.grids.get_mut(grid).map(|g| &mut g.goals)
    }

    /// Whether the form carries anything of the year's later stages (监控, 自评).
    pub fn has_stages(&self) -> bool {
        !self.self_eval.is_empty()
            || !self.monitor.is_empty()
            || self
                .indicators()
                .any(|(_, i)| !i.result.is_empty() || !i.progress.is_empty())
    }

    pub fn indicator_count(&self) -> usize {
        self.indicators().count()
    }

    pub fn indicator(&self, at: IndicatorPath) -> Option<&Indicator> {
        self.goals(at.grid)
            .get(at.goal)?
            .groups
            .get(at.group)?
            .indicators
            .get(at.indicator)
    }

    pub fn indicator_mut(&mut self, at: IndicatorPath) -> Option<&mut Indicator> {
        self.goals_mut(at.grid)?
            .get_mut(at.goal)?
            .groups
            .get_mut(at.group)?
            .indicators
            .get_mut(at.indicator)
    }

    pub fn goal(&self, grid: usize, goal: usize) -> Option<&Goal> {
        self.goals(grid).get(goal)
    }

    pub fn group(&self, grid: usize, goal: usize, group: usize) -> Option<&Group> {
        self.goals(grid).get(goal)?.groups.get(group)
    }

    /// Every indicator with its position, in reading order (grid by grid).
    pub fn indicators(&self) -> impl Iterator<Item = (IndicatorPath, &Indicator)> {
        self.grids.iter().enumerate().flat_map(|(g, grid)| {
            grid.goals.iter().enumerate().flat_map(move |(gi, goal)| {
                goal.groups
                    .iter()
                    .enumerate()
                    .flat_map(move |(gri, group)| {
                        group.indicators.iter().enumerate().map(move |(ii, ind)| {
                            (
                                IndicatorPath {
                                    grid: g,
                                    goal: gi,
                                    group: gri,
                                    indicator: ii,
                                },
                                ind,
                            )
                        })
                    })
            })
        })
    }
}

/// A form made from a layout: the layout knows nothing of forms, the form model adds
/// this to it.
impl Template {
    /// A new form of this layout for `year`, its grids holding the skeleton's 一级 and
    /// 二级 (no indicators yet).
    pub fn new_form(&self, year: i32) -> Form {
        let mut form = Form::new(self, year);
        for (grid, spec) in form.grids.iter_mut().zip(&self.grids) {
            grid.goals = spec
                .skeleton
                .iter()
                .map(|l1| Goal {
                    name: l1.name.clone(),
                    groups: l1.groups.iter().map(Group::new).collect(),
                })
                .collect();
        }
        form
    }
}
