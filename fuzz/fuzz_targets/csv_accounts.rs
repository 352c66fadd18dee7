//! An accounts CSV as the app reads it: the table, its preview scored on the sample's health
//! model, then the snapshot under the guessed mapping.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use michi_core::Workspace;
use michi_core::health::HealthModel;
use michi_core::health::read;
use michi_csv::{account_preview, account_snapshot, read_table};

static SAMPLE: LazyLock<(Workspace, Option<HealthModel>)> = LazyLock::new(|| {
    let ws = michi_core::sample::sample();
    let model = read::model(&ws).map(|(_, m)| m.clone());
    (ws, model)
});

fuzz_target!(|data: &[u8]| {
    let Ok(table) = read_table(data) else { return };
    let (ws, model) = &*SAMPLE;
    let p = account_preview(&table, model.as_ref());
    if let Some(mapping) = p.guess {
        let _ = account_snapshot(&table, &mapping, ws, None, model.as_ref(), "fuzz".into(), "fuzz.csv".into(), 0.0);
    }
});
