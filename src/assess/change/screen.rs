//! The bound of the change search: whether a pair of answer changes may reach a verdict still
//! wanted, worked out from what each change did alone, without evaluating the pair.
//!
//! When at most one of the two changes decides whether other questions are asked, the pair's
//! states are the base's with both changes' differences applied, so conditions, readiness checks
//! and stop signs are evaluated exactly on them. A dimension touched by one change only has
//! exactly the sums that change gave it, so the scores are exact unless both touch a dimension:
//! its sums are then the base's plus both differences (sums add up), known to a slack for
//! rounding, and the scores become narrow ranges. The verdict rules are read in order on those
//! ranges: a rule that may hold adds its verdict, one that surely holds ends the reading, and the
//! stop signs then map each verdict as the engine does. A pair is ruled out only when none of
//! the verdicts it may give is wanted, or when it is not a real pair (a changed question ends up
//! not asked); anything the bound cannot tell is evaluated.

use std::ops::Range;

use crate::assess::engine::{self, Choices, Evaluation, Scratch, State, Sums};
use crate::assess::engine::{CheckStatus, Prerequisites};
use crate::assess::model::{Check, Condition, Questionnaire, Role};

mod ranges;
use ranges::Ranges;

/// The rounding slack of a dimension's sums, relative to its asked weight. Each sum adds terms
/// no larger than their weights, so adding them in another order or as base plus two
/// differences moves it by at most (questions + 6) x 2^-53 of the weight: far below this for
/// any questionnaire of fewer than a million questions.
const SLACK: f64 = 1e-9;

/// What one change did alone.
#[derive(Debug)]
struct Single {
    question: usize,
    /// Whether the question decides whether others are asked.
    gate: bool,
    /// Whether the changed question is still asked.
    relevant: bool,
    /// The questions whose state differs from the base, in `Screen::changes`.
    changes: Range<usize>,
    /// The dimensions of those questions with their sums, in `Screen::dims`.
    dims: Range<usize>,
}

/// The base evaluation in the engine's terms, what every change did alone, and room to work.
#[derive(Debug)]
pub(super) struct Screen<'q> {
    q: &'q Questionnaire,
    trust: Vec<f64>,
    gates: Vec<bool>,
    base_sums: Vec<Sums>,
    base_states: Vec<State>,
    base_checked: Vec<State>,
    /// The checks of prerequisite levels, their base status, and per question those mentioning it.
    checks: Vec<&'q Check>,
    base_status: Vec<CheckStatus>,
    question_checks: Vec<Vec<usize>>,
    singles: Vec<Single>,
    changes: Vec<(usize, State)>,
    dims: Vec<(usize, Sums)>,
    /// The pair's states, and as the checks see them (inferred answers left to verify); the
    /// base's between calls.
    states: Vec<State>,
    checked: Vec<State>,
    sums: Vec<Sums>,
    touched: Vec<usize>,
    verdicts: Vec<usize>,
}

impl<'q> Screen<'q> {
    pub(super) fn new(q: &'q Questionnaire, given: &[Option<Choices>], trust: &[f64], base: &Evaluation) -> Self {
        let mut scratch = Scratch::default();
        engine::outcome(q, given, trust, &mut scratch);
        let states = scratch.states().to_vec();
        let checked: Vec<State> = (0..states.len()).map(|i| engine::checked_state(q, trust, i, states[i])).collect();
        let mut gates = vec![false; q.questions.len()];
        q.questions.iter().filter_map(|x| x.ask_if.as_ref()).for_each(|c| mark(c, &mut gates));
        let prerequisite = q.levels.iter().zip(&base.checks).filter(|(l, _)| l.prerequisite);
        let (checks, base_status): (Vec<&Check>, Vec<CheckStatus>) =
            prerequisite.flat_map(|(l, s)| l.checks.iter().zip(s.iter().copied())).unzip();
        let mut question_checks = vec![Vec::new(); q.questions.len()];
        for (k, c) in checks.iter().enumerate() {
            let mut mentioned = vec![false; q.questions.len()];
            c.applies_if.iter().chain([&c.pass_if]).for_each(|cond| mark(cond, &mut mentioned));
            mentioned.iter().enumerate().filter(|(_, m)| **m).for_each(|(i, _)| question_checks[i].push(k));
        }
        Screen {
            q,
            trust: trust.to_vec(),
            gates,
            base_sums: scratch.sums().to_vec(),
            base_states: states.clone(),
            base_checked: checked.clone(),
            checks,
            base_status,
            question_checks,
            singles: Vec::new(),
            changes: Vec::new(),
            dims: Vec::new(),
            states,
            checked,
            sums: Vec::new(),
            touched: Vec::new(),
            verdicts: Vec::new(),
        }
    }

    /// Keeps what the change to `question` did alone, as the last evaluation in `scratch` left it.
    pub(super) fn record(&mut self, question: usize, scratch: &Scratch) {
        let (at, dims_at) = (self.changes.len(), self.dims.len());
        for (i, (&after, &before)) in scratch.states().iter().zip(&self.states).enumerate() {
            if after != before {
                self.changes.push((i, after));
                let d = self.q.questions[i].dimension;
                if !self.dims[dims_at..].iter().any(|&(e, _)| e == d) {
                    self.dims.push((d, scratch.sums()[d]));
                }
            }
        }
        let relevant = scratch.state(question) != Some(State::NotAsked);
        let (changes, dims) = (at..self.changes.len(), dims_at..self.dims.len());
        self.singles.push(Single { question, gate: self.gates[question], relevant, changes, dims });
    }

    /// Whether changes `a` and `b` together (indices in the order recorded) may reach one of the
    /// `wanted` verdicts; never false when they do.
    pub(super) fn may_reach(&mut self, a: usize, b: usize, wanted: &[bool]) -> bool {
        let (x, y) = (&self.singles[a], &self.singles[b]);
        if x.gate && y.gate {
            return true;
        }
        // With at most one gate, which questions are asked is as after that change alone.
        if !x.relevant || !y.relevant || self.silences(x, y) || self.silences(y, x) {
            return false;
        }
        let Some(ranges) = self.ranges(a, b) else { return true };
        self.apply(a, b);
        let prerequisites = self.prerequisites(a, b);
        ranges.rule_verdicts(self.q, &self.sums, prerequisites, &self.states, &mut self.verdicts);
        let may = self.verdicts.iter().any(|&v| wanted[engine::stop_signs(self.q, v, &self.states).0]);
        self.restore(a, b);
        may
    }

    /// Whether change `x` leaves `y`'s question not asked.
    fn silences(&self, x: &Single, y: &Single) -> bool {
        self.changes[x.changes.clone()].iter().any(|&(i, s)| i == y.question && s == State::NotAsked)
    }

    /// The pair's sums and the ranges of everything the rules read, or `None` when it cannot be
    /// bounded (both change the asked weight of a fit dimension they share).
    fn ranges(&mut self, a: usize, b: usize) -> Option<Ranges> {
        let (x, y) = (&self.singles[a], &self.singles[b]);
        self.sums.clone_from(&self.base_sums);
        for &(d, s) in &self.dims[x.dims.clone()] {
            self.sums[d] = s;
        }
        let mut shared = None;
        for &(d, s) in &self.dims[y.dims.clone()] {
            let Some(&(_, other)) = self.dims[x.dims.clone()].iter().find(|&&(e, _)| e == d) else {
                self.sums[d] = s;
                continue;
            };
            let base = self.base_sums[d];
            // Sums add up only with the asked weight fixed; a readiness dimension weighs in no
            // fit, so it can be left unbounded.
            let fixed = s.1 == base.1 && other.1 == base.1;
            if shared.is_some() || (!fixed && self.q.dimensions[d].role == Role::Fit) {
                return None;
            }
            self.sums[d] = (s.0 + other.0 - base.0, base.1, s.2 + other.2 - base.2);
            shared = Some((d, !fixed));
        }
        Some(Ranges::new(self.q, &mut self.sums, shared, SLACK))
    }

    /// The pair's states (both changes' differences on the base's) and the checks' view of them.
    fn apply(&mut self, a: usize, b: usize) {
        let (x, y) = (&self.singles[a], &self.singles[b]);
        let (qa, qb) = (x.question, y.question);
        for &(i, s) in self.changes[x.changes.clone()].iter().chain(&self.changes[y.changes.clone()]) {
            self.states[i] = s;
            // The changed answers count fully, as a person's; the others keep their trust.
            let trust: &[f64] = if i == qa || i == qb { &[] } else { &self.trust };
            self.checked[i] = engine::checked_state(self.q, trust, i, s);
        }
    }

    /// Back to the base's states.
    fn restore(&mut self, a: usize, b: usize) {
        let (x, y) = (&self.singles[a], &self.singles[b]);
        for &(i, _) in self.changes[x.changes.clone()].iter().chain(&self.changes[y.changes.clone()]) {
            self.states[i] = self.base_states[i];
            self.checked[i] = self.base_checked[i];
        }
    }

    /// Whether the prerequisites hold for the pair's states: only the checks that mention a
    /// changed question are evaluated again.
    fn prerequisites(&mut self, a: usize, b: usize) -> Prerequisites {
        let (x, y) = (&self.singles[a], &self.singles[b]);
        self.touched.clear();
        for &(i, _) in self.changes[x.changes.clone()].iter().chain(&self.changes[y.changes.clone()]) {
            self.touched.extend_from_slice(&self.question_checks[i]);
        }
        self.touched.sort_unstable();
        self.touched.dedup();
        let (mut fail, mut unknown) = (false, false);
        for (k, &status) in self.base_status.iter().enumerate() {
            let status = if self.touched.binary_search(&k).is_ok() {
                engine::check_status(self.checks[k], &self.checked, &self.q.questions)
            } else {
                status
            };
            fail |= status == CheckStatus::Fail;
            unknown |= status == CheckStatus::Unknown;
        }
        match (fail, unknown) {
            (true, _) => Prerequisites::Failing,
            (false, true) => Prerequisites::Unverified,
            (false, false) => Prerequisites::Met,
        }
    }
}

/// Marks the questions a condition mentions.
fn mark(c: &Condition, out: &mut [bool]) {
    match c {
        Condition::Is { question, .. } => {
            if let Some(m) = out.get_mut(*question) {
                *m = true;
            }
        }
        Condition::All(cs) | Condition::Any(cs) => cs.iter().for_each(|c| mark(c, out)),
        Condition::Not(c) => mark(c, out),
    }
}
