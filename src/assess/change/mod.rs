//! "What would change the verdict": for every other verdict, the smallest sets of answer changes
//! that reach it, levers a team can pull kept apart from facts of its situation.
//!
//! Every single change is tried (each other choice of every asked question; for a question that
//! takes several choices, adding or removing one). Then pairs of changes to different questions,
//! for each verdict (and kind: levers only, or any) that no single change reaches, including
//! pairs whose halves alone reach some other verdict. With more than `PAIR_CANDIDATES` single
//! changes (large knowledge packs), pairs are formed among the ones that move the outcome most.
//! Most pairs are never evaluated: a bound (`screen`) shows they cannot reach a verdict still
//! wanted, and the outcome is the same as evaluating every one (a property test holds it to that).

use serde::Serialize;

use super::engine::{self, Answer, Choices, Delta, Edit, Evaluation, State};
use super::model::{Kind, Questionnaire};

mod describe;
mod screen;
use describe::{candidates, kind, pick};
use screen::Screen;

/// With the built-in questionnaire every pair is tried: it has fewer single changes than this.
pub const PAIR_CANDIDATES: usize = 200;
/// Entries kept per verdict and kind (levers only, or involving a fact).
const PER_VERDICT: usize = 2;

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Flip {
    /// The verdict these changes lead to.
    pub verdict: String,
    pub fit_score: u8,
    pub changes: Vec<Change>,
    /// `lever` when every change is one the team can make by its own work; `fact` otherwise.
    pub kind: Kind,
    /// Whether the changes would make things better or worse (see `Change::direction`);
    /// `mixed` when they go both ways.
    pub direction: Direction,
    /// The stop sign that decides the new verdict, if one does.
    pub stop_sign: Option<String>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Change {
    pub question: String,
    pub prompt: String,
    pub from: String,
    pub from_label: String,
    /// The new answer, as `--set QUESTION=TO` takes it (several choices joined by commas).
    pub to: String,
    pub to_label: String,
    /// For a question that takes several choices: the one choice added or removed, by label.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub adds: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub removes: Option<String>,
    pub kind: Kind,
    pub direction: Direction,
}

/// For a lever: improvement or deterioration of a practice. For a fact, which cannot be
/// improved by choice: whether it moves towards or away from splitting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    Improvement,
    Deterioration,
    TowardsSplitting,
    AwayFromSplitting,
    Mixed,
}

#[derive(Debug, Clone, Copy)]
struct Candidate {
    question: usize,
    to: Choices,
    /// How far the answer moves, for ordering the smallest first.
    distance: f64,
    /// How much it moves the outcome, for picking pair candidates in large questionnaires.
    progress: f64,
}

struct Found {
    set: Vec<usize>,
    verdict: usize,
    fit: u8,
    lever: bool,
    distance: f64,
    stop_sign: Option<usize>,
}

/// The changes found, levers first, then the smallest and nearest.
pub fn what_would_change(q: &Questionnaire, answers: &[Option<Answer>], base: &Evaluation) -> Vec<Flip> {
    what_would_change_with(q, answers, &[], base)
}

/// [`what_would_change`] for answers that carry trust (see [`engine::outcome`]); a changed answer
/// counts fully, as a person's.
pub fn what_would_change_with(
    q: &Questionnaire,
    answers: &[Option<Answer>],
    trust: &[f64],
    base: &Evaluation,
) -> Vec<Flip> {
    Search::new(q, answers, trust).run(base, true)
}

/// [`what_would_change_with`] evaluating every pair in full, without the bound: the reference the
/// bound is tested against.
#[doc(hidden)]
pub fn what_would_change_exhaustive(
    q: &Questionnaire,
    answers: &[Option<Answer>],
    trust: &[f64],
    base: &Evaluation,
) -> Vec<Flip> {
    Search::new(q, answers, trust).run(base, false)
}

/// The answers in the engine's form, evaluated with a few changed at a time.
struct Search<'q> {
    q: &'q Questionnaire,
    trust: Vec<f64>,
    delta: Delta<'q>,
}

/// Which verdicts single changes reach, by any change and by a lever.
struct Reached {
    any: Vec<bool>,
    lever: Vec<bool>,
}

impl<'q> Search<'q> {
    fn new(q: &'q Questionnaire, answers: &[Option<Answer>], trust: &[f64]) -> Self {
        let mut given = engine::given(answers);
        given.resize(q.questions.len(), None);
        let mut trust = trust.to_vec();
        trust.resize(q.questions.len(), 1.0);
        let delta = Delta::new(q, &given, &trust);
        Search { q, trust, delta }
    }

    fn run(mut self, base: &Evaluation, bounded: bool) -> Vec<Flip> {
        let q = self.q;
        let mut screen = bounded.then(|| Screen::new(q, &self.delta, &self.trust));
        let mut cands = candidates(q, base);
        let (mut found, reached) = self.singles(base, &mut cands, screen.as_mut());
        let wanted = |lever: bool| -> Vec<bool> {
            (0..q.verdicts.len())
                .map(|v| v != base.verdict && (!reached.any[v] || (lever && !reached.lever[v])))
                .collect()
        };
        let wanted = [wanted(false), wanted(true)];
        if wanted[1].contains(&true) {
            found.extend(self.pairs(&cands, &wanted, screen.as_mut()));
        }
        pick(q, base, &cands, found)
    }

    /// Every single change, each evaluated; what it reaches, and how far it moves the outcome.
    fn singles(
        &mut self,
        base: &Evaluation,
        cands: &mut [Candidate],
        mut screen: Option<&mut Screen<'q>>,
    ) -> (Vec<Found>, Reached) {
        let q = self.q;
        let nv = q.verdicts.len();
        let mut reached = Reached { any: vec![false; nv], lever: vec![false; nv] };
        let mut found = Vec::new();
        for (i, cand) in cands.iter_mut().enumerate() {
            let c = *cand;
            let o = self.try_changes(&[c]);
            if let Some(screen) = screen.as_deref_mut() {
                screen.record(c.question, &self.delta);
            }
            let Some(o) = o else { continue };
            cand.progress = (o.fit_exact - base.fit_exact).abs()
                + if o.prerequisites == base.prerequisites { 0.0 } else { 50.0 }
                + if o.verdict == base.verdict { 0.0 } else { 100.0 };
            if o.verdict != base.verdict {
                let lever = kind(q, &c) == Kind::Lever;
                reached.any[o.verdict] = true;
                reached.lever[o.verdict] |= lever;
                found.push(Found::new(vec![i], &o, lever, c.distance));
            }
        }
        (found, reached)
    }

    /// Pairs of changes to different questions that reach a verdict still `wanted` (indexed by
    /// whether both changes are levers), among the `PAIR_CANDIDATES` that move the outcome most.
    fn pairs(
        &mut self,
        cands: &[Candidate],
        wanted: &[Vec<bool>; 2],
        mut screen: Option<&mut Screen<'q>>,
    ) -> Vec<Found> {
        let q = self.q;
        let mut order: Vec<usize> = (0..cands.len()).collect();
        if order.len() > PAIR_CANDIDATES {
            order.sort_by(|&a, &b| cands[b].progress.total_cmp(&cands[a].progress));
            order.truncate(PAIR_CANDIDATES);
            order.sort_unstable();
        }
        let levers: Vec<bool> = cands.iter().map(|c| kind(q, c) == Kind::Lever).collect();
        if let Some(s) = screen.as_deref_mut() {
            s.summarise(&order, &levers);
        }
        // A row that may reach nothing with partners that are not gates is read only with gates.
        let gates: Vec<usize> =
            order.iter().copied().filter(|&i| screen.as_deref().is_some_and(|s| s.gate(i))).collect();
        let mut found = Vec::new();
        for (x, &a) in order.iter().enumerate() {
            // Per kind of partner (fact, lever): the verdicts wanted, and whether the row may
            // reach one with a partner that is not a gate.
            let wanted = [&wanted[0], &wanted[usize::from(levers[a])]];
            let row = [0, 1].map(|k| {
                wanted[k].contains(&true) && screen.as_deref_mut().is_none_or(|s| s.row_may_reach(a, k, wanted[k]))
            });
            let partners = if screen.is_some() && !row[0] && !row[1] {
                &gates[gates.partition_point(|&g| g <= a)..]
            } else {
                &order[x + 1..]
            };
            for &b in partners {
                let (ca, cb) = (cands[a], cands[b]);
                let (kind, lever) = (usize::from(levers[b]), levers[a] && levers[b]);
                let wanted = wanted[kind];
                if ca.question == cb.question || !wanted.contains(&true) {
                    continue;
                }
                let row = row[kind] || screen.as_deref().is_some_and(|s| s.gate(b));
                if !row || screen.as_deref_mut().is_some_and(|s| !s.may_reach(a, b, wanted)) {
                    continue;
                }
                let Some(o) = self.try_changes(&[ca, cb]) else { continue };
                if wanted[o.verdict] {
                    found.push(Found::new(vec![a, b], &o, lever, ca.distance + cb.distance));
                }
            }
        }
        found
    }

    /// The outcome with the changes applied, or `None` when a changed question ends up not asked
    /// (another change made it irrelevant, so the pair is not a real one). A changed answer counts
    /// fully, as a person's.
    fn try_changes(&mut self, changes: &[Candidate]) -> Option<engine::Outcome> {
        let mut edits = [Edit { question: 0, to: Choices::of(&[]), trust: Some(1.0) }; 2];
        for (e, c) in edits.iter_mut().zip(changes) {
            (e.question, e.to) = (c.question, c.to);
        }
        let o = self.delta.outcome(&edits[..changes.len().min(2)]);
        let relevant = changes.iter().all(|c| self.delta.states().get(c.question) != Some(&State::NotAsked));
        relevant.then_some(o)
    }
}

impl Found {
    fn new(set: Vec<usize>, o: &engine::Outcome, lever: bool, distance: f64) -> Self {
        Found { set, verdict: o.verdict, fit: o.fit, lever, distance, stop_sign: o.stop_sign }
    }
}
