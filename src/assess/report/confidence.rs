//! How sure the verdict is, from information: how far the fit is from a score that changes the
//! verdict, and how much the unknown answers could move it, each against constants in the data.

use super::{Blocker, Confidence, Level};
use crate::assess::engine::{self, Answer, Choices, Delta, Edit, Evaluation, Prerequisites, State};
use crate::assess::model::{Questionnaire, ReadinessState};

pub(super) fn confidence(
    q: &Questionnaire,
    ev: &Evaluation,
    answers: &[Option<Answer>],
    trust: &[f64],
    to_verify: &[Blocker],
) -> Confidence {
    let k = &q.confidence;
    let unknown = ev.states.iter().filter(|s| matches!(s, State::Unknown)).count();
    let margin = margin(q, ev);
    let (swing, deciding) = unknowns(q, ev, answers, trust);
    let mut level = Level::High;
    let mut why = Vec::new();
    let mut lower = |to: Level, reason: String| {
        level = level.min(to);
        why.push(reason);
    };
    if margin < k.margin_low.value {
        lower(Level::Low, format!("a fit score {} away gives another verdict", points(margin)));
    } else if margin < k.margin_medium.value {
        lower(Level::Medium, format!("a fit score {} away gives another verdict", points(margin)));
    }
    let names = deciding.iter().map(|&i| q.questions[i].id.as_str()).collect::<Vec<_>>().join(", ");
    if deciding.len() as f64 >= k.deciding_unknowns_low.value {
        lower(Level::Low, format!("{} unknown answers could each change the verdict ({names})", deciding.len()));
    } else if !deciding.is_empty() {
        lower(Level::Medium, format!("an unknown answer could change the verdict ({names})"));
    }
    if swing >= k.swing_low.value {
        lower(Level::Low, format!("the {unknown} unknown answers could move the fit by up to {swing:.0} points"));
    } else if swing >= k.swing_medium.value {
        lower(Level::Medium, format!("the {unknown} unknown answers could move the fit by up to {swing:.0} points"));
    }
    for (share, need, what) in evidence_gaps(q, ev) {
        lower(
            Level::Medium,
            format!("only {:.0}% of {what} is answered; a split needs {:.0}%", share * 100.0, need * 100.0),
        );
    }
    if rests_on_unverified(q, ev) {
        let checks = to_verify.iter().map(|b| b.check.as_str()).collect::<Vec<_>>().join(", ");
        lower(Level::Low, format!("the verdict rests on prerequisites the answers cannot verify ({checks})"));
    }
    let inferred = trust.iter().filter(|&&t| t < 1.0).count();
    if inferred > 0 {
        let (n, verb) = if inferred == 1 { ("1 answer", "counts") } else { (&*format!("{inferred} answers"), "count") };
        why.push(format!(
            "{n} inferred by a scan {verb} only partly (low confidence ×{}, medium ×{}; the rest as \"don't know\"), and below ×{} {} no readiness check",
            q.scoring.inferred_low.value,
            q.scoring.inferred_medium.value,
            q.scoring.verifies_min.value,
            if inferred == 1 { "decides" } else { "decide" }
        ));
    }
    if why.is_empty() {
        why.push(
            "the answers that decide are known and the fit is clear of every threshold that changes the verdict"
                .to_string(),
        );
    }
    Confidence {
        level,
        unknown_answers: unknown,
        margin,
        unknown_swing: (swing * 10.0).round() / 10.0,
        deciding_unknowns: deciding.iter().map(|&i| q.questions[i].id.to_string()).collect(),
        known_share: (ev.known * 100.0).round() / 100.0,
        why,
    }
}

/// Where the answers fall short of the known shares the rules require: (share, required, of what).
fn evidence_gaps(q: &Questionnaire, ev: &Evaluation) -> Vec<(f64, f64, String)> {
    let mut gaps: Vec<(f64, f64, String)> = Vec::new();
    let need = q.rules.iter().filter_map(|r| r.known_min).fold(0.0, f64::max);
    if ev.known < need {
        gaps.push((ev.known, need, "the fit weight".to_string()));
    }
    for (d, dim) in q.dimensions.iter().enumerate() {
        let need =
            q.rules.iter().flat_map(|r| &r.dimension_known_min).filter(|x| x.0 == d).map(|x| x.1).fold(0.0, f64::max);
        let share = ev.dimension_known[d].unwrap_or(0.0);
        if share < need {
            gaps.push((share, need, format!("the {} weight", dim.title.to_lowercase())));
        }
    }
    gaps
}

/// Whether the verdict came from a rule that holds only while prerequisites are unverified (and
/// no stop sign replaced it): it must say so, with low confidence.
pub(super) fn rests_on_unverified(q: &Questionnaire, ev: &Evaluation) -> bool {
    ev.stop_sign.is_none()
        && ev.prerequisites == Prerequisites::Unverified
        && q.rules.get(ev.rule).is_some_and(|r| r.readiness == Some(ReadinessState::Unverified))
}

fn points(x: f64) -> String {
    if (x - 1.0).abs() < f64::EPSILON { "1 point".to_string() } else { format!("{x:.0} points") }
}

/// The fewest fit points, up or down and all else equal, that give another verdict.
fn margin(q: &Questionnaire, ev: &Evaluation) -> f64 {
    for d in 1..=100u8 {
        let up = ev.fit.checked_add(d).filter(|&f| f <= 100);
        let down = ev.fit.checked_sub(d);
        if [up, down].into_iter().flatten().any(|f| engine::rule_verdict_at(q, ev, f) != ev.verdict) {
            return f64::from(d);
        }
    }
    100.0
}

/// How far the unknown answers could move the fit together (each at its farthest choice), and
/// which of them could change the verdict alone.
fn unknowns(q: &Questionnaire, ev: &Evaluation, answers: &[Option<Answer>], trust: &[f64]) -> (f64, Vec<usize>) {
    let (mut swing, mut deciding) = (0.0, Vec::new());
    if !ev.states.contains(&State::Unknown) {
        return (swing, deciding);
    }
    let mut delta = Delta::new(q, &engine::given(answers), trust);
    for (i, state) in ev.states.iter().enumerate() {
        if *state != State::Unknown {
            continue;
        }
        let (mut far, mut decides) = (0.0_f64, false);
        for c in 0..q.questions[i].choices.len() {
            let o = delta.outcome(&[Edit { question: i, to: Choices::one(c), trust: None }]);
            far = far.max((o.fit_exact - ev.fit_exact).abs());
            decides |= o.verdict != ev.verdict;
        }
        swing += far;
        if decides {
            deciding.push(i);
        }
    }
    (swing, deciding)
}
