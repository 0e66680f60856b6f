//! Dependency names from build manifests, per ecosystem: enough to recognise libraries, not a
//! full parser of any format. Names come back lowercased.

/// The dependency names (and, for Maven and Gradle, group ids) a manifest declares.
pub fn names(file_name: &str, text: &str) -> Vec<String> {
    let lower = file_name.to_ascii_lowercase();
    let mut names = match lower.as_str() {
        "cargo.toml" | "pyproject.toml" | "pipfile" => toml_dependency_keys(text),
        "package.json" | "composer.json" => json_dependency_keys(text),
        "go.mod" => go_requires(text),
        "gemfile" => prefixed_quoted(text, "gem "),
        _ if lower.starts_with("requirements") => requirement_lines(text),
        _ if lower.ends_with(".csproj") || lower.ends_with(".fsproj") => attribute_values(text, "Include=\""),
        _ if lower == "pom.xml" => [element_texts(text, "groupId"), element_texts(text, "artifactId")].concat(),
        _ => Vec::new(),
    };
    if matches!(lower.as_str(), "pyproject.toml" | "setup.py" | "build.gradle" | "build.gradle.kts" | "mix.exs") {
        names.extend(quoted_strings(text).into_iter().flat_map(|s| gradle_or_pep508(&s)));
    }
    let mut names: Vec<String> = names.into_iter().map(|n| n.to_ascii_lowercase()).filter(|n| !n.is_empty()).collect();
    names.sort();
    names.dedup();
    names
}

/// Keys of TOML tables whose name ends in `dependencies` (`[dependencies]`, `[dev-dependencies]`,
/// `[tool.poetry.dependencies]`, `[packages]` in a Pipfile), and `[dependencies.NAME]` tables.
fn toml_dependency_keys(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_deps = false;
    for line in text.lines().map(str::trim) {
        if let Some(header) = line.strip_prefix('[') {
            let header = header.trim_start_matches('[').trim_end_matches(']').trim();
            let (table, key) = header.rsplit_once('.').unwrap_or(("", header));
            in_deps = header.ends_with("dependencies") || matches!(header, "packages" | "dev-packages");
            if table.ends_with("dependencies") {
                out.push(unquote(key));
            }
            continue;
        }
        if in_deps
            && !line.starts_with('#')
            && let Some(key) = line.split(['=', '.']).next().filter(|k| !k.trim().is_empty())
        {
            out.push(unquote(key.trim()));
        }
    }
    out
}

fn json_dependency_keys(text: &str) -> Vec<String> {
    let Ok(value) = serde_json::from_str::<serde_json::Value>(text) else { return Vec::new() };
    ["dependencies", "devDependencies", "peerDependencies", "optionalDependencies", "require", "require-dev"]
        .iter()
        .filter_map(|k| value.get(k).and_then(serde_json::Value::as_object))
        .flat_map(|m| m.keys().cloned())
        .collect()
}

fn go_requires(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_block = false;
    for line in text.lines().map(str::trim) {
        if line.starts_with("require (") {
            in_block = true;
        } else if in_block && line.starts_with(')') {
            in_block = false;
        } else if let Some(rest) = line.strip_prefix("require ").or(in_block.then_some(line))
            && let Some(path) = rest.split_whitespace().next().filter(|p| !p.starts_with("//"))
        {
            out.push(path.to_string());
        }
    }
    out
}

fn requirement_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#') && !l.starts_with('-'))
        .flat_map(gradle_or_pep508)
        .collect()
}

/// Values of `gem "name"` or similar lines.
fn prefixed_quoted(text: &str, prefix: &str) -> Vec<String> {
    text.lines()
        .filter_map(|l| l.trim().strip_prefix(prefix))
        .filter_map(|rest| quoted_strings(rest).into_iter().next())
        .collect()
}

fn attribute_values(text: &str, attribute: &str) -> Vec<String> {
    text.split(attribute).skip(1).filter_map(|rest| rest.split('"').next()).map(str::to_string).collect()
}

pub fn element_texts(text: &str, element: &str) -> Vec<String> {
    let open = format!("<{element}>");
    let close = format!("</{element}>");
    text.split(&open).skip(1).filter_map(|rest| rest.split(&close).next()).map(|s| s.trim().to_string()).collect()
}

/// Every single- or double-quoted string on each line.
fn quoted_strings(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        for quote in ['"', '\''] {
            out.extend(line.split(quote).skip(1).step_by(2).map(str::to_string));
        }
    }
    out
}

/// `group:artifact:version` gives group and artifact; `name>=1.0` (PEP 508) gives the name.
fn gradle_or_pep508(s: &str) -> Vec<String> {
    let s = s.trim();
    if s.contains(':') && !s.contains(' ') && !s.contains("//") {
        return s.split(':').take(2).map(str::to_string).collect();
    }
    let end = s.find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))).unwrap_or(s.len());
    if end == 0 { Vec::new() } else { vec![s[..end].to_string()] }
}

fn unquote(s: &str) -> String {
    s.trim().trim_matches('"').trim_matches('\'').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cargo_tables_and_dotted_keys() {
        let text = "[package]\nname = \"a\"\n[dependencies]\nserde = \"1\"\ntokio.workspace = true\n[dependencies.tracing]\nversion = \"0.1\"\n[dev-dependencies]\nproptest = \"1\"\n";
        assert_eq!(names("Cargo.toml", text), ["proptest", "serde", "tokio", "tracing"]);
    }

    #[test]
    fn npm_go_python_ruby_dotnet_maven() {
        let npm = r#"{"dependencies":{"@opentelemetry/api":"1"},"devDependencies":{"jest":"29"}}"#;
        assert_eq!(names("package.json", npm), ["@opentelemetry/api", "jest"]);
        let go = "module x\n\nrequire (\n\tgo.opentelemetry.io/otel v1.0.0\n)\nrequire github.com/prometheus/client_golang v1.2\n";
        assert_eq!(names("go.mod", go), ["github.com/prometheus/client_golang", "go.opentelemetry.io/otel"]);
        assert_eq!(names("requirements-dev.txt", "# c\nprometheus-client>=0.1\n-r base.txt\n"), ["prometheus-client"]);
        assert_eq!(names("Gemfile", "gem 'ddtrace', '~> 1'\n"), ["ddtrace"]);
        let csproj = r#"<PackageReference Include="OpenTelemetry.Exporter" Version="1" />"#;
        assert_eq!(names("Api.csproj", csproj), ["opentelemetry.exporter"]);
        let pom = "<dependency><groupId>io.micrometer</groupId><artifactId>micrometer-registry-prometheus</artifactId></dependency>";
        assert_eq!(names("pom.xml", pom), ["io.micrometer", "micrometer-registry-prometheus"]);
        let gradle = "implementation(\"io.opentelemetry:opentelemetry-api:1.0\")\n";
        assert!(names("build.gradle.kts", gradle).contains(&"opentelemetry-api".to_string()));
    }
}
