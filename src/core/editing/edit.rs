//! Every change to a form is an [`Edit`], applied in one place ([`super::document`]), so
//! that undo/redo, the unsaved-changes mark and autosave see every change.

use crate::core::model::{FieldId, Form, Goal, Group, Indicator, IndicatorPath};
use crate::core::money::Money;
use crate::core::stages::{
    set_stage_field, stage_money_mut, ProgressColumn, ResultColumn, StageField, StageMoney,
};
use crate::core::template::{ColumnKind, Template};

/// Goals and groups are addressed by grid index first: `(grid, goal)`, `(grid, goal,
/// group)`.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    SetYear(i32),
    /// A header field's text, by the template's id.
    SetField(String, String),
    SetMoney(String, Money),
    SetSection(String, String),
    RenameGoal(usize, usize, String),
    RenameGroup(usize, usize, usize, String),
    SetIndicatorName(IndicatorPath, String),
    SetIndicatorTarget(IndicatorPath, String),
    /// Another column of a structured row (指标性质, 指标值, 度量单位 …).
    SetIndicatorCell(IndicatorPath, ColumnKind, String),
    InsertGoal {
        grid: usize,
        at: usize,
        goal: Goal,
    },
    InsertGroup {
        grid: usize,
        goal: usize,
        at: usize,
        group: Group,
    },
    InsertIndicator {
        at: IndicatorPath,
        indicator: Box<Indicator>,
    },
    DeleteGoal(usize, usize),
    DeleteGroup(usize, usize, usize),
    DeleteIndicator(IndicatorPath),
    /// Moves goal `from` of `grid` so that it ends up at index `to`.
    MoveGoal {
        grid: usize,
        from: usize,
        to: usize,
    },
    /// Moves a group within `grid`; `to` is (goal, index) where it ends up.
    MoveGroup {
        grid: usize,
        from: (usize, usize),
        to: (usize, usize),
    },
    /// Moves an indicator; `to` is where it ends up.
    MoveIndicator {
        from: IndicatorPath,
        to: IndicatorPath,
    },
    /// Replaces the whole form (imports, rollover, a change of template).
    ReplaceForm(Box<Form>),
    /// The form with rows pasted into its grid (`added` indicators), as one step.
    PasteRows {
        form: Box<Form>,
        added: usize,
    },
    /// The form with indicators picked from the library (`added`), as one step.
    AddFromLibrary {
        form: Box<Form>,
        added: usize,
    },
    /// An indicator's row filled from a suggestion taken while typing its name (the
    /// form with that row as the entry has it), as one step.
    UseSuggestion {
        form: Box<Form>,
        name: String,
    },
    /// Ticks a review item off as 已处理 (or back).
    SetReviewDone(usize, bool),
    /// Removes the review list (every item done, the clerk closes it).
    ClearReview,
    /// A column of an indicator's year-end result (自评).
    SetResult(IndicatorPath, ResultColumn, String),
    /// A column of an indicator's mid-year progress (监控).
    SetProgress(IndicatorPath, ProgressColumn, String),
    /// A form-level value of 自评 or 监控.
    SetStageField(StageField, String),
    /// An amount of 自评 or 监控.
    SetStageMoney(StageMoney, Money),
}

/// The longest text one edit may put into a field, section or cell: a form of such texts
/// still saves and opens again (a form file is at most 16 MB); a longer paste is refused
/// before it reaches the form.
pub const MAX_EDIT_CHARS: usize = 1_000_000;

impl Edit {
    /// The length of the longest text this edit puts into the form, in characters.
    pub fn longest_text(&self) -> usize {
        match self {
            Edit::SetField(_, t)
            | Edit::SetSection(_, t)
            | Edit::SetIndicatorName(_, t)
            | Edit::SetIndicatorTarget(_, t)
            | Edit::SetIndicatorCell(_, _, t)
            | Edit::SetResult(_, _, t)
            | Edit::SetProgress(_, _, t)
            | Edit::SetStageField(_, t) => t.chars().count(),
            _ => 0,
        }
    }
}

/// An edit that names a place the form no longer has (a stale click); nothing changed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("要修改的位置已不存在，未做任何修改")]
pub struct StaleEdit;

/// Successive edits with the same key (typing into one field) form one undo step.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum CoalesceKey {
    Field(FieldId),
    GoalName(usize, usize),
    GroupName(usize, usize, usize),
    IndicatorCell(IndicatorPath, ColumnKind),
    Result(IndicatorPath, ResultColumn),
    Progress(IndicatorPath, ProgressColumn),
    StageField(StageField),
    StageMoney(StageMoney),
}

impl Edit {
    pub fn coalesce_key(&self) -> Option<CoalesceKey> {
        Some(match self {
            Edit::SetYear(_) => CoalesceKey::Field(FieldId::Year),
            Edit::SetField(f, _) => CoalesceKey::Field(FieldId::Field(f.clone())),
            Edit::SetMoney(f, _) => CoalesceKey::Field(FieldId::Money(f.clone())),
            Edit::SetSection(f, _) => CoalesceKey::Field(FieldId::Section(f.clone())),
            Edit::RenameGoal(g, goal, _) => CoalesceKey::GoalName(*g, *goal),
            Edit::RenameGroup(g, goal, gr, _) => CoalesceKey::GroupName(*g, *goal, *gr),
            Edit::SetIndicatorName(p, _) => CoalesceKey::IndicatorCell(*p, ColumnKind::Name),
            Edit::SetIndicatorTarget(p, _) => CoalesceKey::IndicatorCell(*p, ColumnKind::Target),
            Edit::SetIndicatorCell(p, k, _) => CoalesceKey::IndicatorCell(*p, *k),
            Edit::SetResult(p, c, _) => CoalesceKey::Result(*p, *c),
            Edit::SetProgress(p, c, _) => CoalesceKey::Progress(*p, *c),
            Edit::SetStageField(f, _) => CoalesceKey::StageField(*f),
            Edit::SetStageMoney(m, _) => CoalesceKey::StageMoney(*m),
            _ => return None,
        })
    }

    /// What the 编辑 menu says it will undo, e.g. "修改项目名称".
    pub fn label(&self, template: &Template) -> String {
        let column = |p: &IndicatorPath, k: ColumnKind| {
            template
                .grids
                .get(p.grid)
                .map_or_else(|| k.standard_label().to_string(), |g| g.column_label(k))
        };
        match self {
            Edit::SetYear(_) => "修改年度".into(),
            Edit::SetField(f, _) => format!("修改{}", FieldId::field(f).label(template)),
            Edit::SetMoney(f, _) => format!(
                "修改{}",
                crate::core::validate::short_label(&FieldId::money(f).label(template))
            ),
            Edit::SetSection(f, _) => format!("修改{}", FieldId::section(f).label(template)),
            Edit::RenameGoal(..) => "重命名一级目标".into(),
            Edit::RenameGroup(..) => "重命名二级目标".into(),
            Edit::SetIndicatorName(..) => "修改三级目标".into(),
            Edit::SetIndicatorTarget(p, _) => format!("修改{}", column(p, ColumnKind::Target)),
            Edit::SetIndicatorCell(p, k, _) => format!("修改{}", column(p, *k)),
            Edit::InsertGoal { .. } => "添加一级目标".into(),
            Edit::InsertGroup { .. } => "添加二级目标".into(),
            Edit::InsertIndicator { .. } => "添加指标".into(),
            Edit::DeleteGoal(..) => "删除一级目标".into(),
            Edit::DeleteGroup(..) => "删除二级目标".into(),
            Edit::DeleteIndicator(_) => "删除指标".into(),
            Edit::MoveGoal { .. } => "移动一级目标".into(),
            Edit::MoveGroup { .. } => "移动二级目标".into(),
            Edit::MoveIndicator { .. } => "移动指标".into(),
            Edit::ReplaceForm(_) => "替换整个表单".into(),
            Edit::PasteRows { added, .. } => format!("粘贴 {added} 个指标"),
            Edit::AddFromLibrary { added, .. } => format!("从指标库添加 {added} 个指标"),
            Edit::UseSuggestion { name, .. } => format!("采用“{name}”"),
            Edit::SetReviewDone(_, true) => "标记为已处理".into(),
            Edit::SetReviewDone(_, false) => "取消已处理".into(),
            Edit::ClearReview => "关闭复核清单".into(),
            Edit::SetResult(_, c, _) => format!("修改自评{}", c.label()),
            Edit::SetProgress(_, c, _) => format!("修改监控{}", c.label(7).replace("1-7月", "")),
            Edit::SetStageField(f, _) => format!("修改{}", f.label()),
            Edit::SetStageMoney(m, _) => format!("修改{}", m.label()),
        }
    }

    /// Applies the edit. An edit naming a place that does not exist changes nothing.
    pub fn apply(self, form: &mut Form) -> Result<(), StaleEdit> {
        match self {
            Edit::SetYear(y) => form.year = y,
            Edit::SetField(f, v) => {
                form.fields.insert(f, v);
            }
            Edit::SetMoney(f, v) => {
                form.money.insert(f, v);
            }
            Edit::SetSection(f, v) => {
                form.sections.insert(f, v);
            }
            Edit::RenameGoal(g, goal, name) => goal_mut(form, g, goal)?.name = name,
            Edit::RenameGroup(g, goal, gr, name) => group_mut(form, g, goal, gr)?.name = name,
            Edit::SetIndicatorName(p, v) => indicator_mut(form, p)?.name = v,
            Edit::SetIndicatorTarget(p, v) => indicator_mut(form, p)?.target = v,
            Edit::SetIndicatorCell(p, k, v) => indicator_mut(form, p)?.set_cell(k, v),
            Edit::InsertGoal { grid, at, goal } => {
                let goals = goals_mut(form, grid)?;
                check(at <= goals.len())?;
                goals.insert(at, goal);
            }
            Edit::InsertGroup {
                grid,
                goal,
                at,
                group,
            } => {
                let groups = &mut goal_mut(form, grid, goal)?.groups;
                check(at <= groups.len())?;
                groups.insert(at, group);
            }
            Edit::InsertIndicator { at, indicator } => {
                let list = &mut group_mut(form, at.grid, at.goal, at.group)?.indicators;
                check(at.indicator <= list.len())?;
                list.insert(at.indicator, *indicator);
            }
            Edit::DeleteGoal(g, goal) => {
                let goals = goals_mut(form, g)?;
                check(goal < goals.len())?;
                goals.remove(goal);
            }
            Edit::DeleteGroup(g, goal, gr) => {
                let groups = &mut goal_mut(form, g, goal)?.groups;
                check(gr < groups.len())?;
                groups.remove(gr);
            }
            Edit::DeleteIndicator(p) => {
                let list = &mut group_mut(form, p.grid, p.goal, p.group)?.indicators;
                check(p.indicator < list.len())?;
                list.remove(p.indicator);
            }
            Edit::MoveGoal { grid, from, to } => {
                let goals = goals_mut(form, grid)?;
                check(from < goals.len() && to < goals.len())?;
                let goal = goals.remove(from);
                goals.insert(to, goal);
            }
            Edit::MoveGroup { grid, from, to } => {
                group_mut(form, grid, from.0, from.1)?;
                let target_len = goal_mut(form, grid, to.0)?.groups.len();
                let room = if from.0 == to.0 {
                    target_len - 1
                } else {
                    target_len
                };
                check(to.1 <= room)?;
                let goals = goals_mut(form, grid)?;
                let group = goals[from.0].groups.remove(from.1);
                goals[to.0].groups.insert(to.1, group);
            }
            Edit::MoveIndicator { from, to } => {
                indicator_mut(form, from)?;
                let target_len = group_mut(form, to.grid, to.goal, to.group)?
                    .indicators
                    .len();
                let same = (from.grid, from.goal, from.group) == (to.grid, to.goal, to.group);
                check(to.indicator <= if same { target_len - 1 } else { target_len })?;
                let ind = group_mut(form, from.grid, from.goal, from.group)?
                    .indicators
                    .remove(from.indicator);
                group_mut(form, to.grid, to.goal, to.group)?
                    .indicators
                    .insert(to.indicator, ind);
            }
            Edit::ReplaceForm(new)
            | Edit::PasteRows { form: new, .. }
            | Edit::AddFromLibrary { form: new, .. }
            | Edit::UseSuggestion { form: new, .. } => *form = *new,
            Edit::SetReviewDone(i, done) => {
                form.review.items.get_mut(i).ok_or(StaleEdit)?.done = done;
            }
            Edit::ClearReview => form.review = Default::default(),
            Edit::SetResult(p, c, v) => indicator_mut(form, p)?.result.set(c, v),
            Edit::SetProgress(p, c, v) => indicator_mut(form, p)?.progress.set(c, v),
            Edit::SetStageField(f, v) => {
                check(set_stage_field(
                    &mut form.self_eval,
                    &mut form.monitor,
                    f,
                    v,
                ))?;
            }
            Edit::SetStageMoney(m, v) => {
                *stage_money_mut(&mut form.self_eval, &mut form.monitor, m) = v;
            }
        }
        Ok(())
    }
}

fn check(ok: bool) -> Result<(), StaleEdit> {
    ok.then_some(()).ok_or(StaleEdit)
}

fn goals_mut(form: &mut Form, grid: usize) -> Result<&mut Vec<Goal>, StaleEdit> {
    form.goals_mut(grid).ok_or(StaleEdit)
}

fn goal_mut(form: &mut Form, grid: usize, goal: usize) -> Result<&mut Goal, StaleEdit> {
    goals_mut(form, grid)?.get_mut(goal).ok_or(StaleEdit)
}

fn group_mut(form: &mut Form, grid: usize, g: usize, gr: usize) -> Result<&mut Group, StaleEdit> {
    goal_mut(form, grid, g)?.groups.get_mut(gr).ok_or(StaleEdit)
}

fn indicator_mut(form: &mut Form, p: IndicatorPath) -> Result<&mut Indicator, StaleEdit> {
    form.indicator_mut(p).ok_or(StaleEdit)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(goal: usize, group: usize, indicator: usize) -> IndicatorPath {
        IndicatorPath {
            grid: 0,
            goal,
            group,
            indicator,
        }
    }

    fn form() -> Form {
        crate::core::synthetic::small_grid()
    }

    fn names(f: &Form, g: usize, gr: usize) -> Vec<String> {
        f.grids[0].goals[g].groups[gr]
            .indicators
            .iter()
            .map(|i| i.name.clone())
            .collect()
    }

    #[test]
    fn move_indicator_within_and_across_groups() {
        let mut f = form();
        Edit::MoveIndicator {
            from: path(0, 0, 0),
            to: path(0, 0, 2),
        }
        .apply(&mut f)
        .unwrap();
        assert_eq!(names(&f, 0, 0), ["I001", "I002", "I000"]);
        Edit::MoveIndicator {
            from: path(0, 0, 2),
            to: path(1, 1, 0),
        }
        .apply(&mut f)
        .unwrap();
        assert_eq!(names(&f, 0, 0), ["I001", "I002"]);
        assert_eq!(names(&f, 1, 1), ["I000", "I110", "I111", "I112"]);
    }

    #[test]
    fn move_group_to_another_goal() {
        let mut f = form();
        Edit::MoveGroup {
            grid: 0,
            from: (0, 1),
            to: (1, 2),
        }
        .apply(&mut f)
        .unwrap();
        assert_eq!(f.grids[0].goals[0].groups.len(), 1);
        assert_eq!(f.grids[0].goals[1].groups[2].name, "G01");
    }

    #[test]
    fn stale_edits_change_nothing() {
        let before = form();
        for edit in [
            Edit::DeleteIndicator(path(0, 0, 3)),
            Edit::DeleteGroup(0, 5, 0),
            Edit::DeleteGoal(3, 0),
            Edit::SetIndicatorCell(path(0, 0, 9), ColumnKind::Unit, "%".into()),
            Edit::SetIndicatorName(path(9, 9, 9), "x".into()),
            Edit::MoveIndicator {
                from: path(0, 0, 0),
                to: path(0, 0, 3),
            },
            Edit::MoveIndicator {
                from: path(0, 0, 0),
                to: path(0, 1, 4),
            },
            Edit::MoveGoal {
                grid: 0,
                from: 0,
                to: 2,
            },
            Edit::MoveGroup {
                grid: 0,
                from: (0, 0),
                to: (0, 2),
            },
            Edit::InsertIndicator {
                at: path(0, 0, 4),
                indicator: Box::default(),
            },
        ] {
            let mut f = before.clone();
            assert_eq!(edit.clone().apply(&mut f), Err(StaleEdit), "{edit:?}");
            assert_eq!(f, before, "{edit:?}");
        }
    }

    #[test]
    fn insert_and_delete() {
        let mut f = form();
        Edit::InsertIndicator {
            at: path(1, 0, 3),
            indicator: Box::new(Indicator::new("新", "")),
        }
        .apply(&mut f)
        .unwrap();
        assert_eq!(names(&f, 1, 0).last().unwrap(), "新");
        Edit::DeleteGoal(0, 0).apply(&mut f).unwrap();
        assert_eq!(f.grids[0].goals.len(), 1);
        Edit::SetIndicatorCell(path(0, 0, 0), ColumnKind::Unit, "%".into())
            .apply(&mut f)
            .unwrap();
        assert_eq!(
            f.grids[0].goals[0].groups[0].indicators[0].cell(ColumnKind::Unit),
            "%"
        );
    }
}
