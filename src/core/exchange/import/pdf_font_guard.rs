//! Limits on what a PDF's fonts hand to the PDF library's small parsers: how many codes
//! a character map's ranges span (expanded one by one) and how deeply a character map
//! or a Type 1 font program nests brackets (parsed by recursion: a deep nest would
//! exhaust the reading thread's stack and end the program).

use std::collections::HashSet;

use pdf_extract::{Dictionary, Document, Object, ObjectId};

use super::pdf_guard::{find, string_at};
use super::ImportError;

/// Codes one character-map range may span, and all ranges of a map together.
pub const MAX_CMAP_RANGE: u64 = 65_536;
pub const MAX_CMAP_CODES: u64 = 1 << 20;
/// Arrays, dictionaries, procedures and strings open at once in a character map (a real
/// map opens two) or a font program (random bytes of its encrypted part stay far below).
/// Read at this depth on a 2 MiB thread in a debug build (checked by a test).
pub const MAX_SYNTAX_DEPTH: usize = 256;

fn hostile(what: &str) -> ImportError {
    ImportError::Hostile(what.to_string())
}

/// Font programs (/FontFile) that nest too deeply are left out: the library then reads
/// the font's characters by its /Encoding, as for a font that is not embedded.
pub fn drop_deep_font_programs(doc: &mut Document) {
    let mut deep = HashSet::new();
    for object in doc.objects.values() {
        let Some(dict) = dict_of(object) else {
            continue;
        };
        let mut found = HashSet::new();
        collect_refs(dict, &[b"FontFile"], &mut found, 0);
        for id in found {
            if let Ok(Object::Stream(stream)) = doc.get_object(id) {
                let bytes = stream
                    .decompressed_content()
                    .unwrap_or_else(|_| stream.content.clone());
                if nesting(&bytes) > MAX_SYNTAX_DEPTH {
                    deep.insert(id);
                }
            }
        }
    }
    if deep.is_empty() {
        return;
    }
    for object in doc.objects.values_mut() {
        let dict = match object {
            Object::Dictionary(d) => d,
            Object::Stream(s) => &mut s.dict,
            _ => continue,
        };
        remove_refs(dict, b"FontFile", &deep, 0);
    }
}

fn dict_of(object: &Object) -> Option<&Dictionary> {
    match object {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}

/// References under `keys` in `dict` and the dictionaries inside it (a font's
/// descriptor or map may be written inline a few levels down).
fn collect_refs(dict: &Dictionary, keys: &[&[u8]], found: &mut HashSet<ObjectId>, depth: usize) {
    for (key, value) in dict.iter() {
        if keys.contains(&key.as_slice()) {
            if let Ok(id) = value.as_reference() {
                found.insert(id);
            }
        }
        if depth < 4 {
            if let Object::Dictionary(inner) = value {
                collect_refs(inner, keys, found, depth + 1);
            }
        }
    }
}

fn remove_refs(dict: &mut Dictionary, key: &[u8], ids: &HashSet<ObjectId>, depth: usize) {
    if dict
        .get(key)
        .and_then(Object::as_reference)
        .is_ok_and(|id| ids.contains(&id))
    {
        dict.remove(key);
    }
    if depth < 4 {
        for (_, value) in dict.iter_mut() {
            if let Object::Dictionary(inner) = value {
                remove_refs(inner, key, ids, depth + 1);
            }
        }
    }
}

/// Every character map a font points at (/ToUnicode, a Type0 /Encoding stream): the
/// codes its ranges span, which the library expands one by one, and its nesting.
pub fn check_fonts(doc: &Document) -> Result<(), ImportError> {
    let mut maps = HashSet::new();
    for object in doc.objects.values() {
        if let Some(dict) = dict_of(object) {
            collect_refs(dict, &[b"ToUnicode", b"Encoding"], &mut maps, 0);
        }
    }
    for id in maps {
        let Ok(Object::Stream(stream)) = doc.get_object(id) else {
            continue;
        };
        let bytes = stream
            .decompressed_content()
            .unwrap_or_else(|_| stream.content.clone());
        if nesting(&bytes) > MAX_SYNTAX_DEPTH {
            return Err(hostile("字符映射表的括号嵌套过深"));
        }
        cmap_codes(&bytes)?;
    }
    Ok(())
}

/// The deepest nest of arrays, procedures, dictionaries and parenthesised strings in
/// PostScript-like text, as a parser that recurses into each would reach; comments and
/// hex strings are skipped. A closing bracket with nothing open is passed over.
fn nesting(text: &[u8]) -> usize {
    let n = text.len();
    let (mut depth, mut deepest, mut i) = (0usize, 0usize, 0usize);
    while i < n {
        match text[i] {
            b'%' => {
                while i < n && text[i] != b'\n' && text[i] != b'\r' {
                    i += 1;
                }
            }
            b'(' => {
                let (end, nested) = string_at(text, i);
                deepest = deepest.max(depth + nested);
                i = end;
            }
            b'<' if text.get(i + 1) == Some(&b'<') => {
                depth += 1;
                deepest = deepest.max(depth);
                i += 1;
            }
            b'<' => {
                while i < n && text[i] != b'>' {
                    i += 1;
                }
            }
            b'>' if text.get(i + 1) == Some(&b'>') => {
                depth = depth.saturating_sub(1);
                i += 1;
            }
            b'[' | b'{' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    deepest
}

/// The codes a character map's ranges span (`begincodespacerange`, `beginbfrange`,
/// `begincidrange` sections: `<lo> <hi> …`).
fn cmap_codes(cmap: &[u8]) -> Result<(), ImportError> {
    let mut total = 0u64;
    let mut rest = cmap;
    while let Some(at) = find(rest, b"begin") {
        rest = &rest[at + 5..];
        let ranged = [&b"bfrange"[..], b"cidrange", b"codespacerange"]
            .iter()
            .any(|k| rest.starts_with(k));
        if !ranged {
            continue;
        }
        let end = find(rest, b"end").unwrap_or(rest.len());
        let section = &rest[..end];
        rest = &rest[end..];
        // the hex codes of the section, in order; a range is each line's first two
        for line in section.split(|b| *b == b'\n' || *b == b'\r') {
            let codes: Vec<u64> = hex_codes(line).take(2).collect();
            if let [lo, hi] = codes[..] {
                let span = hi.saturating_sub(lo).saturating_add(1);
                total = total.saturating_add(span);
                if span > MAX_CMAP_RANGE || total > MAX_CMAP_CODES {
                    return Err(hostile("字符映射表的范围过大"));
                }
            }
        }
    }
    Ok(())
}

fn hex_codes(line: &[u8]) -> impl Iterator<Item = u64> + '_ {
    line.split(|b| *b == b'<').skip(1).filter_map(|part| {
        let hex = &part[..part.iter().position(|b| *b == b'>')?];
        let text = std::str::from_utf8(hex).ok()?;
        let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        if text.is_empty() || text.len() > 16 {
            return None;
        }
        u64::from_str_radix(&text, 16).ok()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_map_range_of_four_byte_codes_is_refused() {
        let ok = b"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n2 beginbfrange\n<0020> <007E> <0020>\n<4E00> <4E10> [<4E00>]\nendbfrange";
        assert_eq!(cmap_codes(ok), Ok(()));
        let hostile = b"1 beginbfrange\n<00000000> <FFFFFFFF> <0000>\nendbfrange";
        assert!(matches!(cmap_codes(hostile), Err(ImportError::Hostile(_))));
    }

    #[test]
    fn nesting_counts_what_a_recursive_parser_would_enter() {
        let map = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
            /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
            % a comment ( [ [ [ is skipped\n\
            1 beginbfrange <0001> <0002> [<4E00> <4E01>] endbfrange endcmap";
        assert_eq!(nesting(map), 2);
        assert_eq!(nesting(b"(a (b (c)) d) <5B5B5B>"), 3);
        assert_eq!(nesting(b"] ] } >> [ {"), 2);
        assert_eq!(nesting(&[b'['; 1000]), 1000);
        assert_eq!(nesting(&[b'('; 1000]), 1000);
    }

    /// A one-page PDF showing "hello" in Helvetica with `to_unicode` as its map and
    /// `program` as its embedded Type 1 font program.
    fn pdf_with_font(to_unicode: &[u8], program: &[u8]) -> Vec<u8> {
        let content = b"BT /F1 12 Tf 72 720 Td (hello) Tj ET";
        let stream = |bytes: &[u8]| {
            let mut s = format!("<< /Length {} >>\nstream\n", bytes.len()).into_bytes();
            s.extend_from_slice(bytes);
            s.extend_from_slice(b"\nendstream");
            s
        };
        let objects: Vec<Vec<u8>> = vec![
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R \
              /Resources << /Font << /F1 5 0 R >> >> >>"
                .to_vec(),
            stream(content),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R \
              /FontDescriptor << /Type /FontDescriptor /FontName /Helvetica /FontFile 7 0 R >> >>"
                .to_vec(),
            stream(to_unicode),
            stream(program),
        ];
        let mut pdf = b"%PDF-1.7\n".to_vec();
        let mut offsets = Vec::new();
        for (i, object) in objects.iter().enumerate() {
            offsets.push(pdf.len());
            pdf.extend(format!("{} 0 obj\n", i + 1).into_bytes());
            pdf.extend_from_slice(object);
            pdf.extend_from_slice(b"\nendobj\n");
        }
        let xref = pdf.len();
        pdf.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).into_bytes());
        for at in offsets {
            pdf.extend(format!("{at:010} 00000 n \n").into_bytes());
        }
        pdf.extend(
            format!(
                "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
                objects.len() + 1
            )
            .into_bytes(),
        );
        pdf
    }

    const MAP: &[u8] = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
        1 begincodespacerange <00> <FF> endcodespacerange\n\
        1 beginbfrange <61> <7A> <0061> endbfrange endcmap end end";
    const PROGRAM: &[u8] = b"%!PS-AdobeFont-1.0: Helvetica\n/Encoding StandardEncoding def\n";

    /// Reads `pdf` on a thread with the default stack of a spawned thread (2 MiB; the
    /// window's import thread has more): a stack overflow would end the test process.
    fn read_on_small_stack(pdf: Vec<u8>) -> Result<String, ImportError> {
        std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(move || {
                let source = super::super::pdf::read(&pdf)?;
                Ok(source
                    .rows
                    .iter()
                    .flat_map(|r| r.cells.iter().map(|c| c.text.clone()))
                    .collect::<String>())
            })
            .unwrap()
            .join()
            .expect("no crash")
    }

    #[test]
    fn a_deeply_nested_map_is_refused_and_one_at_the_limit_does_not_overflow_the_stack() {
        assert_eq!(
            read_on_small_stack(pdf_with_font(MAP, PROGRAM)).unwrap(),
            "hello"
        );
        let kinds: [&[u8]; 5] = [b"[", b"(", b"<< /a ", b"[<< /a ", b"{"];
        for open in kinds {
            let levels = MAX_SYNTAX_DEPTH / nesting(open);
            let deep = open.repeat(levels);
            // at the limit: read or refused as damaged, never a crash
            let at_limit = read_on_small_stack(pdf_with_font(&deep, PROGRAM));
            assert!(
                !matches!(at_limit, Err(ImportError::Hostile(_))),
                "{at_limit:?}"
            );
            let deeper = open.repeat(levels + 1);
            let refused = read_on_small_stack(pdf_with_font(&deeper, PROGRAM));
            assert!(
                matches!(refused, Err(ImportError::Hostile(_))),
                "{refused:?} {}",
                String::from_utf8_lossy(open)
            );
            // 200 000 levels: refused before the library recurses into them
            let hostile = open.repeat(200_000 / open.len());
            let refused = read_on_small_stack(pdf_with_font(&hostile, PROGRAM));
            assert!(
                matches!(refused, Err(ImportError::Hostile(_))),
                "{refused:?} {}",
                String::from_utf8_lossy(open)
            );
        }
    }

    #[test]
    fn a_deeply_nested_font_program_is_left_out_and_the_text_still_read() {
        for open in [&b"["[..], b"(", b"{", b"<< /a "] {
            let mut program = PROGRAM.to_vec();
            program.extend(open.repeat(200_000 / open.len()));
            let text = read_on_small_stack(pdf_with_font(MAP, &program));
            assert_eq!(text.unwrap(), "hello");
        }
        let mut at_limit = PROGRAM.to_vec();
        at_limit.extend(b"{".repeat(MAX_SYNTAX_DEPTH));
        assert!(read_on_small_stack(pdf_with_font(MAP, &at_limit)).is_ok());
    }
}
