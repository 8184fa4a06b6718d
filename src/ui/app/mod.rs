//! The application: one open document, what is selected, and the file actions. Panels
//! draw from `&Form` and push [`Edit`]s; they are applied once per frame, here.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use egui::ViewportCommand;

use crate::core::editing::document::Document;
use crate::core::editing::edit::Edit;
use crate::core::file::recovery::RecoveryStore;
use crate::core::file::store;
use crate::core::model::Form;
use crate::core::template::{self, Template, Templates};

use super::panels::Panels;
use super::problem_index::ProblemIndex;
use super::state::{Node, PanelCtx, Request, UiState};
use autosave::Autosave;
use dialogs::FileDialogs;
use modals::Modal;
use settings::Settings;

pub use super::commands::Action;

pub mod autosave;
mod closing;
mod dialogs;
mod exports;
mod file_prompts;
mod files;
mod find;
mod help;
mod ime;
mod import_result;
mod importing;
mod menu;
mod mine;
mod modals;
mod print_dialog;
pub mod settings;
mod stage_export;
mod status;

/// Where the program keeps its settings; tests point it at a temporary folder.
#[derive(Debug, Clone, Default)]
pub struct AppConfig {
    pub settings_path: Option<PathBuf>,
    /// Where recovery copies go; `None` turns autosave off.
    pub recovery: Option<RecoveryStore>,
    /// Use the system's file dialogs; when false (tests, `JIXIAO_NO_NATIVE_DIALOG`), the
    /// in-app path field is used.
    pub native_dialogs: bool,
    /// The clerk's own templates (shown in 新建 beside the built-in ones).
    pub template_dir: Option<PathBuf>,
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
            template_dir: std::env::var_os("JIXIAO_TEMPLATE_DIR")
                .map(PathBuf::from)
                .or_else(Templates::user_dir),
        }
    }

    /// Settings kept in `dir` only, and no native dialogs: for tests and scripts.
    pub fn in_dir(dir: &Path) -> Self {
        AppConfig {
            settings_path: Some(dir.join("settings.ron")),
            recovery: Some(RecoveryStore::new(dir.join("recovery"))),
            native_dialogs: false,
            template_dir: Some(dir.join("templates")),
        }
    }
}

/// The open document and everything around it. The methods are spread over
/// app (frame), menu, files (actions), modals and autosave.
pub struct App {
    pub doc: Document,
    /// The templates 新建 offers (built-in and the clerk's own, broken ones listed).
    pub templates: Arc<Templates>,
    /// The layout of the open form.
    pub template: Arc<Template>,
    /// Selection, focus and scroll requests, shared by the panels.
    pub state: UiState,
    /// What each panel keeps for itself.
    pub panels: Panels,
    /// 页面预览 is shown beside the editor.
    pub preview_open: bool,
    /// A node whose deletion waits for confirmation.
    confirm_delete: Option<Node>,
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
    ime: ime::ImeKeeper,
    mine: mine::Mine,
    /// Copies to recover are offered once the question showing at start-up is answered.
    recovery_pending: bool,
    /// When this window last saved the form (for the status bar).
    saved_at: Option<chrono::DateTime<chrono::Local>>,
    /// A brief confirmation in the status bar, and since when.
    status_note: Option<(String, Instant)>,
    /// Process start, when `JIXIAO_STARTUP_PROBE` asks to time the first frame.
    pub startup_probe: Option<Instant>,
    autosave: Autosave,
    /// An import reading a file on a thread of its own.
    importing: Option<importing::ImportJob>,
    /// 查找, while open.
    find: Option<find::FindBar>,
    /// The window's context (for threads that report back).
    ctx: Option<egui::Context>,
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
        let mut config = config;
        if let (Some(_), Some(dir)) = (&config.recovery, &settings.recovery_dir) {
            // 设置 → 恢复副本位置
            config.recovery = Some(RecoveryStore::new(dir.clone()));
        }
        let config_recovery = config.recovery.clone();
        let templates = Templates::load(config.template_dir.as_deref());
        template::install(templates.clone());
        let form_template = template::for_form(doc.form());
        App {
            templates: Arc::new(templates),
            template: form_template,
            doc,
            state: UiState::default(),
            panels: Panels::default(),
            confirm_delete: None,
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
            ime: ime::ImeKeeper::default(),
            mine: mine::Mine::default(),
            preview_open: false,
            recovery_pending: false,
            saved_at: None,
            status_note: None,
            autosave: Autosave {
                session: config_recovery.as_ref().map(|r| r.start_session()),
                seen_revision: 0,
                changed_at: Instant::now(),
                written_revision: None,
            },
            importing: None,
            find: None,
            ctx: None,
        }
    }

    /// Whether an import is reading a file now.
    pub fn is_importing(&self) -> bool {
        self.importing.is_some()
    }

    /// Start-up: the given file, else the last file, else (first run) the sample form.
    pub fn start(config: AppConfig, path: Option<PathBuf>) -> Self {
        let mut app = App::new(
            config,
            Document::new(Form::new_this_year(template::shanghai_2020()), None),
        );
        let last = app.settings.last_file().map(Path::to_path_buf);
        match path.or(last) {
            Some(path) => {
                if !app.open_path(&path) {
                    let year = crate::core::editing::rollover::proposed_year(
                        chrono::Local::now().date_naive(),
                    );
                    app.new_document(Some(Arc::new(template::shanghai_2020().clone())), year);
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
            Err(e) => self.show_error(&format!("示例表单无法读取：{e}")),
        }
    }

    fn replace_document(&mut self, doc: Document) {
        self.doc = doc;
        self.state = UiState::default();
        self.panels.fields.reset(self.doc.path.is_some());
        self.saved_at = None;
        self.panels = Panels {
            fields: std::mem::take(&mut self.panels.fields),
            ..Panels::default()
        };
        self.showing_sample = false;
    }

    /// A new form of `template` (with its skeleton), or a blank 上海市 2020 版 form.
    fn new_document(&mut self, template: Option<Arc<Template>>, year: i32) {
        let form = match template {
            Some(t) => t.new_form(year),
            None => Form::new(template::shanghai_2020(), year),
        };
        self.replace_document(Document::new(form, None));
    }

    /// The clerk's template folder.
    pub fn config_template_dir(&self) -> Option<PathBuf> {
        self.config.template_dir.clone()
    }

    /// Reads the templates again (the clerk added or fixed one in the folder).
    pub fn reload_templates(&mut self) {
        let templates = Templates::load(self.config.template_dir.as_deref());
        template::install(templates.clone());
        self.templates = Arc::new(templates);
    }

    /// Keeps `template` the open form's.
    fn follow_template(&mut self) {
        if self.template.id != self.doc.form().template {
            self.template = template::for_form(self.doc.form());
        }
    }

    /// Queues a user action (menus and shortcuts use this).
    pub fn request(&mut self, action: Action) {
        self.actions.push(action);
    }

    /// Whether the window is letting itself close (nothing left to ask).
    pub fn is_closing(&self) -> bool {
        self.allow_close
    }

    /// Whether a prompt about unsaved changes is showing.
    pub fn is_asking_to_save(&self) -> bool {
        matches!(self.modal, Some(Modal::Unsaved { .. }))
    }

    /// Shows an error: the one place where any error becomes the message the clerk
    /// reads (every error type of the core says itself in Chinese; control characters
    /// from files are made visible).
    pub(super) fn show_error(&mut self, error: &dyn std::fmt::Display) {
        let text = error
            .to_string()
            .chars()
            .map(|c| {
                if c.is_control() && c != '\n' {
                    '�'
                } else {
                    c
                }
            })
            .collect();
        self.modal = Some(Modal::Error(text));
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
    fn apply_edits(&mut self) {
        for edit in std::mem::take(&mut self.edits) {
            let length = edit.longest_text();
            if length > crate::core::editing::edit::MAX_EDIT_CHARS {
                // what cannot be saved and opened again never reaches the form
                self.show_error(&format!(
                    "内容过长（{length} 个字，一处最多 {} 个字），未写入表单；请分段填写或删减后再粘贴",
                    crate::core::editing::edit::MAX_EDIT_CHARS
                ));
                continue;
            }
            if self.doc.apply(edit).is_ok() {
                self.showing_sample = self.showing_sample && self.doc.path.is_none();
            }
        }
        self.fix_selection();
    }

    /// Keeps the selection on something that exists after structural edits or undo.
    fn fix_selection(&mut self) {
        let form = self.doc.form();
        let ok = match &self.state.selection {
            Node::Grid(g) => *g < form.grids.len(),
            Node::Goal(g, goal) => form.goal(*g, *goal).is_some(),
            Node::Group(g, goal, gr) => form.group(*g, *goal, *gr).is_some(),
            Node::Indicator(p) => form.indicator(*p).is_some(),
            Node::Section(id) => self.template.section(id).is_some(),
            Node::Budget => self.template.money.is_some(),
            Node::Header | Node::Monitor | Node::SelfEval => true,
        };
        if !ok {
            self.state.selection = match self.state.selection.grid() {
                Some(g) if g < form.grids.len() => Node::Grid(g),
                _ => Node::Header,
            };
        }
    }

    /// One frame of the whole window.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if !self.styled {
            super::install_look(&ctx);
            super::theme::apply(&ctx, self.settings.text_size, self.settings.theme);
            self.styled = true;
        } else if let Some(started) = self.startup_probe.take() {
            // `scripts/startup-time.sh`: report the time to the first painted frame, quit.
            println!("first frame after {} ms", started.elapsed().as_millis());
            self.allow_close = true;
            ctx.send_viewport_cmd(ViewportCommand::Close);
        }
        if self.dialogs.native_open() {
            // the system's dialog has the keyboard: nothing typed reaches the form
            ctx.input_mut(|i| {
                i.events.retain(|e| {
                    !matches!(
                        e,
                        egui::Event::Key { .. }
                            | egui::Event::Text(_)
                            | egui::Event::Paste(_)
                            | egui::Event::Copy
                            | egui::Event::Cut
                            | egui::Event::Ime(_)
                    )
                })
            });
        }
        if self.ctx.is_none() {
            self.ctx = Some(ctx.clone());
        }
        self.state.input_blocked = self.modal.is_some()
            || self.confirm_delete.is_some()
            || self.dialogs.is_busy()
            || self.importing.is_some();
        self.handle_shortcuts(&ctx);
        self.handle_close_request(&ctx);
        if let Some((purpose, path)) = self
            .dialogs
            .poll()
            .or_else(|| self.dialogs.show_entry(&ctx))
        {
            self.on_path_chosen(purpose, path);
        }
        self.follow_template();
        let mut view = self.panels.fields.problem_view();
        view.review_off = &self.settings.review_off;
        self.problems.refresh(&self.doc, &self.template, &view);

        egui::Panel::top("menu").show(ui, |ui| self.menu_bar(ui));
        egui::Panel::bottom("status").show(ui, |ui| self.status_bar(ui));
        // a small window (or large text) keeps most of its height for the form; on the
        // first frame the text size's zoom is not in effect yet
        let pending_zoom = self.settings.text_size.zoom() / ctx.zoom_factor();
        let problems_height = (ui.available_height() / pending_zoom * 0.2).clamp(80.0, 170.0);
        // dragged up, the list never takes more than half the window: the editor stays
        let most = (ui.available_height() / pending_zoom * 0.5).max(80.0);
        egui::Panel::bottom("problems")
            .resizable(true)
            .default_size(problems_height)
            .size_range(80.0..=most)
            .show(ui, |ui| {
                let (mut cx, panels) = self.panel_ctx();
                panels.problems.show(ui, &mut cx);
            });
        egui::Panel::left("tree")
            .resizable(true)
            .default_size(260.0)
            .size_range(180.0..=520.0)
            .show(ui, |ui| {
                let (mut cx, panels) = self.panel_ctx();
                panels.outline.show(ui, &mut cx);
            });
        if self.preview_open {
            let width = (ui.available_width() * 0.4).clamp(240.0, 700.0);
            egui::Panel::right("preview")
                .resizable(true)
                .default_size(width)
                .size_range(200.0..=1200.0)
                .show(ui, |ui| {
                    let revision = self.doc.revision();
                    let form = self.doc.form();
                    let print = (self.settings.print_symbols, self.settings.print_draft);
                    self.panels.preview.show(
                        ui,
                        (form, &self.template, &mut self.state),
                        revision,
                        print,
                    );
                });
        }
        egui::CentralPanel::default().show(ui, |ui| {
            self.first_start_hint(ui);
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
        self.take_requests();
        self.poll_import(&ctx);
        self.show_find(&ctx);
        self.show_modals(&ctx);
        self.apply_edits();
        self.run_actions(&ctx);
        self.ime.end_frame(&ctx, self.state.focus.is_some());
        self.mine_tick(&ctx);
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

    fn central(&mut self, ui: &mut egui::Ui) {
        let (mut cx, panels) = self.panel_ctx();
        match cx.state.selection {
            Node::Header | Node::Budget | Node::Section(_) => panels.fields.show(ui, &mut cx),
            Node::Grid(_) | Node::Goal(..) | Node::Group(..) | Node::Indicator(_) => {
                panels.grid.show(ui, &mut cx)
            }
            Node::Monitor | Node::SelfEval => panels.stages.show(ui, &mut cx),
        }
    }

    /// What a panel is given, and the panels' own state beside it.
    fn panel_ctx(&mut self) -> (PanelCtx<'_>, &mut Panels) {
        (
            PanelCtx {
                form: self.doc.form(),
                template: &self.template,
                problems: &self.problems,
                state: &mut self.state,
                edits: &mut self.edits,
            },
            &mut self.panels,
        )
    }

    /// On the very first start (the sample is showing): where to begin, until closed.
    fn first_start_hint(&mut self, ui: &mut egui::Ui) {
        if !self.showing_sample || self.settings.hint_closed {
            return;
        }
        let mut close = false;
        egui::Frame::group(ui.style())
            .fill(ui.visuals().faint_bg_color)
            .show(ui, |ui| {
                ui.horizontal_wrapped(|ui| {
                    ui.label(
                        "这是一张示例表单。开始今年的表单：文件 → 从上年文件新建…（有上年保存的文件时），或 文件 → 新建…；帮助 → 使用说明 有每一步的说明。",
                    );
                    if ui.button("知道了").clicked() {
                        close = true;
                    }
                });
            });
        ui.add_space(6.0);
        if close {
            self.settings.hint_closed = true;
            self.save_settings();
        }
    }

    /// What the panels asked for this frame.
    fn take_requests(&mut self) {
        for request in std::mem::take(&mut self.state.requests) {
            match request {
                Request::ConfirmDelete(node) => self.confirm_delete = Some(node),
                Request::Notice(text) => self.note(text),
                Request::OpenLibrary => self.panels.grid.library.open(),
            }
        }
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
