//! A stack overflow in a fuzz target reported as a crash with its input saved. Without
//! this the overflow kills the process silently (libFuzzer's handler would run on the
//! exhausted stack): a handler set here first, on a stack of its own, makes libFuzzer
//! keep that stack for its handler, which then passes the signal on as an abort that
//! libFuzzer reports ("deadly signal") with the input written to the artifacts.

use std::ptr;

/// Set once before libFuzzer installs its handlers (the target's `init`).
pub fn install() {
    const SIZE: usize = 1 << 20;
    let stack: &'static mut [u8] = Box::leak(vec![0u8; SIZE].into_boxed_slice());
    // SAFETY: the stack lives for the whole process; the structures are fully set.
    unsafe {
        let alt = libc::stack_t {
            ss_sp: stack.as_mut_ptr().cast(),
            ss_flags: 0,
            ss_size: SIZE,
        };
        libc::sigaltstack(&alt, ptr::null_mut());
        let mut action: libc::sigaction = std::mem::zeroed();
        action.sa_sigaction = on_segv as *const () as usize;
        action.sa_flags = libc::SA_SIGINFO | libc::SA_ONSTACK;
        libc::sigemptyset(&mut action.sa_mask);
        libc::sigaction(libc::SIGSEGV, &action, ptr::null_mut());
    }
}

extern "C" fn on_segv(_: libc::c_int, _: *mut libc::siginfo_t, _: *mut libc::c_void) {
    // SAFETY: abort is async-signal-safe; libFuzzer's abort handler reports the input.
    unsafe { libc::abort() }
}
