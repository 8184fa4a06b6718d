//! The bundled library of common indicators (assets/library/common-indicators.ron): each
//! entry with its project type, 一级, 二级, name, usual 指标性质 and unit, an example value,
//! a one-line 指标解释 and, where common, a 评分标准. Searched by words, by pinyin (full or
//! initials, "pxrc" finds 培训人次), by type and 一级; chosen entries become indicators of
//! a form in its template's columns.

use std::sync::OnceLock;

use pinyin::ToPinyin;
use serde::Deserialize;

use crate::core::model::{Form, Goal, Group, Indicator};
use crate::core::template::{ColumnKind, Template};

/// One common indicator.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// Project type (培训, 会议, 购置 …; 通用 fits any).
    pub kind: String,
    pub level1: String,
    pub level2: String,
    pub name: String,
    /// ≥ ≤ = or 定性.
    pub sign: String,
    /// An example value (a word where the sign is 定性).
    pub value: String,
    #[serde(default)]
    pub unit: String,
    pub explanation: String,
    #[serde(default)]
    pub scoring: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "Library")]
struct File {
    entries: Vec<Entry>,
}

/// The library with each entry's search keys.
#[derive(Debug)]
pub struct Library {
    pub entries: Vec<Entry>,
    /// Per entry: its name's pinyin in full and its initials, lower case.
    keys: Vec<(String, String)>,
}

/// The type the clerk's own indicators (我的指标) are listed under.
pub const MINE: &str = "我的指标";

const BUNDLED: &str = include_str!("../../assets/library/common-indicators.ron");

/// The bundled library, read once.
pub fn bundled() -> &'static Library {
    static LIBRARY: OnceLock<Library> = OnceLock::new();
    LIBRARY.get_or_init(|| parse(BUNDLED).expect("the bundled library reads"))
}

/// A library from its file's text; the message says what is wrong (for a clerk's own).
pub fn parse(text: &str) -> Result<Library, String> {
    let file: File = ron::from_str(text).map_err(|e| format!("指标库文件有误：{e}"))?;
    Ok(Library::from_entries(file.entries))
}

/// The pinyin of `text` in full ("peixunrenci") and its initials ("pxrc"); other
/// characters as they are, lower case.
pub fn pinyin_keys(text: &str) -> (String, String) {
    let mut full = String::new();
    let mut initials = String::new();
    for (c, p) in text.chars().zip(text.to_pinyin()) {
        match p {
            Some(p) => {
                full.push_str(p.plain());
                initials.push_str(p.first_letter());
            }
            None if c.is_ascii_alphanumeric() => {
                let c = c.to_ascii_lowercase();
                full.push(c);
                initials.push(c);
            }
            None => {}
        }
    }
    (full, initials)
}

impl Library {
    /// A library of `entries` (the clerk's own indicators, for one).
    pub fn from_entries(entries: Vec<Entry>) -> Library {
        let keys = entries.iter().map(|e| pinyin_keys(&e.name)).collect();
        Library { entries, keys }
    }

    /// The project types in the library's order.
    pub fn kinds(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for e in &self.entries {
            if !out.contains(&e.kind.as_str()) {
                out.push(&e.kind);
            }
        }
        out
    }

    /// Entries matching `query` (words of the name, 二级 or explanation; or the name's
    /// pinyin, full or initials), of type `kind` (with the 通用 ones) and 一级 `level1`
    /// when given; in the library's order.
    pub fn search(&self, query: &str, kind: Option<&str>, level1: Option<&str>) -> Vec<usize> {
        let q: String = query
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_lowercase();
        self.entries
            .iter()
            .enumerate()
            .filter(|(_, e)| kind.is_none_or(|k| e.kind == k || e.kind == "通用"))
            .filter(|(_, e)| level1.is_none_or(|l| e.level1.contains(l) || l.contains(&*e.level1)))
            .filter(|(i, e)| {
                q.is_empty()
                    || e.name.contains(&q)
                    || e.level2.contains(&q)
                    || e.explanation.contains(&q)
                    || (q.is_ascii() && {
                        let (full, initials) = &self.keys[*i];
                        full.contains(&q) || initials.contains(&q)
                    })
            })
            .map(|(i, _)| i)
            .collect()
    }
}

/// The entry as an indicator in `template`'s grid `grid` columns: one value cell
/// ("≥500人次"; a 定性 value alone) or 指标性质 / 指标值 / 度量单位, and its explanation
/// and scoring rule where the grid has columns for them.
pub fn to_indicator(entry: &Entry, template: &Template, grid: usize) -> Indicator {
    let mut ind = Indicator::new(entry.name.clone(), "");
    let Some(spec) = template.grids.get(grid) else {
        return ind;
    };
    let qualitative = entry.sign == "定性";
    if spec.has(ColumnKind::Target) || !spec.has(ColumnKind::Value) {
        ind.target = if qualitative {
            entry.value.clone()
        } else {
            format!("{}{}{}", entry.sign, entry.value, entry.unit)
        };
    } else {
        if spec.has(ColumnKind::Sign) {
            ind.set_cell(ColumnKind::Sign, entry.sign.clone());
        }
        ind.set_cell(ColumnKind::Value, entry.value.clone());
        if spec.has(ColumnKind::Unit) {
            ind.set_cell(ColumnKind::Unit, entry.unit.clone());
        } else if !entry.unit.is_empty() {
            ind.set_cell(ColumnKind::Value, format!("{}{}", entry.value, entry.unit));
        }
    }
    // (the clerk's own indicators' "explanation" says where they were used)
    if spec.has(ColumnKind::Explanation) && entry.kind != MINE {
        ind.set_cell(ColumnKind::Explanation, entry.explanation.clone());
    }
    if spec.has(ColumnKind::Scoring) && !entry.scoring.is_empty() {
        ind.set_cell(ColumnKind::Scoring, entry.scoring.clone());
    }
    ind
}

/// Where chosen entries go: a group of the grid (all of them there), or `None` for each
/// under its own 一级 and 二级 (found by name in the grid, or added).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Destination {
    pub grid: usize,
    pub group: Option<(usize, usize)>,
}

/// `form` with `entries` added at `to`; returns it and how many were added.
pub fn add_entries(
    form: &Form,
    template: &Template,
    to: Destination,
    entries: &[&Entry],
) -> (Form, usize) {
    let mut out = form.clone();
    let Some(grid) = out.grids.get_mut(to.grid) else {
        return (out, 0);
    };
    let mut added = 0;
    for e in entries {
        let ind = to_indicator(e, template, to.grid);
        let target = match to.group {
            Some((g, gr)) => grid
                .goals
                .get_mut(g)
                .and_then(|goal| goal.groups.get_mut(gr)),
            None => {
                let same = |a: &str, b: &str| a.contains(b) || b.contains(a);
                let g = match grid.goals.iter().position(|x| same(&x.name, &e.level1)) {
                    Some(g) => g,
                    None => {
                        grid.goals.push(Goal::new(e.level1.clone()));
                        grid.goals.len() - 1
                    }
                };
                let groups = &mut grid.goals[g].groups;
                let gr = match groups.iter().position(|x| same(&x.name, &e.level2)) {
                    Some(gr) => gr,
                    None => {
                        groups.push(Group::new(e.level2.clone()));
                        groups.len() - 1
                    }
                };
                groups.get_mut(gr)
            }
        };
        if let Some(group) = target {
            group.indicators.push(ind);
            added += 1;
        }
    }
    (out, added)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_library_is_large_varied_and_consistent() {
        let lib = bundled();
        assert!(lib.entries.len() >= 300, "{}", lib.entries.len());
        let kinds = lib.kinds();
        for k in [
            "培训",
            "会议",
            "购置",
            "工程建设与修缮",
            "信息化建设与运维",
            "课题研究与规划",
            "宣传活动",
            "补助与救助",
            "购买服务",
            "日常运转",
            "衔接资金/乡村振兴",
        ] {
            assert!(kinds.contains(&k), "{k}");
        }
        for e in &lib.entries {
            assert!(
                ["产出指标", "效益指标", "满意度指标"].contains(&e.level1.as_str()),
                "{e:?}"
            );
            assert!(["≥", "≤", "=", "定性"].contains(&e.sign.as_str()), "{e:?}");
            assert!(!e.value.is_empty() && !e.explanation.is_empty(), "{e:?}");
            assert!(e.name.chars().count() <= 40, "{e:?}");
            if e.sign != "定性" {
                assert!(
                    crate::core::scoring::Dec::first_in(&e.value).is_some(),
                    "a number: {e:?}"
                );
            }
        }
        let mut names: Vec<(&str, &str)> = lib
            .entries
            .iter()
            .map(|e| (e.kind.as_str(), e.name.as_str()))
            .collect();
        names.sort();
        let before = names.len();
        names.dedup();
        assert_eq!(before, names.len(), "no entry twice in one type");
    }

    #[test]
    fn search_by_words_pinyin_initials_type_and_level() {
        let lib = bundled();
        let names = |ids: Vec<usize>| -> Vec<&str> {
            ids.into_iter()
                .map(|i| lib.entries[i].name.as_str())
                .collect()
        };
        assert!(names(lib.search("pxrc", None, None)).contains(&"培训人次"));
        assert!(names(lib.search("peixunrenci", None, None)).contains(&"培训人次"));
        assert!(
            names(lib.search("考核合格人数", None, None)).contains(&"培训合格率"),
            "by explanation"
        );
        let sat = names(lib.search("满意度", Some("会议"), Some("满意度指标")));
        assert!(sat.contains(&"参会人员满意度"));
        assert!(
            sat.contains(&"社会公众满意度"),
            "通用 entries go with every type"
        );
        assert!(!sat.contains(&"参训学员满意度"), "another type's left out");
        assert!(lib.search("zzzzqq", None, None).is_empty());
    }
}
