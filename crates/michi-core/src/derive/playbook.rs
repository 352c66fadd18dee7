//! The playbook of a journey (domain.md §3, step 2): stage by stage, in journey order, what must be
//! true to enter and to leave, the time-to-value target, and the plays that move the customer on.
//! Computed from the model on every call, never stored; every play and step names the elements it
//! came from.
//!
//! Plays of a stage:
//! - **Stage entered** (day 0): the stage's CS actions that address no stumbling point, then its
//!   touchpoints, in the order drawn.
//! - **Stumbling point observed**, one per negative stumbling point: the CS actions that address it;
//!   when none does, the default intervention for its reason, marked as a suggestion.
//! - **Emotion dip**, one per negative emotion: the stage's CS actions are the answer when it has
//!   some (named as steps); otherwise a suggested check-in.
//! - **Exit criteria not met by the target day**, when the stage has a time-to-value target: a
//!   suggested review on that day.

use serde::Serialize;

use crate::diagnose::Text;
use crate::element::{Channel, ElementData, ElementKind, Polarity, StumblingReason, TouchType};
use crate::id::ElementId;
use crate::relation::RelationKind;
use crate::workspace::Workspace;

/// An element named in a derivation: its id (to jump to it) and its label when derived.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Ref {
    pub id: ElementId,
    pub name: String,
}

impl Ref {
    pub(crate) fn of(ws: &Workspace, id: &ElementId) -> Ref {
        Ref { id: id.clone(), name: ws.data(id).map(|d| d.label().to_string()).unwrap_or_default() }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Playbook {
    pub journey: Ref,
    /// The segments and personas the journey is drawn for.
    pub audience: Vec<Ref>,
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

/// A text with the element it comes from.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Traced {
    pub text: String,
    pub source: ElementId,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum PlayTrigger {
    StageEntered,
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
    /// The elements the play comes from (the stage, the stumbling point, the emotion…).
    pub sources: Vec<ElementId>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Step {
    /// What to do, in both languages (a step from the model has the model's text in both).
    pub text: Text,
    pub touch: Option<TouchType>,
    pub channel: Option<Channel>,
    /// A default pattern filling a gap in the model, not something the model says.
    pub suggested: bool,
    pub sources: Vec<ElementId>,
}

impl Step {
    fn from_card(ws: &Workspace, id: &ElementId) -> Step {
        let (touch, channel) = match ws.data(id) {
            Some(ElementData::Touchpoint(t)) => (t.touch, t.channel),
            _ => (None, None),
        };
        let text = ws.data(id).map(|d| d.label().to_string()).unwrap_or_default();
        Step { text: Text::new(text.clone(), text), touch, channel, suggested: false, sources: vec![id.clone()] }
    }

    fn suggested(ja: &str, en: &str, source: &ElementId) -> Step {
        Step { text: Text::new(ja, en), touch: None, channel: None, suggested: true, sources: vec![source.clone()] }
    }
}

/// The default intervention when the model has no CS action for a stumbling point of this reason
/// (domain.md §2: the four reasons customers do not act).
pub fn default_intervention(reason: Option<StumblingReason>) -> (&'static str, &'static str) {
    match reason {
        Some(StumblingReason::BenefitUnclear) => (
            "顧客の業務の言葉で、得られる成果を具体的に示す（同業の事例、数字での効果）",
            "Show the outcome in the customer's own business terms (a peer's case, the effect in numbers)",
        ),
        Some(StumblingReason::NotNow) => (
            "顧客の予定（繁忙期・決算・体制変更）を聞き、提案の時期を決め直す",
            "Ask about the customer's calendar (busy season, year end, reorganisation) and re-time the proposal",
        ),
        Some(StumblingReason::GuidanceLacking) => (
            "操作を一緒にやる場（ハンズオン・個別サポート）を設け、手順書を渡す",
            "Hold a hands-on session or one-to-one support, and hand over a step-by-step guide",
        ),
        Some(StumblingReason::NoNeedBias) => (
            "「不要」という思い込みに正面から向き合う：小さな試行を一緒に設計する",
            "Face the 'we don't need it' bias: design a small trial together",
        ),
        Some(StumblingReason::Other) | None => (
            "つまずきの理由を顧客と確かめ、理由に合う打ち手を選ぶ",
            "Confirm with the customer why they stumble, then pick the remedy that fits the reason",
        ),
    }
}

fn cards(ws: &Workspace, stage: &ElementId, kind: ElementKind) -> Vec<ElementId> {
    ws.ordered_members(stage, RelationKind::InStage).into_iter().filter(|c| ws.kind_of(c) == Some(kind)).collect()
}

/// The playbook of `journey`, or `None` if it is not a journey.
pub fn playbook(ws: &Workspace, journey: &ElementId) -> Option<Playbook> {
    if ws.kind_of(journey) != Some(ElementKind::Journey) {
        return None;
    }
    let audience = ws.outgoing(journey, RelationKind::IsFor).iter().map(|r| Ref::of(ws, &r.to)).collect();
    let mut stages = Vec::new();
    let mut previous: Option<(ElementId, String)> = None;
    for stage in ws.ordered_members(journey, RelationKind::InJourney) {
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
            plays: plays(ws, &stage, data.ttv_target_days),
        });
    }
    Some(Playbook { journey: Ref::of(ws, journey), audience, stages })
}

fn plays(ws: &Workspace, stage: &ElementId, ttv: Option<u32>) -> Vec<Play> {
    let actions = cards(ws, stage, ElementKind::CsAction);
    let addressing = |a: &ElementId| !ws.outgoing(a, RelationKind::Addresses).is_empty();
    let mut plays = Vec::new();

    let mut steps: Vec<Step> = actions.iter().filter(|a| !addressing(a)).map(|a| Step::from_card(ws, a)).collect();
    steps.extend(cards(ws, stage, ElementKind::Touchpoint).iter().map(|t| Step::from_card(ws, t)));
    if !steps.is_empty() {
        plays.push(Play { trigger: PlayTrigger::StageEntered, day: Some(0), steps, sources: vec![stage.clone()] });
    }

    for point in cards(ws, stage, ElementKind::StumblingPoint) {
        let Some(ElementData::StumblingPoint(sp)) = ws.data(&point) else { continue };
        if sp.polarity != Polarity::Negative {
            continue;
        }
        let mut answers: Vec<ElementId> =
            ws.incoming(&point, RelationKind::Addresses).into_iter().map(|r| r.from).collect();
        answers.sort_by_key(|a| actions.iter().position(|x| x == a).unwrap_or(usize::MAX));
        let steps = if answers.is_empty() {
            let (ja, en) = default_intervention(sp.reason);
            vec![Step::suggested(ja, en, &point)]
        } else {
            answers.iter().map(|a| Step::from_card(ws, a)).collect()
        };
        plays.push(Play {
            trigger: PlayTrigger::StumblingPoint { point: Ref::of(ws, &point), reason: sp.reason },
            day: None,
            steps,
            sources: vec![point.clone()],
        });
    }

    for emotion in cards(ws, stage, ElementKind::Emotion) {
        let Some(ElementData::Emotion(e)) = ws.data(&emotion) else { continue };
        if e.score >= 0 {
            continue;
        }
        let steps = if actions.is_empty() {
            vec![Step::suggested(
                "気持ちが沈んでいる理由を確かめる（アプリ内の一言アンケート、メール、電話のいずれか）",
                "Find out what is weighing on the customer (a one-question in-app survey, an email or a call)",
                &emotion,
            )]
        } else {
            actions.iter().map(|a| Step::from_card(ws, a)).collect()
        };
        plays.push(Play {
            trigger: PlayTrigger::EmotionDip { emotion: Ref::of(ws, &emotion) },
            day: None,
            steps,
            sources: vec![emotion.clone()],
        });
    }

    if let Some(days) = ttv {
        plays.push(Play {
            trigger: PlayTrigger::ExitCriteriaLate { after_days: days },
            day: Some(days),
            steps: vec![Step::suggested(
                "完了条件に届いていない理由を顧客と振り返り、次の一手と新しい期日を決める",
                "Review with the customer why the exit criteria are not met, and agree the next move and a new date",
                stage,
            )],
            sources: vec![stage.clone()],
        });
    }
    plays
}

/// What starts a play, as a heading in `ja` or `en` (the Markdown and HTML documents share it).
pub fn trigger_text(trigger: &PlayTrigger, japanese: bool) -> String {
    let l = |ja: String, en: String| if japanese { ja } else { en };
    match trigger {
        PlayTrigger::StageEntered => l("ステージに入ったとき".into(), "When the customer enters the stage".into()),
        PlayTrigger::StumblingPoint { point, .. } => {
            l(format!("つまずき「{}」が見えたとき", point.name), format!("When \"{}\" is observed", point.name))
        }
        PlayTrigger::EmotionDip { emotion } => {
            l(format!("感情の落ち込み「{}」", emotion.name), format!("On the emotion dip \"{}\"", emotion.name))
        }
        PlayTrigger::ExitCriteriaLate { after_days } => l(
            format!("{after_days}日目までに完了条件を満たしていないとき"),
            format!("When the exit criteria are not met by day {after_days}"),
        ),
    }
}

/// The playbook as a Markdown document in `ja` or `en`; each line ends with the ids it comes from.
pub fn markdown(pb: &Playbook, japanese: bool) -> String {
    use std::fmt::Write;
    let l = |ja: &str, en: &str| if japanese { ja.to_string() } else { en.to_string() };
    let mut md = String::new();
    let _ = writeln!(md, "# {} — {}\n", l("プレイブック", "Playbook"), pb.journey.name);
    if !pb.audience.is_empty() {
        let names: Vec<&str> = pb.audience.iter().map(|r| r.name.as_str()).collect();
        let _ = writeln!(md, "{}: {}\n", l("対象", "For"), names.join(", "));
    }
    for (i, s) in pb.stages.iter().enumerate() {
        let _ = writeln!(md, "## {}. {} <!-- {} -->\n", i + 1, s.stage.name, s.stage.id);
        if !s.goal.is_empty() {
            let _ = writeln!(md, "- {}: {}", l("目標", "Goal"), s.goal);
        }
        if let Some(entry) = &s.entry_criteria {
            let _ = writeln!(md, "- {}: {} <!-- {} -->", l("開始条件", "Entry criteria"), entry.text, entry.source);
        }
        if !s.exit_criteria.is_empty() {
            let _ = writeln!(md, "- {}: {}", l("完了条件", "Exit criteria"), s.exit_criteria);
        }
        if let Some(days) = s.ttv_target_days {
            let _ = writeln!(md, "- {}: {days}{}", l("価値実感までの目標", "Time-to-value target"), l("日", " days"));
        }
        for play in &s.plays {
            let trigger = trigger_text(&play.trigger, japanese);
            let sources: Vec<&str> = play.sources.iter().map(ElementId::as_str).collect();
            let _ = writeln!(md, "\n### {trigger} <!-- {} -->\n", sources.join(" "));
            for (n, step) in play.steps.iter().enumerate() {
                let text = if japanese { &step.text.ja } else { &step.text.en };
                let mark = if step.suggested { l("（提案）", " (suggested)") } else { String::new() };
                let ids: Vec<&str> = step.sources.iter().map(ElementId::as_str).collect();
                let _ = writeln!(md, "{}. {text}{mark} <!-- {} -->", n + 1, ids.join(" "));
            }
        }
        md.push('\n');
    }
    md
}
