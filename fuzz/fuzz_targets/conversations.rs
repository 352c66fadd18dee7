//! A conversations file (Markdown: a `#` heading per conversation, `##` per perspective, `>` quotes)
//! as `Import conversations` reads it.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = michi_csv::conversations(data);
});
