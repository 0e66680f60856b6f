//! "What would change the verdict": for every other verdict, the smallest sets of answer changes
//! that reach it, levers a team can pull kept apart from facts of its situation.
//!
//! Every single change is tried (each other choice of every asked question; for a question that
//! takes several choices, adding or removing one). Then pairs of changes to different questions,
//! for each verdict (and kind: levers only, or any) that no single change reaches, including
//! pairs whose halves alone reach some other verdict. With more than `PAIR_CANDIDATES` single
//! changes (large knowledge packs), pairs are formed among the ones that move the outcome most.

use serde::Serialize;

use super::engine::{self, Answer, Choices, Evaluation, Scratch, State};
use super::model::{Kind, Questionnaire, Role};

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
    let base_given = engine::given(answers);
    let mut given = base_given.clone();
    given.resize(q.questions.len(), None);
    let mut trust = trust.to_vec();
    trust.resize(q.questions.len(), 1.0);
    let mut scratch = Scratch::default();
    let mut cands = candidates(q, base);
    let mut found: Vec<Found> = Vec::new();
    let nv = q.verdicts.len();
    let (mut reached_any, mut reached_lever) = (vec![false; nv], vec![false; nv]);
    let is_lever = |c: &Candidate| kind(q, c) == Kind::Lever;
    for (i, cand) in cands.iter_mut().enumerate() {
        let c = *cand;
        let o = try_changes(q, &mut given, &mut trust, &mut scratch, &[c]);
        let Some(o) = o else { continue };
        cand.progress = (o.fit_exact - base.fit_exact).abs()
            + if o.prerequisites == base.prerequisites { 0.0 } else { 50.0 }
            + if o.verdict == base.verdict { 0.0 } else { 100.0 };
        if o.verdict != base.verdict {
            reached_any[o.verdict] = true;
            reached_lever[o.verdict] |= is_lever(&c);
            found.push(Found {
                set: vec![i],
                verdict: o.verdict,
                fit: o.fit,
                lever: is_lever(&c),
                distance: c.distance,
                stop_sign: o.stop_sign,
            });
        }
    }
    let others = |reached: &[bool]| (0..nv).any(|v| v != base.verdict && !reached[v]);
    let (want_any, want_lever) = (others(&reached_any), others(&reached_lever));
    if want_any || want_lever {
        let mut order: Vec<usize> = (0..cands.len()).collect();
        if order.len() > PAIR_CANDIDATES {
            order.sort_by(|&a, &b| cands[b].progress.total_cmp(&cands[a].progress));
            order.truncate(PAIR_CANDIDATES);
            order.sort_unstable();
        }
        for (x, &a) in order.iter().enumerate() {
            for &b in &order[x + 1..] {
                let (ca, cb) = (cands[a], cands[b]);
                let lever = is_lever(&ca) && is_lever(&cb);
                if ca.question == cb.question || !(want_any || (lever && want_lever)) {
                    continue;
                }
                let Some(o) = try_changes(q, &mut given, &mut trust, &mut scratch, &[ca, cb]) else { continue };
                let v = o.verdict;
                if v != base.verdict && (!reached_any[v] || (lever && !reached_lever[v])) {
                    found.push(Found {
                        set: vec![a, b],
                        verdict: v,
                        fit: o.fit,
                        lever,
                        distance: ca.distance + cb.distance,
                        stop_sign: o.stop_sign,
                    });
                }
            }
        }
    }
    pick(q, base, &cands, found)
}

/// The outcome with the changes applied, or `None` when a changed question ends up not asked
/// (another change made it irrelevant, so the pair is not a real one).
fn try_changes(
    q: &Questionnaire,
    given: &mut [Option<Choices>],
    trust: &mut [f64],
    scratch: &mut Scratch,
    changes: &[Candidate],
) -> Option<engine::Outcome> {
    let saved: Vec<(Option<Choices>, f64)> = changes.iter().map(|c| (given[c.question], trust[c.question])).collect();
    for c in changes {
        given[c.question] = Some(c.to);
        trust[c.question] = 1.0;
    }
    let o = engine::outcome(q, given, trust, scratch);
    let relevant = changes.iter().all(|c| scratch.state(c.question) != Some(State::NotAsked));
    for (c, (g, t)) in changes.iter().zip(saved) {
        given[c.question] = g;
        trust[c.question] = t;
    }
    relevant.then_some(o)
}

/// Per verdict, up to `PER_VERDICT` lever-only entries and as many involving a fact; levers
/// first, then fewer changes, then nearer.
fn pick(q: &Questionnaire, base: &Evaluation, cands: &[Candidate], mut found: Vec<Found>) -> Vec<Flip> {
    found.sort_by(|x, y| {
        y.lever
            .cmp(&x.lever)
            .then(x.set.len().cmp(&y.set.len()))
            .then(x.distance.total_cmp(&y.distance))
            .then(x.verdict.cmp(&y.verdict))
    });
    let mut kept = vec![[0usize; 2]; q.verdicts.len()];
    let mut smallest = vec![[usize::MAX; 2]; q.verdicts.len()];
    let mut out = Vec::new();
    for f in found {
        let k = usize::from(f.lever);
        // Only the smallest sets of each kind: a pair is not shown where a single change does.
        if kept[f.verdict][k] >= PER_VERDICT || f.set.len() > smallest[f.verdict][k] {
            continue;
        }
        kept[f.verdict][k] += 1;
        smallest[f.verdict][k] = f.set.len();
        let changes: Vec<Change> = f.set.iter().map(|&i| describe(q, base, &cands[i])).collect();
        let direction = summary(changes.iter().map(|c| c.direction));
        out.push(Flip {
            verdict: q.verdicts[f.verdict].id.clone(),
            fit_score: f.fit,
            kind: if f.lever { Kind::Lever } else { Kind::Fact },
            direction,
            stop_sign: f.stop_sign.map(|s| q.stop_signs[s].id.clone()),
            changes,
        });
    }
    out
}

fn summary(mut d: impl Iterator<Item = Direction>) -> Direction {
    let first = d.next().unwrap_or(Direction::Mixed);
    if d.all(|x| x == first) { first } else { Direction::Mixed }
}

fn candidates(q: &Questionnaire, base: &Evaluation) -> Vec<Candidate> {
    let mut out = Vec::new();
    for (qi, (question, state)) in q.questions.iter().zip(&base.states).enumerate() {
        let current = match state {
            State::NotAsked => continue,
            State::Unknown => None,
            State::Chosen(c) => Some(*c),
        };
        for ci in 0..question.choices.len() {
            let to = match current {
                Some(c) if question.multiple && c.contains(ci) && c.len() > 1 => c.without(ci),
                Some(c) if question.multiple && !c.contains(ci) => c.with(ci),
                Some(c) if c == Choices::one(ci) || question.multiple => continue,
                _ => Choices::one(ci),
            };
            let distance = (value(q, qi, Some(to)) - value(q, qi, current)).abs();
            out.push(Candidate { question: qi, to, distance, progress: 0.0 });
        }
    }
    out
}

/// Where an answer sits on its question's scale: the fit position (-1 to 1), or for readiness
/// the maturity (0-1). "Don't know" sits in the middle.
fn value(q: &Questionnaire, qi: usize, c: Option<Choices>) -> f64 {
    let question = &q.questions[qi];
    match (q.dimensions[question.dimension].role, c) {
        (Role::Fit, Some(c)) => engine::position(q, question, &State::Chosen(c)).unwrap_or(0.0),
        (Role::Fit, None) => 0.0,
        (Role::Readiness, Some(c)) => c.iter().map(|x| question.normalised(x)).fold(0.0, f64::max),
        (Role::Readiness, None) => 0.5,
    }
}

/// A change is a lever when the team can make it: the question's kind, unless a choice it adds
/// says otherwise (a fact among a lever's choices makes the change a fact).
fn kind(q: &Questionnaire, c: &Candidate) -> Kind {
    let question = &q.questions[c.question];
    let facts = c.to.iter().any(|i| question.choices.get(i).and_then(|ch| ch.kind) == Some(Kind::Fact));
    if facts { Kind::Fact } else { question.kind }
}

fn describe(q: &Questionnaire, base: &Evaluation, c: &Candidate) -> Change {
    let question = &q.questions[c.question];
    let current = match base.states[c.question] {
        State::Chosen(chosen) => Some(chosen),
        _ => None,
    };
    let ids = |s: Choices| s.iter().map(|i| question.choices[i].id.as_str()).collect::<Vec<_>>().join(",");
    let labels = |s: Choices| s.iter().map(|i| question.choices[i].label.as_str()).collect::<Vec<_>>().join(", ");
    let (from, from_label) = match current {
        Some(s) => (ids(s), labels(s)),
        None => (super::model::UNKNOWN.to_string(), "Don't know".to_string()),
    };
    let up = value(q, c.question, Some(c.to)) > value(q, c.question, current);
    let direction = match (kind(q, c), up) {
        (Kind::Lever, true) => Direction::Improvement,
        (Kind::Lever, false) => Direction::Deterioration,
        (Kind::Fact, true) => Direction::TowardsSplitting,
        (Kind::Fact, false) => Direction::AwayFromSplitting,
    };
    Change {
        question: question.id.clone(),
        prompt: question.prompt.clone(),
        from,
        from_label,
        to: ids(c.to),
        to_label: labels(c.to),
        adds: current
            .filter(|_| question.multiple)
            .and_then(|s| c.to.iter().find(|&i| !s.contains(i)))
            .map(|i| question.choices[i].label.clone()),
        removes: current
            .filter(|_| question.multiple)
            .and_then(|s| s.iter().find(|&i| !c.to.contains(i)))
            .map(|i| question.choices[i].label.clone()),
        kind: kind(q, c),
        direction,
    }
}
