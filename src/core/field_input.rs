//! What a clerk types into a field that only takes valid values (money, dates), read
//! the way people write them; a text that cannot be read is an error message, never a
//! guess.

use chrono::NaiveDate;

use super::model::{BudgetField, DateField, FieldId};
use super::money::Money;
use super::printable::printable;

/// Accepts 2021-02-03, 2021-2-3, 2021/2/3, 2021.02.03, 2021年2月3日 and full-width
/// digits; empty is "not set".
pub fn parse_date(text: &str) -> Result<Option<NaiveDate>, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let normal: String = t
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '/' | '.' | '年' | '月' | '／' | '．' | '－' | '-' => '-',
            other => other,
        })
        .collect();
    let normal = normal.trim_end_matches('日').trim();
    let parts: Vec<&str> = normal.split('-').map(str::trim).collect();
    let date = match parts.as_slice() {
        [y, m, d] if y.len() == 4 && !m.is_empty() && !d.is_empty() => {
            match (y.parse(), m.parse(), d.parse()) {
                (Ok(y), Ok(m), Ok(d)) => NaiveDate::from_ymd_opt(y, m, d),
                _ => None,
            }
        }
        _ => None,
    };
    date.map(Some).ok_or_else(|| {
        format!(
            "“{}”不是有效日期，请按 YYYY-MM-DD 填写，如 2021-01-01",
            printable(t)
        )
    })
}

/// Reads `text` for `field` and, when it is valid, returns the edit that stores it.
pub fn check(field: FieldId, text: &str) -> Result<ParsedInput, String> {
    match field {
        FieldId::Budget(f) => Money::parse(text)
            .map(|m| ParsedInput::Money(f, m))
            .map_err(|e| e.to_string()),
        FieldId::Date(f) => parse_date(text).map(|d| ParsedInput::Date(f, d)),
        _ => Err("此栏不需要检查".into()),
    }
}

/// A valid value read from a field's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParsedInput {
    Money(BudgetField, Money),
    Date(DateField, Option<NaiveDate>),
}

impl ParsedInput {
    pub fn edit(self) -> super::edit::Edit {
        match self {
            ParsedInput::Money(f, m) => super::edit::Edit::SetMoney(f, m),
            ParsedInput::Date(f, d) => super::edit::Edit::SetDate(f, d),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_as_people_write_them() {
        let d = NaiveDate::from_ymd_opt(2021, 2, 3);
        for text in [
            "2021-02-03",
            "2021-2-3",
            "2021/2/3",
            "2021.02.03",
            "2021年2月3日",
            "２０２１年２月３日",
            " 2021 / 02 / 03 ",
        ] {
            assert_eq!(parse_date(text), Ok(d), "{text}");
        }
        assert_eq!(parse_date(""), Ok(None));
        for bad in [
            "2021-02-30",
            "2021-13-01",
            "21-2-3",
            "2021-02",
            "明年",
            "2021-02-03-04",
        ] {
            let err = parse_date(bad).unwrap_err();
            assert!(err.contains("不是有效日期"), "{bad}: {err}");
        }
    }
}
