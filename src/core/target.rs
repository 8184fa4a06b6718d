//! Reading an indicator's 指标目标值. The stored and printed text is always what the user
//! typed; this parse only feeds validation and tools.

/// A comparison written before a number: ASCII (`>=`), mathematical (`≥`) or
/// full-width (`＞＝`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comparison {
    AtLeast,
    AtMost,
    Equal,
    Above,
    Below,
}

impl Comparison {
    pub fn symbol(self) -> &'static str {
        match self {
            Comparison::AtLeast => "≥",
            Comparison::AtMost => "≤",
            Comparison::Equal => "=",
            Comparison::Above => ">",
            Comparison::Below => "<",
        }
    }
}

/// What a target value says.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// Nothing typed.
    Empty,
    /// A number with an optional comparison and a unit as written (`%`, `人次`, `元/人·月`).
    Quantity {
        comparison: Option<Comparison>,
        number: f64,
        unit: String,
    },
    /// A word or phrase: 合理, 健全, 与去年持平 …
    Qualitative(String),
    /// A template placeholder left in: `≥**人次`, `**元/人·月`, `*`, `/`.
    Placeholder,
    /// Reads as a comparison or number but does not parse; the reason is for the user.
    Malformed(String),
}

impl Target {
    pub fn is_percentage(&self) -> bool {
        matches!(self, Target::Quantity { unit, .. } if unit == "%" || unit == "％")
    }
}

/// A comparison written alone (a 指标性质 cell): `≥`, `>=`, `＞＝` …
pub fn comparison_of(text: &str) -> Option<Comparison> {
    let text = text.trim();
    COMPARISONS
        .iter()
        .find(|(spelling, _)| *spelling == text)
        .map(|(_, c)| *c)
}

/// A 指标性质 as typed or written in a cell, as the symbol this program keeps (one of
/// `template::SIGNS`): any spelling of a comparison (`>=`, `＞＝`, `≧`), the words some
/// layouts print (大于等于, 不低于, 定性指标), and the first letter of 定性 (`d`), so that
/// a clerk typing across a grid row picks a sign without a mouse. `None`: not a sign.
pub fn sign_of(text: &str) -> Option<&'static str> {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let word = match t.as_str() {
        "大于等于" | "不低于" | "不少于" | "不小于" => Some("≥"),
        "小于等于" | "不高于" | "不多于" | "不超过" | "不大于" => Some("≤"),
        "等于" => Some("="),
        "大于" | "高于" => Some(">"),
        "小于" | "低于" => Some("<"),
        "定性" | "定性指标" | "定" | "d" | "D" | "dx" | "DX" => Some("定性"),
        // typed with a Chinese input method on, > and < come out as book-title marks
        "》=" | "》＝" => Some("≥"),
        "《=" | "《＝" => Some("≤"),
        "》" => Some(">"),
        "《" => Some("<"),
        _ => None,
    };
    word.or_else(|| comparison_of(&t).map(Comparison::symbol))
}

/// Comparison spellings, longest first so that `>=` wins over `>`.
const COMPARISONS: &[(&str, Comparison)] = &[
    (">=", Comparison::AtLeast),
    ("＞＝", Comparison::AtLeast),
    ("＞=", Comparison::AtLeast),
    (">＝", Comparison::AtLeast),
    ("≥", Comparison::AtLeast),
    ("≧", Comparison::AtLeast),
    ("<=", Comparison::AtMost),
    ("＜＝", Comparison::AtMost),
    ("＜=", Comparison::AtMost),
    ("<＝", Comparison::AtMost),
    ("≤", Comparison::AtMost),
    ("≦", Comparison::AtMost),
    ("==", Comparison::Equal),
    ("=", Comparison::Equal),
    ("＝", Comparison::Equal),
    ("═", Comparison::Equal),
    (">", Comparison::Above),
    ("＞", Comparison::Above),
    ("<", Comparison::Below),
    ("＜", Comparison::Below),
];

fn normalize_digit(c: char) -> char {
    match c {
        '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
        '．' => '.',
        other => other,
    }
}

/// Splits a leading number (`100000`, `1,000`, `95.5`, full-width digits) from the rest.
fn split_number(text: &str) -> Option<(f64, &str)> {
    let mut digits = String::new();
    let mut end = 0;
    for (i, c) in text.char_indices() {
        let n = normalize_digit(c);
        if n.is_ascii_digit() || (n == '.' && !digits.contains('.')) {
            digits.push(n);
        } else if (c == ',' || c == '，') && !digits.is_empty() {
            // thousands separator inside a number
        } else {
            break;
        }
        end = i + c.len_utf8();
    }
    let digits = digits.trim_end_matches('.');
    if digits.is_empty() || digits.starts_with('.') {
        return None;
    }
    digits.parse::<f64>().ok().map(|n| (n, &text[end..]))
}

/// Why a unit written after a number cannot be right, if it cannot.
fn unit_problem(unit: &str) -> Option<String> {
    if unit.chars().any(|c| normalize_digit(c).is_ascii_digit()) {
        return Some(format!("单位“{unit}”中夹有数字"));
    }
    let has_percent = unit.contains('%') || unit.contains('％');
    if has_percent && unit != "%" && unit != "％" {
        return Some(format!("“{unit}”不是有效的单位，百分号前后不应有其他字符"));
    }
    None
}

/// Parses a target value as typed.
pub fn parse(text: &str) -> Target {
    let text = text.trim();
    if text.is_empty() {
        return Target::Empty;
    }
    if text.contains('*') || text.contains('＊') || matches!(text, "/" | "／" | "-" | "—" | "无")
    {
        return Target::Placeholder;
    }
    let (comparison, rest) = match COMPARISONS.iter().find(|(s, _)| text.starts_with(s)) {
        Some((s, cmp)) => (Some(*cmp), text[s.len()..].trim_start()),
        None => (None, text),
    };
    match split_number(rest) {
        Some((number, unit)) => {
            let unit = unit.trim();
            match unit_problem(unit) {
                Some(reason) => Target::Malformed(reason),
                None => Target::Quantity {
                    comparison,
                    number,
                    unit: unit.to_string(),
                },
            }
        }
        None if comparison.is_some() => {
            Target::Malformed(format!("比较符后应为数字，却是“{rest}”"))
        }
        None => Target::Qualitative(text.to_string()),
    }
}

/// A one-cell target split into the columns of a structured row: 指标性质, 指标值 (the
/// number as written, without thousands separators), 度量单位. A count without a sign
/// ("5场") is "="; a word or phrase is 定性. `None` where the text does not read
/// (a placeholder, a malformed comparison): it is left for the clerk.
pub fn split(text: &str) -> Option<(String, String, String)> {
    let text = text.trim();
    match parse(text) {
        Target::Empty => Some(Default::default()),
        Target::Qualitative(word) => Some(("定性".into(), word, String::new())),
        Target::Quantity {
            comparison, unit, ..
        } => {
            let rest = match COMPARISONS.iter().find(|(s, _)| text.starts_with(s)) {
                Some((s, _)) => text[s.len()..].trim_start(),
                None => text,
            };
            let number_text = rest[..rest.len() - rest_after_number(rest).len()].trim();
            let number: String = number_text
                .chars()
                .filter(|c| *c != ',' && *c != '，')
                .map(normalize_digit)
                .collect();
            let sign = comparison.map_or("=", Comparison::symbol);
            let unit = if unit == "％" { "%".to_string() } else { unit };
            Some((sign.to_string(), number, unit))
        }
        // a phrase that starts with a number ("2025年11月底前", "3个工作日内完成") is
        // a qualitative target; after a comparison sign it does not read
        Target::Malformed(_) if !COMPARISONS.iter().any(|(s, _)| text.starts_with(s)) => {
            Some(("定性".into(), text.to_string(), String::new()))
        }
        Target::Placeholder | Target::Malformed(_) => None,
    }
}

fn rest_after_number(text: &str) -> &str {
    split_number(text).map_or(text, |(_, rest)| rest)
}

#[cfg(test)]
mod tests {
    #[test]
    fn one_cell_targets_split_into_sign_value_unit() {
        let s = |t: &str| split(t).map(|(a, b, c)| format!("{a}|{b}|{c}"));
        assert_eq!(s(">=90%").as_deref(), Some("≥|90|%"));
        assert_eq!(s("≥ 1,000 人次").as_deref(), Some("≥|1000|人次"));
        assert_eq!(s("5场").as_deref(), Some("=|5|场"));
        assert_eq!(s("＜５％").as_deref(), Some("<|5|%"));
        assert_eq!(s("与去年持平").as_deref(), Some("定性|与去年持平|"));
        assert_eq!(s("").as_deref(), Some("||"));
        assert_eq!(s("≥**人次"), None);
        assert_eq!(s(">=很多"), None);
        assert_eq!(s("2025年11月底前").as_deref(), Some("定性|2025年11月底前|"));
        assert_eq!(s("≤2025年11月底前"), None);
    }

    use super::*;

    #[test]
    fn operators_as_published_tables_write_them() {
        for (text, number) in [
            (">=90%", 90.0),
            ("≧90%", 90.0),
            ("＝100%", 100.0),
            ("═100%", 100.0),
        ] {
            assert!(
                matches!(parse(text), Target::Quantity { number: n, .. } if n == number),
                "{text}: {:?}",
                parse(text)
            );
        }
        assert_eq!(comparison_of("═"), Some(Comparison::Equal));
        assert_eq!(sign_of("═"), Some("="));
        assert_eq!(sign_of("》＝"), Some("≥"), "typed with pinyin on");
        assert_eq!(sign_of("《="), Some("≤"));
    }

    fn quantity(t: &str) -> (Option<Comparison>, f64, String) {
        match parse(t) {
            Target::Quantity {
                comparison,
                number,
                unit,
            } => (comparison, number, unit),
            other => panic!("{t}: expected a quantity, got {other:?}"),
        }
    }

    #[test]
    fn comparisons_in_every_spelling() {
        assert_eq!(
            quantity(">=90%"),
            (Some(Comparison::AtLeast), 90.0, "%".into())
        );
        assert_eq!(
            quantity("≥90%"),
            (Some(Comparison::AtLeast), 90.0, "%".into())
        );
        assert_eq!(
            quantity("＞＝90%"),
            (Some(Comparison::AtLeast), 90.0, "%".into())
        );
        assert_eq!(
            quantity("<= 5 个"),
            (Some(Comparison::AtMost), 5.0, "个".into())
        );
        assert_eq!(
            quantity("=100%"),
            (Some(Comparison::Equal), 100.0, "%".into())
        );
        assert_eq!(
            quantity("＝1次"),
            (Some(Comparison::Equal), 1.0, "次".into())
        );
        assert_eq!(
            quantity(">3家"),
            (Some(Comparison::Above), 3.0, "家".into())
        );
        assert_eq!(
            quantity("<0.5%"),
            (Some(Comparison::Below), 0.5, "%".into())
        );
    }

    #[test]
    fn counts_with_units_as_written() {
        assert_eq!(quantity("2篇"), (None, 2.0, "篇".into()));
        assert_eq!(quantity("100000人次"), (None, 100000.0, "人次".into()));
        assert_eq!(quantity("1,000人次"), (None, 1000.0, "人次".into()));
        assert_eq!(quantity("３５０元/人·月"), (None, 350.0, "元/人·月".into()));
        assert_eq!(quantity("12.5万元"), (None, 12.5, "万元".into()));
        assert!(parse("95%").is_percentage());
    }

    #[test]
    fn qualitative_values_stay_words() {
        for t in [
            "合理",
            "与去年持平",
            "团干部+普通青年",
            "长效管理制度建设到位并执行有效",
        ] {
            assert_eq!(parse(t), Target::Qualitative(t.to_string()));
        }
    }

    #[test]
    fn placeholders_are_recognised() {
        for t in ["≥**人次", "**元/人·月", "*", "/", "＊＊%"] {
            assert_eq!(parse(t), Target::Placeholder, "{t}");
        }
    }

    #[test]
    fn malformed_comparisons_are_reported() {
        assert!(matches!(parse(">=9O%"), Target::Malformed(_)));
        assert!(matches!(parse(">=abc"), Target::Malformed(_)));
        assert!(matches!(parse("≥"), Target::Malformed(_)));
        assert!(matches!(parse("90%5"), Target::Malformed(_)));
    }

    #[test]
    fn empty_is_empty() {
        assert_eq!(parse("  "), Target::Empty);
    }
}
