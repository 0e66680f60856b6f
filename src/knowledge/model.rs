//! Validated knowledge types: once built, a topic cannot be missing text or cite an unknown source.

use serde::{Deserialize, Serialize};

use super::text::Str;

/// What sort of thing a topic describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    ArchitectureStyle,
    Pattern,
    Concept,
    Practice,
    AntiPattern,
}

impl Kind {
    pub fn label(self) -> &'static str {
        match self {
            Kind::ArchitectureStyle => "architecture style",
            Kind::Pattern => "pattern",
            Kind::Concept => "concept",
            Kind::Practice => "practice",
            Kind::AntiPattern => "anti-pattern",
        }
    }
}

/// The fixed vocabulary of practical concerns shared by topics and the assessment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ConcernId {
    Boundaries,
    Communication,
    Resilience,
    Data,
    Delivery,
    Testing,
    Observability,
    Security,
    Organisation,
    Cost,
    Migration,
}

impl ConcernId {
    pub fn label(self) -> &'static str {
        match self {
            ConcernId::Boundaries => "service boundaries",
            ConcernId::Communication => "communication",
            ConcernId::Resilience => "resilience",
            ConcernId::Data => "data ownership and consistency",
            ConcernId::Delivery => "delivery",
            ConcernId::Testing => "testing",
            ConcernId::Observability => "observability",
            ConcernId::Security => "security",
            ConcernId::Organisation => "organisation",
            ConcernId::Cost => "cost",
            ConcernId::Migration => "migration",
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(bound(deserialize = "'de: 'static"))]
pub struct Topic {
    pub id: Str,
    pub title: Str,
    pub kind: Kind,
    pub aliases: Vec<Str>,
    pub summary: Str,
    pub definition: Str,
    pub characteristics: Vec<Item>,
    pub advantages: Vec<Advantage>,
    pub disadvantages: Vec<Item>,
    pub misconceptions: Vec<Misconception>,
    pub concerns: Vec<Concern>,
    pub addresses: Vec<ConcernId>,
    pub when_to_use: Vec<Str>,
    pub when_not_to_use: Vec<Str>,
    pub profile: Option<Profile>,
    pub related: Vec<Str>,
    pub sources: Vec<Source>,
}

#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(bound(deserialize = "'de: 'static"))]
pub struct Item {
    pub title: Str,
    pub detail: Str,
    pub sources: Vec<Str>,
}

#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(bound(deserialize = "'de: 'static"))]
pub struct Advantage {
    pub title: Str,
    pub detail: Str,
    pub preconditions: Vec<Str>,
    pub sources: Vec<Str>,
}

#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(bound(deserialize = "'de: 'static"))]
pub struct Misconception {
    pub claim: Str,
    pub reality: Str,
    pub sources: Vec<Str>,
}

#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(bound(deserialize = "'de: 'static"))]
pub struct Concern {
    pub id: ConcernId,
    pub title: Str,
    pub detail: Str,
    pub practices: Vec<Str>,
    pub sources: Vec<Str>,
    pub topics: Vec<Str>,
}

#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(bound(deserialize = "'de: 'static"))]
pub struct Profile {
    pub team_size: Str,
    pub deployment_unit: Str,
    pub scaling: Str,
    pub data_consistency: Str,
    pub operational_cost: Str,
    pub testing: Str,
    pub failure_isolation: Str,
    pub choose_when: Str,
}

#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(bound(deserialize = "'de: 'static"))]
pub struct Source {
    pub key: Str,
    pub title: Str,
    pub author: Str,
    pub year: Option<u16>,
    pub url: Str,
}

/// One comparison dimension of a profile: its field name, its label, its value.
#[derive(Debug, Clone, Copy)]
pub struct ProfileRow<'a> {
    pub key: &'static str,
    pub label: &'static str,
    pub value: &'a str,
}

fn row<'a>(key: &'static str, label: &'static str, value: &'a str) -> ProfileRow<'a> {
    ProfileRow { key, label, value }
}

impl Profile {
    /// The fixed comparison dimensions, in the order `compare` shows them.
    pub fn rows(&self) -> [ProfileRow<'_>; 8] {
        [
            row("team_size", "Team size", &self.team_size),
            row("deployment_unit", "Unit of deployment", &self.deployment_unit),
            row("scaling", "Scaling", &self.scaling),
            row("data_consistency", "Data consistency", &self.data_consistency),
            row("operational_cost", "Operational cost", &self.operational_cost),
            row("testing", "Testing", &self.testing),
            row("failure_isolation", "Failure isolation", &self.failure_isolation),
            row("choose_when", "Choose it when", &self.choose_when),
        ]
    }
}

impl Topic {
    /// The id and every alias, the names a reader may type.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.id.as_str()).chain(self.aliases.iter().map(Str::as_str))
    }
}
