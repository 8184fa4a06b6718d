//! Review lists: places a person should look at after the program changed a form for
//! them (rollover to a new year, import from text).

use super::validate::Location;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewItem {
    pub location: Location,
    /// Where, for people: a field label or an indicator path.
    pub place: String,
    pub message: String,
    /// Character offset inside a text field, so the editor can put the cursor there.
    pub char_offset: Option<usize>,
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
