//! Windows long paths (`\\?\C:\…`) back to their usual form, as Windows 8's
//! `PathCchStripPrefix` does, for the program's Windows 7 stand-in of that function.

/// `E_INVALIDARG`, as a Windows function returns it.
pub const E_INVALIDARG: i32 = 0x8007_0057_u32 as i32;

/// What Windows' `PathCchStripPrefix` does, for the Windows 7 stand-in of the program:
/// removes `\\?\` from a NUL-terminated wide path of a drive (`\\?\C:\…`) or turns
/// `\\?\UNC\…` into `\\…`, in place. Returns S_OK (0) when it removed a prefix,
/// S_FALSE (1) when there was none, E_INVALIDARG for a buffer without a NUL.
pub fn strip_long_path_prefix(buffer: &mut [u16]) -> i32 {
    let Some(len) = buffer.iter().position(|&c| c == 0) else {
        return E_INVALIDARG;
    };
    let text: Vec<u16> = buffer[..len].to_vec();
    let starts = |prefix: &str| {
        let p: Vec<u16> = prefix.encode_utf16().collect();
        text.len() >= p.len() && text[..p.len()].eq_ignore_ascii_case_wide(&p)
    };
    let (remove, keep) = if starts(r"\\?\UNC\") {
        (6, 2)
    } else if starts(r"\\?\")
        && text.len() >= 6
        && text[4] < 128
        && (text[4] as u8).is_ascii_alphabetic()
        && text[5] == u16::from(b':')
    {
        (4, 0)
    } else {
        return 1;
    };
    buffer.copy_within(keep + remove..=len, keep);
    0
}

trait WideEq {
    fn eq_ignore_ascii_case_wide(&self, other: &[u16]) -> bool;
}

impl WideEq for [u16] {
    fn eq_ignore_ascii_case_wide(&self, other: &[u16]) -> bool {
        let lower = |c: u16| {
            if (u16::from(b'A')..=u16::from(b'Z')).contains(&c) {
                c + 32
            } else {
                c
            }
        };
        self.len() == other.len() && self.iter().zip(other).all(|(&a, &b)| lower(a) == lower(b))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strip(path: &str) -> (i32, String) {
        let mut buffer: Vec<u16> = path.encode_utf16().chain([0, 7, 7]).collect();
        let code = strip_long_path_prefix(&mut buffer);
        let end = buffer.iter().position(|&c| c == 0).unwrap();
        (code, String::from_utf16(&buffer[..end]).unwrap())
    }

    #[test]
    fn long_path_prefixes_come_off_as_windows_does() {
        assert_eq!(strip(r"\\?\C:\表单\a.ron"), (0, r"C:\表单\a.ron".into()));
        assert_eq!(
            strip(r"\\?\UNC\server\共享\a.ron"),
            (0, r"\\server\共享\a.ron".into())
        );
        assert_eq!(strip(r"\\?\unc\s\x"), (0, r"\\s\x".into()));
        assert_eq!(strip(r"C:\a.ron"), (1, r"C:\a.ron".into()));
        assert_eq!(strip(r"\\?\Volume{x}\a"), (1, r"\\?\Volume{x}\a".into()));
        assert_eq!(strip(""), (1, String::new()));
        assert_eq!(strip_long_path_prefix(&mut [92, 92]), E_INVALIDARG);
    }
}
