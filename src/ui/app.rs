//! The application: one open document, what is selected, and the file actions. Panels
//! draw from `&Form` and push [`Edit`]s; they are applied once per frame, here.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use egui::{Key, KeyboardShortcut, Modifiers, ViewportCommand};

use crate::core::document::Document;
use crate::core::edit::Edit;
use crate::core::frameworks::{self, Framework};
use crate::core::model::{FieldId, Form, IndicatorPath, SectionKind};
use crate::core::recovery::{self, Recovery, RecoveryStore};
use crate::core::review::ReviewItem;
use crate::core::rollover::{rollover, suggested_file_name};
use crate::core::store;
use crate::core::validate::{validate, Location, Problem, Severity};
use crate::pdf;

use super::dialogs::{self, FileDialogs, PathPurpose, SaveChoice};
use super::settings::Settings;
use super::{fonts, grid, header, problems, tree};

/// Where the program keeps its settings; tests point it at a temporary folder.
/// Idle time after the last change before a recovery copy is written.
pub const AUTOSAVE_IDLE: Duration = Duration::from_secs(3);

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
    /// Text being typed into fields that only accept valid values (money, dates).
    pub buffers: HashMap<egui::Id, String>,
    pub bottom_tab: BottomTab,
    pub review: Vec<ReviewItem>,
    pub review_title: String,
    /// Tree node being renamed in place, with the text typed so far.
    pub renaming: Option<(Node, String)>,
    /// A node whose deletion waits for confirmation.
    pub confirm_delete: Option<Node>,
    /// Where to put the cursor in the shown text section (from a review item).
    pub section_cursor: Option<usize>,
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
    Quit,
    Undo,
    Redo,
}

/// Problems of the current revision, and the worst severity at each place.
#[derive(Default)]
pub struct ProblemIndex {
    revision: Option<u64>,
    pub list: Vec<Problem>,
    pub fields: HashMap<FieldId, Severity>,
    pub goals: HashMap<usize, Severity>,
    pub groups: HashMap<(usize, usize), Severity>,
    pub indicators: HashMap<IndicatorPath, Severity>,
}

impl ProblemIndex {
    fn refresh(&mut self, doc: &Document) {
        if self.revision == Some(doc.revision()) {
            return;
        }
        *self = ProblemIndex {
            revision: Some(doc.revision()),
            list: validate(doc.form()),
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
}

/// A question or message shown over the window.
enum Modal {
    Unsaved {
        then: Action,
    },
    NewForm,
    Error(String),
    Exported {
        path: PathBuf,
        pages: usize,
        missing: Vec<String>,
    },
    Recover {
        file: PathBuf,
        copy: Box<Recovery>,
    },
    /// 替换 or 追加 the grid read from a sheet.
    ConfirmGrid {
        grid: Box<crate::core::grid_xlsx::ImportedGrid>,
        file: String,
    },
    /// The paste box of 导入表单文本.
    ImportText {
        text: String,
        note: Option<String>,
    },
}

/// Autosave bookkeeping for the open document.
struct Autosave {
    session: String,
    /// The revision seen last frame, and when it changed.
    seen_revision: u64,
    changed_at: Instant,
    /// The revision the recovery copy holds.
    written_revision: Option<u64>,
}

pub struct App {
    pub doc: Document,
    pub state: UiState,
    pub problems: ProblemIndex,
    config: AppConfig,
    settings: Settings,
    dialogs: FileDialogs,
    modal: Option<Modal>,
    /// The action to continue with once a "save as" started from a prompt is done.
    after_save: Option<Action>,
    edits: Vec<Edit>,
    actions: Vec<Action>,
    shown_title: String,
    allow_close: bool,
    /// Set when the sample was opened as the first document of a new user.
    pub showing_sample: bool,
    /// Fonts and style are installed on the first frame.
    styled: bool,
    /// The scroll-to-selection request has been shown for one full frame.
    scroll_seen: bool,
    /// Process start, when `JIXIAO_STARTUP_PROBE` asks to time the first frame.
    pub startup_probe: Option<Instant>,
    autosave: Autosave,
}

/// A menu entry with its shortcut shown; true when clicked.
fn menu_item(ui: &mut egui::Ui, label: &str, keys: &str) -> bool {
    ui.add(egui::Button::new(label).shortcut_text(keys))
        .clicked()
}

fn shortcut(modifiers: Modifiers, key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(modifiers, key)
}

impl App {
    /// An app with `doc` open, using `config` for settings.
    pub fn new(config: AppConfig, doc: Document) -> Self {
        let native_dialogs = config.native_dialogs;
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
                buffers: HashMap::new(),
                bottom_tab: BottomTab::Problems,
                review: Vec::new(),
                review_title: String::new(),
                renaming: None,
                confirm_delete: None,
                section_cursor: None,
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
            autosave: Autosave {
                session: recovery::session_name(),
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
        app.offer_recovery();
        app
    }

    /// After a crash: offers the newest copy left behind by an earlier session.
    fn offer_recovery(&mut self) {
        let Some(store) = &self.config.recovery else {
            return;
        };
        if let Some((file, copy)) = store.leftovers().into_iter().next() {
            self.modal = Some(Modal::Recover {
                file,
                copy: Box::new(copy),
            });
        }
    }

    /// Whether the start-up offer to recover a copy is showing.
    pub fn is_offering_recovery(&self) -> bool {
        matches!(self.modal, Some(Modal::Recover { .. }))
    }

    /// Writes the recovery copy when the document has unsaved changes and has been idle
    /// for [`AUTOSAVE_IDLE`]; removes it once there is nothing unsaved. Returns how long
    /// until it wants to be called again.
    pub fn autosave_tick(&mut self, now: Instant) -> Option<Duration> {
        let store = self.config.recovery.clone()?;
        let a = &mut self.autosave;
        if self.doc.revision() != a.seen_revision {
            a.seen_revision = self.doc.revision();
            a.changed_at = now;
        }
        if !self.doc.is_dirty() {
            if a.written_revision.take().is_some() {
                store.clear(&a.session);
            }
            return None;
        }
        if a.written_revision == Some(self.doc.revision()) {
            return None;
        }
        let idle = now.saturating_duration_since(a.changed_at);
        if idle < AUTOSAVE_IDLE {
            return Some(AUTOSAVE_IDLE - idle);
        }
        // A failed copy (disk full) is retried after the next change; the document on
        // screen is unaffected.
        if store
            .write(&a.session, self.doc.path.as_deref(), self.doc.form())
            .is_ok()
        {
            a.written_revision = Some(self.doc.revision());
        }
        None
    }

    /// The recovery copy of this session, if autosave is on.
    pub fn recovery_copy_path(&self) -> Option<PathBuf> {
        Some(
            self.config
                .recovery
                .as_ref()?
                .path_for_session(&self.autosave.session),
        )
    }

    /// A clean exit: no copy is left behind.
    fn clear_recovery(&mut self) {
        if let Some(store) = &self.config.recovery {
            store.clear(&self.autosave.session);
        }
        self.autosave.written_revision = None;
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

    fn replace_document(&mut self, doc: Document) {
        self.doc = doc;
        self.state.selection = Node::Header;
        self.state.buffers.clear();
        self.state.renaming = None;
        self.state.review.clear();
        self.state.bottom_tab = BottomTab::Problems;
        self.showing_sample = false;
    }

    fn new_document(&mut self, framework: &Option<Framework>) {
        let year = chrono::Datelike::year(&chrono::Local::now().date_naive());
        let form = match framework {
            Some(f) => f.new_form(year),
            None => Form::empty(year),
        };
        self.replace_document(Document::new(form, None));
    }

    /// Opens `path`; on failure shows why and keeps the current document.
    pub fn open_path(&mut self, path: &Path) -> bool {
        match store::load(path) {
            Ok(form) => {
                self.replace_document(Document::new(form, Some(path.to_path_buf())));
                self.settings.remember(path);
                self.save_settings();
                true
            }
            Err(e) => {
                self.modal = Some(Modal::Error(e.to_string()));
                false
            }
        }
    }

    /// Saves to `path`; on failure shows why and keeps everything as it was.
    pub fn save_to(&mut self, path: &Path) -> bool {
        match store::save(path, self.doc.form()) {
            Ok(()) => {
                self.doc.mark_saved(path.to_path_buf());
                self.settings.remember(path);
                self.save_settings();
                true
            }
            Err(e) => {
                self.modal = Some(Modal::Error(e.to_string()));
                false
            }
        }
    }

    /// Starts next year's form from the form at `path` (which is only read).
    pub fn rollover_from(&mut self, path: &Path) {
        match store::load(path) {
            Ok(last) => {
                let result = rollover(&last);
                let from_year = last.year;
                let to_year = result.form.year;
                self.replace_document(Document::new_unsaved(result.form, None));
                self.state.review = result.review;
                self.state.review_title =
                    format!("从 {from_year} 年表单新建 {to_year} 年表单，请复核以下各处");
                self.state.bottom_tab = BottomTab::Review;
            }
            Err(e) => self.modal = Some(Modal::Error(e.to_string())),
        }
    }

    /// Reads an indicator sheet and asks whether to replace or append.
    pub fn read_grid_file(&mut self, path: &Path) {
        let read = std::fs::read(path)
            .map_err(|e| format!("无法打开“{}”：{}", path.display(), store::io_reason(&e)))
            .and_then(|bytes| crate::core::grid_xlsx::import(&bytes));
        self.modal = Some(match read {
            Ok(grid) => Modal::ConfirmGrid {
                grid: Box::new(grid),
                file: path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
            },
            Err(e) => Modal::Error(e),
        });
    }

    /// Puts imported goals into the form, as one undoable edit.
    pub fn apply_grid(&mut self, goals: Vec<crate::core::model::Goal>, replace: bool) {
        let mut form = self.doc.form().clone();
        if replace {
            form.goals = goals;
        } else {
            form.goals.extend(goals);
        }
        self.edits.push(Edit::ReplaceForm(Box::new(form)));
        self.state.selection = Node::Grid;
    }

    /// Replaces the document with a form imported from its text, as a new unsaved form.
    pub fn import_text(&mut self, text: &str) {
        let imported = crate::core::import_text::import(text);
        let count = imported.form.indicator_count();
        self.replace_document(Document::new_unsaved(imported.form, None));
        self.state.review = imported.review;
        self.state.review_title = format!("已从文本导入 {count} 个指标，请核对以下各处");
        self.state.bottom_tab = BottomTab::Review;
    }

    pub fn export_pdf_to(&mut self, path: &Path) {
        match pdf::export_to(self.doc.form(), path) {
            Ok(export) => {
                self.modal = Some(Modal::Exported {
                    path: path.to_path_buf(),
                    pages: export.pages,
                    missing: export.missing.iter().map(|m| m.to_string()).collect(),
                })
            }
            Err(e) => self.modal = Some(Modal::Error(format!("导出失败：{e}"))),
        }
    }

    fn save_settings(&self) {
        if let Some(p) = &self.config.settings_path {
            let _ = self.settings.save(p);
        }
    }

    pub fn recent_files(&self) -> &[PathBuf] {
        &self.settings.recent
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
        format!(
            "{mark}{} — {}年度 — 绩效目标表",
            self.file_name(),
            self.doc.form().year
        )
    }

    /// Applies the edits collected this frame.
    fn apply_edits(&mut self) {
        for edit in std::mem::take(&mut self.edits) {
            if self.doc.apply(edit).is_ok() {
                self.showing_sample = self.showing_sample && self.doc.path.is_none();
            }
        }
        self.fix_selection();
    }

    /// Keeps the selection on something that exists after structural edits or undo.
    fn fix_selection(&mut self) {
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
        self.problems.refresh(&self.doc);

        egui::Panel::top("menu").show(ui, |ui| self.menu_bar(ui));
        egui::Panel::bottom("problems")
            .resizable(true)
            .default_size(170.0)
            .min_size(90.0)
            .show(ui, |ui| {
                problems::show(ui, &self.problems, &mut self.state);
            });
        egui::Panel::left("tree")
            .resizable(true)
            .default_size(300.0)
            .size_range(200.0..=520.0)
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
        self.show_modals(&ctx);
        self.apply_edits();
        self.run_actions(&ctx);
        if self.doc.revision() != self.problems.revision.unwrap_or(u64::MAX) {
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

    fn central(&mut self, ui: &mut egui::Ui) {
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

    fn menu_bar(&mut self, ui: &mut egui::Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("文件", |ui| {
                if menu_item(ui, "新建…", "Ctrl+N") {
                    self.request(Action::New);
                }
                if menu_item(ui, "打开…", "Ctrl+O") {
                    self.request(Action::Open);
                }
                if ui.button("从上年文件新建…").clicked() {
                    self.request(Action::Rollover);
                }
                if ui.button("导入表单文本…").clicked() {
                    self.request(Action::ImportText);
                }
                ui.separator();
                if ui.button("导入指标表 (Excel)…").clicked() {
                    self.request(Action::ImportXlsx);
                }
                if ui.button("导出指标表 (Excel)…").clicked() {
                    self.request(Action::ExportXlsx);
                }
                ui.menu_button("最近打开", |ui| {
                    if self.settings.recent.is_empty() {
                        ui.label("（无）");
                    }
                    for path in self.settings.recent.clone() {
                        if ui.button(path.display().to_string()).clicked() {
                            self.request(Action::OpenPath(path));
                        }
                    }
                });
                ui.separator();
                if menu_item(ui, "保存", "Ctrl+S") {
                    self.request(Action::Save);
                }
                if menu_item(ui, "另存为…", "Ctrl+Shift+S") {
                    self.request(Action::SaveAs);
                }
                ui.separator();
                if menu_item(ui, "导出 PDF…", "Ctrl+E") {
                    self.request(Action::ExportPdf);
                }
                ui.separator();
                if menu_item(ui, "退出", "Ctrl+Q") {
                    self.request(Action::Quit);
                }
            });
            ui.menu_button("编辑", |ui| {
                let undo = match self.doc.undo_label() {
                    Some(l) => format!("撤销 {l}"),
                    None => "撤销".into(),
                };
                let redo = match self.doc.redo_label() {
                    Some(l) => format!("重做 {l}"),
                    None => "重做".into(),
                };
                if ui
                    .add_enabled(
                        self.doc.can_undo(),
                        egui::Button::new(undo).shortcut_text("Ctrl+Z"),
                    )
                    .clicked()
                {
                    self.request(Action::Undo);
                }
                if ui
                    .add_enabled(
                        self.doc.can_redo(),
                        egui::Button::new(redo).shortcut_text("Ctrl+Y"),
                    )
                    .clicked()
                {
                    self.request(Action::Redo);
                }
            });
            ui.separator();
            let errors = self.problems.errors();
            let status = if errors == 0 {
                egui::RichText::new("无错误").color(ui.visuals().weak_text_color())
            } else {
                egui::RichText::new(format!("{errors} 个错误")).color(ui.visuals().error_fg_color)
            };
            ui.label(status);
        });
    }

    fn handle_shortcuts(&mut self, ctx: &egui::Context) {
        let cmd = Modifiers::COMMAND;
        let cmd_shift = Modifiers::COMMAND | Modifiers::SHIFT;
        // Order matters: the Shift variants first, so Ctrl+Z does not swallow Ctrl+Shift+Z.
        let table = [
            (shortcut(cmd_shift, Key::Z), Action::Redo),
            (shortcut(cmd_shift, Key::S), Action::SaveAs),
            (shortcut(cmd, Key::Z), Action::Undo),
            (shortcut(cmd, Key::Y), Action::Redo),
            (shortcut(cmd, Key::S), Action::Save),
            (shortcut(cmd, Key::O), Action::Open),
            (shortcut(cmd, Key::N), Action::New),
            (shortcut(cmd, Key::E), Action::ExportPdf),
            (shortcut(cmd, Key::Q), Action::Quit),
        ];
        for (keys, action) in table {
            // Consumed before any text field sees it: undo is the document's, not the field's.
            if ctx.input_mut(|i| i.consume_shortcut(&keys)) {
                self.request(action);
            }
        }
    }

    fn handle_close_request(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.allow_close {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            self.request(Action::Quit);
        }
    }

    /// Like the window's close button: asks about unsaved changes first.
    pub fn request_close(&mut self) {
        self.request(Action::Quit);
    }

    fn run_actions(&mut self, ctx: &egui::Context) {
        if !self.actions.is_empty() {
            // Their results (a modal, a new document) show on the next frame.
            ctx.request_repaint();
        }
        for action in std::mem::take(&mut self.actions) {
            self.run(ctx, action, false);
        }
    }

    /// Runs an action; `confirmed` skips the unsaved-changes question.
    fn run(&mut self, ctx: &egui::Context, action: Action, confirmed: bool) {
        let replaces_document = matches!(
            action,
            Action::New
                | Action::Open
                | Action::OpenPath(_)
                | Action::Rollover
                | Action::ImportText
                | Action::Quit
        );
        if replaces_document && !confirmed && self.doc.is_dirty() {
            self.modal = Some(Modal::Unsaved { then: action });
            return;
        }
        match action {
            Action::New => self.modal = Some(Modal::NewForm),
            Action::Open => self
                .dialogs
                .ask(ctx, PathPurpose::Open, self.default_dir().join("")),
            Action::OpenPath(p) => {
                if !self.open_path(&p) {
                    self.settings.forget(&p);
                    self.save_settings();
                }
            }
            Action::Save => match self.doc.path.clone() {
                Some(p) => {
                    if self.save_to(&p) {
                        self.continue_after_save(ctx);
                    }
                }
                None => self.run(ctx, Action::SaveAs, true),
            },
            Action::SaveAs => {
                let name = suggested_file_name(self.doc.form(), "ron");
                let default = match &self.doc.path {
                    Some(p) => p.clone(),
                    None => self.default_dir().join(name),
                };
                self.dialogs.ask(ctx, PathPurpose::SaveAs, default);
            }
            Action::Rollover => {
                self.dialogs
                    .ask(ctx, PathPurpose::Rollover, self.default_dir().join(""))
            }
            Action::ExportPdf => {
                let name = suggested_file_name(self.doc.form(), "pdf");
                self.dialogs
                    .ask(ctx, PathPurpose::ExportPdf, self.default_dir().join(name));
            }
            Action::ExportXlsx => {
                let name =
                    suggested_file_name(self.doc.form(), "xlsx").replace(".xlsx", "-指标表.xlsx");
                self.dialogs
                    .ask(ctx, PathPurpose::ExportXlsx, self.default_dir().join(name));
            }
            Action::ImportXlsx => {
                self.dialogs
                    .ask(ctx, PathPurpose::ImportXlsx, self.default_dir().join(""))
            }
            Action::ImportText => {
                self.modal = Some(Modal::ImportText {
                    text: String::new(),
                    note: None,
                })
            }
            Action::Quit => {
                self.clear_recovery();
                self.allow_close = true;
                ctx.send_viewport_cmd(ViewportCommand::Close);
            }
            Action::Undo => {
                self.doc.undo();
                self.fix_selection();
            }
            Action::Redo => {
                self.doc.redo();
                self.fix_selection();
            }
        }
    }

    /// The folder of the current file, else the user's documents folder.
    fn default_dir(&self) -> PathBuf {
        self.doc
            .path
            .as_ref()
            .and_then(|p| p.parent().map(Path::to_path_buf))
            .or_else(|| {
                directories::UserDirs::new().and_then(|d| d.document_dir().map(Path::to_path_buf))
            })
            .unwrap_or_else(|| PathBuf::from("."))
    }

    fn show_modals(&mut self, ctx: &egui::Context) {
        if let Some(node) = self.state.confirm_delete {
            let (what, count) = tree::describe_for_delete(self.doc.form(), node);
            let body = format!("“{what}”下有 {count} 个指标，删除后可用“撤销”恢复。确定删除吗？");
            match dialogs::confirm(ctx, "删除", &body, "删除") {
                Some(true) => {
                    if let Some(edit) = tree::delete_edit(node) {
                        self.edits.push(edit);
                    }
                    self.state.confirm_delete = None;
                }
                Some(false) => self.state.confirm_delete = None,
                None => {}
            }
        }
        match self.modal.take() {
            None => {}
            Some(Modal::Recover { file, copy }) => {
                let mut choice = None;
                egui::Modal::new(egui::Id::unique("recover")).show(ctx, |ui| {
                    ui.heading("恢复未保存的内容");
                    let name = match &copy.original {
                        Some(p) => p.display().to_string(),
                        None => "未命名表单".into(),
                    };
                    ui.label(format!(
                        "上次程序没有正常退出。找到“{name}”（{} 年度）在 {} 自动保存的副本，其中有未保存的更改。",
                        copy.form.year, copy.written_at
                    ));
                    ui.label("恢复后它作为未保存的文档打开，请检查后保存。");
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        if ui.button("恢复").clicked() {
                            choice = Some(true);
                        }
                        if ui.button("放弃").clicked() {
                            choice = Some(false);
                        }
                    });
                });
                match choice {
                    Some(recover) => {
                        if recover {
                            let original = copy.original.clone();
                            self.replace_document(Document::new_unsaved(copy.form, original));
                        }
                        if let Some(store) = &self.config.recovery {
                            store.remove(&file);
                        }
                        // another copy may be waiting
                        self.offer_recovery();
                    }
                    None => self.modal = Some(Modal::Recover { file, copy }),
                }
            }
            Some(Modal::Unsaved { then }) => {
                let what = match then {
                    Action::Quit => "关闭",
                    Action::New => "新建表单",
                    Action::Rollover => "从上年文件新建",
                    Action::ImportText => "导入表单文本",
                    _ => "打开其他文件",
                };
                match dialogs::unsaved_prompt(ctx, &self.file_name(), what) {
                    None => self.modal = Some(Modal::Unsaved { then }),
                    Some(SaveChoice::Save) => match self.doc.path.clone() {
                        Some(p) => {
                            if self.save_to(&p) {
                                self.actions.push(then);
                            }
                        }
                        None => {
                            self.after_save = Some(then);
                            self.run(ctx, Action::SaveAs, true);
                        }
                    },
                    Some(SaveChoice::Discard) => self.run(ctx, then, true),
                    Some(SaveChoice::Cancel) => {}
                }
            }
            Some(Modal::ConfirmGrid { grid, file }) => {
                let mut choice = None;
                egui::Modal::new(egui::Id::unique("confirm_grid")).show(ctx, |ui| {
                    ui.heading("导入指标表");
                    ui.label(format!(
                        "从“{file}”读取到 {} 个一级目标、{} 个指标。要替换现有的指标表（{} 个指标），还是追加到后面？导入后可用“撤销”恢复。",
                        grid.goals.len(),
                        grid.indicator_count(),
                        self.doc.form().indicator_count()
                    ));
                    for item in &grid.review {
                        ui.label(egui::RichText::new(item.to_string()).color(ui.visuals().warn_fg_color));
                    }
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        if ui.button("替换").clicked() {
                            choice = Some(Some(true));
                        }
                        if ui.button("追加").clicked() {
                            choice = Some(Some(false));
                        }
                        if ui.button("取消").clicked() {
                            choice = Some(None);
                        }
                    });
                });
                match choice {
                    None => self.modal = Some(Modal::ConfirmGrid { grid, file }),
                    Some(Some(replace)) => {
                        if !grid.review.is_empty() {
                            self.state.review = grid.review.clone();
                            self.state.review_title =
                                format!("从“{file}”导入指标表，请核对以下各处");
                            self.state.bottom_tab = BottomTab::Review;
                        }
                        self.apply_grid(grid.goals, replace);
                    }
                    Some(None) => {}
                }
            }
            Some(Modal::ImportText { mut text, note }) => {
                #[derive(PartialEq)]
                enum Choice {
                    Stay,
                    Import,
                    FromFile,
                    Cancel,
                }
                let mut choice = Choice::Stay;
                let response = egui::Modal::new(egui::Id::unique("import_text")).show(ctx, |ui| {
                    ui.set_width(720.0);
                    ui.heading("导入表单文本");
                    ui.label("把从 PDF 或 Word 中复制的整张表单粘贴到下面，或从文本文件读取。导入后请按“复核清单”核对。");
                    if let Some(note) = &note {
                        ui.label(egui::RichText::new(note).color(ui.visuals().warn_fg_color));
                    }
                    let label = ui.label("表单文本");
                    egui::ScrollArea::vertical().max_height(380.0).show(ui, |ui| {
                        ui.add(
                            egui::TextEdit::multiline(&mut text)
                                .desired_rows(16)
                                .desired_width(f32::INFINITY)
                                .hint_text("在此粘贴表单文本"),
                        )
                        .labelled_by(label.id);
                    });
                    ui.horizontal(|ui| {
                        if ui.add_enabled(!text.trim().is_empty(), egui::Button::new("导入")).clicked() {
                            choice = Choice::Import;
                        }
                        if ui.button("从文件读取…").clicked() {
                            choice = Choice::FromFile;
                        }
                        if ui.button("取消").clicked() {
                            choice = Choice::Cancel;
                        }
                    });
                });
                if response.should_close() && choice == Choice::Stay {
                    choice = Choice::Cancel;
                }
                match choice {
                    Choice::Stay => self.modal = Some(Modal::ImportText { text, note }),
                    Choice::Import => self.import_text(&text),
                    Choice::FromFile => {
                        self.dialogs
                            .ask(ctx, PathPurpose::ImportText, self.default_dir().join(""))
                    }
                    Choice::Cancel => {}
                }
            }
            Some(Modal::NewForm) => {
                let mut chosen = None;
                let mut close = false;
                egui::Modal::new(egui::Id::unique("new_form")).show(ctx, |ui| {
                    ui.heading("新建表单");
                    ui.label("选择指标体系，新表单将带有它的一级、二级目标：");
                    ui.add_space(6.0);
                    for f in frameworks::all() {
                        if ui
                            .button(format!("{}（{}）", f.name, f.description))
                            .clicked()
                        {
                            chosen = Some(Some(f));
                        }
                    }
                    if ui.button("空白表单").clicked() {
                        chosen = Some(None);
                    }
                    ui.add_space(6.0);
                    if ui.button("取消").clicked() {
                        close = true;
                    }
                });
                match chosen {
                    Some(framework) => self.new_document(&framework),
                    None if !close => self.modal = Some(Modal::NewForm),
                    None => {}
                }
            }
            Some(Modal::Error(message))
                if !dialogs::message(ctx, "error", "出错了", &message, |_| {}) =>
            {
                self.modal = Some(Modal::Error(message));
            }
            Some(Modal::Error(_)) => {}
            Some(Modal::Exported {
                path,
                pages,
                missing,
            }) => {
                let mut body = format!("已导出 {}，共 {pages} 页。", path.display());
                if !missing.is_empty() {
                    body.push_str(
                        "\n\n注意：字体中没有以下字符，PDF 中显示为空框，请改用常见写法：\n",
                    );
                    body.push_str(&missing.join("\n"));
                }
                let mut open_failed = None;
                let done = dialogs::message(ctx, "exported", "导出 PDF", &body, |ui| {
                    if ui.button("打开 PDF").clicked() {
                        if let Err(e) = dialogs::open_with_system(&path) {
                            open_failed = Some(e);
                        }
                    }
                });
                if let Some(e) = open_failed {
                    self.modal = Some(Modal::Error(e));
                } else if !done {
                    self.modal = Some(Modal::Exported {
                        path,
                        pages,
                        missing,
                    });
                }
            }
        }
    }

    fn continue_after_save(&mut self, ctx: &egui::Context) {
        if let Some(then) = self.after_save.take() {
            self.run(ctx, then, true);
        }
    }

    fn on_path_chosen(&mut self, purpose: PathPurpose, path: PathBuf) {
        match purpose {
            PathPurpose::Open => self.actions.push(Action::OpenPath(path)),
            PathPurpose::SaveAs => {
                if self.save_to(&path) {
                    // Saved, so the pending action no longer asks about changes.
                    if let Some(then) = self.after_save.take() {
                        self.actions.push(then);
                    }
                } else {
                    self.after_save = None;
                }
            }
            PathPurpose::Rollover => self.rollover_from(&path),
            PathPurpose::ExportPdf => self.export_pdf_to(&path),
            PathPurpose::ExportXlsx => {
                let written = crate::core::grid_xlsx::export(self.doc.form()).and_then(|bytes| {
                    store::write_atomically(&path, &bytes, false).map_err(|e| e.to_string())
                });
                if let Err(e) = written {
                    self.modal = Some(Modal::Error(e));
                }
            }
            PathPurpose::ImportXlsx => self.read_grid_file(&path),
            PathPurpose::ImportText => match crate::core::import_text::read_file(&path) {
                Ok((text, note)) => self.modal = Some(Modal::ImportText { text, note }),
                Err(e) => self.modal = Some(Modal::Error(e)),
            },
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
