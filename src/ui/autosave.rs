//! Autosave: the recovery copy written while there are unsaved changes, and the offer
//! to restore one after a crash.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use super::app::App;
use super::modals::Modal;

/// Idle time after the last change before a recovery copy is written.
pub const AUTOSAVE_IDLE: Duration = Duration::from_secs(3);

/// Autosave bookkeeping for the open document.
pub(super) struct Autosave {
    pub(super) session: String,
    /// The revision seen last frame, and when it changed.
    pub(super) seen_revision: u64,
    pub(super) changed_at: Instant,
    /// The revision the recovery copy holds.
    pub(super) written_revision: Option<u64>,
}

impl App {
    /// After a crash: offers the newest copy left behind by an earlier session.
    pub(super) fn offer_recovery(&mut self) {
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
    pub(super) fn clear_recovery(&mut self) {
        if let Some(store) = &self.config.recovery {
            store.clear(&self.autosave.session);
        }
        self.autosave.written_revision = None;
    }
}
