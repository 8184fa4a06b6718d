//! A PDF page as rows: the table cells rebuilt from the lines drawn (a cell merged over
//! rows or columns is one cell, its text wherever it is printed inside), a cell's
//! wrapped lines joined into one value (a line that stops short of the cell's edge was a
//! line break in the text), and text outside tables as lines split at wide gaps.

use super::pdf_page::{Page, Seg};
use super::source::{Cell, Row};

/// Coordinates within `tol` of each other as one, sorted.
fn cluster(mut values: Vec<f64>, tol: f64) -> Vec<f64> {
    values.sort_by(f64::total_cmp);
    let mut out: Vec<(f64, usize)> = Vec::new();
    for v in values {
        match out.last_mut() {
            Some((sum, n)) if v - *sum / *n as f64 <= tol => {
                *sum += v;
                *n += 1;
            }
            _ => out.push((v, 1)),
        }
    }
    out.into_iter().map(|(s, n)| s / n as f64).collect()
}

/// The index of the band of `edges` holding `v`.
fn band(edges: &[f64], v: f64) -> Option<usize> {
    if edges.len() < 2 || v < edges[0] || v > edges[edges.len() - 1] {
        return None;
    }
    let i = edges.partition_point(|e| *e <= v);
    Some(i.saturating_sub(1).min(edges.len() - 2))
}

struct Region {
    r0: usize,
    r1: usize,
    c0: usize,
    c1: usize,
    glyphs: Vec<usize>,
}

fn find(parent: &mut [usize], i: usize) -> usize {
    let mut r = i;
    while parent[r] != r {
        parent[r] = parent[parent[r]];
        r = parent[r];
    }
    r
}

/// Tolerance for lines meeting (points).
const TOL: f64 = 1.5;

/// Lays out one page into `rows`; says whether its tables were left open at its top or
/// bottom (a row broken by the page break).
pub(super) fn layout_page(
    page: &Page,
    number: usize,
    table: &mut usize,
    rows: &mut Vec<Row>,
) -> super::pdf_breaks::Open {
    let mut horiz: Vec<Seg> = page
        .segs
        .iter()
        .filter(|s| (s.y0 - s.y1).abs() < 1.0 && (s.x1 - s.x0).abs() > 2.0)
        .copied()
        .collect();
    let vert: Vec<Seg> = page
        .segs
        .iter()
        .filter(|s| (s.x0 - s.x1).abs() < 1.0 && (s.y1 - s.y0).abs() > 2.0)
        .copied()
        .collect();
    let open = super::pdf_breaks::close(&mut horiz, &vert);
    let xs = cluster(vert.iter().map(|s| (s.x0 + s.x1) / 2.0).collect(), TOL);
    let ys = cluster(horiz.iter().map(|s| (s.y0 + s.y1) / 2.0).collect(), TOL);
    let (nr, nc) = (ys.len().saturating_sub(1), xs.len().saturating_sub(1));
    let mut items: Vec<(f64, Row)> = Vec::new();
    let mut in_cell = vec![false; page.glyphs.len()];
    if nr > 0 && nc > 0 && nr * nc <= 200_000 {
        let v_at = |x: f64, ylo: f64, yhi: f64| {
            let mid = (ylo + yhi) / 2.0;
            vert.iter().any(|s| {
                (s.x0 - x).abs() < TOL && s.y0.min(s.y1) - TOL <= mid && mid <= s.y0.max(s.y1) + TOL
            })
        };
        let h_at = |y: f64, xlo: f64, xhi: f64| {
            let mid = (xlo + xhi) / 2.0;
            horiz.iter().any(|s| {
                (s.y0 - y).abs() < TOL && s.x0.min(s.x1) - TOL <= mid && mid <= s.x0.max(s.x1) + TOL
            })
        };
        let id = |r: usize, c: usize| r * nc + c;
        let mut parent: Vec<usize> = (0..nr * nc).collect();
        for r in 0..nr {
            for c in 0..nc {
                if c + 1 < nc && !v_at(xs[c + 1], ys[r], ys[r + 1]) {
                    let (a, b) = (find(&mut parent, id(r, c)), find(&mut parent, id(r, c + 1)));
                    parent[a] = b;
                }
                if r + 1 < nr && !h_at(ys[r + 1], xs[c], xs[c + 1]) {
                    let (a, b) = (find(&mut parent, id(r, c)), find(&mut parent, id(r + 1, c)));
                    parent[a] = b;
                }
            }
        }
        // regions: bounding boxes of the joined cells; a real cell is a full rectangle
        // with borders on its four sides
        let mut regions: std::collections::BTreeMap<usize, Region> = Default::default();
        let mut count: std::collections::HashMap<usize, usize> = Default::default();
        for r in 0..nr {
            for c in 0..nc {
                let root = find(&mut parent, id(r, c));
                *count.entry(root).or_default() += 1;
                let reg = regions.entry(root).or_insert(Region {
                    r0: r,
                    r1: r,
                    c0: c,
                    c1: c,
                    glyphs: Vec::new(),
                });
                reg.r0 = reg.r0.min(r);
                reg.r1 = reg.r1.max(r);
                reg.c0 = reg.c0.min(c);
                reg.c1 = reg.c1.max(c);
            }
        }
        let real: std::collections::HashSet<usize> = regions
            .iter()
            .filter(|(root, g)| {
                let area = (g.r1 - g.r0 + 1) * (g.c1 - g.c0 + 1);
                area == count[root]
                    && h_at(ys[g.r0], xs[g.c0], xs[g.c0 + 1])
                    && h_at(ys[g.r1 + 1], xs[g.c0], xs[g.c0 + 1])
                    && v_at(xs[g.c0], ys[g.r0], ys[g.r0 + 1])
                    && v_at(xs[g.c1 + 1], ys[g.r0], ys[g.r0 + 1])
            })
            .map(|(root, _)| *root)
            .collect();
        for (i, g) in page.glyphs.iter().enumerate() {
            let cx = g.x + g.w / 2.0;
            let cy = g.y - g.size * 0.35;
            if let (Some(c), Some(r)) = (band(&xs, cx), band(&ys, cy)) {
                let root = find(&mut parent, id(r, c));
                if real.contains(&root) {
                    if let Some(reg) = regions.get_mut(&root) {
                        reg.glyphs.push(i);
                        in_cell[i] = true;
                    }
                }
            }
        }
        let line_h = line_height(page);
        for (r, top) in ys.iter().enumerate().take(nr) {
            let mut here: Vec<&Region> = regions
                .iter()
                .filter(|(root, g)| real.contains(root) && g.r0 <= r && r <= g.r1)
                .map(|(_, g)| g)
                .collect();
            if here.is_empty() || here.iter().all(|g| g.r0 < r) {
                continue; // nothing starts in this row
            }
            here.sort_by_key(|g| g.c0);
            let cells = here
                .iter()
                .map(|g| {
                    let (text, open_end) = cell_text(page, g, &xs, line_h);
                    Cell {
                        text,
                        merged: g.r0 < r,
                        open_end,
                    }
                })
                .collect();
            items.push((
                *top,
                Row {
                    cells,
                    place: String::new(),
                    table: Some(0),
                },
            ));
        }
    }
    // text outside the cells, as lines
    let free: Vec<usize> = (0..page.glyphs.len()).filter(|i| !in_cell[*i]).collect();
    for line in lines(page, &free) {
        let top = page.glyphs[line[0]].y;
        let cells = split_by_gaps(page, &line)
            .into_iter()
            .map(Cell::new)
            .collect();
        items.push((
            top - 1.0,
            Row {
                cells,
                place: String::new(),
                table: None,
            },
        ));
    }
    items.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut last_was_table = false;
    for (k, (_, mut row)) in items.into_iter().enumerate() {
        row.place = format!("第 {number} 页第 {} 行", k + 1);
        if row.table.is_some() {
            if !last_was_table {
                *table += 1;
            }
            row.table = Some(*table);
            last_was_table = true;
        } else {
            last_was_table = false;
        }
        if !row.is_blank() {
            rows.push(row);
        }
    }
    open
}

/// How wide a space is where the page shows one, else a third of the size.
fn space_width(page: &Page, size: f64) -> f64 {
    page.glyphs
        .iter()
        .find(|g| g.ch == " " && g.w > 0.0)
        .map_or(size / 3.0, |g| g.w * size / g.size)
}

/// The usual distance between baselines on the page.
fn line_height(page: &Page) -> f64 {
    let size = page.glyphs.iter().map(|g| g.size).fold(0.0, f64::max);
    let mut ys: Vec<f64> = page.glyphs.iter().map(|g| g.y).collect();
    ys.sort_by(f64::total_cmp);
    ys.dedup_by(|a, b| (*a - *b).abs() < 0.5);
    let mut gaps: Vec<f64> = ys
        .windows(2)
        .map(|w| w[1] - w[0])
        .filter(|d| *d > size * 0.8)
        .collect();
    gaps.sort_by(f64::total_cmp);
    gaps.first().copied().unwrap_or(size * 1.5).max(1.0)
}

/// The glyphs `ids` as lines: grouped by baseline, each sorted left to right.
fn lines(page: &Page, ids: &[usize]) -> Vec<Vec<usize>> {
    let mut sorted: Vec<usize> = ids.to_vec();
    sorted.sort_by(|a, b| page.glyphs[*a].y.total_cmp(&page.glyphs[*b].y));
    let mut out: Vec<Vec<usize>> = Vec::new();
    for i in sorted {
        let g = &page.glyphs[i];
        match out.last_mut() {
            Some(line) if (page.glyphs[line[0]].y - g.y).abs() < g.size * 0.4 => line.push(i),
            _ => out.push(vec![i]),
        }
    }
    for line in &mut out {
        line.sort_by(|a, b| page.glyphs[*a].x.total_cmp(&page.glyphs[*b].x));
    }
    out
}

/// A line's text, with a space where the glyphs leave a gap and none is drawn.
fn line_text(page: &Page, line: &[usize]) -> String {
    let mut s = String::new();
    let mut end: Option<f64> = None;
    for &i in line {
        let g = &page.glyphs[i];
        if let Some(e) = end {
            if g.x - e > g.size * 0.3 && !s.ends_with(' ') && g.ch != " " {
                s.push(' ');
            }
        }
        s.push_str(&g.ch);
        end = Some(g.x + g.w);
    }
    s
}

/// A free line split where the gap is wide (columns of text outside a table).
fn split_by_gaps(page: &Page, line: &[usize]) -> Vec<String> {
    let mut parts: Vec<Vec<usize>> = vec![Vec::new()];
    let mut end: Option<f64> = None;
    for &i in line {
        let g = &page.glyphs[i];
        if let Some(e) = end {
            if g.x - e > g.size * 2.0 {
                parts.push(Vec::new());
            }
        }
        if let Some(p) = parts.last_mut() {
            p.push(i);
        }
        if g.ch.trim().is_empty() {
            continue;
        }
        end = Some(g.x + g.w);
    }
    parts
        .iter()
        .map(|p| line_text(page, p).trim().to_string())
        .collect()
}

/// Characters that do not start a line, and that do not end one (the layout's 禁则).
const NO_START: &str = "，。；：、！？）」』”’》〉】〕〗〙〛｝］…—～·%‰℃,.;:!?)]}'\"％";
const NO_END: &str = "（「『“‘《〈【〔〖〘〚｛［([{";

fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || ".,%-_=><#/+&@".contains(c)
}

/// A cell's text: its lines joined, with a line break where a line stopped short of the
/// cell's edge (it would have held more), and an empty line where one was left out.
/// Also whether the last line reached the edge.
fn cell_text(page: &Page, region: &Region, xs: &[f64], line_h: f64) -> (String, bool) {
    let ls = lines(page, &region.glyphs);
    if ls.is_empty() {
        return (String::new(), false);
    }
    let (left, right) = (xs[region.c0], xs[region.c1 + 1]);
    let starts: Vec<f64> = ls.iter().map(|l| page.glyphs[l[0]].x).collect();
    let min_start = starts.iter().copied().fold(f64::INFINITY, f64::min);
    let aligned_left = starts.iter().all(|s| (s - min_start).abs() < 1.0);
    let pad = (min_start - left).max(0.0);
    let inner_right = right - pad;
    let end_of = |l: &[usize]| {
        l.iter()
            .map(|i| &page.glyphs[*i])
            .filter(|g| !g.ch.trim().is_empty())
            .map(|g| g.x + g.w)
            .fold(f64::NEG_INFINITY, f64::max)
    };
    let mut text = String::new();
    // spaces drawn at the end of the line above: this program's PDFs keep the spaces
    // of a soft break there, so the break is known to be one and the spaces are kept
    let mut kept = String::new();
    for (k, l) in ls.iter().enumerate() {
        let t = line_text(page, l);
        if k > 0 && !kept.is_empty() {
            text.push_str(&std::mem::take(&mut kept));
        } else if k > 0 {
            let prev = &ls[k - 1];
            let gap = inner_right - end_of(prev);
            // what the next line starts with: its first unit, and the units that may
            // not be parted from it
            let chars: Vec<(char, f64)> = l
                .iter()
                .map(|i| &page.glyphs[*i])
                .flat_map(|g| g.ch.chars().map(move |c| (c, g.w)))
                .collect();
            let mut need = 0.0;
            let mut j = 0;
            // an opening mark cannot end a line: it went down with what follows it
            while j < chars.len() && NO_END.contains(chars[j].0) {
                need += chars[j].1;
                j += 1;
            }
            if let Some(&(c0, w0)) = chars.get(j) {
                need += w0;
                j += 1;
                if is_word(c0) {
                    while j < chars.len() && is_word(chars[j].0) {
                        need += chars[j].1;
                        j += 1;
                    }
                }
                while j < chars.len() && NO_START.contains(chars[j].0) {
                    need += chars[j].1;
                    j += 1;
                }
            }
            let prev_text = text.chars().next_back();
            let baseline_gap = page.glyphs[l[0]].y - page.glyphs[prev[0]].y;
            let blank_lines = ((baseline_gap / line_h).round() as i64 - 1).clamp(0, 50) as usize;
            // what went down would have fitted: a line break, or a space dropped at the
            // break (it stood before what went down and took the room)
            let space = space_width(page, page.glyphs[l[0]].size);
            let hard = aligned_left && gap > need + space + 0.5;
            // (a line may break after a hyphen or slash with no space: 2023.07-/2024.01)
            let spaced = gap > need + 0.3
                || prev_text.is_some_and(|c| is_word(c) && !matches!(c, '-' | '/'))
                    && t.chars().next().is_some_and(is_word);
            if hard || blank_lines > 0 {
                text.push('\n');
                for _ in 0..blank_lines {
                    text.push('\n');
                }
            } else if spaced {
                text.push(' ');
            }
        }
        let trimmed = t.trim_end();
        kept = t[trimmed.len()..].to_string();
        text.push_str(trimmed);
    }
    let last = &ls[ls.len() - 1];
    let size = page.glyphs[last[0]].size;
    let open_end = aligned_left && inner_right - end_of(last) < size * 1.2;
    (text.trim_end().to_string(), open_end)
}
