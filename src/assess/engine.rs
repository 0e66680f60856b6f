//! The pure scoring core: answers in, evaluation out. No I/O, no clocks, no randomness.

use super::model::{Condition, Question, Questionnaire, Role};
use super::raw::ReadinessState;

/// What a person said for one question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// Indices into the question's choices (one unless the question takes several).
    Chosen(Vec<usize>),
    /// "Don't know".
    Unknown,
}

/// How a question stands once conditions are applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum State {
    Chosen(Vec<usize>),
    Unknown,
    /// Not asked, because its `ask_if` does not hold; scored as its least splitting-favouring choice.
    NotAsked,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CheckStatus {
    Pass,
    Fail,
    Unknown,
    NotApplicable,
}

/// Everything the verdict depends on; cheap enough to compute thousands of times.
#[derive(Debug, Clone)]
pub struct Evaluation {
    pub states: Vec<State>,
    /// Per dimension, 0-100 (rounded), `None` when nothing in it was answered.
    pub dimension_scores: Vec<Option<u8>>,
    pub fit: u8,
    pub fit_exact: f64,
    /// Per level, per check.
    pub checks: Vec<Vec<CheckStatus>>,
    pub prerequisites_failing: bool,
    pub verdict: usize,
    pub rule: usize,
}

pub fn states(q: &Questionnaire, answers: &[Option<Answer>]) -> Vec<State> {
    let mut out: Vec<State> = Vec::with_capacity(q.questions.len());
    for (i, question) in q.questions.iter().enumerate() {
        // A question whose condition depends on a "don't know" may apply, so it is asked.
        let asked = question.ask_if.as_ref().is_none_or(|c| holds(c, &out, &q.questions) || mentions_unknown(c, &out));
        let state = if !asked {
            State::NotAsked
        } else {
            match answers.get(i).cloned().flatten() {
                Some(Answer::Chosen(c)) if !c.is_empty() => State::Chosen(c),
                _ => State::Unknown,
            }
        };
        out.push(state);
    }
    out
}

/// Whether a condition holds; an unknown answer satisfies no `is`.
pub fn holds(c: &Condition, states: &[State], questions: &[Question]) -> bool {
    match c {
        Condition::Is { question, choices } => match states.get(*question) {
            Some(State::Chosen(chosen)) => chosen.iter().any(|x| choices.contains(x)),
            Some(State::NotAsked) => choices.contains(&questions[*question].skipped_as),
            _ => false,
        },
        Condition::All(cs) => cs.iter().all(|c| holds(c, states, questions)),
        Condition::Any(cs) => cs.iter().any(|c| holds(c, states, questions)),
        Condition::Not(c) => !holds(c, states, questions),
    }
}

fn mentions_unknown(c: &Condition, states: &[State]) -> bool {
    match c {
        Condition::Is { question, .. } => matches!(states.get(*question), Some(State::Unknown) | None),
        Condition::All(cs) | Condition::Any(cs) => cs.iter().any(|c| mentions_unknown(c, states)),
        Condition::Not(c) => mentions_unknown(c, states),
    }
}

/// Where an answered question sits between 0 (favours keeping together) and 1 (favours splitting).
pub fn position(question: &Question, state: &State) -> Option<f64> {
    match state {
        State::Chosen(chosen) => {
            let sum: f64 = chosen.iter().map(|&c| question.normalised(c)).sum();
            Some(sum / chosen.len() as f64)
        }
        State::NotAsked => Some(question.normalised(question.skipped_as)),
        State::Unknown => None,
    }
}

/// Per dimension: the weighted mean position of its answered questions, 0-1.
pub fn dimension_means(q: &Questionnaire, states: &[State]) -> Vec<Option<f64>> {
    let mut sums = vec![(0.0_f64, 0.0_f64); q.dimensions.len()];
    for (question, state) in q.questions.iter().zip(states) {
        // On readiness dimensions a question that does not apply says nothing about maturity.
        if *state == State::NotAsked && q.dimensions[question.dimension].role == Role::Readiness {
            continue;
        }
        if let Some(p) = position(question, state) {
            let s = &mut sums[question.dimension];
            s.0 += question.weight * p;
            s.1 += question.weight;
        }
    }
    sums.into_iter().map(|(num, den)| (den > 0.0).then(|| num / den)).collect()
}

/// The fit score, 0-100: the weighted mean of the fit dimensions that have answers; 50 when none do.
pub fn fit(q: &Questionnaire, means: &[Option<f64>]) -> f64 {
    let (mut num, mut den) = (0.0, 0.0);
    for (d, m) in q.dimensions.iter().zip(means) {
        if let (Role::Fit, Some(m)) = (d.role, m) {
            num += d.weight * m;
            den += d.weight;
        }
    }
    if den > 0.0 { 100.0 * num / den } else { 50.0 }
}

pub fn evaluate(q: &Questionnaire, answers: &[Option<Answer>]) -> Evaluation {
    let states = states(q, answers);
    let means = dimension_means(q, &states);
    let fit_exact = fit(q, &means);
    let fit = round_score(fit_exact);
    let dimension_scores: Vec<Option<u8>> = means.iter().map(|m| m.map(|m| round_score(100.0 * m))).collect();
    let checks: Vec<Vec<CheckStatus>> =
        q.levels.iter().map(|l| l.checks.iter().map(|c| check_status(c, &states, &q.questions)).collect()).collect();
    let prerequisites_failing =
        q.levels.iter().zip(&checks).any(|(l, cs)| l.prerequisite && cs.contains(&CheckStatus::Fail));
    let rule = q
        .rules
        .iter()
        .position(|r| rule_holds(r, fit, &dimension_scores, prerequisites_failing, &states, &q.questions))
        .unwrap_or(q.rules.len().saturating_sub(1));
    let verdict = q.rules.get(rule).map_or(0, |r| r.verdict);
    Evaluation { states, dimension_scores, fit, fit_exact, checks, prerequisites_failing, verdict, rule }
}

fn check_status(c: &super::model::Check, states: &[State], questions: &[Question]) -> CheckStatus {
    if let Some(a) = &c.applies_if
        && !holds(a, states, questions)
    {
        return if mentions_unknown(a, states) { CheckStatus::Unknown } else { CheckStatus::NotApplicable };
    }
    if holds(&c.pass_if, states, questions) {
        CheckStatus::Pass
    } else if mentions_unknown(&c.pass_if, states) {
        CheckStatus::Unknown
    } else {
        CheckStatus::Fail
    }
}

fn rule_holds(
    r: &super::model::Rule,
    fit: u8,
    dims: &[Option<u8>],
    failing: bool,
    states: &[State],
    questions: &[Question],
) -> bool {
    let fit = f64::from(fit);
    let dim = |i: usize| f64::from(dims.get(i).copied().flatten().unwrap_or(50));
    r.fit_min.is_none_or(|m| fit >= m)
        && r.fit_max.is_none_or(|m| fit < m)
        && r.dimension_min.iter().all(|&(i, m)| dim(i) >= m)
        && r.dimension_max.iter().all(|&(i, m)| dim(i) < m)
        && r.readiness.is_none_or(|want| (want == ReadinessState::Failing) == failing)
        && r.answers.as_ref().is_none_or(|c| holds(c, states, questions))
}

fn round_score(x: f64) -> u8 {
    // Clamped to 0-100 first, so the cast cannot truncate.
    x.clamp(0.0, 100.0).round() as u8
}

/// How much each question moved the fit score away from the neutral 50, in points; they sum to `fit - 50`.
pub fn contributions(q: &Questionnaire, states: &[State]) -> Vec<Option<f64>> {
    let mut dim_weight = vec![0.0_f64; q.dimensions.len()];
    for (question, state) in q.questions.iter().zip(states) {
        if position(question, state).is_some() {
            dim_weight[question.dimension] += question.weight;
        }
    }
    let total: f64 = q
        .dimensions
        .iter()
        .zip(&dim_weight)
        .filter(|(d, w)| d.role == Role::Fit && **w > 0.0)
        .map(|(d, _)| d.weight)
        .sum();
    q.questions
        .iter()
        .zip(states)
        .map(|(question, state)| {
            let d = &q.dimensions[question.dimension];
            let p = position(question, state)?;
            if d.role != Role::Fit || total <= 0.0 {
                return None;
            }
            Some(100.0 * (d.weight / total) * (question.weight / dim_weight[question.dimension]) * (p - 0.5))
        })
        .collect()
}
