//! Scoring the year's results as self-evaluation tables (绩效自评表) do, in exact decimals:
//! a suggested score per indicator with the rule that gave it (≥: 实际/目标 × 分值, capped;
//! ≤: 目标/实际 × 分值, capped; =: full when met; a qualitative target by 达成 / 部分达成 /
//! 未达成), weights spread over rows, the budget row by 执行率, the total and its grade.
//! The clerk may always type another score; this only proposes one.

use std::fmt;

use crate::core::target::{parse, Comparison, Target};

/// An exact decimal: millionths, so that 2 or 4 places round exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Dec(i128);

const ONE: i128 = 1_000_000;

impl Dec {
    pub const ZERO: Dec = Dec(0);

    pub fn whole(n: i64) -> Dec {
        Dec(n as i128 * ONE)
    }

    /// The first number written in `text` ("≥266米" → 266, "98.5%" → 98.5, "1,000人" → 1000).
    pub fn first_in(text: &str) -> Option<Dec> {
        let start = text.find(|c: char| c.is_ascii_digit())?;
        let digits: String = text[start..]
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
            .filter(|c| *c != ',')
            .collect();
        let (whole, frac) = digits.split_once('.').unwrap_or((&digits, ""));
        let frac: String = frac.chars().take(6).collect();
        let whole: i128 = whole.parse().ok()?;
        let frac_value: i128 = if frac.is_empty() {
            0
        } else {
            frac.parse::<i128>().ok()? * 10i128.pow(6 - frac.len() as u32)
        };
        Some(Dec(whole * ONE + frac_value))
    }

    /// `self × a ÷ b`, exact to a millionth (half up); `None` when `b` is zero.
    pub fn times_ratio(self, a: Dec, b: Dec) -> Option<Dec> {
        if b.0 == 0 {
            return None;
        }
        let n = self.0 * a.0;
        let q = n / b.0;
        let r = n % b.0;
        Some(Dec(if r * 2 >= b.0 { q + 1 } else { q }))
    }

    /// Rounded (half up) to `places` decimals.
    pub fn round(self, places: u32) -> Dec {
        let step = 10i128.pow(6 - places.min(6));
        let q = self.0 / step;
        let r = self.0 % step;
        Dec(if r * 2 >= step { q + 1 } else { q } * step)
    }

    pub fn min(self, other: Dec) -> Dec {
        if self < other {
            self
        } else {
            other
        }
    }
}

impl std::ops::Add for Dec {
    type Output = Dec;
    fn add(self, other: Dec) -> Dec {
        Dec(self.0 + other.0)
    }
}

impl std::ops::Sub for Dec {
    type Output = Dec;
    fn sub(self, other: Dec) -> Dec {
        Dec(self.0 - other.0)
    }
}

impl fmt::Display for Dec {
    /// Without trailing zeros: 10, 9.5, 8.33.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let (whole, frac) = (abs / ONE as u128, abs % ONE as u128);
        if frac == 0 {
            write!(f, "{sign}{whole}")
        } else {
            let digits = format!("{frac:06}");
            write!(f, "{sign}{whole}.{}", digits.trim_end_matches('0'))
        }
    }
}

/// How a qualitative target came out, as the clerk judges it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Met,
    Partly,
    NotMet,
}

/// A suggested score and the rule that gave it, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    pub score: Dec,
    pub rule: String,
}

/// The share of the weight a 部分达成 earns by default (the template may set its own).
pub const PARTLY: (i64, i64) = (8, 10);

/// The suggested score of one indicator: its target (with the 指标性质 where the layout
/// keeps it apart), the actual value, its weight, and for a qualitative target the clerk's
/// judgement. Rounded to `places` decimals.
pub fn suggest(
    target: &str,
    actual: &str,
    weight: Dec,
    outcome: Option<Outcome>,
    places: u32,
) -> Option<Suggestion> {
    suggest_with(target, actual, weight, outcome, places, PARTLY.0 * 10)
}

/// [`suggest`] with the percent of the weight a 部分达成 earns.
pub fn suggest_with(
    target: &str,
    actual: &str,
    weight: Dec,
    outcome: Option<Outcome>,
    places: u32,
    partly: i64,
) -> Option<Suggestion> {
    let by_outcome = |o: Outcome| match o {
        Outcome::Met => Suggestion {
            score: weight,
            rule: "达成：得满分".into(),
        },
        Outcome::Partly => Suggestion {
            score: weight
                .times_ratio(Dec::whole(partly), Dec::whole(100))
                .unwrap_or(Dec::ZERO)
                .round(places),
            rule: format!("部分达成：得分值的 {partly}%"),
        },
        Outcome::NotMet => Suggestion {
            score: Dec::ZERO,
            rule: "未达成：不得分".into(),
        },
    };
    match parse(target) {
        Target::Quantity { comparison, .. } => {
            let goal = Dec::first_in(target)?;
            let Some(got) = Dec::first_in(actual) else {
                return outcome.map(by_outcome);
            };
            let full = weight;
            let (score, rule) = match comparison {
                Some(Comparison::AtLeast) | Some(Comparison::Above) | None if got >= goal => {
                    (full, "实际达到目标：得满分".to_string())
                }
                Some(Comparison::AtLeast) | Some(Comparison::Above) | None => (
                    full.times_ratio(got, goal)?.min(full),
                    "实际/目标 × 分值".to_string(),
                ),
                Some(Comparison::AtMost) | Some(Comparison::Below) if got <= goal => {
                    (full, "实际不超过目标：得满分".to_string())
                }
                Some(Comparison::AtMost) | Some(Comparison::Below) => (
                    full.times_ratio(goal, got)?.min(full),
                    "目标/实际 × 分值".to_string(),
                ),
                Some(Comparison::Equal) if got == goal => (full, "等于目标：得满分".to_string()),
                Some(Comparison::Equal) => (Dec::ZERO, "未等于目标：不得分".to_string()),
            };
            Some(Suggestion {
                score: score.round(places),
                rule,
            })
        }
        Target::Qualitative(_) => {
            let judged =
                outcome.or_else(|| (actual.trim() == target.trim()).then_some(Outcome::Met));
            judged.map(by_outcome)
        }
        _ => None,
    }
}

/// The budget row: 执行率 (executed / budgeted, capped at 100%) × its weight.
pub fn budget_score(budgeted: Dec, executed: Dec, weight: Dec, places: u32) -> Option<Dec> {
    Some(
        weight
            .times_ratio(executed, budgeted)?
            .min(weight)
            .round(places),
    )
}

/// `total` spread over `rows` rows in steps of 10^-places, the rest to the first rows, so
/// that the rows add up to `total` exactly.
pub fn spread(total: Dec, rows: usize, places: u32) -> Vec<Dec> {
    if rows == 0 {
        return Vec::new();
    }
    let step = 10i128.pow(6 - places.min(6));
    let units = total.0 / step;
    let (each, rest) = (units / rows as i128, units % rows as i128);
    (0..rows as i128)
        .map(|i| Dec((each + i128::from(i < rest)) * step))
        .collect()
}

/// The grade of a total out of 100: 优 ≥ 90, 良 80–90, 中 60–80, 差 < 60 (the defaults).
pub fn grade(total: Dec) -> &'static str {
    if total >= Dec::whole(90) {
        "优"
    } else if total >= Dec::whole(80) {
        "良"
    } else if total >= Dec::whole(60) {
        "中"
    } else {
        "差"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Dec {
        Dec::first_in(text).unwrap()
    }

    #[test]
    fn decimals_are_exact() {
        assert_eq!(d("98.5%").to_string(), "98.5");
        assert_eq!(d("1,000人").to_string(), "1000");
        assert_eq!(
            Dec::whole(10)
                .times_ratio(d("2"), d("3"))
                .unwrap()
                .round(2)
                .to_string(),
            "6.67"
        );
        // 0.1 + 0.2 is 0.3, as on paper
        assert_eq!((d("0.1") + d("0.2")).to_string(), "0.3");
        let parts = spread(Dec::whole(50), 3, 2);
        assert_eq!(
            parts.iter().map(|p| p.to_string()).collect::<Vec<_>>(),
            ["16.67", "16.67", "16.66"]
        );
        assert_eq!(
            parts.into_iter().fold(Dec::ZERO, |a, b| a + b),
            Dec::whole(50)
        );
    }

    #[test]
    fn the_rules_of_the_self_evaluation_tables() {
        let w = Dec::whole(10);
        let s = |target: &str, actual: &str, o| {
            suggest(target, actual, w, o, 2).unwrap().score.to_string()
        };
        assert_eq!(s("≥90%", "81%", None), "9");
        assert_eq!(s("≥90%", "95%", None), "10");
        assert_eq!(s("≤40元/人次", "50元/人次", None), "8");
        assert_eq!(s("≤40元/人次", "35元/人次", None), "10");
        assert_eq!(s("=100%", "98%", None), "0");
        assert_eq!(s("优良", "优良", None), "10");
        assert_eq!(s("显著提升", "有所提升", Some(Outcome::Partly)), "8");
        assert_eq!(s("显著提升", "未提升", Some(Outcome::NotMet)), "0");
        assert!(
            suggest("显著提升", "有所提升", w, None, 2).is_none(),
            "the clerk judges"
        );
        assert_eq!(
            budget_score(d("20"), d("19"), w, 2).unwrap().to_string(),
            "9.5"
        );
        assert_eq!(grade(d("96")), "优");
        assert_eq!(grade(d("89.99")), "良");
        assert_eq!(grade(d("59")), "差");
    }

    /// Rows of published self-evaluation tables (target, actual, weight, published
    /// score): the rule's suggestion agrees with the score the unit gave, except where
    /// the unit departed from the rule (noted).
    #[test]
    fn published_self_evaluations_score_as_their_units_did() {
        // 四川中江县水利局 2022 (chacewang.com/newsdetail/news242266.html) and 云南永德县
        // 明朗中学 2022 (yongde.gov.cn/info/3003/116104.htm)
        let rows: [(&str, &str, i64, &str); 13] = [
            ("≥266米", "≥266米", 10, "10"),
            ("≥50厘米", "≥50厘米", 10, "10"),
            ("100%", "100%", 20, "20"),
            ("≥90%", "≥90%", 10, "10"),
            ("≥90%", "≥90%", 10, "10"),
            ("20万元", "20万元", 10, "10"),
            ("≥1000人", "≥1000人", 10, "10"),
            ("显著提升", "显著提升", 10, "10"),
            ("≥95%", "≥95%", 10, "10"),
            ("≧735人次", "735", 10, "10"),
            ("≧100%", "100%", 10, "10"),
            ("═100%", "100%", 10, "10"),
            ("≧95%", "100%", 10, "10"),
        ];
        let mut agree = 0;
        for (target, actual, weight, published) in rows {
            let got = suggest(target, actual, Dec::whole(weight), None, 2).unwrap();
            if got.score.to_string() == published {
                agree += 1;
            }
        }
        assert_eq!(agree, rows.len());
        // 永德: 政策知晓率 ═100%, 98% achieved — the rule gives 0, the unit gave 9 (its own
        // judgement, kept and marked as the clerk's in the self-evaluation)
        assert_eq!(
            suggest("═100%", "98%", Dec::whole(10), None, 2)
                .unwrap()
                .score,
            Dec::ZERO
        );
    }
}
