//! The templates a clerk can start a form from: the four built in, then those in the
//! user's template folder. A broken user template is listed with its message and
//! leaves everything else working.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::Template;
use crate::core::file::disk::read_limited;
use crate::core::file::safe_write::io_reason;
use crate::core::printable;

/// The built-in templates: file name and text (`assets/templates/`).
pub const BUILT_IN: [(&str, &str); 4] = [
    (
        "shanghai-2020.ron",
        include_str!("../../../assets/templates/shanghai-2020.ron"),
    ),
    (
        "shanghai-2025.ron",
        include_str!("../../../assets/templates/shanghai-2025.ron"),
    ),
    (
        "national-88.ron",
        include_str!("../../../assets/templates/national-88.ron"),
    ),
    (
        "national-101.ron",
        include_str!("../../../assets/templates/national-101.ron"),
    ),
];

/// The layout every version-1 file has.
pub const SHANGHAI_2020: &str = "shanghai-2020";

static INSTALLED: std::sync::RwLock<Option<Arc<Templates>>> = std::sync::RwLock::new(None);

/// Makes `templates` (built-in and the user's) the ones forms are shown, checked and
/// printed with: the window and the command line do this at start.
/// Installing again adds the templates not installed yet (a window of tests, each
/// with its own folder, sees every template any of them installed).
pub fn install(templates: Templates) {
    if let Ok(mut slot) = INSTALLED.write() {
        let merged = match slot.take() {
            None => templates,
            Some(old) => {
                let mut merged = (*old).clone();
                for (t, user) in templates.list.iter().zip(&templates.from_user) {
                    if merged.get(&t.id).is_none() {
                        merged.list.push(t.clone());
                        merged.from_user.push(*user);
                    }
                }
                merged.broken = templates.broken;
                merged
            }
        };
        *slot = Some(Arc::new(merged));
    }
}

/// The installed templates (the built-in ones until [`install`] is called).
pub fn installed() -> Arc<Templates> {
    INSTALLED
        .read()
        .ok()
        .and_then(|slot| slot.clone())
        .unwrap_or_else(|| Arc::new(built_in_templates().clone()))
}

/// A form as finding its layout needs it: the id of its template, and a stand-in layout
/// built from its content where this computer lacks that template. The form model
/// (above the templates, which know nothing of forms) implements it.
pub trait LaidOut {
    fn template_id(&self) -> &str;
    fn stand_in(&self) -> Template;
}

/// The layout of `form`: its template, or, where this computer lacks it, one built
/// from the form's content ([`LaidOut::stand_in`]).
pub fn for_form(form: &impl LaidOut) -> Arc<Template> {
    installed()
        .get_arc(form.template_id())
        .unwrap_or_else(|| Arc::new(form.stand_in()))
}

/// The built-in templates, read once.
pub fn built_in_templates() -> &'static Templates {
    static ONCE: std::sync::OnceLock<Templates> = std::sync::OnceLock::new();
    ONCE.get_or_init(Templates::built_in)
}

/// A built-in template by id.
pub fn built_in(id: &str) -> Option<&'static Template> {
    built_in_templates().get(id)
}

/// The 上海市 2020 版 template (every version-1 file's).
pub fn shanghai_2020() -> &'static Template {
    built_in(SHANGHAI_2020).expect("the built-in templates are tested to read")
}

/// A template file that could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenTemplate {
    pub file: PathBuf,
    /// Chinese, naming the file and, where known, line and column.
    pub message: String,
}

/// Templates a form can use.
#[derive(Debug, Clone, Default)]
pub struct Templates {
    /// Built-in first, then the user's, in file-name order.
    pub list: Vec<Arc<Template>>,
    /// Whether each of `list` came from the user's folder.
    pub from_user: Vec<bool>,
    pub broken: Vec<BrokenTemplate>,
}

/// Largest template file read, and most files read from the folder.
const MAX_TEMPLATE_BYTES: u64 = 1024 * 1024;
const MAX_USER_TEMPLATES: usize = 200;

impl Templates {
    /// The built-in templates only.
    pub fn built_in() -> Templates {
        let mut t = Templates::default();
        for (file, text) in BUILT_IN {
            match Template::parse(text, file) {
                Ok(template) => {
                    t.list.push(Arc::new(template));
                    t.from_user.push(false);
                }
                Err(e) => t.broken.push(BrokenTemplate {
                    file: PathBuf::from(file),
                    message: e.to_string(),
                }),
            }
        }
        t
    }

    /// The built-in templates and those in `user_dir` (missing folder: none).
    pub fn load(user_dir: Option<&Path>) -> Templates {
        let mut t = Templates::built_in();
        if let Some(dir) = user_dir {
            t.add_folder(dir);
        }
        t
    }

    fn add_folder(&mut self, dir: &Path) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        let mut files: Vec<PathBuf> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                p.extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| e.eq_ignore_ascii_case("ron"))
            })
            .collect();
        files.sort();
        if files.len() > MAX_USER_TEMPLATES {
            self.broken.push(BrokenTemplate {
                file: dir.to_path_buf(),
                message: format!(
                    "表样文件夹中有 {} 个文件，只读取了前 {MAX_USER_TEMPLATES} 个",
                    files.len()
                ),
            });
            files.truncate(MAX_USER_TEMPLATES);
        }
        for file in files {
            let name = file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            match read_template(&file, &name) {
                Ok(template) => self.add_user(template, file),
                Err(message) => self.broken.push(BrokenTemplate { file, message }),
            }
        }
    }

    fn add_user(&mut self, template: Template, file: PathBuf) {
        if let Some(same) = self.list.iter().find(|t| t.id == template.id) {
            let message = format!(
                "表样文件“{}”：id “{}” 已被“{}”使用，请换一个 id",
                printable::path(&file),
                template.id,
                same.name
            );
            self.broken.push(BrokenTemplate { file, message });
            return;
        }
        self.list.push(Arc::new(template));
        self.from_user.push(true);
    }

    pub fn get(&self, id: &str) -> Option<&Template> {
        self.list.iter().find(|t| t.id == id).map(|t| t.as_ref())
    }

    pub fn get_arc(&self, id: &str) -> Option<Arc<Template>> {
        self.list.iter().find(|t| t.id == id).cloned()
    }

    /// The folder where a clerk puts templates of their own (created on demand by the
    /// 新建 dialog's button): `~/.config/jixiao/templates`, `%APPDATA%\jixiao\config\templates`.
    /// `JIXIAO_TEMPLATE_DIR` names another (the window and the command line alike).
    pub fn user_dir() -> Option<PathBuf> {
        if let Some(dir) = std::env::var_os("JIXIAO_TEMPLATE_DIR") {
            return Some(PathBuf::from(dir));
        }
        directories::ProjectDirs::from("", "", "jixiao").map(|d| d.config_dir().join("templates"))
    }
}

fn read_template(file: &Path, name: &str) -> Result<Template, String> {
    let shown = printable::path(file);
    let bytes = read_limited(file, MAX_TEMPLATE_BYTES)
        .map_err(|e| format!("无法读取表样文件“{shown}”：{}", io_reason(&e)))?;
    if bytes.len() as u64 > MAX_TEMPLATE_BYTES {
        return Err(format!("表样文件“{shown}”超过 1 MB，不像是表样文件"));
    }
    let text = String::from_utf8(bytes).map_err(|_| format!("表样文件“{shown}”不是 UTF-8 文本"))?;
    Template::parse(&text, name).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_four_built_in_templates_read() {
        let t = Templates::built_in();
        assert!(t.broken.is_empty(), "{:?}", t.broken);
        let ids: Vec<&str> = t.list.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "shanghai-2020",
                "shanghai-2025",
                "national-88",
                "national-101"
            ]
        );
        assert!(t.get(SHANGHAI_2020).is_some());
        let form = t.get(SHANGHAI_2020).unwrap().new_form(2026);
        let goals: Vec<_> = form.grids[0]
            .goals
            .iter()
            .map(|g| g.name.as_str())
            .collect();
        assert_eq!(goals, ["投入与管理", "产出目标", "效果目标", "影响力目标"]);
        assert_eq!(form.grids[0].goals[1].groups[0].name, "数量");
        assert_eq!(form.field("plan_start"), "2026-01-01");
        assert_eq!(form.field("buys_government_services"), "否");
        let national = t.get("national-88").unwrap().new_form(2026);
        assert_eq!(national.grids.len(), 2);
        assert_eq!(
            national.grids[1].goals[2].groups[0].name,
            "服务对象满意度指标"
        );
    }

    #[test]
    fn a_user_folder_adds_templates_and_lists_broken_ones() {
        let dir = tempfile::tempdir().unwrap();
        let own = BUILT_IN[3].1.replace("\"national-101\"", "\"county-2026\"");
        std::fs::write(dir.path().join("county.ron"), own).unwrap();
        std::fs::write(dir.path().join("broken.ron"), "Template(id: ").unwrap();
        std::fs::write(dir.path().join("same-id.ron"), BUILT_IN[0].1).unwrap();
        std::fs::write(dir.path().join("notes.txt"), "not a template").unwrap();
        std::fs::create_dir(dir.path().join("folder.ron")).unwrap();
        // hostile: far too big, and not text
        std::fs::write(dir.path().join("huge.ron"), "x".repeat(2 * 1024 * 1024)).unwrap();
        std::fs::write(dir.path().join("binary.ron"), [0xff, 0xfe, 0x00]).unwrap();
        let t = Templates::load(Some(dir.path()));
        assert!(t.get("county-2026").is_some());
        assert_eq!(t.list.len(), 5);
        assert_eq!(t.from_user, [false, false, false, false, true]);
        let messages: Vec<&str> = t.broken.iter().map(|b| b.message.as_str()).collect();
        assert_eq!(messages.len(), 5, "{messages:?}");
        assert!(messages
            .iter()
            .any(|m| m.contains("huge.ron") && m.contains("1 MB")));
        assert!(messages
            .iter()
            .any(|m| m.contains("binary.ron") && m.contains("UTF-8")));
        assert!(messages
            .iter()
            .any(|m| m.contains("broken.ron") && m.contains("第 1 行")));
        assert!(messages.iter().any(|m| m.contains("已被")));
        assert!(messages.iter().any(|m| m.contains("folder.ron")));
    }

    #[test]
    fn a_missing_folder_means_only_built_ins() {
        let t = Templates::load(Some(Path::new("/nonexistent/jixiao-templates")));
        assert_eq!(t.list.len(), 4);
        assert!(t.broken.is_empty());
    }
}
