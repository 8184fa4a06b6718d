//! Importing a form from its text: the real seed form, variants of it, and text that is
//! random or cut off.

mod common;

use jixiao::core::import_text::import;
use jixiao::core::validate::{has_errors, validate};

fn seed() -> String {
    std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/2020-shanghai-youth-services.txt"),
    )
    .unwrap()
}

#[test]
fn seed_text_gives_the_hand_made_sample() {
    let imported = import(&seed()).unwrap();
    // Everything matches the hand-made sample: every field, every paragraph, every
    // indicator in the group a reader would put it in.
    assert_eq!(imported.form, common::sample());
    // The places it guessed: the 总目标 text printed before its label, and the two 二级
    // labels (时效, 其它) printed on indicator rows. Each names its line.
    let places: Vec<&str> = imported.review.iter().map(|r| r.place.as_str()).collect();
    assert_eq!(places.len(), 3, "{:#?}", imported.review);
    for (place, line) in places
        .iter()
        .zip(["第 19 行「", "第 73 行「", "第 126 行「"])
    {
        assert!(place.starts_with(line), "{place}");
    }
    // each names its line with the text read there
    assert!(
        places[2].contains("为政策制定提供切实数据"),
        "{}",
        places[2]
    );
    assert!(imported.review[1].message.contains("时效"));
}

/// The seed rewritten the way other systems print the same form.
#[test]
fn variants_of_the_text() {
    let seed = seed();
    let no_tags = seed.replace("<p>", "").replace("</p>", "");
    let full_width = no_tags.replace(':', "：");
    let half_width = no_tags.replace('：', ":");
    let spaces = no_tags.replace('\t', "    ");
    for (name, text) in [
        ("no <p>", &no_tags),
        ("full-width colons", &full_width),
        ("half-width colons", &half_width),
        ("spaces", &spaces),
    ] {
        let imported = import(text).unwrap();
        let form = &imported.form;
        assert_eq!(
            form.field("project_name"),
            "上海市青少年服务和权益保护工作经费",
            "{name}"
        );
        assert_eq!(
            form.money("prior_year_executed").to_grouped(),
            "6,224,000",
            "{name}"
        );
        assert_eq!(form.indicator_count(), 95, "{name}");
        assert!(
            form.section("necessity")
                .contains("把法制教育纳入国民教育体系"),
            "{name}"
        );
        assert!(
            !has_errors(&validate(form, &jixiao::core::template::for_form(form))),
            "{name}: {:?}",
            validate(form, &jixiao::core::template::for_form(form))
        );
    }
}

#[test]
fn another_year_and_unit_with_label_variants() {
    let text = "\
财政项目支出绩效目标表
（2023年度）
申报单位名称：某区教育局
项目名称：	学生营养餐补助	项目类型：	专项业务费
项目起始时间：	2023/1/1	项目结束时间：	2023年12月31日
是否含有政府购买服务：	否	绩效类型：	民生类
项目概况：	为全区义务教育阶段学生提供营养餐补助。
立项依据：	《关于实施农村义务教育学生营养改善计划的意见》。
项目设立的必要性：	保障学生营养健康，
促进教育公平。
保证项目实施的制度、措施：	建立资金管理办法。
项目实施计划：	按学期拨付。
总目标及阶段性目标：	全年覆盖全部学生。
项目总预算（元）：	1,200,000.50	项目当年预算（元）：	1,200,000.50
同名项目上年预算额（元）：	1,000,000	同名项目上年预算执行数（元）：	980,000
2023年绩效目标
一级目标	二级目标	三级目标	指标目标值
产出目标	数量	受益学生人数	≥12000人
		供餐天数	≥180天
	质量	食品安全事故	=0起
效果目标	满意度	家长满意度	≥90%
";
    let imported = import(text).unwrap();
    let f = &imported.form;
    assert_eq!(f.year, 2023);
    assert_eq!(f.field("unit_name"), "某区教育局");
    assert_eq!(f.field("project_category"), "专项业务费");
    assert_eq!(f.field("plan_start"), "2023-01-01");
    assert_eq!(f.field("plan_end"), "2023-12-31");
    assert!((f.field("buys_government_services") != "是"));
    assert_eq!(f.money("total").to_plain(), "1200000.50");
    assert_eq!(
        f.section("necessity"),
        "保障学生营养健康，促进教育公平。",
        "page-broken paragraph joined"
    );
    assert_eq!(f.indicator_count(), 4);
    assert_eq!(f.grids[0].goals[0].groups[1].indicators[0].target, "=0起");
    assert!(imported.review.is_empty(), "{:#?}", imported.review);
    assert!(!has_errors(&validate(
        f,
        &jixiao::core::template::for_form(f)
    )));
}

#[test]
fn national_template_with_split_value_columns() {
    let text = "\
（2024年度）
项目名称：	乡村道路养护
一级指标	二级指标	三级指标	指标性质	指标值	度量单位
产出指标	数量指标	养护里程	≥	120	公里
		养护次数	大于等于	4	次
	时效指标	完成时间	≤	12	月
效益指标	社会效益指标	通行条件改善	定性	明显改善	
满意度指标	服务对象满意度指标	群众满意度	≥	90	%
";
    let imported = import(text).unwrap();
    let f = &imported.form;
    let goals: Vec<&str> = f.grids[0].goals.iter().map(|g| g.name.as_str()).collect();
    assert_eq!(goals, ["产出指标", "效益指标", "满意度指标"]);
    let targets: Vec<&str> = f.indicators().map(|(_, i)| i.target.as_str()).collect();
    assert_eq!(targets, ["≥120公里", "≥4次", "≤12月", "明显改善", "≥90%"]);
    assert_eq!(f.grids[0].goals[0].groups[0].indicators[1].name, "养护次数");
    // what was not in the text is listed to be filled in
    assert!(imported
        .review
        .iter()
        .any(|r| r.message.contains("未找到“申报单位名称”")));
    assert!(
        imported
            .review
            .iter()
            .all(|r| !r.message.contains("未导入")),
        "{:#?}",
        imported.review
    );
}

#[test]
fn unplaceable_text_is_listed_with_its_line() {
    let text =
        "随便写的一行\n项目名称：\t甲\n一级目标\t二级目标\t三级目标\t指标目标值\n\t\t\t孤立的值\n";
    let imported = import(text).unwrap();
    let msgs: Vec<String> = imported.review.iter().map(|r| r.to_string()).collect();
    assert!(
        msgs.iter()
            .any(|m| m.contains("第 1 行") && m.contains("随便写的一行")),
        "{msgs:#?}"
    );
    assert!(
        msgs.iter()
            .any(|m| m.contains("第 4 行") && m.contains("孤立的值")),
        "{msgs:#?}"
    );
}

#[test]
fn random_and_truncated_text_never_panics() {
    let seed = seed();
    let mut rng = fastrand::Rng::with_seed(42);
    let chars: Vec<char> = seed.chars().collect();
    for _ in 0..200 {
        let cut = rng.usize(0..chars.len());
        let _ = import(&chars[..cut].iter().collect::<String>());
        let start = rng.usize(0..chars.len());
        let _ = import(&chars[start..].iter().collect::<String>());
        let noise: String = (0..rng.usize(0..300))
            .map(|_| {
                [
                    '\t', '\n', '：', '<', '>', 'p', '/', '项', '目', '名', '称', '1', ' ', '　',
                    '（', '元', '）',
                ][rng.usize(0..17)]
            })
            .collect();
        let _ = import(&noise);
        let mut lines: Vec<&str> = seed.lines().collect();
        rng.shuffle(&mut lines);
        let _ = import(&lines.join("\n"));
    }
}

#[test]
fn hostile_lines_import_in_linear_time() {
    // Each of these took minutes when a clean-up step was quadratic; each must finish
    // well inside a second in release (the test allows for a debug build).
    let n = 4_000_000;
    for line in [
        "<".repeat(n),
        "<p".repeat(n / 2),
        format!("{}>", "<".repeat(n - 1)),
        " ".repeat(n),
        "　 ".repeat(n / 2),
        "项目名称：".repeat(n / 5),
        "\t".repeat(n),
    ] {
        let started = std::time::Instant::now();
        let imported = import(&line).unwrap();
        let _ = imported.form;
        assert!(
            started.elapsed() < std::time::Duration::from_secs(20),
            "{:?}… took {:?}",
            &line[..8],
            started.elapsed()
        );
    }
}

#[test]
fn text_over_the_limit_is_an_error_not_an_empty_form() {
    let text = "项".repeat(jixiao::core::import_text::MAX_IMPORT_CHARS + 1);
    let err = import(&text).unwrap_err();
    assert!(err.to_string().contains("文本过长"), "{err}");
}

/// A file without an indicator table says so at once; a file without a year says the
/// year was assumed; a period in one cell fills a template's start and end dates (never
/// "0-01-01").
#[test]
fn what_a_file_lacks_is_said_and_periods_fill_dates() {
    let templates = jixiao::core::template::Templates::built_in().list;
    let text = "项目名称\t某项目\n实施单位\t某单位\n";
    let imported = jixiao::core::import::import_bytes(text.as_bytes(), &templates, None).unwrap();
    assert!(
        imported
            .notes
            .iter()
            .any(|n| n.contains("没有找到绩效指标表")),
        "{:?}",
        imported.notes
    );
    assert!(
        imported.notes.iter().any(|n| n.contains("没有找到年度")),
        "{:?}",
        imported.notes
    );
    let text = "2023年项目支出绩效目标表\n项目名称\t某项目\n项目支出实施期\t2023.07-2024.01\n";
    let imported =
        jixiao::core::import::import_bytes(text.as_bytes(), &templates, Some("shanghai-2020"))
            .unwrap();
    assert_eq!(imported.form.year, 2023);
    assert_eq!(imported.form.field("plan_start"), "2023-07-01");
    assert_eq!(imported.form.field("plan_end"), "2024-01-31");
    // dates the file does not give are the found year's, not year 0's
    let text = "2023年项目支出绩效目标表\n项目名称\t某项目\n";
    let imported =
        jixiao::core::import::import_bytes(text.as_bytes(), &templates, Some("shanghai-2020"))
            .unwrap();
    assert!(!imported.form.field("plan_start").starts_with("0-"));
    assert!(imported.notes.iter().all(|n| !n.contains("没有找到年度")));
}
