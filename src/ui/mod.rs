//! The window.

use std::path::PathBuf;

pub fn run(_path: Option<PathBuf>) -> Result<(), String> {
    Err("编辑窗口尚未完成".into())
}
