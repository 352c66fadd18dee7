//! Account files into snapshots: the sample's two monthly files (UTF-8 with a BOM) and the same
//! November file in CP932, scored on the sample's health model; bad cells named by line and column.

use michi_core::health::read::{self, TableQuery};
use michi_core::health::{HealthModel, Verdict};
use michi_core::{Edit, ElementData, IdGen, perform};
use michi_csv::{CsvError, MAX_ACCOUNTS, ProblemKind, account_preview, account_snapshot, parse_value, read_table};

const OCT: &[u8] = include_bytes!("../../michi-core/samples/accounts-2026-10.csv");
const NOV: &[u8] = include_bytes!("../../michi-core/samples/accounts-2026-11.csv");
const NOV_CP932: &[u8] = include_bytes!("../../../tests/data/accounts/accounts-2026-11.cp932.csv");

fn import(ws: &mut michi_core::Workspace, ids: &mut IdGen, bytes: &[u8], name: &str, as_of: f64) -> Vec<String> {
    let model = read::model(ws).map(|(_, m)| m.clone());
    let table = read_table(bytes).unwrap();
    let preview = account_preview(&table, model.as_ref());
    let mapping = preview.guess.clone().expect("the sample's headers are guessed");
    let (snap, state, dropped) =
        account_snapshot(&table, &mapping, ws, None, model.as_ref(), name.into(), format!("{name}.csv"), as_of)
            .unwrap();
    perform(ws, Edit::Create { data: ElementData::AccountSnapshot(snap) }, ids).unwrap();
    perform(ws, Edit::Create { data: ElementData::StateSnapshot(state.unwrap()) }, ids).unwrap();
    dropped
}

#[test]
fn values_are_numbers_percentages_and_yes_no_words() {
    assert_eq!(parse_value("45%"), Ok(Some(0.45)));
    assert_eq!(parse_value("１，２００"), Ok(Some(1200.0)));
    assert_eq!(parse_value("はい"), Ok(Some(1.0)));
    assert_eq!(parse_value("なし"), Ok(Some(0.0)));
    assert_eq!(parse_value("○"), Ok(Some(1.0)));
    assert_eq!(parse_value(""), Ok(None));
    assert_eq!(parse_value("-"), Ok(None));
    assert!(parse_value("たぶん").is_err());
}

#[test]
fn the_sample_files_import_with_a_believable_spread_across_the_quadrants() {
    let mut ws = michi_core::sample::sample();
    let mut ids = IdGen::sequential();
    let table = read_table(OCT).unwrap();
    assert_eq!(table.encoding, "UTF-8");
    let model = read::model(&ws).unwrap().1.clone();
    let preview = account_preview(&table, Some(&model));
    let guess = preview.guess.clone().unwrap();
    let header = |c: Option<u32>| c.map(|c| preview.headers[c as usize].as_str());
    assert_eq!(preview.headers[guess.id as usize], "顧客ID");
    assert_eq!(header(guess.name), Some("会社名"));
    assert_eq!(header(guess.stage), Some("ステージ"));
    assert_eq!(header(guess.stage_since), Some("ステージ開始日"));
    assert_eq!(header(guess.size), Some("規模"));
    assert!(preview.missing_columns.is_empty(), "{:?}", preview.missing_columns);
    // The CS member's name is not a value: left out, and said so.
    let dropped = import(&mut ws, &mut ids, OCT, "2026年10月", 1_793_404_800.0);
    assert_eq!(dropped, ["担当CS"]);
    import(&mut ws, &mut ids, NOV, "2026年11月", 1_795_996_800.0);

    let t = read::table(&ws, &TableQuery::default());
    assert_eq!(t.total, 40);
    assert_eq!(t.snapshots.len(), 2);
    // Success, kindling, at risk, churn risk, unknown: every quadrant has accounts.
    let [success, kindling, at_risk, churn, unknown] = t.quadrants;
    assert!(success >= 8 && kindling >= 4 && at_risk >= 4 && churn >= 4, "{:?}", t.quadrants);
    assert_eq!(success + kindling + at_risk + churn + unknown, 40);
    // Every weak link shows up somewhere.
    let all = read::table(&ws, &TableQuery { limit: 100, ..Default::default() });
    let weak: std::collections::HashSet<_> = all
        .rows
        .iter()
        .filter_map(|r| match r.score.verdict {
            Verdict::Weak(l) => Some(l),
            _ => None,
        })
        .collect();
    assert!(weak.len() >= 3, "{weak:?}");
    // The journeys' state layer counts the accounts at each stage; each import's two snapshots are paired.
    let state = ws.elements_of_kind(michi_core::ElementKind::StateSnapshot).count();
    assert_eq!(state, 2);
    assert!(t.snapshots.iter().all(|s| s.state.is_some()), "{:?}", t.snapshots);
    assert_ne!(t.snapshots[0].state, t.snapshots[1].state);
    // An account's page has a two-point trend.
    let page = read::account(&ws, "C-1001").unwrap();
    assert_eq!(page.trend.len(), 2);
    // All pages in one pass are the pages one by one.
    let pages = read::accounts(&ws);
    assert_eq!(pages.len(), 40);
    for p in &pages {
        assert_eq!(Some(p), read::account(&ws, &p.line.id).as_ref());
    }
    assert!(!page.explanation.ja.is_empty());
}

#[test]
fn the_cp932_file_reads_the_same_as_the_utf8_one() {
    let utf8 = read_table(NOV).unwrap();
    let sjis = read_table(NOV_CP932).unwrap();
    assert_eq!(sjis.encoding, "Shift_JIS");
    assert_eq!(utf8.headers, sjis.headers);
    assert_eq!(
        utf8.rows.iter().map(|r| &r.cells).collect::<Vec<_>>(),
        sjis.rows.iter().map(|r| &r.cells).collect::<Vec<_>>()
    );
}

#[test]
fn bad_cells_are_named_by_line_and_column_and_nothing_is_imported() {
    let ws = michi_core::sample::sample();
    let model = HealthModel::default();
    let text = "顧客ID,会社名,ステージ,ステージ開始日,規模,ログイン率,決裁者の関与,反対者\n\
                C-1,山田製作所,オンボーディング,2026/10/1,中堅,50%,4,なし\n\
                C-1,青葉食品,活用・定着,2026/13/1,巨大,たくさん,3,あり\n\
                C-3,北斗精機,どこか,,中小,20%,,1\n\
                C-4,南部工業,オンボーディング,,中小,20%,7,2\n";
    let table = read_table(text.as_bytes()).unwrap();
    let mapping = account_preview(&table, Some(&model)).guess.unwrap();
    let err = account_snapshot(&table, &mapping, &ws, None, Some(&model), "x".into(), "x.csv".into(), 0.0).unwrap_err();
    let CsvError::Rows { problems, total } = err else { panic!("{err:?}") };
    let found: Vec<(u32, &str, ProblemKind)> = problems.iter().map(|p| (p.line, p.column.as_str(), p.kind)).collect();
    assert_eq!(
        found,
        [
            (3, "顧客ID", ProblemKind::DuplicateAccount),
            (3, "規模", ProblemKind::BadValue),
            (3, "ステージ開始日", ProblemKind::BadDate),
            (3, "ログイン率", ProblemKind::BadValue),
            (4, "ステージ", ProblemKind::UnknownNode),
            // A judgement out of its 1–5 scale, a yes/no that is neither.
            (5, "決裁者の関与", ProblemKind::OutOfScale),
            (5, "反対者", ProblemKind::NotYesNo),
        ]
    );
    assert_eq!(total, 7);
}

#[test]
fn a_snapshot_holds_at_most_max_accounts() {
    let ws = michi_core::sample::sample();
    let table = |n: usize| {
        let mut text = String::from("顧客ID,NPS\n");
        for i in 0..n {
            text.push_str(&format!("C-{i},{}\n", i % 10));
        }
        read_table(text.as_bytes()).unwrap()
    };
    let snapshot = |t: &michi_csv::Table| {
        let mapping = account_preview(t, None).guess.unwrap();
        account_snapshot(t, &mapping, &ws, None, None, "x".into(), "x.csv".into(), 0.0)
    };
    assert_eq!(snapshot(&table(MAX_ACCOUNTS)).unwrap().0.accounts.len(), MAX_ACCOUNTS);
    let err = snapshot(&table(MAX_ACCOUNTS + 1)).unwrap_err();
    assert_eq!(err, CsvError::TooLarge { what: "accounts", limit: MAX_ACCOUNTS });
    assert_eq!(err.to_string(), "the file has more than 200000 accounts, more than Michi reads");
}

#[test]
fn every_bad_cell_is_counted_though_only_the_first_are_listed() {
    let ws = michi_core::sample::sample();
    let model = HealthModel::default();
    let mut text = String::from("顧客ID,会社名,決裁者の関与\n");
    for i in 0..32 {
        text.push_str(&format!("C-{i},会社{i},9\n"));
    }
    let table = read_table(text.as_bytes()).unwrap();
    let mapping = account_preview(&table, Some(&model)).guess.unwrap();
    let err = account_snapshot(&table, &mapping, &ws, None, Some(&model), "x".into(), "x.csv".into(), 0.0).unwrap_err();
    assert!(err.to_string().ends_with("(and 31 more problems)"), "{err}");
    let CsvError::Rows { problems, total } = err else { panic!("{err:?}") };
    assert_eq!((problems.len(), total), (20, 32));
}

#[test]
fn the_samples_november_conversions_are_what_moved_on_over_what_was_there() {
    use michi_core::derive::metrics::{self, Progress};
    let mut ws = michi_core::sample::sample();
    let mut ids = IdGen::sequential();
    import(&mut ws, &mut ids, OCT, "2026年10月", 1_793_404_800.0);
    import(&mut ws, &mut ids, NOV, "2026年11月", 1_795_996_800.0);
    let mut seen = Vec::new();
    for j in ws.elements_of_kind(michi_core::ElementKind::Journey).map(|e| e.id.clone()).collect::<Vec<_>>() {
        let catalog = metrics::metrics(&ws, &j).unwrap();
        assert_eq!(catalog.snapshot.as_ref().map(|s| s.name.as_str()), Some("2026年11月"));
        for s in &catalog.stages {
            for p in s.progress.iter().filter(|p| matches!(p.metric, Progress::ConversionToNext { .. })) {
                let v = p.value.unwrap_or_else(|| panic!("{} has a conversion", s.stage.name));
                assert!((0.0..=1.0).contains(&v), "{}: {v}", s.stage.name);
                seen.push((s.stage.name.clone(), p.counts.unwrap()));
            }
        }
    }
    seen.sort();
    // By hand from the two files: of the 9 at はじめての記録 in October, 4 moved on to 毎日の習慣化
    // in November; all 6 at オンボーディング moved on to 活用・定着; nobody left 活用・定着 or 拡大.
    assert_eq!(
        seen,
        [
            ("はじめての記録".to_string(), (4, 9)),
            ("オンボーディング".to_string(), (6, 6)),
            ("拡大".to_string(), (0, 5)),
            ("活用・定着".to_string(), (0, 12)),
        ]
    );
}

#[test]
fn a_stage_start_column_that_reads_either_way_is_asked_and_the_choice_is_kept() {
    let ws = michi_core::sample::sample();
    let text = "顧客ID,ステージ,ステージ開始日\nA-1,オンボーディング,3/4/2026\nA-2,活用・定着,46027\n";
    let table = read_table(text.as_bytes()).unwrap();
    let preview = account_preview(&table, None);
    assert!(preview.dates[2].ambiguous, "{:?}", preview.dates);
    let mut mapping = preview.guess.clone().unwrap();
    assert_eq!(mapping.stage_since, Some(2));
    let snapshot = |m: &michi_csv::AccountMapping| {
        account_snapshot(&table, m, &ws, None, None, "s".into(), "s.csv".into(), 1_795_996_800.0)
    };
    let err = snapshot(&mapping).unwrap_err();
    assert!(matches!(&err, CsvError::AmbiguousDates(c) if c == "ステージ開始日"), "{err}");
    assert!(err.to_string().contains("day-first or month-first"), "{err}");
    mapping.date_order = Some(michi_csv::DateOrder::MonthFirst);
    let (snap, _, _) = snapshot(&mapping).unwrap();
    // 3/4/2026 month first is March 4th; 46027 (Excel) is 2026-01-05.
    assert_eq!(
        snap.accounts.iter().map(|a| a.stage_since).collect::<Vec<_>>(),
        [Some(1_772_582_400.0), Some(1_767_571_200.0)]
    );
}
