//! The checks as the window shows them: the core's problems for the current revision,
//! with 待填写 set apart on a new form and typed-but-unreadable field text added, and the
//! worst severity at each place of the outline.

use std::collections::{HashMap, HashSet};

use crate::core::editing::document::Document;
use crate::core::model::{FieldId, IndicatorPath};
use crate::core::template::Template;
use crate::core::validate::{validate, Location, Problem, Severity};

/// What the window adds to the core's checks.
pub struct ProblemView<'a> {
    /// Every empty required field is an error (not 待填写).
    pub strict: bool,
    /// Fields the clerk has been in and left.
    pub touched: &'a HashSet<FieldId>,
    /// Text typed into money and date fields and not stored.
    pub typed: &'a HashMap<FieldId, String>,
    /// Review points turned off in 设置 (their ids).
    pub review_off: &'a [String],
}

/// What a list is made from: revision, strictness, fields left, typed text, review
/// points off.
type Key = (u64, bool, usize, HashMap<FieldId, String>, Vec<String>);

/// Problems of the current revision as the window shows them, and the worst severity
/// at each place.
#[derive(Default)]
pub struct ProblemIndex {
    /// What the list was made from: revision, strictness, fields left, typed text.
    key: Option<Key>,
    validated: Option<(u64, Vec<Problem>)>,
    pub list: Vec<Problem>,
    /// Required fields of a new form not filled in yet (not errors yet).
    pub to_fill: Vec<Problem>,
    pub fields: HashMap<FieldId, Severity>,
    pub grids: HashMap<usize, Severity>,
    pub goals: HashMap<(usize, usize), Severity>,
    pub groups: HashMap<(usize, usize, usize), Severity>,
    pub indicators: HashMap<IndicatorPath, Severity>,
    /// Review points turned off, and the warnings of theirs not listed.
    pub review_off: usize,
    pub review_hidden: usize,
}

impl ProblemIndex {
    pub fn refresh(&mut self, doc: &Document, template: &Template, view: &ProblemView) {
        let key = (
            doc.revision(),
            view.strict,
            view.touched.len(),
            view.typed.clone(),
            view.review_off.to_vec(),
        );
        if self.key.as_ref() == Some(&key) {
            return;
        }
        if self.validated.as_ref().map(|v| v.0) != Some(doc.revision()) {
            self.validated = Some((doc.revision(), validate(doc.form(), template)));
        }
        let validated = self
            .validated
            .as_ref()
            .map(|v| v.1.clone())
            .unwrap_or_default();
        let lenient = |p: &Problem| {
            p.missing
                && !view.strict
                && !matches!(&p.location, Location::Field(f) if view.touched.contains(f))
        };
        let (to_fill, mut list): (Vec<Problem>, Vec<Problem>) =
            validated.into_iter().partition(|p| lenient(p));
        let before = list.len();
        list.retain(|p| {
            !p.review
                .is_some_and(|r| view.review_off.iter().any(|id| id == r.id()))
        });
        let review_hidden = before - list.len();
        // Text typed into a money or date field that cannot be read: the form keeps its
        // last valid value, and the checks say so.
        let mut typed: Vec<(&FieldId, &String)> = view.typed.iter().collect();
        typed.sort_by_key(|(f, _)| f.label(template));
        for (field, text) in typed {
            if let Err(message) = crate::core::editing::field_input::check(field, text, template) {
                list.insert(
                    0,
                    Problem {
                        location: Location::Field(field.clone()),
                        place: field.label(template),
                        severity: Severity::Error,
                        message: format!("{message}（未保存到表单）"),
                        missing: false,
                        column: None,
                        review: None,
                    },
                );
            }
        }
        *self = ProblemIndex {
            key: Some(key),
            validated: self.validated.take(),
            list,
            to_fill,
            review_off: view.review_off.len(),
            review_hidden,
            ..Default::default()
        };
        fn worst<K: std::hash::Hash + Eq>(map: &mut HashMap<K, Severity>, k: K, s: Severity) {
            let e = map.entry(k).or_insert(s);
            *e = (*e).min(s);
        }
        for p in &self.list {
            match &p.location {
                Location::Field(f) => worst(&mut self.fields, f.clone(), p.severity),
                Location::Grid(g) => worst(&mut self.grids, *g, p.severity),
                Location::Goal(g, goal) => {
                    worst(&mut self.grids, *g, p.severity);
                    worst(&mut self.goals, (*g, *goal), p.severity);
                }
                Location::Group(g, goal, gr) => {
                    worst(&mut self.grids, *g, p.severity);
                    worst(&mut self.goals, (*g, *goal), p.severity);
                    worst(&mut self.groups, (*g, *goal, *gr), p.severity);
                }
                Location::Indicator(path) => {
                    worst(&mut self.grids, path.grid, p.severity);
                    worst(&mut self.goals, (path.grid, path.goal), p.severity);
                    worst(
                        &mut self.groups,
                        (path.grid, path.goal, path.group),
                        p.severity,
                    );
                    worst(&mut self.indicators, *path, p.severity);
                }
            }
        }
    }

    pub fn errors(&self) -> usize {
        self.list
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count()
    }

    /// The revision the list was made for.
    pub fn revision(&self) -> Option<u64> {
        self.key.as_ref().map(|k| k.0)
    }
}
