//! The playbook of a journey (domain.md §3, step 2): stage by stage, in journey order, what must be
//! true to enter and to leave, the time-to-value target, and the plays that move the customer on.
//! Computed from the model on every call, never stored; every play and step names the elements it
//! came from.
//!
//! Plays of a stage, the timeline first (by day after the customer entered the stage), then the
//! plays a sign starts:
//! - **Stage entered** (day 0): the stage's CS actions that address no stumbling point, then its
//!   touchpoints, in the order drawn — those that give a day of their own apart:
//! - **Day N after entering**, one per day the stage's CS actions and touchpoints give.
//! - **Stumbling point observed**, one per negative stumbling point: the CS actions that address it;
//!   when none does, the default intervention for its reason, marked as a suggestion.
//! - **Emotion dip**, one per negative emotion: the stage's CS actions are the answer when it has
//!   some (named as steps); otherwise a suggested check-in.
//! - **Exit criteria not met by the target day**, when the stage has a time-to-value target: a
//!   suggested review on that day (on the timeline).
//!
//! The owner of a play is the adopted function (org design) that owns its stage — among several,
//! the one the recommendation rules tie to the play's elements; with none adopted, the function
//! those rules tie most often to the play's elements (else to the stage's elements), marked as a
//! suggestion. A play nobody owns says so, and the diagnosis reports it (`play-owned`).
//!
//! Segment variants: a touchpoint or CS action may be drawn for some of the journey's segments only
//! (relation `isFor`). The journey's playbook then has one variant per segment, holding the cards for
//! everyone and that segment's own; the whole playbook holds every card, each naming its segments.

use serde::Serialize;

use super::document::{Block, DocRole, Document, Fact, Line, Section, Span, SpanKind};

pub use super::org::PlayOwner;
use super::org::design::Ties;
pub use super::shared::{Ref, Traced};
use super::shared::{days, missing, suggested};

use crate::element::{Catalog, Channel, ElementData, ElementKind, Polarity, StumblingReason, TouchType};
use crate::id::ElementId;
use crate::relation::RelationKind;
use crate::text::Text;
use crate::workspace::Workspace;

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Playbook {
    pub journey: Ref,
    /// The segments and personas the journey is drawn for.
    pub audience: Vec<Ref>,
    /// The segment this variant is for; `None` for the whole playbook.
    pub segment: Option<Ref>,
    /// The segments that have a variant (some cards are drawn for them only); empty if none.
    pub variants: Vec<Ref>,
    pub stages: Vec<StagePlays>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct StagePlays {
    pub stage: Ref,
    pub goal: String,
    /// What must be true to be here: the previous stage's exit criteria (traced to that stage).
    pub entry_criteria: Option<Traced>,
    pub exit_criteria: String,
    pub ttv_target_days: Option<u32>,
    pub plays: Vec<Play>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum PlayTrigger {
    StageEntered,
    /// A given number of days after the customer entered the stage.
    DaysAfterEntry {
        days: u32,
    },
    #[serde(rename_all = "camelCase")]
    StumblingPoint {
        point: Ref,
        reason: Option<StumblingReason>,
    },
    EmotionDip {
        emotion: Ref,
    },
    #[serde(rename_all = "camelCase")]
    ExitCriteriaLate {
        after_days: u32,
    },
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Play {
    pub trigger: PlayTrigger,
    /// Days after the customer entered the stage.
    pub day: Option<u32>,
    pub steps: Vec<Step>,
    /// Who runs the play.
    pub owner: Option<PlayOwner>,
    /// The elements the play comes from (the stage, the stumbling point, the emotion…).
    pub sources: Vec<ElementId>,
    /// The customers' words behind its sources and its steps (not the stage's, which the stage
    /// cites), newest first.
    pub evidence: Vec<super::evidence::QuoteRow>,
    /// How many people of its owner meet the owner's skill requirement (when the workspace has a
    /// team and the owner is adopted).
    pub coverage: Option<PlayCover>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct PlayCover {
    pub qualified: u32,
    /// Fewer than the catalog's minimum (two by default).
    pub marked: bool,
    /// That minimum.
    pub min: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Step {
    /// What to do, in both languages (a step from the model has the model's text in both).
    pub text: Text,
    pub touch: Option<TouchType>,
    pub channel: Option<Channel>,
    /// Days after the customer entered the stage, when the card gives them.
    pub day: Option<u32>,
    /// A default pattern filling a gap in the model, not something the model says.
    pub suggested: bool,
    /// The segments the step is for, when it is drawn for some segments only.
    pub segments: Vec<Ref>,
    pub sources: Vec<ElementId>,
}

impl Step {
    fn from_card(ws: &Workspace, id: &ElementId) -> Step {
        let (touch, channel, day) = match ws.data(id) {
            Some(ElementData::Touchpoint(t)) => (t.touch, t.channel, t.day),
            Some(ElementData::CsAction(c)) => (None, None, c.day),
            _ => (None, None, None),
        };
        let text = ws.data(id).map(|d| d.label().to_string()).unwrap_or_default();
        let segments = ws.segments_of(id).iter().map(|s| Ref::of(ws, s)).collect();
        Step {
            text: Text::new(text.clone(), text),
            touch,
            channel,
            day,
            suggested: false,
            segments,
            sources: vec![id.clone()],
        }
    }

    fn suggested(text: Text, source: &ElementId) -> Step {
        Step {
            text,
            touch: None,
            channel: None,
            day: None,
            suggested: true,
            segments: Vec::new(),
            sources: vec![source.clone()],
        }
    }
}

/// The segments with their own playbook variant: the journey's segments, then any other segment a
/// card is drawn for — or none when no card of the journey is drawn for some segments only.
pub fn variants(ws: &Workspace, journey: &ElementId) -> Vec<ElementId> {
    let mut card_segments: Vec<ElementId> = Vec::new();
    for stage in ws.ordered_members(journey, RelationKind::InJourney) {
        for card in ws.ordered_members(&stage, RelationKind::InStage) {
            for s in ws.segments_of(&card) {
                if !card_segments.contains(&s) {
                    card_segments.push(s);
                }
            }
        }
    }
    if card_segments.is_empty() {
        return Vec::new();
    }
    let mut all: Vec<ElementId> = ws
        .outgoing(journey, RelationKind::IsFor)
        .into_iter()
        .map(|r| r.to)
        .filter(|t| ws.kind_of(t) == Some(ElementKind::Segment))
        .collect();
    for s in card_segments {
        if !all.contains(&s) {
            all.push(s);
        }
    }
    all
}

/// What a derivation of plays reads besides the workspace: the catalog, the segment of the variant,
/// and which functions the recommendation rules tie to each element.
struct Context<'a> {
    ws: &'a Workspace,
    catalog: std::borrow::Cow<'a, Catalog>,
    segment: Option<&'a ElementId>,
    ties: Ties,
}

impl Context<'_> {
    /// The stage's cards of `kind` in the order drawn, without those drawn for other segments.
    fn cards(&self, stage: &ElementId, kind: ElementKind) -> Vec<ElementId> {
        let ws = self.ws;
        ws.ordered_members(stage, RelationKind::InStage)
            .into_iter()
            .filter(|c| ws.kind_of(c) == Some(kind))
            .filter(|c| match self.segment {
                None => true,
                Some(seg) => {
                    let segs = ws.segments_of(c);
                    segs.is_empty() || segs.contains(seg)
                }
            })
            .collect()
    }

    /// Who runs a play of `stage` made of `steps` from `sources`.
    fn owner(&self, stage: &ElementId, sources: &[ElementId], steps: &[Step]) -> Option<PlayOwner> {
        let elements: Vec<ElementId> =
            sources.iter().chain(steps.iter().flat_map(|s| s.sources.iter())).cloned().collect();
        self.ties.owner(self.ws, &self.catalog, stage, &elements)
    }
}

/// The whole playbook of `journey`, or `None` if it is not a journey.
pub fn playbook(ws: &Workspace, journey: &ElementId) -> Option<Playbook> {
    playbook_for(ws, journey, None)
}

/// The playbook of `journey` for `segment` (its variant), or the whole playbook when `None`.
pub fn playbook_for(ws: &Workspace, journey: &ElementId, segment: Option<&ElementId>) -> Option<Playbook> {
    playbook_counted(ws, journey, segment, super::team::qualified_counts(ws).as_ref())
}

/// The playbook with the plays' coverage from `counts` (how many meet each adopted function's
/// requirement); none read when `None` (the skill matrix, which counts them itself).
pub(crate) fn playbook_counted(
    ws: &Workspace,
    journey: &ElementId,
    segment: Option<&ElementId>,
    counts: Option<&rustc_hash::FxHashMap<ElementId, usize>>,
) -> Option<Playbook> {
    if ws.kind_of(journey) != Some(ElementKind::Journey) {
        return None;
    }
    // The rules run on the journey's stages and cards only.
    let stage_ids = ws.ordered_members(journey, RelationKind::InJourney);
    let mut members: Vec<ElementId> = stage_ids.clone();
    for stage in &stage_ids {
        members.extend(ws.ordered_members(stage, RelationKind::InStage));
    }
    let cx = Context { ws, catalog: ws.catalog(), segment, ties: Ties::of(ws, members.iter()) };
    let audience = ws.outgoing(journey, RelationKind::IsFor).iter().map(|r| Ref::of(ws, &r.to)).collect();
    let variants = variants(ws, journey).iter().map(|s| Ref::of(ws, s)).collect();
    let mut stages = Vec::new();
    let mut previous: Option<(ElementId, String)> = None;
    for stage in stage_ids {
        let Some(ElementData::Stage(data)) = ws.data(&stage) else { continue };
        let entry_criteria =
            previous.take().filter(|(_, exit)| !exit.trim().is_empty()).map(|(source, text)| Traced { text, source });
        previous = Some((stage.clone(), data.exit_criteria.clone()));
        stages.push(StagePlays {
            stage: Ref::of(ws, &stage),
            goal: data.goal.clone(),
            entry_criteria,
            exit_criteria: data.exit_criteria.clone(),
            ttv_target_days: data.ttv_target_days,
            plays: plays(&cx, &stage, data.ttv_target_days),
        });
    }
    if let Some(counts) = counts {
        let min = cx.catalog.skills.min_qualified;
        for play in stages.iter_mut().flat_map(|s| s.plays.iter_mut()) {
            if let Some(n) = play.owner.as_ref().and_then(|o| o.element.as_ref()).and_then(|f| counts.get(f)) {
                let qualified = *n as u32;
                play.coverage = Some(PlayCover { qualified, marked: qualified < min, min });
            }
        }
    }
    let segment = segment.map(|s| Ref::of(ws, s));
    Some(Playbook { journey: Ref::of(ws, journey), audience, segment, variants, stages })
}

fn plays(cx: &Context, stage: &ElementId, ttv: Option<u32>) -> Vec<Play> {
    let ws = cx.ws;
    let actions = cx.cards(stage, ElementKind::CsAction);
    let addressing = |a: &ElementId| !ws.outgoing(a, RelationKind::Addresses).is_empty();
    let mut plays = Vec::new();

    let mut steps: Vec<Step> = actions.iter().filter(|a| !addressing(a)).map(|a| Step::from_card(ws, a)).collect();
    steps.extend(cx.cards(stage, ElementKind::Touchpoint).iter().map(|t| Step::from_card(ws, t)));
    let mut play = |trigger: PlayTrigger, day: Option<u32>, steps: Vec<Step>, sources: Vec<ElementId>| {
        let owner = cx.owner(stage, &sources, &steps);
        // The stage's own quotes are cited once, under the stage; a play cites what is its own.
        let own = sources.iter().chain(steps.iter().flat_map(|s| &s.sources)).filter(|s| *s != stage);
        let evidence = super::evidence::quotes_behind_any(ws, own);
        plays.push(Play { trigger, day, steps, owner, sources, evidence, coverage: None });
    };
    // The timeline: day 0, then each day a card gives (the late review joins it below).
    let mut days: Vec<u32> = steps.iter().map(|s| s.day.unwrap_or(0)).collect();
    days.sort_unstable();
    days.dedup();
    for day in days {
        let on: Vec<Step> = steps.iter().filter(|s| s.day.unwrap_or(0) == day).cloned().collect();
        let trigger = if day == 0 { PlayTrigger::StageEntered } else { PlayTrigger::DaysAfterEntry { days: day } };
        play(trigger, Some(day), on, vec![stage.clone()]);
    }

    for point in cx.cards(stage, ElementKind::StumblingPoint) {
        let Some(ElementData::StumblingPoint(sp)) = ws.data(&point) else { continue };
        if sp.polarity != Polarity::Negative {
            continue;
        }
        let mut answers: Vec<ElementId> =
            ws.incoming(&point, RelationKind::Addresses).into_iter().map(|r| r.from).collect();
        answers.sort_by_key(|a| actions.iter().position(|x| x == a).unwrap_or(usize::MAX));
        // An answer drawn for another segment is not this variant's.
        answers.retain(|a| actions.contains(a) || ws.container(a, RelationKind::InStage).as_ref() != Some(stage));
        let steps = if answers.is_empty() {
            vec![Step::suggested(cx.catalog.intervention(sp.reason), &point)]
        } else {
            answers.iter().map(|a| Step::from_card(ws, a)).collect()
        };
        play(
            PlayTrigger::StumblingPoint { point: Ref::of(ws, &point), reason: sp.reason },
            None,
            steps,
            vec![point.clone()],
        );
    }

    for emotion in cx.cards(stage, ElementKind::Emotion) {
        let Some(ElementData::Emotion(e)) = ws.data(&emotion) else { continue };
        if e.score >= 0 {
            continue;
        }
        let steps = if actions.is_empty() {
            vec![Step::suggested(
                Text::new(
                    "気持ちが沈んでいる理由を確かめる（アプリ内の一言アンケート、メール、電話のいずれか）",
                    "Find out what is weighing on the customer (a one-question in-app survey, an email or a call)",
                ),
                &emotion,
            )]
        } else {
            actions.iter().map(|a| Step::from_card(ws, a)).collect()
        };
        play(PlayTrigger::EmotionDip { emotion: Ref::of(ws, &emotion) }, None, steps, vec![emotion.clone()]);
    }

    if let Some(days) = ttv {
        let review = Text::new(
            "完了条件に届いていない理由を顧客と振り返り、次の一手と新しい期日を決める",
            "Review with the customer why the exit criteria are not met, and agree the next move and a new date",
        );
        play(
            PlayTrigger::ExitCriteriaLate { after_days: days },
            Some(days),
            vec![Step::suggested(review, stage)],
            vec![stage.clone()],
        );
    }
    // The timeline first, by day (stable: on the same day, the late review after the cards), then
    // the plays a sign starts, in the order drawn.
    plays.sort_by_key(|p| (p.day.is_none(), p.day));
    plays
}

/// What starts a play, as a heading.
pub fn trigger_text(trigger: &PlayTrigger) -> Text {
    match trigger {
        PlayTrigger::StageEntered => Text::new("ステージに入ったとき", "When the customer enters the stage"),
        PlayTrigger::DaysAfterEntry { days } => {
            Text::new(format!("ステージに入って{days}日目"), format!("Day {days} after entering the stage"))
        }
        PlayTrigger::StumblingPoint { point, .. } => {
            Text::new(format!("つまずき「{}」が見えたとき", point.name), format!("When \"{}\" is observed", point.name))
        }
        PlayTrigger::EmotionDip { emotion } => {
            Text::new(format!("感情の落ち込み「{}」", emotion.name), format!("On the emotion dip \"{}\"", emotion.name))
        }
        PlayTrigger::ExitCriteriaLate { after_days } => Text::new(
            format!("{after_days}日目までに完了条件を満たしていないとき"),
            format!("When the exit criteria are not met by day {after_days}"),
        ),
    }
}

/// "[for A, B only]": the segments a step is drawn for.
fn only_for(segments: &[Ref]) -> Text {
    let names = |sep: &str| segments.iter().map(|s| s.name.as_str()).collect::<Vec<_>>().join(sep);
    Text::new(format!("{}のみ", names("・")), format!("{} only", names(", ")))
}

/// The playbook as a document: its title (with the segment of a variant), who it is for, and each
/// stage with its facts and its plays, every line traced.
pub fn document(ws: &Workspace, pb: &Playbook) -> Document {
    let mut title =
        Line::text(Text::new(format!("プレイブック — {}", pb.journey.name), format!("Playbook — {}", pb.journey.name)))
            .traced([pb.journey.id.clone()]);
    if let Some(seg) = &pb.segment {
        title = title.push(Span::plain(Text::same(format!("（{}）", seg.name))).with_role(DocRole::PlaybookSegment));
    }
    let mut doc = Document::new(title);
    if !pb.audience.is_empty() {
        let names = |sep: &str| pb.audience.iter().map(|a| a.name.as_str()).collect::<Vec<_>>().join(sep);
        doc.intro.push(Block::muted(Line::text(Text::new(
            format!("対象: {}", names("、")),
            format!("For: {}", names(", ")),
        ))));
    }
    for (i, s) in pb.stages.iter().enumerate() {
        let heading = Line::words(&format!("{}. {}", i + 1, s.stage.name)).traced([s.stage.id.clone()]);
        let mut section = Section::new(heading).with_role(DocRole::PlaybookStage);
        let mut facts = Vec::new();
        if !s.goal.is_empty() {
            facts.push(Fact { label: Text::new("目標", "Goal"), value: Line::words(&s.goal) });
        }
        if let Some(entry) = &s.entry_criteria {
            facts.push(Fact {
                label: Text::new("開始条件", "Entry criteria"),
                value: Line::words(&entry.text).traced([entry.source.clone()]),
            });
        }
        let exit = if s.exit_criteria.is_empty() { Line::new(vec![missing()]) } else { Line::words(&s.exit_criteria) };
        facts.push(Fact { label: Text::new("完了条件", "Exit criteria"), value: exit });
        let ttv = match s.ttv_target_days {
            Some(d) => Line::text(days(d)),
            None => Line::new(vec![missing()]),
        };
        facts.push(Fact { label: Text::new("価値実感までの目標", "Time-to-value target"), value: ttv });
        section.blocks.push(Block::Facts { facts });
        section.blocks.extend(super::evidence::citation_blocks(&super::evidence::quotes_behind(ws, &s.stage.id), 3));
        if s.plays.is_empty() {
            section.blocks.push(Block::muted(Line::text(Text::new(
                "このステージにはまだプレイがありません。",
                "No plays in this stage yet.",
            ))));
        }
        for play in &s.plays {
            section.sections.push(play_section(play));
        }
        doc.sections.push(section);
    }
    doc.with_views(ws)
}

fn play_section(play: &Play) -> Section {
    let mut heading = Line::text(trigger_text(&play.trigger)).traced(play.sources.iter().cloned());
    if let PlayTrigger::StumblingPoint { reason: Some(reason), .. } = &play.trigger {
        heading = heading.push(Span::of(SpanKind::Chip, reason.short_name()));
    }
    let mut section = Section::new(heading).with_role(DocRole::Play);
    let owner = match &play.owner {
        Some(owner) => {
            let line = Line::text(Text::new(format!("担当: {}", owner.name.ja), format!("Owner: {}", owner.name.en)));
            if owner.suggested { line.push(Span::of(SpanKind::Suggested, suggested())) } else { line }
        }
        None => Line::text(Text::new("担当: ", "Owner: ")).push(Span::of(
            SpanKind::Missing,
            Text::new(
                "なし（組織ビューで機能にこのステージを担当させてください）",
                "none (make a function own this stage in the organization view)",
            ),
        )),
    };
    let owner = match &play.coverage {
        Some(c) => {
            let text =
                Text::new(format!("要件を満たす人 {} 人", c.qualified), format!("{} meeting the skills", c.qualified));
            let owner = owner.push(Span::of(SpanKind::Chip, text).with_role(DocRole::PlayCoverage));
            if c.marked {
                let min = c.min;
                owner.push(Span::of(
                    SpanKind::Missing,
                    Text::new(format!("　{min} 人に届きません"), format!(" — fewer than {min}")),
                ))
            } else {
                owner
            }
        }
        None => owner,
    };
    section.blocks.push(Block::paragraph(owner.with_role(DocRole::PlayOwner)));
    let items = play
        .steps
        .iter()
        .map(|step| {
            let mut line = Line::text(step.text.clone()).traced(step.sources.iter().cloned()).with_role(DocRole::Step);
            if let (Some(day), false) =
                (step.day, matches!(play.trigger, PlayTrigger::StageEntered | PlayTrigger::DaysAfterEntry { .. }))
            {
                line = line.push(Span::of(SpanKind::Chip, Text::new(format!("{day}日目"), format!("day {day}"))));
            }
            if let Some(touch) = step.touch {
                line = line.push(Span::of(SpanKind::Chip, touch.name()));
            }
            if let Some(channel) = step.channel {
                line = line.push(Span::of(SpanKind::Chip, channel.name()));
            }
            if step.suggested {
                line = line.push(Span::of(SpanKind::Suggested, suggested()));
            }
            if !step.segments.is_empty() {
                line =
                    line.push(Span::of(SpanKind::Segment, only_for(&step.segments)).with_role(DocRole::StepSegments));
            }
            line
        })
        .collect();
    section.blocks.push(Block::List { ordered: true, items });
    section.blocks.extend(super::evidence::citation_blocks(&play.evidence, 3));
    section
}
