//! Build units (packages, modules, projects) from their manifests, and whether each builds a program.

use std::collections::BTreeMap;

use super::deps;
use super::files::Kind;
use super::rules::images::Category;
use super::rules::names;
use super::walk::Tree;

/// One package, module or project, keyed by the folder its manifest sits in.
#[derive(Debug, Clone)]
pub struct BuildUnit {
    pub dir: String,
    pub ecosystem: &'static str,
    pub name: String,
    pub manifests: Vec<String>,
    /// It builds a program (a binary, a server, an app), not only a library.
    pub entry_point: bool,
    /// A workspace or aggregator root that only groups other units.
    pub grouping_only: bool,
    pub deps: Vec<String>,
    /// Not a service: a client application or an orchestration host (see `rules::names::MANIFEST_ROLES`).
    pub role: Option<(Category, &'static str)>,
}

/// Every build unit in the tree, one per (folder, ecosystem), sorted by folder.
pub fn build_units(tree: &Tree) -> Vec<BuildUnit> {
    let mut units: BTreeMap<(String, &'static str), BuildUnit> = BTreeMap::new();
    for file in tree.texts.iter().filter(|t| t.kind == Kind::Manifest) {
        let (dir, name) = split(&file.rel);
        let Some(ecosystem) = ecosystem(name) else { continue };
        let unit = units.entry((dir.to_string(), ecosystem)).or_insert_with(|| BuildUnit {
            dir: dir.to_string(),
            ecosystem,
            name: dir_name(dir).to_string(),
            manifests: Vec::new(),
            entry_point: false,
            grouping_only: false,
            deps: Vec::new(),
            role: None,
        });
        unit.manifests.push(file.rel.clone());
        unit.deps.extend(deps::names(name, &file.text));
        unit.role = unit.role.or_else(|| names::manifest_role(&file.text));
        describe(unit, name, &file.text, tree);
    }
    let mut units: Vec<BuildUnit> = units.into_values().collect();
    go_entry_points(tree, &mut units);
    for unit in &mut units {
        unit.deps.sort();
        unit.deps.dedup();
    }
    units
}

fn ecosystem(name: &str) -> Option<&'static str> {
    let lower = name.to_ascii_lowercase();
    let eco = match lower.as_str() {
        "cargo.toml" => "cargo",
        "package.json" => "npm",
        "go.mod" => "go",
        "pom.xml" => "maven",
        "build.gradle" | "build.gradle.kts" => "gradle",
        "pyproject.toml" | "pipfile" | "setup.py" => "python",
        "gemfile" => "ruby",
        "mix.exs" => "elixir",
        "composer.json" => "php",
        _ if lower.starts_with("requirements") => "python",
        _ if lower.ends_with(".csproj") || lower.ends_with(".fsproj") => "dotnet",
        _ => return None,
    };
    Some(eco)
}

/// Name, entry point and grouping role from one manifest's text and its neighbours.
fn describe(unit: &mut BuildUnit, file: &str, text: &str, tree: &Tree) {
    let sibling = |name: &str| tree.has_file(&join(&unit.dir, name));
    match unit.ecosystem {
        "cargo" => cargo(unit, text, tree),
        "npm" => npm(unit, text),
        "maven" => maven(unit, text),
        "gradle" => {
            unit.entry_point |=
                ["application", "org.springframework.boot", "mainClass"].iter().any(|m| text.contains(m));
        }
        "python" => {
            if let Some(name) =
                toml_string(text, "project", "name").or_else(|| toml_string(text, "tool.poetry", "name"))
            {
                unit.name = name;
            }
            unit.entry_point |= text.contains("[project.scripts]")
                || text.contains("[tool.poetry.scripts]")
                || ["manage.py", "main.py", "app.py", "wsgi.py", "asgi.py", "__main__.py"].iter().any(|f| sibling(f));
        }
        "ruby" => unit.entry_point = sibling("config.ru") || sibling("bin/rails"),
        "go" => {
            // `module example.com/shop/orders` names the module `orders`.
            let module = text.lines().find_map(|l| l.trim().strip_prefix("module ")).map(str::trim);
            if let Some(last) = module.and_then(|m| m.trim_matches('"').rsplit('/').next()).filter(|n| !n.is_empty()) {
                unit.name = last.to_string();
            }
        }
        "dotnet" => {
            unit.name = file.rsplit_once('.').map_or(file, |(n, _)| n).to_string();
            // Web and Worker SDK projects are services and workers; `Exe` is any program.
            unit.entry_point = ["<OutputType>Exe</OutputType>", "Microsoft.NET.Sdk.Web", "Microsoft.NET.Sdk.Worker"]
                .iter()
                .any(|m| text.contains(m));
        }
        _ => {}
    }
}

fn cargo(unit: &mut BuildUnit, text: &str, tree: &Tree) {
    if let Some(name) = toml_string(text, "package", "name") {
        unit.name = name;
    }
    unit.grouping_only = text.contains("[workspace]") && !text.contains("[package]");
    unit.entry_point = text.contains("[[bin]]")
        || tree.has_file(&join(&unit.dir, "src/main.rs"))
        || tree.files_under(&join(&unit.dir, "src/bin")).iter().any(|f| f.rel.ends_with(".rs"));
}

fn maven(unit: &mut BuildUnit, text: &str) {
    let own = text.split("</parent>").last().unwrap_or(text);
    if let Some(name) = deps::element_texts(own, "artifactId").into_iter().next() {
        unit.name = name;
    }
    unit.grouping_only = text.contains("<packaging>pom</packaging>");
    unit.entry_point =
        ["<packaging>war</packaging>", "spring-boot-maven-plugin", "<mainClass>"].iter().any(|m| text.contains(m));
}

fn npm(unit: &mut BuildUnit, text: &str) {
    let Ok(value) = serde_json::from_str::<serde_json::Value>(text) else { return };
    if let Some(name) = value.get("name").and_then(serde_json::Value::as_str) {
        unit.name = name.to_string();
    }
    unit.grouping_only = value.get("workspaces").is_some();
    let has_start = value.get("scripts").and_then(|s| s.get("start")).is_some();
    unit.entry_point = has_start || value.get("bin").is_some();
}

/// A Go module builds a program when a file in package `main` lies in it (not in a nested module).
fn go_entry_points(tree: &Tree, units: &mut [BuildUnit]) {
    let module_dirs: Vec<String> = units.iter().filter(|u| u.ecosystem == "go").map(|u| u.dir.clone()).collect();
    for file in tree.files.iter().filter(|f| f.go_main) {
        let owner = module_dirs.iter().filter(|d| contains(d, &file.rel)).max_by_key(|d| d.len());
        if let Some(owner) = owner
            && let Some(unit) = units.iter_mut().find(|u| u.ecosystem == "go" && &u.dir == owner)
        {
            unit.entry_point = true;
        }
    }
}

/// `key = "value"` inside the TOML table `[table]`.
fn toml_string(text: &str, table: &str, key: &str) -> Option<String> {
    let header = format!("[{table}]");
    let mut inside = false;
    for line in text.lines().map(str::trim) {
        if line.starts_with('[') {
            inside = line == header;
        } else if inside
            && let Some((k, v)) = line.split_once('=')
            && k.trim() == key
        {
            return Some(v.trim().trim_matches('"').to_string()).filter(|v| !v.is_empty());
        }
    }
    None
}

/// (folder, file name) of a relative path; the root folder is `.`.
pub fn split(rel: &str) -> (&str, &str) {
    rel.rsplit_once('/').unwrap_or((".", rel))
}

/// The last component of a folder, or `.` for the root.
pub fn dir_name(dir: &str) -> &str {
    dir.rsplit('/').next().unwrap_or(dir)
}

/// `dir/name`, where the root folder is `.`.
pub fn join(dir: &str, name: &str) -> String {
    if dir == "." { name.to_string() } else { format!("{dir}/{name}") }
}

/// Whether the relative path `rel` lies inside folder `dir` (`.` contains everything).
pub fn contains(dir: &str, rel: &str) -> bool {
    dir == "." || rel == dir || rel.strip_prefix(dir).is_some_and(|r| r.starts_with('/'))
}
