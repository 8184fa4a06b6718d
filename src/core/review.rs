//! Review lists: places a person should look at after the program changed a form for
//! them (rollover to a new year, import). The list is part of the document (saved in
//! the file) until every item is ticked off.

use serde::{Deserialize, Serialize};

use super::model::{BudgetField, DateField, FieldId, IndicatorPath, SectionKind, TextField};
use super::validate::Location;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewItem {
    pub location: Location,
    /// Where, for people: a field label or an indicator path.
    pub place: String,
    pub message: String,
    /// Character offset inside a text field, so the editor can put the cursor there.
    pub char_offset: Option<usize>,
    /// How many characters from `char_offset` the item is about (selected when shown).
    pub len: usize,
    /// Ticked off as 已处理 by the clerk.
    pub done: bool,
}

impl ReviewItem {
    pub fn new(location: Location, place: impl Into<String>, message: impl Into<String>) -> Self {
        ReviewItem {
            location,
            place: place.into(),
            message: message.into(),
            char_offset: None,
            len: 0,
            done: false,
        }
    }

    /// The item is about `len` characters at `offset` of its text field.
    pub fn at(mut self, offset: usize, len: usize) -> Self {
        self.char_offset = Some(offset);
        self.len = len;
        self
    }
}

/// The review list kept in a form: what it is about, and its items.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "ReviewFile", into = "ReviewFile")]
pub struct Review {
    pub title: String,
    pub items: Vec<ReviewItem>,
}

impl Review {
    pub fn new(title: impl Into<String>, items: Vec<ReviewItem>) -> Self {
        Review {
            title: title.into(),
            items,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn open_items(&self) -> usize {
        self.items.iter().filter(|i| !i.done).count()
    }
}

/// The review list as the save file writes it: locations as readable keys.
#[derive(Serialize, Deserialize)]
#[serde(rename = "Review")]
struct ReviewFile {
    #[serde(default)]
    title: String,
    #[serde(default)]
    items: Vec<ItemFile>,
}

#[derive(Serialize, Deserialize)]
#[serde(rename = "Item")]
struct ItemFile {
    #[serde(default)]
    at: String,
    #[serde(default)]
    place: String,
    #[serde(default)]
    message: String,
    #[serde(default)]
    offset: Option<usize>,
    #[serde(default)]
    len: usize,
    #[serde(default)]
    done: bool,
}

impl From<ReviewFile> for Review {
    fn from(f: ReviewFile) -> Self {
        Review {
            title: f.title,
            items: f
                .items
                .into_iter()
                .map(|i| ReviewItem {
                    location: location_from_key(&i.at).unwrap_or(Location::Grid),
                    place: i.place,
                    message: i.message,
                    char_offset: i.offset,
                    len: i.len,
                    done: i.done,
                })
                .collect(),
        }
    }
}

impl From<Review> for ReviewFile {
    fn from(r: Review) -> Self {
        ReviewFile {
            title: r.title,
            items: r
                .items
                .into_iter()
                .map(|i| ItemFile {
                    at: location_key(i.location),
                    place: i.place,
                    message: i.message,
                    offset: i.char_offset,
                    len: i.len,
                    done: i.done,
                })
                .collect(),
        }
    }
}

fn text_key(t: TextField) -> &'static str {
    match t {
        TextField::UnitName => "unit_name",
        TextField::ProjectName => "project_name",
        TextField::ProjectCategory => "project_category",
        TextField::PerformanceType => "performance_type",
        TextField::Section(SectionKind::Overview) => "sections.overview",
        TextField::Section(SectionKind::Basis) => "sections.basis",
        TextField::Section(SectionKind::Necessity) => "sections.necessity",
        TextField::Section(SectionKind::Safeguards) => "sections.safeguards",
        TextField::Section(SectionKind::ImplementationPlan) => "sections.implementation_plan",
        TextField::Section(SectionKind::Goals) => "sections.goals",
    }
}

const FIELD_KEYS: &[(&str, FieldId)] = &[
    ("year", FieldId::Year),
    ("plan_start", FieldId::Date(DateField::PlanStart)),
    ("plan_end", FieldId::Date(DateField::PlanEnd)),
    ("buys_government_services", FieldId::BuysGovernmentServices),
    ("budget.total", FieldId::Budget(BudgetField::Total)),
    (
        "budget.current_year",
        FieldId::Budget(BudgetField::CurrentYear),
    ),
    (
        "budget.prior_year_budget",
        FieldId::Budget(BudgetField::PriorYearBudget),
    ),
    (
        "budget.prior_year_executed",
        FieldId::Budget(BudgetField::PriorYearExecuted),
    ),
];

/// A place as the save file names it: the field's name in the file (`unit_name`,
/// `budget.total`), or `goals[1].groups[0].indicators[3]`, or `goals` for the grid.
pub fn location_key(location: Location) -> String {
    match location {
        Location::Field(FieldId::Text(t)) => text_key(t).to_string(),
        Location::Field(f) => FIELD_KEYS
            .iter()
            .find(|(_, id)| *id == f)
            .map_or("goals", |(k, _)| k)
            .to_string(),
        Location::Grid => "goals".into(),
        Location::Goal(g) => format!("goals[{g}]"),
        Location::Group(g, gr) => format!("goals[{g}].groups[{gr}]"),
        Location::Indicator(p) => format!(
            "goals[{}].groups[{}].indicators[{}]",
            p.goal, p.group, p.indicator
        ),
    }
}

/// Reads a key written by [`location_key`]; `None` for anything else.
pub fn location_from_key(key: &str) -> Option<Location> {
    let key = key.trim();
    if let Some((_, f)) = FIELD_KEYS.iter().find(|(k, _)| *k == key) {
        return Some(Location::Field(*f));
    }
    let texts = [
        TextField::UnitName,
        TextField::ProjectName,
        TextField::ProjectCategory,
        TextField::PerformanceType,
    ]
    .into_iter()
    .chain(SectionKind::ALL.into_iter().map(TextField::Section));
    for t in texts {
        if text_key(t) == key {
            return Some(Location::Field(FieldId::Text(t)));
        }
    }
    if key == "goals" {
        return Some(Location::Grid);
    }
    let numbers: Vec<usize> = key
        .split(['[', ']'])
        .filter_map(|p| p.parse().ok())
        .collect();
    let shape: String = key.chars().filter(|c| !c.is_ascii_digit()).collect();
    match (shape.as_str(), numbers.as_slice()) {
        ("goals[]", [g]) => Some(Location::Goal(*g)),
        ("goals[].groups[]", [g, gr]) => Some(Location::Group(*g, *gr)),
        ("goals[].groups[].indicators[]", [g, gr, i]) => Some(Location::Indicator(IndicatorPath {
            goal: *g,
            group: *gr,
            indicator: *i,
        })),
        _ => None,
    }
}

impl std::fmt::Display for ReviewItem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "[{}] {}", self.place, self.message)
    }
}

/// A short excerpt around `char_offset` for a review message, one line, about 24 chars.
pub fn excerpt(text: &str, char_offset: usize, match_len: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    let start = char_offset.saturating_sub(10);
    let end = (char_offset + match_len + 10).min(chars.len());
    let mut s: String = chars[start..end]
        .iter()
        .map(|&c| if c == '\n' { ' ' } else { c })
        .collect();
    if start > 0 {
        s.insert(0, '…');
    }
    if end < chars.len() {
        s.push('…');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_place_has_a_key_that_reads_back() {
        let mut places = vec![
            Location::Grid,
            Location::Goal(3),
            Location::Group(1, 2),
            Location::Indicator(IndicatorPath {
                goal: 1,
                group: 0,
                indicator: 7,
            }),
        ];
        places.extend(FIELD_KEYS.iter().map(|(_, f)| Location::Field(*f)));
        for t in [TextField::UnitName, TextField::PerformanceType] {
            places.push(Location::Field(FieldId::Text(t)));
        }
        for k in SectionKind::ALL {
            places.push(Location::Field(FieldId::Text(TextField::Section(k))));
        }
        for place in places {
            assert_eq!(
                location_from_key(&location_key(place)),
                Some(place),
                "{place:?}"
            );
        }
        assert_eq!(location_from_key("goals[x]"), None);
        assert_eq!(location_from_key("colour"), None);
    }
}
