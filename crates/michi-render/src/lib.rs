//! Michi's documents and pictures, drawn from what the core derives (the derivations' documents and
//! the diagrams' read models), so every format says what the screen says:
//! - `markdown` and `html`: a derived document as Markdown or one self-contained HTML file;
//! - `csv`: a derived document's tables as CSV, for a spreadsheet;
//! - `svg`: a process diagram or a journey map as an SVG picture (the canvas's look, from
//!   `michi_core::look`);
//! - without a browser, for the `michi` command (the app prints through its web view): an SVG
//!   picture to PNG (resvg) or to a one-page PDF (krilla), and a document's Markdown to A4 pages of
//!   PDF. Text is set in the system's Japanese font (Noto Sans CJK JP on Debian, from
//!   `fonts-noto-cjk`), embedded as a subset so the PDF reads the same everywhere and its text can
//!   be copied and searched.

mod error;
mod escape;
mod fonts;
mod html;
mod markdown;
mod pdf;
mod raster;
pub mod svg;
mod table;

pub use error::RenderError;
pub use escape::esc;
pub use fonts::Fonts;
pub use html::html;
pub use markdown::markdown;
pub use pdf::markdown_pdf;
pub use raster::{svg_to_pdf, svg_to_png};
pub use table::csv;
