//! Importing forms in layouts real tables use that the corpus of published forms lacks
//! (`tests/fixtures/variants/`, each made into text, Word, Excel and two PDFs by
//! `scripts/real-forms.sh`): every format read the same.

use std::sync::Arc;

use jixiao::core::import;
use jixiao::core::template::Template;

fn templates() -> Vec<Arc<Template>> {
    jixiao::core::template::Templates::built_in().list
}

/// A 88号-style form whose money is a small table (实施期 | 年度 across the top, 资金总额,
/// 其中：财政拨款, 其他资金 down the side) and whose grid holds 实施期指标值 and 年度指标值
/// side by side: every amount lands where its row and column meet.
#[test]
fn money_as_a_table_of_periods_and_parts() {
    // the text copied out of Word, and what LibreOffice and Chromium made of it
    // (scripts/real-forms.sh run on the transcription)
    for ext in ["txt", "docx", "xlsx", "pdf", "chromium.pdf"] {
        let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/variants/long-and-annual-columns")
            .with_extension(ext);
        let bytes = std::fs::read(&file).unwrap();
        let imported = import::import_bytes(&bytes, &templates(), None).unwrap();
        check_long_and_annual(&imported, ext);
    }
}

/// A table copied out of Word with header words other layouts use (项目支出名称, 预算部门,
/// 项目支出实施期, 年度本级预算金额) and a 填报日期 of the year before: the header comes in
/// and the year is the title's, whichever layout fits best.
#[test]
fn header_words_of_other_layouts_and_the_titles_year() {
    for ext in ["txt", "docx", "xlsx", "pdf", "chromium.pdf"] {
        let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/variants/other-header-words")
            .with_extension(ext);
        let bytes = std::fs::read(&file).unwrap();
        let imported = import::import_bytes(&bytes, &templates(), None).unwrap();
        let form = &imported.form;
        assert_eq!(form.year, 2023, "{ext}");
        assert_eq!(form.indicator_count(), 4, "{ext}");
        assert_eq!(form.field("project_name"), "乡村道路养护", "{ext}");
        assert!(
            form.money.values().any(|m| m.fen() == Some(85_600_000)),
            "{ext}: 85.6 万元: {:?}",
            form.money
        );
    }
}

/// A title with its year in Chinese numerals (二〇二三年度) and 一级/二级 written in one
/// cell under a heading of their own (指标类别: "产出指标-数量指标"): the year, and each
/// row under its own goal and group, in every format.
#[test]
fn a_year_in_chinese_numerals_and_levels_in_one_column() {
    for ext in ["txt", "docx", "xlsx", "pdf", "chromium.pdf"] {
        let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/variants/levels-in-one-column")
            .with_extension(ext);
        let bytes = std::fs::read(&file).unwrap();
        let imported = import::import_bytes(&bytes, &templates(), None).unwrap();
        let form = &imported.form;
        assert_eq!(form.year, 2023, "{ext}");
        let rows: Vec<(String, String, String)> = form
            .indicators()
            .map(|(p, i)| {
                let goal = &form.goals(p.grid)[p.goal];
                (
                    goal.name.clone(),
                    goal.groups[p.group].name.clone(),
                    i.name.clone(),
                )
            })
            .collect();
        assert_eq!(rows.len(), 5, "{ext}: {rows:?}");
        assert_eq!(
            rows[0],
            ("产出指标".into(), "数量指标".into(), "垃圾清运量".into()),
            "{ext}"
        );
        assert_eq!(rows[3].1, "社会效益指标", "{ext}");
        assert!(
            imported
                .review
                .iter()
                .all(|r| !r.message.contains("指标类别")),
            "{ext}: {:#?}",
            imported.review
        );
    }
}

/// A table whose heading calls its columns 一级指标 and 二级指标 where they hold the 二级
/// (数量指标 …) and the indicators' names, with no 一级 at all, an explanation column
/// headed 绩效标准 beside 当年预期实现值, a block label 绩效指标 left of it, its year after
/// the city's name in the title, and 绩效目标 as the label of the year's goal (a layout
/// seen in a city's published tables): every indicator under its own 二级 with its name
/// and target, each 二级 under the template's 一级 for it, in every format.
#[test]
fn levels_named_one_down_are_read_by_what_the_rows_hold() {
    for ext in ["txt", "docx", "xlsx", "pdf", "chromium.pdf"] {
        let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/variants/levels-named-one-down")
            .with_extension(ext);
        let bytes = std::fs::read(&file).unwrap();
        let imported = import::import_bytes(&bytes, &templates(), None).unwrap();
        let form = &imported.form;
        assert_eq!(form.year, 2022, "{ext}");
        let rows: Vec<(String, String, String)> = form
            .indicators()
            .map(|(p, i)| {
                let goal = &form.goals(p.grid)[p.goal];
                (
                    goal.groups[p.group].name.clone(),
                    i.name.clone(),
                    if i.target.is_empty() {
                        i.value_text()
                    } else {
                        i.target.clone()
                    },
                )
            })
            .collect();
        assert_eq!(rows.len(), 7, "{ext}: {rows:?}");
        assert_eq!(
            rows[0],
            (
                "数量指标".into(),
                "办公楼日常维修次数".into(),
                "≥250次".into()
            ),
            "{ext}"
        );
        assert_eq!(
            rows[4],
            ("成本指标".into(), "成本控制率".into(), "不超预算".into()),
            "{ext}"
        );
        assert_eq!(rows[5].1, "机关运转保障率", "{ext}");
        // each 二级 under a named 一级 (the template's), never an unnamed one
        assert!(
            form.goals(0).iter().all(|g| !g.name.is_empty()),
            "{ext}: {:?}",
            form.goals(0).iter().map(|g| &g.name).collect::<Vec<_>>()
        );
        assert!(
            form.sections
                .values()
                .any(|t| t.contains("以办公楼服务对象满意为目标")),
            "{ext}: the goal's text"
        );
    }
}

fn check_long_and_annual(imported: &import::Imported, ext: &str) {
    assert_eq!(imported.template.id, "national-88", "{ext}");
    let money = |id: &str| imported.form.money.get(id).and_then(|m| m.fen());
    for (id, wan) in [
        ("midterm_total", 1200),
        ("midterm_fiscal", 1000),
        ("midterm_other", 200),
        ("annual_total", 400),
        ("annual_fiscal", 350),
        ("annual_other", 50),
    ] {
        assert_eq!(money(id), Some(wan * 1_000_000), "{ext}: {id}");
    }
    assert_eq!(imported.form.section("annual_goal"), "完成10处供水工程改造");
    let annual: Vec<(String, String)> = imported
        .form
        .indicators()
        .filter(|(p, _)| imported.template.grids[p.grid].id == "annual")
        .map(|(_, i)| (i.name.clone(), i.target.clone()))
        .collect();
    assert_eq!(annual.len(), 7, "{ext}: {annual:?}");
    assert_eq!(
        annual[0],
        ("供水工程改造数量".to_string(), "≥10处".to_string())
    );
    // the 实施期 column fills the layout's 中期 grid, row for row
    let midterm: Vec<(String, String)> = imported
        .form
        .indicators()
        .filter(|(p, _)| imported.template.grids[p.grid].id == "midterm")
        .map(|(_, i)| (i.name.clone(), i.target.clone()))
        .collect();
    assert_eq!(midterm.len(), 7, "{ext}: {midterm:?}");
    assert_eq!(midterm[0].1, "≥30处", "正向: at least");
    assert_eq!(midterm[4], ("受益人口".to_string(), "≥3万人".to_string()));
    assert!(imported
        .review
        .iter()
        .all(|r| !r.message.contains("实施期指标值“")));
}
