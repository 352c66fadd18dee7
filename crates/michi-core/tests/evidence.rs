//! Evidence: coverage of the segments and of the model's elements on a hand-checked set, and tags
//! merged as one undoable edit.

use michi_core::derive::evidence::coverage;
use michi_core::element::{CompanySize, Conversation, ElementData, ElementKind, Quote, Segment, Tag};
use michi_core::{Edit, ElementId, IdGen, RelationKind, Workspace, apply, perform};

const DAY: f64 = 86_400.0;
const D0: f64 = 1_767_225_600.0; // 2026-01-01

struct Model {
    ws: Workspace,
    ids: IdGen,
}

impl Model {
    fn run(&mut self, edit: Edit) -> Vec<ElementId> {
        perform(&mut self.ws, edit, &mut self.ids).unwrap().created
    }
    fn create(&mut self, data: ElementData) -> ElementId {
        self.run(Edit::Create { data }).remove(0)
    }
    fn link(&mut self, kind: RelationKind, from: &ElementId, to: &ElementId) {
        self.run(Edit::Link { kind, from: from.clone(), to: to.clone() });
    }
    fn segment(&mut self, name: &str, size: Option<CompanySize>, industry: &str) -> ElementId {
        self.create(ElementData::Segment(Segment {
            name: name.into(),
            size,
            industry: industry.into(),
            ..Default::default()
        }))
    }
    fn talk(&mut self, account: &str, size: CompanySize, industry: &str, day: f64) -> ElementId {
        self.create(ElementData::Conversation(Box::new(Conversation {
            date: Some(D0 + day * DAY),
            account: account.into(),
            account_name: format!("{account}社"),
            size: Some(size),
            industry: industry.into(),
            ..Default::default()
        })))
    }
    fn quote(&mut self, from: &ElementId, text: &str, supports: &[&ElementId]) -> ElementId {
        let q = self.create(ElementData::Quote(Quote { text: text.into(), perspective: None }));
        self.link(RelationKind::QuoteOf, &q, from);
        for s in supports {
            self.link(RelationKind::Supports, &q, s);
        }
        q
    }
}

/// Three segments (中堅・製造, 中小, 大手・サービス), four conversations with three accounts (A twice,
/// 400 days apart), a stage and two stumbling points with quotes behind them.
fn model() -> (Model, [ElementId; 3], ElementId, [ElementId; 2]) {
    let mut m = Model { ws: Workspace::new(), ids: IdGen::sequential() };
    let s1 = m.segment("中堅・製造", Some(CompanySize::MidMarket), "製造");
    let s2 = m.segment("中小", Some(CompanySize::Small), "");
    let s3 = m.segment("大手・サービス", Some(CompanySize::Enterprise), "サービス");
    let j = m.run(Edit::CreateJourney { name: "導入".into() }).remove(0);
    let stage = m.run(Edit::AddStage { journey: j, index: None, name: "活用".into() }).remove(0);
    let point = |text: &str| ElementData::new_with_label(ElementKind::StumblingPoint, text);
    let p1 = m.run(Edit::AddCard { stage: stage.clone(), index: None, data: point("入力が続かない") }).remove(0);
    let p2 = m.run(Edit::AddCard { stage: stage.clone(), index: None, data: point("権限の設定で迷う") }).remove(0);
    let c1 = m.talk("A", CompanySize::MidMarket, "製造", 0.0);
    let c2 = m.talk("B", CompanySize::Small, "製造", 10.0);
    let c3 = m.talk("A", CompanySize::MidMarket, "製造", 400.0);
    let _c4 = m.talk("X", CompanySize::Enterprise, "製造", 20.0);
    m.quote(&c1, "現場が忙しくて入力が後回しになる", &[&p1, &stage]);
    m.quote(&c3, "結局、紙に戻った", &[&p1]);
    m.quote(&c2, "毎朝の朝礼で画面を見ている", &[&stage]);
    (m, [s1, s2, s3], stage, [p1, p2])
}

#[test]
fn coverage_places_each_conversation_in_its_segments_and_counts_what_is_behind_each_element() {
    let (m, [s1, s2, s3], stage, [p1, p2]) = model();
    let c = coverage(&m.ws);
    assert_eq!((c.conversations, c.accounts_heard, c.settings.target), (4, 3, 20));
    let cells: Vec<(&str, Vec<&str>, u32)> = c
        .cells
        .iter()
        .map(|x| (x.segment.name.as_str(), x.accounts.iter().map(String::as_str).collect(), x.conversations))
        .collect();
    // Sorted by name: 中堅・製造 (A twice), 中小 (B), 大手・サービス (nobody: X is a manufacturer).
    assert_eq!(cells, [("中堅・製造", vec!["A社"], 2), ("中小", vec!["B社"], 1), ("大手・サービス", vec![], 0)]);
    assert_eq!([&c.cells[0].segment.id, &c.cells[1].segment.id, &c.cells[2].segment.id], [&s1, &s2, &s3]);
    assert_eq!(c.unplaced, ["X社"]);
    assert_eq!(c.latest, Some(D0 + 400.0 * DAY));

    let of = |id: &ElementId| c.elements.iter().find(|b| &b.element.id == id);
    // 入力が続かない: two quotes, one account (A), one segment, the newest on day 400.
    let b = of(&p1).unwrap();
    assert_eq!((b.quotes, b.accounts, b.segments, b.newest), (2, 1, 1, Some(D0 + 400.0 * DAY)));
    // 活用: A and B, in two segments, the newest on day 10.
    let b = of(&stage).unwrap();
    assert_eq!((b.quotes, b.accounts, b.segments, b.newest), (2, 2, 2, Some(D0 + 10.0 * DAY)));
    assert!(of(&p2).is_none(), "nothing behind 権限の設定で迷う");
}

#[test]
fn the_evidence_rules_name_the_unheard_segment_the_unsupported_point_one_account_and_old_evidence() {
    use michi_core::diagnose::{self, Severity};
    let (m, [_, _, s3], stage, [p1, p2]) = model();
    let found = |rule: &str| -> Vec<ElementId> {
        let r = diagnose::rule(rule).unwrap();
        diagnose::check(&m.ws, r, Severity::Warning).into_iter().map(|f| f.elements[0].clone()).collect()
    };
    assert_eq!(found("segment-heard"), [s3]);
    assert_eq!(found("stumbling-point-evidence"), [p2]);
    assert_eq!(found("evidence-one-account"), std::slice::from_ref(&p1));
    // 活用's newest is day 10, 390 days before the latest conversation: older than a year.
    assert_eq!(found("evidence-stale"), [stage]);

    // Before any conversation is logged, nothing is asked for: the sample without its conversations.
    let mut empty = Model { ws: michi_core::sample::sample(), ids: IdGen::sequential_from(90_000) };
    let talks: Vec<ElementId> = empty.ws.elements_of_kind(ElementKind::Conversation).map(|e| e.id.clone()).collect();
    empty.run(Edit::Delete { ids: talks });
    assert!(empty.ws.elements_of_kind(ElementKind::Quote).next().is_none(), "quotes go with their conversation");
    for rule in ["segment-heard", "stumbling-point-evidence"] {
        let r = diagnose::rule(rule).unwrap();
        assert!(diagnose::check(&empty.ws, r, Severity::Warning).is_empty(), "{rule}");
    }
}

#[test]
fn merging_two_tags_moves_their_quotes_and_children_in_one_undoable_step() {
    let (mut m, _, stage, _) = model();
    let tag = |m: &mut Model, name: &str| m.create(ElementData::Tag(Tag { name: name.into() }));
    let (parent, habit, routine, child) =
        (tag(&mut m, "定着"), tag(&mut m, "習慣"), tag(&mut m, "習慣化"), tag(&mut m, "朝礼"));
    m.link(RelationKind::TagIn, &habit, &parent);
    m.link(RelationKind::TagIn, &child, &routine);
    let quotes: Vec<ElementId> = m.ws.incoming(&stage, RelationKind::Supports).into_iter().map(|r| r.from).collect();
    m.link(RelationKind::TaggedWith, &quotes[0], &habit);
    m.link(RelationKind::TaggedWith, &quotes[1], &routine);
    m.link(RelationKind::TaggedWith, &quotes[0], &routine);
    let before = m.ws.clone();

    let done = perform(&mut m.ws, Edit::MergeTags { from: routine.clone(), into: habit.clone() }, &mut m.ids).unwrap();
    assert!(!m.ws.contains(&routine));
    let tagged: Vec<ElementId> = m.ws.incoming(&habit, RelationKind::TaggedWith).into_iter().map(|r| r.from).collect();
    assert_eq!(tagged.len(), 2, "both quotes, the one tagged twice once");
    assert_eq!(m.ws.container(&child, RelationKind::TagIn), Some(habit.clone()));
    assert_eq!(m.ws.container(&habit, RelationKind::TagIn), Some(parent));
    assert_eq!(michi_core::edit::history_name("mergeTags").en, "merge tags");
    apply(&mut m.ws, done.inverse).unwrap();
    assert_eq!(m.ws, before);
}

#[test]
fn a_conversation_naming_its_segment_counts_there_whatever_its_attributes() {
    let (mut m, [s1, _s2, s3], _stage, _) = model();
    // X (大手, 製造) falls in no segment by its attributes; named into 大手・サービス it counts there.
    let x = m.ws.elements_of_kind(ElementKind::Conversation).find(|e| e.data.label() == "X社").map(|e| e.id.clone());
    let x = x.expect("X's conversation");
    assert_eq!(coverage(&m.ws).unplaced, vec!["X社".to_string()]);
    m.link(RelationKind::IsFor, &x, &s3);
    let c = coverage(&m.ws);
    assert!(c.unplaced.is_empty());
    let cell = |id: &ElementId| c.cells.iter().find(|cell| &cell.segment.id == id).unwrap().accounts.clone();
    assert_eq!(cell(&s3), vec!["X社".to_string()]);
    // Named into one segment, it no longer counts where its attributes would put it.
    let a = m.ws.elements_of_kind(ElementKind::Conversation).find(|e| e.data.label() == "A社").map(|e| e.id.clone());
    m.link(RelationKind::IsFor, &a.unwrap(), &s3);
    let c = coverage(&m.ws);
    let cell = |id: &ElementId| c.cells.iter().find(|cell| &cell.segment.id == id).unwrap().conversations;
    assert_eq!((cell(&s1), cell(&s3)), (1, 2));
}

#[test]
fn a_quote_is_added_with_its_tags_and_links_in_one_step_and_read_back_in_the_log() {
    use michi_core::derive::evidence::{conversation_page, log, quotes_behind};
    use michi_core::element::Perspective;
    let (mut m, _, stage, [_p1, p2]) = model();
    let parent = m.run(Edit::AddTag { name: "定着".into(), parent: None, quotes: vec![] }).remove(0);
    let child = m.run(Edit::AddTag { name: "朝礼".into(), parent: Some(parent.clone()), quotes: vec![] }).remove(0);
    let talk = m.talk("C", CompanySize::Small, "", 30.0);
    let before = m.ws.clone();
    let quote =
        Quote { text: "権限の画面が見つからない".into(), perspective: Some(Perspective::Behaviour) };
    let edit = Edit::AddQuote {
        conversation: Some(talk.clone()),
        quote,
        tags: vec![child.clone(), child.clone()],
        supports: vec![p2.clone(), stage.clone()],
    };
    let done = perform(&mut m.ws, edit, &mut m.ids).unwrap();
    let q = done.created[0].clone();
    assert_eq!(m.ws.container(&q, RelationKind::QuoteOf), Some(talk.clone()));
    assert_eq!(m.ws.outgoing(&q, RelationKind::TaggedWith).len(), 1);
    let behind = quotes_behind(&m.ws, &p2);
    assert_eq!(behind.len(), 1);
    assert_eq!((behind[0].account.as_str(), behind[0].tags[0].name.as_str()), ("C社", "朝礼"));
    assert_eq!(behind[0].citation(), "「権限の画面が見つからない」（C社, 2026-01-31）");
    let page = conversation_page(&m.ws, &talk).unwrap();
    assert_eq!(page.quotes.iter().map(|q| q.id.clone()).collect::<Vec<_>>(), vec![q.clone()]);
    let l = log(&m.ws);
    assert_eq!(
        l.tags.iter().map(|t| (t.path.as_str(), t.depth, t.quotes)).collect::<Vec<_>>(),
        [("定着", 0, 0), ("定着/朝礼", 1, 1)]
    );
    // Newest first: C (day 30) after A's second talk (day 400).
    assert_eq!(l.conversations[0].account_name, "A社");
    assert_eq!(l.conversations[1].id, talk);
    // A tag's parent must be a tag; a quote's conversation a conversation.
    let bad = Edit::AddTag { name: "x".into(), parent: Some(stage.clone()), quotes: vec![] };
    assert!(perform(&mut m.ws, bad, &mut m.ids).is_err());
    apply(&mut m.ws, done.inverse).unwrap();
    assert_eq!(m.ws, before);
}

#[test]
fn dates_read_back_as_written() {
    use michi_core::derive::evidence::{iso_date, parse_iso_date};
    for d in ["1970-01-01", "2026-02-28", "2028-02-29", "2026-12-31", "1999-03-01"] {
        assert_eq!(parse_iso_date(d).map(iso_date).as_deref(), Some(d));
    }
    assert_eq!(parse_iso_date("2026-01-01"), Some(D0));
    for bad in ["2026-02-30", "2026-13-01", "2026/01/01", "", "2026-1"] {
        assert_eq!(parse_iso_date(bad), None, "{bad}");
    }
}

#[test]
fn the_sample_has_conversations_leaving_one_segment_unheard_and_says_so() {
    let ws = michi_core::sample::sample();
    let c = coverage(&ws);
    assert_eq!((c.conversations, c.accounts_heard), (5, 5));
    let empty: Vec<&str> = c.cells.iter().filter(|c| c.conversations == 0).map(|c| c.segment.name.as_str()).collect();
    assert_eq!(empty, ["大手製造業"]);
    assert!(c.unplaced.is_empty());
    let findings = michi_core::diagnose::diagnose(&ws, &Default::default());
    let of = |rule: &str| findings.iter().filter(|f| f.rule == rule).count();
    assert_eq!(of("segment-heard"), 1);
    // Five of the sample's negative stumbling points have quotes behind them; the others are named.
    assert_eq!(of("stumbling-point-evidence"), 5);
    assert!(of("evidence-one-account") >= 1);
}

#[test]
fn plays_gap_items_and_account_pages_cite_the_quotes_behind_them() {
    use michi_core::derive::playbook::{PlayTrigger, playbook};
    let ws = michi_core::sample::sample();
    let named = |label: &str| ws.elements().find(|e| e.data.label() == label).map(|e| e.id.clone()).unwrap();
    // The play for the template stumbling point cites both accounts that said so, newest first.
    let journey = ws.elements_of_kind(ElementKind::Journey).next().unwrap().id.clone();
    let pb = playbook(&ws, &journey).unwrap();
    let point = named("帳票テンプレートの作り方がわからず手が止まる");
    let play = pb
        .stages
        .iter()
        .flat_map(|s| &s.plays)
        .find(|p| matches!(&p.trigger, PlayTrigger::StumblingPoint { .. }) && p.sources.contains(&point))
        .unwrap();
    let cited: Vec<&str> = play.evidence.iter().map(|q| q.account.as_str()).collect();
    assert_eq!(cited, ["青葉食品工業", "山田製作所"]);
    // A timeline play does not repeat its stage's quotes: the stage cites them once.
    let stage = named("オンボーディング");
    let doc = michi_core::derive::playbook::document(&ws, &pb);
    let md = format!("{doc:?}");
    // (A citation is one text in both languages: two occurrences are one citation.)
    assert_eq!(md.matches("既存のExcel帳票をそのまま取り込みたい").count(), 2, "the stage's quote is cited once");

    // A gap item concerning the stage cites its quotes.
    let mut to_be = ws.clone();
    let mut ids = IdGen::sequential_from(70_000);
    perform(
        &mut to_be,
        Edit::AddGapItem {
            data: michi_core::element::GapItem { title: "帳票移行の支援".into(), ..Default::default() },
            concerns: vec![stage.clone()],
            owner: None,
        },
        &mut ids,
    )
    .unwrap();
    let d = michi_core::diff::diff(&ws, &to_be);
    let list = michi_core::diff::gaps::gap_list(&ws, &to_be, &d);
    let row = list.rows.iter().find(|r| r.own_title == "帳票移行の支援").unwrap();
    assert_eq!(row.evidence.len(), 2);
    let cell = format!("{:?}", michi_core::diff::gaps::document(&list, "現状", "あるべき姿"));
    assert!(cell.contains("既存のExcel帳票をそのまま取り込みたい"));

    // An account's health page cites what its people said (matched by the account's id).
    let by = michi_core::derive::evidence::quotes_by_account(&ws);
    let quotes = michi_core::derive::evidence::quotes_of_account(&by, "C-1001", "山田製作所");
    assert_eq!(quotes.len(), 3, "by id and by name, each once");
    assert_eq!(michi_core::derive::evidence::quotes_of_account(&by, "", "山田製作所").len(), 3, "by name");
    assert!(michi_core::derive::evidence::quotes_of_account(&by, "C-9999", "どこにもない").is_empty());
}
