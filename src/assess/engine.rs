//! The pure scoring core: answers in, evaluation out. No I/O, no clocks, no randomness.
//!
//! The model, stated once: every fit answer has a position between -1 (against splitting) and +1
//! (for it), its score divided by the questionnaire's `score_scale`; 0 is neutral. "Don't know"
//! sits at 0 and keeps its weight, so it never helps a verdict a neutral answer would not; a
//! question that is not asked has no weight at all. A dimension's score is the weighted mean of
//! its asked questions, the fit the weighted mean of the dimensions, both shown on 0-100 with 50
//! neutral. Readiness checks use three-valued logic (a failed part fails a check whatever the
//! unknown parts), the first matching rule gives a verdict, and stop signs may then replace it.

#[cfg(test)]
use super::model::Kind;
use super::model::{Condition, MAX_CHOICES, Question, Questionnaire, ReadinessState, Rule};

mod delta;
mod score;
mod tri;
pub use delta::{Delta, Edit};
pub(crate) use delta::{Feeds, Lists};
use score::scores;
pub(crate) use score::{Sums, dimension, fit_from, fit_known};
pub use score::{contributions, position};
pub use tri::{Truth, truth};

/// What a person said for one question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// Indices into the question's choices (one unless the question takes several).
    Chosen(Vec<usize>),
    /// "Don't know".
    Unknown,
}

/// A set of choice indices (a question has at most 64 choices, which the loader checks), kept
/// in one word so that evaluating thousands of answer changes allocates nothing per question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Choices(u64);

impl Choices {
    pub fn of(indices: &[usize]) -> Self {
        Choices(indices.iter().filter(|&&i| i < MAX_CHOICES).fold(0, |m, &i| m | (1 << i)))
    }

    pub fn one(i: usize) -> Self {
        Self::of(&[i])
    }

    pub fn contains(self, i: usize) -> bool {
        i < MAX_CHOICES && self.0 & (1 << i) != 0
    }

    pub fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn with(self, i: usize) -> Self {
        Choices(self.0 | Self::one(i).0)
    }

    pub fn without(self, i: usize) -> Self {
        Choices(self.0 & !Self::one(i).0)
    }

    pub fn iter(self) -> impl Iterator<Item = usize> {
        let mut rest = self.0;
        std::iter::from_fn(move || {
            (rest != 0).then(|| {
                let i = rest.trailing_zeros() as usize;
                rest &= rest - 1;
                i
            })
        })
    }
}

/// How a question stands once conditions are applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    Chosen(Choices),
    Unknown,
    /// Not asked, because its `ask_if` does not hold; it weighs nothing.
    NotAsked,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum CheckStatus {
    Pass,
    Fail,
    Unknown,
    NotApplicable,
}

/// Whether the prerequisite checks hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prerequisites {
    Met,
    Failing,
    Unverified,
}

/// Everything the verdict depends on; cheap enough to compute thousands of times.
#[derive(Debug, Clone)]
pub struct Evaluation {
    pub states: Vec<State>,
    /// Per dimension, 0-100 (rounded; 50 neutral on fit dimensions), `None` when none of its
    /// questions was asked (readiness: answered).
    pub dimension_scores: Vec<Option<u8>>,
    /// Per dimension, the share of its asked weight that was answered (not "don't know").
    pub dimension_known: Vec<Option<f64>>,
    /// The share of the fit weight that was answered.
    pub known: f64,
    pub fit: u8,
    pub fit_exact: f64,
    /// Per level, per check.
    pub checks: Vec<Vec<CheckStatus>>,
    pub prerequisites: Prerequisites,
    pub prerequisites_failing: bool,
    /// The verdict the rules gave, before stop signs.
    pub rule_verdict: usize,
    pub rule: usize,
    /// The stop sign that replaced the rules' verdict last, if any.
    pub stop_sign: Option<usize>,
    pub verdict: usize,
}

/// What decides the verdict, and nothing else.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Outcome {
    pub fit: u8,
    pub fit_exact: f64,
    pub prerequisites: Prerequisites,
    pub stop_sign: Option<usize>,
    pub verdict: usize,
}

impl From<&Evaluation> for Outcome {
    fn from(ev: &Evaluation) -> Self {
        Outcome {
            fit: ev.fit,
            fit_exact: ev.fit_exact,
            prerequisites: ev.prerequisites,
            stop_sign: ev.stop_sign,
            verdict: ev.verdict,
        }
    }
}

pub fn states(q: &Questionnaire, answers: &[Option<Answer>]) -> Vec<State> {
    let mut out = Vec::with_capacity(q.questions.len());
    states_into(q, &given(answers), &mut out);
    out
}

/// Per question, the choices given, or `None` for "don't know" or no answer: answers in the form
/// the engine reads, which is `Copy` and so cheap to change one question at a time.
pub fn given(answers: &[Option<Answer>]) -> Vec<Option<Choices>> {
    answers
        .iter()
        .map(|a| match a {
            Some(Answer::Chosen(c)) if !c.is_empty() => Some(Choices::of(c)),
            _ => None,
        })
        .collect()
}

fn states_into(q: &Questionnaire, given: &[Option<Choices>], out: &mut Vec<State>) {
    out.clear();
    for (i, question) in q.questions.iter().enumerate() {
        // A question whose condition depends on a "don't know" may apply, so it is asked.
        let asked = question.ask_if.as_ref().is_none_or(|c| truth(c, out, &q.questions) != Truth::False);
        let state = if !asked {
            State::NotAsked
        } else {
            match given.get(i) {
                Some(Some(c)) => State::Chosen(*c),
                _ => State::Unknown,
            }
        };
        out.push(state);
    }
}

/// Whether a condition surely holds: one that rests on a "don't know" does not.
pub fn holds(c: &Condition, states: &[State], questions: &[Question]) -> bool {
    truth(c, states, questions) == Truth::True
}

/// Scratch room for one evaluation, reused across the thousands of the change search.
#[derive(Debug, Default)]
pub struct Scratch {
    states: Vec<State>,
    sums: Vec<Sums>,
    scores: Vec<Option<u8>>,
    known: Vec<Option<f64>>,
    checks: Vec<CheckStatus>,
}

impl Scratch {
    /// A question's state in the last evaluation.
    pub fn state(&self, i: usize) -> Option<State> {
        self.states.get(i).copied()
    }
}

/// Evaluate answers given as [`given`] returns them; `trust` (per question, 0-1; missing is 1)
/// scales how much an answer counts, the rest counting as "don't know".
pub fn outcome(q: &Questionnaire, given: &[Option<Choices>], trust: &[f64], s: &mut Scratch) -> Outcome {
    run(q, given, trust, s).0
}

/// [`outcome`], with the index of the rule that matched and the known share of the fit weight.
fn run(q: &Questionnaire, given: &[Option<Choices>], trust: &[f64], s: &mut Scratch) -> (Outcome, usize, f64) {
    states_into(q, given, &mut s.states);
    let (fit_exact, known) = scores(q, &s.states, trust, &mut s.sums, &mut s.scores, &mut s.known);
    let fit = round_score(fit_exact);
    s.checks.clear();
    // An answer that counts less than `verifies_min` (a scan's weaker inference) neither passes
    // nor fails a check: the check is left to verify.
    let weak = |i: usize| trust.get(i).is_some_and(|&t| t < q.scoring.verifies_min.value);
    let checked: std::borrow::Cow<'_, [State]> = if (0..trust.len()).any(weak) {
        let mut states = s.states.clone();
        for (i, state) in states.iter_mut().enumerate() {
            *state = checked_state(q, trust.get(i).copied(), *state);
        }
        std::borrow::Cow::Owned(states)
    } else {
        std::borrow::Cow::Borrowed(&s.states)
    };
    for level in &q.levels {
        s.checks.extend(level.checks.iter().map(|c| check_status(c, &checked, &q.questions)));
    }
    let prerequisites = prerequisites(q, &s.checks);
    let rule = rule_index(q, fit, &s.scores, known, &s.known, prerequisites, &s.states);
    let rule_verdict = q.rules.get(rule).map_or(0, |r| r.verdict);
    let (verdict, stop_sign) = stop_signs(q, rule_verdict, &s.states);
    (Outcome { fit, fit_exact, prerequisites, stop_sign, verdict }, rule, known)
}

/// The state a check sees for a question whose answer counts `trust` (none given: fully): an
/// answer that counts less than `verifies_min` is left to verify, as "don't know".
pub(crate) fn checked_state(q: &Questionnaire, trust: Option<f64>, state: State) -> State {
    let weak = trust.is_some_and(|t| t < q.scoring.verifies_min.value);
    if weak && matches!(state, State::Chosen(_)) { State::Unknown } else { state }
}

pub fn evaluate(q: &Questionnaire, answers: &[Option<Answer>]) -> Evaluation {
    evaluate_with(q, answers, &[])
}

/// [`evaluate`] with per-question trust (see [`outcome`]).
pub fn evaluate_with(q: &Questionnaire, answers: &[Option<Answer>], trust: &[f64]) -> Evaluation {
    let mut s = Scratch::default();
    let (o, rule, known) = run(q, &given(answers), trust, &mut s);
    let mut flat = s.checks.iter();
    let checks = q.levels.iter().map(|l| flat.by_ref().take(l.checks.len()).copied().collect()).collect();
    Evaluation {
        states: s.states,
        dimension_scores: s.scores,
        dimension_known: s.known,
        known,
        fit: o.fit,
        fit_exact: o.fit_exact,
        checks,
        prerequisites: o.prerequisites,
        prerequisites_failing: o.prerequisites == Prerequisites::Failing,
        rule_verdict: q.rules.get(rule).map_or(0, |r| r.verdict),
        rule,
        stop_sign: o.stop_sign,
        verdict: o.verdict,
    }
}

fn prerequisites(q: &Questionnaire, flat: &[CheckStatus]) -> Prerequisites {
    let (mut fail, mut unknown, mut at) = (false, false, 0);
    for level in &q.levels {
        let statuses = &flat[at..at + level.checks.len()];
        at += level.checks.len();
        if level.prerequisite {
            fail |= statuses.contains(&CheckStatus::Fail);
            unknown |= statuses.contains(&CheckStatus::Unknown);
        }
    }
    match (fail, unknown) {
        (true, _) => Prerequisites::Failing,
        (false, true) => Prerequisites::Unverified,
        (false, false) => Prerequisites::Met,
    }
}

fn rule_index(
    q: &Questionnaire,
    fit: u8,
    dims: &[Option<u8>],
    known: f64,
    dims_known: &[Option<f64>],
    prerequisites: Prerequisites,
    states: &[State],
) -> usize {
    rule_index_by(q, fit, dims, known, dims_known, prerequisites, |_, c| holds(c, states, &q.questions))
}

/// [`rule_index`] with `answers` saying whether rule `r`'s condition on the answers holds.
pub(crate) fn rule_index_by(
    q: &Questionnaire,
    fit: u8,
    dims: &[Option<u8>],
    known: f64,
    dims_known: &[Option<f64>],
    prerequisites: Prerequisites,
    answers: impl Fn(usize, &Condition) -> bool,
) -> usize {
    q.rules
        .iter()
        .enumerate()
        .position(|(i, r)| {
            scores_hold(r, fit, |i| dims.get(i).copied().flatten())
                && readiness_holds(r, prerequisites)
                && r.known_min.is_none_or(|m| known >= m)
                && r.dimension_known_min.iter().all(|&(d, m)| dims_known.get(d).copied().flatten().unwrap_or(0.0) >= m)
                && r.answers.as_ref().is_none_or(|c| answers(i, c))
        })
        .unwrap_or(q.rules.len().saturating_sub(1))
}

/// The verdict the rules would give with the fit at `fit` and everything else as in `ev`: for
/// the confidence's margin, which counts only thresholds that change the verdict.
pub fn rule_verdict_at(q: &Questionnaire, ev: &Evaluation, fit: u8) -> usize {
    let rule = rule_index(q, fit, &ev.dimension_scores, ev.known, &ev.dimension_known, ev.prerequisites, &ev.states);
    let v = q.rules.get(rule).map_or(0, |r| r.verdict);
    stop_signs(q, v, &ev.states).0
}

pub(crate) fn readiness_holds(r: &Rule, p: Prerequisites) -> bool {
    r.readiness.is_none_or(|want| match want {
        ReadinessState::Failing => p == Prerequisites::Failing,
        ReadinessState::NotFailing => p != Prerequisites::Failing,
        ReadinessState::Met => p == Prerequisites::Met,
        ReadinessState::Unverified => p == Prerequisites::Unverified,
    })
}

/// Whether stop sign `s` applies: its condition surely holds, and its exception does not surely
/// hold (an unknown exception does not lift it).
pub fn stop_sign_applies(q: &Questionnaire, s: usize, states: &[State]) -> Truth {
    let sign = &q.stop_signs[s];
    if sign.unless.as_ref().is_some_and(|u| holds(u, states, &q.questions)) {
        return Truth::False;
    }
    truth(&sign.when, states, &q.questions)
}

/// The verdict after the stop signs, and the last stop sign that replaced it.
pub(crate) fn stop_signs(q: &Questionnaire, verdict: usize, states: &[State]) -> (usize, Option<usize>) {
    stop_signs_by(q, verdict, |i| stop_sign_applies(q, i, states))
}

/// [`stop_signs`] with `applies` saying whether each stop sign applies.
pub(crate) fn stop_signs_by(
    q: &Questionnaire,
    mut verdict: usize,
    mut applies: impl FnMut(usize) -> Truth,
) -> (usize, Option<usize>) {
    let mut decided = None;
    for (i, sign) in q.stop_signs.iter().enumerate() {
        if sign.blocks.contains(&verdict) && applies(i) == Truth::True {
            verdict = sign.verdict;
            decided = Some(i);
        }
    }
    (verdict, decided)
}

pub(crate) fn check_status(c: &super::model::Check, states: &[State], questions: &[Question]) -> CheckStatus {
    let applies = c.applies_if.as_ref().map_or(Truth::True, |a| truth(a, states, questions));
    if applies == Truth::False {
        return CheckStatus::NotApplicable;
    }
    match (truth(&c.pass_if, states, questions), applies) {
        (Truth::True, _) => CheckStatus::Pass,
        (Truth::False, Truth::True) => CheckStatus::Fail,
        _ => CheckStatus::Unknown,
    }
}

/// Whether the rule's bounds on the fit and dimension scores hold (`score` gives a dimension's;
/// a dimension without asked questions counts as neutral, 50).
fn scores_hold(r: &Rule, fit: u8, score: impl Fn(usize) -> Option<u8>) -> bool {
    let fit = f64::from(fit);
    let dim = |i: usize| f64::from(score(i).unwrap_or(50));
    r.fit_min.is_none_or(|m| fit >= m)
        && r.fit_max.is_none_or(|m| fit < m)
        && r.dimension_min.iter().all(|&(i, m)| dim(i) >= m)
        && r.dimension_max.iter().all(|&(i, m)| dim(i) < m)
}

/// `x` clamped to 0-100 and rounded half away from zero, as `f64::round` does, without its call
/// into the software rounding routine (the baseline x86-64 has no rounding instruction).
pub(crate) fn round_score(x: f64) -> u8 {
    let x = if x.is_nan() { 0.0 } else { x.clamp(0.0, 100.0) };
    // Truncation, exact for 0-100; the fraction is exact too (x and `whole` are within 1).
    let whole = x as u8;
    whole + u8::from(x - f64::from(whole) >= 0.5)
}

#[cfg(test)]
pub(crate) mod tests;
