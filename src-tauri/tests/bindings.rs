//! The TypeScript bindings the UI imports are generated from the Rust command set. This test fails
//! when the committed file is stale; `UPDATE_BINDINGS=1 cargo test -p michi-desktop --test bindings`
//! rewrites it.

use std::path::Path;

#[test]
fn committed_bindings_match_the_command_set() {
    let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/bindings.ts");
    let dir = tempfile::tempdir().unwrap();
    let fresh = dir.path().join("bindings.ts");
    michi_desktop::export_bindings(&fresh).unwrap();
    let fresh = std::fs::read_to_string(&fresh).unwrap();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&committed, &fresh).unwrap();
    }
    let current = std::fs::read_to_string(&committed).unwrap_or_default();
    assert!(
        current == fresh,
        "ui/src/bindings.ts is stale: run `UPDATE_BINDINGS=1 cargo test -p michi-desktop --test bindings` and commit it"
    );
    // The generated file names every command the app registers.
    for command in ["openWorkspace", "newWorkspace", "show", "edit", "undo", "redo"] {
        assert!(fresh.contains(&format!("\t{command}: (")), "bindings lack {command}");
    }
}
