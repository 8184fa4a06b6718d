//! A table row broken by a page break: a browser prints the part on the first page with
//! no border under it and the rest on the next with none above. The borders left open
//! at a page's edge are closed (so the parts are cells like the others), and the two
//! parts are joined into the one row they are.

use super::pdf_page::Seg;
use super::source::Row;

/// How far (points) a table's side lines must run past its last (or first) border to be
/// a row left open there, not a line's cap.
const OPEN: f64 = 3.0;

/// Whether a page's tables were left open at its bottom and at its top.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Open {
    pub top: bool,
    pub bottom: bool,
}

/// Adds to `horiz` the borders a page break left out: under side lines that run on below
/// the lowest border, over those that start above the highest.
pub(super) fn close(horiz: &mut Vec<Seg>, vert: &[Seg]) -> Open {
    let mut open = Open::default();
    if horiz.is_empty() || vert.len() < 2 {
        return open;
    }
    let lowest = horiz
        .iter()
        .map(|s| s.y0.max(s.y1))
        .fold(f64::MIN, f64::max);
    let highest = horiz
        .iter()
        .map(|s| s.y0.min(s.y1))
        .fold(f64::MAX, f64::min);
    let below: Vec<&Seg> = vert
        .iter()
        .filter(|s| s.y0.max(s.y1) > lowest + OPEN && s.y0.min(s.y1) < lowest + OPEN)
        .collect();
    if let Some(seg) = across(&below, |s| s.y0.max(s.y1), f64::max) {
        horiz.push(seg);
        open.bottom = true;
    }
    let above: Vec<&Seg> = vert
        .iter()
        .filter(|s| s.y0.min(s.y1) < highest - OPEN && s.y0.max(s.y1) > highest - OPEN)
        .collect();
    if let Some(seg) = across(&above, |s| s.y0.min(s.y1), f64::min) {
        horiz.push(seg);
        open.top = true;
    }
    open
}

/// A border across `sides` (at least two) at the end `end` picks of them.
fn across(sides: &[&Seg], end: impl Fn(&Seg) -> f64, pick: fn(f64, f64) -> f64) -> Option<Seg> {
    if sides.len() < 2 {
        return None;
    }
    let y = sides.iter().map(|s| end(s)).reduce(pick)?;
    let x0 = sides
        .iter()
        .map(|s| s.x0.min(s.x1))
        .fold(f64::MAX, f64::min);
    let x1 = sides
        .iter()
        .map(|s| s.x0.max(s.x1))
        .fold(f64::MIN, f64::max);
    (x1 - x0 > 2.0).then_some(Seg {
        x0,
        y0: y,
        x1,
        y1: y,
    })
}

/// Joins the last table row of the page before (`before`, the index in `rows` of that
/// page's first row) to the first table row of the page after when both were left open
/// there and have as many cells: each cell's text goes on where it stopped.
pub(super) fn join(rows: &mut Vec<Row>, page_start: usize) {
    let Some(first) = (page_start..rows.len()).find(|i| rows[*i].table.is_some()) else {
        return;
    };
    let Some(last) = (0..page_start).rev().find(|i| rows[*i].table.is_some()) else {
        return;
    };
    if rows[last].cells.len() != rows[first].cells.len() {
        return;
    }
    let rest = rows.remove(first);
    for (cell, more) in rows[last].cells.iter_mut().zip(rest.cells) {
        let more = more.text.trim();
        if more.is_empty() {
            continue;
        }
        let ascii_both = cell.text.ends_with(|c: char| c.is_ascii_alphanumeric())
            && more.starts_with(|c: char| c.is_ascii_alphanumeric());
        if ascii_both {
            cell.text.push(' ');
        }
        cell.text.push_str(more);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(x0: f64, y0: f64, x1: f64, y1: f64) -> Seg {
        Seg { x0, y0, x1, y1 }
    }

    #[test]
    fn side_lines_running_past_the_last_border_are_closed_there() {
        // a row whose bottom border the page break left out: sides run to y = 800
        let mut horiz = vec![
            seg(10.0, 700.0, 300.0, 700.0),
            seg(10.0, 750.0, 300.0, 750.0),
        ];
        let vert = vec![
            seg(10.0, 700.0, 10.0, 800.0),
            seg(100.0, 700.0, 100.0, 800.0),
            seg(300.0, 700.0, 300.0, 800.0),
        ];
        let open = close(&mut horiz, &vert);
        assert_eq!(
            open,
            Open {
                top: false,
                bottom: true
            }
        );
        assert!((horiz[2].y0 - 800.0).abs() < 1e-9 && horiz[2].x0 == 10.0 && horiz[2].x1 == 300.0);
        // a closed table: nothing added
        let mut closed = vec![
            seg(10.0, 700.0, 300.0, 700.0),
            seg(10.0, 800.0, 300.0, 800.0),
        ];
        let sides = vec![
            seg(10.0, 700.0, 10.0, 800.5),
            seg(300.0, 700.0, 300.0, 800.5),
        ];
        assert_eq!(close(&mut closed, &sides), Open::default());
        assert_eq!(closed.len(), 2);
    }

    #[test]
    fn the_two_parts_of_a_broken_row_are_one_row() {
        use super::super::source::Cell;
        let row = |cells: &[&str], table: Option<usize>| Row {
            cells: cells.iter().map(|t| Cell::new(*t)).collect(),
            place: String::new(),
            table,
        };
        let mut rows = vec![
            row(
                &[
                    "项目名称",
                    "2018年市级专项扶贫资金基础设施(人大代表扶贫基",
                    "项目负责人及",
                    "（已隐去）",
                ],
                Some(1),
            ),
            row(&["第 1 页"], None),
            row(&["", "地)", "电话", ""], Some(2)),
            row(&["主管部门", "南岳镇政府", "实施单位", "某公司"], Some(2)),
        ];
        join(&mut rows, 1);
        assert_eq!(rows.len(), 3);
        assert_eq!(
            rows[0].cells[1].text,
            "2018年市级专项扶贫资金基础设施(人大代表扶贫基地)"
        );
        assert_eq!(rows[0].cells[2].text, "项目负责人及电话");
        assert_eq!(rows[2].cells[0].text, "主管部门");
    }
}
