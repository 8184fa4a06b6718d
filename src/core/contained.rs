//! Running a third-party reader that may panic on a hostile file (the PDF library does
//! on some malformed files): the panic becomes an error, and no crash report (the
//! Windows message box, a fuzzer's abort) is made for it. Panics anywhere else are
//! reported as before.

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

thread_local! {
    static CONTAINED: Cell<bool> = const { Cell::new(false) };
}

static QUIET_HOOK: Once = Once::new();

/// Runs `f`; a panic inside it is `None`, silently.
pub fn run<T>(f: impl FnOnce() -> T) -> Option<T> {
    QUIET_HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !CONTAINED.with(Cell::get) {
                previous(info);
            }
        }));
    });
    let was = CONTAINED.with(|c| c.replace(true));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    CONTAINED.with(|c| c.set(was));
    result.ok()
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_panic_inside_is_an_error_and_the_caller_goes_on() {
        assert_eq!(super::run(|| 2 + 2), Some(4));
        let r: Option<()> = super::run(|| panic!("hostile file"));
        assert_eq!(r, None);
        assert_eq!(super::run(|| "still works"), Some("still works"));
    }
}
