//! Workshop edits: sticky notes added (once per client id, however often a flaky connection sends
//! them), moved, revealed and turned into the model's elements; dot votes opened, cast and closed.

use super::intent::{EditError, WorkshopError};
use super::journey;
use super::shared::{New, expect_kind, relate};
use crate::element::{
    Ballot, Conversation, ElementData, ElementKind, Perspective, Quote, StickyNote, StumblingReason, Vote, Workshop,
};
use crate::id::{ElementId, ViewId};
use crate::op::{Op, OpError};
use crate::process::edit as process_edit;
use crate::relation::{BECOMES, RelationKind};
use crate::view::{Point, ViewKind};
use crate::workspace::Workspace;

/// The id a note sent with `client` gets: the same every time it is sent.
pub fn note_id(client: &str) -> Result<ElementId, WorkshopError> {
    client_id(ElementKind::StickyNote, client)
}

fn client_id(kind: ElementKind, client: &str) -> Result<ElementId, WorkshopError> {
    let ok = !client.is_empty() && client.len() <= 64 && client.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    if !ok {
        return Err(WorkshopError::BadClientId(client.chars().take(80).collect()));
    }
    ElementId::new(format!("{}-{client}", kind.id_prefix())).map_err(|_| WorkshopError::BadClientId(client.into()))
}

/// The conversation a workshop's quotes are kept under, if it has one.
pub fn conversation_of(ws: &Workspace, workshop: &ElementId) -> Option<ElementId> {
    ws.incoming(workshop, RelationKind::HeldAt).into_iter().map(|r| r.from).next()
}

/// A note from `client`, on `on` (a stage or a lane; none: the parking lot). A note with a
/// perspective is a customer's words: it becomes a quote of the workshop's conversation at once
/// (the conversation made the first time). Sent again with the same client id, nothing changes.
pub(super) fn add_note(
    ws: &Workspace,
    new: &mut New,
    workshop: ElementId,
    client: String,
    note: StickyNote,
    on: Option<ElementId>,
) -> Result<Vec<Op>, EditError> {
    expect_kind(ws, &workshop, ElementKind::Workshop)?;
    let id = note_id(&client)?;
    if ws.element(&id).is_some() {
        return Ok(Vec::new());
    }
    if let Some(target) = &on {
        check_target(ws, target)?;
    }
    let perspective = note.perspective;
    let text = note.text.clone();
    let author = note.author.clone();
    new.made.elements.push(id.clone());
    let mut ops = vec![
        Op::AddElement { element: crate::element::Element { id: id.clone(), data: ElementData::StickyNote(note) } },
        relate(RelationKind::InWorkshop, &id, &workshop),
    ];
    ops.extend(on.iter().map(|t| relate(RelationKind::NoteOn, &id, t)));
    if let Some(p) = perspective {
        ops.extend(quote_from_note(ws, new, &workshop, &id, text, p, &author));
    }
    Ok(ops)
}

fn check_target(ws: &Workspace, target: &ElementId) -> Result<(), EditError> {
    match ws.kind_of(target).ok_or_else(|| OpError::UnknownElement(target.clone()))? {
        ElementKind::Stage | ElementKind::Lane => Ok(()),
        found => Err(EditError::WrongKind { id: target.clone(), expected: ElementKind::Stage, found }),
    }
}

/// The quote a note with a perspective becomes, under the workshop's conversation, whose people
/// include the note's author.
fn quote_from_note(
    ws: &Workspace,
    new: &mut New,
    workshop: &ElementId,
    note: &ElementId,
    text: String,
    perspective: Perspective,
    author: &str,
) -> Vec<Op> {
    let mut ops = Vec::new();
    let conversation = match conversation_of(ws, workshop) {
        Some(c) => {
            if let Some(ElementData::Conversation(conv)) = ws.data(&c)
                && !author.is_empty()
                && !conv.people.iter().any(|p| p.name == author)
            {
                let mut conv = conv.clone();
                conv.people.push(crate::element::Person { name: author.to_string(), ..Default::default() });
                ops.push(Op::SetElement { id: c.clone(), data: ElementData::Conversation(conv) });
            }
            c
        }
        None => {
            let w = match ws.data(workshop) {
                Some(ElementData::Workshop(w)) => w.clone(),
                _ => Workshop::default(),
            };
            let people = if author.is_empty() {
                Vec::new()
            } else {
                vec![crate::element::Person { name: author.to_string(), ..Default::default() }]
            };
            let e = new.element(ElementData::Conversation(Box::new(Conversation {
                date: w.date,
                account_name: w.name,
                people,
                ..Default::default()
            })));
            let id = e.id.clone();
            ops.push(Op::AddElement { element: e });
            ops.push(relate(RelationKind::HeldAt, &id, workshop));
            id
        }
    };
    let q = new.element(ElementData::Quote(Quote { text, perspective: Some(perspective) }));
    let qid = q.id.clone();
    ops.push(Op::AddElement { element: q });
    ops.push(relate(RelationKind::QuoteOf, &qid, &conversation));
    ops.push(relate(RelationKind::Became, note, &qid));
    ops
}

/// Moves a note to a stage (and a row of the journey map), a lane, or the parking lot.
pub(super) fn move_note(
    ws: &Workspace,
    note: ElementId,
    on: Option<ElementId>,
    row: Option<ElementKind>,
) -> Result<Vec<Op>, EditError> {
    let Some(ElementData::StickyNote(data)) = ws.data(&note) else {
        return Err(wrong(ws, &note, ElementKind::StickyNote));
    };
    if let Some(t) = &on {
        check_target(ws, t)?;
    }
    let mut ops: Vec<Op> =
        ws.outgoing(&note, RelationKind::NoteOn).iter().map(|r| Op::Unrelate { key: r.key() }).collect();
    ops.extend(on.iter().map(|t| relate(RelationKind::NoteOn, &note, t)));
    if data.row != row {
        ops.push(Op::SetElement {
            id: note.clone(),
            data: ElementData::StickyNote(StickyNote { row, ..data.clone() }),
        });
    }
    // Moving to where it is already changes nothing.
    let here = ws.container(&note, RelationKind::NoteOn);
    if here == on && data.row == row {
        return Ok(Vec::new());
    }
    Ok(ops)
}

fn wrong(ws: &Workspace, id: &ElementId, expected: ElementKind) -> EditError {
    match ws.kind_of(id) {
        Some(found) => EditError::WrongKind { id: id.clone(), expected, found },
        None => OpError::UnknownElement(id.clone()).into(),
    }
}

/// Shows every note of the workshop added in private mode.
pub(super) fn reveal_notes(ws: &Workspace, workshop: ElementId) -> Result<Vec<Op>, EditError> {
    expect_kind(ws, &workshop, ElementKind::Workshop)?;
    Ok(ws
        .incoming(&workshop, RelationKind::InWorkshop)
        .into_iter()
        .filter_map(|r| match ws.data(&r.from) {
            Some(ElementData::StickyNote(n)) if n.hidden => Some(Op::SetElement {
                id: r.from.clone(),
                data: ElementData::StickyNote(StickyNote { hidden: false, ..n.clone() }),
            }),
            _ => None,
        })
        .collect())
}

/// Turns a note into an element of the model where it sits: on a stage, a card of `kind` (its row
/// by default; a stumbling point with its `reason`); on a process lane, an activity in that lane.
/// The note stays, linked to what it became (`became`), and leaves the board.
pub(super) fn promote_note(
    ws: &Workspace,
    new: &mut New,
    note: ElementId,
    kind: Option<ElementKind>,
    reason: Option<StumblingReason>,
) -> Result<Vec<Op>, EditError> {
    let Some(ElementData::StickyNote(data)) = ws.data(&note) else {
        return Err(wrong(ws, &note, ElementKind::StickyNote));
    };
    if !ws.outgoing(&note, RelationKind::Became).is_empty() {
        return Err(WorkshopError::AlreadyBecame.into());
    }
    let on = ws.container(&note, RelationKind::NoteOn).ok_or(WorkshopError::NotPlaced)?;
    let on_kind = ws.kind_of(&on).ok_or_else(|| OpError::UnknownElement(on.clone()))?;
    let kind = kind.or(data.row).unwrap_or(match on_kind {
        ElementKind::Lane => ElementKind::Activity,
        _ => ElementKind::StumblingPoint,
    });
    let fits = match on_kind {
        ElementKind::Stage => BECOMES.contains(&kind) && kind != ElementKind::Activity && kind != ElementKind::Quote,
        ElementKind::Lane => kind == ElementKind::Activity,
        _ => false,
    };
    if !fits {
        return Err(WorkshopError::CannotBecome { on: on_kind, kind }.into());
    }
    let mut element = ElementData::new_with_label(kind, data.text.clone());
    if let (ElementData::StumblingPoint(s), Some(r)) = (&mut element, reason) {
        s.reason = Some(r);
    }
    let before = new.made.elements.len();
    let mut ops = match on_kind {
        ElementKind::Stage => journey::add_card(ws, new, on, None, element)?,
        _ => {
            let (view, at) = free_spot_in_lane(ws, &on).ok_or(WorkshopError::NotPlaced)?;
            process_edit::add_node(ws, new.ids, new.made, &view, element, at)?
        }
    };
    let made = new.made.elements.get(before).cloned().expect("the element just made");
    ops.push(relate(RelationKind::Became, &note, &made));
    Ok(ops)
}

/// A process diagram drawing `lane` and a point in it right of what the lane holds.
fn free_spot_in_lane(ws: &Workspace, lane: &ElementId) -> Option<(ViewId, Point)> {
    let view = ws.views().find(|v| matches!(v.kind, ViewKind::Process { .. }) && v.placements.contains_key(lane))?;
    let band = view.placements.get(lane)?;
    let members: Vec<ElementId> = ws.incoming(lane, RelationKind::InLane).into_iter().map(|r| r.from).collect();
    let right =
        members.iter().filter_map(|m| view.placements.get(m)).map(|p| p.x + p.width).fold(band.x + 60.0, f64::max);
    let x = (right + 90.0).min(band.x + band.width - 60.0).max(band.x + 90.0);
    Some((view.id.clone(), Point { x, y: band.y + band.height / 2.0 }))
}

/// A new dot vote in the workshop, open at once.
pub(super) fn start_vote(ws: &Workspace, new: &mut New, workshop: ElementId, vote: Vote) -> Result<Vec<Op>, EditError> {
    expect_kind(ws, &workshop, ElementKind::Workshop)?;
    let e = new.element(ElementData::Vote(Vote { open: true, ballots: Vec::new(), ..vote }));
    let id = e.id.clone();
    Ok(vec![Op::AddElement { element: e }, relate(RelationKind::InWorkshop, &id, &workshop)])
}

fn vote_of(ws: &Workspace, vote: &ElementId) -> Result<Vote, EditError> {
    match ws.data(vote) {
        Some(ElementData::Vote(v)) => Ok(v.clone()),
        _ => Err(wrong(ws, vote, ElementKind::Vote)),
    }
}

/// One more dot of `voter` on `target`.
pub(super) fn cast_vote(
    ws: &Workspace,
    vote: ElementId,
    voter: String,
    target: ElementId,
) -> Result<Vec<Op>, EditError> {
    let mut v = vote_of(ws, &vote)?;
    if !v.open {
        return Err(WorkshopError::VoteClosed.into());
    }
    let kind = ws.kind_of(&target).ok_or_else(|| OpError::UnknownElement(target.clone()))?;
    if !v.kinds.is_empty() && !v.kinds.contains(&kind) {
        return Err(WorkshopError::NotACandidate(kind).into());
    }
    if v.placed_by(&voter) >= v.dots as usize {
        return Err(WorkshopError::NoDotsLeft(v.dots).into());
    }
    v.ballots.push(Ballot { voter, target });
    Ok(vec![Op::SetElement { id: vote, data: ElementData::Vote(v) }])
}

/// Takes one dot of `voter` off `target`.
pub(super) fn retract_vote(
    ws: &Workspace,
    vote: ElementId,
    voter: String,
    target: ElementId,
) -> Result<Vec<Op>, EditError> {
    let mut v = vote_of(ws, &vote)?;
    if !v.open {
        return Err(WorkshopError::VoteClosed.into());
    }
    let i = v.ballots.iter().rposition(|b| b.voter == voter && b.target == target).ok_or(WorkshopError::NoDot)?;
    v.ballots.remove(i);
    Ok(vec![Op::SetElement { id: vote, data: ElementData::Vote(v) }])
}

/// Closes (or reopens) a vote: its results show once it is closed.
pub(super) fn set_vote_open(ws: &Workspace, vote: ElementId, open: bool) -> Result<Vec<Op>, EditError> {
    let v = vote_of(ws, &vote)?;
    if v.open == open {
        return Ok(Vec::new());
    }
    Ok(vec![Op::SetElement { id: vote, data: ElementData::Vote(Vote { open, ..v }) }])
}

/// What `note` became, if anything.
pub fn became(ws: &Workspace, note: &ElementId) -> Option<ElementId> {
    ws.outgoing(note, RelationKind::Became).into_iter().map(|r| r.to).next()
}
