//! The assessment report: the engine's evaluation explained, as a serialisable document.

use serde::Serialize;

use super::change::{self, Flip};
use super::engine::{self, Answer, CheckStatus, Evaluation, State};
use super::model::{Questionnaire, Role, Severity, Step};
use crate::knowledge::ConcernId;
use crate::output::SCHEMA_VERSION;

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Report {
    pub schema_version: u32,
    pub questionnaire: String,
    pub verdict: String,
    pub verdict_title: String,
    pub summary: String,
    /// Why the deciding rule matched.
    pub rationale: String,
    pub fit_score: u8,
    pub confidence: Confidence,
    pub dimensions: Vec<DimensionScore>,
    pub readiness: Readiness,
    pub reasons: Reasons,
    pub blockers: Vec<Blocker>,
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
    /// Points between the fit score (or a deciding dimension) and the nearest threshold of the rules.
    pub margin: f64,
    pub why: Vec<String>,
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
    let ev = engine::evaluate(q, answers);
    let verdict = &q.verdicts[ev.verdict];
    let (checks, blockers) = readiness_items(q, &ev);
    let prerequisites = if ev.prerequisites_failing {
        PrerequisiteState::Failing
    } else if q.levels.iter().zip(&ev.checks).any(|(l, cs)| l.prerequisite && cs.contains(&CheckStatus::Unknown)) {
        PrerequisiteState::Unverified
    } else {
        PrerequisiteState::Met
    };
    Report {
        schema_version: SCHEMA_VERSION,
        questionnaire: q.title.clone(),
        verdict: verdict.id.clone(),
        verdict_title: verdict.title.clone(),
        summary: verdict.summary.clone(),
        rationale: q.rules[ev.rule].reason.clone(),
        fit_score: ev.fit,
        confidence: confidence(q, &ev, prerequisites),
        dimensions: dimension_scores(q, &ev),
        readiness: Readiness { level_reached: level_reached(q, &ev), prerequisites, checks },
        reasons: reasons(q, &ev),
        blockers,
        risks: risks(q, &ev),
        what_would_change: change::what_would_change(q, answers, &ev),
        next_steps: verdict.next_steps.clone(),
        answers: answer_items(q, &ev, notes),
        team: None,
    }
}

impl Evaluation {
    fn verdict_is(&self, q: &Questionnaire, id: &str) -> bool {
        q.verdicts[self.verdict].id == id
    }
}

fn readiness_items(q: &Questionnaire, ev: &Evaluation) -> (Vec<CheckItem>, Vec<Blocker>) {
    let mut checks = Vec::new();
    let mut blockers = Vec::new();
    for (level, statuses) in q.levels.iter().zip(&ev.checks) {
        for (check, &status) in level.checks.iter().zip(statuses) {
            checks.push(CheckItem {
                id: check.id.clone(),
                level: level.level,
                level_title: level.title.clone(),
                prerequisite: level.prerequisite,
                title: check.title.clone(),
                status,
                plan: check.plan.clone(),
                topics: check.topics.clone(),
            });
            if level.prerequisite && status == CheckStatus::Fail {
                blockers.push(Blocker {
                    check: check.id.clone(),
                    title: check.title.clone(),
                    plan: check.plan.clone(),
                    topics: check.topics.clone(),
                });
            }
        }
    }
    (checks, blockers)
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
                title: d.title.clone(),
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
            c.iter().map(|i| question.choices[i].id.clone()).collect(),
            c.iter().map(|i| question.choices[i].label.clone()).collect(),
        ),
        State::Unknown => (vec![super::model::UNKNOWN.to_string()], vec!["Don't know".to_string()]),
        State::NotAsked => (Vec::new(), Vec::new()),
    }
}

fn reasons(q: &Questionnaire, ev: &Evaluation) -> Reasons {
    let contributions = engine::contributions(q, &ev.states);
    let mut all: Vec<Reason> = Vec::new();
    for (i, c) in contributions.iter().enumerate() {
        let (Some(c), State::Chosen(chosen)) = (c, &ev.states[i]) else { continue };
        let question = &q.questions[i];
        let (_, labels) = labels(q, i, &ev.states[i]);
        let note = chosen.iter().find_map(|x| question.choices[x].note.clone());
        all.push(Reason {
            question: question.id.clone(),
            prompt: question.prompt.clone(),
            answer: labels.join(", "),
            contribution: (c * 10.0).round() / 10.0,
            note,
            topics: question.topics.clone(),
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
            id: r.id.clone(),
            concern: r.concern,
            severity: r.severity,
            title: r.title.clone(),
            detail: r.detail.clone(),
            topics: r.topics.clone(),
        })
        .collect();
    out.sort_by_key(|r| r.severity);
    out
}

fn confidence(q: &Questionnaire, ev: &Evaluation, prerequisites: PrerequisiteState) -> Confidence {
    let asked = ev.states.iter().filter(|s| !matches!(s, State::NotAsked)).count().max(1);
    let unknown = ev.states.iter().filter(|s| matches!(s, State::Unknown)).count();
    let share = unknown as f64 / asked as f64;
    let margin = margin(q, ev);
    let mut level = Level::High;
    let mut why = Vec::new();
    if share > 0.35 {
        level = Level::Low;
        why.push(format!("{unknown} of {asked} answers are \"don't know\""));
    } else if share > 0.15 {
        level = level.min(Level::Medium);
        why.push(format!("{unknown} of {asked} answers are \"don't know\""));
    }
    if margin < 3.0 {
        level = Level::Low;
        why.push(format!("the scores are within {margin:.0} points of a threshold that changes the verdict"));
    } else if margin < 8.0 {
        level = level.min(Level::Medium);
        why.push(format!("the scores are within {margin:.0} points of a threshold that changes the verdict"));
    }
    if prerequisites == PrerequisiteState::Unverified && ev.verdict_is(q, "microservices") {
        level = level.min(Level::Medium);
        why.push("some prerequisites for running services could not be checked".to_string());
    }
    if why.is_empty() {
        why.push("answers are complete and the scores are clear of every threshold".to_string());
    }
    Confidence { level, unknown_answers: unknown, margin, why }
}

/// Distance from the fit score and the dimension scores to every threshold the rules use.
fn margin(q: &Questionnaire, ev: &Evaluation) -> f64 {
    let fit = f64::from(ev.fit);
    let mut m = f64::INFINITY;
    for r in &q.rules {
        for t in r.fit_min.iter().chain(&r.fit_max) {
            m = m.min((fit - t).abs());
        }
        for &(d, t) in r.dimension_min.iter().chain(&r.dimension_max) {
            if let Some(s) = ev.dimension_scores[d] {
                m = m.min((f64::from(s) - t).abs());
            }
        }
    }
    if m.is_finite() { m } else { 100.0 }
}

fn answer_items(q: &Questionnaire, ev: &Evaluation, notes: &[Option<String>]) -> Vec<AnswerItem> {
    q.questions
        .iter()
        .enumerate()
        .map(|(i, question)| {
            let state = &ev.states[i];
            let (choices, labels) = labels(q, i, state);
            AnswerItem {
                question: question.id.clone(),
                dimension: q.dimensions[question.dimension].id.clone(),
                prompt: question.prompt.clone(),
                status: match state {
                    State::Chosen(_) => AnswerStatus::Answered,
                    State::Unknown => AnswerStatus::Unknown,
                    State::NotAsked => AnswerStatus::NotAsked,
                },
                choices,
                labels,
                note: notes.get(i).cloned().flatten(),
            }
        })
        .collect()
}
