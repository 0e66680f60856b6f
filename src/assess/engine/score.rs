//! Fit scoring: answers to positions, positions to dimension and fit scores, and each answer's
//! contribution in points.

use super::{State, round_score};
use crate::assess::model::{Question, Questionnaire, Role};

/// Per dimension: the weighted sum of positions (readiness: maturities), the asked weight, and
/// the answered weight.
pub(crate) type Sums = (f64, f64, f64);

/// Where an answer to a fit question sits between -1 (keep together) and +1 (split), before
/// trust. Several choices count their strongest pull each way, so adding one that favours
/// splitting never lowers the position.
pub fn position(q: &Questionnaire, question: &Question, state: &State) -> Option<f64> {
    let scale = q.scoring.score_scale.value;
    match state {
        State::Chosen(chosen) => {
            let scores = || chosen.iter().filter_map(|c| question.choices.get(c)).map(|c| c.score);
            let up = scores().fold(0.0_f64, f64::max);
            let down = scores().fold(0.0_f64, f64::min);
            Some(((up + down) / scale).clamp(-1.0, 1.0))
        }
        State::Unknown => Some(0.0),
        State::NotAsked => None,
    }
}

/// Fills the per-dimension sums, scores and known shares; returns the exact fit and the share
/// of the fit weight that is known.
pub(super) fn scores(
    q: &Questionnaire,
    states: &[State],
    trust: &[f64],
    sums: &mut Vec<Sums>,
    out: &mut Vec<Option<u8>>,
    known: &mut Vec<Option<f64>>,
) -> (f64, f64) {
    sums.clear();
    sums.resize(q.dimensions.len(), (0.0, 0.0, 0.0));
    for (i, (question, state)) in q.questions.iter().zip(states).enumerate() {
        let t = trust.get(i).copied().unwrap_or(1.0).clamp(0.0, 1.0);
        add(q, question, state, t, &mut sums[question.dimension]);
    }
    out.clear();
    known.clear();
    for (d, &sums) in q.dimensions.iter().zip(sums.iter()) {
        let (score, k) = dimension(d.role, sums);
        out.push(score.map(round_score));
        known.push(k);
    }
    fit_and_known(q, sums)
}

/// Adds one question's answer, counting `t` (0-1), to its dimension's sums. A dimension's sums
/// are these additions in question order, whether all questions are scored or one dimension's.
#[inline]
pub(crate) fn add(q: &Questionnaire, question: &Question, state: &State, t: f64, s: &mut Sums) {
    term(q, question, state, t).add_to(s);
}

/// What one answer adds to its dimension's sums, kept so that adding a dimension up again need
/// not work out its unchanged answers' positions again.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Term {
    Nothing,
    /// The weighted position, the weight, and the answered weight unless "don't know".
    Fit(f64, f64, Option<f64>),
    /// The weighted maturity and the weight (answered).
    Readiness(f64, f64),
}

impl Term {
    #[inline]
    pub(crate) fn add_to(self, s: &mut Sums) {
        match self {
            Term::Nothing => {}
            Term::Fit(x, w, k) => {
                s.0 += x;
                s.1 += w;
                if let Some(k) = k {
                    s.2 += k;
                }
            }
            Term::Readiness(x, w) => {
                s.0 += x;
                s.1 += w;
                s.2 += w;
            }
        }
    }
}

/// The [`Term`] of one answer, counting `t` (0-1).
#[inline]
pub(crate) fn term(q: &Questionnaire, question: &Question, state: &State, t: f64) -> Term {
    match q.dimensions[question.dimension].role {
        Role::Fit => {
            let Some(p) = position(q, question, state) else { return Term::Nothing };
            let known = matches!(state, State::Chosen(_)).then(|| question.weight * t);
            Term::Fit(question.weight * p * t, question.weight, known)
        }
        // Readiness scores say how mature the practices are that were described.
        Role::Readiness => match state {
            State::Chosen(c) => {
                let n = c.iter().map(|x| question.normalised(x)).fold(0.0, f64::max);
                Term::Readiness(question.weight * n, question.weight)
            }
            _ => Term::Nothing,
        },
    }
}

/// A dimension's exact score (0-100) and known share from its sums, `None` when none of its
/// questions counts.
pub(crate) fn dimension(role: Role, (num, den, k): Sums) -> (Option<f64>, Option<f64>) {
    let score = (den > 0.0).then(|| match role {
        Role::Fit => 50.0 + 50.0 * num / den,
        Role::Readiness => 100.0 * num / den,
    });
    (score, (den > 0.0).then(|| k / den))
}

/// The exact fit from the per-dimension sums.
pub(crate) fn fit_from(q: &Questionnaire, sums: &[Sums]) -> f64 {
    let (mut num, mut den) = (0.0, 0.0);
    for (d, &(n, w, _)) in q.dimensions.iter().zip(sums) {
        if d.role == Role::Fit && w > 0.0 {
            num += d.weight * n / w;
            den += d.weight;
        }
    }
    if den > 0.0 { 50.0 + 50.0 * num / den } else { 50.0 }
}

/// [`fit_from`] and [`fit_known`] in one pass, each the same to the bit.
pub(crate) fn fit_and_known(q: &Questionnaire, sums: &[Sums]) -> (f64, f64) {
    fit_and_known_from(q, sums, 0, (0.0, 0.0, 0.0))
}

/// The running totals [`fit_and_known`] adds up (weighted scores, weighted known shares,
/// weights), as they stand before each dimension and after the last.
pub(crate) fn fit_totals(q: &Questionnaire, sums: &[Sums]) -> Vec<Sums> {
    let mut out = Vec::with_capacity(q.dimensions.len() + 1);
    let mut acc = (0.0, 0.0, 0.0);
    out.push(acc);
    for (d, &s) in q.dimensions.iter().zip(sums) {
        acc = fit_total(d, s, acc);
        out.push(acc);
    }
    out
}

#[inline]
fn fit_total(d: &crate::assess::model::Dimension, (n, w, k): Sums, (num, known, den): Sums) -> Sums {
    if d.role == Role::Fit && w > 0.0 {
        (num + d.weight * n / w, known + d.weight * k / w, den + d.weight)
    } else {
        (num, known, den)
    }
}

/// [`fit_and_known`] going on from dimension `start` with the running totals `acc` before it:
/// the same additions in the same order, so the same bits.
pub(crate) fn fit_and_known_from(q: &Questionnaire, sums: &[Sums], start: usize, mut acc: Sums) -> (f64, f64) {
    for (d, &s) in q.dimensions.iter().zip(sums).skip(start) {
        acc = fit_total(d, s, acc);
    }
    let (num, known, den) = acc;
    if den > 0.0 { (50.0 + 50.0 * num / den, known / den) } else { (50.0, 0.0) }
}

/// The share of the fit weight that is known, from the per-dimension sums.
pub(crate) fn fit_known(q: &Questionnaire, sums: &[Sums]) -> f64 {
    let (mut num, mut den) = (0.0, 0.0);
    for (d, &(_, w, k)) in q.dimensions.iter().zip(sums) {
        if d.role == Role::Fit && w > 0.0 {
            num += d.weight * k / w;
            den += d.weight;
        }
    }
    if den > 0.0 { num / den } else { 0.0 }
}

/// How much each asked fit question moved the fit score away from the neutral 50, in points;
/// they sum to `fit - 50`. "Don't know" contributes 0.
pub fn contributions(q: &Questionnaire, states: &[State], trust: &[f64]) -> Vec<Option<f64>> {
    let mut asked = vec![0.0_f64; q.dimensions.len()];
    for (question, state) in q.questions.iter().zip(states) {
        if *state != State::NotAsked {
            asked[question.dimension] += question.weight;
        }
    }
    let total: f64 =
        q.dimensions.iter().zip(&asked).filter(|(d, w)| d.role == Role::Fit && **w > 0.0).map(|(d, _)| d.weight).sum();
    q.questions
        .iter()
        .zip(states)
        .enumerate()
        .map(|(i, (question, state))| {
            let d = &q.dimensions[question.dimension];
            if d.role != Role::Fit || total <= 0.0 {
                return None;
            }
            let p = position(q, question, state)? * trust.get(i).copied().unwrap_or(1.0).clamp(0.0, 1.0);
            Some(50.0 * (d.weight / total) * (question.weight / asked[question.dimension]) * p)
        })
        .collect()
}
