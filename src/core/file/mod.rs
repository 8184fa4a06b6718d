//! Forms on disk, safely: reading a `.ron` form defensively (store), writing it so that
//! the file is always the old or the new version (safe_write), plain-file checks and
//! bounded reads (disk), the lock one window holds on a form (lock), the recovery copies
//! of unsaved work (recovery), the RON text written (ron_writer) and the Chinese reading
//! of a RON error (ron_error).

pub mod disk;
pub mod lock;
pub mod recovery;
pub mod ron_error;
pub(crate) mod ron_writer;
pub mod safe_write;
pub mod store;
