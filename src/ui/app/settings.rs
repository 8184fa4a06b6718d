//! What the program remembers between runs: recent files, text size, theme, autosave
//! interval, where recovery copies go, whether the first-start hint was closed. Kept in
//! the user's config folder as a small RON file; a broken or missing file just means
//! the defaults.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::core::file::store::write_atomically;
use crate::ui::theme::{TextSize, ThemeChoice};

const MAX_RECENT: usize = 10;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    /// Most recent first.
    #[serde(default)]
    pub recent: Vec<PathBuf>,
    #[serde(default)]
    pub text_size: TextSize,
    #[serde(default)]
    pub theme: ThemeChoice,
    /// Seconds of idle time before a recovery copy is written.
    #[serde(default = "default_autosave_seconds")]
    pub autosave_seconds: u64,
    /// Where recovery copies go; `None`: the user's data folder.
    #[serde(default)]
    pub recovery_dir: Option<PathBuf>,
    /// The first-start hint was closed.
    #[serde(default)]
    pub hint_closed: bool,
    /// PDF and print show typed comparisons (>=, <=, ≧…) as ≥ ≤ (the form keeps them).
    #[serde(default)]
    pub print_symbols: bool,
    /// PDF, print and preview mark every page 草稿.
    #[serde(default)]
    pub print_draft: bool,
    /// Review points (审核要点) turned off, by [`crate::core::validate::ReviewPoint::id`].
    #[serde(default)]
    pub review_off: Vec<String>,
}

fn default_autosave_seconds() -> u64 {
    3
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            recent: Vec::new(),
            text_size: TextSize::default(),
            theme: ThemeChoice::default(),
            autosave_seconds: default_autosave_seconds(),
            recovery_dir: None,
            hint_closed: false,
            print_symbols: false,
            print_draft: false,
            review_off: Vec::new(),
        }
    }
}

impl Settings {
    /// The settings in `path`; the defaults when it is missing, broken, not a plain
    /// file or far larger than settings can be.
    pub fn load(path: &Path) -> Settings {
        crate::core::file::disk::read_limited(path, 1024 * 1024)
            .ok()
            .filter(|b| b.len() <= 1024 * 1024)
            .and_then(|b| String::from_utf8(b).ok())
            .and_then(|t| ron::from_str(&t).ok())
            .unwrap_or_default()
    }

    pub fn save(&self, path: &Path) -> Result<(), String> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
        }
        let text = ron::ser::to_string_pretty(self, Default::default()).unwrap_or_default();
        write_atomically(path, text.as_bytes(), false).map_err(|e| e.to_string())
    }

    /// Puts `path` first in the recent list.
    pub fn remember(&mut self, path: &Path) {
        let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path);
        self.recent.truncate(MAX_RECENT);
    }

    pub fn forget(&mut self, path: &Path) {
        self.recent.retain(|p| p != path);
    }

    pub fn last_file(&self) -> Option<&Path> {
        self.recent.first().map(PathBuf::as_path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembers_most_recent_first_without_duplicates() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("settings.ron");
        let mut s = Settings::default();
        s.remember(Path::new("/a.ron"));
        s.remember(Path::new("/b.ron"));
        s.remember(Path::new("/a.ron"));
        assert_eq!(s.recent, [PathBuf::from("/a.ron"), PathBuf::from("/b.ron")]);
        s.save(&file).unwrap();
        assert_eq!(Settings::load(&file), s);
        std::fs::write(&file, "garbage").unwrap();
        assert_eq!(Settings::load(&file), Settings::default());
    }

    #[test]
    fn broken_or_hostile_settings_mean_the_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("settings.ron");
        for text in ["(recent: [", "\u{0}\u{1b}", "(text_size: Huge)", "[1,2,3]"] {
            std::fs::write(&file, text).unwrap();
            assert_eq!(Settings::load(&file), Settings::default(), "{text}");
        }
        std::fs::write(&file, "(text_size: Large)").unwrap();
        assert_eq!(
            Settings::load(&file).text_size,
            TextSize::Large,
            "older files keep the rest"
        );
        std::fs::write(&file, " ".repeat(2 * 1024 * 1024)).unwrap();
        assert_eq!(Settings::load(&file), Settings::default());
        assert_eq!(Settings::load(dir.path()), Settings::default(), "a folder");
    }
}
