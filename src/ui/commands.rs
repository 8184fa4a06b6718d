//! Every command of the window declared once: its Chinese label, its shortcut and what
//! its tooltip says. The menus, the shortcut handler and the 快捷键 list are built from
//! this table.

use std::path::PathBuf;

use egui::{Key, KeyboardShortcut, Modifiers};

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
    /// 打印…: the PDF through the system's printing.
    Print,
    /// 页面预览: the printed pages beside the editor (shown or hidden).
    Preview,
    ImportText,
    ExportXlsx,
    ImportXlsx,
    /// 导出 Word… / 导出 Excel（整张表）…: the whole form as the official form.
    ExportDocx,
    ExportFormXlsx,
    /// The same with a sheet for each part of the form.
    ExportFormXlsxParts,
    /// 导出自评表 PDF… / 导出监控表 PDF…: the year's later stages as their tables.
    ExportSelfEvalPdf,
    ExportMonitorPdf,
    /// 恢复自动保存的副本…
    Recover,
    /// 更换表样…: the form moved to another template.
    ChangeTemplate,
    Quit,
    Undo,
    Redo,
    /// Text size one step larger / smaller / back to 中.
    TextLarger,
    TextSmaller,
    TextReset,
    /// 设置…
    Settings,
    /// 查找… (Ctrl+F): text anywhere in the form.
    Find,
    /// 帮助 → 使用说明 / 快捷键 / 关于
    Guide,
    Shortcuts,
    About,
}

impl Action {
    /// The menu label.
    pub fn label(&self) -> &'static str {
        match self {
            Action::New => "新建…",
            Action::Open => "打开…",
            Action::OpenPath(_) => "打开",
            Action::Save => "保存",
            Action::SaveAs => "另存为…",
            Action::Rollover => "从上年文件新建…",
            Action::ExportPdf => "导出 PDF…",
            Action::Print => "打印…",
            Action::Preview => "页面预览",
            Action::ImportText => "导入上年表单（PDF/Word/Excel/文本）…",
            Action::ExportXlsx => "导出指标表 (Excel)…",
            Action::ImportXlsx => "导入指标表 (Excel)…",
            Action::ExportDocx => "导出 Word（整张表）…",
            Action::ExportFormXlsx => "一张可打印的表…",
            Action::ExportFormXlsxParts => "每部分一个工作表…",
            Action::ExportSelfEvalPdf => "导出自评表 PDF…",
            Action::ExportMonitorPdf => "导出监控表 PDF…",
            Action::Recover => "恢复自动保存的副本…",
            Action::ChangeTemplate => "更换表样…",
            Action::Quit => "退出",
            Action::Undo => "撤销",
            Action::Redo => "重做",
            Action::TextLarger => "字号放大",
            Action::TextSmaller => "字号缩小",
            Action::TextReset => "字号恢复为“中”",
            Action::Settings => "设置…",
            Action::Find => "查找…",
            Action::Guide => "使用说明",
            Action::Shortcuts => "快捷键",
            Action::About => "关于",
        }
    }

    /// The keyboard shortcuts, the first one shown in menus. Shift variants come first
    /// in [`Action::SHORTCUTS`] so that Ctrl+Z does not take Ctrl+Shift+Z.
    pub fn shortcuts(&self) -> Vec<KeyboardShortcut> {
        const CMD: Modifiers = Modifiers::COMMAND;
        const CMD_SHIFT: Modifiers = Modifiers {
            shift: true,
            ..Modifiers::COMMAND
        };
        match self {
            Action::New => vec![KeyboardShortcut::new(CMD, Key::N)],
            Action::Open => vec![KeyboardShortcut::new(CMD, Key::O)],
            Action::Save => vec![KeyboardShortcut::new(CMD, Key::S)],
            Action::SaveAs => vec![KeyboardShortcut::new(CMD_SHIFT, Key::S)],
            Action::ExportPdf => vec![KeyboardShortcut::new(CMD, Key::E)],
            Action::Print => vec![KeyboardShortcut::new(CMD, Key::P)],
            Action::Find => vec![KeyboardShortcut::new(CMD, Key::F)],
            Action::Preview => vec![KeyboardShortcut::new(Modifiers::NONE, Key::F5)],
            Action::Quit => vec![KeyboardShortcut::new(CMD, Key::Q)],
            Action::Undo => vec![KeyboardShortcut::new(CMD, Key::Z)],
            Action::Redo => vec![
                KeyboardShortcut::new(CMD, Key::Y),
                KeyboardShortcut::new(CMD_SHIFT, Key::Z),
            ],
            Action::TextLarger => vec![
                KeyboardShortcut::new(CMD, Key::Equals),
                KeyboardShortcut::new(CMD, Key::Plus),
            ],
            Action::TextSmaller => vec![KeyboardShortcut::new(CMD, Key::Minus)],
            Action::TextReset => vec![KeyboardShortcut::new(CMD, Key::Num0)],
            _ => Vec::new(),
        }
    }

    /// The shortcut as shown in a menu ("Ctrl+S").
    pub fn shortcut_text(&self) -> String {
        self.shortcuts()
            .first()
            .map(shortcut_text)
            .unwrap_or_default()
    }
}

/// The commands with shortcuts, checked in this order (Shift variants first); also
/// the order of the 快捷键 list.
pub const SHORTCUT_ORDER: [Action; 14] = [
    Action::Redo,
    Action::SaveAs,
    Action::Undo,
    Action::Save,
    Action::Open,
    Action::New,
    Action::ExportPdf,
    Action::Print,
    Action::Find,
    Action::Preview,
    Action::Quit,
    Action::TextLarger,
    Action::TextSmaller,
    Action::TextReset,
];

/// A shortcut as people write it: "Ctrl+Shift+S".
pub fn shortcut_text(s: &KeyboardShortcut) -> String {
    let mut out = String::new();
    if s.modifiers.command || s.modifiers.ctrl {
        out.push_str("Ctrl+");
    }
    if s.modifiers.shift {
        out.push_str("Shift+");
    }
    out.push_str(match s.logical_key {
        Key::Equals => "=",
        Key::Plus => "+",
        Key::Minus => "-",
        other => other.name(),
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shortcut_is_shown_as_people_write_it() {
        assert_eq!(Action::Save.shortcut_text(), "Ctrl+S");
        assert_eq!(Action::SaveAs.shortcut_text(), "Ctrl+Shift+S");
        assert_eq!(Action::Redo.shortcut_text(), "Ctrl+Y");
        assert_eq!(Action::Rollover.shortcut_text(), "");
    }
}
