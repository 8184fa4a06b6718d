//! The whole form as the printed form lays it out, in rows of cells on one column grid:
//! title, header pairs, money in the template's unit, text sections, each indicator
//! table with its 一级/二级 cells spanning their rows, the signature block. The Word and
//! Excel writers both draw this one model.

use crate::core::model::Form;
use crate::core::money_unit::{format_in, MoneyUnit};
use crate::core::template::{Block, ColumnKind, Template};

/// One cell, placed on the column grid.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub text: String,
    /// First column, and how many columns and rows it covers.
    pub col: usize,
    pub span: usize,
    pub rows: usize,
    /// A heading (bold, centred).
    pub heading: bool,
    /// An amount, in `unit`, kept as a number.
    pub amount: Option<(f64, MoneyUnit)>,
}

impl Cell {
    pub(crate) fn text(col: usize, span: usize, text: &str) -> Cell {
        Cell {
            text: text.to_string(),
            col,
            span: span.max(1),
            rows: 1,
            heading: false,
            amount: None,
        }
    }

    pub(crate) fn heading(col: usize, span: usize, text: &str) -> Cell {
        Cell {
            heading: true,
            ..Cell::text(col, span, text)
        }
    }
}

/// A line of the form.
#[derive(Debug, Clone, PartialEq)]
pub enum Line {
    /// The title, and the line under it.
    Title(String),
    Subtitle(String),
    /// A row of the table (cells covered by a cell above are not listed).
    Row(Vec<Cell>),
    /// Where one table ends and the next begins (an indicator table is a table of its
    /// own, its heading rows repeated on every page).
    Break,
    /// The heading rows of the indicator table that follows (to repeat on each page).
    GridHeading(Vec<Cell>),
    /// A line under the tables: the signature block.
    Note(String),
}

/// The form laid out.
#[derive(Debug, Clone, PartialEq)]
pub struct FormTable {
    /// Column widths in points (an A4 portrait page's 481.88-pt content width).
    pub widths: Vec<f32>,
    pub lines: Vec<Line>,
}

/// Printable width of an A4 portrait page in points.
const PAGE_WIDTH: f32 = 481.88;

/// `form` laid out as `template` prints it.
pub fn lay_out(form: &Form, template: &Template) -> FormTable {
    // the column grid: the widest indicator table's columns (at least four)
    let widest = template
        .grids
        .iter()
        .max_by_key(|g| g.columns.len())
        .cloned();
    let mut widths: Vec<f32> = match &widest {
        Some(g) => [g.level_widths.0, g.level_widths.1]
            .into_iter()
            .chain(g.columns.iter().map(|c| c.width))
            .collect(),
        None => vec![100.0, 100.0, 140.0, 140.0],
    };
    while widths.len() < 4 {
        widths.push(80.0);
    }
    let total: f32 = widths.iter().sum();
    for w in &mut widths {
        *w *= PAGE_WIDTH / total.max(1.0);
    }
    let n = widths.len();
    let mut lines = vec![Line::Title(template.title.clone())];
    if !template.subtitle.is_empty() {
        lines.push(Line::Subtitle(
            template.subtitle.replace("{year}", &form.year.to_string()),
        ));
    }
    for block in &template.order {
        match block {
            Block::Header => header(form, template, n, &mut lines),
            Block::Money => money(form, template, n, &mut lines),
            Block::Sections => {
                for spec in &template.sections {
                    lines.push(Line::Row(vec![
                        Cell::text(0, 1, &spec.label),
                        Cell::text(1, n - 1, form.section(&spec.id)),
                    ]));
                }
            }
            Block::Grids => grids(form, template, n, &mut lines),
        }
    }
    if !template.signature.is_empty() {
        lines.push(Line::Break);
        let labels: Vec<String> = template
            .signature
            .iter()
            .map(|l| format!("{l}：__________"))
            .collect();
        lines.push(Line::Note(labels.join("    ")));
    }
    FormTable { widths, lines }
}

/// A row of one or two label/value pairs across `n` columns.
fn pairs(items: &[(String, Cell)], n: usize) -> Vec<Cell> {
    match items {
        [(label, value)] => vec![
            Cell::text(0, 1, label),
            Cell {
                col: 1,
                span: n - 1,
                ..value.clone()
            },
        ],
        [(l1, v1), (l2, v2)] => {
            let half = (n / 2).max(2);
            vec![
                Cell::text(0, 1, l1),
                Cell {
                    col: 1,
                    span: half - 1,
                    ..v1.clone()
                },
                Cell::text(half, 1, l2),
                Cell {
                    col: half + 1,
                    span: n - half - 1,
                    ..v2.clone()
                },
            ]
        }
        _ => Vec::new(),
    }
}

fn header(form: &Form, template: &Template, n: usize, lines: &mut Vec<Line>) {
    let mut placed: Vec<&str> = Vec::new();
    let mut rows: Vec<Vec<&str>> = template
        .header_rows
        .iter()
        .map(|r| r.iter().map(String::as_str).collect())
        .collect();
    for r in &rows {
        placed.extend(r.iter().copied());
    }
    // fields no printed row names get rows of their own
    rows.extend(
        template
            .fields
            .iter()
            .filter(|f| !placed.contains(&f.id.as_str()))
            .map(|f| vec![f.id.as_str()]),
    );
    for ids in rows {
        let items: Vec<(String, Cell)> = ids
            .iter()
            .take(2)
            .map(|id| {
                let label = template.field(id).map_or(*id, |f| f.label.as_str());
                (label.to_string(), Cell::text(0, 1, form.field(id)))
            })
            .collect();
        let row = pairs(&items, n);
        if !row.is_empty() {
            lines.push(Line::Row(row));
        }
    }
}

fn money(form: &Form, template: &Template, n: usize, lines: &mut Vec<Line>) {
    let Some(block) = &template.money else {
        return;
    };
    if !block.heading.is_empty() {
        lines.push(Line::Row(vec![Cell::heading(0, n, &block.heading)]));
    }
    let items: Vec<(String, Cell)> = block
        .rows
        .iter()
        .map(|r| {
            let amount = form.money(&r.id);
            let text = format_in(amount, block.unit);
            let mut cell = Cell::text(0, 1, &text);
            cell.amount = text.parse::<f64>().ok().map(|v| (v, block.unit));
            (r.label.clone(), cell)
        })
        .collect();
    for chunk in items.chunks(block.per_row.clamp(1, 2)) {
        lines.push(Line::Row(pairs(chunk, n)));
    }
}

fn grids(form: &Form, template: &Template, n: usize, lines: &mut Vec<Line>) {
    for (g, spec) in template.grids.iter().enumerate() {
        lines.push(Line::Break);
        let last = spec.columns.len() + 1;
        // a grid narrower than the widest: its last column takes the rest
        let span_of = |col: usize| if col == last { n - last } else { 1 };
        let mut heading = vec![Cell::heading(0, 1, &spec.level_labels.0)];
        heading.push(Cell::heading(1, 1, &spec.level_labels.1));
        for (i, c) in spec.columns.iter().enumerate() {
            heading.push(Cell::heading(i + 2, span_of(i + 2), &c.label));
        }
        lines.push(Line::Row(vec![Cell::heading(
            0,
            n,
            &spec.heading_for(form.year),
        )]));
        lines.push(Line::GridHeading(heading));
        for goal in form.goals(g) {
            let goal_rows: usize = goal
                .groups
                .iter()
                .map(|x| x.indicators.len().max(1))
                .sum::<usize>()
                .max(1);
            let mut first_of_goal = true;
            if goal.groups.is_empty() {
                let mut row = vec![Cell {
                    rows: 1,
                    ..Cell::text(0, 1, &goal.name)
                }];
                row.extend((1..=last).map(|c| Cell::text(c, span_of(c), "")));
                lines.push(Line::Row(row));
                continue;
            }
            for group in &goal.groups {
                let group_rows = group.indicators.len().max(1);
                let empty = crate::core::model::Indicator::new("", "");
                let indicators: Vec<&crate::core::model::Indicator> = if group.indicators.is_empty()
                {
                    vec![&empty]
                } else {
                    group.indicators.iter().collect()
                };
                for (k, ind) in indicators.into_iter().enumerate() {
                    let mut row = Vec::new();
                    if first_of_goal {
                        row.push(Cell {
                            rows: goal_rows,
                            ..Cell::text(0, 1, &goal.name)
                        });
                        first_of_goal = false;
                    }
                    if k == 0 {
                        row.push(Cell {
                            rows: group_rows,
                            ..Cell::text(1, 1, &group.name)
                        });
                    }
                    for (i, c) in spec.columns.iter().enumerate() {
                        let text = match c.kind {
                            ColumnKind::Target if ind.target.is_empty() => ind.value_text(),
                            kind => ind.cell(kind).to_string(),
                        };
                        row.push(Cell::text(i + 2, span_of(i + 2), &text));
                    }
                    lines.push(Line::Row(row));
                }
            }
        }
    }
}
