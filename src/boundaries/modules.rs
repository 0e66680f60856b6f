//! Which module a changed path belongs to. Modules come, in this order, from `--module NAME=GLOB`,
//! from build manifests and deployables (as `scan` finds them), or from top-level source folders.

use std::collections::HashMap;
use std::path::Path;

use globset::{Glob, GlobMatcher};

use crate::error::{Error, Result};

/// Folders that hold no system code: changes there are reported apart, not as modules.
const NOT_SOURCE: &[&str] = &[
    "doc",
    "docs",
    "documentation",
    "site",
    "website",
    "blog",
    "examples",
    "example",
    "samples",
    "sample",
    "scripts",
    "script",
    "tools",
    "tooling",
    "ci",
    "build",
    "dist",
    "out",
    "bin",
    "obj",
    "target",
    "vendor",
    "third_party",
    "node_modules",
    "deploy",
    "deployment",
    "deployments",
    "infra",
    "k8s",
    "kubernetes",
    "helm",
    "charts",
    "terraform",
    "assets",
    "static",
    "public",
    "img",
    "images",
    "media",
    "screenshots",
];

/// Folders that only hold other modules: entered one level instead of counted as one module.
const CONTAINERS: &[&str] = &[
    "src",
    "source",
    "sources",
    "lib",
    "libs",
    "app",
    "apps",
    "packages",
    "services",
    "modules",
    "components",
    "projects",
    "internal",
    "pkg",
    "cmd",
    "crates",
    "plugins",
    "engines",
];

/// Where the modules came from, said in the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source {
    Option,
    Manifests,
    Folders,
}

impl Source {
    pub(crate) fn label(self) -> &'static str {
        match self {
            Source::Option => "--module",
            Source::Manifests => "build manifests and deployables",
            Source::Folders => "top-level source folders",
        }
    }
}

#[derive(Debug)]
enum Rule {
    /// Everything under this folder (relative, `/`-separated, no trailing slash).
    Dir(Vec<u8>),
    Glob(GlobMatcher),
}

/// Modules, and how to find the one a path belongs to.
#[derive(Debug)]
pub(crate) struct ModuleMap {
    pub names: Vec<String>,
    /// What each module covers, as given or found.
    pub patterns: Vec<Vec<String>>,
    pub source: Source,
    rules: Vec<(usize, Rule)>,
    by_dir: HashMap<Vec<u8>, usize>,
    cache: HashMap<Vec<u8>, Option<usize>>,
}

/// A `--module NAME=GLOB` value, checked.
pub(crate) fn parse_option(value: &str) -> Result<(String, String)> {
    match value.split_once('=') {
        Some((name, glob)) if !name.trim().is_empty() && !glob.trim().is_empty() => {
            Ok((name.trim().to_string(), glob.trim().trim_start_matches("./").to_string()))
        }
        _ => Err(Error::Usage(format!(
            "--module `{value}` is not NAME=GLOB; e.g. --module orders='services/orders/**' or --module billing=billing"
        ))),
    }
}

impl ModuleMap {
    fn new(source: Source) -> Self {
        ModuleMap {
            names: Vec::new(),
            patterns: Vec::new(),
            source,
            rules: Vec::new(),
            by_dir: HashMap::new(),
            cache: HashMap::new(),
        }
    }

    fn module(&mut self, name: &str) -> usize {
        if let Some(i) = self.names.iter().position(|n| n == name) {
            return i;
        }
        self.names.push(name.to_string());
        self.patterns.push(Vec::new());
        self.names.len() - 1
    }

    /// From `--module` options, first match wins; a pattern without glob characters is a folder.
    pub(crate) fn from_options(options: &[(String, String)]) -> Result<Self> {
        let mut map = ModuleMap::new(Source::Option);
        for (name, pattern) in options {
            let m = map.module(name);
            map.patterns[m].push(pattern.clone());
            let rule = if pattern.contains(['*', '?', '[', '{']) {
                let glob = Glob::new(pattern)
                    .map_err(|e| Error::Usage(format!("--module {name}={pattern}: not a valid glob ({})", e.kind())))?;
                Rule::Glob(glob.compile_matcher())
            } else {
                Rule::Dir(pattern.trim_end_matches('/').as_bytes().to_vec())
            };
            map.rules.push((m, rule));
        }
        Ok(map)
    }

    /// From folders found by `scan` (name, folder); nested folders take their own paths.
    pub(crate) fn from_dirs(source: Source, dirs: &[(String, String)]) -> Self {
        let mut map = ModuleMap::new(source);
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (_, dir) in dirs {
            *seen.entry(dir_name(dir)).or_default() += 1;
        }
        for (name, dir) in dirs {
            if dir.is_empty() || map.by_dir.contains_key(dir.as_bytes()) {
                continue;
            }
            // Two folders with one name (`api` twice) are told apart by their path.
            let shown = if seen.get(dir_name(dir)).copied().unwrap_or(0) > 1 { dir.as_str() } else { name.as_str() };
            let m = map.module(shown);
            map.patterns[m].push(format!("{dir}/"));
            map.by_dir.insert(dir.as_bytes().to_vec(), m);
        }
        map
    }

    /// The module of a changed path, if any.
    pub(crate) fn module_of(&mut self, path: &[u8]) -> Option<usize> {
        if !self.rules.is_empty() {
            return self.by_rules(path);
        }
        let dir = match path.iter().rposition(|&b| b == b'/') {
            Some(i) => &path[..i],
            None => return None,
        };
        if let Some(found) = self.cache.get(dir) {
            return *found;
        }
        let mut found = None;
        let mut end = dir.len();
        loop {
            if let Some(&m) = self.by_dir.get(&dir[..end]) {
                found = Some(m);
                break;
            }
            match dir[..end].iter().rposition(|&b| b == b'/') {
                Some(i) => end = i,
                None => break,
            }
        }
        self.cache.insert(dir.to_vec(), found);
        found
    }

    fn by_rules(&self, path: &[u8]) -> Option<usize> {
        let text = String::from_utf8_lossy(path);
        self.rules.iter().find_map(|(m, rule)| {
            let hit = match rule {
                Rule::Dir(dir) => path.starts_with(dir) && path.get(dir.len()) == Some(&b'/'),
                Rule::Glob(glob) => glob.is_match(Path::new(text.as_ref())),
            };
            hit.then_some(*m)
        })
    }
}

/// Modules from top-level source folders of `root`, `depth` levels down (container folders such
/// as `src/` or `services/` are entered rather than counted).
pub(crate) fn folders(root: &Path, depth: usize) -> Vec<(String, String)> {
    let mut out = Vec::new();
    collect(root, "", depth.max(1), &mut out);
    out.sort_by(|a, b| a.1.cmp(&b.1));
    out
}

fn collect(root: &Path, rel: &str, depth: usize, out: &mut Vec<(String, String)>) {
    let Ok(entries) = std::fs::read_dir(root.join(rel)) else { return };
    let mut dirs: Vec<String> = entries
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| !n.starts_with('.') && !NOT_SOURCE.contains(&n.to_ascii_lowercase().as_str()))
        .collect();
    dirs.sort();
    for name in dirs {
        let path = if rel.is_empty() { name.clone() } else { format!("{rel}/{name}") };
        let container = CONTAINERS.contains(&name.to_ascii_lowercase().as_str());
        if depth > 1 || container {
            let before = out.len();
            collect(root, &path, if container { depth } else { depth - 1 }, out);
            if out.len() > before {
                continue;
            }
        }
        out.push((name, path));
    }
}

fn dir_name(dir: &str) -> &str {
    dir.rsplit('/').next().unwrap_or(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dirs(list: &[&str]) -> Vec<(String, String)> {
        list.iter().map(|d| (dir_name(d).to_string(), d.to_string())).collect()
    }

    #[test]
    fn the_innermost_folder_wins() {
        let mut map = ModuleMap::from_dirs(Source::Manifests, &dirs(&["svc/a", "svc/a/plugin", "svc/b"]));
        assert_eq!(map.module_of(b"svc/a/x/y.rs"), Some(0));
        assert_eq!(map.module_of(b"svc/a/plugin/z.rs"), Some(1));
        assert_eq!(map.module_of(b"svc/b/z.rs"), Some(2));
        assert_eq!(map.module_of(b"svc/ab/z.rs"), None);
        assert_eq!(map.module_of(b"README.md"), None);
        assert_eq!(map.module_of(b"svc/a/\xff.rs"), Some(0));
    }

    #[test]
    fn folders_enter_containers_and_skip_what_is_not_source() {
        let root = tempfile::tempdir().unwrap();
        for dir in ["src/orders/x", "src/billing", "docs/guide", ".github/workflows", "web", "empty-lib/lib"] {
            std::fs::create_dir_all(root.path().join(dir)).unwrap();
        }
        let got: Vec<String> = folders(root.path(), 1).into_iter().map(|(_, d)| d).collect();
        assert_eq!(got, vec!["empty-lib", "src/billing", "src/orders", "web"]);
        let deeper: Vec<String> = folders(root.path(), 2).into_iter().map(|(_, d)| d).collect();
        assert_eq!(deeper, vec!["empty-lib/lib", "src/billing", "src/orders/x", "web"]);
    }

    #[test]
    fn same_names_are_told_apart_by_path() {
        let map = ModuleMap::from_dirs(Source::Manifests, &dirs(&["orders/api", "billing/api"]));
        assert_eq!(map.names, vec!["orders/api", "billing/api"]);
    }

    #[test]
    fn options_take_globs_and_folders_first_match_wins() {
        let opts = vec![
            ("web".to_string(), "frontend".to_string()),
            ("tests".to_string(), "**/*_test.go".to_string()),
            ("core".to_string(), "core/**".to_string()),
        ];
        let mut map = ModuleMap::from_options(&opts).unwrap();
        assert_eq!(map.module_of(b"frontend/app.ts"), Some(0));
        assert_eq!(map.module_of(b"core/x_test.go"), Some(1));
        assert_eq!(map.module_of(b"core/x.go"), Some(2));
        assert_eq!(map.module_of(b"frontendish/x"), None);
        assert!(parse_option("nameonly").is_err());
        assert!(parse_option("=glob").is_err());
        assert!(ModuleMap::from_options(&[("x".into(), "a/[".into())]).is_err());
    }
}
