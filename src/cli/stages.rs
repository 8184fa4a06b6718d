//! The command line's stage commands: `score` (the self-evaluation worked out, row by
//! row) and the 自评 / 监控 tables as PDF (`export-pdf --self-eval | --monitor`).

use std::io::Write;
use std::path::Path;

use crate::core::editing::rollover::suggested_file_name;
use crate::core::exchange::stage_table::{monitor_table, self_eval_table};
use crate::core::monitor_card::monitor;
use crate::core::scorecard::score;
use crate::core::template::for_form;

use super::{load_or_report, output_allowed, EXIT_UNREADABLE};

/// `score FILE.ron`: each row's suggested and final score, the budget row, the total and
/// grade; exit 1 when the self-evaluation has errors.
pub(super) fn score_cmd(path: &Path, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let Some(form) = load_or_report(path, err) else {
        return EXIT_UNREADABLE;
    };
    let template = for_form(&form);
    let card = score(&form, &template);
    if card.rows.is_empty() {
        let _ = writeln!(err, "表单中没有指标，无法自评");
        return 1;
    }
    for r in &card.rows {
        let suggested = r
            .suggestion
            .as_ref()
            .map_or("—".to_string(), |s| format!("{}（{}）", s.score, s.rule));
        let fin = match (r.score, r.own) {
            (Some(s), true) => format!("{s}（填报）"),
            (Some(s), false) => s.to_string(),
            (None, _) => "未评".into(),
        };
        let _ = writeln!(
            out,
            "{} / {} / {}\t目标 {}\t实际 {}\t分值 {}\t建议 {}\t得分 {}",
            r.goal,
            r.group,
            r.name,
            r.target,
            if r.actual.trim().is_empty() {
                "—"
            } else {
                r.actual.trim()
            },
            r.weight,
            suggested,
            fin
        );
    }
    let b = &card.budget;
    let _ = writeln!(
        out,
        "预算执行率\t预算 {} 元\t执行 {} 元\t执行率 {}\t分值 {}\t得分 {}",
        b.budget.to_plain(),
        b.executed.to_plain(),
        b.rate.map_or("—".into(), |r| format!("{r}%")),
        b.weight,
        b.score.map_or("未评".into(), |s| s.to_string())
    );
    for p in &card.problems {
        let kind = if p.error { "错误" } else { "提醒" };
        let _ = writeln!(err, "{kind}：[{}] {}", p.place, p.message);
    }
    let _ = writeln!(
        out,
        "总分 {}（分值合计 {}），等级 {}{}",
        card.total,
        card.weight_total,
        card.grade,
        if card.complete {
            ""
        } else {
            "（尚有未评的指标）"
        }
    );
    i32::from(card.problems.iter().any(|p| p.error))
}

/// Which table `export-pdf` makes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Stage {
    SelfEval,
    Monitor,
}

/// The 自评 or 监控 table of `input` as a PDF.
pub(super) fn export_stage_pdf(
    stage: Stage,
    input: &Path,
    output: Option<&Path>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let Some(form) = load_or_report(input, err) else {
        return EXIT_UNREADABLE;
    };
    let template = for_form(&form);
    let (table, kind) = match stage {
        Stage::SelfEval => (
            self_eval_table(&form, &template, &score(&form, &template)),
            "绩效自评表",
        ),
        Stage::Monitor => (
            monitor_table(&form, &template, &monitor(&form, &template)),
            "绩效监控表",
        ),
    };
    let output = output.map(Path::to_path_buf).unwrap_or_else(|| {
        let name = suggested_file_name(&form, "pdf");
        let stem = name.trim_end_matches(".pdf");
        input.with_file_name(format!("{stem}-{kind}.pdf"))
    });
    if !output_allowed(&output, &[input], true, err) {
        return EXIT_UNREADABLE;
    }
    let name = form.field("project_name").trim();
    let title = format!("{}年度 {name} {kind}", form.year);
    let export = match crate::pdf::export_table(&table, &title) {
        Ok(e) => e,
        Err(e) => {
            let _ = writeln!(err, "导出失败：{e}");
            return 1;
        }
    };
    for m in &export.missing {
        let _ = writeln!(err, "提醒：字体中没有字符 {m}，PDF 中将显示为空框");
    }
    if let Err(e) = crate::core::store::write_atomically(&output, &export.bytes, false) {
        let _ = writeln!(err, "导出失败：{e}");
        return 1;
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
