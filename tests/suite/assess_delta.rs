//! The change search and the confidence evaluate answers changed one or two at a time against a
//! base, redoing only what the changed questions feed; that must give exactly what a full
//! evaluation of the changed answers gives, over generated answers, trust and changes, on the
//! built-in questionnaire, the example pack's and the benchmarks' synthetic 100-question one.

use std::sync::LazyLock;

use msadvise::assess::Questionnaire;
use msadvise::assess::engine::{self, Answer, Choices, Delta, Edit, Scratch};
use proptest::prelude::*;

use super::assess_properties::{trust, with_gaps};

#[path = "../../benches/support/synthetic.rs"]
#[allow(dead_code)]
mod synthetic;

// Each questionnaire is made once for all the cases.
static BUILTIN: LazyLock<Questionnaire> = LazyLock::new(super::assess_properties::questionnaire);
static SYNTHETIC_100: LazyLock<Questionnaire> = LazyLock::new(|| synthetic::synthetic().0);

fn builtin() -> &'static Questionnaire {
    &BUILTIN
}

fn pack() -> &'static Questionnaire {
    super::assess_properties::pack_questionnaire()
}

fn synthetic_100() -> &'static Questionnaire {
    &SYNTHETIC_100
}

/// Answers with gaps, trust (or none, as a person's answers file gives), and sequences of one or
/// two edits: a question, some of its choices, and the trust it gets (as before, or fully).
#[allow(clippy::type_complexity)]
fn case(
    q: &Questionnaire,
) -> impl Strategy<Value = (Vec<Option<Answer>>, Vec<f64>, Vec<Vec<(usize, Vec<usize>, bool)>>)> {
    let n = q.questions.len();
    let choices: Vec<usize> = q.questions.iter().map(|x| x.choices.len()).collect();
    let edit = (0..n).prop_flat_map(move |i| {
        let k = choices[i];
        (Just(i), proptest::sample::subsequence((0..k).collect::<Vec<_>>(), 1..=k.min(3)), any::<bool>())
    });
    let trust = prop_oneof![Just(Vec::new()), trust(q)];
    (with_gaps(q), trust, proptest::collection::vec(proptest::collection::vec(edit, 1..=2), 1..6))
}

fn same_as_full(
    q: &Questionnaire,
    a: &[Option<Answer>],
    trust: &[f64],
    steps: &[Vec<(usize, Vec<usize>, bool)>],
) -> Result<(), TestCaseError> {
    let mut given = engine::given(a);
    given.resize(q.questions.len(), None);
    let mut delta = Delta::new(q, &given, trust);
    for step in steps {
        let edits: Vec<Edit> = step
            .iter()
            .map(|(i, c, full)| Edit { question: *i, to: Choices::of(c), trust: full.then_some(1.0) })
            .collect();
        let (mut g, mut t) = (given.clone(), trust.to_vec());
        for e in &edits {
            g[e.question] = Some(e.to);
            if let Some(x) = e.trust {
                t.resize(t.len().max(e.question + 1), 1.0);
                t[e.question] = x;
            }
        }
        let mut scratch = Scratch::default();
        let full = engine::outcome(q, &g, &t, &mut scratch);
        let fast = delta.outcome(&edits);
        prop_assert_eq!(fast, full, "edits {:?}", step);
        let states: Vec<_> = (0..q.questions.len()).map(|i| scratch.state(i)).collect();
        let fast_states: Vec<_> = delta.states().iter().copied().map(Some).collect();
        prop_assert_eq!(fast_states, states, "edits {:?}", step);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn a_change_evaluated_against_the_base_is_a_full_evaluation((a, t, steps) in case(builtin())) {
        same_as_full(builtin(), &a, &t, &steps)?;
    }

    #[test]
    fn a_change_evaluated_against_the_base_is_a_full_evaluation_with_a_pack((a, t, steps) in case(pack())) {
        same_as_full(pack(), &a, &t, &steps)?;
    }

    #[test]
    fn a_change_evaluated_against_the_base_is_a_full_evaluation_on_100_questions((a, t, steps) in case(synthetic_100())) {
        same_as_full(synthetic_100(), &a, &t, &steps)?;
    }
}
