//! Money in a template's unit: 元, or 万元 with up to six decimals (exact to the fen).
//! The form always stores yuan; this is how amounts are typed, shown and printed.

use serde::{Deserialize, Serialize};

use super::money::{Money, MoneyError};

/// 元 or 万元.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum MoneyUnit {
    Yuan,
    TenThousandYuan,
}

impl MoneyUnit {
    pub fn label(self) -> &'static str {
        match self {
            MoneyUnit::Yuan => "元",
            MoneyUnit::TenThousandYuan => "万元",
        }
    }
}

/// The amount as typed and shown in `unit`: `5601000` (元) or `560.1` (万元); unknown is "".
pub fn format_in(money: Money, unit: MoneyUnit) -> String {
    match unit {
        MoneyUnit::Yuan => money.to_plain(),
        MoneyUnit::TenThousandYuan => match money.fen() {
            None => String::new(),
            Some(fen) => {
                let sign = if fen < 0 { "-" } else { "" };
                let abs = fen.unsigned_abs();
                let (whole, frac) = (abs / 1_000_000, abs % 1_000_000);
                if frac == 0 {
                    format!("{sign}{whole}")
                } else {
                    let digits = format!("{frac:06}");
                    format!("{sign}{whole}.{}", digits.trim_end_matches('0'))
                }
            }
        },
    }
}

/// As printed: thousands separators in the whole part (`5,601,000`, `1,560.1`).
pub fn grouped_in(money: Money, unit: MoneyUnit) -> String {
    super::money::group_thousands(&format_in(money, unit))
}

/// Reads what a clerk typed into a field of `unit`: a bare number is in that unit; a
/// number with 元 or 万 (万元) says its own unit.
pub fn parse_in(text: &str, unit: MoneyUnit) -> Result<Money, MoneyError> {
    let trimmed = text.trim();
    let says_unit = trimmed.ends_with('元') || trimmed.ends_with('万');
    match unit {
        MoneyUnit::TenThousandYuan if !says_unit && !trimmed.is_empty() => {
            Money::parse(&format!("{trimmed}万"))
        }
        _ => Money::parse(trimmed),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ten_thousand_yuan_is_exact_to_the_fen() {
        let m = parse_in("560.123456", MoneyUnit::TenThousandYuan).unwrap();
        assert_eq!(m, Money::from_fen(560_123_456));
        assert_eq!(format_in(m, MoneyUnit::TenThousandYuan), "560.123456");
        assert_eq!(format_in(m, MoneyUnit::Yuan), "5601234.56");
        assert_eq!(
            grouped_in(Money::from_yuan(15_601_000), MoneyUnit::TenThousandYuan),
            "1,560.1"
        );
        assert!(parse_in("1.1234567", MoneyUnit::TenThousandYuan).is_err());
        // a unit typed with the number wins
        assert_eq!(
            parse_in("5601000元", MoneyUnit::TenThousandYuan).unwrap(),
            Money::from_yuan(5_601_000)
        );
        assert_eq!(
            parse_in("", MoneyUnit::TenThousandYuan).unwrap(),
            Money::UNKNOWN
        );
        assert_eq!(
            format_in(Money::from_fen(-1), MoneyUnit::TenThousandYuan),
            "-0.000001"
        );
    }
}
