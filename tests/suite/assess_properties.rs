//! Invariants of the scoring engine, over arbitrary complete answers to the real questionnaire.

use std::sync::LazyLock;

use msadvise::assess::engine::{self, Answer};
use msadvise::assess::{Questionnaire, builtin_questionnaire, report};
use proptest::prelude::*;

pub fn questionnaire() -> Questionnaire {
    builtin_questionnaire().unwrap()
}

// Loaded once for all the cases that use it: it took a debug build about 0.2 s, which every
// case paid.
static PACK: LazyLock<Questionnaire> =
    LazyLock::new(|| msadvise::pack::Knowledge::new(Some("examples/pack".into())).questionnaire().unwrap());

/// The example pack's questionnaire.
pub fn pack_questionnaire() -> &'static Questionnaire {
    &PACK
}

/// Per question, how much the answer counts: mostly fully, else one of the scan's levels.
pub fn trust(q: &Questionnaire) -> impl Strategy<Value = Vec<f64>> {
    let levels = [q.scoring.inferred_low.value, q.scoring.inferred_medium.value, q.scoring.inferred_high.value];
    proptest::collection::vec(
        prop_oneof![3 => Just(1.0), 1 => proptest::sample::select(levels.to_vec())],
        q.questions.len(),
    )
}

/// Some questions left unanswered (as a partial answers file leaves them).
pub fn with_gaps(q: &Questionnaire) -> impl Strategy<Value = Vec<Option<Answer>>> {
    let n = q.questions.len();
    (answers(q), proptest::collection::vec(0..8u8, n))
        .prop_map(|(a, gaps)| a.into_iter().zip(gaps).map(|(x, g)| if g == 0 { None } else { x }).collect())
}

/// Answers as (choice or "don't know") per question; several choices where the question allows.
pub fn answers(q: &Questionnaire) -> impl Strategy<Value = Vec<Option<Answer>>> {
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

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn contributions_add_up_to_the_fit_score(a in answers(&questionnaire())) {
        let q = questionnaire();
        let ev = engine::evaluate(&q, &a);
        let sum: f64 = engine::contributions(&q, &ev.states, &[]).into_iter().flatten().sum();
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

}

proptest! {
    // Each case builds whole reports, with the change search: a few hundred evaluations each.
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

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
    fn every_suggested_change_really_changes_the_verdict(a in answers(&questionnaire())) {
        let q = questionnaire();
        let r = report::assess(&q, &a, &[]);
        for flip in &r.what_would_change {
            let mut changed = a.clone();
            for c in &flip.changes {
                let qi = q.question_index(&c.question).unwrap();
                let cs = c.to.split(',').map(|id| q.questions[qi].choice_index(id).unwrap()).collect();
                changed[qi] = Some(Answer::Chosen(cs));
            }
            let after = &q.verdicts[engine::evaluate(&q, &changed).verdict].id;
            prop_assert_ne!(after, &r.verdict);
            prop_assert_eq!(after, &flip.verdict);
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

/// Every change of one answer the search considers: another choice of a question that is asked
/// (for a question with several choices, one choice added or removed).
fn all_changes(q: &Questionnaire, a: &[Option<Answer>]) -> Vec<(usize, Vec<usize>)> {
    let states = engine::states(q, a);
    let mut out = Vec::new();
    for (qi, question) in q.questions.iter().enumerate() {
        let current = match states[qi] {
            engine::State::NotAsked => continue,
            engine::State::Unknown => None,
            engine::State::Chosen(c) => Some(c.iter().collect::<Vec<_>>()),
        };
        for ci in 0..question.choices.len() {
            let to = match &current {
                Some(c) if question.multiple && c.contains(&ci) && c.len() > 1 => {
                    c.iter().copied().filter(|&x| x != ci).collect()
                }
                Some(c) if question.multiple && !c.contains(&ci) => {
                    let mut v = c.clone();
                    v.push(ci);
                    v.sort_unstable();
                    v
                }
                Some(c) if *c == vec![ci] || question.multiple => continue,
                _ => vec![ci],
            };
            out.push((qi, to));
        }
    }
    out
}

proptest! {
    // Each case evaluates every single change and every pair by brute force: thousands each.
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Completeness: every verdict one or two changes reach is listed, with the fewest changes.
    #[test]
    fn what_would_change_misses_no_verdict_one_or_two_changes_reach(a in answers(&questionnaire())) {
        let q = questionnaire();
        let base = engine::evaluate(&q, &a);
        let changes = all_changes(&q, &a);
        let mut smallest = vec![usize::MAX; q.verdicts.len()];
        let apply = |set: &[&(usize, Vec<usize>)]| {
            let mut b = a.to_vec();
            for (qi, to) in set {
                b[*qi] = Some(Answer::Chosen(to.clone()));
            }
            let ev = engine::evaluate(&q, &b);
            let relevant = set.iter().all(|(qi, _)| ev.states[*qi] != engine::State::NotAsked);
            relevant.then_some(ev.verdict)
        };
        for (x, cx) in changes.iter().enumerate() {
            if let Some(v) = apply(&[cx]) {
                smallest[v] = smallest[v].min(1);
            }
            for cy in &changes[x + 1..] {
                if cy.0 == cx.0 {
                    continue;
                }
                if let Some(v) = apply(&[cx, cy]) {
                    smallest[v] = smallest[v].min(2);
                }
            }
        }
        let listed = msadvise::assess::change::what_would_change(&q, &a, &base);
        for (v, &n) in smallest.iter().enumerate() {
            if v == base.verdict || n == usize::MAX {
                continue;
            }
            let id = &q.verdicts[v].id;
            let fewest = listed.iter().filter(|f| &f.verdict == id).map(|f| f.changes.len()).min();
            prop_assert_eq!(fewest, Some(n), "{} is reached with {} change(s)", id, n);
        }
    }
}
