//! The application: one open document, what is selected, and the file actions. Panels
//! draw from `&Form` and push [`Edit`]s; they are applied once per frame, here.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

use egui::ViewportCommand;

use crate::core::document::Document;
use crate::core::edit::Edit;
use crate::core::frameworks::{self, Framework};
use crate::core::model::{FieldId, Form, IndicatorPath, SectionKind};
use crate::core::recovery::RecoveryStore;
use crate::core::store;
use crate::core::validate::{validate, Location, Problem, Severity};

use super::autosave::Autosave;
use super::dialogs::FileDialogs;
use super::modals::Modal;
use super::settings::Settings;
use super::{fonts, grid, header, problems, tree};

/// Where the program keeps its settings; tests point it at a temporary folder.
#[derive(Debug, Clone, Default)]
pub struct AppConfig {
    pub settings_path: Option<PathBuf>,
    /// Where recovery copies go; `None` turns autosave off.
    pub recovery: Option<RecoveryStore>,
    /// Use the system's file dialogs; when false (tests, `JIXIAO_NO_NATIVE_DIALOG`), the
    /// in-app path field is used.
    pub native_dialogs: bool,
}

impl AppConfig {
    /// The user's config folder (`JIXIAO_CONFIG_DIR` overrides it).
    pub fn for_user() -> Self {
        let dir = std::env::var_os("JIXIAO_CONFIG_DIR")
            .map(PathBuf::from)
            .or_else(|| {
                directories::ProjectDirs::from("", "", "jixiao")
                    .map(|d| d.config_dir().to_path_buf())
            });
        AppConfig {
            settings_path: dir.map(|d| d.join("settings.ron")),
            recovery: RecoveryStore::for_user(),
            native_dialogs: std::env::var_os("JIXIAO_NO_NATIVE_DIALOG").is_none(),
        }
    }

    /// Settings kept in `dir` only, and no native dialogs: for tests and scripts.
    pub fn in_dir(dir: &Path) -> Self {
        AppConfig {
            settings_path: Some(dir.join("settings.ron")),
            recovery: Some(RecoveryStore::new(dir.join("recovery"))),
            native_dialogs: false,
        }
    }
}

/// A node of the outline; what the central panel shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Node {
    Header,
    Section(SectionKind),
    Budget,
    Grid,
    Goal(usize),
    Group(usize, usize),
    Indicator(IndicatorPath),
}

/// A widget that should take keyboard focus on the next frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Field(FieldId),
    IndicatorName(IndicatorPath),
    IndicatorTarget(IndicatorPath),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BottomTab {
    Problems,
    Review,
}

/// Everything the panels may change besides the form.
pub struct UiState {
    pub selection: Node,
    pub focus: Option<Focus>,
    /// Scroll the grid to the selected row on the next frame.
    pub scroll_to_selection: bool,
    pub grid_filter: String,
    /// Text typed into fields that only take valid values (money, dates) and not
    /// stored (yet): while typing, and when it cannot be read.
    pub field_text: HashMap<FieldId, String>,
    /// Fields the clerk has been in and left: an empty required one is an error now.
    pub touched: HashSet<FieldId>,
    /// Every empty required field is an error (the form was saved, exported or opened
    /// from a file); before that, a new form shows them as 待填写.
    pub strict: bool,
    pub bottom_tab: BottomTab,
    /// Tree node being renamed in place, with the text typed so far.
    pub renaming: Option<(Node, String)>,
    /// A node whose deletion waits for confirmation.
    pub confirm_delete: Option<Node>,
    /// What to select in the shown text section (from a review item): character offset
    /// and length.
    pub section_cursor: Option<(usize, usize)>,
    /// The grid cell that had the keyboard last frame.
    pub focused_cell: Option<egui::Id>,
    /// The grid's rows as shown (filtered, in order), for moving between them by key.
    pub grid_rows: Vec<IndicatorPath>,
    /// The cell being edited and its text when it was entered (Esc puts it back).
    pub cell_before: Option<(egui::Id, String)>,
    /// A brief confirmation a panel wants in the status bar.
    pub notice: Option<String>,
}

/// Things the user asked for that are not edits of the form.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    New,
    Open,
    OpenPath(PathBuf),
    Save,
    SaveAs,
    Rollover,
    ExportPdf,
    ImportText,
    ExportXlsx,
    ImportXlsx,
    /// 恢复自动保存的副本…
    Recover,
    Quit,
    Undo,
    Redo,
}

/// Problems of the current revision as the window shows them, and the worst severity
/// at each place.
#[derive(Default)]
pub struct ProblemIndex {
    /// What the list was made from: revision, strictness, fields left, typed text.
    key: Option<(u64, bool, usize, HashMap<FieldId, String>)>,
    validated: Option<(u64, Vec<Problem>)>,
    pub list: Vec<Problem>,
    /// Required fields of a new form not filled in yet (not errors yet).
    pub to_fill: Vec<Problem>,
    pub fields: HashMap<FieldId, Severity>,
    pub goals: HashMap<usize, Severity>,
    pub groups: HashMap<(usize, usize), Severity>,
    pub indicators: HashMap<IndicatorPath, Severity>,
}

impl ProblemIndex {
    pub(super) fn refresh(&mut self, doc: &Document, state: &UiState) {
        let key = (
            doc.revision(),
            state.strict,
            state.touched.len(),
            state.field_text.clone(),
        );
        if self.key.as_ref() == Some(&key) {
            return;
        }
        if self.validated.as_ref().map(|v| v.0) != Some(doc.revision()) {
            self.validated = Some((doc.revision(), validate(doc.form())));
        }
        let validated = self
            .validated
            .as_ref()
            .map(|v| v.1.clone())
            .unwrap_or_default();
        let lenient = |p: &Problem| {
            p.missing
                && !state.strict
                && !matches!(p.location, Location::Field(f) if state.touched.contains(&f))
        };
        let (to_fill, mut list): (Vec<Problem>, Vec<Problem>) =
            validated.into_iter().partition(|p| lenient(p));
        // Text typed into a money or date field that cannot be read: the form keeps its
        // last valid value, and the checks say so.
        let mut typed: Vec<(&FieldId, &String)> = state.field_text.iter().collect();
        typed.sort_by_key(|(f, _)| f.label());
        for (field, text) in typed {
            if let Err(message) = crate::core::field_input::check(*field, text) {
                list.insert(
                    0,
                    Problem {
                        location: Location::Field(*field),
                        place: field.label().to_string(),
                        severity: Severity::Error,
                        message: format!("{message}（未保存到表单）"),
                        missing: false,
                    },
                );
            }
        }
        *self = ProblemIndex {
            key: Some(key),
            validated: self.validated.take(),
            list,
            to_fill,
            ..Default::default()
        };
        fn worst<K: std::hash::Hash + Eq>(map: &mut HashMap<K, Severity>, k: K, s: Severity) {
            let e = map.entry(k).or_insert(s);
            *e = (*e).min(s);
        }
        for p in &self.list {
            match p.location {
                Location::Field(f) => worst(&mut self.fields, f, p.severity),
                Location::Grid => {}
                Location::Goal(g) => worst(&mut self.goals, g, p.severity),
                Location::Group(g, gr) => {
                    worst(&mut self.goals, g, p.severity);
                    worst(&mut self.groups, (g, gr), p.severity);
                }
                Location::Indicator(path) => {
                    worst(&mut self.goals, path.goal, p.severity);
                    worst(&mut self.groups, (path.goal, path.group), p.severity);
                    worst(&mut self.indicators, path, p.severity);
                }
            }
        }
    }

    pub fn errors(&self) -> usize {
        self.list
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count()
    }

    /// The revision the list was made for.
    pub(super) fn revision(&self) -> Option<u64> {
        self.key.as_ref().map(|k| k.0)
    }
}

/// The open document and everything around it. The methods are spread over
/// app (frame), menu, files (actions), modals and autosave.
pub struct App {
    pub doc: Document,
    pub state: UiState,
    pub problems: ProblemIndex,
    pub(super) config: AppConfig,
    pub(super) settings: Settings,
    pub(super) dialogs: FileDialogs,
    pub(super) modal: Option<Modal>,
    /// The action to continue with once a "save as" started from a prompt is done.
    pub(super) after_save: Option<Action>,
    pub(super) edits: Vec<Edit>,
    pub(super) actions: Vec<Action>,
    pub(super) shown_title: String,
    pub(super) allow_close: bool,
    /// Set when the sample was opened as the first document of a new user.
    pub showing_sample: bool,
    /// Fonts and style are installed on the first frame.
    pub(super) styled: bool,
    /// The scroll-to-selection request has been shown for one full frame.
    pub(super) scroll_seen: bool,
    /// Copies to recover are offered once the question showing at start-up is answered.
    pub(super) recovery_pending: bool,
    /// When this window last saved the form (for the status bar).
    pub(super) saved_at: Option<chrono::DateTime<chrono::Local>>,
    /// A brief confirmation in the status bar, and since when.
    pub(super) status_note: Option<(String, Instant)>,
    /// Process start, when `JIXIAO_STARTUP_PROBE` asks to time the first frame.
    pub startup_probe: Option<Instant>,
    pub(super) autosave: Autosave,
}

impl App {
    /// An app with `doc` open, using `config` for settings.
    pub fn new(config: AppConfig, doc: Document) -> Self {
        let native_dialogs = config.native_dialogs;
        let config_recovery = config.recovery.clone();
        let settings = config
            .settings_path
            .as_deref()
            .map(Settings::load)
            .unwrap_or_default();
        App {
            doc,
            state: UiState {
                selection: Node::Header,
                focus: None,
                scroll_to_selection: false,
                grid_filter: String::new(),
                field_text: HashMap::new(),
                touched: HashSet::new(),
                strict: false,
                bottom_tab: BottomTab::Problems,
                renaming: None,
                confirm_delete: None,
                section_cursor: None,
                focused_cell: None,
                grid_rows: Vec::new(),
                cell_before: None,
                notice: None,
            },
            problems: ProblemIndex::default(),
            config,
            settings,
            dialogs: FileDialogs::new(native_dialogs),
            modal: None,
            after_save: None,
            edits: Vec::new(),
            actions: Vec::new(),
            shown_title: String::new(),
            allow_close: false,
            showing_sample: false,
            styled: false,
            startup_probe: None,
            scroll_seen: false,
            recovery_pending: false,
            saved_at: None,
            status_note: None,
            autosave: Autosave {
                session: config_recovery.as_ref().map(|r| r.start_session()),
                seen_revision: 0,
                changed_at: Instant::now(),
                written_revision: None,
            },
        }
    }

    /// Start-up: the given file, else the last file, else (first run) the sample form.
    pub fn start(config: AppConfig, path: Option<PathBuf>) -> Self {
        let mut app = App::new(config, Document::new(Form::empty_this_year(), None));
        let last = app.settings.last_file().map(Path::to_path_buf);
        match path.or(last) {
            Some(path) => {
                if !app.open_path(&path) {
                    app.new_document(&frameworks::all().first().cloned());
                }
            }
            None => app.open_sample(),
        }
        // A question from opening the file (held by another window…) comes first.
        if app.modal.is_some() {
            app.recovery_pending = true;
        } else {
            app.offer_recovery(false);
        }
        app
    }

    pub fn open_sample(&mut self) {
        match store::parse_str(crate::SAMPLE_FORM) {
            Ok(form) => {
                self.replace_document(Document::new(form, None));
                self.showing_sample = true;
            }
            Err(e) => self.modal = Some(Modal::Error(format!("示例表单无法读取：{e}"))),
        }
    }

    pub(super) fn replace_document(&mut self, doc: Document) {
        self.doc = doc;
        self.state.selection = Node::Header;
        self.state.field_text.clear();
        self.state.touched.clear();
        self.state.strict = self.doc.path.is_some();
        self.saved_at = None;
        self.state.renaming = None;
        self.state.bottom_tab = BottomTab::Problems;
        self.showing_sample = false;
    }

    pub(super) fn new_document(&mut self, framework: &Option<Framework>) {
        let year = chrono::Datelike::year(&chrono::Local::now().date_naive());
        let form = match framework {
            Some(f) => f.new_form(year),
            None => Form::empty(year),
        };
        self.replace_document(Document::new(form, None));
    }

    /// Queues a user action (menus and shortcuts use this).
    pub fn request(&mut self, action: Action) {
        self.actions.push(action);
    }

    /// Whether a prompt about unsaved changes is showing.
    pub fn is_asking_to_save(&self) -> bool {
        matches!(self.modal, Some(Modal::Unsaved { .. }))
    }

    /// The error message shown, if any.
    pub fn error_message(&self) -> Option<&str> {
        match &self.modal {
            Some(Modal::Error(m)) => Some(m),
            _ => None,
        }
    }

    pub fn dismiss_modal(&mut self) {
        self.modal = None;
    }

    pub fn file_name(&self) -> String {
        match &self.doc.path {
            Some(p) => p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            None if self.showing_sample => "示例表单".into(),
            None => "未命名".into(),
        }
    }

    pub fn title(&self) -> String {
        let mark = if self.doc.is_dirty() { "● " } else { "" };
        let read_only = if self.doc.read_only().is_some() {
            "（只读）"
        } else {
            ""
        };
        format!(
            "{mark}{}{read_only} — {}年度 — 绩效目标表",
            self.file_name(),
            self.doc.form().year
        )
    }

    /// Applies the edits collected this frame.
    pub(super) fn apply_edits(&mut self) {
        for edit in std::mem::take(&mut self.edits) {
            if self.doc.apply(edit).is_ok() {
                self.showing_sample = self.showing_sample && self.doc.path.is_none();
            }
        }
        self.fix_selection();
    }

    /// Keeps the selection on something that exists after structural edits or undo.
    pub(super) fn fix_selection(&mut self) {
        let form = self.doc.form();
        let ok = match self.state.selection {
            Node::Goal(g) => g < form.goals.len(),
            Node::Group(g, gr) => form.group(g, gr).is_some(),
            Node::Indicator(p) => form.indicator(p).is_some(),
            _ => true,
        };
        if !ok {
            self.state.selection = Node::Grid;
        }
    }

    /// One frame of the whole window.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if !self.styled {
            fonts::install(&ctx);
            fonts::style(&ctx);
            self.styled = true;
        } else if let Some(started) = self.startup_probe.take() {
            // `scripts/startup-time.sh`: report the time to the first painted frame, quit.
            println!("first frame after {} ms", started.elapsed().as_millis());
            self.allow_close = true;
            ctx.send_viewport_cmd(ViewportCommand::Close);
        }
        self.handle_shortcuts(&ctx);
        self.handle_close_request(&ctx);
        if let Some((purpose, path)) = self
            .dialogs
            .poll()
            .or_else(|| self.dialogs.show_entry(&ctx))
        {
            self.on_path_chosen(purpose, path);
        }
        self.problems.refresh(&self.doc, &self.state);

        egui::Panel::top("menu").show(ui, |ui| self.menu_bar(ui));
        egui::Panel::bottom("status").show(ui, |ui| self.status_bar(ui));
        egui::Panel::bottom("problems")
            .resizable(true)
            .default_size(170.0)
            .min_size(90.0)
            .show(ui, |ui| {
                problems::show(
                    ui,
                    self.doc.form(),
                    &self.problems,
                    &mut self.state,
                    &mut self.edits,
                );
            });
        egui::Panel::left("tree")
            .resizable(true)
            .default_size(260.0)
            .size_range(180.0..=520.0)
            .show(ui, |ui| {
                tree::show(
                    ui,
                    self.doc.form(),
                    &self.problems,
                    &mut self.state,
                    &mut self.edits,
                );
            });
        egui::CentralPanel::default().show(ui, |ui| {
            self.central(ui);
        });
        // A request made anywhere during a frame is seen by the outline and the grid on
        // the next frame too (the outline draws before the grid), then it is done.
        if self.scroll_seen {
            self.state.scroll_to_selection = false;
            self.scroll_seen = false;
        } else if self.state.scroll_to_selection {
            self.scroll_seen = true;
        }
        if let Some(notice) = self.state.notice.take() {
            self.note(notice);
        }
        self.show_modals(&ctx);
        self.apply_edits();
        self.run_actions(&ctx);
        if Some(self.doc.revision()) != self.problems.revision() {
            ctx.request_repaint();
        }
        if let Some(wait) = self.autosave_tick(Instant::now()) {
            ctx.request_repaint_after(wait);
        }
        let title = self.title();
        if title != self.shown_title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.shown_title = title;
        }
    }

    pub(super) fn central(&mut self, ui: &mut egui::Ui) {
        let form = self.doc.form();
        match self.state.selection {
            Node::Header => {
                header::header(ui, form, &self.problems, &mut self.state, &mut self.edits)
            }
            Node::Budget => {
                header::budget(ui, form, &self.problems, &mut self.state, &mut self.edits)
            }
            Node::Section(kind) => {
                header::section(ui, form, kind, &mut self.state, &mut self.edits)
            }
            Node::Grid | Node::Goal(_) | Node::Group(..) | Node::Indicator(_) => {
                grid::show(ui, form, &self.problems, &mut self.state, &mut self.edits)
            }
        }
    }

    pub(super) fn handle_close_request(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.allow_close {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            self.request(Action::Quit);
        }
    }

    /// Like the window's close button: asks about unsaved changes first.
    pub fn request_close(&mut self) {
        self.request(Action::Quit);
    }

    pub(super) fn run_actions(&mut self, ctx: &egui::Context) {
        if !self.actions.is_empty() {
            // Their results (a modal, a new document) show on the next frame.
            ctx.request_repaint();
        }
        for action in std::mem::take(&mut self.actions) {
            self.run(ctx, action, false);
        }
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        // Reached only through 退出 or a confirmed close: nothing unsaved is wanted.
        self.clear_recovery();
    }
}
