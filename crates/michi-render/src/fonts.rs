//! The system's fonts, and the Japanese face documents and pictures are set in.

use std::sync::Arc;

use resvg::usvg::{self, fontdb};

use crate::error::RenderError;

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
    pub(crate) regular: Face,
    pub(crate) bold: Face,
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

    pub(crate) fn tree(&self, svg: &str) -> Result<usvg::Tree, RenderError> {
        let options = usvg::Options { fontdb: self.db.clone(), ..Default::default() };
        usvg::Tree::from_str(svg, &options).map_err(|e| RenderError::Svg(e.to_string()))
    }
}
