//! The panels of the window. Each reads the form through a [`PanelCtx`], keeps its own
//! state, pushes edits and makes requests; none imports the app or another panel.
//!
//! [`PanelCtx`]: super::state::PanelCtx

pub mod fields;
pub mod grid;
pub mod outline;
pub mod preview;
pub mod problems;
pub mod stages;

/// The state each panel keeps for itself.
#[derive(Default)]
pub struct Panels {
    pub outline: outline::Outline,
    pub grid: grid::Grid,
    pub fields: fields::Fields,
    pub problems: problems::ProblemsPanel,
    pub stages: stages::Stages,
    pub preview: preview::Preview,
}
