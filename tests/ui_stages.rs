//! The 绩效自评 and 绩效监控 views in the real window (egui_kittest): a clerk opens last
//! year's form, fills each indicator's actual value, judges a qualitative one, types the
//! money executed, reads the total and grade; every entry is one edit the saved file
//! keeps, and undo takes it back.

mod common;

use common::window::harness;

use egui_kittest::kittest::Queryable;
use jixiao::core::store;
use jixiao::ui::{App, AppConfig, Node};

fn open(dir: &std::path::Path) -> (egui_kittest::Harness<'static, App>, std::path::PathBuf) {
    let path = dir.join("营养.ron");
    let sample = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/samples/2026-某县农村义务教育学生营养改善计划.ron");
    std::fs::copy(sample, &path).unwrap();
    let mut h = harness(App::start(AppConfig::in_dir(dir), Some(path.clone())));
    h.run();
    (h, path)
}

fn type_in(h: &mut egui_kittest::Harness<'static, App>, label: &str, text: &str) {
    let field = h.get_by_label(label);
    field.focus();
    field.type_text(text);
    h.run();
}

#[test]
fn a_clerk_fills_the_self_evaluation_and_reads_total_and_grade() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, path) = open(dir.path());
    h.get_by_label("绩效自评").click();
    h.run();
    assert_eq!(h.state().state.selection, Node::SelfEval);
    h.get_by_label_contains("总分 0　等级 差");
    let form = h.state().doc.form().clone();
    let t = jixiao::core::template::for_form(&form);
    let card = jixiao::core::scorecard::score(&form, &t);
    for r in &card.rows {
        let actual = if r.target.starts_with(['≥', '=']) {
            r.target.trim_start_matches(['≥', '=']).to_string()
        } else {
            r.target.clone()
        };
        type_in(&mut h, &format!("{} 实际完成值", r.name), &actual);
    }
    // the qualitative row is judged by the clerk
    let qualitative = card
        .rows
        .iter()
        .find(|r| !r.target.chars().any(|c| c.is_ascii_digit()))
        .expect("a qualitative row");
    h.get_by_label(&format!("{} 定性评判", qualitative.name))
        .click();
    h.run();
    h.get_by_label("达成").click();
    h.run();
    type_in(&mut h, "全年执行数（元）", "7202500");
    h.run();
    h.get_by_label_contains("总分 100　等级 优");
    // each cell typed is stored as typed
    let form = h.state().doc.form().clone();
    let stored = form.indicator(card.rows[0].path).unwrap();
    assert_eq!(
        stored.result.actual,
        card.rows[0].target.trim_start_matches(['≥', '='])
    );
    let q = form.indicator(qualitative.path).unwrap();
    assert_eq!(q.result.outcome, "达成");
    assert!(h.state().doc.is_dirty());
    // one row short: the score falls by the rule and the check asks for a reason
    let first = &card.rows[0];
    let label = format!("{} 实际完成值", first.name);
    let field = h.get_by_label(&label);
    field.focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    h.get_by_label(&label).type_text("5");
    h.run();
    h.get_by_label_contains("请填写偏差原因分析及改进措施");
    assert!(h.query_by_label_contains("总分 100").is_none());
    // the clerk's own score is kept and marked
    type_in(&mut h, &format!("{} 得分", first.name), "6");
    h.get_by_label_contains("≠ 建议");
    // saved and opened again: the same document
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    let saved = store::load(&path).unwrap();
    assert_eq!(&saved, h.state().doc.form());
    assert!(std::fs::read_to_string(&path)
        .unwrap()
        .contains("format_version: 3"));
    // undo takes back the last entry, one step
    let before = h
        .state()
        .doc
        .form()
        .indicator(first.path)
        .unwrap()
        .result
        .score
        .clone();
    assert_eq!(before, "6");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(
        h.state()
            .doc
            .form()
            .indicator(first.path)
            .unwrap()
            .result
            .score,
        ""
    );
}

#[test]
fn the_monitoring_view_takes_progress_and_month() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = open(dir.path());
    h.get_by_label("绩效监控（1-7月）").click();
    h.run();
    assert_eq!(h.state().state.selection, Node::Monitor);
    let form = h.state().doc.form().clone();
    let t = jixiao::core::template::for_form(&form);
    let card = jixiao::core::monitor_card::monitor(&form, &t);
    let first = &card.rows[0];
    type_in(&mut h, &format!("{} 1-7月实际完成值", first.name), "6个");
    h.get_by_label(&format!("{} 完成目标可能性", first.name))
        .click();
    h.run();
    h.get_by_label("完全不可能").click();
    h.run();
    h.get_by_label_contains("请填写纠偏措施");
    type_in(&mut h, &format!("{} 纠偏措施", first.name), "追加配送车辆");
    assert!(h.query_by_label_contains("请填写纠偏措施").is_none());
    h.get_by_label("监控截至月份").click();
    h.run();
    // the list of months scrolls; 6月 is below its fold, so it is picked as a screen
    // reader would
    h.get_by_label("6月").click_accesskit();
    h.run();
    assert_eq!(h.state().doc.form().monitor.month, 6);
    h.get_by_label_contains("绩效监控（2026年1-6月）");
    let p = &h.state().doc.form().indicator(first.path).unwrap().progress;
    assert_eq!(p.done, "6个");
    assert_eq!(p.likelihood, "完全不可能");
    assert_eq!(p.measures, "追加配送车辆");
    assert_eq!(h.state().doc.form().monitor.month, 6);
}

#[test]
fn the_file_menu_exports_both_tables() {
    use egui::accesskit::Role;
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = open(dir.path());
    for (entry, file, title) in [
        ("导出自评表 PDF…", "自评.pdf", "项目支出绩效自评表"),
        ("导出监控表 PDF…", "监控.pdf", "项目绩效运行监控表"),
    ] {
        h.get_by_label("文件").click();
        h.run();
        h.get_by_label(entry).click();
        h.run();
        let out = dir.path().join(file);
        let field = h.get_by_label("文件路径");
        field.focus();
        h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
        h.get_by_label("文件路径").type_text(out.to_str().unwrap());
        h.run();
        h.get_by_role_and_label(Role::Button, "确定").click();
        h.run();
        let bytes = std::fs::read(&out).expect("the PDF is written");
        let text: String = pdf_extract::extract_text_from_mem(&bytes)
            .unwrap()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        assert!(text.contains(title), "{text}");
        assert!(text.contains("某县农村义务教育学生营养改善计划"));
    }
}
