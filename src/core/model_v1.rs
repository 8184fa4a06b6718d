//! Version-1 save files: the Shanghai 2020 layout with its fields fixed in the file
//! (`unit_name`, `budget`, `sections`, one `goals` grid). Read as they are and turned
//! into the current form of the 上海市 2020 版 template, losing nothing.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Deserialize;

use super::model::{Form, Goal, Grid, FORMAT_VERSION};
use super::money::Money;
use super::review::Review;
use super::template::SHANGHAI_2020;

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename = "Form")]
pub struct FormV1 {
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
    pub sections: SectionsV1,
    #[serde(default)]
    pub budget: BudgetV1,
    #[serde(default)]
    pub goals: Vec<Goal>,
    #[serde(default)]
    pub review: Review,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename = "Sections")]
pub struct SectionsV1 {
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

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename = "Budget")]
pub struct BudgetV1 {
    #[serde(default)]
    pub total: Money,
    #[serde(default)]
    pub current_year: Money,
    #[serde(default)]
    pub prior_year_budget: Money,
    #[serde(default)]
    pub prior_year_executed: Money,
}

impl FormV1 {
    /// The same form in the current model: template 上海市 2020 版, every value kept
    /// under the name it had in the version-1 file.
    pub fn into_current(self) -> Form {
        let date = |d: Option<NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string());
        let fields: BTreeMap<String, String> = [
            ("unit_name", self.unit_name),
            ("project_name", self.project_name),
            ("project_category", self.project_category),
            ("plan_start", date(self.plan_start).unwrap_or_default()),
            ("plan_end", date(self.plan_end).unwrap_or_default()),
            (
                "buys_government_services",
                if self.buys_government_services {
                    "是"
                } else {
                    "否"
                }
                .to_string(),
            ),
            ("performance_type", self.performance_type),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
        let b = self.budget;
        let money = [
            ("total", b.total),
            ("current_year", b.current_year),
            ("prior_year_budget", b.prior_year_budget),
            ("prior_year_executed", b.prior_year_executed),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
        let s = self.sections;
        let sections = [
            ("overview", s.overview),
            ("basis", s.basis),
            ("necessity", s.necessity),
            ("safeguards", s.safeguards),
            ("implementation_plan", s.implementation_plan),
            ("goals", s.goals),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
        Form {
            format_version: FORMAT_VERSION,
            template: SHANGHAI_2020.to_string(),
            year: self.year,
            fields,
            money,
            sections,
            grids: vec![Grid {
                id: "annual".into(),
                goals: self.goals,
            }],
            review: self.review,
            self_eval: Default::default(),
            monitor: Default::default(),
        }
    }
}

/// Dates are stored as "YYYY-MM-DD"; an unknown date as "".
mod optional_date {
    use chrono::NaiveDate;
    use serde::{de::Error, Deserialize, Deserializer};

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
