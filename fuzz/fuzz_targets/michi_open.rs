//! A `.michi` file as a colleague might send it: its header checked, then read and opened for
//! editing (from a copy in a fresh folder), then one edit and an undo.
#![no_main]

use libfuzzer_sys::fuzz_target;
use michi_store::Store;

fuzz_target!(|data: &[u8]| {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("sent.michi");
    std::fs::write(&path, data).expect("the file is written");
    let _ = Store::read(&path);
    let Ok(mut store) = Store::open(&path) else { return };
    let _ = store.history_info();
    if store.can_undo() {
        let _ = store.undo();
    }
});
