//! Derivations on the sample and on small models: the playbook follows the journey, every play and
//! step traces to elements that exist, and gaps are filled by the default interventions, marked as
//! suggestions.

use michi_core::derive::playbook::{self, PlayTrigger};
use michi_core::element::{
    Card, CsFunction, ElementData, ElementKind, Emotion, Stage, StumblingPoint, StumblingReason,
};
use michi_core::{Edit, ElementId, IdGen, RelationKind, Workspace, perform};

fn run(ws: &mut Workspace, ids: &mut IdGen, edit: Edit) -> Vec<ElementId> {
    perform(ws, edit, ids).unwrap().created
}

#[test]
fn the_samples_playbook_follows_the_journey_and_traces_every_line() {
    let ws = michi_core::sample::sample();
    let journey = ws.elements_of_kind(ElementKind::Journey).find(|j| j.data.label().contains("導入〜更新")).unwrap();
    let pb = playbook::playbook(&ws, &journey.id).unwrap();
    let names: Vec<&str> = pb.stages.iter().map(|s| s.stage.name.as_str()).collect();
    assert_eq!(names, ["オンボーディング", "活用・定着", "拡大", "更新"]);
    assert!(pb.stages[0].entry_criteria.is_none(), "the first stage has no previous stage");
    // Entry criteria are the previous stage's exit criteria, traced to that stage.
    let entry = pb.stages[1].entry_criteria.as_ref().unwrap();
    assert_eq!(entry.source, pb.stages[0].stage.id);
    assert_eq!(entry.text, pb.stages[0].exit_criteria);
    assert!(pb.audience.iter().any(|a| a.name == "中堅製造業"));
    let mut steps = 0;
    for stage in &pb.stages {
        assert!(ws.contains(&stage.stage.id));
        for play in &stage.plays {
            assert!(!play.sources.is_empty() && play.sources.iter().all(|s| ws.contains(s)), "{play:?}");
            assert!(!play.steps.is_empty(), "{play:?}");
            for step in &play.steps {
                steps += 1;
                assert!(!step.sources.is_empty() && step.sources.iter().all(|s| ws.contains(s)), "{step:?}");
                assert!(!step.text.ja.is_empty() && !step.text.en.is_empty());
            }
        }
    }
    assert!(steps >= 10, "{steps} steps");
    // The onboarding kick-off is a step of entering onboarding, with its channel and touch.
    let entered = pb.stages[0].plays.iter().find(|p| p.trigger == PlayTrigger::StageEntered).unwrap();
    let kickoff = entered.steps.iter().find(|s| s.text.ja.contains("キックオフミーティング")).unwrap();
    assert!(kickoff.touch.is_some() && kickoff.channel.is_some());
    let doc = playbook::document(&ws, &pb);
    assert!(doc.title.plain_text(true).starts_with("プレイブック — 中堅製造業 導入〜更新ジャーニー"));
    assert_eq!(doc.sections[0].heading.plain_text(true), "1. オンボーディング");
    assert_eq!(doc.sections[0].sections[0].heading.plain_text(false), "When the customer enters the stage");
    // Every traced element of the document exists, and the views to go there are known.
    assert!(doc.traced().iter().all(|id| ws.contains(id) && doc.views.contains_key(*id)));
}

#[test]
fn stumbling_points_emotion_dips_and_late_stages_get_plays() {
    let (mut ws, mut ids) = (Workspace::new(), IdGen::sequential());
    let j = run(&mut ws, &mut ids, Edit::CreateJourney { name: "導入".into() })[0].clone();
    let s = run(&mut ws, &mut ids, Edit::AddStage { journey: j.clone(), index: None, name: "オンボーディング".into() })
        [0]
    .clone();
    run(
        &mut ws,
        &mut ids,
        Edit::Update {
            id: s.clone(),
            data: ElementData::Stage(Stage {
                name: "オンボーディング".into(),
                ttv_target_days: Some(30),
                ..Default::default()
            }),
        },
    );
    let card = |data| Edit::AddCard { stage: s.clone(), index: None, data };
    let addressed = run(
        &mut ws,
        &mut ids,
        card(ElementData::StumblingPoint(StumblingPoint {
            text: "操作が難しい".into(),
            reason: Some(StumblingReason::GuidanceLacking),
            ..Default::default()
        })),
    )[0]
    .clone();
    let open = run(
        &mut ws,
        &mut ids,
        card(ElementData::StumblingPoint(StumblingPoint {
            text: "今は忙しい".into(),
            reason: Some(StumblingReason::NotNow),
            ..Default::default()
        })),
    )[0]
    .clone();
    let dip = run(
        &mut ws,
        &mut ids,
        card(ElementData::Emotion(Emotion { text: "不安".into(), note: String::new(), score: -1 })),
    )[0]
    .clone();
    let hands_on = run(
        &mut ws,
        &mut ids,
        card(ElementData::CsAction(Card {
            text: "ハンズオン".into(),
            note: String::new(),
            tags: Vec::new(),
            day: None,
        })),
    )[0]
    .clone();
    run(&mut ws, &mut ids, Edit::Link { kind: RelationKind::Addresses, from: hands_on.clone(), to: addressed.clone() });

    let pb = playbook::playbook(&ws, &j).unwrap();
    let plays = &pb.stages[0].plays;
    // The only CS action addresses a stumbling point: entering the stage has no play of its own.
    assert!(!plays.iter().any(|p| p.trigger == PlayTrigger::StageEntered));
    let on = |point: &ElementId| {
        plays
            .iter()
            .find(|p| matches!(&p.trigger, PlayTrigger::StumblingPoint { point: r, .. } if &r.id == point))
            .unwrap()
    };
    assert_eq!(on(&addressed).steps[0].sources, *std::slice::from_ref(&hands_on));
    assert!(!on(&addressed).steps[0].suggested);
    // No CS action for "not now": the default intervention for that reason, as a suggestion.
    let gap = &on(&open).steps[0];
    assert!(gap.suggested && gap.text.en.contains("re-time"), "{gap:?}");
    assert_eq!(gap.sources, *std::slice::from_ref(&open));
    // The dip is answered by the stage's CS actions.
    let dip_play =
        plays.iter().find(|p| matches!(&p.trigger, PlayTrigger::EmotionDip { emotion } if emotion.id == dip)).unwrap();
    assert_eq!(dip_play.steps[0].sources, [hands_on]);
    // Day 30: the exit criteria are late.
    let late = plays.iter().find(|p| matches!(p.trigger, PlayTrigger::ExitCriteriaLate { after_days: 30 })).unwrap();
    assert_eq!(late.day, Some(30));
    assert!(late.steps[0].suggested);
    assert!(playbook::playbook(&ws, &s).is_none(), "a stage is not a journey");
}

#[test]
fn the_metrics_catalog_lists_progress_attached_metrics_gaps_and_a_kpi_tree() {
    use michi_core::derive::metrics::{self, Progress};
    use michi_core::element::MetricRole;
    let ws = michi_core::sample::sample();
    let journey =
        ws.elements_of_kind(ElementKind::Journey).find(|j| j.data.label().contains("導入〜更新")).unwrap().id.clone();
    let c = metrics::metrics(&ws, &journey).unwrap();
    assert!(c.snapshot.is_none(), "the sample has no state snapshot");
    assert_eq!(c.stages.len(), 4);
    // Every stage but the last converts to the next; every stage has time in stage and stuck count.
    for (i, s) in c.stages.iter().enumerate() {
        let conversions = s.progress.iter().filter(|p| matches!(p.metric, Progress::ConversionToNext { .. })).count();
        assert_eq!(conversions, usize::from(i < 3), "{}", s.stage.name);
        assert!(s.progress.iter().all(|p| p.value.is_none() && p.sources == [s.stage.id.clone()]));
        assert!(s.attached.iter().all(|a| a.sources.contains(&s.stage.id) && ws.contains(&a.metric.id)));
    }
    let onboarding = &c.stages[0];
    let time = onboarding.progress.iter().find(|p| p.metric == Progress::TimeInStage).unwrap();
    assert_eq!(time.target, Some(45.0));
    let rate = onboarding.attached.iter().find(|a| a.metric.name == "パイロットラインのデジタル入力率").unwrap();
    assert_eq!(rate.role, Some(MetricRole::Leading));
    assert!(c.gaps.is_empty(), "every sample stage has a metric: {:?}", c.gaps);
    // The KPI tree: journey → stages → the customer's goals and the stage's outcome metrics.
    assert_eq!(c.tree.kind, ElementKind::Journey);
    assert_eq!(c.tree.children.len(), 4);
    let kinds: Vec<ElementKind> = c.tree.children[0].children.iter().map(|n| n.kind).collect();
    assert!(kinds.contains(&ElementKind::CustomerGoal) && kinds.contains(&ElementKind::Metric), "{kinds:?}");
    use michi_core::derive::document::Block;
    let doc = metrics::document(&ws, &c);
    let Block::Table { rows, .. } = &doc.sections[0].blocks[0] else { panic!("a table of metrics") };
    let row = rows.iter().find(|r| r.cells[0].plain_text(false) == "Days in stage (median)").unwrap();
    let cells: Vec<String> = row.cells.iter().map(|c| c.plain_text(false)).collect();
    assert_eq!(
        cells,
        [
            "Days in stage (median)",
            "—",
            "45 days",
            "Progress",
            "The median days from entering the stage to leaving it",
            "A state snapshot"
        ]
    );
}

#[test]
fn progress_values_come_from_the_journeys_latest_snapshot_and_a_stage_without_metric_is_a_gap() {
    use michi_core::derive::metrics::{self, Progress};
    use michi_core::element::{NodeState, PresentCase, StateSnapshot};
    let (mut ws, mut ids) = (Workspace::new(), IdGen::sequential());
    let j = run(&mut ws, &mut ids, Edit::CreateJourney { name: "導入".into() })[0].clone();
    let a = run(&mut ws, &mut ids, Edit::AddStage { journey: j.clone(), index: None, name: "A".into() })[0].clone();
    let b = run(&mut ws, &mut ids, Edit::AddStage { journey: j.clone(), index: None, name: "B".into() })[0].clone();
    run(
        &mut ws,
        &mut ids,
        Edit::Update {
            id: a.clone(),
            data: ElementData::Stage(Stage { name: "A".into(), stuck_after_days: Some(10.0), ..Default::default() }),
        },
    );
    let day = 86_400.0;
    let snapshot = |as_of: f64, entered_a: u32, completed_a: u32| StateSnapshot {
        name: format!("{as_of}"),
        as_of,
        source: String::new(),
        manual: false,
        entries: vec![
            NodeState {
                entered: entered_a,
                carried: 2,
                completed: completed_a,
                median_hours: Some(96.0),
                present: vec![PresentCase { case: "A-1".into(), account: None, since: as_of - 20.0 * day }],
                ..NodeState::empty(a.clone())
            },
            NodeState { entered: completed_a, ..NodeState::empty(b.clone()) },
        ],
    };
    run(&mut ws, &mut ids, Edit::Create { data: ElementData::StateSnapshot(snapshot(10.0 * day, 4, 1)) });
    let latest = run(&mut ws, &mut ids, Edit::Create { data: ElementData::StateSnapshot(snapshot(40.0 * day, 6, 6)) })
        [0]
    .clone();
    let c = metrics::metrics(&ws, &j).unwrap();
    assert_eq!(c.snapshot.as_ref().map(|s| &s.id), Some(&latest));
    let of = |p: Progress| c.stages[0].progress.iter().find(|x| x.metric == p).unwrap().clone();
    let conversion =
        of(Progress::ConversionToNext { next: michi_core::derive::playbook::Ref { id: b.clone(), name: "B".into() } });
    // 2 carried over and 6 entered reached A; 6 of them moved on.
    assert_eq!(conversion.value, Some(0.75));
    assert_eq!(conversion.counts, Some((6, 8)));
    assert_eq!(conversion.sources, [a.clone(), latest.clone()]);
    assert_eq!(of(Progress::TimeInStage).value, Some(4.0));
    assert_eq!(of(Progress::StuckCount).value, Some(1.0), "20 days over a 10-day threshold");
    let gaps: Vec<&ElementId> = c.gaps.iter().map(|g| &g.id).collect();
    assert_eq!(gaps, [&a, &b]);
    // A metric attached to A closes its gap.
    run(
        &mut ws,
        &mut ids,
        Edit::AddCard {
            stage: a.clone(),
            index: None,
            data: ElementData::new_with_label(ElementKind::Metric, "利用率"),
        },
    );
    let c = metrics::metrics(&ws, &j).unwrap();
    assert_eq!(c.gaps.iter().map(|g| &g.id).collect::<Vec<_>>(), [&b]);
}

#[test]
fn the_sample_calls_for_a_believable_set_of_cs_functions_each_with_reasons() {
    use michi_core::derive::org;
    use michi_core::element::CsFunction;
    let ws = michi_core::sample::sample();
    let org = org::recommend(&ws);
    let functions: Vec<CsFunction> = org.recommended.iter().map(|r| r.function).collect();
    println!("{functions:?}");
    for f in [
        CsFunction::Education,
        CsFunction::CustomerMarketing,
        CsFunction::Services,
        CsFunction::Operations,
        CsFunction::Leadership,
    ] {
        assert!(functions.contains(&f), "{f:?} missing from {functions:?}");
    }
    assert_eq!(org.recommended.len() + org.not_recommended.len(), 12);
    for r in &org.recommended {
        assert!(!r.reasons.is_empty(), "{:?}", r.function);
        assert!(r.reasons.iter().all(|x| ws.contains(&x.element.id) && !x.why.ja.is_empty() && !x.why.en.is_empty()));
    }
}

/// A one-stage journey for the org rules: the stage's phase, and what a case adds to it.
struct RuleModel {
    ws: Workspace,
    ids: IdGen,
    stage: ElementId,
}

impl RuleModel {
    fn new(name: &str, phase: Option<michi_core::element::StagePhase>) -> RuleModel {
        let (mut ws, mut ids) = (Workspace::new(), IdGen::sequential());
        let j = run(&mut ws, &mut ids, Edit::CreateJourney { name: "導入".into() })[0].clone();
        let stage = run(&mut ws, &mut ids, Edit::AddStage { journey: j, index: None, name: name.into() })[0].clone();
        let data = ElementData::Stage(Stage { name: name.into(), phase, ..Default::default() });
        run(&mut ws, &mut ids, Edit::Update { id: stage.clone(), data });
        RuleModel { ws, ids, stage }
    }

    fn card(&mut self, data: ElementData) -> ElementId {
        run(&mut self.ws, &mut self.ids, Edit::AddCard { stage: self.stage.clone(), index: None, data })[0].clone()
    }

    fn create(&mut self, data: ElementData) -> ElementId {
        run(&mut self.ws, &mut self.ids, Edit::Create { data })[0].clone()
    }

    fn link(&mut self, kind: RelationKind, from: &ElementId, to: &ElementId) {
        run(&mut self.ws, &mut self.ids, Edit::Link { kind, from: from.clone(), to: to.clone() });
    }

    /// The elements `rule` fires on.
    fn fired(&self, rule: &str) -> Vec<ElementId> {
        michi_core::derive::org::rules::hits(&self.ws, self.ws.elements())
            .into_iter()
            .filter(|h| h.rule == rule)
            .map(|h| h.element)
            .collect()
    }
}

/// Every org rule has a case where it fires on the element it reads, and a near miss where it stays
/// quiet — the words that used to trigger it ("API" in "rapid", "設定" in "目標設定", an industry
/// on a segment, any metric) without the typed fact it reads now.
#[test]
fn each_org_rule_fires_on_its_typed_fact_and_stays_quiet_on_words() {
    use michi_core::derive::org::rules::RULES;
    use michi_core::element::{AccountSnapshot, StateSnapshot};
    use michi_core::element::{
        Activity, Channel, HealthModel, Metric, MetricRole, Reach, Segment, StagePhase, TouchType, Touchpoint, WorkTag,
    };
    type Build = fn(&mut RuleModel) -> ElementId;
    type At<'a> = (&'a str, Option<StagePhase>);
    fn tp(text: &str, touch: Option<TouchType>, channel: Option<Channel>, tags: Vec<WorkTag>) -> ElementData {
        ElementData::Touchpoint(Touchpoint { text: text.into(), touch, channel, tags, ..Default::default() })
    }
    fn sp(text: &str, reason: Option<StumblingReason>, tags: Vec<WorkTag>) -> ElementData {
        ElementData::StumblingPoint(StumblingPoint { text: text.into(), reason, tags, ..Default::default() })
    }
    fn card(text: &str, tags: Vec<WorkTag>) -> Card {
        Card { text: text.into(), note: String::new(), tags, day: None }
    }
    fn metric(m: &mut RuleModel, source: &str, role: Option<MetricRole>) -> ElementId {
        m.card(ElementData::Metric(Metric {
            name: "週次アクティブ率".into(),
            data_source: source.into(),
            role,
            ..Default::default()
        }))
    }
    fn segment(m: &mut RuleModel, industry: &str, contacts: Option<f64>) -> ElementId {
        m.create(ElementData::Segment(Segment {
            name: "中堅製造業".into(),
            industry: industry.into(),
            contacts_per_account: contacts,
            ..Default::default()
        }))
    }
    fn activity(m: &mut RuleModel) -> ElementId {
        use michi_core::process::edit::NewPool;
        let pools = vec![NewPool { name: "自社".into(), side: None, lanes: vec!["CS".into()] }];
        let p = perform(&mut m.ws, Edit::CreateProcessDiagram { name: "導入".into(), pools }, &mut m.ids).unwrap();
        let view = p.created_views[0].clone();
        let data = ElementData::Activity(Activity { name: "キックオフを実施".into(), ..Default::default() });
        let at = michi_core::view::Point { x: 200.0, y: 60.0 };
        let a = run(&mut m.ws, &mut m.ids, Edit::AddNode { view, data, at })[0].clone();
        let stage = m.stage.clone();
        m.link(RelationKind::Serves, &a, &stage);
        a
    }
    fn model(m: &mut RuleModel, model: HealthModel) -> ElementId {
        run(&mut m.ws, &mut m.ids, Edit::SetHealthModel { model });
        m.ws.elements_of_kind(ElementKind::HealthModel).next().unwrap().id.clone()
    }
    fn judgements_only() -> HealthModel {
        let mut model = HealthModel::default();
        for link in &mut model.links {
            link.indicators.retain(|i| i.kind == michi_core::element::IndicatorKind::Judgement);
        }
        model
    }
    use StagePhase::*;
    // (rule, stage name and phase, firing case; stage name and phase, quiet case)
    let cases: Vec<(&str, At, Build, At, Build)> = vec![
        (
            "education/guidance-lacking",
            ("活用", None),
            |m| m.card(sp("手順がわからない", Some(StumblingReason::GuidanceLacking), vec![])),
            ("活用", None),
            |m| m.card(sp("ガイドを読んでも使い方のガイドがない", Some(StumblingReason::NotNow), vec![])),
        ),
        (
            "education/teaching",
            ("活用", None),
            |m| m.card(tp("操作説明会", Some(TouchType::High), Some(Channel::Onsite), vec![WorkTag::Teaching])),
            ("活用", None),
            |m| m.card(tp("トレーニング・ワークショップ", Some(TouchType::High), Some(Channel::Onsite), vec![])),
        ),
        (
            "solutions-engineering/technical",
            ("活用", None),
            |m| m.card(sp("基幹システムとつながらない", None, vec![WorkTag::Technical])),
            ("活用", None),
            |m| m.card(sp("rapid な目標設定ができない（API も移行も話題に出る）", None, vec![])),
        ),
        (
            "support/trouble",
            ("活用", None),
            |m| m.card(ElementData::CustomerAction(card("画面が固まったので電話する", vec![WorkTag::Trouble]))),
            ("活用", None),
            |m| m.card(sp("エラーや不具合が怖くて問い合わせる", None, vec![])),
        ),
        (
            "support/help-center",
            ("活用", None),
            |m| m.card(tp("動画マニュアル", Some(TouchType::Tech), Some(Channel::HelpCenter), vec![])),
            ("活用", None),
            |m| m.card(tp("ヘルプセンターの案内", Some(TouchType::Tech), Some(Channel::Email), vec![])),
        ),
        (
            "support/contact-volume",
            ("活用", None),
            |m| segment(m, "", Some(2.0)),
            ("活用", None),
            |m| segment(m, "", Some(0.0)),
        ),
        (
            "product-liaison/request",
            ("活用", None),
            |m| m.card(sp("ライン別のグラフが欲しい", None, vec![WorkTag::ProductRequest])),
            ("活用", None),
            |m| m.card(ElementData::CustomerGoal(card("新機能の要望・feature request を出す", vec![]))),
        ),
        (
            "customer-marketing/program",
            ("活用", None),
            |m| m.card(tp("活用のヒントメール", Some(TouchType::Low), Some(Channel::Email), vec![])),
            ("活用", None),
            |m| {
                m.card(ElementData::Touchpoint(Touchpoint {
                    text: "テックタッチのウェビナー（と呼ぶ個別の電話）".into(),
                    touch: Some(TouchType::Tech),
                    channel: Some(Channel::Webinar),
                    reach: Some(Reach::PerAccount),
                    ..Default::default()
                }))
            },
        ),
        (
            "customer-enablement/community",
            ("活用", None),
            |m| m.card(tp("年次カンファレンス", Some(TouchType::Low), Some(Channel::Event), vec![])),
            ("活用", None),
            |m| m.card(tp("ユーザー会・コミュニティの紹介", Some(TouchType::High), Some(Channel::Onsite), vec![])),
        ),
        (
            "customer-enablement/advocacy",
            ("活用", None),
            |m| m.card(ElementData::CsAction(card("導入事例の取材を依頼する", vec![WorkTag::Advocacy]))),
            ("活用", None),
            |m| m.card(ElementData::CsAction(card("事例・ユーザー会を紹介する", vec![]))),
        ),
        (
            "services/onboarding-high-touch",
            ("立ち上げ", Some(Onboarding)),
            |m| m.card(tp("キックオフ", Some(TouchType::High), Some(Channel::Onsite), vec![])),
            ("オンボーディング", Some(Adoption)),
            |m| m.card(tp("キックオフ", Some(TouchType::High), Some(Channel::Onsite), vec![])),
        ),
        (
            "services/onboarding-action",
            ("立ち上げ", Some(Onboarding)),
            |m| m.card(ElementData::CsAction(card("推進体制を決める", vec![]))),
            ("導入・オンボーディング", None),
            |m| m.card(ElementData::CsAction(card("推進体制を決める", vec![]))),
        ),
        ("services/onboarding-activity", ("立ち上げ", Some(Onboarding)), activity, ("導入", Some(Renewal)), activity),
        (
            "account-management/relationship-action",
            ("定着", Some(Adoption)),
            |m| m.card(ElementData::CsAction(card("活用会を提案する", vec![]))),
            ("拡大・更新", Some(Onboarding)),
            |m| m.card(ElementData::CsAction(card("活用会を提案する", vec![]))),
        ),
        (
            "account-management/relationship-high-touch",
            ("契約", Some(Renewal)),
            |m| m.card(tp("役員レビュー", Some(TouchType::High), Some(Channel::Onsite), vec![])),
            ("拡大・更新", Some(Onboarding)),
            |m| m.card(tp("役員レビュー", Some(TouchType::High), Some(Channel::Onsite), vec![])),
        ),
        (
            "domain-expertise/domain-knowledge",
            ("活用", None),
            |m| m.card(ElementData::CustomerGoal(card("HACCPの記録を残す", vec![WorkTag::DomainKnowledge]))),
            ("活用", None),
            |m| segment(m, "製造業", None),
        ),
        (
            "operations/metric-data",
            ("活用", None),
            |m| metric(m, "プロダクト利用ログ", None),
            ("活用", None),
            |m| metric(m, "  ", Some(MetricRole::Leading)),
        ),
        (
            "operations/state-snapshot",
            ("活用", None),
            |m| m.create(ElementData::StateSnapshot(StateSnapshot { name: "10月".into(), ..Default::default() })),
            ("活用", None),
            |m| m.create(ElementData::AccountSnapshot(AccountSnapshot { name: "10月".into(), ..Default::default() })),
        ),
        (
            "operations/health-model",
            ("活用", None),
            |m| model(m, HealthModel::default()),
            ("活用", None),
            |m| model(m, judgements_only()),
        ),
        (
            "data-science/leading-metric",
            ("活用", None),
            |m| metric(m, "", Some(MetricRole::Leading)),
            ("活用", None),
            |m| metric(m, "プロダクト利用ログ", Some(MetricRole::Lagging)),
        ),
        (
            "data-science/health-model",
            ("活用", None),
            |m| model(m, judgements_only()),
            ("活用", None),
            |m| model(m, HealthModel { links: Vec::new(), ..HealthModel::default() }),
        ),
    ];
    let mut covered: Vec<&str> = Vec::new();
    for (rule, (name, phase), fires, (quiet_name, quiet_phase), quiet) in cases {
        let mut m = RuleModel::new(name, phase);
        let element = fires(&mut m);
        assert_eq!(m.fired(rule), [element], "{rule} fires");
        let mut m = RuleModel::new(quiet_name, quiet_phase);
        quiet(&mut m);
        assert_eq!(m.fired(rule), Vec::<ElementId>::new(), "{rule} stays quiet");
        covered.push(rule);
    }
    let all: Vec<&str> = RULES.iter().map(|r| r.id).collect();
    assert_eq!(covered, all, "every rule has a firing and a quiet case, in table order");
}

#[test]
fn a_play_nobody_owns_says_so_and_is_a_diagnosis_finding() {
    // A stage without a phase, a stumbling point without a tag or a reason any rule reads: no
    // function is tied to the play, and none is adopted.
    let mut m = RuleModel::new("活用", None);
    let point = m.card(sp_other("定例が流れがち"));
    let pb = playbook::playbook(&m.ws, &m.ws.elements_of_kind(ElementKind::Journey).next().unwrap().id).unwrap();
    let play = pb.stages[0].plays.iter().find(|p| p.sources.contains(&point)).unwrap();
    assert_eq!(play.owner, None);
    let doc = playbook::document(&m.ws, &pb);
    let michi_core::derive::document::Block::Paragraph { line, .. } = &doc.sections[0].sections[0].blocks[0] else {
        panic!("the play's owner first")
    };
    assert_eq!(line.plain_text(false), "Owner: none (make a function own this stage in the organization view)");
    let findings = michi_core::diagnose::diagnose(&m.ws, &Default::default());
    let found: Vec<_> = findings.iter().filter(|f| f.rule == "play-owned").collect();
    assert_eq!(found.len(), 1, "{findings:?}");
    assert_eq!(found[0].elements, std::slice::from_ref(&point));
    // Tagging the point as technical ties Solutions engineering to the play: owned (suggested), and
    // the finding goes.
    let data = sp_other("定例が流れがち");
    let ElementData::StumblingPoint(mut p) = data else { unreachable!() };
    p.tags = vec![michi_core::element::WorkTag::Technical];
    run(&mut m.ws, &mut m.ids, Edit::Update { id: point.clone(), data: ElementData::StumblingPoint(p) });
    let pb = playbook::playbook(&m.ws, &m.ws.elements_of_kind(ElementKind::Journey).next().unwrap().id).unwrap();
    let owner = pb.stages[0].plays[0].owner.clone().unwrap();
    assert_eq!(owner.function, Some(michi_core::element::CsFunction::SolutionsEngineering));
    assert!(owner.suggested);
    assert!(michi_core::diagnose::diagnose(&m.ws, &Default::default()).iter().all(|f| f.rule != "play-owned"));
}

fn sp_other(text: &str) -> ElementData {
    ElementData::StumblingPoint(StumblingPoint {
        text: text.into(),
        reason: Some(StumblingReason::Other),
        ..Default::default()
    })
}

/// Every derived line of the sample names at least one element that exists.
#[test]
fn every_derived_line_of_the_sample_traces_to_an_element() {
    use michi_core::derive::{metrics, org};
    let ws = michi_core::sample::sample();
    for j in ws.elements_of_kind(ElementKind::Journey) {
        let c = metrics::metrics(&ws, &j.id).unwrap();
        for s in &c.stages {
            assert!(ws.contains(&s.stage.id));
            for p in &s.progress {
                assert!(!p.sources.is_empty() && p.sources.iter().all(|x| ws.contains(x)), "{p:?}");
            }
            for a in &s.attached {
                assert!(a.sources.iter().all(|x| ws.contains(x)) && a.sources.len() == 2, "{a:?}");
            }
        }
    }
    let o = org::recommend(&ws);
    for r in o.recommended {
        for reason in r.reasons {
            assert!(ws.contains(&reason.element.id), "{reason:?}");
        }
    }
    let lines: Vec<_> = o.sizing.functions.iter().flat_map(|f| f.lines.iter()).collect();
    assert!(lines.len() >= 8, "{} sizing lines", lines.len());
    for line in lines {
        assert!(ws.contains(&line.source.id) && line.stage.iter().all(|s| ws.contains(&s.id)), "{line:?}");
    }
    // Every play of the sample has an owner: Account Management (adopted in the sample, with its
    // team) where it owns the stage, else a suggested function.
    let mut plays = 0;
    for j in ws.elements_of_kind(ElementKind::Journey) {
        for play in playbook::playbook(&ws, &j.id).unwrap().stages.iter().flat_map(|s| s.plays.iter()) {
            plays += 1;
            let owner = play.owner.as_ref().unwrap_or_else(|| panic!("{play:?} has no owner"));
            assert!(owner.function.is_some(), "{owner:?}");
            assert_eq!(owner.suggested, owner.function != Some(CsFunction::AccountManagement), "{owner:?}");
            assert_eq!(play.coverage.is_some(), !owner.suggested, "{play:?}");
        }
    }
    assert!(plays >= 24, "{plays} plays");
    // Each segment variant's plays and steps trace too, and the owners named are functions.
    for j in ws.elements_of_kind(ElementKind::Journey) {
        for seg in playbook::variants(&ws, &j.id) {
            let pb = playbook::playbook_for(&ws, &j.id, Some(&seg)).unwrap();
            for play in pb.stages.iter().flat_map(|s| s.plays.iter()) {
                assert!(play.sources.iter().all(|x| ws.contains(x)));
                assert!(play.steps.iter().all(|st| st.sources.iter().all(|x| ws.contains(x))));
                if let Some(owner) = &play.owner {
                    assert!(owner.function.is_some() && !owner.name.ja.is_empty(), "{owner:?}");
                }
            }
        }
    }
}

#[test]
fn accepting_a_recommendation_adopts_the_function_with_the_stages_its_reasons_point_at() {
    use michi_core::element::CsFunction;
    let mut ws = michi_core::sample::sample();
    let mut ids = IdGen::sequential();
    let before = ws.clone();
    let done = perform(&mut ws, Edit::AcceptFunction { function: CsFunction::Education }, &mut ids).unwrap();
    let f = done.created[0].clone();
    let owned: Vec<String> =
        ws.outgoing(&f, RelationKind::Owns).iter().map(|r| ws.data(&r.to).unwrap().label().to_string()).collect();
    assert!(owned.contains(&"オンボーディング".to_string()), "{owned:?}");
    // One step to undo.
    michi_core::apply(&mut ws, done.inverse).unwrap();
    assert_eq!(ws.to_data(), before.to_data());
    // A role goes into a function only.
    let stage = ws.elements_of_kind(ElementKind::Stage).next().unwrap().id.clone();
    assert!(perform(&mut ws, Edit::AddRole { function: stage, name: "x".into() }, &mut ids).is_err());
}

/// A journey for two segments with one onboarding stage: a shared kick-off, a touchpoint for the
/// enterprise only, and a stumbling point with no answer.
fn two_segment_journey() -> (Workspace, IdGen, ElementId, ElementId, [ElementId; 2], [ElementId; 3]) {
    use michi_core::element::{Channel, Segment, TouchType, Touchpoint};
    let (mut ws, mut ids) = (Workspace::new(), IdGen::sequential());
    let j = run(&mut ws, &mut ids, Edit::CreateJourney { name: "導入".into() })[0].clone();
    let s = run(&mut ws, &mut ids, Edit::AddStage { journey: j.clone(), index: None, name: "オンボーディング".into() })
        [0]
    .clone();
    let data = ElementData::Stage(Stage {
        name: "オンボーディング".into(),
        phase: Some(michi_core::element::StagePhase::Onboarding),
        ..Default::default()
    });
    run(&mut ws, &mut ids, Edit::Update { id: s.clone(), data });
    let mut segment = |name: &str, accounts| {
        let data = ElementData::Segment(Segment { name: name.into(), accounts: Some(accounts), ..Default::default() });
        let id = run(&mut ws, &mut ids, Edit::Create { data })[0].clone();
        run(&mut ws, &mut ids, Edit::Link { kind: RelationKind::IsFor, from: j.clone(), to: id.clone() });
        id
    };
    let mid = segment("中堅", 100);
    let ent = segment("大手", 10);
    let touch = |text: &str, per_year, minutes| {
        ElementData::Touchpoint(Touchpoint {
            text: text.into(),
            channel: Some(Channel::Onsite),
            touch: Some(TouchType::High),
            per_year,
            minutes,
            ..Default::default()
        })
    };
    let card = |data| Edit::AddCard { stage: s.clone(), index: None, data };
    let kickoff = run(&mut ws, &mut ids, card(touch("キックオフ", None, Some(90))))[0].clone();
    let visit = run(&mut ws, &mut ids, card(touch("工場訪問", Some(3.0), Some(240))))[0].clone();
    run(&mut ws, &mut ids, Edit::Link { kind: RelationKind::IsFor, from: visit.clone(), to: ent.clone() });
    let point = run(
        &mut ws,
        &mut ids,
        card(ElementData::StumblingPoint(StumblingPoint {
            text: "使い方がわからない".into(),
            reason: Some(StumblingReason::GuidanceLacking),
            ..Default::default()
        })),
    )[0]
    .clone();
    (ws, ids, j, s, [mid, ent], [kickoff, visit, point])
}

#[test]
fn a_card_drawn_for_one_segment_makes_a_playbook_variant_per_segment() {
    let (ws, _, j, _, [mid, ent], [kickoff, visit, _]) = two_segment_journey();
    assert_eq!(playbook::variants(&ws, &j), [mid.clone(), ent.clone()]);
    let steps_of = |pb: &playbook::Playbook| -> Vec<ElementId> {
        pb.stages[0].plays.iter().flat_map(|p| p.steps.iter().flat_map(|s| s.sources.clone())).collect()
    };
    let whole = playbook::playbook(&ws, &j).unwrap();
    assert!(whole.segment.is_none());
    assert_eq!(whole.variants.len(), 2);
    assert!(steps_of(&whole).contains(&visit));
    // The whole playbook names the segment of a step drawn for some segments only.
    let visit_step = whole.stages[0].plays[0].steps.iter().find(|s| s.sources == [visit.clone()]).unwrap();
    assert_eq!(visit_step.segments.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(), ["大手"]);
    let doc = playbook::document(&ws, &whole);
    let steps: Vec<String> = doc.sections[0].sections[0]
        .blocks
        .iter()
        .flat_map(|b| match b {
            michi_core::derive::document::Block::List { items, .. } => {
                items.iter().map(|l| l.plain_text(true)).collect()
            }
            _ => Vec::new(),
        })
        .collect();
    assert!(steps.iter().any(|s| s.starts_with("工場訪問") && s.ends_with("［大手のみ］")), "{steps:?}");
    let for_mid = playbook::playbook_for(&ws, &j, Some(&mid)).unwrap();
    assert_eq!(for_mid.segment.as_ref().unwrap().id, mid);
    assert!(steps_of(&for_mid).contains(&kickoff) && !steps_of(&for_mid).contains(&visit));
    let for_ent = playbook::playbook_for(&ws, &j, Some(&ent)).unwrap();
    assert!(steps_of(&for_ent).contains(&kickoff) && steps_of(&for_ent).contains(&visit));
    assert_eq!(playbook::document(&ws, &for_ent).title.plain_text(true), "プレイブック — 導入（大手）");
}

#[test]
fn a_play_is_owned_by_the_adopted_function_owning_its_stage_else_by_a_suggested_one() {
    use michi_core::element::CsFunction;
    let (mut ws, mut ids, j, s, _, [_, _, point]) = two_segment_journey();
    let owner_of = |ws: &Workspace, source: &ElementId| {
        let pb = playbook::playbook(ws, &j).unwrap();
        pb.stages[0].plays.iter().find(|p| p.sources.contains(source)).unwrap().owner.clone()
    };
    // Nothing adopted: the rules tie a lack of guidance to Education, and high touch in onboarding
    // to Services; each is a suggestion.
    let o = owner_of(&ws, &point).unwrap();
    assert_eq!((o.function, o.suggested, o.element.clone()), (Some(CsFunction::Education), true, None));
    let o = owner_of(&ws, &s).unwrap();
    assert_eq!((o.function, o.suggested), (Some(CsFunction::Services), true));
    // Education adopted (owning the stage): every play of the stage is Education's, not suggested.
    let f = run(&mut ws, &mut ids, Edit::AcceptFunction { function: CsFunction::Education })[0].clone();
    let o = owner_of(&ws, &s).unwrap();
    assert_eq!((o.function, o.suggested, o.element), (Some(CsFunction::Education), false, Some(f.clone())));
    // With Services adopted too, the stage-entered play goes to Services (the rules tie it there),
    // the stumbling point's play stays Education's.
    let g = run(&mut ws, &mut ids, Edit::AcceptFunction { function: CsFunction::Services })[0].clone();
    assert_eq!(owner_of(&ws, &s).unwrap().element, Some(g));
    assert_eq!(owner_of(&ws, &point).unwrap().element, Some(f));
    let doc = playbook::document(&ws, &playbook::playbook(&ws, &j).unwrap());
    let michi_core::derive::document::Block::Paragraph { line, .. } = &doc.sections[0].sections[1].blocks[0] else {
        panic!("the play's owner first")
    };
    assert_eq!(line.plain_text(true), "担当: 教育・トレーニング");
}

#[test]
fn the_catalog_in_the_workspace_replaces_default_interventions_and_function_texts() {
    use michi_core::Text;
    use michi_core::element::{Catalog, CsFunction};
    let (mut ws, mut ids, j, _, _, [_, _, point]) = two_segment_journey();
    let suggestion = |ws: &Workspace| {
        let pb = playbook::playbook(ws, &j).unwrap();
        pb.stages[0].plays.iter().find(|p| p.sources == [point.clone()]).unwrap().steps[0].clone()
    };
    assert!(suggestion(&ws).suggested && suggestion(&ws).text.ja.contains("ハンズオン"));
    let mut catalog = Catalog::default().complete();
    let entry = catalog.interventions.iter_mut().find(|i| i.reason == Some(StumblingReason::GuidanceLacking)).unwrap();
    entry.text = Text::new("画面を共有して一緒に操作する", "Share the screen and do it together");
    let f = catalog.functions.iter_mut().find(|f| f.function == CsFunction::Education).unwrap();
    f.name = Text::new("アカデミー", "");
    run(&mut ws, &mut ids, Edit::SetCatalog { catalog });
    let step = suggestion(&ws);
    assert_eq!(step.text, Text::new("画面を共有して一緒に操作する", "Share the screen and do it together"));
    let org = michi_core::derive::org::recommend(&ws);
    let edu = org.recommended.iter().find(|r| r.function == CsFunction::Education).unwrap();
    // An empty language falls back to the built-in text.
    assert_eq!(edu.name, Text::new("アカデミー", "Education"));
    // The diagnosis's suggested fix reads the same catalog.
    let d = michi_core::diagnose::diagnose(&ws, &Default::default());
    let fix = d.iter().find(|f| f.rule == "stumbling-point-addressed").and_then(|f| f.fix.clone()).unwrap();
    assert!(fix.ja.contains("画面を共有して一緒に操作する"), "{fix:?}");
}

/// A journey for two segments with an onboarding, an adoption and a renewal stage, for sizing.
/// 中堅: 100 accounts, 20 new a year, renewals by the contract term, 2 support contacts each.
/// 大手: 10 accounts, 2 new a year, 10 renewals a year, no support volume given.
fn sizing_model() -> (Workspace, IdGen, ElementId, [ElementId; 3], [ElementId; 2]) {
    use michi_core::element::{Channel, Segment, StagePhase, TouchType, Touchpoint};
    let (mut ws, mut ids) = (Workspace::new(), IdGen::sequential());
    let j = run(&mut ws, &mut ids, Edit::CreateJourney { name: "導入".into() })[0].clone();
    let mut stage = |name: &str, phase| {
        let s =
            run(&mut ws, &mut ids, Edit::AddStage { journey: j.clone(), index: None, name: name.into() })[0].clone();
        let data = ElementData::Stage(Stage { name: name.into(), phase: Some(phase), ..Default::default() });
        run(&mut ws, &mut ids, Edit::Update { id: s.clone(), data });
        s
    };
    let stages = [
        stage("立ち上げ", StagePhase::Onboarding),
        stage("定着", StagePhase::Adoption),
        stage("契約更新", StagePhase::Renewal),
    ];
    let mut segment = |seg: Segment| {
        let id = run(&mut ws, &mut ids, Edit::Create { data: ElementData::Segment(seg) })[0].clone();
        run(&mut ws, &mut ids, Edit::Link { kind: RelationKind::IsFor, from: j.clone(), to: id.clone() });
        id
    };
    let mid = segment(Segment {
        name: "中堅".into(),
        accounts: Some(100),
        new_per_year: Some(20),
        contacts_per_account: Some(2.0),
        ..Default::default()
    });
    let ent = segment(Segment {
        name: "大手".into(),
        accounts: Some(10),
        new_per_year: Some(2),
        renewals_per_year: Some(10),
        ..Default::default()
    });
    let touch = |text: &str, touch, channel, per_year, minutes| {
        ElementData::Touchpoint(Touchpoint {
            text: text.into(),
            touch: Some(touch),
            channel: Some(channel),
            per_year,
            minutes,
            ..Default::default()
        })
    };
    let mut card = |stage: &ElementId, data| {
        run(&mut ws, &mut ids, Edit::AddCard { stage: stage.clone(), index: None, data })[0].clone()
    };
    card(&stages[0], touch("キックオフ", TouchType::High, Channel::Onsite, None, Some(90)));
    let visit = card(&stages[0], touch("工場訪問", TouchType::High, Channel::Onsite, Some(3.0), Some(240)));
    card(&stages[1], touch("定例の電話", TouchType::High, Channel::Phone, Some(4.0), Some(30)));
    card(&stages[1], touch("活用ニュースレター", TouchType::Low, Channel::Email, None, None));
    card(&stages[2], touch("成果レビュー", TouchType::High, Channel::OnlineMeeting, None, Some(60)));
    run(&mut ws, &mut ids, Edit::Link { kind: RelationKind::IsFor, from: visit, to: ent.clone() });
    (ws, ids, j, stages, [mid, ent])
}

#[test]
fn sizing_counts_each_touch_by_its_stage_and_segment_programs_once_and_support_by_volume() {
    use michi_core::derive::org::{self, LoadKind, Sizing};
    use michi_core::element::{Catalog, CsFunction, NodeState, PresentCase, StateSnapshot};
    let (mut ws, mut ids, _, stages, [mid, ent]) = sizing_model();
    let arithmetic = |z: &Sizing, work: &str, segment: Option<&ElementId>| -> (String, f64) {
        let line = z
            .functions
            .iter()
            .flat_map(|f| f.lines.iter())
            .find(|l| {
                (l.source.name == work || (work == "support" && l.kind == LoadKind::Support))
                    && l.segment.as_ref().map(|s| &s.id) == segment
            })
            .unwrap_or_else(|| panic!("no line for {work} {segment:?}"));
        (line.arithmetic.ja.clone(), line.hours)
    };
    let z = org::recommend(&ws).sizing;
    // Onboarding: each new account once (kick-off 90 min; the enterprise visit 3 times 240 min).
    assert_eq!(arithmetic(&z, "キックオフ", Some(&mid)), ("新規 20社／年 × 1回 × 90分 = 30時間".into(), 30.0));
    assert_eq!(arithmetic(&z, "キックオフ", Some(&ent)).1, 3.0);
    assert_eq!(arithmetic(&z, "工場訪問", Some(&ent)), ("新規 2社／年 × 3回 × 240分 = 24時間".into(), 24.0));
    // Adoption, with no state snapshot: every account, and the line says so.
    assert_eq!(
        arithmetic(&z, "定例の電話", Some(&mid)),
        ("100社（状態がないため全社） × 年4回 × 30分 = 200時間".into(), 200.0)
    );
    // A low-touch email reaches everyone at once: 4 runs a year × 240 min, not per account.
    assert_eq!(arithmetic(&z, "活用ニュースレター", None), ("年4回 × 240分 = 16時間（全セグメント共通）".into(), 16.0));
    // Renewal: the accounts renewing a year (the segment's own number, else accounts ÷ term).
    assert_eq!(arithmetic(&z, "成果レビュー", Some(&mid)), ("100社 ÷ 契約1年 × 1回 × 60分 = 100時間".into(), 100.0));
    assert_eq!(arithmetic(&z, "成果レビュー", Some(&ent)), ("更新 10社／年 × 1回 × 60分 = 10時間".into(), 10.0));
    // Support: 100 accounts × 2 contacts × 20 min; the enterprise gives no volume.
    assert_eq!(arithmetic(&z, "support", Some(&mid)), ("100社 × 年2件 × 20分 = 66.7時間".into(), 200.0 / 3.0));
    // Functions: onboarding → Services, adoption and renewal high touch → Account management, the
    // newsletter → Customer marketing, contacts → Support; all suggested.
    let hours = |f: CsFunction| z.functions.iter().find(|l| l.function == Some(f)).map(|l| l.hours);
    assert_eq!(hours(CsFunction::Services), Some(57.0));
    assert_eq!(hours(CsFunction::AccountManagement), Some(200.0 + 20.0 + 100.0 + 10.0));
    assert_eq!(hours(CsFunction::CustomerMarketing), Some(16.0));
    assert!(z.functions.iter().all(|f| f.suggested));
    // By segment: 中堅 30 + 200 + 100 + 66.7; 大手 3 + 24 + 20 + 10; the program apart.
    let by: Vec<(Option<&str>, String)> =
        z.segments.iter().map(|s| (s.segment.as_ref().map(|r| r.name.as_str()), s.fte.clone())).collect();
    assert_eq!(
        by,
        [
            (Some("中堅"), michi_core::derive::org::fte((30.0 + 200.0 + 100.0 + 200.0 / 3.0) / 1080.0)),
            (Some("大手"), michi_core::derive::org::fte(57.0 / 1080.0)),
            (None, michi_core::derive::org::fte(16.0 / 1080.0)),
        ]
    );
    assert!((z.hours - (57.0 + 330.0 + 16.0 + 200.0 / 3.0)).abs() < 1e-9);
    assert!(z.unknown.is_empty(), "{:?}", z.unknown);

    // With a state snapshot, adoption counts the accounts at the stage: 3 of the journey's 4.
    let at = |stage: &ElementId, n: usize| NodeState {
        present: (0..n).map(|i| PresentCase { case: format!("{stage}-{i}"), account: None, since: 0.0 }).collect(),
        ..NodeState::empty(stage.clone())
    };
    let snapshot = StateSnapshot {
        name: "11月".into(),
        as_of: 10.0,
        entries: vec![at(&stages[0], 1), at(&stages[1], 3)],
        ..Default::default()
    };
    run(&mut ws, &mut ids, Edit::Create { data: ElementData::StateSnapshot(snapshot) });
    let z = org::recommend(&ws).sizing;
    assert_eq!(
        arithmetic(&z, "定例の電話", Some(&mid)),
        ("100社 × 3/4（このステージにいる割合） × 年4回 × 30分 = 150時間".into(), 150.0)
    );

    // A segment that does not say how many accounts it wins a year: its onboarding is not counted,
    // and the sizing says which number is missing.
    let data = ElementData::Segment(michi_core::element::Segment {
        name: "大手".into(),
        accounts: Some(10),
        renewals_per_year: Some(10),
        ..Default::default()
    });
    run(&mut ws, &mut ids, Edit::Update { id: ent.clone(), data });
    let z = org::recommend(&ws).sizing;
    let missing: Vec<(&str, &str)> =
        z.unknown.iter().map(|u| (u.element.name.as_str(), u.missing.ja.as_str())).collect();
    assert_eq!(missing, [("キックオフ", "「大手」の年間の新規顧客数"), ("工場訪問", "「大手」の年間の新規顧客数")]);

    // Editable assumptions: 1,200 customer hours a person; a program run of 60 minutes.
    let mut catalog = Catalog::default();
    catalog.sizing.hours_per_fte = 1500.0;
    catalog.sizing.customer_share = 0.8;
    catalog.sizing.program_minutes = 60;
    run(&mut ws, &mut ids, Edit::SetCatalog { catalog: catalog.clone() });
    let z = org::recommend(&ws).sizing;
    assert_eq!(arithmetic(&z, "活用ニュースレター", None).1, 4.0);
    assert!((z.headcount - z.hours / 1200.0).abs() < 1e-9);
    // Assumptions that cannot be used are refused.
    catalog.sizing.contract_years = 0.0;
    assert!(perform(&mut ws, Edit::SetCatalog { catalog }, &mut ids).is_err());
    // Adopting Services makes it the owner of onboarding's lines, no longer a suggestion.
    run(&mut ws, &mut ids, Edit::AcceptFunction { function: CsFunction::Services });
    let z = org::recommend(&ws).sizing;
    let services = z.functions.iter().find(|f| f.function == Some(CsFunction::Services)).unwrap();
    assert!(!services.suggested && services.element.is_some());
}

#[test]
fn the_org_rule_page_is_generated_from_the_rules() {
    use michi_core::derive::org::rules;
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/org-rules.md");
    let page = rules::catalog_markdown();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &page).unwrap();
    }
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(current == page, "docs/org-rules.md is stale: run UPDATE_DOCS=1 cargo test -p michi-core --test derive");
    let mut ids: Vec<&str> = rules::RULES.iter().map(|r| r.id).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), rules::RULES.len(), "rule ids are unique");
    for rule in rules::RULES {
        assert!(page.contains(&format!("| `{}` |", rule.id)), "{}", rule.id);
        assert!(
            !rule.kinds.is_empty() && !rule.looks_for[0].is_empty() && !rule.looks_for[1].is_empty(),
            "{}",
            rule.id
        );
    }
}

#[test]
fn conversion_counts_what_moved_on_over_what_was_there_and_never_exceeds_one() {
    use michi_core::derive::metrics::{self, Progress};
    use michi_core::element::StateSnapshot;
    use michi_core::state::{AccountAt, from_accounts};
    let (mut ws, mut ids) = (Workspace::new(), IdGen::sequential());
    let j = run(&mut ws, &mut ids, Edit::CreateJourney { name: "導入".into() })[0].clone();
    let stage = |ws: &mut Workspace, ids: &mut IdGen, name: &str| {
        run(ws, ids, Edit::AddStage { journey: j.clone(), index: None, name: name.into() })[0].clone()
    };
    let [a, b, c] = [stage(&mut ws, &mut ids, "A"), stage(&mut ws, &mut ids, "B"), stage(&mut ws, &mut ids, "C")];
    let at = |account: &str, stage: &ElementId| AccountAt {
        account: account.into(),
        name: None,
        stage: stage.clone(),
        since: None,
    };
    // October, the first data: 1 and 2 at A, 3 at B, 4 at C. Everyone came through from A.
    let october = [at("1", &a), at("2", &a), at("3", &b), at("4", &c)];
    // November: 1 stayed at A, 2 moved to C (through B), 3 stayed at B, 4 is gone, 5 is new at B.
    let november = [at("1", &a), at("2", &c), at("3", &b), at("5", &b)];
    let counts = |entries: &[michi_core::element::NodeState], s: &ElementId| {
        let n = entries.iter().find(|n| &n.element == s).unwrap();
        (n.carried, n.entered, n.completed, n.present.len())
    };
    let oct = from_accounts(&ws, &october, None, 10.0);
    assert_eq!(counts(&oct, &a), (0, 4, 2, 2));
    assert_eq!(counts(&oct, &b), (0, 2, 1, 1));
    assert_eq!(counts(&oct, &c), (0, 1, 0, 1));
    let nov = from_accounts(&ws, &november, Some(&october), 20.0);
    assert_eq!(counts(&nov, &a), (2, 1, 2, 1), "1 stayed, 2 moved on; 5 came through A");
    assert_eq!(counts(&nov, &b), (1, 2, 1, 2), "3 stayed; 2 passed through, 5 arrived");
    assert_eq!(counts(&nov, &c), (1, 1, 0, 1), "4 was there and left the data; 2 arrived");
    for (name, as_of, entries) in [("10月", 10.0, oct), ("11月", 20.0, nov)] {
        let data = StateSnapshot { name: name.into(), as_of, entries, ..Default::default() };
        run(&mut ws, &mut ids, Edit::Create { data: ElementData::StateSnapshot(data) });
    }
    let catalog = metrics::metrics(&ws, &j).unwrap();
    let conversion = |i: usize| {
        let p = &catalog.stages[i].progress[0];
        assert!(matches!(p.metric, Progress::ConversionToNext { .. }));
        (p.value, p.counts)
    };
    // November's window: 2 of the 3 at A moved on, 1 of the 3 at B.
    assert_eq!(conversion(0), (Some(2.0 / 3.0), Some((2, 3))));
    assert_eq!(conversion(1), (Some(1.0 / 3.0), Some((1, 3))));
}

#[test]
fn the_kpi_tree_runs_from_the_goal_to_each_outcome_and_the_leading_metrics_driving_it() {
    use michi_core::derive::metrics::{self, KpiNode};
    use michi_core::element::{Journey, Metric, MetricRole};
    let (mut ws, mut ids) = (Workspace::new(), IdGen::sequential());
    let j = run(&mut ws, &mut ids, Edit::CreateJourney { name: "導入".into() })[0].clone();
    let data =
        ElementData::Journey(Journey { name: "導入".into(), description: "紙の点検表をなくす".into() });
    run(&mut ws, &mut ids, Edit::Update { id: j.clone(), data });
    let mut stage = |name: &str, exit: &str| {
        let s =
            run(&mut ws, &mut ids, Edit::AddStage { journey: j.clone(), index: None, name: name.into() })[0].clone();
        let data = ElementData::Stage(Stage { name: name.into(), exit_criteria: exit.into(), ..Default::default() });
        run(&mut ws, &mut ids, Edit::Update { id: s.clone(), data });
        s
    };
    let (a, b) = (stage("A", "入力率90%"), stage("B", "更新"));
    let mut metric = |stage: &ElementId, name: &str, role: MetricRole| {
        let data = ElementData::Metric(Metric {
            name: name.into(),
            definition: format!("{name}の定義"),
            data_source: "利用ログ".into(),
            target: "90%".into(),
            role: Some(role),
        });
        run(&mut ws, &mut ids, Edit::AddCard { stage: stage.clone(), index: None, data })[0].clone()
    };
    let lead1 = metric(&a, "入力率", MetricRole::Leading);
    let lag1 = metric(&a, "完了日数", MetricRole::Lagging);
    let lead3 = metric(&a, "週次アクティブ率", MetricRole::Leading);
    let lag2 = metric(&b, "GRR", MetricRole::Lagging);
    let lead2 = metric(&b, "成果レビュー実施率", MetricRole::Leading);
    // The weekly active rate drives the renewal outcome, not its own stage's.
    run(&mut ws, &mut ids, Edit::Link { kind: RelationKind::Drives, from: lead3.clone(), to: lag2.clone() });
    let c = metrics::metrics(&ws, &j).unwrap();
    fn shape(n: &KpiNode) -> String {
        let kids: Vec<String> = n.children.iter().map(shape).collect();
        if kids.is_empty() { n.element.name.clone() } else { format!("{}({})", n.element.name, kids.join(" ")) }
    }
    assert_eq!(shape(&c.tree), "導入(A(完了日数(入力率)) B(GRR(週次アクティブ率 成果レビュー実施率)))");
    assert_eq!(c.tree.note, "紙の点検表をなくす");
    assert_eq!(c.tree.children[0].note, "入力率90%");
    let grr = &c.tree.children[1].children[0];
    assert_eq!((grr.element.id.clone(), grr.role, grr.note.as_str()), (lag2, Some(MetricRole::Lagging), "90%"));
    assert_eq!(grr.children[0].element.id, lead3);
    assert_eq!(c.tree.children[0].children[0].children[0].element.id, lead1);
    let _ = (lag1, lead2);
    // The document carries each metric's definition, data source, target and kind.
    let doc = metrics::document(&ws, &c);
    let michi_core::derive::document::Block::Table { columns, rows } = &doc.sections[0].blocks[0] else {
        panic!("a table")
    };
    let heads: Vec<&str> = columns.iter().map(|t| t.en.as_str()).collect();
    assert_eq!(heads, ["Metric", "Value", "Target", "Kind", "Definition", "Data source"]);
    let row = rows.iter().find(|r| r.cells[0].plain_text(true) == "入力率").unwrap();
    let cells: Vec<String> = row.cells.iter().map(|c| c.plain_text(true)).collect();
    assert_eq!(cells, ["入力率", "—", "90%", "先行指標", "入力率の定義", "利用ログ"]);
    let tree = doc.sections.iter().find(|s| s.heading.plain_text(false) == "KPI tree").unwrap();
    let michi_core::derive::document::Block::Tree { root } = &tree.blocks[1] else { panic!("the tree") };
    assert_eq!(root.line.plain_text(false), "Journey 導入 — Goal: 紙の点検表をなくす");
    assert_eq!(root.children[1].children[0].line.plain_text(true), "遅行指標 GRR — 目標値: 90%");
}

#[test]
fn plays_follow_the_days_the_cards_give_and_print_channel_touch_and_day() {
    use michi_core::element::{Channel, TouchType, Touchpoint};
    let (mut ws, mut ids) = (Workspace::new(), IdGen::sequential());
    let j = run(&mut ws, &mut ids, Edit::CreateJourney { name: "導入".into() })[0].clone();
    let s =
        run(&mut ws, &mut ids, Edit::AddStage { journey: j.clone(), index: None, name: "立ち上げ".into() })[0].clone();
    let data =
        ElementData::Stage(Stage { name: "立ち上げ".into(), ttv_target_days: Some(10), ..Default::default() });
    run(&mut ws, &mut ids, Edit::Update { id: s.clone(), data });
    let mut card = |data| run(&mut ws, &mut ids, Edit::AddCard { stage: s.clone(), index: None, data })[0].clone();
    let touch = |text: &str, day, channel, touch| {
        ElementData::Touchpoint(Touchpoint {
            text: text.into(),
            channel: Some(channel),
            touch: Some(touch),
            day,
            ..Default::default()
        })
    };
    let kickoff = card(touch("キックオフ", None, Channel::Onsite, TouchType::High));
    let mail = card(touch("ガイドのメール", Some(3), Channel::Email, TouchType::Tech));
    let check =
        card(ElementData::CsAction(Card { text: "進み具合の確認".into(), day: Some(14), ..Default::default() }));
    let point = card(sp_other("担当が決まらない"));
    let answer =
        card(ElementData::CsAction(Card {
            text: "決裁者に相談する".into(), day: Some(5), ..Default::default()
        }));
    run(&mut ws, &mut ids, Edit::Link { kind: RelationKind::Addresses, from: answer.clone(), to: point.clone() });
    let pb = playbook::playbook(&ws, &j).unwrap();
    let timeline: Vec<(PlayTrigger, Option<u32>, Vec<ElementId>)> = pb.stages[0]
        .plays
        .iter()
        .map(|p| (p.trigger.clone(), p.day, p.steps.iter().flat_map(|s| s.sources.clone()).collect()))
        .collect();
    // Day 0, day 3, the late review on day 10, day 14; then the play a sign starts.
    assert_eq!(timeline[0], (PlayTrigger::StageEntered, Some(0), vec![kickoff]));
    assert_eq!(timeline[1], (PlayTrigger::DaysAfterEntry { days: 3 }, Some(3), vec![mail]));
    assert_eq!((timeline[2].0.clone(), timeline[2].1), (PlayTrigger::ExitCriteriaLate { after_days: 10 }, Some(10)));
    assert_eq!(timeline[3], (PlayTrigger::DaysAfterEntry { days: 14 }, Some(14), vec![check]));
    assert!(matches!(timeline[4].0, PlayTrigger::StumblingPoint { .. }) && timeline[4].1.is_none());
    assert_eq!(timeline.len(), 5);
    // Exports: each step with its touch and channel, an answer with the day it is done.
    let doc = playbook::document(&ws, &pb);
    let md = |ja| {
        let mut out = String::new();
        for s in &doc.sections[0].sections {
            out.push_str(&s.heading.plain_text(ja));
            out.push('\n');
            for b in &s.blocks {
                if let michi_core::derive::document::Block::List { items, .. } = b {
                    for i in items {
                        out.push_str(&i.plain_text(ja));
                        out.push('\n');
                    }
                }
            }
        }
        out
    };
    let ja = md(true);
    assert!(ja.contains("ステージに入って3日目\nガイドのメール（テックタッチ）（メール）\n"), "{ja}");
    assert!(ja.contains("決裁者に相談する（5日目）"), "{ja}");
    let en = md(false);
    assert!(en.contains("Day 14 after entering the stage\n進み具合の確認\n"), "{en}");
    assert!(en.contains("キックオフ (High touch) (On-site visit)"), "{en}");
}
