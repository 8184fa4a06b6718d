//! `jixiao print FILE.ron [--printer NAME] [--copies N] [--pages 1-3,5] [--duplex]`: the
//! form's PDF sent to a printer of the system (CUPS), or a clear message why not.

use std::io::Write;
use std::path::Path;

use crate::core::editing::rollover::suggested_file_name;
use crate::platform::printing::{self, Job};

use super::{load_or_report, EXIT_UNREADABLE};

pub(super) fn print_cmd(args: &[String], out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let mut file = None;
    let mut job = Job {
        printer: None,
        copies: 1,
        pages: None,
        duplex: false,
        title: String::new(),
    };
    let mut draft = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--printer" | "--copies" | "--pages" => {
                let Some(v) = it.next() else {
                    let _ = writeln!(err, "{a} 后面需要一个值");
                    return EXIT_UNREADABLE;
                };
                match a.as_str() {
                    "--printer" => job.printer = Some(v.clone()),
                    "--copies" => match v.parse::<u32>() {
                        Ok(n) => job.copies = n,
                        Err(_) => {
                            let _ = writeln!(err, "份数“{v}”不是数字");
                            return EXIT_UNREADABLE;
                        }
                    },
                    _ => job.pages = Some(v.clone()),
                }
            }
            "--duplex" => job.duplex = true,
            "--draft" => draft = true,
            _ if file.is_none() && !a.starts_with("--") => file = Some(a.clone()),
            _ => {
                let _ = writeln!(err, "参数不正确：{a}\n\n{}", super::USAGE);
                return EXIT_UNREADABLE;
            }
        }
    }
    let Some(file) = file else {
        let _ = writeln!(err, "请给出要打印的表单文件\n\n{}", super::USAGE);
        return EXIT_UNREADABLE;
    };
    let Some(form) = load_or_report(Path::new(&file), err) else {
        return EXIT_UNREADABLE;
    };
    if let Some(p) = &job.printer {
        match printing::printers() {
            Ok(list) if !list.names.contains(p) => {
                let _ = writeln!(
                    err,
                    "没有名为“{p}”的打印机；可用的打印机：{}",
                    list.names.join("、")
                );
                return 1;
            }
            Ok(_) => {}
            Err(e) => {
                let _ = writeln!(err, "{e}");
                return 1;
            }
        }
    }
    let dir = std::env::temp_dir().join("jixiao-打印");
    let name = suggested_file_name(&form, "pdf");
    let pdf = dir.join(&name);
    job.title = name.trim_end_matches(".pdf").to_string();
    let written = std::fs::create_dir_all(&dir)
        .map_err(|e| e.to_string())
        .and_then(|()| crate::pdf::export_draft_to(&form, &pdf, draft).map_err(|e| e.to_string()));
    let export = match written {
        Ok(e) => e,
        Err(e) => {
            let _ = writeln!(err, "无法生成要打印的 PDF：{e}");
            return 1;
        }
    };
    match printing::print(&pdf, &job) {
        Ok(said) => {
            let to = job.printer.as_deref().unwrap_or("默认打印机");
            let _ = writeln!(
                out,
                "已发送到{to}：{} 页 × {} 份{}（{said}）",
                export.pages,
                job.copies,
                if job.duplex { "，双面" } else { "" }
            );
            0
        }
        Err(e) => {
            let _ = writeln!(err, "{e}");
            1
        }
    }
}
