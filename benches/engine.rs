//! Micro-benchmarks of the assessment: the pure scoring engine, the full report (which includes
//! the "what would change the verdict" search), on the real questionnaire and on a synthetic
//! 100-question one that shows the search's bound. Run with `cargo bench --bench engine`.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use divan::{Bencher, black_box};
use msadvise::assess::{self, Answer, Questionnaire, change, engine, report};

#[path = "support/synthetic.rs"]
mod synthetic;
use synthetic::synthetic;

fn main() {
    divan::main();
}

/// The example answers files, embedded so the benchmark does no I/O.
const PROFILES: [(&str, &str); 4] = [
    ("platform-org", include_str!("../examples/profiles/platform-org.yaml")),
    ("queueing-monolith", include_str!("../examples/profiles/queueing-monolith.yaml")),
    ("services-without-cicd", include_str!("../examples/profiles/services-without-cicd.yaml")),
    ("startup-mvp", include_str!("../examples/profiles/startup-mvp.yaml")),
];
const PROFILE_NAMES: [&str; 4] = [PROFILES[0].0, PROFILES[1].0, PROFILES[2].0, PROFILES[3].0];

fn builtin(profile: &str) -> (Questionnaire, Vec<Option<Answer>>) {
    let q = assess::builtin_questionnaire().expect("the built-in questionnaire loads");
    let (name, text) = PROFILES.iter().find(|(name, _)| *name == profile).expect("a known profile");
    let answers = assess::answers::parse(&q, name, text).expect("the example answers parse");
    (q, answers.values)
}

/// The real questionnaire (about 27 questions), one example answers file at a time.
mod builtin {
    use super::*;

    #[divan::bench(args = PROFILE_NAMES)]
    fn evaluate(bencher: Bencher, profile: &str) {
        let (q, answers) = builtin(profile);
        bencher.bench_local(|| engine::evaluate(black_box(&q), black_box(&answers)));
    }

    #[divan::bench(args = PROFILE_NAMES)]
    fn what_would_change(bencher: Bencher, profile: &str) {
        let (q, answers) = builtin(profile);
        let base = engine::evaluate(&q, &answers);
        bencher.bench_local(|| change::what_would_change(black_box(&q), black_box(&answers), black_box(&base)));
    }

    /// The whole report, as `assess --answers FILE` builds it before rendering.
    #[divan::bench(args = PROFILE_NAMES)]
    fn report(bencher: Bencher, profile: &str) {
        let (q, answers) = builtin(profile);
        let notes = vec![None; q.questions.len()];
        bencher.bench_local(|| report::assess(black_box(&q), black_box(&answers), black_box(&notes)));
    }
}

/// 100 questions of 4 choices in 10 dimensions: the "what would change" search makes at most
/// `choices + PAIR_CANDIDATES * (PAIR_CANDIDATES - 1) / 2` = 400 + 780 evaluations, so it costs a bounded multiple of `evaluate`.
mod synthetic_100 {
    use super::*;

    #[divan::bench]
    fn evaluate(bencher: Bencher) {
        let (q, answers) = synthetic();
        bencher.bench_local(|| engine::evaluate(black_box(&q), black_box(&answers)));
    }

    #[divan::bench]
    fn what_would_change(bencher: Bencher) {
        let (q, answers) = synthetic();
        let base = engine::evaluate(&q, &answers);
        bencher.bench_local(|| change::what_would_change(black_box(&q), black_box(&answers), black_box(&base)));
    }

    #[divan::bench]
    fn report(bencher: Bencher) {
        let (q, answers) = synthetic();
        let notes = vec![None; q.questions.len()];
        bencher.bench_local(|| report::assess(black_box(&q), black_box(&answers), black_box(&notes)));
    }
}
