//! Diagnosis: every CS rule fires on a model that breaks it and stays quiet on one that does not;
//! the sample workspace shows a realistic handful of findings; profiles and shared config files;
//! the rule catalog page is generated from the rules.

use michi_core::diagnose::{self, Category, LintConfig, Profile, Severity};
use michi_core::element::{
    Activity, Card, Channel, ElementData, ElementKind, Emotion, Gateway, GatewayKind, MessageFlow, Polarity, Process,
    ProcessLane, SequenceFlow, Stage, StumblingPoint, StumblingReason, TouchType, Touchpoint,
};
use michi_core::{Edit, Element, ElementId, IdGen, Op, Rank, Relation, RelationKind, Workspace, apply, perform};

struct Model {
    ws: Workspace,
    ids: IdGen,
}

impl Model {
    fn new() -> Model {
        Model { ws: Workspace::new(), ids: IdGen::sequential() }
    }

    fn run(&mut self, edit: Edit) -> Vec<ElementId> {
        perform(&mut self.ws, edit, &mut self.ids).unwrap().created
    }

    fn journey(&mut self, name: &str) -> ElementId {
        self.run(Edit::CreateJourney { name: name.into() })[0].clone()
    }

    fn stage(&mut self, journey: &ElementId, name: &str) -> ElementId {
        self.run(Edit::AddStage { journey: journey.clone(), index: None, name: name.into() })[0].clone()
    }

    /// A stage that satisfies every stage rule but the one under test.
    fn full_stage(&mut self, journey: &ElementId, name: &str) -> ElementId {
        let s = self.stage(journey, name);
        self.update(
            &s,
            ElementData::Stage(Stage {
                name: name.into(),
                exit_criteria: "週3回ログイン".into(),
                ttv_target_days: Some(30),
                phase: match name {
                    "オンボーディング" => Some(michi_core::element::StagePhase::Onboarding),
                    "更新" => Some(michi_core::element::StagePhase::Renewal),
                    _ => None,
                },
                ..Default::default()
            }),
        );
        self.card(
            &s,
            ElementData::CsAction(Card { text: "定例会".into(), note: String::new(), tags: Vec::new(), day: None }),
        );
        self.card(
            &s,
            ElementData::Metric(michi_core::element::Metric { name: "ログイン率".into(), ..Default::default() }),
        );
        s
    }

    fn card(&mut self, stage: &ElementId, data: ElementData) -> ElementId {
        self.run(Edit::AddCard { stage: stage.clone(), index: None, data })[0].clone()
    }

    fn create(&mut self, data: ElementData) -> ElementId {
        self.run(Edit::Create { data })[0].clone()
    }

    fn update(&mut self, id: &ElementId, data: ElementData) {
        self.run(Edit::Update { id: id.clone(), data });
    }

    fn link(&mut self, kind: RelationKind, from: &ElementId, to: &ElementId) {
        self.run(Edit::Link { kind, from: from.clone(), to: to.clone() });
    }

    /// An element added by a raw operation (process elements outside the editor's gestures).
    fn raw(&mut self, data: ElementData) -> ElementId {
        let id = self.ids.element(data.kind().id_prefix());
        apply(&mut self.ws, Op::AddElement { element: Element { id: id.clone(), data } }).unwrap();
        id
    }

    fn relate(&mut self, kind: RelationKind, from: &ElementId, to: &ElementId) {
        let rank = if kind.schema().ordered { Rank::between(None, None) } else { Rank::default() };
        let relation = Relation { kind, from: from.clone(), to: to.clone(), rank };
        apply(&mut self.ws, Op::Relate { relation }).unwrap();
    }

    fn connect(&mut self, data: ElementData, from: &ElementId, to: &ElementId, container: &ElementId) -> ElementId {
        let f = self.raw(data);
        self.relate(RelationKind::Source, &f, from);
        self.relate(RelationKind::Target, &f, to);
        self.relate(RelationKind::ChildOf, &f, container);
        f
    }

    fn findings(&self, rule: &str) -> Vec<Vec<ElementId>> {
        let rule = diagnose::rule(rule).unwrap_or_else(|| panic!("no rule {rule}"));
        diagnose::check(&self.ws, rule, Severity::Warning).into_iter().map(|f| f.elements).collect()
    }
}

fn fires(m: &Model, rule: &str, on: &ElementId) {
    let found = m.findings(rule);
    assert!(found.iter().any(|els| els.first() == Some(on)), "{rule} should name {on}, found {found:?}");
}

fn quiet(m: &Model, rule: &str) {
    let found = m.findings(rule);
    assert!(found.is_empty(), "{rule} should find nothing, found {found:?}");
}

#[test]
fn journey_has_stages() {
    let mut m = Model::new();
    let j = m.journey("導入");
    fires(&m, "journey-has-stages", &j);
    m.stage(&j, "オンボーディング");
    quiet(&m, "journey-has-stages");
}

#[test]
fn journey_segment() {
    let mut m = Model::new();
    let j = m.journey("導入");
    fires(&m, "journey-segment", &j);
    let seg = m.create(ElementData::new_with_label(ElementKind::Segment, "中堅製造業"));
    m.link(RelationKind::IsFor, &j, &seg);
    quiet(&m, "journey-segment");
}

#[test]
fn stage_rules_fire_on_a_bare_stage_and_not_on_a_complete_one() {
    let mut m = Model::new();
    let j = m.journey("導入");
    let bare = m.stage(&j, "オンボーディング");
    for rule in ["stage-exit-criteria", "stage-ttv-target", "stage-metric", "stage-cs-action"] {
        fires(&m, rule, &bare);
    }
    let mut m = Model::new();
    let j = m.journey("導入");
    m.full_stage(&j, "オンボーディング");
    for rule in ["stage-exit-criteria", "stage-ttv-target", "stage-metric", "stage-cs-action"] {
        quiet(&m, rule);
    }
}

#[test]
fn stumbling_points_need_a_reason_and_an_action_that_addresses_them() {
    let mut m = Model::new();
    let j = m.journey("導入");
    let s = m.full_stage(&j, "オンボーディング");
    let sp =
        m.card(&s, ElementData::StumblingPoint(StumblingPoint { text: "操作が難しい".into(), ..Default::default() }));
    fires(&m, "stumbling-point-reason", &sp);
    fires(&m, "stumbling-point-addressed", &sp);
    // With a reason, the suggested fix is the reason's default intervention.
    let fix = diagnose::check(&m.ws, diagnose::rule("stumbling-point-addressed").unwrap(), Severity::Warning)[0]
        .fix
        .clone()
        .unwrap();
    assert!(fix.en.contains("reason first"), "{fix:?}");
    m.update(
        &sp,
        ElementData::StumblingPoint(StumblingPoint {
            text: "操作が難しい".into(),
            reason: Some(StumblingReason::GuidanceLacking),
            ..Default::default()
        }),
    );
    quiet(&m, "stumbling-point-reason");
    let fix = diagnose::check(&m.ws, diagnose::rule("stumbling-point-addressed").unwrap(), Severity::Warning)[0]
        .fix
        .clone()
        .unwrap();
    assert!(fix.ja.contains("ハンズオン"), "{fix:?}");
    let action = m.card(
        &s,
        ElementData::CsAction(Card {
            text: "ハンズオン".into(), note: String::new(), tags: Vec::new(), day: None
        }),
    );
    m.link(RelationKind::Addresses, &action, &sp);
    quiet(&m, "stumbling-point-addressed");
    // A positive stumbling point (an unexpected step forward) needs neither.
    let mut m = Model::new();
    let j = m.journey("導入");
    let s = m.full_stage(&j, "オンボーディング");
    m.card(&s, ElementData::StumblingPoint(StumblingPoint { polarity: Polarity::Positive, ..Default::default() }));
    quiet(&m, "stumbling-point-reason");
    quiet(&m, "stumbling-point-addressed");
}

#[test]
fn an_emotion_dip_needs_a_cs_action_in_its_stage() {
    let mut m = Model::new();
    let j = m.journey("導入");
    let s = m.stage(&j, "オンボーディング");
    let dip = m.card(&s, ElementData::Emotion(Emotion { text: "不安".into(), note: String::new(), score: -2 }));
    fires(&m, "emotion-dip-cs-action", &dip);
    m.card(
        &s,
        ElementData::CsAction(Card {
            text: "電話で声かけ".into(), note: String::new(), tags: Vec::new(), day: None
        }),
    );
    quiet(&m, "emotion-dip-cs-action");
    // A good mood needs nothing.
    let mut m = Model::new();
    let j = m.journey("導入");
    let s = m.stage(&j, "オンボーディング");
    m.card(&s, ElementData::Emotion(Emotion { score: 1, ..Default::default() }));
    quiet(&m, "emotion-dip-cs-action");
}

#[test]
fn touchpoints_need_a_channel_and_a_touch_type() {
    let mut m = Model::new();
    let j = m.journey("導入");
    let s = m.stage(&j, "オンボーディング");
    let t = m.card(&s, ElementData::Touchpoint(Touchpoint { text: "キックオフ".into(), ..Default::default() }));
    fires(&m, "touchpoint-channel", &t);
    fires(&m, "touchpoint-touch-type", &t);
    m.update(
        &t,
        ElementData::Touchpoint(Touchpoint {
            text: "キックオフ".into(),
            channel: Some(Channel::Onsite),
            touch: Some(TouchType::High),
            ..Default::default()
        }),
    );
    quiet(&m, "touchpoint-channel");
    quiet(&m, "touchpoint-touch-type");
}

/// Two pools' processes, one lane each, an activity in each lane.
struct TwoPools {
    m: Model,
    vendor: ElementId,
    lane: ElementId,
    sales: ElementId,
    kickoff: ElementId,
    collaboration: ElementId,
}

fn two_pools() -> TwoPools {
    let mut m = Model::new();
    let collaboration = m.raw(ElementData::new_with_label(ElementKind::Collaboration, ""));
    let vendor = m.raw(ElementData::Process(Process::default()));
    let customer = m.raw(ElementData::Process(Process::default()));
    let vendor_lane = m.raw(ElementData::Lane(ProcessLane { name: "CS".into(), ..Default::default() }));
    let lane = m.raw(ElementData::Lane(ProcessLane { name: "顧客の担当者".into(), ..Default::default() }));
    m.relate(RelationKind::LaneIn, &vendor_lane, &vendor);
    m.relate(RelationKind::LaneIn, &lane, &customer);
    let sales =
        m.raw(ElementData::Activity(Activity { name: "契約内容を引き継ぐ".into(), ..Default::default() }));
    let kickoff =
        m.raw(ElementData::Activity(Activity { name: "キックオフに参加".into(), ..Default::default() }));
    m.relate(RelationKind::ChildOf, &sales, &vendor);
    m.relate(RelationKind::InLane, &sales, &vendor_lane);
    m.relate(RelationKind::ChildOf, &kickoff, &customer);
    TwoPools { m, vendor, lane, sales, kickoff, collaboration }
}

#[test]
fn a_hand_off_lands_on_an_activity_in_the_receiving_lane() {
    let mut p = two_pools();
    let handoff = p.m.connect(
        ElementData::MessageFlow(MessageFlow::default()),
        &p.sales.clone(),
        &p.kickoff.clone(),
        &p.collaboration.clone(),
    );
    // The receiving activity is in no lane yet: the hand-off has no receiver.
    fires(&p.m, "handoff-lands-on-activity", &handoff);
    fires(&p.m, "activity-lane", &p.kickoff);
    let (kickoff, lane) = (p.kickoff.clone(), p.lane.clone());
    p.m.relate(RelationKind::InLane, &kickoff, &lane);
    quiet(&p.m, "handoff-lands-on-activity");
    quiet(&p.m, "activity-lane");
}

#[test]
fn a_decisions_ways_out_are_labelled() {
    let mut p = two_pools();
    let vendor = p.vendor.clone();
    let decision = p.m.raw(ElementData::Gateway(Gateway {
        name: "導入支援が必要？".into(),
        kind: GatewayKind::Exclusive,
        ..Default::default()
    }));
    p.m.relate(RelationKind::ChildOf, &decision, &vendor);
    let a = p.m.raw(ElementData::new_with_label(ElementKind::Activity, "支援する"));
    let b = p.m.raw(ElementData::new_with_label(ElementKind::Activity, "案内を送る"));
    let yes = p.m.connect(
        ElementData::SequenceFlow(SequenceFlow { name: "はい".into(), ..Default::default() }),
        &decision,
        &a,
        &vendor,
    );
    let no = p.m.connect(ElementData::SequenceFlow(SequenceFlow::default()), &decision, &b, &vendor);
    fires(&p.m, "decision-flows-labelled", &decision);
    assert_eq!(
        p.m.findings("decision-flows-labelled")[0][1..],
        *std::slice::from_ref(&no),
        "only the unlabelled way out is named"
    );
    p.m.update(&no, ElementData::SequenceFlow(SequenceFlow { name: "いいえ".into(), ..Default::default() }));
    quiet(&p.m, "decision-flows-labelled");
    let _ = yes;
}

#[test]
fn stages_and_activities_are_linked_across_the_two_views() {
    let mut p = two_pools();
    let j = p.m.journey("導入");
    let stage = p.m.full_stage(&j, "オンボーディング");
    let other = p.m.full_stage(&j, "活用");
    // Nothing serves either stage; no activity is tied to a journey yet, so activities are not at fault.
    fires(&p.m, "stage-served", &stage);
    quiet(&p.m, "activity-serves-stage");
    let (sales, kickoff) = (p.sales.clone(), p.kickoff.clone());
    p.m.link(RelationKind::Serves, &sales, &stage);
    // The vendor process is now tied to the journey: its other activities should be too; the
    // customer's process is not tied and stays quiet.
    let vendor = p.vendor.clone();
    let unlinked = p.m.raw(ElementData::new_with_label(ElementKind::Activity, "初期設定"));
    p.m.relate(RelationKind::ChildOf, &unlinked, &vendor);
    fires(&p.m, "activity-serves-stage", &unlinked);
    assert_eq!(p.m.findings("activity-serves-stage").len(), 1, "the customer's activity is not flagged");
    fires(&p.m, "stage-served", &other);
    p.m.link(RelationKind::Serves, &unlinked, &other);
    p.m.link(RelationKind::Serves, &kickoff, &other);
    quiet(&p.m, "stage-served");
    quiet(&p.m, "activity-serves-stage");
    // A journey-only workshop is not asked to model processes.
    let mut m = Model::new();
    let j = m.journey("導入");
    m.full_stage(&j, "オンボーディング");
    quiet(&m, "stage-served");
}

#[test]
fn names_that_must_be_unique() {
    let mut m = Model::new();
    let j = m.journey("導入");
    let a = m.stage(&j, "オンボーディング");
    let b = m.stage(&j, " オンボーディング ");
    let found = m.findings("unique-names");
    assert_eq!(found, [vec![a.clone(), b.clone()]]);
    // The same stage name in another journey is fine.
    let mut m = Model::new();
    let j1 = m.journey("導入");
    let j2 = m.journey("テックタッチ");
    m.stage(&j1, "オンボーディング");
    m.stage(&j2, "オンボーディング");
    quiet(&m, "unique-names");
    m.create(ElementData::new_with_label(ElementKind::Term, "価値実感"));
    let t2 = m.create(ElementData::new_with_label(ElementKind::Term, "価値実感"));
    assert_eq!(m.findings("unique-names").len(), 1);
    m.update(&t2, ElementData::new_with_label(ElementKind::Term, "活用"));
    quiet(&m, "unique-names");
}

#[test]
fn every_cs_rule_has_a_test_here() {
    // The evidence rules are tested with the coverage they read, in evidence.rs.
    // The skill matrix's rules, with the hand-checked team, in skills.rs.
    let source = [include_str!("diagnose.rs"), include_str!("evidence.rs"), include_str!("skills.rs")].concat();
    for rule in diagnose::rules().filter(|r| !r.ported) {
        assert!(source.contains(&format!("\"{}\"", rule.id)), "no test names {}", rule.id);
    }
}

#[test]
fn the_sample_shows_a_realistic_handful_of_findings() {
    let ws = michi_core::sample::sample();
    let findings = diagnose::diagnose(&ws, &LintConfig::default());
    let listing: Vec<String> =
        findings.iter().map(|f| format!("{:?} {} {}", f.severity, f.rule, f.message.ja)).collect();
    println!("{}", listing.join("\n"));
    assert!((4..=30).contains(&findings.len()), "{} findings:\n{}", findings.len(), listing.join("\n"));
    assert!(findings.iter().any(|f| f.category == Category::Journey), "{listing:#?}");
    assert!(findings.iter().any(|f| f.category != Category::Journey), "{listing:#?}");
    // Every finding names at least one element that exists, and speaks both languages.
    for f in &findings {
        assert!(!f.elements.is_empty() && ws.contains(&f.elements[0]), "{f:?}");
        assert!(!f.message.ja.is_empty() && !f.message.en.is_empty(), "{f:?}");
    }
}

#[test]
fn profiles_and_overrides_decide_what_runs() {
    let ws = michi_core::sample::sample();
    let doc = diagnose::diagnose(&ws, &LintConfig::of_profile(Profile::Documentation));
    let rec = diagnose::diagnose(&ws, &LintConfig::of_profile(Profile::BpmnlintRecommended));
    assert!(rec.iter().all(|f| diagnose::rule(&f.rule).unwrap().ported), "the bpmnlint profile runs ported rules only");
    assert!(doc.iter().any(|f| !diagnose::rule(&f.rule).unwrap().ported));
    // An override turns a rule off or changes its severity.
    let rule = doc[0].rule.clone();
    let mut config = LintConfig::default();
    config.rules.insert(rule.clone(), Severity::Off);
    assert!(diagnose::diagnose(&ws, &config).iter().all(|f| f.rule != rule));
    config.rules.insert(rule.clone(), Severity::Error);
    assert!(diagnose::diagnose(&ws, &config).iter().filter(|f| f.rule == rule).all(|f| f.severity == Severity::Error));
    // Most severe first.
    let all = diagnose::diagnose(&ws, &config);
    assert!(all.windows(2).all(|w| w[0].severity >= w[1].severity));
}

#[test]
fn a_shared_config_file_round_trips_and_refuses_unknown_rules() {
    let mut config = LintConfig::of_profile(Profile::BpmnlintRecommended);
    config.rules.insert("label-required".into(), Severity::Info);
    let json = config.to_json();
    assert!(json.contains("\"bpmnlint-recommended\"") && json.contains("\"label-required\": \"info\""), "{json}");
    assert_eq!(diagnose::read_config(&json).unwrap(), config);
    let err = diagnose::read_config(r#"{"profile":"documentation","rules":{"lable-required":"off"}}"#).unwrap_err();
    assert!(err.contains("lable-required"), "{err}");
    assert!(diagnose::read_config(r#"{"profile":"strict"}"#).is_err());
    // Up to the size limit a file is read (padded with spaces); one byte more is refused by name.
    let padded = format!("{json}{}", " ".repeat(diagnose::MAX_CONFIG_BYTES - json.len()));
    assert_eq!(diagnose::read_config(&padded).unwrap(), config);
    let err = diagnose::read_config(&format!("{padded} ")).unwrap_err();
    assert_eq!(err, "more than 1048576 bytes, the most Michi reads as diagnosis settings");
}

#[test]
fn the_workspace_keeps_its_config() {
    let mut m = Model::new();
    assert_eq!(m.ws.lint_config(), LintConfig::default());
    let mut config = LintConfig::of_profile(Profile::BpmnlintRecommended);
    config.rules.insert("stage-metric".into(), Severity::Off);
    m.run(Edit::SetLintConfig { config: config.clone() });
    assert_eq!(m.ws.lint_config(), config);
    // Setting it again replaces it (one settings element), and undoing restores the previous one.
    let performed = perform(&mut m.ws, Edit::SetLintConfig { config: LintConfig::default() }, &mut m.ids).unwrap();
    assert_eq!(m.ws.elements_of_kind(ElementKind::LintSettings).count(), 1);
    apply(&mut m.ws, performed.inverse).unwrap();
    assert_eq!(m.ws.lint_config(), config);
}

#[test]
fn the_rule_catalog_page_is_generated_from_the_rules() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/rules.md");
    let page = diagnose::catalog::markdown();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &page).unwrap();
    }
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(current == page, "docs/rules.md is stale: run UPDATE_DOCS=1 cargo test -p michi-core --test diagnose");
    for rule in diagnose::rules() {
        assert!(page.contains(&format!("\n## {}\n", rule.id)), "{}", rule.id);
    }
}

#[test]
fn a_play_with_no_owner_is_found_until_a_function_owns_its_stage() {
    use michi_core::element::CsFunction;
    let mut m = Model::new();
    let j = m.journey("導入");
    // No phase, so no rule ties a function to the stage's CS action: its plays have no owner.
    let s = m.full_stage(&j, "活用");
    let found = m.findings("play-owned");
    assert!(!found.is_empty() && found.iter().all(|els| els == std::slice::from_ref(&s)), "{found:?}");
    // A function adopted and owning the stage owns every play of it.
    let f = m.create(ElementData::OrgFunction(michi_core::element::OrgFunction {
        function: Some(CsFunction::AccountManagement),
        ..Default::default()
    }));
    m.link(RelationKind::Owns, &f, &s);
    quiet(&m, "play-owned");
}

#[test]
fn org_design_rules_stage_owned_and_function_staffed() {
    use michi_core::element::{CsFunction, Role};
    let mut m = Model::new();
    let j = m.journey("導入");
    let onboarding = m.full_stage(&j, "オンボーディング");
    let renewal = m.full_stage(&j, "更新");
    // No org designed yet: nothing to own.
    quiet(&m, "stage-owned");
    // Services is adopted owning onboarding, where its reason (the CS action there) is.
    let f = m.run(Edit::AcceptFunction { function: CsFunction::Services })[0].clone();
    assert_eq!(m.findings("stage-owned"), [vec![renewal.clone()]]);
    assert!(!m.findings("stage-owned").iter().any(|e| e[0] == onboarding));
    fires(&m, "function-staffed", &f);
    m.link(RelationKind::Owns, &f, &renewal);
    quiet(&m, "stage-owned");
    let role = m.run(Edit::AddRole { function: f.clone(), name: "導入コンサルタント".into() })[0].clone();
    fires(&m, "function-staffed", &f);
    m.update(&role, ElementData::Role(Role { name: "導入コンサルタント".into(), headcount: Some(2.0) }));
    quiet(&m, "function-staffed");
}

#[test]
fn health_model_rules_fire_on_what_they_check_and_are_quiet_on_the_default_model() {
    use michi_core::health::{AccountRow, AccountSnapshot, HealthModel, Judgement, Scoring, Threshold};
    let mut m = Model::new();
    let model = HealthModel::default();
    let id = m.run(Edit::SetHealthModel { model: model.clone() })[0].clone();
    for rule in ["health-link-indicators", "health-weights", "health-scoring", "health-column-mapped"] {
        quiet(&m, rule);
    }
    // A link with no indicator.
    let mut bad = model.clone();
    bad.links[1].indicators.clear();
    m.run(Edit::SetHealthModel { model: bad });
    fires(&m, "health-link-indicators", &id);
    // Weights: the links' sum, and one link's indicators.
    let mut bad = model.clone();
    bad.links[0].weight = 50.0;
    bad.links[2].indicators[0].weight = 10.0;
    m.run(Edit::SetHealthModel { model: bad });
    assert_eq!(m.findings("health-weights").len(), 2);
    // The weakest-link formula does not read the links' weights.
    let mut weakest = model.clone();
    weakest.links[0].weight = 50.0;
    weakest.overall = michi_core::health::Overall::Weakest;
    m.run(Edit::SetHealthModel { model: weakest });
    quiet(&m, "health-weights");
    // Thresholds out of order; a linear scale with equal ends.
    let mut bad = model.clone();
    bad.links[2].indicators[1].scoring = Scoring::Thresholds {
        steps: vec![Threshold { at_least: 30.0, score: 100.0 }, Threshold { at_least: 10.0, score: 0.0 }],
    };
    bad.links[3].indicators[0].scoring = Scoring::Linear { from: 0.5, to: 0.5 };
    m.run(Edit::SetHealthModel { model: bad });
    assert_eq!(m.findings("health-scoring").len(), 2);
    // Columns: checked once data exists; a judgement typed in the app counts for a judgement.
    m.run(Edit::SetHealthModel { model: model.clone() });
    let columns: Vec<String> =
        model.indicators().map(|(_, i)| i.column.clone()).filter(|c| c != "ログイン率").collect();
    let snapshot = AccountSnapshot {
        name: "2026-11".into(),
        as_of: 1.0,
        accounts: vec![AccountRow { id: "A-1".into(), values: vec![None; columns.len()], ..Default::default() }],
        columns,
        ..Default::default()
    };
    m.create(ElementData::AccountSnapshot(snapshot));
    assert_eq!(m.findings("health-column-mapped").len(), 1);
    let mut judged_only = model.clone();
    judged_only.links[0].indicators[1].column = "メモ".into();
    m.run(Edit::SetHealthModel { model: judged_only });
    assert_eq!(m.findings("health-column-mapped").len(), 2);
    m.create(ElementData::Judgement(Judgement {
        account: "A-1".into(),
        indicator: "decision-maker".into(),
        value: 4.0,
        ..Default::default()
    }));
    assert_eq!(m.findings("health-column-mapped").len(), 1);
}

#[test]
fn a_gap_item_nobody_owns_is_reported_until_a_function_owns_it() {
    let mut m = Model::new();
    let item = m.run(Edit::AddGapItem {
        data: michi_core::element::GapItem { title: "更新前レビューの新設".into(), ..Default::default() },
        concerns: Vec::new(),
        owner: None,
    })[0]
        .clone();
    fires(&m, "gap-owned", &item);
    let function = m.create(ElementData::new_with_label(ElementKind::OrgFunction, "アカウント管理"));
    m.run(Edit::SetGapOwner { item: item.clone(), owner: Some(function.clone()) });
    quiet(&m, "gap-owned");
    m.run(Edit::SetGapOwner { item: item.clone(), owner: None });
    fires(&m, "gap-owned", &item);
}

#[test]
fn a_to_be_adding_an_error_the_as_is_does_not_have_is_reported_against_it() {
    // The as-is has one stage named オンボーディング; the to-be adds a second of the same name, an
    // error under the settings both share (`unique-names` raised to error).
    let mut base = Model::new();
    let j = base.journey("導入");
    base.stage(&j, "オンボーディング");
    let mut to_be = Model { ws: base.ws.clone(), ids: IdGen::sequential() };
    let mut config = LintConfig::default();
    config.rules.insert("unique-names".into(), Severity::Error);
    base.run(Edit::SetLintConfig { config: config.clone() });
    to_be.run(Edit::SetLintConfig { config });
    let t = to_be.ws.elements_of_kind(ElementKind::Stage).next().unwrap().id.clone();
    to_be.stage(&j, "オンボーディング");
    let d = diagnose::diagnosis_against(&to_be.ws, &base.ws, "現状");
    let added: Vec<_> = d.findings.iter().filter(|f| f.rule == "to-be-adds-errors").collect();
    assert_eq!(added.len(), 1, "{:?}", d.findings);
    assert!(added[0].elements.contains(&t), "{:?}", added[0]);
    assert_eq!(added[0].severity, Severity::Error);
    assert!(added[0].message.ja.starts_with("「現状」にないエラー"), "{}", added[0].message.ja);
    assert_eq!(d.counts, diagnose::diagnosis_against(&to_be.ws, &base.ws, "現状").counts);
    // Against itself, nothing is new.
    let same = diagnose::diagnosis_against(&to_be.ws, &to_be.ws, "同じ");
    assert!(same.findings.iter().all(|f| f.rule != "to-be-adds-errors"));
}
