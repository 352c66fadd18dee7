//! The workshop board: what the facilitator and each participant see of a workshop over the view
//! being worked on — where notes can go (the stages and rows of a journey map, the lanes of a
//! process diagram), the notes on each and in the parking lot, the votes with their candidates and,
//! once closed, their results. A note added in private mode shows its text to its author only.

use std::collections::HashMap;

use serde::Serialize;

use super::shared::Ref;
use crate::element::{AgendaStep, ElementData, ElementKind, Perspective, Vote};
use crate::id::{ElementId, ViewId};
use crate::relation::RelationKind;
use crate::view::{Lane, ViewKind};
use crate::workspace::Workspace;

/// A workshop as one viewer sees it.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Board {
    pub workshop: ElementId,
    pub name: String,
    pub date: Option<f64>,
    pub agenda: Vec<AgendaStep>,
    /// Dots each participant has in a new vote.
    pub dots: u32,
    /// The view worked on: a journey map or a process diagram.
    pub view: Option<BoardView>,
    /// Where a note can be put, in order (the parking lot is `on: None`).
    pub places: Vec<Place>,
    /// The journey map's rows a note on a stage can sit in (card kinds).
    pub rows: Vec<ElementKind>,
    /// Notes still on the board (not yet turned into elements), oldest first.
    pub notes: Vec<BoardNote>,
    /// Notes turned into elements of the model, and quotes.
    pub placed: Vec<BoardNote>,
    pub votes: Vec<BoardVote>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct BoardView {
    pub id: ViewId,
    pub name: String,
    /// `journeyMap` or `process`.
    pub kind: String,
}

/// A stage or a process lane.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Place {
    pub id: ElementId,
    pub name: String,
    pub kind: ElementKind,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct BoardNote {
    pub id: ElementId,
    /// Empty when hidden from this viewer (private mode, someone else's note).
    pub text: String,
    pub author: String,
    pub on: Option<ElementId>,
    pub row: Option<ElementKind>,
    pub hidden: bool,
    /// Hidden from this viewer: only its author reads it until the notes are revealed.
    pub masked: bool,
    pub perspective: Option<Perspective>,
    /// What it became, with its kind.
    pub became: Option<Ref>,
    pub became_kind: Option<ElementKind>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct BoardVote {
    pub id: ElementId,
    pub question: String,
    pub dots: u32,
    pub open: bool,
    pub kinds: Vec<ElementKind>,
    /// What may take dots, in the order of the board.
    pub candidates: Vec<Candidate>,
    /// The viewer's own dots (targets, one entry per dot).
    pub mine: Vec<ElementId>,
    /// How many took part, and how many dots are placed (shown while it is open).
    pub voters: u32,
    pub placed: u32,
    /// Once closed: the candidates with dots, most first (ties in board order). Empty while open.
    pub results: Vec<Tally>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Candidate {
    pub id: ElementId,
    pub name: String,
    pub kind: ElementKind,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Tally {
    pub id: ElementId,
    pub name: String,
    pub dots: u32,
}

/// Who is looking: the facilitator (no name) or a participant (the name they joined with and their
/// voter key).
#[derive(Clone, Copy, Debug, Default)]
pub struct Viewer<'a> {
    pub name: Option<&'a str>,
    pub voter: Option<&'a str>,
}

/// The workshops of the workspace, by name.
pub fn workshops(ws: &Workspace) -> Vec<Ref> {
    let mut all: Vec<Ref> = ws.elements_of_kind(ElementKind::Workshop).map(|e| Ref::of(ws, &e.id)).collect();
    all.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.id.cmp(&b.id)));
    all
}

/// The board of `workshop` over `view`, as `viewer` sees it; `None` when there is no such workshop.
pub fn board(ws: &Workspace, workshop: &ElementId, view: Option<&ViewId>, viewer: Viewer) -> Option<Board> {
    let Some(ElementData::Workshop(w)) = ws.data(workshop) else { return None };
    let view = view.and_then(|v| ws.view(v));
    let (places, rows) = match view.map(|v| &v.kind) {
        Some(ViewKind::JourneyMap { journey, hidden_lanes }) => (
            ws.incoming(journey, RelationKind::InJourney)
                .iter()
                .map(|r| Place { id: r.from.clone(), name: label(ws, &r.from), kind: ElementKind::Stage })
                .collect(),
            Lane::ALL
                .iter()
                .filter(|l| !hidden_lanes.contains(l) && **l != Lane::Metric)
                .map(|l| l.card_kind())
                .collect(),
        ),
        Some(ViewKind::Process { .. }) => {
            let v = view.expect("matched");
            let mut lanes: Vec<(f64, f64, Place)> = v
                .placements
                .iter()
                .filter(|(id, _)| ws.kind_of(id) == Some(ElementKind::Lane))
                .map(|(id, p)| (p.y, p.x, Place { id: id.clone(), name: label(ws, id), kind: ElementKind::Lane }))
                .collect();
            lanes.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
            (lanes.into_iter().map(|(_, _, p)| p).collect(), Vec::new())
        }
        None => (Vec::new(), Vec::new()),
    };
    // (when it was added, the note): sorted on the time read once per note.
    let mut notes: Vec<(f64, BoardNote)> = Vec::new();
    let mut placed: Vec<(f64, BoardNote)> = Vec::new();
    let mut votes = Vec::new();
    // A workshop holds thousands of notes: read each member once, without building relations.
    for member in ws.sources(workshop, RelationKind::InWorkshop) {
        match &member.data {
            ElementData::StickyNote(n) => {
                let id = &member.id;
                let masked = n.hidden && viewer.name != Some(n.author.as_str());
                let became = ws.targets(id, RelationKind::Became).next();
                let note = BoardNote {
                    id: id.clone(),
                    text: if masked { String::new() } else { n.text.clone() },
                    author: n.author.clone(),
                    on: ws.targets(id, RelationKind::NoteOn).next().map(|e| e.id.clone()),
                    row: n.row,
                    hidden: n.hidden,
                    masked,
                    perspective: n.perspective,
                    became_kind: became.map(|b| b.data.kind()),
                    became: became.map(|b| Ref { id: b.id.clone(), name: b.data.label().to_string() }),
                };
                let at = n.at.unwrap_or(0.0);
                if note.became.is_some() { placed.push((at, note)) } else { notes.push((at, note)) }
            }
            ElementData::Vote(v) => votes.push((member.id.clone(), v)),
            _ => {}
        }
    }
    // Oldest first; notes added at the same moment (or long ago, with no time) by id.
    let oldest_first = |list: &mut Vec<(f64, BoardNote)>| {
        list.sort_unstable_by(|a, b| a.0.total_cmp(&b.0).then_with(|| a.1.id.cmp(&b.1.id)));
        list.drain(..).map(|(_, n)| n).collect::<Vec<BoardNote>>()
    };
    let notes = oldest_first(&mut notes);
    let placed = oldest_first(&mut placed);
    votes.sort_by(|a, b| a.0.cmp(&b.0));
    let votes = votes.into_iter().map(|(id, v)| board_vote(ws, id, v, view.map(|v| &v.kind), &notes, viewer)).collect();
    Some(Board {
        workshop: workshop.clone(),
        name: w.name.clone(),
        date: w.date,
        agenda: w.agenda.clone(),
        dots: w.dots,
        view: view.map(|v| BoardView {
            id: v.id.clone(),
            name: match &v.kind {
                ViewKind::JourneyMap { journey, .. } => label(ws, journey),
                ViewKind::Process { root, .. } => label(ws, root),
            },
            kind: match &v.kind {
                ViewKind::JourneyMap { .. } => "journeyMap".into(),
                ViewKind::Process { .. } => "process".into(),
            },
        }),
        places,
        rows,
        notes,
        placed,
        votes,
    })
}

fn label(ws: &Workspace, id: &ElementId) -> String {
    ws.data(id).map(|d| d.label().to_string()).unwrap_or_default()
}

fn board_vote(
    ws: &Workspace,
    id: ElementId,
    v: &Vote,
    view: Option<&ViewKind>,
    notes: &[BoardNote],
    viewer: Viewer,
) -> BoardVote {
    let wanted = |k: ElementKind| v.kinds.is_empty() || v.kinds.contains(&k);
    let mut candidates: Vec<Candidate> = Vec::new();
    let mut push = |id: &ElementId| {
        if let Some(kind) = ws.kind_of(id)
            && wanted(kind)
            && !candidates.iter().any(|c| &c.id == id)
        {
            candidates.push(Candidate { id: id.clone(), name: label(ws, id), kind });
        }
    };
    match view {
        Some(ViewKind::JourneyMap { journey, .. }) => {
            for stage in ws.incoming(journey, RelationKind::InJourney) {
                for card in ws.incoming(&stage.from, RelationKind::InStage) {
                    push(&card.from);
                }
            }
        }
        Some(ViewKind::Process { .. }) => {
            let v = ws.views().find(|x| Some(&x.kind) == view).expect("the view");
            let mut shapes: Vec<(&ElementId, f64, f64)> = v.placements.iter().map(|(id, p)| (id, p.x, p.y)).collect();
            shapes.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.2.total_cmp(&b.2)));
            for (id, _, _) in shapes {
                push(id);
            }
        }
        None => {}
    }
    if wanted(ElementKind::GapItem) {
        for g in ws.elements_of_kind(ElementKind::GapItem) {
            push(&g.id);
        }
    }
    for n in notes.iter().filter(|n| !n.masked) {
        push(&n.id);
    }
    // Whatever already took a dot stays a candidate (a card of another view, a note since placed).
    for b in &v.ballots {
        push(&b.target);
    }
    let mine = viewer
        .voter
        .map(|me| v.ballots.iter().filter(|b| b.voter == me).map(|b| b.target.clone()).collect())
        .unwrap_or_default();
    let mut voters: Vec<&str> = v.ballots.iter().map(|b| b.voter.as_str()).collect();
    voters.sort_unstable();
    voters.dedup();
    let results = if v.open {
        Vec::new()
    } else {
        let mut count: HashMap<&ElementId, u32> = HashMap::new();
        for b in &v.ballots {
            *count.entry(&b.target).or_default() += 1;
        }
        let mut tallies: Vec<(usize, Tally)> = candidates
            .iter()
            .enumerate()
            .filter_map(|(i, c)| {
                count.get(&c.id).map(|&dots| (i, Tally { id: c.id.clone(), name: c.name.clone(), dots }))
            })
            .collect();
        tallies.sort_by(|a, b| b.1.dots.cmp(&a.1.dots).then(a.0.cmp(&b.0)));
        tallies.into_iter().map(|(_, t)| t).collect()
    };
    BoardVote {
        id,
        question: v.question.clone(),
        dots: v.dots,
        open: v.open,
        kinds: v.kinds.clone(),
        candidates,
        mine,
        voters: voters.len() as u32,
        placed: v.ballots.len() as u32,
        results,
    }
}

/// What a workshop left behind, as a document (domain.md §1: the room's output is the model): the
/// agenda, who added what, what went into the model, the customers' words, the votes, what is left
/// in the parking lot and on the board. The diagnosis of the result is added by
/// [`crate::diagnose::section_about`], which the application layer appends.
pub fn summary(ws: &Workspace, workshop: &ElementId) -> Option<super::document::Document> {
    use super::document::{Block, Document, Fact, Line, Row, Section};
    use crate::text::Text;
    let b = board(ws, workshop, None, Viewer::default())?;
    let mut doc = Document::new(Line::text(Text::new(
        format!("ワークショップの記録：{}", b.name),
        format!("Workshop record: {}", b.name),
    )));
    // Every note, each with its place's name; private ones are in the record too (it is the
    // facilitator's), marked.
    let all: Vec<(&BoardNote, String)> =
        b.notes.iter().chain(&b.placed).map(|n| (n, n.on.as_ref().map(|o| label(ws, o)).unwrap_or_default())).collect();
    let text_of = |n: &BoardNote| match ws.data(&n.id) {
        Some(ElementData::StickyNote(s)) => s.text.clone(),
        _ => n.text.clone(),
    };
    let mut authors: Vec<(&str, u32, u32)> = Vec::new();
    for (n, _) in &all {
        let placed = u32::from(n.became.is_some());
        match authors.iter_mut().find(|a| a.0 == n.author) {
            Some(a) => {
                a.1 += 1;
                a.2 += placed;
            }
            None => authors.push((n.author.as_str(), 1, placed)),
        }
    }
    let mut facts = Vec::new();
    if let Some(date) = b.date {
        facts.push(Fact { label: Text::new("日付", "Date"), value: Line::words(&super::evidence::iso_date(date)) });
    }
    facts.push(Fact {
        label: Text::new("参加者", "Participants"),
        value: Line::words(&authors.iter().map(|a| a.0).filter(|a| !a.is_empty()).collect::<Vec<_>>().join("、")),
    });
    facts.push(Fact {
        label: Text::new("付箋", "Notes"),
        value: Line::text(Text::new(
            format!("{} 枚（うちモデルに反映 {} 枚）", all.len(), b.placed.len()),
            format!("{} ({} into the model)", all.len(), b.placed.len()),
        )),
    });
    doc.intro.push(Block::Facts { facts });

    let mut agenda = Section::new(Line::text(Text::new("アジェンダ", "Agenda")));
    agenda.blocks.push(if b.agenda.is_empty() {
        Block::muted(Line::text(Text::new("アジェンダはありません", "No agenda")))
    } else {
        Block::List {
            ordered: true,
            items: b
                .agenda
                .iter()
                .map(|s| {
                    Line::text(Text::new(
                        format!("{}（{} 分）", s.name, s.minutes),
                        format!("{} ({} min)", s.name, s.minutes),
                    ))
                })
                .collect(),
        }
    });
    doc.sections.push(agenda);

    let mut who = Section::new(Line::text(Text::new("誰が何を出したか", "Who added what")));
    who.blocks.push(Block::Table {
        columns: vec![
            Text::new("参加者", "Participant"),
            Text::new("付箋", "Notes"),
            Text::new("モデルに反映", "Into the model"),
        ],
        rows: authors
            .iter()
            .map(|(a, notes, placed)| Row {
                cells: vec![Line::words(a), Line::words(&notes.to_string()), Line::words(&placed.to_string())],
                trace: Vec::new(),
                role: None,
            })
            .collect(),
    });
    doc.sections.push(who);

    let into: Vec<&(&BoardNote, String)> =
        all.iter().filter(|(n, _)| n.became.is_some() && n.became_kind != Some(ElementKind::Quote)).collect();
    let mut model = Section::new(Line::text(Text::new("モデルに反映したもの", "Into the model")));
    model.blocks.push(if into.is_empty() {
        Block::muted(Line::text(Text::new("まだありません", "Nothing yet")))
    } else {
        Block::Table {
            columns: vec![
                Text::new("要素", "Element"),
                Text::new("種類", "Kind"),
                Text::new("場所", "Where"),
                Text::new("書いた人", "By"),
            ],
            rows: into
                .iter()
                .map(|(n, place)| {
                    let became = n.became.as_ref().expect("filtered");
                    Row {
                        cells: vec![
                            Line::words(&became.name).traced([became.id.clone()]),
                            Line::text(n.became_kind.map(ElementKind::name).unwrap_or_else(|| Text::same(""))),
                            Line::words(place),
                            Line::words(&n.author),
                        ],
                        trace: vec![became.id.clone()],
                        role: None,
                    }
                })
                .collect(),
        }
    });
    doc.sections.push(model);

    let quotes: Vec<Line> = all
        .iter()
        .filter(|(n, _)| n.became_kind == Some(ElementKind::Quote))
        .map(|(n, _)| {
            let p = n.perspective.map(Perspective::name).unwrap_or_else(|| Text::same(""));
            let id = n.became.as_ref().map(|r| r.id.clone());
            Line::text(Text::new(
                format!("「{}」（{}、{}）", text_of(n), n.author, p.ja),
                format!("\"{}\" ({}, {})", text_of(n), n.author, p.en),
            ))
            .traced(id)
        })
        .collect();
    if !quotes.is_empty() {
        let mut s = Section::new(Line::text(Text::new("顧客の声", "Customer voices")));
        s.blocks.push(Block::List { ordered: false, items: quotes });
        doc.sections.push(s);
    }

    let mut votes = Section::new(Line::text(Text::new("投票", "Votes")));
    for v in &b.votes {
        let mut s = Section::new(Line::words(&v.question));
        if v.open {
            s.blocks.push(Block::muted(Line::text(Text::new(
                format!("受付中（{} 人、{} 票）", v.voters, v.placed),
                format!("Open ({} voted, {} dots)", v.voters, v.placed),
            ))));
        } else if v.results.is_empty() {
            s.blocks.push(Block::muted(Line::text(Text::new("票はありません", "No dots"))));
        } else {
            s.blocks.push(Block::List {
                ordered: true,
                items: v
                    .results
                    .iter()
                    .map(|t| {
                        Line::text(Text::new(
                            format!("{}：{} 票", t.name, t.dots),
                            format!("{}: {} dots", t.name, t.dots),
                        ))
                        .traced([t.id.clone()])
                    })
                    .collect(),
            });
        }
        votes.sections.push(s);
    }
    if votes.sections.is_empty() {
        votes.blocks.push(Block::muted(Line::text(Text::new("投票はありません", "No votes"))));
    }
    doc.sections.push(votes);

    let note_line = |n: &BoardNote, place: &str| {
        let hidden = if n.hidden { Text::new("（非公開）", " (private)") } else { Text::same("") };
        let at = if place.is_empty() { String::new() } else { format!("［{place}］") };
        Line::text(Text::new(
            format!("{at}{}（{}）{}", text_of(n), n.author, hidden.ja),
            format!("{at}{} ({}){}", text_of(n), n.author, hidden.en),
        ))
        .traced([n.id.clone()])
    };
    let parking: Vec<Line> =
        all.iter().filter(|(n, _)| n.became.is_none() && n.on.is_none()).map(|(n, p)| note_line(n, p)).collect();
    let mut lot = Section::new(Line::text(Text::new("駐車場に残っているもの", "Left in the parking lot")));
    lot.blocks.push(if parking.is_empty() {
        Block::muted(Line::text(Text::new("ありません", "Nothing")))
    } else {
        Block::List { ordered: false, items: parking }
    });
    doc.sections.push(lot);
    let left: Vec<Line> =
        all.iter().filter(|(n, _)| n.became.is_none() && n.on.is_some()).map(|(n, p)| note_line(n, p)).collect();
    if !left.is_empty() {
        let mut s = Section::new(Line::text(Text::new("ボードに残っている付箋", "Notes still on the board")));
        s.blocks.push(Block::List { ordered: false, items: left });
        doc.sections.push(s);
    }
    Some(doc.with_views(ws))
}
