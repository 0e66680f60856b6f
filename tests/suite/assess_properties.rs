//! Invariants of the scoring engine, over arbitrary complete answers to the real questionnaire.

use msadvise::assess::engine::{self, Answer};
use msadvise::assess::{Questionnaire, builtin_questionnaire, report};
use proptest::prelude::*;

fn questionnaire() -> Questionnaire {
    builtin_questionnaire().unwrap()
}

/// Answers as (choice or "don't know") per question; several choices where the question allows.
fn answers(q: &Questionnaire) -> impl Strategy<Value = Vec<Option<Answer>>> {
    let per_question: Vec<BoxedStrategy<Option<Answer>>> = q
        .questions
        .iter()
        .map(|question| {
            let n = question.choices.len();
            if question.multiple {
                prop_oneof![
                    1 => Just(Some(Answer::Unknown)),
                    6 => proptest::sample::subsequence((0..n).collect::<Vec<_>>(), 1..=n).prop_map(|c| Some(Answer::Chosen(c))),
                ]
                .boxed()
            } else {
                prop_oneof![1 => Just(Some(Answer::Unknown)), 6 => (0..n).prop_map(|c| Some(Answer::Chosen(vec![c])))].boxed()
            }
        })
        .collect();
    per_question
}

/// Answer changes from picked indices: a question, and one of its choices or, one index past
/// them, "don't know".
fn change_picks(
    q: &Questionnaire,
    picks: &[(proptest::sample::Index, proptest::sample::Index)],
) -> Vec<(usize, Option<engine::Choices>)> {
    picks
        .iter()
        .map(|(question, choice)| {
            let i = question.index(q.questions.len());
            let n = q.questions[i].choices.len();
            (i, Some(choice.index(n + 1)).filter(|&c| c < n).map(engine::Choices::one))
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn scores_stay_in_range_and_the_result_is_deterministic(a in answers(&questionnaire())) {
        let q = questionnaire();
        let r = report::assess(&q, &a, &[]);
        prop_assert!(r.fit_score <= 100);
        prop_assert!(r.dimensions.iter().all(|d| d.score.is_none_or(|s| s <= 100)));
        prop_assert!(msadvise::assess::VERDICTS.contains(&r.verdict.as_str()));
        let again = report::assess(&q, &a, &[]);
        prop_assert_eq!(serde_json::to_string(&r).unwrap(), serde_json::to_string(&again).unwrap());
    }

    #[test]
    fn the_incremental_evaluator_agrees_with_evaluate(
        a in answers(&questionnaire()),
        picks in proptest::collection::vec((any::<proptest::sample::Index>(), any::<proptest::sample::Index>()), 1..=2),
    ) {
        let q = questionnaire();
        let mut evaluator = engine::Evaluator::new(&q, &a);
        prop_assert_eq!(evaluator.outcome(&[]), engine::Outcome::from(&engine::evaluate(&q, &a)));
        // One or two answers changed (to a single choice or "don't know"), then back: nothing of one call leaks
        // into the next.
        let changes = change_picks(&q, &picks);
        let mut changed = a.clone();
        for &(i, c) in &changes {
            changed[i] = Some(c.map_or(Answer::Unknown, |c| Answer::Chosen(c.iter().collect())));
        }
        prop_assert_eq!(evaluator.outcome(&changes), engine::Outcome::from(&engine::evaluate(&q, &changed)));
        prop_assert_eq!(evaluator.outcome(&[]), engine::Outcome::from(&engine::evaluate(&q, &a)));
    }

    #[test]
    fn contributions_add_up_to_the_fit_score(a in answers(&questionnaire())) {
        let q = questionnaire();
        let ev = engine::evaluate(&q, &a);
        let sum: f64 = engine::contributions(&q, &ev.states).into_iter().flatten().sum();
        let expected = if q.dimensions.iter().any(|d| d.role == msadvise::assess::model::Role::Fit) { ev.fit_exact - 50.0 } else { 0.0 };
        prop_assert!((sum - expected).abs() < 1e-6, "sum {sum} vs {expected}");
    }

    #[test]
    fn moving_an_answer_towards_splitting_never_lowers_fit(a in answers(&questionnaire()), pick in any::<proptest::sample::Index>()) {
        let q = questionnaire();
        let single: Vec<usize> = (0..q.questions.len()).filter(|&i| !q.questions[i].multiple).collect();
        let qi = single[pick.index(single.len())];
        let question = &q.questions[qi];
        let Some(Answer::Chosen(c)) = &a[qi] else { return Ok(()) };
        let before = engine::evaluate(&q, &a).fit_exact;
        for (ci, choice) in question.choices.iter().enumerate() {
            if choice.score > question.choices[c[0]].score {
                let mut moved = a.clone();
                moved[qi] = Some(Answer::Chosen(vec![ci]));
                let after = engine::evaluate(&q, &moved).fit_exact;
                prop_assert!(after >= before - 1e-9, "{}: {} -> {}: fit {before} -> {after}", question.id, question.choices[c[0]].id, choice.id);
            }
        }
    }

    #[test]
    fn every_suggested_change_really_changes_the_verdict(a in answers(&questionnaire())) {
        let q = questionnaire();
        let r = report::assess(&q, &a, &[]);
        for flip in &r.what_would_change {
            let mut changed = a.clone();
            for c in &flip.changes {
                let qi = q.question_index(&c.question).unwrap();
                let ci = q.questions[qi].choice_index(&c.to).unwrap();
                changed[qi] = Some(Answer::Chosen(vec![ci]));
            }
            let after = report::assess(&q, &changed, &[]);
            prop_assert_ne!(&after.verdict, &r.verdict);
            prop_assert_eq!(&after.verdict, &flip.verdict);
        }
    }
}

#[test]
fn answer_order_in_a_file_does_not_matter() {
    let q = questionnaire();
    let text = std::fs::read_to_string("examples/profiles/queueing-monolith.yaml").unwrap();
    let (head, body) = text.split_once("answers:\n").unwrap();
    let (answers_block, rest) = body.split_once("notes:\n").map_or((body, ""), |(a, n)| (a, n));
    let mut lines: Vec<&str> =
        answers_block.lines().filter(|l| !l.trim_start().starts_with('#') && !l.trim().is_empty()).collect();
    lines.reverse();
    let reversed = format!("{head}answers:\n{}\nnotes:\n{rest}", lines.join("\n"));
    let a = msadvise::assess::answers::parse(&q, "a.yaml", &text).unwrap();
    let b = msadvise::assess::answers::parse(&q, "b.yaml", &reversed).unwrap();
    assert_eq!(a, b);
    let ra = serde_json::to_string(&report::assess(&q, &a.values, &a.notes)).unwrap();
    let rb = serde_json::to_string(&report::assess(&q, &b.values, &b.notes)).unwrap();
    assert_eq!(ra, rb);
}

proptest! {
    // Each case checks every pair of answer changes: a few thousand.
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn a_pair_the_bound_rules_out_never_reaches_a_wanted_verdict(a in answers(&questionnaire())) {
        let q = questionnaire();
        let (pairs, ruled_out) = check_pair_bound(&q, &a);
        prop_assert!(ruled_out <= pairs);
    }
}

/// For every pair of changes to different questions (each to a choice or "don't know") and every
/// verdict wanted alone: a pair `pair_may_reach` rules out does not reach it. Returns the number
/// of (pair, verdict) checks and how many were ruled out.
fn check_pair_bound(q: &Questionnaire, a: &[Option<Answer>]) -> (usize, usize) {
    let mut evaluator = engine::Evaluator::new(q, a);
    let changes: Vec<(usize, Option<engine::Choices>)> = (0..q.questions.len())
        .flat_map(|i| {
            let n = q.questions[i].choices.len();
            (0..=n).map(move |c| (i, (c < n).then(|| engine::Choices::one(c))))
        })
        .collect();
    let effects: Vec<engine::Effect> = changes.iter().map(|&(i, c)| evaluator.effect(i, c)).collect();
    let (mut checks, mut ruled_out) = (0, 0);
    for x in 0..changes.len() {
        for y in x + 1..changes.len() {
            if changes[x].0 == changes[y].0 {
                continue;
            }
            let verdict = evaluator.outcome(&[changes[x], changes[y]]).verdict;
            for v in 0..q.verdicts.len() {
                let wanted: Vec<bool> = (0..q.verdicts.len()).map(|w| w == v).collect();
                checks += 1;
                if !evaluator.pair_may_reach(&effects[x], &effects[y], &wanted) {
                    ruled_out += 1;
                    assert_ne!(
                        verdict, v,
                        "{:?} and {:?} ruled out, yet they reach {} {:?} {:?}",
                        changes[x], changes[y], q.verdicts[v].id, effects[x], effects[y]
                    );
                }
            }
        }
    }
    (checks, ruled_out)
}

/// The bound is not idle: for the example profile it rules out most pairs, and none it rules
/// out reaches the verdict it was asked about.
#[test]
fn the_pair_bound_rules_out_pairs_of_the_example_profile() {
    let q = questionnaire();
    let text = std::fs::read_to_string("examples/profiles/queueing-monolith.yaml").unwrap();
    let a = msadvise::assess::answers::parse(&q, "a.yaml", &text).unwrap().values;
    let (checks, ruled_out) = check_pair_bound(&q, &a);
    assert!(ruled_out * 2 > checks, "only {ruled_out} of {checks} ruled out");
}
