//! Recovery copies: while a document has unsaved changes, a copy is written every few
//! seconds of idle time to the user's data folder (never over the user's own file), so a
//! crash or power cut costs seconds of typing. A clean exit removes the copy.

use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::model::Form;
use super::store::{write_atomically, SaveError};

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

/// The folder of recovery copies; one file per open document.
#[derive(Debug, Clone)]
pub struct RecoveryStore {
    dir: PathBuf,
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

    /// The copy's file for a session: one per process, so two windows never collide.
    pub fn path_for_session(&self, session: &str) -> PathBuf {
        self.dir.join(format!("recovery-{session}.ron"))
    }

    /// Writes the copy atomically.
    pub fn write(
        &self,
        session: &str,
        original: Option<&Path>,
        form: &Form,
    ) -> Result<(), SaveError> {
        fs::create_dir_all(&self.dir).map_err(|e| SaveError {
            path: self.dir.clone(),
            reason: super::store::io_reason(&e),
        })?;
        let recovery = Recovery {
            written_at: chrono::Local::now().format("%Y-%m-%d %H:%M:%S").to_string(),
            original: original.map(Path::to_path_buf),
            form: form.clone(),
        };
        let config = ron::ser::PrettyConfig::new()
            .struct_names(true)
            .depth_limit(7);
        let text = ron::ser::to_string_pretty(&recovery, config).unwrap_or_default();
        write_atomically(&self.path_for_session(session), text.as_bytes(), false)
    }

    /// Removes a session's copy (clean exit, or the document was saved).
    pub fn clear(&self, session: &str) {
        let _ = fs::remove_file(self.path_for_session(session));
    }

    /// Copies left behind by sessions that did not end cleanly, newest first. Unreadable
    /// copies are skipped (and kept, in case a person wants to look at them).
    pub fn leftovers(&self) -> Vec<(PathBuf, Recovery)> {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut found: Vec<(PathBuf, Recovery)> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| {
                p.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
                    n.starts_with("recovery-")
                        && n.ends_with(".ron")
                        && !belongs_to_running_window(n)
                })
            })
            .filter_map(|p| {
                let text = fs::read_to_string(&p).ok()?;
                let recovery: Recovery = ron::from_str(&text).ok()?;
                Some((p, recovery))
            })
            .collect();
        found.sort_by(|a, b| b.1.written_at.cmp(&a.1.written_at));
        found
    }

    /// Removes one leftover copy (after it was recovered or discarded).
    pub fn remove(&self, path: &Path) {
        if path.starts_with(&self.dir) {
            let _ = fs::remove_file(path);
        }
    }
}

/// Whether a copy's session (`recovery-PID-TIME.ron`) is another window still running:
/// its copy is not a leftover and must not be offered (or removed) by this one.
fn belongs_to_running_window(file_name: &str) -> bool {
    let pid = file_name
        .strip_prefix("recovery-")
        .and_then(|rest| rest.split('-').next())
        .and_then(|pid| pid.parse::<u32>().ok());
    match pid {
        Some(pid) if pid != std::process::id() => process_alive(pid),
        _ => false,
    }
}

#[cfg(target_os = "linux")]
fn process_alive(pid: u32) -> bool {
    Path::new("/proc").join(pid.to_string()).exists()
}

#[cfg(not(target_os = "linux"))]
fn process_alive(_pid: u32) -> bool {
    false
}

/// A session name unique to this process.
pub fn session_name() -> String {
    format!(
        "{}-{}",
        std::process::id(),
        chrono::Local::now().format("%Y%m%d%H%M%S")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copy_is_written_found_and_cleared() {
        let dir = tempfile::tempdir().unwrap();
        let store = RecoveryStore::new(dir.path().join("recovery"));
        let mut form = Form::empty(2021);
        form.project_name = "未保存的\"名称\"\n第二行".into();
        store
            .write("a", Some(Path::new("/x/form.ron")), &form)
            .unwrap();
        let left = store.leftovers();
        assert_eq!(left.len(), 1);
        assert_eq!(left[0].1.form, form);
        assert_eq!(
            left[0].1.original.as_deref(),
            Some(Path::new("/x/form.ron"))
        );
        store.clear("a");
        assert!(store.leftovers().is_empty());
    }

    #[test]
    fn copies_of_running_windows_are_not_leftovers() {
        let dir = tempfile::tempdir().unwrap();
        let store = RecoveryStore::new(dir.path());
        let mut child = std::process::Command::new("sleep")
            .arg("5")
            .spawn()
            .unwrap();
        store
            .write(&format!("{}-1", child.id()), None, &Form::empty(2020))
            .unwrap();
        assert!(
            store.leftovers().is_empty(),
            "the other window is still running"
        );
        child.kill().unwrap();
        child.wait().unwrap();
        assert_eq!(store.leftovers().len(), 1, "now it is a leftover");
    }

    #[test]
    fn broken_copies_are_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let store = RecoveryStore::new(dir.path());
        fs::write(dir.path().join("recovery-x.ron"), "Recovery(written_at: ").unwrap();
        store.write("b", None, &Form::empty(2020)).unwrap();
        assert_eq!(store.leftovers().len(), 1);
    }
}
