//! Goals and groups built from a table's rows in order: a 一级/二级 cell that differs
//! starts a new one, an empty (merged) cell continues the current one, and a row whose
//! level cells a copy lost is placed by its words.

use super::grid_rows::{indicator, Row};
use crate::core::model::{Goal, Group};
use crate::core::template::{ColumnKind, GridSpec};

/// Goals built row by row: a 一级/二级 label that differs from the current one starts a
/// new goal or group (or goes back to the one of that name: rows listed out of order);
/// an empty cell (merged, or written only on the first row) or the same label repeated
/// continues the current one.
#[derive(Debug, Clone, Default)]
pub struct Goals {
    pub goals: Vec<Goal>,
    /// The goal and group rows go to now.
    current: Option<(usize, usize)>,
    /// The current 一级/二级 were told from a name (the row had no level cells): the next
    /// row without them is told the same way, not taken as merged into it.
    guessed: bool,
    /// The current 一级 was told from its 二级 by the template (the table has no 一级):
    /// the next 二级 is told the same way.
    inferred: bool,
}

impl Goals {
    /// Adds `row` fitted to `spec`; returns what the clerk should check (in Chinese).
    pub fn add(&mut self, row: &Row, spec: &GridSpec) -> Vec<String> {
        let mut notes = Vec::new();
        if row.is_empty() {
            return notes;
        }
        let (mut goal, mut group) = (row.level1.clone(), row.level2.clone());
        // a template's prompt left in a level cell (`指标1:`, `……`) names nothing
        for level in [&mut goal, &mut group] {
            if super::grid_rows::placeholder_label(level) {
                notes.push(format!(
                    "模板中的占位文字“{}”不作为指标名称导入",
                    crate::core::printable::printable(level)
                ));
                level.clear();
            }
        }
        // a 满意度 二级 with its 一级 cell merged away belongs to a 满意度 一级, not to the
        // 效益 above it (a 一级 cell spanning two blocks, or lost in the copy)
        let satisfaction = |name: &str| name.contains("满意");
        if goal.is_empty()
            && satisfaction(&group)
            && self
                .current
                .is_some_and(|(g, _)| !satisfaction(&self.goals[g].name))
        {
            goal = spec
                .skeleton
                .iter()
                .map(|l1| l1.name.as_str())
                .find(|n| satisfaction(n))
                .unwrap_or("满意度指标")
                .to_string();
        }
        // no level cells where no level is current (a copy that lost merged cells): the
        // levels are told from the indicator's words
        let unnamed = self.guessed
            || self.current.is_none_or(|(g, x)| {
                self.goals[g].name.is_empty() && self.goals[g].groups[x].name.is_empty()
            });
        if goal.is_empty() && group.is_empty() && unnamed && row.has_indicator() {
            let name = row.get(ColumnKind::Name);
            let value = [ColumnKind::Target, ColumnKind::Value, ColumnKind::Unit]
                .iter()
                .map(|k| row.get(*k))
                .collect::<String>();
            if let Some((l1, l2)) = super::level_guess::guess(name, &value, spec) {
                notes.push(format!(
                    "这一行没有一级、二级指标，按指标的用词归入“{l1}/{l2}”，请核对"
                ));
                (goal, group) = (l1, l2);
                self.guessed = true;
            }
        } else if !goal.is_empty() || !group.is_empty() {
            self.guessed = false;
        }
        // a 二级 with no 一级 named before it (a table that leaves the 一级 out): the
        // template's 一级 holding a 二级 of that name
        if goal.is_empty()
            && !group.is_empty()
            && (self.inferred
                || self
                    .current
                    .is_none_or(|(g, _)| self.goals[g].name.is_empty()))
        {
            let bare = |n: &str| {
                let n: String = n.chars().filter(|c| !c.is_whitespace()).collect();
                n.trim_end_matches("指标")
                    .trim_end_matches("目标")
                    .to_string()
            };
            let holder = spec
                .skeleton
                .iter()
                .find(|l1| l1.groups.iter().any(|l2| bare(l2) == bare(&group)));
            let current = self.current.map(|(g, _)| self.goals[g].name.as_str());
            if let Some(l1) = holder.filter(|l1| Some(l1.name.as_str()) != current) {
                notes.push(format!(
                    "“{}”之前没有一级指标，按表样归入“{}”，请核对",
                    crate::core::printable::printable(&group),
                    l1.name
                ));
                goal = l1.name.clone();
                self.inferred = true;
            }
        } else if !goal.is_empty() {
            self.inferred = false;
        }
        let at_goal = self.current.map(|(g, _)| g);
        let new_goal = !goal.is_empty() && at_goal.is_none_or(|g| self.goals[g].name != goal);
        let mut created = false;
        let g = match at_goal {
            Some(g) if !new_goal => g,
            _ if goal.is_empty() && !self.goals.is_empty() => self.goals.len() - 1,
            _ => match self
                .goals
                .iter()
                .position(|x| !goal.is_empty() && x.name == goal)
            {
                Some(existing) => existing,
                None => {
                    if goal.is_empty() {
                        notes.push("这一行之前没有一级指标，已放入未命名的一级指标".to_string());
                    }
                    self.goals.push(Goal::new(goal.clone()));
                    created = true;
                    self.goals.len() - 1
                }
            },
        };
        let current_group = self.current.filter(|(cg, _)| *cg == g).map(|(_, x)| x);
        let groups = &mut self.goals[g].groups;
        let x = if group.is_empty() {
            match current_group.or_else(|| groups.len().checked_sub(1)) {
                Some(x) if !created => x,
                _ => {
                    groups.push(Group::new(String::new()));
                    notes.push("这一行没有二级指标，已放入未命名的二级指标".to_string());
                    groups.len() - 1
                }
            }
        } else {
            match current_group.filter(|x| groups[*x].name == group) {
                Some(x) => x,
                None => match groups.iter().position(|x| x.name == group) {
                    Some(existing) => existing,
                    None => {
                        groups.push(Group::new(group.clone()));
                        groups.len() - 1
                    }
                },
            }
        };
        self.current = Some((g, x));
        if !row.has_indicator() {
            return notes; // a goal or group without indicators yet
        }
        if row.is_placeholder() {
            notes.push(format!(
                "模板中的占位行“{}”未导入",
                crate::core::printable::printable(row.get(ColumnKind::Name))
            ));
            return notes;
        }
        let (ind, left) = indicator(row, spec);
        for (label, text) in left {
            notes.push(format!(
                "“{}”的{}“{}”在表中没有对应的列，未导入",
                crate::core::printable::printable(&ind.name),
                crate::core::printable::printable(&label),
                crate::core::printable::printable(&text)
            ));
        }
        self.goals[g].groups[x].indicators.push(ind);
        notes
    }

    /// A row broken across a page: what the new page's first row holds of it (the ends
    /// of the indicator's texts — its name, its explanation —, no level and no target) is
    /// joined to the indicator the page before ended with. Returns the name as joined, or
    /// `None` (the row is a row of its own).
    pub fn continue_last(&mut self, row: &Row, spec: &GridSpec) -> Option<String> {
        use super::grid_rows::{is_value_kind, spec_has};
        let texts_only = row.level1.is_empty()
            && row.level2.is_empty()
            && row.other.iter().all(|(_, v)| v.trim().is_empty())
            && row.cells.iter().all(|(k, v)| {
                v.trim().is_empty()
                    || !is_value_kind(*k) && (*k == ColumnKind::Name || spec_has(spec, *k))
            });
        if !texts_only || !row.has_indicator() {
            return None;
        }
        let (g, x) = self.current?;
        let last = self.goals[g].groups[x].indicators.last_mut()?;
        for (kind, text) in &row.cells {
            let text = text.trim();
            if text.is_empty() {
                continue;
            }
            if *kind == ColumnKind::Name {
                last.name.push_str(text);
            } else {
                let joined = format!("{}{text}", last.cell(*kind));
                last.set_cell(*kind, joined);
            }
        }
        Some(last.name.clone())
    }

    /// The goal and group the last row went to.
    pub fn current(&self) -> Option<(usize, usize)> {
        self.current
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::exchange::import::grid_rows::{header, row};

    #[test]
    fn rows_out_of_order_go_back_to_their_goal_and_group() {
        let spec = &crate::core::template::built_in("national-101")
            .unwrap()
            .grids[0];
        let cells = |c: &[&str]| c.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let h = header(
            &cells(&["一级指标", "二级指标", "三级指标", "指标值"]),
            None,
        )
        .unwrap();
        let mut goals = Goals::default();
        for r in [
            ["效益指标", "社会效益指标", "维护社会稳定", "≥95%"],
            ["产出指标", "时效指标", "维持时效", "≥1年"],
            ["效益指标", "经济效益指标", "促进发展", "≥95%"],
            ["产出指标", "时效指标", "按时发放", "≥1"],
            ["", "", "及时率", "100%"],
        ] {
            goals.add(&row(&h, &cells(&r)), spec);
        }
        let shape: Vec<(String, Vec<(String, usize)>)> = goals
            .goals
            .iter()
            .map(|g| {
                (
                    g.name.clone(),
                    g.groups
                        .iter()
                        .map(|x| (x.name.clone(), x.indicators.len()))
                        .collect(),
                )
            })
            .collect();
        assert_eq!(
            shape,
            vec![
                (
                    "效益指标".to_string(),
                    vec![
                        ("社会效益指标".to_string(), 1),
                        ("经济效益指标".to_string(), 1)
                    ]
                ),
                ("产出指标".to_string(), vec![("时效指标".to_string(), 3)]),
            ]
        );
    }

    #[test]
    fn a_row_broken_across_a_page_joins_the_texts_of_the_indicator_before() {
        let spec = &crate::core::template::built_in("national-101")
            .unwrap()
            .grids[0];
        let cells = |c: &[&str]| c.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let h = header(
            &cells(&["一级指标", "二级指标", "三级指标", "指标值", "指标解释"]),
            Some(spec),
        )
        .unwrap();
        let mut goals = Goals::default();
        goals.add(
            &row(
                &h,
                &cells(&["产出指标", "数量指标", "游客满意度(≥**", "≥90%", "反映游客"]),
            ),
            spec,
        );
        // the rest of the name and of the explanation on the next page
        let rest = row(&h, &cells(&["", "", "%)", "", "对景区的评价"]));
        assert_eq!(
            goals.continue_last(&rest, spec).as_deref(),
            Some("游客满意度(≥**%)")
        );
        let ind = &goals.goals[0].groups[0].indicators[0];
        assert_eq!(ind.cell(ColumnKind::Explanation), "反映游客对景区的评价");
        // a row with a target of its own, or a level, is a row of its own
        let own = row(&h, &cells(&["", "", "门票收入", "≥5万元", ""]));
        assert_eq!(goals.continue_last(&own, spec), None);
        let level = row(&h, &cells(&["", "质量指标", "合格率", "", ""]));
        assert_eq!(goals.continue_last(&level, spec), None);
        assert_eq!(goals.goals[0].groups[0].indicators.len(), 1);
    }
}
