//! The text a PDF says a glyph stands for (/ActualText) honoured: browsers print a glyph
//! two characters share (户 and 戶 in some faces) with the font's one mapping and the
//! right character in an /ActualText span around it; that character is written into
//! the font's own character map, so every reader below sees what the clerk typed.

use std::collections::BTreeMap;

use pdf_extract::content::Content;
use pdf_extract::{Dictionary, Document, Object, ObjectId};

/// Spans recorded in one file, at most (a form has a few hundred at most).
const MAX_SPANS: usize = 100_000;

/// Writes each glyph's /ActualText into the character map of its font.
pub(super) fn apply(doc: &mut Document) {
    let mut wanted: BTreeMap<ObjectId, BTreeMap<Vec<u8>, String>> = BTreeMap::new();
    let mut count = 0;
    for (_, page) in doc.get_pages() {
        let Ok(content) = doc.get_page_content(page) else {
            continue;
        };
        if !content.windows(10).any(|w| w == b"ActualText") {
            continue;
        }
        let fonts = font_ids(doc, page);
        let Ok(ops) = Content::decode(&content) else {
            continue;
        };
        let mut font: Option<ObjectId> = None;
        let mut spans: Vec<Option<String>> = Vec::new();
        for op in &ops.operations {
            match op.operator.as_str() {
                "Tf" => {
                    font = op
                        .operands
                        .first()
                        .and_then(|o| o.as_name().ok())
                        .and_then(|n| fonts.get(n).copied());
                }
                "BDC" => spans.push(actual_text(doc, &op.operands)),
                "BMC" => spans.push(None),
                "EMC" => {
                    spans.pop();
                }
                "Tj" | "'" | "\"" | "TJ" => {
                    let (Some(Some(text)), Some(font)) = (spans.last(), font) else {
                        continue;
                    };
                    let Some(code) = one_string(op.operator.as_str(), &op.operands) else {
                        continue;
                    };
                    count += 1;
                    if count > MAX_SPANS {
                        break;
                    }
                    wanted
                        .entry(font)
                        .or_default()
                        .insert(code.to_vec(), text.clone());
                }
                _ => {}
            }
        }
    }
    for (font, codes) in wanted {
        write_into_map(doc, font, &codes);
    }
}

/// The fonts a page can use, by resource name.
fn font_ids(doc: &Document, page: ObjectId) -> BTreeMap<Vec<u8>, ObjectId> {
    let mut out = BTreeMap::new();
    let Ok((own, inherited)) = doc.get_page_resources(page) else {
        return out;
    };
    let mut dicts: Vec<&Dictionary> = own.into_iter().collect();
    dicts.extend(
        inherited
            .iter()
            .filter_map(|id| doc.get_dictionary(*id).ok()),
    );
    for resources in dicts {
        let fonts = match resources.get(b"Font") {
            Ok(Object::Reference(id)) => doc.get_dictionary(*id).ok(),
            Ok(Object::Dictionary(d)) => Some(d),
            _ => None,
        };
        for (name, obj) in fonts.into_iter().flat_map(|d| d.iter()) {
            if let Ok(id) = obj.as_reference() {
                out.entry(name.clone()).or_insert(id);
            }
        }
    }
    out
}

/// The /ActualText of a marked-content span, if it gives one (one or two characters).
fn actual_text(doc: &Document, operands: &[Object]) -> Option<String> {
    let props = match operands.get(1)? {
        Object::Dictionary(d) => d,
        Object::Reference(id) => doc.get_dictionary(*id).ok()?,
        _ => return None,
    };
    let Ok(Object::String(bytes, _)) = props.get(b"ActualText") else {
        return None;
    };
    let text = if let Some(be) = bytes.strip_prefix(&[0xfe, 0xff]) {
        let units: Vec<u16> = be
            .chunks_exact(2)
            .map(|p| u16::from_be_bytes([p[0], p[1]]))
            .collect();
        String::from_utf16(&units).ok()?
    } else {
        String::from_utf8(bytes.clone()).ok()?
    };
    let n = text.chars().count();
    // (a space given as an ideographic space changes nothing a reader needs)
    ((1..=2).contains(&n) && !text.chars().any(|c| c.is_control() || c.is_whitespace()))
        .then_some(text)
}

/// The shown string of a text operator that shows exactly one string.
fn one_string<'a>(operator: &str, operands: &'a [Object]) -> Option<&'a [u8]> {
    let string = |o: &'a Object| match o {
        Object::String(b, _) if !b.is_empty() && b.len() <= 4 => Some(b.as_slice()),
        _ => None,
    };
    if operator == "TJ" {
        let Object::Array(items) = operands.first()? else {
            return None;
        };
        let mut strings = items.iter().filter_map(string);
        let first = strings.next()?;
        return strings.next().is_none().then_some(first);
    }
    string(operands.last()?)
}

/// Appends `codes` to the font's ToUnicode map (later entries win over earlier ones).
fn write_into_map(doc: &mut Document, font: ObjectId, codes: &BTreeMap<Vec<u8>, String>) {
    let Some(map_id) = doc
        .get_dictionary(font)
        .ok()
        .and_then(|f| f.get(b"ToUnicode").ok())
        .and_then(|o| o.as_reference().ok())
    else {
        return;
    };
    let Ok(Object::Stream(stream)) = doc.get_object_mut(map_id) else {
        return;
    };
    let Ok(mut text) = stream.decompressed_content() else {
        return;
    };
    let Some(at) = text.windows(7).rposition(|w| w == b"endcmap") else {
        return;
    };
    let mut block = String::new();
    // at most 100 entries a block, as the format asks
    for chunk in codes.iter().collect::<Vec<_>>().chunks(100) {
        block.push_str(&format!("\n{} beginbfchar\n", chunk.len()));
        for (code, to) in chunk {
            let src: String = code.iter().map(|b| format!("{b:02x}")).collect();
            let dst: String = to.encode_utf16().map(|u| format!("{u:04x}")).collect();
            block.push_str(&format!("<{src}> <{dst}>\n"));
        }
        block.push_str("endbfchar\n");
    }
    text.splice(at..at, block.into_bytes());
    stream.set_plain_content(text);
}
