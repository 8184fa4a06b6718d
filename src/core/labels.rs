//! Matching a label found in a file to a field or column by meaning: the label is
//! cleaned of what varies around it (spaces from wrapping, asterisks, colons, numbering,
//! a unit or note in brackets, prefixes like 本年度), then compared with each candidate's
//! own label and the labels known to mean the same, and finally by shared wording.

use crate::core::label_words::SAME_MEANING;

/// Words that qualify a label without changing what it is.
const PREFIXES: &[&str] = &["本年度", "年度", "本年", "当年", "本项目", "项目", "本"];
const SUFFIXES: &[&str] = &["名称", "及代码", "代码", "情况", "内容"];

/// Words naming what kind of thing a label is (a code, a category, a rate): two labels
/// differing in one are never the same by shared wording.
const KINDS: &[&str] = &[
    "代码",
    "编码",
    "编号",
    "分类",
    "科目",
    "性质",
    "类型",
    "类别",
    "执行率",
    "比例",
];

/// Which of [`KINDS`] `stem` has, one bit each (worked out once per label).
fn kinds_of(stem: &str) -> u16 {
    KINDS
        .iter()
        .enumerate()
        .filter(|(_, k)| stem.contains(*k))
        .fold(0, |bits, (i, _)| bits | 1 << i)
}

/// Longer text is a value, never a label or heading (and is not compared, which keeps a
/// hostile multi-megabyte cell cheap).
pub const MAX_LABEL_BYTES: usize = 300;

/// Whether `text` is short enough to be a label at all.
pub fn could_be_label(text: &str) -> bool {
    text.len() <= MAX_LABEL_BYTES
}

/// A label as found, cleaned for comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// The words that name the thing: no spaces, marks, numbering or brackets.
    pub core: String,
    /// What was in brackets ("万元", "文字"), if anything.
    pub note: String,
    /// Marked required with an asterisk.
    pub starred: bool,
    /// `core` without qualifying words, and the same-meaning groups of both: worked out
    /// once, as a label found in a file is compared with every candidate.
    stem: String,
    groups: &'static [usize],
    stem_groups: &'static [usize],
    /// The stem's length in characters, and which characters it has (a 128-bit sketch),
    /// for turning most comparisons down at once.
    stem_chars: usize,
    sketch: u128,
    /// Which of [`KINDS`] the stem has, one bit each.
    kinds: u16,
}

/// A 128-bit sketch of the characters of `s`: two texts whose sketches share no bit
/// share no character.
fn sketch(s: &str) -> u128 {
    s.chars().fold(0u128, |acc, c| {
        acc | 1u128 << ((c as u32).wrapping_mul(2_654_435_761) >> 25)
    })
}

impl Label {
    pub fn new(raw: &str) -> Label {
        let mut text = String::with_capacity(raw.len());
        text.extend(
            raw.chars()
                .filter(|c| !c.is_whitespace() && *c != '\u{3000}' && *c != '\u{a0}')
                // full-width letters and digits as their ASCII selves
                .map(|c| match c {
                    '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => {
                        char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
                    }
                    c => c,
                }),
        );
        let starred = text.contains(['*', '＊', '★']);
        text.retain(|c| !matches!(c, '*' | '＊' | '★' | '※'));
        let text = text.trim_end_matches([':', '：', '；', ';', '，', ',', '、', '.', '。']);
        let text = strip_numbering(text);
        // "其中：财政拨款": a part of the amount above, named 财政拨款
        let text = match text.strip_prefix("其中") {
            Some(rest) if rest.trim_start_matches([':', '：']).chars().count() >= 2 => {
                rest.trim_start_matches([':', '：'])
            }
            _ => text,
        };
        let (core, note) = split_brackets(text);
        let stem = stem(&without_years(&core)).to_string();
        Label {
            groups: groups_of(&core),
            stem_groups: groups_of(&stem),
            stem_chars: stem.chars().count(),
            sketch: sketch(&stem),
            kinds: kinds_of(&stem),
            core,
            note,
            starred,
            stem,
        }
    }

    /// The unit written with the label: 万元 or 元.
    pub fn money_unit(&self) -> Option<&'static str> {
        if self.note.contains("万元") || self.core.ends_with("万元") {
            Some("万元")
        } else if self.note.contains('元') || self.core.ends_with('元') {
            Some("元")
        } else {
            None
        }
    }
}

/// "一、" "（一）" "1." "1、" "(2)" at the start of a label.
fn strip_numbering(text: &str) -> &str {
    let numeral = |c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c);
    let t = text;
    let inner = t
        .strip_prefix(['（', '('])
        .map(|r| r.trim_start_matches(numeral))
        .and_then(|r| r.strip_prefix(['）', ')']));
    if let Some(rest) = inner {
        if !rest.is_empty() {
            return rest;
        }
    }
    let after = t.trim_start_matches(numeral);
    if after.len() < t.len() {
        if let Some(rest) = after.strip_prefix(['、', '.', '．', ')', '）']) {
            if !rest.is_empty() {
                return rest;
            }
        }
    }
    t
}

/// "年度资金总额（万元）" → ("年度资金总额", "万元"); brackets inside are kept
/// ("评（扣）分标准").
fn split_brackets(text: &str) -> (String, String) {
    let mut core = String::with_capacity(text.len());
    if !text.contains(['（', '(', '【', '[']) {
        // most cells: no bracket at all
        core.push_str(text);
        return (core, String::new());
    }
    let mut note = String::new();
    let mut depth = 0usize;
    let mut group = String::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '（' | '(' | '【' | '[' => {
                if depth == 0 {
                    group.clear();
                }
                depth += 1;
            }
            '）' | ')' | '】' | ']' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    let at_end = i + 1 == chars.len();
                    // a short bracket in the middle of a word is part of it: 评（扣）分
                    if at_end || group.chars().count() > 2 {
                        if !note.is_empty() {
                            note.push(' ');
                        }
                        note.push_str(&group);
                    } else {
                        core.push('（');
                        core.push_str(&group);
                        core.push('）');
                    }
                }
            }
            c if depth > 0 => group.push(c),
            c => core.push(c),
        }
    }
    if depth > 0 {
        core.push_str(&group);
    }
    (core, note)
}

/// A label without the years in it: "预期2022年实现值" → "预期实现值", "2021年实际实现值"
/// → "实际实现值" (the same column every year).
fn without_years(core: &str) -> String {
    let chars: Vec<char> = core.chars().collect();
    let mut out = String::with_capacity(core.len());
    let mut i = 0;
    while i < chars.len() {
        let year = i + 4 <= chars.len()
            && chars[i..i + 4].iter().all(char::is_ascii_digit)
            && (i == 0 || !chars[i - 1].is_ascii_digit())
            && chars.get(i + 4) == Some(&'年');
        if year {
            i += 5;
            if chars.get(i) == Some(&'度') {
                i += 1;
            }
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    if out.chars().count() >= 2 {
        out
    } else {
        core.to_string()
    }
}

/// Removes qualifying prefixes and suffixes: "本年度申请预算资金" → "申请预算资金".
fn stem(core: &str) -> &str {
    let mut s = core;
    for p in PREFIXES {
        if let Some(rest) = s.strip_prefix(p) {
            // never down to a bare word: 项目名称 stays, 本年度申请预算资金 goes
            if rest.chars().count() >= 3 {
                s = rest;
                break;
            }
        }
    }
    for x in SUFFIXES {
        if let Some(rest) = s.strip_suffix(x) {
            if rest.chars().count() >= 3 {
                s = rest;
                break;
            }
        }
    }
    s
}

/// Whether `text` is a label forms use for something (a field, an amount, a column)
/// in some layout.
pub fn is_known(text: &str) -> bool {
    if !could_be_label(text) {
        return false;
    }
    let label = Label::new(text);
    SAME_MEANING
        .iter()
        .flat_map(|group| group.iter())
        .any(|word| score(&label, word) >= STEM)
}

/// How sure a match is, 0–100.
pub type Score = u8;

/// Scores that decide: equal wording, a known same-meaning label, the same stem.
pub const EXACT: Score = 100;
pub const SYNONYM: Score = 90;
pub const STEM: Score = 80;
/// Below this a label is not taken to mean the candidate.
pub const THRESHOLD: Score = 60;

/// How well the label `found` means `candidate` (a template's own label).
pub fn score(found: &Label, candidate: &str) -> Score {
    score_prepared(found, &prepared(candidate))
}

/// [`score`] against a candidate cleaned beforehand.
fn score_prepared(found: &Label, cand: &Prepared) -> Score {
    if found.core.is_empty() || cand.core.is_empty() {
        return 0;
    }
    if found.core == cand.core {
        return EXACT;
    }
    let (fs, cs) = (found.stem.as_str(), cand.stem.as_str());
    let (found_groups, found_stem_groups) = (found.groups, found.stem_groups);
    let shares = |a: &[usize], b: &[usize]| a.iter().any(|g| b.contains(g));
    if shares(found_groups, cand.groups)
        || shares(found_stem_groups, cand.groups)
        || shares(found_groups, cand.stem_groups)
    {
        return SYNONYM;
    }
    if fs == cs || shares(found_stem_groups, cand.stem_groups) {
        return STEM;
    }
    // Shared wording below scores under THRESHOLD (which no caller tells from 0) unless
    // the shorter is at least a third of the longer and they share a character: most
    // cells of a file are compared with every label, so these must be cheap.
    let (fl, cl) = (found.stem_chars, cand.stem_chars);
    if fl.min(cl) * 3 < fl.max(cl) || found.sketch & cand.sketch == 0 {
        return 0;
    }
    // a word that makes a label name another thing than the amount or field it shares
    // wording with: 财政资金科目代码 is no 财政资金, 资金性质 no 资金, 年度预算执行率 no 年度预算
    if found.kinds != cand.kinds {
        return 0;
    }
    // shared wording: one contains the other, or many character pairs in common
    let (a, b) = (fs, cs);
    let (short, long) = if a.chars().count() <= b.chars().count() {
        (a, b)
    } else {
        (b, a)
    };
    let contained = short.chars().count() >= 2 && long.contains(short);
    // the words of one in the other with others between: 年度目标 in 年度绩效目标
    let mut rest = long.chars();
    let spread = short.chars().count() >= 3 && short.chars().all(|c| rest.any(|l| l == c));
    let dice = dice(a, b);
    let mut s = (dice * 75.0) as Score;
    if contained {
        // "项目名称" inside "项目名称及编号": close; "单位" inside "实施单位": weak
        // (a two-character word inside a long heading is no match: 年度 in 2026年度绩效指标)
        let ratio = short.chars().count() as f32 / long.chars().count() as f32;
        s = s.max((50.0 + 30.0 * ratio) as Score);
    }
    if spread {
        let ratio = short.chars().count() as f32 / long.chars().count() as f32;
        s = s.max((50.0 + 25.0 * ratio) as Score);
    }
    s.min(STEM - 1)
}

/// A candidate label cleaned once: a template's labels are compared with every cell
/// of a file.
pub struct Prepared {
    core: String,
    stem: String,
    groups: &'static [usize],
    stem_groups: &'static [usize],
    stem_chars: usize,
    sketch: u128,
    /// Which of [`KINDS`] the stem has, one bit each.
    kinds: u16,
}

fn prepared(candidate: &str) -> std::rc::Rc<Prepared> {
    use std::cell::RefCell;
    use std::collections::HashMap;
    use std::rc::Rc;
    thread_local! {
        static CACHE: RefCell<HashMap<String, Rc<Prepared>>> = RefCell::new(HashMap::new());
    }
    CACHE.with(|cache| {
        if let Some(p) = cache.borrow().get(candidate) {
            return p.clone();
        }
        let label = Label::new(candidate);
        let p = Rc::new(Prepared {
            groups: label.groups,
            stem_groups: label.stem_groups,
            stem_chars: label.stem_chars,
            sketch: label.sketch,
            kinds: label.kinds,
            core: label.core,
            stem: label.stem,
        });
        let mut cache = cache.borrow_mut();
        // candidates are a template's labels and choices: a few hundred at most
        if cache.len() > 10_000 {
            cache.clear();
        }
        cache.insert(candidate.to_string(), p.clone());
        p
    })
}

/// The groups of [`SAME_MEANING`] a word is in.
fn groups_of(word: &str) -> &'static [usize] {
    use std::collections::HashMap;
    use std::sync::OnceLock;
    static INDEX: OnceLock<HashMap<&'static str, Vec<usize>>> = OnceLock::new();
    let index = INDEX.get_or_init(|| {
        let mut index: HashMap<&'static str, Vec<usize>> = HashMap::new();
        for (i, group) in SAME_MEANING.iter().enumerate() {
            for word in *group {
                index.entry(word).or_default().push(i);
            }
        }
        index
    });
    index.get(word).map_or(&[], Vec::as_slice)
}

/// Character-pair overlap of two labels (Sørensen–Dice), 0–1.
fn dice(a: &str, b: &str) -> f32 {
    // labels are short: pairs on the stack, none of them allocated
    let mut pa = [('\0', '\0'); 64];
    let mut pb = [('\0', '\0'); 64];
    let fill = |s: &str, out: &mut [(char, char); 64]| -> usize {
        let mut n = 0;
        let mut prev = None;
        for c in s.chars() {
            if let Some(p) = prev {
                if n == out.len() {
                    break;
                }
                out[n] = (p, c);
                n += 1;
            }
            prev = Some(c);
        }
        n
    };
    let (na, mut nb) = (fill(a, &mut pa), fill(b, &mut pb));
    if na == 0 || nb == 0 {
        return 0.0;
    }
    let total = na + nb;
    let mut common = 0;
    for p in &pa[..na] {
        if let Some(i) = pb[..nb].iter().position(|q| q == p) {
            pb[i] = pb[nb - 1];
            nb -= 1;
            common += 1;
        }
    }
    2.0 * common as f32 / total as f32
}

/// Candidates (each with the labels it goes by) cleaned once, for comparing many labels
/// found in a file with them.
pub struct Candidates<T> {
    items: Vec<(T, Vec<std::rc::Rc<Prepared>>)>,
}

impl<T: Clone> Candidates<T> {
    pub fn new<'a, S: AsRef<str> + 'a>(
        candidates: impl IntoIterator<Item = (T, &'a [S])>,
    ) -> Candidates<T> {
        Candidates {
            items: candidates
                .into_iter()
                .map(|(item, labels)| (item, labels.iter().map(|l| prepared(l.as_ref())).collect()))
                .collect(),
        }
    }

    /// Each candidate with how well `found` means it.
    pub fn scores<'s>(&'s self, found: &'s Label) -> impl Iterator<Item = (&'s T, Score)> + 's {
        self.items.iter().map(move |(item, labels)| {
            let s = labels
                .iter()
                .map(|l| score_prepared(found, l))
                .max()
                .unwrap_or(0);
            (item, s)
        })
    }

    /// The best for `found`, if it reaches the threshold; a tie goes to the first.
    pub fn best(&self, found: &Label) -> Option<(T, Score)> {
        let mut best: Option<(&T, Score)> = None;
        for (item, s) in self.scores(found) {
            if s >= THRESHOLD && best.is_none_or(|(_, b)| s > b) {
                best = Some((item, s));
            }
        }
        best.map(|(t, s)| (t.clone(), s))
    }
}

/// The best of `candidates` (each with the labels it goes by) for the label `found`, if
/// it reaches the threshold; a tie goes to the first.
pub fn best<'a, T: Copy>(
    found: &Label,
    candidates: impl IntoIterator<Item = (T, &'a [&'a str])>,
) -> Option<(T, Score)> {
    let mut best: Option<(T, Score)> = None;
    for (item, labels) in candidates {
        let s = labels.iter().map(|l| score(found, l)).max().unwrap_or(0);
        if s >= THRESHOLD && best.is_none_or(|(_, b)| s > b) {
            best = Some((item, s));
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(found: &str, candidate: &str) -> Score {
        score(&Label::new(found), candidate)
    }

    #[test]
    fn labels_in_the_wild_land_on_their_field() {
        for (found, field) in [
            ("项目 名称", "项目名称"),
            ("项目名称：", "项目名称"),
            ("*项目名称", "项目名称"),
            ("一、项目名称", "项目名称"),
            ("主管部门及代码", "主管部门"),
            ("一级主管部门名称", "主管部门"),
            ("申报单位名称", "实施单位"),
            ("项目单位", "实施单位"),
            ("项目起止时间", "项目期"),
            ("实施周期", "项目期"),
            ("本年度申请预算资金（万元）", "年度资金总额"),
            ("年度资金申请总额", "年度资金总额"),
            ("三级目标", "三级指标"),
            ("指标名称", "三级指标"),
            ("*指标值", "指标值"),
            ("计划指标值(或计划水平)", "指标值"),
            ("年度指标值", "指标值"),
            ("计量单位", "度量单位"),
            ("评 （扣） 分标准", "评（扣）分标准"),
            ("评分标准", "评（扣）分标准"),
            // 甘肃: a project under a program, its investment and this year's request
            ("二级项目名称", "项目名称"),
            ("项目总投资", "中期资金总额"),
            ("预算申报数", "年度资金总额"),
            ("其中:其它资金", "其他资金"),
            ("基本情况", "项目概况"),
            ("项目立项必要性", "项目设立的必要性"),
            ("政策依据", "立项依据"),
        ] {
            assert!(
                s(found, field) >= STEM,
                "{found} → {field}: {}",
                s(found, field)
            );
        }
    }

    #[test]
    fn an_unseen_variant_still_lands_by_its_wording() {
        assert!(s("项目实施单位全称", "实施单位") >= THRESHOLD);
        assert!(s("本年度资金总额合计", "年度资金总额") >= THRESHOLD);
        assert!(s("项目主管部门（单位）", "主管部门") >= STEM);
        assert!(s("指标目标值（2026年）", "指标值") >= STEM);
    }

    #[test]
    fn different_things_stay_apart() {
        for (found, field) in [
            ("项目名称", "实施单位"),
            ("指标值设定依据", "三级指标"),
            ("财政拨款", "其他资金"),
            ("一级指标", "二级指标"),
            ("联系电话", "项目负责人"),
            ("2026年度绩效指标", "年度"),
            ("项目单位名称及统一社会信用代码", "项目"),
            // a code, a category, a rate is not the amount it shares words with
            ("财政资金科目代码", "其中：财政资金"),
            ("财政资金预算分类", "其中：财政资金"),
            ("资金性质", "其他资金"),
            ("年度预算执行率", "年度预算"),
            ("一级项目名称", "项目名称"),
        ] {
            assert!(
                s(found, field) < THRESHOLD,
                "{found} ≠ {field}: {}",
                s(found, field)
            );
        }
        // the more specific candidate wins
        let found = Label::new("指标值设定依据");
        let pick = best(
            &found,
            [
                ("value", &["指标值"][..]),
                ("basis", &["指标值设定依据"][..]),
            ],
        );
        assert_eq!(pick.map(|p| p.0), Some("basis"));
    }

    #[test]
    fn units_and_notes_are_kept_apart_from_the_words() {
        let l = Label::new("年度资金总额（万元）");
        assert_eq!(l.core, "年度资金总额");
        assert_eq!(l.money_unit(), Some("万元"));
        assert_eq!(Label::new("财政拨款(元)").money_unit(), Some("元"));
        assert_eq!(Label::new("项目概况（文字）").note, "文字");
        assert_eq!(Label::new("评（扣）分标准").core, "评（扣）分标准");
        assert!(Label::new("＊ 项目名称").starred);
        assert_eq!(Label::new("（二）立项依据").core, "立项依据");
        assert_eq!(Label::new("1.项目概况").core, "项目概况");
    }
}
