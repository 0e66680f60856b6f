//! The questionnaire files exactly as written; `questionnaire` validates them into a model.

use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::yaml::Pairs;

pub type Text = Spanned<String>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawQuestionnaire {
    pub schema_version: Spanned<u32>,
    pub title: Text,
    pub dimensions: Vec<RawDimension>,
    pub questions: Vec<RawQuestion>,
    pub readiness: Vec<RawLevel>,
    pub verdicts: Vec<RawVerdict>,
    pub rules: Vec<RawRule>,
    #[serde(default)]
    pub risks: Vec<RawRisk>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// Answers here say whether the forces favour splitting.
    Fit,
    /// Answers here say whether the team can run services now.
    Readiness,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDimension {
    pub id: Text,
    pub title: Text,
    pub role: Role,
    #[serde(default)]
    pub weight: Option<Spanned<f64>>,
    pub summary: Text,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawQuestion {
    pub id: Text,
    pub dimension: Text,
    pub prompt: Text,
    pub help: Text,
    #[serde(default)]
    pub topics: Vec<Text>,
    #[serde(default)]
    pub weight: Option<Spanned<f64>>,
    #[serde(default)]
    pub multiple: bool,
    pub ask_if: Option<RawCondition>,
    pub choices: Vec<RawChoice>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawChoice {
    pub id: Text,
    pub label: Text,
    /// How strongly this answer favours splitting (fit) or shows maturity (readiness).
    pub score: Spanned<f64>,
    pub note: Option<Text>,
}

/// A condition over answers: exactly one of `question`+`is`, `all`, `any`, `not`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCondition {
    pub question: Option<Text>,
    #[serde(default)]
    pub is: Vec<Text>,
    pub all: Option<Vec<RawCondition>>,
    pub any: Option<Vec<RawCondition>>,
    pub not: Option<Box<RawCondition>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLevel {
    pub level: Spanned<u8>,
    pub title: Text,
    /// A failed check at a prerequisite level makes the team not ready.
    pub prerequisite: bool,
    pub checks: Vec<RawCheck>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCheck {
    pub id: Text,
    pub title: Text,
    pub applies_if: Option<RawCondition>,
    pub pass_if: RawCondition,
    pub plan: Text,
    #[serde(default)]
    pub topics: Vec<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawVerdict {
    pub id: Text,
    pub title: Text,
    pub summary: Text,
    pub next_steps: Vec<RawStep>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStep {
    pub text: Text,
    #[serde(default)]
    pub topics: Vec<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRule {
    pub verdict: Text,
    pub reason: Text,
    #[serde(default)]
    pub fit_min: Option<Spanned<f64>>,
    #[serde(default)]
    pub fit_max: Option<Spanned<f64>>,
    #[serde(default)]
    pub dimension_min: Pairs<Text, f64>,
    #[serde(default)]
    pub dimension_max: Pairs<Text, f64>,
    pub readiness: Option<ReadinessState>,
    pub answers: Option<RawCondition>,
}

impl RawRule {
    pub fn is_unconditional(&self) -> bool {
        self.fit_min.is_none()
            && self.fit_max.is_none()
            && self.dimension_min.0.is_empty()
            && self.dimension_max.0.is_empty()
            && self.readiness.is_none()
            && self.answers.is_none()
    }
}

/// Additions to a questionnaire (`assessment/extend.yaml` in a knowledge pack): new dimensions,
/// questions, readiness checks (into an existing level, or a new one), rules and risks.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawExtension {
    pub schema_version: Spanned<u32>,
    #[serde(default)]
    pub dimensions: Vec<RawDimension>,
    #[serde(default)]
    pub questions: Vec<RawQuestion>,
    #[serde(default)]
    pub readiness: Vec<RawExtLevel>,
    /// Evaluated before the base questionnaire's rules.
    #[serde(default)]
    pub rules: Vec<RawRule>,
    #[serde(default)]
    pub risks: Vec<RawRisk>,
}

/// Checks for a readiness level; `title` and `prerequisite` are needed only for a new level.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawExtLevel {
    pub level: Spanned<u8>,
    pub title: Option<Text>,
    pub prerequisite: Option<bool>,
    pub checks: Vec<RawCheck>,
}

/// Whether the prerequisite readiness checks hold, as a rule can require.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReadinessState {
    /// At least one prerequisite check fails.
    Failing,
    /// No prerequisite check fails (some may be unknown).
    NotFailing,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRisk {
    pub id: Text,
    pub concern: crate::knowledge::ConcernId,
    pub severity: Severity,
    pub title: Text,
    pub detail: Text,
    pub when: RawCondition,
    #[serde(default)]
    pub verdicts: Vec<Text>,
    #[serde(default)]
    pub topics: Vec<Text>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    High,
    Medium,
    Low,
}
