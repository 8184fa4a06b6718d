//! The document: one 财政项目支出绩效目标表, exactly as the save file stores it.
//!
//! Field names are the public file format (see README "The save file"); add fields only
//! with `#[serde(default)]` so that older files keep opening.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::money::Money;
use super::review::Review;

/// The save-file format this program writes. Files with a higher number are refused.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename = "Form")]
pub struct Form {
    pub format_version: u32,
    pub year: i32,
    #[serde(default)]
    pub unit_name: String,
    #[serde(default)]
    pub project_name: String,
    #[serde(default)]
    pub project_category: String,
    #[serde(default, with = "optional_date")]
    pub plan_start: Option<NaiveDate>,
    #[serde(default, with = "optional_date")]
    pub plan_end: Option<NaiveDate>,
    #[serde(default)]
    pub buys_government_services: bool,
    #[serde(default)]
    pub performance_type: String,
    #[serde(default)]
    pub sections: Sections,
    #[serde(default)]
    pub budget: Budget,
    #[serde(default)]
    pub goals: Vec<Goal>,
    /// What the clerk should still look at after a rollover or import; kept in the file
    /// until ticked off. Absent from the file when empty.
    #[serde(default, skip_serializing_if = "Review::is_empty")]
    pub review: Review,
}

/// The six long text sections. Paragraphs are separated by `\n`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sections {
    #[serde(default)]
    pub overview: String,
    #[serde(default)]
    pub basis: String,
    #[serde(default)]
    pub necessity: String,
    #[serde(default)]
    pub safeguards: String,
    #[serde(default)]
    pub implementation_plan: String,
    #[serde(default)]
    pub goals: String,
}

/// 本项目上年度市级财政资金使用情况, in yuan.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Budget {
    #[serde(default)]
    pub total: Money,
    #[serde(default)]
    pub current_year: Money,
    #[serde(default)]
    pub prior_year_budget: Money,
    #[serde(default)]
    pub prior_year_executed: Money,
}

/// 一级目标.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Goal {
    pub name: String,
    #[serde(default)]
    pub groups: Vec<Group>,
}

/// 二级目标.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Group {
    pub name: String,
    #[serde(default)]
    pub indicators: Vec<Indicator>,
}

/// 三级目标 with its 指标目标值, stored as the user typed it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Indicator {
    pub name: String,
    #[serde(default)]
    pub target: String,
}

impl Indicator {
    pub fn new(name: impl Into<String>, target: impl Into<String>) -> Self {
        Indicator {
            name: name.into(),
            target: target.into(),
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
    /// An empty form for `year`, planned over the calendar year.
    pub fn empty(year: i32) -> Self {
        Form {
            format_version: FORMAT_VERSION,
            year,
            unit_name: String::new(),
            project_name: String::new(),
            project_category: String::new(),
            plan_start: NaiveDate::from_ymd_opt(year, 1, 1),
            plan_end: NaiveDate::from_ymd_opt(year, 12, 31),
            buys_government_services: false,
            performance_type: String::new(),
            sections: Sections::default(),
            budget: Budget::default(),
            goals: Vec::new(),
            review: Review::default(),
        }
    }

    /// An empty form for the current calendar year.
    pub fn empty_this_year() -> Self {
        Self::empty(chrono::Local::now().date_naive().year())
    }

    /// The grid heading printed above the indicators, e.g. "2020年绩效目标".
    pub fn grid_heading(&self) -> String {
        format!("{}年绩效目标", self.year)
    }

    pub fn indicator_count(&self) -> usize {
        self.goals
            .iter()
            .flat_map(|g| &g.groups)
            .map(|gr| gr.indicators.len())
            .sum()
    }

    pub fn section(&self, kind: SectionKind) -> &str {
        let s = &self.sections;
        match kind {
            SectionKind::Overview => &s.overview,
            SectionKind::Basis => &s.basis,
            SectionKind::Necessity => &s.necessity,
            SectionKind::Safeguards => &s.safeguards,
            SectionKind::ImplementationPlan => &s.implementation_plan,
            SectionKind::Goals => &s.goals,
        }
    }

    pub fn section_mut(&mut self, kind: SectionKind) -> &mut String {
        let s = &mut self.sections;
        match kind {
            SectionKind::Overview => &mut s.overview,
            SectionKind::Basis => &mut s.basis,
            SectionKind::Necessity => &mut s.necessity,
            SectionKind::Safeguards => &mut s.safeguards,
            SectionKind::ImplementationPlan => &mut s.implementation_plan,
            SectionKind::Goals => &mut s.goals,
        }
    }

    pub fn text(&self, field: TextField) -> &str {
        match field {
            TextField::UnitName => &self.unit_name,
            TextField::ProjectName => &self.project_name,
            TextField::ProjectCategory => &self.project_category,
            TextField::PerformanceType => &self.performance_type,
            TextField::Section(kind) => self.section(kind),
        }
    }

    pub fn text_mut(&mut self, field: TextField) -> &mut String {
        match field {
            TextField::UnitName => &mut self.unit_name,
            TextField::ProjectName => &mut self.project_name,
            TextField::ProjectCategory => &mut self.project_category,
            TextField::PerformanceType => &mut self.performance_type,
            TextField::Section(kind) => self.section_mut(kind),
        }
    }

    pub fn money(&self, field: BudgetField) -> Money {
        let b = &self.budget;
        match field {
            BudgetField::Total => b.total,
            BudgetField::CurrentYear => b.current_year,
            BudgetField::PriorYearBudget => b.prior_year_budget,
            BudgetField::PriorYearExecuted => b.prior_year_executed,
        }
    }

    pub fn money_mut(&mut self, field: BudgetField) -> &mut Money {
        let b = &mut self.budget;
        match field {
            BudgetField::Total => &mut b.total,
            BudgetField::CurrentYear => &mut b.current_year,
            BudgetField::PriorYearBudget => &mut b.prior_year_budget,
            BudgetField::PriorYearExecuted => &mut b.prior_year_executed,
        }
    }

    pub fn date(&self, field: DateField) -> Option<NaiveDate> {
        match field {
            DateField::PlanStart => self.plan_start,
            DateField::PlanEnd => self.plan_end,
        }
    }

    pub fn date_mut(&mut self, field: DateField) -> &mut Option<NaiveDate> {
        match field {
            DateField::PlanStart => &mut self.plan_start,
            DateField::PlanEnd => &mut self.plan_end,
        }
    }

    pub fn indicator(&self, at: IndicatorPath) -> Option<&Indicator> {
        self.goals
            .get(at.goal)?
            .groups
            .get(at.group)?
            .indicators
            .get(at.indicator)
    }

    pub fn group(&self, goal: usize, group: usize) -> Option<&Group> {
        self.goals.get(goal)?.groups.get(group)
    }

    /// Every indicator with its position, in reading order.
    pub fn indicators(&self) -> impl Iterator<Item = (IndicatorPath, &Indicator)> {
        self.goals.iter().enumerate().flat_map(|(gi, goal)| {
            goal.groups
                .iter()
                .enumerate()
                .flat_map(move |(gri, group)| {
                    group.indicators.iter().enumerate().map(move |(ii, ind)| {
                        (
                            IndicatorPath {
                                goal: gi,
                                group: gri,
                                indicator: ii,
                            },
                            ind,
                        )
                    })
                })
        })
    }
}

/// Where one indicator sits in the tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct IndicatorPath {
    pub goal: usize,
    pub group: usize,
    pub indicator: usize,
}

/// The six text sections, in printed order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SectionKind {
    Overview,
    Basis,
    Necessity,
    Safeguards,
    ImplementationPlan,
    Goals,
}

impl SectionKind {
    pub const ALL: [SectionKind; 6] = [
        SectionKind::Overview,
        SectionKind::Basis,
        SectionKind::Necessity,
        SectionKind::Safeguards,
        SectionKind::ImplementationPlan,
        SectionKind::Goals,
    ];

    /// The label as printed on the form.
    pub fn label(self) -> &'static str {
        match self {
            SectionKind::Overview => "项目概况",
            SectionKind::Basis => "立项依据",
            SectionKind::Necessity => "项目设立的必要性",
            SectionKind::Safeguards => "保证项目实施的制度、措施",
            SectionKind::ImplementationPlan => "项目实施计划",
            SectionKind::Goals => "总目标及阶段性目标",
        }
    }
}

/// The short text fields of the header plus the text sections.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TextField {
    UnitName,
    ProjectName,
    ProjectCategory,
    PerformanceType,
    Section(SectionKind),
}

impl TextField {
    pub fn label(self) -> &'static str {
        match self {
            TextField::UnitName => "申报单位名称",
            TextField::ProjectName => "项目名称",
            TextField::ProjectCategory => "项目类别",
            TextField::PerformanceType => "绩效类型",
            TextField::Section(kind) => kind.label(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateField {
    PlanStart,
    PlanEnd,
}

impl DateField {
    pub fn label(self) -> &'static str {
        match self {
            DateField::PlanStart => "计划开始日期",
            DateField::PlanEnd => "计划完成日期",
        }
    }
}

/// The four budget figures, in printed order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BudgetField {
    Total,
    CurrentYear,
    PriorYearBudget,
    PriorYearExecuted,
}

impl BudgetField {
    pub const ALL: [BudgetField; 4] = [
        BudgetField::Total,
        BudgetField::CurrentYear,
        BudgetField::PriorYearBudget,
        BudgetField::PriorYearExecuted,
    ];

    pub fn label(self) -> &'static str {
        match self {
            BudgetField::Total => "项目总预算（元）",
            BudgetField::CurrentYear => "项目当年预算（元）",
            BudgetField::PriorYearBudget => "同名项目上年预算额（元）",
            BudgetField::PriorYearExecuted => "同名项目上年预算执行数（元）",
        }
    }
}

/// Any single field of the form, for problem locations and review items.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldId {
    Year,
    Text(TextField),
    Date(DateField),
    BuysGovernmentServices,
    Budget(BudgetField),
}

impl FieldId {
    pub fn label(self) -> &'static str {
        match self {
            FieldId::Year => "年度",
            FieldId::Text(t) => t.label(),
            FieldId::Date(d) => d.label(),
            FieldId::BuysGovernmentServices => "是否含有政府购买服务",
            FieldId::Budget(b) => b.label(),
        }
    }
}

/// Dates are stored as "YYYY-MM-DD"; an unknown date as "".
mod optional_date {
    use chrono::NaiveDate;
    use serde::{de::Error, Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(date: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        match date {
            Some(d) => s.serialize_str(&d.format("%Y-%m-%d").to_string()),
            None => s.serialize_str(""),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        let text = String::deserialize(d)?;
        let text = text.trim();
        if text.is_empty() {
            return Ok(None);
        }
        NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| D::Error::custom(format!("日期“{text}”不是 YYYY-MM-DD 格式的有效日期")))
    }
}
