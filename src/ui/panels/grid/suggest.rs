//! Suggestions while a 三级指标 name is typed: matching entries of 我的指标 and of the
//! library in a list under the cell, as an input method shows its candidates; ↓ ↑ choose,
//! Enter (or a click) fills the row from the chosen entry as one undo step, Esc closes
//! the list. Nothing is chosen until ↓: Enter alone still goes to the next row.

use egui::{RichText, Ui};

use crate::core::editing::edit::Edit;
use crate::core::library::{bundled, to_indicator, Entry, Library};
use crate::core::model::{Form, IndicatorPath};
use crate::core::template::Template;
use crate::ui::state::UiState;

/// Candidates shown at most.
const SHOWN: usize = 8;

/// The list under the name cell being typed in.
#[derive(Default)]
pub struct Suggest {
    /// The cell the list belongs to.
    cell: Option<egui::Id>,
    items: Vec<(Entry, &'static str)>,
    chosen: Option<usize>,
}

impl Suggest {
    fn open_for(&self, cell: egui::Id) -> bool {
        self.cell == Some(cell) && !self.items.is_empty()
    }

    pub fn close(&mut self) {
        self.cell = None;
        self.items.clear();
    }

    /// The entries matching `typed` (two characters or more; pinyin letters too): the
    /// clerk's own first, then the library's, each name once.
    pub fn update(&mut self, cell: egui::Id, typed: &str, mine: Option<&Library>) {
        let typed = typed.trim();
        if typed.chars().count() < 2 {
            self.close();
            return;
        }
        let mut items: Vec<(Entry, &'static str)> = Vec::new();
        let sources = [
            (mine, crate::core::my_indicators::MINE),
            (Some(bundled()), "指标库"),
        ];
        for (lib, from) in sources {
            let Some(lib) = lib else { continue };
            // names that begin with what is typed first, shorter ones before longer
            let mut found = lib.search(typed, None, None);
            found.sort_by_key(|&i| {
                let name = &lib.entries[i].name;
                (!name.starts_with(typed), name.chars().count())
            });
            for i in found {
                let e = &lib.entries[i];
                // the name itself, not its explanation, and not what is typed already
                let by_name = e.name.contains(typed) || typed.is_ascii();
                if by_name && e.name != typed && !items.iter().any(|(x, _)| x.name == e.name) {
                    items.push((e.clone(), from));
                }
                if items.len() >= SHOWN {
                    break;
                }
            }
        }
        self.cell = (!items.is_empty()).then_some(cell);
        self.items = items;
        self.chosen = None;
    }

    /// Keys while the list is open for `cell`: ↓ ↑ move, Enter takes, Esc closes. Taken
    /// before the cell's own keys (Enter would go to the next row).
    pub fn keys(
        &mut self,
        ui: &Ui,
        cell: egui::Id,
        (form, template, path): (&Form, &Template, IndicatorPath),
        edits: &mut Vec<Edit>,
    ) {
        use egui::{Key, Modifiers};
        if !self.open_for(cell) {
            return;
        }
        let chosen = self.chosen.is_some();
        let (down, up, enter, esc) = ui.ctx().input_mut(|i| {
            (
                i.consume_key(Modifiers::NONE, Key::ArrowDown),
                i.consume_key(Modifiers::NONE, Key::ArrowUp),
                chosen && i.consume_key(Modifiers::NONE, Key::Enter),
                i.consume_key(Modifiers::NONE, Key::Escape),
            )
        });
        let last = self.items.len() - 1;
        if down {
            self.chosen = Some(self.chosen.map_or(0, |c| (c + 1).min(last)));
        }
        if up {
            self.chosen = self.chosen.and_then(|c| c.checked_sub(1));
        }
        if enter {
            if let Some(c) = self.chosen {
                self.take(c, (form, template, path), edits);
            }
        }
        if esc {
            self.close();
        }
    }

    /// Fills the row at `path` from candidate `i`.
    fn take(
        &mut self,
        i: usize,
        (form, template, path): (&Form, &Template, IndicatorPath),
        edits: &mut Vec<Edit>,
    ) {
        let Some((entry, from)) = self.items.get(i) else {
            return;
        };
        let mut new = form.clone();
        if let Some(ind) = new
            .grids
            .get_mut(path.grid)
            .and_then(|g| g.goals.get_mut(path.goal))
            .and_then(|g| g.groups.get_mut(path.group))
            .and_then(|g| g.indicators.get_mut(path.indicator))
        {
            let mut filled = to_indicator(entry, template, path.grid);
            if *from == crate::core::my_indicators::MINE {
                // (its "explanation" says where it was used: not the indicator's)
                filled.set_cell(
                    crate::core::template::ColumnKind::Explanation,
                    String::new(),
                );
            }
            ind.name = filled.name;
            ind.target = filled.target;
            for (key, value) in filled.cells {
                ind.cells.insert(key, value);
            }
            edits.push(Edit::UseSuggestion {
                form: Box::new(new),
                name: entry.name.clone(),
            });
        }
        self.close();
    }

    /// The list under the cell at `below`, when open for `cell`.
    pub fn show(
        &mut self,
        ui: &Ui,
        (cell, below): (egui::Id, egui::Rect),
        (form, template, path): (&Form, &Template, IndicatorPath),
        (state, edits): (&mut UiState, &mut Vec<Edit>),
    ) {
        if !self.open_for(cell) {
            return;
        }
        let mut clicked = None;
        egui::Area::new(cell.with("suggest"))
            .order(egui::Order::Foreground)
            .fixed_pos(below.left_bottom())
            .constrain(true)
            .show(ui.ctx(), |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.label(RichText::new("↓↑ 选择，回车采用，Esc 关闭").small().weak());
                    for (i, (e, from)) in self.items.iter().enumerate() {
                        let value = if e.sign == "定性" {
                            e.value.clone()
                        } else {
                            format!("{}{}{}", e.sign, e.value, e.unit)
                        };
                        let text = format!("{}　{value}　（{from}·{}）", e.name, e.level2);
                        if ui.selectable_label(Some(i) == self.chosen, text).clicked() {
                            clicked = Some(i);
                        }
                    }
                });
            });
        if let Some(i) = clicked {
            self.take(i, (form, template, path), edits);
            state.focus = Some(crate::ui::state::Focus::Cell(
                path,
                crate::core::template::ColumnKind::Name,
            ));
        }
    }
}
