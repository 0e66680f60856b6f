//! Each kind of candidate deployable, classified and merged into the units found so far.

use std::collections::BTreeMap;

use super::{Exclusion, Inputs, Unit, manifest_in, service_name};
use crate::scan::files::{self, Kind};
use crate::scan::manifests;
use crate::scan::rules::images::{self, Category};
use crate::scan::rules::names::{self, squash};

type Units = BTreeMap<String, Unit>;

/// How many Compose services and Skaffold artifacts build with each Dockerfile.
fn dockerfile_uses(i: &Inputs<'_>) -> BTreeMap<String, usize> {
    let mut uses: BTreeMap<String, usize> = BTreeMap::new();
    let compose = i.compose.iter().filter_map(|s| s.dockerfile.clone());
    let skaffold = i.skaffold.iter().filter_map(|a| a.dockerfile.clone());
    for dockerfile in compose.chain(skaffold) {
        *uses.entry(dockerfile).or_default() += 1;
    }
    uses
}

/// Where a build is merged: its Dockerfile, unless several services share that file.
fn build_key(uses: &BTreeMap<String, usize>, dockerfile: Option<&str>, context: &str) -> String {
    match dockerfile {
        Some(d) if uses.get(d).copied().unwrap_or(0) <= 1 => d.to_string(),
        Some(d) => format!("{context}#{d}"),
        None => context.to_string(),
    }
}

pub fn dockerfiles(i: &Inputs<'_>, units: &mut Units) {
    let uses = dockerfile_uses(i);
    for file in i.tree.texts.iter().filter(|t| t.kind == Kind::Dockerfile && !files::incidental(&t.rel)) {
        let (dir, file_name) = manifests::split(&file.rel);
        let suffix = suffix(file_name);
        let own_name = !suffix.is_empty() && !names::VARIANTS.contains(&suffix.as_str());
        let name = if own_name { suffix.clone() } else { folder_name(i, dir) };
        let mut unit = Unit::new(&name, dir, "dockerfile", &file.rel, true);
        // A shared Dockerfile that builds a datastore makes every service built with it one.
        unit.exclusion = dockerfile_exclusion(i, dir, file_name, &suffix, &file.text).or_else(|| {
            (uses.get(&file.rel).copied().unwrap_or(0) > 1).then(|| {
                let why = "a Dockerfile several services build with; each of them is counted instead";
                Exclusion::new("shared_dockerfile", why)
            })
        });
        units.insert(file.rel.clone(), unit);
    }
}

/// A unit's name from its folder; a generic folder (the root, `src`) takes the name of the build
/// manifest in it (`artifactId`, package name), else the nearest telling folder above.
fn folder_name(i: &Inputs<'_>, dir: &str) -> String {
    let last = manifests::dir_name(dir).to_ascii_lowercase();
    if names::GENERIC_DIRS.contains(&last.as_str())
        && let Some(unit) = manifest_in(i.builds, dir)
        && !names::GENERIC_DIRS.contains(&unit.name.to_ascii_lowercase().as_str())
    {
        return unit.name.clone();
    }
    service_name(dir, i.root_name)
}

/// What a Dockerfile's name adds to `Dockerfile`: `debug` for `Dockerfile.debug`, `api` for
/// `api.dockerfile`, `barista` for `Dockerfile-barista`; empty for a plain `Dockerfile`.
fn suffix(file_name: &str) -> String {
    let lower = file_name.to_ascii_lowercase();
    if let Some(stem) = lower.strip_suffix(".dockerfile") {
        return stem.to_string();
    }
    let rest = lower.strip_prefix("dockerfile").or_else(|| lower.strip_prefix("containerfile")).unwrap_or("");
    rest.trim_start_matches(['.', '-', '_']).to_string()
}

fn dockerfile_exclusion(i: &Inputs<'_>, dir: &str, file_name: &str, suffix: &str, text: &str) -> Option<Exclusion> {
    if names::VARIANTS.contains(&suffix) {
        return Some(Exclusion::new("variant", format!("a {suffix} variant of a Dockerfile")));
    }
    let plain_beside = i.tree.has_file(&manifests::join(dir, "Dockerfile"));
    if names::ALTERNATES.contains(&suffix) && plain_beside {
        return Some(Exclusion::new("variant", format!("a {suffix} variant beside the folder's Dockerfile")));
    }
    if let Some(part) = dir.split('/').find(|p| names::TOOLING_DIRS.contains(&p.to_ascii_lowercase().as_str())) {
        return Some(Exclusion::of(Category::Tooling, &format!("builds a tool (in a `{part}` folder)")));
    }
    if let Some((category, what)) = names::role(dir).or_else(|| names::role(file_name)) {
        return Some(Exclusion::of(category, what));
    }
    if let Some((category, what)) = manifest_in(i.builds, dir).and_then(|b| b.role) {
        return Some(Exclusion::of(category, what));
    }
    let bases = from_images(text);
    let infra: Vec<Category> = bases.iter().filter_map(|b| images::category(b)).collect();
    if !bases.is_empty() && infra.len() == bases.len() && manifest_in(i.builds, dir).is_none() {
        let why = format!("{} built on `{}` with configuration only", infra[0].label(), bases[0]);
        return Some(Exclusion::of(infra[0], &why));
    }
    None
}

/// The images of a Dockerfile's `FROM` lines, without build stages named earlier.
fn from_images(text: &str) -> Vec<String> {
    let mut stages = Vec::new();
    let mut out = Vec::new();
    for line in text.lines().map(str::trim) {
        let Some(rest) = line.strip_prefix("FROM ").or_else(|| line.strip_prefix("from ")) else { continue };
        let words: Vec<&str> = rest.split_whitespace().filter(|w| !w.starts_with("--")).collect();
        let Some(image) = words.first() else { continue };
        if !stages.iter().any(|s: &String| s.eq_ignore_ascii_case(image)) {
            out.push(image.to_string());
        }
        if let Some(stage) = words.iter().position(|w| w.eq_ignore_ascii_case("as")).and_then(|p| words.get(p + 1)) {
            stages.push(stage.to_string());
        }
    }
    out
}

/// Compose services that build, and Skaffold artifacts.
pub fn builds(i: &Inputs<'_>, units: &mut Units) {
    let uses = dockerfile_uses(i);
    for s in i.compose {
        let Some(context) = s.build.as_deref() else { continue };
        let key = build_key(&uses, s.dockerfile.as_deref(), context);
        let inherited = inherited(units, &key, s.dockerfile.as_deref());
        let unit = units.entry(key.clone()).or_insert_with(|| {
            let path = if key.contains('#') {
                context
            } else {
                s.dockerfile.as_deref().map_or(context, |d| manifests::split(d).0)
            };
            Unit::blank(&service_name(path, i.root_name), path, true)
        });
        unit.absorb("compose", &s.file, s.image.as_deref());
        unit.context.get_or_insert_with(|| context.to_string());
        if !unit.named_by_compose {
            unit.name = s.name.clone();
            unit.named_by_compose = true;
        }
        if unit.exclusion.is_none() {
            unit.exclusion = inherited
                .or_else(|| names::role(&s.name).map(|(c, what)| Exclusion::of(c, what)))
                .or_else(|| s.image.as_deref().and_then(built_infrastructure));
        }
    }
    for a in i.skaffold {
        let key = build_key(&uses, a.dockerfile.as_deref(), &a.context);
        let name = images::last_segment(&a.image);
        let unit = units.entry(key).or_insert_with(|| {
            let mut u = Unit::blank(&name, &a.context, true);
            u.exclusion = names::role(&name).map(|(c, what)| Exclusion::of(c, what));
            u
        });
        unit.absorb("skaffold", &a.file, Some(&a.image));
    }
}

/// The exclusion a service built with a shared Dockerfile takes from that file (a datastore image).
fn inherited(units: &Units, key: &str, dockerfile: Option<&str>) -> Option<Exclusion> {
    let shared = units.get(dockerfile?).filter(|_| key.contains('#'))?;
    shared.exclusion.clone().filter(|e| e.category != "shared_dockerfile")
}

fn built_infrastructure(image: &str) -> Option<Exclusion> {
    let category = images::category(image)?;
    Some(Exclusion::of(category, &format!("{} (image `{}`)", category.label(), images::repository(image))))
}

/// The unit an image (or a workload name) refers to: the same image repository, else the same
/// name, else an image name ending in the unit's name (`acme-orders` for `orders`).
fn find(units: &Units, image: Option<&str>, name: Option<&str>) -> Option<String> {
    if let Some(image) = image {
        let repo = images::repository(image);
        if let Some((key, _)) = units.iter().find(|(_, u)| u.images.contains(&repo)) {
            return Some(key.clone());
        }
    }
    let wanted: Vec<String> =
        image.map(images::last_segment).into_iter().chain(name.map(str::to_string)).map(|n| squash(&n)).collect();
    let same = |u: &Unit| wanted.iter().any(|w| *w == squash(&u.name) || *w == squash(&u.dir_name));
    if let Some((key, _)) = units.iter().find(|(_, u)| same(u)) {
        return Some(key.clone());
    }
    let last = squash(&images::last_segment(image?));
    units
        .iter()
        .filter(|(_, u)| squash(&u.dir_name).len() >= 3 && last.ends_with(&squash(&u.dir_name)))
        .max_by_key(|(_, u)| u.dir_name.len())
        .map(|(k, _)| k.clone())
}

/// Compose services that only run an image.
pub fn compose_images(i: &Inputs<'_>, units: &mut Units) {
    for s in i.compose.iter().filter(|s| s.build.is_none()) {
        let Some(image) = s.image.as_deref() else { continue };
        if let Some(key) = find(units, Some(image), None) {
            if let Some(unit) = units.get_mut(&key) {
                unit.absorb("compose", &s.file, Some(image));
            }
            continue;
        }
        if let Some(key) = program(i, units, Some(image), Some(&s.name)) {
            if let Some(unit) = units.get_mut(&key) {
                unit.absorb("compose", &s.file, Some(image));
            }
            continue;
        }
        let repo = images::repository(image);
        let exclusion = match images::category(image) {
            Some(c) => Exclusion::of(c, &format!("runs the image `{repo}` as is: {}", c.label())),
            None => Exclusion::new("external_image", format!("runs the image `{repo}`, which is not built here")),
        };
        let unit = units.entry(format!("image:{repo}")).or_insert_with(|| {
            let mut u = Unit::blank(&s.name, &s.file, false);
            u.exclusion = Some(exclusion);
            u
        });
        unit.absorb("compose", &s.file, Some(image));
    }
}

/// Kubernetes workloads (plain manifests and Helm templates).
pub fn kubernetes(i: &Inputs<'_>, units: &mut Units) {
    let kinds = ["Deployment", "StatefulSet", "DaemonSet", "CronJob", "Job"];
    for o in i.kube.iter().filter(|o| kinds.contains(&o.kind.as_str())) {
        let concrete: Vec<&String> = o.images.iter().filter(|im| !im.contains("{{") && !im.contains("${")).collect();
        let by_image = concrete.iter().find_map(|im| find(units, Some(im), None));
        let name = (!o.templated).then_some(o.name.as_str());
        let mut found = by_image.or_else(|| find(units, None, name));
        if found.is_none() {
            found = concrete.iter().find_map(|im| program(i, units, Some(im), name));
        }
        if let Some(key) = found {
            if let Some(unit) = units.get_mut(&key) {
                unit.absorb("kubernetes", &o.file, concrete.first().map(|s| s.as_str()));
            }
            continue;
        }
        let infra: Vec<Category> = concrete.iter().filter_map(|im| images::category(im)).collect();
        let exclusion = if o.kind == "Job" {
            Some(Exclusion::new("one_off_job", "a Kubernetes Job runs once; scheduled jobs (CronJob) are counted"))
        } else if !concrete.is_empty() && infra.len() == concrete.len() {
            let why = format!("runs the image `{}` as is: {}", images::repository(concrete[0]), infra[0].label());
            Some(Exclusion::of(infra[0], &why))
        } else if o.templated || concrete.is_empty() {
            let why = "a templated workload (Helm) whose name or image is filled in elsewhere";
            Some(Exclusion::new("template", why))
        } else {
            let why = format!("runs the image `{}`, which is not built here", images::repository(concrete[0]));
            Some(names::role(&o.name).map_or(Exclusion::new("external_image", why), |(c, what)| Exclusion::of(c, what)))
        };
        let unit = units.entry(format!("kubernetes:{}", o.name)).or_insert_with(|| {
            let mut u = Unit::blank(&o.name, &o.file, false);
            u.exclusion = exclusion;
            u
        });
        unit.absorb("kubernetes", &o.file, concrete.first().map(|s| s.as_str()));
    }
}

/// The program (a build unit with an entry point and no Dockerfile: Jib, buildpacks) an image or
/// a workload name refers to, added as a unit; its key.
fn program(i: &Inputs<'_>, units: &mut Units, image: Option<&str>, name: Option<&str>) -> Option<String> {
    let last = image.map(|im| squash(&images::last_segment(im)));
    let wanted: Vec<String> = last.iter().cloned().chain(name.map(squash)).collect();
    let own = |b: &&manifests::BuildUnit| b.entry_point && !b.grouping_only && !files::incidental(&b.manifests[0]);
    let matches = |b: &&manifests::BuildUnit| {
        let dir = squash(manifests::dir_name(&b.dir));
        wanted.iter().any(|w| *w == squash(&b.name) || *w == dir)
            || last.as_ref().is_some_and(|l| dir.len() >= 3 && l.ends_with(&dir))
    };
    let b = i.builds.iter().filter(own).find(matches)?;
    let key = b.dir.clone();
    units.entry(key.clone()).or_insert_with(|| {
        let mut u = Unit::new(&service_name(&b.dir, i.root_name), &b.dir, b.ecosystem, &b.manifests[0], true);
        u.exclusion = b.role.map(|(c, what)| Exclusion::of(c, what));
        u
    });
    Some(key)
}

/// Without containers, the build units that make a program are the deployables.
pub fn programs(i: &Inputs<'_>, units: &mut Units) {
    let own = |u: &&manifests::BuildUnit| u.entry_point && !u.grouping_only && !files::incidental(&u.manifests[0]);
    for b in i.builds.iter().filter(own) {
        let mut unit = Unit::new(&b.name, &b.dir, b.ecosystem, &b.manifests[0], true);
        unit.exclusion = b
            .role
            .or_else(|| names::role(&b.name))
            .or_else(|| names::role(&b.dir))
            .map(|(c, what)| Exclusion::of(c, what));
        units.insert(format!("{}#{}", b.dir, b.ecosystem), unit);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dockerfile_suffixes() {
        assert_eq!(suffix("Dockerfile"), "");
        assert_eq!(suffix("Dockerfile.debug"), "debug");
        assert_eq!(suffix("Dockerfile-barista"), "barista");
        assert_eq!(suffix("Dockerfile_DatabaseMigrator"), "databasemigrator");
        assert_eq!(suffix("api.Dockerfile"), "api");
    }

    #[test]
    fn from_lines_skip_earlier_stages() {
        let text = "FROM golang:1.22 AS build\nRUN go build\nFROM --platform=linux/amd64 build AS again\nFROM gcr.io/distroless/static\n";
        assert_eq!(from_images(text), ["golang:1.22", "gcr.io/distroless/static"]);
        assert_eq!(from_images("FROM postgres:16\nCOPY init.sql /docker-entrypoint-initdb.d/\n"), ["postgres:16"]);
    }
}
