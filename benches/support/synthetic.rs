//! The synthetic 100-question questionnaire the benchmarks time and the tests check the change
//! search on: generated, so its size is a parameter and nothing is copied.

use msadvise::assess::{self, Answer, Questionnaire};

const DIMENSIONS: usize = 10;
/// Dimensions from this index on are `readiness` ones, the rest `fit`.
const FIRST_READINESS: usize = 8;
const QUESTIONS: usize = 100;
const CHOICE_SCORES: [f64; 4] = [-2.0, -0.5, 1.0, 2.0];

/// The synthetic questionnaire, loaded like any other, and seeded pseudo-random answers.
pub fn synthetic() -> (Questionnaire, Vec<Option<Answer>>) {
    let q = assess::load("synthetic.yaml", &synthetic_yaml(), &|_| true).expect("the synthetic questionnaire is valid");
    assert_eq!(q.questions.len(), QUESTIONS);
    let mut seed: u64 = 0x5EED_0008;
    let answers = (0..QUESTIONS)
        .map(|_| match splitmix(&mut seed) % 20 {
            0 => None,
            1 | 2 => Some(Answer::Unknown),
            r => Some(Answer::Chosen(vec![(r as usize) % CHOICE_SCORES.len()])),
        })
        .collect();
    (q, answers)
}

/// SplitMix64: deterministic, good enough to spread answers, and no extra dependency.
fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The same kinds of data as knowledge/assessment/questionnaire.yaml: weighted fit dimensions,
/// readiness dimensions, questions asked only if an earlier answer holds, prerequisite and
/// optional readiness levels with `all`/`any`/`applies_if` checks, the same verdict rules, risks.
pub fn synthetic_yaml() -> String {
    let mut y = String::from("schema_version: 1\ntitle: A synthetic 100-question questionnaire\n\ndimensions:\n");
    for d in 0..DIMENSIONS {
        let (role, weight) = if d < FIRST_READINESS {
            ("fit", format!("\n    weight: {}", 1 + d % 3))
        } else {
            ("readiness", String::new())
        };
        y += &format!(
            "  - id: d{d}\n    title: Dimension {d}\n    role: {role}{weight}\n    summary: Synthetic dimension {d}.\n"
        );
    }
    y += "\nquestions:\n";
    for i in 0..QUESTIONS {
        let d = i % DIMENSIONS;
        let weight = if i % 3 == 0 { "\n    weight: 1.5" } else { "" };
        // Like `release_contention`, which is asked only when more than one team works on the system.
        let ask_if = if i >= DIMENSIONS && i % 5 == 0 {
            format!("\n    ask_if: {{question: q{}, is: [c1, c2, c3]}}", i - DIMENSIONS)
        } else {
            String::new()
        };
        y += &format!(
            "  - id: q{i}\n    dimension: d{d}\n    prompt: Question {i}?\n    help: Why question {i} matters.{weight}{ask_if}\n    choices:\n"
        );
        for (c, score) in CHOICE_SCORES.iter().enumerate() {
            y += &format!("      - {{id: c{c}, label: Choice {c}, score: {}}}\n", score + (i % 4) as f64 * 0.1);
        }
    }
    y += &readiness_yaml();
    y += VERDICTS_AND_RULES;
    y += "\nrisks:\n";
    for r in 0..10 {
        y += &format!(
            "  - id: risk{r}\n    concern: data\n    severity: high\n    title: Risk {r}\n    detail: What risk {r} means.\n    when: {{question: q{}, is: [c0, c1]}}\n    verdicts: [microservices, not-ready]\n",
            r * DIMENSIONS + 1
        );
    }
    y += SCORING_AND_CONFIDENCE;
    y
}

/// The constants every questionnaire states, with the built-in questionnaire's values.
const SCORING_AND_CONFIDENCE: &str = concat!("\n", include_str!("../../tests/fixtures/questionnaire-constants.yaml"));

/// Checks over the readiness questions (q8, q9, q18, q19, ...).
fn readiness_yaml() -> String {
    let check = |id: &str, extra: &str, pass_if: &str| {
        format!(
            "      - id: {id}\n        title: Check {id}\n{extra}        pass_if: {pass_if}\n        plan: Improve {id}.\n"
        )
    };
    let one = |q: usize| format!("{{question: q{q}, is: [c2, c3]}}");
    let mut y = String::from("\nreadiness:\n");
    y += "  - level: 1\n    title: Basics\n    prerequisite: true\n    checks:\n";
    y += &check("r1a", "", &one(8));
    y += &check("r1b", "", &one(9));
    y += "  - level: 2\n    title: Prerequisites\n    prerequisite: true\n    checks:\n";
    y += &check("r2a", "", &format!("{{all: [{}, {}]}}", one(18), one(28)));
    y += &check("r2b", "", &one(19));
    y += &check("r2c", "", &format!("{{any: [{}, {}]}}", one(38), one(39)));
    y += "  - level: 3\n    title: Many services\n    prerequisite: false\n    checks:\n";
    y += &check("r3a", "", &one(48));
    y += &check("r3b", "        applies_if: {question: q0, is: [c2, c3]}\n", &one(49));
    y += &check("r3c", "", "{not: {question: q58, is: [c0]}}");
    y
}

const VERDICTS_AND_RULES: &str = "
verdicts:
  - id: monolith
    title: Monolith
    summary: Keep one deployable.
    next_steps: [{text: Keep the code modular.}]
  - id: modular-monolith
    title: Modular monolith
    summary: Enforce modules inside one deployable.
    next_steps: [{text: Map the capabilities.}]
  - id: microservices
    title: Microservices
    summary: Split incrementally.
    next_steps: [{text: Extract one capability at a time.}]
  - id: not-ready
    title: Not ready yet
    summary: Build the prerequisites first.
    next_steps: [{text: Close the blockers.}]

rules:
  - {verdict: not-ready, fit_min: 60, dimension_min: {d0: 45}, readiness: failing, reason: Not ready.}
  - {verdict: microservices, fit_min: 60, dimension_min: {d0: 45}, reason: Forces favour splitting.}
  - {verdict: modular-monolith, fit_min: 42, reason: Some forces favour splitting.}
  - {verdict: modular-monolith, dimension_min: {d0: 55}, reason: Several teams share the code.}
  - {verdict: monolith, reason: The forces are weak.}
";
