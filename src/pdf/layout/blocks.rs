//! The printed blocks above the grids: title, lines above the table, header rows (two
//! fields to a row or one spanning it), text sections and the money block, each as its
//! template places them.

use super::{column_starts, Align, Builder, LINE_H, PAD_Y};
use super::{MARGIN_X, SUBTITLE_SIZE, TITLE_SIZE};
use crate::core::model::{FieldId, Form};
use crate::core::money_unit::grouped_alike;
use crate::core::template::Template;
use crate::core::validate::Location;
use crate::pdf::wrap::wrap;

/// A printed label, its value, and the field the value is.
type Pair<'a> = (&'a str, String, Option<FieldId>);

impl Builder<'_> {
    pub(super) fn title_block(&mut self, form: &Form, template: &Template) {
        self.centered(&template.title, TITLE_SIZE);
        let subtitle = template.subtitle_for(form.year);
        if !subtitle.is_empty() {
            self.y -= 6.0;
            self.centered(&subtitle, SUBTITLE_SIZE);
        }
        self.y -= 8.0;
        let measure = self.measure;
        let content_w = self.content_w();
        for id in &template.lines_above_table {
            let label = template.field(id).map_or(id.as_str(), |f| f.label.as_str());
            let lines = wrap(&format!("{label}：{}", form.field(id)), content_w, &|c| {
                measure(c) * super::BODY_SIZE
            });
            for line in lines {
                self.y -= LINE_H;
                let y = self.y + (LINE_H - super::ASCENT) / 2.0;
                self.text(MARGIN_X, y, super::BODY_SIZE, line);
            }
        }
        self.y -= 6.0;
    }

    /// The signature block under the last table: each label with room to write beside
    /// it, as many to a line as fit, the lines kept together on one page.
    pub(super) fn signature(&mut self, template: &Template) {
        if template.signature.is_empty() {
            return;
        }
        let measure = self.measure;
        let width = |t: &str| {
            t.chars()
                .map(|c| measure(c) * super::BODY_SIZE)
                .sum::<f32>()
        };
        let mut lines: Vec<String> = Vec::new();
        let mut line = String::new();
        for label in &template.signature {
            let piece = format!("{label}：＿＿＿＿＿＿　　");
            if !line.is_empty() && width(&format!("{line}{piece}")) > self.content_w() {
                lines.push(std::mem::take(&mut line));
            }
            line.push_str(&piece);
        }
        lines.push(line);
        let needed = 10.0 + lines.len() as f32 * (LINE_H + 6.0);
        if self.available() < needed {
            self.new_page();
        }
        self.y -= 10.0;
        for text in lines {
            self.y -= LINE_H + 6.0;
            let y = self.y + (LINE_H - super::ASCENT) / 2.0;
            self.text(MARGIN_X, y, super::BODY_SIZE, text.trim_end().to_string());
        }
    }

    /// One printed row of label/value pairs: two pairs in the four header columns, or
    /// one pair whose value spans the rest of the row.
    fn pairs_row(&mut self, pairs: &[Pair]) {
        let cols = self.header_cols();
        let x = column_starts(&cols);
        let value = |b: &Self, x: f32, w: f32, (_, v, id): &Pair| {
            let cell = b.cell(x, w, v, Align::Left);
            match id {
                Some(id) => cell.of(Location::Field(id.clone()), None),
                None => cell,
            }
        };
        let row = match pairs {
            [p1, p2] => vec![
                self.cell(x[0], cols[0], p1.0, Align::Left),
                value(self, x[1], cols[1], p1),
                self.cell(x[2], cols[2], p2.0, Align::Left),
                value(self, x[3], cols[3], p2),
            ],
            [p] => vec![
                self.cell(x[0], cols[0], p.0, Align::Left),
                value(self, x[1], self.content_w() - cols[0], p),
            ],
            _ => return,
        };
        self.row(row, false, None);
    }

    pub(super) fn header_table(&mut self, form: &Form, template: &Template) {
        for ids in &template.header_rows {
            let pairs: Vec<Pair> = ids
                .iter()
                .map(|id| {
                    let label = template.field(id).map_or(id.as_str(), |f| f.label.as_str());
                    (label, form.field(id).to_string(), Some(FieldId::field(id)))
                })
                .collect();
            self.pairs_row(&pairs);
        }
    }

    pub(super) fn sections(&mut self, form: &Form, template: &Template) {
        let cols = self.header_cols();
        let x = column_starts(&cols);
        let value_w = self.content_w() - cols[0];
        for spec in &template.sections {
            let row = vec![
                self.cell(x[0], cols[0], &spec.label, Align::Left),
                self.cell(x[1], value_w, form.section(&spec.id), Align::Left)
                    .of(Location::Field(FieldId::section(&spec.id)), None),
            ];
            let continued = format!("{}（续）", spec.label);
            let continued = self.cell(x[0], cols[0], &continued, Align::Left);
            self.row(row, true, Some(continued));
        }
    }

    pub(super) fn money(&mut self, form: &Form, template: &Template) {
        let Some(block) = &template.money else {
            return;
        };
        if !block.heading.is_empty() {
            let heading = self.cell(MARGIN_X, self.content_w(), &block.heading, Align::Center);
            // Keep the heading with its figures.
            if self.available() < heading.height() + 2.0 * (LINE_H * 2.0 + 2.0 * PAD_Y) {
                self.new_page();
            }
            self.row(vec![heading], false, None);
        }
        let amounts: Vec<_> = block.rows.iter().map(|r| form.money(&r.id)).collect();
        let figures: Vec<Pair> = block
            .rows
            .iter()
            .zip(grouped_alike(&amounts, block.unit))
            .map(|(r, v)| (r.label.as_str(), v, Some(FieldId::money(&r.id))))
            .collect();
        for chunk in figures.chunks(block.per_row.clamp(1, 2)) {
            match chunk {
                [one] if block.per_row == 2 => {
                    self.pairs_row(&[one.clone(), ("", String::new(), None)]);
                }
                _ => self.pairs_row(chunk),
            }
        }
    }
}
