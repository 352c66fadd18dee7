//! Coverage of the evidence (domain.md §2): which customers were heard in which segment, against
//! the target; and for each element of the model, the quotes behind it: how many, from how many
//! distinct accounts and segments, and the newest.
//!
//! A conversation is in a segment (a cell) when the segment's attributes it sets — size,
//! industry, motivation, literacy — all equal the conversation's; a segment that sets none holds
//! nothing. A quote counts for an element it `supports`; its account, date and segments are those
//! of the conversation it is `quoteOf` (a quote typed without one counts, with no account).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Serialize;

use super::shared::Ref;
use crate::element::{Conversation, ElementData, ElementKind, EvidenceSettings, Segment};
use crate::id::ElementId;
use crate::relation::RelationKind;
use crate::workspace::Workspace;

/// One segment cell: who was heard there.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Cell {
    pub segment: Ref,
    /// Distinct accounts heard (their names, else their ids), in name order.
    pub accounts: Vec<String>,
    pub conversations: u32,
}

/// The evidence behind one element.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Behind {
    pub element: Ref,
    pub kind: ElementKind,
    pub quotes: u32,
    pub accounts: u32,
    pub segments: u32,
    /// The newest conversation's date (seconds since 1970), if any has one.
    pub newest: Option<f64>,
    /// The quotes, newest first.
    pub quote_ids: Vec<ElementId>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Coverage {
    pub settings: EvidenceSettings,
    pub conversations: u32,
    /// Distinct accounts heard, overall (against `settings.target`).
    pub accounts_heard: u32,
    /// The workspace's segments, in name order.
    pub cells: Vec<Cell>,
    /// Accounts whose conversations fall in no segment.
    pub unplaced: Vec<String>,
    /// Every element with a quote behind it, by kind then name.
    pub elements: Vec<Behind>,
    /// The newest conversation's date: "now" for the age of evidence (the core has no clock).
    pub latest: Option<f64>,
}

/// Whether `c` falls in segment `s`.
pub fn in_segment(c: &Conversation, s: &Segment) -> bool {
    let set = s.size.is_some() || !s.industry.trim().is_empty() || s.motivation.is_some() || s.literacy.is_some();
    set && s.size.is_none_or(|x| c.size == Some(x))
        && (s.industry.trim().is_empty() || s.industry.trim() == c.industry.trim())
        && s.motivation.is_none_or(|x| c.motivation == Some(x))
        && s.literacy.is_none_or(|x| c.literacy == Some(x))
}

/// The workspace's evidence settings, or the defaults.
pub fn settings(ws: &Workspace) -> EvidenceSettings {
    ws.elements_of_kind(ElementKind::EvidenceSettings)
        .find_map(|e| match &e.data {
            ElementData::EvidenceSettings(s) => Some(s.clone()),
            _ => None,
        })
        .unwrap_or_default()
}

fn account_of(c: &Conversation) -> String {
    if c.account.trim().is_empty() { c.account_name.trim().to_string() } else { c.account.trim().to_string() }
}

pub fn coverage(ws: &Workspace) -> Coverage {
    let segments: Vec<(&ElementId, &Segment)> = ws
        .elements_of_kind(ElementKind::Segment)
        .filter_map(|e| match &e.data {
            ElementData::Segment(s) => Some((&e.id, s)),
            _ => None,
        })
        .collect();
    let conversations: Vec<(&ElementId, &Conversation)> = ws
        .elements_of_kind(ElementKind::Conversation)
        .filter_map(|e| match &e.data {
            ElementData::Conversation(c) => Some((&e.id, c.as_ref())),
            _ => None,
        })
        .collect();
    // Each conversation's account and segments.
    let mut placed: HashMap<&ElementId, (String, Vec<&ElementId>, Option<f64>)> = HashMap::new();
    let mut names: BTreeMap<String, String> = BTreeMap::new();
    let mut cells: BTreeMap<&ElementId, (BTreeSet<String>, u32)> = BTreeMap::new();
    let mut unplaced: BTreeSet<String> = BTreeSet::new();
    let mut heard: BTreeSet<String> = BTreeSet::new();
    for (id, c) in &conversations {
        let account = account_of(c);
        let name = if c.account_name.trim().is_empty() { account.clone() } else { c.account_name.trim().to_string() };
        names.entry(account.clone()).or_insert(name.clone());
        let inside: Vec<&ElementId> = segments.iter().filter(|(_, s)| in_segment(c, s)).map(|(s, _)| *s).collect();
        if !account.is_empty() {
            heard.insert(account.clone());
            if inside.is_empty() {
                unplaced.insert(name.clone());
            }
        }
        for s in &inside {
            let cell = cells.entry(s).or_default();
            cell.1 += 1;
            if !account.is_empty() {
                cell.0.insert(name.clone());
            }
        }
        placed.insert(id, (account, inside, c.date));
    }

    let mut cells: Vec<Cell> = segments
        .iter()
        .map(|(id, _)| {
            let (accounts, n) = cells.remove(id).unwrap_or_default();
            Cell { segment: Ref::of(ws, id), accounts: accounts.into_iter().collect(), conversations: n }
        })
        .collect();
    cells.sort_by(|a, b| a.segment.name.cmp(&b.segment.name).then_with(|| a.segment.id.cmp(&b.segment.id)));

    // The quotes behind each element, and each quote's conversation: one pass over the relations.
    let mut behind: HashMap<&ElementId, Vec<&ElementId>> = HashMap::new();
    let mut said_in: HashMap<&ElementId, &ElementId> = HashMap::new();
    for (kind, from, to) in ws.relation_ends() {
        match kind {
            RelationKind::Supports => behind.entry(to).or_default().push(from),
            RelationKind::QuoteOf => {
                said_in.insert(from, to);
            }
            _ => {}
        }
    }
    let mut elements: Vec<Behind> = behind
        .into_iter()
        .map(|(element, quotes)| {
            let (mut accounts, mut segs, mut newest) = (Vec::<&str>::new(), Vec::<&ElementId>::new(), None::<f64>);
            let mut dated: Vec<(Option<f64>, &ElementId)> = Vec::with_capacity(quotes.len());
            for q in &quotes {
                let p = said_in.get(q).and_then(|c| placed.get(c));
                if let Some((account, inside, date)) = p {
                    if !account.is_empty() {
                        accounts.push(account.as_str());
                    }
                    segs.extend(inside.iter().copied());
                    if let Some(d) = date {
                        newest = Some(newest.map_or(*d, |n| n.max(*d)));
                    }
                }
                dated.push((p.and_then(|x| x.2), q));
            }
            dated
                .sort_by(|a, b| b.0.unwrap_or(f64::MIN).total_cmp(&a.0.unwrap_or(f64::MIN)).then_with(|| a.1.cmp(b.1)));
            accounts.sort_unstable();
            accounts.dedup();
            segs.sort_unstable();
            segs.dedup();
            Behind {
                kind: ws.kind_of(element).unwrap_or(ElementKind::Quote),
                element: Ref::of(ws, element),
                quotes: quotes.len() as u32,
                accounts: accounts.len() as u32,
                segments: segs.len() as u32,
                newest,
                quote_ids: dated.into_iter().map(|(_, q)| q.clone()).collect(),
            }
        })
        .collect();
    elements.sort_by(|a, b| (a.kind, &a.element.name, &a.element.id).cmp(&(b.kind, &b.element.name, &b.element.id)));
    let latest = conversations
        .iter()
        .filter_map(|(_, c)| c.date)
        .fold(None, |m: Option<f64>, d| Some(m.map_or(d, |m| m.max(d))));
    Coverage {
        settings: settings(ws),
        conversations: conversations.len() as u32,
        accounts_heard: heard.len() as u32,
        cells,
        unplaced: unplaced.into_iter().collect(),
        elements,
        latest,
    }
}

/// A date (seconds since 1970, UTC) as `YYYY-MM-DD` (the proleptic Gregorian calendar).
pub fn iso_date(seconds: f64) -> String {
    let days = (seconds / 86_400.0).floor() as i64;
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Coverage as a document: the customers heard against the target, the segment cells, and what is
/// behind each element (each row traced to its element).
pub fn document(c: &Coverage) -> super::document::Document {
    use super::document::{Block, Document, Line, Row, Section};
    use crate::text::Text;
    let mut doc = Document::new(Line::text(Text::new("エビデンスの網羅", "Evidence coverage")));
    doc.intro.push(Block::paragraph(Line::text(Text::new(
        format!("会話 {} 件、聞いた顧客 {} 社（目標 {} 社）", c.conversations, c.accounts_heard, c.settings.target),
        format!(
            "{} conversations, {} customers heard (target {})",
            c.conversations, c.accounts_heard, c.settings.target
        ),
    ))));
    let mut cells = Section::new(Line::text(Text::new("セグメント", "Segments")));
    cells.blocks.push(Block::Table {
        columns: vec![
            Text::new("セグメント", "Segment"),
            Text::new("会話", "Conversations"),
            Text::new("顧客", "Customers"),
        ],
        rows: c
            .cells
            .iter()
            .map(|cell| Row {
                cells: vec![
                    Line::words(&cell.segment.name),
                    Line::words(&cell.conversations.to_string()),
                    Line::words(&cell.accounts.join(", ")),
                ],
                trace: vec![cell.segment.id.clone()],
                role: None,
            })
            .collect(),
    });
    if !c.unplaced.is_empty() {
        cells.blocks.push(Block::muted(Line::text(Text::new(
            format!("どのセグメントにも入らない顧客: {}", c.unplaced.join(", ")),
            format!("Customers in no segment: {}", c.unplaced.join(", ")),
        ))));
    }
    doc.sections.push(cells);
    let mut behind = Section::new(Line::text(Text::new("要素ごとの裏付け", "Evidence behind each element")));
    behind.blocks.push(Block::Table {
        columns: vec![
            Text::new("種類", "Kind"),
            Text::new("要素", "Element"),
            Text::new("引用", "Quotes"),
            Text::new("顧客", "Customers"),
            Text::new("セグメント", "Segments"),
            Text::new("最新", "Newest"),
        ],
        rows: c
            .elements
            .iter()
            .map(|b| Row {
                cells: vec![
                    Line::text(b.kind.name()),
                    Line::words(&b.element.name),
                    Line::words(&b.quotes.to_string()),
                    Line::words(&b.accounts.to_string()),
                    Line::words(&b.segments.to_string()),
                    Line::words(&b.newest.map(iso_date).unwrap_or_default()),
                ],
                trace: vec![b.element.id.clone()],
                role: None,
            })
            .collect(),
    });
    doc.sections.push(behind);
    doc
}
