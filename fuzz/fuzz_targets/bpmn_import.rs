//! A BPMN file as the app imports it: read, applied to a workspace, diagnosed, written out again
//! and read back. Any input may be refused with an error; none may panic, hang or blow up.
#![no_main]

use libfuzzer_sys::fuzz_target;
use michi_bpmn::{Limits, export, import};
use michi_core::element::ElementKind;
use michi_core::{IdGen, Workspace, apply, diagnose};

fuzz_target!(|data: &[u8]| {
    let mut ws = Workspace::new();
    let mut ids = IdGen::sequential();
    let Ok(imported) = import(data, &ws, &mut ids, &Limits::default()) else { return };
    apply(&mut ws, imported.op).expect("an import applies to the workspace it was read against");
    let _ = diagnose::diagnosis(&ws);
    let models: Vec<_> = ws.elements_of_kind(ElementKind::ProcessModel).map(|e| e.id.clone()).collect();
    let xml = export(&ws, &models).expect("what was imported exports");
    let again = import(xml.as_bytes(), &Workspace::new(), &mut IdGen::sequential(), &Limits::default());
    assert!(again.is_ok(), "Michi's own export is refused: {:?}", again.err());
});
