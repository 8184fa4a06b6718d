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

/// Amounts printed together (one form's money block) with the same number of decimals:
/// as many as the most precise of them needs (元: none or 2; 万元: up to 6, exact to the
/// fen), so that a column of figures lines up; unknown amounts stay empty.
pub fn grouped_alike(amounts: &[Money], unit: MoneyUnit) -> Vec<String> {
    let plain: Vec<String> = amounts.iter().map(|m| format_in(*m, unit)).collect();
    let decimals = |s: &str| s.split_once('.').map_or(0, |(_, f)| f.len());
    let most = plain.iter().map(|s| decimals(s)).max().unwrap_or(0);
    let most = match unit {
        MoneyUnit::Yuan if most > 0 => 2,
        _ => most,
    };
    plain
        .into_iter()
        .map(|s| {
            if s.is_empty() || most == 0 {
                return super::money::group_thousands(&s);
            }
            let have = decimals(&s);
            let mut s = if have == 0 { format!("{s}.") } else { s };
            s.extend(std::iter::repeat_n('0', most - have));
            super::money::group_thousands(&s)
        })
        .collect()
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
    fn amounts_printed_together_have_the_same_decimals() {
        let yuan = [
            Money::from_yuan(5_601_000),
            Money::parse("80.5").unwrap(),
            Money::UNKNOWN,
        ];
        assert_eq!(
            grouped_alike(&yuan, MoneyUnit::Yuan),
            ["5,601,000.00", "80.50", ""]
        );
        let wan = [
            Money::from_yuan(1_000_000),
            Money::from_yuan(1_000_001),
            Money::from_yuan(800_000),
        ];
        assert_eq!(
            grouped_alike(&wan, MoneyUnit::TenThousandYuan),
            ["100.0000", "100.0001", "80.0000"]
        );
        let whole = [Money::from_yuan(100), Money::from_yuan(5)];
        assert_eq!(grouped_alike(&whole, MoneyUnit::Yuan), ["100", "5"]);
    }

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
