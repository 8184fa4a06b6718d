//! An open document: the form, where it lives, and its undo history. Every change goes
//! through [`Document::apply`], which is what makes undo/redo, the unsaved-changes mark
//! and autosave work for every kind of edit.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use super::edit::{CoalesceKey, Edit, StaleEdit};
use super::model::Form;

/// Typing into the same field within this time is one undo step.
const COALESCE_WINDOW: Duration = Duration::from_millis(1500);
/// Undo steps kept; older ones are dropped.
const MAX_UNDO: usize = 300;

/// Revisions are unique across documents, so a cache keyed by revision never mistakes a
/// newly opened document for the one before it.
static NEXT_REVISION: AtomicU64 = AtomicU64::new(1);

fn next_revision() -> u64 {
    NEXT_REVISION.fetch_add(1, Ordering::Relaxed)
}

struct Step {
    before: Form,
    before_state: u64,
    label: String,
}

pub struct Document {
    form: Form,
    /// Where the form is saved; `None` for a new, never-saved form.
    pub path: Option<PathBuf>,
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// Identifies the current content; undo brings back the earlier id.
    state: u64,
    next_state: u64,
    saved_state: Option<u64>,
    last_edit: Option<(CoalesceKey, Instant)>,
    /// Changes with every change (and differs between documents), for caches that
    /// follow the form (validation, autosave).
    revision: u64,
}

impl Document {
    /// A document for a form just read from `path` (or a fresh one): no unsaved changes.
    pub fn new(form: Form, path: Option<PathBuf>) -> Self {
        Document {
            form,
            path,
            undo: Vec::new(),
            redo: Vec::new(),
            state: 0,
            next_state: 1,
            saved_state: Some(0),
            last_edit: None,
            revision: next_revision(),
        }
    }

    /// A document that starts out unsaved (rollover result, recovered copy, import).
    pub fn new_unsaved(form: Form, path: Option<PathBuf>) -> Self {
        let mut doc = Document::new(form, path);
        doc.saved_state = None;
        doc
    }

    pub fn form(&self) -> &Form {
        &self.form
    }

    pub fn revision(&self) -> u64 {
        self.revision
    }

    pub fn is_dirty(&self) -> bool {
        self.saved_state != Some(self.state)
    }

    /// Call after the form was written to `path`.
    pub fn mark_saved(&mut self, path: PathBuf) {
        self.path = Some(path);
        self.saved_state = Some(self.state);
        self.last_edit = None;
    }

    /// Applies an edit as one undo step, or as part of the previous step when it continues
    /// typing into the same field.
    pub fn apply(&mut self, edit: Edit) -> Result<(), StaleEdit> {
        self.apply_at(edit, Instant::now())
    }

    pub fn apply_at(&mut self, edit: Edit, now: Instant) -> Result<(), StaleEdit> {
        let key = edit.coalesce_key();
        let continues = match (key, self.last_edit) {
            (Some(k), Some((last, at))) => {
                k == last && now.duration_since(at) < COALESCE_WINDOW && !self.undo.is_empty()
            }
            _ => false,
        };
        let label = edit.label();
        let before = (!continues).then(|| self.form.clone());
        edit.apply(&mut self.form)?;
        if let Some(before) = before {
            self.undo.push(Step {
                before,
                before_state: self.state,
                label,
            });
            if self.undo.len() > MAX_UNDO {
                self.undo.remove(0);
            }
        }
        self.redo.clear();
        self.state = self.next_state;
        self.next_state += 1;
        self.last_edit = key.map(|k| (k, now));
        self.revision = next_revision();
        Ok(())
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|s| s.label.as_str())
    }

    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|s| s.label.as_str())
    }

    pub fn undo(&mut self) -> bool {
        let Some(step) = self.undo.pop() else {
            return false;
        };
        let current = std::mem::replace(&mut self.form, step.before);
        self.redo.push(Step {
            before: current,
            before_state: self.state,
            label: step.label,
        });
        self.state = step.before_state;
        self.after_history_move();
        true
    }

    pub fn redo(&mut self) -> bool {
        let Some(step) = self.redo.pop() else {
            return false;
        };
        let current = std::mem::replace(&mut self.form, step.before);
        self.undo.push(Step {
            before: current,
            before_state: self.state,
            label: step.label,
        });
        self.state = step.before_state;
        self.after_history_move();
        true
    }

    fn after_history_move(&mut self) {
        self.last_edit = None;
        self.revision = next_revision();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::TextField;

    fn doc() -> Document {
        Document::new(Form::empty(2020), Some("a.ron".into()))
    }

    fn set_name(d: &mut Document, name: &str, at: Instant) {
        d.apply_at(Edit::SetText(TextField::ProjectName, name.into()), at)
            .unwrap();
    }

    #[test]
    fn typing_is_one_undo_step() {
        let mut d = doc();
        let t = Instant::now();
        set_name(&mut d, "项", t);
        set_name(&mut d, "项目", t + Duration::from_millis(300));
        set_name(&mut d, "项目名", t + Duration::from_millis(600));
        assert!(d.is_dirty());
        assert!(d.undo());
        assert_eq!(d.form().project_name, "");
        assert!(!d.is_dirty(), "back at the saved state");
        assert!(!d.can_undo());
        assert!(d.redo());
        assert_eq!(d.form().project_name, "项目名");
        assert!(d.is_dirty());
    }

    #[test]
    fn a_pause_or_another_field_starts_a_new_step() {
        let mut d = doc();
        let t = Instant::now();
        set_name(&mut d, "a", t);
        set_name(&mut d, "ab", t + Duration::from_secs(5));
        d.apply_at(
            Edit::SetText(TextField::UnitName, "u".into()),
            t + Duration::from_secs(5),
        )
        .unwrap();
        d.undo();
        assert_eq!(d.form().unit_name, "");
        assert_eq!(d.form().project_name, "ab");
        d.undo();
        assert_eq!(d.form().project_name, "a");
    }

    #[test]
    fn saving_clears_dirty_and_new_edit_clears_redo() {
        let mut d = doc();
        set_name(&mut d, "x", Instant::now());
        d.mark_saved("b.ron".into());
        assert!(!d.is_dirty());
        d.undo();
        assert!(d.is_dirty(), "undoing past a save is a change");
        d.apply(Edit::SetYear(2030)).unwrap();
        assert!(!d.can_redo());
    }

    #[test]
    fn stale_edit_is_not_a_step() {
        let mut d = doc();
        let r = d.apply(Edit::DeleteGoal(3));
        assert!(r.is_err());
        assert!(!d.can_undo());
        assert!(!d.is_dirty());
    }

    #[test]
    fn new_unsaved_document_is_dirty() {
        assert!(Document::new_unsaved(Form::empty(2021), None).is_dirty());
        assert!(!Document::new(Form::empty(2021), None).is_dirty());
    }
}
