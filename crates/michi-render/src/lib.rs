//! Pictures and printable documents without a browser, for the `michi` command (the app prints
//! through its web view): an SVG picture to PNG (resvg) or to a one-page PDF (krilla), and a
//! Markdown document of the derivations to A4 pages of PDF. Text is set in the system's Japanese
//! font (Noto Sans CJK JP on Debian, from `fonts-noto-cjk`), embedded as a subset so the PDF reads
//! the same everywhere and its text can be copied and searched.

mod document;
mod error;
mod fonts;
mod raster;

pub use document::markdown_pdf;
pub use error::RenderError;
pub use fonts::Fonts;
pub use raster::{svg_to_pdf, svg_to_png};
