//! The seed layout's (上海市 2020 版) fields as typed names, for the code that knows
//! that layout only: the plain-text importer, until it reads every template.

use chrono::NaiveDate;

use super::model::{FieldId, Form};
use super::money::Money;

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

    pub fn id(self) -> &'static str {
        match self {
            SectionKind::Overview => "overview",
            SectionKind::Basis => "basis",
            SectionKind::Necessity => "necessity",
            SectionKind::Safeguards => "safeguards",
            SectionKind::ImplementationPlan => "implementation_plan",
            SectionKind::Goals => "goals",
        }
    }

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

    pub fn id(self) -> FieldId {
        match self {
            TextField::UnitName => FieldId::field("unit_name"),
            TextField::ProjectName => FieldId::field("project_name"),
            TextField::ProjectCategory => FieldId::field("project_category"),
            TextField::PerformanceType => FieldId::field("performance_type"),
            TextField::Section(kind) => FieldId::section(kind.id()),
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

    pub fn id(self) -> &'static str {
        match self {
            DateField::PlanStart => "plan_start",
            DateField::PlanEnd => "plan_end",
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

    pub fn id(self) -> &'static str {
        match self {
            BudgetField::Total => "total",
            BudgetField::CurrentYear => "current_year",
            BudgetField::PriorYearBudget => "prior_year_budget",
            BudgetField::PriorYearExecuted => "prior_year_executed",
        }
    }
}

/// The seed layout's fields on a form of that layout.
pub trait SeedFields {
    fn text_mut(&mut self, field: TextField) -> &mut String;
    fn set_date(&mut self, field: DateField, date: Option<NaiveDate>);
    fn money_mut(&mut self, field: BudgetField) -> &mut Money;
    fn set_buys_government_services(&mut self, yes: bool);
}

impl SeedFields for Form {
    fn text_mut(&mut self, field: TextField) -> &mut String {
        match field.id() {
            FieldId::Section(id) => self.sections.entry(id).or_default(),
            FieldId::Field(id) => self.fields.entry(id).or_default(),
            _ => unreachable!("text fields are fields or sections"),
        }
    }

    fn set_date(&mut self, field: DateField, date: Option<NaiveDate>) {
        let text = date.map(|d| d.format("%Y-%m-%d").to_string());
        self.set_field(field.id(), text.unwrap_or_default());
    }

    fn money_mut(&mut self, field: BudgetField) -> &mut Money {
        self.money.entry(field.id().to_string()).or_default()
    }

    fn set_buys_government_services(&mut self, yes: bool) {
        self.set_field("buys_government_services", if yes { "是" } else { "否" });
    }
}
