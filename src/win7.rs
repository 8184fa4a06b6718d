//! Windows 7 lacks functions that libraries of the window import from DLLs of
//! Windows 8 and later (combase.dll, api-ms-win-core-path, api-ms-win-core-winrt-error);
//! a program importing them does not start there at all. They are defined here, in the
//! executable, so that the linker takes these instead of the imports (as YY-Thunks does
//! for C++ programs): each calls the system's own function where the system has one,
//! and otherwise does the same work itself.

use std::ffi::{c_void, CStr};
use std::sync::OnceLock;

#[link(name = "kernel32")]
extern "system" {
    fn LoadLibraryW(name: *const u16) -> *mut c_void;
    fn GetProcAddress(module: *mut c_void, name: *const std::ffi::c_char) -> *mut c_void;
}

const E_NOTIMPL: i32 = 0x8000_4001_u32 as i32;

/// The address of `name` in the system's `dll`, or 0 where this Windows lacks it.
fn lookup(dll: &str, name: &CStr) -> usize {
    let wide: Vec<u16> = dll.encode_utf16().chain(Some(0)).collect();
    // SAFETY: NUL-terminated strings; a null module or address is handled by callers.
    unsafe {
        let module = LoadLibraryW(wide.as_ptr());
        if module.is_null() {
            return 0;
        }
        GetProcAddress(module, name.as_ptr()) as usize
    }
}

/// ole32.dll has it on every Windows (on 8 and later it forwards to combase.dll).
#[no_mangle]
unsafe extern "system" fn CoCreateFreeThreadedMarshaler(
    outer: *mut c_void,
    marshaler: *mut *mut c_void,
) -> i32 {
    static FOUND: OnceLock<usize> = OnceLock::new();
    let f = *FOUND.get_or_init(|| lookup("ole32.dll", c"CoCreateFreeThreadedMarshaler"));
    if f == 0 {
        return E_NOTIMPL;
    }
    type Function = unsafe extern "system" fn(*mut c_void, *mut *mut c_void) -> i32;
    // SAFETY: the system's function of this name has this signature.
    unsafe { std::mem::transmute::<usize, Function>(f)(outer, marshaler) }
}

/// Frees COM memory; ole32.dll has it on every Windows.
#[no_mangle]
unsafe extern "system" fn CoTaskMemFree(memory: *mut c_void) {
    static FOUND: OnceLock<usize> = OnceLock::new();
    let f = *FOUND.get_or_init(|| lookup("ole32.dll", c"CoTaskMemFree"));
    if f != 0 {
        type Function = unsafe extern "system" fn(*mut c_void);
        // SAFETY: the system's function of this name has this signature.
        unsafe { std::mem::transmute::<usize, Function>(f)(memory) }
    }
}

/// Only records an error for debuggers; where the system has none there is nothing to do.
#[no_mangle]
unsafe extern "system" fn RoOriginateErrorW(error: i32, length: u32, message: *const u16) -> i32 {
    static FOUND: OnceLock<usize> = OnceLock::new();
    let f = *FOUND.get_or_init(|| lookup("combase.dll", c"RoOriginateErrorW"));
    if f == 0 {
        return 0;
    }
    type Function = unsafe extern "system" fn(i32, u32, *const u16) -> i32;
    // SAFETY: the system's function of this name has this signature.
    unsafe { std::mem::transmute::<usize, Function>(f)(error, length, message) }
}

/// `\\?\C:\x` → `C:\x`, `\\?\UNC\server\share` → `\\server\share`, in place.
#[no_mangle]
unsafe extern "system" fn PathCchStripPrefix(path: *mut u16, capacity: usize) -> i32 {
    if path.is_null() || capacity == 0 {
        return jixiao::platform::E_INVALIDARG;
    }
    // SAFETY: the caller passes a buffer of `capacity` characters.
    let buffer = unsafe { std::slice::from_raw_parts_mut(path, capacity) };
    jixiao::platform::strip_long_path_prefix(buffer)
}
