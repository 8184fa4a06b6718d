//! Windows' printers as the spooler lists them (and its default), and a PDF sent to one
//! of them by the PDF program's "printto" verb (the spooler takes pages, not PDF files).

use std::io;
use std::path::Path;

#[repr(C)]
struct PrinterInfo4 {
    name: *mut u16,
    server: *mut u16,
    attributes: u32,
}

#[link(name = "winspool")]
extern "system" {
    fn EnumPrintersW(
        flags: u32,
        name: *const u16,
        level: u32,
        buffer: *mut u8,
        size: u32,
        needed: *mut u32,
        returned: *mut u32,
    ) -> i32;
    fn GetDefaultPrinterW(buffer: *mut u16, size: *mut u32) -> i32;
}

const PRINTER_ENUM_LOCAL: u32 = 0x2;
const PRINTER_ENUM_CONNECTIONS: u32 = 0x4;

/// A NUL-terminated wide string.
///
/// # Safety
/// `p` is null or points at a NUL-terminated UTF-16 string.
unsafe fn from_wide(p: *const u16) -> String {
    if p.is_null() {
        return String::new();
    }
    let mut n = 0;
    // SAFETY: the caller's promise: a terminator comes
    while unsafe { *p.add(n) } != 0 && n < 4096 {
        n += 1;
    }
    // SAFETY: `n` characters were read just above
    String::from_utf16_lossy(unsafe { std::slice::from_raw_parts(p, n) })
}

/// The printers of this computer (local and connected) and the default one.
pub fn printers() -> io::Result<(Vec<String>, Option<String>)> {
    let flags = PRINTER_ENUM_LOCAL | PRINTER_ENUM_CONNECTIONS;
    let (mut needed, mut returned) = (0u32, 0u32);
    // SAFETY: asking the size only (no buffer)
    unsafe {
        EnumPrintersW(
            flags,
            std::ptr::null(),
            4,
            std::ptr::null_mut(),
            0,
            &mut needed,
            &mut returned,
        )
    };
    let mut names = Vec::new();
    if needed > 0 && needed < 16 * 1024 * 1024 {
        // (u64s: the structures in it are pointer-aligned)
        let mut buffer = vec![0u64; (needed as usize).div_ceil(8)];
        // SAFETY: the buffer is `needed` bytes long and outlives the call
        let ok = unsafe {
            EnumPrintersW(
                flags,
                std::ptr::null(),
                4,
                buffer.as_mut_ptr().cast(),
                needed,
                &mut needed,
                &mut returned,
            )
        };
        if ok == 0 {
            return Err(io::Error::last_os_error());
        }
        let infos = buffer.as_ptr().cast::<PrinterInfo4>();
        for i in 0..returned as usize {
            // SAFETY: the call wrote `returned` structures at the buffer's start, their
            // strings further in the same buffer
            let name = unsafe { from_wide((*infos.add(i)).name) };
            if !name.is_empty() {
                names.push(name);
            }
        }
    }
    let mut size = 0u32;
    // SAFETY: asking the size only
    unsafe { GetDefaultPrinterW(std::ptr::null_mut(), &mut size) };
    let default = if size > 0 && size < 4096 {
        let mut buffer = vec![0u16; size as usize];
        // SAFETY: `size` characters of room
        let ok = unsafe { GetDefaultPrinterW(buffer.as_mut_ptr(), &mut size) };
        // SAFETY: written NUL-terminated on success
        (ok != 0).then(|| unsafe { from_wide(buffer.as_ptr()) })
    } else {
        None
    };
    Ok((names, default))
}

/// Prints `pdf` on `printer` (`None`: the default) through the PDF program.
pub fn print_to(pdf: &Path, printer: Option<&str>) -> io::Result<()> {
    match printer {
        Some(name) => {
            super::windows::shell_execute_with("printto", pdf, Some(&format!("\"{name}\"")))
        }
        None => super::windows::shell_execute("print", pdf),
    }
}
