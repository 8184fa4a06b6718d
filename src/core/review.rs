//! Review lists: places a person should look at after the program changed a form for
//! them (rollover to a new year, import). The list is part of the document (saved in
//! the file) until every item is ticked off.

use serde::{Deserialize, Serialize};

use super::place::{FieldId, IndicatorPath, Location};

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
                    location: location_from_key(&i.at).unwrap_or(Location::Grid(0)),
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
                    at: location_key(&i.location),
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

/// A place as the save file names it: `year`, `fields.unit_name`, `money.total`,
/// `sections.overview`, `grids[0]`, `grids[0].goals[1].groups[0].indicators[3]`.
pub fn location_key(location: &Location) -> String {
    match location {
        Location::Field(FieldId::Year) => "year".into(),
        Location::Field(FieldId::Field(id)) => format!("fields.{id}"),
        Location::Field(FieldId::Money(id)) => format!("money.{id}"),
        Location::Field(FieldId::Section(id)) => format!("sections.{id}"),
        Location::Grid(g) => format!("grids[{g}]"),
        Location::Goal(g, goal) => format!("grids[{g}].goals[{goal}]"),
        Location::Group(g, goal, group) => format!("grids[{g}].goals[{goal}].groups[{group}]"),
        Location::Indicator(p) => format!(
            "grids[{}].goals[{}].groups[{}].indicators[{}]",
            p.grid, p.goal, p.group, p.indicator
        ),
    }
}

/// The version-1 file's names of its fixed fields.
const V1_FIELDS: [&str; 7] = [
    "unit_name",
    "project_name",
    "project_category",
    "plan_start",
    "plan_end",
    "buys_government_services",
    "performance_type",
];

/// Reads a key written by [`location_key`], or by a version-1 file (`unit_name`,
/// `budget.total`, `goals[1].groups[0]`, which are in its first grid); `None` for
/// anything else.
pub fn location_from_key(key: &str) -> Option<Location> {
    let key = key.trim();
    let id_ok = |id: &str| {
        !id.is_empty()
            && id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    };
    if key == "year" {
        return Some(Location::Field(FieldId::Year));
    }
    for (prefix, make) in [
        ("fields.", FieldId::Field as fn(String) -> FieldId),
        ("money.", FieldId::Money),
        ("budget.", FieldId::Money),
        ("sections.", FieldId::Section),
    ] {
        if let Some(id) = key.strip_prefix(prefix) {
            return id_ok(id).then(|| Location::Field(make(id.to_string())));
        }
    }
    if V1_FIELDS.contains(&key) {
        return Some(Location::Field(FieldId::field(key)));
    }
    let (grid, rest) = match key.strip_prefix("grids[") {
        Some(r) => {
            let (n, rest) = r.split_once(']')?;
            (n.parse().ok()?, rest.strip_prefix('.').unwrap_or(rest))
        }
        None => (0, key),
    };
    if rest.is_empty() && key.starts_with("grids[") || rest == "goals" {
        return Some(Location::Grid(grid));
    }
    let numbers: Vec<usize> = rest
        .split(['[', ']'])
        .filter_map(|p| p.parse().ok())
        .collect();
    let shape: String = rest.chars().filter(|c| !c.is_ascii_digit()).collect();
    match (shape.as_str(), numbers.as_slice()) {
        ("goals[]", [g]) => Some(Location::Goal(grid, *g)),
        ("goals[].groups[]", [g, gr]) => Some(Location::Group(grid, *g, *gr)),
        ("goals[].groups[].indicators[]", [g, gr, i]) => Some(Location::Indicator(IndicatorPath {
            grid,
            goal: *g,
            group: *gr,
            indicator: *i,
        })),
        _ => None,
    }
}

impl std::fmt::Display for ReviewItem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // (a note on the whole file names no place)
        if self.place.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "[{}] {}", self.place, self.message)
        }
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
        let places = vec![
            Location::Grid(1),
            Location::Goal(0, 3),
            Location::Group(1, 1, 2),
            Location::Indicator(IndicatorPath {
                grid: 1,
                goal: 1,
                group: 0,
                indicator: 7,
            }),
            Location::Field(FieldId::Year),
            Location::Field(FieldId::field("unit_name")),
            Location::Field(FieldId::money("annual_total")),
            Location::Field(FieldId::section("overview")),
        ];
        for place in places {
            assert_eq!(
                location_from_key(&location_key(&place)),
                Some(place.clone()),
                "{place:?}"
            );
        }
        assert_eq!(location_from_key("goals[x]"), None);
        assert_eq!(location_from_key("colour"), None);
        assert_eq!(location_from_key("fields.a b"), None);
    }

    #[test]
    fn version_1_keys_read_as_the_2020_layout() {
        assert_eq!(
            location_from_key("unit_name"),
            Some(Location::Field(FieldId::field("unit_name")))
        );
        assert_eq!(
            location_from_key("budget.total"),
            Some(Location::Field(FieldId::money("total")))
        );
        assert_eq!(location_from_key("goals"), Some(Location::Grid(0)));
        assert_eq!(
            location_from_key("goals[1].groups[0].indicators[3]"),
            Some(Location::Indicator(IndicatorPath {
                grid: 0,
                goal: 1,
                group: 0,
                indicator: 3
            }))
        );
    }
}
