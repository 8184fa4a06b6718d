//! What differs between the systems the program runs on, behind one interface: opening
//! and printing a file with the system's programs, the lock of a form's lock file, and
//! the start of a windowed program (console, fatal message).

mod long_path;
pub mod printing;
#[cfg(windows)]
mod win_print;
#[cfg(windows)]
pub mod windows;

pub use long_path::{strip_long_path_prefix, E_INVALIDARG};

use std::fs::File;
use std::io;
use std::path::Path;

/// Called first in `main` with the arguments: a command-line run of the windowed
/// Windows program prints into the console it was started from.
pub fn prepare_console(has_arguments: bool) {
    #[cfg(windows)]
    if has_arguments {
        windows::attach_console();
    }
    #[cfg(not(windows))]
    let _ = has_arguments;
}

/// Says that the program cannot start, where the user will see it: on standard error,
/// and in a message box on Windows (which has no console when started from a shortcut).
pub fn fatal_message(text: &str) {
    eprintln!("{text}");
    #[cfg(windows)]
    windows::message_box("绩效目标表", text);
}

/// A windowed Windows program has nowhere to print a crash: show it in a message box
/// too, so that the clerk knows what happened and that a copy can be recovered.
pub fn report_crashes_in_a_message_box() {
    #[cfg(windows)]
    {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            default(info);
            windows::message_box(
                "绩效目标表",
                &format!(
                    "程序出错，需要关闭：{info}\n\n\
                     最近自动保存的副本会在下次启动时提供恢复。"
                ),
            );
        }));
    }
}

/// Opens a file with the system's default program for it.
pub fn open_with_system(path: &Path) -> io::Result<()> {
    #[cfg(windows)]
    return windows::shell_execute("open", path);
    #[cfg(target_os = "macos")]
    return spawn("open", &[path.as_os_str()]);
    #[cfg(not(any(windows, target_os = "macos")))]
    return spawn("xdg-open", &[path.as_os_str()]);
}

/// How a PDF was sent to be printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Printed {
    /// Handed to the printing system (the default printer, or the PDF program's print).
    Sent,
    /// No print route here: the PDF was opened so that it can be printed from there.
    Opened,
}

/// Prints a PDF through the system: the PDF program's print verb on Windows, CUPS
/// (`lp`, the default printer) elsewhere; where neither exists, opens it instead.
pub fn print_pdf(path: &Path) -> io::Result<Printed> {
    #[cfg(windows)]
    {
        match windows::shell_execute("print", path) {
            Ok(()) => Ok(Printed::Sent),
            // No program registers a print verb for PDF (e.g. only a browser reads PDF).
            Err(_) => windows::shell_execute("open", path).map(|()| Printed::Opened),
        }
    }
    #[cfg(not(windows))]
    {
        let status = std::process::Command::new("lp")
            .arg("--")
            .arg(path)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .output();
        match status {
            Ok(out) if out.status.success() => Ok(Printed::Sent),
            _ => open_with_system(path).map(|()| Printed::Opened),
        }
    }
}

#[cfg(not(windows))]
fn spawn(program: &str, args: &[&std::ffi::OsStr]) -> io::Result<()> {
    std::process::Command::new(program)
        .args(args)
        .spawn()
        .map(|_| ())
}

/// Takes the lock of a lock file without waiting. `Ok(false)`: another process (or
/// another handle of this one) holds it. Others can still read the file's content.
pub fn try_lock(file: &File) -> io::Result<bool> {
    #[cfg(windows)]
    return windows::try_lock(file);
    #[cfg(not(windows))]
    match file.try_lock() {
        Ok(()) => Ok(true),
        Err(std::fs::TryLockError::WouldBlock) => Ok(false),
        Err(std::fs::TryLockError::Error(e)) => Err(e),
    }
}

/// Releases [`try_lock`]'s lock (closing the file releases it too).
pub fn unlock(file: &File) {
    #[cfg(windows)]
    windows::unlock(file);
    #[cfg(not(windows))]
    let _ = file.unlock();
}
