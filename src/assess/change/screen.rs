//! The bound of the change search: whether a pair of answer changes may reach a verdict still
//! wanted, worked out from what each change did alone, without evaluating the pair.
//!
//! When at most one of the two changes decides whether other questions are asked, the pair's
//! states are the base's with both changes' differences applied, so conditions, readiness checks
//! and stop signs are evaluated exactly on them. The fit, the known share and every dimension's
//! sums add up: the pair moves them by what each change moved them alone, as long as neither
//! changes how much a fit dimension they both touch weighs (only a change that decides whether
//! others are asked can). Added up they are known to a slack for rounding, so each is a narrow
//! range, and the rules and stop signs are read on those ranges in three values (`read`). A
//! pair is ruled out only when none of the verdicts it may give is wanted, or when it is not a
//! real pair (a changed question ends up not asked); what the bound cannot tell is evaluated.
//!
//! A whole row (one change with every later partner of a kind) is read the same way first, on
//! the range of what the partners move (`row`): when even that cannot reach a wanted verdict, the
//! row's partners are not looked at one by one.

use std::ops::Range;
use std::rc::Rc;

use crate::assess::engine::{self, CheckStatus, Feeds, Lists, Prerequisites, State, Sums};
use crate::assess::model::{Questionnaire, Role};

mod pair;
mod read;
mod row;
use row::Summary;

/// The rounding slack, relative to the scale of what is added up (a dimension's asked weight,
/// 100 points for the fit, 1 for a share). The engine's sums and the bound's additions of at most
/// three of them each err by a few times 2^-53 of that scale per question added: far below this
/// for any questionnaire of fewer than a million questions.
const SLACK: f64 = 1e-9;

/// What one change did alone.
#[derive(Debug)]
struct Single {
    question: usize,
    /// Whether the question decides whether others are asked.
    gate: bool,
    /// Whether the changed question is still asked.
    relevant: bool,
    /// Whether no fit dimension gains or loses all its asked weight (the fit's divisor stays).
    additive: bool,
    /// How far the exact fit and the known share of the fit weight move.
    fit: f64,
    known: f64,
    /// The questions whose state differs from the base, in `Base::changes`.
    changes: Range<usize>,
    /// The dimensions of those questions with their sums, in `Base::dims`.
    dims: Range<usize>,
}

/// The base evaluation in the engine's terms and what every change did alone.
#[derive(Debug)]
struct Base<'q> {
    q: &'q Questionnaire,
    trust: Vec<f64>,
    /// What each question feeds: whether it is a gate, the prerequisite checks and the conditions
    /// of rules and stop signs that mention it.
    feeds: Rc<Feeds<'q>>,
    sums: Vec<Sums>,
    fit: f64,
    known: f64,
    states: Vec<State>,
    checked: Vec<State>,
    /// The base status of the checks of prerequisite levels (`Feeds::checks`).
    status: Vec<CheckStatus>,
    singles: Vec<Single>,
    changes: Vec<(usize, State)>,
    dims: Vec<(usize, Sums)>,
}

/// Room to work: the states of the pair or row being read, and as the checks see them (answers
/// inferred weakly left to verify); the base's between calls.
#[derive(Debug, Default)]
struct Work {
    states: Vec<State>,
    checked: Vec<State>,
    touched: Vec<usize>,
}

#[derive(Debug)]
pub(super) struct Screen<'q> {
    base: Base<'q>,
    work: Work,
    verdicts: Vec<usize>,
    /// What the changes that are not gates move, for fact changes and for levers, and what the
    /// conditions may take on their rows (see `row::RowBounds`).
    summaries: [Summary; 2],
    cans: [Vec<Option<row::Can>>; 2],
    /// Per question, the conditions (by key) that mention it; per condition, whether the row
    /// being read changes a question it mentions.
    question_keys: Lists,
    own: Vec<bool>,
}

impl<'q> Screen<'q> {
    /// For the base evaluation `delta` holds, `trust` given for every question.
    pub(super) fn new(q: &'q Questionnaire, delta: &engine::Delta<'q>, trust: &[f64]) -> Self {
        let states = delta.base_states().to_vec();
        let (checked, status) = delta.base_checks();
        let (checked, status) = (checked.to_vec(), status.to_vec());
        let sums = delta.base_sums().to_vec();
        let work = Work { states: states.clone(), checked: checked.clone(), ..Work::default() };
        let base = Base {
            q,
            trust: trust.to_vec(),
            feeds: delta.feeds(),
            fit: engine::fit_from(q, &sums),
            known: engine::fit_known(q, &sums),
            sums,
            states,
            checked,
            status,
            singles: Vec::new(),
            changes: Vec::new(),
            dims: Vec::new(),
        };
        let cans = [Vec::new(), Vec::new()];
        let feeds = &base.feeds;
        let question_keys =
            Lists::inverted(q.questions.len(), read::all_keys(q).map(|k| read::mentions(feeds, k).iter().copied()));
        Screen {
            base,
            work,
            verdicts: Vec::new(),
            summaries: [Summary::default(), Summary::default()],
            cans,
            question_keys,
            own: vec![false; read::keys(q)],
        }
    }

    /// Keeps what the change to `question` did alone, as `delta` evaluated it last.
    pub(super) fn record(&mut self, question: usize, delta: &engine::Delta<'_>) {
        let (states, sums) = (delta.states(), delta.sums());
        let b = &mut self.base;
        let (at, dims_at) = (b.changes.len(), b.dims.len());
        for &i in delta.touched() {
            let (after, before) = (states[i], b.states[i]);
            if after != before {
                b.changes.push((i, after));
                let d = b.q.questions[i].dimension;
                if !b.dims[dims_at..].iter().any(|&(e, _)| e == d) {
                    b.dims.push((d, sums[d]));
                }
            }
        }
        let fit_weighs = |d: usize, s: Sums| b.q.dimensions[d].role != Role::Fit || (s.1 > 0.0) == (b.sums[d].1 > 0.0);
        b.singles.push(Single {
            question,
            gate: b.feeds.gates[question],
            relevant: states.get(question) != Some(&State::NotAsked),
            additive: b.dims[dims_at..].iter().all(|&(d, s)| fit_weighs(d, s)),
            fit: delta.fit().0 - b.fit,
            known: delta.fit().1 - b.known,
            changes: at..b.changes.len(),
            dims: dims_at..b.dims.len(),
        });
    }

    /// Sums up, per kind (`levers[i]` for change `i`), what the changes in `order` that are not
    /// gates move, for [`Screen::row_may_reach`].
    pub(super) fn summarise(&mut self, order: &[usize], levers: &[bool]) {
        for (kind, summary) in self.summaries.iter_mut().enumerate() {
            let members = order.iter().copied().filter(|&i| usize::from(levers[i]) == kind);
            *summary = Summary::new(&self.base, members.filter(|&i| !self.base.singles[i].gate));
        }
        for cans in &mut self.cans {
            cans.clear();
            cans.resize(read::keys(self.base.q), None);
        }
    }

    /// Whether change `a` may reach a `wanted` verdict with any partner of kind `kind` (1 for
    /// levers) that is not a gate; never false when one does.
    pub(super) fn row_may_reach(&mut self, a: usize, kind: usize, wanted: &[bool]) -> bool {
        let x = &self.base.singles[a];
        if x.gate || !x.additive || self.summaries[kind].is_empty() {
            return true;
        }
        let (w, b, out) = (&mut self.work, &self.base, &mut self.verdicts);
        apply(b, w, &[a]);
        let mark = |own: &mut [bool], to: bool| {
            for (i, _) in b.changed(&[a]) {
                self.question_keys[i].iter().for_each(|&k| own[k] = to);
            }
        };
        mark(&mut self.own, true);
        let cache = &mut self.cans[kind];
        read::verdicts(b.q, &mut row::RowBounds::new(b, a, &self.summaries[kind], w, cache, &self.own), out);
        mark(&mut self.own, false);
        restore(b, w, &[a]);
        out.iter().any(|&v| wanted[v])
    }

    /// Whether change `i` decides whether other questions are asked: rows leave it out.
    pub(super) fn gate(&self, i: usize) -> bool {
        self.base.singles[i].gate
    }

    /// Whether changes `a` and `b` together (indices in the order recorded) may reach one of the
    /// `wanted` verdicts; never false when they do.
    pub(super) fn may_reach(&mut self, a: usize, b: usize, wanted: &[bool]) -> bool {
        let base = &self.base;
        let (x, y) = (&base.singles[a], &base.singles[b]);
        if (x.gate && y.gate) || !x.additive || !y.additive {
            return true;
        }
        // With at most one gate, which questions are asked is as after that change alone.
        if !x.relevant || !y.relevant || base.silences(x, y) || base.silences(y, x) {
            return false;
        }
        let (w, out) = (&mut self.work, &mut self.verdicts);
        apply(base, w, &[a, b]);
        let may = match pair::PairBounds::new(base, a, b, w) {
            Some(mut bounds) => {
                read::verdicts(base.q, &mut bounds, out);
                out.iter().any(|&v| wanted[v])
            }
            None => true,
        };
        restore(base, w, &[a, b]);
        may
    }
}

impl Base<'_> {
    /// Whether change `x` leaves `y`'s question not asked.
    fn silences(&self, x: &Single, y: &Single) -> bool {
        self.changes[x.changes.clone()].iter().any(|&(i, s)| i == y.question && s == State::NotAsked)
    }

    fn changed<'a>(&'a self, singles: &'a [usize]) -> impl Iterator<Item = (usize, State)> + 'a {
        singles.iter().flat_map(|&s| self.changes[self.singles[s].changes.clone()].iter().copied())
    }

    /// Dimension `d`'s score as the rules read it and its known share, from its sums.
    fn dimension(&self, d: usize, s: Sums) -> (f64, f64) {
        let (score, known) = self.q.dimensions.get(d).map_or((None, None), |dim| engine::dimension(dim.role, s));
        (score.map_or(50.0, |x| f64::from(engine::round_score(x))), known.unwrap_or(0.0))
    }

    /// Whether the prerequisites hold on `w.checked`, where the `singles`' changes are applied:
    /// only the checks that mention a changed question are evaluated again.
    fn prerequisites(&self, singles: &[usize], w: &mut Work) -> Prerequisites {
        w.touched.clear();
        for (i, _) in self.changed(singles) {
            w.touched.extend_from_slice(&self.feeds.question_checks[i]);
        }
        let (mut fail, mut unknown) = (false, false);
        for (k, &status) in self.status.iter().enumerate() {
            let status = if w.touched.contains(&k) {
                engine::check_status(self.feeds.checks[k], &w.checked, &self.q.questions)
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

/// The `singles`' differences on the base's states; the changed answers count fully, as a
/// person's, and the others keep their trust.
fn apply(b: &Base<'_>, w: &mut Work, singles: &[usize]) {
    let own = |i: usize| singles.iter().any(|&s| b.singles[s].question == i);
    for (i, s) in b.changed(singles) {
        w.states[i] = s;
        let trust = if own(i) { 1.0 } else { b.trust[i] };
        w.checked[i] = engine::checked_state(b.q, Some(trust), s);
    }
}

/// Back to the base's states.
fn restore(b: &Base<'_>, w: &mut Work, singles: &[usize]) {
    for (i, _) in b.changed(singles) {
        w.states[i] = b.states[i];
        w.checked[i] = b.checked[i];
    }
}
