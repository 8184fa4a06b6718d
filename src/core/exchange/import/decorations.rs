//! The printed form's own words that hold no value — its title, headings, the money
//! block's heading, "单位：万元" — told apart from labels and values in a file.

use super::values::year_in;
use crate::core::labels::Label;
use crate::core::template::Template;

/// The template's title and headings as compared with cells (worked out once: every
/// cell of a file is asked whether it is one).
pub(super) struct Decorations {
    words: Vec<String>,
    /// Grid headings without their year ("{year}年绩效目标" → 年绩效目标).
    headings: Vec<String>,
    /// The signature block's labels ("填表人", "财政部门审核意见").
    signature: Vec<String>,
}

impl Decorations {
    pub(super) fn of(t: &Template) -> Decorations {
        let mut words: Vec<String> = [
            t.title.as_str(),
            "绩效目标",
            "绩效指标",
            "单位：万元",
            "单位：元",
        ]
        .iter()
        .filter(|k| !k.is_empty())
        .map(|k| Label::new(k).core)
        .collect();
        if let Some(m) = t.money.as_ref().filter(|m| !m.heading.is_empty()) {
            words.push(Label::new(&m.heading).core);
        }
        words.extend(t.grids.iter().map(|g| Label::new(&g.label).core));
        let headings = t
            .grids
            .iter()
            .map(|g| Label::new(&g.heading.replace("{year}", "")).core)
            .collect();
        let signature = t
            .signature
            .iter()
            .map(|x| Label::new(x).core)
            .filter(|x| x.chars().count() >= 2)
            .collect();
        Decorations {
            words,
            headings,
            signature,
        }
    }
}

impl Decorations {
    /// Whether `text` is one of them (or a year line, or a unit note).
    pub(super) fn holds(&self, text: &str) -> bool {
        if !crate::core::labels::could_be_label(text) {
            return false;
        }
        let core = Label::new(text).core;
        // the title with the year before it ("2023年项目支出绩效目标申报表")
        let undated = core.trim_start_matches(|c: char| c.is_ascii_digit());
        let dated = (core.len() - undated.len() == 4)
            .then(|| undated.trim_start_matches("年度").trim_start_matches('年'));
        self.words.contains(&core)
            || dated.is_some_and(|d| self.words.iter().any(|w| w == d))
            || self
                .headings
                .iter()
                .any(|h| *h == core.trim_start_matches(|c: char| c.is_ascii_digit()))
            || year_in(text).is_some() && text.chars().count() <= 12
            || core.starts_with("金额单位")
            || core.starts_with("单位")
            || is_a_title(&core)
    }

    /// Whether `text`, under the tables, is a blank line of the signature block: its
    /// labels with nothing written after them ("填表人：  联系电话：  填报日期：  年 月 日").
    /// A line with a name or number written in is listed as not imported instead.
    pub(super) fn signs(&self, text: &str) -> bool {
        if !crate::core::labels::could_be_label(text) {
            return false;
        }
        let mut rest: String = text
            .chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, ':' | '：' | '_' | '＿' | '﹍' | '﹎'))
            .collect();
        let mut found = false;
        for label in &self.signature {
            if rest.contains(label.as_str()) {
                rest = rest.replacen(label.as_str(), "", 1);
                found = true;
            }
        }
        for filler in ["（盖章）", "(盖章)", "盖章", "年月日", "签字", "签章"] {
            rest = rest.replace(filler, "");
        }
        found && rest.is_empty()
    }
}

/// A form's title as other layouts word it, with or without its year
/// ("2025年度项目支出绩效目标表", "二〇二三年度部门预算项目绩效目标申报表", "项目支出绩效自评表").
pub(super) fn is_a_title(core: &str) -> bool {
    core.chars().count() <= 32
        && core.contains("绩效")
        && ["表", "表（续）", "表(续)"]
            .iter()
            .any(|e| core.ends_with(e))
        && !core.contains("：")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_title_with_its_year_is_no_value_but_a_label_stays_one() {
        let mut t = crate::core::template::built_in("national-101")
            .unwrap()
            .clone();
        t.title = "项目支出绩效目标申报表".into();
        t.signature = vec!["填表人".into(), "财政部门审核意见".into()];
        let d = Decorations::of(&t);
        assert!(d.holds("2023年项目支出绩效目标申报表"));
        assert!(d.holds("项目支出绩效目标申报表"));
        assert!(!d.holds("年度绩效目标"));
        assert!(!d.holds("年度绩效目标(文字)"));
        assert!(
            d.holds("2025年度项目支出绩效目标表"),
            "another layout's title"
        );
        assert!(d.holds("二〇二三年度部门预算项目绩效目标申报表"));
        assert!(!d.holds("绩效目标完成情况"));
        assert!(d.signs("填表人：　　财政部门审核意见（盖章） 年 月 日"));
        assert!(!d.signs("填表人：某某"), "a name written in is listed");
        assert!(!d.signs("项目负责人"));
        // blanks drawn with full-width low lines (this program's own PDF)
        assert!(d.signs("填表人：＿＿＿＿＿＿　　财政部门审核意见：＿＿＿＿"));
    }
}
