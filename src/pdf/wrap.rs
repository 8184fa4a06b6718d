//! Line breaking for Chinese text by measured glyph widths, with the usual rules
//! (禁则): no line starts with closing punctuation, none ends with an opening one, and
//! runs of Latin letters or digits (2020, >=95%, 5,601,000) are not split.

/// Characters that must not begin a line.
const NO_LINE_START: &str = "，。；：、！？）」』”’》〉】〕〗〙〛｝］…—～·%‰℃,.;:!?)]}'\"％";
/// Characters that must not end a line.
const NO_LINE_END: &str = "（「『“‘《〈【〔〖〘〚｛［([{";

fn is_no_start(c: char) -> bool {
    NO_LINE_START.contains(c)
}

fn is_no_end(c: char) -> bool {
    NO_LINE_END.contains(c)
}

/// Two-character words of the form's level names that a narrow cell must not split
/// (一级指/标): breaking before them leaves the line short by one character, which a
/// reader of the PDF still joins as one cell.
const KEEP_TOGETHER: &[&str] = &["指标", "目标"];

/// Characters that stick together into one unbreakable unit with their neighbours.
fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(
            c,
            '.' | ',' | '%' | '-' | '_' | '=' | '>' | '<' | '/' | '+' | '#' | '&' | '@'
        )
}

/// One unbreakable piece: a CJK character, a Latin word or number, or a space.
fn units(paragraph: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in paragraph.char_indices() {
        if is_word_char(c) {
            if start.is_none() {
                start = Some(i);
            }
            continue;
        }
        if let Some(s) = start.take() {
            out.push(&paragraph[s..i]);
        }
        out.push(&paragraph[i..i + c.len_utf8()]);
    }
    if let Some(s) = start {
        out.push(&paragraph[s..]);
    }
    out
}

/// Wraps `text` into lines no wider than `width`, measuring each char with `measure`.
/// Paragraphs (`\n`) always start a new line; an empty paragraph is an empty line.
pub fn wrap(text: &str, width: f32, measure: &dyn Fn(char) -> f32) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        wrap_paragraph(paragraph.trim_end_matches('\r'), width, measure, &mut lines);
    }
    lines
}

fn wrap_paragraph(
    paragraph: &str,
    width: f32,
    measure: &dyn Fn(char) -> f32,
    out: &mut Vec<String>,
) {
    let units = units(paragraph);
    if units.is_empty() {
        out.push(String::new());
        return;
    }
    let unit_width = |u: &str| u.chars().map(measure).sum::<f32>();
    let widths: Vec<f32> = units.iter().map(|u| unit_width(u)).collect();
    let mut start = 0;
    while start < units.len() {
        // Greedy: as many units as fit.
        let mut end = start;
        let mut used = 0.0;
        while end < units.len() && (end == start || used + widths[end] <= width + 0.01) {
            used += widths[end];
            end += 1;
        }
        if end < units.len() {
            end = adjust_break(&units, start, end);
        }
        let mut line: String = units[start..end].concat();
        // Spaces at a line start are dropped: they stay at the end of this line instead,
        // invisible, so that the text read back from the page is the text written
        // (a space between "600" and "人次" where the line breaks is not lost).
        let mut next = end;
        while next < units.len() && units[next] == " " {
            line.push(' ');
            next += 1;
        }
        // A single unit wider than the line (a very long number or URL) is cut by chars.
        if end == start + 1 && widths[start] > width + 0.01 {
            split_long_unit(units[start], width, measure, out);
        } else if next == units.len() {
            out.push(line.trim_end().to_string()); // the paragraph's own end
        } else {
            out.push(line);
        }
        start = next;
    }
}

/// Moves a break at `end` earlier so that the next line does not start with closing
/// punctuation and this one does not end with opening punctuation. If no better break
/// exists, a closing mark is allowed to hang on the line (it is narrow) instead.
fn adjust_break(units: &[&str], start: usize, end: usize) -> usize {
    let first_char = |u: &str| u.chars().next().unwrap_or(' ');
    let last_char = |u: &str| u.chars().next_back().unwrap_or(' ');
    let mut e = end;
    while e > start + 1 && (is_no_start(first_char(units[e])) || is_no_end(last_char(units[e - 1])))
    {
        e -= 1;
    }
    // Short labels in narrow cells ("产出指/标") are not cut inside a word of the form
    // (指标, 目标…); running text breaks anywhere, as Chinese does.
    let short_label = units.len() <= 8;
    let cuts_word = |e: usize| {
        let pair = format!("{}{}", units[e - 1], units[e]);
        KEEP_TOGETHER.contains(&pair.as_str())
    };
    if short_label && e > start + 2 && e < units.len() && cuts_word(e) {
        e -= 1;
    }
    if e == start + 1 && (is_no_start(first_char(units[e])) || is_no_end(last_char(units[e - 1]))) {
        // Nowhere to move back to: hang the closing marks on this line.
        let mut e = end;
        while e < units.len() && is_no_start(first_char(units[e])) {
            e += 1;
        }
        return e;
    }
    e
}

fn split_long_unit(unit: &str, width: f32, measure: &dyn Fn(char) -> f32, out: &mut Vec<String>) {
    let mut line = String::new();
    let mut used = 0.0;
    for c in unit.chars() {
        let w = measure(c);
        if !line.is_empty() && used + w > width + 0.01 {
            out.push(std::mem::take(&mut line));
            used = 0.0;
        }
        line.push(c);
        used += w;
    }
    if !line.is_empty() {
        out.push(line);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every CJK char 1 wide, every ASCII char 0.5 wide.
    fn m(c: char) -> f32 {
        if c.is_ascii() {
            0.5
        } else {
            1.0
        }
    }

    fn w(text: &str, width: f32) -> Vec<String> {
        wrap(text, width, &m)
    }

    #[test]
    fn fills_lines_by_width() {
        assert_eq!(w("一二三四五六七", 3.0), ["一二三", "四五六", "七"]);
        assert_eq!(w("一二三", 3.0), ["一二三"]);
    }

    #[test]
    fn paragraphs_are_kept() {
        assert_eq!(w("一二\n\n三", 5.0), ["一二", "", "三"]);
    }

    #[test]
    fn no_line_starts_with_closing_punctuation() {
        // "三" would end line 1 and "，" would start line 2: move "三" down with it.
        assert_eq!(w("一二三，四五", 3.0), ["一二", "三，四", "五"]);
        for line in w("这是一个测试。再来一句，还有一句；结束。", 4.0) {
            assert!(!is_no_start(line.chars().next().unwrap()), "{line}");
        }
    }

    #[test]
    fn no_line_ends_with_opening_punctuation() {
        assert_eq!(w("一二“三四”", 3.0), ["一二", "“三", "四”"]);
        for line in w(
            "根据《关于同意调整上海市青少年服务》（沪编〔2018〕27号）",
            5.0,
        ) {
            assert!(!is_no_end(line.chars().last().unwrap()), "{line}");
            assert!(!is_no_start(line.chars().next().unwrap()), "{line}");
        }
    }

    #[test]
    fn numbers_and_latin_words_stay_whole() {
        // "5,601,000" is 4.5 wide: it moves to the next line whole.
        assert_eq!(w("预算5,601,000元", 5.5), ["预算", "5,601,000元"]);
        assert_eq!(w("目标>=95%", 4.0), ["目标", ">=95%"]);
        // a narrow 一级 cell: never "产出指/标"
        assert_eq!(w("产出指标", 3.0), ["产出", "指标"]);
        assert_eq!(w("满意度指标", 4.0), ["满意度", "指标"]);
    }

    #[test]
    fn overlong_unit_is_cut() {
        let lines = w("abcdefghij", 2.0);
        assert_eq!(lines, ["abcd", "efgh", "ij"]);
    }

    /// The spaces where a line breaks stay at its end (invisible), so that the lines
    /// joined are the text again; the paragraph's own trailing spaces go.
    #[test]
    fn spaces_at_a_break_stay_on_the_line_above() {
        assert_eq!(w("服务 600 人次", 3.5), ["服务 ", "600 人", "次"]);
        assert_eq!(w("一二  三", 2.0), ["一二  ", "三"]);
        assert_eq!(w("一二 ", 5.0), ["一二"]);
        let text = "全年开展 60 场，完成 8000 人次，个体咨询 600 人次 and more words。";
        for width in [2.0, 3.0, 4.5, 7.0] {
            assert_eq!(w(text, width).concat(), text, "width {width}");
        }
    }

    #[test]
    fn nothing_is_lost() {
        let text = "1、按照市委办公厅、市政府办公厅印发《关于加强上海市青年工作联席会议制度建设的若干意见》（沪委办〔2010〕64号），“联席会议作为”。";
        for width in [1.0, 2.0, 3.5, 7.0, 20.0] {
            let joined: String = w(text, width).concat();
            assert_eq!(joined, text, "width {width}");
        }
    }
}
