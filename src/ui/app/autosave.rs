//! Autosave: the recovery copy written while there are unsaved changes, and the offer
//! to restore copies left by windows that ended without saving.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::core::editing::document::Document;
use crate::core::file::recovery::{Leftover, Session};

use super::modals::Modal;
use super::App;

/// Idle time after the last change before a recovery copy is written, unless 设置 says
/// otherwise.
pub const AUTOSAVE_IDLE: Duration = Duration::from_secs(3);

/// Autosave bookkeeping for the open document.
pub(super) struct Autosave {
    /// This window's claim on its copy; `None` when autosave is off.
    pub(super) session: Option<Session>,
    /// The revision seen last frame, and when it changed.
    pub(super) seen_revision: u64,
    pub(super) changed_at: Instant,
    /// The revision the recovery copy holds (`Some` while a copy exists).
    pub(super) written_revision: Option<u64>,
}

impl App {
    /// Lists the copies left behind by windows that are gone (after a crash, a power
    /// cut or a reboot); `say_none` tells the user when there are none.
    pub(super) fn offer_recovery(&mut self, say_none: bool) {
        let Some(store) = &self.config.recovery else {
            return;
        };
        let leftovers = store.leftovers();
        if !leftovers.is_empty() {
            self.modal = Some(Modal::Recover { leftovers });
        } else if say_none {
            self.modal = Some(Modal::Notice {
                title: "恢复副本".into(),
                body: "没有找到需要恢复的自动保存副本。".into(),
            });
        }
    }

    /// Whether the offer to recover copies is showing.
    pub fn is_offering_recovery(&self) -> bool {
        matches!(self.modal, Some(Modal::Recover { .. }))
    }

    /// Opens a leftover copy as an unsaved document; the copy becomes this window's and
    /// is removed only once the form is saved or its changes are discarded.
    pub(super) fn recover(&mut self, leftover: Leftover) {
        let (Some(store), Some(session)) = (&self.config.recovery, &self.autosave.session) else {
            return;
        };
        let form = leftover.copy.form.clone();
        let original = leftover.copy.original.clone();
        if let Some(p) = &original {
            self.doc.release_lock_on(p);
        }
        if let Err(e) = store.adopt(leftover, session) {
            self.show_error(&format!("无法恢复副本：{e}"));
            return;
        }
        self.replace_document(Document::recovered(form, original));
        self.autosave.written_revision = Some(self.doc.revision());
    }

    /// Writes the recovery copy when the document has unsaved changes and has been idle
    /// for [`AUTOSAVE_IDLE`]; removes it once there is nothing unsaved. Returns how long
    /// until it wants to be called again.
    pub fn autosave_tick(&mut self, now: Instant) -> Option<Duration> {
        let store = self.config.recovery.clone()?;
        let a = &mut self.autosave;
        let session = a.session.as_ref()?;
        if self.doc.revision() != a.seen_revision {
            a.seen_revision = self.doc.revision();
            a.changed_at = now;
        }
        if !self.doc.is_dirty() {
            if a.written_revision.take().is_some() {
                store.clear(session);
            }
            return None;
        }
        if a.written_revision == Some(self.doc.revision()) {
            return None;
        }
        let wait = Duration::from_secs(self.settings.autosave_seconds.clamp(1, 600));
        let idle = now.saturating_duration_since(a.changed_at);
        if idle < wait {
            return Some(wait - idle);
        }
        // A failed copy (disk full) is retried after the next change; the document on
        // screen is unaffected.
        if store
            .write(session, self.doc.path.as_deref(), self.doc.form())
            .is_ok()
        {
            a.written_revision = Some(self.doc.revision());
        }
        None
    }

    /// Writes the recovery copy now, when there is anything unsaved: before an operation
    /// that could take the window down (an import of an unknown file).
    pub(super) fn write_recovery_now(&mut self) {
        let Some(store) = self.config.recovery.clone() else {
            return;
        };
        let Some(session) = self.autosave.session.as_ref() else {
            return;
        };
        if !self.doc.is_dirty() || self.autosave.written_revision == Some(self.doc.revision()) {
            return;
        }
        if store
            .write(session, self.doc.path.as_deref(), self.doc.form())
            .is_ok()
        {
            self.autosave.written_revision = Some(self.doc.revision());
        }
    }

    /// The recovery copy of this window, if autosave is on.
    pub fn recovery_copy_path(&self) -> Option<PathBuf> {
        Some(
            self.config
                .recovery
                .as_ref()?
                .path_for_session(self.autosave.session.as_ref()?.name()),
        )
    }

    /// The user saved or chose to discard the changes: no copy is kept.
    pub(super) fn clear_recovery(&mut self) {
        if let (Some(store), Some(session)) = (&self.config.recovery, &self.autosave.session) {
            store.clear(session);
        }
        self.autosave.written_revision = None;
    }
}
