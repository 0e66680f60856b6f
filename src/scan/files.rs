//! What a file is, by its name: a language (for line counts) and whether its text is needed.

use std::io::Read;
use std::path::Path;

/// No file is read beyond this many bytes.
pub const MAX_READ: u64 = 1024 * 1024;
/// Bytes inspected for a NUL, the sign of binary content (as git does).
const BINARY_PROBE: usize = 8 * 1024;

/// Why a file's text is kept for the detectors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Ci,
    Manifest,
    Dockerfile,
    Compose,
    Yaml,
    Config,
    Script,
    Presence,
}

/// Folders never entered: dependencies, build output and tool caches.
pub const SKIP_DIRS: &[&str] = &[
    ".git",
    ".hg",
    ".svn",
    "node_modules",
    "bower_components",
    "vendor",
    "third_party",
    "target",
    "dist",
    "build",
    ".venv",
    "venv",
    "__pycache__",
    ".tox",
    ".terraform",
    ".gradle",
    ".next",
];

/// Of the skipped folders, those whose contents are copied-in code (read for shared libraries).
pub const VENDOR_DIRS: &[&str] = &["vendor", "third_party"];

/// Folders whose Dockerfiles, Compose files, manifests and packages are not the system's own
/// deployables: development containers, tests, fuzzing and benchmark harnesses, examples, docs.
const INCIDENTAL_DIRS: &[&str] = &[
    ".devcontainer",
    "test",
    "tests",
    "testdata",
    "fixtures",
    "__tests__",
    "fuzz",
    "bench",
    "benches",
    "benchmarks",
    "examples",
    "example",
    "samples",
    "docs",
    "doc",
];

/// Whether a relative path lies in an incidental folder (see `INCIDENTAL_DIRS`).
pub fn incidental(rel: &str) -> bool {
    let mut parts: Vec<&str> = rel.split('/').collect();
    parts.pop();
    parts.iter().any(|p| INCIDENTAL_DIRS.contains(p))
}

/// The language of a file by its extension or name, for the lines-of-code table.
pub fn language(name: &str) -> Option<&'static str> {
    match name {
        "Dockerfile" | "Containerfile" => return Some("Dockerfile"),
        "Makefile" | "makefile" | "GNUmakefile" => return Some("Makefile"),
        _ => {}
    }
    let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
    let lang = match ext.as_str() {
        "rs" => "Rust",
        "go" => "Go",
        "java" => "Java",
        "kt" | "kts" => "Kotlin",
        "scala" => "Scala",
        "groovy" | "gradle" => "Groovy",
        "cs" => "C#",
        "fs" => "F#",
        "py" => "Python",
        "rb" => "Ruby",
        "php" => "PHP",
        "js" | "mjs" | "cjs" | "jsx" => "JavaScript",
        "ts" | "mts" | "cts" | "tsx" => "TypeScript",
        "swift" => "Swift",
        "c" | "h" => "C",
        "cc" | "cpp" | "cxx" | "hpp" | "hh" | "hxx" => "C++",
        "ex" | "exs" => "Elixir",
        "erl" | "hrl" => "Erlang",
        "hs" => "Haskell",
        "clj" | "cljs" => "Clojure",
        "dart" => "Dart",
        "lua" => "Lua",
        "sh" | "bash" | "zsh" => "Shell",
        "sql" => "SQL",
        "html" | "htm" => "HTML",
        "css" | "scss" | "sass" | "less" => "CSS",
        "vue" => "Vue",
        "svelte" => "Svelte",
        "tf" => "HCL",
        "proto" => "Protocol Buffers",
        "yml" | "yaml" => "YAML",
        "toml" => "TOML",
        "md" | "markdown" => "Markdown",
        _ => return None,
    };
    Some(lang)
}

/// Whether the detectors need this file's text, given its path relative to the root.
pub fn kind(rel: &str, name: &str) -> Option<Kind> {
    let lower = name.to_ascii_lowercase();
    if is_ci(rel, &lower) {
        return Some(Kind::Ci);
    }
    if is_manifest(name, &lower) {
        return Some(Kind::Manifest);
    }
    if name == "Dockerfile"
        || name == "Containerfile"
        || lower.starts_with("dockerfile.")
        || lower.ends_with(".dockerfile")
    {
        return Some(Kind::Dockerfile);
    }
    let yaml = lower.ends_with(".yml") || lower.ends_with(".yaml");
    if yaml && (lower.starts_with("docker-compose") || lower.starts_with("compose.") || lower.starts_with("compose-")) {
        return Some(Kind::Compose);
    }
    if yaml {
        return Some(Kind::Yaml);
    }
    if is_config(&lower) {
        return Some(Kind::Config);
    }
    if is_script(rel, &lower) {
        return Some(Kind::Script);
    }
    if lower.ends_with(".tf") || lower.ends_with(".conf") || lower.ends_with(".alloy") || lower == "vector.toml" {
        return Some(Kind::Presence);
    }
    None
}

fn is_ci(rel: &str, lower: &str) -> bool {
    let yaml = lower.ends_with(".yml") || lower.ends_with(".yaml");
    (yaml && rel.starts_with(".github/workflows/") && rel.matches('/').count() == 2)
        || rel == ".gitlab-ci.yml"
        || (yaml && rel.starts_with(".gitlab/ci/"))
        || lower == "jenkinsfile"
        || lower.starts_with("jenkinsfile.")
        || rel == ".circleci/config.yml"
        || rel == ".circleci/config.yaml"
        || lower == "azure-pipelines.yml"
        || lower == "azure-pipelines.yaml"
        || (yaml && rel.starts_with(".azure-pipelines/"))
        || rel.starts_with(".buildkite/")
        || rel == "bitbucket-pipelines.yml"
        || rel == ".travis.yml"
        || rel == ".drone.yml"
        || rel == ".woodpecker.yml"
        || (yaml && rel.starts_with(".woodpecker/"))
        || rel == "appveyor.yml"
}

fn is_manifest(name: &str, lower: &str) -> bool {
    matches!(
        name,
        "Cargo.toml"
            | "package.json"
            | "go.mod"
            | "pom.xml"
            | "build.gradle"
            | "build.gradle.kts"
            | "pyproject.toml"
            | "Pipfile"
            | "setup.py"
            | "Gemfile"
            | "mix.exs"
            | "composer.json"
    ) || (lower.starts_with("requirements") && lower.ends_with(".txt"))
        || lower.ends_with(".csproj")
        || lower.ends_with(".fsproj")
}

fn is_config(lower: &str) -> bool {
    lower == ".env"
        || lower.starts_with(".env.")
        || lower.ends_with(".env")
        || (lower.starts_with("application") && (lower.ends_with(".properties") || lower.ends_with(".yml")))
        || (lower.starts_with("appsettings") && lower.ends_with(".json"))
        || lower == "pulumi.yaml"
        || lower.ends_with(".pact.json")
}

fn is_script(rel: &str, lower: &str) -> bool {
    lower.ends_with(".sh")
        || matches!(lower, "makefile" | "justfile")
        || [".ci/", "ci/", "scripts/", "script/"]
            .iter()
            .any(|d| rel.starts_with(d) && rel[d.len()..].find('/').is_none())
}

/// A file's first `MAX_READ` bytes, and whether there was more.
pub fn read_prefix(path: &Path) -> std::io::Result<(Vec<u8>, bool)> {
    let mut bytes = Vec::new();
    std::fs::File::open(path)?.take(MAX_READ + 1).read_to_end(&mut bytes)?;
    let truncated = bytes.len() as u64 > MAX_READ;
    bytes.truncate(MAX_READ as usize);
    Ok((bytes, truncated))
}

pub fn is_binary(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(BINARY_PROBE)].contains(&0)
}

/// Physical lines: newlines, plus one for a last line without one.
pub fn count_lines(bytes: &[u8]) -> u64 {
    let newlines = bytes.iter().filter(|&&b| b == b'\n').count() as u64;
    newlines + u64::from(bytes.last().is_some_and(|&b| b != b'\n'))
}

/// Whether a Go source file is in package `main`, i.e. builds a program.
pub fn is_go_main(bytes: &[u8]) -> bool {
    bytes.starts_with(b"package main") || bytes.windows(13).any(|w| w == b"\npackage main")
}
