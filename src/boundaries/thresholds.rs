//! The figures behind `boundaries` and its inferences, read from
//! `knowledge/assessment/history.yaml` (embedded) and checked once.

use serde::Deserialize;

use crate::error::{Diagnostic, Error, Result};
use crate::scan::Confidence;

const FILE: &str = "knowledge/assessment/history.yaml";
const TEXT: &str = include_str!("../../knowledge/assessment/history.yaml");

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Thresholds {
    pub defaults: Defaults,
    pub confidence: Vec<ConfidenceBand>,
    pub boundary_changes: BoundaryChanges,
    pub ownership: Ownership,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Defaults {
    pub window_months: u32,
    pub bulk_limit: usize,
    pub min_module_commits: u32,
    pub min_shared_commits: u32,
    pub min_degree: f64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
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

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct BoundaryChanges {
    pub min_modules: usize,
    pub constantly: f64,
    pub sometimes: f64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Ownership {
    pub min_people: usize,
    pub min_modules: usize,
    pub clear_owners: f64,
    pub unclear_owners: f64,
    pub max_modules_one_owner: f64,
}

/// The built-in thresholds; a broken file is a bug in this build.
pub(crate) fn builtin() -> Result<Thresholds> {
    parse(FILE, TEXT).map_err(Error::InvalidBuiltin)
}

fn parse(file: &str, text: &str) -> std::result::Result<Thresholds, Vec<Diagnostic>> {
    let t: Thresholds = crate::yaml::parse(file, text).map_err(|d| vec![d])?;
    let mut problems = Vec::new();
    let mut check = |ok: bool, what: &str| {
        if !ok {
            problems.push(Diagnostic::new(file, what.to_string()));
        }
    };
    let share = |x: f64| (0.0..=1.0).contains(&x);
    let d = &t.defaults;
    check(d.window_months > 0, "defaults.window_months must be at least 1");
    check(d.bulk_limit >= 2, "defaults.bulk_limit must be at least 2 (a commit of one file cannot couple)");
    check(share(d.min_degree), "defaults.min_degree must be between 0 and 1");
    check(!t.confidence.is_empty(), "confidence needs at least one band");
    check(
        t.confidence.windows(2).all(|w| w[0].min_commits >= w[1].min_commits && w[0].level >= w[1].level),
        "confidence bands must go from the most demanding to the least",
    );
    let b = &t.boundary_changes;
    check(share(b.constantly) && share(b.sometimes), "boundary_changes bands must be between 0 and 1");
    check(b.sometimes < b.constantly, "boundary_changes.sometimes must be below constantly");
    let o = &t.ownership;
    check(share(o.clear_owners) && share(o.unclear_owners), "ownership bands must be between 0 and 1");
    check(o.unclear_owners < o.clear_owners, "ownership.unclear_owners must be below clear_owners");
    check(share(o.max_modules_one_owner), "ownership.max_modules_one_owner must be between 0 and 1");
    if problems.is_empty() { Ok(t) } else { Err(problems) }
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

    #[test]
    fn the_builtin_file_is_valid() {
        let t = builtin().unwrap();
        assert_eq!(t.defaults.bulk_limit, 30);
        assert_eq!(t.confidence(1000, 12.0), Some(Confidence::Medium));
        assert_eq!(t.confidence(60, 2.0), Some(Confidence::Low));
        assert_eq!(t.confidence(10, 12.0), None);
    }

    #[test]
    fn bands_out_of_order_are_refused() {
        let bad = TEXT.replace("sometimes: 0.15", "sometimes: 0.55");
        let problems = parse("x.yaml", &bad).unwrap_err();
        assert!(problems[0].message.contains("sometimes must be below"), "{problems:?}");
    }
}
