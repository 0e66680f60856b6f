//! The bounds of a row: one change with any of a set of partners, none of which is a gate. What
//! the partners move is summed up as the range between the least and the most any one moves.

use super::read::{self, Bounds, Key};
use super::{Base, SLACK, Work};
use crate::assess::engine::{self, Prerequisites, State, Sums, Truth};
use crate::assess::model::{Condition, Role};

/// The range of what one partner moves: the fit, the known share, each dimension's exact score
/// and known share (0 for the partners that do not touch it); which questions and readiness
/// dimensions any partner touches, and whether any touches a prerequisite check; per question,
/// the states partners give it.
#[derive(Debug, Default)]
pub(super) struct Summary {
    members: usize,
    fit: [f64; 2],
    known: [f64; 2],
    dims: Vec<([f64; 2], [f64; 2])>,
    touched_dims: Vec<bool>,
    states: States,
    prerequisites: bool,
    fixed: Vec<([f64; 2], [f64; 2])>,
}

fn widen(r: &mut [f64; 2], x: f64) {
    *r = [r[0].min(x), r[1].max(x)];
}

/// A fit dimension's exact score and known share from its sums, `None` without asked weight.
fn exact(b: &Base<'_>, d: usize, s: Sums) -> Option<(f64, f64)> {
    match engine::dimension(b.q.dimensions[d].role, s) {
        (Some(score), Some(known)) => Some((score, known)),
        _ => None,
    }
}

impl Summary {
    pub(super) fn new(b: &Base<'_>, members: impl Iterator<Item = usize>) -> Self {
        let nd = b.q.dimensions.len();
        let mut s = Summary {
            fit: [f64::INFINITY, f64::NEG_INFINITY],
            known: [f64::INFINITY, f64::NEG_INFINITY],
            dims: vec![([0.0; 2], [0.0; 2]); nd],
            touched_dims: vec![false; nd],
            ..Summary::default()
        };
        let old: Vec<Option<(f64, f64)>> = (0..nd).map(|d| exact(b, d, b.sums[d])).collect();
        let mut given: Vec<(usize, State)> = Vec::new();
        for m in members {
            let x = &b.singles[m];
            s.members += 1;
            widen(&mut s.fit, x.fit);
            widen(&mut s.known, x.known);
            for &(i, state) in &b.changes[x.changes.clone()] {
                given.push((i, state));
                s.prerequisites |= !b.feeds.question_checks[i].is_empty();
            }
            for &(d, after) in &b.dims[x.dims.clone()] {
                s.touched_dims[d] = true;
                if let (Some(new), Some(old)) = (exact(b, d, after), old[d]) {
                    widen(&mut s.dims[d].0, new.0 - old.0);
                    widen(&mut s.dims[d].1, new.1 - old.1);
                }
            }
        }
        s.states = States::new(b.q.questions.len(), given);
        // What rows whose own change does not touch a dimension read for it.
        s.fixed = (0..nd).map(|d| dimension(b, &s, d, b.sums[d], false)).collect();
        s
    }

    pub(super) fn is_empty(&self) -> bool {
        self.members == 0
    }
}

/// Per question, the states partners give it, each once, in one allocation.
#[derive(Debug, Default)]
struct States {
    starts: Vec<usize>,
    states: Vec<State>,
}

impl States {
    fn new(n: usize, mut given: Vec<(usize, State)>) -> Self {
        given.retain(|&(i, _)| i < n);
        given.sort_by_key(|&(i, _)| i);
        let mut out = States { starts: Vec::with_capacity(n + 1), states: Vec::with_capacity(given.len()) };
        let mut rest = given.as_slice();
        for i in 0..n {
            out.starts.push(out.states.len());
            let end = rest.iter().position(|&(j, _)| j != i).unwrap_or(rest.len());
            for &(_, state) in &rest[..end] {
                if !out.states[out.starts[i]..].contains(&state) {
                    out.states.push(state);
                }
            }
            rest = &rest[end..];
        }
        out.starts.push(out.states.len());
        out
    }

    /// The states partners give question `i`; `None` past the last question.
    fn get(&self, i: usize) -> Option<&[State]> {
        let (&a, &b) = (self.starts.get(i)?, self.starts.get(i + 1)?);
        self.states.get(a..b)
    }
}

/// Which values a condition may take: true, false, unknown.
pub(super) type Can = [bool; 3];

fn can(t: Truth) -> Can {
    [t == Truth::True, t == Truth::False, t == Truth::Unknown]
}

/// What the engine's `all` may give when each part may give what `parts` say (as if the parts
/// were free of each other, which only widens it).
fn all(parts: impl Iterator<Item = Can>) -> Can {
    parts.fold([true, false, false], |x, p| [x[0] && p[0], x[1] || p[1], x[2] || p[2]])
}

/// Change `a` (applied to the work's states) with any partner of a summary. What a condition
/// that mentions no question `a` changes may take is the same on every row of the summary, so it
/// is kept in `cache` (by the condition's key) for the next rows.
#[derive(Debug)]
pub(super) struct RowBounds<'a, 'q> {
    base: &'a Base<'q>,
    a: usize,
    summary: &'a Summary,
    work: &'a mut Work,
    cache: &'a mut [Option<Can>],
    /// Per condition, whether change `a` changes a question it mentions.
    own: &'a [bool],
    fit: [f64; 2],
    known: [f64; 2],
}

/// A range on the 0-100 scale moved by `by`, rounded as the engine rounds scores.
fn points(x: f64, by: [f64; 2]) -> [f64; 2] {
    let e = 100.0 * SLACK;
    [f64::from(engine::round_score(x + by[0] - e)), f64::from(engine::round_score(x + by[1] + e))]
}

impl<'a, 'q> RowBounds<'a, 'q> {
    pub(super) fn new(
        base: &'a Base<'q>,
        a: usize,
        summary: &'a Summary,
        work: &'a mut Work,
        cache: &'a mut [Option<Can>],
        own: &'a [bool],
    ) -> Self {
        let fit = points(base.fit + base.singles[a].fit, summary.fit);
        let k = base.known + base.singles[a].known;
        let known = [k + summary.known[0] - SLACK, k + summary.known[1] + SLACK];
        RowBounds { base, a, summary, work, cache, own, fit, known }
    }

    /// The values condition `c` may take with change `a` and any one partner: a question a
    /// partner changes may take the state after `a` or any state a partner gives it.
    fn can(&mut self, c: &Condition) -> Can {
        let base = self.base;
        let questions = &base.q.questions;
        match c {
            Condition::Is { question, .. } => {
                let Some(others) = self.summary.states.get(*question) else { return [true; 3] };
                let mine = self.work.states[*question];
                let mut out = can(engine::truth(c, &self.work.states, questions));
                for &s in others {
                    self.work.states[*question] = s;
                    let t = can(engine::truth(c, &self.work.states, questions));
                    out = [out[0] || t[0], out[1] || t[1], out[2] || t[2]];
                }
                self.work.states[*question] = mine;
                out
            }
            Condition::All(cs) => all(cs.iter().map(|c| self.can(c))),
            // Kleene's `any` is the negation of `all` over the negated parts.
            Condition::Any(cs) => {
                let [f, t, u] = all(cs.iter().map(|c| self.can(c)).map(|[t, f, u]| [f, t, u]));
                [t, f, u]
            }
            Condition::Not(c) => {
                let [t, f, u] = self.can(c);
                [f, t, u]
            }
        }
    }
}

/// Dimension `d`'s score and known share as ranges, with sums `sums` after the row's own change
/// (`own`: which touches it) and any partner of the summary.
fn dimension(b: &Base<'_>, summary: &Summary, d: usize, sums: Sums, own: bool) -> ([f64; 2], [f64; 2]) {
    let Some(dim) = b.q.dimensions.get(d) else { return ([50.0; 2], [0.0; 2]) };
    match dim.role {
        Role::Readiness if own || summary.touched_dims[d] => ([0.0, 100.0], [0.0, 1.0]),
        Role::Fit if summary.touched_dims[d] => match exact(b, d, sums) {
            Some((score, known)) => {
                let (by, kby) = summary.dims[d];
                (points(score, by), [known + kby[0] - SLACK, known + kby[1] + SLACK])
            }
            None => ([50.0; 2], [0.0; 2]),
        },
        _ => {
            let (score, known) = b.dimension(d, sums);
            ([score; 2], [known; 2])
        }
    }
}

impl Bounds for RowBounds<'_, '_> {
    fn fit(&self) -> [f64; 2] {
        self.fit
    }

    fn known(&self) -> [f64; 2] {
        self.known
    }

    fn dimension(&self, d: usize) -> ([f64; 2], [f64; 2]) {
        let b = self.base;
        match b.dims[b.singles[self.a].dims.clone()].iter().find(|&&(e, _)| e == d) {
            Some(&(_, sums)) => dimension(b, self.summary, d, sums, true),
            None => self.summary.fixed.get(d).copied().unwrap_or(([50.0; 2], [0.0; 2])),
        }
    }

    fn prerequisites(&mut self) -> Option<Prerequisites> {
        (!self.summary.prerequisites).then(|| self.base.prerequisites(&[self.a], self.work))
    }

    fn holds(&mut self, key: Key, c: &Condition) -> Option<bool> {
        let key = read::key(self.base.q, key);
        let own = self.own.get(key).copied().unwrap_or(true);
        let can = match self.cache.get(key).copied().flatten() {
            Some(can) if !own => can,
            _ => {
                let can = self.can(c);
                if let Some(slot) = self.cache.get_mut(key).filter(|_| !own) {
                    *slot = Some(can);
                }
                can
            }
        };
        match can {
            [true, false, false] => Some(true),
            [false, ..] => Some(false),
            _ => None,
        }
    }
}
