//! Published self-evaluation tables (项目支出绩效自评表) from several provinces, as a clerk
//! has them (text copied out of Word, .docx, .xlsx, a LibreOffice PDF, a browser's PDF,
//! all made from one transcription by scripts/real-forms.sh): each is recognised as a
//! self-evaluation, every row comes in with its actual value, weight and the unit's
//! score, the money row with it, and the total is the table's — or the difference is
//! what the checks say (weights that add up to more than 100).

use std::collections::BTreeMap;
use std::path::PathBuf;

use jixiao::core::import;
use jixiao::core::scorecard::score;
use jixiao::core::template::{for_form, Templates};

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real/self-eval")
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[derive(Default)]
struct Expected {
    total: String,
    weights: String,
    published: Option<String>,
    budget: (i64, i64, String),
    rows: Vec<[String; 4]>,
}

fn expected() -> BTreeMap<String, Expected> {
    let text = std::fs::read_to_string(dir().join("expected.tsv")).unwrap();
    let mut out: BTreeMap<String, Expected> = BTreeMap::new();
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let f: Vec<&str> = line.split('\t').collect();
        let e = out.entry(f[0].to_string()).or_default();
        match f[1] {
            "total" => e.total = f[2].into(),
            "weights" => e.weights = f[2].into(),
            "published" => e.published = Some(f[2].into()),
            "budget" => e.budget = (f[2].parse().unwrap(), f[3].parse().unwrap(), f[4].into()),
            "row" => e
                .rows
                .push([f[2].into(), f[3].into(), f[4].into(), f[5].into()]),
            other => panic!("expected.tsv: unknown kind {other}"),
        }
    }
    out
}

const FORMATS: [&str; 5] = [".txt", ".docx", ".xlsx", ".pdf", ".chromium.pdf"];

/// What differs between the table as published and as imported (empty: the same).
fn differences(name: &str, ending: &str, e: &Expected) -> Vec<String> {
    let templates = Templates::built_in().list;
    let path = dir().join(format!("{name}{ending}"));
    let imported = match import::import_file(&path, &templates, None) {
        Ok(i) => i,
        Err(err) => return vec![format!("导入失败：{err}")],
    };
    let mut out = Vec::new();
    if !imported.notes.iter().any(|n| n.contains("这是绩效自评表")) {
        out.push("没有认出是自评表".to_string());
    }
    let form = &imported.form;
    let t = for_form(form);
    let card = score(form, &t);
    if card.rows.len() != e.rows.len() {
        out.push(format!(
            "指标 {} 个，应为 {}",
            card.rows.len(),
            e.rows.len()
        ));
    }
    for [name, actual, weight, got] in &e.rows {
        let row = card.rows.iter().find(|r| squeeze(&r.name) == squeeze(name));
        match row {
            None => out.push(format!("缺少指标 {name}")),
            Some(r) => {
                let score = r.score.map(|s| s.to_string()).unwrap_or_default();
                if squeeze(&r.actual) != squeeze(actual)
                    || r.weight.to_string() != *weight
                    || score != *got
                {
                    out.push(format!(
                        "{name}：实际 {} 分值 {} 得分 {score}，应为 {actual} {weight} {got}",
                        r.actual, r.weight
                    ));
                }
            }
        }
    }
    let b = &card.budget;
    let budget = (b.budget.fen(), b.executed.fen());
    if budget != (Some(e.budget.0), Some(e.budget.1))
        || b.score.map(|s| s.to_string()).unwrap_or_default() != e.budget.2
    {
        out.push(format!("预算执行 {budget:?} 得分 {:?}", b.score));
    }
    if card.total.to_string() != e.total || card.weight_total.to_string() != e.weights {
        out.push(format!(
            "总分 {}（分值合计 {}），应为 {}（{}）",
            card.total, card.weight_total, e.total, e.weights
        ));
    }
    if let Some(published) = &e.published {
        // the table's own total, or a check that says why the sum differs
        let explained = card
            .problems
            .iter()
            .any(|p| p.error && p.message.starts_with("分值合计"));
        if card.total.to_string() != *published && !explained {
            out.push(format!(
                "表中总分 {published}，算得 {}，且无检查说明",
                card.total
            ));
        }
        if !imported
            .notes
            .iter()
            .any(|n| n.contains(&format!("表中总分 {published}")))
        {
            out.push("导入说明中没有表中的总分".into());
        }
    }
    out
}

#[test]
fn published_self_evaluations_come_in_with_every_row_and_their_totals() {
    let all = expected();
    assert!(all.len() >= 4, "at least four published tables");
    let mut whole = 0;
    let mut tried = 0;
    let mut failures = Vec::new();
    for (name, e) in &all {
        for ending in FORMATS {
            tried += 1;
            let diffs = differences(name, ending, e);
            if diffs.is_empty() {
                whole += 1;
            } else {
                failures.push(format!("{name}{ending}：{}", diffs.join("；")));
            }
        }
    }
    println!(
        "自评表：{whole}/{tried} 个文件完整导入（{} 张表 × 5 种格式）",
        all.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_unit_score_that_departs_from_the_rule_is_kept_and_listed() {
    // 永德: 资金到位及时率 100% of ≧100% scored 7 by the unit, 政策知晓率 98% of ═100% scored 9
    let templates = Templates::built_in().list;
    let path = dir().join("2022-云南永德-义务教育营养改善计划.docx");
    let imported = import::import_file(&path, &templates, None).unwrap();
    let listed: Vec<&str> = imported
        .review
        .iter()
        .filter(|i| i.message.contains("已保留表中得分"))
        .map(|i| i.place.as_str())
        .collect();
    assert!(
        listed.iter().any(|p| p.contains("资金到位及时率")),
        "{listed:?}"
    );
    assert!(
        listed.iter().any(|p| p.contains("政策知晓率")),
        "{listed:?}"
    );
    // saved and opened again, the unit's scores stay its own
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("永德.ron");
    jixiao::core::store::save(&out, &imported.form).unwrap();
    let back = jixiao::core::store::load(&out).unwrap();
    assert_eq!(back, imported.form);
    let card = score(&back, &for_form(&back));
    assert_eq!(card.total.to_string(), "96");
    assert_eq!(card.grade, "优");
}
