//! Micro-benchmarks of the knowledge base: loading the embedded topics, glossary and
//! questionnaire (what every command pays at start-up), and ranked search, exact and with typos.
//! Run with `cargo bench --bench knowledge`.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use divan::{Bencher, black_box};
use msadvise::knowledge::{Catalog, Glossary};

fn main() {
    divan::main();
}

mod load {
    use super::*;

    /// Parse and validate every embedded topic file (what `explain`, `topics` and `search` need).
    #[divan::bench]
    fn catalog() -> Catalog {
        Catalog::builtin().expect("the built-in topics load")
    }

    #[divan::bench]
    fn glossary() -> Glossary {
        Glossary::builtin().expect("the built-in glossary loads")
    }

    /// Parse and validate the embedded questionnaire (what `assess` and `questions` need).
    #[divan::bench]
    fn questionnaire() -> msadvise::assess::Questionnaire {
        msadvise::assess::builtin_questionnaire().expect("the built-in questionnaire loads")
    }
}

/// An exact phrase, and the README's typo example (one typo per word, so the fuzzy path runs).
const QUERIES: [&str; 2] = ["independently deployable", "circiut breakr"];

#[divan::bench(args = QUERIES)]
fn search(bencher: Bencher, query: &str) {
    let catalog = Catalog::builtin().expect("the built-in topics load");
    assert!(!msadvise::search::search(&catalog, query, 10).is_empty(), "`{query}` finds something");
    bencher.bench_local(|| msadvise::search::search(black_box(&catalog), black_box(query), 10).len());
}
