//! Answers changed a few at a time against one base evaluation, as the change search and the
//! confidence try them: only what a changed question feeds is worked out again.
//!
//! What each question feeds is read once from the questionnaire's data: its dimension's sums,
//! the prerequisite checks that mention it, and whether it decides whether others are asked (a
//! gate). A change to a gate is evaluated in full. Otherwise the other questions keep their
//! state, and a changed dimension's sums are added up again over its questions in order, as a
//! full evaluation adds them, so every number is the same to the bit; the rules and stop signs
//! are then read on the result as a full evaluation reads them.

use super::score::{self, Sums, add, fit_from, fit_known};
use super::{
    CheckStatus, Choices, Outcome, Prerequisites, Scratch, State, check_status, checked_state, round_score, rule_index,
    stop_signs,
};
use crate::assess::model::{Check, Condition, Questionnaire};

/// A changed answer: the question, its new choices, and how much it counts from now (`None`: as
/// much as before).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Edit {
    pub question: usize,
    pub to: Choices,
    pub trust: Option<f64>,
}

/// What each question feeds, from the questionnaire alone.
#[derive(Debug)]
struct Feeds<'q> {
    /// Whether an `ask_if` mentions the question.
    gates: Vec<bool>,
    /// Per dimension, its questions in order.
    members: Vec<Vec<usize>>,
    /// The checks of prerequisite levels, and per question those mentioning it.
    checks: Vec<&'q Check>,
    question_checks: Vec<Vec<usize>>,
}

impl<'q> Feeds<'q> {
    fn new(q: &'q Questionnaire) -> Self {
        let n = q.questions.len();
        let mut gates = vec![false; n];
        q.questions.iter().filter_map(|x| x.ask_if.as_ref()).for_each(|c| mark(c, &mut gates));
        let mut members = vec![Vec::new(); q.dimensions.len()];
        for (i, question) in q.questions.iter().enumerate() {
            members[question.dimension].push(i);
        }
        let checks: Vec<&Check> = q.levels.iter().filter(|l| l.prerequisite).flat_map(|l| &l.checks).collect();
        let mut question_checks = vec![Vec::new(); n];
        let mut mentioned = vec![false; n];
        for (k, c) in checks.iter().enumerate() {
            mentioned.fill(false);
            c.applies_if.iter().chain([&c.pass_if]).for_each(|cond| mark(cond, &mut mentioned));
            mentioned.iter().enumerate().filter(|(_, m)| **m).for_each(|(i, _)| question_checks[i].push(k));
        }
        Feeds { gates, members, checks, question_checks }
    }
}

/// What an evaluation leaves that the rules read: per question its state, as the checks see it,
/// and how much it counts; per dimension the sums, score and known share.
#[derive(Debug, Clone, Default)]
struct Sheet {
    states: Vec<State>,
    checked: Vec<State>,
    trust: Vec<Option<f64>>,
    sums: Vec<Sums>,
    scores: Vec<Option<u8>>,
    known: Vec<Option<f64>>,
}

/// Evaluates answers changed against a base, one set of changes at a time.
#[derive(Debug)]
pub struct Delta<'q> {
    q: &'q Questionnaire,
    feeds: Feeds<'q>,
    given: Vec<Option<Choices>>,
    trust: Vec<f64>,
    base: Sheet,
    /// The base's prerequisite check statuses.
    status: Vec<CheckStatus>,
    /// The base with the last changes applied; `edited` and `dims` say where it differs.
    work: Sheet,
    edited: Vec<usize>,
    dims: Vec<usize>,
    /// The last evaluation, when it was a full one.
    full: Option<Scratch>,
    scratch: Scratch,
}

impl<'q> Delta<'q> {
    /// For answers as [`super::given`] returns them, and `trust` as [`super::outcome`] takes it.
    pub fn new(q: &'q Questionnaire, given: &[Option<Choices>], trust: &[f64]) -> Self {
        let feeds = Feeds::new(q);
        let mut scratch = Scratch::default();
        super::run(q, given, trust, &mut scratch);
        let trusts: Vec<Option<f64>> = (0..q.questions.len()).map(|i| trust.get(i).copied()).collect();
        let checked = scratch.states.iter().zip(&trusts).map(|(&s, &t)| checked_state(q, t, s)).collect();
        let base = Sheet {
            states: scratch.states.clone(),
            checked,
            trust: trusts,
            sums: scratch.sums.clone(),
            scores: scratch.scores.clone(),
            known: scratch.known.clone(),
        };
        let status = feeds.checks.iter().map(|c| check_status(c, &base.checked, &q.questions)).collect();
        Delta {
            q,
            feeds,
            given: {
                let mut g = given.to_vec();
                g.resize(g.len().max(q.questions.len()), None);
                g
            },
            trust: trust.to_vec(),
            work: base.clone(),
            base,
            status,
            edited: Vec::new(),
            dims: Vec::new(),
            full: None,
            scratch,
        }
    }

    /// The base evaluation's states.
    pub fn base_states(&self) -> &[State] {
        &self.base.states
    }

    /// The base evaluation's per-dimension sums.
    pub(crate) fn base_sums(&self) -> &[Sums] {
        &self.base.sums
    }

    /// Every question's state in the last evaluation.
    pub fn states(&self) -> &[State] {
        self.full.as_ref().map_or(&self.work.states, |s| &s.states)
    }

    /// The per-dimension sums of the last evaluation.
    pub(crate) fn sums(&self) -> &[Sums] {
        self.full.as_ref().map_or(&self.work.sums, |s| &s.sums)
    }

    /// The outcome with `edits` applied to the base answers (a later edit of a question wins).
    pub fn outcome(&mut self, edits: &[Edit]) -> Outcome {
        self.restore();
        if edits.iter().any(|e| self.feeds.gates.get(e.question).is_none_or(|&g| g)) {
            return self.full(edits);
        }
        let q = self.q;
        let w = &mut self.work;
        for e in edits {
            let i = e.question;
            self.edited.push(i);
            if let Some(t) = e.trust {
                w.trust[i] = Some(t);
            }
            // Not a gate, so whether it is asked is as in the base.
            if w.states[i] != State::NotAsked {
                w.states[i] = State::Chosen(e.to);
            }
            w.checked[i] = checked_state(q, w.trust[i], w.states[i]);
            let d = q.questions[i].dimension;
            if !self.dims.contains(&d) {
                self.dims.push(d);
            }
        }
        for &d in &self.dims {
            let mut s: Sums = (0.0, 0.0, 0.0);
            for &j in &self.feeds.members[d] {
                add(q, &q.questions[j], &w.states[j], w.trust[j].unwrap_or(1.0).clamp(0.0, 1.0), &mut s);
            }
            w.sums[d] = s;
            let (score, known) = score::dimension(q.dimensions[d].role, s);
            w.scores[d] = score.map(round_score);
            w.known[d] = known;
        }
        let (fit_exact, known) = (fit_from(q, &w.sums), fit_known(q, &w.sums));
        let fit = round_score(fit_exact);
        let prerequisites = self.prerequisites();
        let w = &self.work;
        let rule = rule_index(q, fit, &w.scores, known, &w.known, prerequisites, &w.states);
        let rule_verdict = q.rules.get(rule).map_or(0, |r| r.verdict);
        let (verdict, stop_sign) = stop_signs(q, rule_verdict, &w.states);
        Outcome { fit, fit_exact, prerequisites, stop_sign, verdict }
    }

    /// Evaluates in full, for edits to a gate.
    fn full(&mut self, edits: &[Edit]) -> Outcome {
        let mut s = std::mem::take(&mut self.scratch);
        let (given, trust) = (self.given.clone(), self.trust.clone());
        for e in edits {
            if let Some(g) = self.given.get_mut(e.question) {
                *g = Some(e.to);
            }
            if let Some(t) = e.trust {
                if self.trust.len() <= e.question {
                    self.trust.resize(e.question + 1, 1.0);
                }
                self.trust[e.question] = t;
            }
        }
        let o = super::run(self.q, &self.given, &self.trust, &mut s).0;
        (self.given, self.trust) = (given, trust);
        self.full = Some(s);
        o
    }

    /// Back to the base where the last changes left the work.
    fn restore(&mut self) {
        if let Some(s) = self.full.take() {
            self.scratch = s;
        }
        let (w, b) = (&mut self.work, &self.base);
        for &i in &self.edited {
            w.states[i] = b.states[i];
            w.checked[i] = b.checked[i];
            w.trust[i] = b.trust[i];
        }
        for &d in &self.dims {
            w.sums[d] = b.sums[d];
            w.scores[d] = b.scores[d];
            w.known[d] = b.known[d];
        }
        self.edited.clear();
        self.dims.clear();
    }

    /// The prerequisites on the work: only the checks that mention an edited question are read
    /// again.
    fn prerequisites(&self) -> Prerequisites {
        let (mut fail, mut unknown) = (false, false);
        let touched = |k: usize| self.edited.iter().any(|&i| self.feeds.question_checks[i].contains(&k));
        for (k, &status) in self.status.iter().enumerate() {
            let status =
                if touched(k) { check_status(self.feeds.checks[k], &self.work.checked, &self.q.questions) } else { status };
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
pub(crate) fn mark(c: &Condition, out: &mut [bool]) {
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
