//! A grid printed with two target columns, 实施期指标值 (or 中期 / 长期) beside 年度指标值:
//! the yearly grid takes the yearly column, and the layout's 中期 grid (when it has one
//! and the file has no table of its own for it) takes the same rows with the other.

use super::GridState;
use crate::core::exchange::import::goals::Goals;
use crate::core::exchange::import::grid_rows::{Col, Header};
use crate::core::template::{ColumnKind, Template};

const LONG: [&str; 4] = ["中期", "实施期", "长期", "全周期"];

/// The second grid being filled from the long column.
pub(super) struct LongColumn {
    /// The template's grid it fills.
    pub grid: usize,
    /// The heading of the long column, as printed.
    pub label: String,
    pub state: GridState,
}

impl LongColumn {
    /// For grid `g` read under `header`: the long column and the grid it goes to, where
    /// both exist and that grid is still empty.
    pub fn find(
        template: &Template,
        g: usize,
        header: &Header,
        empty: impl Fn(usize) -> bool,
        project_cols: &[usize],
    ) -> Option<LongColumn> {
        let target = header
            .cols
            .iter()
            .position(|c| *c == Col::Kind(ColumnKind::Target))?;
        let (long, label) = header.cols.iter().enumerate().find_map(|(j, c)| match c {
            Col::Other(label)
                if LONG.iter().any(|w| label.contains(w))
                    && ["指标值", "目标值", "目标"]
                        .iter()
                        .any(|w| label.contains(w)) =>
            {
                Some((j, label.clone()))
            }
            _ => None,
        })?;
        let grid = (0..template.grids.len()).find(|&x| {
            x != g
                && empty(x)
                && LONG.iter().any(|w| {
                    template.grids[x].label.contains(w) || template.grids[x].heading.contains(w)
                })
                && template.grids[x]
                    .columns
                    .iter()
                    .any(|c| c.kind == ColumnKind::Target)
        })?;
        let mut cols = header.cols.clone();
        cols[long] = Col::Kind(ColumnKind::Target);
        cols[target] = Col::Blank;
        Some(LongColumn {
            grid,
            label,
            state: GridState {
                header: Header {
                    cols,
                    score: header.score,
                },
                goals: Goals::default(),
                named: false,
                project_cols: project_cols.to_vec(),
            },
        })
    }

    /// Whether a note of the yearly grid is about the long column (now imported).
    pub fn covers(&self, note: &str) -> bool {
        note.contains(&format!("的{}“", self.label))
    }
}
