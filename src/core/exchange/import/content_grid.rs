//! An indicator table found by what it holds when no heading row names its columns (a
//! copy that lost the heading, a table whose headings are words no layout uses): rows
//! whose cells carry the names of the levels (产出指标, 数量指标, 社会效益 …, with or
//! without 指标 or a weight) beside values shaped like targets (≥90%, 100%, 10辆). Each
//! column is told by its cells: the levels by their words, the value by its shape, the
//! name by its length.

use super::grid_rows::{without_weight, Col, Header};
use super::source::Row;
use crate::core::template::ColumnKind;

/// 一级 and 二级 names as tables write them (without 指标).
const LEVEL1: &[&str] = &["产出", "效益", "满意度", "成本", "效果", "影响力"];
const LEVEL2: &[&str] = &[
    "数量",
    "质量",
    "时效",
    "成本",
    "经济成本",
    "社会成本",
    "生态环境成本",
    "经济效益",
    "社会效益",
    "生态效益",
    "环境效益",
    "可持续影响",
    "服务对象满意度",
    "社会公众或服务对象满意度",
    "满意度",
];

/// Rows looked at from where a table may start.
const WINDOW: usize = 12;

fn level_word(cell: &str) -> String {
    let bare: String = without_weight(cell)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    bare.trim_end_matches("指标").to_string()
}

fn is_level1(cell: &str) -> bool {
    LEVEL1.contains(&level_word(cell).as_str())
}

/// Whether `cell` names a 一级 or 二级 level (产出指标, 数量指标, 社会效益 …).
pub(super) fn is_level(cell: &str) -> bool {
    is_level1(cell) || is_level2(cell)
}

fn is_level2(cell: &str) -> bool {
    let w = level_word(cell);
    !w.is_empty() && LEVEL2.contains(&w.as_str()) && !LEVEL1.contains(&w.as_str())
        || ["数量", "质量", "时效"].contains(&w.as_str())
}

/// A value shaped like a target: a comparison and a number, a number with a unit or %,
/// a span of dates.
pub(super) fn is_target(cell: &str) -> bool {
    let t = cell.trim();
    let n = t.chars().count();
    if n == 0 || n > 24 {
        return false;
    }
    let signed = t.starts_with(['≥', '≤', '>', '<', '=', '≧', '≦', '＝', '═']);
    let has_digit = t.chars().any(|c| c.is_ascii_digit());
    let percent = t.ends_with('%') || t.ends_with('％');
    let starts_digit = t.starts_with(|c: char| c.is_ascii_digit());
    has_digit && (signed || percent || starts_digit && n <= 12)
}

/// A comparison on its own, as a 指标性质 column holds it.
fn is_sign(cell: &str) -> bool {
    let t = cell.trim();
    [
        "≥",
        "≤",
        "=",
        ">",
        "<",
        "≧",
        "≦",
        "＝",
        "═",
        "定性",
        ">=",
        "<=",
        "大于等于",
        "小于等于",
        "等于",
    ]
    .contains(&t)
}

/// A unit on its own (%, 个, 人/年, 元/人·月): short, no digits.
fn is_unit(cell: &str) -> bool {
    let t = cell.trim();
    let n = t.chars().count();
    const WORDS: &[char] = &[
        '%', '％', '个', '人', '次', '年', '月', '日', '天', '元', '万', '亩', '米', '座', '户',
        '台', '套', '项', '场', '家', '所', '辆', '本', '册', '份', '篇', '时', '分', '吨', '斤',
        '批', '期', '部', '条', '处', '张', '件', '名', '间', '栋', '株', '课', '床', '周',
    ];
    (1..=6).contains(&n)
        && !t.chars().any(|c| c.is_ascii_digit())
        && !is_sign(t)
        && t.contains(WORDS)
}

/// A number alone (the value of a table that keeps its unit in a column of its own).
fn is_number(cell: &str) -> bool {
    let t = cell.trim().replace(',', "");
    !t.is_empty() && t.parse::<f64>().is_ok()
}

/// The heading a table starting at row `i` would have, told from its cells, if the rows
/// from `i` on read as an indicator table.
pub(super) fn header_by_content(rows: &[Row], i: usize) -> Option<Header> {
    let window: Vec<Vec<String>> = rows
        .iter()
        .skip(i)
        .take(WINDOW)
        .filter(|r| !r.is_blank())
        .map(|r| r.texts())
        .collect();
    let first = window.first()?;
    // the table starts with a row naming a level, or with an indicator whose level
    // cells are empty (lost in the copy, or merged from above)
    let names_level = first.iter().any(|c| is_level1(c) || is_level2(c));
    let levels_empty = first.len() >= 4
        && first[..2].iter().all(|c| c.trim().is_empty())
        && first.iter().any(|c| is_target(c));
    if !names_level && !levels_empty {
        return None;
    }
    let width = window.iter().map(Vec::len).max()?;
    if width < 3 {
        return None;
    }
    let count = |f: &dyn Fn(&str) -> bool, c: usize| {
        window
            .iter()
            .filter(|r| r.get(c).is_some_and(|t| f(t)))
            .count()
    };
    let best = |f: &dyn Fn(&str) -> bool, skip: &[usize]| {
        (0..width)
            .filter(|c| !skip.contains(c))
            .map(|c| (count(f, c), c))
            .filter(|(n, _)| *n > 0)
            .max_by_key(|(n, c)| (*n, std::cmp::Reverse(*c)))
    };
    let l1 = best(&is_level1, &[]);
    let l2 = best(&is_level2, &l1.map(|(_, c)| vec![c]).unwrap_or_default());
    let levels: Vec<usize> = [l1, l2].iter().flatten().map(|(_, c)| *c).collect();
    let level_rows = window
        .iter()
        .filter(|r| r.iter().any(|c| is_level1(c) || is_level2(c)))
        .count();
    let (target_hits, target) = best(&is_target, &levels)?;
    if level_rows < 2 && window.len() > 2 || target_hits < 2 && level_rows < 3 {
        return None;
    }
    // a column of signs (≥ ≤ = 定性) before the value, and of units after it: the value
    // is kept in three columns
    let sign = (0..width)
        .find(|c| !levels.contains(c) && *c != target && count(&is_sign, *c) >= 2.min(target_hits));
    let numbers = count(&is_number, target);
    let unit = Some(target + 1).filter(|c| {
        *c < width
            && numbers * 2 >= target_hits
            && count(&is_unit, *c) >= 2.min(target_hits)
            && Some(*c) != sign
    });
    // the name: the column left of the value, right of the levels, with the most text
    let after_levels = levels.iter().max().map_or(0, |c| c + 1);
    let name = (after_levels..target)
        .filter(|c| !levels.contains(c) && Some(*c) != sign)
        .max_by_key(|c| {
            window
                .iter()
                .filter_map(|r| r.get(*c))
                .map(|t| t.chars().count())
                .sum::<usize>()
        })?;
    let cols = (0..width)
        .map(|c| {
            if Some(c) == l1.map(|x| x.1) {
                Col::Level1
            } else if Some(c) == l2.map(|x| x.1) {
                Col::Level2
            } else if c == name {
                Col::Kind(ColumnKind::Name)
            } else if c == target {
                Col::Kind(ColumnKind::Target)
            } else if Some(c) == sign {
                Col::Kind(ColumnKind::Sign)
            } else if Some(c) == unit {
                Col::Kind(ColumnKind::Unit)
            } else {
                Col::Other(format!("第{}列", c + 1))
            }
        })
        .collect();
    let mut header = Header { cols, score: 60 };
    header.settle();
    Some(header)
}

/// A heading row that calls its columns 一级指标 and 二级指标 where they hold the 二级
/// (数量指标, 质量指标 …) and the indicators' names (some provinces' tables): read as
/// they are, by what the rows under it hold. `None` unless the heading has both and no
/// name column, and the rows below bear that out.
pub(super) fn shifted_levels(
    heading: &[String],
    columns: &crate::core::labels::Candidates<Col>,
    below: &[Row],
) -> Option<Header> {
    // (asked of every row that is no heading: most are passed over at once)
    let says = |w: &str| heading.iter().any(|c| c.contains(w));
    if !(says("一级") && says("二级")) {
        return None;
    }
    let best = |cell: &String| {
        crate::core::labels::could_be_label(cell)
            .then(|| columns.best(&crate::core::labels::Label::new(cell)))
            .flatten()
            .map(|(col, _)| col)
    };
    let found: Vec<Option<Col>> = heading.iter().map(best).collect();
    let at = |want: Col| found.iter().position(|f| f.as_ref() == Some(&want));
    let (l1, l2) = (at(Col::Level1)?, at(Col::Level2)?);
    // (a name column left of the levels is the block's label: "绩效指标 | 一级指标 | …")
    let names_after = found
        .iter()
        .skip(l1)
        .any(|f| f.as_ref() == Some(&Col::Kind(ColumnKind::Name)));
    if l1 >= l2 || names_after {
        return None;
    }
    let rows: Vec<&Row> = below
        .iter()
        .filter(|r| !r.is_blank())
        .take(WINDOW)
        .collect();
    let cell = |r: &Row, c: usize| r.cells.get(c).map_or("", |x| x.text.trim()).to_string();
    let firsts: Vec<String> = rows
        .iter()
        .map(|r| cell(r, l1))
        .filter(|t| !t.is_empty())
        .collect();
    let seconds: Vec<String> = rows
        .iter()
        .map(|r| cell(r, l2))
        .filter(|t| !t.is_empty())
        .collect();
    // (成本 and 满意度 are a 一级 in one layout and a 二级 in another: only the others
    // tell — 产出, 效益 …)
    let only_level1 = |t: &String| is_level1(t) && !LEVEL2.contains(&level_word(t).as_str());
    let holds_groups = firsts.iter().any(|t| is_level2(t))
        && firsts.iter().all(|t| is_level(t) && !only_level1(t));
    // (an indicator may be named like a level: 服务对象满意度)
    let names = seconds.iter().filter(|t| !is_level(t)).count();
    let holds_names = names >= 2 && names * 3 >= seconds.len() * 2;
    if !(holds_groups && holds_names) {
        return None;
    }
    let mut cells = heading.to_vec();
    for (j, f) in found.iter().enumerate().take(l1) {
        if f.as_ref() == Some(&Col::Kind(ColumnKind::Name)) {
            cells[j].clear();
        }
    }
    cells[l1] = "二级指标".into();
    cells[l2] = "三级指标".into();
    super::grid_rows::header_with(&cells, columns)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(lines: &[&str]) -> Vec<Row> {
        super::super::text::read(&lines.join("\n")).rows
    }

    #[test]
    fn a_table_without_its_heading_is_told_by_its_cells() {
        let r = rows(&[
            "产出指标\t数量指标\t雾炮车配备车辆数\t10辆\t计划标准",
            "\t\t雾炮车风炮射程\t≥80M\t计划标准",
            "\t质量指标\t服务周期内空气质量\t优良\t计划标准",
            "效益指标\t社会效益指标\t市民满意程度\t≥85%\t计划标准",
        ]);
        let h = header_by_content(&r, 0).expect("a table");
        assert_eq!(h.cols[0], Col::Level1);
        assert_eq!(h.cols[1], Col::Level2);
        assert_eq!(h.cols[2], Col::Kind(ColumnKind::Name));
        assert_eq!(h.cols[3], Col::Kind(ColumnKind::Target));
        assert!(matches!(h.cols[4], Col::Other(_)));
    }

    #[test]
    fn sign_value_and_unit_columns_are_told_apart() {
        let r = rows(&[
            "效益指标\t社会效益指标\t维护社会稳定\t≥\t95\t%\t10",
            "产出指标\t时效指标\t维持时效\t≥\t1\t年\t20",
            "产出指标\t数量指标\t村组干部人数\t=\t230\t个\t10",
        ]);
        let h = header_by_content(&r, 0).expect("a table");
        assert_eq!(h.cols[2], Col::Kind(ColumnKind::Name));
        assert_eq!(h.cols[3], Col::Kind(ColumnKind::Sign));
        assert_eq!(h.cols[4], Col::Kind(ColumnKind::Value));
        assert_eq!(h.cols[5], Col::Kind(ColumnKind::Unit));
    }

    #[test]
    fn rows_of_other_things_are_no_table() {
        for lines in [
            &["项目名称\t某项目", "年度资金总额\t100", "实施单位\t某单位"][..],
            &["产出指标\t数量指标\t培训人次"][..],
            &["数量\t100\t200\t300", "质量\t1\t2\t3"][..],
            &[
                "项目金额\t164万元",
                "产出指标\t数量指标\t人次\t280人次",
                "\t\t课程\t220",
            ][..],
        ] {
            assert!(header_by_content(&rows(lines), 0).is_none(), "{lines:?}");
        }
    }
}
