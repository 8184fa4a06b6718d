//! An open document: the form, where it lives, and its undo history. Every change goes
//! through [`Document::apply`], which is what makes undo/redo, the unsaved-changes mark
//! and autosave work for every kind of edit.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use super::edit::{CoalesceKey, Edit, StaleEdit};
use crate::core::file::disk::{self, DiskVersion};
use crate::core::file::lock::{EditLock, LockHolder, LockOutcome};
use crate::core::file::store::{self, LoadError, SaveError};
use crate::core::model::Form;

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
    /// The file as this document last read or wrote it: what a save expects to find.
    file: Option<FileState>,
    /// Fields of the opened file this program does not know: not kept on save, so the
    /// user is told when the file opens.
    pub unknown_fields: Vec<String>,
    /// Why this window could not lock its file (the lock file is a folder, read-only,
    /// another user's): a second window would then open it without a word, so the
    /// clerk is told (the check for changes on disk still guards every save).
    pub lock_unavailable: Option<String>,
}

/// What a document knows of its file.
#[derive(Debug)]
struct FileState {
    version: DiskVersion,
    /// The form as it is in that version (to tell what someone else changed).
    form: Form,
    /// This window's lock on the file; `None` where none could be taken.
    lock: Option<EditLock>,
    /// Opened although another window holds it: saving goes to another file.
    read_only: Option<LockHolder>,
}

/// How opening a file went.
pub enum Opened {
    /// Open, and locked for this window (or unlockable here).
    Ready(Box<Document>),
    /// Another window has the file; it can be opened read-only.
    HeldBy { holder: LockHolder },
}

/// A save that could not be done silently.
#[derive(Debug)]
pub enum SaveOutcome {
    Saved,
    /// The file changed on disk since it was opened or last saved: the user chooses to
    /// overwrite, save elsewhere or reload. `changes` says what the other side changed.
    ChangedOnDisk {
        changes: Vec<String>,
    },
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
            file: None,
            unknown_fields: Vec::new(),
            lock_unavailable: None,
        }
    }

    /// A form recovered from an autosave copy, for the file it belonged to (if any):
    /// unsaved, holding that file's lock when it can, and expecting the file as it is
    /// now (saving writes the recovered form over it on purpose; the `.bak` keeps what
    /// was there).
    pub fn recovered(form: Form, original: Option<PathBuf>) -> Self {
        let mut doc = Document::new_unsaved(form, original.clone());
        let Some(path) = original else {
            return doc;
        };
        let target = disk::resolve_target(&path).unwrap_or_else(|_| path.clone());
        let (lock, read_only) = match EditLock::try_acquire(&target) {
            LockOutcome::Acquired(lock) => (Some(lock), None),
            LockOutcome::HeldBy(holder) => (None, Some(holder)),
            LockOutcome::Unavailable(_) => (None, None),
        };
        if let Ok(loaded) = store::open(&path) {
            doc.file = Some(FileState {
                version: loaded.version,
                form: loaded.form,
                lock,
                read_only,
            });
        } else if read_only.is_some() || lock.is_some() {
            // The file is gone or unreadable: saving recreates it.
            doc.file = Some(FileState {
                version: DiskVersion::of(b""),
                form: Form::new(&crate::core::template::for_form(&doc.form), doc.form.year),
                lock,
                read_only,
            });
        }
        doc
    }

    /// Opens the form at `path` and locks it for this window. When another window holds
    /// it, says who; `read_only` opens it anyway, without the lock, and saves then go to
    /// another file.
    pub fn open(path: &Path, read_only: bool) -> Result<Opened, LoadError> {
        let loaded = store::open(path)?;
        let target = disk::resolve_target(path).unwrap_or_else(|_| path.to_path_buf());
        // Temporaries of saves that were killed half-way are of no use to anyone.
        crate::core::file::safe_write::remove_stale_temps(&target);
        let mut unavailable = None;
        let (lock, holder) = match EditLock::try_acquire(&target) {
            LockOutcome::Acquired(lock) => (Some(lock), None),
            LockOutcome::HeldBy(holder) if read_only => (None, Some(holder)),
            LockOutcome::HeldBy(holder) => return Ok(Opened::HeldBy { holder }),
            LockOutcome::Unavailable(e) => {
                unavailable = Some(crate::core::file::safe_write::io_reason(&e));
                (None, None)
            }
        };
        let mut doc = Document::new(loaded.form.clone(), Some(path.to_path_buf()));
        doc.unknown_fields = loaded.unknown_fields;
        doc.lock_unavailable = unavailable;
        doc.file = Some(FileState {
            version: loaded.version,
            form: loaded.form,
            lock,
            read_only: holder,
        });
        Ok(Opened::Ready(Box::new(doc)))
    }

    /// Lets go of this document's lock when it is on the file at `path` (the window is
    /// about to open that file again, or a copy recovered for it). Its later saves take
    /// the lock for the moment of writing, as any other writer does.
    pub fn release_lock_on(&mut self, path: &Path) {
        if let Some(file) = &mut self.file {
            if file
                .lock
                .as_ref()
                .is_some_and(|l| disk::same_file(l.form(), path))
            {
                file.lock = None;
            }
        }
    }

    /// Who holds the file when this document was opened read-only.
    pub fn read_only(&self) -> Option<&LockHolder> {
        self.file.as_ref().and_then(|f| f.read_only.as_ref())
    }

    /// Saves to the document's own file, unless it changed on disk since it was opened
    /// or last saved (then nothing is written and the caller asks the user); with
    /// `overwrite` the other change is written over on purpose.
    pub fn save(&mut self, overwrite: bool) -> Result<SaveOutcome, SaveError> {
        let Some(path) = self.path.clone() else {
            return Err(SaveError::failed(
                Path::new(""),
                "表单还没有文件名，请用“另存为”",
            ));
        };
        if let Some(holder) = self.read_only() {
            return Err(SaveError::Locked {
                path,
                holder: holder.clone(),
            });
        }
        if !self.unknown_fields.is_empty() {
            // what this version does not know would be lost: never over that file
            return Err(SaveError::UnknownFields {
                path,
                fields: self.unknown_fields.clone(),
            });
        }
        let file = self.file.as_ref();
        let expected = file.filter(|_| !overwrite).map(|f| &f.version);
        let lock = file.and_then(|f| f.lock.as_ref());
        match store::save_checked(&path, &self.form, expected, lock) {
            Ok(version) => {
                self.saved_as(path, version, None);
                Ok(SaveOutcome::Saved)
            }
            Err(SaveError::Changed { .. }) => Ok(SaveOutcome::ChangedOnDisk {
                changes: self.changes_on_disk(),
            }),
            Err(e) => Err(e),
        }
    }

    /// Saves to another file (chosen by the user, so an existing one is replaced),
    /// which this window then holds instead of the old one.
    pub fn save_as(&mut self, path: &Path) -> Result<(), SaveError> {
        let target = disk::resolve_target(path).unwrap_or_else(|_| path.to_path_buf());
        let own = self
            .file
            .as_ref()
            .and_then(|f| f.lock.as_ref())
            .is_some_and(|l| disk::same_file(l.form(), &target));
        if own {
            return self.save(true).map(|_| ());
        }
        let lock = store::lock_for_writing(path, &target)?;
        let version = store::save_checked(path, &self.form, None, lock.as_ref())?;
        self.saved_as(path.to_path_buf(), version, Some(lock));
        // the new file holds all this version knows: nothing of it is unknown
        self.unknown_fields.clear();
        Ok(())
    }

    /// Records that the form is now `version` of `path`; `new_lock` when the document
    /// moved to another file (else it keeps its lock and read-only state).
    fn saved_as(
        &mut self,
        path: PathBuf,
        version: DiskVersion,
        new_lock: Option<Option<EditLock>>,
    ) {
        let (lock, read_only) = match (new_lock, self.file.take()) {
            (Some(lock), _) => (lock, None),
            (None, Some(old)) => (old.lock, old.read_only),
            (None, None) => (None, None),
        };
        self.file = Some(FileState {
            version,
            form: self.form.clone(),
            lock,
            read_only,
        });
        self.mark_saved(path);
    }

    /// What another program changed in the file since this document read or wrote it.
    pub fn changes_on_disk(&self) -> Vec<String> {
        let (Some(path), Some(file)) = (&self.path, &self.file) else {
            return Vec::new();
        };
        match store::load(path) {
            Ok(now) => {
                let changes = super::diff::differences(
                    &file.form,
                    &now,
                    &crate::core::template::for_form(&now),
                );
                if changes.is_empty() {
                    vec!["内容相同，只是文件的写法不同（例如被其他程序重新保存）".into()]
                } else {
                    changes
                }
            }
            Err(e) => vec![format!("文件现在无法读取：{e}")],
        }
    }

    /// Replaces the form with the file as it is on disk now, as one undoable step (undo
    /// brings back what was on screen), and takes that as the saved state.
    pub fn reload(&mut self) -> Result<(), LoadError> {
        let Some(path) = self.path.clone() else {
            return Ok(());
        };
        let loaded = store::open(&path)?;
        if loaded.form != self.form {
            let _ = self.apply(Edit::ReplaceForm(Box::new(loaded.form.clone())));
        }
        self.saved_as(path, loaded.version, None);
        Ok(())
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
        let continues = match (&key, &self.last_edit) {
            (Some(k), Some((last, at))) => {
                k == last && now.duration_since(*at) < COALESCE_WINDOW && !self.undo.is_empty()
            }
            _ => false,
        };
        let label = edit.label(&crate::core::template::for_form(&self.form));
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
        let moved = step_across(
            &mut self.form,
            &mut self.state,
            &mut self.undo,
            &mut self.redo,
        );
        if moved {
            self.after_history_move();
        }
        moved
    }

    pub fn redo(&mut self) -> bool {
        let moved = step_across(
            &mut self.form,
            &mut self.state,
            &mut self.redo,
            &mut self.undo,
        );
        if moved {
            self.after_history_move();
        }
        moved
    }

    fn after_history_move(&mut self) {
        self.last_edit = None;
        self.revision = next_revision();
    }
}

/// Undo and redo are one move: the last step of `from` becomes the current form, and
/// the form it replaces goes onto `to`, so the move can be made back.
fn step_across(form: &mut Form, state: &mut u64, from: &mut Vec<Step>, to: &mut Vec<Step>) -> bool {
    let Some(step) = from.pop() else {
        return false;
    };
    to.push(Step {
        before: std::mem::replace(form, step.before),
        before_state: std::mem::replace(state, step.before_state),
        label: step.label,
    });
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc() -> Document {
        Document::new(
            Form::new(crate::core::template::shanghai_2020(), 2020),
            Some("a.ron".into()),
        )
    }

    fn set_name(d: &mut Document, name: &str, at: Instant) {
        d.apply_at(Edit::SetField("project_name".into(), name.into()), at)
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
        assert_eq!(d.form().field("project_name"), "");
        assert!(!d.is_dirty(), "back at the saved state");
        assert!(!d.can_undo());
        assert!(d.redo());
        assert_eq!(d.form().field("project_name"), "项目名");
        assert!(d.is_dirty());
    }

    #[test]
    fn a_pause_or_another_field_starts_a_new_step() {
        let mut d = doc();
        let t = Instant::now();
        set_name(&mut d, "a", t);
        set_name(&mut d, "ab", t + Duration::from_secs(5));
        d.apply_at(
            Edit::SetField("unit_name".into(), "u".into()),
            t + Duration::from_secs(5),
        )
        .unwrap();
        d.undo();
        assert_eq!(d.form().field("unit_name"), "");
        assert_eq!(d.form().field("project_name"), "ab");
        d.undo();
        assert_eq!(d.form().field("project_name"), "a");
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
        let r = d.apply(Edit::DeleteGoal(0, 3));
        assert!(r.is_err());
        assert!(!d.can_undo());
        assert!(!d.is_dirty());
    }

    #[test]
    fn new_unsaved_document_is_dirty() {
        assert!(Document::new_unsaved(
            Form::new(crate::core::template::shanghai_2020(), 2021),
            None
        )
        .is_dirty());
        assert!(!Document::new(
            Form::new(crate::core::template::shanghai_2020(), 2021),
            None
        )
        .is_dirty());
    }

    fn open_ready(path: &Path) -> Document {
        match Document::open(path, false).unwrap() {
            Opened::Ready(d) => *d,
            Opened::HeldBy { .. } => panic!("held"),
        }
    }

    #[test]
    fn a_change_on_disk_is_never_written_over_silently() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.ron");
        store::save(
            &path,
            &Form::new(crate::core::template::shanghai_2020(), 2020),
        )
        .unwrap();
        let mut d = open_ready(&path);
        // another program changes the file; this window changes nothing and saves
        let mut theirs = Form::new(crate::core::template::shanghai_2020(), 2020);
        theirs.set_field("project_name", "同事改的");
        std::fs::write(&path, store::to_ron_string(&theirs)).unwrap();
        match d.save(false).unwrap() {
            SaveOutcome::ChangedOnDisk { changes } => {
                assert!(
                    changes.iter().any(|c| c.contains("同事改的")),
                    "{changes:?}"
                )
            }
            SaveOutcome::Saved => panic!("wrote over the other change"),
        }
        assert_eq!(
            store::load(&path).unwrap(),
            theirs,
            "their change is on disk"
        );
        // reload: their version on screen, ours one undo away
        set_name(&mut d, "我的", Instant::now());
        d.reload().unwrap();
        assert_eq!(d.form(), &theirs);
        assert!(!d.is_dirty());
        d.undo();
        assert_eq!(d.form().field("project_name"), "我的");
        // and now an overwrite on purpose
        assert!(matches!(d.save(false).unwrap(), SaveOutcome::Saved));
        assert_eq!(store::load(&path).unwrap().field("project_name"), "我的");
        assert_eq!(
            store::load(&store::backup_path(&path)).unwrap(),
            theirs,
            "the .bak has their version"
        );
    }

    #[test]
    fn a_second_window_is_told_and_may_read_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.ron");
        store::save(
            &path,
            &Form::new(crate::core::template::shanghai_2020(), 2020),
        )
        .unwrap();
        let first = open_ready(&path);
        let Opened::HeldBy { holder } = Document::open(&path, false).unwrap() else {
            panic!("the second window got the lock too")
        };
        assert_eq!(holder.user, LockHolder::me().user);
        let Opened::Ready(mut second) = Document::open(&path, true).unwrap() else {
            panic!()
        };
        assert!(second.read_only().is_some());
        assert!(matches!(second.save(true), Err(SaveError::Locked { .. })));
        second.apply(Edit::SetYear(2031)).unwrap();
        let other = dir.path().join("副本.ron");
        second.save_as(&other).unwrap();
        assert!(second.read_only().is_none(), "it holds its own file now");
        assert_eq!(store::load(&other).unwrap().year, 2031);
        drop(first);
        assert!(matches!(
            Document::open(&path, false).unwrap(),
            Opened::Ready(_)
        ));
    }
}
