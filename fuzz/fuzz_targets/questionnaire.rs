//! Any bytes as a questionnaire, or as a knowledge pack's additions to the built-in one.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use msadvise::assess::{self, Questionnaire};

static BASE: LazyLock<Option<Questionnaire>> = LazyLock::new(|| assess::builtin_questionnaire().ok());

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = assess::load("fuzz.yaml", text, &|_| true);
        if let Some(base) = BASE.as_ref() {
            let _ = assess::extend(base.clone(), "extend.yaml", text, &|_| true);
        }
    }
});
