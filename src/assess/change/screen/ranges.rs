//! The scores of a pair of changes as ranges, and the verdict rules read on them in three values:
//! a rule may hold, or surely holds.

use crate::assess::engine::{self, Prerequisites, State, Sums, dimension, fit_from, fit_known, round_score};
use crate::assess::model::{Questionnaire, Rule};

/// The fit, the known share of the fit weight, and the one dimension whose sums are known only
/// to a slack (or not at all), each as the lowest and highest value it can take.
#[derive(Debug)]
pub(super) struct Ranges {
    fit: [f64; 2],
    known: [f64; 2],
    /// The dimension both changes touch, with its score and known share as the rules read them.
    shared: Option<(usize, [f64; 2], [f64; 2])>,
}

/// Whether `x >= m` may hold and surely holds, for `x` anywhere in `r`.
fn at_least(r: [f64; 2], m: f64) -> (bool, bool) {
    (r[1] >= m, r[0] >= m)
}

/// Whether `x < m` may hold and surely holds, for `x` anywhere in `r`.
fn below(r: [f64; 2], m: f64) -> (bool, bool) {
    (r[0] < m, r[1] < m)
}

/// The range of `f` over two ends, whichever way it runs.
fn between(lo: f64, hi: f64) -> [f64; 2] {
    [lo.min(hi), lo.max(hi)]
}

impl Ranges {
    /// From the pair's per-dimension sums, exact but for `shared`: the dimension both changes
    /// touch, whose sums are known to `slack` times its asked weight, or not at all when the flag
    /// says so (a readiness dimension whose asked weight changed). Every score is a monotonic
    /// function of one dimension's sums, so its range is the range between the two ends.
    pub(super) fn new(q: &Questionnaire, sums: &mut [Sums], shared: Option<(usize, bool)>, slack: f64) -> Self {
        let exact = |sums: &[Sums]| (f64::from(round_score(fit_from(q, sums))), fit_known(q, sums));
        let (fit, known) = exact(sums);
        let Some((d, unbounded)) = shared else {
            return Ranges { fit: [fit; 2], known: [known; 2], shared: None };
        };
        if unbounded {
            return Ranges { fit: [fit; 2], known: [known; 2], shared: Some((d, [0.0, 100.0], [0.0, 1.0])) };
        }
        let mid = sums[d];
        let e = slack * mid.1.abs();
        let ends = [(mid.0 - e, mid.1, mid.2 - e), (mid.0 + e, mid.1, mid.2 + e)];
        let mut at = |s: Sums| {
            sums[d] = s;
            let (fit, known) = exact(sums);
            let (score, k) = dimension(q.dimensions[d].role, s);
            (fit, known, score.map_or(50.0, |x| f64::from(round_score(x))), k.unwrap_or(0.0))
        };
        let (lo, hi) = (at(ends[0]), at(ends[1]));
        sums[d] = mid;
        Ranges {
            fit: between(lo.0, hi.0),
            known: between(lo.1, hi.1),
            shared: Some((d, between(lo.2, hi.2), between(lo.3, hi.3))),
        }
    }

    /// Dimension `d`'s score as the rules read it (50 when none of its questions counts), and its
    /// known share (0 then).
    fn dimension(&self, q: &Questionnaire, sums: &[Sums], d: usize) -> ([f64; 2], [f64; 2]) {
        if let Some((_, score, known)) = self.shared.filter(|s| s.0 == d) {
            return (score, known);
        }
        let (score, known) = match (q.dimensions.get(d), sums.get(d)) {
            (Some(dim), Some(&s)) => dimension(dim.role, s),
            _ => (None, None),
        };
        let score = score.map_or(50.0, |x| f64::from(round_score(x)));
        ([score; 2], [known.unwrap_or(0.0); 2])
    }

    /// Whether rule `r` may hold, and whether it surely holds, as `engine::rule_index` reads it.
    fn rule(&self, q: &Questionnaire, r: &Rule, sums: &[Sums], p: Prerequisites, states: &[State]) -> (bool, bool) {
        let score = |d: usize| self.dimension(q, sums, d).0;
        let known = |d: usize| self.dimension(q, sums, d).1;
        let ready = engine::readiness_holds(r, p);
        let parts = r
            .fit_min
            .map(|m| at_least(self.fit, m))
            .into_iter()
            .chain(r.fit_max.map(|m| below(self.fit, m)))
            .chain(r.dimension_min.iter().map(|&(d, m)| at_least(score(d), m)))
            .chain(r.dimension_max.iter().map(|&(d, m)| below(score(d), m)))
            .chain([(ready, ready)])
            .chain(r.known_min.map(|m| at_least(self.known, m)))
            .chain(r.dimension_known_min.iter().map(|&(d, m)| at_least(known(d), m)));
        let (may, surely) = parts.fold((true, true), |(m, s), (pm, ps)| (m && pm, s && ps));
        let answers = || r.answers.as_ref().is_none_or(|c| engine::holds(c, states, &q.questions));
        if may && answers() { (true, surely) } else { (false, false) }
    }

    /// The verdicts the rules may give, in `out`: every rule that may hold up to the first that
    /// surely does, or else the last rule's, which stands when none holds.
    pub(super) fn rule_verdicts(
        &self,
        q: &Questionnaire,
        sums: &[Sums],
        p: Prerequisites,
        states: &[State],
        out: &mut Vec<usize>,
    ) {
        out.clear();
        for r in &q.rules {
            let (may, surely) = self.rule(q, r, sums, p, states);
            if may && !out.contains(&r.verdict) {
                out.push(r.verdict);
            }
            if surely {
                return;
            }
        }
        out.push(q.rules.last().map_or(0, |r| r.verdict));
    }
}
