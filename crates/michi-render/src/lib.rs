//! Pictures and printable documents without a browser, for the `michi` command (the app prints
//! through its web view): an SVG picture to PNG (resvg) or to a one-page PDF (krilla), and a
//! Markdown document of the derivations to A4 pages of PDF. Text is set in the system's Japanese
//! font (Noto Sans CJK JP on Debian, from `fonts-noto-cjk`), embedded as a subset so the PDF reads
//! the same everywhere and its text can be copied and searched.

mod document;

use std::sync::Arc;

use resvg::usvg::{self, fontdb};
use thiserror::Error;

pub use document::markdown_pdf;

#[derive(Debug, Error)]
pub enum RenderError {
    #[error("no Japanese font is installed (install fonts-noto-cjk)")]
    NoFont,
    #[error("the SVG picture cannot be read: {0}")]
    Svg(String),
    #[error("the picture is empty or too large to draw ({0}×{1})")]
    Size(u32, u32),
    #[error("the PDF cannot be written: {0}")]
    Pdf(String),
    #[error("the PNG cannot be written: {0}")]
    Png(String),
}

/// Families tried in order for Japanese text.
const FAMILIES: &[&str] = &[
    "Noto Sans CJK JP",
    "Noto Sans JP",
    "Source Han Sans JP",
    "IPAexGothic",
    "IPAGothic",
    "Hiragino Sans",
    "Yu Gothic",
];

/// The system's fonts and the Japanese face documents are set in.
pub struct Fonts {
    db: Arc<fontdb::Database>,
    regular: Face,
    bold: Face,
}

#[derive(Clone)]
pub(crate) struct Face {
    pub data: Arc<Vec<u8>>,
    pub index: u32,
}

impl Fonts {
    /// Loads the system's fonts and finds a Japanese face (regular and bold).
    pub fn system() -> Result<Fonts, RenderError> {
        let mut db = fontdb::Database::new();
        db.load_system_fonts();
        let face = |weight: fontdb::Weight| -> Option<Face> {
            FAMILIES.iter().find_map(|name| {
                let id =
                    db.query(&fontdb::Query { families: &[fontdb::Family::Name(name)], weight, ..Default::default() })?;
                db.with_face_data(id, |data, index| Face { data: Arc::new(data.to_vec()), index })
            })
        };
        let regular = face(fontdb::Weight::NORMAL).ok_or(RenderError::NoFont)?;
        let bold = face(fontdb::Weight::BOLD).unwrap_or_else(|| regular.clone());
        // SVG text naming no installed family falls back to the Japanese face.
        if let Some(name) = FAMILIES
            .iter()
            .find(|n| db.query(&fontdb::Query { families: &[fontdb::Family::Name(n)], ..Default::default() }).is_some())
        {
            db.set_sans_serif_family(*name);
        }
        Ok(Fonts { db: Arc::new(db), regular, bold })
    }

    fn tree(&self, svg: &str) -> Result<usvg::Tree, RenderError> {
        let options = usvg::Options { fontdb: self.db.clone(), ..Default::default() };
        usvg::Tree::from_str(svg, &options).map_err(|e| RenderError::Svg(e.to_string()))
    }
}

/// An SVG picture as PNG bytes, `scale` pixels per SVG pixel.
pub fn svg_to_png(svg: &str, fonts: &Fonts, scale: f32) -> Result<Vec<u8>, RenderError> {
    let tree = fonts.tree(svg)?;
    let (w, h) = ((tree.size().width() * scale).ceil() as u32, (tree.size().height() * scale).ceil() as u32);
    // 16k pixels a side is where image viewers and tiny-skia stop being reasonable.
    if w == 0 || h == 0 || w > 16_384 || h > 16_384 {
        return Err(RenderError::Size(w, h));
    }
    let mut pixmap = resvg::tiny_skia::Pixmap::new(w, h).ok_or(RenderError::Size(w, h))?;
    pixmap.fill(resvg::tiny_skia::Color::WHITE);
    resvg::render(&tree, resvg::tiny_skia::Transform::from_scale(scale, scale), &mut pixmap.as_mut());
    pixmap.encode_png().map_err(|e| RenderError::Png(e.to_string()))
}

/// An SVG picture as a one-page PDF the size of the picture (one SVG pixel is one point).
pub fn svg_to_pdf(svg: &str, fonts: &Fonts, title: &str) -> Result<Vec<u8>, RenderError> {
    use krilla_svg::{SurfaceExt, SvgSettings};
    let tree = fonts.tree(svg)?;
    let (w, h) = (tree.size().width(), tree.size().height());
    let size = krilla::geom::Size::from_wh(w, h).ok_or(RenderError::Size(w as u32, h as u32))?;
    let mut document = krilla::Document::new();
    document.set_metadata(krilla::metadata::Metadata::new().title(title.to_string()).creator("Michi".into()));
    let settings = krilla::page::PageSettings::from_wh(w, h).ok_or(RenderError::Size(w as u32, h as u32))?;
    let mut page = document.start_page_with(settings);
    let mut surface = page.surface();
    surface.draw_svg(&tree, size, SvgSettings::default()).ok_or_else(|| RenderError::Pdf("the picture".into()))?;
    surface.finish();
    page.finish();
    document.finish().map_err(|e| RenderError::Pdf(format!("{e:?}")))
}
