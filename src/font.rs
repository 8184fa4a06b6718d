//! The one CJK font of the program (Noto Serif SC, OFL-1.1, `fonts/`), used by the
//! window and embedded (as a subset) in every PDF, so that what is seen is what prints.

/// The font file, built into the program so that it works on a machine without CJK fonts.
pub static CJK_FONT: &[u8] = include_bytes!("../fonts/NotoSerifSC_400Regular.ttf");

/// The family name shown in the PDF's font list.
pub const CJK_FONT_NAME: &str = "Noto Serif SC";
