//! Templates as a clerk meets them: the README's example is a working template, each
//! built-in template makes a form that saves, opens again, checks and prints every
//! value, and a user's template folder adds its templates.

mod common;

use jixiao::core::store;
use jixiao::core::template::{built_in_templates, Template, Templates};

/// The ```ron block under "## Templates" in the README.
fn readme_template() -> String {
    let readme = include_str!("../README.md");
    let section = &readme[readme.find("## Templates").expect("the section")..];
    let start = section.find("```ron\n").expect("an example") + 7;
    let end = start + section[start..].find("```").unwrap();
    section[start..end].to_string()
}

#[test]
fn the_readme_example_is_a_working_template() {
    let t = Template::parse(&readme_template(), "README.md").unwrap();
    assert_eq!(t.id, "county-2026");
    let form = t.new_form(2026);
    assert_eq!(form.grids[0].goals[0].name, "产出指标");
}

#[test]
fn every_built_in_template_makes_a_form_that_round_trips_and_prints() {
    let font = jixiao::pdf::font::get().unwrap();
    for t in &built_in_templates().list {
        let mut form = t.new_form(2026);
        for (i, spec) in t.fields.iter().enumerate() {
            form.set_field(&spec.id, format!("字段值{i}"));
        }
        for (i, spec) in t.sections.iter().enumerate() {
            form.sections
                .insert(spec.id.clone(), format!("段落内容{i}"));
        }
        let text = store::to_ron_string(&form);
        assert_eq!(store::parse_str(&text).unwrap(), form, "{}", t.id);
        let pages = jixiao::pdf::layout::layout(&form, t, &|c| font.measure(c));
        let printed: String = pages.iter().flat_map(|p| p.texts()).collect();
        assert!(printed.contains(&t.title), "{}", t.id);
        for (i, _) in t.fields.iter().enumerate() {
            assert!(
                printed.contains(&format!("字段值{i}")),
                "{}: field {i}",
                t.id
            );
        }
        for (i, _) in t.sections.iter().enumerate() {
            assert!(
                printed.contains(&format!("段落内容{i}")),
                "{}: section {i}",
                t.id
            );
        }
        for spec in &t.grids {
            assert!(printed.contains(&spec.heading_for(2026)), "{}", t.id);
        }
    }
}

#[test]
fn a_template_folder_adds_templates_and_names_broken_ones() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("county.ron"), readme_template()).unwrap();
    std::fs::write(
        dir.path().join("坏的.ron"),
        "Template(\n  id: \"x\",\n  name: 3,\n)",
    )
    .unwrap();
    let t = Templates::load(Some(dir.path()));
    assert!(t.get("county-2026").is_some());
    assert_eq!(t.broken.len(), 1);
    assert!(
        t.broken[0].message.contains("坏的.ron") && t.broken[0].message.contains("第 3 行"),
        "{}",
        t.broken[0].message
    );
}

#[test]
fn the_window_moves_a_form_to_another_template_as_one_undo_step() {
    use egui_kittest::kittest::Queryable;
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = common::window::open_sample(dir.path());
    let before = h.state().doc.form().clone();
    h.get_by_label("文件").click();
    h.run();
    h.get_by_label("更换表样…").click();
    h.run();
    h.get_by_label("上海市 2025 起").click();
    h.run();
    let form = h.state().doc.form().clone();
    assert_eq!(form.template, "shanghai-2025");
    assert_eq!(form.indicator_count(), before.indicator_count());
    assert!(!form.review.is_empty(), "what has no place is listed");
    // the window now shows the 2025 layout's fields
    h.get_by_label_contains("项目性质");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(
        h.state().doc.form(),
        &before,
        "one undo step brings it back"
    );
}

/// Every sample (one per built-in template) opens clean and prints every value: its
/// fields, amounts in the template's unit, sections and every indicator row with each
/// of its columns.
#[test]
fn every_sample_prints_every_value_as_its_layout_does() {
    let font = jixiao::pdf::font::get().unwrap();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples");
    let mut seen = std::collections::HashSet::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let form = store::load(&entry.unwrap().path()).unwrap();
        let t = jixiao::core::template::built_in(&form.template).expect("a built-in template");
        seen.insert(t.id.clone());
        // clean: nothing but a reviewer's questions (审核要点, e.g. the 2020 seed's rates
        // written in words)
        let problems = jixiao::core::validate::validate(&form, t);
        assert!(
            problems.iter().all(|p| p.review.is_some()),
            "{}: {problems:?}",
            t.id
        );
        let pages = jixiao::pdf::layout::layout(&form, t, &|c| font.measure(c));
        // A long cell continues on the next page after the page number and its
        // （续） label: those are left out so that it reads on.
        let printed: String = pages
            .iter()
            .flat_map(|p| p.texts())
            .filter(|t| {
                let page_number = t.starts_with("第 ") && t.contains(" 页 共 ");
                !(page_number || t.ends_with("（续）"))
            })
            .collect::<String>()
            .split_whitespace()
            .collect();
        let has = |text: &str| {
            let text: String = text.split_whitespace().collect();
            printed.contains(&text)
        };
        for (id, value) in &form.fields {
            assert!(has(value), "{}: field {id} “{value}”", t.id);
        }
        for (id, value) in &form.sections {
            assert!(has(value), "{}: section {id}", t.id);
        }
        for (id, amount) in &form.money {
            let shown = jixiao::core::money_unit::grouped_in(*amount, t.money_unit());
            assert!(has(&shown), "{}: money {id} {shown}", t.id);
        }
        for (g, spec) in t.grids.iter().enumerate() {
            for goal in form.goals(g) {
                for group in &goal.groups {
                    for ind in &group.indicators {
                        for column in &spec.columns {
                            let text = ind.cell(column.kind);
                            assert!(
                                has(text),
                                "{}: {} {:?} “{text}”",
                                t.id,
                                ind.name,
                                column.kind
                            );
                        }
                    }
                }
            }
        }
        // and the PDF itself is written
        let export = jixiao::pdf::export_with(&form, t).unwrap();
        assert_eq!(export.pages, pages.len());
        assert!(export.missing.is_empty(), "{:?}", export.missing);
    }
    assert_eq!(
        seen.len(),
        4,
        "a sample for each built-in template: {seen:?}"
    );
}

/// A clerk's own template, put into the template folder, is offered by 新建; a form
/// made from it is edited, saved, opened again, checked and exported.
#[test]
fn a_users_template_makes_a_form_from_new_to_pdf() {
    use egui_kittest::kittest::Queryable;
    use jixiao::ui::{App, AppConfig};
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("templates")).unwrap();
    std::fs::write(dir.path().join("templates/county.ron"), readme_template()).unwrap();
    std::fs::write(dir.path().join("templates/坏的.ron"), "Template(").unwrap();
    let app = App::start(AppConfig::in_dir(dir.path()), None);
    let mut h = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1280.0, 820.0))
        .build_ui_state(|ui, app: &mut App| app.show(ui), app);
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::N);
    h.run();
    h.get_by_label_contains("坏的.ron"); // the broken one is named, the rest works
    h.get_by_label("某县 2026 版（自定义）").click();
    h.run();
    assert_eq!(h.state().doc.form().template, "county-2026");
    // edit: the template's own field, by its label
    let name = h.get_by_label("项目名称");
    name.focus();
    name.type_text("某县儿童托育服务项目");
    h.run();
    // save as a new file through the path field (no native dialog in tests)
    let path = dir.path().join("托育 2026.ron");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    let field = h.get_by_label("文件路径");
    field.focus();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    field.type_text(path.to_str().unwrap());
    h.run();
    h.get_by_role_and_label(egui::accesskit::Role::Button, "确定")
        .click();
    h.run();
    let saved = store::load(&path).expect("saved");
    assert_eq!(saved.template, "county-2026");
    assert_eq!(saved.field("project_name"), "某县儿童托育服务项目");
    assert_eq!(
        &saved,
        h.state().doc.form(),
        "what is saved is what is shown"
    );
    // checked by its own rules: the required 产出指标 has no indicator yet
    let template = jixiao::core::template::for_form(&saved);
    assert_eq!(template.name, "某县 2026 版");
    let problems = jixiao::core::validate::validate(&saved, &template);
    assert!(
        problems.iter().any(|p| p.message.contains("产出指标")),
        "{problems:?}"
    );
    // and printed with its title and labels
    let export = jixiao::pdf::export(&saved).unwrap();
    assert!(export.pages >= 1);
    let font = jixiao::pdf::font::get().unwrap();
    let pages = jixiao::pdf::layout::layout(&saved, &template, &|c| font.measure(c));
    let text: Vec<&str> = pages.iter().flat_map(|p| p.texts()).collect();
    assert!(text.contains(&"项目支出绩效目标表"));
    assert!(text.contains(&"某县儿童托育服务项目"));
    assert!(text.contains(&"年度资金总额"));
}
