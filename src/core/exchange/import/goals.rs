//! Goals and groups built from a table's rows in order: a 一级/二级 cell that differs
//! starts a new one, an empty (merged) cell continues the current one, and a row whose
//! level cells a copy lost is placed by its words.

use super::grid_rows::{indicator, Row};
use crate::core::model::{Goal, Group};
use crate::core::template::{ColumnKind, GridSpec};

/// Goals built row by row: a 一级/二级 label that differs from the current one starts a
/// new goal or group; an empty cell (merged, or written only on the first row) or the
/// same label repeated continues the current one.
#[derive(Debug, Clone, Default)]
pub struct Goals {
    pub goals: Vec<Goal>,
    /// The current 一级/二级 were told from a name (the row had no level cells): the next
    /// row without them is told the same way, not taken as merged into it.
    guessed: bool,
}

impl Goals {
    /// Adds `row` fitted to `spec`; returns what the clerk should check (in Chinese).
    pub fn add(&mut self, row: &Row, spec: &GridSpec) -> Vec<String> {
        let mut notes = Vec::new();
        if row.is_empty() {
            return notes;
        }
        let (mut goal, mut group) = (row.level1.clone(), row.level2.clone());
        // a 满意度 二级 with its 一级 cell merged away belongs to a 满意度 一级, not to the
        // 效益 above it (a 一级 cell spanning two blocks, or lost in the copy)
        let satisfaction = |name: &str| name.contains("满意");
        if goal.is_empty()
            && satisfaction(&group)
            && self.goals.last().is_some_and(|g| !satisfaction(&g.name))
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
            || self.goals.last().is_none_or(|g| {
                g.name.is_empty() && g.groups.last().is_none_or(|x| x.name.is_empty())
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
        let new_goal = !goal.is_empty() && self.goals.last().is_none_or(|g| g.name != goal);
        if new_goal {
            self.goals.push(Goal::new(goal));
        }
        if self.goals.is_empty() {
            self.goals.push(Goal::new(""));
            notes.push("这一行之前没有一级指标，已放入未命名的一级指标".to_string());
        }
        let current = self.goals.last_mut().expect("a goal exists");
        let new_group = new_goal && !group.is_empty()
            || !group.is_empty() && current.groups.last().is_none_or(|g| g.name != group);
        if new_group || current.groups.is_empty() {
            current.groups.push(Group::new(group.clone()));
            if group.is_empty() {
                notes.push("这一行没有二级指标，已放入未命名的二级指标".to_string());
            }
        }
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
        if let Some(g) = self.goals.last_mut().and_then(|g| g.groups.last_mut()) {
            g.indicators.push(ind);
        }
        notes
    }
}
