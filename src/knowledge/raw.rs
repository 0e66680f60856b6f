//! Topic files exactly as written: serde structs that only parse; `model` validates them.

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::model::{ConcernId, Kind};

pub type Text = Spanned<String>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTopic {
    pub id: Text,
    pub title: Text,
    pub kind: Kind,
    #[serde(default)]
    pub aliases: Vec<Text>,
    pub summary: Text,
    pub definition: Text,
    #[serde(default)]
    pub characteristics: Vec<RawItem>,
    #[serde(default)]
    pub advantages: Vec<RawAdvantage>,
    #[serde(default)]
    pub disadvantages: Vec<RawItem>,
    #[serde(default)]
    pub misconceptions: Vec<RawMisconception>,
    #[serde(default)]
    pub concerns: Vec<RawConcern>,
    #[serde(default)]
    pub addresses: Vec<ConcernId>,
    #[serde(default)]
    pub when_to_use: Vec<Text>,
    #[serde(default)]
    pub when_not_to_use: Vec<Text>,
    pub profile: Option<RawProfile>,
    #[serde(default)]
    pub related: Vec<Text>,
    pub sources: Vec<RawSource>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawItem {
    pub title: Text,
    pub detail: Text,
    #[serde(default)]
    pub sources: Vec<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAdvantage {
    pub title: Text,
    pub detail: Text,
    pub preconditions: Vec<Text>,
    #[serde(default)]
    pub sources: Vec<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMisconception {
    pub claim: Text,
    pub reality: Text,
    #[serde(default)]
    pub sources: Vec<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawConcern {
    pub id: ConcernId,
    pub title: Text,
    pub detail: Text,
    pub practices: Vec<Text>,
    #[serde(default)]
    pub sources: Vec<Text>,
    #[serde(default)]
    pub topics: Vec<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawProfile {
    pub team_size: Text,
    pub deployment_unit: Text,
    pub scaling: Text,
    pub data_consistency: Text,
    pub operational_cost: Text,
    pub testing: Text,
    pub failure_isolation: Text,
    pub choose_when: Text,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    pub key: Text,
    pub title: Text,
    pub author: Text,
    pub year: Option<u16>,
    pub url: Text,
}
