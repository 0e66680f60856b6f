//! The assessment report: the engine's evaluation explained, as a serialisable document.

use serde::Serialize;

use super::answers::Answers;
use super::change::{self, Flip};
use super::engine::{self, Answer, CheckStatus, Evaluation, Prerequisites, State, Truth};
use super::inferred::{self, Confidence as Inferred};
use super::model::{Questionnaire, Role, Severity, Step, Str};

mod confidence;
use crate::knowledge::ConcernId;
use crate::output::SCHEMA_VERSION;

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Report {
    pub schema_version: u32,
    pub questionnaire: String,
    pub verdict: String,
    pub verdict_title: String,
    pub summary: String,
    /// Why the deciding rule matched, or why the stop sign that decided applies.
    pub rationale: String,
    /// The stop sign that decided the verdict, if one did.
    pub stop_sign: Option<StopSignItem>,
    /// Every stop sign whose condition holds, whether or not it had to replace the verdict.
    pub stop_signs_applying: Vec<StopSignItem>,
    /// Stop signs that an unknown answer leaves open: answered one way, they would decide.
    pub stop_signs_unresolved: Vec<StopSignItem>,
    /// The situation the next steps were chosen for (`greenfield`, `services_hurting`, ...).
    pub situation: Option<SituationItem>,
    pub fit_score: u8,
    pub confidence: Confidence,
    pub dimensions: Vec<DimensionScore>,
    pub readiness: Readiness,
    pub reasons: Reasons,
    pub blockers: Vec<Blocker>,
    /// Prerequisite checks the answers cannot verify: check these first.
    pub to_verify: Vec<Blocker>,
    /// The verdict holds only if the checks in `to_verify` pass (a rule for unverified
    /// prerequisites gave it): confidence is low and the report says so.
    pub rests_on_unverified: bool,
    pub risks: Vec<RiskItem>,
    pub what_would_change: Vec<Flip>,
    pub next_steps: Vec<Step>,
    pub answers: Vec<AnswerItem>,
    /// With several answers files: who answered, and where and how much they disagree.
    pub team: Option<super::team::Team>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    Low,
    Medium,
    High,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Confidence {
    pub level: Level,
    pub unknown_answers: usize,
    /// Fit points the score would have to move, all else equal, to change the verdict (100 when
    /// no fit score would).
    pub margin: f64,
    /// Fit points the unknown answers could move the score together, answered either way.
    pub unknown_swing: f64,
    /// Unknown answers that could each change the verdict alone.
    pub deciding_unknowns: Vec<String>,
    /// The share of the fit weight answered (not "don't know"), 0-1; a split needs the share the rules set.
    pub known_share: f64,
    pub why: Vec<String>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct SituationItem {
    pub id: String,
    pub title: String,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct StopSignItem {
    pub id: String,
    pub title: String,
    pub reason: String,
    pub source: String,
    /// The verdict it gives instead of the ones it blocks.
    pub verdict: String,
    pub topics: Vec<String>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct DimensionScore {
    pub id: String,
    pub title: String,
    pub role: Role,
    pub weight: f64,
    pub score: Option<u8>,
    pub answered: usize,
    pub unknown: usize,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Readiness {
    /// Highest level whose checks, and all below, pass.
    pub level_reached: u8,
    pub prerequisites: PrerequisiteState,
    pub checks: Vec<CheckItem>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum PrerequisiteState {
    Met,
    Failing,
    Unverified,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct CheckItem {
    pub id: String,
    pub level: u8,
    pub level_title: String,
    pub prerequisite: bool,
    pub title: String,
    pub status: CheckStatus,
    pub plan: String,
    pub topics: Vec<String>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Reasons {
    /// Answers that pushed towards splitting into services, strongest first.
    #[serde(rename = "for")]
    pub towards_services: Vec<Reason>,
    /// Answers that pushed towards keeping one deployable, strongest first.
    pub against: Vec<Reason>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Reason {
    pub question: String,
    pub prompt: String,
    pub answer: String,
    /// Points added to (or taken from) the fit score relative to a neutral answer.
    pub contribution: f64,
    pub note: Option<String>,
    pub topics: Vec<String>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Blocker {
    pub check: String,
    pub title: String,
    pub plan: String,
    pub topics: Vec<String>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct RiskItem {
    pub id: String,
    pub concern: ConcernId,
    pub severity: Severity,
    pub title: String,
    pub detail: String,
    pub topics: Vec<String>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct AnswerItem {
    pub question: String,
    pub dimension: String,
    pub prompt: String,
    pub status: AnswerStatus,
    pub choices: Vec<String>,
    pub labels: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// How much the answer counts, 0-1: 1 for a person's answer, less for one a scan inferred
    /// with low or medium confidence (the rest counts as "don't know").
    pub weight: f64,
    /// The scan's confidence, for an answer a scan inferred and no person has confirmed: its
    /// `weight` follows from it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inferred: Option<Inferred>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum AnswerStatus {
    Answered,
    Unknown,
    NotAsked,
}

const TOP_REASONS: usize = 5;

/// Score `answers` and explain the result. `notes` are the people's own remarks, by question.
pub fn assess(q: &Questionnaire, answers: &[Option<Answer>], notes: &[Option<String>]) -> Report {
    assess_with(q, answers, notes, &[])
}

/// [`assess`] for answers as read and gathered: those a scan inferred and no person confirmed
/// count by the scan's confidence ([`inferred::weights`], as for `--detect`), and say so.
pub fn assess_answers(q: &Questionnaire, a: &Answers) -> Report {
    if a.inferred.iter().all(Option::is_none) {
        return assess_with(q, &a.values, &a.notes, &[]);
    }
    // "Don't know" and an answer to a question not asked have nothing for a mark to weigh.
    let states = engine::states(q, &a.values);
    let marks: Vec<Option<Inferred>> =
        a.inferred.iter().zip(&states).map(|(c, s)| c.filter(|_| matches!(s, State::Chosen(_)))).collect();
    let mut report = assess_with(q, &a.values, &a.notes, &inferred::weights(q, &marks));
    for (item, mark) in report.answers.iter_mut().zip(marks) {
        item.inferred = mark;
    }
    report
}

/// [`assess`] where some answers count less than fully (`trust`, per question, 0-1; missing is 1):
/// answers a scan inferred, weighted by its confidence.
pub fn assess_with(q: &Questionnaire, answers: &[Option<Answer>], notes: &[Option<String>], trust: &[f64]) -> Report {
    let ev = engine::evaluate_with(q, answers, trust);
    let verdict = &q.verdicts[ev.verdict];
    let (checks, blockers, to_verify) = readiness_items(q, &ev);
    let prerequisites = match ev.prerequisites {
        Prerequisites::Failing => PrerequisiteState::Failing,
        Prerequisites::Unverified => PrerequisiteState::Unverified,
        Prerequisites::Met => PrerequisiteState::Met,
    };
    let stop_sign = ev.stop_sign.map(|s| stop_sign_item(q, s));
    let rationale = stop_sign.as_ref().map_or_else(|| q.rules[ev.rule].reason.to_string(), |s| s.reason.clone());
    let situation = q.situations.iter().find(|s| engine::holds(&s.when, &ev.states, &q.questions));
    let next_steps = situation
        .and_then(|s| s.next_steps.iter().find(|(v, _)| *v == ev.verdict))
        .map_or_else(|| verdict.next_steps.clone(), |(_, steps)| steps.clone());
    Report {
        schema_version: SCHEMA_VERSION,
        questionnaire: q.title.to_string(),
        verdict: verdict.id.to_string(),
        verdict_title: verdict.title.to_string(),
        summary: verdict.summary.to_string(),
        rationale,
        stop_sign,
        stop_signs_applying: (0..q.stop_signs.len())
            .filter(|&s| engine::stop_sign_applies(q, s, &ev.states) == Truth::True)
            .map(|s| stop_sign_item(q, s))
            .collect(),
        stop_signs_unresolved: unresolved(q, &ev),
        situation: situation.map(|s| SituationItem { id: s.id.to_string(), title: s.title.to_string() }),
        fit_score: ev.fit,
        confidence: confidence::confidence(q, &ev, answers, trust, &to_verify),
        dimensions: dimension_scores(q, &ev),
        readiness: Readiness { level_reached: level_reached(q, &ev), prerequisites, checks },
        reasons: reasons(q, &ev, trust),
        blockers,
        rests_on_unverified: confidence::rests_on_unverified(q, &ev),
        to_verify,
        risks: risks(q, &ev),
        what_would_change: change::what_would_change_with(q, answers, trust, &ev),
        next_steps,
        answers: answer_items(q, &ev, notes, trust),
        team: None,
    }
}

fn stop_sign_item(q: &Questionnaire, s: usize) -> StopSignItem {
    let sign = &q.stop_signs[s];
    StopSignItem {
        id: sign.id.to_string(),
        title: sign.title.to_string(),
        reason: sign.reason.to_string(),
        source: sign.source.to_string(),
        verdict: q.verdicts[sign.verdict].id.to_string(),
        topics: Str::owned(&sign.topics),
    }
}

/// Stop signs that would replace the verdict if an unknown answer went their way.
fn unresolved(q: &Questionnaire, ev: &Evaluation) -> Vec<StopSignItem> {
    (0..q.stop_signs.len())
        .filter(|&s| {
            q.stop_signs[s].blocks.contains(&ev.verdict)
                && engine::stop_sign_applies(q, s, &ev.states) == Truth::Unknown
        })
        .map(|s| stop_sign_item(q, s))
        .collect()
}

fn readiness_items(q: &Questionnaire, ev: &Evaluation) -> (Vec<CheckItem>, Vec<Blocker>, Vec<Blocker>) {
    let mut checks = Vec::new();
    let mut blockers = Vec::new();
    let mut to_verify = Vec::new();
    for (level, statuses) in q.levels.iter().zip(&ev.checks) {
        for (check, &status) in level.checks.iter().zip(statuses) {
            checks.push(CheckItem {
                id: check.id.to_string(),
                level: level.level,
                level_title: level.title.to_string(),
                prerequisite: level.prerequisite,
                title: check.title.to_string(),
                status,
                plan: check.plan.to_string(),
                topics: Str::owned(&check.topics),
            });
            let item = || Blocker {
                check: check.id.to_string(),
                title: check.title.to_string(),
                plan: check.plan.to_string(),
                topics: Str::owned(&check.topics),
            };
            match status {
                CheckStatus::Fail if level.prerequisite => blockers.push(item()),
                CheckStatus::Unknown if level.prerequisite => to_verify.push(item()),
                _ => {}
            }
        }
    }
    (checks, blockers, to_verify)
}

fn level_reached(q: &Questionnaire, ev: &Evaluation) -> u8 {
    let mut reached = 0;
    for (level, statuses) in q.levels.iter().zip(&ev.checks) {
        if statuses.iter().all(|s| matches!(s, CheckStatus::Pass | CheckStatus::NotApplicable)) {
            reached = level.level;
        } else {
            break;
        }
    }
    reached
}

fn dimension_scores(q: &Questionnaire, ev: &Evaluation) -> Vec<DimensionScore> {
    q.dimensions
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let in_dim = || q.questions.iter().zip(&ev.states).filter(move |(qq, _)| qq.dimension == i);
            DimensionScore {
                id: d.id.clone(),
                title: d.title.to_string(),
                role: d.role,
                weight: d.weight,
                score: ev.dimension_scores[i],
                answered: in_dim().filter(|(_, s)| matches!(s, State::Chosen(_))).count(),
                unknown: in_dim().filter(|(_, s)| matches!(s, State::Unknown)).count(),
            }
        })
        .collect()
}

fn labels(q: &Questionnaire, qi: usize, state: &State) -> (Vec<String>, Vec<String>) {
    let question = &q.questions[qi];
    match state {
        State::Chosen(c) => (
            c.iter().map(|i| question.choices[i].id.to_string()).collect(),
            c.iter().map(|i| question.choices[i].label.to_string()).collect(),
        ),
        State::Unknown => (vec![super::model::UNKNOWN.to_string()], vec!["Don't know".to_string()]),
        State::NotAsked => (Vec::new(), Vec::new()),
    }
}

fn reasons(q: &Questionnaire, ev: &Evaluation, trust: &[f64]) -> Reasons {
    let contributions = engine::contributions(q, &ev.states, trust);
    let mut all: Vec<Reason> = Vec::new();
    for (i, c) in contributions.iter().enumerate() {
        let (Some(c), State::Chosen(chosen)) = (c, &ev.states[i]) else { continue };
        let question = &q.questions[i];
        let (_, labels) = labels(q, i, &ev.states[i]);
        let note = chosen.iter().find_map(|x| question.choices[x].note.clone());
        all.push(Reason {
            question: question.id.clone(),
            prompt: question.prompt.to_string(),
            answer: labels.join(", "),
            contribution: (c * 10.0).round() / 10.0,
            note: note.map(String::from),
            topics: Str::owned(&question.topics),
        });
    }
    all.sort_by(|a, b| b.contribution.abs().total_cmp(&a.contribution.abs()).then(a.question.cmp(&b.question)));
    let towards_services = all.iter().filter(|r| r.contribution >= 0.5).take(TOP_REASONS).cloned().collect();
    let against = all.iter().filter(|r| r.contribution <= -0.5).take(TOP_REASONS).cloned().collect();
    Reasons { towards_services, against }
}

fn risks(q: &Questionnaire, ev: &Evaluation) -> Vec<RiskItem> {
    let mut out: Vec<RiskItem> = q
        .risks
        .iter()
        .filter(|r| r.verdicts.is_empty() || r.verdicts.contains(&ev.verdict))
        .filter(|r| engine::holds(&r.when, &ev.states, &q.questions))
        .map(|r| RiskItem {
            id: r.id.to_string(),
            concern: r.concern,
            severity: r.severity,
            title: r.title.to_string(),
            detail: r.detail.to_string(),
            topics: Str::owned(&r.topics),
        })
        .collect();
    out.sort_by_key(|r| r.severity);
    out
}

fn answer_items(q: &Questionnaire, ev: &Evaluation, notes: &[Option<String>], trust: &[f64]) -> Vec<AnswerItem> {
    q.questions
        .iter()
        .enumerate()
        .map(|(i, question)| {
            let state = &ev.states[i];
            let (choices, labels) = labels(q, i, state);
            AnswerItem {
                question: question.id.clone(),
                dimension: q.dimensions[question.dimension].id.clone(),
                prompt: question.prompt.to_string(),
                status: match state {
                    State::Chosen(_) => AnswerStatus::Answered,
                    State::Unknown => AnswerStatus::Unknown,
                    State::NotAsked => AnswerStatus::NotAsked,
                },
                choices,
                labels,
                note: notes.get(i).cloned().flatten(),
                weight: trust.get(i).copied().unwrap_or(1.0).clamp(0.0, 1.0),
                inferred: None,
            }
        })
        .collect()
}
