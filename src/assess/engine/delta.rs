//! Answers changed a few at a time against one base evaluation, as the change search and the
//! confidence try them: only what a changed question feeds is worked out again.
//!
//! What each question feeds is read once from the questionnaire's data: its dimension's sums,
//! the prerequisite checks and stop signs that mention it, and whether it decides whether others
//! are asked (a gate). A change to a question that is not a gate leaves every other state as it
//! was; after a change to a gate, which questions are asked is worked out again and the ones
//! whose state moved count as changed too. A changed dimension's sums are added up again over its
//! questions in order, as a full evaluation adds them, so every number is the same to the bit;
//! the rules are then read on the result, and the stop signs and checks that mention a changed
//! question again, as a full evaluation reads them.

use super::score::{self, Sums, Term, fit_and_known_from, fit_totals, term};
use super::{
    CheckStatus, Choices, Outcome, Prerequisites, Scratch, State, Truth, check_status, checked_state, holds,
    round_score, rule_index_by, states_into, stop_sign_applies, stop_signs_by,
};
use std::rc::Rc;

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
pub(crate) struct Feeds<'q> {
    /// Whether an `ask_if` mentions the question.
    pub(crate) gates: Vec<bool>,
    /// Per dimension, its questions in order.
    members: Lists,
    /// The checks of prerequisite levels, and per question those mentioning it.
    pub(crate) checks: Vec<&'q Check>,
    pub(crate) question_checks: Lists,
    /// Per question, the stop signs mentioning it.
    question_signs: Lists,
    /// The questions each rule's `answers` mentions, and each stop sign's `when` and `unless`,
    /// ascending.
    pub(crate) rule_mentions: Lists,
    pub(crate) sign_when: Lists,
    pub(crate) sign_unless: Lists,
}

impl<'q> Feeds<'q> {
    fn new(q: &'q Questionnaire) -> Self {
        let n = q.questions.len();
        let mut gates = vec![false; n];
        q.questions.iter().filter_map(|x| x.ask_if.as_ref()).for_each(|c| mark(c, &mut gates));
        let members = Lists::inverted(q.dimensions.len(), q.questions.iter().map(|x| [x.dimension]));
        let checks: Vec<&Check> = q.levels.iter().filter(|l| l.prerequisite).flat_map(|l| &l.checks).collect();
        let check_mentions = Lists::new(checks.iter().map(|c| mentioned(c.applies_if.iter().chain([&c.pass_if]))));
        let sign_mentions = Lists::new(q.stop_signs.iter().map(|s| mentioned(s.unless.iter().chain([&s.when]))));
        Feeds {
            gates,
            members,
            question_checks: Lists::inverted(n, check_mentions.iter()),
            question_signs: Lists::inverted(n, sign_mentions.iter()),
            checks,
            rule_mentions: Lists::new(q.rules.iter().map(|r| mentioned(r.answers.iter()))),
            sign_when: Lists::new(q.stop_signs.iter().map(|s| mentioned([&s.when].into_iter()))),
            sign_unless: Lists::new(q.stop_signs.iter().map(|s| mentioned(s.unless.iter()))),
        }
    }
}

/// One list of indices per item, kept in one allocation (dropping thousands of small lists
/// would cost more than the evaluations they serve).
#[derive(Debug)]
pub(crate) struct Lists {
    /// Where each list starts in `items`, and after the last where it ends.
    starts: Vec<usize>,
    items: Vec<usize>,
}

impl Lists {
    pub(crate) fn new<L: IntoIterator<Item = usize>>(lists: impl Iterator<Item = L>) -> Self {
        let mut out = Lists { starts: vec![0], items: Vec::new() };
        for list in lists {
            out.items.extend(list);
            out.starts.push(out.items.len());
        }
        out
    }

    /// Per index below `n`, the items (ascending) whose list holds it.
    pub(crate) fn inverted<L: IntoIterator<Item = usize>>(n: usize, lists: impl Iterator<Item = L> + Clone) -> Self {
        let mut starts = vec![0; n + 1];
        lists.clone().flatten().filter(|&i| i < n).for_each(|i| starts[i + 1] += 1);
        for i in 0..n {
            starts[i + 1] += starts[i];
        }
        let mut fill = starts.clone();
        let mut items = vec![0; starts[n]];
        for (k, list) in lists.enumerate() {
            for i in list.into_iter().filter(|&i| i < n) {
                items[fill[i]] = k;
                fill[i] += 1;
            }
        }
        Lists { starts, items }
    }

    /// List `i`, empty past the last.
    #[inline]
    pub(crate) fn get(&self, i: usize) -> &[usize] {
        match (self.starts.get(i), self.starts.get(i + 1)) {
            (Some(&a), Some(&b)) => self.items.get(a..b).unwrap_or(&[]),
            _ => &[],
        }
    }

    fn iter(&self) -> impl Iterator<Item = std::iter::Copied<std::slice::Iter<'_, usize>>> + Clone {
        (0..self.starts.len().saturating_sub(1)).map(|i| self.get(i).iter().copied())
    }
}

impl std::ops::Index<usize> for Lists {
    type Output = [usize];

    #[inline]
    fn index(&self, i: usize) -> &[usize] {
        self.get(i)
    }
}

/// The questions some conditions mention, ascending.
fn mentioned<'c>(conditions: impl Iterator<Item = &'c Condition>) -> Vec<usize> {
    fn walk(c: &Condition, out: &mut Vec<usize>) {
        match c {
            Condition::Is { question, .. } => out.push(*question),
            Condition::All(cs) | Condition::Any(cs) => cs.iter().for_each(|c| walk(c, out)),
            Condition::Not(c) => walk(c, out),
        }
    }
    let mut out = Vec::new();
    conditions.for_each(|c| walk(c, &mut out));
    out.sort_unstable();
    out.dedup();
    out
}

/// What an evaluation leaves that the rules read: per question its state, as the checks see it,
/// and how much it counts; per dimension the sums, score and known share.
#[derive(Debug, Clone, Default)]
struct Sheet {
    states: Vec<State>,
    checked: Vec<State>,
    trust: Vec<Option<f64>>,
    terms: Vec<Term>,
    sums: Vec<Sums>,
    scores: Vec<Option<u8>>,
    known: Vec<Option<f64>>,
}

/// Evaluates answers changed against a base, one set of changes at a time, allocating nothing
/// once it has seen the largest set.
#[derive(Debug)]
pub struct Delta<'q> {
    q: &'q Questionnaire,
    feeds: Rc<Feeds<'q>>,
    /// The answers given, and as changed while the states are worked out again.
    base_given: Vec<Option<Choices>>,
    given: Vec<Option<Choices>>,
    base: Sheet,
    /// The base's prerequisite check statuses, how many fail and how many are unknown, and
    /// whether each stop sign applies.
    status: Vec<CheckStatus>,
    counts: (i64, i64),
    /// Per rule, whether its condition on the answers holds in the base.
    holds: Vec<bool>,
    applies: Vec<Truth>,
    /// The base with the last changes applied; `touched` (ascending) and `dims` say where it
    /// may differ.
    work: Sheet,
    touched: Vec<usize>,
    dims: Vec<usize>,
    /// The last exact fit and known share of the fit weight; the base's running totals of them
    /// before each dimension.
    fit: (f64, f64),
    totals: Vec<Sums>,
    /// Per verdict the rules give, the verdict after the stop signs and the one that decided, when
    /// no stop sign mentions a changed question.
    clean: Vec<Option<(usize, Option<usize>)>>,
    /// Room for the states after a change to a gate, and per stop sign whether a touched
    /// question is mentioned.
    asked: Vec<State>,
    dirty: Vec<bool>,
    /// The checks read again in the last evaluation.
    checks: Vec<usize>,
}

impl<'q> Delta<'q> {
    /// For answers as [`super::given`] returns them, and `trust` as [`super::outcome`] takes it.
    pub fn new(q: &'q Questionnaire, given: &[Option<Choices>], trust: &[f64]) -> Self {
        let feeds = Rc::new(Feeds::new(q));
        let mut scratch = Scratch::default();
        let (o, _, known) = super::run(q, given, trust, &mut scratch);
        let trust: Vec<Option<f64>> = (0..q.questions.len()).map(|i| trust.get(i).copied()).collect();
        let checked = scratch.states.iter().zip(&trust).map(|(&s, &t)| checked_state(q, t, s)).collect();
        let terms = (q.questions.iter().zip(&scratch.states).zip(&trust))
            .map(|((question, state), t)| term(q, question, state, t.unwrap_or(1.0).clamp(0.0, 1.0)))
            .collect();
        let base = Sheet {
            checked,
            trust,
            terms,
            states: scratch.states,
            sums: scratch.sums,
            scores: scratch.scores,
            known: scratch.known,
        };
        let status: Vec<CheckStatus> =
            feeds.checks.iter().map(|c| check_status(c, &base.checked, &q.questions)).collect();
        let count = |x: CheckStatus| status.iter().filter(|&&s| s == x).count() as i64;
        let counts = (count(CheckStatus::Fail), count(CheckStatus::Unknown));
        let applies = (0..q.stop_signs.len()).map(|s| stop_sign_applies(q, s, &base.states)).collect();
        let base_holds =
            q.rules.iter().map(|r| r.answers.as_ref().is_none_or(|c| holds(c, &base.states, &q.questions))).collect();
        let mut given = given.to_vec();
        given.resize(given.len().max(q.questions.len()), None);
        Delta {
            q,
            feeds,
            base_given: given.clone(),
            given,
            work: base.clone(),
            fit: (o.fit_exact, known),
            totals: fit_totals(q, &base.sums),
            clean: vec![None; q.verdicts.len()],
            base,
            status,
            counts,
            holds: base_holds,
            applies,
            touched: Vec::new(),
            dims: Vec::new(),
            asked: Vec::new(),
            dirty: vec![false; q.stop_signs.len()],
            checks: Vec::new(),
        }
    }

    /// What each question feeds.
    pub(crate) fn feeds(&self) -> Rc<Feeds<'q>> {
        Rc::clone(&self.feeds)
    }

    /// The base evaluation's states as the checks see them, and its prerequisite checks' statuses.
    pub(crate) fn base_checks(&self) -> (&[State], &[CheckStatus]) {
        (&self.base.checked, &self.status)
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
        &self.work.states
    }

    /// The per-dimension sums of the last evaluation.
    pub(crate) fn sums(&self) -> &[Sums] {
        &self.work.sums
    }

    /// The questions whose state may differ from the base's in the last evaluation, ascending.
    pub(crate) fn touched(&self) -> &[usize] {
        &self.touched
    }

    /// The exact fit and the known share of the fit weight in the last evaluation.
    pub(crate) fn fit(&self) -> (f64, f64) {
        self.fit
    }

    /// The outcome with `edits` applied to the base answers (a later edit of a question wins);
    /// edits of questions the questionnaire does not have are left out.
    pub fn outcome(&mut self, edits: &[Edit]) -> Outcome {
        self.restore();
        let q = self.q;
        let n = q.questions.len();
        let edits = || edits.iter().filter(move |e| e.question < n);
        for e in edits() {
            let i = e.question;
            self.work.trust[i] = e.trust.or(self.work.trust[i]);
            if !self.touched.contains(&i) {
                self.touched.push(i);
            }
        }
        if edits().any(|e| self.feeds.gates[e.question]) {
            self.reask(edits());
        } else {
            for e in edits() {
                // Not a gate, so whether any question is asked is as in the base.
                if self.work.states[e.question] != State::NotAsked {
                    self.work.states[e.question] = State::Chosen(e.to);
                }
            }
        }
        if self.touched.len() > 1 {
            self.touched.sort_unstable();
        }
        let w = &mut self.work;
        for &i in &self.touched {
            w.checked[i] = checked_state(q, w.trust[i], w.states[i]);
            w.terms[i] = term(q, &q.questions[i], &w.states[i], w.trust[i].unwrap_or(1.0).clamp(0.0, 1.0));
            let d = q.questions[i].dimension;
            if !self.dims.contains(&d) {
                self.dims.push(d);
            }
        }
        for &d in &self.dims {
            let mut s: Sums = (0.0, 0.0, 0.0);
            for &j in &self.feeds.members[d] {
                w.terms[j].add_to(&mut s);
            }
            w.sums[d] = s;
            let (score, known) = score::dimension(q.dimensions[d].role, s);
            w.scores[d] = score.map(round_score);
            w.known[d] = known;
        }
        let start = self.dims.iter().copied().min().unwrap_or(q.dimensions.len());
        let acc = self.totals.get(start).copied().unwrap_or((0.0, 0.0, 0.0));
        self.fit = fit_and_known_from(q, &w.sums, start, acc);
        let (fit_exact, known) = self.fit;
        let fit = round_score(fit_exact);
        let prerequisites = self.prerequisites();
        let w = &self.work;
        let (feeds, touched, base_holds) = (&self.feeds, &self.touched, &self.holds);
        let rule = rule_index_by(q, fit, &w.scores, known, &w.known, prerequisites, |r, c| {
            let mentioned = touched.iter().any(|i| feeds.rule_mentions[r].binary_search(i).is_ok());
            if mentioned { holds(c, &w.states, &q.questions) } else { base_holds.get(r).copied().unwrap_or(true) }
        });
        let rule_verdict = q.rules.get(rule).map_or(0, |r| r.verdict);
        let (verdict, stop_sign) = self.stop_signs(rule_verdict);
        Outcome { fit, fit_exact, prerequisites, stop_sign, verdict }
    }

    /// The verdict after the stop signs: those that mention a touched question are read again; with
    /// none, the base's answer for the same verdict stands.
    fn stop_signs(&mut self, rule_verdict: usize) -> (usize, Option<usize>) {
        let (q, feeds) = (self.q, &self.feeds);
        if self.touched.iter().all(|&i| feeds.question_signs[i].is_empty()) {
            let applies = &self.applies;
            let slot = self.clean.get_mut(rule_verdict);
            return match slot {
                Some(Some(known)) => *known,
                Some(slot) => *slot.insert(stop_signs_by(q, rule_verdict, |s| applies[s])),
                None => stop_signs_by(q, rule_verdict, |s| applies[s]),
            };
        }
        for &i in &self.touched {
            feeds.question_signs[i].iter().for_each(|&s| self.dirty[s] = true);
        }
        let (dirty, w) = (&self.dirty, &self.work);
        let out =
            stop_signs_by(
                q,
                rule_verdict,
                |s| if dirty[s] { stop_sign_applies(q, s, &w.states) } else { self.applies[s] },
            );
        for &i in &self.touched {
            feeds.question_signs[i].iter().for_each(|&s| self.dirty[s] = false);
        }
        out
    }

    /// Works out again which questions are asked, with the edits given, after a change to a gate;
    /// the questions whose state moves are touched.
    fn reask<'e>(&mut self, edits: impl Iterator<Item = &'e Edit> + Clone) {
        for e in edits.clone() {
            self.given[e.question] = Some(e.to);
        }
        states_into(self.q, &self.given, &mut self.asked);
        for e in edits {
            self.given[e.question] = self.base_given[e.question];
        }
        for (i, (&now, was)) in self.asked.iter().zip(&mut self.work.states).enumerate() {
            if now != *was {
                *was = now;
                if !self.touched.contains(&i) {
                    self.touched.push(i);
                }
            }
        }
    }

    /// Back to the base where the last changes left the work.
    fn restore(&mut self) {
        let (w, b) = (&mut self.work, &self.base);
        for &i in &self.touched {
            w.states[i] = b.states[i];
            w.checked[i] = b.checked[i];
            w.trust[i] = b.trust[i];
            w.terms[i] = b.terms[i];
        }
        for &d in &self.dims {
            w.sums[d] = b.sums[d];
            w.scores[d] = b.scores[d];
            w.known[d] = b.known[d];
        }
        self.touched.clear();
        self.dims.clear();
    }

    /// The prerequisites on the work: only the checks that mention a touched question are read
    /// again, and counted instead of their base status.
    fn prerequisites(&mut self) -> Prerequisites {
        let (mut fail, mut unknown) = self.counts;
        self.checks.clear();
        for &i in &self.touched {
            for &k in &self.feeds.question_checks[i] {
                if self.checks.contains(&k) {
                    continue;
                }
                self.checks.push(k);
                let now = check_status(self.feeds.checks[k], &self.work.checked, &self.q.questions);
                for (status, sign) in [(self.status[k], -1), (now, 1)] {
                    match status {
                        CheckStatus::Fail => fail += sign,
                        CheckStatus::Unknown => unknown += sign,
                        _ => {}
                    }
                }
            }
        }
        match (fail > 0, unknown > 0) {
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
