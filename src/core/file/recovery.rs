//! Recovery copies: while a document has unsaved changes, a copy is written every few
//! seconds of idle time to the user's data folder (never over the user's own file), so a
//! crash or power cut costs seconds of typing. A clean exit removes the copy.

use std::fs::{self, File, OpenOptions};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::disk::read_limited;
use super::store::{io_reason, write_atomically, SaveError, MAX_FILE_BYTES};
use crate::core::model::Form;

/// One recovery copy on disk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Recovery")]
pub struct Recovery {
    /// When the copy was written, local time, "YYYY-MM-DD HH:MM:SS".
    pub written_at: String,
    /// The file the document belongs to; `None` for a never-saved form.
    pub original: Option<PathBuf>,
    pub form: Form,
}

impl Recovery {
    /// A line for the list of copies: the form's year and name.
    pub fn title(&self) -> String {
        let name = self.form.field("project_name").trim();
        let name = if name.is_empty() {
            "未命名项目"
        } else {
            name
        };
        format!(
            "{} 年度 {}",
            self.form.year,
            crate::core::printable::printable(name)
        )
    }
}

/// Reads a recovery copy's text; `None` when it is not one, is damaged, or holds a
/// form of a newer format than this program writes (left for that program).
pub fn parse(text: &str) -> Option<Recovery> {
    if let Ok(r) = ron::from_str::<Recovery>(text) {
        return (r.form.format_version <= crate::core::model::FORMAT_VERSION).then_some(r);
    }
    // A copy written by the program of version-1 files.
    let old = ron::from_str::<RecoveryV1>(text).ok()?;
    (old.form.format_version <= 1).then(|| Recovery {
        written_at: old.written_at,
        original: old.original,
        form: old.form.into_current(),
    })
}

#[derive(Deserialize)]
#[serde(rename = "Recovery")]
struct RecoveryV1 {
    written_at: String,
    original: Option<PathBuf>,
    form: crate::core::model_v1::FormV1,
}

/// The folder of recovery copies: one `recovery-SESSION.ron` per window with unsaved
/// changes, and beside it `recovery-SESSION.lock`, locked by that window for as long as
/// it runs. A copy whose lock nobody holds was left by a window that ended without
/// saving (a crash, a power cut, a reboot): that is what is offered.
#[derive(Debug, Clone)]
pub struct RecoveryStore {
    dir: PathBuf,
}

/// This window's claim on its recovery copy. Dropping it releases the claim (as the
/// system does when the process dies) but keeps the copy: only [`RecoveryStore::clear`]
/// removes a copy.
#[derive(Debug)]
pub struct Session {
    name: String,
    lock: Option<(File, PathBuf)>,
}

impl Session {
    pub fn name(&self) -> &str {
        &self.name
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if let Some((file, lock_path)) = self.lock.take() {
            // Without a copy the lock file has nothing to guard.
            if !lock_path.with_extension("ron").exists() {
                let _ = fs::remove_file(&lock_path);
            }
            let _ = file.unlock();
        }
    }
}

/// A copy left by a window that is gone, claimed by this window while it is offered so
/// that no other window offers (or removes) it at the same time.
#[derive(Debug)]
pub struct Leftover {
    pub path: PathBuf,
    pub copy: Recovery,
    lock: Option<File>,
}

impl RecoveryStore {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        RecoveryStore { dir: dir.into() }
    }

    /// The user's data folder (`JIXIAO_DATA_DIR` overrides it).
    pub fn for_user() -> Option<Self> {
        std::env::var_os("JIXIAO_DATA_DIR")
            .map(PathBuf::from)
            .or_else(|| {
                directories::ProjectDirs::from("", "", "jixiao").map(|d| d.data_dir().to_path_buf())
            })
            .map(|d| RecoveryStore::new(d.join("recovery")))
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Starts this window's session: a unique name (not a process id, which another
    /// machine, a sandbox or the next boot reuses) and its lock, held until the end.
    pub fn start_session(&self) -> Session {
        let _ = fs::create_dir_all(&self.dir);
        let mut name = String::new();
        for _ in 0..5 {
            name = format!(
                "{}-{:08x}",
                chrono::Local::now().format("%Y%m%d%H%M%S"),
                fastrand::u32(..)
            );
            let lock_path = self.dir.join(format!("recovery-{name}.lock"));
            // A cleaner may take a lock file in the instant between its creation and
            // our lock (and remove it): then try another name.
            if let Some(file) = OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&lock_path)
                .ok()
                .filter(|f| f.try_lock().is_ok() && lock_path.exists())
            {
                return Session {
                    name,
                    lock: Some((file, lock_path)),
                };
            }
        }
        // No lock here (read-only data folder…): copies still work, unguarded.
        Session { name, lock: None }
    }

    /// The copy's file for a session.
    pub fn path_for_session(&self, session: &str) -> PathBuf {
        self.dir.join(format!("recovery-{session}.ron"))
    }

    /// Writes the copy atomically.
    pub fn write(
        &self,
        session: &Session,
        original: Option<&Path>,
        form: &Form,
    ) -> Result<(), SaveError> {
        fs::create_dir_all(&self.dir).map_err(|e| SaveError::failed(&self.dir, io_reason(&e)))?;
        let recovery = Recovery {
            written_at: chrono::Local::now().format("%Y-%m-%d %H:%M:%S").to_string(),
            original: original.map(Path::to_path_buf),
            form: form.clone(),
        };
        let config = ron::ser::PrettyConfig::new()
            .struct_names(true)
            .depth_limit(7);
        let text = ron::ser::to_string_pretty(&recovery, config)
            .map_err(|_| SaveError::failed(&self.dir, "无法生成恢复副本"))?;
        // a copy that could not be read back is no copy: the same limit both ways
        if text.len() as u64 > MAX_FILE_BYTES * 2 {
            return Err(SaveError::failed(
                &self.dir,
                "表单过大，恢复副本无法再读回，未写入；请删减过长的内容",
            ));
        }
        write_atomically(
            &self.path_for_session(&session.name),
            text.as_bytes(),
            false,
        )
    }

    /// Removes a session's copy (the document was saved, or its changes discarded).
    pub fn clear(&self, session: &Session) {
        let _ = fs::remove_file(self.path_for_session(&session.name));
    }

    /// Copies left behind by windows that are gone, newest first, each claimed for this
    /// window until it is adopted, discarded or dropped. Unreadable copies are skipped
    /// (and kept, in case a person wants to look at them).
    pub fn leftovers(&self) -> Vec<Leftover> {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let paths: Vec<PathBuf> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
        // Locks of windows that ended with nothing unsaved (killed, or a crash before
        // the first copy) guard nothing: remove those nobody holds.
        for lock in paths.iter().filter(|p| {
            p.extension().is_some_and(|e| e == "lock") && !p.with_extension("ron").exists()
        }) {
            if claim(lock).is_some() {
                let _ = fs::remove_file(lock);
            }
        }
        let mut found: Vec<Leftover> = paths
            .into_iter()
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with("recovery-") && n.ends_with(".ron"))
            })
            .filter_map(|path| {
                let lock = claim(&path.with_extension("lock"))?;
                let bytes = read_limited(&path, MAX_FILE_BYTES * 2).ok()?;
                let copy = parse(std::str::from_utf8(&bytes).ok()?)?;
                Some(Leftover {
                    path,
                    copy,
                    lock: Some(lock),
                })
            })
            .collect();
        // Newest first; copies of the same second by the time the file was written.
        let modified = |l: &Leftover| fs::metadata(&l.path).and_then(|m| m.modified()).ok();
        found.sort_by_cached_key(|l| std::cmp::Reverse((l.copy.written_at.clone(), modified(l))));
        found
    }

    /// Makes a leftover this session's own copy: it stays on disk (this window's copy
    /// now) until the recovered form is saved or its changes are discarded.
    pub fn adopt(&self, mut leftover: Leftover, session: &Session) -> Result<(), SaveError> {
        let own = self.path_for_session(&session.name);
        fs::rename(&leftover.path, &own).map_err(|e| SaveError::failed(&own, io_reason(&e)))?;
        self.release(&mut leftover);
        Ok(())
    }

    /// Removes a leftover the user chose to throw away.
    pub fn discard(&self, mut leftover: Leftover) {
        if leftover.path.starts_with(&self.dir) {
            let _ = fs::remove_file(&leftover.path);
        }
        self.release(&mut leftover);
    }

    fn release(&self, leftover: &mut Leftover) {
        if let Some(lock) = leftover.lock.take() {
            let _ = fs::remove_file(leftover.path.with_extension("lock"));
            let _ = lock.unlock();
        }
    }
}

/// Takes the lock of a copy's session if nobody holds it (the window is gone).
fn claim(lock_path: &Path) -> Option<File> {
    let file = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(false)
        .open(lock_path)
        .ok()?;
    file.try_lock().ok()?;
    Some(file)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::template::shanghai_2020;

    fn store() -> (tempfile::TempDir, RecoveryStore) {
        let dir = tempfile::tempdir().unwrap();
        let store = RecoveryStore::new(dir.path().join("recovery"));
        (dir, store)
    }

    #[test]
    fn copy_is_written_found_after_the_window_is_gone_and_cleared() {
        let (_dir, store) = store();
        let mut form = Form::new(shanghai_2020(), 2021);
        form.set_field("project_name", "未保存的\"名称\"\n第二行");
        let session = store.start_session();
        store
            .write(&session, Some(Path::new("/x/form.ron")), &form)
            .unwrap();
        assert!(store.leftovers().is_empty(), "the window is still running");
        drop(session); // the window died
        let left = store.leftovers();
        assert_eq!(left.len(), 1);
        assert_eq!(left[0].copy.form, form);
        assert_eq!(
            left[0].copy.original.as_deref(),
            Some(Path::new("/x/form.ron"))
        );
        assert!(
            store.leftovers().is_empty(),
            "a copy being offered by one window is not offered by another"
        );
        let next = store.start_session();
        for l in left {
            store.adopt(l, &next).unwrap();
        }
        assert!(
            store.path_for_session(next.name()).exists(),
            "kept until saved"
        );
        store.clear(&next);
        drop(next);
        assert!(store.leftovers().is_empty());
        assert_eq!(
            fs::read_dir(store.dir()).unwrap().count(),
            0,
            "nothing left over"
        );
    }

    #[test]
    fn copies_of_other_live_sessions_are_not_leftovers() {
        let (_dir, store) = store();
        let a = store.start_session();
        let b = store.start_session();
        store
            .write(&a, None, &Form::new(shanghai_2020(), 2020))
            .unwrap();
        store
            .write(&b, None, &Form::new(shanghai_2020(), 2021))
            .unwrap();
        assert!(store.leftovers().is_empty());
        drop(b);
        let left = store.leftovers();
        assert_eq!(left.len(), 1);
        assert_eq!(left[0].copy.form.year, 2021);
    }

    #[test]
    fn copies_from_the_old_pid_naming_are_offered() {
        let (_dir, store) = store();
        fs::create_dir_all(store.dir()).unwrap();
        let text = ron::ser::to_string(&Recovery {
            written_at: "2026-01-01 10:00:00".into(),
            original: None,
            form: Form::new(shanghai_2020(), 2020),
        })
        .unwrap();
        // pid 1 is always alive: a PID says nothing about who owns a copy
        fs::write(store.dir().join("recovery-1-20260101.ron"), text).unwrap();
        assert_eq!(store.leftovers().len(), 1);
    }

    #[test]
    fn broken_copies_are_skipped_and_kept() {
        let (_dir, store) = store();
        fs::create_dir_all(store.dir()).unwrap();
        let broken = store.dir().join("recovery-x.ron");
        fs::write(&broken, "Recovery(written_at: ").unwrap();
        let s = store.start_session();
        store
            .write(&s, None, &Form::new(shanghai_2020(), 2020))
            .unwrap();
        drop(s);
        let left = store.leftovers();
        assert_eq!(left.len(), 1);
        for l in left {
            store.discard(l);
        }
        assert!(broken.exists());
        assert!(store.leftovers().is_empty());
    }

    #[test]
    fn hostile_copies_do_not_panic() {
        for text in [
            "",
            "Recovery(",
            "Recovery(written_at: \"x\", original: Some(\"",
            "\u{0}",
        ] {
            assert!(parse(text).is_none());
        }
    }

    #[test]
    fn copies_of_a_newer_format_are_left_alone() {
        // found by the fuzzer: a copy from a newer program must not be recovered into a
        // form this one cannot save and reopen
        let newer = "Recovery(written_at: \"x\", original: None, form: Form(format_version: 4, template: \"shanghai-2020\", year: 2020))";
        assert!(parse(newer).is_none());
        for version in ["3", "2"] {
            let current = newer.replace("format_version: 4", &format!("format_version: {version}"));
            assert_eq!(parse(&current).unwrap().form.template, "shanghai-2020");
        }
        // a copy left by the version-1 program is recovered as the 2020 layout
        let old = "Recovery(written_at: \"x\", original: None, form: Form(format_version: 1, year: 2020, unit_name: \"单位\"))";
        let form = parse(old).unwrap().form;
        assert_eq!(form.field("unit_name"), "单位");
        assert_eq!(form.template, "shanghai-2020");
        assert!(parse(&old.replace("format_version: 1", "format_version: 2")).is_none());
    }

    #[test]
    fn locks_of_sessions_that_left_nothing_are_cleaned_up() {
        let (_dir, store) = store();
        let live = store.start_session();
        // a window killed before it wrote any copy: its lock file, held by nobody
        let gone_lock = store.dir().join("recovery-20260101000000-00000000.lock");
        fs::write(&gone_lock, "").unwrap();
        assert!(store.leftovers().is_empty());
        assert!(!gone_lock.exists(), "removed");
        let live_lock = store.dir().join(format!("recovery-{}.lock", live.name()));
        assert!(live_lock.exists(), "a running window's lock stays");
    }
}
