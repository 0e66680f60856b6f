//! Deployables: code from this repository that runs as a long-lived service, worker or scheduled
//! job. Every candidate (Dockerfile, Compose service, Skaffold artifact, Kubernetes workload, and,
//! when there are no containers, a program's build manifest) is classified, the same unit seen in
//! several places is merged by Dockerfile, build context and image name, and what is not a
//! deployable is kept with the reason.

mod candidates;

use std::collections::BTreeMap;

use super::compose::ComposeService;
use super::kube::KubeObject;
use super::manifests::BuildUnit;
use super::report::{Deployable, Excluded};
use super::rules::images::{self, Category};
use super::rules::names;
use super::skaffold::Artifact;
use super::walk::Tree;

/// Deployables and the candidates left out, both sorted by path.
#[derive(Debug, Default)]
pub struct Units {
    pub deployables: Vec<Deployable>,
    pub excluded: Vec<Excluded>,
}

/// Why a candidate is not a deployable: a category id and the reason in words.
#[derive(Debug, Clone)]
pub struct Exclusion {
    pub category: &'static str,
    pub reason: String,
}

impl Exclusion {
    pub fn new(category: &'static str, reason: impl Into<String>) -> Self {
        Exclusion { category, reason: reason.into() }
    }

    pub fn of(category: Category, what: &str) -> Self {
        Exclusion::new(category.id(), what)
    }
}

/// A candidate while candidates are merged.
#[derive(Debug, Clone)]
pub struct Unit {
    pub name: String,
    /// The folder whose code it runs (a Dockerfile's folder, a build context), or the declaring file.
    pub path: String,
    /// The build context, for the language when the Dockerfile's folder holds no code.
    pub context: Option<String>,
    /// The folder name it would have without a Compose service name.
    pub dir_name: String,
    pub kinds: Vec<String>,
    pub evidence: Vec<String>,
    /// Image repositories it is known by.
    pub images: Vec<String>,
    pub built_here: bool,
    pub named_by_compose: bool,
    pub exclusion: Option<Exclusion>,
}

impl Unit {
    pub fn new(name: &str, path: &str, kind: &str, evidence: &str, built_here: bool) -> Self {
        let mut unit = Unit::blank(name, path, built_here);
        unit.absorb(kind, evidence, None);
        unit
    }

    /// A unit with no declaration yet; the caller absorbs the ones that show it.
    pub fn blank(name: &str, path: &str, built_here: bool) -> Self {
        Unit {
            name: name.to_string(),
            path: path.to_string(),
            context: None,
            dir_name: name.to_string(),
            kinds: Vec::new(),
            evidence: Vec::new(),
            images: Vec::new(),
            built_here,
            named_by_compose: false,
            exclusion: None,
        }
    }

    pub fn absorb(&mut self, kind: &str, evidence: &str, image: Option<&str>) {
        self.kinds.push(kind.to_string());
        self.evidence.push(evidence.to_string());
        if let Some(image) = image {
            self.images.push(images::repository(image));
        }
    }
}

pub struct Inputs<'a> {
    pub tree: &'a Tree,
    pub compose: &'a [ComposeService],
    pub kube: &'a [KubeObject],
    pub skaffold: &'a [Artifact],
    pub builds: &'a [BuildUnit],
    /// Names a unit built from the root folder.
    pub root_name: &'a str,
}

pub fn deployables(i: &Inputs<'_>) -> Units {
    let mut units: BTreeMap<String, Unit> = BTreeMap::new();
    candidates::dockerfiles(i, &mut units);
    candidates::builds(i, &mut units);
    candidates::compose_images(i, &mut units);
    candidates::kubernetes(i, &mut units);
    if !units.values().any(|u| u.exclusion.is_none()) {
        candidates::programs(i, &mut units);
    }
    finish(i, units)
}

fn finish(i: &Inputs<'_>, units: BTreeMap<String, Unit>) -> Units {
    let mut units: Vec<Unit> = units.into_values().collect();
    unique_names(&mut units);
    let mut out = Units::default();
    for mut unit in units {
        unit.kinds.sort();
        dedup(&mut unit.kinds);
        dedup(&mut unit.evidence);
        match unit.exclusion.take() {
            Some(why) => out.excluded.push(Excluded {
                name: unit.name,
                path: unit.path,
                category: why.category.to_string(),
                reason: why.reason,
                evidence: unit.evidence,
            }),
            None => {
                let language = language(i.tree, i.builds, &unit);
                out.deployables.push(Deployable {
                    name: unit.name,
                    path: unit.path,
                    kinds: unit.kinds,
                    language,
                    evidence: unit.evidence,
                    built_here: unit.built_here,
                });
            }
        }
    }
    out.deployables.sort_by(|a, b| a.path.cmp(&b.path).then_with(|| a.name.cmp(&b.name)));
    out.excluded.sort_by(|a, b| a.path.cmp(&b.path).then_with(|| a.name.cmp(&b.name)));
    out
}

/// Two units with one name (a Compose service called after another folder) go back to their
/// folder names.
fn unique_names(units: &mut [Unit]) {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for unit in units.iter().filter(|u| u.exclusion.is_none()) {
        *seen.entry(unit.name.clone()).or_default() += 1;
    }
    for unit in units.iter_mut().filter(|u| u.exclusion.is_none() && u.named_by_compose) {
        if seen.get(&unit.name).is_some_and(|n| *n > 1) {
            unit.name = unit.dir_name.clone();
        }
    }
}

fn dedup(items: &mut Vec<String>) {
    let mut seen = std::collections::BTreeSet::new();
    items.retain(|x| seen.insert(x.clone()));
}

/// The service a folder holds, named after the nearest folder that is not generic (`src`, `docker`,
/// `kubernetes`...), or the repository for the root.
pub fn service_name(dir: &str, root_name: &str) -> String {
    dir.rsplit('/')
        .find(|part| !names::GENERIC_DIRS.contains(&part.to_ascii_lowercase().as_str()))
        .unwrap_or(root_name)
        .to_string()
}

/// The main programming language of a unit: most lines in its folder, else in its build context,
/// else its build manifest's.
fn language(tree: &Tree, builds: &[BuildUnit], unit: &Unit) -> Option<String> {
    if tree.has_file(&unit.path) {
        return None;
    }
    let dirs = std::iter::once(unit.path.as_str()).chain(unit.context.as_deref());
    for dir in dirs {
        // A build manifest beside the code says which languages are the service's own (a Maven
        // module's Java, not the JavaScript of its static pages).
        let family = manifest_in(builds, dir).map(|b| family(b.ecosystem)).filter(|f| !f.is_empty());
        let mut lines: BTreeMap<&str, u64> = BTreeMap::new();
        for file in tree.files_under(dir) {
            let wanted = |l: &&str| is_programming(l) && family.is_none_or(|f| f.contains(l));
            if let Some(lang) = file.lang.filter(wanted) {
                *lines.entry(lang).or_default() += file.lines.unwrap_or(0).max(1);
            }
        }
        if let Some((lang, _)) = lines.into_iter().max_by_key(|(_, n)| *n) {
            return Some(lang.to_string());
        }
    }
    builds
        .iter()
        .find(|b| b.dir == unit.path || Some(&b.dir) == unit.context.as_ref())
        .map(|b| default_language(b.ecosystem).to_string())
}

pub fn is_programming(language: &str) -> bool {
    !matches!(
        language,
        "YAML"
            | "TOML"
            | "Markdown"
            | "HTML"
            | "CSS"
            | "SQL"
            | "Shell"
            | "Dockerfile"
            | "Makefile"
            | "HCL"
            | "Protocol Buffers"
    )
}

/// The languages a build system compiles; empty when any may be its own.
fn family(ecosystem: &str) -> &'static [&'static str] {
    match ecosystem {
        "maven" | "gradle" => &["Java", "Kotlin", "Scala", "Groovy"],
        "dotnet" => &["C#", "F#"],
        "go" => &["Go"],
        "cargo" => &["Rust"],
        "python" => &["Python"],
        "ruby" => &["Ruby"],
        "elixir" => &["Elixir", "Erlang"],
        _ => &[],
    }
}

fn default_language(ecosystem: &str) -> &'static str {
    match ecosystem {
        "cargo" => "Rust",
        "npm" => "JavaScript",
        "go" => "Go",
        "maven" | "gradle" => "Java",
        "python" => "Python",
        "ruby" => "Ruby",
        "dotnet" => "C#",
        "elixir" => "Elixir",
        _ => "PHP",
    }
}

/// The build manifest in `dir` itself, if any.
pub fn manifest_in<'a>(builds: &'a [BuildUnit], dir: &str) -> Option<&'a BuildUnit> {
    builds.iter().find(|b| b.dir == dir && !b.grouping_only)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn services_are_named_after_the_nearest_telling_folder() {
        assert_eq!(service_name("src/Services/Basket/Basket.API", "repo"), "Basket.API");
        assert_eq!(service_name("services/orders/src", "repo"), "orders");
        assert_eq!(service_name("deploy/kubernetes", "shop"), "shop");
        assert_eq!(service_name(".", "shop"), "shop");
    }
}
