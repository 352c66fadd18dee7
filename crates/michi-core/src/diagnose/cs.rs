//! Michi's own rules: what a journey, a process and the links between them need for the method to
//! work (domain.md §2–3). Each names the elements concerned and says how to fix it.

use std::collections::BTreeMap;

use super::index::Index;
use super::rule::{Category, Reach, Report, Rule};
use crate::element::Severity;
use crate::element::{ElementData, ElementKind, GatewayKind, Polarity};
use crate::id::ElementId;
use crate::relation::RelationKind;
use crate::text::Text;

#[allow(clippy::too_many_arguments)]
const fn cs(
    id: &'static str,
    category: Category,
    documentation: Severity,
    title: [&'static str; 2],
    why: [&'static str; 2],
    fix: [&'static str; 2],
    reach: Reach,
    check: fn(&Index, &mut Report),
) -> Rule {
    Rule { id, category, documentation, recommended: Severity::Off, title, why, fix, ported: false, reach, check }
}

pub static RULES: &[Rule] = &[
    cs(
        "journey-has-stages",
        Category::Journey,
        Severity::Warning,
        ["ジャーニーにステージがある", "A journey has stages"],
        [
            "ステージのないジャーニーからは、プレイブックも指標も導けません。",
            "Without stages a journey yields no playbook and no metrics.",
        ],
        [
            "顧客の道のりを、ゴールに向かう段階（オンボーディング、活用・定着…）に分けて並べます。",
            "Split the customer's road into steps toward their goal (onboarding, adoption…).",
        ],
        Reach::Workspace(&[ElementKind::Journey]),
        journey_has_stages,
    ),
    cs(
        "journey-segment",
        Category::Journey,
        Severity::Warning,
        ["ジャーニーが対象セグメントを示す", "A journey names its segment"],
        [
            "規模・業種・モチベーション／リテラシーで顧客の道のりは変わります。誰のジャーニーか分からないと使い分けられません。",
            "Size, industry and motivation/literacy change the road; a journey for nobody in particular cannot be applied.",
        ],
        ["プロパティで「対象セグメント」を選びます。", "Pick the segment in the journey's properties."],
        Reach::Workspace(&[ElementKind::Journey]),
        journey_segment,
    ),
    cs(
        "stage-exit-criteria",
        Category::Journey,
        Severity::Warning,
        ["ステージに終了条件がある", "A stage has exit criteria"],
        [
            "いつ次のステージに進んだと言えるかが決まっていないと、進捗も滞留も測れません。",
            "Without exit criteria nobody can tell when a customer has moved on, so progress and stuck cases cannot be measured.",
        ],
        [
            "顧客側で観察できる状態で書きます（例：現場担当者が週3回ログインしている）。",
            "Write a state observable on the customer's side (e.g. field staff log in three times a week).",
        ],
        Reach::Workspace(&[ElementKind::Stage]),
        stage_exit_criteria,
    ),
    cs(
        "stage-ttv-target",
        Category::Journey,
        Severity::Warning,
        ["ステージに価値実感までの目標日数がある", "A stage has a time-to-value target"],
        [
            "目標日数がないと、遅れている顧客に気づけず、先回りの支援が始まりません。",
            "Without a target, late customers go unnoticed and proactive help never starts.",
        ],
        [
            "ステージに入ってから終了条件を満たすまでの目標日数を入れます。",
            "Enter the target days from entering the stage to meeting its exit criteria.",
        ],
        Reach::Workspace(&[ElementKind::Stage]),
        stage_ttv_target,
    ),
    cs(
        "stage-metric",
        Category::Journey,
        Severity::Warning,
        ["ステージに指標がある", "A stage has a metric"],
        [
            "測らないステージは改善できません。指標はプレイブックの効果を確かめる手段です。",
            "A stage nobody measures cannot be improved; metrics show whether the playbook works.",
        ],
        ["「指標」のレーンにカードを追加します。", "Add a card in the Metrics lane."],
        Reach::Workspace(&[ElementKind::Stage]),
        stage_metric,
    ),
    cs(
        "stage-cs-action",
        Category::Journey,
        Severity::Warning,
        ["ステージにCSのアクションがある", "A stage has a CS action"],
        [
            "CSが何をするかがないステージは、プレイブックが空になります。",
            "A stage where CS does nothing leaves the playbook empty.",
        ],
        ["「CSのアクション」のレーンにカードを追加します。", "Add a card in the CS actions lane."],
        Reach::Workspace(&[ElementKind::Stage]),
        stage_cs_action,
    ),
    cs(
        "stumbling-point-reason",
        Category::Journey,
        Severity::Warning,
        ["つまずきに理由がある", "A stumbling point has a reason"],
        [
            "顧客が動かない理由は4つ（メリットが伝わらない・今ではない・ガイド不足・不要という思い込み）。理由で打ち手が変わります。",
            "Customers do not act for one of four reasons (benefit unclear, not now, guidance lacking, 'we don't need it' bias); the reason decides the remedy.",
        ],
        ["プロパティで4つの理由から選びます。", "Pick one of the four reasons in its properties."],
        Reach::Workspace(&[ElementKind::StumblingPoint]),
        stumbling_point_reason,
    ),
    cs(
        "stumbling-point-addressed",
        Category::Journey,
        Severity::Warning,
        ["つまずきに対処するCSのアクションがある", "A stumbling point is addressed by a CS action"],
        [
            "対処のないつまずきは、顧客を止めたままにします。",
            "A stumbling point nobody addresses keeps customers stuck.",
        ],
        [
            "CSのアクションを選び、プロパティの「対処するつまずき」でこのつまずきにチェックを入れます。",
            "Select a CS action and tick this stumbling point under 'Addresses' in its properties.",
        ],
        Reach::Workspace(&[ElementKind::StumblingPoint]),
        stumbling_point_addressed,
    ),
    cs(
        "emotion-dip-cs-action",
        Category::Journey,
        Severity::Info,
        ["感情が落ち込むステージにCSのアクションがある", "An emotion dip has a CS action"],
        [
            "顧客の気持ちが沈むところが、解約の芽が出るところです。",
            "Where the customer's mood drops is where churn starts.",
        ],
        ["同じステージにCSのアクションを追加します。", "Add a CS action in the same stage."],
        Reach::Workspace(&[ElementKind::Emotion]),
        emotion_dip_cs_action,
    ),
    cs(
        "touchpoint-channel",
        Category::Journey,
        Severity::Info,
        ["タッチポイントにチャネルがある", "A touchpoint has a channel"],
        [
            "チャネル（訪問・オンライン会議・メール…）が決まらないと、誰がどれだけ動くかを見積もれません。",
            "Without a channel (on-site, online meeting, email…) nobody can size the work.",
        ],
        ["プロパティでチャネルを選びます。", "Pick a channel in its properties."],
        Reach::Workspace(&[ElementKind::Touchpoint]),
        touchpoint_channel,
    ),
    cs(
        "touchpoint-touch-type",
        Category::Journey,
        Severity::Info,
        ["タッチポイントにタッチの種類がある", "A touchpoint has a touch type"],
        [
            "ハイタッチ・ロータッチ・テックタッチの別が、体制と費用を決めます。",
            "High, low or tech touch decides the team and the cost.",
        ],
        ["プロパティでタッチの種類を選びます。", "Pick the touch type in its properties."],
        Reach::Workspace(&[ElementKind::Touchpoint]),
        touchpoint_touch_type,
    ),
    cs(
        "handoff-lands-on-activity",
        Category::Process,
        Severity::Warning,
        ["引き継ぎが受け手のレーンのアクティビティに届く", "A hand-off lands on an activity in the receiving lane"],
        [
            "プール全体やレーンのない要素に届く引き継ぎは、誰が受け取るのか分からず、そこで仕事が落ちます。",
            "A hand-off to a whole pool, or to something without a role, has no receiver: that is where work gets dropped.",
        ],
        [
            "受け手のレーンに受け取るアクティビティを置き、引き継ぎの先をそこにつなぎ替えます。",
            "Put the receiving activity in the receiver's lane and reconnect the hand-off to it.",
        ],
        Reach::Part,
        handoff_lands_on_activity,
    ),
    cs(
        "activity-lane",
        Category::Process,
        Severity::Warning,
        ["アクティビティにレーン（担当）がある", "An activity has a lane"],
        [
            "レーンは担当の役割です。担当のない仕事は誰もやりません。",
            "A lane is the role that does the work; work without a role is done by nobody.",
        ],
        ["アクティビティを担当のレーンの中へ動かします。", "Move the activity into the lane of the role doing it."],
        Reach::Part,
        activity_lane,
    ),
    cs(
        "decision-flows-labelled",
        Category::Process,
        Severity::Warning,
        ["分岐の出口に条件が書かれている", "A decision's outgoing flows are labelled"],
        [
            "分岐の先に条件（はい／いいえ、金額が…以上）がないと、図を読んだ人がどちらに進むか判断できません。",
            "Without a condition on each way out (yes/no, amount over…), a reader cannot tell which way to go.",
        ],
        [
            "分岐から出る流れを選び、条件を名前として入れます。",
            "Select each flow leaving the decision and name its condition.",
        ],
        Reach::Part,
        decision_flows_labelled,
    ),
    cs(
        "stage-served",
        Category::CrossModel,
        Severity::Info,
        ["ステージを支える業務プロセスのアクティビティがある", "A journey stage is served by a process activity"],
        [
            "ジャーニーと業務プロセスは同じモデルの二つの見方です。支える仕事のないステージは、絵に描いた餅になります。",
            "A journey and a process are two views of one model; a stage no work serves stays a drawing.",
        ],
        [
            "そのステージのための業務のアクティビティを選び、「支えるジャーニーのステージ」でこのステージにチェックを入れます。",
            "Select the activity doing the stage's work and tick this stage under 'Serves journey stages'.",
        ],
        Reach::Workspace(&[ElementKind::Stage]),
        stage_served,
    ),
    cs(
        "activity-serves-stage",
        Category::CrossModel,
        Severity::Info,
        ["アクティビティが支えるステージを示す", "An activity serves a journey stage"],
        [
            "どのステージのための仕事かが分かると、滞留や負荷をジャーニーの言葉で語れます。",
            "Knowing which stage a task serves lets you talk about stuck cases and load in the journey's terms.",
        ],
        [
            "プロパティの「支えるジャーニーのステージ」でステージにチェックを入れます。",
            "Tick a stage under 'Serves journey stages' in its properties.",
        ],
        Reach::Part,
        activity_serves_stage,
    ),
    cs(
        "unique-names",
        Category::Journey,
        Severity::Warning,
        ["一意であるべき名前が重複していない", "Names that must be unique are unique"],
        [
            "同じ名前のステージ・ジャーニー・用語・セグメントは、会話でもCSVの取り込みでも取り違えの元です。",
            "Two stages, journeys, terms or segments with one name get mixed up, in conversation and in CSV imports.",
        ],
        ["どちらかの名前を変えるか、重複しているものを一つにまとめます。", "Rename one, or merge the duplicates."],
        Reach::Workspace(&[ElementKind::Journey, ElementKind::Segment, ElementKind::Term]),
        unique_names,
    ),
];

fn quoted(ix: &Index, id: &ElementId) -> (String, String) {
    let label = ix.label(id).trim();
    if label.is_empty() {
        ("（名前なし）".to_string(), "(unnamed)".to_string())
    } else {
        (format!("「{label}」"), format!("\"{label}\""))
    }
}

fn journey_has_stages(ix: &Index, r: &mut Report) {
    for j in ix.of_kind(ElementKind::Journey) {
        if ix.sources(j, RelationKind::InJourney).next().is_none() {
            let (ja, en) = quoted(ix, j);
            r.add(
                vec![j.clone()],
                Text::new(format!("ジャーニー{ja}にステージがありません"), format!("Journey {en} has no stages")),
            );
        }
    }
}

fn journey_segment(ix: &Index, r: &mut Report) {
    for j in ix.of_kind(ElementKind::Journey) {
        if !ix.targets(j, RelationKind::IsFor).any(|t| ix.kind(t) == Some(ElementKind::Segment)) {
            let (ja, en) = quoted(ix, j);
            r.add(
                vec![j.clone()],
                Text::new(
                    format!("ジャーニー{ja}の対象セグメントがありません"),
                    format!("Journey {en} names no segment"),
                ),
            );
        }
    }
}

fn stages<'a: 'b, 'b>(ix: &'b Index<'a>) -> impl Iterator<Item = (&'a ElementId, &'a crate::element::Stage)> + 'b {
    ix.of_kind(ElementKind::Stage).filter_map(|id| match ix.data(id) {
        Some(ElementData::Stage(s)) => Some((id, s)),
        _ => None,
    })
}

fn stage_exit_criteria(ix: &Index, r: &mut Report) {
    for (id, s) in stages(ix) {
        if s.exit_criteria.trim().is_empty() {
            let (ja, en) = quoted(ix, id);
            r.add(
                vec![id.clone()],
                Text::new(format!("ステージ{ja}に終了条件がありません"), format!("Stage {en} has no exit criteria")),
            );
        }
    }
}

fn stage_ttv_target(ix: &Index, r: &mut Report) {
    for (id, s) in stages(ix) {
        if s.ttv_target_days.is_none() {
            let (ja, en) = quoted(ix, id);
            r.add(
                vec![id.clone()],
                Text::new(
                    format!("ステージ{ja}に価値実感までの目標日数がありません"),
                    format!("Stage {en} has no time-to-value target"),
                ),
            );
        }
    }
}

fn stage_metric(ix: &Index, r: &mut Report) {
    for (id, _) in stages(ix) {
        if ix.sources(id, RelationKind::Measures).next().is_none() {
            let (ja, en) = quoted(ix, id);
            r.add(
                vec![id.clone()],
                Text::new(format!("ステージ{ja}を測る指標がありません"), format!("No metric measures stage {en}")),
            );
        }
    }
}

fn cards_of<'a>(ix: &Index<'a>, stage: &ElementId, kind: ElementKind) -> impl Iterator<Item = &'a ElementId> {
    ix.sources(stage, RelationKind::InStage).filter(move |c| ix.kind(c) == Some(kind)).collect::<Vec<_>>().into_iter()
}

fn stage_cs_action(ix: &Index, r: &mut Report) {
    for (id, _) in stages(ix) {
        if cards_of(ix, id, ElementKind::CsAction).next().is_none() {
            let (ja, en) = quoted(ix, id);
            r.add(
                vec![id.clone()],
                Text::new(format!("ステージ{ja}にCSのアクションがありません"), format!("Stage {en} has no CS action")),
            );
        }
    }
}

fn negative_stumbling_points<'a: 'b, 'b>(
    ix: &'b Index<'a>,
) -> impl Iterator<Item = (&'a ElementId, &'a crate::element::StumblingPoint)> + 'b {
    ix.of_kind(ElementKind::StumblingPoint).filter_map(|id| match ix.data(id) {
        Some(ElementData::StumblingPoint(s)) if s.polarity == Polarity::Negative => Some((id, s)),
        _ => None,
    })
}

fn stumbling_point_reason(ix: &Index, r: &mut Report) {
    for (id, s) in negative_stumbling_points(ix) {
        if s.reason.is_none() {
            let (ja, en) = quoted(ix, id);
            r.add(
                vec![id.clone()],
                Text::new(
                    format!("つまずき{ja}の理由が選ばれていません"),
                    format!("Stumbling point {en} has no reason"),
                ),
            );
        }
    }
}

fn stumbling_point_addressed(ix: &Index, r: &mut Report) {
    let catalog = ix.ws.catalog();
    for (id, s) in negative_stumbling_points(ix) {
        if ix.sources(id, RelationKind::Addresses).next().is_none() {
            let (ja, en) = quoted(ix, id);
            // The playbook's default intervention for the reason is the suggested fix.
            let fix = match s.reason {
                Some(_) => {
                    let fix = catalog.intervention(s.reason);
                    Text::new(
                        format!("理由に合うCSのアクションを加えます：{}", fix.ja),
                        format!("Add a CS action that fits the reason: {}", fix.en),
                    )
                }
                None => Text::new(
                    "まず理由を選ぶと、打ち手の型が分かります。",
                    "Pick its reason first: the reason suggests the remedy.",
                ),
            };
            r.add_with_fix(
                vec![id.clone()],
                Text::new(
                    format!("つまずき{ja}に対処するCSのアクションがありません"),
                    format!("No CS action addresses stumbling point {en}"),
                ),
                fix,
            );
        }
    }
}

fn emotion_dip_cs_action(ix: &Index, r: &mut Report) {
    for id in ix.of_kind(ElementKind::Emotion) {
        let Some(ElementData::Emotion(e)) = ix.data(id) else { continue };
        if e.score >= 0 {
            continue;
        }
        let Some(stage) = ix.target(id, RelationKind::InStage) else { continue };
        if cards_of(ix, stage, ElementKind::CsAction).next().is_none() {
            let (ja, en) = quoted(ix, stage);
            r.add(
                vec![id.clone(), stage.clone()],
                Text::new(
                    format!("ステージ{ja}で顧客の感情が落ち込んでいますが、CSのアクションがありません"),
                    format!("The customer's mood dips in stage {en} and CS does nothing there"),
                ),
            );
        }
    }
}

fn touchpoints<'a: 'b, 'b>(
    ix: &'b Index<'a>,
) -> impl Iterator<Item = (&'a ElementId, &'a crate::element::Touchpoint)> + 'b {
    ix.of_kind(ElementKind::Touchpoint).filter_map(|id| match ix.data(id) {
        Some(ElementData::Touchpoint(t)) => Some((id, t)),
        _ => None,
    })
}

fn touchpoint_channel(ix: &Index, r: &mut Report) {
    for (id, t) in touchpoints(ix) {
        if t.channel.is_none() {
            let (ja, en) = quoted(ix, id);
            r.add(
                vec![id.clone()],
                Text::new(
                    format!("タッチポイント{ja}のチャネルがありません"),
                    format!("Touchpoint {en} has no channel"),
                ),
            );
        }
    }
}

fn touchpoint_touch_type(ix: &Index, r: &mut Report) {
    for (id, t) in touchpoints(ix) {
        if t.touch.is_none() {
            let (ja, en) = quoted(ix, id);
            r.add(
                vec![id.clone()],
                Text::new(
                    format!("タッチポイント{ja}のタッチの種類がありません"),
                    format!("Touchpoint {en} has no touch type"),
                ),
            );
        }
    }
}

fn handoff_lands_on_activity(ix: &Index, r: &mut Report) {
    for flow in ix.of_kind(ElementKind::MessageFlow) {
        let (_, Some(target)) = ix.ends(flow) else { continue };
        let lands = ix.kind(target) == Some(ElementKind::Activity) && ix.target(target, RelationKind::InLane).is_some();
        if !lands {
            let (ja, en) = quoted(ix, target);
            r.add(
                vec![flow.clone(), target.clone()],
                Text::new(
                    format!("引き継ぎの先{ja}が、受け手のレーンにあるアクティビティではありません"),
                    format!("The hand-off ends on {en}, which is not an activity in the receiver's lane"),
                ),
            );
        }
    }
}

/// The process whose lanes an element's role is read from: its container, up through sub-processes.
fn process_of<'a>(ix: &'a Index, id: &ElementId) -> Option<&'a ElementId> {
    let mut at = ix.parent(id)?;
    for _ in 0..64 {
        if ix.kind(at) == Some(ElementKind::Process) {
            return Some(at);
        }
        at = ix.parent(at)?;
    }
    None
}

fn activity_lane(ix: &Index, r: &mut Report) {
    for id in ix.of_kind(ElementKind::Activity) {
        if ix.target(id, RelationKind::InLane).is_some() {
            continue;
        }
        // Only where the process has roles to be in: a pool without lanes is one role.
        let Some(process) = process_of(ix, id) else { continue };
        if ix.sources(process, RelationKind::LaneIn).next().is_none() {
            continue;
        }
        let (ja, en) = quoted(ix, id);
        r.add(
            vec![id.clone()],
            Text::new(
                format!("アクティビティ{ja}がどのレーンにも入っていません"),
                format!("Activity {en} is in no lane"),
            ),
        );
    }
}

fn decision_flows_labelled(ix: &Index, r: &mut Report) {
    for id in ix.of_kind(ElementKind::Gateway) {
        let Some(ElementData::Gateway(g)) = ix.data(id) else { continue };
        if !matches!(g.kind, GatewayKind::Exclusive | GatewayKind::Inclusive) {
            continue;
        }
        let out = ix.outgoing(id, ElementKind::SequenceFlow);
        if out.len() < 2 {
            continue;
        }
        let unlabelled: Vec<ElementId> = out.into_iter().filter(|f| ix.label(f).trim().is_empty()).cloned().collect();
        if !unlabelled.is_empty() {
            let (ja, en) = quoted(ix, id);
            let mut elements = vec![id.clone()];
            let n = unlabelled.len();
            elements.extend(unlabelled);
            r.add(
                elements,
                Text::new(
                    format!("分岐{ja}の出口{n}本に条件が書かれていません"),
                    format!("{n} way(s) out of decision {en} have no condition"),
                ),
            );
        }
    }
}

fn stage_served(ix: &Index, r: &mut Report) {
    // Only once the workspace models its processes: a journey-only workshop is not at fault.
    if ix.of_kind(ElementKind::Activity).next().is_none() {
        return;
    }
    for (id, _) in stages(ix) {
        if ix.sources(id, RelationKind::Serves).next().is_none() {
            let (ja, en) = quoted(ix, id);
            r.add(
                vec![id.clone()],
                Text::new(
                    format!("ステージ{ja}を支える業務のアクティビティがありません"),
                    format!("No process activity serves stage {en}"),
                ),
            );
        }
    }
}

fn activity_serves_stage(ix: &Index, r: &mut Report) {
    // In processes already tied to a journey: an imported reference process is not at fault.
    let mut linked: BTreeMap<&ElementId, bool> = BTreeMap::new();
    for id in ix.of_kind(ElementKind::Activity) {
        if let Some(p) = process_of(ix, id) {
            let serves = ix.targets(id, RelationKind::Serves).next().is_some();
            *linked.entry(p).or_default() |= serves;
        }
    }
    for id in ix.of_kind(ElementKind::Activity) {
        let Some(p) = process_of(ix, id) else { continue };
        if linked.get(p) == Some(&true) && ix.targets(id, RelationKind::Serves).next().is_none() {
            let (ja, en) = quoted(ix, id);
            r.add(
                vec![id.clone()],
                Text::new(
                    format!("アクティビティ{ja}が支えるステージが示されていません"),
                    format!("Activity {en} serves no journey stage"),
                ),
            );
        }
    }
}

fn unique_names(ix: &Index, r: &mut Report) {
    let mut report = |ids: Vec<ElementId>, what: (&str, &str)| {
        let (ja, en) = quoted(ix, &ids[0]);
        r.add(
            ids,
            Text::new(format!("{}{ja}が重複しています", what.0), format!("{} {en} appears more than once", what.1)),
        );
    };
    // Stages within their journey.
    for j in ix.of_kind(ElementKind::Journey) {
        for ids in duplicates(ix, ix.sources(j, RelationKind::InJourney)) {
            report(ids, ("ステージ名", "Stage name"));
        }
    }
    for (kind, what) in [
        (ElementKind::Journey, ("ジャーニー名", "Journey name")),
        (ElementKind::Segment, ("セグメント名", "Segment name")),
        (ElementKind::Term, ("用語", "Term")),
    ] {
        for ids in duplicates(ix, ix.of_kind(kind)) {
            report(ids, what);
        }
    }
}

/// Groups of two or more elements with the same non-empty name (trimmed), in id order.
fn duplicates<'a>(ix: &Index, ids: impl Iterator<Item = &'a ElementId>) -> Vec<Vec<ElementId>> {
    let mut by_name: BTreeMap<&str, Vec<ElementId>> = BTreeMap::new();
    for id in ids {
        let name = ix.label(id).trim();
        if !name.is_empty() {
            by_name.entry(name).or_default().push(id.clone());
        }
    }
    by_name
        .into_values()
        .filter(|v| v.len() > 1)
        .map(|mut v| {
            v.sort();
            v
        })
        .collect()
}
