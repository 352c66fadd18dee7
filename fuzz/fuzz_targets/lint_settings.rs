//! A shared lint-settings file (`.michi-lint.json`), read and used to diagnose the sample.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use michi_core::{Workspace, diagnose};

static SAMPLE: LazyLock<Workspace> = LazyLock::new(michi_core::sample::sample);

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(config) = diagnose::read_config(text) else { return };
    let _ = diagnose::diagnose(&SAMPLE, &config);
});
