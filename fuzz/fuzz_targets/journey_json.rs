//! A journey document (the JSON the sample and `michi load` read) into a workspace, diagnosed.
#![no_main]

use libfuzzer_sys::fuzz_target;
use michi_core::diagnose;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(ws) = michi_core::sample::load(text) else { return };
    let _ = diagnose::diagnosis(&ws);
});
