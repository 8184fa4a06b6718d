//! Text from files and the system made safe to show in a message: control characters
//! made visible, overlong text shortened.

use std::path::Path;

/// Longest piece of foreign text quoted in a message.
const MAX_QUOTED_CHARS: usize = 120;

/// `s` with control characters (escape sequences, NUL, bidi overrides) written as
/// `\u{…}` and cut to a readable length with "…".
pub fn printable(s: &str) -> String {
    let mut out = String::with_capacity(s.len().min(MAX_QUOTED_CHARS * 4));
    for (i, c) in s.chars().enumerate() {
        if i == MAX_QUOTED_CHARS {
            out.push('…');
            break;
        }
        if c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}') {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// Longest path shown whole in a message; a longer one keeps its start and its end
/// (the file's name).
const MAX_PATH_CHARS: usize = 200;

/// A path for a message: as the user typed it, made printable; an overlong one (a
/// 4,000-character path) shortened in the middle so the reason stays readable.
pub fn path(p: &Path) -> String {
    let chars: Vec<char> = p
        .display()
        .to_string()
        .chars()
        .map(|c| if c.is_control() { '�' } else { c })
        .collect();
    if chars.len() <= MAX_PATH_CHARS {
        return chars.into_iter().collect();
    }
    let head: String = chars[..60].iter().collect();
    let tail: String = chars[chars.len() - 130..].iter().collect();
    format!("{head}…{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_shown_not_sent() {
        assert_eq!(printable("a\u{1b}[31mb"), "a\\u{1b}[31mb");
        assert_eq!(printable("x\ny"), "x\\u{a}y");
        assert_eq!(printable("正常的文字"), "正常的文字");
        let long = "长".repeat(500);
        assert_eq!(printable(&long).chars().count(), MAX_QUOTED_CHARS + 1);
        assert_eq!(path(Path::new("/tmp/a\u{7}b.ron")), "/tmp/a�b.ron");
        let deep = format!("/{}/表.ron", "很深的文件夹/".repeat(400));
        let shown = path(Path::new(&deep));
        assert!(shown.chars().count() <= MAX_PATH_CHARS);
        assert!(shown.ends_with("/表.ron") && shown.contains('…'));
    }
}
