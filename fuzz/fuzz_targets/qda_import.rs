//! A REFI-QDA project (`.qdpx`: a zip holding project.qde and the sources) imported into the sample
//! workspace, as `Import conversations` reads one.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use michi_core::Workspace;

static SAMPLE: LazyLock<Workspace> = LazyLock::new(michi_core::sample::sample);

fuzz_target!(|data: &[u8]| {
    let _ = michi_qda::import(data, &SAMPLE);
});
