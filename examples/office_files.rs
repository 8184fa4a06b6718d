//! Writes every sample in every built-in template as Word and Excel, with a list of the
//! texts each must show, for scripts/check-office.sh to convert with LibreOffice and read
//! back: `cargo run --example office_files -- OUT_DIR`.

use std::io::Write;

fn main() {
    let Some(out) = std::env::args().nth(1) else {
        eprintln!("用法：cargo run --example office_files -- 输出文件夹");
        std::process::exit(2);
    };
    let out = std::path::Path::new(&out);
    std::fs::create_dir_all(out).expect("the folder");
    let samples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples");
    let mut paths: Vec<_> = std::fs::read_dir(samples)
        .expect("samples")
        .map(|e| e.expect("entry").path())
        .collect();
    paths.sort();
    let templates = jixiao::core::template::Templates::built_in().list;
    for (i, path) in paths.iter().enumerate() {
        let form = jixiao::core::store::load(path).expect("a sample");
        let from = jixiao::core::template::for_form(&form);
        for t in &templates {
            let form = if t.id == form.template {
                form.clone()
            } else {
                jixiao::core::editing::convert::change_template(&form, &from, t).form
            };
            let stem = format!("{}-{}", i + 1, t.id);
            let docx = jixiao::core::exchange::form_docx::export(&form, t).expect("docx");
            let xlsx = jixiao::core::exchange::form_xlsx::export(&form, t).expect("xlsx");
            std::fs::write(out.join(format!("{stem}.docx")), docx).expect("write");
            std::fs::write(out.join(format!("{stem}.xlsx")), xlsx).expect("write");
            // what the printed pages must hold: every field and section the template
            // prints, and every indicator's name and value
            let mut expect =
                std::fs::File::create(out.join(format!("{stem}.expect"))).expect("write");
            let mut line = |s: &str| {
                let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
                if !s.is_empty() {
                    let _ = writeln!(expect, "{s}");
                }
            };
            for f in &t.fields {
                line(form.field(&f.id));
            }
            for s in &t.sections {
                line(form.section(&s.id));
            }
            for g in 0..t.grids.len() {
                for goal in form.goals(g) {
                    for group in &goal.groups {
                        for ind in &group.indicators {
                            line(&ind.name);
                            line(&ind.value_text());
                        }
                    }
                }
            }
        }
    }
}
