//! Limits an Excel 97–2003 workbook (.xls) must keep before the workbook library opens
//! it: its compound-file structure read with every sector chain bounded (a chain that
//! loops is a damaged file, not a hang), and each sheet's DIMENSIONS record within the
//! area a reader lays out (a sheet claiming a million rows by a thousand columns would
//! have the library reserve gigabytes before reading a cell).

use super::ImportError;
use crate::core::exchange::xlsx_limits::MAX_AREA;

const DAMAGED: ImportError = ImportError::Damaged("Excel 97–2003 工作簿");
const FREE: u32 = 0xFFFF_FFFF;
const END_OF_CHAIN: u32 = 0xFFFF_FFFE;
/// The stream a workbook keeps its records in (BIFF8 "Workbook", BIFF5 "Book").
const STREAM_NAMES: [&str; 2] = ["Workbook", "Book"];

/// Checks the workbook in `bytes`; `Ok` means the library may read it.
pub fn check(bytes: &[u8]) -> Result<(), ImportError> {
    let file = Compound::parse(bytes)?;
    let Some(stream) = file.workbook_stream()? else {
        return Err(DAMAGED);
    };
    check_records(&stream)
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// An OLE compound file, as far as finding one stream needs.
struct Compound<'a> {
    bytes: &'a [u8],
    sector: usize,
    fat: Vec<u32>,
    mini_fat: Vec<u32>,
    mini_cutoff: u64,
    dir: Vec<u8>,
}

impl<'a> Compound<'a> {
    fn parse(bytes: &'a [u8]) -> Result<Compound<'a>, ImportError> {
        if !bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            return Err(DAMAGED);
        }
        let shift = u16_at(bytes, 0x1E).ok_or(DAMAGED)?;
        if !(7..=12).contains(&shift) {
            return Err(DAMAGED);
        }
        let sector = 1usize << shift;
        let sectors = bytes.len() / sector;
        // the FAT's own sectors: 109 in the header, the rest in a DIFAT chain
        let mut fat_sectors: Vec<u32> = (0..109)
            .filter_map(|i| u32_at(bytes, 0x4C + 4 * i))
            .filter(|s| *s != FREE && *s != END_OF_CHAIN)
            .collect();
        let mut difat = u32_at(bytes, 0x44).ok_or(DAMAGED)?;
        let mut hops = 0;
        while difat != END_OF_CHAIN && difat != FREE {
            hops += 1;
            if hops > sectors {
                return Err(DAMAGED); // a DIFAT chain that loops
            }
            let at = (difat as usize + 1) * sector;
            let per = sector / 4 - 1;
            for i in 0..per {
                let s = u32_at(bytes, at + 4 * i).ok_or(DAMAGED)?;
                if s != FREE && s != END_OF_CHAIN {
                    fat_sectors.push(s);
                }
            }
            difat = u32_at(bytes, at + 4 * per).ok_or(DAMAGED)?;
        }
        if fat_sectors.len() > sectors {
            return Err(DAMAGED);
        }
        let mut fat = Vec::with_capacity(fat_sectors.len() * sector / 4);
        for s in fat_sectors {
            let at = (s as usize + 1) * sector;
            let part = bytes.get(at..at + sector).ok_or(DAMAGED)?;
            fat.extend(
                part.chunks_exact(4)
                    .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])),
            );
        }
        let mut file = Compound {
            bytes,
            sector,
            fat,
            mini_fat: Vec::new(),
            mini_cutoff: u64::from(u32_at(bytes, 0x38).ok_or(DAMAGED)?),
            dir: Vec::new(),
        };
        file.dir = file.chain(u32_at(bytes, 0x30).ok_or(DAMAGED)?, None)?;
        let mini_fat = file.chain(u32_at(bytes, 0x3C).ok_or(DAMAGED)?, None)?;
        file.mini_fat = mini_fat
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        Ok(file)
    }

    /// The bytes of the sector chain starting at `start`, at most `len` of them; a chain
    /// that loops or leaves the file is a damaged file.
    fn chain(&self, start: u32, len: Option<u64>) -> Result<Vec<u8>, ImportError> {
        let mut out = Vec::new();
        let mut at = start;
        let mut seen = vec![false; self.fat.len()];
        while at != END_OF_CHAIN && at != FREE {
            let i = at as usize;
            if *seen.get(i).ok_or(DAMAGED)? {
                return Err(DAMAGED);
            }
            seen[i] = true;
            let from = (i + 1) * self.sector;
            // followed to its end even past the stream's size, as a reader would: a
            // chain that loops is found here
            if len.is_none_or(|l| (out.len() as u64) < l) {
                out.extend_from_slice(self.bytes.get(from..from + self.sector).ok_or(DAMAGED)?);
            }
            at = self.fat[i];
        }
        if let Some(l) = len {
            if (out.len() as u64) < l {
                return Err(DAMAGED);
            }
            out.truncate(l as usize);
        }
        Ok(out)
    }

    /// A small stream, kept in 64-byte pieces inside the root entry's mini stream.
    fn mini_chain(&self, root: &[u8], start: u32, len: u64) -> Result<Vec<u8>, ImportError> {
        let mut out = Vec::new();
        let mut at = start;
        let mut seen = vec![false; self.mini_fat.len()];
        while (out.len() as u64) < len {
            let i = at as usize;
            if at == END_OF_CHAIN || *seen.get(i).ok_or(DAMAGED)? {
                return Err(DAMAGED);
            }
            seen[i] = true;
            out.extend_from_slice(root.get(i * 64..i * 64 + 64).ok_or(DAMAGED)?);
            at = self.mini_fat[i];
        }
        out.truncate(len as usize);
        Ok(out)
    }

    /// The workbook stream, found by name in the directory.
    fn workbook_stream(&self) -> Result<Option<Vec<u8>>, ImportError> {
        let entries: Vec<&[u8]> = self.dir.chunks_exact(128).collect();
        let root = entries.first().ok_or(DAMAGED)?;
        for entry in &entries {
            let name_len = usize::from(u16_at(entry, 0x40).unwrap_or(0)).min(64);
            let units: Vec<u16> = entry[..name_len]
                .chunks_exact(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .take_while(|u| *u != 0)
                .collect();
            let name = String::from_utf16_lossy(&units);
            if entry[0x42] != 2 || !STREAM_NAMES.contains(&name.as_str()) {
                continue;
            }
            let start = u32_at(entry, 0x74).ok_or(DAMAGED)?;
            let size = u64::from(u32_at(entry, 0x78).ok_or(DAMAGED)?);
            if size > self.bytes.len() as u64 {
                return Err(DAMAGED);
            }
            if size >= self.mini_cutoff {
                return self.chain(start, Some(size)).map(Some);
            }
            let root_size = u64::from(u32_at(root, 0x78).ok_or(DAMAGED)?);
            if root_size > self.bytes.len() as u64 {
                return Err(DAMAGED);
            }
            let mini = self.chain(u32_at(root, 0x74).ok_or(DAMAGED)?, Some(root_size))?;
            return self.mini_chain(&mini, start, size).map(Some);
        }
        Ok(None)
    }
}

/// Walks the workbook's records: each sheet's DIMENSIONS within [`MAX_AREA`], and each
/// sheet's place (BOUNDSHEET) inside the stream.
fn check_records(stream: &[u8]) -> Result<(), ImportError> {
    let mut at = 0usize;
    // the area a sheet's cells span, as the library lays it out (rows × columns from the
    // first to the last cell), whatever DIMENSIONS says
    let mut area = Area::default();
    while at + 4 <= stream.len() {
        let typ = u16_at(stream, at).ok_or(DAMAGED)?;
        let len = usize::from(u16_at(stream, at + 2).ok_or(DAMAGED)?);
        let data = stream.get(at + 4..at + 4 + len).ok_or(DAMAGED)?;
        match typ {
            // BOF: a new sheet (or the workbook globals) begins
            0x0809 => area = Area::default(),
            // cells: row and first column at the start of the record
            0x0203 | 0x027E | 0x00FD | 0x0204 | 0x0205 | 0x0006 | 0x0201 | 0x00D6 => {
                if let (Some(row), Some(col)) = (u16_at(data, 0), u16_at(data, 2)) {
                    area.add(row, col)?;
                }
            }
            // MULRK, MULBLANK: a run of cells in one row, the last column at the end
            0x00BD | 0x00BE if len >= 6 => {
                if let (Some(row), Some(first), Some(last)) =
                    (u16_at(data, 0), u16_at(data, 2), u16_at(data, len - 2))
                {
                    area.add(row, first)?;
                    area.add(row, last)?;
                }
            }
            // BOUNDSHEET: where a sheet's records start
            0x0085 if u32_at(data, 0).is_some_and(|p| p as usize >= stream.len()) => {
                return Err(DAMAGED);
            }
            // DIMENSIONS: the area a sheet claims (BIFF8 with 32-bit rows, else 16-bit)
            0x0200 => {
                let (rows, cols) = if len >= 14 {
                    let (r0, r1) = (u32_at(data, 0).unwrap_or(0), u32_at(data, 4).unwrap_or(0));
                    let (c0, c1) = (u16_at(data, 8).unwrap_or(0), u16_at(data, 10).unwrap_or(0));
                    (
                        u64::from(r1.saturating_sub(r0)),
                        u64::from(c1.saturating_sub(c0)),
                    )
                } else {
                    let (r0, r1) = (u16_at(data, 0).unwrap_or(0), u16_at(data, 2).unwrap_or(0));
                    let (c0, c1) = (u16_at(data, 4).unwrap_or(0), u16_at(data, 6).unwrap_or(0));
                    (
                        u64::from(r1.saturating_sub(r0)),
                        u64::from(c1.saturating_sub(c0)),
                    )
                };
                if rows.saturating_mul(cols) > MAX_AREA {
                    return Err(ImportError::Workbook(format!(
                        "工作表声称有 {rows} 行 × {cols} 列，超过能读取的范围（最多 {MAX_AREA} 个单元格的区域），未导入"
                    )));
                }
            }
            // MERGEDCELLS: the count may not claim more ranges than the record holds
            0x00E5 if u16_at(data, 0).is_some_and(|n| 2 + 8 * usize::from(n) > len) => {
                return Err(DAMAGED);
            }
            _ => {}
        }
        at += 4 + len;
    }
    Ok(())
}

/// The rectangle a sheet's cells span so far.
#[derive(Default)]
struct Area {
    rows: Option<(u16, u16)>,
    cols: Option<(u16, u16)>,
}

impl Area {
    fn add(&mut self, row: u16, col: u16) -> Result<(), ImportError> {
        let grow = |span: Option<(u16, u16)>, v: u16| match span {
            Some((lo, hi)) => (lo.min(v), hi.max(v)),
            None => (v, v),
        };
        let rows = grow(self.rows, row);
        let cols = grow(self.cols, col);
        self.rows = Some(rows);
        self.cols = Some(cols);
        let span = |(lo, hi): (u16, u16)| u64::from(hi) - u64::from(lo) + 1;
        let (height, width) = (span(rows), span(cols));
        if height * width > MAX_AREA {
            return Err(ImportError::Workbook(format!(
                "工作表的单元格分布在 {height} 行 × {width} 列的范围内，超过能读取的范围（最多 {MAX_AREA} 个单元格的区域），未导入"
            )));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_a_compound_file_is_damaged() {
        assert_eq!(check(b"hello"), Err(DAMAGED));
        let mut header = vec![0u8; 512];
        header[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
        assert_eq!(check(&header), Err(DAMAGED));
    }

    #[test]
    fn a_sheet_claiming_a_huge_area_is_refused() {
        let mut stream = Vec::new();
        let mut dims = Vec::new();
        dims.extend_from_slice(&0u32.to_le_bytes());
        dims.extend_from_slice(&1_000_000u32.to_le_bytes());
        dims.extend_from_slice(&0u16.to_le_bytes());
        dims.extend_from_slice(&200u16.to_le_bytes());
        dims.extend_from_slice(&0u16.to_le_bytes());
        stream.extend_from_slice(&0x0200u16.to_le_bytes());
        stream.extend_from_slice(&(dims.len() as u16).to_le_bytes());
        stream.extend_from_slice(&dims);
        let err = check_records(&stream).unwrap_err().to_string();
        assert!(err.contains("1000000 行 × 200 列"), "{err}");
    }

    #[test]
    fn cells_far_apart_are_refused_whatever_the_dimensions_say() {
        let cell = |row: u16, col: u16| {
            let mut r = 0x0203u16.to_le_bytes().to_vec();
            r.extend_from_slice(&14u16.to_le_bytes());
            r.extend_from_slice(&row.to_le_bytes());
            r.extend_from_slice(&col.to_le_bytes());
            r.extend_from_slice(&[0; 10]);
            r
        };
        let mut stream = cell(0, 0);
        stream.extend(cell(10, 3));
        assert_eq!(check_records(&stream), Ok(()));
        stream.extend(cell(65_535, 65_535));
        let err = check_records(&stream).unwrap_err().to_string();
        assert!(err.contains("超过能读取的范围"), "{err}");
    }

    #[test]
    fn a_merge_count_that_lies_is_damaged() {
        let mut stream = Vec::new();
        stream.extend_from_slice(&0x00E5u16.to_le_bytes());
        stream.extend_from_slice(&2u16.to_le_bytes());
        stream.extend_from_slice(&500u16.to_le_bytes());
        assert_eq!(check_records(&stream), Err(DAMAGED));
    }
}
