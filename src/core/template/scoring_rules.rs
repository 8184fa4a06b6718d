//! How a layout's self-evaluation is scored where it differs from the national default:
//! the weight of each 一级 (by a word of its name), the budget row's weight, the
//! decimals scores are rounded to, the share a 部分达成 earns, and the grade bands.

use serde::{Deserialize, Serialize};

/// A template's scoring; every field has the national default.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ScoringRules {
    /// (words in the 一级 name, its weight), e.g. ("产出|成本", 50): rows of the 一级
    /// whose name holds one of the words (separated by |) share the weight. A 一级 matching none takes part only when the
    /// rules cover every 一级 (otherwise the indicators' points are spread evenly).
    #[serde(default = "default_weights")]
    pub weights: Vec<(String, i64)>,
    /// 预算执行率's weight.
    #[serde(default = "default_budget")]
    pub budget: i64,
    /// Decimals of a score (0 scores whole numbers).
    #[serde(default = "default_places")]
    pub places: u32,
    /// Percent of the weight a 部分达成 earns.
    #[serde(default = "default_partly")]
    pub partly: i64,
    /// (lowest total, grade), best first: 优 from 90, 良 from 80, 中 from 60, else 差.
    #[serde(default = "default_grades")]
    pub grades: Vec<(i64, String)>,
    /// The grade below the last band.
    #[serde(default = "default_lowest")]
    pub lowest: String,
}

fn default_weights() -> Vec<(String, i64)> {
    vec![
        ("产出|成本".into(), 50),
        ("效益".into(), 30),
        ("满意".into(), 10),
    ]
}

fn default_budget() -> i64 {
    10
}

fn default_places() -> u32 {
    2
}

fn default_partly() -> i64 {
    80
}

fn default_grades() -> Vec<(i64, String)> {
    vec![(90, "优".into()), (80, "良".into()), (60, "中".into())]
}

fn default_lowest() -> String {
    "差".into()
}

impl Default for ScoringRules {
    fn default() -> Self {
        ScoringRules {
            weights: default_weights(),
            budget: default_budget(),
            places: default_places(),
            partly: default_partly(),
            grades: default_grades(),
            lowest: default_lowest(),
        }
    }
}

impl ScoringRules {
    /// The rule a 一级 named `name` falls under.
    pub fn pool_of(&self, name: &str) -> Option<usize> {
        self.weights
            .iter()
            .position(|(words, _)| words.split('|').any(|w| !w.is_empty() && name.contains(w)))
    }

    /// The grade of a total out of 100.
    pub fn grade(&self, total: crate::core::scoring::Dec) -> &str {
        self.grades
            .iter()
            .find(|(from, _)| total >= crate::core::scoring::Dec::whole(*from))
            .map_or(self.lowest.as_str(), |(_, g)| g.as_str())
    }
}
