//! The year's later stages in the same file: monitoring (监控) and self-evaluation (自评)
//! kept through save and open, older files opening as not evaluated yet, scoring with
//! exact decimals and the clerk in charge, and the checks a reviewer would make.

use jixiao::core::edit::Edit;
use jixiao::core::model::{Form, IndicatorPath};
use jixiao::core::money::Money;
use jixiao::core::scorecard::{score, Scorecard};
use jixiao::core::stages::{ProgressColumn, ResultColumn, StageField, StageMoney};
use jixiao::core::template::{self, Template};

fn sample(name: &str) -> Form {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples");
    let path = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().contains(name))
        .unwrap();
    jixiao::core::store::load(&path).unwrap()
}

fn paths(form: &Form, grid: usize) -> Vec<IndicatorPath> {
    form.indicators()
        .filter(|(p, _)| p.grid == grid)
        .map(|(p, _)| p)
        .collect()
}

fn card(form: &Form) -> (Scorecard, std::sync::Arc<Template>) {
    let t = template::for_form(form);
    (score(form, &t), t)
}

fn set(form: &mut Form, p: IndicatorPath, c: ResultColumn, text: &str) {
    Edit::SetResult(p, c, text.into()).apply(form).unwrap();
}

/// Every row given its target as its actual value, the money all spent.
fn all_met(mut form: Form) -> Form {
    let (c, _) = card(&form);
    for row in &c.rows {
        let actual = if row.target.trim().is_empty() {
            "已完成".to_string()
        } else {
            row.target.clone()
        };
        set(&mut form, row.path, ResultColumn::Actual, &actual);
        if jixiao::core::scoring::suggest(&row.target, &actual, row.weight, None, 2).is_none() {
            set(&mut form, row.path, ResultColumn::Outcome, "达成");
        }
    }
    Edit::SetStageMoney(StageMoney::EvalExecuted, c.budget.budget)
        .apply(&mut form)
        .unwrap();
    form
}

#[test]
fn stages_survive_save_and_open_and_old_files_open_unevaluated() {
    let form = sample("2020-上海");
    assert!(!form.has_stages(), "a target form is not evaluated yet");
    let text = jixiao::core::store::form_text(std::path::Path::new("x.ron"), &form).unwrap();
    assert!(
        text.contains("format_version: 2"),
        "no stages: still version 2"
    );
    let mut form = form;
    let p = paths(&form, 0)[0];
    set(&mut form, p, ResultColumn::Actual, "98%\"引号\"\n第二行");
    set(&mut form, p, ResultColumn::Score, "9.5");
    set(&mut form, p, ResultColumn::Reason, "个别学校未按时上报");
    Edit::SetProgress(p, ProgressColumn::Likelihood, "有可能".into())
        .apply(&mut form)
        .unwrap();
    Edit::SetProgress(p, ProgressColumn::Cause, "人员保障：人手不足".into())
        .apply(&mut form)
        .unwrap();
    Edit::SetStageMoney(StageMoney::EvalExecuted, Money::parse("123.45").unwrap())
        .apply(&mut form)
        .unwrap();
    Edit::SetStageMoney(StageMoney::MonitorExecuted, Money::parse("50").unwrap())
        .apply(&mut form)
        .unwrap();
    Edit::SetStageField(StageField::MonitorMonth, "6".into())
        .apply(&mut form)
        .unwrap();
    Edit::SetStageField(StageField::EvalAchieved, "基本完成".into())
        .apply(&mut form)
        .unwrap();
    assert!(form.has_stages());
    let text = jixiao::core::store::form_text(std::path::Path::new("x.ron"), &form).unwrap();
    assert!(text.contains("format_version: 3"), "stages: version 3");
    let back = jixiao::core::store::parse_str(&text).unwrap();
    assert_eq!(back, form, "the same document after save and open");
    // a month out of 1–12 is refused and changes nothing
    let before = form.clone();
    assert!(Edit::SetStageField(StageField::MonitorMonth, "13".into())
        .apply(&mut form)
        .is_err());
    assert_eq!(form, before);
    // an older program refuses the newer file rather than drop the stages
    assert_eq!(jixiao::core::model::FORMAT_VERSION, 3);
    let newer = text.replace("format_version: 3", "format_version: 4");
    assert!(jixiao::core::store::parse_str(&newer).is_err());
}

#[test]
fn a_sample_met_in_full_scores_100_and_grade_you() {
    for name in ["2020-上海", "心理健康", "营养改善", "居家养老"] {
        let form = all_met(sample(name));
        let (c, _) = card(&form);
        assert!(!c.rows.is_empty(), "{name}");
        assert_eq!(c.weight_total.to_string(), "100", "{name}");
        assert!(c.complete, "{name}: every row scored");
        assert_eq!(c.total.to_string(), "100", "{name}: {:?}", c.problems);
        assert_eq!(c.grade, "优");
        assert!(
            c.problems.iter().all(|p| !p.error),
            "{name}: {:?}",
            c.problems
        );
    }
}

#[test]
fn shortfalls_score_by_the_rules_and_ask_for_a_reason() {
    let mut form = all_met(sample("2020-上海"));
    let (c, _) = card(&form);
    // the first ≥ percentage row reaches 81 of its target
    let row = c
        .rows
        .iter()
        .find(|r| {
            (r.target.starts_with('≥') || r.target.starts_with(">=")) && r.target.ends_with('%')
        })
        .expect("a ≥ % row")
        .clone();
    let goal = jixiao::core::scoring::Dec::first_in(&row.target).unwrap();
    let half = goal
        .times_ratio(
            jixiao::core::scoring::Dec::whole(1),
            jixiao::core::scoring::Dec::whole(2),
        )
        .unwrap();
    set(
        &mut form,
        row.path,
        ResultColumn::Actual,
        &format!("{half}%"),
    );
    let (c2, _) = card(&form);
    let r2 = c2.rows.iter().find(|r| r.path == row.path).unwrap();
    let expected = row
        .weight
        .times_ratio(
            jixiao::core::scoring::Dec::whole(1),
            jixiao::core::scoring::Dec::whole(2),
        )
        .unwrap()
        .round(2);
    assert_eq!(r2.score, Some(expected), "half the target: half the weight");
    assert_eq!(r2.suggestion.as_ref().unwrap().rule, "实际/目标 × 分值");
    assert!(c2.total < c.total);
    assert!(c2
        .problems
        .iter()
        .any(|p| p.path == Some(row.path) && p.message.contains("偏差原因")));
    // with a reason the warning goes
    set(&mut form, row.path, ResultColumn::Reason, "受疫情影响");
    let (c3, _) = card(&form);
    assert!(!c3.problems.iter().any(|p| p.path == Some(row.path)));
    // the clerk's own score is kept, marked, and noted as departing from the rule
    set(&mut form, row.path, ResultColumn::Score, "4");
    let (c4, _) = card(&form);
    let r4 = c4.rows.iter().find(|r| r.path == row.path).unwrap();
    assert_eq!(r4.score.unwrap().to_string(), "4");
    assert!(r4.own && r4.departs());
    assert!(c4
        .problems
        .iter()
        .any(|p| p.path == Some(row.path) && p.message.contains("按规则")));
}

#[test]
fn checks_a_reviewer_would_make() {
    let mut form = all_met(sample("2020-上海"));
    let ps = paths(&form, 0);
    // weights typed in one 一级 take from its share; typed in every row they may not
    // add up, and the check says by how much
    set(&mut form, ps[0], ResultColumn::Weight, "20");
    assert_eq!(card(&form).0.weight_total.to_string(), "100");
    for p in &ps {
        set(&mut form, *p, ResultColumn::Weight, "20");
    }
    let (c, _) = card(&form);
    let over = c.weight_total.to_string();
    assert_ne!(over, "100");
    assert!(c
        .problems
        .iter()
        .any(|p| p.error && p.message == format!("分值合计 {over}，应为 100")));
    // an actual that cannot be read for a quantitative target
    let mut form = all_met(sample("2020-上海"));
    let (c, _) = card(&form);
    let q = c.rows.iter().find(|r| r.target.contains('%')).unwrap().path;
    set(&mut form, q, ResultColumn::Actual, "基本完成");
    let (c, _) = card(&form);
    assert!(c
        .problems
        .iter()
        .any(|p| p.error && p.path == Some(q) && p.message.contains("读不出数字")));
    // executed above the budget
    let mut form = all_met(sample("2020-上海"));
    let (c, _) = card(&form);
    let more = Money::from_fen(c.budget.budget.fen().unwrap() + 1);
    Edit::SetStageMoney(StageMoney::EvalExecuted, more)
        .apply(&mut form)
        .unwrap();
    let (c, _) = card(&form);
    assert!(c
        .problems
        .iter()
        .any(|p| p.error && p.message.contains("大于全年预算数")));
    // a score that is not a number, a score above the weight
    let mut form = all_met(sample("2020-上海"));
    set(&mut form, ps[1], ResultColumn::Score, "满分");
    set(&mut form, ps[2], ResultColumn::Score, "99");
    let (c, _) = card(&form);
    assert!(c
        .problems
        .iter()
        .any(|p| p.message.contains("“满分”不是数字")));
    assert!(c.problems.iter().any(|p| p.message.contains("大于分值")));
}

#[test]
fn budget_row_scores_by_execution_rate() {
    let mut form = all_met(sample("2020-上海"));
    let (c, _) = card(&form);
    let budget = c.budget.budget.fen().unwrap();
    // 95% executed: 9.5 of 10
    Edit::SetStageMoney(StageMoney::EvalExecuted, Money::from_fen(budget / 100 * 95))
        .apply(&mut form)
        .unwrap();
    let (c, _) = card(&form);
    assert_eq!(c.budget.rate.unwrap().to_string(), "95");
    assert_eq!(c.budget.score.unwrap().to_string(), "9.5");
    assert_eq!(c.total.to_string(), "99.5");
    assert!(c
        .problems
        .iter()
        .any(|p| p.message.contains("执行偏差原因")));
    // no budget known: no rate, no score, not complete
    let mut form = sample("2020-上海");
    for id in form.money.keys().cloned().collect::<Vec<_>>() {
        form.money.insert(id, Money::UNKNOWN);
    }
    let (c, _) = card(&form);
    assert_eq!(c.budget.rate, None);
    assert!(!c.complete);
    // a budget of 0: no division, a clear message
    Edit::SetStageMoney(StageMoney::EvalYear, Money::from_fen(0))
        .apply(&mut form)
        .unwrap();
    Edit::SetStageMoney(StageMoney::EvalExecuted, Money::from_fen(0))
        .apply(&mut form)
        .unwrap();
    let (c, _) = card(&form);
    assert_eq!(c.budget.score, None);
    assert!(c.problems.iter().any(|p| p.message.contains("为 0")));
}

#[test]
fn monitoring_asks_for_measures_and_compares_with_time() {
    let mut form = sample("2020-上海");
    let t = template::for_form(&form);
    let p = paths(&form, 0)[0];
    Edit::SetProgress(p, ProgressColumn::Likelihood, "完全不可能".into())
        .apply(&mut form)
        .unwrap();
    let budget = jixiao::core::scorecard::year_budget(&form).fen().unwrap();
    Edit::SetStageMoney(StageMoney::MonitorExecuted, Money::from_fen(budget / 10))
        .apply(&mut form)
        .unwrap();
    let m = jixiao::core::monitor_card::monitor(&form, &t);
    assert_eq!(m.month, 7);
    assert_eq!(m.rate.unwrap().to_string(), "10");
    assert!(m
        .problems
        .iter()
        .any(|x| x.error && x.message.contains("纠偏措施")));
    assert!(m
        .problems
        .iter()
        .any(|x| x.message.contains("低于时间进度 58.33%")));
    Edit::SetProgress(p, ProgressColumn::Measures, "调整实施方案".into())
        .apply(&mut form)
        .unwrap();
    let m = jixiao::core::monitor_card::monitor(&form, &t);
    assert!(!m.problems.iter().any(|x| x.message.contains("纠偏措施")));
}

#[test]
fn next_years_form_lists_last_years_results_and_starts_unevaluated() {
    let mut form = all_met(sample("2020-上海"));
    let (c, t) = card(&form);
    let beaten = c
        .rows
        .iter()
        .find(|r| r.target.starts_with(">=") && r.target.ends_with('%'))
        .unwrap()
        .clone();
    set(&mut form, beaten.path, ResultColumn::Actual, "99%");
    Edit::SetProgress(beaten.path, ProgressColumn::Done, "60%".into())
        .apply(&mut form)
        .unwrap();
    let next = jixiao::core::editing::rollover::rollover(&form, &t).unwrap();
    assert!(!next.form.has_stages(), "next year starts unevaluated");
    let lines: Vec<&str> = next.review.iter().map(|i| i.message.as_str()).collect();
    let line = lines
        .iter()
        .find(|m| m.contains("实际完成 99%"))
        .expect("last year's actual in the review list");
    assert!(line.contains(&format!("{} 年目标 {}", form.year, beaten.target)));
    assert!(line.contains("提高目标值"), "{line}");
    // every evaluated row is listed
    let listed = lines.iter().filter(|m| m.contains("实际完成")).count();
    assert_eq!(listed, c.rows.len());
    // a layout with a 上年 column gets it filled, and two years beaten says so
    let mut t2 = (*t).clone();
    let grid = t2.grids.iter_mut().find(|g| g.id == "annual").unwrap();
    let mut col = grid.columns.last().unwrap().clone();
    col.kind = jixiao::core::template::ColumnKind::PriorValue;
    col.label = "上年实际完成值".into();
    grid.columns.push(col);
    let once = jixiao::core::editing::rollover::rollover(&form, &t2).unwrap();
    let ind = once.form.indicator(beaten.path).unwrap();
    assert_eq!(
        ind.cell(jixiao::core::template::ColumnKind::PriorValue),
        "99%"
    );
    let mut second = once.form.clone();
    set(&mut second, beaten.path, ResultColumn::Actual, "98%");
    let twice = jixiao::core::editing::rollover::rollover(&second, &t2).unwrap();
    assert!(twice
        .review
        .iter()
        .any(|i| i.message.contains("连续两年超过目标")));
}

#[test]
fn a_change_of_layout_keeps_the_results() {
    let form = all_met(sample("2020-上海"));
    let from = template::for_form(&form);
    for to in jixiao::core::template::Templates::built_in().list {
        let out = jixiao::core::editing::convert::change_template(&form, &from, &to).form;
        let year = |f: &Form| {
            let t = template::for_form(f);
            let g = jixiao::core::scorecard::year_grid(f, &t);
            f.indicators()
                .filter(|(p, _)| p.grid == g)
                .map(|(_, i)| i.result.clone())
                .collect::<Vec<_>>()
        };
        assert!(
            year(&form) == year(&out),
            "{}: the year's results kept",
            to.id
        );
        assert_eq!(out.self_eval, form.self_eval, "{}", to.id);
    }
}

fn pdf_text(bytes: &[u8]) -> String {
    pdf_extract::extract_text_from_mem(bytes)
        .expect("the PDF is readable")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

#[test]
fn the_self_evaluation_and_monitoring_pdfs_hold_every_row() {
    use jixiao::core::exchange::stage_table::{monitor_table, self_eval_table};
    for name in ["2020-上海", "营养改善"] {
        let mut form = all_met(sample(name));
        let (c, t) = card(&form);
        // one row short of its target, with a reason and the clerk's score
        let short = c.rows.iter().find(|r| r.target.contains('%')).unwrap().path;
        set(&mut form, short, ResultColumn::Actual, "80%");
        set(&mut form, short, ResultColumn::Reason, "部分学校数据未上报");
        Edit::SetStageField(StageField::EvalAchieved, "基本完成年度目标".into())
            .apply(&mut form)
            .unwrap();
        Edit::SetProgress(short, ProgressColumn::Likelihood, "有可能".into())
            .apply(&mut form)
            .unwrap();
        Edit::SetProgress(short, ProgressColumn::Measures, "加强督导".into())
            .apply(&mut form)
            .unwrap();
        let c = score(&form, &t);
        let se = jixiao::pdf::export_table(&self_eval_table(&form, &t, &c), "自评").unwrap();
        let text = pdf_text(&se.bytes);
        assert!(text.contains("项目支出绩效自评表"), "{name}");
        assert!(text.contains("基本完成年度目标"));
        assert!(text.contains("部分学校数据未上报"));
        assert!(text.contains(&format!("自评等级：{}", c.grade)));
        assert!(text.contains(&c.total.to_string()));
        for r in &c.rows {
            let flat = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
            assert!(text.contains(&flat(&r.name)), "{name}: {}", r.name);
            assert!(text.contains(&flat(&r.actual)), "{name}: {}", r.actual);
            assert!(text.contains(&r.weight.to_string()), "{name}: {}", r.weight);
            assert!(
                text.contains(&r.score.unwrap().to_string()),
                "{name}: score"
            );
        }
        let m = jixiao::core::monitor_card::monitor(&form, &t);
        let mo = jixiao::pdf::export_table(&monitor_table(&form, &t, &m), "监控").unwrap();
        let text = pdf_text(&mo.bytes);
        assert!(text.contains("项目绩效运行监控表"));
        assert!(text.contains("1-7月实际完成值"));
        assert!(text.contains("加强督导"));
        for r in &m.rows {
            let flat: String = r.name.chars().filter(|c| !c.is_whitespace()).collect();
            assert!(text.contains(&flat), "{name}: {}", r.name);
        }
    }
}

#[test]
fn score_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let bin = env!("CARGO_BIN_EXE_jixiao");
    let run = |args: &[&str]| {
        let out = std::process::Command::new(bin).args(args).output().unwrap();
        (
            out.status.code().unwrap(),
            String::from_utf8_lossy(&out.stdout).to_string(),
            String::from_utf8_lossy(&out.stderr).to_string(),
        )
    };
    let good = dir.path().join("好.ron");
    jixiao::core::store::save(&good, &all_met(sample("营养改善"))).unwrap();
    let (code, out, err) = run(&["score", good.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("总分 100（分值合计 100），等级 优"), "{out}");
    assert!(out.contains("实际达到目标：得满分"));
    // weights over 100: an error, exit 1
    let mut bad = all_met(sample("营养改善"));
    for p in paths(&bad, card(&bad).0.grid) {
        set(&mut bad, p, ResultColumn::Weight, "20");
    }
    let bad_path = dir.path().join("坏.ron");
    jixiao::core::store::save(&bad_path, &bad).unwrap();
    let (code, _, err) = run(&["score", bad_path.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("分值合计"), "{err}");
    // the PDFs from the command line
    let pdf = dir.path().join("自评.pdf");
    let (code, out, err) = run(&[
        "export-pdf",
        good.to_str().unwrap(),
        "--self-eval",
        "-o",
        pdf.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("已导出"));
    assert!(pdf_text(&std::fs::read(&pdf).unwrap()).contains("自评等级：优"));
    let (code, _, _) = run(&["export-pdf", good.to_str().unwrap(), "--monitor"]);
    assert_eq!(code, 0);
    assert!(std::fs::read_dir(dir.path()).unwrap().any(|e| e
        .unwrap()
        .file_name()
        .to_string_lossy()
        .ends_with("绩效监控表.pdf")));
    // an unreadable file: exit 2
    let junk = dir.path().join("x.ron");
    std::fs::write(&junk, "not a form").unwrap();
    assert_eq!(run(&["score", junk.to_str().unwrap()]).0, 2);
}

#[test]
fn a_layout_sets_its_own_weights_rounding_and_grades() {
    // 产出 40, 效益 30, 满意度 20, budget 10; whole-number scores; its own bands
    let form = all_met(sample("营养改善"));
    let base = template::for_form(&form);
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/templates/national-88.ron"),
    )
    .unwrap()
    .replacen("id: \"national-88\"", "id: \"county-scored\"", 1)
    .replacen(
        "    title:",
        "    scoring: Some(ScoringRules(weights: [(\"产出|成本\", 40), (\"效益\", 30), (\"满意\", 20)], budget: 10, places: 0, partly: 70, grades: [(95, \"优秀\"), (85, \"良好\"), (60, \"合格\")], lowest: \"不合格\")),\n    title:",
        1,
    );
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("county.ron"), &text).unwrap();
    let loaded = jixiao::core::template::Templates::load(Some(dir.path()));
    assert!(
        loaded.broken.is_empty(),
        "{:?}",
        loaded.broken.first().map(|b| &b.message)
    );
    let t = loaded
        .list
        .iter()
        .find(|t| t.id == "county-scored")
        .unwrap();
    let mut form = form;
    form.template = t.id.clone();
    let c = score(&form, t);
    assert_eq!(c.weight_total.to_string(), "100");
    let satisfaction: Vec<String> = c
        .rows
        .iter()
        .filter(|r| r.goal.contains("满意"))
        .map(|r| r.weight.to_string())
        .collect();
    assert_eq!(
        satisfaction
            .iter()
            .map(|w| w.parse::<i64>().unwrap())
            .sum::<i64>(),
        20
    );
    assert!(
        c.rows.iter().all(|r| !r.weight.to_string().contains('.')),
        "whole numbers"
    );
    assert_eq!(c.grade, "优秀");
    // a shortfall scores in whole numbers and the bands are the layout's
    let row = c
        .rows
        .iter()
        .find(|r| r.target.starts_with('≥') && r.target.ends_with('%'))
        .unwrap();
    let mut short = form.clone();
    set(&mut short, row.path, ResultColumn::Actual, "50%");
    let c2 = score(&short, t);
    let r2 = c2.rows.iter().find(|r| r.path == row.path).unwrap();
    assert!(!r2.score.unwrap().to_string().contains('.'));
    assert!(["优秀", "良好", "合格", "不合格"].contains(&c2.grade.as_str()));
    // rules that do not add up to 100 are refused with the file and the sum
    let bad = text
        .replace("(\"满意\", 20)", "(\"满意\", 30)")
        .replace("county-scored", "county-bad");
    std::fs::write(dir.path().join("bad.ron"), bad).unwrap();
    let loaded = jixiao::core::template::Templates::load(Some(dir.path()));
    let broken = loaded
        .broken
        .iter()
        .find(|b| b.file.ends_with("bad.ron"))
        .unwrap();
    assert!(
        broken.message.contains("分值合计 110"),
        "{}",
        broken.message
    );
    assert!(broken.message.contains("bad.ron"));
    let _ = base;
}

#[test]
fn export_pdf_draft_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("f.ron");
    jixiao::core::store::save(&path, &sample("营养改善")).unwrap();
    let out = dir.path().join("d.pdf");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args([
            "export-pdf",
            path.to_str().unwrap(),
            "--draft",
            "-o",
            out.to_str().unwrap(),
        ])
        .status()
        .unwrap();
    assert!(status.success());
    assert!(pdf_text(&std::fs::read(&out).unwrap()).contains("草稿"));
}
