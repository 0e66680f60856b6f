//! Any bytes as a topic file: a topic or located problems, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use msadvise::knowledge::{Catalog, SourceFile};

fuzz_target!(|data: &[u8]| {
    let _ = Catalog::from_files(&[SourceFile { path: "topics/fuzz.yaml".into(), bytes: data }]);
});
