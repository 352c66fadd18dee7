//! A derived document as one self-contained HTML file (its style inside, no script), to hand over
//! or print. Every text from the model is escaped; each traced line carries the ids of the elements
//! it comes from in a `data-source` attribute.

use std::fmt::Write;

use michi_core::ElementId;
use michi_core::derive::document::{Block, Document, Line, Section, SpanKind, Style, TreeNode};

use crate::escape::esc;

const STYLE: &str = "body{font-family:'Noto Sans CJK JP','Hiragino Sans','Yu Gothic',sans-serif;max-width:860px;margin:32px auto;padding:0 24px;line-height:1.6;color:#1d2433}\
h1{font-size:22px}h2{font-size:17px;border-bottom:1px solid #d9dde5;padding-bottom:4px;margin-top:28px}h3{font-size:14px;margin:16px 0 4px}h4{font-size:13px;margin:12px 0 4px}\
dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;font-size:14px}dt{color:#677385}dd{margin:0}\
table{border-collapse:collapse;width:100%;font-size:14px}th,td{text-align:left;border-bottom:1px solid #e3e6ec;padding:4px 8px}\
.chip{font-size:12px;border:1px solid #d9dde5;border-radius:9px;padding:0 7px;margin-left:6px}.suggested{color:#8a5a00}.muted{color:#677385}.missing{color:#8a93a3;font-style:italic}";

fn source(trace: &[ElementId]) -> String {
    if trace.is_empty() {
        return String::new();
    }
    let ids: Vec<&str> = trace.iter().map(ElementId::as_str).collect();
    format!(" data-source=\"{}\"", esc(&ids.join(" ")))
}

/// A line's spans as HTML.
fn spans(line: &Line, japanese: bool) -> String {
    let mut out = String::new();
    for s in &line.spans {
        let t = esc(s.text.pick(japanese));
        let _ = match s.kind {
            SpanKind::Plain => write!(out, "{t}"),
            SpanKind::Muted => write!(out, "<span class=\"muted\">{t}</span>"),
            SpanKind::Missing => write!(out, "<span class=\"missing\">{t}</span>"),
            SpanKind::Chip | SpanKind::Segment => write!(out, "<span class=\"chip\">{t}</span>"),
            SpanKind::Suggested => write!(out, "<span class=\"chip suggested\">{t}</span>"),
        };
    }
    out
}

fn tree(b: &mut String, node: &TreeNode, japanese: bool) {
    let _ = write!(b, "<li{}>{}", source(&node.line.trace), spans(&node.line, japanese));
    if !node.children.is_empty() {
        b.push_str("<ul>\n");
        for c in &node.children {
            tree(b, c, japanese);
        }
        b.push_str("</ul>");
    }
    b.push_str("</li>\n");
}

fn block(b: &mut String, block: &Block, japanese: bool) {
    match block {
        Block::Paragraph { line, style } => {
            let (class, open, close) = match style {
                Style::Normal => ("", "", ""),
                Style::Muted => (" class=\"muted\"", "", ""),
                Style::Strong => ("", "<strong>", "</strong>"),
            };
            let _ = writeln!(b, "<p{class}{}>{open}{}{close}</p>", source(&line.trace), spans(line, japanese));
        }
        Block::Facts { facts } => {
            b.push_str("<dl>\n");
            for f in facts {
                let _ = writeln!(
                    b,
                    "<dt>{}</dt><dd{}>{}</dd>",
                    esc(f.label.pick(japanese)),
                    source(&f.value.trace),
                    spans(&f.value, japanese)
                );
            }
            b.push_str("</dl>\n");
        }
        Block::List { ordered, items } => {
            let tag = if *ordered { "ol" } else { "ul" };
            let _ = writeln!(b, "<{tag}>");
            for item in items {
                let class =
                    if item.spans.iter().any(|s| s.kind == SpanKind::Suggested) { " class=\"suggested\"" } else { "" };
                let _ = writeln!(b, "<li{class}{}>{}</li>", source(&item.trace), spans(item, japanese));
            }
            let _ = writeln!(b, "</{tag}>");
        }
        Block::Table { columns, rows } => {
            b.push_str("<table><tr>");
            for c in columns {
                let _ = write!(b, "<th>{}</th>", esc(c.pick(japanese)));
            }
            b.push_str("</tr>\n");
            for row in rows {
                let _ = write!(b, "<tr{}>", source(&row.trace));
                for c in &row.cells {
                    let _ = write!(b, "<td>{}</td>", spans(c, japanese));
                }
                b.push_str("</tr>\n");
            }
            b.push_str("</table>\n");
        }
        Block::Tree { root } => {
            b.push_str("<ul>\n");
            tree(b, root, japanese);
            b.push_str("</ul>\n");
        }
    }
}

fn section(b: &mut String, s: &Section, depth: usize, japanese: bool) {
    let h = (depth + 1).min(6);
    let _ = writeln!(b, "<h{h}{}>{}</h{h}>", source(&s.heading.trace), spans(&s.heading, japanese));
    for bl in &s.blocks {
        block(b, bl, japanese);
    }
    for c in &s.sections {
        section(b, c, depth + 1, japanese);
    }
    for bl in &s.closing {
        block(b, bl, japanese);
    }
}

/// The document as a self-contained HTML page in `ja` or `en`.
/// What an exported page may load or run: its own inline style and inline images, nothing else (no
/// script from anywhere, no fetch, no form, no base URL), so that text from a model that slipped past
/// escaping still could not run or call out.
pub const CSP: &str =
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

pub fn html(doc: &Document, japanese: bool) -> String {
    let lang = if japanese { "ja" } else { "en" };
    let title = doc.title.plain_text(japanese);
    let mut body = format!("<h1{}>{}</h1>\n", source(&doc.title.trace), spans(&doc.title, japanese));
    for bl in &doc.intro {
        block(&mut body, bl, japanese);
    }
    for s in &doc.sections {
        section(&mut body, s, 1, japanese);
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        esc(&title)
    )
}
