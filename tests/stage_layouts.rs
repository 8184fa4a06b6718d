//! The 自评表 in each template's ways: amounts in the layout's unit, and a layout that
//! writes targets as 指标性质 / 指标值 / 度量单位 keeps those columns in the table (as the
//! tables published with such layouts do); every row fills the table's columns.

mod common;

use jixiao::core::exchange::form_table::Line;
use jixiao::core::exchange::stage_table::self_eval_table;
use jixiao::core::template::ColumnKind;

#[test]
fn each_layout_prints_its_self_evaluation_in_its_own_columns_and_unit() {
    for form in common::all_samples() {
        let t = jixiao::core::template::for_form(&form);
        let card = jixiao::core::scorecard::score(&form, &t);
        let table = self_eval_table(&form, &t, &card);
        let n = table.widths.len();
        let headings: Vec<String> = table
            .lines
            .iter()
            .find_map(|l| match l {
                Line::GridHeading(cells) => Some(cells.iter().map(|c| c.text.clone()).collect()),
                _ => None,
            })
            .unwrap();
        assert_eq!(headings.len(), n, "{}", t.id);
        let spec = &t.grids[card.grid];
        let structured = spec.columns.iter().any(|c| c.kind == ColumnKind::Sign);
        if structured {
            for h in ["指标性质", "指标值", "度量单位"] {
                assert!(headings.iter().any(|x| x == h), "{}: {h}", t.id);
            }
        } else {
            assert!(headings.iter().any(|x| x == "年度指标值"), "{}", t.id);
        }
        // every row covers the table's width; the money heading names the layout's unit
        let unit = t.money.as_ref().map(|m| m.unit.label()).unwrap_or("元");
        let mut money_heading = false;
        for line in &table.lines {
            if let Line::Row(cells) = line {
                let end = cells.iter().map(|c| c.col + c.span).max().unwrap_or(0);
                assert!(end <= n, "{}: a cell past the table's edge", t.id);
                money_heading |= cells
                    .iter()
                    .any(|c| c.text == format!("项目资金（{unit}）"));
            }
        }
        assert!(money_heading, "{}: 项目资金（{unit}）", t.id);
        // and the PDF says so
        let pdf = jixiao::pdf::export_table(&table, "自评").unwrap();
        let text: String = pdf_extract::extract_text_from_mem(&pdf.bytes)
            .unwrap()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        if structured {
            let (_, first) = form
                .indicators()
                .find(|(p, _)| p.grid == card.grid)
                .unwrap();
            let unit_cell = first.cell(ColumnKind::Unit);
            assert!(
                text.contains("度量单位") && text.contains(unit_cell),
                "{}",
                t.id
            );
        }
    }
}
