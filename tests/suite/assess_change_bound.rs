//! The bound of "what would change the verdict" rules out pairs without evaluating them; the
//! search must still return exactly what evaluating every single change and every pair returns,
//! over generated answers, with and without trust (answers inferred by a scan), on the built-in
//! questionnaire and on the example pack's.

use msadvise::assess::Questionnaire;
use msadvise::assess::change;
use msadvise::assess::engine::{self, Answer};
use proptest::prelude::*;

use super::assess_properties::{answers, pack_questionnaire, questionnaire, trust, with_gaps};

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
