//! Two BPMN files compared, as `michi diff a.bpmn b.bpmn` does: the input's first four bytes
//! (little endian) say where the first file ends.
#![no_main]

use libfuzzer_sys::fuzz_target;
use michi_bpmn::{Limits, import};
use michi_core::{IdGen, Workspace, apply, diff};

fn read(bytes: &[u8]) -> Option<Workspace> {
    let mut ws = Workspace::new();
    let imported = import(bytes, &ws, &mut IdGen::sequential(), &Limits::default()).ok()?;
    apply(&mut ws, imported.op).expect("an import applies to the workspace it was read against");
    Some(ws)
}

fuzz_target!(|data: &[u8]| {
    if data.len() < 4 {
        return;
    }
    let split = (u32::from_le_bytes([data[0], data[1], data[2], data[3]]) as usize).min(data.len() - 4);
    let (a, b) = data[4..].split_at(split);
    let (Some(old), Some(new)) = (read(a), read(b)) else { return };
    let _ = diff::diff(&old, &new);
    let _ = diff::outputs::compare(&old, &new);
    // Nothing changed between a file and itself.
    assert!(diff::diff(&new, &new).is_empty(), "a workspace differs from itself");
});
