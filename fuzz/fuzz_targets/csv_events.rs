//! A case-event CSV as the app reads it: the table, its preview and guessed mapping, then the
//! snapshot of the sample's process under that mapping (and under the first columns in order).
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use michi_core::element::ElementKind;
use michi_core::{ElementId, Workspace};
use michi_csv::{EventMapping, preview, read_table, snapshot};

static SAMPLE: LazyLock<(Workspace, ElementId)> = LazyLock::new(|| {
    let ws = michi_core::sample::sample();
    let model = ws.elements_of_kind(ElementKind::ProcessModel).next().expect("the sample has a process").id.clone();
    (ws, model)
});

fuzz_target!(|data: &[u8]| {
    let Ok(table) = read_table(data) else { return };
    let p = preview(&table);
    let (ws, model) = &*SAMPLE;
    let fixed = EventMapping { case: 0, node: 1, time: 2, account: Some(3), date_order: None };
    for mapping in p.guess.iter().chain([&fixed]) {
        let _ = snapshot(&table, mapping, ws, model, "fuzz".into(), "fuzz.csv".into(), None);
    }
});
