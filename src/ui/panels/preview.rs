//! 页面预览: the pages exactly as the PDF prints them — the same layout code, line and
//! page breaks and font — drawn beside the editor, with fit width / whole page / 100 %
//! and 第 N 页 共 M 页. It follows the edits: the pages are laid out again off the frame
//! (a thread) whenever the form changes, the old pages shown until the new are ready.
//! A click on a printed value selects its field or indicator in the editor; selecting in
//! the editor scrolls the pages to where it prints, marked.

use std::sync::mpsc::{channel, Receiver};
use std::sync::{Arc, Mutex};

use egui::{Color32, FontFamily, FontId, Pos2, Rect, RichText, Stroke, Ui, Vec2};

use crate::core::model::{FieldId, Form};
use crate::core::template::{ColumnKind, Template};
use crate::core::validate::Location;
use crate::pdf::layout::{Mark, Page, Region, WrapCache, A4};
use crate::ui::state::{Focus, Node, UiState};

/// How the pages are scaled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Zoom {
    #[default]
    FitWidth,
    FitPage,
    /// 100 %: a point as 96/72 pixels.
    Actual,
}

/// Which printed document the preview shows: the form, or (while the clerk is in the
/// 绩效自评 / 绩效监控 view) that table as 导出自评表 / 导出监控表 prints it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Showing {
    #[default]
    Form,
    SelfEval,
    Monitor,
}

impl Showing {
    fn of(node: &Node) -> Showing {
        match node {
            Node::SelfEval => Showing::SelfEval,
            Node::Monitor => Showing::Monitor,
            _ => Showing::Form,
        }
    }

    fn title(self) -> &'static str {
        match self {
            Showing::Form => "页面预览",
            Showing::SelfEval => "页面预览 · 绩效自评表",
            Showing::Monitor => "页面预览 · 绩效监控表",
        }
    }
}

/// The pages of `showing` for `form` (the form's cells wrapped again only where they
/// changed since the last layout).
fn pages_of(
    showing: Showing,
    form: &Form,
    template: &Template,
    measure: crate::pdf::layout::Measure,
    cache: &Mutex<WrapCache>,
) -> Vec<Page> {
    use crate::core::exchange::stage_table::{monitor_table, self_eval_table};
    match showing {
        Showing::Form => {
            let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
            crate::pdf::layout::layout_cached(form, template, measure, &mut cache)
        }
        Showing::SelfEval => {
            let card = crate::core::scorecard::score(form, template);
            crate::pdf::table_pages::pages(&self_eval_table(form, template, &card), measure)
        }
        Showing::Monitor => {
            let card = crate::core::monitor_card::monitor(form, template);
            crate::pdf::table_pages::pages(&monitor_table(form, template, &card), measure)
        }
    }
}

/// The preview and what it keeps.
#[derive(Default)]
pub struct Preview {
    pub zoom: Zoom,
    /// The pages shown and the revision of the form they show.
    pages: Arc<Vec<Page>>,
    shown: Option<u64>,
    /// A layout under way: its revision and where its pages arrive.
    pending: Option<(u64, Receiver<Vec<Page>>)>,
    /// The page to scroll to next frame.
    go_to: Option<usize>,
    /// The page at the top of the view.
    current: usize,
    /// The layout could not be made (no font): the reason.
    failed: Option<String>,
    /// The editor's place the pages were last scrolled to.
    followed: Option<Location>,
    /// The last layout's wrapped cells, for the next.
    cache: Arc<Mutex<WrapCache>>,
    /// Where each page was drawn last frame, and at what scale.
    drawn: Vec<Rect>,
    drawn_scale: f32,
}

/// Where the editor is, as the pages know places: the field or cell asked for, else the
/// selected node.
fn editor_place(state: &UiState) -> Option<(Location, Option<ColumnKind>)> {
    match &state.focus {
        Some(Focus::Field(f)) => return Some((Location::Field(f.clone()), None)),
        Some(Focus::Cell(path, kind)) => return Some((Location::Indicator(*path), Some(*kind))),
        None => {}
    }
    Some(match &state.selection {
        Node::Section(id) => (Location::Field(FieldId::section(id)), None),
        Node::Goal(g, goal) => (Location::Goal(*g, *goal), None),
        Node::Group(g, goal, gr) => (Location::Group(*g, *goal, *gr), None),
        Node::Indicator(path) => (Location::Indicator(*path), None),
        Node::Grid(g) => (Location::Goal(*g, 0), None),
        _ => return None,
    })
}

/// The first page and region showing `place` (a field of the money block: any amount).
fn find<'p>(
    pages: &'p [Page],
    place: &(Location, Option<ColumnKind>),
) -> Option<(usize, &'p Region)> {
    pages.iter().enumerate().find_map(|(i, page)| {
        page.region_of(&place.0, place.1)
            .or_else(|| page.region_of(&place.0, None))
            .map(|r| (i, r))
    })
}

impl Preview {
    /// Lays out `form` again when `revision` is new (off the frame), and takes pages that
    /// have arrived.
    fn follow(
        &mut self,
        ctx: &egui::Context,
        form: &Form,
        template: &Template,
        (revision, symbols, draft, showing): (u64, bool, bool, Showing),
    ) {
        // a change of the 打印 settings or of the document shown lays the pages out again
        let revision = revision.wrapping_mul(16)
            + (showing as u64) * 4
            + u64::from(symbols) * 2
            + u64::from(draft);
        if let Some((rev, rx)) = &self.pending {
            if let Ok(pages) = rx.try_recv() {
                self.shown = Some(*rev);
                self.pages = Arc::new(pages);
                self.pending = None;
            }
        }
        let wanted = self.pending.as_ref().map(|(r, _)| *r).or(self.shown);
        if wanted == Some(revision) {
            if self.pending.is_some() {
                ctx.request_repaint_after(std::time::Duration::from_millis(30));
            }
            return;
        }
        let Some(font) = crate::pdf::font::get() else {
            self.failed = Some("内置字体无法读取，无法预览".into());
            return;
        };
        let (tx, rx) = channel();
        let form = if symbols {
            crate::core::print_symbols::with_symbols(form)
        } else {
            form.clone()
        };
        let template = template.clone();
        let repaint = ctx.clone();
        let cache = self.cache.clone();
        std::thread::spawn(move || {
            let measure = |c: char| font.measure(c);
            let mut pages = pages_of(showing, &form, &template, &measure, &cache);
            if draft {
                crate::pdf::layout::mark_draft(&mut pages);
            }
            let _ = tx.send(pages);
            repaint.request_repaint();
        });
        self.pending = Some((revision, rx));
        ctx.request_repaint_after(std::time::Duration::from_millis(30));
    }

    /// Shows the pages of `form` at `revision`, with typed >= <= printed as ≥ ≤ when
    /// `symbols` and 草稿 across each page when `draft` (as the PDF and the printer get
    /// them).
    pub fn show(
        &mut self,
        ui: &mut Ui,
        (form, template, state): (&Form, &Template, &mut UiState),
        revision: u64,
        (symbols, draft): (bool, bool),
    ) {
        let showing = Showing::of(&state.selection);
        self.follow(
            ui.ctx(),
            form,
            template,
            (revision, symbols, draft, showing),
        );
        let total = self.pages.len();
        ui.horizontal_wrapped(|ui| {
            ui.strong(showing.title());
            ui.selectable_value(&mut self.zoom, Zoom::FitWidth, "适合宽度");
            ui.selectable_value(&mut self.zoom, Zoom::FitPage, "整页");
            ui.selectable_value(&mut self.zoom, Zoom::Actual, "100%");
        });
        ui.horizontal(|ui| {
            if ui
                .add_enabled(self.current > 0, egui::Button::new("上一页"))
                .clicked()
            {
                self.go_to = Some(self.current - 1);
            }
            ui.label(format!(
                "第 {} 页 共 {total} 页",
                (self.current + 1).min(total.max(1))
            ));
            if ui
                .add_enabled(self.current + 1 < total, egui::Button::new("下一页"))
                .clicked()
            {
                self.go_to = Some(self.current + 1);
            }
            if self.pending.is_some() {
                ui.label(RichText::new("排版中…").weak());
            }
        });
        if let Some(f) = &self.failed {
            ui.label(RichText::new(f).color(crate::ui::theme::error_color(ui.visuals())));
            return;
        }
        ui.separator();
        let avail = ui.available_size();
        // every page of a document has one size (A4, upright or sideways)
        let (page_w, page_h) = self.pages.first().map_or(A4, |p| p.size);
        let scale = match self.zoom {
            Zoom::FitWidth => (avail.x - 24.0).max(100.0) / page_w,
            Zoom::FitPage => ((avail.x - 24.0) / page_w)
                .min((avail.y - 16.0) / page_h)
                .max(0.1),
            Zoom::Actual => 96.0 / 72.0,
        };
        let pages = self.pages.clone();
        let go_to = self.go_to.take();
        let mut top_page = self.current;
        // the editor moved: the pages follow it
        let place = editor_place(state);
        let follow = place
            .as_ref()
            .filter(|p| self.followed.as_ref() != Some(&p.0))
            .and_then(|p| find(&pages, p));
        if follow.is_some() {
            self.followed = place.as_ref().map(|p| p.0.clone());
        }
        let marked = place.as_ref().and_then(|p| find(&pages, p));
        let mut clicked: Option<(Location, Option<ColumnKind>, Option<usize>)> = None;
        egui::ScrollArea::both()
            .id_salt("preview pages")
            .auto_shrink([false, false])
            .show_viewport(ui, |ui, viewport| {
                let size = Vec2::new(page_w * scale, page_h * scale);
                let gap = 12.0;
                let origin = ui.min_rect().min;
                ui.allocate_space(Vec2::new(
                    size.x + 16.0,
                    (size.y + gap) * pages.len() as f32,
                ));
                top_page = ((viewport.min.y + size.y / 3.0) / (size.y + gap)).max(0.0) as usize;
                self.drawn.clear();
                self.drawn_scale = scale;
                for (i, page) in pages.iter().enumerate() {
                    let min = origin + Vec2::new(8.0, i as f32 * (size.y + gap));
                    let rect = Rect::from_min_size(min, size);
                    self.drawn.push(rect);
                    let to_screen = |(x, y): (f32, f32)| {
                        Pos2::new(rect.min.x + x * scale, rect.min.y + (page_h - y) * scale)
                    };
                    if go_to == Some(i) {
                        ui.scroll_to_rect(rect, Some(egui::Align::TOP));
                    }
                    if let Some((_, region)) = follow.filter(|(p, _)| *p == i) {
                        let area = Rect::from_two_pos(to_screen(region.min), to_screen(region.max));
                        ui.scroll_to_rect(area, Some(egui::Align::Center));
                    }
                    if !ui.is_rect_visible(rect) {
                        continue;
                    }
                    draw_page(ui, page, rect, scale);
                    if let Some((_, region)) = marked.filter(|(p, _)| *p == i) {
                        let area = Rect::from_two_pos(to_screen(region.min), to_screen(region.max));
                        ui.painter().rect_filled(
                            area,
                            0.0,
                            Color32::from_rgba_unmultiplied(66, 133, 244, 40),
                        );
                    }
                    // a click on a printed value goes to it in the editor
                    let response = ui.interact(
                        rect,
                        egui::Id::unique(("preview page", i)),
                        egui::Sense::click(),
                    );
                    if let Some(pos) = response
                        .interact_pointer_pos()
                        .filter(|_| response.clicked())
                    {
                        let x = (pos.x - rect.min.x) / scale;
                        let y = page_h - (pos.y - rect.min.y) / scale;
                        if let Some(region) = page.region_at(x, y) {
                            let offset = char_at(page, (x, y)).filter(|(at, _)| *at == region.at);
                            clicked = Some((region.at.clone(), region.column, offset.map(|o| o.1)));
                        }
                    }
                }
            });
        self.current = top_page.min(total.saturating_sub(1));
        if let Some((at, column, offset)) = clicked {
            self.followed = Some(at.clone());
            crate::ui::nodes::go_to(state, at, column, offset.map(|o| (o, 0)));
        }
    }
}

impl Preview {
    /// Where on the screen `at` was drawn last frame (the middle of its cell), if it was
    /// in view.
    pub fn screen_point(&self, at: &Location) -> Option<Pos2> {
        let (i, region) = find(&self.pages, &(at.clone(), None))?;
        let rect = self.drawn.get(i)?;
        let page_h = self.pages.get(i)?.size.1;
        let (x, y) = (
            (region.min.0 + region.max.0) / 2.0,
            (region.min.1 + region.max.1) / 2.0,
        );
        Some(Pos2::new(
            rect.min.x + x * self.drawn_scale,
            rect.min.y + (page_h - y) * self.drawn_scale,
        ))
    }
}

/// The value printed at `(x, y)` (PDF points) and the character of it there.
fn char_at(page: &Page, (x, y): (f32, f32)) -> Option<(Location, usize)> {
    let font = crate::pdf::font::get()?;
    page.spans.iter().find_map(|span| {
        let Some(Mark::Text {
            x: left,
            y: baseline,
            size,
            text,
        }) = page.marks.get(span.mark)
        else {
            return None;
        };
        if x < *left || y < baseline - size * 0.3 || y > baseline + size * 0.9 {
            return None;
        }
        let mut edge = *left;
        for (i, c) in text.chars().enumerate() {
            let advance = font.measure(c) * size;
            if x < edge + advance / 2.0 {
                return Some((span.at.clone(), span.start + i));
            }
            edge += advance;
        }
        // past the line's end (within its cell): after its last character
        Some((span.at.clone(), span.start + text.chars().count()))
            .filter(|_| x <= edge + size * 2.0)
    })
}

/// One page: white paper with a thin edge, its lines and its text.
fn draw_page(ui: &Ui, page: &Page, rect: Rect, scale: f32) {
    let painter = ui.painter_at(rect.expand(1.0));
    painter.rect_filled(rect, 0.0, Color32::WHITE);
    painter.rect_stroke(
        rect,
        0.0,
        Stroke::new(1.0, Color32::from_gray(160)),
        egui::StrokeKind::Outside,
    );
    let (page_w, page_h) = page.size;
    let at = |x: f32, y: f32| Pos2::new(rect.min.x + x * scale, rect.min.y + (page_h - y) * scale);
    let ink = Color32::BLACK;
    if let Some(word) = &page.watermark {
        // as the PDF prints it: light, large, turned 45° about the page's middle
        let size = 120.0 * scale;
        let galley = painter.layout_no_wrap(
            word.clone(),
            FontId::new(size, FontFamily::Proportional),
            Color32::from_gray(217),
        );
        let pos = at(page_w / 2.0 - 84.0, page_h / 2.0 - 84.0);
        painter.add(
            egui::epaint::TextShape::new(pos, galley, Color32::from_gray(217))
                .with_angle(-std::f32::consts::FRAC_PI_4),
        );
    }
    for mark in &page.marks {
        match mark {
            Mark::Line { from, to } => {
                painter.line_segment(
                    [at(from.0, from.1), at(to.0, to.1)],
                    Stroke::new((0.6 * scale).max(0.5), ink),
                );
            }
            Mark::Text { x, y, size, text } => {
                // the mark's y is the baseline; the font's ascent is about 0.88 em
                let font = FontId::new(size * scale, FontFamily::Proportional);
                let pos = at(*x, *y) - Vec2::new(0.0, size * scale * 0.88);
                painter.text(pos, egui::Align2::LEFT_TOP, text, font, ink);
            }
        }
    }
}
