//! Values as files write them, read the way the form keeps them: amounts in 元 or 万元,
//! 是/否 with a tick, years, page numbers to skip, and text shortened for messages.

use super::labels::Label;
use crate::core::money::Money;
use crate::core::printable::printable;
use crate::core::template::MoneyUnit;

/// An amount as written: with its own 元/万 suffix, or in the unit its label names, or
/// in the template's unit.
pub(super) fn money_of(
    value: &str,
    label: &Label,
    unit: MoneyUnit,
) -> Result<Money, crate::core::money::MoneyError> {
    let v = value.trim();
    if v.ends_with('元') || v.ends_with('万') {
        return Money::parse(v);
    }
    match label.money_unit() {
        Some("万元") => crate::core::money_unit::parse_in(v, MoneyUnit::TenThousandYuan),
        Some(_) => Money::parse(v),
        None => crate::core::money_unit::parse_in(v, unit),
    }
}

/// 是 / 否 from a cell that may show both with a mark ("☑是 □否").
pub(super) fn yes_no(value: &str) -> String {
    let v = value.trim();
    let marked = |word: char| {
        v.char_indices().any(|(i, c)| {
            c == word
                && v[..i]
                    .chars()
                    .next_back()
                    .is_some_and(|m| "☑√✓✔■●".contains(m))
        })
    };
    if marked('是') {
        "是".into()
    } else if marked('否') {
        "否".into()
    } else {
        v.to_string()
    }
}

/// A page number printed at the foot or head of a page: "第 4 页 共 8 页", "4 / 8",
/// "- 4 -", "Page 4".
pub(super) fn is_page_mark(texts: &[String]) -> bool {
    let t: String = texts
        .concat()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if t.is_empty() || t.chars().count() > 16 {
        return false;
    }
    let rest: String = t
        .chars()
        .filter(|c| !c.is_ascii_digit() && !"第页共/-—－()（）".contains(*c))
        .collect();
    t.chars().any(|c| c.is_ascii_digit())
        && (rest.is_empty()
            || rest.eq_ignore_ascii_case("page")
            || rest.eq_ignore_ascii_case("pageof"))
}

/// A year written as 2020, 2020年 or (2020年度).
pub fn year_in(text: &str) -> Option<i32> {
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i + 4 <= chars.len() {
        if chars[i..i + 4].iter().all(char::is_ascii_digit)
            && (i == 0 || !chars[i - 1].is_ascii_digit())
            && chars.get(i + 4).is_none_or(|c| !c.is_ascii_digit())
        {
            let y: i32 = chars[i..i + 4].iter().collect::<String>().parse().ok()?;
            if (1990..=2200).contains(&y) {
                return Some(y);
            }
        }
        i += 1;
    }
    None
}

/// A period written in one cell as its first and last day: "2023.07-2024.01" →
/// 2023-07-01 … 2024-01-31, "2026年1月至12月", "2026" (the whole year),
/// "2026/1/1-2026/12/31" (as written).
pub(super) fn period_dates(text: &str) -> Option<(chrono::NaiveDate, chrono::NaiveDate)> {
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

pub(super) fn short(text: &str) -> String {
    let t: String = text.chars().take(30).collect();
    let t = if text.chars().count() > 30 {
        format!("{t}…")
    } else {
        t
    };
    printable(&t)
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn amounts_in_their_unit_exactly() {
        let wan = Label::new("年度资金总额（万元）");
        let plain = Label::new("年度资金总额");
        let fen = |m: Result<Money, _>| m.ok().and_then(Money::fen);
        assert_eq!(
            fen(money_of("320.5", &wan, MoneyUnit::Yuan)),
            Some(320_500_000)
        );
        assert_eq!(
            fen(money_of("300万元", &plain, MoneyUnit::Yuan)),
            Some(300_000_000)
        );
        assert_eq!(
            fen(money_of("5,601,000元", &wan, MoneyUnit::TenThousandYuan)),
            Some(560_100_000)
        );
        assert_eq!(
            fen(money_of("12.345678", &plain, MoneyUnit::TenThousandYuan)),
            Some(12_345_678)
        );
        assert!(money_of("约三百万", &plain, MoneyUnit::Yuan).is_err());
    }

    #[test]
    fn ticks_years_and_page_numbers() {
        assert_eq!(yes_no("☑是 □否"), "是");
        assert_eq!(yes_no("□是 √否"), "否");
        assert_eq!(yes_no("是"), "是");
        assert_eq!(year_in("（2025年度）"), Some(2025));
        assert_eq!(year_in("编号 120250"), None);
        assert_eq!(year_in("1880年"), None);
        let page = |t: &str| is_page_mark(&[t.to_string()]);
        assert!(page("第 4 页 共 8 页") && page("4 / 8") && page("- 4 -") && page("Page 4"));
        assert!(!page("第4项指标"));
        assert!(!page("培训 4 次"));
    }
}
