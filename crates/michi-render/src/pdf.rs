//! A Markdown document of the derivations (the subset `michi derive` writes: headings, paragraphs,
//! bullet and numbered items, bold lines, tables) laid out on A4 pages: lines wrapped to the
//! measured width of each glyph (Japanese may break between any two characters, Latin text at
//! spaces), page breaks that keep a heading with what follows, page numbers at the foot. The ids
//! in `<!-- … -->` comments are left out: they are for tools, not readers.

use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point};
use krilla::num::NormalizedF32;
use krilla::paint::{Fill, Stroke};
use krilla::text::{Font, TextDirection};

use crate::error::RenderError;
use crate::fonts::{Face, Fonts};

const PAGE_W: f32 = 595.0;
const PAGE_H: f32 = 842.0;
const MARGIN: f32 = 56.0;
const BODY: f32 = 10.5;

/// One block of the document.
#[derive(Debug, PartialEq)]
enum Block {
    Heading(u8, String),
    Para { text: String, bold: bool },
    Item { mark: String, text: String },
    Row(Vec<String>),
    Gap,
}

fn strip_comments(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(start) = rest.find("<!--") {
        out.push_str(&rest[..start]);
        match rest[start..].find("-->") {
            Some(end) => rest = &rest[start + end + 3..],
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out.trim_end().to_string()
}

fn blocks(md: &str) -> Vec<Block> {
    let mut out = Vec::new();
    for raw in md.lines() {
        let line = strip_comments(raw);
        let t = line.trim_start();
        if t.is_empty() {
            if out.last() != Some(&Block::Gap) {
                out.push(Block::Gap);
            }
        } else if let Some(h) = t.strip_prefix("### ") {
            out.push(Block::Heading(3, h.to_string()));
        } else if let Some(h) = t.strip_prefix("## ") {
            out.push(Block::Heading(2, h.to_string()));
        } else if let Some(h) = t.strip_prefix("# ") {
            out.push(Block::Heading(1, h.to_string()));
        } else if let Some(item) = t.strip_prefix("- ") {
            out.push(Block::Item { mark: "•".into(), text: item.to_string() });
        } else if t.starts_with('|') {
            let cells: Vec<String> = t.trim_matches('|').split('|').map(|c| c.trim().to_string()).collect();
            if !cells.iter().all(|c| !c.is_empty() && c.chars().all(|ch| ch == '-' || ch == ':')) {
                out.push(Block::Row(cells));
            }
        } else if let Some((n, rest)) = t.split_once(". ")
            && !n.is_empty()
            && n.chars().all(|c| c.is_ascii_digit())
        {
            out.push(Block::Item { mark: format!("{n}."), text: rest.to_string() });
        } else if t.starts_with("**") && t.ends_with("**") && t.len() > 4 {
            out.push(Block::Para { text: t.trim_matches('*').to_string(), bold: true });
        } else {
            out.push(Block::Para { text: t.to_string(), bold: false });
        }
    }
    out
}

/// Glyph advances of a face, to measure text.
struct Metrics<'a> {
    face: ttf_parser::Face<'a>,
    upem: f32,
}

impl<'a> Metrics<'a> {
    fn new(face: &'a Face) -> Result<Metrics<'a>, RenderError> {
        let parsed = ttf_parser::Face::parse(&face.data, face.index).map_err(|_| RenderError::NoFont)?;
        let upem = parsed.units_per_em() as f32;
        Ok(Metrics { face: parsed, upem })
    }

    fn width(&self, text: &str, size: f32) -> f32 {
        text.chars()
            .map(|c| {
                let advance = self.face.glyph_index(c).and_then(|g| self.face.glyph_hor_advance(g));
                advance.map(|a| a as f32 / self.upem).unwrap_or(if c.is_ascii() { 0.5 } else { 1.0 })
            })
            .sum::<f32>()
            * size
    }

    /// Lines no wider than `width`: a break goes at the last space of a Latin run when there is
    /// one on the line, else before the character that does not fit.
    fn wrap(&self, text: &str, size: f32, width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        let mut line = String::new();
        for c in text.chars() {
            line.push(c);
            if self.width(&line, size) > width && line.chars().count() > 1 {
                let last = line.pop().expect("just pushed");
                let mut carry = String::new();
                if last != ' '
                    && last.is_ascii()
                    && let Some(space) = line.rfind(' ')
                    && line[space + 1..].chars().all(|ch| ch.is_ascii_alphanumeric() || ".,:;-'\"()".contains(ch))
                {
                    carry = line[space + 1..].to_string();
                    line.truncate(space);
                }
                lines.push(std::mem::take(&mut line).trim_end().to_string());
                line = carry;
                if last != ' ' {
                    line.push(last);
                }
            }
        }
        if !line.is_empty() || lines.is_empty() {
            lines.push(line);
        }
        lines
    }
}

/// A piece of text placed on a page.
struct Placed {
    x: f32,
    y: f32,
    size: f32,
    bold: bool,
    grey: bool,
    text: String,
}

struct Page {
    texts: Vec<Placed>,
    rules: Vec<(f32, f32, f32)>,
}

/// The document as A4 PDF bytes; `title` goes in the PDF's metadata, `lang` ("ja" or "en") too.
pub fn markdown_pdf(md: &str, fonts: &Fonts, title: &str, lang: &str) -> Result<Vec<u8>, RenderError> {
    let regular = Metrics::new(&fonts.regular)?;
    let bold = Metrics::new(&fonts.bold)?;
    let width = PAGE_W - 2.0 * MARGIN;
    let mut pages: Vec<Page> = vec![Page { texts: Vec::new(), rules: Vec::new() }];
    let mut y = MARGIN;
    let bottom = PAGE_H - MARGIN;
    let blocks = blocks(md);
    for (i, block) in blocks.iter().enumerate() {
        // Font size, bold, indent and the space before the block.
        let (size, is_bold, indent, before) = match block {
            Block::Heading(1, _) => (18.0, true, 0.0, 10.0),
            Block::Heading(2, _) => (14.0, true, 0.0, 12.0),
            Block::Heading(_, _) => (11.5, true, 0.0, 8.0),
            Block::Para { bold, .. } => (BODY, *bold, 0.0, 2.0),
            Block::Item { .. } => (BODY, false, 16.0, 1.0),
            Block::Row(_) => (9.5, false, 0.0, 0.0),
            Block::Gap => {
                y += 4.0;
                continue;
            }
        };
        let metrics = if is_bold { &bold } else { &regular };
        let lead = size * 1.5;
        let (cells, mark): (Vec<Vec<String>>, Option<&str>) = match block {
            Block::Heading(_, t) | Block::Para { text: t, .. } => (vec![metrics.wrap(t, size, width - indent)], None),
            Block::Item { mark, text } => (vec![metrics.wrap(text, size, width - indent)], Some(mark)),
            Block::Row(cells) => {
                let w = width / cells.len().max(1) as f32;
                (cells.iter().map(|c| metrics.wrap(c, size, w - 6.0)).collect(), None)
            }
            Block::Gap => unreachable!("handled above"),
        };
        let rows = cells.iter().map(Vec::len).max().unwrap_or(1) as f32;
        let mut needed = before + rows * lead;
        // A heading stays with the first lines of what follows it.
        if matches!(block, Block::Heading(..)) && blocks.get(i + 1).is_some() {
            needed += lead * 3.0;
        }
        if y + needed > bottom && y > MARGIN + 1.0 {
            pages.push(Page { texts: Vec::new(), rules: Vec::new() });
            y = MARGIN;
        } else {
            y += before;
        }
        let page = pages.last_mut().expect("one page at least");
        if let Some(mark) = mark {
            page.texts.push(Placed {
                x: MARGIN + 2.0,
                y: y + size,
                size,
                bold: false,
                grey: true,
                text: mark.to_string(),
            });
        }
        let column = width / cells.len().max(1) as f32;
        for (c, lines) in cells.iter().enumerate() {
            for (n, line) in lines.iter().enumerate() {
                // A line of a long block may still run off the page: it continues on the next.
                let ly = y + n as f32 * lead + size;
                page.texts.push(Placed {
                    x: MARGIN + indent + c as f32 * column,
                    y: ly,
                    size,
                    bold: is_bold,
                    grey: false,
                    text: line.clone(),
                });
            }
        }
        y += rows * lead;
        match block {
            Block::Heading(2, _) => page.rules.push((MARGIN, PAGE_W - MARGIN, y + 1.0)),
            Block::Row(_) => page.rules.push((MARGIN, PAGE_W - MARGIN, y - lead * 0.2)),
            _ => {}
        }
    }
    draw(fonts, &pages, title, lang)
}

fn draw(fonts: &Fonts, pages: &[Page], title: &str, lang: &str) -> Result<Vec<u8>, RenderError> {
    let font = |f: &Face| Font::new(f.data.clone().into(), f.index).ok_or(RenderError::NoFont);
    let (regular, bold) = (font(&fonts.regular)?, font(&fonts.bold)?);
    let mut document = krilla::Document::new();
    document.set_metadata(
        krilla::metadata::Metadata::new().title(title.to_string()).language(lang.to_string()).creator("Michi".into()),
    );
    let count = pages.len();
    for (n, p) in pages.iter().enumerate() {
        let settings = krilla::page::PageSettings::from_wh(PAGE_W, PAGE_H).expect("A4 is a valid size");
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        let ink = |grey: bool| Fill {
            paint: if grey {
                rgb::Color::new(0x67, 0x73, 0x85).into()
            } else {
                rgb::Color::new(0x1d, 0x24, 0x33).into()
            },
            opacity: NormalizedF32::ONE,
            rule: Default::default(),
        };
        for t in &p.texts {
            surface.set_fill(Some(ink(t.grey)));
            let f = if t.bold { bold.clone() } else { regular.clone() };
            surface.draw_text(Point::from_xy(t.x, t.y), f, t.size, &t.text, false, TextDirection::Auto);
        }
        surface.set_fill(Some(ink(true)));
        let folio = format!("{} / {count}", n + 1);
        surface.draw_text(
            Point::from_xy(PAGE_W / 2.0 - 12.0, PAGE_H - 28.0),
            regular.clone(),
            8.5,
            &folio,
            false,
            TextDirection::Auto,
        );
        surface.set_fill(None);
        surface.set_stroke(Some(Stroke {
            paint: rgb::Color::new(0xd9, 0xdd, 0xe5).into(),
            width: 0.6,
            ..Default::default()
        }));
        for &(x1, x2, y) in &p.rules {
            let mut path = PathBuilder::new();
            path.move_to(x1, y);
            path.line_to(x2, y);
            if let Some(path) = path.finish() {
                surface.draw_path(&path);
            }
        }
        surface.finish();
        page.finish();
    }
    document.finish().map_err(|e| RenderError::Pdf(format!("{e:?}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_markdown_of_the_derivations_becomes_blocks_without_the_ids() {
        let md = "# プレイブック\n\n## 1. オンボーディング <!-- stage-9 -->\n\n- 目標: 定着\n1. キックオフ <!-- touch-1 -->\n| 指標 | 値 |\n|---|---|\n| 移行率 | 50% |\n**合計: 3 人**\n";
        let b = blocks(md);
        assert_eq!(b[0], Block::Heading(1, "プレイブック".into()));
        assert_eq!(b[2], Block::Heading(2, "1. オンボーディング".into()));
        assert_eq!(b[4], Block::Item { mark: "•".into(), text: "目標: 定着".into() });
        assert_eq!(b[5], Block::Item { mark: "1.".into(), text: "キックオフ".into() });
        assert_eq!(b[6], Block::Row(vec!["指標".into(), "値".into()]));
        assert_eq!(b[7], Block::Row(vec!["移行率".into(), "50%".into()]));
        assert_eq!(b[8], Block::Para { text: "合計: 3 人".into(), bold: true });
    }
}
