//! Values as files write them, read the way the form keeps them: amounts in 元 or 万元,
//! 是/否 with a tick, years, page numbers to skip, and text shortened for messages.

use crate::core::labels::Label;
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
    let v = split_note(value).0;
    let v = v
        .strip_suffix("万元")
        .map_or(v.to_string(), |n| format!("{n}万"));
    let v = v.as_str();
    if v.ends_with('元') || v.ends_with('万') {
        return Money::parse(v);
    }
    match label.money_unit() {
        Some("万元") => crate::core::money_unit::parse_in(v, MoneyUnit::TenThousandYuan),
        Some(_) => Money::parse(v),
        None => crate::core::money_unit::parse_in(v, unit),
    }
}

/// An amount and the note written after it: "854万(其中：上级资金300万)" → ("854万",
/// "(其中：上级资金300万)"); "10000万元 （含结转）"; a thousands separator is no note.
pub(super) fn split_note(value: &str) -> (&str, Option<&str>) {
    let v = value.trim();
    match v.find(['(', '（', '；', ';', '，', ',']) {
        Some(at) if at > 0 && v[..at].trim().chars().any(|c| c.is_ascii_digit()) => {
            if v[at..].starts_with(',') && v[at + 1..].starts_with(|c: char| c.is_ascii_digit()) {
                (v, None)
            } else {
                (v[..at].trim(), Some(v[at..].trim()))
            }
        }
        _ => (v, None),
    }
}

/// Projects' names for a message: the first ten, each shortened, then how many more.
pub fn name_list(names: &[String]) -> String {
    const SHOWN: usize = 10;
    let list: Vec<String> = names.iter().take(SHOWN).map(|n| short(n)).collect();
    let mut text = list.join("、");
    if names.len() > SHOWN {
        text.push_str(&format!("等，另有 {} 个", names.len() - SHOWN));
    }
    text
}

#[cfg(test)]
mod money_tests {
    use super::*;

    #[test]
    fn a_files_own_unit_is_read_from_its_note() {
        for (text, unit) in [
            ("金额单位:元", Some(MoneyUnit::Yuan)),
            ("（单位：万元）", Some(MoneyUnit::TenThousandYuan)),
            ("单位： 元", Some(MoneyUnit::Yuan)),
            ("填报单位：（盖章）", None),
            ("预算单位: 奉节县云雾土家族乡人民政府", None),
            ("计量单位", None),
        ] {
            assert_eq!(stated_unit(text), unit, "{text}");
        }
    }

    #[test]
    fn amounts_with_notes_read_as_their_amount() {
        let label = Label::new("年度资金总额");
        let wan = MoneyUnit::TenThousandYuan;
        for (text, yuan) in [
            ("854万(其中：上级资金300万)", 8_540_000),
            ("10000万元（含结转）", 100_000_000),
            ("250万", 2_500_000),
            ("5,601,000元", 5_601_000),
            ("120", 1_200_000),
        ] {
            assert_eq!(
                money_of(text, &label, wan),
                Ok(Money::from_yuan(yuan)),
                "{text}"
            );
        }
    }
}

/// The unit a note states a file's amounts in: "金额单位：元", "（单位：万元）".
pub(super) fn stated_unit(text: &str) -> Option<MoneyUnit> {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let at = t.find("单位")?;
    let rest = t[at + "单位".len()..].trim_start_matches([':', '：']);
    let rest = rest.trim_end_matches([')', '）']);
    match rest {
        "元" => Some(MoneyUnit::Yuan),
        "万元" => Some(MoneyUnit::TenThousandYuan),
        _ => None,
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
    // a digit as written: ASCII, full-width, or a Chinese numeral (二〇二三年)
    let digit = |c: char| -> Option<(u32, bool)> {
        match c {
            '0'..='9' => Some((c as u32 - '0' as u32, false)),
            '０'..='９' => Some((c as u32 - '０' as u32, false)),
            _ => "〇一二三四五六七八九"
                .chars()
                .position(|n| n == c)
                .or((c == '零').then_some(0))
                .map(|d| (d as u32, true)),
        }
    };
    let mut i = 0;
    while i + 4 <= chars.len() {
        let four: Option<Vec<(u32, bool)>> = chars[i..i + 4].iter().map(|c| digit(*c)).collect();
        if let Some(four) = four {
            let chinese = four.iter().any(|(_, c)| *c);
            let alone = (i == 0 || digit(chars[i - 1]).is_none())
                && chars.get(i + 4).is_none_or(|c| digit(*c).is_none());
            // (Chinese numerals only as a year: followed by 年)
            if alone && (!chinese || chars.get(i + 4) == Some(&'年')) {
                let y = four.iter().fold(0i32, |y, (d, _)| y * 10 + *d as i32);
                if (1990..=2200).contains(&y) {
                    return Some(y);
                }
            }
        }
        i += 1;
    }
    None
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
        assert_eq!(year_in("二〇二三年度项目绩效目标表"), Some(2023));
        assert_eq!(year_in("二零二四年"), Some(2024));
        assert_eq!(year_in("（２０２５年度）"), Some(2025));
        assert_eq!(year_in("一二三四五六"), None, "numerals not followed by 年");
        let page = |t: &str| is_page_mark(&[t.to_string()]);
        assert!(page("第 4 页 共 8 页") && page("4 / 8") && page("- 4 -") && page("Page 4"));
        assert!(!page("第4项指标"));
        assert!(!page("培训 4 次"));
    }
}
