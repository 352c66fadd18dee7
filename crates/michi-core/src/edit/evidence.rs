//! Evidence edits: tags merged (one undoable step: the quotes and sub-tags of one move to the
//! other, which keeps its name, and the first goes).

use std::collections::HashMap;

use super::intent::{EditError, QuoteImport};
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

/// The operations importing `quotes`: conversations by (account, date), quotes under them, tags by
/// path (existing ones reused by name under the same parent).
pub(super) fn import_quotes(ws: &Workspace, new: &mut New, quotes: Vec<QuoteImport>) -> Vec<Op> {
    let mut ops = Vec::new();
    // Tags known so far, by (parent, name).
    let mut tags: HashMap<(Option<ElementId>, String), ElementId> = HashMap::new();
    for t in ws.elements_of_kind(ElementKind::Tag) {
        tags.insert((ws.container(&t.id, RelationKind::TagIn), t.data.label().to_string()), t.id.clone());
    }
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
        let mut linked: Vec<ElementId> = Vec::new();
        for path in &q.tags {
            let mut parent: Option<ElementId> = None;
            for name in path.split('/').map(str::trim).filter(|n| !n.is_empty()) {
                let id = match tags.get(&(parent.clone(), name.to_string())) {
                    Some(id) => id.clone(),
                    None => {
                        let e = new.element(ElementData::Tag(Tag { name: name.to_string() }));
                        let id = e.id.clone();
                        ops.push(Op::AddElement { element: e });
                        if let Some(p) = &parent {
                            ops.push(relate(RelationKind::TagIn, &id, p));
                        }
                        tags.insert((parent.clone(), name.to_string()), id.clone());
                        id
                    }
                };
                parent = Some(id);
            }
            if let Some(leaf) = parent
                && !linked.contains(&leaf)
            {
                ops.push(relate(RelationKind::TaggedWith, &quote, &leaf));
                linked.push(leaf);
            }
        }
    }
    ops
}
