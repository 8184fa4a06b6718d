//! 我的指标: every indicator of the forms the clerk opens or saves, and of the forms in
//! folders they choose, remembered on this computer (name, 一级/二级, value, year and the
//! form it came from), so last year's own wording is one search away in 从指标库添加….
//! Forgetting a folder forgets what came from it. Kept as a small RON file beside the
//! settings; a missing or broken file is an empty list.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::core::library::{Entry, Library};
use crate::core::model::Form;

/// One indicator as a form of the clerk's had it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mine {
    pub name: String,
    pub level1: String,
    pub level2: String,
    /// The value as the form shows it ("≥95%", "定性 良好" printed as the word).
    pub value: String,
    pub year: i32,
    pub form: PathBuf,
}

/// The clerk's own indicators and the folders they came from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyIndicators {
    #[serde(default)]
    pub folders: Vec<PathBuf>,
    #[serde(default)]
    pub entries: Vec<Mine>,
}

/// Forms read from one folder at most (and its folders one level down), and the largest
/// form file read: a folder of thousands of files is read in part, never for long.
pub const MAX_FORMS_PER_FOLDER: usize = 500;
const MAX_FORM_BYTES: u64 = 20 * 1024 * 1024;
/// Indicators remembered at most (the oldest forms' go first).
pub const MAX_ENTRIES: usize = 20_000;

impl MyIndicators {
    /// The list kept at `path`; empty when there is none or it cannot be read.
    pub fn load(path: &Path) -> MyIndicators {
        let Ok(meta) = std::fs::metadata(path) else {
            return MyIndicators::default();
        };
        if !meta.is_file() || meta.len() > 64 * 1024 * 1024 {
            return MyIndicators::default();
        }
        std::fs::read_to_string(path)
            .ok()
            .and_then(|text| ron::from_str(&text).ok())
            .unwrap_or_default()
    }

    /// Writes the list to `path` (atomically).
    pub fn save(&self, path: &Path) -> Result<(), String> {
        let text = ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default())
            .map_err(|e| e.to_string())?;
        crate::core::file::store::write_atomically(path, text.as_bytes(), false)
            .map_err(|e| e.to_string())
    }

    /// Remembers the indicators of `form`, kept at `path` (those remembered from it
    /// before are replaced).
    pub fn learn(&mut self, form: &Form, path: &Path) {
        self.entries.retain(|m| m.form != path);
        for grid in &form.grids {
            for goal in &grid.goals {
                for group in &goal.groups {
                    for ind in &group.indicators {
                        let name = ind.name.trim();
                        if name.is_empty() {
                            continue;
                        }
                        let sign = ind.cell(crate::core::template::ColumnKind::Sign).trim();
                        let value = if sign == "定性" {
                            ind.cell(crate::core::template::ColumnKind::Value)
                                .trim()
                                .to_string()
                        } else {
                            ind.value_text()
                        };
                        self.entries.push(Mine {
                            name: name.to_string(),
                            level1: goal.name.trim().to_string(),
                            level2: group.name.trim().to_string(),
                            value,
                            year: form.year,
                            form: path.to_path_buf(),
                        });
                    }
                }
            }
        }
        if self.entries.len() > MAX_ENTRIES {
            let cut = self.entries.len() - MAX_ENTRIES;
            self.entries.drain(..cut);
        }
    }

    /// Reads every form in `folder` (and in its folders one level down) and keeps the
    /// folder; returns how many forms were read.
    pub fn add_folder(&mut self, folder: &Path) -> Result<usize, String> {
        if !folder.is_dir() {
            return Err(format!("“{}”不是文件夹", folder.display()));
        }
        let mut files = Vec::new();
        collect_forms(folder, 1, &mut files);
        files.sort();
        files.truncate(MAX_FORMS_PER_FOLDER);
        let mut read = 0;
        for file in &files {
            let small = std::fs::metadata(file).is_ok_and(|m| m.len() <= MAX_FORM_BYTES);
            if let Some(form) = small
                .then(|| crate::core::file::store::load(file).ok())
                .flatten()
            {
                self.learn(&form, file);
                read += 1;
            }
        }
        if !self.folders.iter().any(|f| f == folder) {
            self.folders.push(folder.to_path_buf());
        }
        Ok(read)
    }

    /// Forgets `folder` and every indicator remembered from a form in it.
    pub fn forget_folder(&mut self, folder: &Path) {
        self.folders.retain(|f| f != folder);
        self.entries.retain(|m| !m.form.starts_with(folder));
    }

    /// The remembered indicators as a library to search: each name and value once (the
    /// latest year's), its type the form's file name and year.
    pub fn library(&self) -> Library {
        let mut sorted: Vec<&Mine> = self.entries.iter().collect();
        sorted.sort_by_key(|m| std::cmp::Reverse(m.year));
        let mut keys = std::collections::HashSet::new();
        let seen: Vec<&Mine> = sorted
            .into_iter()
            .filter(|m| keys.insert((&m.name, &m.value, &m.level2)))
            .collect();
        let entries = seen
            .into_iter()
            .map(|m| {
                let (sign, value, unit) = crate::core::target::split(&m.value)
                    .unwrap_or_else(|| ("定性".into(), m.value.clone(), String::new()));
                let file = m
                    .form
                    .file_stem()
                    .map(|s| s.to_string_lossy().to_string())
                    .unwrap_or_default();
                Entry {
                    kind: MINE.to_string(),
                    level1: m.level1.clone(),
                    level2: m.level2.clone(),
                    name: m.name.clone(),
                    sign: if sign.is_empty() {
                        "定性".into()
                    } else {
                        sign
                    },
                    value,
                    unit,
                    explanation: format!("{} 年用过，见“{file}”", m.year),
                    scoring: String::new(),
                }
            })
            .collect();
        Library::from_entries(entries)
    }
}

pub use crate::core::library::MINE;

/// Form files (`.ron`) in `dir`, and in its folders `depth` levels down.
fn collect_forms(dir: &Path, depth: usize, out: &mut Vec<PathBuf>) {
    let Ok(read) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in read.flatten().take(5 * MAX_FORMS_PER_FOLDER) {
        let path = entry.path();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() && depth > 0 {
            collect_forms(&path, depth - 1, out);
        } else if kind.is_file() && path.extension().is_some_and(|e| e == "ron") {
            out.push(path);
        }
        if out.len() >= MAX_FORMS_PER_FOLDER * 2 {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(name: &str) -> Form {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples");
        let path = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.to_string_lossy().contains(name))
            .unwrap();
        crate::core::file::store::load(&path).unwrap()
    }

    #[test]
    fn a_folder_of_forms_is_learned_searched_and_forgotten() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("往年");
        std::fs::create_dir_all(folder.join("2025")).unwrap();
        let form = sample("居家养老");
        crate::core::file::store::save(&folder.join("2025/养老.ron"), &form).unwrap();
        std::fs::write(folder.join("不是表单.ron"), "(nonsense").unwrap();
        std::fs::write(folder.join("说明.txt"), "text").unwrap();
        let mut mine = MyIndicators::default();
        assert_eq!(mine.add_folder(&folder), Ok(1));
        assert_eq!(mine.entries.len(), form.indicator_count());
        let lib = mine.library();
        let found: Vec<&str> = lib
            .search("btfwdxrs", None, None)
            .into_iter()
            .map(|i| lib.entries[i].name.as_str())
            .collect();
        assert!(found.contains(&"补贴服务对象人数"), "{found:?}");
        let e = &lib.entries[lib.search("补贴服务对象人数", None, None)[0]];
        assert_eq!(
            (e.sign.as_str(), e.value.as_str(), e.unit.as_str()),
            ("≥", "8000", "人")
        );
        assert!(e.explanation.contains("2026 年"), "{}", e.explanation);
        // kept and read back
        let file = dir.path().join("my-indicators.ron");
        mine.save(&file).unwrap();
        assert_eq!(MyIndicators::load(&file), mine);
        // the same form opened again replaces its rows; forgetting the folder forgets it
        mine.learn(&form, &folder.join("2025/养老.ron"));
        assert_eq!(mine.entries.len(), form.indicator_count());
        mine.forget_folder(&folder);
        assert!(mine.entries.is_empty() && mine.folders.is_empty());
        assert!(mine.add_folder(&dir.path().join("没有")).is_err());
        // a broken file is an empty list; so is one too large to be ours, or a folder
        std::fs::write(&file, "((((").unwrap();
        assert_eq!(MyIndicators::load(&file), MyIndicators::default());
        std::fs::File::create(&file)
            .unwrap()
            .set_len(65 * 1024 * 1024)
            .unwrap();
        assert_eq!(MyIndicators::load(&file), MyIndicators::default());
        assert_eq!(MyIndicators::load(dir.path()), MyIndicators::default());
    }
}
