//! SVG pictures drawn to PNG (resvg) or to a one-page PDF (krilla).

use crate::error::RenderError;
use crate::fonts::Fonts;

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
