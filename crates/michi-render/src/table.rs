//! A derived document's tables as CSV: each table's header and rows, cells as the document reads
//! in one language, lines ending in CRLF (RFC 4180), tables one after another with an empty line
//! between. UTF-8 with a byte order
//! mark, so a spreadsheet opened on a Japanese Windows reads the Japanese text right. A cell that a
//! spreadsheet would run as a formula is written as text (`michi_core::cell::guarded`).

use michi_core::cell::guarded;
use michi_core::derive::document::{Block, Document, Section};

fn tables<'a>(sections: &'a [Section], out: &mut Vec<&'a Block>) {
    for s in sections {
        out.extend(s.blocks.iter().chain(&s.closing).filter(|b| matches!(b, Block::Table { .. })));
        tables(&s.sections, out);
    }
}

pub fn csv(doc: &Document, japanese: bool) -> String {
    let mut found: Vec<&Block> = doc.intro.iter().filter(|b| matches!(b, Block::Table { .. })).collect();
    tables(&doc.sections, &mut found);
    let mut out = String::from("\u{feff}");
    for (i, block) in found.into_iter().enumerate() {
        let Block::Table { columns, rows } = block else { continue };
        if i > 0 {
            out.push_str("\r\n");
        }
        let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
        let header: Vec<_> = columns.iter().map(|c| guarded(c.pick(japanese)).into_owned()).collect();
        // Writing to memory cannot fail.
        let _ = w.write_record(&header);
        for row in rows {
            let _ = w.write_record(row.cells.iter().map(|c| guarded(&c.plain_text(japanese)).into_owned()));
        }
        out.push_str(&String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default());
    }
    out
}
