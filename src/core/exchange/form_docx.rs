//! The whole form as a Word document laid out like the printed form (form_table.rs):
//! the title, real tables with borders and merged cells at the column widths of the PDF,
//! each indicator table's heading rows repeated on every page, A4 margins, a Song face
//! named for Word and WPS; text stays editable text. The form itself travels in a part
//! of its own, so the file reads back as the same form.

use std::io::Write;

use super::form_table::{lay_out, Cell, Line};
use crate::core::model::Form;
use crate::core::template::Template;

/// Where in the package the form's own file text is kept, and the relationship naming it.
pub const FORM_PART: &str = "jixiao/form.ron";
const FORM_REL: &str = "https://jixiao.invalid/relationships/form";

/// Writes `form` (laid out by `template`) as a .docx file's bytes.
pub fn export(form: &Form, template: &Template) -> Result<Vec<u8>, String> {
    write(form, template).map_err(|e| format!("无法生成 Word 文件：{e}"))
}

fn write(form: &Form, template: &Template) -> std::io::Result<Vec<u8>> {
    let document = document_xml(form, template);
    let ron = crate::core::file::ron_writer::to_ron_string(form);
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let parts: [(&str, &str); 6] = [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", &ROOT_RELS.replace("{FORM_REL}", FORM_REL)),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS),
        ("word/styles.xml", STYLES),
        ("word/document.xml", &document),
        (FORM_PART, &ron),
    ];
    for (name, text) in parts {
        zip.start_file(name, options)
            .map_err(std::io::Error::other)?;
        zip.write_all(text.as_bytes())?;
    }
    let cursor = zip.finish().map_err(std::io::Error::other)?;
    Ok(cursor.into_inner())
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // characters XML cannot hold are left out
            c if (c as u32) < 0x20 && c != '\t' && c != '\n' => {}
            c => out.push(c),
        }
    }
    out
}

/// A paragraph (lines of `text` as line breaks), centred and bold where asked.
fn paragraph(text: &str, center: bool, bold: bool, size_half_points: u32) -> String {
    let mut p = String::from("<w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"0\"/>");
    if center {
        p.push_str("<w:jc w:val=\"center\"/>");
    }
    p.push_str("</w:pPr>");
    for (i, line) in text.split('\n').enumerate() {
        p.push_str("<w:r><w:rPr>");
        if bold {
            p.push_str("<w:b/>");
        }
        p.push_str(&format!(
            "<w:sz w:val=\"{size_half_points}\"/><w:szCs w:val=\"{size_half_points}\"/></w:rPr>"
        ));
        if i > 0 {
            p.push_str("<w:br/>");
        }
        p.push_str(&format!(
            "<w:t xml:space=\"preserve\">{}</w:t></w:r>",
            escape(line)
        ));
    }
    p.push_str("</w:p>");
    p
}

fn document_xml(form: &Form, template: &Template) -> String {
    let table = lay_out(form, template);
    let twips: Vec<u32> = table
        .widths
        .iter()
        .map(|w| (w * 20.0).round() as u32)
        .collect();
    let mut body = String::new();
    // the rows of the table being written: (row, is a heading row to repeat)
    let mut rows: Vec<(Vec<Cell>, bool)> = Vec::new();
    let flush = |rows: &mut Vec<(Vec<Cell>, bool)>, body: &mut String| {
        if !rows.is_empty() {
            body.push_str(&table_xml(rows, &twips));
            body.push_str(&paragraph("", false, false, 21));
            rows.clear();
        }
    };
    for line in &table.lines {
        match line {
            Line::Title(t) => body.push_str(&paragraph(t, true, true, 36)),
            Line::Subtitle(t) => body.push_str(&paragraph(t, true, false, 24)),
            Line::Break => flush(&mut rows, &mut body),
            Line::Row(cells) => {
                // an indicator table's own heading row is repeated with its columns
                let heading = rows.is_empty() && cells.len() == 1 && cells[0].heading;
                rows.push((cells.clone(), heading));
            }
            Line::GridHeading(cells) => rows.push((cells.clone(), true)),
            Line::Note(t) => {
                flush(&mut rows, &mut body);
                body.push_str(&paragraph(t, false, false, 21));
            }
        }
    }
    flush(&mut rows, &mut body);
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}\
<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1247\" w:right=\"1134\" w:bottom=\"1247\" w:left=\"1134\" w:header=\"708\" w:footer=\"708\" w:gutter=\"0\"/></w:sectPr>\
</w:body></w:document>"
    )
}

/// One table: its column grid, each row's cells with their spans, vertical merges for
/// cells spanning rows, heading rows repeated on each page.
fn table_xml(rows: &[(Vec<Cell>, bool)], twips: &[u32]) -> String {
    let n = twips.len();
    let mut t = String::from(
        "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/><w:tblLayout w:type=\"fixed\"/><w:tblBorders>",
    );
    for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
        t.push_str(&format!(
            "<w:{side} w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
        ));
    }
    t.push_str("</w:tblBorders><w:tblCellMar><w:left w:w=\"57\" w:type=\"dxa\"/><w:right w:w=\"57\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr><w:tblGrid>");
    for w in twips {
        t.push_str(&format!("<w:gridCol w:w=\"{w}\"/>"));
    }
    t.push_str("</w:tblGrid>");
    // cells spanning down: (first column, columns, last row index)
    let mut down: Vec<(usize, usize, usize)> = Vec::new();
    let mut heading_run = true;
    for (r, (cells, heading)) in rows.iter().enumerate() {
        heading_run &= *heading;
        t.push_str("<w:tr>");
        if heading_run {
            t.push_str("<w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>");
        }
        down.retain(|(_, _, last)| *last >= r);
        let mut c = 0;
        while c < n {
            if let Some(cell) = cells.iter().find(|x| x.col == c) {
                let width: u32 = twips[c..(c + cell.span).min(n)].iter().sum();
                t.push_str(&format!(
                    "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/>"
                ));
                if cell.span > 1 {
                    t.push_str(&format!("<w:gridSpan w:val=\"{}\"/>", cell.span));
                }
                if cell.rows > 1 {
                    t.push_str("<w:vMerge w:val=\"restart\"/>");
                    down.push((c, cell.span, r + cell.rows - 1));
                }
                t.push_str("<w:vAlign w:val=\"center\"/></w:tcPr>");
                // an amount as printed: thousands grouped
                let text = match cell.amount {
                    Some(_) => crate::core::money::group_thousands(&cell.text),
                    None => cell.text.clone(),
                };
                t.push_str(&paragraph(&text, cell.heading, cell.heading, 21));
                t.push_str("</w:tc>");
                c += cell.span;
            } else if let Some((_, span, _)) = down
                .iter()
                .find(|(col, _, last)| *col == c && *last >= r)
                .copied()
            {
                let width: u32 = twips[c..(c + span).min(n)].iter().sum();
                t.push_str(&format!(
                    "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/>"
                ));
                if span > 1 {
                    t.push_str(&format!("<w:gridSpan w:val=\"{span}\"/>"));
                }
                t.push_str("<w:vMerge/></w:tcPr><w:p/></w:tc>");
                c += span;
            } else {
                t.push_str(&format!(
                    "<w:tc><w:tcPr><w:tcW w:w=\"{}\" w:type=\"dxa\"/></w:tcPr><w:p/></w:tc>",
                    twips[c]
                ));
                c += 1;
            }
        }
        t.push_str("</w:tr>");
    }
    t.push_str("</w:tbl>");
    t
}

const CONTENT_TYPES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Default Extension=\"ron\" ContentType=\"text/plain\"/>\
<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>\
</Types>";

const ROOT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
<Relationship Id=\"rId2\" Type=\"{FORM_REL}\" Target=\"jixiao/form.ron\"/>\
</Relationships>";

const DOCUMENT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>\
</Relationships>";

/// The default face: 宋体 (SimSun) for Chinese, as Word and WPS on a Chinese desktop have.
const STYLES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
<w:docDefaults><w:rPrDefault><w:rPr>\
<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"宋体\" w:cs=\"Times New Roman\"/>\
<w:sz w:val=\"21\"/><w:szCs w:val=\"21\"/><w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/>\
</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>\
<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style>\
</w:styles>";
