//! The TypeScript bindings the UI imports are generated from the Rust command set, and the model's
//! words from where Rust keeps them. This test fails when a committed file is stale;
//! `UPDATE_BINDINGS=1 cargo test -p michi-desktop --test bindings` rewrites both.

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
    // The model's words the UI translates with, from Rust.
    let words = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/i18n/vocabulary.ts");
    let fresh_words = michi_app::vocabulary::typescript();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&words, &fresh_words).unwrap();
    }
    assert!(
        std::fs::read_to_string(&words).unwrap_or_default() == fresh_words,
        "ui/src/i18n/vocabulary.ts is stale: run `UPDATE_BINDINGS=1 cargo test -p michi-desktop --test bindings` and commit it"
    );
    // The generated file names every command the app registers.
    for command in ["openWorkspace", "newWorkspace", "show", "edit", "undo", "redo"] {
        assert!(fresh.contains(&format!("\t{command}: (")), "bindings lack {command}");
    }
}
