//! A smaller copy of the built-in TrueType font holding the outlines of the characters a
//! document prints, made before the PDF writer sees the font: the writer then parses and
//! subsets a few hundred kilobytes instead of the whole 15 MB file.
//!
//! Glyph numbers stay as they are (the character map and the widths are kept whole, the
//! outlines of glyphs not printed are left empty), so the copy is the same font for every
//! character it prints. Tables for layout engines (GSUB, GPOS, …) and vertical metrics
//! are left out: the PDF places each character itself.

use std::collections::BTreeSet;

/// Tables copied as they are; `loca` and `glyf` are rebuilt.
const KEPT: [&[u8; 4]; 9] = [
    b"OS/2", b"cmap", b"head", b"hhea", b"hmtx", b"maxp", b"name", b"post", b"prep",
];

/// The font's tables by tag.
fn tables(font: &[u8]) -> Option<Vec<([u8; 4], &[u8])>> {
    let count = usize::from(u16::from_be_bytes(font.get(4..6)?.try_into().ok()?));
    let mut out = Vec::with_capacity(count);
    for i in 0..count {
        let entry = font.get(12 + 16 * i..28 + 16 * i)?;
        let tag: [u8; 4] = entry[0..4].try_into().ok()?;
        let offset = u32::from_be_bytes(entry[8..12].try_into().ok()?) as usize;
        let length = u32::from_be_bytes(entry[12..16].try_into().ok()?) as usize;
        out.push((tag, font.get(offset..offset.checked_add(length)?)?));
    }
    Some(out)
}

fn table<'a>(tables: &[([u8; 4], &'a [u8])], tag: &[u8; 4]) -> Option<&'a [u8]> {
    tables.iter().find(|(t, _)| t == tag).map(|(_, d)| *d)
}

/// The font `font` (a TrueType font with glyph outlines) with the outlines of `chars`
/// only (and of the missing-glyph box); `None` when it is not such a font.
pub fn subset(font: &[u8], chars: impl IntoIterator<Item = char>) -> Option<Vec<u8>> {
    let face = ttf_parser::Face::parse(font, 0).ok()?;
    let tables = tables(font)?;
    let head = table(&tables, b"head")?;
    let long_loca = head.get(50..52)? == [0, 1];
    let loca = table(&tables, b"loca")?;
    let glyf = table(&tables, b"glyf")?;
    let glyphs = usize::from(face.number_of_glyphs());
    let offset = |gid: usize| -> Option<usize> {
        if long_loca {
            Some(u32::from_be_bytes(loca.get(gid * 4..gid * 4 + 4)?.try_into().ok()?) as usize)
        } else {
            Some(
                usize::from(u16::from_be_bytes(
                    loca.get(gid * 2..gid * 2 + 2)?.try_into().ok()?,
                )) * 2,
            )
        }
    };
    let outline = |gid: usize| -> Option<&[u8]> {
        let (start, end) = (offset(gid)?, offset(gid + 1)?);
        glyf.get(start..end.max(start))
    };
    // the glyphs printed, and the parts of composite glyphs
    let mut wanted: BTreeSet<u16> = BTreeSet::from([0]);
    wanted.extend(
        chars
            .into_iter()
            .filter_map(|c| face.glyph_index(c))
            .map(|g| g.0),
    );
    let mut queue: Vec<u16> = wanted.iter().copied().collect();
    while let Some(gid) = queue.pop() {
        for part in components(outline(usize::from(gid)).unwrap_or_default()) {
            if usize::from(part) < glyphs && wanted.insert(part) {
                queue.push(part);
            }
        }
    }
    // glyf and a long loca for every glyph number, empty where not wanted
    let mut new_glyf = Vec::new();
    let mut new_loca = Vec::with_capacity((glyphs + 1) * 4);
    for gid in 0..glyphs {
        new_loca.extend_from_slice(&(new_glyf.len() as u32).to_be_bytes());
        if wanted.contains(&(gid as u16)) {
            new_glyf.extend_from_slice(outline(gid).unwrap_or_default());
            while new_glyf.len() % 4 != 0 {
                new_glyf.push(0);
            }
        }
    }
    new_loca.extend_from_slice(&(new_glyf.len() as u32).to_be_bytes());
    let mut new_head = head.to_vec();
    new_head[50..52].copy_from_slice(&[0, 1]); // long offsets
    new_head[8..12].copy_from_slice(&[0; 4]); // checksum adjustment, set below
    let mut out_tables: Vec<([u8; 4], Vec<u8>)> = KEPT
        .iter()
        .filter_map(|tag| {
            let data = if *tag == b"head" {
                new_head.clone()
            } else {
                table(&tables, tag)?.to_vec()
            };
            Some((**tag, data))
        })
        .collect();
    out_tables.push((*b"glyf", new_glyf));
    out_tables.push((*b"loca", new_loca));
    out_tables.sort_by_key(|(tag, _)| *tag);
    Some(write(&out_tables))
}

/// The glyph numbers a composite outline is made of (none for a simple one).
fn components(outline: &[u8]) -> Vec<u16> {
    const WORDS: u16 = 0x0001;
    const SCALE: u16 = 0x0008;
    const MORE: u16 = 0x0020;
    const XY_SCALE: u16 = 0x0040;
    const TWO_BY_TWO: u16 = 0x0080;
    let mut parts = Vec::new();
    let contours = outline.get(0..2).map(|b| i16::from_be_bytes([b[0], b[1]]));
    if contours.is_none_or(|n| n >= 0) {
        return parts;
    }
    let mut at = 10;
    while let Some(b) = outline.get(at..at + 4) {
        let flags = u16::from_be_bytes([b[0], b[1]]);
        parts.push(u16::from_be_bytes([b[2], b[3]]));
        at += 4 + if flags & WORDS != 0 { 4 } else { 2 };
        at += if flags & SCALE != 0 {
            2
        } else if flags & XY_SCALE != 0 {
            4
        } else if flags & TWO_BY_TWO != 0 {
            8
        } else {
            0
        };
        if flags & MORE == 0 || parts.len() > 64 {
            break;
        }
    }
    parts
}

fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, chunk| {
        let mut word = [0u8; 4];
        word[..chunk.len()].copy_from_slice(chunk);
        sum.wrapping_add(u32::from_be_bytes(word))
    })
}

/// An sfnt file of `tables` (sorted by tag), with its directory and checksums.
fn write(tables: &[([u8; 4], Vec<u8>)]) -> Vec<u8> {
    let count = tables.len() as u16;
    let power = 1u16 << (15 - count.leading_zeros().min(15));
    let search_range = power * 16;
    let entry_selector = power.trailing_zeros() as u16;
    let range_shift = count * 16 - search_range;
    let mut out = Vec::new();
    out.extend_from_slice(&0x0001_0000u32.to_be_bytes());
    for v in [count, search_range, entry_selector, range_shift] {
        out.extend_from_slice(&v.to_be_bytes());
    }
    let mut offset = 12 + 16 * tables.len();
    let mut head_at = None;
    for (tag, data) in tables {
        out.extend_from_slice(tag);
        out.extend_from_slice(&checksum(data).to_be_bytes());
        out.extend_from_slice(&(offset as u32).to_be_bytes());
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        if tag == b"head" {
            head_at = Some(offset);
        }
        offset += data.len().div_ceil(4) * 4;
    }
    for (_, data) in tables {
        out.extend_from_slice(data);
        while out.len() % 4 != 0 {
            out.push(0);
        }
    }
    if let Some(at) = head_at {
        let adjustment = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
        out[at + 8..at + 12].copy_from_slice(&adjustment.to_be_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::font::CJK_FONT;

    #[test]
    fn the_copy_prints_the_same_glyphs_and_is_small() {
        let text = "绩效目标表 ≥95% 产出指标（万元）ABC123";
        let small = subset(CJK_FONT, text.chars()).expect("a TrueType font");
        assert!(small.len() < 1_500_000, "{} bytes", small.len());
        let (full, copy) = (
            ttf_parser::Face::parse(CJK_FONT, 0).unwrap(),
            ttf_parser::Face::parse(&small, 0).expect("the copy parses"),
        );
        assert_eq!(full.number_of_glyphs(), copy.number_of_glyphs());
        for c in text.chars().filter(|c| !c.is_whitespace()) {
            let g = full.glyph_index(c).unwrap();
            assert_eq!(copy.glyph_index(c), Some(g), "{c}");
            assert_eq!(copy.glyph_hor_advance(g), full.glyph_hor_advance(g), "{c}");
            let outline = |f: &ttf_parser::Face| {
                let mut b = Bounds::default();
                f.outline_glyph(g, &mut b)
                    .map(|r| (r.x_min, r.y_min, r.x_max, r.y_max, b.0))
            };
            assert_eq!(outline(&copy), outline(&full), "{c}");
        }
        // a character not printed has no outline in the copy
        let other = full.glyph_index('鑫').unwrap();
        assert!(copy.outline_glyph(other, &mut Bounds::default()).is_none());
    }

    #[test]
    fn anything_but_a_truetype_font_is_refused() {
        assert!(subset(b"", "a".chars()).is_none());
        assert!(subset(&[0u8; 64], "a".chars()).is_none());
        assert!(subset(&CJK_FONT[..4096], "a".chars()).is_none());
    }

    /// Counts the points of an outline.
    #[derive(Default)]
    struct Bounds(usize);
    impl ttf_parser::OutlineBuilder for Bounds {
        fn move_to(&mut self, _: f32, _: f32) {
            self.0 += 1;
        }
        fn line_to(&mut self, _: f32, _: f32) {
            self.0 += 1;
        }
        fn quad_to(&mut self, _: f32, _: f32, _: f32, _: f32) {
            self.0 += 1;
        }
        fn curve_to(&mut self, _: f32, _: f32, _: f32, _: f32, _: f32, _: f32) {
            self.0 += 1;
        }
        fn close(&mut self) {}
    }
}
