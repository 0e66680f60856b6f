//! The pure scoring core: answers in, evaluation out. No I/O, no clocks, no randomness.

use super::model::{Condition, MAX_CHOICES, Question, Questionnaire, Role};
use super::raw::ReadinessState;

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
    /// Not asked, because its `ask_if` does not hold; scored as its least splitting-favouring choice.
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
    let mut out = Vec::with_capacity(q.questions.len());
    states_into(q, &given(answers), &mut out);
    out
}

/// Per question, the choices given, or `None` for "don't know" or no answer: answers in the form
/// the engine reads, which is `Copy` and so cheap to change one question at a time.
fn given(answers: &[Option<Answer>]) -> Vec<Option<Choices>> {
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
    states_after(q, given, out);
}

/// The states of the questions after those already in `out`.
fn states_after(q: &Questionnaire, given: &[Option<Choices>], out: &mut Vec<State>) {
    for (i, question) in q.questions.iter().enumerate().skip(out.len()) {
        // A question whose condition depends on a "don't know" may apply, so it is asked.
        let asked = question.ask_if.as_ref().is_none_or(|c| holds(c, out, &q.questions) || mentions_unknown(c, out));
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

/// Whether a condition holds; an unknown answer satisfies no `is`.
pub fn holds(c: &Condition, states: &[State], questions: &[Question]) -> bool {
    match c {
        Condition::Is { question, choices } => match states.get(*question) {
            Some(State::Chosen(chosen)) => choices.iter().any(|&x| chosen.contains(x)),
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
        State::Chosen(chosen) if chosen.len() == 1 => Some(question.normalised(chosen.iter().next().unwrap_or(0))),
        State::Chosen(chosen) => {
            let sum: f64 = chosen.iter().map(|c| question.normalised(c)).sum();
            Some(sum / chosen.len() as f64)
        }
        State::NotAsked => Some(question.normalised(question.skipped_as)),
        State::Unknown => None,
    }
}

/// Per dimension: the weighted mean position of its answered questions, 0-1.
pub fn dimension_means(q: &Questionnaire, states: &[State]) -> Vec<Option<f64>> {
    let mut means = Vec::with_capacity(q.dimensions.len());
    dimension_means_into(q, states, &mut Vec::new(), &mut means);
    means
}

fn dimension_means_into(q: &Questionnaire, states: &[State], sums: &mut Vec<(f64, f64)>, means: &mut Vec<Option<f64>>) {
    sums_into(q, states, |i| position(&q.questions[i], &states[i]), sums);
    means.clear();
    means.extend(sums.iter().map(|&(num, den)| (den > 0.0).then(|| num / den)));
}

/// Per dimension, the weighted sum of its questions' positions and the sum of their weights.
fn sums_into(q: &Questionnaire, states: &[State], position: impl Fn(usize) -> Option<f64>, sums: &mut Vec<(f64, f64)>) {
    sums.clear();
    sums.resize(q.dimensions.len(), (0.0, 0.0));
    for (i, (question, state)) in q.questions.iter().zip(states).enumerate() {
        // On readiness dimensions a question that does not apply says nothing about maturity.
        if *state == State::NotAsked && q.dimensions[question.dimension].role == Role::Readiness {
            continue;
        }
        if let Some(p) = position(i) {
            let s = &mut sums[question.dimension];
            s.0 += question.weight * p;
            s.1 += question.weight;
        }
    }
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
    let dimension_scores: Vec<Option<u8>> = means.iter().map(|&m| dimension_score(m)).collect();
    let checks: Vec<Vec<CheckStatus>> =
        q.levels.iter().map(|l| l.checks.iter().map(|c| check_status(c, &states, &q.questions)).collect()).collect();
    let prerequisites_failing =
        q.levels.iter().zip(&checks).any(|(l, cs)| l.prerequisite && cs.contains(&CheckStatus::Fail));
    let rule = rule_index(q, fit, &dimension_scores, prerequisites_failing, &states);
    let verdict = q.rules.get(rule).map_or(0, |r| r.verdict);
    Evaluation { states, dimension_scores, fit, fit_exact, checks, prerequisites_failing, verdict, rule }
}

fn rule_index(q: &Questionnaire, fit: u8, dims: &[Option<u8>], failing: bool, states: &[State]) -> usize {
    q.rules
        .iter()
        .position(|r| rule_holds(r, fit, dims, failing, states, &q.questions))
        .unwrap_or(q.rules.len().saturating_sub(1))
}

/// What decides the verdict, and nothing else.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Outcome {
    pub fit: u8,
    pub fit_exact: f64,
    pub prerequisites_failing: bool,
    pub verdict: usize,
}

impl From<&Evaluation> for Outcome {
    fn from(ev: &Evaluation) -> Self {
        Outcome {
            fit: ev.fit,
            fit_exact: ev.fit_exact,
            prerequisites_failing: ev.prerequisites_failing,
            verdict: ev.verdict,
        }
    }
}

/// [`evaluate`] cut down to its [`Outcome`], for answers that differ from a base in one or two
/// questions: the "what would change" search calls it hundreds of times. It allocates nothing per
/// call. It starts from the base and works out again only what the changed questions touch: the
/// states after them when one decides whether others are asked, then the sums of the dimensions
/// whose questions changed and the prerequisite checks that mention them. The arithmetic is the
/// same, in the same order, so the outcome is exactly [`evaluate`]'s.
#[derive(Debug)]
pub struct Evaluator<'q> {
    q: &'q Questionnaire,
    /// The base answers; changed for the length of one call.
    given: Vec<Option<Choices>>,
    /// Questions that some `ask_if` mentions: changing one may change which others are asked.
    gates: Vec<bool>,
    /// Each dimension's questions, in questionnaire order.
    dimension_questions: Vec<Vec<usize>>,
    /// The checks of prerequisite levels, each with whether it fails on the base answers.
    prerequisites: Vec<(&'q super::model::Check, bool)>,
    /// Per question, the prerequisite checks (indices into `prerequisites`) that mention it.
    question_checks: Vec<Vec<usize>>,
    base_means: Vec<Option<f64>>,
    base_scores: Vec<Option<u8>>,
    base_fit: f64,
    /// The base's states and positions, changed for the length of one call.
    states: Vec<State>,
    positions: Vec<Option<f64>>,
    /// The questions changed in this call, with their base state and position, in change order.
    saved: Vec<(usize, State, Option<f64>)>,
    /// Room for the states worked out again after a changed gate.
    scratch_states: Vec<State>,
    dirty_dimensions: Vec<bool>,
    dirty_checks: Vec<bool>,
    means: Vec<Option<f64>>,
    scores: Vec<Option<u8>>,
}

/// More than the rounding error of adding two fit shifts to the base fit (about 1e-13 on 0-100).
const FIT_SLACK: f64 = 1e-9;

/// What one answer change does: see [`Evaluator::effect`].
#[derive(Debug, Clone)]
pub struct Effect {
    /// Whether the changed question decides whether others are asked.
    gate: bool,
    /// The changed question and the questions whose states change.
    questions: Vec<usize>,
    /// Those questions and their dimensions as a bit set, to tell quickly whether two changes
    /// share any.
    touched: Vec<u64>,
    /// Their dimensions, each with its mean and score after the change.
    dimensions: Vec<(usize, Option<f64>, Option<u8>)>,
    /// How far the change moves the exact fit, when every fit dimension it touches had answers
    /// before and still has: the fit's denominator stays, so shifts of two changes add up.
    fit_shift: Option<f64>,
}

impl<'q> Evaluator<'q> {
    pub fn new(q: &'q Questionnaire, base: &[Option<Answer>]) -> Self {
        let mut given = given(base);
        given.resize(q.questions.len(), None);
        let mut states = Vec::with_capacity(q.questions.len());
        states_into(q, &given, &mut states);
        let positions: Vec<Option<f64>> =
            q.questions.iter().zip(&states).map(|(question, s)| position(question, s)).collect();
        let mut gates = vec![false; q.questions.len()];
        for c in q.questions.iter().filter_map(|question| question.ask_if.as_ref()) {
            mark_mentioned(c, &mut gates);
        }
        let mut dimension_questions = vec![Vec::new(); q.dimensions.len()];
        for (i, question) in q.questions.iter().enumerate() {
            dimension_questions[question.dimension].push(i);
        }
        let prerequisites: Vec<_> = q
            .levels
            .iter()
            .filter(|l| l.prerequisite)
            .flat_map(|l| &l.checks)
            .map(|c| (c, check_status(c, &states, &q.questions) == CheckStatus::Fail))
            .collect();
        let mut question_checks = vec![Vec::new(); q.questions.len()];
        let mut mentioned = vec![false; q.questions.len()];
        for (k, (c, _)) in prerequisites.iter().enumerate() {
            mentioned.fill(false);
            c.applies_if.iter().chain([&c.pass_if]).for_each(|cond| mark_mentioned(cond, &mut mentioned));
            for (i, _) in mentioned.iter().enumerate().filter(|(_, m)| **m) {
                question_checks[i].push(k);
            }
        }
        let base_means = dimension_means(q, &states);
        let base_scores = base_means.iter().map(|&m| dimension_score(m)).collect();
        let base_fit = fit(q, &base_means);
        Evaluator {
            q,
            given,
            gates,
            dimension_questions,
            dirty_checks: vec![false; prerequisites.len()],
            prerequisites,
            question_checks,
            base_means,
            base_scores,
            base_fit,
            states,
            positions,
            saved: Vec::new(),
            scratch_states: Vec::new(),
            dirty_dimensions: vec![false; q.dimensions.len()],
            means: Vec::new(),
            scores: Vec::new(),
        }
    }

    /// The outcome of the base answers with question `i` answered `c`, for each `(i, c)` of
    /// `changes` (`None` for "don't know"; at most two changes).
    pub fn outcome(&mut self, changes: &[(usize, Option<Choices>)]) -> Outcome {
        let q = self.q;
        self.apply(changes);
        // The dimensions and checks the changed questions belong to, worked out again.
        self.means.clone_from(&self.base_means);
        self.scores.clone_from(&self.base_scores);
        for k in 0..self.saved.len() {
            let i = self.saved[k].0;
            self.dirty_dimensions[q.questions[i].dimension] = true;
            for &c in &self.question_checks[i] {
                self.dirty_checks[c] = true;
            }
        }
        for k in 0..self.saved.len() {
            let d = q.questions[self.saved[k].0].dimension;
            if std::mem::take(&mut self.dirty_dimensions[d]) {
                let mean = self.dimension_mean(d);
                self.means[d] = mean;
                self.scores[d] = dimension_score(mean);
            }
        }
        let mut failing = false;
        for (k, (check, base_fails)) in self.prerequisites.iter().enumerate() {
            let fails = if std::mem::take(&mut self.dirty_checks[k]) {
                check_status(check, &self.states, &q.questions) == CheckStatus::Fail
            } else {
                *base_fails
            };
            failing |= fails;
        }
        let fit_exact = fit(q, &self.means);
        let fit = round_score(fit_exact);
        let rule = rule_index(q, fit, &self.scores, failing, &self.states);
        let verdict = q.rules.get(rule).map_or(0, |r| r.verdict);
        self.restore();
        Outcome { fit, fit_exact, prerequisites_failing: failing, verdict }
    }

    /// The changes made to the base's states, each changed question recorded in `saved`.
    fn apply(&mut self, changes: &[(usize, Option<Choices>)]) {
        let changes = &changes[..changes.len().min(2)];
        self.saved.clear();
        if changes.iter().any(|&(i, _)| self.gates[i]) {
            self.restate(changes);
        } else {
            // Which questions are asked stays as in the base: only the changed ones differ.
            for &(i, c) in changes {
                let state = c.map_or(State::Unknown, State::Chosen);
                if self.states[i] != State::NotAsked && self.states[i] != state {
                    self.set(i, state);
                }
            }
        }
    }

    /// Back to the base, latest change first (a question may have changed twice).
    fn restore(&mut self) {
        for &(i, state, position) in self.saved.iter().rev() {
            (self.states[i], self.positions[i]) = (state, position);
        }
    }

    /// What answering question `i` with `c` alone does: the questions whose states change
    /// (which others are asked may change too) and the means of their dimensions. For
    /// [`Evaluator::pair_may_reach`].
    pub fn effect(&mut self, i: usize, c: Option<Choices>) -> Effect {
        let q = self.q;
        self.apply(&[(i, c)]);
        let mut dimensions: Vec<(usize, Option<f64>, Option<u8>)> = Vec::new();
        for &(j, ..) in &self.saved {
            let d = q.questions[j].dimension;
            if !dimensions.iter().any(|&(e, ..)| e == d) {
                let mean = self.dimension_mean(d);
                dimensions.push((d, mean, dimension_score(mean)));
            }
        }
        // The changed question counts even when its state stays (it is not asked): with another
        // change it may be.
        let mut questions: Vec<usize> = self.saved.iter().map(|&(j, ..)| j).collect();
        if !questions.contains(&i) {
            questions.push(i);
        }
        // One bit per question, then one per dimension.
        let n = q.questions.len();
        let mut touched = vec![0u64; (n + q.dimensions.len()).div_ceil(64)];
        for bit in questions.iter().copied().chain(dimensions.iter().map(|&(d, ..)| n + d)) {
            touched[bit / 64] |= 1 << (bit % 64);
        }
        self.restore();
        let keeps_weights = dimensions
            .iter()
            .all(|&(d, mean, _)| q.dimensions[d].role != Role::Fit || mean.is_some() == self.base_means[d].is_some());
        let fit_shift = keeps_weights.then(|| self.fit_with(&dimensions) - self.base_fit);
        Effect { gate: self.gates[i], questions, touched, dimensions, fit_shift }
    }

    /// The exact fit with the base's dimension means, but those of `dimensions` in their place.
    fn fit_with<'e>(&mut self, dimensions: impl IntoIterator<Item = &'e (usize, Option<f64>, Option<u8>)>) -> f64 {
        self.means.clone_from(&self.base_means);
        for &(d, mean, _) in dimensions {
            self.means[d] = mean;
        }
        fit(self.q, &self.means)
    }

    /// Whether answering both `a` and `b` may lead to one of the `wanted` verdicts (indexed by
    /// verdict). Never false when it does. When at most one of the two decides whether others are
    /// asked and they change no question and no dimension in common, each dimension's mean is
    /// exactly that of the one change that touches it, and so are the fit and the scores. The
    /// prerequisites stand as in the base unless a check mentions a changed question; rules on
    /// answers are taken to hold or not. A rule whose bounds hold and that depends on nothing
    /// unknown decides: later rules cannot. Any other pair may reach anything.
    pub fn pair_may_reach(&mut self, a: &Effect, b: &Effect, wanted: &[bool]) -> bool {
        let q = self.q;
        let shared = a.touched.iter().zip(&b.touched).any(|(x, y)| x & y != 0);
        if (a.gate && b.gate) || shared {
            return true;
        }
        // The fit, as a range of at most two neighbouring scores: the sum of the two shifts is
        // the exact fit's up to rounding error, which could cross a half.
        let (fit_low, fit_high) = match (a.fit_shift, b.fit_shift) {
            (Some(x), Some(y)) => {
                let exact = self.base_fit + x + y;
                (round_score(exact - FIT_SLACK), round_score(exact + FIT_SLACK))
            }
            _ => {
                let fit = round_score(self.fit_with(a.dimensions.iter().chain(&b.dimensions)));
                (fit, fit)
            }
        };
        let base_scores = &self.base_scores;
        let score = |d: usize| {
            a.dimensions
                .iter()
                .chain(&b.dimensions)
                .find(|e| e.0 == d)
                .map_or(base_scores.get(d).copied().flatten(), |e| e.2)
        };
        let failing = || {
            let untouched = a.questions.iter().chain(&b.questions).all(|&i| self.question_checks[i].is_empty());
            untouched.then(|| self.prerequisites.iter().any(|(_, fails)| *fails))
        };
        let wants = |verdict: usize| wanted.get(verdict).copied().unwrap_or(false);
        for r in &q.rules {
            let low = scores_hold(r, fit_low, score);
            let high = if fit_high == fit_low { low } else { scores_hold(r, fit_high, score) };
            if !low && !high {
                continue;
            }
            let readiness = match r.readiness {
                None => Some(true),
                Some(want) => failing().map(|failing| (want == ReadinessState::Failing) == failing),
            };
            if readiness == Some(false) {
                continue;
            }
            if wants(r.verdict) {
                return true;
            }
            if low && high && readiness == Some(true) && r.answers.is_none() {
                return false;
            }
        }
        // When no rule holds, the last one's verdict stands (see `rule_index`).
        wants(q.rules.last().map_or(0, |r| r.verdict))
    }

    /// A changed question decides whether others are asked: the states from the first changed
    /// question on are worked out again, and those that differ from the base are set.
    fn restate(&mut self, changes: &[(usize, Option<Choices>)]) {
        let mut old = [None; 2];
        for (k, &(i, c)) in changes.iter().enumerate() {
            old[k] = std::mem::replace(&mut self.given[i], c);
        }
        let first = changes.iter().map(|&(i, _)| i).min().unwrap_or(0).min(self.states.len());
        let mut states = std::mem::take(&mut self.scratch_states);
        states.clear();
        states.extend_from_slice(&self.states[..first]);
        states_after(self.q, &self.given, &mut states);
        for (i, &state) in states.iter().enumerate().skip(first) {
            if self.states[i] != state {
                self.set(i, state);
            }
        }
        self.scratch_states = states;
        for (k, &(i, _)) in changes.iter().enumerate().rev() {
            self.given[i] = old[k];
        }
    }

    /// Question `i` in state `state` until the call ends.
    fn set(&mut self, i: usize, state: State) {
        self.saved.push((i, self.states[i], self.positions[i]));
        self.states[i] = state;
        self.positions[i] = position(&self.q.questions[i], &state);
    }

    /// Dimension `d`'s mean over its questions in order, as [`dimension_means`] adds them.
    fn dimension_mean(&self, d: usize) -> Option<f64> {
        let q = self.q;
        let mut sum = (0.0, 0.0);
        for &j in &self.dimension_questions[d] {
            if self.states[j] == State::NotAsked && q.dimensions[d].role == Role::Readiness {
                continue;
            }
            if let Some(p) = self.positions[j] {
                sum.0 += q.questions[j].weight * p;
                sum.1 += q.questions[j].weight;
            }
        }
        (sum.1 > 0.0).then(|| sum.0 / sum.1)
    }
}

fn mark_mentioned(c: &Condition, out: &mut [bool]) {
    match c {
        Condition::Is { question, .. } => {
            if let Some(m) = out.get_mut(*question) {
                *m = true;
            }
        }
        Condition::All(cs) | Condition::Any(cs) => cs.iter().for_each(|c| mark_mentioned(c, out)),
        Condition::Not(c) => mark_mentioned(c, out),
    }
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
    scores_hold(r, fit, |i| dims.get(i).copied().flatten())
        && r.readiness.is_none_or(|want| (want == ReadinessState::Failing) == failing)
        && r.answers.as_ref().is_none_or(|c| holds(c, states, questions))
}

/// Whether the rule's bounds on the fit and dimension scores hold (`score` gives a dimension's).
fn scores_hold(r: &super::model::Rule, fit: u8, score: impl Fn(usize) -> Option<u8>) -> bool {
    let fit = f64::from(fit);
    let dim = |i: usize| f64::from(score(i).unwrap_or(50));
    r.fit_min.is_none_or(|m| fit >= m)
        && r.fit_max.is_none_or(|m| fit < m)
        && r.dimension_min.iter().all(|&(i, m)| dim(i) >= m)
        && r.dimension_max.iter().all(|&(i, m)| dim(i) < m)
}

/// A dimension's score, 0-100, from its mean position.
fn dimension_score(mean: Option<f64>) -> Option<u8> {
    mean.map(|m| round_score(100.0 * m))
}

/// `x` clamped to 0-100 and rounded half away from zero, as `f64::round` does, without its call
/// into the software rounding routine (the baseline x86-64 has no rounding instruction): the
/// change search rounds nine scores per evaluation.
fn round_score(x: f64) -> u8 {
    let x = x.clamp(0.0, 100.0);
    // Truncation, exact for 0-100; the fraction is exact too (x and `whole` are within 1).
    let whole = x as u8;
    whole + u8::from(x - f64::from(whole) >= 0.5)
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

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn any_score_rounds_as_f64_round_does(x in proptest::num::f64::ANY) {
            proptest::prop_assert_eq!(round_score(x), x.clamp(0.0, 100.0).round() as u8);
        }
    }

    #[test]
    fn scores_round_as_f64_round_does() {
        let mut cases =
            vec![0.0, 0.5, 0.49999999999999994, 1.5, 2.5, 49.5, 99.4999, 99.5, 100.0, -3.0, 150.0, f64::NAN];
        cases.extend((0..=20_000).map(|i| f64::from(i) * 0.005 - 0.01));
        for x in cases {
            assert_eq!(round_score(x), x.clamp(0.0, 100.0).round() as u8, "{x}");
        }
    }

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
    choices: [{id: one, label: One, score: 0}, {id: many, label: Many, score: 2}]
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
    choices: [{id: uniform, label: U, score: 0}, {id: some, label: S, score: 1}, {id: wild, label: W, score: 4}]
  - id: deploy
    dimension: ops
    prompt: Deploy?
    help: h
    choices: [{id: manual, label: M, score: 0}, {id: auto, label: A, score: 1}]
readiness:
  - level: 1
    title: Basics
    prerequisite: true
    checks:
      - {id: automated, title: T, pass_if: {question: deploy, is: [auto]}, plan: p}
verdicts:
  - {id: monolith, title: M, summary: s, next_steps: []}
  - {id: microservices, title: S, summary: s, next_steps: []}
  - {id: not-ready, title: N, summary: s, next_steps: []}
rules:
  - {verdict: not-ready, fit_min: 60, readiness: failing, reason: r}
  - {verdict: microservices, fit_min: 60, reason: r}
  - {verdict: monolith, reason: r}
"#;

    fn q() -> Questionnaire {
        crate::assess::load("small.yaml", SMALL, &|_| true).unwrap()
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
        q.verdicts[ev.verdict].id.clone()
    }

    #[test]
    fn nothing_answered_is_neutral() {
        let q = q();
        let ev = evaluate(&q, &pick(&q, &[]));
        assert_eq!(ev.fit, 50);
        assert!(ev.dimension_scores.iter().all(Option::is_none));
        assert_eq!(ev.checks[0][0], CheckStatus::Unknown);
        assert!(!ev.prerequisites_failing);
    }

    #[test]
    fn fit_is_the_weighted_mean_of_question_positions() {
        let q = q();
        // org: teams one (0) and queue not asked (its lowest, 0) -> 0; load: some = 1/4 -> 25.
        let ev = evaluate(&q, &pick(&q, &[("teams", "one"), ("scale", "some")]));
        assert_eq!(ev.states[1], State::NotAsked);
        assert_eq!(ev.dimension_scores[..2], [Some(0), Some(25)]);
        assert!((ev.fit_exact - 100.0 * (2.0 * 0.0 + 1.0 * 0.25) / 3.0).abs() < 1e-9);
        let sum: f64 = contributions(&q, &ev.states).into_iter().flatten().sum();
        assert!((sum - (ev.fit_exact - 50.0)).abs() < 1e-9);
    }

    #[test]
    fn a_condition_on_a_dont_know_still_asks_the_question() {
        let q = q();
        let ev = evaluate(&q, &pick(&q, &[("teams", "unknown")]));
        assert_eq!(ev.states[1], State::Unknown, "queue may apply, so it is asked");
    }

    #[test]
    fn the_first_matching_rule_decides_and_readiness_gates_it() {
        let q = q();
        let strong = [("teams", "many"), ("queue", "often"), ("scale", "wild")];
        let mut answers = pick(&q, &strong);
        assert_eq!(verdict(&q, &evaluate(&q, &answers)), "microservices", "readiness unknown is not failing");
        answers[3] = pick(&q, &[("deploy", "manual")])[3].clone();
        let ev = evaluate(&q, &answers);
        assert_eq!(ev.checks[0][0], CheckStatus::Fail);
        assert_eq!(verdict(&q, &ev), "not-ready");
        let weak = pick(&q, &[("teams", "one"), ("scale", "uniform"), ("deploy", "manual")]);
        assert_eq!(
            verdict(&q, &evaluate(&q, &weak)),
            "monolith",
            "readiness only matters when the forces favour splitting"
        );
    }

    /// Two questions that decide together whether a third is asked: neither change alone asks
    /// it, both do, so the pair's effect is not the sum of the two.
    const TWO_GATES: &str = r#"
schema_version: 1
title: Two gates
dimensions:
  - {id: a, title: A, role: fit, summary: s}
  - {id: b, title: B, role: fit, summary: s}
  - {id: c, title: C, role: fit, weight: 10, summary: s}
questions:
  - {id: g1, dimension: a, prompt: G1?, help: h, choices: [{id: no, label: N, score: 0}, {id: yes, label: Y, score: 1}]}
  - {id: g2, dimension: b, prompt: G2?, help: h, choices: [{id: no, label: N, score: 0}, {id: yes, label: Y, score: 1}]}
  - id: x
    dimension: c
    prompt: X?
    help: h
    ask_if: {all: [{question: g1, is: [yes]}, {question: g2, is: [yes]}]}
    choices: [{id: low, label: L, score: 0}, {id: high, label: H, score: 1}]
readiness: []
verdicts:
  - {id: monolith, title: M, summary: s, next_steps: []}
  - {id: microservices, title: S, summary: s, next_steps: []}
rules:
  - {verdict: microservices, fit_min: 60, reason: r}
  - {verdict: monolith, reason: r}
"#;

    #[test]
    fn two_gates_together_are_never_ruled_out() {
        let q = crate::assess::load("two.yaml", TWO_GATES, &|_| true).unwrap();
        let answers = pick(&q, &[("g1", "no"), ("g2", "no"), ("x", "high")]);
        assert_eq!(verdict(&q, &evaluate(&q, &answers)), "monolith");
        let mut evaluator = Evaluator::new(&q, &answers);
        let yes = |id: &str| (q.question_index(id).unwrap(), Some(Choices::one(1)));
        let (g1, g2) = (yes("g1"), yes("g2"));
        let wanted = [false, true];
        assert_eq!(evaluator.outcome(&[g1, g2]).verdict, 1, "both gates ask x, whose answer tips the fit");
        let (a, b) = (evaluator.effect(g1.0, g1.1), evaluator.effect(g2.0, g2.1));
        assert!(evaluator.pair_may_reach(&a, &b, &wanted));
    }

    #[test]
    fn the_change_search_finds_the_smallest_flips() {
        let q = q();
        let answers = pick(&q, &[("teams", "many"), ("queue", "often"), ("scale", "wild"), ("deploy", "manual")]);
        let ev = evaluate(&q, &answers);
        let flips = crate::assess::change::what_would_change(&q, &answers, &ev);
        let to_micro = flips.iter().find(|f| f.verdict == "microservices").unwrap();
        assert_eq!(to_micro.changes.len(), 1);
        assert_eq!((to_micro.changes[0].question.as_str(), to_micro.changes[0].to.as_str()), ("deploy", "auto"));
        assert!(flips.iter().any(|f| f.verdict == "monolith"));
    }
}
