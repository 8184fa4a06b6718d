//! Writing files so that nothing is lost under any fault: the new content goes to a
//! temporary file with a unique name created exclusively, is flushed to disk, the old
//! version becomes `NAME.bak` (by a hard link, or a flushed copy, renamed into place),
//! and only then does the temporary file replace the old one. A failed write leaves the
//! file and its `.bak` as they were; temporaries of killed writers are removed later.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::disk::{check_regular, resolve_target};
use super::lock::LockHolder;
use crate::core::printable;

/// Writing failed; what was on disk is as it was.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error(
        "无法保存：{reason}。原文件未被改动。（文件：{}）",
        printable::path(path)
    )]
    Failed { path: PathBuf, reason: String },
    #[error("文件已存在，不会覆盖：{}", printable::path(path))]
    Exists { path: PathBuf },
    #[error(
        "“{}”在打开之后被其他程序或窗口改动过，没有保存，以免覆盖别人的修改。",
        printable::path(path)
    )]
    Changed { path: PathBuf },
    #[error("“{}”正由{holder}编辑，没有保存。", printable::path(path))]
    Locked { path: PathBuf, holder: LockHolder },
    #[error(
        "没有保存到“{}”：这个文件含有本程序不认识的内容（{}），保存会把它们丢掉。请用“另存为”保存到新文件，原文件保持不变。",
        printable::path(path),
        printable::printable(&fields.join("、"))
    )]
    UnknownFields { path: PathBuf, fields: Vec<String> },
}

impl SaveError {
    pub fn failed(path: &Path, reason: impl Into<String>) -> Self {
        SaveError::Failed {
            path: path.to_path_buf(),
            reason: reason.into(),
        }
    }
}

/// A short Chinese reason for an I/O failure, without the system's English text.
pub fn io_reason(e: &io::Error) -> String {
    use io::ErrorKind::*;
    #[cfg(windows)]
    if let Some(reason) = e.raw_os_error().and_then(windows_reason) {
        return reason.into();
    }
    match e.kind() {
        NotFound => "文件或文件夹不存在".into(),
        PermissionDenied => "没有权限（或文件正被其他程序占用）".into(),
        AlreadyExists => "文件已存在".into(),
        StorageFull => "磁盘空间已满".into(),
        QuotaExceeded => "超出磁盘配额".into(),
        ReadOnlyFilesystem => "磁盘是只读的".into(),
        IsADirectory => "这是一个文件夹".into(),
        NotADirectory => "路径中的某一级不是文件夹".into(),
        InvalidData => "内容无效".into(),
        InvalidFilename => "文件名无效或过长".into(),
        FileTooLarge => "文件过大".into(),
        ResourceBusy | ExecutableFileBusy => "文件正被其他程序占用".into(),
        CrossesDevices => "不能跨磁盘移动文件".into(),
        TimedOut | WouldBlock => "操作超时".into(),
        Interrupted => "操作被中断".into(),
        Unsupported => "此文件系统不支持该操作".into(),
        OutOfMemory => "内存不足".into(),
        // Our own messages (io::Error::other with Chinese text) pass through.
        _ if e.raw_os_error().is_none() && e.get_ref().is_some() => {
            printable::printable(&e.to_string())
        }
        _ => match e.raw_os_error() {
            Some(code) if unix_reason(code).is_some() => {
                unix_reason(code).unwrap_or_default().into()
            }
            Some(code) => format!("系统错误（代码 {code}）"),
            None => "系统错误".into(),
        },
    }
}

/// Linux errors the standard library does not sort (yet), by their code.
fn unix_reason(code: i32) -> Option<&'static str> {
    if !cfg!(target_os = "linux") {
        return None;
    }
    Some(match code {
        // ELOOP
        40 => "路径中的符号链接互相指向（成环），请检查文件夹中的快捷方式/链接",
        // ENAMETOOLONG
        36 => "文件名或路径过长",
        // EMLINK, EXDEV are sorted by the standard library; ESTALE (NFS)
        116 => "网络文件已失效，请重新打开文件夹",
        _ => return None,
    })
}

/// Windows errors the standard library does not sort, by their system code.
#[cfg_attr(not(windows), allow(dead_code))]
fn windows_reason(code: i32) -> Option<&'static str> {
    Some(match code {
        // ERROR_ACCESS_DENIED: on Windows also a file another program holds open.
        5 => "没有权限，或文件正被另一个程序（如 Word、WPS、杀毒软件）占用",
        // ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION.
        32 | 33 => "文件正被另一个程序（如 Word、WPS、杀毒软件）打开，请关闭该程序后再试",
        // ERROR_WRITE_PROTECT, ERROR_NOT_READY (a removed USB stick or disc).
        19 => "磁盘有写保护",
        21 => "磁盘没有准备好（U 盘已拔出？）",
        // ERROR_DISK_FULL, ERROR_HANDLE_DISK_FULL.
        112 | 39 => "磁盘空间已满",
        // ERROR_NETNAME_DELETED, ERROR_BAD_NETPATH, ERROR_UNEXP_NET_ERR: shared folders.
        64 | 53 | 59 => "网络共享文件夹无法访问",
        // ERROR_FILENAME_EXCED_RANGE.
        206 => "文件名或路径过长",
        _ => return None,
    })
}

/// `fs::rename`, retried for a moment where Windows refuses it because another program
/// (an antivirus scanner, a search indexer, a backup tool) has just opened the file.
fn rename_patiently(from: &Path, to: &Path) -> io::Result<()> {
    let mut tries = 0;
    loop {
        match fs::rename(from, to) {
            Err(e)
                if cfg!(windows) && tries < 20 && matches!(e.raw_os_error(), Some(5 | 32 | 33)) =>
            {
                tries += 1;
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            result => return result,
        }
    }
}

/// `NAME.ron` → `NAME.ron.bak`, the previous version kept by every save.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    path.with_file_name(name)
}

/// `dir/NAME` → `dir/.NAME~`, the start of every temporary file a write of NAME makes.
/// A long NAME is cut (at a character) so that the temporary's whole name stays within
/// the 255 bytes a file name may have: a form named with 78 Chinese characters must
/// still be saved in place.
fn temp_prefix(path: &Path) -> String {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let mut end = name.len().min(MAX_TEMP_NAME_PART);
    while !name.is_char_boundary(end) {
        end -= 1;
    }
    format!(".{}~", &name[..end])
}

/// Bytes of a form's name kept in its temporary files' names: 255 less the dot, the
/// tilde, 16 hex digits, ".bak" and ".saving", with room to spare.
const MAX_TEMP_NAME_PART: usize = 200;

const TEMP_SUFFIX: &str = ".saving";

/// A new temporary file beside `path`, created exclusively (never one another writer
/// has), and locked for as long as it is open so that a cleaner can tell it is alive.
fn create_temp(path: &Path, kind: &str) -> io::Result<(PathBuf, File)> {
    let prefix = temp_prefix(path);
    for _ in 0..32 {
        let name = format!("{prefix}{:016x}{kind}{TEMP_SUFFIX}", fastrand::u64(..));
        let tmp = path.with_file_name(name);
        match OpenOptions::new().write(true).create_new(true).open(&tmp) {
            Ok(file) => {
                let _ = crate::platform::try_lock(&file);
                return Ok((tmp, file));
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other("无法创建临时文件"))
}

/// Removes temporary files of `path` left by writers that were killed: those whose lock
/// nobody holds any more. A live writer's temporary is locked and stays.
pub fn remove_stale_temps(path: &Path) -> usize {
    let Some(dir) = parent_dir(path) else {
        return 0;
    };
    let prefix = temp_prefix(path);
    let Ok(entries) = fs::read_dir(&dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if !(name.starts_with(&prefix) && name.ends_with(TEMP_SUFFIX)) {
            continue;
        }
        let tmp = entry.path();
        let Ok(file) = OpenOptions::new().write(true).open(&tmp) else {
            continue;
        };
        if matches!(crate::platform::try_lock(&file), Ok(true)) && fs::remove_file(&tmp).is_ok() {
            removed += 1;
        }
    }
    removed
}

fn parent_dir(path: &Path) -> Option<PathBuf> {
    let dir = path.parent()?;
    Some(if dir.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        dir.to_path_buf()
    })
}

#[cfg(test)]
thread_local! {
    /// Tests: the data write of the next temporary file fails with "disk full" after
    /// this many bytes, as it does on a full disk.
    pub static DISK_FULL_AFTER: std::cell::Cell<Option<usize>> = const { std::cell::Cell::new(None) };
}

fn write_data(file: &mut File, bytes: &[u8]) -> io::Result<()> {
    #[cfg(test)]
    if let Some(room) = DISK_FULL_AFTER.with(|c| c.get()) {
        file.write_all(&bytes[..room.min(bytes.len())])?;
        if room < bytes.len() {
            return Err(io::Error::from(io::ErrorKind::StorageFull));
        }
    }
    file.write_all(bytes)?;
    file.sync_all()
}

/// Writes `bytes` into a new flushed temporary file beside `target`.
fn write_temp(target: &Path, bytes: &[u8], kind: &str) -> Result<(PathBuf, File), String> {
    let (tmp, mut file) =
        create_temp(target, kind).map_err(|e| format!("无法创建临时文件，{}", io_reason(&e)))?;
    if let Err(e) = write_data(&mut file, bytes) {
        drop(file);
        let _ = fs::remove_file(&tmp);
        return Err(format!("写入失败，{}", io_reason(&e)));
    }
    Ok((tmp, file))
}

/// Makes `NAME.bak` hold the current content of `target`, replacing the old `.bak` only
/// once the new one is complete on disk.
fn refresh_backup(target: &Path) -> Result<(), String> {
    let bak = backup_path(target);
    if bak.file_name().is_some_and(|n| n.len() > 255) {
        // a name so long that NAME.bak cannot exist: saved without a backup
        return Ok(());
    }
    if fs::symlink_metadata(&bak).is_ok_and(|m| m.is_dir()) {
        return Err(format!(
            "备份文件的位置“{}”是一个文件夹，无法保留备份；请把这个文件夹改名或移走后再保存",
            printable::path(&bak)
        ));
    }
    let fail = |e: io::Error| format!("无法保留备份文件 .bak，{}", io_reason(&e));
    let linked = (|| -> io::Result<PathBuf> {
        let (tmp, file) = create_temp(target, ".bak")?;
        drop(file);
        fs::remove_file(&tmp)?;
        fs::hard_link(target, &tmp)?;
        Ok(tmp)
    })();
    let tmp = match linked {
        Ok(tmp) => tmp,
        // No hard links here (FAT, some network shares): a flushed copy.
        Err(_) => {
            let bytes = fs::read(target).map_err(fail)?;
            let (tmp, file) = write_temp(target, &bytes, ".bak")?;
            drop(file);
            tmp
        }
    };
    rename_patiently(&tmp, &bak).map_err(|e| {
        let _ = fs::remove_file(&tmp);
        fail(e)
    })
}

/// Writes `bytes` to `path` so that the file is always either the old or the new
/// content, keeping the old as `NAME.bak` when `keep_backup`. A symbolic link is
/// followed: the file it points to is written and the link stays.
pub fn write_atomically(path: &Path, bytes: &[u8], keep_backup: bool) -> Result<(), SaveError> {
    if path.file_name().is_none() {
        return Err(SaveError::failed(path, "没有文件名"));
    }
    let target = resolve_target(path).map_err(|e| SaveError::failed(path, io_reason(&e)))?;
    let old = match fs::metadata(&target) {
        Ok(meta) => {
            check_regular(&meta).map_err(|e| SaveError::failed(path, e.to_string()))?;
            if meta.permissions().readonly() {
                return Err(SaveError::failed(path, "文件是只读的"));
            }
            Some(meta)
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(SaveError::failed(path, io_reason(&e))),
    };
    remove_stale_temps(&target);
    let (tmp, file) = write_temp(&target, bytes, "").map_err(|r| SaveError::failed(path, r))?;
    let result = (|| -> Result<(), String> {
        if let Some(meta) = &old {
            file.set_permissions(meta.permissions())
                .map_err(|e| format!("无法设置文件权限，{}", io_reason(&e)))?;
            if keep_backup {
                refresh_backup(&target)?;
            }
        }
        rename_patiently(&tmp, &target).map_err(|e| format!("替换原文件失败，{}", io_reason(&e)))
    })();
    drop(file);
    if let Err(reason) = result {
        let _ = fs::remove_file(&tmp);
        return Err(SaveError::failed(path, reason));
    }
    sync_folder(&target);
    Ok(())
}

/// Writes `bytes` to `path`, which must not exist: of any number of writers racing for
/// one name, exactly one succeeds and the others get [`SaveError::Exists`].
pub fn write_new(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    if path.file_name().is_none() {
        return Err(SaveError::failed(path, "没有文件名"));
    }
    if fs::symlink_metadata(path).is_ok() {
        return Err(SaveError::Exists {
            path: path.to_path_buf(),
        });
    }
    let (tmp, file) = write_temp(path, bytes, "").map_err(|r| SaveError::failed(path, r))?;
    // A hard link never replaces an existing name: the claim and the content arrive
    // together.
    let result = match fs::hard_link(&tmp, path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(SaveError::Exists {
            path: path.to_path_buf(),
        }),
        // No hard links: claim the name exclusively, then move the content over it.
        Err(_) => match OpenOptions::new().write(true).create_new(true).open(path) {
            Ok(_) => rename_patiently(&tmp, path)
                .map_err(|e| SaveError::failed(path, format!("写入失败，{}", io_reason(&e)))),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(SaveError::Exists {
                path: path.to_path_buf(),
            }),
            Err(e) => Err(SaveError::failed(path, io_reason(&e))),
        },
    };
    drop(file);
    let _ = fs::remove_file(&tmp);
    if result.is_ok() {
        sync_folder(path);
    }
    result
}

/// Makes a rename durable; best effort, as not every system allows it.
fn sync_folder(path: &Path) {
    #[cfg(unix)]
    if let Some(dir) = parent_dir(path) {
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listing(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_full_disk_keeps_the_file_and_its_backup() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.ron");
        fs::write(&path, "version 2").unwrap();
        fs::write(backup_path(&path), "version 1").unwrap();
        DISK_FULL_AFTER.with(|c| c.set(Some(3)));
        let err = write_atomically(&path, b"version 3, longer", true).unwrap_err();
        DISK_FULL_AFTER.with(|c| c.set(None));
        assert!(err.to_string().contains("磁盘空间已满"), "{err}");
        assert_eq!(fs::read_to_string(&path).unwrap(), "version 2");
        assert_eq!(fs::read_to_string(backup_path(&path)).unwrap(), "version 1");
        assert_eq!(
            listing(dir.path()),
            ["f.ron", "f.ron.bak"],
            "no temporary left"
        );
        write_atomically(&path, b"version 3", true).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "version 3");
        assert_eq!(fs::read_to_string(backup_path(&path)).unwrap(), "version 2");
    }

    #[test]
    fn stale_temporaries_go_live_ones_stay() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.ron");
        let stale = dir.path().join(".f.ron~0000000000000001.saving");
        fs::write(&stale, "half").unwrap();
        let (live, _held) = create_temp(&path, "").unwrap();
        let other = dir.path().join(".g.ron~0000000000000001.saving");
        fs::write(&other, "another file's").unwrap();
        assert_eq!(remove_stale_temps(&path), 1);
        assert!(!stale.exists());
        assert!(live.exists(), "a live writer's temporary is kept");
        assert!(
            other.exists(),
            "another file's temporary is not ours to judge"
        );
    }

    #[test]
    fn new_files_are_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.ron");
        write_new(&path, b"first").unwrap();
        assert!(matches!(
            write_new(&path, b"second"),
            Err(SaveError::Exists { .. })
        ));
        assert_eq!(fs::read_to_string(&path).unwrap(), "first");
        assert_eq!(listing(dir.path()), ["new.ron"]);
    }

    #[test]
    fn reasons_are_chinese() {
        #[cfg(unix)]
        assert_eq!(io_reason(&io::Error::from_raw_os_error(28)), "磁盘空间已满");
        #[cfg(windows)]
        assert_eq!(
            io_reason(&io::Error::from_raw_os_error(112)),
            "磁盘空间已满"
        );
        // Another program holding the file open on Windows is named as such.
        assert!(windows_reason(32).unwrap().contains("另一个程序"));
        assert!(windows_reason(5).unwrap().contains("WPS"));
        assert_eq!(windows_reason(9999), None);
        let e = io::Error::from_raw_os_error(9999);
        assert!(io_reason(&e).starts_with("系统错误（代码 9999"));
        assert!(!io_reason(&io::Error::other("bad\u{1b}")).contains('\u{1b}'));
    }
}
