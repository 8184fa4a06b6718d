//! The state every panel shares: what is selected, what should take the keyboard or be
//! scrolled to, and the requests a panel makes of the app (a panel never reaches into
//! another). Each panel keeps the rest of its state itself.

use crate::core::editing::edit::Edit;
use crate::core::model::{FieldId, Form, IndicatorPath};
use crate::core::template::{ColumnKind, Template};

use super::problem_index::ProblemIndex;

/// A node of the outline; what the central panel shows.
/// Grids, goals and groups by index: `Grid(grid)`, `Goal(grid, goal)`,
/// `Group(grid, goal, group)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    Header,
    /// A text section by the template's id.
    Section(String),
    /// The money block.
    Budget,
    Grid(usize),
    Goal(usize, usize),
    Group(usize, usize, usize),
    Indicator(IndicatorPath),
    /// 绩效监控: the year's mid-year monitoring.
    Monitor,
    /// 绩效自评: the year-end self-evaluation.
    SelfEval,
}

impl Node {
    /// The grid the node is in, if it is in one.
    pub fn grid(&self) -> Option<usize> {
        match self {
            Node::Grid(g) | Node::Goal(g, _) | Node::Group(g, _, _) => Some(*g),
            Node::Indicator(p) => Some(p.grid),
            _ => None,
        }
    }
}

/// A widget that should take keyboard focus on the next frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Focus {
    Field(FieldId),
    /// A cell of an indicator row (`Name` for its name).
    Cell(IndicatorPath, ColumnKind),
}

/// What a panel asks the app to do, beyond editing the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    /// Ask before deleting a node that holds indicators.
    ConfirmDelete(Node),
    /// A brief confirmation in the status bar.
    Notice(String),
    /// 从指标库添加… for the selected group (from the outline).
    OpenLibrary,
}

/// Selection, focus and scroll requests: the only state panels share.
pub struct UiState {
    pub selection: Node,
    pub focus: Option<Focus>,
    /// Scroll the outline and the grid to the selection on the next frame.
    pub scroll_to_selection: bool,
    /// What to select in the shown text section (from a review item): character offset
    /// and length.
    pub section_cursor: Option<(usize, usize)>,
    /// What the panels asked of the app this frame.
    pub requests: Vec<Request>,
    /// A question, a path field or a file dialog is open: keys and pastes are its, and
    /// the panels make no edit from them (a Ctrl+V meant for a dialog once became an
    /// indicator named after a path).
    pub input_blocked: bool,
    /// 我的指标 as a library to pick from (made by the app once it has read them).
    pub my_library: Option<std::sync::Arc<crate::core::library::Library>>,
}

impl Default for UiState {
    fn default() -> Self {
        UiState {
            selection: Node::Header,
            focus: None,
            scroll_to_selection: false,
            section_cursor: None,
            requests: Vec::new(),
            input_blocked: false,
            my_library: None,
        }
    }
}

/// What a panel is given to draw and edit: the form, its problems, the shared state and
/// the queue its edits go to (applied by the app through the document).
pub struct PanelCtx<'a> {
    pub form: &'a Form,
    /// The form's layout.
    pub template: &'a Template,
    pub problems: &'a ProblemIndex,
    pub state: &'a mut UiState,
    pub edits: &'a mut Vec<Edit>,
}
