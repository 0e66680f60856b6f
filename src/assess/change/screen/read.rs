//! The verdict rules and the stop signs read in three values, on bounds of what they look at: a
//! rule may hold, or surely holds; a stop sign surely applies, surely not, or may.

use crate::assess::engine::{Feeds, Prerequisites, readiness_holds};
use crate::assess::model::{Condition, Questionnaire, Rule};

/// What the rules and stop signs read, each as the lowest and highest value it can take.
pub(super) trait Bounds {
    /// The fit score as the rules read it (rounded).
    fn fit(&self) -> [f64; 2];
    /// The share of the fit weight that is known.
    fn known(&self) -> [f64; 2];
    /// Dimension `d`'s score as the rules read it (50 when none of its questions counts), and its
    /// known share (0 then).
    fn dimension(&self, d: usize) -> ([f64; 2], [f64; 2]);
    /// Whether the prerequisites hold; `None` when they may be anything.
    fn prerequisites(&mut self) -> Option<Prerequisites>;
    /// Whether a condition surely holds; `None` when it may or may not. `key` says which.
    fn holds(&mut self, key: Key, c: &Condition) -> Option<bool>;
}

/// Which of the questionnaire's conditions is read: a rule's `answers`, a stop sign's `when` or
/// `unless`.
#[derive(Debug, Clone, Copy)]
pub(super) enum Key {
    Rule(usize),
    When(usize),
    Unless(usize),
}

/// The condition's place among [`keys`].
pub(super) fn key(q: &Questionnaire, k: Key) -> usize {
    match k {
        Key::Rule(r) => r,
        Key::When(s) => q.rules.len() + 2 * s,
        Key::Unless(s) => q.rules.len() + 2 * s + 1,
    }
}

/// How many conditions the rules and stop signs have places for.
pub(super) fn keys(q: &Questionnaire) -> usize {
    q.rules.len() + 2 * q.stop_signs.len()
}

/// Every condition's key, in the order of their places.
pub(super) fn all_keys(q: &Questionnaire) -> impl Iterator<Item = Key> + Clone {
    let signs = (0..q.stop_signs.len()).flat_map(|s| [Key::When(s), Key::Unless(s)]);
    (0..q.rules.len()).map(Key::Rule).chain(signs)
}

/// The questions the condition mentions, ascending.
pub(super) fn mentions<'f>(feeds: &'f Feeds<'_>, k: Key) -> &'f [usize] {
    match k {
        Key::Rule(r) => feeds.rule_mentions.get(r),
        Key::When(s) => feeds.sign_when.get(s),
        Key::Unless(s) => feeds.sign_unless.get(s),
    }
}

/// Whether something may hold, and whether it surely does.
type Tri = (bool, bool);

fn and((m, s): Tri, (pm, ps): Tri) -> Tri {
    (m && pm, s && ps)
}

fn known(x: Option<bool>) -> Tri {
    x.map_or((true, false), |b| (b, b))
}

fn at_least(r: [f64; 2], m: f64) -> Tri {
    (r[1] >= m, r[0] >= m)
}

fn below(r: [f64; 2], m: f64) -> Tri {
    (r[0] < m, r[1] < m)
}

/// The verdicts the rules and then the stop signs may give, in `out`.
pub(super) fn verdicts(q: &Questionnaire, b: &mut impl Bounds, out: &mut Vec<usize>) {
    rule_verdicts(q, b, out);
    stop_signs(q, b, out);
}

/// Whether rule `r` may hold, and whether it surely holds, as `engine::rule_index` reads it.
fn rule(i: usize, r: &Rule, b: &mut impl Bounds) -> Tri {
    let Some(numbers) = numbers(r, b) else { return (false, false) };
    let ready = r.readiness.map_or((true, true), |_| known(b.prerequisites().map(|p| readiness_holds(r, p))));
    let answers = r.answers.as_ref().map_or((true, true), |c| known(b.holds(Key::Rule(i), c)));
    and(and(numbers, ready), answers)
}

/// Whether rule `r`'s bounds on the numbers may hold and surely hold; `None` as soon as one
/// surely fails (the rest are not read).
fn numbers(r: &Rule, b: &impl Bounds) -> Option<Tri> {
    let mut n = (true, true);
    let mut take = |t: Tri| {
        n = and(n, t);
        n.0.then_some(())
    };
    if r.fit_min.is_some() || r.fit_max.is_some() {
        let fit = b.fit();
        r.fit_min.map_or(Some(()), |m| take(at_least(fit, m)))?;
        r.fit_max.map_or(Some(()), |m| take(below(fit, m)))?;
    }
    r.known_min.map_or(Some(()), |m| take(at_least(b.known(), m)))?;
    for &(d, m) in &r.dimension_min {
        take(at_least(b.dimension(d).0, m))?;
    }
    for &(d, m) in &r.dimension_max {
        take(below(b.dimension(d).0, m))?;
    }
    for &(d, m) in &r.dimension_known_min {
        take(at_least(b.dimension(d).1, m))?;
    }
    Some(n)
}

/// Every rule that may hold up to the first that surely does, or else also the last rule's
/// verdict, which stands when none holds.
fn rule_verdicts(q: &Questionnaire, b: &mut impl Bounds, out: &mut Vec<usize>) {
    out.clear();
    for (i, r) in q.rules.iter().enumerate() {
        let (may, surely) = rule(i, r, b);
        if may && !out.contains(&r.verdict) {
            out.push(r.verdict);
        }
        if surely {
            return;
        }
    }
    let last = q.rules.last().map_or(0, |r| r.verdict);
    if !out.contains(&last) {
        out.push(last);
    }
}

/// Each stop sign in order, as `engine::stop_signs` applies it, on every verdict still possible:
/// one that surely applies replaces the verdicts it blocks, one that may adds its own.
fn stop_signs(q: &Questionnaire, b: &mut impl Bounds, out: &mut Vec<usize>) {
    for (i, sign) in q.stop_signs.iter().enumerate() {
        if !out.iter().any(|v| sign.blocks.contains(v)) {
            continue;
        }
        let lifted = sign.unless.as_ref().map_or(Some(false), |u| b.holds(Key::Unless(i), u));
        let applies = match (lifted, b.holds(Key::When(i), &sign.when)) {
            (Some(true), _) | (_, Some(false)) => Some(false),
            (Some(false), Some(true)) => Some(true),
            _ => None,
        };
        match applies {
            Some(false) => {}
            Some(true) => {
                out.retain(|v| !sign.blocks.contains(v));
                if !out.contains(&sign.verdict) {
                    out.push(sign.verdict);
                }
            }
            None => {
                if !out.contains(&sign.verdict) {
                    out.push(sign.verdict);
                }
            }
        }
    }
}
