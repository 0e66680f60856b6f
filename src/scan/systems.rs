//! A folder of repositories: each repository scanned as a system of its own, with its own CI
//! (which lives in that repository's root) and deployables.

use std::path::Path;

use super::report::{Inferred, SystemSummary};
use super::walk::{FileRec, TextFile, Tree};
use super::{files, infer};
use crate::assess::Questionnaire;

/// At most this many repositories are scanned one by one.
pub const MAX_SYSTEMS: usize = 500;

/// The repositories below the root, when the root is not one itself and holds two or more.
pub fn repositories(tree: &Tree, root_is_repository: bool) -> Vec<String> {
    if root_is_repository {
        return Vec::new();
    }
    let found: Vec<String> = tree.repositories.iter().filter(|r| *r != ".").take(MAX_SYSTEMS).cloned().collect();
    if found.len() >= 2 { found } else { Vec::new() }
}

/// The part of the tree inside `dir`, with paths relative to it and file kinds decided again
/// (a repository's `.github/workflows` is CI only from its own root).
pub fn subtree(tree: &Tree, dir: &str) -> Tree {
    let prefix = format!("{dir}/");
    let mut sub = Tree::default();
    sub.files = tree
        .files
        .iter()
        .filter_map(|f| f.rel.strip_prefix(&prefix).map(|rel| FileRec { rel: rel.to_string(), ..f.clone() }))
        .collect();
    sub.texts = tree
        .texts
        .iter()
        .filter_map(|t| {
            let rel = t.rel.strip_prefix(&prefix)?;
            let name = rel.rsplit('/').next().unwrap_or(rel);
            let kind = files::kind(rel, name).unwrap_or(t.kind);
            Some(TextFile { rel: rel.to_string(), kind, text: t.text.clone() })
        })
        .collect();
    sub.skipped_dirs = tree.skipped_dirs.iter().filter_map(|d| d.strip_prefix(&prefix).map(str::to_string)).collect();
    sub.files_seen = sub.files.len() as u64;
    sub
}

/// One repository's summary: its deployables, CI systems and inferred answers.
pub fn summary(root: &Path, dir: &str, tree: Tree, q: &Questionnaire) -> SystemSummary {
    let facts = super::detect(&root.join(dir), tree);
    let inferred = infer::infer(&facts).into_iter().filter_map(|i| super::placed(q, i)).collect();
    SystemSummary {
        path: dir.to_string(),
        deployables: facts.deployables.iter().map(|d| d.name.clone()).collect(),
        ci_systems: facts.ci.systems.keys().map(|s| s.to_string()).collect(),
        inferred,
    }
}

/// The answers every system gives alike, at the lowest confidence any of them has, with the
/// systems as evidence. A system that says nothing about a question is not taken as agreeing (a
/// repository without CI does not share its neighbour's tested CI).
pub fn agreed(systems: &[SystemSummary]) -> Vec<Inferred> {
    let mut out: Vec<Inferred> = Vec::new();
    let answers = systems.iter().flat_map(|s| s.inferred.iter().map(move |i| (s.path.as_str(), i)));
    let mut questions: Vec<&str> = answers.clone().map(|(_, i)| i.question.as_str()).collect();
    questions.sort();
    questions.dedup();
    for question in questions {
        let given: Vec<(&str, &Inferred)> = answers.clone().filter(|(_, i)| i.question == question).collect();
        let Some((_, first)) = given.first() else { continue };
        if given.len() < systems.len() || given.iter().any(|(_, i)| i.choice != first.choice) {
            continue;
        }
        let paths: Vec<String> = given.iter().map(|(p, _)| p.to_string()).collect();
        let confidence = given.iter().map(|(_, i)| i.confidence).min().unwrap_or(first.confidence);
        let (evidence, evidence_total) = super::findings::ranked(paths.iter().cloned());
        out.push(Inferred {
            question: first.question.clone(),
            dimension: first.dimension.clone(),
            choice: first.choice.clone(),
            confidence,
            evidence,
            reason: format!("all {} systems give this answer: {}", systems.len(), first.reason),
            evidence_total,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan::report::Confidence;

    fn system(path: &str, choice: &str, confidence: Confidence) -> SystemSummary {
        let answer = Inferred {
            question: "ci".into(),
            dimension: "delivery".into(),
            choice: choice.into(),
            confidence,
            evidence: vec![".github/workflows/ci.yml".into()],
            reason: "runs tests".into(),
            evidence_total: 1,
        };
        SystemSummary { path: path.into(), deployables: Vec::new(), ci_systems: Vec::new(), inferred: vec![answer] }
    }

    #[test]
    fn only_answers_all_systems_give_alike_are_kept() {
        let alike = [system("a", "full", Confidence::High), system("b", "full", Confidence::Medium)];
        let kept = agreed(&alike);
        assert_eq!(kept.len(), 1);
        assert_eq!(
            (kept[0].confidence, kept[0].evidence.as_slice()),
            (Confidence::Medium, ["a".to_string(), "b".to_string()].as_slice())
        );
        assert!(agreed(&[system("a", "full", Confidence::High), system("b", "partial", Confidence::High)]).is_empty());
    }
}
