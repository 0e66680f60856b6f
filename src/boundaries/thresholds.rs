//! The figures behind `boundaries` and its inferences, read from
//! `knowledge/assessment/history.yaml` (embedded), optionally overridden by a knowledge pack's
//! `assessment/history.yaml`, and checked once.

mod raw;

use serde::Deserialize;

use crate::error::{Diagnostic, Error, Result};
use crate::scan::Confidence;

const FILE: &str = "knowledge/assessment/history.yaml";
const TEXT: &str = include_str!("../../knowledge/assessment/history.yaml");

/// The thresholds in use: built in, or with a pack's values over them.
#[derive(Debug, Clone)]
pub struct Thresholds {
    pub(crate) defaults: Defaults,
    pub(crate) confidence: Vec<ConfidenceBand>,
    pub(crate) boundary_changes: BoundaryChanges,
    pub(crate) ownership: Ownership,
}

#[derive(Debug, Clone)]
pub(crate) struct Defaults {
    pub window_months: u32,
    pub bulk_limit: usize,
    pub min_module_commits: u32,
    pub min_shared_commits: u32,
    pub min_degree: f64,
}

#[derive(Debug, Clone)]
pub(crate) struct ConfidenceBand {
    pub min_commits: u64,
    pub min_months: f64,
    pub level: Level,
}

/// The confidences history can earn: never high, since it shows what people did, not what they intend.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Level {
    Low,
    Medium,
}

#[derive(Debug, Clone)]
pub(crate) struct BoundaryChanges {
    pub min_modules: usize,
    pub constantly: f64,
    pub sometimes: f64,
}

#[derive(Debug, Clone)]
pub(crate) struct Ownership {
    pub min_people: usize,
    pub min_modules: usize,
    pub clear_owners: f64,
    pub unclear_owners: f64,
    pub max_modules_one_owner: f64,
}

/// The built-in thresholds; a broken file is a bug in this build.
pub fn builtin() -> Result<Thresholds> {
    load(None).map_err(Error::InvalidBuiltin)
}

/// The built-in thresholds with the values a pack's file (`file`, holding `text`) sets over them;
/// the problems of the pack's file, each where its value is written.
pub fn with_pack(file: &str, text: &str) -> std::result::Result<Thresholds, Vec<Diagnostic>> {
    load(Some((file, text)))
}

fn load(pack: Option<(&str, &str)>) -> std::result::Result<Thresholds, Vec<Diagnostic>> {
    let builtin: raw::Raw = crate::yaml::parse(FILE, TEXT).map_err(|d| vec![d])?;
    let pack = match pack {
        Some((file, text)) => Some((file, raw::parse(file, text).map_err(|d| vec![d])?)),
        None => None,
    };
    raw::merge(pack, (FILE, builtin))
}

impl Thresholds {
    /// The confidence `commits` over `months` of history earn, if any.
    pub(crate) fn confidence(&self, commits: u64, months: f64) -> Option<Confidence> {
        self.confidence.iter().find(|b| commits >= b.min_commits && months >= b.min_months).map(|b| match b.level {
            Level::Low => Confidence::Low,
            Level::Medium => Confidence::Medium,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<String> {
        with_pack("p.yaml", text).unwrap_err().iter().map(ToString::to_string).collect()
    }

    #[test]
    fn the_builtin_file_is_valid() {
        let t = builtin().unwrap();
        assert_eq!(t.defaults.bulk_limit, 30);
        assert_eq!(t.confidence(1000, 12.0), Some(Confidence::Medium));
        assert_eq!(t.confidence(60, 2.0), Some(Confidence::Low));
        assert_eq!(t.confidence(10, 12.0), None);
    }

    #[test]
    fn a_pack_sets_some_values_and_keeps_the_rest() {
        let t = with_pack("p.yaml", "boundary_changes:\n  sometimes: 0.05\n").unwrap();
        assert_eq!((t.boundary_changes.sometimes, t.boundary_changes.constantly), (0.05, 0.40));
        assert_eq!(t.defaults.window_months, 12);
        let t = with_pack("p.yaml", "confidence:\n  - {min_commits: 5, min_months: 0, level: low}\n").unwrap();
        assert_eq!(t.confidence(5, 0.0), Some(Confidence::Low));
        assert_eq!(t.confidence(10_000, 24.0), Some(Confidence::Low), "the pack's list replaces the built-in one");
        let whole = with_pack("p.yaml", TEXT).unwrap();
        assert_eq!(whole.ownership.clear_owners, 0.60);
        assert!(with_pack("p.yaml", "# nothing set\n").is_ok());
    }

    #[test]
    fn bad_values_are_refused_where_they_are_written() {
        assert_eq!(
            problems("boundary_changes:\n  sometimes: 0.55\n"),
            ["p.yaml:2:14: boundary_changes.sometimes (0.55) must be below boundary_changes.constantly (0.4)"]
        );
        assert_eq!(
            problems("ownership:\n  clear_owners: 1.5\n"),
            ["p.yaml:2:17: ownership.clear_owners is a share: give a number from 0 to 1, not 1.5"]
        );
        assert_eq!(
            problems("defaults:\n  window_months: 0\n  bulk_limit: 1\n"),
            [
                "p.yaml:2:18: defaults.window_months must be from 1 to 1200 (100 years), not 0",
                "p.yaml:3:15: defaults.bulk_limit must be at least 2 (a commit of one file cannot couple), not 1"
            ]
        );
        let order = problems(
            "confidence:\n  - {min_commits: 50, min_months: 1, level: low}\n  - {min_commits: 300, min_months: 6, level: medium}\n",
        );
        assert_eq!(order.len(), 1, "{order:?}");
        assert!(order[0].starts_with("p.yaml:3:19: ") && order[0].contains("most demanding"), "{order:?}");
        assert!(problems("confidence: []\n")[0].starts_with("p.yaml:1:13: confidence needs at least one band"));
        let nan = problems("ownership:\n  unclear_owners: .nan\n");
        assert!(nan[0].starts_with("p.yaml:2:19: ownership.unclear_owners is a share"), "{nan:?}");
    }

    #[test]
    fn a_file_that_is_not_thresholds_is_refused_with_its_location() {
        let unknown = problems("defaults:\n  window: 3\n");
        assert!(unknown[0].starts_with("p.yaml:2:3: ") && unknown[0].contains("unknown field `window`"), "{unknown:?}");
        let negative = problems("ownership:\n  min_people: -1\n");
        assert_eq!(negative, ["p.yaml:2:15: ownership.min_people must be at least 1, not -1"]);
        let null = problems("defaults:\n  window_months: ~\n");
        assert!(null[0].starts_with("p.yaml:2:") && null[0].contains("a value is needed"), "{null:?}");
        let word = problems("ownership:\n  clear_owners: most\n");
        assert_eq!(word, ["p.yaml:2:17: a number is needed here"]);
        let level = problems("confidence:\n  - {min_commits: 5, min_months: 0, level: high}\n");
        assert!(level[0].starts_with("p.yaml:2:") && level[0].contains("high"), "{level:?}");
    }
}
