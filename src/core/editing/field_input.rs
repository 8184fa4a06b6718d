//! What a clerk types into a field that only takes valid values (money, dates), read
//! the way people write them; a text that cannot be read is an error message, never a
//! guess.

use chrono::NaiveDate;

use crate::core::model::FieldId;
use crate::core::money::Money;
use crate::core::printable::printable;
use crate::core::template::{FieldKind, Template};

/// Why a field's text is not a value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InputError {
    #[error("{0}")]
    Money(#[from] crate::core::money::MoneyError),
    #[error("“{0}”不是有效日期，请按 YYYY-MM-DD 填写，如 2021-01-01")]
    Date(String),
    #[error("“{0}”不是有效年度，请填写 1990 到 2200 之间的四位年份，如 2026")]
    Year(String),
    #[error("此栏不需要检查")]
    NotChecked,
}

/// Accepts 2021-02-03, 2021-2-3, 2021/2/3, 2021.02.03, 2021年2月3日 and full-width
/// digits; empty is "not set".
pub fn parse_date(text: &str) -> Result<Option<NaiveDate>, InputError> {
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
    date.map(Some).ok_or_else(|| InputError::Date(printable(t)))
}

/// Reads a form's year as clerks write it: `2026`, `2026年`, `2026年度`, `（2026年度）`,
/// full-width digits.
pub fn parse_year(text: &str) -> Result<i32, InputError> {
    let t = text.trim();
    let digits: String = t
        .chars()
        .filter(|c| !matches!(c, '(' | ')' | '（' | '）' | ' ' | '　'))
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            c => c,
        })
        .collect();
    let digits = digits
        .strip_suffix("年度")
        .or_else(|| digits.strip_suffix('年'))
        .unwrap_or(&digits);
    digits
        .parse::<i32>()
        .ok()
        .filter(|y| digits.len() == 4 && (1990..=2200).contains(y))
        .ok_or_else(|| InputError::Year(printable(t)))
}

/// A period written in one cell as its first and last day: "2023.07-2024.01" →
/// 2023-07-01 … 2024-01-31, "2026年1月至12月", "2026" (the whole year),
/// "2026/1/1-2026/12/31" (as written).
pub fn period_dates(text: &str) -> Option<(chrono::NaiveDate, chrono::NaiveDate)> {
    use chrono::NaiveDate;
    // the numbers in order: years of four digits, months and days of one or two
    let nums: Vec<u32> = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty() && s.len() <= 4)
        .filter_map(|s| s.parse().ok())
        .collect();
    let is_year = |n: u32| (1990..=2200).contains(&n);
    let years: Vec<usize> = (0..nums.len()).filter(|&i| is_year(nums[i])).collect();
    let first = *years.first()?;
    let last = *years.last()?;
    let month_after = |i: usize| {
        nums.get(i + 1)
            .copied()
            .filter(|m| (1..=12).contains(m) && !is_year(*m))
    };
    // days only where both ends are full dates or days are written as such (日): in
    // "2026年1月至12月" the 12 is a month
    let with_days = years.len() >= 2 || text.contains('日');
    let day_after = |i: usize| {
        nums.get(i + 2)
            .copied()
            .filter(|d| with_days && (1..=31).contains(d) && !is_year(*d))
    };
    let sy = nums[first] as i32;
    let sm = month_after(first);
    let start =
        NaiveDate::from_ymd_opt(sy, sm.unwrap_or(1), sm.and(day_after(first)).unwrap_or(1))?;
    let (ey, em, ed) = if last != first {
        let m = month_after(last);
        (nums[last] as i32, m, m.and(day_after(last)))
    } else {
        // "2026年1月至12月": a month after the first one, in the same year
        let later = nums
            .iter()
            .skip(first + 2)
            .copied()
            .find(|m| (1..=12).contains(m));
        (sy, later.or(sm.map(|_| 12)), None)
    };
    let em = em.unwrap_or(12);
    let end = match ed {
        Some(d) => NaiveDate::from_ymd_opt(ey, em, d)?,
        None => {
            // the month's last day
            let next = if em == 12 {
                NaiveDate::from_ymd_opt(ey + 1, 1, 1)?
            } else {
                NaiveDate::from_ymd_opt(ey, em + 1, 1)?
            };
            next.pred_opt()?
        }
    };
    (start <= end).then_some((start, end))
}

/// Reads `text` for `field` (money in the template's unit, dates) and, when it is
/// valid, returns the value that the edit stores.
pub fn check(field: &FieldId, text: &str, template: &Template) -> Result<ParsedInput, InputError> {
    match field {
        FieldId::Year => parse_year(text).map(ParsedInput::Year),
        FieldId::Money(id) => Ok(ParsedInput::Money(
            id.clone(),
            crate::core::money_unit::parse_in(text, template.money_unit())?,
        )),
        FieldId::Field(id)
            if template
                .field(id)
                .is_some_and(|f| f.kind == FieldKind::Date) =>
        {
            parse_date(text).map(|d| ParsedInput::Date(id.clone(), d))
        }
        _ => Err(InputError::NotChecked),
    }
}

/// A valid value read from a field's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParsedInput {
    Year(i32),
    Money(String, Money),
    Date(String, Option<NaiveDate>),
}

impl ParsedInput {
    pub fn edit(self) -> super::edit::Edit {
        match self {
            ParsedInput::Year(y) => super::edit::Edit::SetYear(y),
            ParsedInput::Money(f, m) => super::edit::Edit::SetMoney(f, m),
            ParsedInput::Date(f, d) => super::edit::Edit::SetField(
                f,
                d.map(|d| d.format("%Y-%m-%d").to_string())
                    .unwrap_or_default(),
            ),
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
            let err = parse_date(bad).unwrap_err().to_string();
            assert!(err.contains("不是有效日期"), "{bad}: {err}");
        }
    }

    #[test]
    fn years_as_people_write_them() {
        for text in [
            "2026",
            " 2026 ",
            "2026年",
            "2026年度",
            "（2026年度）",
            "２０２６",
        ] {
            assert_eq!(parse_year(text), Ok(2026), "{text}");
        }
        for bad in [
            "",
            "26",
            "20260",
            "1989",
            "2201",
            "明年",
            "2026-2027",
            "-2026",
        ] {
            let err = parse_year(bad).unwrap_err().to_string();
            assert!(err.contains("不是有效年度"), "{bad}: {err}");
        }
    }

    #[test]
    fn periods_as_first_and_last_day() {
        let d = |y, m, day| chrono::NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(
            period_dates("2023.07-2024.01"),
            Some((d(2023, 7, 1), d(2024, 1, 31)))
        );
        assert_eq!(
            period_dates("2026年1月至12月"),
            Some((d(2026, 1, 1), d(2026, 12, 31)))
        );
        assert_eq!(period_dates("2026"), Some((d(2026, 1, 1), d(2026, 12, 31))));
        assert_eq!(
            period_dates("2026年"),
            Some((d(2026, 1, 1), d(2026, 12, 31)))
        );
        assert_eq!(
            period_dates("2026/1/1-2026/12/31"),
            Some((d(2026, 1, 1), d(2026, 12, 31)))
        );
        assert_eq!(
            period_dates("2023年4月-2024年2月"),
            Some((d(2023, 4, 1), d(2024, 2, 29)))
        );
        assert_eq!(period_dates("长期"), None);
    }
}
