//! Indicator frameworks: the 一级/二级 skeletons a new form starts from. They are data
//! (`assets/frameworks.ron`), not code, so that a bureau's own framework is one edit away.

use serde::Deserialize;

use super::model::{Form, Goal, Group};

#[derive(Debug, Clone, Deserialize)]
pub struct Framework {
    pub name: String,
    pub description: String,
    pub goals: Vec<(String, Vec<String>)>,
}

const FRAMEWORKS_RON: &str = include_str!("../../assets/frameworks.ron");

/// The frameworks shipped with the program, in menu order.
pub fn all() -> Vec<Framework> {
    // The file is part of the build and checked by a test; an edit that breaks it shows
    // up there, so here an empty list is the safe answer.
    ron::from_str(FRAMEWORKS_RON).unwrap_or_default()
}

impl Framework {
    /// A new form for `year` with this framework's goals and groups, no indicators yet.
    pub fn new_form(&self, year: i32) -> Form {
        let mut form = Form::empty(year);
        form.goals = self
            .goals
            .iter()
            .map(|(goal, groups)| Goal {
                name: goal.clone(),
                groups: groups.iter().map(Group::new).collect(),
            })
            .collect();
        form
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_frameworks_parse() {
        let all = all();
        let names: Vec<_> = all.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["上海市", "全国通用"]);
        let sh = all[0].new_form(2026);
        let goals: Vec<_> = sh.goals.iter().map(|g| g.name.as_str()).collect();
        assert_eq!(goals, ["投入与管理", "产出目标", "效果目标", "影响力目标"]);
        assert_eq!(sh.goals[1].groups[0].name, "数量");
        assert_eq!(sh.year, 2026);
        let national = all[1].new_form(2026);
        assert_eq!(national.goals[2].groups[0].name, "服务对象满意度");
        assert_eq!(national.goals[0].groups.len(), 4);
    }
}
