use super::*;

proptest::proptest! {
    #[test]
    fn any_score_rounds_as_f64_round_does(x in proptest::num::f64::ANY) {
        let expected = if x.is_nan() { 0 } else { x.clamp(0.0, 100.0).round() as u8 };
        proptest::prop_assert_eq!(round_score(x), expected);
    }
}

/// The constants every questionnaire states (shared with benches/engine.rs).
pub(crate) const CONSTANTS: &str = concat!("\n", include_str!("../../../tests/fixtures/questionnaire-constants.yaml"));

const SMALL: &str = r#"
schema_version: 1
title: Small
dimensions:
  - {id: org, title: Org, role: fit, weight: 2, summary: s}
  - {id: load, title: Load, role: fit, weight: 1, summary: s}
  - {id: ops, title: Ops, role: readiness, summary: s}
questions:
  - id: teams
    dimension: org
    prompt: Teams?
    help: h
    choices: [{id: one, label: One, score: -2}, {id: many, label: Many, score: 2}]
  - id: queue
    dimension: org
    prompt: Queue?
    help: h
    ask_if: {question: teams, is: [many]}
    choices: [{id: rarely, label: Rarely, score: -1}, {id: often, label: Often, score: 1}]
  - id: scale
    dimension: load
    prompt: Scale?
    help: h
    choices: [{id: uniform, label: U, score: -1}, {id: some, label: S, score: 0}, {id: wild, label: W, score: 2}]
  - id: deploy
    dimension: ops
    prompt: Deploy?
    help: h
    kind: lever
    choices: [{id: manual, label: M, score: 0}, {id: auto, label: A, score: 1}]
  - id: rollback
    dimension: ops
    prompt: Rollback?
    help: h
    kind: lever
    choices: [{id: slow, label: S, score: 0}, {id: fast, label: F, score: 1}]
readiness:
  - level: 1
    title: Basics
    prerequisite: true
    checks:
      - id: automated
        title: T
        pass_if: {all: [{question: deploy, is: [auto]}, {question: rollback, is: [fast]}]}
        plan: p
verdicts:
  - {id: monolith, title: M, summary: s, next_steps: []}
  - {id: microservices, title: S, summary: s, next_steps: []}
  - {id: not-ready, title: N, summary: s, next_steps: []}
rules:
  - {verdict: not-ready, fit_min: 60, readiness: failing, reason: r}
  - {verdict: microservices, fit_min: 60, known_min: 0.5, reason: r}
  - {verdict: monolith, reason: r}
stop_signs:
  - id: uniform
    title: U
    when: {question: scale, is: [uniform]}
    blocks: [microservices, not-ready]
    verdict: monolith
    reason: r
    source: s
"#;

fn q() -> Questionnaire {
    crate::assess::load("small.yaml", &format!("{SMALL}{CONSTANTS}"), &|_| true).unwrap()
}

fn pick(q: &Questionnaire, pairs: &[(&str, &str)]) -> Vec<Option<Answer>> {
    let mut a = vec![None; q.questions.len()];
    for (question, choice) in pairs {
        let qi = q.question_index(question).unwrap();
        let answer = if *choice == "unknown" {
            Answer::Unknown
        } else {
            Answer::Chosen(vec![q.questions[qi].choice_index(choice).unwrap()])
        };
        a[qi] = Some(answer);
    }
    a
}

fn verdict(q: &Questionnaire, ev: &Evaluation) -> String {
    q.verdicts[ev.verdict].id.to_string()
}

#[test]
fn nothing_answered_is_neutral() {
    let q = q();
    let ev = evaluate(&q, &pick(&q, &[]));
    assert_eq!(ev.fit, 50);
    assert_eq!(ev.dimension_scores[..2], [Some(50), Some(50)], "don't know sits at the neutral point");
    assert_eq!(ev.checks[0][0], CheckStatus::Unknown);
    assert_eq!(ev.prerequisites, Prerequisites::Unverified);
    assert_eq!(verdict(&q, &ev), "monolith");
}

#[test]
fn fit_is_the_weighted_mean_of_positions_over_asked_questions() {
    let q = q();
    // org: teams one (-1), queue not asked (no weight) -> 0; load: some (0) -> 50.
    let ev = evaluate(&q, &pick(&q, &[("teams", "one"), ("scale", "some")]));
    assert_eq!(ev.states[1], State::NotAsked);
    assert_eq!(ev.dimension_scores[..2], [Some(0), Some(50)]);
    assert!((ev.fit_exact - (50.0 + 50.0 * (-2.0 + 0.0) / 3.0)).abs() < 1e-9);
    let c = contributions(&q, &ev.states, &[]);
    assert_eq!(c[1], None, "a question not asked contributes nothing");
    assert_eq!(c[2], Some(0.0), "a neutral answer contributes nothing");
    let sum: f64 = c.into_iter().flatten().sum();
    assert!((sum - (ev.fit_exact - 50.0)).abs() < 1e-9);
}

#[test]
fn an_unknown_counts_as_neutral_and_keeps_its_weight() {
    let q = q();
    let alone = evaluate(&q, &pick(&q, &[("scale", "wild"), ("teams", "unknown")]));
    let neutral_org = 50.0 + 50.0 * (2.0 * 0.0 + 1.0 * 1.0) / 3.0;
    assert!((alone.fit_exact - neutral_org).abs() < 1e-9, "{}", alone.fit_exact);
    assert!((alone.known - 1.0 / 3.0).abs() < 1e-9);
}

#[test]
fn a_condition_on_a_dont_know_still_asks_the_question() {
    let q = q();
    let ev = evaluate(&q, &pick(&q, &[("teams", "unknown")]));
    assert_eq!(ev.states[1], State::Unknown, "queue may apply, so it is asked");
}

#[test]
fn a_failed_half_fails_the_check_whatever_the_other_half() {
    let q = q();
    let ev = evaluate(&q, &pick(&q, &[("deploy", "manual"), ("rollback", "unknown")]));
    assert_eq!(ev.checks[0][0], CheckStatus::Fail);
    let ev = evaluate(&q, &pick(&q, &[("deploy", "auto"), ("rollback", "unknown")]));
    assert_eq!(ev.checks[0][0], CheckStatus::Unknown);
}

#[test]
fn the_first_matching_rule_decides_and_readiness_gates_it() {
    let q = q();
    let strong = [("teams", "many"), ("queue", "often"), ("scale", "wild")];
    let mut answers = pick(&q, &strong);
    let ev = evaluate(&q, &answers);
    assert_eq!(verdict(&q, &ev), "microservices");
    assert_eq!(ev.prerequisites, Prerequisites::Unverified, "unknown is never reported as met");
    answers[3] = pick(&q, &[("deploy", "manual")])[3].clone();
    let ev = evaluate(&q, &answers);
    assert_eq!(verdict(&q, &ev), "not-ready");
    let weak = pick(&q, &[("teams", "one"), ("scale", "some"), ("deploy", "manual")]);
    assert_eq!(
        verdict(&q, &evaluate(&q, &weak)),
        "monolith",
        "readiness only matters when the forces favour splitting"
    );
}

#[test]
fn a_stop_sign_replaces_the_verdict_it_blocks_and_names_itself() {
    let q = q();
    let answers = pick(&q, &[("teams", "many"), ("queue", "often"), ("scale", "uniform")]);
    let ev = evaluate(&q, &answers);
    assert_eq!(q.verdicts[ev.rule_verdict].id, "microservices");
    assert_eq!(verdict(&q, &ev), "monolith");
    assert_eq!(ev.stop_sign, Some(0));
}

#[test]
fn the_change_search_finds_the_smallest_changes_and_tells_levers_from_facts() {
    let q = q();
    let answers = pick(
        &q,
        &[("teams", "many"), ("queue", "often"), ("scale", "wild"), ("deploy", "manual"), ("rollback", "slow")],
    );
    let ev = evaluate(&q, &answers);
    assert_eq!(verdict(&q, &ev), "not-ready");
    let flips = crate::assess::change::what_would_change(&q, &answers, &ev);
    let lever = flips.iter().find(|f| f.verdict == "microservices" && f.kind == Kind::Lever).unwrap();
    let set: Vec<(&str, &str)> = lever.changes.iter().map(|c| (c.question.as_str(), c.to.as_str())).collect();
    assert_eq!(set, [("deploy", "auto"), ("rollback", "fast")], "a pair, since neither half alone suffices");
    assert_eq!(lever.direction, crate::assess::change::Direction::Improvement);
    assert!(flips.iter().any(|f| f.verdict == "monolith" && f.kind == Kind::Fact));
}
