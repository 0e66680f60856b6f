//! "What would change the verdict": the smallest sets of answer changes that flip it.
//!
//! The search is bounded: every single change is tried (one evaluation per choice of every asked
//! question), then pairs among the `PAIR_CANDIDATES` single changes that moved the scores most,
//! so at most `choices + PAIR_CANDIDATES * (PAIR_CANDIDATES - 1) / 2` evaluations. Pairs are
//! tried only while some verdict is reached by no single change, since they add only those, and
//! only when a cheap bound on their scores leaves one of those verdicts possible.

use std::collections::BTreeSet;

use serde::Serialize;

use super::engine::{self, Answer, Choices, Evaluation, State};
use super::model::Questionnaire;

pub const PAIR_CANDIDATES: usize = 40;
const PER_VERDICT: usize = 2;

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Flip {
    /// The verdict these changes lead to.
    pub verdict: String,
    pub fit_score: u8,
    pub changes: Vec<Change>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Change {
    pub question: String,
    pub prompt: String,
    pub from: String,
    pub from_label: String,
    pub to: String,
    pub to_label: String,
}

struct Candidate {
    question: usize,
    choice: usize,
    /// How far the answer moves along the question's scale, 0-1.
    distance: f64,
    /// How much it moves the scores, for picking pair candidates.
    progress: f64,
}

/// The minimal changes found, at most two per reachable verdict, smallest and nearest first.
pub fn what_would_change(q: &Questionnaire, answers: &[Option<Answer>], base: &Evaluation) -> Vec<Flip> {
    let mut evaluator = engine::Evaluator::new(q, answers);
    let mut found: Vec<(Vec<usize>, usize, u8, f64)> = Vec::new();
    let mut cands = candidates(q, base);
    let change = |c: &Candidate| (c.question, Some(Choices::one(c.choice)));
    let mut flipped_alone = vec![false; cands.len()];
    for (i, c) in cands.iter_mut().enumerate() {
        let ev = evaluator.outcome(&[change(c)]);
        c.progress = (ev.fit_exact - base.fit_exact).abs()
            + if ev.prerequisites_failing != base.prerequisites_failing { 50.0 } else { 0.0 };
        if ev.verdict != base.verdict {
            flipped_alone[i] = true;
            found.push((vec![i], ev.verdict, ev.fit, c.distance));
        }
    }
    let reached: BTreeSet<usize> = found.iter().map(|f| f.1).collect();
    // Pairs only ever add verdicts no single change reaches: none left, no pairs to try.
    let wanted: Vec<bool> = (0..q.verdicts.len()).map(|v| v != base.verdict && !reached.contains(&v)).collect();
    let unreached = wanted.contains(&true);
    let mut order: Vec<usize> = (0..cands.len()).filter(|&i| unreached && !flipped_alone[i]).collect();
    order.sort_by(|&a, &b| cands[b].progress.total_cmp(&cands[a].progress));
    order.truncate(PAIR_CANDIDATES);
    let effects: Vec<engine::Effect> =
        order.iter().map(|&i| evaluator.effect(cands[i].question, Some(Choices::one(cands[i].choice)))).collect();
    for (x, &a) in order.iter().enumerate() {
        for (y, &b) in order.iter().enumerate().skip(x + 1) {
            if cands[a].question == cands[b].question {
                continue;
            }
            // Most pairs cannot reach a wanted verdict, which a bound on their scores shows
            // without evaluating them.
            if !evaluator.pair_may_reach(&effects[x], &effects[y], &wanted) {
                continue;
            }
            let ev = evaluator.outcome(&[change(&cands[a]), change(&cands[b])]);
            if ev.verdict != base.verdict && !reached.contains(&ev.verdict) {
                found.push((vec![a, b], ev.verdict, ev.fit, cands[a].distance + cands[b].distance));
            }
        }
    }
    found.sort_by(|x, y| x.0.len().cmp(&y.0.len()).then(x.3.total_cmp(&y.3)).then(x.1.cmp(&y.1)));
    let mut per_verdict = vec![0usize; q.verdicts.len()];
    let mut out = Vec::new();
    for (set, verdict, fit, _) in found {
        if per_verdict[verdict] >= PER_VERDICT {
            continue;
        }
        per_verdict[verdict] += 1;
        let changes = set.iter().map(|&i| describe(q, base, &cands[i])).collect();
        out.push(Flip { verdict: q.verdicts[verdict].id.clone(), fit_score: fit, changes });
    }
    out
}

fn candidates(q: &Questionnaire, base: &Evaluation) -> Vec<Candidate> {
    let mut out = Vec::new();
    for (qi, (question, state)) in q.questions.iter().zip(&base.states).enumerate() {
        let from = match state {
            State::NotAsked => continue,
            State::Unknown => 0.5,
            State::Chosen(_) => engine::position(question, state).unwrap_or(0.5),
        };
        for ci in 0..question.choices.len() {
            if matches!(state, State::Chosen(c) if *c == engine::Choices::one(ci)) {
                continue;
            }
            out.push(Candidate {
                question: qi,
                choice: ci,
                distance: (question.normalised(ci) - from).abs(),
                progress: 0.0,
            });
        }
    }
    out
}

fn describe(q: &Questionnaire, base: &Evaluation, c: &Candidate) -> Change {
    let question = &q.questions[c.question];
    let (from, from_label) = match &base.states[c.question] {
        State::Chosen(chosen) => (
            chosen.iter().map(|i| question.choices[i].id.as_str()).collect::<Vec<_>>().join(","),
            chosen.iter().map(|i| question.choices[i].label.as_str()).collect::<Vec<_>>().join(", "),
        ),
        _ => (super::model::UNKNOWN.to_string(), "Don't know".to_string()),
    };
    let to = &question.choices[c.choice];
    Change {
        question: question.id.clone(),
        prompt: question.prompt.clone(),
        from,
        from_label,
        to: to.id.clone(),
        to_label: to.label.clone(),
    }
}
