//! Case-event CSVs (the sample's onboarding cases) into state snapshots of the sample process.

use std::path::{Path, PathBuf};

use michi_core::element::{ElementData, ElementKind};
use michi_core::state::{SECONDS_PER_DAY, overlay};
use michi_core::{Edit, ElementId, IdGen, Workspace, perform};
use michi_csv::{CsvError, DateOrder, EventMapping, events, preview, read_table, snapshot};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/state").join(name)
}

fn sample() -> (Workspace, ElementId) {
    let ws = michi_core::sample::sample();
    let model = ws.elements_of_kind(ElementKind::ProcessModel).next().unwrap().id.clone();
    (ws, model)
}

const MAPPING: EventMapping = EventMapping { case: 0, node: 2, time: 3, account: Some(1), date_order: None };

fn by_name(ws: &Workspace, name: &str) -> ElementId {
    ws.elements().find(|e| e.data.label() == name).unwrap().id.clone()
}

#[test]
fn the_mapping_is_guessed_from_japanese_headers() {
    let table = read_table(&std::fs::read(data("onboarding-cases.csv")).unwrap()).unwrap();
    let p = preview(&table);
    assert_eq!(p.headers, ["案件ID", "顧客名", "工程", "日時"]);
    assert_eq!(p.total_rows, 33);
    assert_eq!(p.guess, Some(MAPPING));
}

#[test]
fn utf8_and_cp932_files_give_the_same_snapshot_with_the_expected_counts() {
    let (ws, model) = sample();
    let mut snapshots = Vec::new();
    for file in ["onboarding-cases.csv", "onboarding-cases.cp932.csv"] {
        let table = read_table(&std::fs::read(data(file)).unwrap()).unwrap();
        snapshots.push(snapshot(&table, &MAPPING, &ws, &model, "11月20日".into(), file.into(), None).unwrap());
    }
    assert_eq!(snapshots[0].entries, snapshots[1].entries);
    let s = &snapshots[0];
    let node = |name: &str| s.entries.iter().find(|e| e.element == by_name(&ws, name)).unwrap();
    let present = |name: &str| node(name).present.len();
    assert_eq!(present("営業からCSへ引き継ぎ"), 3);
    assert_eq!(present("キックオフを実施"), 3);
    assert_eq!(present("帳票移行ワークショップ"), 2);
    assert_eq!(present("個別に操作サポート"), 1);
    assert_eq!(present("利用状況レビュー"), 3);
    assert_eq!(node("営業からCSへ引き継ぎ").entered, 12);
    assert_eq!(node("帳票移行ワークショップ").entered, 7);
    assert_eq!(node("帳票移行ワークショップ").present[0].account.as_deref(), Some("北陸フーズ株式会社"));
}

#[test]
fn stuck_cases_follow_the_threshold_set_on_the_activity() {
    let (mut ws, model) = sample();
    let mut ids = IdGen::sequential();
    let workshop = by_name(&ws, "帳票移行ワークショップ");
    let Some(ElementData::Activity(mut a)) = ws.data(&workshop).cloned() else { panic!() };
    a.stuck_after_days = Some(14.0);
    perform(&mut ws, Edit::Update { id: workshop.clone(), data: ElementData::Activity(a) }, &mut ids).unwrap();
    let table = read_table(&std::fs::read(data("onboarding-cases.csv")).unwrap()).unwrap();
    let s = snapshot(&table, &MAPPING, &ws, &model, "s".into(), "f".into(), None).unwrap();
    let snap =
        perform(&mut ws, Edit::Create { data: ElementData::StateSnapshot(s) }, &mut ids).unwrap().created[0].clone();
    let o = overlay(&ws, &snap, None).unwrap();
    let node = o.nodes.iter().find(|n| n.element == workshop).unwrap();
    let mut stuck: Vec<&str> = node.stuck.iter().map(|c| c.case.as_str()).collect();
    stuck.sort();
    assert_eq!(stuck, ["C-002", "C-007"], "37 and 15 days, both over 14");
    assert_eq!(o.stuck_total, 2);
}

#[test]
fn an_earlier_snapshot_date_and_the_comparison_show_what_moved() {
    let (mut ws, model) = sample();
    let mut ids = IdGen::sequential();
    let table = read_table(&std::fs::read(data("onboarding-cases.csv")).unwrap()).unwrap();
    let nov1 = michi_csv::parse_datetime("2026/11/01 00:00").unwrap();
    let mut made = Vec::new();
    for as_of in [Some(nov1), None] {
        let s = snapshot(&table, &MAPPING, &ws, &model, "s".into(), "f".into(), as_of).unwrap();
        made.push(
            perform(&mut ws, Edit::Create { data: ElementData::StateSnapshot(s) }, &mut ids).unwrap().created[0]
                .clone(),
        );
    }
    let o = overlay(&ws, &made[1], Some(&made[0])).unwrap();
    let moved = |name: &str| o.nodes.iter().find(|n| n.element == by_name(&ws, name)).unwrap().moved;
    // 1 Nov: review had nobody; by 20 Nov three cases are there.
    assert_eq!(moved("利用状況レビュー"), Some(3));
    assert_eq!(o.as_of, michi_csv::parse_datetime("2026/11/20 10:00").unwrap());
    assert!((o.as_of - nov1) / SECONDS_PER_DAY > 19.0);
}

#[test]
fn a_bad_row_is_named_by_line_and_column_and_nothing_is_imported() {
    let (ws, model) = sample();
    let table = read_table(&std::fs::read(data("onboarding-cases.bad-date.csv")).unwrap()).unwrap();
    let err = events(&table, &MAPPING, &ws, &model).unwrap_err();
    let CsvError::Rows { problems, .. } = &err else { panic!("{err}") };
    assert_eq!(problems.len(), 1);
    assert_eq!(
        (problems[0].line, problems[0].column.as_str(), problems[0].value.as_str()),
        (15, "日時", "2026/10/32 15:00")
    );
    assert!(err.to_string().starts_with("line 15, column 日時:"), "{err}");
}

#[test]
fn unknown_activities_and_empty_cases_are_reported() {
    let (ws, model) = sample();
    let text = "案件ID,顧客名,工程,日時\n,A社,キックオフを実施,2026/10/01\nC-1,B社,存在しない工程,2026/10/02\n";
    let table = read_table(text.as_bytes()).unwrap();
    let CsvError::Rows { problems, .. } = events(&table, &MAPPING, &ws, &model).unwrap_err() else { panic!() };
    assert_eq!(problems.iter().map(|p| (p.line, p.column.as_str())).collect::<Vec<_>>(), [(2, "案件ID"), (3, "工程")]);
    // Stages of the journey are a valid target too.
    let journey =
        ws.elements_of_kind(ElementKind::Journey).find(|j| j.data.label().contains("中堅")).unwrap().id.clone();
    let table = read_table("case,stage,time\nA,オンボーディング,2026-10-01\n".as_bytes()).unwrap();
    let mapping = EventMapping { case: 0, node: 1, time: 2, account: None, date_order: None };
    assert_eq!(events(&table, &mapping, &ws, &journey).unwrap().len(), 1);
}

/// The first journey of the sample and its stage named `name`.
fn journey_stage(ws: &Workspace, name: &str) -> (ElementId, ElementId) {
    let journey = by_name(ws, "中堅製造業 導入〜更新ジャーニー");
    let stage = ws
        .ordered_members(&journey, michi_core::RelationKind::InJourney)
        .into_iter()
        .find(|s| ws.data(s).map(|d| d.label()) == Some(name))
        .unwrap();
    (journey, stage)
}

#[test]
fn account_events_on_a_journey_give_per_stage_state_and_what_moved_between_months() {
    let (mut ws, _) = sample();
    let mut ids = IdGen::sequential();
    let (journey, onboarding) = journey_stage(&ws, "オンボーディング");
    let Some(ElementData::Stage(mut st)) = ws.data(&onboarding).cloned() else { panic!() };
    st.stuck_after_days = Some(30.0);
    perform(&mut ws, Edit::Update { id: onboarding.clone(), data: ElementData::Stage(st) }, &mut ids).unwrap();

    let mut made = Vec::new();
    for file in ["journey-accounts-2026-10.csv", "journey-accounts-2026-11.csv"] {
        let table = read_table(&std::fs::read(data(file)).unwrap()).unwrap();
        // 顧客ID is the case and 顧客名 the account, although both headers name the customer.
        let p = preview(&table);
        assert_eq!(p.guess, Some(EventMapping { case: 0, node: 2, time: 3, account: Some(1), date_order: None }));
        let s = snapshot(&table, p.guess.as_ref().unwrap(), &ws, &journey, file.into(), file.into(), None).unwrap();
        made.push(
            perform(&mut ws, Edit::Create { data: ElementData::StateSnapshot(s) }, &mut ids).unwrap().created[0]
                .clone(),
        );
    }
    let o = overlay(&ws, &made[1], Some(&made[0])).unwrap();
    let at = |name: &str| {
        let stage = journey_stage(&ws, name).1;
        o.nodes.iter().find(|n| n.element == stage).map(|n| (n.present, n.moved))
    };
    assert_eq!(at("オンボーディング"), Some((3, Some(-1))));
    assert_eq!(at("活用・定着"), Some((3, Some(2))));
    assert_eq!(at("拡大"), Some((2, Some(1))));
    assert_eq!(at("更新"), None, "no account has reached renewal");
    // Only A-08 has waited more than 30 days (since 1 Sep); arrived in November.
    let node = o.nodes.iter().find(|n| n.element == onboarding).unwrap();
    let stuck: Vec<(&str, Option<&str>)> = node.stuck.iter().map(|c| (c.case.as_str(), c.account.as_deref())).collect();
    assert_eq!(stuck, [("A-08", Some("有限会社やまびこ印刷"))]);
    assert_eq!(o.stuck_total, 1);
}

/// Seconds since 1970 of a midnight.
fn day(y: i32, m: u32, d: u32) -> f64 {
    chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(0, 0, 0).unwrap().and_utc().timestamp() as f64
}

#[test]
fn year_last_dates_take_the_order_the_whole_column_shows_or_the_one_chosen() {
    let (ws, _) = sample();
    let journey = by_name(&ws, "中堅製造業 導入〜更新ジャーニー");
    let times = |text: &str, order| {
        let table = read_table(text.as_bytes()).unwrap();
        let mapping = EventMapping { case: 0, node: 1, time: 2, account: None, date_order: order };
        events(&table, &mapping, &ws, &journey).map(|e| e.iter().map(|e| e.at).collect::<Vec<_>>())
    };
    // The last row's 13 can only be a day: the whole column is day first, its first row too.
    let day_first = "case,stage,time\nA,オンボーディング,3/10/2026\nB,オンボーディング,13/10/2026\n";
    assert_eq!(preview(&read_table(day_first.as_bytes()).unwrap()).dates[2].order, Some(DateOrder::DayFirst));
    assert_eq!(times(day_first, None).unwrap(), [day(2026, 10, 3), day(2026, 10, 13)]);
    let month_first = "case,stage,time\nA,オンボーディング,3/10/2026 9:30\nB,オンボーディング,10/13/2026\n";
    assert_eq!(times(month_first, None).unwrap(), [day(2026, 3, 10) + 9.5 * 3600.0, day(2026, 10, 13)]);

    // Nothing decides: the preview says so, the import asks, and a choice reads it.
    let either = "case,stage,time\nA,オンボーディング,3/4/2026\nB,オンボーディング,5/5/2026\n";
    let p = preview(&read_table(either.as_bytes()).unwrap());
    assert!(p.dates[2].ambiguous && p.dates[2].order.is_none());
    assert!(!p.dates[0].ambiguous);
    let err = times(either, None).unwrap_err();
    assert!(matches!(&err, CsvError::AmbiguousDates(c) if c == "time"), "{err}");
    assert_eq!(times(either, Some(DateOrder::DayFirst)).unwrap(), [day(2026, 4, 3), day(2026, 5, 5)]);
    assert_eq!(times(either, Some(DateOrder::MonthFirst)).unwrap(), [day(2026, 3, 4), day(2026, 5, 5)]);

    // Year-first dates never ask; Excel's serial numbers (46027 is 2026-01-05, .5 is noon) read.
    let excel = "case,stage,time\nA,オンボーディング,46027\nB,オンボーディング,46027.5\nC,オンボーディング,2026/1/6\n";
    assert_eq!(times(excel, None).unwrap(), [day(2026, 1, 5), day(2026, 1, 5) + 43_200.0, day(2026, 1, 6)]);
    // A cell the chosen order cannot read is a problem of its row.
    let CsvError::Rows { problems, .. } = times(day_first, Some(DateOrder::MonthFirst)).unwrap_err() else { panic!() };
    assert_eq!(problems.iter().map(|p| (p.line, p.value.as_str())).collect::<Vec<_>>(), [(3, "13/10/2026")]);
}
