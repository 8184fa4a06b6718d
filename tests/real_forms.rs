//! Real published forms (tests/fixtures/real/, each transcribed with the address it was
//! published at), imported as the clerk has them — the text copied out, and the Word,
//! Excel and PDF files made from the same transcription by scripts/real-forms.sh — and
//! checked against what the published form holds (expected.tsv): the year, every header
//! fact, the amounts, every indicator with its 一级, 二级 and value. The figures per
//! format are printed (and kept in the README); a form that stops coming in whole fails.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use jixiao::core::model::Form;
use jixiao::core::template::Templates;

#[derive(Default)]
struct Expected {
    year: Option<i32>,
    facts: Vec<String>,
    money: Vec<String>,
    /// (一级 or "*", 二级 or "*", 三级, value); "*" where the published form has no such cell
    indicators: Vec<[String; 4]>,
}

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real")
}

fn expected() -> BTreeMap<String, Expected> {
    let text = std::fs::read_to_string(dir().join("expected.tsv")).unwrap();
    let mut all: BTreeMap<String, Expected> = BTreeMap::new();
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let cells: Vec<&str> = line.split('\t').collect();
        let e = all.entry(cells[0].to_string()).or_default();
        match cells[1] {
            "year" => e.year = cells[2].parse().ok(),
            "fact" => e.facts.push(cells[2].to_string()),
            "money" => e.money.push(cells[2].to_string()),
            "indicator" => e.indicators.push([
                cells[2].to_string(),
                cells[3].to_string(),
                cells[4].to_string(),
                cells[5].to_string(),
            ]),
            other => panic!("expected.tsv: unknown kind {other}"),
        }
    }
    all
}

/// The file as the clerk has it: the transcription's own notes (lines starting "# ")
/// are not part of the form.
fn bytes_of(path: &Path) -> Vec<u8> {
    let bytes = std::fs::read(path).unwrap();
    if path.extension().is_some_and(|e| e == "txt") {
        let text = String::from_utf8(bytes).unwrap();
        let kept: Vec<&str> = text.lines().filter(|l| !l.starts_with("# ")).collect();
        return kept.join("\n").into_bytes();
    }
    bytes
}

/// An indicator's value as one text: its target, or 符号 + 值 + 单位.
fn value_of(ind: &jixiao::core::model::Indicator) -> String {
    if !ind.target.is_empty() {
        return ind.target.clone();
    }
    ind.value_text()
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// What of `e` the form lacks, in words (empty: the whole form came in).
fn missing(form: &Form, e: &Expected) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(y) = e.year {
        if form.year != y {
            out.push(format!("年度 {} ≠ {y}", form.year));
        }
    }
    let texts: Vec<String> = form
        .fields
        .values()
        .chain(form.sections.values())
        .map(|t| squeeze(t))
        .collect();
    for fact in &e.facts {
        if !texts.iter().any(|t| t.contains(&squeeze(fact))) {
            out.push(format!("缺少“{fact}”"));
        }
    }
    for m in &e.money {
        if !form.money.values().any(|v| v.to_plain() == *m) {
            out.push(format!("缺少金额 {m}"));
        }
    }
    for [l1, l2, name, value] in &e.indicators {
        let found = form.grids.iter().flat_map(|g| &g.goals).any(|goal| {
            (l1 == "*" || squeeze(&goal.name) == squeeze(l1))
                && goal.groups.iter().any(|group| {
                    (l2 == "*" || squeeze(&group.name) == squeeze(l2))
                        && group.indicators.iter().any(|ind| {
                            squeeze(&ind.name) == squeeze(name)
                                && squeeze(&value_of(ind)) == squeeze(value)
                        })
                })
        });
        if !found {
            out.push(format!("缺少指标 {l1}/{l2}/{name} = {value}"));
        }
    }
    out
}

/// The formats a form is kept in, by the file's ending.
const FORMATS: [(&str, &str); 5] = [
    ("文本", ".txt"),
    ("Word", ".docx"),
    ("Excel", ".xlsx"),
    ("PDF（LibreOffice）", ".pdf"),
    ("PDF（浏览器打印）", ".chromium.pdf"),
];

#[test]
fn every_real_form_comes_in_whole_in_every_format() {
    let templates = Templates::built_in().list;
    let all = expected();
    assert!(!all.is_empty());
    let mut report = Vec::new();
    let mut failures = Vec::new();
    for (label, ending) in FORMATS {
        let (mut whole, mut tried) = (0, 0);
        for (name, e) in &all {
            let path = dir().join(format!("{name}{ending}"));
            if !path.exists() {
                continue;
            }
            tried += 1;
            match jixiao::core::import::import_bytes(&bytes_of(&path), &templates, None) {
                Ok(imported) => {
                    let lacks = missing(&imported.form, e);
                    if lacks.is_empty() {
                        whole += 1;
                    } else {
                        failures.push(format!("{name}{ending}: {}", lacks.join("；")));
                    }
                }
                Err(err) => failures.push(format!("{name}{ending}: {err}")),
            }
        }
        report.push(format!("{label}: {whole} / {tried}"));
    }
    println!("real forms, complete per format: {}", report.join("，"));
    assert!(
        failures.is_empty(),
        "{}\n{}",
        report.join("\n"),
        failures.join("\n")
    );
}

fn import_real(file: &str) -> jixiao::core::import::Imported {
    let templates = Templates::built_in().list;
    jixiao::core::import::import_bytes(&bytes_of(&dir().join(file)), &templates, None).unwrap()
}

fn names(form: &Form) -> Vec<String> {
    form.grids
        .iter()
        .flat_map(|g| &g.goals)
        .flat_map(|goal| &goal.groups)
        .flat_map(|group| &group.indicators)
        .map(|ind| ind.name.clone())
        .collect()
}

/// A browser prints a glyph 户 shares with 戶 under the font's one mapping (戶) and says
/// in /ActualText that it is 户: the clerk's 户 comes back.
#[test]
fn a_browser_pdf_gives_back_the_characters_typed() {
    let imported = import_real("2022-湖南岳阳县-高标准农田建设项目.chromium.pdf");
    let names = names(&imported.form);
    assert!(names.iter().any(|n| n == "脱贫户供水设施数量"), "{names:?}");
    assert!(!names.iter().any(|n| n.contains('戶')), "{names:?}");
}

/// One table holding a unit's projects (项目名称, 预算数, 年度目标 beside the indicator
/// columns): the first project comes in, the clerk is told of the others, and the unit's
/// own total row is listed, not taken for the project's amount.
#[test]
fn a_table_of_several_projects_gives_the_first_and_names_the_rest() {
    let imported = import_real("2023-四川井研马踏镇-部门预算项目绩效目标.txt");
    let form = &imported.form;
    assert_eq!(
        form.fields
            .get("project_name")
            .map(String::as_str)
            .unwrap_or(""),
        "村组干部报酬"
    );
    assert_eq!(form.indicator_count(), 8);
    assert!(!names(form).contains(&"辖区内群众满意度".to_string()));
    let messages: Vec<&str> = imported.review.iter().map(|r| r.message.as_str()).collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("2 个项目") && m.contains("基层组织活动经费")),
        "{messages:?}"
    );
    assert!(
        messages.iter().any(|m| m.contains("8,827,620.53")),
        "{messages:?}"
    );
}

/// A file of several forms one after another (a unit's disclosure of all its projects):
/// each is imported on its own and whole — three published forms of three layouts back
/// to back (`multi/`, made in every format like the others; in the PDFs rows break
/// across pages) — and never all mixed into one.
#[test]
fn forms_one_after_another_in_one_file_come_in_one_by_one_and_whole() {
    let names = [
        "2023-甘肃嘉峪关-博物馆纪念馆免费开放补助资金",
        "2023-湖南湘潭-雾炮车降尘抑尘服务",
        "2018-湖南衡阳南岳-人大代表扶贫基地",
    ];
    let all = expected();
    let templates = Templates::built_in().list;
    let mut failures = Vec::new();
    for (_, ending) in FORMATS {
        let file = dir().join(format!("multi/2023-三个项目一个文件{ending}"));
        let bytes = bytes_of(&file);
        for (i, name) in names.iter().enumerate() {
            let imported =
                jixiao::core::import::import_bytes_of_project(&bytes, &templates, None, i).unwrap();
            let mut lacks = missing(&imported.form, &all[*name]);
            if imported.projects.len() != 3 {
                lacks.push(format!("项目 {:?}", imported.projects));
            }
            let alone = jixiao::core::import::import_bytes(
                &bytes_of(&dir().join(format!("{name}{ending}"))),
                &templates,
                None,
            )
            .unwrap();
            if imported.form.indicator_count() != alone.form.indicator_count() {
                lacks.push(format!(
                    "{} 个指标，单独导入为 {}",
                    imported.form.indicator_count(),
                    alone.form.indicator_count()
                ));
            }
            let named = imported.review.iter().any(|r| {
                r.message.contains("3 个项目") && r.message.contains(&format!("第 {} 个", i + 1))
            });
            if !named {
                lacks.push("没有说明文件中有 3 个项目".into());
            }
            if !lacks.is_empty() {
                failures.push(format!("{name}{ending}: {}", lacks.join("；")));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A workbook with one sheet per project (as units keep their projects' forms): the same
/// three real forms, each on its own sheet, come in one by one and whole.
#[test]
fn a_workbook_with_a_sheet_per_project_comes_in_one_by_one() {
    let names = [
        "2023-甘肃嘉峪关-博物馆纪念馆免费开放补助资金",
        "2023-湖南湘潭-雾炮车降尘抑尘服务",
        "2018-湖南衡阳南岳-人大代表扶贫基地",
    ];
    let mut book = rust_xlsxwriter::Workbook::new();
    for (k, name) in names.iter().enumerate() {
        let sheet = book.add_worksheet();
        sheet.set_name(format!("项目{}", k + 1)).unwrap();
        let text = String::from_utf8(bytes_of(&dir().join(format!("{name}.txt")))).unwrap();
        for (r, line) in text.lines().enumerate() {
            for (c, cell) in line.split('\t').enumerate() {
                if !cell.is_empty() {
                    sheet.write_string(r as u32, c as u16, cell).unwrap();
                }
            }
        }
    }
    let bytes = book.save_to_buffer().unwrap();
    let all = expected();
    let templates = Templates::built_in().list;
    for (i, name) in names.iter().enumerate() {
        let imported =
            jixiao::core::import::import_bytes_of_project(&bytes, &templates, None, i).unwrap();
        assert_eq!(imported.projects.len(), 3, "{:?}", imported.projects);
        let lacks = missing(&imported.form, &all[*name]);
        assert!(lacks.is_empty(), "{name}: {}", lacks.join("；"));
    }
}

/// A form with one indicator table no heading calls 中期 or 年度 holds the year's targets:
/// in a template with both grids they are its 年度 grid, and the clerk is told.
#[test]
fn one_table_without_a_heading_is_the_years_targets() {
    let imported = import_real("2018-湖南衡阳南岳-人大代表扶贫基地.docx");
    let form = &imported.form;
    let annual = form.grids.iter().position(|g| g.id == "annual");
    if let Some(annual) = annual.filter(|_| form.grids.len() > 1) {
        for (g, grid) in form.grids.iter().enumerate() {
            let n: usize = grid
                .goals
                .iter()
                .flat_map(|goal| &goal.groups)
                .map(|group| group.indicators.len())
                .sum();
            assert_eq!(n > 0, g == annual, "grid {}", grid.id);
        }
    }
    assert_eq!(form.indicator_count(), 16);
}

/// A template learned from each real form (its labels, amounts, sections and columns as
/// printed): the form imports into it whole, every label the built-in layouts had no
/// place for is a field with its value, and its PDF prints the file's own labels and
/// column headings.
#[test]
fn a_template_learned_from_each_real_form_keeps_its_own_layout() {
    let templates = Templates::built_in().list;
    for (name, e) in expected() {
        let path = dir().join(format!("{name}.docx"));
        let bytes = bytes_of(&path);
        let learned =
            jixiao::core::import::learn_template(&bytes, &templates, &format!("学自 {name}"))
                .unwrap_or_else(|err| panic!("{name}: {err}"));
        // an ordinary template file: read back as written
        let text = learned.to_text();
        assert_eq!(
            jixiao::core::template::Template::parse(&text, "learned.ron").unwrap(),
            learned,
            "{name}"
        );
        let arc = std::sync::Arc::new(learned.clone());
        let imported = jixiao::core::import::import_bytes(&bytes, &[arc], None).unwrap();
        let lacks = missing(&imported.form, &e);
        assert!(lacks.is_empty(), "{name}: {}", lacks.join("；"));
        for f in learned.fields.iter().filter(|f| f.id.starts_with("extra_")) {
            assert!(
                !imported.form.fields[&f.id].trim().is_empty(),
                "{name}: {} has no value",
                f.label
            );
        }
        let pdf = jixiao::pdf::export_with(&imported.form, &learned).unwrap();
        let printed = squeeze(&pdf_extract::extract_text_from_mem(&pdf.bytes).unwrap());
        let mut labels: Vec<&str> = learned.fields.iter().map(|f| f.label.as_str()).collect();
        for g in &learned.grids {
            labels.extend(g.columns.iter().map(|c| c.label.as_str()));
            labels.push(&g.level_labels.0);
            labels.push(&g.level_labels.1);
        }
        for label in labels {
            assert!(
                printed.contains(&squeeze(label)),
                "{name}: “{label}” not in its PDF"
            );
        }
    }
}

/// The indicator table found by what it holds: each real form with its heading row(s)
/// taken out (as a copy that lost them) still gives every indicator with its value.
#[test]
fn each_real_form_without_its_table_heading_still_gives_its_indicators() {
    let templates = Templates::built_in().list;
    let mut failures = Vec::new();
    let mut whole = 0;
    let all = expected();
    for (name, e) in &all {
        let text = String::from_utf8(bytes_of(&dir().join(format!("{name}.txt")))).unwrap();
        let heading = |l: &str| {
            ["三级指标", "指标内容", "一级指标"]
                .iter()
                .any(|w| l.contains(w))
                || l.contains("实际实现值")
        };
        let kept: Vec<&str> = text.lines().filter(|l| !heading(l)).collect();
        let bytes = kept.join("\n").into_bytes();
        let imported = jixiao::core::import::import_bytes(&bytes, &templates, None).unwrap();
        let names: Vec<(String, String)> = imported
            .form
            .grids
            .iter()
            .flat_map(|g| &g.goals)
            .flat_map(|g| &g.groups)
            .flat_map(|g| &g.indicators)
            .map(|i| (squeeze(&i.name), squeeze(&value_of(i))))
            .collect();
        let lacks: Vec<String> = e
            .indicators
            .iter()
            .filter(|[_, _, n, v]| !names.contains(&(squeeze(n), squeeze(v))))
            .map(|[_, _, n, v]| format!("{n} = {v}"))
            .collect();
        if lacks.is_empty() {
            whole += 1;
        } else {
            failures.push(format!("{name}: {}", lacks.join("；")));
        }
    }
    println!("without their table heading: {whole} / {}", all.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
