//! An import running off the window's thread: the window keeps drawing, shows what is
//! being read with 取消, and takes the result when it comes. A recovery copy of the
//! open form is written before it starts; cancelling leaves everything as it was.

use std::sync::mpsc::{channel, Receiver};
use std::sync::Arc;
use std::time::Instant;

use crate::core::exchange::import::{ImportError, Imported};

use super::App;

/// An import under way.
pub struct ImportJob {
    /// The file's name (or 粘贴的文本).
    pub from: String,
    pub bytes: Arc<Vec<u8>>,
    pub started: Instant,
    /// Which project of a table of several is being read.
    pub project: usize,
    /// The template the clerk picked to read it with (none: found by the reader).
    pub picked: Option<String>,
    answer: Receiver<Result<Imported, ImportError>>,
}

impl App {
    /// Starts reading `bytes` (as `choose`, a template id, when given) on a thread of
    /// its own.
    pub(super) fn start_import(
        &mut self,
        from: String,
        bytes: Arc<Vec<u8>>,
        choose: Option<String>,
    ) {
        self.start_import_of(from, bytes, choose, 0);
    }

    /// [`Self::start_import`] taking project `project` (from 0) of a table of several.
    pub(super) fn start_import_of(
        &mut self,
        from: String,
        bytes: Arc<Vec<u8>>,
        choose: Option<String>,
        project: usize,
    ) {
        // what was typed since the last recovery copy survives whatever the file does
        self.write_recovery_now();
        let (tx, rx) = channel();
        let templates = self.templates.list.clone();
        let picked = choose.clone();
        let input = bytes.clone();
        let ctx = self.ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("import".into())
            // readers below recurse into what a file nests; their limits are checked
            // on 2 MiB (pdf_font_guard), this leaves room beyond them
            .stack_size(16 << 20)
            .spawn(move || {
                let result = crate::core::exchange::import::import_bytes_of_project(
                    &input,
                    &templates,
                    choose.as_deref(),
                    project,
                );
                // the window may have gone (cancelled, closed): nobody to tell
                let _ = tx.send(result);
                if let Some(ctx) = ctx {
                    ctx.request_repaint();
                }
            });
        if spawned.is_err() {
            self.show_error(&"无法开始导入：系统无法创建新的线程");
            return;
        }
        self.importing = Some(ImportJob {
            from,
            bytes,
            started: Instant::now(),
            project,
            picked,
            answer: rx,
        });
    }

    /// Takes a finished import's result; shows what is being read meanwhile, with 取消.
    pub(super) fn poll_import(&mut self, ctx: &egui::Context) {
        let Some(job) = &self.importing else {
            return;
        };
        match job.answer.try_recv() {
            Ok(result) => {
                let job = self.importing.take().expect("an import under way");
                let read = super::files::ReadAs {
                    bytes: job.bytes,
                    project: job.project,
                    picked: job.picked,
                };
                self.show_import(result, &job.from, Some(read));
                return;
            }
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                // the reader stopped without an answer (it cannot, but say so if it does)
                self.importing = None;
                self.show_error(&"导入意外中止，表单没有改动");
                return;
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => {}
        }
        let seconds = job.started.elapsed().as_secs();
        let from = job.from.clone();
        let mut cancel = false;
        egui::Modal::new(egui::Id::unique("importing")).show(ctx, |ui| {
            ui.set_width(super::dialogs::fit_width(ui, 420.0));
            ui.heading("正在导入");
            ui.label(format!(
                "正在读取“{}”…（{seconds} 秒）",
                crate::core::printable::printable(&from)
            ));
            ui.label("取消后表单保持不变。");
            if ui.button("取消").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                cancel = true;
            }
        });
        if cancel {
            // the reader runs on to its limits in the background; its answer is dropped
            self.importing = None;
            self.note("已取消导入，表单没有改动");
        } else {
            // the seconds shown move on; the answer itself asks for a repaint
            ctx.request_repaint_after(std::time::Duration::from_secs(1));
        }
    }
}
