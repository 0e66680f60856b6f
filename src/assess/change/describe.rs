//! The candidates of the change search and how what it found is picked and described: a person's
//! reading of each change (from, to, lever or fact, better or worse).

use super::{Candidate, Change, Direction, Flip, Found, PER_VERDICT};
use crate::assess::engine::{self, Choices, Evaluation, State};
use crate::assess::model::{Kind, Questionnaire, Role};

/// Per verdict, up to `PER_VERDICT` lever-only entries and as many involving a fact; levers
/// first, then fewer changes, then nearer.
pub(super) fn pick(q: &Questionnaire, base: &Evaluation, cands: &[Candidate], mut found: Vec<Found>) -> Vec<Flip> {
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
            verdict: q.verdicts[f.verdict].id.to_string(),
            fit_score: f.fit,
            kind: if f.lever { Kind::Lever } else { Kind::Fact },
            direction,
            stop_sign: f.stop_sign.map(|s| q.stop_signs[s].id.to_string()),
            changes,
        });
    }
    out
}

fn summary(mut d: impl Iterator<Item = Direction>) -> Direction {
    let first = d.next().unwrap_or(Direction::Mixed);
    if d.all(|x| x == first) { first } else { Direction::Mixed }
}

pub(super) fn candidates(q: &Questionnaire, base: &Evaluation) -> Vec<Candidate> {
    let mut out = Vec::new();
    for (qi, (question, state)) in q.questions.iter().zip(&base.states).enumerate() {
        let current = match state {
            State::NotAsked => continue,
            State::Unknown => None,
            State::Chosen(c) => Some(*c),
        };
        let from = value(q, qi, current);
        for ci in 0..question.choices.len() {
            let to = match current {
                Some(c) if question.multiple && c.contains(ci) && c.len() > 1 => c.without(ci),
                Some(c) if question.multiple && !c.contains(ci) => c.with(ci),
                Some(c) if c == Choices::one(ci) || question.multiple => continue,
                _ => Choices::one(ci),
            };
            let distance = (value(q, qi, Some(to)) - from).abs();
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
pub(super) fn kind(q: &Questionnaire, c: &Candidate) -> Kind {
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
        None => (crate::assess::model::UNKNOWN.to_string(), "Don't know".to_string()),
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
        prompt: question.prompt.to_string(),
        from,
        from_label,
        to: ids(c.to),
        to_label: labels(c.to),
        adds: current
            .filter(|_| question.multiple)
            .and_then(|s| c.to.iter().find(|&i| !s.contains(i)))
            .map(|i| question.choices[i].label.to_string()),
        removes: current
            .filter(|_| question.multiple)
            .and_then(|s| s.iter().find(|&i| !c.to.contains(i)))
            .map(|i| question.choices[i].label.to_string()),
        kind: kind(q, c),
        direction,
    }
}
