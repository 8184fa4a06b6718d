//! The printed blocks above the grids: title, lines above the table, header rows (two
//! fields to a row or one spanning it), text sections and the money block, each as its
//! template places them.

use super::{column_starts, Align, Builder, CONTENT_W, HEADER_COLS, LINE_H, PAD_Y};
use super::{MARGIN_X, SUBTITLE_SIZE, TITLE_SIZE};
use crate::core::model::Form;
use crate::core::money_unit::grouped_alike;
use crate::core::template::Template;
use crate::pdf::wrap::wrap;

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
        for id in &template.lines_above_table {
            let label = template.field(id).map_or(id.as_str(), |f| f.label.as_str());
            let lines = wrap(&format!("{label}：{}", form.field(id)), CONTENT_W, &|c| {
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
            if !line.is_empty() && width(&format!("{line}{piece}")) > CONTENT_W {
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
    fn pairs_row(&mut self, pairs: &[(&str, String)]) {
        let x = column_starts(&HEADER_COLS);
        let row = match pairs {
            [(l1, v1), (l2, v2)] => vec![
                self.cell(x[0], HEADER_COLS[0], l1, Align::Left),
                self.cell(x[1], HEADER_COLS[1], v1, Align::Left),
                self.cell(x[2], HEADER_COLS[2], l2, Align::Left),
                self.cell(x[3], HEADER_COLS[3], v2, Align::Left),
            ],
            [(label, value)] => vec![
                self.cell(x[0], HEADER_COLS[0], label, Align::Left),
                self.cell(x[1], CONTENT_W - HEADER_COLS[0], value, Align::Left),
            ],
            _ => return,
        };
        self.row(row, false, None);
    }

    pub(super) fn header_table(&mut self, form: &Form, template: &Template) {
        for ids in &template.header_rows {
            let pairs: Vec<(&str, String)> = ids
                .iter()
                .map(|id| {
                    let label = template.field(id).map_or(id.as_str(), |f| f.label.as_str());
                    (label, form.field(id).to_string())
                })
                .collect();
            self.pairs_row(&pairs);
        }
    }

    pub(super) fn sections(&mut self, form: &Form, template: &Template) {
        let x = column_starts(&HEADER_COLS);
        let value_w = CONTENT_W - HEADER_COLS[0];
        for spec in &template.sections {
            let row = vec![
                self.cell(x[0], HEADER_COLS[0], &spec.label, Align::Left),
                self.cell(x[1], value_w, form.section(&spec.id), Align::Left),
            ];
            let continued = format!("{}（续）", spec.label);
            let continued = self.cell(x[0], HEADER_COLS[0], &continued, Align::Left);
            self.row(row, true, Some(continued));
        }
    }

    pub(super) fn money(&mut self, form: &Form, template: &Template) {
        let Some(block) = &template.money else {
            return;
        };
        if !block.heading.is_empty() {
            let heading = self.cell(MARGIN_X, CONTENT_W, &block.heading, Align::Center);
            // Keep the heading with its figures.
            if self.available() < heading.height() + 2.0 * (LINE_H * 2.0 + 2.0 * PAD_Y) {
                self.new_page();
            }
            self.row(vec![heading], false, None);
        }
        let amounts: Vec<_> = block.rows.iter().map(|r| form.money(&r.id)).collect();
        let figures: Vec<(&str, String)> = block
            .rows
            .iter()
            .map(|r| r.label.as_str())
            .zip(grouped_alike(&amounts, block.unit))
            .collect();
        for chunk in figures.chunks(block.per_row.clamp(1, 2)) {
            match chunk {
                [one] if block.per_row == 2 => {
                    self.pairs_row(&[one.clone(), ("", String::new())]);
                }
                _ => self.pairs_row(chunk),
            }
        }
    }
}
