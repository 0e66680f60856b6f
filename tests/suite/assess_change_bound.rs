//! The bound of "what would change the verdict" rules out pairs without evaluating them; the
//! search must still return exactly what evaluating every single change and every pair returns,
//! over generated answers, with and without trust (answers inferred by a scan), on the built-in
//! questionnaire and on the example pack's.

use std::sync::LazyLock;

use msadvise::assess::Questionnaire;
use msadvise::assess::change;
use msadvise::assess::engine::{self, Answer};
use proptest::prelude::*;

use super::assess_properties::{answers, questionnaire};

// Loaded once for all the cases: it took a debug build about 0.2 s, which every case paid.
static PACK: LazyLock<Questionnaire> =
    LazyLock::new(|| msadvise::pack::Knowledge::new(Some("examples/pack".into())).questionnaire().unwrap());

fn pack_questionnaire() -> &'static Questionnaire {
    &PACK
}

/// Per question, how much the answer counts: mostly fully, else one of the scan's levels.
fn trust(q: &Questionnaire) -> impl Strategy<Value = Vec<f64>> {
    let levels = [q.scoring.inferred_low.value, q.scoring.inferred_medium.value, q.scoring.inferred_high.value];
    proptest::collection::vec(
        prop_oneof![3 => Just(1.0), 1 => proptest::sample::select(levels.to_vec())],
        q.questions.len(),
    )
}

/// Some questions left unanswered (as a partial answers file leaves them).
fn with_gaps(q: &Questionnaire) -> impl Strategy<Value = Vec<Option<Answer>>> {
    let n = q.questions.len();
    (answers(q), proptest::collection::vec(0..8u8, n))
        .prop_map(|(a, gaps)| a.into_iter().zip(gaps).map(|(x, g)| if g == 0 { None } else { x }).collect())
}

fn same_as_exhaustive(q: &Questionnaire, a: &[Option<Answer>], trust: &[f64]) -> Result<(), TestCaseError> {
    let base = engine::evaluate_with(q, a, trust);
    let fast = change::what_would_change_with(q, a, trust, &base);
    let every = change::what_would_change_exhaustive(q, a, trust, &base);
    prop_assert_eq!(serde_json::to_string(&fast).unwrap(), serde_json::to_string(&every).unwrap());
    Ok(())
}

proptest! {
    // Each case evaluates every pair of changes in full: thousands of evaluations.
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn the_bound_changes_nothing(a in with_gaps(&questionnaire())) {
        same_as_exhaustive(&questionnaire(), &a, &[])?;
    }

    #[test]
    fn the_bound_changes_nothing_with_inferred_answers(a in answers(&questionnaire()), t in trust(&questionnaire())) {
        same_as_exhaustive(&questionnaire(), &a, &t)?;
    }

    #[test]
    fn the_bound_changes_nothing_with_a_pack(a in with_gaps(pack_questionnaire()), t in trust(pack_questionnaire())) {
        same_as_exhaustive(pack_questionnaire(), &a, &t)?;
    }
}

/// Every example answers file the benchmarks and the README use.
#[test]
fn the_bound_changes_nothing_on_the_examples() {
    let q = questionnaire();
    for dir in ["examples/profiles", "examples/cases", "examples/team"] {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            let a = msadvise::assess::answers::parse(&q, &path.to_string_lossy(), &text).unwrap();
            same_as_exhaustive(&q, &a.values, &[]).unwrap();
        }
    }
}
