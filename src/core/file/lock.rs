//! Who is editing a form: an advisory lock on a small file beside it (`.~lock.NAME#`,
//! as office programs do), held for as long as a window has the form open and released
//! by the system when that process ends, however it ends. The file says who holds it.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Seek, Write};
use std::path::{Path, PathBuf};

use crate::core::printable::printable;

/// Who holds a form, as written into its lock file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LockHolder {
    pub user: String,
    pub host: String,
    /// Local time, "YYYY-MM-DD HH:MM".
    pub since: String,
}

impl LockHolder {
    /// This process's user and computer, now.
    pub fn me() -> Self {
        LockHolder {
            user: ["USER", "USERNAME", "LOGNAME"]
                .iter()
                .find_map(|v| std::env::var(v).ok().filter(|u| !u.is_empty()))
                .or_else(user_from_system)
                .unwrap_or_default(),
            host: host_name(),
            since: chrono::Local::now().format("%Y-%m-%d %H:%M").to_string(),
        }
    }

    fn to_text(&self) -> String {
        format!(
            "jixiao\nuser={}\nhost={}\nsince={}\n",
            self.user, self.host, self.since
        )
    }

    fn from_text(text: &str) -> Self {
        let mut h = LockHolder::default();
        for line in text.lines().take(8) {
            let value = |v: &str| printable(v.trim());
            if let Some(v) = line.strip_prefix("user=") {
                h.user = value(v);
            } else if let Some(v) = line.strip_prefix("host=") {
                h.host = value(v);
            } else if let Some(v) = line.strip_prefix("since=") {
                h.since = value(v);
            }
        }
        h
    }
}

impl std::fmt::Display for LockHolder {
    /// "用户 li（电脑 office-pc）自 2026-11-25 10:30 起" or what of it is known.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.user.is_empty() && self.host.is_empty() {
            f.write_str("另一个窗口")?;
        } else {
            write!(f, "用户 {}", or_unknown(&self.user))?;
            if !self.host.is_empty() {
                write!(f, "（电脑 {}）", self.host)?;
            }
        }
        if !self.since.is_empty() {
            write!(f, "自 {} 起", self.since)?;
        }
        Ok(())
    }
}

fn or_unknown(s: &str) -> &str {
    if s.is_empty() {
        "（未知）"
    } else {
        s
    }
}

/// The login name of this process's user from the system's user list (Unix).
fn user_from_system() -> Option<String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let uid = fs::metadata("/proc/self").ok()?.uid();
        let passwd = fs::read_to_string("/etc/passwd").ok()?;
        passwd.lines().find_map(|line| {
            let mut parts = line.split(':');
            let name = parts.next()?;
            let id: u32 = parts.nth(1)?.parse().ok()?;
            (id == uid).then(|| name.to_string())
        })
    }
    #[cfg(not(unix))]
    None
}

fn host_name() -> String {
    std::env::var("COMPUTERNAME")
        .ok()
        .or_else(|| fs::read_to_string("/etc/hostname").ok())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .map(|h| h.trim().to_string())
        .unwrap_or_default()
}

/// `dir/NAME.ron` → `dir/.~lock.NAME.ron#`.
pub fn lock_path(form: &Path) -> PathBuf {
    let mut name = std::ffi::OsString::from(".~lock.");
    name.push(form.file_name().unwrap_or_default());
    name.push("#");
    form.with_file_name(name)
}

/// What trying to lock a form found.
#[derive(Debug)]
pub enum LockOutcome {
    Acquired(EditLock),
    /// Another window (this computer or another one on a shared folder) has it.
    HeldBy(LockHolder),
    /// No lock can be taken here (read-only folder, a file system without locks): the
    /// form can still be opened, but nothing guards it.
    Unavailable(io::Error),
}

/// The lock of a form held by this process. Dropping it releases the lock and removes
/// the lock file.
#[derive(Debug)]
pub struct EditLock {
    file: File,
    path: PathBuf,
    form: PathBuf,
}

impl EditLock {
    /// Tries once, without waiting, to lock the form at `form` (the real file: resolve
    /// symbolic links first so that every name of one file shares one lock).
    pub fn try_acquire(form: &Path) -> LockOutcome {
        let path = lock_path(form);
        for _ in 0..8 {
            let mut file = match OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(&path)
            {
                Ok(f) => f,
                Err(e) => return LockOutcome::Unavailable(e),
            };
            match crate::platform::try_lock(&file) {
                Ok(true) => {}
                Ok(false) => {
                    let mut text = String::new();
                    let _ = (&file).take(4096).read_to_string(&mut text);
                    return LockOutcome::HeldBy(LockHolder::from_text(&text));
                }
                Err(e) => return LockOutcome::Unavailable(e),
            }
            // The holder before us may have removed the file between our open and our
            // lock: then we hold a lock on a name that is gone. Try again.
            if !still_at(&file, &path) {
                continue;
            }
            let _ = file.set_len(0);
            let _ = file.rewind();
            let _ = file.write_all(LockHolder::me().to_text().as_bytes());
            let _ = file.sync_data();
            return LockOutcome::Acquired(EditLock {
                file,
                path,
                form: form.to_path_buf(),
            });
        }
        LockOutcome::Unavailable(io::Error::other("锁文件不断被替换"))
    }

    /// The form this lock guards.
    pub fn form(&self) -> &Path {
        &self.form
    }
}

impl Drop for EditLock {
    fn drop(&mut self) {
        // Removed while still locked, so nobody can lock the old file in between.
        let _ = fs::remove_file(&self.path);
        crate::platform::unlock(&self.file);
    }
}

#[cfg(unix)]
fn still_at(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn still_at(_file: &File, path: &Path) -> bool {
    // Windows does not remove a file that another handle has open without sharing
    // delete, and the lock file is only removed by its holder.
    path.exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_is_told_who_holds_it() {
        let dir = tempfile::tempdir().unwrap();
        let form = dir.path().join("表单.ron");
        let LockOutcome::Acquired(first) = EditLock::try_acquire(&form) else {
            panic!("first lock")
        };
        assert!(lock_path(&form).exists());
        match EditLock::try_acquire(&form) {
            LockOutcome::HeldBy(holder) => {
                assert_eq!(holder, LockHolder::from_text(&LockHolder::me().to_text()));
                assert!(holder.to_string().contains("起"), "{holder}");
            }
            other => panic!("{other:?}"),
        }
        drop(first);
        assert!(!lock_path(&form).exists(), "released and removed");
        assert!(matches!(
            EditLock::try_acquire(&form),
            LockOutcome::Acquired(_)
        ));
    }

    #[test]
    fn a_stale_lock_file_does_not_block() {
        let dir = tempfile::tempdir().unwrap();
        let form = dir.path().join("a.ron");
        fs::write(lock_path(&form), "jixiao\nuser=gone\n").unwrap();
        assert!(matches!(
            EditLock::try_acquire(&form),
            LockOutcome::Acquired(_)
        ));
    }

    #[test]
    fn hostile_lock_text_is_shown_safely() {
        let h = LockHolder::from_text("user=\u{1b}[2Jx\nhost=h\nsince=s\n");
        assert!(!h.to_string().contains('\u{1b}'));
    }
}
