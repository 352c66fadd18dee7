use thiserror::Error;

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
