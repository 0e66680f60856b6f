//! Names that say what a folder, a Dockerfile variant or a service is for.

use super::images::Category;

/// Folder names that say nothing about the service built in them; a unit is named after the
/// nearest folder above that is not one of these.
pub const GENERIC_DIRS: &[&str] = &[
    ".",
    "src",
    "source",
    "app",
    "apps",
    "docker",
    "dockerfiles",
    "build",
    "deploy",
    "deployment",
    "deployments",
    "kubernetes",
    "k8s",
    "kube",
    "manifests",
    "helm",
    "charts",
    "templates",
    "main",
    "cmd",
    "server",
    "services",
    "service",
    "containers",
    "infra",
    "infrastructure",
    "base",
    "overlays",
    "release",
];

/// `Dockerfile.<suffix>` (or `-`, `_`) variants that build the same unit for development, tests
/// or debugging: never a deployable of their own.
pub const VARIANTS: &[&str] = &[
    "debug",
    "dev",
    "develop",
    "development",
    "local",
    "test",
    "tests",
    "testing",
    "ci",
    "original",
    "orig",
    "bak",
    "old",
    "e2e",
    "integration",
    "sample",
    "example",
    "devcontainer",
];

/// Suffixes that name another build of the same unit when a plain `Dockerfile` sits beside them.
pub const ALTERNATES: &[&str] = &[
    "base",
    "builder",
    "build",
    "prod",
    "production",
    "release",
    "alpine",
    "slim",
    "distroless",
    "windows",
    "arm64",
    "rootless",
    "nonroot",
    "ubi",
    "fips",
    "gpu",
    "cuda",
    "cpu",
];

/// (word in a folder, service or Dockerfile name, category, what it is). Matched against the
/// name's words (split on `-`, `_`, `.`, `/` and case changes).
pub const ROLES: &[(&str, Category, &str)] = &[
    ("migrator", Category::Tooling, "a database migration run once"),
    ("migration", Category::Tooling, "a database migration run once"),
    ("migrations", Category::Tooling, "a database migration run once"),
    ("migrate", Category::Tooling, "a database migration run once"),
    ("seeder", Category::Tooling, "a data seeding step run once"),
    ("loadgenerator", Category::Tooling, "a load generator for testing"),
    ("loadgen", Category::Tooling, "a load generator for testing"),
    ("locust", Category::Tooling, "a load generator for testing"),
    ("genproto", Category::Tooling, "code generation"),
    ("codegen", Category::Tooling, "code generation"),
    ("protoc", Category::Tooling, "code generation"),
    ("devcontainer", Category::DevEnvironment, "a development container"),
    ("android", Category::ClientApp, "a mobile build"),
    ("ios", Category::ClientApp, "a mobile build"),
    ("e2e", Category::Tooling, "end-to-end tests"),
    ("uitest", Category::Tooling, "UI tests"),
    ("uitests", Category::Tooling, "UI tests"),
];

/// (text in a build manifest, category, what it is): projects that build something other than a
/// service, such as a desktop or mobile client or a host that starts the services for local runs.
pub const MANIFEST_ROLES: &[(&str, Category, &str)] = &[
    ("<UseWPF>true", Category::ClientApp, "a desktop client (WPF)"),
    ("<UseWindowsForms>true", Category::ClientApp, "a desktop client (Windows Forms)"),
    ("<UseWinUI>true", Category::ClientApp, "a desktop client (WinUI)"),
    ("<UseMaui>true", Category::ClientApp, "a mobile or desktop client (.NET MAUI)"),
    ("Microsoft.NET.Sdk.BlazorWebAssembly", Category::ClientApp, "a browser client (Blazor WebAssembly)"),
    ("Xamarin.Forms", Category::ClientApp, "a mobile client (Xamarin)"),
    ("-android</TargetFramework", Category::ClientApp, "a mobile client (Android)"),
    ("-ios</TargetFramework", Category::ClientApp, "a mobile client (iOS)"),
    ("<IsAspireHost>true", Category::OrchestrationHost, "an orchestration host (.NET Aspire AppHost)"),
    ("Aspire.AppHost.Sdk", Category::OrchestrationHost, "an orchestration host (.NET Aspire AppHost)"),
    ("com.android.application", Category::ClientApp, "a mobile client (Android)"),
    ("\"electron\"", Category::ClientApp, "a desktop client (Electron)"),
];

/// The role a build manifest's text gives its unit, if any (see `MANIFEST_ROLES`).
pub fn manifest_role(text: &str) -> Option<(Category, &'static str)> {
    MANIFEST_ROLES.iter().find(|(marker, _, _)| text.contains(marker)).map(|(_, c, what)| (*c, *what))
}

/// Folders whose Dockerfiles build tools rather than services.
pub const TOOLING_DIRS: &[&str] =
    &[".github", ".circleci", ".gitlab", "tools", "tool", "hack", "scripts", "ci", "util"];

/// The words of a name: `WorkshopManagement.UnitTests` gives `workshop`, `management`, `unit`,
/// `tests` and the joined parts `workshopmanagement`, `unittests`.
pub fn words(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in name.split(['-', '_', '.', '/', ' ']).filter(|p| !p.is_empty()) {
        out.push(part.to_ascii_lowercase());
        let mut word = String::new();
        let mut after_lower = false;
        for c in part.chars() {
            if c.is_ascii_uppercase() && after_lower {
                out.push(std::mem::take(&mut word).to_ascii_lowercase());
            }
            after_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
            word.push(c);
        }
        if word.len() < part.len() {
            out.push(word.to_ascii_lowercase());
        }
    }
    out
}

/// The role a name gives away, if any (see `ROLES`).
pub fn role(name: &str) -> Option<(Category, &'static str)> {
    let words = words(name);
    ROLES.iter().find(|(w, _, _)| words.iter().any(|x| x == w)).map(|(_, c, what)| (*c, *what))
}

/// Lower case with separators removed, for comparing `catalog.api`, `CatalogApi` and `catalog-api`.
pub fn squash(name: &str) -> String {
    name.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_word_is_found_in_a_name() {
        for (word, category, _) in ROLES {
            assert_eq!(role(&format!("acme-{word}")).map(|r| r.0), Some(*category), "{word}");
        }
        assert_eq!(role("DatabaseMigrator").map(|r| r.0), Some(Category::Tooling));
        assert_eq!(role("orders"), None);
        assert_eq!(role("iostream-service"), None);
    }

    #[test]
    fn every_manifest_role_is_found() {
        for (marker, category, _) in MANIFEST_ROLES {
            assert_eq!(manifest_role(&format!("<Project>{marker}</Project>")).map(|r| r.0), Some(*category));
        }
        assert_eq!(manifest_role("<Project Sdk=\"Microsoft.NET.Sdk.Worker\">"), None);
    }

    #[test]
    fn generic_and_variant_names_are_lower_case_words() {
        for name in GENERIC_DIRS.iter().chain(VARIANTS).chain(ALTERNATES).chain(TOOLING_DIRS) {
            assert_eq!(name.to_ascii_lowercase(), *name);
            assert!(!name.is_empty() && !name.contains('/'), "{name}");
        }
    }

    #[test]
    fn names_compare_without_separators() {
        assert_eq!(squash("Catalog.API"), squash("catalog-api"));
        assert!(words("WorkshopManagementEventHandler").contains(&"handler".to_string()));
    }
}
