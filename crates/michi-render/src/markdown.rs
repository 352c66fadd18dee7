//! A derived document as Markdown in one language. Headings, facts (`- label: value`), lists,
//! tables and the KPI tree as nested items; tags after a line in brackets. Each traced line ends
//! with the ids of the elements it comes from in an HTML comment (`<!-- stage-… -->`), for tools;
//! readers and the PDF do not see them.

use std::fmt::Write;

use michi_core::ElementId;
use michi_core::derive::document::{Block, Document, Line, Section, Style, TreeNode};

fn ids(trace: &[ElementId]) -> String {
    if trace.is_empty() {
        return String::new();
    }
    let ids: Vec<&str> = trace.iter().map(ElementId::as_str).collect();
    format!(" <!-- {} -->", ids.join(" "))
}

/// A line's text on one Markdown line.
fn text(line: &Line, japanese: bool) -> String {
    line.plain_text(japanese).replace(['\r', '\n'], " ")
}

fn traced(line: &Line, japanese: bool) -> String {
    format!("{}{}", text(line, japanese), ids(&line.trace))
}

fn cell(line: &Line, japanese: bool) -> String {
    traced(line, japanese).replace('|', "\\|")
}

fn tree(md: &mut String, node: &TreeNode, depth: usize, japanese: bool) {
    let _ = writeln!(md, "{}- {}", "  ".repeat(depth), traced(&node.line, japanese));
    for child in &node.children {
        tree(md, child, depth + 1, japanese);
    }
}

fn block(md: &mut String, b: &Block, japanese: bool) {
    match b {
        Block::Paragraph { line, style: Style::Strong } => {
            let _ = writeln!(md, "**{}**{}\n", text(line, japanese), ids(&line.trace));
        }
        Block::Paragraph { line, .. } => {
            let _ = writeln!(md, "{}\n", traced(line, japanese));
        }
        Block::Facts { facts } => {
            for f in facts {
                let _ = writeln!(md, "- {}: {}", f.label.pick(japanese), traced(&f.value, japanese));
            }
            md.push('\n');
        }
        Block::List { ordered, items } => {
            for (i, item) in items.iter().enumerate() {
                let mark = if *ordered { format!("{}.", i + 1) } else { "-".to_string() };
                let _ = writeln!(md, "{mark} {}", traced(item, japanese));
            }
            md.push('\n');
        }
        Block::Table { columns, rows } => {
            let head: Vec<&str> = columns.iter().map(|c| c.pick(japanese)).collect();
            let _ = writeln!(md, "| {} |", head.join(" | "));
            let _ = writeln!(md, "|{}", "---|".repeat(columns.len()));
            for row in rows {
                let mut cells: Vec<String> = row.cells.iter().map(|c| cell(c, japanese)).collect();
                // The row's sources, unless its first cell names them already.
                if let Some(first) = cells.first_mut()
                    && row.cells.first().is_some_and(|c| c.trace.is_empty())
                {
                    first.push_str(&ids(&row.trace));
                }
                let _ = writeln!(md, "| {} |", cells.join(" | "));
            }
            md.push('\n');
        }
        Block::Tree { root } => {
            tree(md, root, 0, japanese);
            md.push('\n');
        }
    }
}

fn section(md: &mut String, s: &Section, depth: usize, japanese: bool) {
    let _ = writeln!(md, "{} {}\n", "#".repeat(depth + 1), traced(&s.heading, japanese));
    for b in &s.blocks {
        block(md, b, japanese);
    }
    for child in &s.sections {
        section(md, child, depth + 1, japanese);
    }
    for b in &s.closing {
        block(md, b, japanese);
    }
}

/// The document as Markdown in `ja` or `en`.
pub fn markdown(doc: &Document, japanese: bool) -> String {
    let mut md = String::new();
    let _ = writeln!(md, "# {}\n", traced(&doc.title, japanese));
    for b in &doc.intro {
        block(&mut md, b, japanese);
    }
    for s in &doc.sections {
        section(&mut md, s, 1, japanese);
    }
    md
}
