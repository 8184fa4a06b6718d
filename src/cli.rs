//! The command line on the same binary, for scripts and tests. Everything it says is
//! Chinese; problems and errors go to stderr.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::core::editing::rollover::{rollover, suggested_file_name};
use crate::core::file::disk::check_output;
use crate::core::file::store::{self, LoadError, SaveError};
use crate::core::validate::{has_errors, validate, Severity};
use crate::pdf;

mod print;
mod stages;

/// What `main` should do with the arguments.
pub enum Command {
    /// Open the window, with this file if given.
    Gui(Option<PathBuf>),
    /// Run a command-line action; the value is the process exit code.
    Done(i32),
}

pub const USAGE: &str = "\
用法：
  jixiao                          打开编辑窗口（上次打开的文件，首次使用时打开示例表）
  jixiao 文件.ron                  在编辑窗口中打开该文件
  jixiao check 文件.ron            检查表单，列出问题（无错误时退出码 0，有错误 1，无法读取 2）
  jixiao export-pdf 文件.ron [-o 输出.pdf] [--symbols] [--draft] [--self-eval | --monitor]
                                  导出 PDF（默认与表单同目录，名为“年度-项目名称.pdf”）；
                                  --symbols：把 >=、<= 印成 ≥、≤（表单文件不变）；
                                  --draft：每页印上“草稿”水印；
                                  --self-eval：导出绩效自评表；--monitor：导出绩效监控表
  jixiao print 文件.ron [--printer 打印机] [--copies 份数] [--pages 1-3,5] [--duplex] [--draft]
                                  打印表单（经系统的打印服务 CUPS；不写 --printer 用默认打印机）
  jixiao score 文件.ron            按自评规则列出每个指标的建议得分与得分、预算执行率、
                                  总分和等级（自评有错误时退出码 1）
  jixiao export 文件.ron -o 输出.docx|.xlsx|.pdf [--sheets]
                                  导出整张表为 Word、Excel 或 PDF（格式按扩展名），
                                  版式同打印的表；导出的文件可再导入为同一张表单；
                                  --sheets：Excel 中每部分（表头、各指标表）一个工作表
  jixiao rollover 上年.ron [-o 新文件.ron]
                                  从上年文件新建本年度表单（不会改动上年文件）
  jixiao import 文件 [-o 新文件.ron] [--template 表样] [--all]
                                  从上年的 PDF、Word（.docx）、Excel（.xlsx/.xls）、文本或
                                  表单文件导入为新表单（不会改动原文件），自动识别表样，
                                  列出需要核对之处；--template 指定表样（如 national-101）；
                                  --all：一张表里有多个项目时逐个导入，-o 为存放的文件夹
  jixiao learn 文件 [--name 表样名称] [-o 表样.ron]
                                  从导入的文件学习它自己的表样（表头各栏、金额、指标表各列），
                                  保存为表样文件（默认存入表样文件夹），此后可用
                                  import --template 导入、在“新建”中选用
  jixiao help                     显示本帮助";

/// Exit code for a file that could not be read.
const EXIT_UNREADABLE: i32 = 2;

pub fn run(args: &[String]) -> Command {
    // The user's own templates, for forms made from them.
    crate::core::template::install(crate::core::template::Templates::load(
        crate::core::template::Templates::user_dir().as_deref(),
    ));
    let mut out = std::io::stdout().lock();
    let mut err = std::io::stderr().lock();
    match args.first().map(String::as_str) {
        None => Command::Gui(None),
        Some("help" | "-h" | "--help") => {
            let _ = writeln!(out, "{USAGE}");
            Command::Done(0)
        }
        Some("--version" | "-V") => {
            let _ = writeln!(out, "jixiao {}", env!("CARGO_PKG_VERSION"));
            Command::Done(0)
        }
        Some("check") => Command::Done(match &args[1..] {
            [path] => check(Path::new(path), &mut out, &mut err),
            _ => {
                let _ = writeln!(err, "需要且只需要一个文件参数\n\n{USAGE}");
                EXIT_UNREADABLE
            }
        }),
        Some("export-pdf") => Command::Done(export_pdf(&args[1..], &mut out, &mut err)),
        Some("print") => Command::Done(print::print_cmd(&args[1..], &mut out, &mut err)),
        Some("score") => Command::Done(match &args[1..] {
            [path] => stages::score_cmd(Path::new(path), &mut out, &mut err),
            _ => {
                let _ = writeln!(err, "需要且只需要一个文件参数\n\n{USAGE}");
                EXIT_UNREADABLE
            }
        }),
        Some("export") => Command::Done(export_cmd(&args[1..], &mut out, &mut err)),
        Some("rollover") => Command::Done(rollover_cmd(&args[1..], &mut out, &mut err)),
        Some("import" | "import-text") => Command::Done(import_cmd(&args[1..], &mut out, &mut err)),
        Some("learn") => Command::Done(learn_cmd(&args[1..], &mut out, &mut err)),
        Some(path) if !path.starts_with('-') && args.len() == 1 => {
            Command::Gui(Some(PathBuf::from(path)))
        }
        Some(other) => {
            let _ = writeln!(err, "无法识别的命令或参数：{other}\n\n{USAGE}");
            Command::Done(EXIT_UNREADABLE)
        }
    }
}

/// Splits `FILE [-o OUT]`.
fn file_and_output(args: &[String], err: &mut dyn Write) -> Option<(PathBuf, Option<PathBuf>)> {
    match args {
        [file] => Some((PathBuf::from(file), None)),
        [file, o, out] if o == "-o" => Some((PathBuf::from(file), Some(PathBuf::from(out)))),
        [o, out, file] if o == "-o" => Some((PathBuf::from(file), Some(PathBuf::from(out)))),
        _ => {
            let _ = writeln!(err, "参数不正确\n\n{USAGE}");
            None
        }
    }
}

fn load_or_report(path: &Path, err: &mut dyn Write) -> Option<crate::core::model::Form> {
    match store::open(path) {
        Ok(loaded) => {
            for field in &loaded.unknown_fields {
                let _ = writeln!(
                    err,
                    "提醒：文件中有本程序不认识的字段 {field}，重新保存时不会保留"
                );
            }
            Some(loaded.form)
        }
        Err(e @ (LoadError::Io { .. } | LoadError::TooLarge { .. } | LoadError::Parse { .. })) => {
            let _ = writeln!(err, "{e}");
            None
        }
    }
}

/// Refuses an output that is an input of the command, or (exports) any form file.
fn output_allowed(
    output: &Path,
    inputs: &[&Path],
    protect_forms: bool,
    err: &mut dyn Write,
) -> bool {
    match check_output(output, inputs, protect_forms) {
        Ok(()) => true,
        Err(e) => {
            let _ = writeln!(err, "{e}");
            false
        }
    }
}

fn check(path: &Path, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let Some(form) = load_or_report(path, err) else {
        return EXIT_UNREADABLE;
    };
    let problems = validate(&form, &crate::core::template::for_form(&form));
    for p in &problems {
        let _ = writeln!(err, "{p}");
    }
    let errors = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    let warnings = problems.len() - errors;
    let _ = writeln!(
        out,
        "{}：{} 个错误，{} 个提醒，共 {} 个指标",
        path.display(),
        errors,
        warnings,
        form.indicator_count()
    );
    i32::from(has_errors(&problems))
}

fn export_pdf(args: &[String], out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    // --symbols: typed comparisons (>=, <=) printed as ≥ ≤
    let symbols = args.iter().any(|a| a == "--symbols");
    // --draft: every page marked 草稿
    let draft = args.iter().any(|a| a == "--draft");
    let stage = match (
        args.iter().any(|a| a == "--self-eval"),
        args.iter().any(|a| a == "--monitor"),
    ) {
        (true, true) => {
            let _ = writeln!(err, "--self-eval 与 --monitor 只能选一个");
            return EXIT_UNREADABLE;
        }
        (true, false) => Some(stages::Stage::SelfEval),
        (false, true) => Some(stages::Stage::Monitor),
        _ => None,
    };
    let args: Vec<String> = args
        .iter()
        .filter(|a| {
            !matches!(
                a.as_str(),
                "--symbols" | "--self-eval" | "--monitor" | "--draft"
            )
        })
        .cloned()
        .collect();
    let Some((input, output)) = file_and_output(&args, err) else {
        return EXIT_UNREADABLE;
    };
    if let Some(stage) = stage {
        return stages::export_stage_pdf(stage, &input, output.as_deref(), out, err);
    }
    let Some(form) = load_or_report(&input, err) else {
        return EXIT_UNREADABLE;
    };
    let form = if symbols {
        crate::core::print_symbols::with_symbols(&form)
    } else {
        form
    };
    let output = output.unwrap_or_else(|| input.with_file_name(suggested_file_name(&form, "pdf")));
    if !output_allowed(&output, &[&input], true, err) {
        return EXIT_UNREADABLE;
    }
    match pdf::export_draft_to(&form, &output, draft) {
        Ok(export) => {
            for m in &export.missing {
                let _ = writeln!(err, "提醒：字体中没有字符 {m}，PDF 中将显示为空框");
            }
            let _ = writeln!(
                out,
                "已导出 {}（{} 页，{} KB）",
                output.display(),
                export.pages,
                export.bytes.len().div_ceil(1024)
            );
            0
        }
        Err(e) => {
            let _ = writeln!(err, "导出失败：{e}");
            1
        }
    }
}

/// `export FILE.ron -o OUT.docx|.xlsx|.pdf`: the whole form, the format from the ending.
fn export_cmd(args: &[String], out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    // --sheets: an Excel workbook with a sheet for each part of the form
    let sheets = if args.iter().any(|a| a == "--sheets") {
        crate::core::exchange::form_xlsx::Sheets::PerPart
    } else {
        crate::core::exchange::form_xlsx::Sheets::One
    };
    let args: Vec<String> = args.iter().filter(|a| *a != "--sheets").cloned().collect();
    let args = &args[..];
    let Some((input, Some(output))) = file_and_output(args, err) else {
        let _ = writeln!(
            err,
            "请用 -o 指定输出文件（.docx、.xlsx 或 .pdf）\n\n{USAGE}"
        );
        return EXIT_UNREADABLE;
    };
    let ending = output
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    if ending == "pdf" {
        return export_pdf(args, out, err);
    }
    let Some(form) = load_or_report(&input, err) else {
        return EXIT_UNREADABLE;
    };
    let template = crate::core::template::for_form(&form);
    let made = match ending.as_str() {
        "docx" => crate::core::exchange::form_docx::export(&form, &template),
        "xlsx" => crate::core::exchange::form_xlsx::export_as(&form, &template, sheets),
        _ => {
            let _ = writeln!(
                err,
                "不支持的输出格式“.{ending}”：请用 .docx、.xlsx 或 .pdf"
            );
            return EXIT_UNREADABLE;
        }
    };
    if !output_allowed(&output, &[&input], true, err) {
        return EXIT_UNREADABLE;
    }
    let bytes = match made {
        Ok(bytes) => bytes,
        Err(e) => {
            let _ = writeln!(err, "导出失败：{e}");
            return 1;
        }
    };
    if let Err(e) = crate::core::store::write_atomically(&output, &bytes, false) {
        let _ = writeln!(err, "导出失败：{e}");
        return 1;
    }
    let _ = writeln!(
        out,
        "已导出 {}（{} KB）",
        output.display(),
        bytes.len().div_ceil(1024)
    );
    0
}

fn rollover_cmd(args: &[String], out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let Some((input, output)) = file_and_output(args, err) else {
        return EXIT_UNREADABLE;
    };
    let Some(last) = load_or_report(&input, err) else {
        return EXIT_UNREADABLE;
    };
    let result = match rollover(&last, &crate::core::template::for_form(&last)) {
        Ok(result) => result,
        Err(e) => {
            let _ = writeln!(err, "{e}");
            return EXIT_UNREADABLE;
        }
    };
    let output =
        output.unwrap_or_else(|| input.with_file_name(suggested_file_name(&result.form, "ron")));
    if !output_allowed(&output, &[&input], false, err) {
        return 1;
    }
    if let Err(code) = save_new_file(&output, &result.form, err) {
        return code;
    }
    let _ = writeln!(
        out,
        "已从 {} 年表单新建 {} 年表单：{}",
        last.year,
        result.form.year,
        output.display()
    );
    let _ = writeln!(out, "请复核以下 {} 处：", result.review.len());
    for item in &result.review {
        let _ = writeln!(out, "  {item}");
    }
    0
}

fn import_cmd(args: &[String], out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let mut rest: Vec<String> = Vec::new();
    let mut choose = None;
    let mut all = false;
    let mut i = 0;
    while i < args.len() {
        if args[i] == "--template" {
            let Some(id) = args.get(i + 1) else {
                let _ = writeln!(err, "--template 后面需要表样的名称\n\n{USAGE}");
                return EXIT_UNREADABLE;
            };
            choose = Some(id.clone());
            i += 2;
        } else if args[i] == "--all" {
            all = true;
            i += 1;
        } else {
            rest.push(args[i].clone());
            i += 1;
        }
    }
    let Some((input, output)) = file_and_output(&rest, err) else {
        return EXIT_UNREADABLE;
    };
    let templates = crate::core::template::installed();
    let import = |project: usize| {
        crate::core::exchange::import::import_file_of_project(
            &input,
            &templates.list,
            choose.as_deref(),
            project,
        )
    };
    let first = match import(0) {
        Ok(imported) => imported,
        Err(e) => {
            let _ = writeln!(err, "{e}");
            return EXIT_UNREADABLE;
        }
    };
    if !all {
        let output =
            output.unwrap_or_else(|| input.with_file_name(suggested_file_name(&first.form, "ron")));
        return save_imported(&input, &output, &first, out, err);
    }
    // every project of the file, each as its own new form in the folder
    let folder = output.unwrap_or_else(|| input.parent().unwrap_or(Path::new(".")).to_path_buf());
    if let Err(e) = std::fs::create_dir_all(&folder) {
        let _ = writeln!(err, "无法创建文件夹 {}：{e}", folder.display());
        return 1;
    }
    let count = first.projects.len().max(1);
    if count > 1 {
        let _ = writeln!(out, "文件中有 {count} 个项目，逐个导入：");
    }
    let mut taken: Vec<PathBuf> = Vec::new();
    for project in 0..count {
        let imported = if project == 0 {
            first.clone()
        } else {
            match import(project) {
                Ok(imported) => imported,
                Err(e) => {
                    let _ = writeln!(err, "第 {} 个项目：{e}", project + 1);
                    return EXIT_UNREADABLE;
                }
            }
        };
        let name = suggested_file_name(&imported.form, "ron");
        let mut path = folder.join(&name);
        let mut n = 2;
        while taken.contains(&path) || path.exists() {
            let stem = name.trim_end_matches(".ron");
            path = folder.join(format!("{stem}（{n}）.ron"));
            n += 1;
        }
        taken.push(path.clone());
        let code = save_imported(&input, &path, &imported, out, err);
        if code != 0 {
            return code;
        }
    }
    0
}

fn learn_cmd(args: &[String], out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let mut rest: Vec<String> = Vec::new();
    let mut name = None;
    let mut i = 0;
    while i < args.len() {
        if args[i] == "--name" {
            let Some(n) = args.get(i + 1) else {
                let _ = writeln!(err, "--name 后面需要表样的名称\n\n{USAGE}");
                return EXIT_UNREADABLE;
            };
            name = Some(n.clone());
            i += 2;
        } else {
            rest.push(args[i].clone());
            i += 1;
        }
    }
    let Some((input, output)) = file_and_output(&rest, err) else {
        return EXIT_UNREADABLE;
    };
    let name = name.unwrap_or_else(|| {
        let stem = input
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        format!("学自 {stem}")
    });
    let templates = crate::core::template::installed();
    let learned = match crate::core::exchange::import::read_for_import(&input).and_then(|bytes| {
        crate::core::exchange::import::learn_template(&bytes, &templates.list, &name)
    }) {
        Ok(t) => t,
        Err(e) => {
            let _ = writeln!(err, "{e}");
            return EXIT_UNREADABLE;
        }
    };
    if let Some(same) = templates.list.iter().find(|t| t.id == learned.id) {
        let _ = writeln!(
            err,
            "已有同名的表样“{}”（{}），请用 --name 换一个名称",
            same.name, same.id
        );
        return 1;
    }
    let output = match output {
        Some(o) => o,
        None => {
            let Some(dir) = crate::core::template::Templates::user_dir() else {
                let _ = writeln!(err, "找不到表样文件夹，请用 -o 指定表样文件");
                return 1;
            };
            if let Err(e) = std::fs::create_dir_all(&dir) {
                let _ = writeln!(err, "无法创建表样文件夹 {}：{e}", dir.display());
                return 1;
            }
            dir.join(format!("{}.ron", learned.id))
        }
    };
    if !output_allowed(&output, &[&input], false, err) {
        return 1;
    }
    if output.exists() {
        let _ = writeln!(
            err,
            "文件已存在，不会覆盖：{}（请用 -o 指定新文件名）",
            output.display()
        );
        return 1;
    }
    if let Err(e) =
        crate::core::store::write_atomically(&output, learned.to_text().as_bytes(), false)
    {
        let _ = writeln!(err, "{e}");
        return 1;
    }
    let columns: usize = learned.grids.iter().map(|g| g.columns.len() + 2).sum();
    let _ = writeln!(
        out,
        "已学得表样“{}”（{}）：标题“{}”，表头 {} 栏，金额 {} 项，文字 {} 段，指标表 {} 张共 {} 列；已保存到 {}",
        learned.name,
        learned.id,
        learned.title,
        learned.fields.len(),
        learned.money.as_ref().map_or(0, |m| m.rows.len()),
        learned.sections.len(),
        learned.grids.len(),
        columns,
        output.display()
    );
    let _ = writeln!(
        out,
        "导入时选用它：jixiao import {} --template {}",
        input.display(),
        learned.id
    );
    0
}

/// Saves an imported form to `output` (a new file) and says what came in.
fn save_imported(
    input: &Path,
    output: &Path,
    imported: &crate::core::exchange::import::Imported,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    if !output_allowed(output, &[input], false, err) {
        return 1;
    }
    if let Err(code) = save_new_file(output, &imported.form, err) {
        return code;
    }
    let _ = writeln!(
        out,
        "已导入 {}：{}，{} 年度，{} 个指标",
        output.display(),
        imported.kind.name(),
        imported.form.year,
        imported.form.indicator_count()
    );
    let scores: Vec<String> = imported
        .scores
        .iter()
        .map(|(id, name, score)| format!("{name}（{id}）{score} 分"))
        .collect();
    let _ = writeln!(
        out,
        "表样：{}（匹配度 {} 分）；各表样：{}",
        imported.template.name,
        imported.scores.first().map_or(0, |s| s.2),
        scores.join("，")
    );
    for note in &imported.notes {
        let _ = writeln!(out, "注意：{note}");
    }
    if !imported.review.is_empty() {
        let _ = writeln!(out, "请核对以下 {} 处：", imported.review.len());
        for item in &imported.review {
            let _ = writeln!(out, "  {item}");
        }
    }
    0
}

/// Saves a form the command made to a file that must not exist yet: of two commands
/// racing for one name, one writes and the other is refused.
fn save_new_file(
    path: &Path,
    form: &crate::core::model::Form,
    err: &mut dyn Write,
) -> Result<(), i32> {
    store::save_new(path, form).map_err(|e| {
        match e {
            SaveError::Exists { .. } => {
                let _ = writeln!(err, "{e}（请用 -o 指定新文件名）");
            }
            e => {
                let _ = writeln!(err, "{e}");
            }
        }
        1
    })
}
