//! The indicator rows of the Shanghai web system's copied text: heading rows in their
//! variants, the columns of a row whatever their order, goals and groups printed on
//! shifted rows.

use super::*;

/// Grid column headings and what each column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum GridColumn {
    Goal,
    Group,
    Indicator,
    Target,
    Comparison,
    Unit,
}

const GRID_HEADINGS: &[(&str, GridColumn)] = &[
    ("一级目标", GridColumn::Goal),
    ("一级指标", GridColumn::Goal),
    ("二级目标", GridColumn::Group),
    ("二级指标", GridColumn::Group),
    ("三级目标", GridColumn::Indicator),
    ("三级指标", GridColumn::Indicator),
    ("指标名称", GridColumn::Indicator),
    ("指标目标值", GridColumn::Target),
    ("指标值", GridColumn::Target),
    ("目标值", GridColumn::Target),
    ("年度指标值", GridColumn::Target),
    ("指标性质", GridColumn::Comparison),
    ("比较符", GridColumn::Comparison),
    ("符号", GridColumn::Comparison),
    ("计量单位", GridColumn::Unit),
    ("度量单位", GridColumn::Unit),
    ("单位", GridColumn::Unit),
];

/// The columns of a grid heading row, if this is one.
pub(crate) fn grid_header(cells: &[String]) -> Option<Vec<GridColumn>> {
    let columns: Vec<Option<GridColumn>> = cells
        .iter()
        .filter(|c| !c.is_empty())
        .map(|c| {
            let c = c.replace([' ', '\u{3000}'], "");
            GRID_HEADINGS
                .iter()
                .find(|(h, _)| *h == c)
                .map(|(_, col)| *col)
        })
        .collect();
    let known: Vec<GridColumn> = columns.iter().flatten().copied().collect();
    let has = |c| known.contains(&c);
    (columns.len() == known.len()
        && has(GridColumn::Goal)
        && has(GridColumn::Indicator)
        && has(GridColumn::Target))
    .then_some(known)
}

/// One grid row as (一级, 二级, 三级, 指标目标值), whatever the column layout.
pub(crate) fn logical_row(columns: &[GridColumn], cells: &[String]) -> [String; 4] {
    let mut row: [String; 4] = Default::default();
    let (mut cmp, mut value, mut unit) = (String::new(), String::new(), String::new());
    let split_target =
        columns.contains(&GridColumn::Comparison) || columns.contains(&GridColumn::Unit);
    for (i, cell) in cells.iter().enumerate() {
        // cells beyond the headings keep their position (shifted rows)
        let column = columns.get(i).copied().unwrap_or(GridColumn::Target);
        match column {
            GridColumn::Goal => row[0] = cell.clone(),
            GridColumn::Group => row[1] = cell.clone(),
            GridColumn::Indicator => row[2] = cell.clone(),
            GridColumn::Target if split_target => value = cell.clone(),
            GridColumn::Target => row[3] = cell.clone(),
            GridColumn::Comparison => cmp = comparison_symbol(cell),
            GridColumn::Unit => unit = cell.clone(),
        }
    }
    if split_target {
        row[3] = format!("{cmp}{value}{unit}");
    }
    row
}

/// Comparisons written in words in some templates.
fn comparison_symbol(cell: &str) -> String {
    // 定性/定量 say what kind of row it is, not a comparison to print before the value
    match crate::core::exchange::import::grid_rows::sign_symbol(cell).as_str() {
        "定性" | "定量" => String::new(),
        sign => sign.to_string(),
    }
}

impl Importer {
    pub(super) fn grid_line(&mut self, n: usize, cleaned: &[String]) {
        let columns = self
            .grid
            .as_ref()
            .map(|g| g.columns.clone())
            .unwrap_or_default();
        // A repeated heading row (the table continues on a new page).
        if grid_header(cleaned).is_some() {
            return;
        }
        let mut cells = cleaned.to_vec();
        while cells.len() > 4.max(columns.len()) && cells.last().is_some_and(String::is_empty) {
            cells.pop();
        }
        let [a, b, c, d] = logical_row(&columns, &cells);
        let filled = (!a.is_empty(), !b.is_empty(), !c.is_empty(), !d.is_empty());
        match filled {
            (true, true, true, _) if !d.is_empty() || columns.len() > 4 => {
                self.start_goal(&a);
                self.start_group(&b);
                self.add_indicator(n, c, d);
            }
            (false, true, true, true) => {
                self.start_group(&b);
                self.add_indicator(n, c, d);
            }
            (false, false, true, _) => self.add_indicator(n, c, d),
            // merged cells printed in the wrong column:
            // "名称 | | 值 |": the indicator name slid into the 一级 column
            (true, false, true, false) => self.add_indicator(n, a, c),
            // "标签 | 名称 | 值 |": a 二级 label printed on an indicator's row
            (true, true, true, false) => {
                self.flush_pending_group();
                if let Some(grid) = self.grid.as_mut() {
                    grid.pending_group = Some((a, n));
                }
                self.add_indicator(n, b, c);
            }
            // " | 名称 | 值 |": slid one column left
            (false, true, true, false) => self.add_indicator(n, b, c),
            // "名称 | 值 | |"
            (true, true, false, false) => self.add_indicator(n, a, b),
            _ => {
                let text = cells
                    .iter()
                    .filter(|c| !c.is_empty())
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(" / ");
                self.note(
                    Some(n),
                    Location::Grid(0),
                    format!("这一行无法放入指标表，未导入：{text}"),
                );
            }
        }
    }

    fn start_goal(&mut self, name: &str) {
        self.flush_pending_group();
        self.form.grids[0].goals.push(Goal::new(name));
    }

    fn start_group(&mut self, name: &str) {
        self.flush_pending_group();
        if self.form.grids[0].goals.is_empty() {
            self.form.grids[0].goals.push(Goal::new(""));
        }
        if let Some(goal) = self.form.grids[0].goals.last_mut() {
            goal.groups.push(Group::new(name));
        }
    }

    /// Starts the 二级 group whose label was printed on an earlier row.
    pub(super) fn flush_pending_group(&mut self) {
        let Some((label, line)) = self.grid.as_mut().and_then(|g| g.pending_group.take()) else {
            return;
        };
        self.start_group(&label);
        let (gi, gri) = self.current_group();
        self.note(
            Some(line),
            Location::Group(0, gi, gri),
            format!("二级目标“{label}”印在了指标行上，已按指标名称判断它从哪一行开始，请核对这一组的指标"),
        );
    }

    fn current_group(&self) -> (usize, usize) {
        let gi = self.form.grids[0].goals.len().saturating_sub(1);
        let gri = self.form.grids[0]
            .goals
            .last()
            .map_or(0, |g| g.groups.len().saturating_sub(1));
        (gi, gri)
    }

    fn add_indicator(&mut self, n: usize, name: String, target: String) {
        if let Some((_, _)) = self.grid.as_ref().and_then(|g| g.pending_group.as_ref()) {
            let current = self.form.grids[0]
                .goals
                .last()
                .and_then(|g| g.groups.last())
                .map(|g| g.name.clone())
                .unwrap_or_default();
            // An indicator naming the current group (…质量达标率 under 质量) still belongs
            // to it; the first one that does not starts the pending group.
            if current.is_empty() || !name.contains(&current) {
                self.flush_pending_group();
            }
        }
        if self.form.grids[0]
            .goals
            .last()
            .is_none_or(|g| g.groups.is_empty())
        {
            self.start_group("");
            let (gi, gri) = self.current_group();
            self.note(
                Some(n),
                Location::Group(0, gi, gri),
                "这一行之前没有一级或二级目标，已放入未命名的组".into(),
            );
        }
        if let Some(group) = self.form.grids[0]
            .goals
            .last_mut()
            .and_then(|g| g.groups.last_mut())
        {
            group.indicators.push(Indicator::new(name, target));
        }
    }
}
