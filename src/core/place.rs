//! Places in a form, as plain values: a field (年度, a header field, an amount, a text
//! section), an indicator's path, a node of a grid. Problems, review items, edits and the
//! window all point with these.

use super::template::Template;

/// A single value of the form outside the grids: for problems, review items and edits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FieldId {
    Year,
    /// A header field by the template's id.
    Field(String),
    /// A money row by the template's id.
    Money(String),
    /// A text section by the template's id.
    Section(String),
}

impl FieldId {
    pub fn field(id: &str) -> Self {
        FieldId::Field(id.to_string())
    }
    pub fn money(id: &str) -> Self {
        FieldId::Money(id.to_string())
    }
    pub fn section(id: &str) -> Self {
        FieldId::Section(id.to_string())
    }

    /// The label the template gives it (its id where the template lacks it).
    pub fn label(&self, template: &Template) -> String {
        match self {
            FieldId::Year => "年度".into(),
            FieldId::Field(id) => template
                .field(id)
                .map_or_else(|| id.clone(), |f| f.label.clone()),
            FieldId::Money(id) => template.money.as_ref().map_or_else(
                || id.clone(),
                |block| block.label_of(id).unwrap_or_else(|| id.clone()),
            ),
            FieldId::Section(id) => template
                .sections
                .iter()
                .find(|s| &s.id == id)
                .map_or_else(|| id.clone(), |s| s.label.clone()),
        }
    }
}

/// A place in a form: a field, or a node of an indicator grid (grid index first) —
/// where a problem is, where a review item points.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Location {
    Field(FieldId),
    /// An indicator grid as a whole.
    Grid(usize),
    Goal(usize, usize),
    Group(usize, usize, usize),
    Indicator(IndicatorPath),
}

/// Where one indicator sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct IndicatorPath {
    pub grid: usize,
    pub goal: usize,
    pub group: usize,
    pub indicator: usize,
}
