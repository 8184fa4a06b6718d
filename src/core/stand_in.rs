//! A stand-in layout for a form whose template this computer does not have (a
//! colleague's own template, a newer program's): built from what the form holds, so
//! that nothing in it is hidden, lost or refused.

use super::model::Form;
use super::template::{
    Block, ColumnKind, ColumnSpec, FieldKind, FieldSpec, GridSpec, LaidOut, MoneyBlock, MoneyRow,
    MoneyUnit, RollMoney, SectionSpec, Template,
};

impl LaidOut for Form {
    fn template_id(&self) -> &str {
        &self.template
    }

    fn stand_in(&self) -> Template {
        template_for(self)
    }
}

/// Every field, amount, section and grid of `form`, labelled by its id.
pub fn template_for(form: &Form) -> Template {
    let fields: Vec<FieldSpec> = form
        .fields
        .keys()
        .map(|id| FieldSpec {
            id: id.clone(),
            label: id.clone(),
            kind: FieldKind::Text,
            required: false,
            hint: String::new(),
            default: String::new(),
        })
        .collect();
    let header_rows = fields.iter().map(|f| vec![f.id.clone()]).collect();
    let money = (!form.money.is_empty()).then(|| MoneyBlock {
        heading: String::new(),
        unit: MoneyUnit::Yuan,
        rows: form
            .money
            .keys()
            .map(|id| MoneyRow {
                id: id.clone(),
                label: format!("{id}（元）"),
                part_of: None,
                required: false,
                rollover: RollMoney::Keep,
            })
            .collect(),
        per_row: 1,
    });
    let sections = form
        .sections
        .keys()
        .map(|id| SectionSpec {
            id: id.clone(),
            label: id.clone(),
            required: false,
        })
        .collect();
    let grids = form
        .grids
        .iter()
        .map(|grid| {
            let indicators = grid
                .goals
                .iter()
                .flat_map(|g| &g.groups)
                .flat_map(|g| &g.indicators);
            let mut kinds = vec![ColumnKind::Name];
            let mut has_target = false;
            for ind in indicators {
                has_target |= !ind.target.is_empty();
                for kind in ColumnKind::ALL {
                    if ind.cells.contains_key(kind.key()) && !kinds.contains(&kind) {
                        kinds.push(kind);
                    }
                }
            }
            if has_target || !kinds.contains(&ColumnKind::Value) {
                kinds.retain(|k| {
                    !matches!(k, ColumnKind::Sign | ColumnKind::Value | ColumnKind::Unit)
                });
                kinds.insert(1, ColumnKind::Target);
            }
            kinds[1..].sort();
            GridSpec {
                id: grid.id.clone(),
                label: format!("指标表 {}", grid.id),
                heading: format!("{{year}} {}", grid.id),
                level_labels: ("一级指标".into(), "二级指标".into()),
                level_widths: (60.0, 64.0),
                columns: kinds
                    .into_iter()
                    .map(|kind| ColumnSpec {
                        kind,
                        label: kind.standard_label().into(),
                        width: 60.0,
                    })
                    .collect(),
                skeleton: Vec::new(),
            }
        })
        .collect();
    Template {
        id: form.template.clone(),
        name: format!("未知表样“{}”", form.template),
        description: "这台电脑上没有此表样，按表单中的内容显示".into(),
        title: "绩效目标表".into(),
        subtitle: "（{year}年度）".into(),
        fields,
        lines_above_table: Vec::new(),
        header_rows,
        signature: Vec::new(),
        money,
        sections,
        grids,
        order: vec![Block::Header, Block::Money, Block::Sections, Block::Grids],
        max_indicator_name: None,
        scoring: None,
        landscape: false,
    }
}
