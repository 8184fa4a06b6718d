//! Finding text anywhere in a form (查找): header fields, text sections (each place in a
//! section), the names of 一级 and 二级, every cell of every indicator — in the order the
//! editor shows them, each with where to go.

use crate::core::model::{FieldId, Form, IndicatorPath};
use crate::core::template::{ColumnKind, Template};
use crate::core::validate::Location;

/// A place where the text was found.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub location: Location,
    /// The cell of an indicator row.
    pub column: Option<ColumnKind>,
    /// Where in a text section, in characters: (offset, length).
    pub chars: Option<(usize, usize)>,
    /// Where, for people ("年度目标", "产出指标 / 数量指标 / 培训人次").
    pub place: String,
}

/// Hits listed at most (a one-character search of a big form stays quick to show).
pub const MAX_HITS: usize = 2_000;

/// Every place in `form` (laid out by `template`) holding `needle` (letters in any case).
pub fn find(form: &Form, template: &Template, needle: &str) -> Vec<Hit> {
    let needle = needle.trim().to_lowercase();
    let mut hits = Vec::new();
    if needle.is_empty() {
        return hits;
    }
    let has = |text: &str| text.to_lowercase().contains(&needle);
    for spec in &template.fields {
        if has(form.field(&spec.id)) {
            hits.push(Hit {
                location: Location::Field(FieldId::Field(spec.id.clone())),
                column: None,
                chars: None,
                place: spec.label.clone(),
            });
        }
    }
    for spec in &template.sections {
        let text = form.section(&spec.id).to_lowercase();
        let mut from = 0;
        while let Some(at) = text[from..].find(&needle) {
            let byte = from + at;
            let offset = text[..byte].chars().count();
            hits.push(Hit {
                location: Location::Field(FieldId::Section(spec.id.clone())),
                column: None,
                chars: Some((offset, needle.chars().count())),
                place: spec.label.clone(),
            });
            from = byte + needle.len();
            if hits.len() >= MAX_HITS {
                return hits;
            }
        }
    }
    for (g, spec) in template.grids.iter().enumerate() {
        for (gi, goal) in form.goals(g).iter().enumerate() {
            if has(&goal.name) {
                hits.push(Hit {
                    location: Location::Goal(g, gi),
                    column: None,
                    chars: None,
                    place: goal.name.clone(),
                });
            }
            for (gri, group) in goal.groups.iter().enumerate() {
                if has(&group.name) {
                    hits.push(Hit {
                        location: Location::Group(g, gi, gri),
                        column: None,
                        chars: None,
                        place: format!("{} / {}", goal.name, group.name),
                    });
                }
                for (ii, ind) in group.indicators.iter().enumerate() {
                    for column in &spec.columns {
                        if has(ind.cell(column.kind)) {
                            hits.push(Hit {
                                location: Location::Indicator(IndicatorPath {
                                    grid: g,
                                    goal: gi,
                                    group: gri,
                                    indicator: ii,
                                }),
                                column: Some(column.kind),
                                chars: None,
                                place: format!(
                                    "{} / {} / {}（{}）",
                                    goal.name, group.name, ind.name, column.label
                                ),
                            });
                        }
                    }
                    if hits.len() >= MAX_HITS {
                        return hits;
                    }
                }
            }
        }
    }
    hits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_found_in_fields_sections_levels_and_cells_in_order() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("assets/samples/2020-上海市青少年服务和权益保护工作经费.ron");
        let form = crate::core::file::store::load(&path).unwrap();
        let template = crate::core::template::for_form(&form);
        let hits = find(&form, &template, "青少年");
        assert!(hits.len() > 20);
        // the header first, then the sections, then the grid
        assert!(matches!(
            hits[0].location,
            Location::Field(FieldId::Field(_))
        ));
        assert!(hits.iter().any(
            |h| matches!(h.location, Location::Field(FieldId::Section(_))) && h.chars.is_some()
        ));
        assert!(hits
            .iter()
            .any(|h| matches!(h.location, Location::Indicator(_))
                && h.column == Some(ColumnKind::Name)));
        // the character offset points at the text in its section
        for h in hits.iter().filter(|h| h.chars.is_some()) {
            let Location::Field(FieldId::Section(id)) = &h.location else {
                continue;
            };
            let (at, len) = h.chars.unwrap();
            let found: String = form.section(id).chars().skip(at).take(len).collect();
            assert_eq!(found, "青少年");
        }
        assert!(find(&form, &template, "  ").is_empty());
        assert!(find(&form, &template, "找不到的字").is_empty());
    }
}
