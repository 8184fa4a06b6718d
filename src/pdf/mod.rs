//! The printed form as a PDF: layout (pure, built without printpdf so that the core's
//! users — tests, fuzz targets — can lay out pages), then the file through printpdf.

#[cfg(feature = "pdf")]
pub mod font;
pub mod layout;
#[cfg(feature = "pdf")]
mod subset;
#[cfg(feature = "xlsx")]
pub mod table_pages;
pub mod wrap;
#[cfg(feature = "pdf")]
mod write;

#[cfg(feature = "pdf")]
pub use write::*;
