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
    pub scoring: RawScoring,
    pub confidence: RawConfidence,
    #[serde(default)]
    pub stop_signs: Vec<RawStopSign>,
    #[serde(default)]
    pub situations: Vec<RawSituation>,
}

/// A constant that shapes a verdict, with why it has this value and where that comes from.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawConstant {
    pub value: Spanned<f64>,
    pub reason: Text,
    pub source: Text,
}

/// How answers become positions on the fit scale.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawScoring {
    /// The score that counts fully for (or against) splitting; 0 is neutral.
    pub score_scale: RawConstant,
    /// How much an answer inferred by a scan counts, by the scan's confidence (1 = as a person's).
    pub inferred_low: RawConstant,
    pub inferred_medium: RawConstant,
    pub inferred_high: RawConstant,
    /// The least weight at which an answer verifies (or fails) a readiness check; a weaker
    /// inference leaves the check unverified.
    pub verifies_min: RawConstant,
}

/// What lowers the confidence of a verdict.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawConfidence {
    /// Fit points within which a threshold that changes the verdict makes confidence low / medium.
    pub margin_low: RawConstant,
    pub margin_medium: RawConstant,
    /// Fit points that the unknown answers could move together: medium / low above these.
    pub swing_medium: RawConstant,
    pub swing_low: RawConstant,
    /// Unknown answers that could each change the verdict alone: low from this many.
    pub deciding_unknowns_low: RawConstant,
}

/// A reason not to split that no average may outvote: when it holds, the verdicts it blocks
/// become `verdict`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStopSign {
    pub id: Text,
    pub title: Text,
    pub when: RawCondition,
    /// The stop sign does not apply when this holds (an unknown answer does not lift it).
    pub unless: Option<RawCondition>,
    pub blocks: Vec<Text>,
    pub verdict: Text,
    pub reason: Text,
    pub source: Text,
    #[serde(default)]
    pub topics: Vec<Text>,
}

/// Where a team starts from, with the next steps that fit each verdict there.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSituation {
    pub id: Text,
    pub title: Text,
    pub when: RawCondition,
    pub next_steps: crate::yaml::Pairs<Text, Vec<RawStep>>,
}

/// Whether a team can change an answer by its own work (a lever) or not (a fact of its situation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    #[default]
    Fact,
    Lever,
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
    /// Lever or fact, for "what would change the verdict".
    #[serde(default)]
    pub kind: Kind,
    /// Added after answers files were written: a file without it still assesses ("don't know").
    #[serde(default)]
    pub optional: bool,
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
    /// Overrides the question's `kind` for this choice (a lever question may have a fact choice).
    #[serde(default)]
    pub kind: Option<Kind>,
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
    /// The least share (0-1) of the fit weight that must be answered, not "don't know".
    #[serde(default)]
    pub known_min: Option<Spanned<f64>>,
    /// The same, per dimension.
    #[serde(default)]
    pub dimension_known_min: Pairs<Text, f64>,
}

impl RawRule {
    pub fn is_unconditional(&self) -> bool {
        self.fit_min.is_none()
            && self.fit_max.is_none()
            && self.dimension_min.0.is_empty()
            && self.dimension_max.0.is_empty()
            && self.readiness.is_none()
            && self.answers.is_none()
            && self.known_min.is_none()
            && self.dimension_known_min.0.is_empty()
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
    /// Applied after the base questionnaire's stop signs.
    #[serde(default)]
    pub stop_signs: Vec<RawStopSign>,
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
    /// Every prerequisite check passes (or does not apply).
    Met,
    /// None fails, but at least one cannot be verified from the answers.
    Unverified,
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
