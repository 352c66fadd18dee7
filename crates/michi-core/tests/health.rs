//! The bonfire health model on small hand-checked cases: every kind of indicator and scoring
//! function, missing values, the weakest link in chain order, judgements over the data, the trend.

use michi_core::health::read::{self, TableQuery};
use michi_core::health::{
    AccountRow, AccountSnapshot, Bonfire, HealthModel, Judgement, Overall, Quadrant, Scorer, Scoring, Threshold,
    Verdict,
};
use michi_core::{Edit, ElementData, ElementId, IdGen, Workspace, perform};

fn steps(s: &[(f64, f64)]) -> Scoring {
    Scoring::Thresholds { steps: s.iter().map(|&(at_least, score)| Threshold { at_least, score }).collect() }
}

#[test]
fn thresholds_take_the_last_step_reached_and_may_fall() {
    // Days since the last contact: fewer is better.
    let days = steps(&[(0.0, 100.0), (15.0, 70.0), (31.0, 35.0), (61.0, 0.0)]);
    for (value, score) in
        [(-1.0, 0.0), (0.0, 100.0), (14.9, 100.0), (15.0, 70.0), (45.0, 35.0), (61.0, 0.0), (400.0, 0.0)]
    {
        assert_eq!(days.score(value), score, "{value} days");
    }
    assert!(days.problem().is_none());
    assert!(steps(&[(10.0, 0.0), (10.0, 50.0)]).problem().is_some());
    assert!(steps(&[]).problem().is_some());
}

#[test]
fn linear_scales_clamp_and_may_run_downwards() {
    let judgement = Scoring::Linear { from: 1.0, to: 5.0 };
    for (value, score) in [(0.0, 0.0), (1.0, 0.0), (2.0, 25.0), (3.0, 50.0), (5.0, 100.0), (7.0, 100.0)] {
        assert_eq!(judgement.score(value), score, "judgement {value}");
    }
    // Yes/no as 1/0: "an active opponent" is good when absent.
    let opponent = Scoring::Linear { from: 1.0, to: 0.0 };
    assert_eq!((opponent.score(1.0), opponent.score(0.0)), (0.0, 100.0));
    let login = Scoring::Linear { from: 0.2, to: 0.9 };
    assert!((login.score(0.55) - 50.0).abs() < 1e-9);
    assert!(Scoring::Linear { from: 0.5, to: 0.5 }.problem().is_some());
}

/// The default model's columns, and a row giving each a value (None: missing).
fn columns(model: &HealthModel) -> Vec<String> {
    model.indicators().map(|(_, i)| i.column.clone()).collect()
}

/// Values in model order: firewood (owner yes/no, decision maker 1–5, opponent yes/no), ember
/// (business reason 1–5, champion yes/no), wind (meetings rate, days since contact, channels), fire
/// (login rate, key feature rate, onboarding on time yes/no).
fn row(values: [Option<f64>; 11]) -> Vec<Option<f64>> {
    values.to_vec()
}

#[test]
fn link_scores_are_weighted_means_and_a_missing_value_is_left_out() {
    let model = HealthModel::default();
    let scorer = Scorer::new(&model, &columns(&model));
    let s = scorer.score(
        &row([
            Some(1.0),  // owner named: 100 × 40
            Some(3.0),  // decision maker 3 of 5: 50 × 40
            Some(0.0),  // no opponent: 100 × 20
            Some(5.0),  // business reason: 100 × 60
            Some(0.0),  // no champion: 0 × 40
            Some(1.0),  // meetings 100%: 100 × 40
            Some(20.0), // 20 days: 70 × 40
            Some(2.0),  // two channels: 75 × 20
            Some(0.9),  // login 90%: 100 × 40
            Some(0.45), // key feature 45%: 50 × 40
            Some(1.0),  // on schedule: 100 × 20
        ]),
        &[],
    );
    assert_eq!(s.links, [Some(80.0), Some(60.0), Some(83.0), Some(80.0)]);
    // Weighted 30/30/20/20: 24 + 18 + 16.6 + 16 = 74.6.
    assert!((s.overall.unwrap() - 74.6).abs() < 1e-9, "{:?}", s.overall);
    assert_eq!(s.verdict, Verdict::Healthy);
    assert_eq!(Quadrant::of(&s, &model), Some(Quadrant::Success));
    // The decision maker not judged: owner and opponent carry the firewood, (4000 + 2000) / 60.
    let s = scorer.score(
        &row([
            Some(1.0),
            None,
            Some(0.0),
            Some(5.0),
            Some(0.0),
            Some(1.0),
            Some(20.0),
            Some(2.0),
            Some(0.9),
            Some(0.45),
            Some(1.0),
        ]),
        &[],
    );
    assert_eq!(s.links[0], Some(100.0));
}

#[test]
fn the_weakest_link_is_the_first_weak_one_in_chain_order() {
    let model = HealthModel::default();
    let scorer = Scorer::new(&model, &columns(&model));
    // Firewood 30 (no owner, decision maker 3, opponent), ember fine, wind weak, fire weakest.
    let values = row([
        Some(0.0),
        Some(3.0),
        Some(1.0),
        Some(5.0),
        Some(1.0),
        Some(0.3),
        Some(90.0),
        Some(0.0),
        Some(0.2),
        Some(0.1),
        Some(0.0),
    ]);
    let s = scorer.score(&values, &[]);
    assert_eq!(s.links[0], Some(20.0));
    assert_eq!(s.links[3], Some(0.0));
    assert_eq!(s.verdict, Verdict::Weak(Bonfire::Firewood));
    assert_eq!(Quadrant::of(&s, &model), Some(Quadrant::ChurnRisk));
    // The overall score's formula: weighted, or the weakest link.
    let mut weakest = model.clone();
    weakest.overall = Overall::Weakest;
    assert_eq!(Scorer::new(&weakest, &columns(&model)).score(&values, &[]).overall, Some(0.0));
    // Nothing known of the firewood: the chain cannot be read past it.
    let mut unknown = values.clone();
    unknown[..3].fill(None);
    let s = scorer.score(&unknown, &[]);
    assert_eq!((s.links[0], s.verdict), (None, Verdict::Unknown(Bonfire::Firewood)));
    // Overall over the known links only: (30×100 + 20×0 + 20×0) / 70 for ember 100, wind 0, fire 0.
    assert!((s.overall.unwrap() - 3000.0 / 70.0).abs() < 1e-9, "{:?}", s.overall);
    assert_eq!(Quadrant::of(&s, &model), None);
    // A judgement (indicator 1: the decision maker) takes the place of the row's value.
    let judged = scorer.score(&values, &[(1, 5.0)]);
    assert_eq!(judged.links[0], Some(40.0));
}

fn run(ws: &mut Workspace, ids: &mut IdGen, edit: Edit) -> Vec<ElementId> {
    perform(ws, edit, ids).unwrap().created
}

fn snapshot(name: &str, as_of: f64, model: &HealthModel, rows: Vec<(&str, &str, [Option<f64>; 11])>) -> ElementData {
    ElementData::AccountSnapshot(AccountSnapshot {
        name: name.into(),
        as_of,
        source: format!("{name}.csv"),
        columns: columns(model),
        accounts: rows
            .into_iter()
            .map(|(id, name, v)| AccountRow {
                id: id.into(),
                name: name.into(),
                segment: "中堅製造業".into(),
                values: row(v),
                ..Default::default()
            })
            .collect(),
        ..Default::default()
    })
}

const DAY: f64 = 86_400.0;

#[test]
fn an_accounts_page_explains_the_weak_link_names_the_next_action_and_shows_the_trend() {
    let (mut ws, mut ids) = (Workspace::new(), IdGen::sequential());
    let model = HealthModel::default();
    run(&mut ws, &mut ids, Edit::SetHealthModel { model: model.clone() });
    let weak_wood = [
        Some(0.0),
        Some(2.0),
        Some(1.0),
        Some(5.0),
        Some(1.0),
        Some(1.0),
        Some(3.0),
        Some(3.0),
        Some(0.2),
        Some(0.1),
        Some(0.0),
    ];
    let good = [
        Some(1.0),
        Some(5.0),
        Some(0.0),
        Some(5.0),
        Some(1.0),
        Some(1.0),
        Some(3.0),
        Some(3.0),
        Some(0.9),
        Some(0.8),
        Some(1.0),
    ];
    run(
        &mut ws,
        &mut ids,
        Edit::Create {
            data: snapshot(
                "10月",
                10.0 * DAY,
                &model,
                vec![("A-1", "山田製作所", weak_wood), ("A-2", "青葉食品", good)],
            ),
        },
    );
    let page = read::account(&ws, "A-1").unwrap();
    assert_eq!(page.line.score.verdict, Verdict::Weak(Bonfire::Firewood));
    assert!(page.explanation.ja.contains("鎖の最初の弱い環は「薪」です"), "{}", page.explanation.ja);
    // Fire scores lower, but firewood comes first and explains it.
    assert!(page.explanation.en.contains("Fire scores lower, but firewood comes first"), "{}", page.explanation.en);
    assert!(page.next_actions[0].text.ja.contains("決裁者"), "{:?}", page.next_actions);
    assert_eq!(page.trend.len(), 1);

    // A judgement typed in the app after the snapshot: the decision maker is now engaged (5), and
    // a project owner has been named (1). Firewood 0×40+100×40+0×20 → 100×40+100×40+0×20 = 80.
    let judge = |indicator: &str, value: f64| {
        ElementData::Judgement(Judgement {
            account: "A-1".into(),
            indicator: indicator.into(),
            value,
            at: 12.0 * DAY,
            by: "佐藤".into(),
            note: String::new(),
        })
    };
    run(&mut ws, &mut ids, Edit::Create { data: judge("decision-maker", 5.0) });
    run(&mut ws, &mut ids, Edit::Create { data: judge("owner-named", 1.0) });
    let page = read::account(&ws, "A-1").unwrap();
    assert_eq!(page.line.score.links[0], Some(80.0));
    assert_eq!(page.line.score.verdict, Verdict::Weak(Bonfire::Fire));
    let dm = page.indicators.iter().find(|i| i.key == "decision-maker").unwrap();
    assert_eq!((dm.value, dm.judgement.as_ref().map(|j| j.by.as_str())), (Some(5.0), Some("佐藤")));
    // The trend: the snapshot, then the judgements since.
    assert_eq!(page.trend.len(), 2);
    assert_eq!(page.trend[0].links[0], Some(100.0 * 0.0 + 25.0 * 0.4));
    assert_eq!(page.trend[1].snapshot, None);
    // Each indicator has its own trend (model order): the owner named 0 → 100, the decision maker
    // 2 of 5 → 25 → 5 of 5 → 100; an indicator nobody judged keeps the file's score.
    let by_key = |key: &str| page.indicators.iter().position(|i| i.key == key).unwrap();
    let trend_of =
        |p: &read::AccountPage, key: &str| p.trend.iter().map(|t| t.indicators[by_key(key)]).collect::<Vec<_>>();
    assert_eq!(trend_of(&page, "owner-named"), [Some(0.0), Some(100.0)]);
    assert_eq!(trend_of(&page, "decision-maker"), [Some(25.0), Some(100.0)]);
    assert_eq!(page.trend[0].indicators.len(), page.indicators.len());
    assert_eq!(page.trend[1].indicators[by_key("login-rate")], page.trend[0].indicators[by_key("login-rate")]);

    // A second, later snapshot: its own values are newer than the judgements for what it has.
    run(
        &mut ws,
        &mut ids,
        Edit::Create {
            data: snapshot(
                "11月",
                40.0 * DAY,
                &model,
                vec![("A-1", "山田製作所", good), ("A-2", "青葉食品", weak_wood)],
            ),
        },
    );
    let page = read::account(&ws, "A-1").unwrap();
    assert_eq!(page.trend.iter().map(|p| p.snapshot.is_some()).collect::<Vec<_>>(), [true, true]);
    assert_eq!(page.line.score.verdict, Verdict::Healthy);
    assert_eq!(trend_of(&page, "owner-named"), [Some(0.0), Some(100.0)]);

    // The table: sorted by verdict, filtered by quadrant and segment, counted per quadrant.
    let t = read::table(&ws, &TableQuery { sort: read::SortBy::Verdict, ..Default::default() });
    assert_eq!(t.total, 2);
    assert_eq!(t.rows[0].id, "A-2");
    assert_eq!(t.quadrants, [1, 0, 0, 1, 0]);
    assert_eq!(t.dots.len(), 2);
    let churn = read::table(&ws, &TableQuery { quadrant: Some(Quadrant::ChurnRisk), ..Default::default() });
    assert_eq!(churn.rows.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), ["A-2"]);
    let other = read::table(&ws, &TableQuery { segment: "大手製造業".into(), ..Default::default() });
    assert_eq!((other.total, t.segments.clone()), (0, vec!["中堅製造業".to_string()]));
}

#[test]
fn the_next_actions_come_from_the_playbook_of_the_accounts_stage() {
    let mut ws = michi_core::sample::sample();
    let mut ids = IdGen::sequential();
    let model = HealthModel::default();
    run(&mut ws, &mut ids, Edit::SetHealthModel { model: model.clone() });
    let onboarding = ws
        .elements_of_kind(michi_core::ElementKind::Stage)
        .find(|s| s.data.label() == "オンボーディング")
        .unwrap()
        .id
        .clone();
    // Firewood in onboarding: the model's action, then the play for "推進担当が現場と関係の薄い部署の人".
    let actions = read::next_actions(&ws, &model, Bonfire::Firewood, Some(&onboarding));
    assert!(actions.len() >= 2, "{actions:?}");
    assert!(actions[1].text.ja.contains("現場リーダーを推進メンバーに加える"), "{actions:?}");
    assert!(actions[1].source.is_some() && !actions[1].views.is_empty());
    // Wind: the touchpoints planned on entering the stage.
    let wind = read::next_actions(&ws, &model, Bonfire::Wind, Some(&onboarding));
    assert!(wind.iter().any(|a| a.text.ja.contains("キックオフミーティング")), "{wind:?}");
    // No stage: the model's action only.
    assert_eq!(read::next_actions(&ws, &model, Bonfire::Ember, None).len(), 1);
}

/// Firewood weak for two different reasons: the explanation names the indicator that pulled it
/// down, with its value, score and the threshold, instead of one fixed paragraph per link; a drop
/// since the previous snapshot is said on the page and listed in the table.
#[test]
fn the_explanation_names_what_pulled_the_link_down_and_what_dropped_since_last_time() {
    let (mut ws, mut ids) = (Workspace::new(), IdGen::sequential());
    let model = HealthModel::default();
    run(&mut ws, &mut ids, Edit::SetHealthModel { model: model.clone() });
    let with = |owner: f64, decision: f64, opponent: f64| {
        [
            Some(owner),
            Some(decision),
            Some(opponent),
            Some(5.0),
            Some(1.0),
            Some(1.0),
            Some(3.0),
            Some(3.0),
            Some(0.9),
            Some(0.8),
            Some(1.0),
        ]
    };
    // October: A-1's firewood is whole (owner, decision maker 4 of 5, no opponent):
    // 100×40 + 75×40 + 100×20 = 90. A-2 has an owner, an engaged decision maker, and an opponent.
    let oct = vec![("A-1", "山田製作所", with(1.0, 4.0, 0.0)), ("A-2", "青葉食品", with(1.0, 5.0, 1.0))];
    run(&mut ws, &mut ids, Edit::Create { data: snapshot("10月", 10.0 * DAY, &model, oct) });
    // November: A-1's owner left and the decision maker is barely there (2 of 5): 0×40 + 25×40
    // + 100×20 = 30. A-2's opponent is the only low indicator: 100×40 + 100×40 + 0×20 = 80, fine.
    let nov = vec![("A-1", "山田製作所", with(0.0, 2.0, 0.0)), ("A-2", "青葉食品", with(1.0, 5.0, 1.0))];
    run(&mut ws, &mut ids, Edit::Create { data: snapshot("11月", 40.0 * DAY, &model, nov) });
    let page = read::account(&ws, "A-1").unwrap();
    assert_eq!(page.line.score.verdict, Verdict::Weak(Bonfire::Firewood));
    assert_eq!(page.line.score.links[0], Some(30.0));
    assert_eq!(
        page.explanation.ja,
        "鎖の最初の弱い環は「薪」です（30点／基準50点）。下げているのは、「推進担当が決まっている」いいえ（0点）、「決裁者が関与している」2/5（25点）です。前回（10月）から下がりました: 薪 90 → 30。"
    );
    assert!(page.explanation.en.contains("What pulls it down: \"A project owner is named\": no (0 of 100); \"The decision maker is engaged\": 2/5 (25 of 100)."), "{}", page.explanation.en);
    assert!(!page.explanation.ja.contains("反対者"), "the opponent indicator is fine for A-1");
    assert_eq!(page.drops.len(), 1);
    assert_eq!((page.drops[0].link, page.drops[0].from, page.drops[0].to), (Bonfire::Firewood, 90.0, 30.0));
    // an active opponent pulls firewood down, but not under its threshold; no drop.
    let two = read::account(&ws, "A-2").unwrap();
    assert!(two.drops.is_empty());
    // The table lists the account that dropped, and only it.
    let t = read::table(&ws, &TableQuery::default());
    assert_eq!(t.dropped_total, 1);
    assert_eq!(t.dropped.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(), ["A-1"]);
    assert_eq!(t.dropped[0].drops[0].since, "10月");

    // An opponent that does pull firewood under: named with its value.
    let dec = vec![("A-2", "青葉食品", with(0.0, 5.0, 1.0))];
    run(&mut ws, &mut ids, Edit::Create { data: snapshot("12月", 70.0 * DAY, &model, dec) });
    let two = read::account(&ws, "A-2").unwrap();
    assert_eq!(two.line.score.links[0], Some(40.0));
    assert!(
        two.explanation
            .ja
            .contains("下げているのは、「推進担当が決まっている」いいえ（0点）、「強い反対者がいる」はい（0点）です。"),
        "{}",
        two.explanation.ja
    );
    assert!(two.explanation.ja.contains("前回（11月）から下がりました: 薪 80 → 40。"), "{}", two.explanation.ja);
}
