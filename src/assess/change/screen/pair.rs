//! The bounds of one pair of changes: its states exact, its numbers added up from each change's.

use super::read::{Bounds, Key};
use super::{Base, SLACK, Work};
use crate::assess::engine::{self, Prerequisites, Sums};
use crate::assess::model::{Condition, Role};

/// The pair's fit and known share as ranges, and the one dimension both changes touch (if any)
/// with its score and known share as ranges.
#[derive(Debug)]
pub(super) struct PairBounds<'a, 'q> {
    base: &'a Base<'q>,
    singles: [usize; 2],
    fit: [f64; 2],
    known: [f64; 2],
    shared: Option<(usize, [f64; 2], [f64; 2])>,
    work: &'a mut Work,
    prerequisites: Option<Prerequisites>,
}

fn between(x: (f64, f64), y: (f64, f64)) -> ([f64; 2], [f64; 2]) {
    ([x.0.min(y.0), x.0.max(y.0)], [x.1.min(y.1), x.1.max(y.1)])
}

impl<'a, 'q> PairBounds<'a, 'q> {
    /// `None` when the numbers do not add up: the changes touch more than one dimension in common,
    /// or one changes the asked weight of a fit dimension both touch.
    pub(super) fn new(base: &'a Base<'q>, a: usize, b: usize, work: &'a mut Work) -> Option<Self> {
        let (x, y) = (&base.singles[a], &base.singles[b]);
        let mut shared = None;
        for &(d, s) in &base.dims[y.dims.clone()] {
            let Some(&(_, t)) = base.dims[x.dims.clone()].iter().find(|&&(e, _)| e == d) else { continue };
            let at = base.sums[d];
            let fixed = s.1 == at.1 && t.1 == at.1;
            if shared.is_some() || (!fixed && base.q.dimensions[d].role == Role::Fit) {
                return None;
            }
            // A readiness dimension weighs in no fit: when its asked weight changes, it is left
            // unbounded.
            shared = Some(if fixed {
                let mid: Sums = (s.0 + t.0 - at.0, at.1, s.2 + t.2 - at.2);
                let e = SLACK * at.1.abs();
                let ends = [(mid.0 - e, mid.1, mid.2 - e), (mid.0 + e, mid.1, mid.2 + e)];
                let (score, known) = between(base.dimension(d, ends[0]), base.dimension(d, ends[1]));
                (d, score, known)
            } else {
                (d, [0.0, 100.0], [0.0, 1.0])
            });
        }
        let fit = base.fit + x.fit + y.fit;
        let points = |f: f64| f64::from(engine::round_score(f));
        let fit = [points(fit - 100.0 * SLACK), points(fit + 100.0 * SLACK)];
        let known = base.known + x.known + y.known;
        let known = [known - SLACK, known + SLACK];
        Some(PairBounds { base, singles: [a, b], fit, known, shared, work, prerequisites: None })
    }
}

impl Bounds for PairBounds<'_, '_> {
    fn fit(&self) -> [f64; 2] {
        self.fit
    }

    fn known(&self) -> [f64; 2] {
        self.known
    }

    fn dimension(&self, d: usize) -> ([f64; 2], [f64; 2]) {
        if let Some((_, score, known)) = self.shared.filter(|s| s.0 == d) {
            return (score, known);
        }
        let b = self.base;
        let own = self.singles.iter().flat_map(|&s| &b.dims[b.singles[s].dims.clone()]).find(|&&(e, _)| e == d);
        let sums = own.map(|&(_, s)| s).or_else(|| b.sums.get(d).copied());
        let (score, known) = sums.map_or((50.0, 0.0), |s| b.dimension(d, s));
        ([score; 2], [known; 2])
    }

    fn prerequisites(&mut self) -> Option<Prerequisites> {
        let p = match self.prerequisites {
            Some(p) => p,
            None => self.base.prerequisites(&self.singles, self.work),
        };
        self.prerequisites = Some(p);
        Some(p)
    }

    fn holds(&mut self, _: Key, c: &Condition) -> Option<bool> {
        Some(engine::holds(c, &self.work.states, &self.base.q.questions))
    }
}
