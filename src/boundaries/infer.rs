//! From history to the questionnaire's `boundary_changes` and `ownership`, by the bands in
//! `knowledge/assessment/history.yaml`, with the figures as the reason.

use std::collections::BTreeMap;

use super::report::{ModuleStats, RepositoryBoundaries};
use super::thresholds::Thresholds;
use crate::scan::{Confidence, Inferred};

/// The answers the repositories' history supports, pooled over every repository read.
pub(crate) fn answers(repos: &[RepositoryBoundaries], t: &Thresholds) -> Vec<Inferred> {
    let used: u64 = repos.iter().map(|r| r.history.commits_used).sum();
    let months = repos.iter().map(|r| r.history.months).fold(0.0, f64::max);
    let Some(mut confidence) = t.confidence(used, months) else { return Vec::new() };
    if repos.iter().any(|r| r.history.shallow) {
        confidence = Confidence::Low;
    }
    let evidence: Vec<String> = repos.iter().map(|r| r.repository.clone()).collect();
    let seen = format!("{used} commits over {months:.0} months");
    [boundary_changes(repos, t, &seen), ownership(repos, t, &seen)]
        .into_iter()
        .flatten()
        .map(|(question, choice, reason)| Inferred {
            question: question.to_string(),
            dimension: String::new(),
            choice: choice.to_string(),
            confidence,
            evidence: evidence.clone(),
            reason,
            evidence_total: evidence.len() as u64,
        })
        .collect()
}

fn boundary_changes(
    repos: &[RepositoryBoundaries],
    t: &Thresholds,
    seen: &str,
) -> Option<(&'static str, &'static str, String)> {
    let b = &t.boundary_changes;
    let judged: Vec<&RepositoryBoundaries> =
        repos.iter().filter(|r| r.modules.iter().filter(|m| m.commits > 0).count() >= b.min_modules).collect();
    let used: u64 = judged.iter().map(|r| r.history.commits_used).sum();
    let cross: u64 = judged.iter().map(|r| r.history.cross_module_commits).sum();
    if used == 0 {
        return None;
    }
    let ratio = cross as f64 / used as f64;
    let choice = if ratio >= b.constantly {
        "constantly"
    } else if ratio >= b.sometimes {
        "sometimes"
    } else {
        "rarely"
    };
    let modules: usize = judged.iter().map(|r| r.modules.len()).sum();
    let strongest = judged
        .iter()
        .flat_map(|r| r.couplings.first())
        .max_by(|a, b| a.degree.total_cmp(&b.degree))
        .map(|c| format!("; strongest coupling {} ~ {} ({:.0}%)", c.a, c.b, c.degree * 100.0))
        .unwrap_or_default();
    let reason = format!(
        "{:.1}% of commits change two or more of {modules} modules ({cross} of {seen}){strongest}; \
         bands: {:.0}% and above is \"constantly\", {:.0}% and above \"sometimes\"",
        ratio * 100.0,
        b.constantly * 100.0,
        b.sometimes * 100.0,
    );
    Some(("boundary_changes", choice, reason))
}

fn ownership(
    repos: &[RepositoryBoundaries],
    t: &Thresholds,
    seen: &str,
) -> Option<(&'static str, &'static str, String)> {
    let o = &t.ownership;
    let people: u64 = repos.iter().map(|r| r.history.people).max().unwrap_or(0);
    if people < o.min_people as u64 {
        return None;
    }
    let judged: Vec<&ModuleStats> = repos.iter().flat_map(|r| &r.modules).filter(|m| m.enough_history).collect();
    let mut shares: Vec<f64> = judged.iter().filter_map(|m| m.ownership).collect();
    if shares.len() < o.min_modules {
        return None;
    }
    shares.sort_by(f64::total_cmp);
    let median = if shares.len() % 2 == 1 {
        shares[shares.len() / 2]
    } else {
        (shares[shares.len() / 2 - 1] + shares[shares.len() / 2]) / 2.0
    };
    let mut owners: BTreeMap<&str, usize> = BTreeMap::new();
    for m in &judged {
        if let Some(a) = &m.main_author {
            *owners.entry(a.as_str()).or_default() += 1;
        }
    }
    let (top, owned) = owners.iter().max_by_key(|(_, n)| **n).map_or(("", 0), |(a, n)| (*a, *n));
    let one_owner = owned as f64 / judged.len() as f64 > o.max_modules_one_owner;
    let choice = if median >= o.clear_owners && !one_owner {
        "clear_owners"
    } else if median < o.unclear_owners {
        "unclear_owners"
    } else {
        "partly"
    };
    let common = if one_owner {
        format!("; {top} is the main author of {owned} of {} modules, so they share an owner", judged.len())
    } else {
        String::new()
    };
    let reason = format!(
        "the median module's main author made {:.0}% of its commits ({} modules, {people} people, {seen}){common}; \
         bands: {:.0}% and above is clear, below {:.0}% unclear; one person per module is a proxy for one team",
        median * 100.0,
        shares.len(),
        o.clear_owners * 100.0,
        o.unclear_owners * 100.0,
    );
    Some(("ownership", choice, reason))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::boundaries::report::{Clustering, HistorySummary};

    fn repo(used: u64, cross: u64, months: f64, people: u64, owners: &[(&str, f64)]) -> RepositoryBoundaries {
        let modules = owners
            .iter()
            .enumerate()
            .map(|(i, (who, share))| ModuleStats {
                name: format!("m{i}"),
                paths: Vec::new(),
                commits: 10,
                authors: 3,
                main_author: Some(who.to_string()),
                ownership: Some(*share),
                churn: 10,
                enough_history: true,
            })
            .collect();
        RepositoryBoundaries {
            repository: ".".into(),
            modules_from: "--module".into(),
            history: HistorySummary {
                commits_used: used,
                cross_module_commits: cross,
                months,
                people,
                ..Default::default()
            },
            modules,
            couplings: Vec::new(),
            clustering: Clustering::default(),
            inferred: Vec::new(),
            notes: Vec::new(),
        }
    }

    fn choices(r: RepositoryBoundaries) -> Vec<(String, String, Confidence)> {
        let t = super::super::thresholds::builtin().unwrap();
        answers(&[r], &t).into_iter().map(|i| (i.question, i.choice, i.confidence)).collect()
    }

    const SPREAD: &[(&str, f64)] = &[("a", 0.7), ("b", 0.8), ("c", 0.65)];

    #[test]
    fn cross_module_bands() {
        for (cross, choice) in [(40, "constantly"), (39, "sometimes"), (15, "sometimes"), (14, "rarely")] {
            let got = choices(repo(100, cross, 12.0, 5, SPREAD));
            assert_eq!(got[0].1, choice, "{cross} of 100");
        }
    }

    #[test]
    fn ownership_bands_and_one_common_owner() {
        let got = |owners: &[(&str, f64)]| choices(repo(100, 0, 12.0, 5, owners))[1].1.clone();
        assert_eq!(got(SPREAD), "clear_owners");
        assert_eq!(got(&[("a", 0.5), ("b", 0.4), ("c", 0.5)]), "partly");
        assert_eq!(got(&[("a", 0.2), ("b", 0.3), ("c", 0.34)]), "unclear_owners");
        assert_eq!(got(&[("a", 0.9), ("a", 0.9), ("c", 0.9)]), "partly", "one person owns two of three");
    }

    #[test]
    fn confidence_follows_how_much_history() {
        assert!(choices(repo(49, 10, 12.0, 5, SPREAD)).is_empty(), "under 50 commits nothing is inferred");
        assert_eq!(choices(repo(50, 10, 12.0, 5, SPREAD))[0].2, Confidence::Low);
        assert_eq!(choices(repo(300, 10, 6.0, 5, SPREAD))[0].2, Confidence::Medium);
        let mut shallow = repo(300, 10, 6.0, 5, SPREAD);
        shallow.history.shallow = true;
        assert_eq!(choices(shallow)[0].2, Confidence::Low, "a shallow clone lowers it");
        let few = choices(repo(100, 10, 12.0, 2, SPREAD));
        assert_eq!(few.len(), 1, "ownership needs three people: {few:?}");
    }
}
