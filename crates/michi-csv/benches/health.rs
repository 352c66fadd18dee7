//! `npm run bench` figures for account health: `name: value` lines, medians.
//!
//! - `health_score_100k_ms`: 100,000 accounts × 20 indicators (five per bonfire link) scored and
//!   diagnosed: every indicator, link and overall score, the weakest link and the quadrant.
//!   `flat_sum_100k_ms` is the peer in the same run: the flat weighted sum other tools call a
//!   health score, over the same values; `health_score_ratio` is ours over theirs.
//! - `health_table_100k_ms`: the accounts table the app reads (the same scoring, plus the
//!   quadrant counts, the plot's dots, a sort and one page).
//! - `accounts_import_100k_ms`: that table as a CSV file (UTF-8, 25 columns) parsed, checked and
//!   stored as one snapshot in a workspace file; `csv_parse_100k_ms` is the peer (bytes to rows).
//!   `MICHI_BENCH_PARTS=1` prints each run's parts (read, snapshot, JSON, store) on stderr.

use std::time::Instant;

use michi_core::health::read::{self, TableQuery};
use michi_core::health::{AccountRow, AccountSnapshot, HealthModel, IndicatorKind, Scorer, Scoring};
use michi_core::{Edit, ElementData, Workspace};
use michi_csv::{account_preview, account_snapshot, read_table};

// What the app and the CLI allocate with.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const ACCOUNTS: usize = 100_000;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

/// The default model grown to five indicators per link (20 in all), numbers read from columns v0…v19.
fn model() -> HealthModel {
    let mut m = HealthModel::default();
    let mut n = 0;
    for link in &mut m.links {
        let template = link.indicators[0].clone();
        link.indicators.clear();
        for k in 0..5 {
            let mut ind = template.clone();
            ind.key = format!("i{n}");
            ind.column = format!("v{n}");
            ind.kind = IndicatorKind::Number;
            ind.scoring = if k % 2 == 0 {
                Scoring::Linear { from: 0.1, to: 0.9 }
            } else {
                Scoring::Thresholds {
                    steps: [(0.0, 0.0), (0.25, 40.0), (0.5, 70.0), (0.75, 100.0)]
                        .iter()
                        .map(|&(at_least, score)| michi_core::health::Threshold { at_least, score })
                        .collect(),
                }
            };
            ind.weight = 20.0;
            link.indicators.push(ind);
            n += 1;
        }
    }
    m
}

/// A deterministic value in 0..1 (a few missing).
fn value(i: usize, c: usize) -> Option<f64> {
    let x = (i.wrapping_mul(2_654_435_761) ^ c.wrapping_mul(40_503)) % 1000;
    (x % 37 != 0).then_some(x as f64 / 1000.0)
}

fn main() {
    let model = model();
    let columns: Vec<String> = (0..20).map(|c| format!("v{c}")).collect();
    let rows: Vec<AccountRow> = (0..ACCOUNTS)
        .map(|i| AccountRow {
            id: format!("C-{i:06}"),
            name: format!("株式会社サンプル{i}"),
            segment: ["中堅製造業", "大手製造業", "中小サービス業"][i % 3].into(),
            values: (0..20).map(|c| value(i, c)).collect(),
            ..Default::default()
        })
        .collect();

    // Scoring and diagnosis, against a flat weighted sum of the same values.
    let (mut ours, mut flat) = (Vec::new(), Vec::new());
    let scorer = Scorer::new(&model, &columns);
    let weights: Vec<f64> = model.indicators().map(|(l, i)| l.weight * i.weight / 100.0).collect();
    let mut check = 0usize;
    for _ in 0..11 {
        let t = Instant::now();
        for r in &rows {
            let s = scorer.score(&r.values, &[]);
            check += michi_core::health::Quadrant::of(&s, &model).is_some() as usize;
            check += s.verdict.link().is_some() as usize;
        }
        ours.push(t.elapsed().as_secs_f64() * 1000.0);
        let t = Instant::now();
        let mut total = 0.0;
        for r in &rows {
            total += r.values.iter().zip(&weights).map(|(v, w)| v.unwrap_or(0.0) * w).sum::<f64>();
        }
        flat.push(t.elapsed().as_secs_f64() * 1000.0);
        assert!(total > 0.0);
    }
    assert!(check > 0);
    let (ours, flat) = (median(ours), median(flat));
    println!("health_score_100k_ms: {ours:.1}");
    println!("flat_sum_100k_ms: {flat:.1}");
    println!("health_score_ratio: {:.1}", ours / flat);

    // The table the app reads.
    let mut ws = Workspace::new();
    let mut ids = michi_core::IdGen::sequential();
    michi_core::perform(&mut ws, Edit::SetHealthModel { model: model.clone() }, &mut ids).unwrap();
    let snapshot = AccountSnapshot {
        name: "bench".into(),
        as_of: 0.0,
        columns: columns.clone(),
        accounts: rows,
        ..Default::default()
    };
    michi_core::perform(&mut ws, Edit::Create { data: ElementData::AccountSnapshot(snapshot) }, &mut ids).unwrap();
    let mut table = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let out = read::table(&ws, &TableQuery { sort: read::SortBy::Overall, ..Default::default() });
        table.push(t.elapsed().as_secs_f64() * 1000.0);
        assert_eq!(out.total as usize, ACCOUNTS);
    }
    println!("health_table_100k_ms: {:.1}", median(table));

    // The CSV import: parse, check, store.
    let mut csv = String::from("顧客ID,会社名,セグメント,規模,業種");
    for c in &columns {
        csv.push(',');
        csv.push_str(c);
    }
    csv.push('\n');
    for i in 0..ACCOUNTS {
        csv.push_str(&format!("C-{i:06},株式会社サンプル{i},中堅製造業,中堅,製造業"));
        for c in 0..20 {
            match value(i, c) {
                Some(v) => csv.push_str(&format!(",{:.0}%", v * 100.0)),
                None => csv.push(','),
            }
        }
        csv.push('\n');
    }
    let dir = tempfile::tempdir().unwrap();
    let (mut import, mut parse) = (Vec::new(), Vec::new());
    for run in 0..5 {
        let t = Instant::now();
        let parsed = read_table(csv.as_bytes()).unwrap();
        parse.push(t.elapsed().as_secs_f64() * 1000.0);
        assert_eq!(parsed.rows.len(), ACCOUNTS);

        let path = dir.path().join(format!("w{run}.michi"));
        let mut store = michi_store::Store::create(&path, &Workspace::new(), false).unwrap();
        store.edit(Edit::SetHealthModel { model: model.clone() }).unwrap();
        let t = Instant::now();
        let table = read_table(csv.as_bytes()).unwrap();
        let mapping = account_preview(&table, Some(&model)).guess.unwrap();
        let t1 = Instant::now();
        let (snap, _, _) = account_snapshot(
            &table,
            &mapping,
            store.workspace(),
            None,
            Some(&model),
            "bench".into(),
            "bench.csv".into(),
            0.0,
        )
        .unwrap();
        let t2 = Instant::now();
        let json = serde_json::to_string(&snap).unwrap().len();
        let t3 = Instant::now();
        store.edit(Edit::Create { data: ElementData::AccountSnapshot(snap) }).unwrap();
        if std::env::var("MICHI_BENCH_PARTS").is_ok() {
            eprintln!(
                "read {:?} snapshot {:?} json {:?} ({json} bytes) store {:?}",
                t1 - t,
                t2 - t1,
                t3 - t2,
                t3.elapsed()
            );
        }
        import.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    println!("accounts_import_100k_ms: {:.1}", median(import));
    println!("csv_parse_100k_ms: {:.1}", median(parse));
}
