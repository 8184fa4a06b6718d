//! A layout of the form as data: its title, header fields, money block, text sections,
//! indicator grids with their columns and 一级/二级 skeleton, and the rules that differ
//! between layouts. One RON file per layout (`assets/templates/`, or the user's own
//! template folder); see README "Templates".

mod check;
mod registry;
mod scoring_rules;

pub use check::TemplateError;
pub use registry::{
    built_in, built_in_templates, for_form, install, installed, shanghai_2020, BrokenTemplate,
    LaidOut, Templates, BUILT_IN, SHANGHAI_2020,
};
pub use scoring_rules::ScoringRules;

use serde::{Deserialize, Serialize};

/// One layout of the form.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Template {
    /// Stable name stored in every form made from it ("shanghai-2020"): ASCII letters,
    /// digits and '-'.
    pub id: String,
    /// What 新建 lists ("上海市 2020 版").
    pub name: String,
    /// One line under the name in 新建.
    #[serde(default)]
    pub description: String,
    /// The printed title ("财政项目支出绩效目标表").
    pub title: String,
    /// Printed under the title; `{year}` becomes the form's year ("({year}年度)").
    #[serde(default)]
    pub subtitle: String,
    /// Header fields, in the order the editor shows them.
    #[serde(default)]
    pub fields: Vec<FieldSpec>,
    /// Fields printed as a line of their own between the title and the table
    /// ("申报单位名称：…").
    #[serde(default)]
    pub lines_above_table: Vec<String>,
    /// How header fields share printed rows: each row one or two field ids.
    #[serde(default)]
    pub header_rows: Vec<Vec<String>>,
    /// The signature block printed under the last table, each a label followed by room
    /// to write ("填报单位（盖章）", "填表人", "联系电话", "填报日期"); none when empty.
    #[serde(default)]
    pub signature: Vec<String>,
    #[serde(default)]
    pub money: Option<MoneyBlock>,
    #[serde(default)]
    pub sections: Vec<SectionSpec>,
    /// One grid (年度) or more (中期 and 年度).
    pub grids: Vec<GridSpec>,
    /// The order of the printed blocks.
    #[serde(default = "default_order")]
    pub order: Vec<Block>,
    /// Longest 三级指标 name allowed, in characters (the national system stops at 40).
    #[serde(default)]
    pub max_indicator_name: Option<usize>,
    /// How the self-evaluation is scored, where it differs from the national default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scoring: Option<ScoringRules>,
    /// Printed on A4 turned sideways (横向), for a layout whose grid has many columns.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub landscape: bool,
}

fn default_order() -> Vec<Block> {
    vec![Block::Header, Block::Sections, Block::Money, Block::Grids]
}

/// A printed block of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
pub enum Block {
    Header,
    Sections,
    Money,
    Grids,
}

/// A header field.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FieldSpec {
    /// Key in the form's `fields` (ASCII letters, digits, '_').
    pub id: String,
    pub label: String,
    pub kind: FieldKind,
    #[serde(default)]
    pub required: bool,
    /// Grey example text in the empty editor ("如 经常性专项业务费").
    #[serde(default)]
    pub hint: String,
    /// The value of a new form; `{year}` becomes its year ("{year}-01-01").
    #[serde(default)]
    pub default: String,
}

/// What a header field holds; every value is stored as text, read by its kind.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub enum FieldKind {
    /// One line.
    Text,
    /// Several lines.
    LongText,
    /// 2024-01-31.
    Date,
    /// 2024.
    Year,
    /// A span of months or years: 2023.07-2024.01, 2024-2026.
    Period,
    /// 是 / 否.
    YesNo,
    /// One of a list; other text may still be typed (a list changes over the years).
    Choice(Vec<String>),
}

/// The money block: its heading, unit and rows.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MoneyBlock {
    /// Printed above the figures ("本项目上年度市级财政资金使用情况"); may be empty.
    #[serde(default)]
    pub heading: String,
    /// The unit amounts are shown and printed in; the file always stores yuan.
    pub unit: MoneyUnit,
    pub rows: Vec<MoneyRow>,
    /// Figures per printed row: 1 or 2.
    #[serde(default = "two")]
    pub per_row: usize,
}

fn two() -> usize {
    2
}

pub use crate::core::money_unit::MoneyUnit;

/// One amount of the money block.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MoneyRow {
    /// Key in the form's `money`.
    pub id: String,
    /// As printed, unit included where the layout prints it ("项目总预算（元）").
    pub label: String,
    /// A "其中" row: part of this other row, so it may not exceed it.
    #[serde(default)]
    pub part_of: Option<String>,
    #[serde(default)]
    pub required: bool,
    /// What next year's form (从上年文件新建) does with the amount.
    #[serde(default)]
    pub rollover: RollMoney,
}

impl MoneyBlock {
    /// A row's label as the clerk reads it in the editor and in messages: a "其中" row
    /// whose label another row shares (中期 and 年度 both have 其中：财政拨款) names its
    /// total, "其中：财政拨款（年度资金总额）".
    pub fn label_of(&self, id: &str) -> Option<String> {
        let row = self.rows.iter().find(|r| r.id == id)?;
        let bare = |l: &str| {
            let l = l.trim();
            l.strip_prefix("其中：")
                .or_else(|| l.strip_prefix("其中:"))
                .unwrap_or(l)
                .to_string()
        };
        let shared = self
            .rows
            .iter()
            .any(|r| r.id != row.id && bare(&r.label) == bare(&row.label));
        let parent = row
            .part_of
            .as_deref()
            .and_then(|p| self.rows.iter().find(|r| r.id == p));
        Some(match parent {
            Some(parent) if shared => format!("{}（{}）", row.label, bare(&parent.label)),
            _ => row.label.clone(),
        })
    }
}

/// A money row at rollover.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
pub enum RollMoney {
    /// The same amount, for the clerk to review.
    #[default]
    Keep,
    /// Emptied: last year's figure does not apply (an execution figure to enter anew).
    Clear,
    /// Last year's amount of another row (上年预算额 ← last year's 当年预算).
    From(String),
}

/// A long text section.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SectionSpec {
    /// Key in the form's `sections`.
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub required: bool,
}

/// An indicator grid.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct GridSpec {
    /// Key of the grid in the form ("annual", "midterm").
    pub id: String,
    /// The outline's name for it ("年度绩效指标").
    pub label: String,
    /// Printed above the grid; `{year}` becomes the year ("{year}年绩效目标").
    pub heading: String,
    /// Column headings of the two merged levels.
    #[serde(default = "level_labels")]
    pub level_labels: (String, String),
    /// Printed widths of the two level columns, as for [`ColumnSpec::width`].
    #[serde(default = "level_widths")]
    pub level_widths: (f32, f32),
    /// The columns after 一级 and 二级; the first is always the 三级 name.
    pub columns: Vec<ColumnSpec>,
    /// What a new form starts with: 一级 with their 二级.
    #[serde(default)]
    pub skeleton: Vec<Level1Spec>,
}

fn level_widths() -> (f32, f32) {
    (60.0, 64.0)
}

fn level_labels() -> (String, String) {
    ("一级指标".into(), "二级指标".into())
}

impl GridSpec {
    /// The heading with the year filled in ("2020年绩效目标").
    pub fn heading_for(&self, year: i32) -> String {
        self.heading.replace("{year}", &year.to_string())
    }

    pub fn has(&self, kind: ColumnKind) -> bool {
        self.columns.iter().any(|c| c.kind == kind)
    }

    /// The heading of a column ("指标值"), or a standard one where the grid lacks it.
    pub fn column_label(&self, kind: ColumnKind) -> String {
        self.columns
            .iter()
            .find(|c| c.kind == kind)
            .map_or_else(|| kind.standard_label().to_string(), |c| c.label.clone())
    }
}

/// A grid column after the two levels.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ColumnSpec {
    pub kind: ColumnKind,
    /// The heading as printed ("三级指标", "指标值").
    pub label: String,
    /// Printed width in points of an A4 portrait page's 481.88-pt content width; the
    /// grid's widths are scaled together when they add up to more or less.
    #[serde(default = "default_width")]
    pub width: f32,
}

fn default_width() -> f32 {
    60.0
}

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize)]
pub enum ColumnKind {
    /// 三级指标: the indicator's name.
    Name,
    /// One cell for the whole target ("≥90%", "良好").
    Target,
    /// 指标性质 / 计算符号: ≥ ≤ = > < 定性.
    Sign,
    /// 指标值: a number, or a word where the sign is 定性.
    Value,
    /// 度量单位.
    Unit,
    /// 指标值设定依据.
    Basis,
    /// 指标解释.
    Explanation,
    /// 评（扣）分标准.
    Scoring,
    /// 权重 / 分值.
    Weight,
    /// 上年指标值 / 上年实际完成值.
    PriorValue,
    /// 备注.
    Note,
}

impl ColumnKind {
    /// The heading most layouts print for it.
    pub fn standard_label(self) -> &'static str {
        match self {
            ColumnKind::Name => "三级指标",
            ColumnKind::Target => "指标值",
            ColumnKind::Sign => "指标性质",
            ColumnKind::Value => "指标值",
            ColumnKind::Unit => "度量单位",
            ColumnKind::Basis => "指标值设定依据",
            ColumnKind::Explanation => "指标解释",
            ColumnKind::Scoring => "评（扣）分标准",
            ColumnKind::Weight => "权重",
            ColumnKind::PriorValue => "上年指标值",
            ColumnKind::Note => "备注",
        }
    }

    /// Every kind, in the order a layout usually has them.
    pub const ALL: [ColumnKind; 11] = [
        ColumnKind::Name,
        ColumnKind::Target,
        ColumnKind::Sign,
        ColumnKind::Value,
        ColumnKind::Unit,
        ColumnKind::Basis,
        ColumnKind::Explanation,
        ColumnKind::Scoring,
        ColumnKind::Weight,
        ColumnKind::PriorValue,
        ColumnKind::Note,
    ];

    /// The key of an extra column's text in an indicator's `cells`.
    pub fn key(self) -> &'static str {
        match self {
            ColumnKind::Name => "name",
            ColumnKind::Target => "target",
            ColumnKind::Sign => "sign",
            ColumnKind::Value => "value",
            ColumnKind::Unit => "unit",
            ColumnKind::Basis => "basis",
            ColumnKind::Explanation => "explanation",
            ColumnKind::Scoring => "scoring",
            ColumnKind::Weight => "weight",
            ColumnKind::PriorValue => "prior_value",
            ColumnKind::Note => "note",
        }
    }
}

/// A 一级 of a grid's skeleton.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Level1Spec {
    pub name: String,
    #[serde(default)]
    pub groups: Vec<String>,
    /// Whether a form must have indicators under this 一级.
    #[serde(default)]
    pub required: Need,
}

/// How strongly a 一级 is asked for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
pub enum Need {
    #[default]
    Optional,
    /// A warning when missing (成本 outside building projects).
    Recommended,
    /// An error when missing.
    Required,
}

/// The signs of a 指标性质 column, in the order a drop-down offers them.
pub const SIGNS: [&str; 6] = ["≥", "≤", "=", ">", "<", "定性"];

impl Template {
    /// The structured columns (符号 / 值 / 单位) of a grid, if it has them.
    pub fn is_structured(grid: &GridSpec) -> bool {
        grid.columns.iter().any(|c| c.kind == ColumnKind::Value)
    }

    pub fn field(&self, id: &str) -> Option<&FieldSpec> {
        self.fields.iter().find(|f| f.id == id)
    }

    pub fn grid(&self, id: &str) -> Option<&GridSpec> {
        self.grids.iter().find(|g| g.id == id)
    }

    pub fn money_unit(&self) -> MoneyUnit {
        self.money.as_ref().map_or(MoneyUnit::Yuan, |m| m.unit)
    }

    /// The section spec by id.
    pub fn section(&self, id: &str) -> Option<&SectionSpec> {
        self.sections.iter().find(|s| s.id == id)
    }

    /// The money row spec by id.
    pub fn money_row(&self, id: &str) -> Option<&MoneyRow> {
        self.money.as_ref()?.rows.iter().find(|r| r.id == id)
    }

    /// The subtitle with the year filled in.
    pub fn subtitle_for(&self, year: i32) -> String {
        self.subtitle.replace("{year}", &year.to_string())
    }

    /// Reads a template from its text; `source` names it in messages (a file name).
    pub fn parse(text: &str, source: &str) -> Result<Template, TemplateError> {
        check::parse(text, source)
    }

    /// The template as a file's text (RON, one item a line), read back by [`Self::parse`].
    pub fn to_text(&self) -> String {
        let config = ron::ser::PrettyConfig::new()
            .struct_names(true)
            .depth_limit(4);
        ron::ser::to_string_pretty(self, config).unwrap_or_default()
    }
}
