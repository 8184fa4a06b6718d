//! Tests of the heading and row reading of an indicator table.
use super::*;

#[test]
fn a_row_number_column_is_left_out_quietly() {
    let cells = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let h = header(
        &cells(&["序号", "一级指标", "二级指标", "三级指标", "指标值"]),
        None,
    )
    .expect("a heading row");
    assert_eq!(h.cols[0], Col::Blank);
    let r = row(
        &h,
        &cells(&["12", "产出指标", "数量指标", "培训人次", "≥500人次"]),
    );
    assert!(r.other.is_empty(), "{:?}", r.other);
    assert_eq!(r.get(ColumnKind::Name), "培训人次");
    // 一级 and 二级 in one cell
    let h = header(&cells(&["指标类别", "指标名称", "指标值"]), None).unwrap();
    let r = row(&h, &cells(&["产出指标-数量指标", "培训人次", "≥500人次"]));
    assert_eq!(
        (r.level1.as_str(), r.level2.as_str()),
        ("产出指标", "数量指标")
    );
    assert!(r.other.is_empty());
}

#[test]
fn weights_written_into_a_level_are_not_its_name() {
    assert_eq!(without_weight("产出指标(50分)"), "产出指标");
    assert_eq!(without_weight("效益指标（30分）"), "效益指标");
    assert_eq!(without_weight("成本指标(0-20)分"), "成本指标");
    assert_eq!(without_weight("产出指标\n(40-50)分"), "产出指标");
    assert_eq!(without_weight("数量指标"), "数量指标");
    assert_eq!(without_weight("评（扣）分标准"), "评（扣）分标准");
}

#[test]
fn rows_left_from_the_blank_template_are_dropped() {
    let header = header(
        &strings(&["一级指标", "二级指标", "三级指标", "指标值"]),
        None,
    )
    .unwrap();
    for cells in [
        ["产出指标", "数量指标", "……", ""],
        ["", "", "指标1：", ""],
        ["", "", "指标2", "≥**个"],
        ["", "", "具体指标", "XX%"],
        ["", "", "…", "…"],
    ] {
        assert!(row(&header, &strings(&cells)).is_placeholder(), "{cells:?}");
    }
    for cells in [
        ["", "", "培训人次", "≥100人次"],
        ["", "", "指标解释完整率", "100%"],
        ["", "", "指标1", "≥95%"],
    ] {
        assert!(
            !row(&header, &strings(&cells)).is_placeholder(),
            "{cells:?}"
        );
    }
}
use crate::core::template::built_in;

fn strings(cells: &[&str]) -> Vec<String> {
    cells.iter().map(|c| c.to_string()).collect()
}

#[test]
fn headings_in_the_wild_map_to_the_grids_columns() {
    let spec = &built_in("national-101").unwrap().grids[0];
    let h = header(
        &strings(&[
            "一级指标",
            "二级 指标",
            "*三级指标",
            "计算符号",
            "年度指标值",
            "计量单位",
            "指标值确定依据",
            "评分标准",
            "牵头处室",
        ]),
        Some(spec),
    )
    .expect("a heading row");
    use ColumnKind::*;
    assert_eq!(
        h.cols,
        vec![
            Col::Level1,
            Col::Level2,
            Col::Kind(Name),
            Col::Kind(Sign),
            Col::Kind(Value),
            Col::Kind(Unit),
            Col::Kind(Basis),
            Col::Kind(Scoring),
            Col::Other("牵头处室".into()),
        ]
    );
    assert_eq!(h.unplaced(spec), vec![(8, "牵头处室".to_string())]);
    let r = row(
        &h,
        &strings(&[
            "产出指标",
            "数量指标",
            "培训人次",
            "大于等于",
            "1000",
            "人次",
            "往年",
            "",
            "教育处",
        ]),
    );
    let (ind, left) = indicator(&r, spec);
    assert_eq!(ind.cell(Sign), "≥");
    assert_eq!(ind.cell(Value), "1000");
    assert_eq!(ind.cell(Basis), "往年");
    assert_eq!(left, vec![("牵头处室".to_string(), "教育处".to_string())]);
}

#[test]
fn one_cell_and_split_values_fit_either_grid() {
    let one = &crate::core::template::shanghai_2020().grids[0];
    let split = &built_in("national-101").unwrap().grids[0];
    let h1 = header(
        &strings(&["一级目标", "二级目标", "三级目标", "指标目标值"]),
        None,
    )
    .unwrap();
    assert_eq!(h1.cols[3], Col::Kind(ColumnKind::Target));
    let r1 = row(&h1, &strings(&["产出", "数量", "人次", "≥1,000人次"]));
    let (a, _) = indicator(&r1, split);
    assert_eq!(
        (
            a.cell(ColumnKind::Sign),
            a.cell(ColumnKind::Value),
            a.cell(ColumnKind::Unit)
        ),
        ("≥", "1000", "人次")
    );
    let h2 = header(
        &strings(&["三级指标", "指标性质", "指标值", "度量单位", "指标解释"]),
        None,
    )
    .unwrap();
    let r2 = row(&h2, &strings(&["满意度", "≥", "90", "%", "问卷"]));
    let (b, left) = indicator(&r2, one);
    assert_eq!(b.target, "≥90%");
    assert_eq!(left, vec![("指标解释".to_string(), "问卷".to_string())]);
}

#[test]
fn a_block_label_left_of_the_levels_is_not_the_name_column() {
    let h = header(
        &strings(&["绩效指标", "一级指标", "二级指标", "指标内容", "指标值"]),
        None,
    )
    .unwrap();
    assert_eq!(h.cols[3], Col::Kind(ColumnKind::Name));
    assert_ne!(h.cols[0], Col::Kind(ColumnKind::Name));
}

#[test]
fn data_rows_are_not_headings() {
    for cells in [
        &["产出指标", "数量指标", "培训人次", "≥100人次"][..],
        &["项目名称", "青少年服务"][..],
        &["三级指标"][..],
    ] {
        assert!(header(&strings(cells), None).is_none(), "{cells:?}");
    }
}

#[test]
fn a_direction_column_gives_a_missing_sign_and_is_otherwise_read_as_agreeing() {
    let cells = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let t = crate::core::template::built_in("national-101").unwrap();
    let spec = &t.grids[0];
    let h = header(
        &cells(&["三级指标", "指标性质", "指标值", "度量单位", "指标方向"]),
        Some(spec),
    )
    .unwrap();
    let read = |row: &[&str]| indicator(&super::row(&h, &cells(row)), spec);
    let (ind, left) = read(&["培训人次", "", "500", "人次", "正向"]);
    assert_eq!(ind.cell(ColumnKind::Sign), "≥");
    assert!(left.is_empty(), "{left:?}");
    let (ind, left) = read(&["单位成本", "", "20", "万元", "反向"]);
    assert_eq!(ind.cell(ColumnKind::Sign), "≤");
    assert!(left.is_empty());
    // a sign written stays; a direction that contradicts it stays listed
    let (ind, left) = read(&["完成率", "=", "100", "%", "正向"]);
    assert_eq!(ind.cell(ColumnKind::Sign), "=");
    assert!(left.is_empty());
    let (ind, left) = read(&["覆盖率", "≥", "90", "%", "反向"]);
    assert_eq!(ind.cell(ColumnKind::Sign), "≥");
    assert_eq!(left.len(), 1, "{left:?}");
}
