//! The import dialog in the real editor UI (egui_kittest): a file read, read again as
//! another template or another project of the file, cancelled, or its own layout saved.

mod common;

use common::window::{open_sample, type_into, wait_for_import};

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;

/// 文件 → 导入上年表单… → 选择文件… with `file`'s path typed, 确定, and the import waited for.
fn import_through_the_dialog(
    h: &mut egui_kittest::Harness<'static, jixiao::ui::App>,
    file: &std::path::Path,
) {
    h.get_by_label("文件").click();
    h.run();
    h.get_by_label("导入上年表单（PDF/Word/Excel/文本）…")
        .click();
    h.run();
    h.get_by_role_and_label(Role::Button, "选择文件…").click();
    h.run();
    let field = h.get_by_label("文件路径");
    field.focus();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    field.type_text(file.to_str().unwrap());
    h.run();
    h.get_by_role_and_label(Role::Button, "确定").click();
    h.run();
    wait_for_import(h);
}

#[test]
fn import_form_text_through_the_paste_box() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = open_sample(dir.path());
    h.get_by_label("文件").click();
    h.run();
    h.get_by_label("导入上年表单（PDF/Word/Excel/文本）…")
        .click();
    h.run();
    let seed = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/2020-shanghai-youth-services.txt"),
    )
    .unwrap();
    let paste = h.get_by_label("表单文本");
    paste.focus();
    h.event(egui::Event::Paste(seed));
    h.run();
    h.get_by_role_and_label(Role::Button, "导入").click();
    h.run();
    wait_for_import(&mut h);
    // which template it was read as, and the choice of another
    h.get_by_label_contains("上海市 2020 版　100 分（当前）");
    h.get_by_role_and_label(Role::Button, "确定").click();
    h.run();
    let app = h.state();
    let mut form = app.doc.form().clone();
    assert_eq!(
        form.review.items.len(),
        3,
        "the review list is part of the document"
    );
    form.review = Default::default();
    assert_eq!(form, common::sample());
    assert!(app.doc.is_dirty() && app.doc.path.is_none());
    h.get_by_label_contains("复核清单（3 项待处理）");
}

/// 导入上年表单 from a PDF: the file's template is found, the clerk picks another and the
/// import runs again from the same file; the PDF is not touched.
#[test]
fn import_a_pdf_then_read_it_as_another_template() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = open_sample(dir.path());
    let other = jixiao::core::store::load(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("assets/samples/2026-某县农村义务教育学生营养改善计划.ron"),
    )
    .unwrap();
    let pdf = dir.path().join("上年 表单.pdf");
    let bytes = jixiao::pdf::export(&other).unwrap().bytes;
    std::fs::write(&pdf, &bytes).unwrap();
    import_through_the_dialog(&mut h, &pdf);
    assert_eq!(h.state().doc.form().template, "national-88");
    assert_eq!(
        h.state().doc.form().indicator_count(),
        other.indicator_count()
    );
    h.get_by_label_contains("全国 88号　100 分（当前）");
    h.get_by_label_contains("全国 101号").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "按所选表样（项目）重新导入")
        .click();
    h.run();
    wait_for_import(&mut h);
    let app = h.state();
    assert_eq!(app.doc.form().template, "national-101");
    assert!(app.doc.form().indicator_count() > 0);
    assert!(app.doc.is_dirty() && app.doc.path.is_none());
    h.get_by_label_contains("全国 101号　");
    h.get_by_role_and_label(Role::Button, "确定").click();
    h.run();
    assert_eq!(
        std::fs::read(&pdf).unwrap(),
        bytes,
        "the PDF is not changed"
    );
}

/// A file of several projects' forms (here three real forms of three layouts back to
/// back): the dialog lists them; choosing another project reads it again with the
/// layout found for it, unless the clerk picked one.
#[test]
fn another_project_of_a_file_is_read_with_the_layout_found_for_it() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = open_sample(dir.path());
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/real/multi/2023-三个项目一个文件.txt");
    import_through_the_dialog(&mut h, &file);
    let first = h.state().doc.form().clone();
    assert_eq!(
        first.field("project_name"),
        "博物馆纪念馆市级免费开放补助资金"
    );
    h.get_by_label_contains("文件中有 3 个项目，每次导入一个");
    h.get_by_label("2. 雾炮车降尘抑尘服务").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "按所选表样（项目）重新导入")
        .click();
    h.run();
    wait_for_import(&mut h);
    let second = h.state().doc.form().clone();
    assert_eq!(second.field("project_name"), "雾炮车降尘抑尘服务");
    assert_eq!(second.indicator_count(), 7);
    // the layout found for this project, not the one the first was read with
    let alone = jixiao::core::import::import_bytes_of_project(
        &std::fs::read(&file).unwrap(),
        &jixiao::core::template::Templates::built_in().list,
        None,
        1,
    )
    .unwrap();
    assert_eq!(second.template, alone.template.id);
    assert_ne!(second.template, first.template);
}

/// A slow import runs off the window's thread: the window draws on, 取消 leaves the
/// form as it was (its answer, when it comes, is dropped), and the edits typed before
/// it are in the recovery copy written when it started.
#[test]
fn a_slow_import_can_be_cancelled_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = open_sample(dir.path());
    type_into(&h, "项目名称", "（导入前输入）");
    h.run();
    let before = h.state().doc.form().clone();
    assert!(h.state().doc.is_dirty());
    let lines: String = (0..150_000)
        .map(|i| format!("指标{i}\t说明{i}\n"))
        .collect();
    let slow = dir.path().join("很多行.txt");
    std::fs::write(&slow, lines).unwrap();
    h.state_mut().import_file(&slow);
    h.run();
    assert!(h.state().is_importing(), "still reading");
    h.get_by_label_contains("正在读取");
    // what was typed before is in the recovery copy already
    let copy = h.state().recovery_copy_path().expect("autosave is on");
    let saved = jixiao::core::recovery::parse(&std::fs::read_to_string(&copy).unwrap())
        .expect("a recovery copy");
    assert!(saved.form.field("project_name").ends_with("（导入前输入）"));
    h.get_by_role_and_label(Role::Button, "取消").click();
    h.run();
    assert!(!h.state().is_importing());
    assert_eq!(h.state().doc.form(), &before);
    // long enough for the reader to have finished: its answer is not taken
    std::thread::sleep(std::time::Duration::from_millis(500));
    h.run();
    assert_eq!(h.state().doc.form(), &before);
}

/// A real form whose layout no built-in template has: imported, its own layout saved as
/// a template under a name from the import dialog, the form read again by it, and the
/// template offered by 新建 (and kept in the template folder as an ordinary file).
#[test]
fn a_real_forms_own_layout_is_saved_as_a_template_and_offered_by_new() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = open_sample(dir.path());
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/real/2023-湖南湘潭-雾炮车降尘抑尘服务.docx");
    let file = dir.path().join("湘潭 申报表.docx");
    std::fs::copy(&src, &file).unwrap();
    import_through_the_dialog(&mut h, &file);
    let built_in = h.state().doc.form().template.clone();
    let name = h.get_by_label("表样名称");
    name.focus();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    name.type_text("湖南省 绩效目标申报表");
    h.run();
    h.get_by_role_and_label(Role::Button, "保存为表样并按它导入")
        .click();
    h.run();
    wait_for_import(&mut h);
    let app = h.state();
    let form = app.doc.form();
    assert_ne!(form.template, built_in);
    let learned = app
        .templates
        .get(&form.template)
        .expect("installed")
        .clone();
    assert_eq!(learned.name, "湖南省 绩效目标申报表");
    assert!(learned.fields.iter().any(|f| f.label == "项目支出名称"));
    assert_eq!(form.indicator_count(), 7);
    let saved = dir
        .path()
        .join("templates")
        .join(format!("{}.ron", learned.id));
    let text = std::fs::read_to_string(&saved).expect("an ordinary template file");
    assert_eq!(
        jixiao::core::template::Template::parse(&text, "t.ron").unwrap(),
        learned
    );
    h.get_by_role_and_label(Role::Button, "确定").click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::N);
    h.run();
    if h.state().is_asking_to_save() {
        h.get_by_role_and_label(Role::Button, "不保存").click();
        h.run();
    }
    h.get_by_label("新建表单");
    h.get_by_label("湖南省 绩效目标申报表（自定义）");
}

/// A table of a unit's projects: the import dialog lists them, and the clerk reads the
/// second one from the same file.
#[test]
fn the_import_dialog_reads_another_project_of_the_table() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = open_sample(dir.path());
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/real/2023-四川井研马踏镇-部门预算项目绩效目标.xlsx");
    import_through_the_dialog(&mut h, &src);
    assert_eq!(h.state().doc.form().field("project_name"), "村组干部报酬");
    h.get_by_label_contains("2. 基层组织活动经费").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "按所选表样（项目）重新导入")
        .click();
    h.run();
    wait_for_import(&mut h);
    let form = h.state().doc.form();
    assert_eq!(form.field("project_name"), "基层组织活动经费");
    assert_eq!(form.indicator_count(), 4);
}

/// A file of dozens of projects' forms (a county's disclosure) in a window of 1024×700 at
/// 特大:
/// the list of projects scrolls and the dialog's buttons stay on the screen.
#[test]
fn a_file_of_many_projects_keeps_the_dialogs_buttons_on_screen() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("2020.ron");
    std::fs::copy(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("assets/samples/2020-上海市青少年服务和权益保护工作经费.ron"),
        &path,
    )
    .unwrap();
    // at the largest text size, as a clerk with tired eyes has it
    std::fs::write(dir.path().join("settings.ron"), "(text_size: ExtraLarge)").unwrap();
    let app = jixiao::ui::App::start(jixiao::ui::AppConfig::in_dir(dir.path()), Some(path));
    let mut h = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1024.0, 700.0))
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut jixiao::ui::App| app.show(ui), app);
    h.run();
    let text: String = (0..60)
        .map(|i| {
            format!("项目名称\t第{i}个项目\n一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t次数{i}\t≥{i}次\n")
        })
        .collect();
    let file = dir.path().join("全部项目.txt");
    std::fs::write(&file, text).unwrap();
    h.state_mut().import_file(&file);
    wait_for_import(&mut h);
    h.get_by_label("文件中有 60 个项目，每次导入一个：");
    for button in ["确定", "保存为表样并按它导入"] {
        let r = h.get_by_role_and_label(Role::Button, button).rect();
        assert!(r.bottom() <= 700.0 && r.top() >= 0.0, "{button}: {r:?}");
    }
    // the list scrolls: its last project is not laid out on the screen
    let last = h.query_by_label("60. 第59个项目").map(|n| n.rect());
    assert!(
        last.is_none_or(|r| r.top() >= 700.0 || r.bottom() <= 0.0 || r.height() == 0.0),
        "{last:?}"
    );
}
