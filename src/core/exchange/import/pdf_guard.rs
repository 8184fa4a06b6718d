//! Limits a PDF must keep before the PDF library reads it, whatever the file claims: what
//! its streams inflate to, how many content operators reading it would run (form
//! XObjects counted each time they are drawn), how deep drawings nest and whether they
//! draw themselves, and whether the page tree leads back to itself (fonts: in
//! pdf_font_guard). Each limit is far above a real form (a 100-page form is well
//! under a tenth of each) and far below what would exhaust a clerk's machine.

use std::collections::{HashMap, HashSet};
use std::io::Read;

use pdf_extract::{Dictionary, Document, Object, ObjectId};

use super::ImportError;

/// What one stream may inflate to (a form's largest stream is an embedded font, a few MB).
pub const MAX_STREAM_BYTES: u64 = 64 * 1024 * 1024;
/// What all streams together may inflate to.
pub const MAX_INFLATED_BYTES: u64 = 256 * 1024 * 1024;
/// Content operators run to read the whole file (a page of a form runs a few thousand).
pub const MAX_OPERATORS: u64 = 2_000_000;
/// Drawings (form XObjects) inside drawings.
pub const MAX_NESTING: usize = 16;
/// Steps up a page's /Parent chain (real page trees are a few levels deep).
pub const MAX_TREE_DEPTH: usize = 64;

fn hostile(what: &str) -> ImportError {
    ImportError::Hostile(what.to_string())
}

fn too_complex(what: String) -> ImportError {
    ImportError::TooComplex(what)
}

/// Checks the raw bytes before the library parses them: every stream (found by its
/// `stream` keyword, as the library would find it) inflated into a counter, not memory.
pub fn check_bytes(bytes: &[u8]) -> Result<(), ImportError> {
    let mut total = 0u64;
    let mut at = 0;
    while let Some(found) = find(&bytes[at..], b"stream") {
        let mut start = at + found + b"stream".len();
        at = start;
        match bytes.get(start) {
            Some(b'\r') if bytes.get(start + 1) == Some(&b'\n') => start += 2,
            Some(b'\n') | Some(b'\r') => start += 1,
            _ => continue,
        }
        let data = &bytes[start..];
        let mut size = inflated_size(flate2::read::ZlibDecoder::new(data));
        // the library retries a stream whose zlib header is broken as raw deflate
        if size == 0 && data.len() > 2 {
            size = inflated_size(flate2::read::DeflateDecoder::new(&data[2..]));
        }
        if size > MAX_STREAM_BYTES {
            return Err(ImportError::Bomb);
        }
        total += size;
        if total > MAX_INFLATED_BYTES {
            return Err(ImportError::Bomb);
        }
    }
    Ok(())
}

/// Bytes a decoder gives, counted up to just past the limit.
fn inflated_size(decoder: impl Read) -> u64 {
    std::io::copy(
        &mut decoder.take(MAX_STREAM_BYTES + 1),
        &mut std::io::sink(),
    )
    .unwrap_or(0)
}

/// The string starting with the `(` at `i`: where its closing `)` is (or the end), and
/// how deeply parentheses nest in it (escaped ones not counted).
pub(super) fn string_at(bytes: &[u8], mut i: usize) -> (usize, usize) {
    let (mut level, mut deepest) = (0usize, 0usize);
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'(' => {
                level += 1;
                deepest = deepest.max(level);
            }
            b')' => {
                level = level.saturating_sub(1);
                if level == 0 {
                    break;
                }
            }
            _ => {}
        }
        i += 1;
    }
    (i.min(bytes.len()), deepest)
}

pub(super) fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Checks the parsed document before its pages are read.
pub fn check_document(doc: &Document) -> Result<(), ImportError> {
    let pages = doc.get_pages();
    for id in pages.values() {
        check_parents(doc, *id)?;
    }
    let mut run = Run {
        doc,
        operators: 0,
        forms: HashMap::new(),
        drawing: HashSet::new(),
    };
    for id in pages.values() {
        let resources = inherited_resources(doc, *id);
        for content in doc.get_page_contents(*id) {
            let Ok(Object::Stream(stream)) = doc.get_object(content) else {
                continue;
            };
            let bytes = stream.decompressed_content().unwrap_or_default();
            let count = run.content(&bytes, resources, 0)?;
            run.add(count)?;
        }
    }
    Ok(())
}

/// A page's /Parent chain must end: the library follows it for inherited attributes.
fn check_parents(doc: &Document, page: ObjectId) -> Result<(), ImportError> {
    let mut seen = HashSet::new();
    let mut at = page;
    loop {
        if !seen.insert(at) || seen.len() > MAX_TREE_DEPTH {
            return Err(hostile("页面树的上下级关系成环"));
        }
        let Ok(dict) = doc.get_dictionary(at) else {
            return Ok(());
        };
        match dict.get(b"Parent").and_then(Object::as_reference) {
            Ok(parent) => at = parent,
            Err(_) => return Ok(()),
        }
    }
}

/// The /Resources a page has or inherits, as the library finds them.
fn inherited_resources(doc: &Document, page: ObjectId) -> Option<&Dictionary> {
    let mut at = page;
    for _ in 0..MAX_TREE_DEPTH {
        let dict = doc.get_dictionary(at).ok()?;
        if let Ok(r) = dict.get(b"Resources") {
            return deref(doc, r).as_dict().ok();
        }
        at = dict.get(b"Parent").and_then(Object::as_reference).ok()?;
    }
    None
}

fn deref<'a>(doc: &'a Document, object: &'a Object) -> &'a Object {
    let mut object = object;
    for _ in 0..8 {
        match object {
            Object::Reference(id) => match doc.get_object(*id) {
                Ok(o) => object = o,
                Err(_) => return object,
            },
            _ => return object,
        }
    }
    object
}

/// Counting the operators that reading the pages runs, drawings included.
struct Run<'a> {
    doc: &'a Document,
    operators: u64,
    /// Operators one drawing runs (with what it draws), per drawing and resources.
    forms: HashMap<(ObjectId, usize), u64>,
    /// Drawings being counted now: one drawn again inside itself is a loop.
    drawing: HashSet<ObjectId>,
}

impl<'a> Run<'a> {
    fn add(&mut self, count: u64) -> Result<(), ImportError> {
        self.operators = self.operators.saturating_add(count);
        if self.operators > MAX_OPERATORS {
            return Err(too_complex(format!(
                "读取需要执行超过 {MAX_OPERATORS} 条绘图指令"
            )));
        }
        Ok(())
    }

    /// Operators that `content` runs with `resources`, with the drawings it draws.
    fn content(
        &mut self,
        content: &[u8],
        resources: Option<&'a Dictionary>,
        depth: usize,
    ) -> Result<u64, ImportError> {
        let (own, drawn) = scan(content);
        if own > MAX_OPERATORS {
            return Err(too_complex(format!(
                "读取需要执行超过 {MAX_OPERATORS} 条绘图指令"
            )));
        }
        let mut total = own;
        for name in drawn {
            let Some(form) = self.form(resources, &name) else {
                continue;
            };
            total = total.saturating_add(self.drawing(form, resources, depth + 1)?);
            if total > MAX_OPERATORS {
                return Err(too_complex(format!(
                    "读取需要执行超过 {MAX_OPERATORS} 条绘图指令"
                )));
            }
        }
        Ok(total)
    }

    /// The form XObject called `name` in `resources`.
    fn form(&self, resources: Option<&'a Dictionary>, name: &[u8]) -> Option<ObjectId> {
        let xobjects = deref(self.doc, resources?.get(b"XObject").ok()?)
            .as_dict()
            .ok()?;
        let id = xobjects.get(name).ok()?.as_reference().ok()?;
        let stream = self.doc.get_object(id).ok()?.as_stream().ok()?;
        let form = stream
            .dict
            .get(b"Subtype")
            .and_then(Object::as_name)
            .is_ok_and(|s| s == b"Form");
        form.then_some(id)
    }

    fn drawing(
        &mut self,
        id: ObjectId,
        outer: Option<&'a Dictionary>,
        depth: usize,
    ) -> Result<u64, ImportError> {
        if depth > MAX_NESTING {
            return Err(too_complex(format!("图形嵌套超过 {MAX_NESTING} 层")));
        }
        let Ok(Object::Stream(stream)) = self.doc.get_object(id) else {
            return Ok(0);
        };
        // a drawing without resources of its own uses those it is drawn with
        let resources = stream
            .dict
            .get(b"Resources")
            .ok()
            .map(|r| deref(self.doc, r))
            .and_then(|r| r.as_dict().ok())
            .or(outer);
        let key = (id, resources.map_or(0, |r| r as *const Dictionary as usize));
        if let Some(count) = self.forms.get(&key) {
            return Ok(*count);
        }
        if !self.drawing.insert(id) {
            return Err(hostile("图形对象引用了自身（循环绘制）"));
        }
        let bytes = stream.decompressed_content().unwrap_or_default();
        let count = self.content(&bytes, resources, depth);
        self.drawing.remove(&id);
        let count = count?;
        self.forms.insert(key, count);
        Ok(count)
    }
}

/// Counts the operators of a content stream and the names it draws with `Do`; strings,
/// arrays, dictionaries, comments and inline images are skipped as the syntax says.
fn scan(content: &[u8]) -> (u64, Vec<Vec<u8>>) {
    let mut operators = 0u64;
    let mut drawn = Vec::new();
    let mut last_name: Option<Vec<u8>> = None;
    let mut i = 0;
    let n = content.len();
    let regular = |b: u8| !b.is_ascii_whitespace() && !b"()<>[]{}/%".contains(&b) && b != 0;
    while i < n {
        let b = content[i];
        match b {
            b'%' => {
                while i < n && content[i] != b'\n' && content[i] != b'\r' {
                    i += 1;
                }
            }
            b'(' => i = string_at(content, i).0 + 1,
            b'<' if content.get(i + 1) != Some(&b'<') => {
                while i < n && content[i] != b'>' {
                    i += 1;
                }
                i += 1;
            }
            b'/' => {
                let start = i + 1;
                i += 1;
                while i < n && regular(content[i]) {
                    i += 1;
                }
                last_name = Some(content[start..i].to_vec());
            }
            _ if regular(b) => {
                let start = i;
                while i < n && regular(content[i]) {
                    i += 1;
                }
                let word = &content[start..i];
                let number = word
                    .iter()
                    .all(|c| c.is_ascii_digit() || matches!(c, b'.' | b'-' | b'+'));
                if !number && !matches!(word, b"true" | b"false" | b"null") {
                    operators += 1;
                    if word == b"Do" {
                        if let Some(name) = last_name.take() {
                            drawn.push(name);
                        }
                    } else if word == b"ID" {
                        // inline image data runs to "EI" between white space
                        while i + 2 < n
                            && !(content[i].is_ascii_whitespace()
                                && &content[i + 1..i + 3] == b"EI"
                                && content.get(i + 3).is_none_or(|c| !regular(*c)))
                        {
                            i += 1;
                        }
                        i += 3;
                    }
                }
            }
            _ => i += 1,
        }
    }
    (operators, drawn)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operators_are_counted_and_drawings_found() {
        let (ops, drawn) =
            scan(b"q 1 0 0 1 0 0 cm (a (b) c\\)) Tj [(x) 2 (y)] TJ /Fm1 Do Q % Do\nBT ET");
        assert_eq!(ops, 8); // q cm Tj TJ Do Q BT ET: numbers, strings, comments skipped
        assert_eq!(drawn, vec![b"Fm1".to_vec()]);
    }

    #[test]
    fn a_flate_bomb_is_refused_before_parsing() {
        use std::io::Write;
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        let zeros = vec![0u8; 1 << 20];
        for _ in 0..(MAX_STREAM_BYTES >> 20) + 1 {
            z.write_all(&zeros).unwrap();
        }
        let mut pdf = b"%PDF-1.4\n1 0 obj <</Length 0 /Filter /FlateDecode>> stream\n".to_vec();
        pdf.extend(z.finish().unwrap());
        pdf.extend_from_slice(b"\nendstream endobj\n");
        assert_eq!(check_bytes(&pdf), Err(ImportError::Bomb));
        assert_eq!(
            check_bytes(b"%PDF-1.4\n1 0 obj <<>> stream\nplain text\nendstream"),
            Ok(())
        );
    }
}
