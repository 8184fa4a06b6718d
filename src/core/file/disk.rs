//! Facts about files on disk: which path really holds a form (symlinks followed), whether
//! two paths are one file, whether a path is a plain file that may be read, and the
//! version of a file's content that a document was opened from.

use std::fs::{self, File};
use std::hash::Hasher;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// Why a path cannot be read as a file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NotAFile {
    #[error("这是一个文件夹，不是文件")]
    Directory,
    #[error("这不是普通文件（是管道、设备或套接字），不能作为表单读取")]
    Special,
}

/// Refuses folders, FIFOs, devices and sockets before anything opens them: opening a
/// FIFO for reading blocks until a writer comes, and a device never ends.
pub fn check_regular(meta: &fs::Metadata) -> Result<(), NotAFile> {
    if meta.is_dir() {
        Err(NotAFile::Directory)
    } else if !meta.is_file() {
        Err(NotAFile::Special)
    } else {
        Ok(())
    }
}

/// Reads at most `limit + 1` bytes of a plain file (so that a caller can tell "too
/// large"), refusing anything but a plain file before opening it.
pub fn read_limited(path: &Path, limit: u64) -> io::Result<Vec<u8>> {
    let meta = fs::metadata(path)?;
    check_regular(&meta).map_err(|e| io::Error::other(e.to_string()))?;
    // The file may be swapped for a FIFO between that look and the open: opened without
    // waiting for a writer, then the opened file itself is checked.
    let file = open_no_wait(path)?;
    let meta = file.metadata()?;
    check_regular(&meta).map_err(|e| io::Error::other(e.to_string()))?;
    let mut bytes = Vec::with_capacity(meta.len().min(limit + 1) as usize);
    file.take(limit + 1).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Opens `path` for reading without blocking on a FIFO or device (`O_NONBLOCK`; a
/// plain file reads as usual with it).
fn open_no_wait(path: &Path) -> io::Result<File> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // O_NONBLOCK: 0o4000 on Linux (x86, arm), 0x4 on the BSDs and macOS
        let nonblock = if cfg!(target_os = "linux") {
            0o4000
        } else {
            0x4
        };
        options.custom_flags(nonblock);
    }
    options.open(path)
}

/// The file a save to `path` must write: a symbolic link is followed to its target (the
/// link itself stays a link), however many links deep; a path that does not exist yet
/// is itself.
pub fn resolve_target(path: &Path) -> io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let target = fs::read_link(&current)?;
                current = if target.is_absolute() {
                    target
                } else {
                    current
                        .parent()
                        .map(|dir| dir.join(&target))
                        .unwrap_or(target)
                };
            }
            Ok(_) => return Ok(current),
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(current),
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other("符号链接层数过多（可能是循环链接）"))
}

/// Whether two paths name the same file: the same path, the same file through `..` or
/// links, or (Unix) the same inode under two hard-linked names.
pub fn same_file(a: &Path, b: &Path) -> bool {
    if a == b {
        return true;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(ma), Ok(mb)) = (fs::metadata(a), fs::metadata(b)) {
            return ma.dev() == mb.dev() && ma.ino() == mb.ino();
        }
    }
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => absolute(a) == absolute(b),
    }
}

fn absolute(p: &Path) -> PathBuf {
    std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf())
}

/// Why a command may not write to the path it was given.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OutputError {
    #[error("输出文件不能是输入文件本身：{}", crate::core::printable::path(.0))]
    IsInput(PathBuf),
    #[error("“{}”是一份表单文件，不能用导出的文件覆盖它，请换一个文件名", crate::core::printable::path(.0))]
    IsForm(PathBuf),
}

/// Refuses an output path that is one of the command's inputs (through any name), the
/// form open in the window, or (`protect_forms`) any existing form file.
pub fn check_output(
    output: &Path,
    inputs: &[&Path],
    protect_forms: bool,
) -> Result<(), OutputError> {
    if inputs.iter().any(|input| same_file(input, output)) {
        return Err(OutputError::IsInput(output.to_path_buf()));
    }
    if protect_forms && is_form_file(output) {
        return Err(OutputError::IsForm(output.to_path_buf()));
    }
    Ok(())
}

/// The content of a file as a document last saw it: a save checks that the file is
/// still this before writing over it. Size and content hash only: a modification time
/// says nothing a hash does not, and copying a file back keeps its content but not its
/// time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiskVersion {
    pub len: u64,
    pub hash: u64,
}

impl DiskVersion {
    /// The version of a file holding `bytes`.
    pub fn of(bytes: &[u8]) -> Self {
        DiskVersion {
            len: bytes.len() as u64,
            hash: content_hash(bytes),
        }
    }

    /// The version of the file at `path` now; `None` when there is no file.
    pub fn read(path: &Path, limit: u64) -> io::Result<Option<Self>> {
        match read_limited(path, limit) {
            Ok(bytes) => Ok(Some(DiskVersion::of(&bytes))),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Whether `other` has the same content.
    pub fn same_content(&self, other: &DiskVersion) -> bool {
        self == other
    }
}

/// A 64-bit FNV-1a hash: stable across runs and program versions.
pub fn content_hash(bytes: &[u8]) -> u64 {
    struct Fnv(u64);
    impl Hasher for Fnv {
        fn finish(&self) -> u64 {
            self.0
        }
        fn write(&mut self, bytes: &[u8]) {
            for b in bytes {
                self.0 ^= u64::from(*b);
                self.0 = self.0.wrapping_mul(0x100_0000_01b3);
            }
        }
    }
    let mut h = Fnv(0xcbf2_9ce4_8422_2325);
    h.write(bytes);
    h.finish()
}

/// Whether the file at `path` is a form file (by its content, whatever its name).
pub fn is_form_file(path: &Path) -> bool {
    let Ok(meta) = fs::metadata(path) else {
        return false;
    };
    if check_regular(&meta).is_err() {
        return false;
    }
    let Ok(bytes) = read_limited(path, 64 * 1024) else {
        return false;
    };
    let text = String::from_utf8_lossy(&bytes);
    looks_like_form_text(text.strip_prefix('\u{feff}').unwrap_or(&text))
}

/// Whether `text` starts like a form file: the header every form file has (after
/// optional comments and blank lines).
pub fn looks_like_form_text(text: &str) -> bool {
    let body = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with("//") && !l.starts_with("#!"))
        .unwrap_or("");
    body.starts_with("Form(") || body.starts_with("Form (") || body == "Form"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_and_fifos_are_not_files() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            check_regular(&fs::metadata(dir.path()).unwrap()),
            Err(NotAFile::Directory)
        );
        #[cfg(unix)]
        {
            let fifo = dir.path().join("fifo");
            let ok = std::process::Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .is_ok_and(|s| s.success());
            assert!(ok, "mkfifo");
            let err = read_limited(&fifo, 100).unwrap_err();
            assert!(err.to_string().contains("不是普通文件"), "{err}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn links_are_followed_to_the_real_file() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.ron");
        fs::write(&real, "x").unwrap();
        let link = dir.path().join("link.ron");
        std::os::unix::fs::symlink("real.ron", &link).unwrap();
        let link2 = dir.path().join("link2.ron");
        std::os::unix::fs::symlink(&link, &link2).unwrap();
        assert_eq!(resolve_target(&link2).unwrap(), real);
        assert!(same_file(&link2, &real));
        let missing = dir.path().join("new.ron");
        assert_eq!(resolve_target(&missing).unwrap(), missing);
        let a = dir.path().join("a");
        std::os::unix::fs::symlink("b", &a).unwrap();
        std::os::unix::fs::symlink("a", dir.path().join("b")).unwrap();
        assert!(resolve_target(&a).is_err(), "a loop ends");
    }

    #[test]
    fn versions_tell_content_apart() {
        let a = DiskVersion::of(b"Form(year: 2020)");
        let b = DiskVersion::of(b"Form(year: 2021)");
        assert!(!a.same_content(&b));
        assert!(a.same_content(&DiskVersion::of(b"Form(year: 2020)")));
    }
}
