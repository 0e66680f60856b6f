//! What a file is, by its name: a language (for line counts) and whether its text is needed.

use std::borrow::Cow;
use std::sync::LazyLock;

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
    /// `.gitattributes`, for `linguist-generated` paths.
    Attributes,
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
    "extras",
    "contrib",
];

/// Whether a relative path lies in an incidental folder (see `INCIDENTAL_DIRS`).
pub fn incidental(rel: &str) -> bool {
    rel.rsplit_once('/').is_some_and(|(dir, _)| dir.split('/').any(|p| INCIDENTAL_DIRS.contains(&p)))
}

/// The language of a file by its extension or name, for the lines-of-code table.
pub fn language(name: &str) -> Option<&'static str> {
    match name {
        "Dockerfile" | "Containerfile" => return Some("Dockerfile"),
        "Makefile" | "makefile" | "GNUmakefile" => return Some("Makefile"),
        _ => {}
    }
    let ext = lowercase(name.rsplit_once('.')?.1);
    let lang = match &*ext {
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
    let lower = lowercase(name);
    let lower = &*lower;
    if lower == ".gitattributes" {
        return Some(Kind::Attributes);
    }
    if is_ci(rel, lower) {
        return Some(Kind::Ci);
    }
    if is_manifest(name, lower) {
        return Some(Kind::Manifest);
    }
    let docs = lower.ends_with(".md") || lower.ends_with(".txt");
    if (lower.starts_with("dockerfile") || lower.starts_with("containerfile") || lower.ends_with(".dockerfile"))
        && !docs
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
    if is_config(lower) || is_orchestration_host(rel, lower) {
        return Some(Kind::Config);
    }
    if is_script(rel, lower) {
        return Some(Kind::Script);
    }
    if lower.ends_with(".tf") || lower.ends_with(".conf") || lower.ends_with(".alloy") || lower == "vector.toml" {
        return Some(Kind::Presence);
    }
    None
}

/// `s` in ASCII lower case, copied only when it has an upper-case letter (most names have none).
fn lowercase(s: &str) -> Cow<'_, str> {
    if s.bytes().any(|b| b.is_ascii_uppercase()) { Cow::Owned(s.to_ascii_lowercase()) } else { Cow::Borrowed(s) }
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
        || (yaml && lower.starts_with("cloudbuild"))
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
        || lower == "settings.py"
        || lower.ends_with(".pact.json")
}

/// The program of a .NET Aspire AppHost, where databases and the projects using them are declared.
fn is_orchestration_host(rel: &str, lower: &str) -> bool {
    lower.ends_with(".cs")
        && rel.to_ascii_lowercase().contains("apphost")
        && matches!(lower, "program.cs" | "apphost.cs")
}

fn is_script(rel: &str, lower: &str) -> bool {
    lower.ends_with(".sh")
        || matches!(lower, "makefile" | "justfile")
        || [".ci/", "ci/", "scripts/", "script/"]
            .iter()
            .any(|d| rel.starts_with(d) && rel[d.len()..].find('/').is_none())
}

pub fn is_binary(bytes: &[u8]) -> bool {
    // memchr's vector search: the slice's own `contains` goes a word at a time, and this looks
    // through the whole of nearly every file the scan reads.
    memchr::memchr(0, &bytes[..bytes.len().min(BINARY_PROBE)]).is_some()
}

/// Physical lines: newlines, plus one for a last line without one. bytecount counts a word of
/// bytes at a time whatever the optimisation level (the release build is optimised for size).
pub fn count_lines(bytes: &[u8]) -> u64 {
    bytecount::count(bytes, b'\n') as u64 + u64::from(bytes.last().is_some_and(|&b| b != b'\n'))
}

/// Whether a Go source file is in package `main`, i.e. builds a program: a line starts with `package main`.
pub fn is_go_main(bytes: &[u8]) -> bool {
    // A line starting with the clause, searched in the bytes (valid UTF-8 or not) with a finder
    // built once, instead of checking the text as UTF-8 and building a searcher for every file.
    static CLAUSE: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new(b"\npackage main"));
    bytes.starts_with(b"package main") || CLAUSE.find(bytes).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_is_a_nul_within_the_probe() {
        let mut bytes = vec![b'a'; BINARY_PROBE + 10];
        assert!(!is_binary(&bytes) && !is_binary(b"") && !is_binary(b"text\n"));
        for at in [0, 1, 31, 32, 33, BINARY_PROBE - 1] {
            bytes[at] = 0;
            assert!(is_binary(&bytes), "NUL at {at}");
            bytes[at] = b'a';
        }
        bytes[BINARY_PROBE] = 0;
        assert!(!is_binary(&bytes), "a NUL past the probe is not looked for");
    }

    #[test]
    fn counts_lines_past_a_block_of_counters() {
        for text in ["", "a", "a\n", "a\nb", "\n\n\n", &"x\n".repeat(1000), &"\n".repeat(300)] {
            let naive = text.matches('\n').count() as u64 + u64::from(!text.is_empty() && !text.ends_with('\n'));
            assert_eq!(count_lines(text.as_bytes()), naive, "{text:?}");
        }
    }

    #[test]
    fn finds_package_main_at_the_start_of_any_line() {
        assert!(is_go_main(b"package main\n"));
        assert!(is_go_main(b"// doc\npackage main\n"));
        assert!(is_go_main(b"// \xff\npackage main\n"));
        assert!(!is_go_main(b"package lib\n// package main\n"));
        assert!(!is_go_main(b"\xff package main"));
    }

    #[test]
    fn incidental_folders_are_looked_for_above_the_file_only() {
        assert!(incidental("tests/Dockerfile") && incidental("a/examples/b/Cargo.toml"));
        assert!(!incidental("tests") && !incidental("src/tests.rs") && !incidental("Dockerfile"));
    }

    #[test]
    fn names_are_classified_whatever_their_case() {
        assert_eq!(kind("Dockerfile.prod", "Dockerfile.prod"), Some(Kind::Dockerfile));
        assert_eq!(kind("docker/Dockerfile-web", "Dockerfile-web"), Some(Kind::Dockerfile));
        assert_eq!(kind("Dockerfile_Migrator", "Dockerfile_Migrator"), Some(Kind::Dockerfile));
        assert_eq!(kind("a/.gitattributes", ".gitattributes"), Some(Kind::Attributes));
        assert_eq!(kind("ci/Docker-Compose.YML", "Docker-Compose.YML"), Some(Kind::Compose));
        assert_eq!(kind("src/main.rs", "main.rs"), None);
        assert_eq!(language("MAIN.RS"), Some("Rust"));
        assert_eq!(language("Makefile"), Some("Makefile"));
    }
}
