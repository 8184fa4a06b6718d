//! A template learned from a clerk's own file: its title, its header labels in their
//! order and rows (those no built-in layout has kept as fields of their own), its money
//! rows in its unit, its text sections, each indicator table's columns as printed (the
//! value column, and extra columns kept as columns) and its 一级/二级, its signature
//! lines. The result is an ordinary template file, checked like any other.

use std::collections::BTreeSet;

use super::grid_rows::Col;
use super::interpret::{Reading, Seen};
use super::source::Source;
use crate::core::template::{
    Block, ColumnKind, ColumnSpec, FieldKind, FieldSpec, GridSpec, Level1Spec, MoneyBlock,
    SectionSpec, Template,
};

/// Printable width of an A4 portrait page in points (the grid's widths are scaled to it).
const PAGE_WIDTH: f32 = 481.88;

/// A template named `name` with the layout of the file read as `reading` (by the
/// built-in `base`, whose fields, amounts and sections give the ids and kinds).
pub fn learn(source: &Source, reading: &Reading, base: &Template, name: &str) -> Template {
    let mut fields: Vec<FieldSpec> = Vec::new();
    let mut field_rows: Vec<(usize, String)> = Vec::new();
    let mut money_rows = Vec::new();
    let mut sections: Vec<SectionSpec> = Vec::new();
    let mut grids: Vec<GridSpec> = Vec::new();
    let mut signature: Vec<String> = Vec::new();
    let mut first_row: [Option<usize>; 4] = [None; 4];
    let mut mark = |block: usize, row: usize| {
        let at = &mut first_row[block];
        *at = Some(at.map_or(row, |r: usize| r.min(row)));
    };
    let mut extra = 0;
    for seen in &reading.seen {
        match seen {
            Seen::Field { id, label, row } => {
                if fields.iter().any(|f| f.label == *label) {
                    continue;
                }
                let Some(spec) = base.fields.iter().find(|f| f.id == *id) else {
                    continue;
                };
                let mut spec = spec.clone();
                spec.label = label.clone();
                // a second label of the same meaning ("预算单位" and "实施单位") is a field
                // of its own, as the file has it
                if fields.iter().any(|f| f.id == *id) {
                    extra += 1;
                    spec.id = format!("extra_{extra}");
                    spec.required = false;
                }
                field_rows.push((*row, spec.id.clone()));
                fields.push(spec);
                mark(0, *row);
            }
            Seen::Period { label, row } => {
                let id = "project_period".to_string();
                if fields.iter().any(|f| f.id == id) {
                    continue;
                }
                fields.push(FieldSpec {
                    id: id.clone(),
                    label: label.clone(),
                    kind: FieldKind::Period,
                    required: false,
                    hint: String::new(),
                    default: String::new(),
                });
                field_rows.push((*row, id));
                mark(0, *row);
            }
            Seen::Unplaced { label, row, .. } => {
                if fields.iter().any(|f| f.label == *label) || fields.len() >= 60 {
                    continue;
                }
                extra += 1;
                let id = format!("extra_{extra}");
                fields.push(FieldSpec {
                    id: id.clone(),
                    label: label.clone(),
                    kind: FieldKind::Text,
                    required: false,
                    hint: String::new(),
                    default: String::new(),
                });
                field_rows.push((*row, id));
                mark(0, *row);
            }
            Seen::Money { id, label, row } => {
                let Some(rows) = base.money.as_ref() else {
                    continue;
                };
                let Some(spec) = rows.rows.iter().find(|r| r.id == *id) else {
                    continue;
                };
                if money_rows
                    .iter()
                    .any(|r: &crate::core::template::MoneyRow| r.id == *id)
                {
                    continue;
                }
                let mut spec = spec.clone();
                spec.label = label.clone();
                money_rows.push(spec);
                mark(1, *row);
            }
            Seen::Section { id, label, row } => {
                if sections.iter().any(|s| s.id == *id) {
                    continue;
                }
                if let Some(spec) = base.sections.iter().find(|s| s.id == *id) {
                    let mut spec = spec.clone();
                    spec.label = label.clone();
                    sections.push(spec);
                    mark(2, *row);
                }
            }
            Seen::Signature { text, .. } => {
                // a lone stamp mark belongs to the line before it
                if text.trim_matches(['(', ')', '（', '）', ' ']) == "盖章" {
                    if let Some(last) = signature.last_mut() {
                        if !last.contains("盖章") {
                            last.push_str("（盖章）");
                        }
                    }
                    continue;
                }
                for item in signature_items(text) {
                    if !signature.contains(&item) && signature.len() < 12 {
                        signature.push(item);
                    }
                }
            }
            Seen::Grid {
                grid,
                labels,
                cols,
                row,
            } => {
                if grids
                    .iter()
                    .any(|g| Some(&g.id) == base.grids.get(*grid).map(|b| &b.id))
                {
                    continue;
                }
                if let Some(spec) = learned_grid(base, reading, *grid, labels, cols) {
                    grids.push(spec);
                    mark(3, *row);
                }
            }
        }
    }
    // amounts whose total is not above them in the file are totals of their own (a
    // template names a part's total on a row above it)
    let mut above: BTreeSet<String> = BTreeSet::new();
    for r in &mut money_rows {
        if r.part_of.as_ref().is_some_and(|p| !above.contains(p)) {
            r.part_of = None;
        }
        above.insert(r.id.clone());
    }
    let money = (!money_rows.is_empty()).then(|| MoneyBlock {
        heading: base
            .money
            .as_ref()
            .map(|m| m.heading.clone())
            .unwrap_or_default(),
        unit: reading.money_unit.unwrap_or_else(|| base.money_unit()),
        per_row: if money_rows.len() == 1 {
            1
        } else {
            base.money.as_ref().map_or(2, |m| m.per_row)
        },
        rows: money_rows,
    });
    if grids.is_empty() {
        grids = base.grids.clone();
    }
    let (title, subtitle) = title_of(source, base);
    let mut order: Vec<(usize, Block)> =
        [Block::Header, Block::Money, Block::Sections, Block::Grids]
            .into_iter()
            .enumerate()
            .map(|(i, b)| (first_row[i].unwrap_or(usize::MAX - 4 + i), b))
            .collect();
    order.sort_by_key(|(row, _)| *row);
    if signature.is_empty() {
        signature = base.signature.clone();
    }
    Template {
        id: id_for(name),
        name: name.to_string(),
        description: format!("从导入的文件学得：{title}"),
        title,
        subtitle,
        header_rows: header_rows(&field_rows),
        fields,
        lines_above_table: Vec::new(),
        signature,
        money,
        sections,
        grids: grids.clone(),
        order: order.into_iter().map(|(_, b)| b).collect(),
        max_indicator_name: base.max_indicator_name,
        scoring: base.scoring.clone(),
        // a grid of many columns (指标性质, 指标值, 单位, 权重, 方向, 依据…) prints sideways
        landscape: base.landscape || grids.iter().any(|g| g.columns.len() >= 7),
    }
}

/// The labels of a signature line, without what was written after them: "填表人：某某
/// 联系电话：… 填报日期：" → 填表人, 联系电话, 填报日期; "填报单位：（盖章）" → 填报单位（盖章）.
fn signature_items(text: &str) -> Vec<String> {
    let mut items: Vec<String> = Vec::new();
    for piece in text.split_whitespace() {
        let (label, rest) = match piece.find([':', '：']) {
            Some(at) => {
                let colon = piece[at..].chars().next().map_or(1, char::len_utf8);
                (&piece[..at], &piece[at + colon..])
            }
            None => (piece, ""),
        };
        if label.trim_matches(['(', ')', '（', '）']) == "盖章" {
            if let Some(last) = items.last_mut() {
                if !last.contains("盖章") {
                    last.push_str("（盖章）");
                }
            }
            continue;
        }
        if label.is_empty() || label.starts_with(['(', '（']) || label.chars().count() > 20 {
            continue;
        }
        let mut item = label.to_string();
        if rest.contains("盖章") && !item.contains("盖章") {
            item.push_str("（盖章）");
        }
        items.push(item);
    }
    items
}

/// Fields printed in the rows the file has them in, two at most to a row.
fn header_rows(field_rows: &[(usize, String)]) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = Vec::new();
    let mut last_row = None;
    for (row, id) in field_rows {
        match out.last_mut() {
            Some(current) if last_row == Some(*row) && current.len() < 2 => {
                current.push(id.clone())
            }
            _ => out.push(vec![id.clone()]),
        }
        last_row = Some(*row);
    }
    out
}

/// An indicator table as the file prints it.
fn learned_grid(
    base: &Template,
    reading: &Reading,
    grid: usize,
    labels: &[String],
    cols: &[Col],
) -> Option<GridSpec> {
    let spec = base.grids.get(grid)?;
    let label_at = |c: usize, fallback: &str| {
        let text: String = labels
            .get(c)
            .map(|l| l.split_whitespace().collect::<String>())
            .unwrap_or_default();
        if text.is_empty() {
            fallback.to_string()
        } else {
            text
        }
    };
    let used: BTreeSet<ColumnKind> = cols
        .iter()
        .filter_map(|c| match c {
            Col::Kind(k) => Some(*k),
            _ => None,
        })
        .collect();
    // extra columns of the file kept as columns of the kinds it does not use
    let mut free = [
        ColumnKind::Note,
        ColumnKind::Explanation,
        ColumnKind::Basis,
        ColumnKind::Scoring,
        ColumnKind::Weight,
        ColumnKind::PriorValue,
    ]
    .into_iter()
    .filter(|k| !used.contains(k));
    let first_level = cols
        .iter()
        .position(|c| matches!(c, Col::Level1 | Col::Level2));
    let mut level_labels = spec.level_labels.clone();
    let mut name = None;
    let mut columns = Vec::new();
    for (c, col) in cols.iter().enumerate() {
        match col {
            Col::Level1 => level_labels.0 = label_at(c, "一级指标"),
            Col::Level2 => level_labels.1 = label_at(c, "二级指标"),
            Col::Kind(ColumnKind::Name) => {
                name = Some(ColumnSpec {
                    kind: ColumnKind::Name,
                    label: label_at(c, "三级指标"),
                    width: 0.0,
                })
            }
            Col::Kind(k) => columns.push(ColumnSpec {
                kind: *k,
                label: label_at(c, k.standard_label()),
                width: 0.0,
            }),
            // a block's label left of the levels ("绩效指标") is no column
            Col::Other(_) if first_level.is_some_and(|l| c > l) => {
                if let Some(kind) = free.next() {
                    columns.push(ColumnSpec {
                        kind,
                        label: label_at(c, kind.standard_label()),
                        width: 0.0,
                    });
                }
            }
            _ => {}
        }
    }
    let mut all = vec![name?];
    all.extend(columns);
    // widths: the levels and the name wider, the rest shared
    let levels = (56.0, 64.0);
    let shares: Vec<f32> = all
        .iter()
        .map(|c| match c.kind {
            ColumnKind::Name => 2.2,
            ColumnKind::Sign | ColumnKind::Unit | ColumnKind::Weight => 0.7,
            _ => 1.0,
        })
        .collect();
    let total: f32 = shares.iter().sum();
    let room = PAGE_WIDTH - levels.0 - levels.1;
    for (c, share) in all.iter_mut().zip(shares) {
        c.width = (room * share / total * 100.0).round() / 100.0;
    }
    // each 一级 once with its 二级 once, in the order the file first has them (a file
    // may list rows out of order)
    let mut skeleton: Vec<Level1Spec> = Vec::new();
    for goal in reading
        .form
        .grids
        .get(grid)
        .map_or(&[][..], |g| &g.goals[..])
    {
        if goal.name.is_empty() {
            continue;
        }
        let at = match skeleton.iter().position(|l| l.name == goal.name) {
            Some(at) => at,
            None if skeleton.len() < 30 => {
                skeleton.push(Level1Spec {
                    name: goal.name.clone(),
                    groups: Vec::new(),
                    required: Default::default(),
                });
                skeleton.len() - 1
            }
            None => continue,
        };
        for group in &goal.groups {
            let groups = &mut skeleton[at].groups;
            if !group.name.is_empty() && !groups.contains(&group.name) && groups.len() < 30 {
                groups.push(group.name.clone());
            }
        }
    }
    Some(GridSpec {
        id: spec.id.clone(),
        label: spec.label.clone(),
        heading: spec.heading.clone(),
        level_labels,
        level_widths: levels,
        columns: all,
        skeleton,
    })
}

/// The file's title without its year, and a subtitle giving the year where the file has
/// one beside its title.
fn title_of(source: &Source, base: &Template) -> (String, String) {
    let mut lines = source
        .rows
        .iter()
        .filter(|r| !r.is_blank())
        .take(4)
        .map(|r| {
            let texts: Vec<String> = r
                .texts()
                .into_iter()
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty())
                .collect();
            texts
        });
    let Some(first) = lines.next() else {
        return (base.title.clone(), base.subtitle.clone());
    };
    let title = match first.as_slice() {
        [one] if one.contains('表') && one.chars().count() <= 40 => one.clone(),
        _ => return (base.title.clone(), base.subtitle.clone()),
    };
    let has_year = |t: &str| super::values::year_in(t).is_some();
    let year_beside = has_year(&title)
        || lines
            .next()
            .is_some_and(|l| l.len() == 1 && has_year(&l[0]) && l[0].chars().count() <= 12);
    // "2023年项目支出绩效目标申报表" → "项目支出绩效目标申报表"
    let mut bare: String = title.chars().filter(|c| !c.is_whitespace()).collect();
    for pattern in ["年度", "年"] {
        if let Some(at) = bare.find(pattern) {
            let head = &bare[..at];
            let digits = head.trim_start_matches(['(', '（']);
            if digits.len() == 4 && digits.chars().all(|c| c.is_ascii_digit()) {
                bare = bare[at + pattern.len()..]
                    .trim_start_matches([')', '）'])
                    .to_string();
                break;
            }
        }
    }
    let subtitle = if year_beside {
        "（{year}年度）".to_string()
    } else {
        String::new()
    };
    (bare, subtitle)
}

/// A template id from its name: "mine-" and a short hash (ASCII, as ids must be).
fn id_for(name: &str) -> String {
    let hash = name.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ b as u64).wrapping_mul(0x0100_0000_01b3)
    });
    format!("mine-{:08x}", hash as u32)
}
