//! 帮助 and 设置: the in-app guide to the clerk's year, the shortcut list (made from the
//! command table), 关于 (version, licences, where files are kept), and the settings
//! dialog (text size, theme, autosave, recovery folder).

use egui::{Id, RichText};

use crate::ui::commands::{shortcut_text, Action, SHORTCUT_ORDER};
use crate::ui::theme::{self, TextSize, ThemeChoice};

use super::App;

/// Which help page is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum HelpPage {
    Guide,
    Shortcuts,
    About,
}

/// The clerk's year in a few steps, each with where to find it.
const GUIDE: &[(&str, &str)] = &[
    (
        "1. 开始今年的表单",
        "文件 → 从上年文件新建…：选上年保存的 .ron 文件，年度、日期和预算自动推到今年，需要复核的地方（沿用的金额、写有上年年份的文字和指标）列在下方“复核清单”中。没有上年文件时：文件 → 新建…（Ctrl+N）选年度和表样；或 文件 → 导入上年表单（PDF/Word/Excel/文本）… 选择上年的 PDF、Word、Excel、文本文件，或粘贴从 PDF、Word、网页复制的整张表——程序识别表样，导入期间可随时“取消”，原文件不会改动。导入完成后可改选表样重新导入；一张表里有多个项目时可选其中一个；没有合适的表样时，填一个表样名称点“保存为表样并按它导入”，程序按这个文件自己的表头、金额和指标表各列生成表样，存入表样文件夹，以后“新建”时也可选用。",
    ),
    (
        "2. 填写",
        "左侧是表单的目录：基本信息、文字段落、资金和指标表；右键点击一级、二级指标可添加、重命名（也可双击）、移动、删除，回车确认，Esc 取消。指标表中 Tab 跳到下一格（并选中原内容，直接输入即替换），Enter 到下一行，Esc 撤回本格的修改；指标性质一栏可直接输入 >=、<=、=（或 ≥ ≤），输入 d 即“定性”，也可点 ▼ 选择。从 Excel 复制的几行可以直接粘贴（Ctrl+V）成为指标，列按表头名称对应（如 三级指标、指标性质、指标值、度量单位）；文件 → 导入指标表 (Excel)… 整表导入。年度直接输入或点 ▼ 选择。在文字框中点右键可剪切、复制、粘贴、全选；编辑 → 查找（Ctrl+F）在各栏、段落和指标中查找文字，回车逐处跳转。金额可以写 560.1万，日期可以写 2021年2月3日，项目期可以写 2026年1月至12月。",
    ),
    (
        "3. 检查",
        "下方“检查结果”随时列出错误和提醒（如其中各项之和与总额不符、年度超出项目期），点击即跳到该格。新表单中尚未填写的必填项显示为“待填写”。",
    ),
    (
        "4. 更换表样",
        "文件 → 更换表样…：把表单改为另一种表样，同义的栏目按意思对应（如 申报单位名称 → 实施单位，计划开始/完成日期 → 项目期），新表样中没有位置的内容列入复核清单并保留在文件中。",
    ),
    (
        "5. 导出 PDF、Word、Excel",
        "文件 → 导出 PDF…（Ctrl+E）：按正式表样排版，可直接打印或上传；表单还有错误时会先询问；表格跨页时续页重复表头并注明（续）。编辑 → 设置… → 打印 可选择把输入的 >=、<= 印成 ≥、≤（表单中保留原样）。文件 → 导出 Word（整张表）… 和 导出 Excel（整张表）（一张可打印的表，或每部分一个工作表）：版式同 PDF，金额在 Excel 中是数字可以求和；导出的文件再导入时就是同一张表单，导出后改过的按表格内容读取。检查结果中的“提醒”包括审核要点：指标值不是数、留有表样提示文字（**、XX、指标1:）、效益指标下只有满意度、年度目标没有数字等。",
    ),
    (
        "6. 指标库",
        "指标表上方的“从指标库添加…”：按名称、拼音或首字母（如 pxrc 找“培训人次”）、项目类型和一级指标查找常用指标，指向一条可看指标解释和评分标准，勾选几条后一次添加到选中的二级指标（可撤销）；示例值请按本项目实际修改。切换到“我的指标”可查找自己打开、保存过的表单中的指标（设置 → 我的指标 可读取存放往年表单的文件夹，也可忘记）。在三级指标格中输入名称时，下方会列出相近的指标：按 ↓↑ 选择，回车采用，Esc 关闭；不选时回车照常到下一行。审核要点可在 设置 → 审核要点 中逐项关闭。",
    ),
    (
        "7. 预览和打印",
        "文件 → 页面预览（F5）：在编辑区旁显示打印出来的样子，随输入更新，可适合宽度、整页或 100% 查看并翻页；点预览中的某一栏，编辑区就转到那一栏，在编辑区选中指标或栏目，预览也翻到它印出的地方并标出；在绩效自评、绩效监控中预览的是自评表、监控表。全国 101号 表样栏目多，按 A4 横向打印。文件 → 打印…（Ctrl+P）：选打印机、份数、页码范围和双面；这台电脑没有打印服务或打印机时会说明，并可改为导出 PDF。",
    ),
    (
        "8. 绩效监控和自评",
        "目录中的“绩效监控”和“绩效自评”：年中填写 1-N 月完成值、全年预计、完成可能性、偏差原因和纠偏措施；年底填写实际完成值，按规则给出建议得分（≥ 按 实际/目标，≤ 按 目标/实际，定性按达成情况，预算按执行率），也可自己填写得分；下方列出分值合计不为 100、低于满分却未写原因等问题。文件 → 导出监控表 PDF / 导出自评表 PDF。上年的自评表（PDF、Word、Excel）也可导入。",
    ),
    (
        "9. 保存",
        "文件 → 保存（Ctrl+S）。每次保存都保留上一版为 .bak 文件；程序每隔几秒自动保存一份恢复副本（导入前也会先保存），意外关闭后下次启动时可恢复。同一文件在另一个窗口打开时会提示只读打开；含有本程序不认识内容的文件不会被覆盖，保存时请“另存为”。编辑 → 设置… 中可调整字号、配色、自动保存间隔和恢复副本位置。",
    ),
];

impl App {
    pub(super) fn show_help(&mut self, ctx: &egui::Context, page: HelpPage) -> bool {
        let mut open = true;
        let title = match page {
            HelpPage::Guide => "使用说明",
            HelpPage::Shortcuts => "快捷键",
            HelpPage::About => "关于",
        };
        let response = egui::Modal::new(Id::unique(("help", title))).show(ctx, |ui| {
            ui.set_max_width(super::dialogs::fit_width(ui, 640.0));
            ui.heading(title);
            ui.add_space(6.0);
            egui::ScrollArea::vertical()
                .max_height(ui.ctx().content_rect().height() * 0.6)
                .show(ui, |ui| match page {
                    HelpPage::Guide => {
                        for (step, text) in GUIDE {
                            ui.label(RichText::new(*step).strong());
                            ui.label(*text);
                            ui.add_space(6.0);
                        }
                    }
                    HelpPage::Shortcuts => shortcut_list(ui),
                    HelpPage::About => self.about(ui),
                });
            ui.add_space(8.0);
            if ui.button("关闭").clicked() {
                open = false;
            }
        });
        open && !response.should_close()
    }

    fn about(&self, ui: &mut egui::Ui) {
        ui.label(format!(
            "绩效目标表编辑器 jixiao {}（MIT 许可）",
            env!("CARGO_PKG_VERSION")
        ));
        ui.label("字体：思源宋体 Noto Serif SC，SIL Open Font License 1.1，已内置于程序并嵌入导出的 PDF。");
        ui.add_space(6.0);
        let shown = |p: Option<&std::path::Path>| {
            p.map_or("（未设置）".to_string(), crate::core::printable::path)
        };
        ui.label(format!(
            "设置文件：{}",
            shown(self.config.settings_path.as_deref())
        ));
        ui.label(format!(
            "自动保存的恢复副本：{}",
            shown(self.config.recovery.as_ref().map(|r| r.dir()))
        ));
        ui.label("表单文件保存在您选择的位置；每次保存时上一版保留为同名 .bak 文件。");
    }

    /// The 设置 dialog; every change is applied and saved at once. Returns whether it
    /// stays open.
    pub(super) fn show_settings(&mut self, ctx: &egui::Context) -> bool {
        let mut open = true;
        let before = self.settings.clone();
        let response = egui::Modal::new(Id::unique("settings")).show(ctx, |ui| {
            ui.set_max_width(super::dialogs::fit_width(ui, 560.0));
            ui.heading("设置");
            ui.add_space(6.0);
            // taller than a small window at large text: the settings scroll, the heading
            // and 关闭 stay in view
            let room = (ui.ctx().content_rect().height() - 160.0).max(120.0);
            egui::ScrollArea::vertical()
                .max_height(room)
                .scroll_source(egui::scroll_area::ScrollSource {
                    drag: egui::scroll_area::DragScroll::Never,
                    ..egui::scroll_area::ScrollSource::ALL
                })
                .show(ui, |ui| {
                    egui::Grid::new("settings_grid")
                        .num_columns(2)
                        .spacing([16.0, 10.0])
                        .show(ui, |ui| {
                            ui.label("字号");
                            ui.horizontal_wrapped(|ui| {
                                for size in TextSize::ALL {
                                    ui.radio_value(
                                        &mut self.settings.text_size,
                                        size,
                                        size.label(),
                                    );
                                }
                            });
                            ui.end_row();
                            ui.label("外观");
                            ui.horizontal_wrapped(|ui| {
                                for theme in ThemeChoice::ALL {
                                    ui.radio_value(&mut self.settings.theme, theme, theme.label());
                                }
                            });
                            ui.end_row();
                            ui.label("自动保存");
                            ui.add(
                                egui::DragValue::new(&mut self.settings.autosave_seconds)
                                    .range(1..=600)
                                    .prefix("停止输入 ")
                                    .suffix(" 秒后保存恢复副本"),
                            );
                            ui.end_row();
                            ui.label("恢复副本位置");
                            ui.vertical(|ui| {
                                let mut text = self
                                    .settings
                                    .recovery_dir
                                    .as_ref()
                                    .map(|p| p.display().to_string())
                                    .unwrap_or_default();
                                let edit = egui::TextEdit::singleline(&mut text)
                                    .hint_text("默认：用户数据文件夹")
                                    .desired_width(320.0);
                                if ui.add(edit).changed() {
                                    self.settings.recovery_dir =
                                        (!text.trim().is_empty()).then(|| text.trim().into());
                                }
                                ui.label(RichText::new("更改后下次启动时生效").small().weak());
                            });
                            ui.end_row();
                            ui.label("打印");
                            ui.checkbox(
                                &mut self.settings.print_symbols,
                                "导出 PDF 和打印时把 >=、<= 印成 ≥、≤（表单中仍保留原样）",
                            );
                            ui.end_row();
                            ui.label("");
                            ui.checkbox(
                                &mut self.settings.print_draft,
                                "每页印上“草稿”水印（送审的正式稿请关掉）",
                            );
                            ui.end_row();
                            ui.label("我的指标");
                            ui.vertical(|ui| self.mine_settings(ui));
                            ui.end_row();
                            ui.label("审核要点");
                            ui.vertical(|ui| {
                                for point in crate::core::validate::ReviewPoint::ALL {
                                    let mut on =
                                        !self.settings.review_off.iter().any(|id| id == point.id());
                                    if ui.checkbox(&mut on, point.label()).changed() {
                                        self.settings.review_off.retain(|id| id != point.id());
                                        if !on {
                                            self.settings.review_off.push(point.id().to_string());
                                        }
                                    }
                                }
                            });
                            ui.end_row();
                        });
                });
            ui.add_space(8.0);
            if ui.button("关闭").clicked() {
                open = false;
            }
        });
        if self.settings != before {
            theme::apply(ctx, self.settings.text_size, self.settings.theme);
            self.save_settings();
        }
        open && !response.should_close()
    }

    /// Ctrl+= / Ctrl+- / Ctrl+0: the text size setting, remembered.
    pub(super) fn step_text_size(&mut self, ctx: &egui::Context, action: &Action) {
        self.settings.text_size = match action {
            Action::TextLarger => self.settings.text_size.step(1),
            Action::TextSmaller => self.settings.text_size.step(-1),
            _ => TextSize::Medium,
        };
        theme::apply(ctx, self.settings.text_size, self.settings.theme);
        self.save_settings();
        self.note(format!("字号：{}", self.settings.text_size.label()));
    }
}

/// Every shortcut with what it does, from the command table.
fn shortcut_list(ui: &mut egui::Ui) {
    egui::Grid::new("shortcut_list")
        .num_columns(2)
        .striped(true)
        .show(ui, |ui| {
            ui.strong("命令");
            ui.end_row();
            // each command once, with all its keys
            for action in SHORTCUT_ORDER {
                let keys: Vec<String> = action.shortcuts().iter().map(shortcut_text).collect();
                if keys.is_empty() {
                    continue;
                }
                ui.label(RichText::new(keys.join(" / ")).monospace());
                ui.label(action.label().trim_end_matches('…'));
                ui.end_row();
            }
            ui.strong("指标表");
            ui.end_row();
            for (keys, what) in [
                (
                    "Tab / Shift+Tab",
                    "下一格 / 上一格（选中原内容，输入即替换）",
                ),
                ("Enter", "同一列的下一行；未编辑时开始编辑"),
                ("Esc", "撤回本格的修改"),
                ("↑ / ↓", "未编辑时选上一行 / 下一行"),
                ("F2", "编辑选中的指标"),
                (">= <= = d", "在指标性质一格输入 ≥ ≤ = 或 定性"),
                ("Ctrl+V", "粘贴从 Excel 复制的几行，成为指标"),
            ] {
                ui.label(RichText::new(keys).monospace());
                ui.label(what);
                ui.end_row();
            }
            ui.strong("左侧目录");
            ui.end_row();
            for (keys, what) in [
                ("双击", "重命名一级、二级指标"),
                ("Enter / Tab", "确认重命名"),
                ("Esc", "取消重命名"),
            ] {
                ui.label(RichText::new(keys).monospace());
                ui.label(what);
                ui.end_row();
            }
        });
}
