//! Coverage of the evidence (domain.md §2): which customers were heard in which segment, against
//! the target; and for each element of the model, the quotes behind it: how many, from how many
//! distinct accounts and segments, and the newest.
//!
//! A conversation is in the segments it names (`isFor`, as the account data places the account);
//! naming none, it is in each segment whose attributes — size, industry, motivation, literacy —
//! all equal the conversation's, of those the segment sets (a segment that sets none holds
//! nothing). A quote counts for an element it `supports`; its account, date and segments are those
//! of the conversation it is `quoteOf` (a quote typed without one counts, with no account).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Serialize;

use super::shared::Ref;
use crate::element::{Conversation, ElementData, ElementKind, EvidenceSettings, Perspective, Segment};
use crate::id::ElementId;
use crate::relation::RelationKind;
use crate::text::Text;
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

/// The segments conversation `id` counts in: those it names, else those its attributes fall in.
fn placed_in<'a>(
    ws: &Workspace,
    id: &ElementId,
    c: &Conversation,
    segments: &[(&'a ElementId, &Segment)],
) -> Vec<&'a ElementId> {
    // Its own relations, usually none: not a lookup per segment.
    let named: Vec<ElementId> = ws.outgoing(id, RelationKind::IsFor).into_iter().map(|r| r.to).collect();
    if named.is_empty() {
        segments.iter().filter(|(_, s)| in_segment(c, s)).map(|(s, _)| *s).collect()
    } else {
        segments.iter().map(|(s, _)| *s).filter(|s| named.contains(s)).collect()
    }
}

/// A map keyed by an element id's address in the workspace (ids borrowed from it, each element's
/// one copy), hashed by multiplying: the address is already unique.
type PtrMap<V> = HashMap<usize, V, std::hash::BuildHasherDefault<PtrHasher>>;

fn key(id: &ElementId) -> usize {
    std::ptr::from_ref(id) as usize
}

#[derive(Default)]
struct PtrHasher(u64);

impl std::hash::Hasher for PtrHasher {
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn write_usize(&mut self, n: usize) {
        self.0 = (n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

fn account_of(c: &Conversation) -> String {
    if c.account.trim().is_empty() { c.account_name.trim().to_string() } else { c.account.trim().to_string() }
}

/// The workspace's segments with their attributes.
pub fn segments(ws: &Workspace) -> Vec<(&ElementId, &Segment)> {
    ws.elements_of_kind(ElementKind::Segment)
        .filter_map(|e| match &e.data {
            ElementData::Segment(s) => Some((&e.id, s)),
            _ => None,
        })
        .collect()
}

/// The workspace's conversations.
pub fn conversations(ws: &Workspace) -> Vec<(&ElementId, &Conversation)> {
    ws.elements_of_kind(ElementKind::Conversation)
        .filter_map(|e| match &e.data {
            ElementData::Conversation(c) => Some((&e.id, c.as_ref())),
            _ => None,
        })
        .collect()
}

pub fn coverage(ws: &Workspace) -> Coverage {
    let segments = segments(ws);
    let conversations = conversations(ws);
    // Each conversation's account and segments.
    // Keyed by where an id lives in the graph (each element's one copy): no string hashed or compared.
    // Accounts by number (`account_ix`), so the accounts behind an element are counted without
    // comparing strings.
    let mut placed: PtrMap<(Option<u32>, Vec<&ElementId>, Option<f64>)> = PtrMap::default();
    let mut account_ix: HashMap<String, u32> = HashMap::new();
    let mut names: BTreeMap<String, String> = BTreeMap::new();
    let mut cells: BTreeMap<&ElementId, (BTreeSet<String>, u32)> = BTreeMap::new();
    let mut unplaced: BTreeSet<String> = BTreeSet::new();
    let mut heard: BTreeSet<String> = BTreeSet::new();
    for (id, c) in &conversations {
        let account = account_of(c);
        let name = if c.account_name.trim().is_empty() { account.clone() } else { c.account_name.trim().to_string() };
        names.entry(account.clone()).or_insert(name.clone());
        let inside = placed_in(ws, id, c, &segments);
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
        let n = account_ix.len() as u32;
        let ix = (!account.is_empty()).then(|| *account_ix.entry(account).or_insert(n));
        placed.insert(key(id), (ix, inside, c.date));
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
    // The supports relations grouped by the element supported (sorted by its address), and each
    // quote's conversation: one pass over the relations, one buffer per figure reused.
    let mut supports: Vec<(usize, &ElementId, &ElementId)> = Vec::new();
    let mut said_in: PtrMap<&ElementId> = PtrMap::default();
    for (kind, from, to) in ws.relation_ends() {
        match kind {
            RelationKind::Supports => supports.push((key(to), to, from)),
            RelationKind::QuoteOf => {
                said_in.insert(key(from), to);
            }
            _ => {}
        }
    }
    supports.sort_unstable_by_key(|s| s.0);
    let (mut accounts, mut segs) = (Vec::<u32>::new(), Vec::<usize>::new());
    let mut dated: Vec<(Option<f64>, &ElementId)> = Vec::new();
    let mut elements: Vec<Behind> = Vec::new();
    for group in supports.chunk_by(|a, b| a.0 == b.0) {
        let element = group[0].1;
        accounts.clear();
        segs.clear();
        dated.clear();
        let mut newest = None::<f64>;
        for (_, _, q) in group {
            let p = said_in.get(&key(q)).and_then(|c| placed.get(&key(c)));
            if let Some((account, inside, date)) = p {
                accounts.extend(account);
                segs.extend(inside.iter().map(|s| key(s)));
                if let Some(d) = date {
                    newest = Some(newest.map_or(*d, |n| n.max(*d)));
                }
            }
            dated.push((p.and_then(|x| x.2), q));
        }
        dated.sort_by(|a, b| b.0.unwrap_or(f64::MIN).total_cmp(&a.0.unwrap_or(f64::MIN)).then_with(|| a.1.cmp(b.1)));
        accounts.sort_unstable();
        accounts.dedup();
        segs.sort_unstable();
        segs.dedup();
        let data = ws.data(element);
        elements.push(Behind {
            kind: data.map_or(ElementKind::Quote, ElementData::kind),
            element: Ref { id: element.clone(), name: data.map(|d| d.label().to_string()).unwrap_or_default() },
            quotes: group.len() as u32,
            accounts: accounts.len() as u32,
            segments: segs.len() as u32,
            newest,
            quote_ids: dated.iter().map(|(_, q)| (*q).clone()).collect(),
        });
    }
    // Ids are unique: an unstable sort gives one order.
    elements.sort_unstable_by(|a, b| {
        (a.kind, &a.element.name, &a.element.id).cmp(&(b.kind, &b.element.name, &b.element.id))
    });
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

/// An element a quote can support, as the link pickers list it.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Supported {
    pub id: ElementId,
    pub name: String,
    pub kind: ElementKind,
}

impl Supported {
    fn of(ws: &Workspace, id: &ElementId) -> Supported {
        let r = Ref::of(ws, id);
        Supported { id: r.id, name: r.name, kind: ws.kind_of(id).unwrap_or(ElementKind::Quote) }
    }
}

/// A quote with where it was said and what it is linked to.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct QuoteRow {
    pub id: ElementId,
    pub text: String,
    pub perspective: Option<Perspective>,
    /// The conversation it was said in, if any, with the account's name and the date.
    pub conversation: Option<ElementId>,
    pub account: String,
    pub date: Option<f64>,
    pub tags: Vec<Ref>,
    pub supports: Vec<Supported>,
}

impl QuoteRow {
    /// How a document cites it: 「…」(account, date).
    pub fn citation(&self) -> String {
        let mut by: Vec<String> = Vec::new();
        if !self.account.is_empty() {
            by.push(self.account.clone());
        }
        if let Some(d) = self.date {
            by.push(iso_date(d));
        }
        if by.is_empty() {
            format!("「{}」", self.text)
        } else {
            format!("「{}」（{}）", self.text, by.join(", "))
        }
    }
}

/// A conversation in the log.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ConversationRow {
    pub id: ElementId,
    pub date: Option<f64>,
    pub account: String,
    pub account_name: String,
    pub interviewer: String,
    /// The segments it counts in.
    pub segments: Vec<Ref>,
    pub quotes: u32,
}

/// A tag in the tag tree (parents before their children).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct TagRow {
    pub id: ElementId,
    pub name: String,
    pub parent: Option<ElementId>,
    /// `parent/child`.
    pub path: String,
    pub depth: u32,
    pub quotes: u32,
}

/// The evidence log: conversations newest first, the tag tree, and the quotes said in no
/// conversation.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Log {
    pub conversations: Vec<ConversationRow>,
    pub tags: Vec<TagRow>,
    pub loose: Vec<QuoteRow>,
}

/// One conversation as its editor shows it.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ConversationPage {
    pub id: ElementId,
    pub conversation: Conversation,
    /// The segments it names (`isFor`); empty when it is placed by its attributes.
    pub named_segments: Vec<ElementId>,
    pub quotes: Vec<QuoteRow>,
}

fn conversation_of<'a>(ws: &'a Workspace, id: &ElementId) -> Option<&'a Conversation> {
    match ws.data(id) {
        Some(ElementData::Conversation(c)) => Some(c.as_ref()),
        _ => None,
    }
}

fn display_account(c: &Conversation) -> String {
    if c.account_name.trim().is_empty() { c.account.trim().to_string() } else { c.account_name.trim().to_string() }
}

pub fn quote_row(ws: &Workspace, id: &ElementId) -> Option<QuoteRow> {
    let ElementData::Quote(q) = ws.data(id)? else { return None };
    let conversation = ws.container(id, RelationKind::QuoteOf);
    let c = conversation.as_ref().and_then(|c| conversation_of(ws, c));
    let mut tags: Vec<Ref> = ws.outgoing(id, RelationKind::TaggedWith).iter().map(|r| Ref::of(ws, &r.to)).collect();
    tags.sort_by(|a, b| a.name.cmp(&b.name));
    let supports = ws.outgoing(id, RelationKind::Supports).iter().map(|r| Supported::of(ws, &r.to)).collect();
    Some(QuoteRow {
        id: id.clone(),
        text: q.text.clone(),
        perspective: q.perspective,
        account: c.map(display_account).unwrap_or_default(),
        date: c.and_then(|c| c.date),
        conversation,
        tags,
        supports,
    })
}

fn newest_first(rows: &mut [QuoteRow]) {
    rows.sort_by(|a, b| {
        b.date.unwrap_or(f64::MIN).total_cmp(&a.date.unwrap_or(f64::MIN)).then_with(|| a.id.cmp(&b.id))
    });
}

/// The quotes supporting `element`, newest first: what a play, a stumbling point, a gap item or a
/// health explanation cites.
pub fn quotes_behind(ws: &Workspace, element: &ElementId) -> Vec<QuoteRow> {
    let mut rows: Vec<QuoteRow> =
        ws.incoming(element, RelationKind::Supports).iter().filter_map(|r| quote_row(ws, &r.from)).collect();
    newest_first(&mut rows);
    rows
}

/// The quotes supporting any of `ids`, each once, newest first.
pub fn quotes_behind_any<'a>(ws: &Workspace, ids: impl IntoIterator<Item = &'a ElementId>) -> Vec<QuoteRow> {
    let mut seen: BTreeSet<ElementId> = BTreeSet::new();
    let mut rows: Vec<QuoteRow> = Vec::new();
    for id in ids {
        for r in ws.incoming(id, RelationKind::Supports) {
            if seen.insert(r.from.clone())
                && let Some(q) = quote_row(ws, &r.from)
            {
                rows.push(q);
            }
        }
    }
    newest_first(&mut rows);
    rows
}

/// The quotes from conversations with each account, by the account's id and by its name (a
/// conversation keyed under both when it gives both), newest first.
pub fn quotes_by_account(ws: &Workspace) -> HashMap<String, Vec<QuoteRow>> {
    let mut by: HashMap<String, Vec<QuoteRow>> = HashMap::new();
    for e in ws.elements_of_kind(ElementKind::Conversation) {
        let ElementData::Conversation(c) = &e.data else { continue };
        let rows: Vec<QuoteRow> =
            ws.incoming(&e.id, RelationKind::QuoteOf).iter().filter_map(|r| quote_row(ws, &r.from)).collect();
        let mut keys = vec![c.account.trim(), c.account_name.trim()];
        keys.dedup();
        for k in keys.into_iter().filter(|k| !k.is_empty()) {
            by.entry(k.to_string()).or_default().extend(rows.iter().cloned());
        }
    }
    for rows in by.values_mut() {
        newest_first(rows);
    }
    by
}

/// The quotes from conversations with the account of id `account` or named `name`, each once,
/// newest first: what an account's health page cites.
pub fn quotes_of_account(by: &HashMap<String, Vec<QuoteRow>>, account: &str, name: &str) -> Vec<QuoteRow> {
    let mut rows: Vec<QuoteRow> = by.get(account).into_iter().flatten().cloned().collect();
    if name != account {
        for q in by.get(name).into_iter().flatten() {
            if !rows.iter().any(|r| r.id == q.id) {
                rows.push(q.clone());
            }
        }
    }
    newest_first(&mut rows);
    rows
}

/// "and N more", past the first `limit` of `n`.
fn more(n: usize, limit: usize) -> Option<Text> {
    let more = n.checked_sub(limit).filter(|m| *m > 0)?;
    Some(Text::new(format!("ほか {more} 件"), format!("and {more} more")))
}

/// `quotes` as a list, a line per quote (「…」（account, date）), the first `limit` of them and how
/// many more; `None` when there are none.
pub fn citation_list(quotes: &[QuoteRow], limit: usize) -> Option<super::document::Block> {
    use super::document::{Block, DocRole, Line};
    if quotes.is_empty() {
        return None;
    }
    let mut items: Vec<Line> =
        quotes.iter().take(limit).map(|q| Line::words(&q.citation()).with_role(DocRole::Citation)).collect();
    items.extend(more(quotes.len(), limit).map(Line::text));
    Some(Block::List { ordered: false, items })
}

/// How a document cites `quotes` under what they support: a label, then [`citation_list`];
/// nothing when there are none.
pub fn citation_blocks(quotes: &[QuoteRow], limit: usize) -> Vec<super::document::Block> {
    use super::document::{Block, Line};
    match citation_list(quotes, limit) {
        Some(list) => vec![Block::muted(Line::text(Text::new("顧客の声", "Customer voices"))), list],
        None => Vec::new(),
    }
}

/// `quotes` in one table cell: the first `limit` citations and how many more.
pub fn citation_cell(quotes: &[QuoteRow], limit: usize) -> super::document::Line {
    use super::document::Line;
    let mut ja: Vec<String> = quotes.iter().take(limit).map(QuoteRow::citation).collect();
    let mut en = ja.clone();
    if let Some(m) = more(quotes.len(), limit) {
        ja.push(m.ja);
        en.push(m.en);
    }
    Line::text(Text::new(ja.join(" "), en.join(" ")))
}

/// Every element a quote can support, by kind then name.
pub fn linkable(ws: &Workspace) -> Vec<Supported> {
    let kinds = RelationKind::Supports.schema().to;
    let mut out: Vec<Supported> = ws
        .elements()
        .filter(|e| kinds.contains(&e.data.kind()) && !e.data.label().trim().is_empty())
        .map(|e| Supported { id: e.id.clone(), name: e.data.label().to_string(), kind: e.data.kind() })
        .collect();
    out.sort_by(|a, b| (a.kind, &a.name, &a.id).cmp(&(b.kind, &b.name, &b.id)));
    out
}

/// The tags under each tag (`None`: at the top), each list by name: (name, id).
pub fn tag_children(ws: &Workspace) -> BTreeMap<Option<ElementId>, Vec<(String, ElementId)>> {
    let mut children: BTreeMap<Option<ElementId>, Vec<(String, ElementId)>> = BTreeMap::new();
    for t in ws.elements_of_kind(ElementKind::Tag) {
        let parent = ws.container(&t.id, RelationKind::TagIn);
        children.entry(parent).or_default().push((t.data.label().to_string(), t.id.clone()));
    }
    for list in children.values_mut() {
        list.sort();
    }
    children
}

pub fn log(ws: &Workspace) -> Log {
    let segments = segments(ws);
    let mut conversations: Vec<ConversationRow> = conversations(ws)
        .into_iter()
        .map(|(id, c)| ConversationRow {
            id: id.clone(),
            date: c.date,
            account: c.account.clone(),
            account_name: display_account(c),
            interviewer: c.interviewer.clone(),
            segments: placed_in(ws, id, c, &segments).into_iter().map(|s| Ref::of(ws, s)).collect(),
            quotes: ws.incoming(id, RelationKind::QuoteOf).len() as u32,
        })
        .collect();
    conversations.sort_by(|a, b| {
        b.date.unwrap_or(f64::MIN).total_cmp(&a.date.unwrap_or(f64::MIN)).then_with(|| a.id.cmp(&b.id))
    });

    // The tag tree, depth first, siblings by name.
    let children = tag_children(ws);
    let mut tags = Vec::new();
    fn walk(
        ws: &Workspace,
        children: &BTreeMap<Option<ElementId>, Vec<(String, ElementId)>>,
        parent: Option<ElementId>,
        prefix: &str,
        depth: u32,
        out: &mut Vec<TagRow>,
    ) {
        let Some(list) = children.get(&parent) else { return };
        for (name, id) in list {
            let path = if prefix.is_empty() { name.clone() } else { format!("{prefix}/{name}") };
            out.push(TagRow {
                id: id.clone(),
                name: name.clone(),
                parent: parent.clone(),
                path: path.clone(),
                depth,
                quotes: ws.incoming(id, RelationKind::TaggedWith).len() as u32,
            });
            walk(ws, children, Some(id.clone()), &path, depth + 1, out);
        }
    }
    walk(ws, &children, None, "", 0, &mut tags);

    let mut loose: Vec<QuoteRow> = ws
        .elements_of_kind(ElementKind::Quote)
        .filter(|q| ws.container(&q.id, RelationKind::QuoteOf).is_none())
        .filter_map(|q| quote_row(ws, &q.id))
        .collect();
    newest_first(&mut loose);
    Log { conversations, tags, loose }
}

pub fn conversation_page(ws: &Workspace, id: &ElementId) -> Option<ConversationPage> {
    let c = conversation_of(ws, id)?;
    let named_segments = ws
        .outgoing(id, RelationKind::IsFor)
        .into_iter()
        .filter(|r| ws.kind_of(&r.to) == Some(ElementKind::Segment))
        .map(|r| r.to)
        .collect();
    // The quotes in the notes' order: by perspective, then where the words are in its note (typed
    // ones, not found there, after).
    let mut quotes: Vec<QuoteRow> =
        ws.incoming(id, RelationKind::QuoteOf).iter().filter_map(|r| quote_row(ws, &r.from)).collect();
    let at = |q: &QuoteRow| {
        let note = q.perspective.map_or("", |p| c.notes.get(p));
        (q.perspective.map_or(5, |p| p as u8), note.find(q.text.as_str()).unwrap_or(usize::MAX))
    };
    quotes.sort_by(|a, b| at(a).cmp(&at(b)).then_with(|| a.id.cmp(&b.id)));
    Some(ConversationPage { id: id.clone(), conversation: c.clone(), named_segments, quotes })
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

/// `YYYY-MM-DD` as seconds since 1970 (UTC, the day's start); the inverse of [`iso_date`].
pub fn parse_iso_date(s: &str) -> Option<f64> {
    let mut parts = s.trim().splitn(3, '-');
    let y: i64 = parts.next()?.parse().ok()?;
    let m: i64 = parts.next()?.parse().ok()?;
    let d: i64 = parts.next()?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let out = days as f64 * 86_400.0;
    (iso_date(out) == s.trim()).then_some(out)
}

/// Coverage as a document: the customers heard against the target, the segment cells, and what is
/// behind each element (each row traced to its element).
pub fn document(c: &Coverage) -> super::document::Document {
    use super::document::{Block, Document, Line, Row, Section};
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

/// The coverage document with, for each element, the quotes behind it cited.
pub fn document_with_quotes(ws: &Workspace, c: &Coverage) -> super::document::Document {
    use super::document::{Line, Section};
    let mut doc = document(c);
    let mut quotes = Section::new(Line::text(Text::new("要素ごとの顧客の声", "Customer voices behind each element")));
    for b in &c.elements {
        let mut s = Section::new(Line::words(&b.element.name).traced([b.element.id.clone()]));
        let rows: Vec<QuoteRow> = b.quote_ids.iter().filter_map(|q| quote_row(ws, q)).collect();
        s.blocks.extend(citation_list(&rows, usize::MAX));
        quotes.sections.push(s);
    }
    if !quotes.sections.is_empty() {
        doc.sections.push(quotes);
    }
    doc
}
