//! From evidence to questionnaire answers, conservatively: a question is answered only when the
//! files say something about it, and the confidence says how much they say.

use std::collections::BTreeMap;

use super::Facts;
use super::report::{Confidence, Inferred};

/// At most this many evidence paths are kept per inferred answer.
pub const MAX_EVIDENCE: usize = 10;

/// Every (question, choices) the rules below can answer; tested against the questionnaire.
const ANSWERABLE: &[(&str, &[&str])] = &[
    ("ci", &["full", "partial"]),
    ("deployment", &["automated", "scripted"]),
    ("provisioning", &["hours"]),
    ("logs_tracing", &["aggregated_and_traced", "aggregated"]),
    ("monitoring", &["technical"]),
    ("shared_database", &["shared_schema", "separate"]),
    ("tech_diversity", &["none", "one_or_two", "many"]),
    ("engineers", &["up_to_5", "6_to_15", "16_to_50", "51_to_200", "over_200"]),
    // From history, by `boundaries` (bands in knowledge/assessment/history.yaml).
    ("boundary_changes", &["constantly", "sometimes", "rarely"]),
    ("ownership", &["unclear_owners", "partly", "clear_owners"]),
];

pub fn infer(f: &Facts) -> Vec<Inferred> {
    [
        ci(f),
        deployment(f),
        provisioning(f),
        logs_tracing(f),
        monitoring(f),
        shared_database(f),
        tech_diversity(f),
        engineers(f),
    ]
    .into_iter()
    .flatten()
    .chain(f.history_answers.iter().cloned())
    .collect()
}

fn answer(
    question: &str,
    choice: &str,
    confidence: Confidence,
    evidence: Vec<String>,
    reason: String,
) -> Option<Inferred> {
    debug_assert!(ANSWERABLE.iter().any(|(q, cs)| *q == question && cs.contains(&choice)), "{question}={choice}");
    let (evidence, evidence_total) = super::findings::ranked(evidence);
    Some(Inferred {
        question: question.into(),
        dimension: String::new(),
        choice: choice.into(),
        confidence,
        evidence,
        reason,
        evidence_total,
    })
}

fn ci(f: &Facts) -> Option<Inferred> {
    if f.ci.systems.is_empty() {
        return None;
    }
    let systems: Vec<&str> = f.ci.systems.keys().copied().collect();
    let configured = f.ci.systems.values().flatten().cloned();
    match &f.ci.tests {
        Some(tests) => {
            let evidence = tests.files.iter().cloned().chain(configured).collect();
            let (confidence, when) = if f.ci.tests_on_every_change {
                (Confidence::High, " on every push or pull request")
            } else {
                (Confidence::Medium, "; when it runs is configured outside the repository")
            };
            let runner = tests.files.first().map_or(systems[0], |file| super::ci::system_of(file, &f.ci.systems));
            let reason = format!("{runner} runs tests (`{}`){when}", tests.line);
            answer("ci", "full", confidence, evidence, reason)
        }
        None => {
            let confidence = if f.ci.builds.is_some() { Confidence::Medium } else { Confidence::Low };
            let reason = format!(
                "{} is configured, but none of its commands (or the scripts they call) runs tests",
                systems.join(" and ")
            );
            answer("ci", "partial", confidence, configured.collect(), reason)
        }
    }
}

fn deployment(f: &Facts) -> Option<Inferred> {
    if let Some(deploys) = &f.ci.deploys {
        let reason = format!("a CI job deploys on pushes, tags, releases or a schedule (`{}`)", deploys.line);
        return answer("deployment", "automated", Confidence::Medium, deploys.files.clone(), reason);
    }
    if !f.deploy.gitops.is_empty() {
        let reason = "a GitOps controller (Argo CD or Flux) deploys from the repository".to_string();
        return answer(
            "deployment",
            "automated",
            Confidence::Medium,
            f.deploy.gitops.iter().cloned().collect(),
            reason,
        );
    }
    if let Some(manual) = &f.ci.manual_deploys {
        let reason = format!("a CI pipeline deploys (`{}`), but only when started by hand", manual.line);
        return answer("deployment", "scripted", Confidence::Medium, manual.files.clone(), reason);
    }
    let as_code = f.deploy.as_code();
    if as_code.is_empty() {
        return None;
    }
    let reason = "deployment is described as code (Helm, Kubernetes, Terraform, Bicep, Pulumi or Serverless files), \
                  but nothing in the repository runs it on its own"
        .to_string();
    answer("deployment", "scripted", Confidence::Low, as_code.into_iter().cloned().collect(), reason)
}

fn provisioning(f: &Facts) -> Option<Inferred> {
    let iac: Vec<String> = f.deploy.terraform.iter().chain(&f.deploy.bicep).chain(&f.deploy.pulumi).cloned().collect();
    if iac.is_empty() {
        return None;
    }
    let reason = "infrastructure is code (Terraform, Bicep or Pulumi), which can provision an environment in hours; \
                  how long it takes in practice is not visible in files"
        .to_string();
    answer("provisioning", "hours", Confidence::Low, iac, reason)
}

/// Log aggregation and distributed tracing are separate facts: tracing alone answers nothing.
fn logs_tracing(f: &Facts) -> Option<Inferred> {
    let o = &f.observe;
    if !o.log_shippers.found() {
        return None;
    }
    let logs: Vec<&String> = o.log_shippers.names.iter().take(4).collect();
    let traced = o.opentelemetry.found() || o.tracers.found();
    let logs_evidence = o.log_shippers.evidence.iter().cloned();
    if traced {
        let tracers: Vec<&String> = o.opentelemetry.names.iter().chain(&o.tracers.names).take(4).collect();
        let evidence =
            logs_evidence.chain(o.opentelemetry.evidence.iter().cloned()).chain(o.tracers.evidence.iter().cloned());
        let reason = format!(
            "logs are shipped to a central store ({}) and requests are traced ({})",
            join(&logs),
            join(&tracers)
        );
        return answer("logs_tracing", "aggregated_and_traced", Confidence::Medium, evidence.collect(), reason);
    }
    let reason = format!("logs are shipped to a central store ({}); no distributed tracing found", join(&logs));
    answer("logs_tracing", "aggregated", Confidence::Medium, logs_evidence.collect(), reason)
}

fn monitoring(f: &Facts) -> Option<Inferred> {
    let o = &f.observe;
    // Alerting rules show technical monitoring most directly; metrics alone less so.
    let metrics: Vec<String> = o
        .alerting
        .evidence
        .iter()
        .chain(&o.prometheus_server.evidence)
        .chain(&o.prometheus_client.evidence)
        .cloned()
        .collect();
    if metrics.is_empty() {
        return None;
    }
    let (confidence, reason) = if o.alerting.found() {
        (Confidence::Medium, "Prometheus-style metrics with alerting rules; business signals cannot be seen in files")
    } else {
        (
            Confidence::Low,
            "metrics are exposed (Prometheus), but no alerting rules were found; business signals cannot be seen",
        )
    };
    answer("monitoring", "technical", confidence, metrics, reason.to_string())
}

fn shared_database(f: &Facts) -> Option<Inferred> {
    if let Some((db, users, files)) = f.coupling.shared_databases().next() {
        let users: Vec<&String> = users.iter().collect();
        let reason = format!("{} point at the same database ({db})", join(&users));
        return answer("shared_database", "shared_schema", Confidence::Medium, files.iter().cloned().collect(), reason);
    }
    let users: usize = f.coupling.databases.values().map(|(u, _)| u.len()).sum();
    if f.deployables.len() < 2 || f.coupling.databases.len() < 2 || users < 2 {
        return None;
    }
    let evidence = f.coupling.databases.values().flat_map(|(_, files)| files.iter().cloned()).collect();
    let reason = "each deployable that names a database names a different one".to_string();
    answer("shared_database", "separate", Confidence::Low, evidence, reason)
}

fn tech_diversity(f: &Facts) -> Option<Inferred> {
    let known: Vec<(&str, &str)> =
        f.deployables.iter().filter_map(|d| d.language.as_deref().map(|l| (d.name.as_str(), l))).collect();
    if known.len() < 2 {
        return None;
    }
    let mut by_language: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, language) in &known {
        *by_language.entry(language).or_default() += 1;
    }
    // Counted in stacks, not services: three services in each of two languages are two stacks.
    let (choice, confidence) = match by_language.len() {
        1 => ("none", Confidence::Low),
        2 | 3 => ("one_or_two", Confidence::Medium),
        _ => ("many", Confidence::Medium),
    };
    let languages: Vec<String> = by_language.iter().map(|(l, n)| format!("{l} ×{n}")).collect();
    let reason = format!(
        "{} deployables use {}; what is used shows diversity, not whether it is needed",
        known.len(),
        languages.join(", ")
    );
    let evidence = f.deployables.iter().filter(|d| d.language.is_some()).map(|d| d.path.clone()).collect();
    answer("tech_diversity", choice, confidence, evidence, reason)
}

fn engineers(f: &Facts) -> Option<Inferred> {
    let (count, confidence, window) = match (f.authors.last_90_days, f.authors.last_12_months) {
        (Some(n), _) if n > 0 => (n, Confidence::Medium, "the last 90 days"),
        (_, Some(n)) if n > 0 => (n, Confidence::Low, "the last 12 months (none in the last 90 days)"),
        _ => return None,
    };
    let choice = match count {
        0..=5 => "up_to_5",
        6..=15 => "6_to_15",
        16..=50 => "16_to_50",
        51..=200 => "51_to_200",
        _ => "over_200",
    };
    let reason = format!(
        "{count} distinct commit author(s) in {window} (bots left out, one person's addresses merged); \
         pairing, squash merges and people who do not commit undercount"
    );
    answer("engineers", choice, confidence, f.authors.repositories.clone(), reason)
}

fn join(items: &[&String]) -> String {
    items.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::ANSWERABLE;

    #[test]
    fn every_answerable_choice_is_in_the_questionnaire() {
        let q = crate::assess::builtin_questionnaire().unwrap();
        for (question, choices) in ANSWERABLE {
            let qi = q.question_index(question).unwrap_or_else(|| panic!("no question {question}"));
            for choice in *choices {
                assert!(q.questions[qi].choice_index(choice).is_some(), "{question} has no choice {choice}");
            }
        }
    }
}
