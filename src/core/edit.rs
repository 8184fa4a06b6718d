//! Every change to a form is an [`Edit`], applied in one place ([`super::document`]), so
//! that undo/redo, the unsaved-changes mark and autosave see every change.

use chrono::NaiveDate;

use super::model::{
    BudgetField, DateField, Form, Goal, Group, Indicator, IndicatorPath, TextField,
};
use super::money::Money;

#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    SetYear(i32),
    SetText(TextField, String),
    SetDate(DateField, Option<NaiveDate>),
    SetBuysGovernmentServices(bool),
    SetMoney(BudgetField, Money),
    RenameGoal(usize, String),
    RenameGroup(usize, usize, String),
    SetIndicatorName(IndicatorPath, String),
    SetIndicatorTarget(IndicatorPath, String),
    InsertGoal(usize, Goal),
    InsertGroup {
        goal: usize,
        at: usize,
        group: Group,
    },
    InsertIndicator {
        at: IndicatorPath,
        indicator: Indicator,
    },
    DeleteGoal(usize),
    DeleteGroup(usize, usize),
    DeleteIndicator(IndicatorPath),
    /// Moves goal `from` so that it ends up at index `to`.
    MoveGoal {
        from: usize,
        to: usize,
    },
    /// Moves a group; `to` is (goal, index) where it ends up.
    MoveGroup {
        from: (usize, usize),
        to: (usize, usize),
    },
    /// Moves an indicator; `to` is where it ends up.
    MoveIndicator {
        from: IndicatorPath,
        to: IndicatorPath,
    },
    /// Replaces the whole form (imports, rollover).
    ReplaceForm(Box<Form>),
    /// The form with rows pasted into its grid (`added` indicators), as one step.
    PasteRows {
        form: Box<Form>,
        added: usize,
    },
    /// Ticks a review item off as 已处理 (or back).
    SetReviewDone(usize, bool),
    /// Removes the review list (every item done, the clerk closes it).
    ClearReview,
}

/// An edit that names a place the form no longer has (a stale click); nothing changed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("要修改的位置已不存在，未做任何修改")]
pub struct StaleEdit;

/// Successive edits with the same key (typing into one field) form one undo step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CoalesceKey {
    Year,
    Text(TextField),
    Date(DateField),
    Money(BudgetField),
    GoalName(usize),
    GroupName(usize, usize),
    IndicatorName(IndicatorPath),
    IndicatorTarget(IndicatorPath),
}

impl Edit {
    pub fn coalesce_key(&self) -> Option<CoalesceKey> {
        Some(match self {
            Edit::SetYear(_) => CoalesceKey::Year,
            Edit::SetText(f, _) => CoalesceKey::Text(*f),
            Edit::SetDate(f, _) => CoalesceKey::Date(*f),
            Edit::SetMoney(f, _) => CoalesceKey::Money(*f),
            Edit::RenameGoal(g, _) => CoalesceKey::GoalName(*g),
            Edit::RenameGroup(g, gr, _) => CoalesceKey::GroupName(*g, *gr),
            Edit::SetIndicatorName(p, _) => CoalesceKey::IndicatorName(*p),
            Edit::SetIndicatorTarget(p, _) => CoalesceKey::IndicatorTarget(*p),
            _ => return None,
        })
    }

    /// What the 编辑 menu says it will undo, e.g. "修改 项目名称".
    pub fn label(&self) -> String {
        match self {
            Edit::SetYear(_) => "修改年度".into(),
            Edit::SetText(f, _) => format!("修改{}", f.label()),
            Edit::SetDate(f, _) => format!("修改{}", f.label()),
            Edit::SetBuysGovernmentServices(_) => "修改是否含有政府购买服务".into(),
            Edit::SetMoney(f, _) => format!("修改{}", f.label()),
            Edit::RenameGoal(..) => "重命名一级目标".into(),
            Edit::RenameGroup(..) => "重命名二级目标".into(),
            Edit::SetIndicatorName(..) => "修改三级目标".into(),
            Edit::SetIndicatorTarget(..) => "修改指标目标值".into(),
            Edit::InsertGoal(..) => "添加一级目标".into(),
            Edit::InsertGroup { .. } => "添加二级目标".into(),
            Edit::InsertIndicator { .. } => "添加指标".into(),
            Edit::DeleteGoal(_) => "删除一级目标".into(),
            Edit::DeleteGroup(..) => "删除二级目标".into(),
            Edit::DeleteIndicator(_) => "删除指标".into(),
            Edit::MoveGoal { .. } => "移动一级目标".into(),
            Edit::MoveGroup { .. } => "移动二级目标".into(),
            Edit::MoveIndicator { .. } => "移动指标".into(),
            Edit::ReplaceForm(_) => "替换整个表单".into(),
            Edit::PasteRows { added, .. } => format!("粘贴 {added} 个指标"),
            Edit::SetReviewDone(_, true) => "标记为已处理".into(),
            Edit::SetReviewDone(_, false) => "取消已处理".into(),
            Edit::ClearReview => "关闭复核清单".into(),
        }
    }

    /// Applies the edit. An edit naming a place that does not exist changes nothing.
    pub fn apply(self, form: &mut Form) -> Result<(), StaleEdit> {
        match self {
            Edit::SetYear(y) => form.year = y,
            Edit::SetText(f, v) => *form.text_mut(f) = v,
            Edit::SetDate(f, v) => *form.date_mut(f) = v,
            Edit::SetBuysGovernmentServices(v) => form.buys_government_services = v,
            Edit::SetMoney(f, v) => *form.money_mut(f) = v,
            Edit::RenameGoal(g, name) => form.goals.get_mut(g).ok_or(StaleEdit)?.name = name,
            Edit::RenameGroup(g, gr, name) => group_mut(form, g, gr)?.name = name,
            Edit::SetIndicatorName(p, v) => indicator_mut(form, p)?.name = v,
            Edit::SetIndicatorTarget(p, v) => indicator_mut(form, p)?.target = v,
            Edit::InsertGoal(at, goal) => {
                check(at <= form.goals.len())?;
                form.goals.insert(at, goal);
            }
            Edit::InsertGroup { goal, at, group } => {
                let groups = &mut form.goals.get_mut(goal).ok_or(StaleEdit)?.groups;
                check(at <= groups.len())?;
                groups.insert(at, group);
            }
            Edit::InsertIndicator { at, indicator } => {
                let list = &mut group_mut(form, at.goal, at.group)?.indicators;
                check(at.indicator <= list.len())?;
                list.insert(at.indicator, indicator);
            }
            Edit::DeleteGoal(g) => {
                check(g < form.goals.len())?;
                form.goals.remove(g);
            }
            Edit::DeleteGroup(g, gr) => {
                let groups = &mut form.goals.get_mut(g).ok_or(StaleEdit)?.groups;
                check(gr < groups.len())?;
                groups.remove(gr);
            }
            Edit::DeleteIndicator(p) => {
                let list = &mut group_mut(form, p.goal, p.group)?.indicators;
                check(p.indicator < list.len())?;
                list.remove(p.indicator);
            }
            Edit::MoveGoal { from, to } => {
                check(from < form.goals.len() && to < form.goals.len())?;
                let goal = form.goals.remove(from);
                form.goals.insert(to, goal);
            }
            Edit::MoveGroup { from, to } => {
                group_mut(form, from.0, from.1)?;
                let target_len = form.goals.get(to.0).ok_or(StaleEdit)?.groups.len();
                let room = if from.0 == to.0 {
                    target_len - 1
                } else {
                    target_len
                };
                check(to.1 <= room)?;
                let group = form.goals[from.0].groups.remove(from.1);
                form.goals[to.0].groups.insert(to.1, group);
            }
            Edit::MoveIndicator { from, to } => {
                indicator_mut(form, from)?;
                let target_len = group_mut(form, to.goal, to.group)?.indicators.len();
                let same = (from.goal, from.group) == (to.goal, to.group);
                check(to.indicator <= if same { target_len - 1 } else { target_len })?;
                let ind = form.goals[from.goal].groups[from.group]
                    .indicators
                    .remove(from.indicator);
                form.goals[to.goal].groups[to.group]
                    .indicators
                    .insert(to.indicator, ind);
            }
            Edit::ReplaceForm(new) | Edit::PasteRows { form: new, .. } => *form = *new,
            Edit::SetReviewDone(i, done) => {
                form.review.items.get_mut(i).ok_or(StaleEdit)?.done = done;
            }
            Edit::ClearReview => form.review = Default::default(),
        }
        Ok(())
    }
}

fn check(ok: bool) -> Result<(), StaleEdit> {
    ok.then_some(()).ok_or(StaleEdit)
}

fn group_mut(form: &mut Form, g: usize, gr: usize) -> Result<&mut Group, StaleEdit> {
    form.goals
        .get_mut(g)
        .and_then(|goal| goal.groups.get_mut(gr))
        .ok_or(StaleEdit)
}

fn indicator_mut(form: &mut Form, p: IndicatorPath) -> Result<&mut Indicator, StaleEdit> {
    group_mut(form, p.goal, p.group)?
        .indicators
        .get_mut(p.indicator)
        .ok_or(StaleEdit)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(goal: usize, group: usize, indicator: usize) -> IndicatorPath {
        IndicatorPath {
            goal,
            group,
            indicator,
        }
    }

    fn form() -> Form {
        crate::core::synthetic::small_grid()
    }

    fn names(f: &Form, g: usize, gr: usize) -> Vec<String> {
        f.goals[g].groups[gr]
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
            from: (0, 1),
            to: (1, 2),
        }
        .apply(&mut f)
        .unwrap();
        assert_eq!(f.goals[0].groups.len(), 1);
        assert_eq!(f.goals[1].groups[2].name, "G01");
    }

    #[test]
    fn stale_edits_change_nothing() {
        let before = form();
        for edit in [
            Edit::DeleteIndicator(path(0, 0, 3)),
            Edit::DeleteGroup(5, 0),
            Edit::SetIndicatorName(path(9, 9, 9), "x".into()),
            Edit::MoveIndicator {
                from: path(0, 0, 0),
                to: path(0, 0, 3),
            },
            Edit::MoveIndicator {
                from: path(0, 0, 0),
                to: path(0, 1, 4),
            },
            Edit::MoveGoal { from: 0, to: 2 },
            Edit::MoveGroup {
                from: (0, 0),
                to: (0, 2),
            },
            Edit::InsertIndicator {
                at: path(0, 0, 4),
                indicator: Indicator::default(),
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
            indicator: Indicator::new("新", ""),
        }
        .apply(&mut f)
        .unwrap();
        assert_eq!(names(&f, 1, 0).last().unwrap(), "新");
        Edit::DeleteGoal(0).apply(&mut f).unwrap();
        assert_eq!(f.goals.len(), 1);
    }
}
