//! Evidence edits: tags merged (one undoable step: the quotes and sub-tags of one move to the
//! other, which keeps its name, and the first goes).

use std::collections::HashMap;

use super::intent::{ConversationImport, EditError, QuoteImport};
use super::shared::{New, expect_kind, relate};
use crate::element::ElementKind;
use crate::element::{Conversation, ElementData, Quote, Tag};
use crate::id::ElementId;
use crate::op::Op;
use crate::relation::{RelationKey, RelationKind};
use crate::workspace::Workspace;

pub(super) fn merge_tags(ws: &Workspace, from: ElementId, into: ElementId) -> Result<Vec<Op>, EditError> {
    expect_kind(ws, &from, ElementKind::Tag)?;
    expect_kind(ws, &into, ElementKind::Tag)?;
    if from == into {
        return Ok(Vec::new());
    }
    let mut ops = Vec::new();
    for r in ws.incoming(&from, RelationKind::TaggedWith) {
        let key = RelationKey { kind: RelationKind::TaggedWith, from: r.from.clone(), to: into.clone() };
        if ws.relation(&key).is_none() {
            ops.push(relate(RelationKind::TaggedWith, &r.from, &into));
        }
    }
    for r in ws.incoming(&from, RelationKind::TagIn) {
        ops.push(Op::Unrelate { key: r.key() });
        if r.from != into {
            ops.push(relate(RelationKind::TagIn, &r.from, &into));
        }
    }
    // `into` was under `from` (unlinked above): it takes `from`'s place.
    if ws.container(&into, RelationKind::TagIn).as_ref() == Some(&from)
        && let Some(parent) = ws.container(&from, RelationKind::TagIn)
    {
        ops.push(relate(RelationKind::TagIn, &into, &parent));
    }
    ops.push(Op::RemoveElement { id: from });
    Ok(ops)
}

pub(super) fn add_quote(
    ws: &Workspace,
    new: &mut New,
    conversation: Option<ElementId>,
    quote: Quote,
    tags: Vec<ElementId>,
    supports: Vec<ElementId>,
) -> Result<Vec<Op>, EditError> {
    if let Some(c) = &conversation {
        expect_kind(ws, c, ElementKind::Conversation)?;
    }
    for t in &tags {
        expect_kind(ws, t, ElementKind::Tag)?;
    }
    let e = new.element(ElementData::Quote(quote));
    let id = e.id.clone();
    let mut ops = vec![Op::AddElement { element: e }];
    ops.extend(conversation.iter().map(|c| relate(RelationKind::QuoteOf, &id, c)));
    ops.extend(each_once(&tags).map(|t| relate(RelationKind::TaggedWith, &id, t)));
    ops.extend(each_once(&supports).map(|s| relate(RelationKind::Supports, &id, s)));
    Ok(ops)
}

/// `ids` in order, each the first time only (a relation is made once).
fn each_once(ids: &[ElementId]) -> impl Iterator<Item = &ElementId> {
    ids.iter().enumerate().filter(|(i, id)| !ids[..*i].contains(id)).map(|(_, id)| id)
}

pub(super) fn add_tag(
    ws: &Workspace,
    new: &mut New,
    name: String,
    parent: Option<ElementId>,
    quotes: Vec<ElementId>,
) -> Result<Vec<Op>, EditError> {
    if let Some(p) = &parent {
        expect_kind(ws, p, ElementKind::Tag)?;
    }
    for q in &quotes {
        expect_kind(ws, q, ElementKind::Quote)?;
    }
    let e = new.element(ElementData::Tag(Tag { name }));
    let id = e.id.clone();
    let mut ops = vec![Op::AddElement { element: e }];
    ops.extend(parent.iter().map(|p| relate(RelationKind::TagIn, &id, p)));
    ops.extend(each_once(&quotes).map(|q| relate(RelationKind::TaggedWith, q, &id)));
    Ok(ops)
}

/// Tags by path, found among the workspace's or made (their operations pushed).
struct Tags {
    known: HashMap<(Option<ElementId>, String), ElementId>,
}

impl Tags {
    fn of(ws: &Workspace) -> Tags {
        let mut known = HashMap::new();
        for t in ws.elements_of_kind(ElementKind::Tag) {
            known.insert((ws.container(&t.id, RelationKind::TagIn), t.data.label().to_string()), t.id.clone());
        }
        Tags { known }
    }

    /// The tag at `path` (`定着/朝礼`), made with its parents where missing; `None` for an empty path.
    fn at(&mut self, new: &mut New, ops: &mut Vec<Op>, path: &str) -> Option<ElementId> {
        let mut parent: Option<ElementId> = None;
        for name in path.split('/').map(str::trim).filter(|n| !n.is_empty()) {
            let id = match self.known.get(&(parent.clone(), name.to_string())) {
                Some(id) => id.clone(),
                None => {
                    let e = new.element(ElementData::Tag(Tag { name: name.to_string() }));
                    let id = e.id.clone();
                    ops.push(Op::AddElement { element: e });
                    if let Some(p) = &parent {
                        ops.push(relate(RelationKind::TagIn, &id, p));
                    }
                    self.known.insert((parent.clone(), name.to_string()), id.clone());
                    id
                }
            };
            parent = Some(id);
        }
        parent
    }

    /// Tags `quote` with each of `paths` once.
    fn tag(&mut self, new: &mut New, ops: &mut Vec<Op>, quote: &ElementId, paths: &[String]) {
        let mut linked: Vec<ElementId> = Vec::new();
        for path in paths {
            if let Some(leaf) = self.at(new, ops, path)
                && !linked.contains(&leaf)
            {
                ops.push(relate(RelationKind::TaggedWith, quote, &leaf));
                linked.push(leaf);
            }
        }
    }
}

/// The operations importing `quotes`: conversations by (account, date), quotes under them, tags by
/// path (existing ones reused by name under the same parent).
pub(super) fn import_quotes(ws: &Workspace, new: &mut New, quotes: Vec<QuoteImport>) -> Vec<Op> {
    let mut ops = Vec::new();
    let mut tags = Tags::of(ws);
    let mut talks: HashMap<(String, Option<u64>), ElementId> = HashMap::new();
    for q in quotes {
        let key = (q.account.clone(), q.date.map(f64::to_bits));
        let talk = match talks.get(&key) {
            Some(t) => t.clone(),
            None => {
                let data = Conversation {
                    date: q.date,
                    account: q.account.clone(),
                    account_name: q.account.clone(),
                    ..Default::default()
                };
                let e = new.element(ElementData::Conversation(Box::new(data)));
                let id = e.id.clone();
                ops.push(Op::AddElement { element: e });
                talks.insert(key, id.clone());
                id
            }
        };
        let e = new.element(ElementData::Quote(Quote { text: q.text, perspective: q.perspective }));
        let quote = e.id.clone();
        ops.push(Op::AddElement { element: e });
        ops.push(relate(RelationKind::QuoteOf, &quote, &talk));
        tags.tag(new, &mut ops, &quote, &q.tags);
    }
    ops
}

/// The operations importing whole conversations: each with its segments, its quotes, their tags
/// (by path, found or made) and what they support. A segment or element named that is not a
/// segment or cannot be supported refuses the import.
pub(super) fn import_conversations(
    ws: &Workspace,
    new: &mut New,
    conversations: Vec<ConversationImport>,
) -> Result<Vec<Op>, EditError> {
    let mut ops = Vec::new();
    let mut tags = Tags::of(ws);
    for c in conversations {
        for s in &c.segments {
            expect_kind(ws, s, ElementKind::Segment)?;
        }
        let e = new.element(ElementData::Conversation(Box::new(c.conversation)));
        let talk = e.id.clone();
        ops.push(Op::AddElement { element: e });
        ops.extend(c.segments.iter().map(|s| relate(RelationKind::IsFor, &talk, s)));
        for q in c.quotes {
            let e = new.element(ElementData::Quote(q.quote));
            let quote = e.id.clone();
            ops.push(Op::AddElement { element: e });
            ops.push(relate(RelationKind::QuoteOf, &quote, &talk));
            tags.tag(new, &mut ops, &quote, &q.tags);
            ops.extend(each_once(&q.supports).map(|s| relate(RelationKind::Supports, &quote, s)));
        }
    }
    Ok(ops)
}
