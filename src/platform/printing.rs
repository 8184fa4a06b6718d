//! The system's printers and sending a PDF to one: CUPS's `lpstat` (the printers and the
//! default) and `lp` (copies, page range, both sides) on Linux; on Windows the spooler's
//! printers and the PDF program's "printto" (copies here; pages and both sides in the PDF
//! program's own dialog). Every failure says in Chinese what happened and to export a
//! PDF instead.

use std::path::Path;
use std::process::Command;

/// The printers the system offers and its default.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Printers {
    pub names: Vec<String>,
    pub default: Option<String>,
}

/// What to print and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    /// `None`: the default printer.
    pub printer: Option<String>,
    pub copies: u32,
    /// Pages as people write them ("1-3,5"); `None` for all.
    pub pages: Option<String>,
    /// On both sides (long edge), where the printer can.
    pub duplex: bool,
    /// The job's name in the printer's queue.
    pub title: String,
}

/// Why nothing was printed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PrintError {
    #[error(
        "这台电脑没有可用的打印系统（未找到打印命令 lp/lpstat）；请先导出 PDF，再用其他程序打印"
    )]
    NoSystem,
    #[error("打印服务没有运行（CUPS 未启动）；请启动打印服务，或先导出 PDF 再打印")]
    NotRunning,
    #[error("没有找到打印机；请在系统设置中添加打印机，或先导出 PDF 再打印")]
    NoPrinter,
    #[error("页码范围“{0}”看不懂：请写成 1-3,5 这样的形式")]
    BadPages(String),
    #[error("份数应为 1 到 999")]
    BadCopies,
    #[error("打印失败：{0}")]
    Failed(String),
}

/// Runs a CUPS command with messages in English (they are read, not shown).
fn run(program: &str, args: &[&std::ffi::OsStr]) -> Result<(bool, String, String), PrintError> {
    let out = Command::new(program)
        .args(args)
        .env("LC_ALL", "C")
        .env("LANG", "C")
        .output()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => PrintError::NoSystem,
            _ => PrintError::Failed(e.to_string()),
        })?;
    Ok((
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    ))
}

fn not_running(text: &str) -> bool {
    let t = text.to_ascii_lowercase();
    t.contains("scheduler is not running") || t.contains("unable to connect")
}

/// The queue names of `lpstat -e` (one a line).
pub fn parse_names(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.contains(' '))
        .map(str::to_string)
        .collect()
}

/// The default of `lpstat -d` ("system default destination: NAME").
pub fn parse_default(text: &str) -> Option<String> {
    text.lines().find_map(|l| {
        l.trim()
            .strip_prefix("system default destination:")
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty())
    })
}

/// A page range as `lp -P` takes it: numbers and ranges separated by commas.
pub fn valid_pages(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty()
        && t.split(',').all(|part| {
            let part = part.trim();
            let mut ends = part.splitn(2, '-');
            let a = ends.next().unwrap_or("");
            let b = ends.next();
            let number = |s: &str| {
                !s.is_empty()
                    && s.len() <= 5
                    && s.bytes().all(|c| c.is_ascii_digit())
                    && s != "0"
                    && !s.starts_with('0')
            };
            number(a) && b.is_none_or(number)
        })
}

/// Whether a page range and both sides can be asked for here (CUPS), or are the PDF
/// program's to ask (Windows).
pub const PAGES_AND_SIDES: bool = !cfg!(windows);

/// The printers of this computer.
pub fn printers() -> Result<Printers, PrintError> {
    #[cfg(windows)]
    {
        let (names, default) = super::win_print::printers()
            .map_err(|e| PrintError::Failed(format!("无法列出打印机（{e}）")))?;
        if names.is_empty() {
            return Err(PrintError::NoPrinter);
        }
        let default = default.filter(|d| names.contains(d));
        return Ok(Printers { names, default });
    }
    #[allow(unreachable_code)]
    let (ok, out, err) = run("lpstat", &[std::ffi::OsStr::new("-e")])?;
    if not_running(&err) || not_running(&out) {
        return Err(PrintError::NotRunning);
    }
    if !ok && !err.trim().is_empty() && !err.contains("No destinations") {
        return Err(PrintError::Failed(err.trim().to_string()));
    }
    let names = parse_names(&out);
    if names.is_empty() {
        return Err(PrintError::NoPrinter);
    }
    let (_, out, _) = run("lpstat", &[std::ffi::OsStr::new("-d")])?;
    let default = parse_default(&out).filter(|d| names.contains(d));
    Ok(Printers { names, default })
}

/// Sends `pdf` to the printer; returns what the print system said (its job id).
pub fn print(pdf: &Path, job: &Job) -> Result<String, PrintError> {
    if !(1..=999).contains(&job.copies) {
        return Err(PrintError::BadCopies);
    }
    let pages = job
        .pages
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty());
    if let Some(p) = pages {
        if !valid_pages(p) {
            return Err(PrintError::BadPages(p.to_string()));
        }
    }
    #[cfg(windows)]
    {
        if pages.is_some() || job.duplex {
            return Err(PrintError::Failed(
                "在 Windows 上，页码范围和双面请在 PDF 程序的打印对话框中选择".into(),
            ));
        }
        for _ in 0..job.copies {
            super::win_print::print_to(pdf, job.printer.as_deref())
                .map_err(|e| PrintError::Failed(format!("PDF 程序没有接受打印（{e}）")))?;
        }
        return Ok(String::new());
    }
    #[allow(unreachable_code)]
    let mut args: Vec<std::ffi::OsString> = Vec::new();
    if let Some(p) = &job.printer {
        args.extend(["-d".into(), p.into()]);
    }
    args.extend(["-n".into(), job.copies.to_string().into()]);
    if let Some(p) = pages {
        args.extend(["-P".into(), p.into()]);
    }
    if job.duplex {
        args.extend(["-o".into(), "sides=two-sided-long-edge".into()]);
    }
    args.extend([
        "-t".into(),
        job.title.clone().into(),
        "--".into(),
        pdf.as_os_str().to_owned(),
    ]);
    let args: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_os_str()).collect();
    let (ok, out, err) = run("lp", &args)?;
    if not_running(&err) {
        return Err(PrintError::NotRunning);
    }
    if !ok {
        let e = err.trim();
        return Err(
            if e.contains("No default destination") || e.contains("does not exist") {
                PrintError::NoPrinter
            } else {
                PrintError::Failed(e.to_string())
            },
        );
    }
    Ok(out.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lpstat_output_is_read() {
        assert_eq!(parse_names("pdf\nOffice_HP\n\n"), ["pdf", "Office_HP"]);
        assert_eq!(
            parse_names("lpstat: No destinations added.\n"),
            Vec::<String>::new()
        );
        assert_eq!(
            parse_default("system default destination: Office_HP\n"),
            Some("Office_HP".into())
        );
        assert_eq!(parse_default("no system default destination\n"), None);
    }

    #[test]
    fn page_ranges_as_people_write_them() {
        for ok in ["1", "1-3", "1-3,5", " 2 , 4-6 "] {
            assert!(valid_pages(ok), "{ok}");
        }
        for bad in ["", "0", "3-", "a", "1;2", "1-2-3", "-1", "01"] {
            assert!(!valid_pages(bad), "{bad}");
        }
    }
}
