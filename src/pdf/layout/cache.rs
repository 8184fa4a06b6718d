//! Wrapped lines kept from one layout to the next: the preview lays the form out again
//! after every keystroke, and only the cells whose text (or width) changed are wrapped
//! again — the rest of the work is placing rows on pages, which is arithmetic.

use std::collections::HashMap;

/// A cell's text and width (its bits) → its lines. What the last layout used is kept;
/// what it did not use is dropped at the end of the next.
#[derive(Default)]
pub struct WrapCache {
    now: HashMap<(String, u32), Vec<String>>,
    before: HashMap<(String, u32), Vec<String>>,
    /// Cells wrapped afresh in the last layout (for the benchmark and tests).
    pub wrapped: usize,
}

impl WrapCache {
    /// The lines of `text` at `width`, from the cache or made by `wrap`.
    pub(super) fn lines(
        &mut self,
        text: &str,
        width: f32,
        wrap: impl FnOnce() -> Vec<String>,
    ) -> Vec<String> {
        let key = (text.to_string(), width.to_bits());
        if let Some(lines) = self.now.get(&key) {
            return lines.clone();
        }
        let lines = match self.before.remove(&key) {
            Some(lines) => lines,
            None => {
                self.wrapped += 1;
                wrap()
            }
        };
        self.now.insert(key, lines.clone());
        lines
    }

    /// A layout begins: what the previous one used is kept for this one.
    pub(super) fn begin(&mut self) {
        self.before = std::mem::take(&mut self.now);
        self.wrapped = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::super::{layout, layout_cached};
    use super::WrapCache;

    fn m(c: char) -> f32 {
        if c.is_ascii() {
            0.5
        } else {
            1.0
        }
    }

    #[test]
    fn a_relayout_wraps_only_what_changed_and_prints_the_same() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("assets/samples/2020-上海市青少年服务和权益保护工作经费.ron");
        let mut form = crate::core::file::store::load(&path).unwrap();
        let t = crate::core::template::for_form(&form);
        let mut cache = WrapCache::default();
        let first = layout_cached(&form, &t, &m, &mut cache);
        assert_eq!(first, layout(&form, &t, &m));
        let all = cache.wrapped;
        assert!(all > 100, "{all}");
        // one keystroke in one indicator's name
        form.grids[0].goals[1].groups[0].indicators[0]
            .name
            .push('数');
        let again = layout_cached(&form, &t, &m, &mut cache);
        assert_eq!(
            again,
            layout(&form, &t, &m),
            "the same pages as a fresh layout"
        );
        assert_eq!(cache.wrapped, 1, "only the changed cell wrapped again");
        // nothing changed: nothing wrapped
        layout_cached(&form, &t, &m, &mut cache);
        assert_eq!(cache.wrapped, 0);
    }
}
