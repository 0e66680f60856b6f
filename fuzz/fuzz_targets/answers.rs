//! Any bytes as an answers file: an answers list or a located error, never a panic.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use msadvise::assess::{Questionnaire, answers, builtin_questionnaire};

static Q: LazyLock<Option<Questionnaire>> = LazyLock::new(|| builtin_questionnaire().ok());

fuzz_target!(|data: &[u8]| {
    if let (Ok(text), Some(q)) = (std::str::from_utf8(data), Q.as_ref()) {
        if let Ok(a) = answers::parse(q, "fuzz.yaml", text) {
            let _ = msadvise::assess::report::assess(q, &a.values, &a.notes);
        }
    }
});
