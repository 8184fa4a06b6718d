//! Exact money amounts in yuan, kept as whole fen (1/100 yuan) — never floating point.

use std::fmt;

use serde::{de::Error as _, Deserialize, Deserializer, Serialize, Serializer};

/// An amount in yuan with at most two decimals, or unknown (`""` in the file), which is
/// not the same as zero.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Money(Option<i64>);

/// Why a money text was not accepted; the message is shown to the user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("金额“{0}”不是数字")]
    NotANumber(String),
    #[error("金额“{0}”最多只能精确到分（元的两位小数，万元的六位小数）")]
    TooManyDecimals(String),
    #[error("金额“{0}”太大")]
    TooLarge(String),
}

impl Money {
    pub const UNKNOWN: Money = Money(None);

    pub fn from_fen(fen: i64) -> Self {
        Money(Some(fen))
    }

    pub fn from_yuan(yuan: i64) -> Self {
        Money(Some(yuan * 100))
    }

    pub fn fen(self) -> Option<i64> {
        self.0
    }

    pub fn is_unknown(self) -> bool {
        self.0.is_none()
    }

    /// Parses what a person writes: `5601000`, `5,601,000`, `5601000.5`, `-3`,
    /// full-width digits, an optional trailing 元, or an amount in 万元 (`560.1万`,
    /// `560.1 万元` → 5,601,000). Empty text is unknown.
    pub fn parse(text: &str) -> Result<Money, MoneyError> {
        let trimmed = text.trim();
        let without_yuan = trimmed.strip_suffix('元').unwrap_or(trimmed).trim_end();
        // digits after the point that still fit in whole fen: 2 for 元, 6 for 万元
        let (body, digits) = match without_yuan.strip_suffix('万') {
            Some(b) => (b, 6usize),
            None => (without_yuan, 2usize),
        };
        let cleaned: String = body
            .chars()
            .filter(|c| !matches!(c, ',' | '，' | ' ' | '\u{3000}' | '_'))
            .map(|c| match c {
                '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
                '．' | '。' => '.',
                '－' | '−' => '-',
                '＋' => '+',
                other => other,
            })
            .collect();
        if cleaned.is_empty() {
            return if body.len() == trimmed.len() {
                Ok(Money::UNKNOWN)
            } else {
                Err(MoneyError::NotANumber(trimmed.to_string()))
            };
        }
        let bad = || MoneyError::NotANumber(trimmed.to_string());
        let (negative, unsigned) = match cleaned.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, cleaned.strip_prefix('+').unwrap_or(&cleaned)),
        };
        let (whole, frac) = match unsigned.split_once('.') {
            Some((w, f)) => (w, f),
            None => (unsigned, ""),
        };
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if (whole.is_empty() && frac.is_empty()) || !all_digits(whole) || !all_digits(frac) {
            return Err(bad());
        }
        if frac.len() > digits {
            return Err(MoneyError::TooManyDecimals(trimmed.to_string()));
        }
        let too_large = || MoneyError::TooLarge(trimmed.to_string());
        let whole: i64 = if whole.is_empty() {
            0
        } else {
            whole.parse().map_err(|_| too_large())?
        };
        let padded = format!("{frac:0<digits$}");
        let frac_units: i64 = padded.parse().map_err(|_| bad())?;
        // one unit of the last digit is one fen in both cases
        let unit = 10i64.pow(digits as u32);
        let fen = whole
            .checked_mul(unit)
            .and_then(|f| f.checked_add(frac_units))
            .ok_or_else(too_large)?;
        Ok(Money(Some(if negative { -fen } else { fen })))
    }

    /// The exact decimal text stored in the file: `5601000`, `12.50`, or `` for unknown.
    pub fn to_plain(self) -> String {
        match self.0 {
            None => String::new(),
            Some(fen) => {
                let sign = if fen < 0 { "-" } else { "" };
                let abs = fen.unsigned_abs();
                if abs % 100 == 0 {
                    format!("{sign}{}", abs / 100)
                } else {
                    format!("{sign}{}.{:02}", abs / 100, abs % 100)
                }
            }
        }
    }

    /// As printed on the form: thousands separators, `5,601,000` or `1,234.50`.
    pub fn to_grouped(self) -> String {
        group_thousands(&self.to_plain())
    }
}

/// Thousands separators in the whole part of a plain decimal: `-1234.5` → `-1,234.5`.
pub fn group_thousands(plain: &str) -> String {
    let (sign, rest) = match plain.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", plain),
    };
    let (whole, frac) = match rest.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (rest, None),
    };
    let mut grouped = String::with_capacity(whole.len() + whole.len() / 3);
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_grouped())
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_plain())
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Money, D::Error> {
        let text = String::deserialize(d)?;
        Money::parse(&text).map_err(D::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_what_people_write() {
        assert_eq!(
            Money::parse("5601000").unwrap(),
            Money::from_yuan(5_601_000)
        );
        assert_eq!(
            Money::parse("5,601,000").unwrap(),
            Money::from_yuan(5_601_000)
        );
        assert_eq!(
            Money::parse(" 5601000元 ").unwrap(),
            Money::from_yuan(5_601_000)
        );
        assert_eq!(Money::parse("５６０１").unwrap(), Money::from_yuan(5601));
        assert_eq!(Money::parse("12.5").unwrap(), Money::from_fen(1250));
        assert_eq!(Money::parse("0.05").unwrap(), Money::from_fen(5));
        assert_eq!(Money::parse("-3").unwrap(), Money::from_fen(-300));
        assert_eq!(Money::parse("").unwrap(), Money::UNKNOWN);
        assert_eq!(Money::parse("0").unwrap(), Money::from_fen(0));
        assert_ne!(Money::parse("0").unwrap(), Money::UNKNOWN);
    }

    #[test]
    fn rejects_what_is_not_money() {
        assert!(matches!(
            Money::parse("abc"),
            Err(MoneyError::NotANumber(_))
        ));
        assert!(matches!(
            Money::parse("1.234"),
            Err(MoneyError::TooManyDecimals(_))
        ));
        assert!(matches!(
            Money::parse("1e5"),
            Err(MoneyError::NotANumber(_))
        ));
        assert!(matches!(Money::parse("."), Err(MoneyError::NotANumber(_))));
        assert!(matches!(
            Money::parse("--1"),
            Err(MoneyError::NotANumber(_))
        ));
        assert!(matches!(
            Money::parse("99999999999999999999"),
            Err(MoneyError::TooLarge(_))
        ));
        assert!(Money::parse("abc")
            .unwrap_err()
            .to_string()
            .contains("不是数字"));
    }

    #[test]
    fn prints_plain_and_grouped() {
        assert_eq!(Money::from_yuan(5_601_000).to_plain(), "5601000");
        assert_eq!(Money::from_yuan(5_601_000).to_grouped(), "5,601,000");
        assert_eq!(Money::from_fen(123_450).to_grouped(), "1,234.50");
        assert_eq!(Money::from_fen(-100_000_000).to_grouped(), "-1,000,000");
        assert_eq!(Money::from_yuan(999).to_grouped(), "999");
        assert_eq!(Money::UNKNOWN.to_grouped(), "");
    }

    #[test]
    fn plain_text_parses_back_to_the_same_amount() {
        for fen in [0, 1, 99, 100, 12_345_678, -5, i64::MAX / 1000] {
            let m = Money::from_fen(fen);
            assert_eq!(Money::parse(&m.to_plain()).unwrap(), m);
            assert_eq!(Money::parse(&m.to_grouped()).unwrap(), m);
        }
    }

    #[test]
    fn wan_yuan_and_full_width_input() {
        assert_eq!(
            Money::parse("560.1万").unwrap(),
            Money::from_yuan(5_601_000)
        );
        assert_eq!(
            Money::parse("560.1 万元").unwrap(),
            Money::from_yuan(5_601_000)
        );
        assert_eq!(
            Money::parse("０.０００００１万").unwrap(),
            Money::from_fen(1)
        );
        assert_eq!(
            Money::parse("５６０１０００元").unwrap(),
            Money::from_yuan(5_601_000)
        );
        assert_eq!(
            Money::parse("１，２３４．５").unwrap(),
            Money::from_fen(123_450)
        );
        assert!(matches!(
            Money::parse("1.0000001万"),
            Err(MoneyError::TooManyDecimals(_))
        ));
        assert!(matches!(Money::parse("万"), Err(MoneyError::NotANumber(_))));
        assert!(matches!(
            Money::parse("12.345"),
            Err(MoneyError::TooManyDecimals(_))
        ));
        assert!(matches!(
            Money::parse("99999999999999万"),
            Err(MoneyError::TooLarge(_))
        ));
    }
}
