//! What kind of file a clerk gave, decided by its content (a `.pdf` renamed `.txt` is
//! still read as a PDF), and text decoded from the encodings Chinese Windows editors
//! save in.

/// The kinds of file the importer reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Pdf,
    Docx,
    Xlsx,
    /// Excel 97–2003 (an OLE compound file with a workbook stream).
    Xls,
    /// This program's own save file.
    Form,
    Text,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Pdf => "PDF",
            Kind::Docx => "Word 文档",
            Kind::Xlsx => "Excel 工作簿",
            Kind::Xls => "Excel 97–2003 工作簿",
            Kind::Form => "绩效目标表文件",
            Kind::Text => "文本",
        }
    }
}

/// Why a file is not read at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// An OLE file that is an encrypted Office document.
    Encrypted,
    /// A Word 97–2003 `.doc`.
    LegacyWord,
    /// A zip that is neither a Word document nor a workbook.
    OtherZip,
    /// Bytes that are no text in any encoding read here (an image, a program).
    Binary,
}

const OLE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// The kind of `bytes`.
pub fn kind_of(bytes: &[u8]) -> Result<Kind, Refused> {
    let head = &bytes[..bytes.len().min(1024)];
    // a PDF starts with its header (a few readers allow junk before it within the first
    // 1024 bytes, then it also has its cross-reference marker); a text that mentions
    // "%PDF-" is still a text
    let starts = {
        let t = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
        let t = &t[t.iter().take_while(|b| b.is_ascii_whitespace()).count()..];
        t.starts_with(b"%PDF-")
    };
    if starts || find(head, b"%PDF-").is_some() && find(bytes, b"startxref").is_some() {
        return Ok(Kind::Pdf);
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return zip_kind(bytes);
    }
    if bytes.starts_with(&OLE) {
        return ole_kind(bytes);
    }
    let (text, _) = decode(&bytes[..bytes.len().min(64 * 1024)]);
    let body = text.trim_start_matches('\u{feff}');
    if crate::core::file::store::looks_like_form_text(body) {
        return Ok(Kind::Form);
    }
    let control = body
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
        .count();
    if control * 50 > body.chars().count().max(1) || body.contains('\u{fffd}') && control > 0 {
        return Err(Refused::Binary);
    }
    Ok(Kind::Text)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// A zip by the parts it has: `word/document.xml` or `xl/workbook.xml`.
fn zip_kind(bytes: &[u8]) -> Result<Kind, Refused> {
    let Ok(zip) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        // a damaged zip: let the Word reader say so if it names a document part
        return if find(bytes, b"word/").is_some() {
            Ok(Kind::Docx)
        } else if find(bytes, b"xl/").is_some() {
            Ok(Kind::Xlsx)
        } else {
            Err(Refused::OtherZip)
        };
    };
    let names: Vec<String> = zip.file_names().flatten().map(|n| n.into_owned()).collect();
    if names.iter().any(|n| n == "word/document.xml") {
        Ok(Kind::Docx)
    } else if names.iter().any(|n| n.starts_with("xl/")) {
        Ok(Kind::Xlsx)
    } else {
        Err(Refused::OtherZip)
    }
}

/// An OLE compound file: an Excel 97–2003 workbook, an encrypted Office 2007+ file
/// (its package inside an `EncryptedPackage` stream), or a Word 97–2003 document.
fn ole_kind(bytes: &[u8]) -> Result<Kind, Refused> {
    let utf16 = |s: &str| -> Vec<u8> { s.encode_utf16().flat_map(u16::to_le_bytes).collect() };
    if find(bytes, &utf16("EncryptedPackage")).is_some() {
        Err(Refused::Encrypted)
    } else if find(bytes, &utf16("WordDocument")).is_some() {
        Err(Refused::LegacyWord)
    } else {
        Ok(Kind::Xls)
    }
}

/// Decodes text as people save it: UTF-8 (with or without BOM), UTF-16 (with a BOM, or
/// without one when every other byte is zero), else GBK/GB18030. Returns the text and,
/// when it was not UTF-8, a note saying which encoding was assumed.
pub fn decode(bytes: &[u8]) -> (String, Option<String>) {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        let note = (encoding != encoding_rs::UTF_8)
            .then(|| format!("文本按 {} 编码读取", encoding.name()));
        return (text.into_owned(), note);
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(bytes);
        return (
            text.into_owned(),
            Some(format!("文本按 {} 编码读取", encoding.name())),
        );
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_string(), None),
        Err(e) if e.error_len().is_none() && e.valid_up_to() + 4 > bytes.len() => {
            // cut in the middle of a character (a prefix read for sniffing)
            (String::from_utf8_lossy(bytes).into_owned(), None)
        }
        Err(_) if plain_utf16(bytes).is_some() => {
            let encoding = plain_utf16(bytes).unwrap_or(encoding_rs::UTF_16LE);
            let (text, _) = encoding.decode_without_bom_handling(bytes);
            (
                text.into_owned(),
                Some(format!("文本按 {} 编码读取", encoding.name())),
            )
        }
        Err(_) => {
            let (text, _, had_errors) = encoding_rs::GB18030.decode(bytes);
            let note = if had_errors {
                "文本既不是 UTF-8 也不是 GBK，部分字符可能无法识别".to_string()
            } else {
                "文本不是 UTF-8，已按 GBK 编码读取".to_string()
            };
            (text.into_owned(), Some(note))
        }
    }
}

/// UTF-16 without a byte-order mark and with no ASCII in it (all Chinese: no zero
/// bytes to go by): the byte order in which nearly every character is a Chinese
/// character, Chinese punctuation or white space.
fn plain_utf16(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let sample = &bytes[..bytes.len().min(4096)];
    let plausible = |le: bool| -> bool {
        let units: Vec<u16> = sample
            .chunks_exact(2)
            .map(|p| {
                if le {
                    u16::from_le_bytes([p[0], p[1]])
                } else {
                    u16::from_be_bytes([p[0], p[1]])
                }
            })
            .collect();
        let good = char::decode_utf16(units.iter().copied())
            .filter(|c| {
                c.as_ref().is_ok_and(|c| {
                    matches!(*c as u32, 0x4E00..=0x9FFF | 0x3000..=0x303F | 0xFF00..=0xFFEF)
                        || c.is_ascii_graphic()
                        || c.is_whitespace()
                })
            })
            .count();
        good * 100 >= units.len() * 95
    };
    if plausible(true) {
        Some(encoding_rs::UTF_16LE)
    } else if plausible(false) {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// UTF-16 saved without a byte-order mark: ASCII characters show as a zero byte every
/// other byte.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let sample = &bytes[..bytes.len().min(4096)];
    let pairs = sample.len() / 2;
    let zero_odd = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|b| **b == 0)
        .count();
    let zero_even = sample.iter().step_by(2).filter(|b| **b == 0).count();
    if zero_odd * 4 > pairs && zero_even == 0 {
        Some(encoding_rs::UTF_16LE)
    } else if zero_even * 4 > pairs && zero_odd == 0 {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_by_content_not_name() {
        assert_eq!(kind_of(b"%PDF-1.7\n..."), Ok(Kind::Pdf));
        assert_eq!(
            kind_of("说明：导出的文件以 %PDF-1.7 开头。".as_bytes()),
            Ok(Kind::Text)
        );
        assert_eq!(
            kind_of("Form(\n format_version: 2,".as_bytes()),
            Ok(Kind::Form)
        );
        assert_eq!(kind_of("项目名称：某项目".as_bytes()), Ok(Kind::Text));
        assert_eq!(kind_of(b"PK\x03\x04garbage"), Err(Refused::OtherZip));
        assert_eq!(
            kind_of(&[0x89, b'P', b'N', b'G', 0, 0, 1, 2, 3, 0, 0, 0]),
            Err(Refused::Binary)
        );
        let mut ole = OLE.to_vec();
        ole.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(kind_of(&ole), Err(Refused::Encrypted));
    }

    #[test]
    fn every_encoding_a_windows_editor_saves() {
        let text = "项目名称：青少年服务 ≥90%";
        let (gbk, _, _) = encoding_rs::GBK.encode("项目名称：青少年服务");
        assert_eq!(decode(&gbk).0, "项目名称：青少年服务");
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode(&le).0, text, "UTF-16LE without BOM");
        assert_eq!(decode(&be).0, text, "UTF-16BE without BOM");
        // all Chinese: no zero byte to go by
        let chinese = "项目名称：青少年服务和权益保护工作经费，绩效目标。";
        let cle: Vec<u8> = chinese.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let cbe: Vec<u8> = chinese.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode(&cle).0, chinese, "Chinese UTF-16LE without BOM");
        assert_eq!(decode(&cbe).0, chinese, "Chinese UTF-16BE without BOM");
        // and GBK stays GBK
        let (gbk, _, _) = encoding_rs::GBK.encode(chinese);
        assert_eq!(decode(&gbk).0, chinese);
        let mut bom = vec![0xFF, 0xFE];
        bom.extend(&le);
        assert_eq!(decode(&bom).0, text);
        let mut utf8 = vec![0xEF, 0xBB, 0xBF];
        utf8.extend(text.as_bytes());
        assert_eq!(decode(&utf8), (text.to_string(), None));
    }
}
