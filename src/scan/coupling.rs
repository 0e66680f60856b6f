//! Coupling between deployables: one database behind several of them, libraries vendored into
//! several places, and contract tests (Pact) that guard their interfaces.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::compose::{self, ComposeService};
use super::dburl;
use super::files::{Kind, VENDOR_DIRS};
use super::kube::KubeObject;
use super::manifests::{self, BuildUnit};
use super::report::Deployable;
use super::rules::images;
use super::rules::names::squash;
use super::walk::Tree;

mod aspire;
mod settings;

#[derive(Debug, Default)]
pub struct Coupling {
    /// Database (`scheme://host/name`) to the deployables that point at it, with evidence files.
    pub databases: BTreeMap<String, (BTreeSet<String>, BTreeSet<String>)>,
    /// Vendored library to the folders holding a copy.
    pub vendored: BTreeMap<String, BTreeSet<String>>,
    pub pact: BTreeSet<String>,
}

impl Coupling {
    /// Databases that two or more deployables point at.
    pub fn shared_databases(&self) -> impl Iterator<Item = (&String, &BTreeSet<String>, &BTreeSet<String>)> {
        self.databases.iter().filter(|(_, (users, _))| users.len() > 1).map(|(db, (users, files))| (db, users, files))
    }

    pub fn shared_vendored(&self) -> impl Iterator<Item = (&String, &BTreeSet<String>)> {
        self.vendored.iter().filter(|(_, dirs)| dirs.len() > 1)
    }
}

pub struct Inputs<'a> {
    pub root: &'a Path,
    pub tree: &'a Tree,
    pub compose: &'a [ComposeService],
    pub kube: &'a [KubeObject],
    pub builds: &'a [BuildUnit],
    pub deployables: &'a [Deployable],
}

pub fn detect(i: &Inputs<'_>) -> Coupling {
    let mut c = Coupling::default();
    let mut found: Vec<(String, String, String)> = Vec::new();
    for s in i
        .compose
        .iter()
        .filter(|s| s.build.is_some() || s.image.as_deref().is_some_and(|im| images::category(im).is_none()))
    {
        dburl::from_env(&s.env).into_iter().for_each(|db| found.push((db, s.name.clone(), s.file.clone())));
    }
    let config_maps = settings::config_maps(i.kube);
    for object in i.kube.iter().filter(|o| o.is_workload()) {
        let env = settings::workload_env(object, &config_maps);
        let mut dbs = dburl::from_env(&env);
        dbs.extend(dburl::in_text(&object.text));
        dbs.into_iter().for_each(|db| found.push((db, object.name.clone(), object.file.clone())));
    }
    for file in i.tree.texts.iter().filter(|t| settings::is_settings(t)) {
        let Some(owner) = owner(i.deployables, &file.rel) else { continue };
        let mut dbs = dburl::in_text(&file.text);
        dbs.extend(dburl::from_settings(&settings::flatten(&file.rel, &file.text)));
        dbs.extend(dburl::from_env(&compose::env_file_pairs(i.tree, &file.rel)));
        dbs.into_iter().for_each(|db| found.push((db, owner.name.clone(), file.rel.clone())));
    }
    for file in i.tree.texts.iter().filter(|t| t.kind == Kind::Config && t.rel.ends_with(".cs")) {
        aspire::references(&file.text)
            .into_iter()
            .for_each(|(db, project)| found.push((db, project, file.rel.clone())));
    }
    // Only deployables count as users: a database container's own settings name its database too.
    for (db, user, file) in found {
        let Some(user) = deployable(i.deployables, &user, &file) else { continue };
        let entry = c.databases.entry(db).or_default();
        entry.0.insert(user.to_string());
        entry.1.insert(file);
    }
    c.vendored = vendored(i.root, &i.tree.skipped_dirs);
    c.pact = pact(i.tree, i.builds);
    c
}

/// The deployable a Compose service or workload name stands for (same name without separators,
/// or the unit whose evidence is that file and which carries that name's image).
fn deployable<'a>(deployables: &'a [Deployable], name: &str, file: &str) -> Option<&'a str> {
    let squashed = squash(name);
    deployables
        .iter()
        .find(|d| squash(&d.name) == squashed)
        .or_else(|| {
            deployables.iter().find(|d| d.evidence.iter().any(|e| e == file) && squashed.contains(&squash(&d.name)))
        })
        .map(|d| d.name.as_str())
}

/// The deployable a settings file belongs to: the innermost whose folder holds it, or the one it
/// is named after (`account-service.yml` in a configuration server); none for the root when
/// there are several.
fn owner<'a>(deployables: &'a [Deployable], rel: &str) -> Option<&'a Deployable> {
    let (_, name) = manifests::split(rel);
    let stem = squash(name.split('.').next().unwrap_or(name));
    if let Some(named) = deployables.iter().find(|d| squash(&d.name) == stem) {
        return Some(named);
    }
    let found = deployables.iter().filter(|d| manifests::contains(&d.path, rel)).max_by_key(|d| d.path.len())?;
    (found.path != "." || deployables.len() == 1).then_some(found)
}

/// Libraries in `vendor/` and `third_party/` folders: their top folders, or `host/org/repo` for Go.
fn vendored(root: &Path, skipped: &[String]) -> BTreeMap<String, BTreeSet<String>> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for dir in skipped.iter().filter(|d| VENDOR_DIRS.contains(&manifests::dir_name(d))) {
        for lib in libraries(&root.join(dir), 0) {
            out.entry(lib).or_default().insert(dir.clone());
        }
    }
    out
}

fn libraries(dir: &Path, depth: usize) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut out = Vec::new();
    for entry in entries.flatten() {
        // `file_type` does not follow links, so a link out of the root is never entered.
        if !entry.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        let name = entry.file_name().to_string_lossy().into_owned();
        // Go vendors by import path: descend `host/org/` to the repository folder.
        if (depth == 0 && name.contains('.')) || depth == 1 {
            out.extend(libraries(&entry.path(), depth + 1).into_iter().map(|sub| format!("{name}/{sub}")));
        } else {
            out.push(name);
        }
    }
    out
}

fn pact(tree: &Tree, builds: &[BuildUnit]) -> BTreeSet<String> {
    let mut out: BTreeSet<String> = builds
        .iter()
        .filter(|u| {
            u.deps.iter().any(|d| d.split(|c: char| !c.is_ascii_alphanumeric()).any(|t| t == "pact" || t == "pactnet"))
        })
        .map(|u| u.manifests[0].clone())
        .collect();
    // One searcher for every path rather than one made per path (this runs on one thread after
    // the walk, over every file).
    let pacts = memchr::memmem::Finder::new("pacts/");
    for rel in tree.files.iter().map(|f| &f.rel) {
        let Some(at) = pacts.find(rel.as_bytes()) else { continue };
        if at == 0 || rel.as_bytes()[at - 1] == b'/' {
            out.insert(rel.clone());
        }
    }
    out
}
