//! The few Windows system calls the standard library does not offer: a console for the
//! command line of a windowed program, a message box, the shell's open and print verbs,
//! and a byte-range file lock that leaves the file readable.

use std::ffi::c_void;
use std::fs::File;
use std::io;
use std::os::windows::ffi::OsStrExt;
use std::os::windows::io::AsRawHandle;
use std::path::Path;

type Handle = *mut c_void;

#[repr(C)]
struct Overlapped {
    internal: usize,
    internal_high: usize,
    offset: u32,
    offset_high: u32,
    event: Handle,
}

#[link(name = "kernel32")]
extern "system" {
    fn AttachConsole(process_id: u32) -> i32;
    fn LockFileEx(
        file: Handle,
        flags: u32,
        reserved: u32,
        bytes_low: u32,
        bytes_high: u32,
        overlapped: *mut Overlapped,
    ) -> i32;
    fn UnlockFileEx(
        file: Handle,
        reserved: u32,
        bytes_low: u32,
        bytes_high: u32,
        overlapped: *mut Overlapped,
    ) -> i32;
}

#[link(name = "user32")]
extern "system" {
    fn MessageBoxW(window: Handle, text: *const u16, caption: *const u16, kind: u32) -> i32;
}

#[link(name = "shell32")]
extern "system" {
    fn ShellExecuteW(
        window: Handle,
        verb: *const u16,
        file: *const u16,
        parameters: *const u16,
        directory: *const u16,
        show: i32,
    ) -> isize;
}

const ATTACH_PARENT_PROCESS: u32 = u32::MAX;
const LOCKFILE_FAIL_IMMEDIATELY: u32 = 1;
const LOCKFILE_EXCLUSIVE_LOCK: u32 = 2;
const ERROR_LOCK_VIOLATION: i32 = 33;
const MB_ICONERROR: u32 = 0x10;
const SW_SHOWNORMAL: i32 = 1;
/// Where the lock sits: one byte far past any content, so that the holder's name at the
/// start of the file stays readable to others (Windows locks are mandatory).
const LOCK_OFFSET: u64 = 1 << 62;

fn wide(s: impl AsRef<std::ffi::OsStr>) -> Vec<u16> {
    s.as_ref().encode_wide().chain(Some(0)).collect()
}

/// Started from a console (cmd, PowerShell): print there. The program is built as a
/// windowed program so that no console opens from the Start menu.
pub fn attach_console() {
    // SAFETY: no pointers; fails harmlessly when there is no parent console.
    unsafe {
        AttachConsole(ATTACH_PARENT_PROCESS);
    }
}

/// A message box, for what must be said when no window can be opened.
pub fn message_box(caption: &str, text: &str) {
    let (caption, text) = (wide(caption), wide(text));
    // SAFETY: both strings are NUL-terminated and live across the call.
    unsafe {
        MessageBoxW(
            std::ptr::null_mut(),
            text.as_ptr(),
            caption.as_ptr(),
            MB_ICONERROR,
        );
    }
}

/// Runs the shell's `verb` ("open", "print") on a file, as Explorer does.
pub fn shell_execute(verb: &str, path: &Path) -> io::Result<()> {
    shell_execute_with(verb, path, None)
}

/// [`shell_execute`] with the verb's parameters ("printto" takes the printer's name).
pub fn shell_execute_with(verb: &str, path: &Path, parameters: Option<&str>) -> io::Result<()> {
    let (verb, file) = (wide(verb), wide(path));
    let parameters = parameters.map(|p| wide(p));
    // SAFETY: NUL-terminated strings that outlive the call; null for the optional ones.
    let code = unsafe {
        ShellExecuteW(
            std::ptr::null_mut(),
            verb.as_ptr(),
            file.as_ptr(),
            parameters.as_ref().map_or(std::ptr::null(), |p| p.as_ptr()),
            std::ptr::null(),
            SW_SHOWNORMAL,
        )
    };
    // Values above 32 mean success; below are old-style error codes.
    if code > 32 {
        Ok(())
    } else {
        Err(io::Error::from_raw_os_error(code as i32))
    }
}

fn overlapped() -> Overlapped {
    Overlapped {
        internal: 0,
        internal_high: 0,
        offset: LOCK_OFFSET as u32,
        offset_high: (LOCK_OFFSET >> 32) as u32,
        event: std::ptr::null_mut(),
    }
}

/// Locks one byte far past the content, without waiting. `Ok(false)`: another handle
/// holds it.
pub fn try_lock(file: &File) -> io::Result<bool> {
    let mut ov = overlapped();
    // SAFETY: the handle is open for the call; `ov` lives across it (synchronous handle).
    let ok = unsafe {
        LockFileEx(
            file.as_raw_handle(),
            LOCKFILE_EXCLUSIVE_LOCK | LOCKFILE_FAIL_IMMEDIATELY,
            0,
            1,
            0,
            &mut ov,
        )
    };
    if ok != 0 {
        return Ok(true);
    }
    let e = io::Error::last_os_error();
    if e.raw_os_error() == Some(ERROR_LOCK_VIOLATION) {
        Ok(false)
    } else {
        Err(e)
    }
}

/// Releases what [`try_lock`] took (closing the file does too).
pub fn unlock(file: &File) {
    let mut ov = overlapped();
    // SAFETY: as in try_lock.
    unsafe {
        UnlockFileEx(file.as_raw_handle(), 0, 1, 0, &mut ov);
    }
}
