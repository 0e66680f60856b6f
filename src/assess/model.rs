//! The validated questionnaire: indices instead of names, so the engine cannot meet a dangling id.

use serde::{Deserialize, Serialize};

pub use super::raw::{Kind, ReadinessState, Role, Severity};
pub use super::text::Str;
use crate::knowledge::ConcernId;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(bound(deserialize = "'de: 'static"))]
pub struct Questionnaire {
    pub title: Str,
    pub dimensions: Vec<Dimension>,
    pub questions: Vec<Question>,
    pub levels: Vec<Level>,
    pub verdicts: Vec<Verdict>,
    pub rules: Vec<Rule>,
    pub risks: Vec<Risk>,
    pub scoring: Scoring,
    pub confidence: ConfidenceModel,
    /// Applied in order after the rules; each may replace the verdict the rules chose.
    pub stop_signs: Vec<StopSign>,
    /// The first whose condition holds picks the next steps.
    pub situations: Vec<Situation>,
}

/// A verdict-shaping constant with its reason and source, as the questionnaire states them.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(bound(deserialize = "'de: 'static"))]
pub struct Constant {
    pub value: f64,
    pub reason: Str,
    pub source: Str,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(bound(deserialize = "'de: 'static"))]
pub struct Scoring {
    pub score_scale: Constant,
    pub inferred_low: Constant,
    pub inferred_medium: Constant,
    pub inferred_high: Constant,
    pub verifies_min: Constant,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(bound(deserialize = "'de: 'static"))]
pub struct ConfidenceModel {
    pub margin_low: Constant,
    pub margin_medium: Constant,
    pub swing_medium: Constant,
    pub swing_low: Constant,
    pub deciding_unknowns_low: Constant,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(bound(deserialize = "'de: 'static"))]
pub struct StopSign {
    pub id: Str,
    pub title: Str,
    pub when: Condition,
    pub unless: Option<Condition>,
    /// Verdicts (indices) this stop sign replaces.
    pub blocks: Vec<usize>,
    pub verdict: usize,
    pub reason: Str,
    pub source: Str,
    pub topics: Vec<Str>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(bound(deserialize = "'de: 'static"))]
pub struct Situation {
    pub id: Str,
    pub title: Str,
    pub when: Condition,
    /// Per verdict (index), the steps that fit this situation; verdicts not listed keep their own.
    pub next_steps: Vec<(usize, Vec<Step>)>,
}

#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(bound(deserialize = "'de: 'static"))]
pub struct Dimension {
    // Owned, as `scan` keeps them.
    pub id: String,
    pub title: String,
    pub role: Role,
    pub weight: f64,
    pub summary: Str,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(bound(deserialize = "'de: 'static"))]
pub struct Question {
    // Owned: `scan` keeps question ids as `String`s.
    pub id: String,
    pub dimension: usize,
    pub prompt: Str,
    pub help: Str,
    pub topics: Vec<Str>,
    pub weight: f64,
    pub multiple: bool,
    pub ask_if: Option<Condition>,
    pub kind: Kind,
    pub optional: bool,
    /// The answer's own choices; "don't know" is not among them.
    pub choices: Vec<Choice>,
    /// Index of the choice assumed when the question is not asked: the one that favours splitting least.
    pub skipped_as: usize,
    pub min_score: f64,
    pub max_score: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(bound(deserialize = "'de: 'static"))]
pub struct Choice {
    pub id: Str,
    pub label: Str,
    pub score: f64,
    pub note: Option<Str>,
    /// Lever or fact when it differs from the question's.
    pub kind: Option<Kind>,
}

/// A question may have at most this many choices (the engine keeps a choice set in one word).
pub const MAX_CHOICES: usize = 64;

/// The reserved choice id for "don't know", accepted by every question.
pub const UNKNOWN: &str = "unknown";

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(bound(deserialize = "'de: 'static"))]
pub enum Condition {
    /// The question's answer includes one of these choices.
    Is {
        question: usize,
        choices: Vec<usize>,
    },
    All(Vec<Condition>),
    Any(Vec<Condition>),
    Not(Box<Condition>),
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(bound(deserialize = "'de: 'static"))]
pub struct Level {
    pub level: u8,
    pub title: Str,
    pub prerequisite: bool,
    pub checks: Vec<Check>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(bound(deserialize = "'de: 'static"))]
pub struct Check {
    pub id: Str,
    pub title: Str,
    pub applies_if: Option<Condition>,
    pub pass_if: Condition,
    pub plan: Str,
    pub topics: Vec<Str>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(bound(deserialize = "'de: 'static"))]
pub struct Verdict {
    pub id: Str,
    pub title: Str,
    pub summary: Str,
    pub next_steps: Vec<Step>,
}

#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(bound(deserialize = "'de: 'static"))]
pub struct Step {
    pub text: Str,
    pub topics: Vec<Str>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(bound(deserialize = "'de: 'static"))]
pub struct Rule {
    pub verdict: usize,
    pub reason: Str,
    pub fit_min: Option<f64>,
    pub fit_max: Option<f64>,
    pub dimension_min: Vec<(usize, f64)>,
    pub dimension_max: Vec<(usize, f64)>,
    pub readiness: Option<ReadinessState>,
    pub answers: Option<Condition>,
    pub known_min: Option<f64>,
    pub dimension_known_min: Vec<(usize, f64)>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(bound(deserialize = "'de: 'static"))]
pub struct Risk {
    pub id: Str,
    pub concern: ConcernId,
    pub severity: Severity,
    pub title: Str,
    pub detail: Str,
    pub when: Condition,
    /// Verdicts under which the risk is reported; empty means all.
    pub verdicts: Vec<usize>,
    pub topics: Vec<Str>,
}

impl Questionnaire {
    pub fn question_index(&self, id: &str) -> Option<usize> {
        self.questions.iter().position(|q| q.id == id)
    }

    pub fn verdict_index(&self, id: &str) -> Option<usize> {
        self.verdicts.iter().position(|v| v.id == id)
    }
}

impl Question {
    pub fn choice_index(&self, id: &str) -> Option<usize> {
        self.choices.iter().position(|c| c.id == id)
    }

    /// Where a choice sits between the least (0) and the most (1) splitting-favouring answer.
    pub fn normalised(&self, choice: usize) -> f64 {
        let span = self.max_score - self.min_score;
        if span <= f64::EPSILON { 0.5 } else { (self.choices[choice].score - self.min_score) / span }
    }
}
