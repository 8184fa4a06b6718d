//! Starting this year's form from last year's: the yearly routine of every clerk.

use chrono::{Datelike, NaiveDate};

use crate::core::model::{FieldId, Form};
use crate::core::money::Money;
use crate::core::review::{excerpt, ReviewItem};
use crate::core::template::{FieldKind, RollMoney, Template};
use crate::core::validate::{display_name, short_label, Location};

/// Last year's form carried to the next year, with what must be looked at again.
#[derive(Debug, Clone)]
pub struct Rollover {
    pub form: Form,
    pub review: Vec<ReviewItem>,
}

/// The year a new form is most likely for on `today`: forms are made in the autumn for
/// the coming year, so from October on it is next year.
pub fn proposed_year(today: NaiveDate) -> i32 {
    if today.month() >= 10 {
        today.year() + 1
    } else {
        today.year()
    }
}

/// The same day one year later; 29 February becomes 28 February.
pub fn next_year_date(date: NaiveDate) -> NaiveDate {
    let year = date.year() + 1;
    if year > 9999 {
        // no five-digit years in a form ("+10000-12-31"): the date stays for review
        return date;
    }
    NaiveDate::from_ymd_opt(year, date.month(), date.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, date.month(), 28))
        .unwrap_or(date)
}

/// Why next year's form cannot be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RolloverError {
    #[error("上年文件的年度 {0} 无效，无法推算下一年度（年度应在 1990–2200 之间）")]
    YearOutOfRange(i32),
}

fn item(location: Location, place: String, message: String) -> ReviewItem {
    ReviewItem::new(location, place, message)
}

/// Makes next year's form from `last`, by the rules of its `template` (dates a year
/// on, money rows kept, cleared or taken from another row). `last` is not changed.
pub fn rollover(last: &Form, template: &Template) -> Result<Rollover, RolloverError> {
    let year = last
        .year
        .checked_add(1)
        .filter(|y| (1990..=2201).contains(y))
        .ok_or(RolloverError::YearOutOfRange(last.year))?;
    let mut form = last.clone();
    form.year = year;
    let mut review = Vec::new();
    // amounts carried over as they were: said last, after what must be filled in
    let mut kept = Vec::new();
    if let Some(block) = &template.money {
        for row in &block.rows {
            let place = row.label.clone();
            let location = Location::Field(FieldId::money(&row.id));
            match &row.rollover {
                RollMoney::Keep => {
                    let amount = last.money(&row.id);
                    if !amount.is_unknown() {
                        kept.push(item(
                            location,
                            place,
                            format!(
                                "{}沿用了上年的数额 {} {}，请按今年的预算核对",
                                short_label(&row.label),
                                crate::core::money_unit::grouped_in(amount, block.unit),
                                block.unit.label()
                            ),
                        ));
                    }
                }
                RollMoney::Clear => {
                    form.money.insert(row.id.clone(), Money::UNKNOWN);
                    review.push(item(
                        location,
                        place,
                        format!(
                            "请填写{}（{} 年的实际数）",
                            short_label(&row.label),
                            last.year
                        ),
                    ));
                }
                RollMoney::From(source) => {
                    let amount = last.money(source);
                    form.money.insert(row.id.clone(), amount);
                    if amount.is_unknown() {
                        let source_label = template
                            .money_row(source)
                            .map_or(source.as_str(), |r| short_label(&r.label));
                        review.push(item(
                            location,
                            place,
                            format!(
                                "上年文件中没有{source_label}，请填写{}",
                                short_label(&row.label)
                            ),
                        ));
                    }
                }
            }
        }
    }
    for spec in template.fields.iter().filter(|f| f.kind == FieldKind::Date) {
        let Some(date) = last.date(&spec.id) else {
            continue;
        };
        let next = next_year_date(date);
        form.set_field(&spec.id, next.format("%Y-%m-%d").to_string());
        if date.month() == 2 && date.day() == 29 {
            review.push(item(
                Location::Field(FieldId::field(&spec.id)),
                spec.label.clone(),
                "上年是 2 月 29 日，今年没有这一天，已改为 2 月 28 日".to_string(),
            ));
        }
    }
    review.extend(stale_wording(&form, template, last.year));
    // every row is last year's as it was: the reviewer sends back a form whose targets
    // were copied unchanged
    for (g, spec) in template.grids.iter().enumerate() {
        let same = form
            .goals(g)
            .iter()
            .flat_map(|goal| &goal.groups)
            .flat_map(|group| &group.indicators)
            .filter(|i| !i.name.trim().is_empty())
            .count();
        if same > 0 {
            review.push(item(
                Location::Grid(g),
                spec.heading_for(year),
                format!(
                    "{}的 {same} 个指标与上年完全相同（名称和指标值）；请逐一核对今年的指标值，上年已完成的可适当提高",
                    spec.label
                ),
            ));
        }
    }
    review.extend(super::rollover_results::carry_results(
        last, &mut form, template,
    ));
    review.extend(kept);
    Ok(Rollover { form, review })
}

/// Words that are about a year relative to the form's own year, stale once it moves on.
const RELATIVE_YEAR_WORDS: &[&str] = &["上年", "去年", "上一年", "今年", "本年度", "明年"];

/// Every place in the texts and indicators that names `old_year` or a relative year.
fn stale_wording(form: &Form, template: &Template, old_year: i32) -> Vec<ReviewItem> {
    let year = old_year.to_string();
    let mut needles: Vec<&str> = vec![&year];
    needles.extend_from_slice(RELATIVE_YEAR_WORDS);
    let mut out = Vec::new();

    let mut texts: Vec<(FieldId, &str)> = template
        .fields
        .iter()
        .filter(|f| {
            matches!(
                f.kind,
                FieldKind::Text | FieldKind::LongText | FieldKind::Choice(_)
            )
        })
        .map(|f| (FieldId::field(&f.id), form.field(&f.id)))
        .collect();
    texts.extend(
        template
            .sections
            .iter()
            .map(|s| (FieldId::section(&s.id), form.section(&s.id))),
    );
    for (field, text) in texts {
        for (offset, needle) in find_all(text, &needles) {
            out.push(ReviewItem {
                location: Location::Field(field.clone()),
                place: field.label(template),
                message: format!(
                    "含“{needle}”，请确认是否需要改为新年度：{}",
                    excerpt(text, offset, needle.chars().count())
                ),
                char_offset: Some(offset),
                len: needle.chars().count(),
                done: false,
            });
        }
    }
    for (path, ind) in form.indicators() {
        let goal = &form.goals(path.grid)[path.goal];
        let group = &goal.groups[path.group];
        let place = format!(
            "{} / {} / {}",
            display_name(&goal.name),
            display_name(&group.name),
            display_name(&ind.name)
        );
        let value = ind.value_text();
        let mut cells: Vec<(String, &str)> = vec![("指标名称".into(), &ind.name)];
        if template
            .grids
            .get(path.grid)
            .is_some_and(|g| !g.has(crate::core::template::ColumnKind::Value))
        {
            cells.push(("指标目标值".into(), value.as_str()));
        } else {
            cells.push(("指标值".into(), value.as_str()));
        }
        let spec = template.grids.get(path.grid);
        for (key, text) in &ind.cells {
            if !matches!(key.as_str(), "sign" | "value" | "unit") {
                // named as the layout names the column (指标值设定依据, 指标解释…)
                let label = crate::core::template::ColumnKind::ALL
                    .iter()
                    .find(|k| k.key() == key)
                    .map_or_else(
                        || key.clone(),
                        |k| {
                            spec.map_or_else(
                                || k.standard_label().to_string(),
                                |g| g.column_label(*k),
                            )
                        },
                    );
                cells.push((label, text.as_str()));
            }
        }
        for (what, text) in cells {
            for (_, needle) in find_all(text, &needles) {
                out.push(item(
                    Location::Indicator(path),
                    place.clone(),
                    format!("{what}“{text}”含“{needle}”，请确认是否仍然适用"),
                ));
            }
        }
    }
    out
}

/// (char offset, needle) of every match, in text order. A year inside a longer number
/// (e.g. 2020 in 120201) does not count.
fn find_all<'n>(text: &str, needles: &[&'n str]) -> Vec<(usize, &'n str)> {
    let mut found = Vec::new();
    for needle in needles {
        let numeric = needle.bytes().all(|b| b.is_ascii_digit());
        for (byte, _) in text.match_indices(needle) {
            if numeric {
                let before = text[..byte].chars().next_back();
                let after = text[byte + needle.len()..].chars().next();
                if before.is_some_and(|c| c.is_ascii_digit())
                    || after.is_some_and(|c| c.is_ascii_digit())
                {
                    continue;
                }
            }
            found.push((text[..byte].chars().count(), *needle));
        }
    }
    found.sort();
    found
}

/// A file name for the new form: `2021-项目名称.ron`, without characters that file
/// systems refuse.
pub fn suggested_file_name(form: &Form, extension: &str) -> String {
    let name: String = form
        .field("project_name")
        .trim()
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .take(60)
        .collect();
    let year = form.year.to_string();
    if name.is_empty() {
        format!("{year}-绩效目标表.{extension}")
    } else if name.starts_with(&year) {
        // "2026年某县…" is not written "2026-2026年某县…"
        format!("{name}.{extension}")
    } else {
        format!("{year}-{name}.{extension}")
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_new_form_is_for_next_year_from_october_on() {
        let d = |y, m, day| chrono::NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(super::proposed_year(d(2026, 9, 30)), 2026);
        assert_eq!(super::proposed_year(d(2026, 10, 1)), 2027);
        assert_eq!(super::proposed_year(d(2026, 12, 1)), 2027);
        assert_eq!(super::proposed_year(d(2027, 1, 5)), 2027);
    }

    #[test]
    fn a_name_that_starts_with_its_year_is_not_given_it_twice() {
        let mut f = crate::core::synthetic::small_grid();
        f.year = 2026;
        f.set_field("project_name", "2026年某县学生营养改善计划");
        assert_eq!(
            super::suggested_file_name(&f, "pdf"),
            "2026年某县学生营养改善计划.pdf"
        );
        f.set_field("project_name", "某县学生营养改善计划");
        assert_eq!(
            super::suggested_file_name(&f, "pdf"),
            "2026-某县学生营养改善计划.pdf"
        );
    }

    use super::*;
    use crate::core::model::{Goal, Group, Indicator};
    use crate::core::template::shanghai_2020;

    fn last_year() -> Form {
        let mut f = Form::new(shanghai_2020(), 2020);
        f.set_field("project_name", "青少年服务经费");
        f.money.insert("total".into(), Money::from_yuan(5_601_000));
        f.money
            .insert("current_year".into(), Money::from_yuan(5_000_000));
        f.money
            .insert("prior_year_budget".into(), Money::from_yuan(6_224_000));
        f.money
            .insert("prior_year_executed".into(), Money::from_yuan(6_000_000));
        f.sections.insert(
            "overview".into(),
            "2020年开展培训。与上年相比有所增加。".into(),
        );
        f.sections.insert(
            "basis".into(),
            "文号沪委办〔2010〕64号，编号120201。".into(),
        );
        let mut group = Group::new("成本");
        group
            .indicators
            .push(Indicator::new("各项目成本支出", "与去年持平"));
        group.indicators.push(Indicator::new("培训人数", "100人"));
        let mut goal = Goal::new("产出目标");
        goal.groups.push(group);
        f.grids[0].goals.push(goal);
        f
    }

    fn roll(f: &Form) -> Result<Rollover, RolloverError> {
        rollover(f, shanghai_2020())
    }

    #[test]
    fn year_dates_and_budget_move_on() {
        let last = last_year();
        let next = roll(&last).unwrap().form;
        assert_eq!(next.year, 2021);
        assert_eq!(next.field("plan_start"), "2021-01-01");
        assert_eq!(next.field("plan_end"), "2021-12-31");
        assert_eq!(next.money("prior_year_budget"), Money::from_yuan(5_000_000));
        assert!(next.money("prior_year_executed").is_unknown());
        assert_eq!(next.money("total"), last.money("total"));
        assert_eq!(next.money("current_year"), last.money("current_year"));
        assert_eq!(next.sections, last.sections);
        assert_eq!(next.grids, last.grids);
        assert_eq!(
            shanghai_2020().grids[0].heading_for(next.year),
            "2021年绩效目标"
        );
    }

    #[test]
    fn the_rows_copied_unchanged_are_counted_for_review() {
        let last = last_year();
        let count = last.indicator_count();
        let rolled = roll(&last).unwrap();
        let said: Vec<&str> = rolled
            .review
            .iter()
            .map(|r| r.message.as_str())
            .filter(|m| m.contains("与上年完全相同"))
            .collect();
        assert_eq!(said.len(), 1, "{said:?}");
        assert!(said[0].contains(&format!("{count} 个指标")), "{}", said[0]);
    }

    #[test]
    fn leap_day_becomes_28_february() {
        assert_eq!(
            next_year_date(NaiveDate::from_ymd_opt(2024, 2, 29).unwrap()),
            NaiveDate::from_ymd_opt(2025, 2, 28).unwrap()
        );
        let mut last = last_year();
        last.year = 2024;
        last.set_field("plan_start", "2024-02-29");
        let r = roll(&last).unwrap();
        assert_eq!(r.form.field("plan_start"), "2025-02-28");
        assert!(r
            .review
            .iter()
            .any(|i| i.location == Location::Field(FieldId::field("plan_start"))));
    }

    #[test]
    fn empty_budget_fields_stay_empty_and_are_reviewed() {
        let mut last = last_year();
        last.money.clear();
        let r = roll(&last).unwrap();
        assert!(r.form.money("prior_year_budget").is_unknown());
        assert!(r.form.money("total").is_unknown());
        let places: Vec<_> = r.review.iter().map(|i| i.place.as_str()).collect();
        assert!(places.contains(&"同名项目上年预算执行数（元）"));
        assert!(places.contains(&"同名项目上年预算额（元）"));
    }

    #[test]
    fn amounts_carried_over_and_years_in_an_indicators_cells_are_listed() {
        let mut last = last_year();
        let path = crate::core::model::IndicatorPath {
            grid: 0,
            goal: 0,
            group: 0,
            indicator: 0,
        };
        if let Some(ind) = last.indicator_mut(path) {
            ind.set_cell(
                crate::core::template::ColumnKind::Basis,
                "按2020年实际执行数测算".into(),
            );
        }
        let t = crate::core::template::for_form(&last);
        let r = rollover(&last, &t).unwrap();
        let texts: Vec<String> = r.review.iter().map(|i| i.to_string()).collect();
        assert!(
            texts.iter().any(|t| t.contains("沿用了上年的数额")),
            "{texts:?}"
        );
        assert!(
            texts
                .iter()
                .any(|t| t.contains("指标值设定依据") && t.contains("“2020”")),
            "{texts:?}"
        );
    }

    #[test]
    fn review_lists_execution_figure_and_stale_wording() {
        let r = roll(&last_year()).unwrap();
        let texts: Vec<String> = r.review.iter().map(|i| i.to_string()).collect();
        assert_eq!(
            r.review[0].location,
            Location::Field(FieldId::money("prior_year_executed"))
        );
        assert!(texts
            .iter()
            .any(|t| t.contains("[项目概况]") && t.contains("“2020”")));
        assert!(texts
            .iter()
            .any(|t| t.contains("[项目概况]") && t.contains("“上年”")));
        assert!(texts
            .iter()
            .any(|t| t.contains("产出目标 / 成本 / 各项目成本支出") && t.contains("去年")));
        assert!(
            !texts.iter().any(|t| t.contains("[立项依据]")),
            "{texts:#?}"
        );
        let overview_hit = r
            .review
            .iter()
            .find(|i| i.place == "项目概况" && i.message.contains("2020"))
            .unwrap();
        assert_eq!(overview_hit.char_offset, Some(0));
    }

    #[test]
    fn suggested_name_uses_new_year() {
        let r = roll(&last_year()).unwrap();
        assert_eq!(
            suggested_file_name(&r.form, "ron"),
            "2021-青少年服务经费.ron"
        );
        let mut f = r.form;
        f.set_field("project_name", "a/b:c");
        assert_eq!(suggested_file_name(&f, "pdf"), "2021-a_b_c.pdf");
    }

    #[test]
    fn a_year_at_the_end_of_the_range_is_refused_not_wrapped() {
        for year in [i32::MAX, i32::MIN, 2201, 1000] {
            let last = Form::new(shanghai_2020(), year);
            assert_eq!(
                roll(&last).unwrap_err(),
                RolloverError::YearOutOfRange(year)
            );
        }
        assert_eq!(
            roll(&Form::new(shanghai_2020(), 2200)).unwrap().form.year,
            2201
        );
    }
}
